/* Advanced SIMD floating-point pages (spec/a64/simdfp/F*_advsimd*, URECPE,
 * URSQRTE): directed cases whose expectations are computed by hand from
 * IEEE 754 and the Arm ARM pseudocode (Reduce, RecipEstimate,
 * RecipSqrtEstimate, FPConvert with round to odd, FPCompareGE ...). */
#include <check.h>
#include <stdlib.h>

#include "exec_harness.h"

static void setup(void) { harness_setup("max", false); }

START_TEST(FMAXV_reduction_tree)
{
    /* fmaxv s0, v1.4s with {qNaN A, 1.0, sNaN B, 2.0}. Reduce() is a tree:
     * max(max(A, 1.0), max(B, 2.0)) = max(A, quiet(B)) = A (first operand,
     * both quiet), IOC from B. A left-to-right chain would end in quiet(B). */
    cpu_set_v(cpu, 1, 0x3f8000007fc00001ull, 0x400000007f800002ull);
    step(0x6e30f820);
    v_is(0, 0x7fc00001, 0);
    ck_assert_uint_eq(fpsr(), 0x1); /* IOC */
}
END_TEST

START_TEST(URECPE_asimdmisc_R)
{
    /* urecpe v0.4s, v1.4s: 0x80000000 (0.5): a = 256, (2^19 DIV 513 + 1) DIV 2 = 511
     * -> 0xff800000; 0x7fffffff (< 0.5) -> all ones; 0xffffffff: a = 511 -> 256
     * -> 0x80000000; 0xc0000000: a = 384, (524288 DIV 769 + 1) DIV 2 = 341 -> 0xaa800000 */
    cpu_set_v(cpu, 1, 0x7fffffff80000000ull, 0xc0000000ffffffffull);
    step(0x4ea1c820);
    v_is(0, 0xffffffffff800000ull, 0xaa80000080000000ull);
}
END_TEST

START_TEST(URSQRTE_asimdmisc_R)
{
    /* ursqrte v0.4s, v1.4s: 0x40000000 (0.25): a = 128 -> 257, largest b with
     * 257 (b+1)^2 < 2^28 is 1022, (1023 DIV 2) = 511 -> 0xff800000;
     * 0x3fffffff (< 0.25) -> all ones; 0xffffffff: a = 511 -> 510 -> 1022, b = 512
     * -> 256 -> 0x80000000; 0x80000000: a = 256 -> 514, b = 722 -> 361 -> 0xb4800000 */
    cpu_set_v(cpu, 1, 0x3fffffff40000000ull, 0x80000000ffffffffull);
    step(0x6ea1c820);
    v_is(0, 0xffffffffff800000ull, 0xb480000080000000ull);
}
END_TEST

START_TEST(FCVTXN_round_to_odd)
{
    /* fcvtxn s0, d1: 1 + 2^-26 is not a single: truncate to 1.0 and force the
     * lowest bit -> 0x3f800001, IXC (round to nearest would give 0x3f800000) */
    cpu_set_v(cpu, 1, 0x3ff0000004000000ull, 0);
    step(0x7e616820);
    v_is(0, 0x3f800001, 0);
    ck_assert_uint_eq(fpsr(), 0x10);
    /* fcvtxn2 v0.4s, v1.2d: {1.5, 3.0} exact, to the upper half; lower half kept */
    cpu_set_v(cpu, 0, 0x1111111122222222ull, 0x3333333344444444ull);
    cpu_set_v(cpu, 1, 0x3ff8000000000000ull, 0x4008000000000000ull);
    step(0x6e616820);
    v_is(0, 0x1111111122222222ull, 0x404000003fc00000ull);
}
END_TEST

START_TEST(FCVTN_FCVTL_part2)
{
    /* fcvtn2 v0.8h, v1.4s: {1.0, 65520.0, -0.0, 0.5}; 65520 is halfway between
     * 65504 and 2^16 -> ties to even -> overflow -> +Inf, OFC + IXC */
    cpu_set_v(cpu, 0, 0x1234567812345678ull, 0xffffffffffffffffull);
    cpu_set_v(cpu, 1, 0x477ff0003f800000ull, 0x3f00000080000000ull);
    step(0x4e216820);
    v_is(0, 0x1234567812345678ull, 0x380080007c003c00ull);
    ck_assert_uint_eq(fpsr(), 0x14);
    /* fcvtl2 v0.4s, v1.8h: upper halves {1.0, -2.0, 65504, 0.5} */
    cpu_set_v(cpu, 1, 0, 0x38007bffc0003c00ull);
    step(0x4e217820);
    v_is(0, 0xc00000003f800000ull, 0x3f000000477fe000ull);
}
END_TEST

START_TEST(by_element)
{
    /* fmls v0.2d, v1.2d, v2.d[1]: {10, 1} - {2, 3} * 0.5 = {9.0, -0.5} */
    cpu_set_v(cpu, 0, 0x4024000000000000ull, 0x3ff0000000000000ull);
    cpu_set_v(cpu, 1, 0x4000000000000000ull, 0x4008000000000000ull);
    cpu_set_v(cpu, 2, 0x4059000000000000ull, 0x3fe0000000000000ull);
    step(0x4fc25820);
    v_is(0, 0x4022000000000000ull, 0xbfe0000000000000ull);
    /* fmla s0, s1, v2.s[3]: 1.0 + 2.0 * 4.0 = 9.0, bits 127:32 cleared */
    cpu_set_v(cpu, 0, 0xdeadbeef3f800000ull, 1);
    cpu_set_v(cpu, 1, 0x40000000, 0);
    cpu_set_v(cpu, 2, 0, 0x4080000000000000ull);
    step(0x5fa21820);
    v_is(0, 0x41100000, 0);
    /* fmul v0.8h, v1.8h, v15.h[7] (FEAT_FP16, Rm is 4 bits): 1.0 * 2.0 = 2.0 */
    cpu_set_v(cpu, 1, 0x3c003c003c003c00ull, 0x3c003c003c003c00ull);
    cpu_set_v(cpu, 15, 0, 0x4000000000000000ull);
    step(0x4f3f9820);
    v_is(0, 0x4000400040004000ull, 0x4000400040004000ull);
}
END_TEST

START_TEST(pairwise)
{
    /* faddp d0, v1.2d: 1.0 + 2.0 */
    cpu_set_v(cpu, 1, 0x3ff0000000000000ull, 0x4000000000000000ull);
    step(0x7e70d820);
    v_is(0, 0x4008000000000000ull, 0);
    /* faddp v0.4s, v1.4s, v2.4s: {1+2, 3+4, 10+20, 30+40} */
    cpu_set_v(cpu, 1, 0x400000003f800000ull, 0x4080000040400000ull);
    cpu_set_v(cpu, 2, 0x41a0000041200000ull, 0x4220000041f00000ull);
    step(0x6e22d420);
    v_is(0, 0x40e0000040400000ull, 0x428c000041f00000ull);
}
END_TEST

START_TEST(compare_and_abd)
{
    /* fcmle v0.4s, v1.4s, #0.0: {-0.0, 1.0, qNaN, -1.0} -> {ones, 0, 0, ones};
     * FPCompareGE signals Invalid Operation for a quiet NaN too */
    cpu_set_v(cpu, 1, 0x3f80000080000000ull, 0xbf8000007fc00000ull);
    step(0x6ea0d820);
    v_is(0, 0x00000000ffffffffull, 0xffffffff00000000ull);
    ck_assert_uint_eq(fpsr(), 0x1);
    /* fabd d0, d1, d2: |1.0 - 3.0| = 2.0 */
    cpu_set_v(cpu, 1, 0x3ff0000000000000ull, 0);
    cpu_set_v(cpu, 2, 0x4008000000000000ull, 0);
    step(0x7ee2d420);
    v_is(0, 0x4000000000000000ull, 0);
}
END_TEST

START_TEST(fixed_point_and_frint32)
{
    /* fcvtzs h0, h1, #1: -1.5 * 2 = -3 -> 0xfffd; V[d, 16] zeroes bits 127:16 */
    cpu_set_v(cpu, 1, 0xabcdef012345be00ull, 0x77);
    step(0x5f1ffc20);
    v_is(0, 0xfffd, 0);
    /* frint32z v0.2d, v1.2d: {2^31, -2.0}: 2^31 is out of range -> -2^31, IOC */
    cpu_set_v(cpu, 1, 0x41e0000000000000ull, 0xc000000000000000ull);
    step(0x4e61e820);
    v_is(0, 0xc1e0000000000000ull, 0xc000000000000000ull);
    ck_assert_uint_eq(fpsr(), 0x1);
}
END_TEST

START_TEST(FMOV_asimdimm)
{
    /* fmov v0.8h, #1.0 (FEAT_FP16) and fmov v0.2d, #-2.5 */
    step(0x4f03fe00);
    v_is(0, 0x3c003c003c003c00ull, 0x3c003c003c003c00ull);
    step(0x6f04f480);
    v_is(0, 0xc004000000000000ull, 0xc004000000000000ull);
    /* op = 1, Q = 0, cmode = 1111 is unallocated */
    undefined(0x2f04f480);
}
END_TEST

START_TEST(reserved_forms)
{
    /* fadd with sz:Q = 10 (1D), fmaxv s0, v1.2s (sz:Q = 00), urecpe v0.2d,
     * fmul (by element) d-form with L = 1: all UNDEFINED */
    undefined(0x0e62d420);
    undefined(0x2e30f820);
    undefined(0x4ee1c820);
    undefined(0x4fe29820);
}
END_TEST

START_TEST(features_gate)
{
    /* cortex-a57 (Armv8.0) has neither FEAT_FP16 nor FEAT_FRINTTS */
    teardown();
    harness_setup("cortex-a57", false);
    undefined(0x4f3f9820); /* fmul v0.8h, v1.8h, v15.h[7] */
    undefined(0x4f03fe00); /* fmov v0.8h, #1.0 */
    undefined(0x4e61e820); /* frint32z v0.2d, v1.2d */
    step(0x7e70d820);      /* faddp d0, v1.2d is Armv8.0 */
}
END_TEST

int main(void)
{
    Suite *s = suite_create("exec_fp_advsimd");
    TCase *tc = tcase_create("advsimd_fp");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, FMAXV_reduction_tree);
    tcase_add_test(tc, URECPE_asimdmisc_R);
    tcase_add_test(tc, URSQRTE_asimdmisc_R);
    tcase_add_test(tc, FCVTXN_round_to_odd);
    tcase_add_test(tc, FCVTN_FCVTL_part2);
    tcase_add_test(tc, by_element);
    tcase_add_test(tc, pairwise);
    tcase_add_test(tc, compare_and_abd);
    tcase_add_test(tc, fixed_point_and_frint32);
    tcase_add_test(tc, FMOV_asimdimm);
    tcase_add_test(tc, reserved_forms);
    tcase_add_test(tc, features_gate);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
