/* Soft-float conversions and estimates: FPRoundInt, FPRoundIntN,
 * FPToFixed, FixedToFP, FPToFixedJS, FPConvert, FPRecipEstimate,
 * FPRSqrtEstimate, the fused Newton-Raphson steps and FPRecpX, following
 * the Arm ARM's shared/functions/float pseudocode. */
#include "softfloat_internal.h"

/* |value| * 2^scale rounded to an integer magnitude the way Arm's
 * RoundDown-then-round_up pseudocode rounds the signed value. *err
 * classifies the discarded fraction (0 none, 1 below half, 2 half, 3
 * above); *big is set, and nothing else, when the magnitude is >= 2^100. */
static sf_u128 sf_round_mag(const SfVal *v, int scale, int rounding, int *err, bool *big)
{
    int e = v->exp + scale;
    sf_u128 I;
    int ec;
    *big = false;
    if (e >= 0) {
        if (sf_msb128(v->sig) + e >= 100) {
            *big = true;
            *err = 0;
            return 0;
        }
        *err = 0;
        return (sf_u128)v->sig << e;
    }
    int s = -e;
    if (s >= 64) { /* sig < 2^53: below half an integer */
        I = 0;
        ec = 1;
    } else {
        uint64_t rem = v->sig & ((UINT64_C(1) << s) - 1), half = UINT64_C(1) << (s - 1);
        I = v->sig >> s;
        ec = rem == 0 ? 0 : rem < half ? 1 : rem == half ? 2 : 3;
    }
    bool up;
    switch (rounding) {
    case SF_RN:
        up = ec == 3 || (ec == 2 && (I & 1));
        break;
    case SF_RA:
        up = ec >= 2;
        break;
    case SF_RP:
        up = ec != 0 && !v->sign;
        break;
    case SF_RM:
        up = ec != 0 && v->sign;
        break;
    default:
        up = false;
        break;
    }
    *err = ec;
    return I + up;
}

uint64_t sf_round_int(int N, uint64_t op, uint64_t fpcr, int rounding, bool exact, uint64_t *fpsr)
{
    /* FPRoundInt() */
    fpcr &= ~SF_FPCR_AHP;
    SfVal a = sf_unpack(N, op, fpcr, fpsr);
    if (sf_isnan(a.type))
        return sf_process_nan(N, a.type, op, fpcr, fpsr);
    if (a.type == SF_INF)
        return sf_inf(N, a.sign);
    if (a.type == SF_ZERO)
        return sf_zero(N, a.sign);
    if (a.exp >= 0)
        return op & sf_mask(N); /* already integral */
    int err;
    bool big;
    sf_u128 I = sf_round_mag(&a, 0, rounding, &err, &big);
    uint64_t result = I == 0 ? sf_zero(N, a.sign) : sf_round(N, a.sign, I, 0, false, fpcr, SF_RZ, fpsr);
    if (err != 0 && exact)
        *fpsr |= SF_IXC;
    return result;
}

uint64_t sf_round_int_n(int N, uint64_t op, uint64_t fpcr, int rounding, int intsize, uint64_t *fpsr)
{
    /* FPRoundIntN(): FRINT32Z/X, FRINT64Z/X */
    fpcr &= ~SF_FPCR_AHP;
    SfVal a = sf_unpack(N, op, fpcr, fpsr);
    /* Out of range, infinities and NaNs give -2^(intsize-1). */
    uint64_t most_negative = sf_const(N, 1, intsize - 1, 0);
    if (sf_isnan(a.type) || a.type == SF_INF) {
        *fpsr |= SF_IOC;
        return most_negative;
    }
    if (a.type == SF_ZERO)
        return sf_zero(N, a.sign);
    int err;
    bool big;
    sf_u128 I = sf_round_mag(&a, 0, rounding, &err, &big);
    sf_u128 limit = ((sf_u128)1 << (intsize - 1)) - (a.sign ? 0 : 1);
    if (big || I > limit) {
        *fpsr |= SF_IOC;
        return most_negative;
    }
    uint64_t result = I == 0 ? sf_zero(N, a.sign) : sf_round(N, a.sign, I, 0, false, fpcr, SF_RZ, fpsr);
    if (err != 0)
        *fpsr |= SF_IXC;
    return result;
}

uint64_t sf_to_fixed(int N, uint64_t op, int fbits, bool is_unsigned, uint64_t fpcr, int rounding, int M,
                     uint64_t *fpsr)
{
    /* FPToFixed() */
    fpcr &= ~SF_FPCR_AHP;
    SfVal a = sf_unpack(N, op, fpcr, fpsr);
    uint64_t umax = M == 64 ? ~UINT64_C(0) : (UINT64_C(1) << M) - 1;
    uint64_t smax = umax >> 1, smin = (smax + 1) & umax; /* as M-bit patterns */
    if (sf_isnan(a.type)) {
        *fpsr |= SF_IOC;
        return 0;
    }
    if (a.type == SF_ZERO)
        return 0;
    int err = 0;
    bool big = a.type == SF_INF;
    sf_u128 I = big ? 0 : sf_round_mag(&a, fbits, rounding, &err, &big);
    uint64_t result;
    bool overflow;
    if (is_unsigned) {
        if (a.sign) {
            overflow = I != 0 || big;
            result = 0;
        } else {
            overflow = big || I > umax;
            result = overflow ? umax : (uint64_t)I;
        }
    } else {
        if (a.sign) {
            overflow = big || I > (sf_u128)smax + 1;
            result = overflow ? smin : (uint64_t)(-(uint64_t)I) & umax;
        } else {
            overflow = big || I > smax;
            result = overflow ? smax : (uint64_t)I;
        }
    }
    if (overflow)
        *fpsr |= SF_IOC;
    else if (err != 0)
        *fpsr |= SF_IXC;
    return result;
}

uint64_t sf_from_fixed(int M, uint64_t op, int fbits, bool is_unsigned, uint64_t fpcr, int rounding, int N,
                       uint64_t *fpsr)
{
    /* FixedToFP() */
    fpcr &= ~SF_FPCR_AHP;
    uint64_t mask = M == 64 ? ~UINT64_C(0) : (UINT64_C(1) << M) - 1;
    uint64_t x = op & mask, mag = x;
    int sign = 0;
    if (!is_unsigned && ((x >> (M - 1)) & 1)) {
        sign = 1;
        mag = (-x) & mask;
        if (mag == 0) /* the most negative M-bit value */
            mag = UINT64_C(1) << (M - 1);
    }
    if (mag == 0)
        return sf_zero(N, 0);
    return sf_round(N, sign, mag, -fbits, false, fpcr, rounding, fpsr);
}

uint32_t sf_to_fixed_js(uint64_t op, uint64_t fpcr, bool *z, uint64_t *fpsr)
{
    /* FPToFixedJS(): truncate, keep the low 32 bits of the integer. */
    fpcr &= ~SF_FPCR_AHP;
    SfVal a = sf_unpack(64, op, fpcr, fpsr);
    *z = true;
    if (sf_isnan(a.type) || a.type == SF_INF) {
        *fpsr |= SF_IOC;
        *z = false;
        return 0;
    }
    if (a.type == SF_ZERO) {
        /* -0, and a denormal flushed by FZ, are not exact conversions */
        if (a.sign || (op & ((UINT64_C(1) << 52) - 1)) != 0)
            *z = false;
        return 0;
    }
    uint32_t low;
    bool out_of_range;
    int err = 0;
    if (a.exp >= 0) {
        low = a.exp >= 64 ? 0 : (uint32_t)((sf_u128)a.sig << a.exp);
        out_of_range = true; /* sig >= 2^52 so the value is >= 2^52 */
    } else {
        bool big;
        sf_u128 I = sf_round_mag(&a, 0, SF_RZ, &err, &big);
        low = (uint32_t)I;
        out_of_range = I > (a.sign ? (sf_u128)1 << 31 : ((sf_u128)1 << 31) - 1);
    }
    if (a.sign)
        low = -low;
    if (out_of_range) {
        *fpsr |= SF_IOC;
        *z = false;
    } else if (err != 0) {
        *fpsr |= SF_IXC;
        *z = false;
    }
    return low;
}

/* FPConvertNaN(): quiet the NaN and move the payload's top bits. */
static uint64_t sf_convert_nan(int N, uint64_t op, int M)
{
    uint64_t sign = (op >> (N - 1)) & 1;
    uint64_t frac = N == 64 ? op & ((UINT64_C(1) << 51) - 1)
                  : N == 32 ? (op & ((UINT64_C(1) << 22) - 1)) << 29
                            : (op & ((UINT64_C(1) << 9) - 1)) << 42;
    return sf_zero(M, (int)sign) | sf_default_nan(M) | (frac >> (52 - sf_F(M)));
}

uint64_t sf_convert(int N, uint64_t op, uint64_t fpcr, int rounding, int M, uint64_t *fpsr)
{
    /* FPConvert(): FPUnpackCV/FPRoundCV ignore FZ16 and honour AHP. */
    fpcr &= ~SF_FPCR_FZ16;
    SfVal a = sf_unpack(N, op, fpcr, fpsr);
    bool alt_hp = M == 16 && (fpcr & SF_FPCR_AHP);
    if (sf_isnan(a.type)) {
        uint64_t result;
        if (alt_hp)
            result = sf_zero(M, a.sign);
        else if (fpcr & SF_FPCR_DN)
            result = sf_default_nan(M);
        else
            result = sf_convert_nan(N, op, M);
        if (a.type == SF_SNAN || alt_hp)
            *fpsr |= SF_IOC;
        return result;
    }
    if (a.type == SF_INF) {
        if (alt_hp) {
            *fpsr |= SF_IOC;
            return sf_zero(M, a.sign) | 0x7fff;
        }
        return sf_inf(M, a.sign);
    }
    if (a.type == SF_ZERO)
        return sf_zero(M, a.sign);
    return sf_round(M, a.sign, a.sig, a.exp, false, fpcr, rounding, fpsr);
}

/* Overflow of an estimate: infinity or the largest normal by rounding mode. */
static uint64_t sf_estimate_overflow(int N, int sign, uint64_t fpcr, uint64_t *fpsr)
{
    int rm = sf_rounding_mode(fpcr);
    bool to_inf = rm == SF_RN || (rm == SF_RP && !sign) || (rm == SF_RM && sign);
    *fpsr |= SF_OFC | SF_IXC;
    return to_inf ? sf_inf(N, sign) : sf_max_normal(N, sign);
}

/* The operand's fraction widened to 52 bits, and its biased exponent. */
static uint64_t sf_frac52(int N, uint64_t op, int *exp)
{
    int F = sf_F(N);
    *exp = (int)((op >> F) & ((UINT64_C(1) << sf_E(N)) - 1));
    return (op & ((UINT64_C(1) << F) - 1)) << (52 - F);
}

/* RecipEstimate(): a in [256, 512) is 0.5 .. 1.0 in 1/512 steps. */
static unsigned sf_recip_estimate_int(unsigned a)
{
    a = a * 2 + 1;
    unsigned b = (1u << 19) / a;
    return (b + 1) / 2;
}

uint64_t sf_recip_estimate(int N, uint64_t op, uint64_t fpcr, uint64_t *fpsr)
{
    /* FPRecipEstimate() */
    fpcr &= ~SF_FPCR_AHP;
    SfVal a = sf_unpack(N, op, fpcr, fpsr);
    if (sf_isnan(a.type))
        return sf_process_nan(N, a.type, op, fpcr, fpsr);
    if (a.type == SF_INF)
        return sf_zero(N, a.sign);
    if (a.type == SF_ZERO) {
        *fpsr |= SF_DZC;
        return sf_inf(N, a.sign);
    }
    /* |value| below 2^-16 / 2^-128 / 2^-1024: the reciprocal overflows. */
    int top = sf_msb128(a.sig) + a.exp;
    int tiny = N == 16 ? -16 : N == 32 ? -128 : -1024;
    if (top < tiny)
        return sf_estimate_overflow(N, a.sign, fpcr, fpsr);
    /* |value| >= 2^14 / 2^126 / 2^1022 under flush-to-zero: denormal result flushed. */
    bool fz = N == 16 ? (fpcr & SF_FPCR_FZ16) != 0 : (fpcr & SF_FPCR_FZ) != 0;
    if (fz && top >= sf_bias(N) - 1) {
        *fpsr |= SF_UFC;
        return sf_zero(N, a.sign);
    }
    int exp;
    uint64_t fraction = sf_frac52(N, op, &exp);
    uint64_t m52 = (UINT64_C(1) << 52) - 1;
    if (exp == 0) {
        if (!((fraction >> 51) & 1)) {
            exp = -1;
            fraction = (fraction << 2) & m52;
        } else {
            fraction = (fraction << 1) & m52;
        }
    }
    unsigned scaled = 256 | (unsigned)(fraction >> 44);
    int result_exp = (N == 16 ? 29 : N == 32 ? 253 : 2045) - exp;
    unsigned estimate = sf_recip_estimate_int(scaled);
    fraction = (uint64_t)(estimate & 0xff) << 44;
    if (result_exp == 0) {
        fraction = (UINT64_C(1) << 51) | (fraction >> 1);
    } else if (result_exp == -1) {
        fraction = (UINT64_C(1) << 50) | (fraction >> 2);
        result_exp = 0;
    }
    return sf_zero(N, a.sign) | ((uint64_t)result_exp << sf_F(N)) | (fraction >> (52 - sf_F(N)));
}

/* RecipSqrtEstimate(): a in [128, 512) is 0.25 .. 1.0 in 1/512 steps. */
static unsigned sf_rsqrt_estimate_int(unsigned a)
{
    if (a < 256)
        a = a * 2 + 1;
    else
        a = ((a >> 1) << 1) * 2 + 2;
    unsigned b = 512;
    while ((uint64_t)a * (b + 1) * (b + 1) < (UINT64_C(1) << 28))
        b++;
    return (b + 1) / 2;
}

uint64_t sf_rsqrt_estimate(int N, uint64_t op, uint64_t fpcr, uint64_t *fpsr)
{
    /* FPRSqrtEstimate() */
    fpcr &= ~SF_FPCR_AHP;
    SfVal a = sf_unpack(N, op, fpcr, fpsr);
    if (sf_isnan(a.type))
        return sf_process_nan(N, a.type, op, fpcr, fpsr);
    if (a.type == SF_ZERO) {
        *fpsr |= SF_DZC;
        return sf_inf(N, a.sign);
    }
    if (a.sign) {
        *fpsr |= SF_IOC;
        return sf_default_nan(N);
    }
    if (a.type == SF_INF)
        return sf_zero(N, 0);
    int exp;
    uint64_t fraction = sf_frac52(N, op, &exp);
    uint64_t m52 = (UINT64_C(1) << 52) - 1;
    if (exp == 0) {
        while (!((fraction >> 51) & 1)) {
            fraction = (fraction << 1) & m52;
            exp--;
        }
        fraction = (fraction << 1) & m52;
    }
    /* An odd biased exponent is an even power of two: 0.25 .. 0.5. */
    unsigned scaled = (exp & 1) ? 128 | (unsigned)(fraction >> 45) : 256 | (unsigned)(fraction >> 44);
    int result_exp = ((N == 16 ? 44 : N == 32 ? 380 : 3068) - exp) / 2;
    unsigned estimate = sf_rsqrt_estimate_int(scaled);
    return ((uint64_t)result_exp << sf_F(N)) | ((uint64_t)(estimate & 0xff) << (sf_F(N) - 8));
}

/* FPRecipStepFused() (2 - op1*op2) and FPRSqrtStepFused() ((3 - op1*op2)/2). */
static uint64_t sf_step(int N, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr, bool rsqrt)
{
    fpcr &= ~SF_FPCR_AHP;
    int rounding = sf_rounding_mode(fpcr);
    op1 = (op1 ^ sf_signbit(N)) & sf_mask(N); /* FPNeg(op1), before NaN propagation */
    SfVal a = sf_unpack(N, op1, fpcr, fpsr), b = sf_unpack(N, op2, fpcr, fpsr);
    uint64_t result;
    if (sf_process_nans(N, a.type, b.type, op1, op2, fpcr, fpsr, &result))
        return result;
    if ((a.type == SF_INF && b.type == SF_ZERO) || (a.type == SF_ZERO && b.type == SF_INF))
        return rsqrt ? sf_const(N, 0, 0, UINT64_C(1) << (sf_F(N) - 1)) : sf_const(N, 0, 1, 0);
    if (a.type == SF_INF || b.type == SF_INF)
        return sf_inf(N, a.sign ^ b.sign);
    /* 2 = 1 * 2^1 and 3 = 3 * 2^0; halving is one off the exponent. */
    sf_u128 csig = rsqrt ? 3 : 1;
    int cexp = rsqrt ? 0 : 1, adj = rsqrt ? -1 : 0;
    if (a.type == SF_ZERO || b.type == SF_ZERO)
        return sf_round(N, 0, csig, cexp + adj, false, fpcr, rounding, fpsr);
    int rs, re;
    sf_u128 rsig, psig = (sf_u128)a.sig * b.sig;
    bool st;
    if (!sf_add_exact(0, csig, cexp, a.sign ^ b.sign, psig, a.exp + b.exp, &rs, &rsig, &re, &st))
        return sf_zero(N, rounding == SF_RM);
    return sf_round(N, rs, rsig, re + adj, st, fpcr, rounding, fpsr);
}

uint64_t sf_recip_step(int N, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr)
{
    return sf_step(N, op1, op2, fpcr, fpsr, false);
}

uint64_t sf_rsqrt_step(int N, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr)
{
    return sf_step(N, op1, op2, fpcr, fpsr, true);
}

uint64_t sf_recpx(int N, uint64_t op, uint64_t fpcr, uint64_t *fpsr)
{
    /* FPRecpX() */
    fpcr &= ~SF_FPCR_AHP;
    SfVal a = sf_unpack(N, op, fpcr, fpsr);
    if (sf_isnan(a.type))
        return sf_process_nan(N, a.type, op, fpcr, fpsr);
    int E = sf_E(N), F = sf_F(N);
    uint64_t ones = (UINT64_C(1) << E) - 1;
    uint64_t exp = (op >> F) & ones;
    uint64_t rexp = exp == 0 ? ones - 1 : ~exp & ones;
    return sf_zero(N, a.sign) | (rexp << F);
}
