/* SIMD&FP instructions: semantics with hand-computed expectations. These
 * also exercise the generator's 128-bit values (V registers, Vpart). */
#include <check.h>
#include <stdlib.h>

#include "exec_harness.h"

static void setup(void) { harness_setup("max", false); }

START_TEST(FMOV_D64_float2int)
{
    /* fmov d0, x1: writing D0 zeroes bits 127:64 */
    cpu_set_v(cpu, 0, 0x1111111111111111ull, 0x2222222222222222ull);
    cpu_set_x(cpu, 1, 0x0123456789abcdefull);
    step(0x9e670020);
    v_is(0, 0x0123456789abcdefull, 0);
}
END_TEST

START_TEST(FMOV_S32_float2int)
{
    /* fmov s0, w1: only the low 32 bits of x1; the rest of V0 is zeroed */
    cpu_set_v(cpu, 0, ~0ull, ~0ull);
    cpu_set_x(cpu, 1, 0xdeadbeefcafef00dull);
    step(0x1e270020);
    v_is(0, 0xcafef00dull, 0);
}
END_TEST

START_TEST(FMOV_V64I_float2int)
{
    /* fmov v0.d[1], x1: writes bits 127:64 and keeps bits 63:0 */
    cpu_set_v(cpu, 0, 0x1111111111111111ull, 0x2222222222222222ull);
    cpu_set_x(cpu, 1, 0xfedcba9876543210ull);
    step(0x9eaf0020);
    v_is(0, 0x1111111111111111ull, 0xfedcba9876543210ull);
}
END_TEST

START_TEST(FMOV_64VX_float2int)
{
    /* fmov x0, v1.d[1] */
    cpu_set_v(cpu, 1, 0x1111111111111111ull, 0x8000000000000001ull);
    step(0x9eae0020);
    ck_assert_uint_eq(cpu_get_x(cpu, 0), 0x8000000000000001ull);
}
END_TEST

START_TEST(FMOV_64D_float2int)
{
    /* fmov x0, d1 */
    cpu_set_v(cpu, 1, 0x0000000000000042ull, 0x9999999999999999ull);
    step(0x9e660020);
    ck_assert_uint_eq(cpu_get_x(cpu, 0), 0x42);
}
END_TEST

START_TEST(FMOV_32S_float2int)
{
    /* fmov w0, s1: zero-extends into x0 */
    cpu_set_x(cpu, 0, ~0ull);
    cpu_set_v(cpu, 1, 0xaaaaaaaa80000000ull, 0x1ull);
    step(0x1e260020);
    ck_assert_uint_eq(cpu_get_x(cpu, 0), 0x80000000ull);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("exec_simdfp");
    TCase *tc = tcase_create("fmov");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, FMOV_D64_float2int);
    tcase_add_test(tc, FMOV_S32_float2int);
    tcase_add_test(tc, FMOV_V64I_float2int);
    tcase_add_test(tc, FMOV_64VX_float2int);
    tcase_add_test(tc, FMOV_64D_float2int);
    tcase_add_test(tc, FMOV_32S_float2int);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
