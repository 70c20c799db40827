/* Decode tree: every encoding of the spec decodes to itself. */
#include <check.h>
#include <stdlib.h>

#include "a64_meta.h"
#include "cpu.h"

static uint32_t rng_state = 0x12345678;

static uint32_t rnd(void)
{
    /* xorshift32: deterministic, so a failure reproduces */
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

/* A word the encoding matches: random free bits, fixed and should-be bits as specified. */
static uint32_t instance(const A64EncodingInfo *e)
{
    uint32_t w = rnd();
    w = (w & ~e->mask) | e->match;
    w = (w & ~e->sb_mask) | e->sb_value;
    return w;
}

START_TEST(test_each_encoding_decodes_to_itself)
{
    ck_assert_int_gt(a64_n_encodings, 0);
    for (int i = 0; i < a64_n_encodings; i++) {
        const A64EncodingInfo *e = &a64_encodings[i];
        for (int k = 0; k < 200; k++) {
            uint32_t w = instance(e);
            int got = a64_decode_index(w);
            ck_assert_msg(got >= 0, "%s: 0x%08x does not decode", e->id, w);
            /* Only a declared, higher-priority overlap may take the word. */
            if (got != i)
                ck_assert_msg(a64_encodings[got].priority > e->priority &&
                                  (w & a64_encodings[got].mask) == a64_encodings[got].match,
                              "%s: 0x%08x decodes as %s", e->id, w, a64_encodings[got].id);
        }
    }
}
END_TEST

START_TEST(test_decoded_words_match_their_encoding)
{
    /* Random words: whatever decodes must satisfy that encoding's mask/match. */
    for (int k = 0; k < 200000; k++) {
        uint32_t w = rnd();
        int got = a64_decode_index(w);
        if (got >= 0)
            ck_assert_msg((w & a64_encodings[got].mask) == a64_encodings[got].match,
                          "0x%08x decoded as %s but does not match it", w, a64_encodings[got].id);
    }
}
END_TEST

START_TEST(test_known_words)
{
    /* Hand-checked against the Arm ARM encodings. */
    ck_assert_str_eq(cpu_decode_id(0x91000420), "ADD_64_addsub_imm"); /* add x0, x1, #1 */
    ck_assert_str_eq(cpu_decode_id(0x11000420), "ADD_32_addsub_imm"); /* add w0, w1, #1 */
    ck_assert_ptr_null(cpu_decode_id(0x00200000)); /* reserved: op0 = 0000, op1 = 0000000001 */
}
END_TEST

int main(void)
{
    Suite *s = suite_create("decode");
    TCase *tc = tcase_create("tree");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_each_encoding_decodes_to_itself);
    tcase_add_test(tc, test_decoded_words_match_their_encoding);
    tcase_add_test(tc, test_known_words);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
