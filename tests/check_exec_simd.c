/* Advanced SIMD integer, data-movement and SIMD&FP load/store semantics,
 * one test case per spec encoding id, with hand-computed expectations
 * (lane boundaries, saturation and FPSR.QC, structure layouts, writeback). */
#include <check.h>
#include <stdlib.h>

#include "exec_harness.h"

static void setup(void) { harness_setup("max", true); }

#define QC (1u << 27)

/* ---------------------------------------------------------------- loads and stores */

START_TEST(LDR_Q_ldst_pos)
{
    /* ldr q0, [x1, #16] */
    cpu_set_x(cpu, 1, DATA);
    step(0x3dc00420);
    v_is(0, 0x1716151413121110ull, 0x1f1e1d1c1b1a1918ull);
}
END_TEST

START_TEST(STR_Q_ldst_immpost)
{
    /* str q1, [x2], #-32: stores at x2, then x2 -= 32 */
    cpu_set_v(cpu, 1, 0x0011223344556677ull, 0x8899aabbccddeeffull);
    cpu_set_x(cpu, 2, DATA + 0x100);
    step(0x3c9e0441);
    ck_assert_uint_eq(mem64(DATA + 0x100), 0x0011223344556677ull);
    ck_assert_uint_eq(mem64(DATA + 0x108), 0x8899aabbccddeeffull);
    ck_assert_uint_eq(cpu_get_x(cpu, 2), DATA + 0xe0);
}
END_TEST

START_TEST(LDP_Q_ldstpair_off)
{
    /* ldp q2, q3, [x1, #32] */
    cpu_set_x(cpu, 1, DATA);
    step(0xad410c22);
    v_is(2, 0x2726252423222120ull, 0x2f2e2d2c2b2a2928ull);
    v_is(3, 0x3736353433323130ull, 0x3f3e3d3c3b3a3938ull);
}
END_TEST

START_TEST(LDR_D_loadlit)
{
    /* ldr d0, .+8: the literal follows the instruction; bits 127:64 are zeroed */
    uint64_t lit = 0x1122334455667788ull;
    ck_assert(guest_mem_copy_in(mem, CODE + 8, &lit, 8));
    cpu_set_v(cpu, 0, ~0ull, ~0ull);
    step(0x5c000040);
    v_is(0, 0x1122334455667788ull, 0);
}
END_TEST

START_TEST(LD3_asisdlsep_I3_i)
{
    /* ld3 {v0.8b-v2.8b}, [x0], #24: de-interleaves bytes 0..23; upper halves zeroed */
    for (int r = 0; r < 3; r++)
        cpu_set_v(cpu, r, ~0ull, ~0ull);
    cpu_set_x(cpu, 0, DATA);
    step(0x0cdf4000);
    v_is(0, 0x15120f0c09060300ull, 0);
    v_is(1, 0x1613100d0a070401ull, 0);
    v_is(2, 0x1714110e0b080502ull, 0);
    ck_assert_uint_eq(cpu_get_x(cpu, 0), DATA + 24);
}
END_TEST

START_TEST(ST1_asisdlsep_R4_r4)
{
    /* st1 {v4.16b-v7.16b}, [x0], x3: 64 consecutive bytes, x0 += x3 */
    for (int r = 4; r < 8; r++)
        cpu_set_v(cpu, r, 0x1000ull * r + 1, 0x1000ull * r + 2);
    cpu_set_x(cpu, 0, DATA + 0x200);
    cpu_set_x(cpu, 3, 100);
    step(0x4c832004);
    for (int r = 4; r < 8; r++) {
        ck_assert_uint_eq(mem64(DATA + 0x200 + 16 * (r - 4)), 0x1000ull * r + 1);
        ck_assert_uint_eq(mem64(DATA + 0x208 + 16 * (r - 4)), 0x1000ull * r + 2);
    }
    ck_assert_uint_eq(cpu_get_x(cpu, 0), DATA + 0x200 + 100);
}
END_TEST

START_TEST(LD1_asisdlso_S1_1s)
{
    /* ld1 {v0.s}[3], [x0]: only lane 3 changes */
    cpu_set_v(cpu, 0, ~0ull, ~0ull);
    cpu_set_x(cpu, 0, DATA + 4);
    step(0x4d409000);
    v_is(0, ~0ull, 0x07060504ffffffffull);
}
END_TEST

START_TEST(LD4_asisdlsop_S4_i4s)
{
    /* ld4 {v0.s-v3.s}[1], [x0], #16 */
    for (int r = 0; r < 4; r++)
        cpu_set_v(cpu, r, 0, 0x5555);
    cpu_set_x(cpu, 0, DATA);
    step(0x0dffb000);
    v_is(0, 0x0302010000000000ull, 0x5555);
    v_is(1, 0x0706050400000000ull, 0x5555);
    v_is(2, 0x0b0a090800000000ull, 0x5555);
    v_is(3, 0x0f0e0d0c00000000ull, 0x5555);
    ck_assert_uint_eq(cpu_get_x(cpu, 0), DATA + 16);
}
END_TEST

START_TEST(LD1R_asisdlso_R1)
{
    /* ld1r {v1.8h}, [x0] */
    cpu_set_x(cpu, 0, DATA + 0x10);
    step(0x4d40c401);
    v_is(1, 0x1110111011101110ull, 0x1110111011101110ull);
}
END_TEST

/* ---------------------------------------------------------------- data movement */

START_TEST(TBL_asimdtbl_L1_1)
{
    /* tbl v0.16b, {v1.16b}, v2.16b: indices >= 16 give 0 */
    cpu_set_v(cpu, 1, 0xa7a6a5a4a3a2a1a0ull, 0xafaeadacabaaa9a8ull);
    cpu_set_v(cpu, 2, 0x80030201ff100f00ull, 0x0706050403020100ull);
    step(0x4e020020);
    v_is(0, 0x00a3a2a10000afa0ull, 0xa7a6a5a4a3a2a1a0ull);
}
END_TEST

START_TEST(TBX_asimdtbl_L2_2)
{
    /* tbx v0.8b, {v1.16b, v2.16b}, v3.8b: indices >= 32 keep the byte; upper half zeroed */
    cpu_set_v(cpu, 0, 0x1111111111111111ull, 0x2222222222222222ull);
    cpu_set_v(cpu, 1, 0xa7a6a5a4a3a2a1a0ull, 0xafaeadacabaaa9a8ull);
    cpu_set_v(cpu, 2, 0xb7b6b5b4b3b2b1b0ull, 0xbfbebdbcbbbab9b8ull);
    cpu_set_v(cpu, 3, 0x0f1808ff201f1000ull, 0);
    step(0x0e033020);
    v_is(0, 0xafb8a81111bfb0a0ull, 0);
}
END_TEST

START_TEST(MOVI_asimdimm_D2_d)
{
    /* movi v0.2d, #0xff00ff00ff00ff00 */
    cpu_set_v(cpu, 0, 0x1234, 0x5678);
    step(0x6f05e540);
    v_is(0, 0xff00ff00ff00ff00ull, 0xff00ff00ff00ff00ull);
}
END_TEST

START_TEST(MOVI_asimdimm_M_sm)
{
    /* movi v1.4s, #0xab, msl #16: ones shifted in */
    step(0x4f05d561);
    v_is(1, 0x00abffff00abffffull, 0x00abffff00abffffull);
}
END_TEST

START_TEST(MVNI_asimdimm_L_hl)
{
    /* mvni v0.8h, #0x1, lsl #8 */
    step(0x6f00a420);
    v_is(0, 0xfefffefffefffeffull, 0xfefffefffefffeffull);
}
END_TEST

START_TEST(UMOV_asimdins_W_w_B)
{
    /* umov w0, v1.b[15] */
    cpu_set_x(cpu, 0, ~0ull);
    cpu_set_v(cpu, 1, 0, 0xab00000000000000ull);
    step(0x0e1f3c20);
    ck_assert_uint_eq(cpu_get_x(cpu, 0), 0xab);
}
END_TEST

START_TEST(SMOV_asimdins_X_x_H)
{
    /* smov x0, v1.h[3] */
    cpu_set_v(cpu, 1, 0x8001000000000000ull, 0);
    step(0x4e0e2c20);
    ck_assert_uint_eq(cpu_get_x(cpu, 0), 0xffffffffffff8001ull);
}
END_TEST

START_TEST(INS_asimdins_IR_r_S)
{
    /* mov v0.s[2], w1 */
    cpu_set_v(cpu, 0, 0x1111111111111111ull, 0x2222222222222222ull);
    cpu_set_x(cpu, 1, 0xdeadbeefcafef00dull);
    step(0x4e141c20);
    v_is(0, 0x1111111111111111ull, 0x22222222cafef00dull);
}
END_TEST

START_TEST(DUP_asimdins_DV_v_H)
{
    /* dup v0.8h, v1.h[5] */
    cpu_set_v(cpu, 1, 0xffffffffffffffffull, 0x0000000012340000ull);
    step(0x4e160420);
    v_is(0, 0x1234123412341234ull, 0x1234123412341234ull);
}
END_TEST

START_TEST(ZIP1_asimdperm_only)
{
    /* zip1 v0.16b, v1.16b, v2.16b */
    cpu_set_v(cpu, 1, 0x0706050403020100ull, 0x0f0e0d0c0b0a0908ull);
    cpu_set_v(cpu, 2, 0x1716151413121110ull, 0x1f1e1d1c1b1a1918ull);
    step(0x4e023820);
    v_is(0, 0x1303120211011000ull, 0x1707160615051404ull);
}
END_TEST

START_TEST(UZP2_asimdperm_only)
{
    /* uzp2 v0.4s, v1.4s, v2.4s: odd lanes of v2:v1 */
    cpu_set_v(cpu, 1, 0x0000000b0000000aull, 0x0000000d0000000cull);
    cpu_set_v(cpu, 2, 0x0000001500000014ull, 0x0000001700000016ull);
    step(0x4e825820);
    v_is(0, 0x0000000d0000000bull, 0x0000001700000015ull);
}
END_TEST

START_TEST(TRN1_asimdperm_only)
{
    /* trn1 v0.8h, v1.8h, v2.8h */
    cpu_set_v(cpu, 1, 0x0013001200110010ull, 0x0017001600150014ull);
    cpu_set_v(cpu, 2, 0x0023002200210020ull, 0x0027002600250024ull);
    step(0x4e422820);
    v_is(0, 0x0022001200200010ull, 0x0026001600240014ull);
}
END_TEST

START_TEST(EXT_asimdext_only)
{
    /* ext v0.16b, v1.16b, v2.16b, #5 */
    cpu_set_v(cpu, 1, 0x0706050403020100ull, 0x0f0e0d0c0b0a0908ull);
    cpu_set_v(cpu, 2, 0x1716151413121110ull, 0x1f1e1d1c1b1a1918ull);
    step(0x6e022820);
    v_is(0, 0x0c0b0a0908070605ull, 0x14131211100f0e0dull);
}
END_TEST

START_TEST(REV64_asimdmisc_R)
{
    /* rev64 v0.4s, v1.4s */
    cpu_set_v(cpu, 1, 0x0000000b0000000aull, 0x0000000d0000000cull);
    step(0x4ea00820);
    v_is(0, 0x0000000a0000000bull, 0x0000000c0000000dull);
}
END_TEST

START_TEST(XTN_asimdmisc_N)
{
    /* xtn2 v0.8h, v1.4s: upper half written, lower kept */
    cpu_set_v(cpu, 0, 0x1111111111111111ull, 0x2222222222222222ull);
    cpu_set_v(cpu, 1, 0x9abcdef012345678ull, 0xffff000300010002ull);
    step(0x4e612820);
    v_is(0, 0x1111111111111111ull, 0x00030002def05678ull);
}
END_TEST

/* ---------------------------------------------------------------- integer arithmetic */

START_TEST(ADD_asimdsame_only)
{
    /* add v0.4s, v1.4s, v2.4s: no carry between lanes */
    cpu_set_v(cpu, 1, 0x00000001ffffffffull, 0x7fffffff80000000ull);
    cpu_set_v(cpu, 2, 0x0000000100000001ull, 0x0000000180000000ull);
    step(0x4ea28420);
    v_is(0, 0x0000000200000000ull, 0x8000000000000000ull);
}
END_TEST

START_TEST(UQADD_asimdsame_only)
{
    /* uqadd v0.16b, v1.16b, v2.16b: 0xff+1 and 0x80+0x80 saturate, QC set */
    ck_assert_uint_eq(fpsr() & QC, 0);
    cpu_set_v(cpu, 1, 0x00000000000080ffull, 0x0000000000000002ull);
    cpu_set_v(cpu, 2, 0x0000000000008001ull, 0x0000000000000003ull);
    step(0x6e220c20);
    v_is(0, 0xffffull, 5);
    ck_assert_uint_eq(fpsr() & QC, QC);
}
END_TEST

START_TEST(UQADD_no_saturation)
{
    /* without saturation QC stays clear */
    cpu_set_v(cpu, 1, 0x7f7f7f7f7f7f7f7full, 0);
    cpu_set_v(cpu, 2, 0x8080808080808080ull, 0);
    step(0x6e220c20);
    v_is(0, ~0ull, 0);
    ck_assert_uint_eq(fpsr() & QC, 0);
}
END_TEST

START_TEST(SQSUB_asimdsame_only)
{
    /* sqsub v0.8h: -32768-1 -> -32768, 32767-(-1) -> 32767, 5-3 = 2 */
    cpu_set_v(cpu, 1, 0x000000057fff8000ull, 0);
    cpu_set_v(cpu, 2, 0x00000003ffff0001ull, 0);
    step(0x4e622c20);
    v_is(0, 0x000000027fff8000ull, 0);
    ck_assert_uint_eq(fpsr() & QC, QC);
}
END_TEST

START_TEST(SQADD_asimdsame_only)
{
    /* sqadd v0.4s: 0x7fffffff+1 -> 0x7fffffff, 0x80000000+0xffffffff -> 0x80000000 */
    cpu_set_v(cpu, 1, 0x800000007fffffffull, 0x0000000100000002ull);
    cpu_set_v(cpu, 2, 0xffffffff00000001ull, 0x0000000100000003ull);
    step(0x4ea20c20);
    v_is(0, 0x800000007fffffffull, 0x0000000200000005ull);
    ck_assert_uint_eq(fpsr() & QC, QC);
}
END_TEST

START_TEST(ADDV_asimdall_only)
{
    /* addv b0, v1.16b: 16 * 0x11 = 0x110, low byte 0x10 */
    cpu_set_v(cpu, 0, ~0ull, ~0ull);
    cpu_set_v(cpu, 1, 0x1111111111111111ull, 0x1111111111111111ull);
    step(0x4e31b820);
    v_is(0, 0x10, 0);
}
END_TEST

START_TEST(UMAXV_asimdall_only)
{
    /* umaxv h0, v1.8h */
    cpu_set_v(cpu, 1, 0x00000003ffff0001ull, 0x8000000000000000ull);
    step(0x6e70a820);
    v_is(0, 0xffff, 0);
}
END_TEST

START_TEST(UADDLV_asimdall_only)
{
    /* uaddlv h0, v1.16b: 16 * 255 = 0xff0 */
    cpu_set_v(cpu, 1, ~0ull, ~0ull);
    step(0x6e303820);
    v_is(0, 0xff0, 0);
}
END_TEST

START_TEST(CMEQ_asimdmisc_Z)
{
    /* cmeq v0.4s, v1.4s, #0 */
    cpu_set_v(cpu, 1, 0x0000000100000000ull, 0x8000000000000000ull);
    step(0x4ea09820);
    v_is(0, 0x00000000ffffffffull, 0x00000000ffffffffull);
}
END_TEST

START_TEST(CMHI_asimdsame_only)
{
    /* cmhi v0.2d: unsigned compare */
    cpu_set_v(cpu, 1, ~0ull, 1);
    cpu_set_v(cpu, 2, 0x7fffffffffffffffull, 1);
    step(0x6ee23420);
    v_is(0, ~0ull, 0);
}
END_TEST

START_TEST(SHRN_asimdshf_N_B)
{
    /* shrn v0.8b, v1.8h, #4 */
    cpu_set_v(cpu, 1, 0xffff0ff0abcd1234ull, 0x00f0800000100000ull);
    step(0x0f0c8420);
    v_is(0, 0x0f000100ffffbc23ull, 0);
}
END_TEST

START_TEST(USHLL_asimdshf_L_H)
{
    /* uxtl v0.4s, v1.4h */
    cpu_set_v(cpu, 1, 0x80000001ffff1234ull, 0x9999);
    step(0x2f10a420);
    v_is(0, 0x0000ffff00001234ull, 0x0000800000000001ull);
}
END_TEST

START_TEST(SSHR_asimdshf_R_S)
{
    /* sshr v0.4s, v1.4s, #31 */
    cpu_set_v(cpu, 1, 0x7fffffff80000000ull, 0xffffffff00000001ull);
    step(0x4f210420);
    v_is(0, 0x00000000ffffffffull, 0xffffffff00000000ull);
}
END_TEST

START_TEST(UMULL_asimddiff_L)
{
    /* umull v0.2d, v1.2s, v2.2s */
    cpu_set_v(cpu, 1, 0x00000002ffffffffull, 0x7777);
    cpu_set_v(cpu, 2, 0x00000003ffffffffull, 0x8888);
    step(0x2ea2c020);
    v_is(0, 0xfffffffe00000001ull, 6);
}
END_TEST

START_TEST(ADDHN_asimddiff_N)
{
    /* addhn v0.8b, v1.8h, v2.8h: the high byte of each sum */
    cpu_set_v(cpu, 1, 0x00000000ff001234ull, 0);
    cpu_set_v(cpu, 2, 0x00000000010000ccull, 0);
    step(0x0e224020);
    v_is(0, 0x13, 0);
}
END_TEST

START_TEST(CNT_asimdmisc_R)
{
    /* cnt v0.16b, v1.16b */
    cpu_set_v(cpu, 1, 0x00000000800fff01ull, 0x5555555555555555ull);
    step(0x4e205820);
    v_is(0, 0x0000000001040801ull, 0x0404040404040404ull);
}
END_TEST

START_TEST(BSL_asimdsame_only)
{
    /* bsl v0.16b, v1.16b, v2.16b: v0 selects v1 (ones) over v2 (zeros) */
    cpu_set_v(cpu, 0, 0xff00ff00ff00ff00ull, 0x0f0f0f0f0f0f0f0full);
    cpu_set_v(cpu, 1, ~0ull, ~0ull);
    cpu_set_v(cpu, 2, 0, 0);
    step(0x6e621c20);
    v_is(0, 0xff00ff00ff00ff00ull, 0x0f0f0f0f0f0f0f0full);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("exec_simd");
    TCase *tc = tcase_create("simd");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, LDR_Q_ldst_pos);
    tcase_add_test(tc, STR_Q_ldst_immpost);
    tcase_add_test(tc, LDP_Q_ldstpair_off);
    tcase_add_test(tc, LDR_D_loadlit);
    tcase_add_test(tc, LD3_asisdlsep_I3_i);
    tcase_add_test(tc, ST1_asisdlsep_R4_r4);
    tcase_add_test(tc, LD1_asisdlso_S1_1s);
    tcase_add_test(tc, LD4_asisdlsop_S4_i4s);
    tcase_add_test(tc, LD1R_asisdlso_R1);
    tcase_add_test(tc, TBL_asimdtbl_L1_1);
    tcase_add_test(tc, TBX_asimdtbl_L2_2);
    tcase_add_test(tc, MOVI_asimdimm_D2_d);
    tcase_add_test(tc, MOVI_asimdimm_M_sm);
    tcase_add_test(tc, MVNI_asimdimm_L_hl);
    tcase_add_test(tc, UMOV_asimdins_W_w_B);
    tcase_add_test(tc, SMOV_asimdins_X_x_H);
    tcase_add_test(tc, INS_asimdins_IR_r_S);
    tcase_add_test(tc, DUP_asimdins_DV_v_H);
    tcase_add_test(tc, ZIP1_asimdperm_only);
    tcase_add_test(tc, UZP2_asimdperm_only);
    tcase_add_test(tc, TRN1_asimdperm_only);
    tcase_add_test(tc, EXT_asimdext_only);
    tcase_add_test(tc, REV64_asimdmisc_R);
    tcase_add_test(tc, XTN_asimdmisc_N);
    tcase_add_test(tc, ADD_asimdsame_only);
    tcase_add_test(tc, UQADD_asimdsame_only);
    tcase_add_test(tc, UQADD_no_saturation);
    tcase_add_test(tc, SQSUB_asimdsame_only);
    tcase_add_test(tc, SQADD_asimdsame_only);
    tcase_add_test(tc, ADDV_asimdall_only);
    tcase_add_test(tc, UMAXV_asimdall_only);
    tcase_add_test(tc, UADDLV_asimdall_only);
    tcase_add_test(tc, CMEQ_asimdmisc_Z);
    tcase_add_test(tc, CMHI_asimdsame_only);
    tcase_add_test(tc, SHRN_asimdshf_N_B);
    tcase_add_test(tc, USHLL_asimdshf_L_H);
    tcase_add_test(tc, SSHR_asimdshf_R_S);
    tcase_add_test(tc, UMULL_asimddiff_L);
    tcase_add_test(tc, ADDHN_asimddiff_N);
    tcase_add_test(tc, CNT_asimdmisc_R);
    tcase_add_test(tc, BSL_asimdsame_only);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
