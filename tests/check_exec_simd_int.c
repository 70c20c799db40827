/* Advanced SIMD integer shifts, saturating and by-element multiplies, dot
 * products and matrix multiplies: one case per spec encoding id, expectations
 * computed by hand from the Arm ARM pseudocode (saturation and FPSR.QC,
 * rounding, shifts by esize and more, element indexes, the "2" halves). */
#include <check.h>
#include <stdlib.h>

#include "exec_harness.h"

static void setup(void) { harness_setup("max", false); }

/* FPSR.QC through MRS x30, FPSR */
#define QC (1u << 27)
static uint64_t qc(void)
{
    step(0xd53b443e);
    return cpu_get_x(cpu, 30) & QC;
}

/* ------------------------------------------------------------ shifts by register */

START_TEST(SQSHL_asimdsame_only)
{
    /* sqshl v0.8h, v1.8h, v2.8h: the shift is the signed low byte of each lane of v2
     * 0x0001<<14 = 0x4000; 0x0001<<15 saturates; -16>>2 = -4; 0x1234<<127, 0x8000<<100
     * saturate; 0<<120 = 0; 0x8000>>128 = -1; 0x7fff>>20 = 0 */
    cpu_set_v(cpu, 1, 0x1234fff000010001ull, 0x7fff800000008000ull);
    cpu_set_v(cpu, 2, 0x007f00fe000fab0eull, 0x00ec008000780064ull);
    step(0x4e624c20);
    v_is(0, 0x7ffffffc7fff4000ull, 0x0000ffff00008000ull);
    ck_assert_uint_eq(qc(), QC);
}
END_TEST

START_TEST(UQSHL_asisdsame_only)
{
    /* uqshl d0, d1, d2: 1 << 64 saturates to all ones */
    cpu_set_v(cpu, 1, 1, 0);
    cpu_set_v(cpu, 2, 64, 0);
    step(0x7ee24c20);
    v_is(0, ~0ull, 0);
    ck_assert_uint_eq(qc(), QC);
}
END_TEST

START_TEST(UQRSHL_asisdsame_only)
{
    /* uqrshl d0, d1, d2 with d2 = -1: (2^64 - 1 + 1) >> 1 = 2^63, no saturation */
    cpu_set_v(cpu, 1, ~0ull, 0);
    cpu_set_v(cpu, 2, 0xff, 0);
    step(0x7ee25c20);
    v_is(0, 0x8000000000000000ull, 0);
    ck_assert_uint_eq(qc(), 0);
}
END_TEST

START_TEST(SRSHL_asimdsame_only)
{
    /* srshl v0.4s: (5+1)>>1 = 3; (-5+1)>>1 = -2; (-2^31 + 2^31)>>32 = 0;
     * 0x40000000<<1 = 0x80000000 (no saturation) */
    cpu_set_v(cpu, 1, 0xfffffffb00000005ull, 0x4000000080000000ull);
    cpu_set_v(cpu, 2, 0x000000ff000000ffull, 0x00000001000000e0ull);
    step(0x4ea25420);
    v_is(0, 0xfffffffe00000003ull, 0x8000000000000000ull);
    ck_assert_uint_eq(qc(), 0);
}
END_TEST

/* ------------------------------------------------------------ shifts by immediate */

START_TEST(SQRSHRN_asimdshf_N_B)
{
    /* sqrshrn2 v0.16b, v1.8h, #4: (x + 8) >> 4 saturated to a signed byte, into the
     * upper half; the lower half is kept */
    cpu_set_v(cpu, 0, 0x1122334455667788ull, 0xffffffffffffffffull);
    cpu_set_v(cpu, 1, 0x800007f807f70008ull, 0x00180017fff7fff8ull);
    step(0x4f0c9c20);
    v_is(0, 0x1122334455667788ull, 0x0201ff00807f7f01ull);
    ck_assert_uint_eq(qc(), QC);
}
END_TEST

START_TEST(SQSHRUN_asisdshf_N_H)
{
    /* sqshrun h0, s1, #4: -16 >> 4 = -1 saturates to 0; the rest of v0 is zeroed */
    cpu_set_v(cpu, 0, ~0ull, ~0ull);
    cpu_set_v(cpu, 1, 0xfffffff0ull, 0);
    step(0x7f1c8420);
    v_is(0, 0, 0);
    ck_assert_uint_eq(qc(), QC);
}
END_TEST

START_TEST(UQSHL_asisdshf_R_B)
{
    /* uqshl b0, b1, #7: 2 << 7 = 256 saturates to 0xff */
    cpu_set_v(cpu, 1, 0x02, 0);
    step(0x7f0f7420);
    v_is(0, 0xff, 0);
    ck_assert_uint_eq(qc(), QC);
}
END_TEST

START_TEST(SQSHLU_asimdshf_R_H)
{
    /* sqshlu v0.4h, v1.4h, #1: -1 -> 0 (saturated), 0x4000 -> 0x8000, 0x7fff -> 0xfffe, 1 -> 2 */
    cpu_set_v(cpu, 1, 0x00017fff4000ffffull, 0);
    step(0x2f116420);
    v_is(0, 0x0002fffe80000000ull, 0);
    ck_assert_uint_eq(qc(), QC);
}
END_TEST

START_TEST(URSRA_asimdshf_R_D)
{
    /* ursra v0.2d, v1.2d, #64: (x + 2^63) >> 64 added to the accumulator */
    cpu_set_v(cpu, 0, 10, 20);
    cpu_set_v(cpu, 1, ~0ull, 0x7fffffffffffffffull);
    step(0x6f403420);
    v_is(0, 11, 20);
}
END_TEST

START_TEST(SLI_asimdshf_R_B)
{
    /* sli v0.8b, v1.8b, #3: (0x81 << 3) & 0xff = 0x08, keeping bits 2:0 of v0 (0x07) */
    cpu_set_v(cpu, 0, ~0ull, ~0ull);
    cpu_set_v(cpu, 1, 0x8181818181818181ull, 0x8181818181818181ull);
    step(0x2f0b5420);
    v_is(0, 0x0f0f0f0f0f0f0f0full, 0);
}
END_TEST

START_TEST(SRI_asisdshf_R)
{
    /* sri d0, d1, #64 inserts nothing: d0 is kept, the upper half cleared */
    cpu_set_v(cpu, 0, 0x123456789abcdef0ull, 0xffff);
    cpu_set_v(cpu, 1, ~0ull, ~0ull);
    step(0x7f404420);
    v_is(0, 0x123456789abcdef0ull, 0);
}
END_TEST

START_TEST(SHLL_asimdmisc_S)
{
    /* shll v0.4s, v1.4h, #16 */
    cpu_set_v(cpu, 1, 0x800000011234ffffull, ~0ull);
    step(0x2e613820);
    v_is(0, 0x12340000ffff0000ull, 0x8000000000010000ull);
}
END_TEST

/* ------------------------------------------------------------ multiplies */

START_TEST(SQDMULH_asimdelem_R)
{
    /* sqdmulh v0.4h, v1.4h, v2.h[5] with v2.h[5] = -32768:
     * -32768 saturates to 0x7fff, 0x4000 -> 0xc000, 1 -> -1, 0 -> 0 */
    cpu_set_v(cpu, 1, 0x0000000140008000ull, 0);
    cpu_set_v(cpu, 2, 0, 0x0000000080000000ull);
    step(0x0f52c820);
    v_is(0, 0x0000ffffc0007fffull, 0);
    ck_assert_uint_eq(qc(), QC);
}
END_TEST

START_TEST(SQRDMLAH_asimdsame2_only)
{
    /* sqrdmlah v0.2s: 16 + (2 * 2^16 * 2^15 + 2^31) >> 32 = 17;
     * 0x7fff0000 + 2^29 saturates */
    cpu_set_v(cpu, 0, 0x7fff000000000010ull, 0);
    cpu_set_v(cpu, 1, 0x4000000000010000ull, 0);
    cpu_set_v(cpu, 2, 0x4000000000008000ull, 0);
    step(0x2e828420);
    v_is(0, 0x7fffffff00000011ull, 0);
    ck_assert_uint_eq(qc(), QC);
}
END_TEST

START_TEST(SQDMLAL_asimddiff_L)
{
    /* sqdmlal v0.2d, v1.2s, v2.2s: 2 * (-2^31)^2 saturates; 5 + 2 * 3 * -2 = -7 */
    cpu_set_v(cpu, 0, 0, 5);
    cpu_set_v(cpu, 1, 0x0000000380000000ull, 0);
    cpu_set_v(cpu, 2, 0xfffffffe80000000ull, 0);
    step(0x0ea29020);
    v_is(0, 0x7fffffffffffffffull, 0xfffffffffffffff9ull);
    ck_assert_uint_eq(qc(), QC);
}
END_TEST

START_TEST(SMLSL_asimdelem_L)
{
    /* smlsl2 v0.4s, v1.8h, v2.h[7] with v2.h[7] = -2, upper lanes 1, -1, 0x7fff, -32768:
     * 10 - x * -2 = 12, 8, 0x10008, -65526 */
    cpu_set_v(cpu, 0, 0x0000000a0000000aull, 0x0000000a0000000aull);
    cpu_set_v(cpu, 1, 0x1111111111111111ull, 0x80007fffffff0001ull);
    cpu_set_v(cpu, 2, 0, 0xfffe000000000000ull);
    step(0x4f726820);
    v_is(0, 0x000000080000000cull, 0xffff000a00010008ull);
}
END_TEST

START_TEST(MUL_asimdelem_R)
{
    /* mul v0.4s, v1.4s, v17.s[3] (Rm >= 16 through M) with v17.s[3] = 3 */
    cpu_set_v(cpu, 1, 0x8000000000000001ull, 0xffffffff55555556ull);
    cpu_set_v(cpu, 17, 0, 0x0000000300000000ull);
    step(0x4fb18820);
    v_is(0, 0x8000000000000003ull, 0xfffffffd00000002ull);
}
END_TEST

START_TEST(PMUL_asimdsame_only)
{
    /* pmul v0.8b: 3*3 = 5, 0xff*2 = 0xfe, 0x80*2 = 0 (low byte), 0x0f*0x0f = 0x55 */
    cpu_set_v(cpu, 1, 0x000000000f80ff03ull, 0);
    cpu_set_v(cpu, 2, 0x000000000f020203ull, 0);
    step(0x2e229c20);
    v_is(0, 0x000000005500fe05ull, 0);
}
END_TEST

/* ------------------------------------------------------------ dot and matrix products */

START_TEST(SDOT_asimdelem_D)
{
    /* sdot v0.4s, v1.16b, v2.4b[1] with bytes 1, -1, 2, -128:
     * 1 + (1 - 2 + 6 - 512) = -506; 1 + -128 * -126 = 0x3f01 */
    cpu_set_v(cpu, 0, 0x0000000100000001ull, 0x0000000100000001ull);
    cpu_set_v(cpu, 1, 0x8080808004030201ull, 0x8080808080808080ull);
    cpu_set_v(cpu, 2, 0x8002ff0100000000ull, 0);
    step(0x4fa2e020);
    v_is(0, 0x00003f01fffffe06ull, 0x00003f0100003f01ull);
}
END_TEST

START_TEST(USMMLA_asimdsame2_G)
{
    /* usmmla v0.4s: rows of v1 (unsigned) 1.. and 255.., rows of v2 (signed) 3.. and -1..:
     * [0] = 10 + 8*3, [1] = 8*-1, [2] = 8*255*3, [3] = 8*255*-1 */
    cpu_set_v(cpu, 0, 10, 0);
    cpu_set_v(cpu, 1, 0x0101010101010101ull, ~0ull);
    cpu_set_v(cpu, 2, 0x0303030303030303ull, ~0ull);
    step(0x4e82ac20);
    v_is(0, 0xfffffff800000022ull, 0xfffff808000017e8ull);
}
END_TEST

/* ------------------------------------------------------------ misc */

START_TEST(SQXTUN_asimdmisc_N)
{
    /* sqxtun v0.8b, v1.8h: 0x100 -> 0xff, -1 -> 0, 0x7f, 0xff, -32768 -> 0, 0x7fff -> 0xff, 0, 0x80 */
    cpu_set_v(cpu, 1, 0x00ff007fffff0100ull, 0x008000007fff8000ull);
    step(0x2e212820);
    v_is(0, 0x8000ff00ff7f00ffull, 0);
    ck_assert_uint_eq(qc(), QC);
}
END_TEST

START_TEST(SUQADD_asisdmisc_R)
{
    /* suqadd b0, b1: signed 0x70 + unsigned 0x90 = 256 saturates to 0x7f */
    cpu_set_v(cpu, 0, 0x70, 0);
    cpu_set_v(cpu, 1, 0x90, 0);
    step(0x5e203820);
    v_is(0, 0x7f, 0);
    ck_assert_uint_eq(qc(), QC);
}
END_TEST

START_TEST(SQNEG_asimdmisc_R)
{
    /* sqneg v0.4s: -2^31 saturates to 0x7fffffff, 1 -> -1, 0 -> 0, -1 -> 1 */
    cpu_set_v(cpu, 1, 0x0000000180000000ull, 0xffffffff00000000ull);
    step(0x6ea07820);
    v_is(0, 0xffffffff7fffffffull, 0x0000000100000000ull);
    ck_assert_uint_eq(qc(), QC);
}
END_TEST

START_TEST(SADALP_asimdmisc_P)
{
    /* sadalp v0.4h, v1.8b: pairs -256, 128, -2, 0 added to 1, -1, 2, 0x1234 */
    cpu_set_v(cpu, 0, 0x12340002ffff0001ull, ~0ull);
    cpu_set_v(cpu, 1, 0x0000ffff017f8080ull, 0);
    step(0x0e206820);
    v_is(0, 0x12340000007fff01ull, 0);
}
END_TEST

START_TEST(URECPE_asimdmisc_R)
{
    /* urecpe v0.2s: 0x80000000 (0.5) -> 0x1ff << 23; below 0.5 -> all ones */
    cpu_set_v(cpu, 1, 0x7fffffff80000000ull, 0);
    step(0x0ea1c820);
    v_is(0, 0xffffffffff800000ull, 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("exec_simd_int");
    TCase *tc = tcase_create("simd_int");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, SQSHL_asimdsame_only);
    tcase_add_test(tc, UQSHL_asisdsame_only);
    tcase_add_test(tc, UQRSHL_asisdsame_only);
    tcase_add_test(tc, SRSHL_asimdsame_only);
    tcase_add_test(tc, SQRSHRN_asimdshf_N_B);
    tcase_add_test(tc, SQSHRUN_asisdshf_N_H);
    tcase_add_test(tc, UQSHL_asisdshf_R_B);
    tcase_add_test(tc, SQSHLU_asimdshf_R_H);
    tcase_add_test(tc, URSRA_asimdshf_R_D);
    tcase_add_test(tc, SLI_asimdshf_R_B);
    tcase_add_test(tc, SRI_asisdshf_R);
    tcase_add_test(tc, SHLL_asimdmisc_S);
    tcase_add_test(tc, SQDMULH_asimdelem_R);
    tcase_add_test(tc, SQRDMLAH_asimdsame2_only);
    tcase_add_test(tc, SQDMLAL_asimddiff_L);
    tcase_add_test(tc, SMLSL_asimdelem_L);
    tcase_add_test(tc, MUL_asimdelem_R);
    tcase_add_test(tc, PMUL_asimdsame_only);
    tcase_add_test(tc, SDOT_asimdelem_D);
    tcase_add_test(tc, USMMLA_asimdsame2_G);
    tcase_add_test(tc, SQXTUN_asimdmisc_N);
    tcase_add_test(tc, SUQADD_asisdmisc_R);
    tcase_add_test(tc, SQNEG_asimdmisc_R);
    tcase_add_test(tc, SADALP_asimdmisc_P);
    tcase_add_test(tc, URECPE_asimdmisc_R);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
