/* The soft-float core (interp/softfloat*.c): hand-computed special cases
 * for every class of operand and every FPCR mode, and random operands
 * against the host's IEEE arithmetic as an oracle where the two must
 * agree (round to nearest, no FZ/DN, results that are not NaN). */
#include <check.h>
#include <fenv.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "softfloat.h"

#define RN 0
#define RP (UINT64_C(1) << 22)
#define RM (UINT64_C(2) << 22)
#define RZ (UINT64_C(3) << 22)
#define FZ SF_FPCR_FZ
#define DN SF_FPCR_DN
#define FZ16 SF_FPCR_FZ16
#define AHP SF_FPCR_AHP

/* ------------------------------------------------------------ oracle */

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* Random operands biased to the interesting places: exponents near the
 * ends and near each other, fractions with long runs of ones or zeros. */
static uint64_t rnd_fp(int N, int near_exp)
{
    int E = N == 16 ? 5 : N == 32 ? 8 : 11, F = N - E - 1;
    uint64_t r = rnd(), sign = r & 1, exp;
    switch ((r >> 1) & 7) {
    case 0: exp = 0; break;
    case 1: exp = 1 + (rnd() % 3); break;
    case 2: exp = ((UINT64_C(1) << E) - 2) - (rnd() % 3); break;
    case 3: case 4: exp = near_exp < 0 ? rnd() % ((UINT64_C(1) << E) - 1) : (uint64_t)near_exp + (rnd() % 5) - 2; break;
    default: exp = rnd() % ((UINT64_C(1) << E) - 1); break;
    }
    if (exp >= (UINT64_C(1) << E) - 1)
        exp = (UINT64_C(1) << E) - 2;
    uint64_t frac = rnd();
    switch ((r >> 4) & 3) {
    case 0: frac = ~(UINT64_C(0)) << (rnd() % F); break;
    case 1: frac = (UINT64_C(1) << (rnd() % F)) | (rnd() & 1); break;
    default: break;
    }
    frac &= (UINT64_C(1) << F) - 1;
    return (sign << (N - 1)) | (exp << F) | frac;
}

static int exp_of(int N, uint64_t x)
{
    int F = N == 16 ? 10 : N == 32 ? 23 : 52;
    return (int)((x >> F) & (N == 16 ? 0x1f : N == 32 ? 0xff : 0x7ff));
}

static uint64_t host_flags(void)
{
    int e = fetestexcept(FE_ALL_EXCEPT);
    return (e & FE_INVALID ? SF_IOC : 0) | (e & FE_DIVBYZERO ? SF_DZC : 0) | (e & FE_OVERFLOW ? SF_OFC : 0) |
           (e & FE_UNDERFLOW ? SF_UFC : 0) | (e & FE_INEXACT ? SF_IXC : 0);
}

enum { OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_SQRT, OP_FMA, OP_NOPS };

static double to_d(int N, uint64_t x)
{
    if (N == 64) {
        double d;
        memcpy(&d, &x, 8);
        return d;
    }
    if (N == 32) {
        float f;
        uint32_t u = (uint32_t)x;
        memcpy(&f, &u, 4);
        return f;
    }
    _Float16 h;
    uint16_t u = (uint16_t)x;
    memcpy(&h, &u, 2);
    return h;
}

/* The host's result; half precision goes through double, where sums,
 * products and (with 53 >= 2*11+2 bits) quotients and roots are safe
 * from double rounding. Flags for half come from the final rounding only. */
static uint64_t host_op(int N, int op, uint64_t a, uint64_t b, uint64_t c, uint64_t *flags)
{
    volatile double x = to_d(N, a), y = to_d(N, b), z = to_d(N, c);
    feclearexcept(FE_ALL_EXCEPT);
    uint64_t r;
    if (N == 64) {
        volatile double d = op == OP_ADD ? x + y : op == OP_SUB ? x - y : op == OP_MUL ? x * y : op == OP_DIV ? x / y
                          : op == OP_SQRT ? sqrt(x) : fma(y, z, x);
        memcpy(&r, (const void *)&d, 8);
    } else if (N == 32) {
        volatile float fx = (float)x, fy = (float)y, fz = (float)z;
        volatile float f = op == OP_ADD ? fx + fy : op == OP_SUB ? fx - fy : op == OP_MUL ? fx * fy
                         : op == OP_DIV ? fx / fy : op == OP_SQRT ? sqrtf(fx) : fmaf(fy, fz, fx);
        uint32_t u;
        memcpy(&u, (const void *)&f, 4);
        r = u;
    } else {
        volatile double d = op == OP_ADD ? x + y : op == OP_SUB ? x - y : op == OP_MUL ? x * y : op == OP_DIV ? x / y
                          : op == OP_SQRT ? sqrt(x) : 0;
        feclearexcept(FE_ALL_EXCEPT);
        volatile _Float16 h = (_Float16)d;
        uint16_t u;
        memcpy(&u, (const void *)&h, 2);
        r = u;
    }
    *flags = host_flags();
    return r;
}

static uint64_t sf_op(int N, int op, uint64_t a, uint64_t b, uint64_t c, uint64_t *flags)
{
    *flags = 0;
    switch (op) {
    case OP_ADD: return sf_add(N, a, b, 0, flags);
    case OP_SUB: return sf_sub(N, a, b, 0, flags);
    case OP_MUL: return sf_mul(N, a, b, 0, flags);
    case OP_DIV: return sf_div(N, a, b, 0, flags);
    case OP_SQRT: return sf_sqrt(N, a, 0, flags);
    default: return sf_muladd(N, a, b, c, 0, flags);
    }
}

static bool is_nan(int N, uint64_t x)
{
    int F = N == 16 ? 10 : N == 32 ? 23 : 52;
    return exp_of(N, x) == (N == 16 ? 0x1f : N == 32 ? 0xff : 0x7ff) && (x & ((UINT64_C(1) << F) - 1));
}

static void oracle_run(int N, int op, int count)
{
    int F = N == 16 ? 10 : N == 32 ? 23 : 52;
    for (int i = 0; i < count; i++) {
        uint64_t a = rnd_fp(N, -1);
        int ea = exp_of(N, a);
        uint64_t b = rnd_fp(N, op == OP_ADD || op == OP_SUB ? ea : -1);
        uint64_t c = rnd_fp(N, -1);
        if (op == OP_FMA) /* addend near the product's magnitude half the time */
            a = (rnd() & 1) ? a : rnd_fp(N, exp_of(N, b) + exp_of(N, c) - (N == 16 ? 15 : N == 32 ? 127 : 1023));
        if (op == OP_FMA && N == 16)
            continue;
        uint64_t hf, sff;
        uint64_t h = host_op(N, op, a, b, c, &hf);
        uint64_t s = sf_op(N, op, a, b, c, &sff);
        if (is_nan(N, h) && is_nan(N, s))
            continue; /* the host's default NaN differs; NaN rules are tested by hand */
        ck_assert_msg(h == s, "N=%d op=%d a=%llx b=%llx c=%llx: host %llx, soft %llx", N, op, (unsigned long long)a,
                      (unsigned long long)b, (unsigned long long)c, (unsigned long long)h, (unsigned long long)s);
        /* The host detects tininess after rounding, Arm before: results
         * that round to the smallest normal may differ in UFC. */
        uint64_t mask = SF_IOC | SF_DZC | SF_OFC | SF_IXC | SF_UFC;
        if (exp_of(N, s) <= 1 && (s & ((UINT64_C(1) << (F - 1)) - 1)) == 0)
            mask &= ~SF_UFC;
        if (N == 16)
            mask &= ~(SF_IOC | SF_DZC); /* raised by the double step, not the final rounding */
        ck_assert_msg((hf & mask) == (sff & mask), "N=%d op=%d a=%llx b=%llx c=%llx: flags host %llx soft %llx", N,
                      op, (unsigned long long)a, (unsigned long long)b, (unsigned long long)c,
                      (unsigned long long)hf, (unsigned long long)sff);
    }
}

START_TEST(oracle_double)
{
    for (int op = 0; op < OP_NOPS; op++)
        oracle_run(64, op, 40000);
}
END_TEST

START_TEST(oracle_single)
{
    for (int op = 0; op < OP_NOPS; op++)
        oracle_run(32, op, 40000);
}
END_TEST

START_TEST(oracle_half)
{
    for (int op = 0; op < OP_NOPS; op++)
        oracle_run(16, op, 40000);
}
END_TEST

/* Conversions against the host: double <-> single, int <-> double. */
START_TEST(oracle_convert)
{
    for (int i = 0; i < 100000; i++) {
        uint64_t d = rnd_fp(64, 1023 - 126 + (int)(rnd() % 40) - 20);
        uint64_t fl = 0;
        uint64_t s = sf_convert(64, d, 0, SF_RN, 32, &fl);
        double x = to_d(64, d);
        feclearexcept(FE_ALL_EXCEPT);
        volatile float f = (float)x;
        uint32_t u;
        memcpy(&u, (const void *)&f, 4);
        ck_assert_msg(s == u, "fcvt %llx: %llx want %x", (unsigned long long)d, (unsigned long long)s, u);
        ck_assert_uint_eq(fl & SF_IXC, host_flags() & SF_IXC);
        int64_t v = (int64_t)rnd() >> (rnd() % 64);
        fl = 0;
        uint64_t r = sf_from_fixed(64, (uint64_t)v, 0, false, 0, SF_RN, 64, &fl);
        volatile double dv = (double)v;
        uint64_t w;
        memcpy(&w, (const void *)&dv, 8);
        ck_assert_uint_eq(r, w);
        /* truncation to int64 where it is in range */
        if (fabs(x) < 9.2e18) {
            fl = 0;
            uint64_t t = sf_to_fixed(64, d, 0, false, 0, SF_RZ, 64, &fl);
            ck_assert_uint_eq(t, (uint64_t)(int64_t)x);
        }
    }
}
END_TEST

/* ------------------------------------------------------------ by hand */

#define D(x) UINT64_C(x)
#define CHECK(expr, want, wantflags)                                                                          \
    do {                                                                                                      \
        uint64_t fl_ = 0, *flags = &fl_;                                                                      \
        uint64_t got_ = (expr);                                                                               \
        ck_assert_msg(got_ == (uint64_t)(want) && fl_ == (uint64_t)(wantflags),                               \
                      "%s = %llx flags %llx, want %llx flags %llx", #expr, (unsigned long long)got_,          \
                      (unsigned long long)fl_, (unsigned long long)(want), (unsigned long long)(wantflags));  \
    } while (0)

START_TEST(nan_rules)
{
    uint64_t qnan1 = D(0x7ff8000000000001), snan2 = D(0x7ff0000000000002), qnan3 = D(0xfff8000000000003);
    /* the signalling NaN wins even as the second operand, and is quieted */
    CHECK(sf_add(64, qnan1, snan2, 0, flags), D(0x7ff8000000000002), SF_IOC);
    /* two quiet NaNs: the first */
    CHECK(sf_mul(64, qnan3, qnan1, 0, flags), qnan3, 0);
    /* DN: the default NaN, IOC only for a signalling one */
    CHECK(sf_sub(64, qnan1, D(0x3ff0000000000000), DN, flags), D(0x7ff8000000000000), 0);
    CHECK(sf_div(32, 0x7f800001, 0x3f800000, DN, flags), 0x7fc00000, SF_IOC);
    /* invalid operations give the default NaN */
    CHECK(sf_add(64, D(0x7ff0000000000000), D(0xfff0000000000000), 0, flags), D(0x7ff8000000000000), SF_IOC);
    CHECK(sf_mul(32, 0x7f800000, 0x80000000, 0, flags), 0x7fc00000, SF_IOC);
    CHECK(sf_div(16, 0, 0x8000, 0, flags), 0x7e00, SF_IOC);
    CHECK(sf_sqrt(64, D(0xbff0000000000000), 0, flags), D(0x7ff8000000000000), SF_IOC);
    /* sqrt(-0) = -0 */
    CHECK(sf_sqrt(64, D(0x8000000000000000), 0, flags), D(0x8000000000000000), 0);
    /* FMA: addend first in NaN order; 0 * Inf + qNaN is the default NaN with IOC */
    CHECK(sf_muladd(32, 0x7fc00005, 0x7f800000, 0, 0, flags), 0x7fc00000, SF_IOC);
    CHECK(sf_muladd(32, 0x7fc00005, 0x7f800001, 0x3f800000, 0, flags), 0x7fc00001, SF_IOC);
    CHECK(sf_muladd(32, 0x7fc00005, 0x7fc00006, 0x3f800000, 0, flags), 0x7fc00005, 0);
    /* Half: payload kept, quiet bit set */
    CHECK(sf_max(16, 0x3c00, 0xfd23, 0, flags), 0xff23, SF_IOC);
}
END_TEST

START_TEST(rounding_modes)
{
    /* 1 + 2^-24 in single: a tie between 1 and 1 + 2^-23 */
    uint64_t one = 0x3f800000, tiny = 0x33800000, mone = 0xbf800000;
    CHECK(sf_add(32, one, tiny, RN, flags), 0x3f800000, SF_IXC);
    CHECK(sf_add(32, one, tiny, RP, flags), 0x3f800001, SF_IXC);
    CHECK(sf_add(32, one, tiny, RM, flags), 0x3f800000, SF_IXC);
    CHECK(sf_add(32, one, tiny, RZ, flags), 0x3f800000, SF_IXC);
    CHECK(sf_sub(32, mone, tiny, RM, flags), 0xbf800001, SF_IXC);
    CHECK(sf_sub(32, mone, tiny, RP, flags), 0xbf800000, SF_IXC);
    /* 1 + 3*2^-24 ties to even: up */
    CHECK(sf_add(32, 0x3f800001, tiny, RN, flags), 0x3f800002, SF_IXC);
    /* exact zero: +0, or -0 when rounding to minus infinity */
    CHECK(sf_sub(64, D(0x3ff0000000000000), D(0x3ff0000000000000), RN, flags), 0, 0);
    CHECK(sf_sub(64, D(0x3ff0000000000000), D(0x3ff0000000000000), RM, flags), D(0x8000000000000000), 0);
    CHECK(sf_add(64, D(0x8000000000000000), D(0x8000000000000000), RN, flags), D(0x8000000000000000), 0);
    /* zeros of opposite sign (FPAdd): +0, or -0 rounding to minus infinity
     * (regression: this once failed an assertion in sf_round) */
    CHECK(sf_add(64, 0, D(0x8000000000000000), RN, flags), 0, 0);
    CHECK(sf_add(64, 0, D(0x8000000000000000), RM, flags), D(0x8000000000000000), 0);
    CHECK(sf_add(32, 0x80000000, 0, RP, flags), 0, 0);
    CHECK(sf_sub(16, 0x0000, 0x0000, RM, flags), 0x8000, 0);
    /* denormals FZ flushes to zeros of opposite sign */
    CHECK(sf_add(32, 0x003fe117, 0x801bd768, RN | FZ, flags), 0, SF_IDC);
    /* overflow: infinity or the largest normal by rounding mode */
    uint64_t max = D(0x7fefffffffffffff);
    CHECK(sf_add(64, max, max, RN, flags), D(0x7ff0000000000000), SF_OFC | SF_IXC);
    CHECK(sf_add(64, max, max, RZ, flags), max, SF_OFC | SF_IXC);
    CHECK(sf_add(64, max, max, RM, flags), max, SF_OFC | SF_IXC);
    CHECK(sf_mul(64, max | D(0x8000000000000000), D(0x4000000000000000), RM, flags), D(0xfff0000000000000),
          SF_OFC | SF_IXC);
    CHECK(sf_mul(16, 0x7bff, 0x4000, RP, flags), 0x7c00, SF_OFC | SF_IXC);
    CHECK(sf_mul(16, 0x7bff, 0x4000, RZ, flags), 0x7bff, SF_OFC | SF_IXC);
    /* 1/0: DZC; Inf/0 is not */
    CHECK(sf_div(64, D(0xbff0000000000000), 0, 0, flags), D(0xfff0000000000000), SF_DZC);
    CHECK(sf_div(64, D(0x7ff0000000000000), 0, 0, flags), D(0x7ff0000000000000), 0);
}
END_TEST

START_TEST(denormals_and_flush)
{
    /* min normal single / 2 = a denormal, exact: no flags */
    CHECK(sf_mul(32, 0x00800000, 0x3f000000, 0, flags), 0x00400000, 0);
    /* inexact denormal: Underflow and Inexact */
    CHECK(sf_mul(32, 0x00800001, 0x3f000000, 0, flags), 0x00400000, SF_UFC | SF_IXC);
    /* tininess before rounding: (2^-126)(1 - 2^-25) rounds up to the min
     * normal in RN but is tiny, so UFC is raised */
    CHECK(sf_mul(32, 0x00800000, 0x3f7fffff, RN, flags), 0x00800000, SF_UFC | SF_IXC);
    /* FZ: denormal inputs are zero (IDC), tiny results are zero (UFC, no IXC) */
    CHECK(sf_add(32, 0x00000001, 0x00000001, FZ, flags), 0, SF_IDC);
    CHECK(sf_mul(32, 0x00800000, 0x3f000000, FZ, flags), 0, SF_UFC);
    CHECK(sf_mul(64, D(0x8010000000000000), D(0x3fe0000000000000), FZ, flags), D(0x8000000000000000), SF_UFC);
    CHECK(sf_add(64, D(0x0000000000000001), D(0x3ff0000000000000), FZ, flags), D(0x3ff0000000000000), SF_IDC);
    /* FZ16 flushes half inputs silently; FZ does not touch half */
    CHECK(sf_add(16, 0x0001, 0x0001, FZ16, flags), 0, 0);
    CHECK(sf_add(16, 0x0001, 0x0001, FZ, flags), 0x0002, 0);
    CHECK(sf_mul(16, 0x0400, 0x3800, FZ16, flags), 0, SF_UFC);
    /* FZ does not flush half */
    CHECK(sf_mul(16, 0x0400, 0x3800, FZ, flags), 0x0200, 0);
    /* a denormal that rounds to zero */
    CHECK(sf_mul(64, 1, D(0x3fd0000000000000), RN, flags), 0, SF_UFC | SF_IXC);
    CHECK(sf_mul(64, 1, D(0x3fd0000000000000), RP, flags), 1, SF_UFC | SF_IXC);
}
END_TEST

START_TEST(minmax_compare)
{
    CHECK(sf_max(32, 0x80000000, 0x00000000, 0, flags), 0, 0);
    CHECK(sf_min(32, 0x80000000, 0x00000000, 0, flags), 0x80000000, 0);
    CHECK(sf_max(32, 0x7fc00000, 0x3f800000, 0, flags), 0x7fc00000, 0);
    CHECK(sf_maxnum(32, 0x7fc00000, 0x3f800000, 0, flags), 0x3f800000, 0);
    CHECK(sf_minnum(32, 0x3f800000, 0xffc00000, 0, flags), 0x3f800000, 0);
    CHECK(sf_maxnum(32, 0x7f800001, 0x3f800000, 0, flags), 0x7fc00001, SF_IOC);
    CHECK(sf_maxnum(32, 0x7fc00000, 0x7fc00001, 0, flags), 0x7fc00000, 0);
    CHECK(sf_max(64, D(0xfff0000000000000), D(0x8000000000000001), 0, flags), D(0x8000000000000001), 0);
    CHECK(sf_max(64, D(0x0000000000000001), D(0x8000000000000000), FZ, flags), 0, SF_IDC);
    CHECK(sf_compare(64, D(0x3ff0000000000000), D(0x4000000000000000), false, 0, flags), 0x8, 0);
    CHECK(sf_compare(64, D(0x4000000000000000), D(0x3ff0000000000000), false, 0, flags), 0x2, 0);
    CHECK(sf_compare(64, 0, D(0x8000000000000000), false, 0, flags), 0x6, 0);
    CHECK(sf_compare(64, D(0x7ff8000000000000), 0, false, 0, flags), 0x3, 0);
    CHECK(sf_compare(64, D(0x7ff8000000000000), 0, true, 0, flags), 0x3, SF_IOC);
    CHECK(sf_compare(64, D(0x7ff0000000000001), 0, false, 0, flags), 0x3, SF_IOC);
    CHECK(sf_compare(32, 1, 0, false, FZ, flags), 0x6, SF_IDC);
    CHECK(sf_compare_eq(32, 0x7fc00000, 0, 0, flags), 0, 0);
    CHECK(sf_compare_ge(32, 0x7fc00000, 0, 0, flags), 0, SF_IOC);
    CHECK(sf_compare_gt(32, 0x3f800000, 0x3f800000, 0, flags), 0, 0);
    CHECK(sf_compare_ge(32, 0x3f800000, 0x3f800000, 0, flags), 1, 0);
}
END_TEST

START_TEST(round_int)
{
    uint64_t h = D(0x4004000000000000); /* 2.5 */
    CHECK(sf_round_int(64, h, 0, SF_RN, false, flags), D(0x4000000000000000), 0);
    CHECK(sf_round_int(64, h, 0, SF_RN, true, flags), D(0x4000000000000000), SF_IXC);
    CHECK(sf_round_int(64, h, 0, SF_RA, false, flags), D(0x4008000000000000), 0);
    CHECK(sf_round_int(64, h, 0, SF_RP, false, flags), D(0x4008000000000000), 0);
    CHECK(sf_round_int(64, h | D(0x8000000000000000), 0, SF_RA, false, flags), D(0xc008000000000000), 0);
    CHECK(sf_round_int(64, h | D(0x8000000000000000), 0, SF_RZ, false, flags), D(0xc000000000000000), 0);
    /* -0.5 rounds to -0 */
    CHECK(sf_round_int(64, D(0xbfe0000000000000), 0, SF_RN, true, flags), D(0x8000000000000000), SF_IXC);
    CHECK(sf_round_int(64, D(0xbfe0000000000000), 0, SF_RM, true, flags), D(0xbff0000000000000), SF_IXC);
    CHECK(sf_round_int(32, 0x4b800001, 0, SF_RN, true, flags), 0x4b800001, 0);
    CHECK(sf_round_int(32, 0x7f800001, 0, SF_RN, true, flags), 0x7fc00001, SF_IOC);
    /* FRINT32: out of range is -2^31 with IOC */
    CHECK(sf_round_int_n(32, 0x4f000000, 0, SF_RZ, 32, flags), 0xcf000000, SF_IOC); /* 2^31 */
    CHECK(sf_round_int_n(32, 0xcf000000, 0, SF_RZ, 32, flags), 0xcf000000, 0);     /* -2^31 */
    CHECK(sf_round_int_n(64, D(0x7ff8000000000000), 0, SF_RZ, 64, flags), D(0xc3e0000000000000), SF_IOC);
    CHECK(sf_round_int_n(64, D(0x3fe8000000000000), 0, SF_RN, 32, flags), D(0x3ff0000000000000), SF_IXC);
}
END_TEST

START_TEST(to_fixed)
{
    /* saturation, NaN -> 0, IOC without IXC */
    CHECK(sf_to_fixed(64, D(0x43e0000000000000), 0, false, 0, SF_RZ, 64, flags), D(0x7fffffffffffffff), SF_IOC);
    CHECK(sf_to_fixed(64, D(0xc3e0000000000000), 0, false, 0, SF_RZ, 64, flags), D(0x8000000000000000), 0);
    CHECK(sf_to_fixed(64, D(0x43f0000000000000), 0, true, 0, SF_RZ, 64, flags), ~D(0), SF_IOC);
    CHECK(sf_to_fixed(64, D(0x43efffffffffffff), 0, true, 0, SF_RZ, 64, flags), D(0xfffffffffffff800), 0);
    CHECK(sf_to_fixed(64, D(0x7ff8000000000000), 0, false, 0, SF_RZ, 32, flags), 0, SF_IOC);
    CHECK(sf_to_fixed(64, D(0xfff0000000000000), 0, false, 0, SF_RZ, 32, flags), 0x80000000, SF_IOC);
    CHECK(sf_to_fixed(32, 0xbf800000, 0, true, 0, SF_RZ, 32, flags), 0, SF_IOC);
    CHECK(sf_to_fixed(32, 0xbf000000, 0, true, 0, SF_RZ, 32, flags), 0, SF_IXC);
    CHECK(sf_to_fixed(32, 0xbf400000, 0, true, 0, SF_RN, 32, flags), 0, SF_IOC);
    CHECK(sf_to_fixed(32, 0xc0200000, 0, false, 0, SF_RN, 32, flags), 0xfffffffe, SF_IXC); /* -2.5 */
    CHECK(sf_to_fixed(32, 0xc0200000, 0, false, 0, SF_RA, 32, flags), 0xfffffffd, SF_IXC);
    CHECK(sf_to_fixed(32, 0xc0200000, 0, false, 0, SF_RP, 32, flags), 0xfffffffe, SF_IXC);
    CHECK(sf_to_fixed(32, 0xc0200000, 0, false, 0, SF_RM, 32, flags), 0xfffffffd, SF_IXC);
    /* fixed point: 1.75 with 4 fraction bits */
    CHECK(sf_to_fixed(32, 0x3fe00000, 4, false, 0, SF_RZ, 32, flags), 28, 0);
    /* -2^31 - 1 in double saturates */
    CHECK(sf_to_fixed(64, D(0xc1e0000000200000), 0, false, 0, SF_RZ, 32, flags), 0x80000000, SF_IOC);
    CHECK(sf_to_fixed(64, D(0x0000000000000001), 0, false, FZ, SF_RP, 32, flags), 0, SF_IDC);
    CHECK(sf_to_fixed(64, D(0x0000000000000001), 0, false, 0, SF_RP, 32, flags), 1, SF_IXC);
}
END_TEST

START_TEST(from_fixed)
{
    CHECK(sf_from_fixed(64, D(0x8000000000000000), 0, false, 0, SF_RN, 64, flags), D(0xc3e0000000000000), 0);
    CHECK(sf_from_fixed(64, ~D(0), 0, true, 0, SF_RN, 64, flags), D(0x43f0000000000000), SF_IXC);
    CHECK(sf_from_fixed(64, ~D(0), 0, true, 0, SF_RZ, 32, flags), 0x5f7fffff, SF_IXC);
    CHECK(sf_from_fixed(32, 0xffffffff, 0, false, 0, SF_RN, 64, flags), D(0xbff0000000000000), 0);
    CHECK(sf_from_fixed(32, 1, 32, false, 0, SF_RN, 16, flags), 0, SF_UFC | SF_IXC);
    CHECK(sf_from_fixed(32, 1, 24, false, 0, SF_RN, 16, flags), 0x0001, 0);
    CHECK(sf_from_fixed(32, 1, 24, false, FZ16, SF_RN, 16, flags), 0, SF_UFC);
    CHECK(sf_from_fixed(32, 0, 5, false, 0, SF_RM, 64, flags), 0, 0);
    CHECK(sf_from_fixed(32, 65520, 0, true, 0, SF_RN, 16, flags), 0x7c00, SF_OFC | SF_IXC);
}
END_TEST

START_TEST(convert)
{
    /* NaN payloads move with the top of the fraction */
    CHECK(sf_convert(64, D(0x7ff4000000000001), 0, SF_RN, 32, flags), 0x7fe00000, SF_IOC);
    CHECK(sf_convert(32, 0xffa00001, 0, SF_RN, 64, flags), D(0xfffc000020000000), SF_IOC);
    CHECK(sf_convert(16, 0x7d01, 0, SF_RN, 32, flags), 0x7fe02000, SF_IOC);
    CHECK(sf_convert(32, 0x7fc00001, DN, SF_RN, 16, flags), 0x7e00, 0);
    /* AHP: no Inf/NaN in half; exponent 31 is a number */
    CHECK(sf_convert(16, 0x7c00, AHP, SF_RN, 32, flags), 0x47800000, 0);
    CHECK(sf_convert(32, 0x7f800000, AHP, SF_RN, 16, flags), 0x7fff, SF_IOC);
    CHECK(sf_convert(32, 0x7fc00000, AHP, SF_RN, 16, flags), 0, SF_IOC);
    CHECK(sf_convert(32, 0x47ffe000, AHP, SF_RN, 16, flags), 0x7fff, 0);
    CHECK(sf_convert(32, 0x48000000, AHP, SF_RN, 16, flags), 0x7fff, SF_IOC);
    CHECK(sf_convert(32, 0x47800000, 0, SF_RN, 16, flags), 0x7c00, SF_OFC | SF_IXC);
    /* conversions ignore FZ16 but honour FZ */
    CHECK(sf_convert(16, 0x0001, FZ16, SF_RN, 32, flags), 0x33800000, 0);
    CHECK(sf_convert(32, 0x00000001, FZ, SF_RN, 64, flags), 0, SF_IDC);
    CHECK(sf_convert(64, D(0x3800000000000000), FZ, SF_RN, 32, flags), 0, SF_UFC);
    CHECK(sf_convert(32, 0x33000001, FZ16, SF_RN, 16, flags), 0x0001, SF_UFC | SF_IXC);
    /* round to odd (FCVTXN) */
    CHECK(sf_convert(64, D(0x3ff0000000000001), 0, SF_RO, 32, flags), 0x3f800001, SF_IXC);
}
END_TEST

START_TEST(jscvt)
{
    bool z;
    uint64_t fl = 0;
    ck_assert_uint_eq(sf_to_fixed_js(D(0xc1e0000000000000), 0, &z, &fl), 0x80000000); /* -2^31 */
    ck_assert(z && fl == 0);
    ck_assert_uint_eq(sf_to_fixed_js(D(0x41f0000000000001), 0, &z, &fl), 0); /* 2^32 + small: mod 2^32 */
    ck_assert(!z && fl == SF_IOC);
    fl = 0;
    ck_assert_uint_eq(sf_to_fixed_js(D(0xc004000000000000), 0, &z, &fl), 0xfffffffe);
    ck_assert(!z && fl == SF_IXC); /* -2.5 truncates to -2 */
    fl = 0;
    ck_assert_uint_eq(sf_to_fixed_js(D(0x41f0000000500000), 0, &z, &fl), 5);
    ck_assert(!z && fl == SF_IOC); /* 2^32 + 5: out of range, modulo 2^32 */
    fl = 0;
    ck_assert_uint_eq(sf_to_fixed_js(D(0x8000000000000000), 0, &z, &fl), 0);
    ck_assert(!z && fl == 0);
}
END_TEST

START_TEST(estimates)
{
    /* FRECPE 1.0 = 0.998046875 (0x3f7f8000), 2.0 -> 0x3eff8000 */
    CHECK(sf_recip_estimate(32, 0x3f800000, 0, flags), 0x3f7f8000, 0);
    CHECK(sf_recip_estimate(32, 0x40000000, 0, flags), 0x3eff8000, 0);
    CHECK(sf_recip_estimate(32, 0x80000000, 0, flags), 0xff800000, SF_DZC);
    CHECK(sf_recip_estimate(32, 0x00000001, 0, flags), 0x7f800000, SF_OFC | SF_IXC);
    CHECK(sf_recip_estimate(32, 0x00000001, RZ, flags), 0x7f7fffff, SF_OFC | SF_IXC);
    CHECK(sf_recip_estimate(32, 0x7f000000, FZ, flags), 0, SF_UFC);
    CHECK(sf_recip_estimate(32, 0x7f000000, 0, flags), 0x003fe000, 0);
    CHECK(sf_recip_estimate(64, D(0x3ff0000000000000), 0, flags), D(0x3feff00000000000), 0);
    /* FRSQRTE 1.0 = 0.998046875, 4.0 -> 0.4990234375 */
    CHECK(sf_rsqrt_estimate(32, 0x3f800000, 0, flags), 0x3f7f8000, 0);
    CHECK(sf_rsqrt_estimate(32, 0x40800000, 0, flags), 0x3eff8000, 0);
    CHECK(sf_rsqrt_estimate(32, 0xbf800000, 0, flags), 0x7fc00000, SF_IOC);
    CHECK(sf_rsqrt_estimate(32, 0x7f800000, 0, flags), 0, 0);
    /* steps: 2 - a*b, (3 - a*b)/2; 0*Inf gives 2 / 1.5; op1's NaN is negated */
    CHECK(sf_recip_step(32, 0x3f800000, 0x3f800000, 0, flags), 0x3f800000, 0);
    CHECK(sf_recip_step(32, 0x7f800000, 0, 0, flags), 0x40000000, 0);
    CHECK(sf_rsqrt_step(32, 0x7f800000, 0, 0, flags), 0x3fc00000, 0);
    CHECK(sf_rsqrt_step(32, 0x3f800000, 0x3f800000, 0, flags), 0x3f800000, 0);
    CHECK(sf_recip_step(32, 0x7fc00001, 0x3f800000, 0, flags), 0xffc00001, 0);
    CHECK(sf_recpx(64, D(0x4000000000000000), 0, flags), D(0x3ff0000000000000), 0);
    CHECK(sf_recpx(32, 0, 0, flags), 0x7f000000, 0);
}
END_TEST

START_TEST(fma_exact)
{
    /* fused: (1 + 2^-23)^2 - (1 + 2^-22) = 2^-46 exactly */
    CHECK(sf_muladd(32, 0xbf800002, 0x3f800001, 0x3f800001, 0, flags), 0x28800000, 0);
    /* exact zero result: +0 except RM */
    CHECK(sf_muladd(64, D(0xbff0000000000000), D(0x3ff0000000000000), D(0x3ff0000000000000), RM, flags),
          D(0x8000000000000000), 0);
    CHECK(sf_muladd(64, D(0x8000000000000000), D(0x8000000000000000), D(0x3ff0000000000000), 0, flags),
          D(0x8000000000000000), 0);
    /* a tiny product only affects the sticky bit */
    CHECK(sf_muladd(64, D(0x3ff0000000000000), 1, 1, RP, flags), D(0x3ff0000000000001), SF_IXC);
    CHECK(sf_muladd(64, D(0x3ff0000000000000), D(0x8000000000000001), 1, RZ, flags), D(0x3fefffffffffffff),
          SF_IXC);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("softfloat");
    TCase *tc = tcase_create("hand");
    tcase_add_test(tc, nan_rules);
    tcase_add_test(tc, rounding_modes);
    tcase_add_test(tc, denormals_and_flush);
    tcase_add_test(tc, minmax_compare);
    tcase_add_test(tc, round_int);
    tcase_add_test(tc, to_fixed);
    tcase_add_test(tc, from_fixed);
    tcase_add_test(tc, convert);
    tcase_add_test(tc, jscvt);
    tcase_add_test(tc, estimates);
    tcase_add_test(tc, fma_exact);
    suite_add_tcase(s, tc);
    TCase *to = tcase_create("oracle");
    tcase_set_timeout(to, 60);
    tcase_add_test(to, oracle_double);
    tcase_add_test(to, oracle_single);
    tcase_add_test(to, oracle_half);
    tcase_add_test(to, oracle_convert);
    suite_add_tcase(s, to);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
