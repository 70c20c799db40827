/* Advanced SIMD integer <-> floating-point conversions (scalar in a SIMD&FP
 * register, and vector): expectations computed by hand from IEEE 754 and the
 * Arm ARM's FixedToFP/FPToFixed. */
#include <check.h>
#include <stdlib.h>

#include "exec_harness.h"

static void setup(void) { harness_setup("max", false); }

START_TEST(SCVTF_asisdmisc_R)
{
    /* scvtf d0, d0: -3 -> -3.0 = 0xc008000000000000; upper half cleared */
    cpu_set_v(cpu, 0, (uint64_t)-3, 0x1234);
    step(0x5e61d800);
    v_is(0, 0xc008000000000000ull, 0);
    /* scvtf s0, s0: 2^24 + 1 is not representable: ties to even gives 2^24 (IXC) */
    cpu_set_v(cpu, 0, 0x01000001, 0);
    step(0x5e21d800);
    v_is(0, 0x4b800000, 0);
    ck_assert_uint_eq(fpsr() & 0x10, 0x10);
}
END_TEST

START_TEST(UCVTF_asisdmisc_R)
{
    /* ucvtf d0, d0: 2^64 - 1 rounds to 2^64 = 0x43f0000000000000 */
    cpu_set_v(cpu, 0, ~0ull, 0);
    step(0x7e61d800);
    v_is(0, 0x43f0000000000000ull, 0);
}
END_TEST

START_TEST(FCVTZS_asisdmisc_R)
{
    /* fcvtzs d1, d1: 2.75 -> 2 (toward zero, IXC); -2.75 -> -2 */
    cpu_set_v(cpu, 1, 0x4006000000000000ull, 0);
    step(0x5ee1b821);
    v_is(1, 2, 0);
    ck_assert_uint_eq(fpsr() & 0x10, 0x10);
    cpu_set_v(cpu, 1, 0xc006000000000000ull, 0);
    step(0x5ee1b821);
    v_is(1, (uint64_t)-2, 0);
    /* fcvtzs s1, s1: 2^31 saturates to 0x7fffffff with IOC */
    ck_assert(cpu_set_sysreg(cpu, "FPSR", 0));
    cpu_set_v(cpu, 1, 0x4f000000, 0);
    step(0x5ea1b821);
    v_is(1, 0x7fffffff, 0);
    ck_assert_uint_eq(fpsr() & 0x1, 0x1);
}
END_TEST

START_TEST(FCVTZU_asisdmisc_R)
{
    /* fcvtzu d1, d1: -1.0 saturates to 0 with IOC */
    cpu_set_v(cpu, 1, 0xbff0000000000000ull, 0);
    step(0x7ee1b821);
    v_is(1, 0, 0);
    ck_assert_uint_eq(fpsr() & 0x1, 0x1);
}
END_TEST

START_TEST(SCVTF_asimdmisc_R)
{
    /* scvtf v0.4s, v1.4s: {1, -2, 3, -4} -> {1.0, -2.0, 3.0, -4.0} */
    cpu_set_v(cpu, 1, 0xfffffffe00000001ull, 0xfffffffc00000003ull);
    step(0x4e21d820);
    v_is(0, 0xc00000003f800000ull, 0xc080000040400000ull);
    /* scvtf v0.2d, v1.2d */
    cpu_set_v(cpu, 1, 1, (uint64_t)-1);
    step(0x4e61d820);
    v_is(0, 0x3ff0000000000000ull, 0xbff0000000000000ull);
}
END_TEST

START_TEST(UCVTF_asimdmisc_R)
{
    /* ucvtf v0.4s, v1.4s: 0xffffffff -> 2^32 = 0x4f800000 */
    cpu_set_v(cpu, 1, 0x00000002ffffffffull, 0x0000000000000000ull);
    step(0x6e21d820);
    v_is(0, 0x400000004f800000ull, 0);
}
END_TEST

START_TEST(FCVTZS_asimdmisc_R)
{
    /* fcvtzs v0.2s, v1.2s: {1.5, -7.9} -> {1, -7}; the upper 64 bits cleared */
    cpu_set_v(cpu, 1, 0xc0fccccd3fc00000ull, 0x1111);
    step(0x0ea1b820);
    v_is(0, 0xfffffff900000001ull, 0);
}
END_TEST

START_TEST(FCVTZU_asimdmisc_R)
{
    /* fcvtzu v0.2d, v1.2d: {3.99, 2^64} -> {3, saturated 2^64 - 1} */
    cpu_set_v(cpu, 1, 0x400feb851eb851ecull, 0x43f0000000000000ull);
    step(0x6ee1b820);
    v_is(0, 3, ~0ull);
}
END_TEST

START_TEST(reserved_1d)
{
    /* scvtf with sz:Q = 10 (a 1D arrangement) is UNDEFINED */
    uint32_t w = 0x0e61d820;
    ck_assert(guest_mem_copy_in(mem, CODE, &w, 4));
    cpu_set_pc(cpu, CODE);
    ck_assert_int_eq(cpu_run(cpu, 1), CPU_STOP_EXCEPTION);
    ck_assert_int_eq(cpu_exception(cpu)->kind, CPU_EXC_UNDEFINED);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("exec_fp_vec");
    TCase *tc = tcase_create("int_fp_conversions");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, SCVTF_asisdmisc_R);
    tcase_add_test(tc, UCVTF_asisdmisc_R);
    tcase_add_test(tc, FCVTZS_asisdmisc_R);
    tcase_add_test(tc, FCVTZU_asisdmisc_R);
    tcase_add_test(tc, SCVTF_asimdmisc_R);
    tcase_add_test(tc, UCVTF_asimdmisc_R);
    tcase_add_test(tc, FCVTZS_asimdmisc_R);
    tcase_add_test(tc, FCVTZU_asimdmisc_R);
    tcase_add_test(tc, reserved_1d);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
