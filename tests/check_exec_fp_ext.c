/* FEAT_FCMA, FEAT_FHM and FEAT_BF16 pages: directed cases whose
 * expectations are computed by hand from the Arm ARM pseudocode (FCMLA and
 * FCADD element selection, FPMulAddH, FPConvertBF, BFDotAdd round to odd). */
#include <check.h>
#include <stdlib.h>

#include "exec_harness.h"

static void setup(void) { harness_setup("max", false); }

/* singles 1.0 .. 8.0 */
#define S1 0x3f800000ull
#define S2 0x40000000ull
#define S3 0x40400000ull
#define S4 0x40800000ull
#define S5 0x40a00000ull
#define S6 0x40c00000ull
#define S7 0x40e00000ull
#define S8 0x41000000ull
#define PAIR(lo, hi) (((uint64_t)(hi) << 32) | (lo))

START_TEST(FCMLA_asimdsame2_C)
{
    /* fcmla v0.4s, v1.4s, v2.4s, #90: re += n.im * -m.im, im += n.im * m.re
     * n = {1+2i, 3+4i}, m = {5+6i, 7+8i}, d = {0.5+0.25i, 0}:
     * {0.5 - 12, 0.25 + 10} = {-11.5, 10.25}, {-32, 28} */
    cpu_set_v(cpu, 1, PAIR(S1, S2), PAIR(S3, S4));
    cpu_set_v(cpu, 2, PAIR(S5, S6), PAIR(S7, S8));
    cpu_set_v(cpu, 0, PAIR(0x3f000000, 0x3e800000), 0);
    step(0x6e82cc20);
    v_is(0, PAIR(0xc1380000, 0x41240000), PAIR(0xc2000000, 0x41e00000));
    ck_assert_uint_eq(fpsr(), 0);
    /* fcmla v0.2s, v1.2s, v2.2s, #180: re += n.re * -m.re, im += n.re * -m.im.
     * FPNeg flips the sign of a NaN too: m.re = qNaN 0x7fc00001 gives
     * re = 0xffc00001 (no IOC); im = 0 + 1 * -3 = -3. */
    cpu_set_v(cpu, 1, PAIR(S1, S2), 0);
    cpu_set_v(cpu, 2, PAIR(0x7fc00001, S3), 0);
    cpu_set_v(cpu, 0, 0, 0);
    step(0x2e82d420);
    v_is(0, PAIR(0xffc00001, 0xc0400000), 0);
    ck_assert_uint_eq(fpsr(), 0);
}
END_TEST

START_TEST(FCMLA_asimdelem)
{
    /* fcmla v0.4s, v1.4s, v2.s[1], #90: the pair m[2], m[3] = 7+8i for both
     * pairs of n = {1+2i, 3+4i}: {2 * -8, 2 * 7}, {4 * -8, 4 * 7} */
    cpu_set_v(cpu, 1, PAIR(S1, S2), PAIR(S3, S4));
    cpu_set_v(cpu, 2, PAIR(S5, S6), PAIR(S7, S8));
    cpu_set_v(cpu, 0, 0, 0);
    step(0x6f823820);
    v_is(0, PAIR(0xc1800000, 0x41600000), PAIR(0xc2000000, 0x41e00000));
    /* fcmla v0.8h, v1.8h, v31.h[3], #270: re += n.im * m.im, im += n.im * -m.re
     * with m pair 3 (halves 6, 7) = 2+0.5i and every n pair = 1+2i:
     * re = 2 * 0.5 = 1.0, im = 2 * -2 = -4.0 */
    cpu_set_v(cpu, 1, 0x40003c0040003c00ull, 0x40003c0040003c00ull);
    cpu_set_v(cpu, 31, 0, 0x3800400000000000ull);
    cpu_set_v(cpu, 0, 0, 0);
    step(0x6f7f7820);
    v_is(0, 0xc4003c00c4003c00ull, 0xc4003c00c4003c00ull);
    /* reserved: the single-precision form needs Q = 1 and L = 0, the
     * half-precision 64-bit form index 0 or 1, size 00 is unallocated */
    undefined(0x2f823820); /* fcmla v0.2s, v1.2s, v2.s[1], #90 */
    undefined(0x2f7f7820); /* fcmla v0.4h, v1.4h, v31.h[3], #270 */
    undefined(0x2ec2d420); /* fcmla v0.1d ... */
    undefined(0x6e02c420); /* size = 00 */
}
END_TEST

START_TEST(FCADD_asimdsame2_C)
{
    /* fcadd v0.4s, v1.4s, v2.4s, #270: re = n.re + m.im, im = n.im - m.re
     * {1+6, 2-5}, {3+8, 4-7} */
    cpu_set_v(cpu, 1, PAIR(S1, S2), PAIR(S3, S4));
    cpu_set_v(cpu, 2, PAIR(S5, S6), PAIR(S7, S8));
    step(0x6e82f420);
    v_is(0, PAIR(S7, 0xc0400000), PAIR(0x41300000, 0xc0400000));
    /* fcadd v0.4h, v1.4h, v2.4h, #90: re = n.re - m.im, im = n.im + m.re
     * (1+2i) + i(3+0.5i) = 0.5 + 5i; the zero pair gives 0 + -0 = +0 */
    cpu_set_v(cpu, 1, 0x40003c00ull, 0);
    cpu_set_v(cpu, 2, 0x38004200ull, 0);
    step(0x2e42e420);
    v_is(0, 0x45003800ull, 0);
    ck_assert_uint_eq(fpsr(), 0);
}
END_TEST

START_TEST(FMLAL_asimdsame_F)
{
    /* fmlal v0.4s, v1.4h, v2.4h (halves 0-3):
     * e0: 0.5 + 1 * 3 = 3.5
     * e1: 0 + 2^-24 * 2^-24 = 2^-48, exact in single (0x27800000)
     * e2: 1 + 65504^2 = 1 + 0xffc00400: the 1 is lost, IXC (0x4f7fc004)
     * e3: addend qNaN, op1 sNaN 0x7d00: the signalling NaN wins, widened and
     *     quieted (0x7fe00000), IOC */
    cpu_set_v(cpu, 1, 0x7d007bff00013c00ull, 0);
    cpu_set_v(cpu, 2, 0x3c007bff00014200ull, 0);
    cpu_set_v(cpu, 0, PAIR(0x3f000000, 0), PAIR(S1, 0x7fc00000));
    step(0x4e22ec20);
    v_is(0, PAIR(0x40600000, 0x27800000), PAIR(0x4f7fc004, 0x7fe00000));
    ck_assert_uint_eq(fpsr(), 0x11);
}
END_TEST

START_TEST(FMLAL2_FZ16)
{
    /* fmlal2 v0.2s, v1.2h, v2.2h takes halves 2 and 3:
     * e0 = 1 + 2^-24 * 2 = 1 + 2^-23, e1 = 1 + 1 * 2 = 3 */
    cpu_set_v(cpu, 1, 0x3c000001ffffffffull, 0);
    cpu_set_v(cpu, 2, 0x40004000ffffffffull, 0);
    cpu_set_v(cpu, 0, PAIR(S1, S1), 0);
    step(0x2e22cc20);
    v_is(0, PAIR(0x3f800001, S3), 0);
    ck_assert_uint_eq(fpsr(), 0);
    /* FPCR.FZ16: the denormal half is a zero, without IDC */
    fpcr(1u << 19);
    cpu_set_v(cpu, 0, PAIR(S1, S1), 0);
    step(0x2e22cc20);
    v_is(0, PAIR(S1, S3), 0);
    ck_assert_uint_eq(fpsr(), 0);
}
END_TEST

START_TEST(FMLSL_asimdelem_LH)
{
    /* fmlsl v0.2s, v1.2h, v2.h[2]: 1 - 2 * 0.5 = +0, 1 - 3 * 0.5 = -0.5 */
    cpu_set_v(cpu, 1, 0x42004000ull, 0);
    cpu_set_v(cpu, 2, 0x0000380000000000ull, 0);
    cpu_set_v(cpu, 0, PAIR(S1, S1), 0);
    step(0x0fa24020);
    v_is(0, PAIR(0, 0xbf000000), 0);
    ck_assert_uint_eq(fpsr(), 0);
}
END_TEST

START_TEST(BFCVT_BS_floatdp1)
{
    static const struct { uint32_t in, fpcr, out, fpsr; } c[] = {
        { 0x3f808000, 0, 0x3f80, 0x10 },          /* tie to even (down) */
        { 0x3f818000, 0, 0x3f82, 0x10 },          /* tie to even (up) */
        { 0x3f800001, 1u << 22, 0x3f81, 0x10 },   /* RP */
        { 0xbf800001, 1u << 22, 0xbf80, 0x10 },   /* RP, negative */
        { 0x3f80ffff, 3u << 22, 0x3f80, 0x10 },   /* RZ */
        { 0x7f7fffff, 0, 0x7f80, 0x14 },          /* overflow: OFC, IXC */
        { 0x7f7fffff, 3u << 22, 0x7f7f, 0x10 },   /* RZ: largest normal */
        { 0x00000001, 1u << 24, 0x0000, 0x80 },   /* FZ: IDC */
        { 0x80008001, 0, 0x8001, 0x18 },          /* tiny and inexact: UFC */
        { 0x00010000, 0, 0x0001, 0x00 },          /* exact denormal */
        { 0x7f800001, 0, 0x7fc0, 0x01 },          /* sNaN: quieted, IOC */
        { 0xffa10000, 1u << 25, 0x7fc0, 0x01 },   /* DN */
        { 0xff800000, 0, 0xff80, 0x00 },          /* -Inf */
    };
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        fpcr(c[i].fpcr);
        ck_assert(cpu_set_sysreg(cpu, "FPSR", 0));
        cpu_set_v(cpu, 1, 0xaaaaaaaa00000000ull | c[i].in, 0x5555);
        step(0x1e634020); /* bfcvt h0, s1 */
        v_is(0, c[i].out, 0);
        ck_assert_msg(fpsr() == c[i].fpsr, "case %zu: FPSR %llx", i, (unsigned long long)fpsr());
    }
}
END_TEST

START_TEST(BFCVTN2_asimdmisc_4S)
{
    /* bfcvtn2 v0.8h, v1.4s: {1.0, pi, -2.0, 0x3f808001} to the upper half,
     * the lower half kept */
    cpu_set_v(cpu, 1, PAIR(S1, 0x40490fdb), PAIR(0xc0000000, 0x3f808001));
    cpu_set_v(cpu, 0, 0x1122334455667788ull, 0xffffffffffffffffull);
    step(0x4ea16820);
    v_is(0, 0x1122334455667788ull, 0x3f81c00040493f80ull);
    ck_assert_uint_eq(fpsr(), 0x10);
}
END_TEST

START_TEST(BFDOT_round_to_odd)
{
    /* bfdot v0.2s, v1.4h, v2.4h:
     * e0: 1 + (1 * 3 + 2 * 0.5) = 5
     * e1: 1 + (2^-15 * 2^-15 + 0 * 0) = 1 + 2^-30, rounded to odd:
     *     0x3f800001 (round to nearest would give 1.0); no FPSR flag */
    cpu_set_v(cpu, 1, 0x0000380040003f80ull, 0);
    cpu_set_v(cpu, 2, 0x000038003f004040ull, 0);
    cpu_set_v(cpu, 0, PAIR(S1, S1), 0);
    step(0x2e42fc20);
    v_is(0, PAIR(S5, 0x3f800001), 0);
    ck_assert_uint_eq(fpsr(), 0);
    /* bfdot v0.4s, v1.8h, v2.2h[3]: pair 3 holds a signalling NaN: every
     * element is the default NaN (FPCR.DN = 0), no IOC */
    cpu_set_v(cpu, 1, 0x3f803f803f803f80ull, 0x3f803f803f803f80ull);
    cpu_set_v(cpu, 2, 0, 0x3f807f8100000000ull);
    step(0x4f62f820);
    v_is(0, 0x7fc000007fc00000ull, 0x7fc000007fc00000ull);
    ck_assert_uint_eq(fpsr(), 0);
    /* denormal inputs and results are zeros: 2^-100 * 2^-100 + 0 = +0, then
     * 1.5 * 2^-126 (a normal addend) + 0 keeps the addend */
    cpu_set_v(cpu, 1, 0x0000000000000d80ull, 0);
    cpu_set_v(cpu, 2, 0x0000000000000d80ull, 0);
    cpu_set_v(cpu, 0, PAIR(0x00c00000, 0x00400000), 0);
    step(0x2e42fc20);
    v_is(0, PAIR(0x00c00000, 0), 0);
    ck_assert_uint_eq(fpsr(), 0);
}
END_TEST

START_TEST(BFMMLA_asimdsame2_E)
{
    /* n = [[1, 2, 0, 0], [0, 0, 1, 1]], m = [[1, 1, 1, 1], [2, 0, 0, 3]]:
     * d = n * m^T = [[3, 2], [2, 3]] */
    cpu_set_v(cpu, 1, 0x0000000040003f80ull, 0x3f803f8000000000ull);
    cpu_set_v(cpu, 2, 0x3f803f803f803f80ull, 0x4040000000004000ull);
    cpu_set_v(cpu, 0, 0, 0);
    step(0x6e42ec20);
    v_is(0, PAIR(S3, S2), PAIR(S2, S3));
}
END_TEST

START_TEST(BFMLAL_ieee)
{
    /* bfmlalb v0.4s, v1.8h, v2.8h: even halves, IEEE fused multiply-add:
     * 2^-30 + 1 * 1.0078125 rounds to nearest: 0x3f810000, IXC */
    cpu_set_v(cpu, 1, 0x40003f80ull, 0);
    cpu_set_v(cpu, 2, 0x40003f81ull, 0);
    cpu_set_v(cpu, 0, 0x30800000ull, 0);
    step(0x2ec2fc20);
    v_is(0, 0x3f810000ull, 0);
    ck_assert_uint_eq(fpsr(), 0x10);
    /* bfmlalt: odd halves: 2^-30 + 2 * 2 = 4.0 */
    cpu_set_v(cpu, 0, 0x30800000ull, 0);
    step(0x6ec2fc20);
    v_is(0, S4, 0);
    /* bfmlalt v0.4s, v1.8h, v15.h[2]: odd halves of v1 times 0.5 */
    cpu_set_v(cpu, 1, 0x40003f80ull, 0x4100000000000000ull);
    cpu_set_v(cpu, 15, 0x00003f0000000000ull, 0);
    cpu_set_v(cpu, 0, 0, 0);
    step(0x4feff020);
    v_is(0, S1, PAIR(0, S4));
}
END_TEST

START_TEST(features_gate)
{
    /* cortex-a57 (Armv8.0) has neither FEAT_FCMA, FEAT_FHM nor FEAT_BF16 */
    teardown();
    harness_setup("cortex-a57", false);
    undefined(0x6e82cc20); /* fcmla */
    undefined(0x6e82f420); /* fcadd */
    undefined(0x4e22ec20); /* fmlal */
    undefined(0x1e634020); /* bfcvt */
    undefined(0x2e42fc20); /* bfdot */
}
END_TEST

int main(void)
{
    Suite *s = suite_create("exec_fp_ext");
    TCase *tc = tcase_create("fp_ext");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, FCMLA_asimdsame2_C);
    tcase_add_test(tc, FCMLA_asimdelem);
    tcase_add_test(tc, FCADD_asimdsame2_C);
    tcase_add_test(tc, FMLAL_asimdsame_F);
    tcase_add_test(tc, FMLAL2_FZ16);
    tcase_add_test(tc, FMLSL_asimdelem_LH);
    tcase_add_test(tc, BFCVT_BS_floatdp1);
    tcase_add_test(tc, BFCVTN2_asimdmisc_4S);
    tcase_add_test(tc, BFDOT_round_to_odd);
    tcase_add_test(tc, BFMMLA_asimdsame2_E);
    tcase_add_test(tc, BFMLAL_ieee);
    tcase_add_test(tc, features_gate);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
