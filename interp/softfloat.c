/* Soft-float core: FPUnpack, FPRound, NaN handling and the arithmetic
 * operations (add, sub, mul, div, sqrt, fused multiply-add, min/max,
 * compare) as the Arm ARM's shared/functions/float pseudocode defines them.
 * Values are exact integers times powers of two; the host FPU is not used. */
#include "softfloat_internal.h"

#include <assert.h>

SfVal sf_unpack(int N, uint64_t bits, uint64_t fpcr, uint64_t *fpsr)
{
    /* FPUnpackBase() */
    int E = sf_E(N), F = sf_F(N);
    SfVal v = { SF_ZERO, (int)((bits >> (N - 1)) & 1), 0, 0 };
    uint64_t exp = (bits >> F) & ((UINT64_C(1) << E) - 1);
    uint64_t frac = bits & ((UINT64_C(1) << F) - 1);
    bool ahp = N == 16 && (fpcr & SF_FPCR_AHP);
    if (exp == 0) {
        if (frac == 0)
            return v;
        /* Flushing a half-precision input (FZ16) is not reported; single
         * and double raise Input Denormal (IDC). */
        if (N == 16 ? (fpcr & SF_FPCR_FZ16) != 0 : (fpcr & SF_FPCR_FZ) != 0) {
            if (N != 16)
                *fpsr |= SF_IDC;
            return v;
        }
        v.type = SF_NONZERO;
        v.sig = frac;
        v.exp = 1 - sf_bias(N) - F;
        return v;
    }
    if (exp == (UINT64_C(1) << E) - 1 && !ahp) {
        if (frac == 0)
            v.type = SF_INF;
        else
            v.type = (frac >> (F - 1)) & 1 ? SF_QNAN : SF_SNAN;
        return v;
    }
    v.type = SF_NONZERO;
    v.sig = frac | (UINT64_C(1) << F);
    v.exp = (int)exp - sf_bias(N) - F;
    return v;
}

uint64_t sf_round(int N, int sign, sf_u128 sig, int exp, bool sticky, uint64_t fpcr, int rounding, uint64_t *fpsr)
{
    /* FPRoundBase(): tininess is detected on the exact value, before rounding. */
    int E = sf_E(N), F = sf_F(N);
    int minimum_exp = 1 - sf_bias(N);
    assert(sig != 0);
    int exponent = sf_msb128(sig) + exp; /* value in [2^exponent, 2^(exponent+1)) */
    bool fz = N == 16 ? (fpcr & SF_FPCR_FZ16) != 0 : (fpcr & SF_FPCR_FZ) != 0;
    if (fz && exponent < minimum_exp) {
        *fpsr |= SF_UFC; /* flush to zero: Underflow, never Inexact */
        return sf_zero(N, sign);
    }
    int biased_exp = exponent - minimum_exp + 1;
    if (biased_exp < 0)
        biased_exp = 0;
    /* Exponent of the result's last place, relative to the input's. */
    int shift = ((biased_exp > 0 ? exponent : minimum_exp) - F) - exp;
    sf_u128 int_mant;
    int err; /* 0: exact, 1: below half an ulp, 2: exactly half, 3: above half */
    if (shift <= 0) {
        assert(!sticky); /* callers keep at least one bit below the last place */
        int_mant = sig << -shift;
        err = 0;
    } else if (shift > 128) {
        int_mant = 0;
        err = 1;
    } else {
        sf_u128 rem = shift == 128 ? sig : sig & (((sf_u128)1 << shift) - 1);
        sf_u128 half = (sf_u128)1 << (shift - 1);
        int_mant = shift == 128 ? 0 : sig >> shift;
        if (rem == 0 && !sticky)
            err = 0;
        else if (rem < half)
            err = 1;
        else if (rem == half && !sticky)
            err = 2;
        else
            err = 3;
    }
    if (biased_exp == 0 && err != 0)
        *fpsr |= SF_UFC;
    bool round_up, overflow_to_inf;
    switch (rounding) {
    case SF_RN:
        round_up = err == 3 || (err == 2 && (int_mant & 1));
        overflow_to_inf = true;
        break;
    case SF_RP:
        round_up = err != 0 && !sign;
        overflow_to_inf = !sign;
        break;
    case SF_RM:
        round_up = err != 0 && sign;
        overflow_to_inf = sign;
        break;
    case SF_RA:
        round_up = err >= 2;
        overflow_to_inf = true;
        break;
    default: /* SF_RZ, SF_RO */
        round_up = false;
        overflow_to_inf = false;
        break;
    }
    if (round_up) {
        int_mant++;
        if (int_mant == (sf_u128)1 << F)
            biased_exp = 1; /* a denormal rounded up to the smallest normal */
        if (int_mant == (sf_u128)1 << (F + 1)) {
            biased_exp++;
            int_mant >>= 1;
        }
    }
    if (err != 0 && rounding == SF_RO)
        int_mant |= 1;
    bool inexact = err != 0;
    uint64_t result;
    uint64_t fracmask = (UINT64_C(1) << F) - 1;
    if (N != 16 || !(fpcr & SF_FPCR_AHP)) {
        if (biased_exp >= (1 << E) - 1) {
            result = overflow_to_inf ? sf_inf(N, sign) : sf_max_normal(N, sign);
            *fpsr |= SF_OFC;
            inexact = true;
        } else {
            result = sf_zero(N, sign) | ((uint64_t)biased_exp << F) | ((uint64_t)int_mant & fracmask);
        }
    } else {
        /* Alternative half precision: no infinities; overflow is Invalid. */
        if (biased_exp >= (1 << E)) {
            result = sf_zero(N, sign) | (sf_mask(N) >> 1);
            *fpsr |= SF_IOC;
            inexact = false;
        } else {
            result = sf_zero(N, sign) | ((uint64_t)biased_exp << F) | ((uint64_t)int_mant & fracmask);
        }
    }
    if (inexact)
        *fpsr |= SF_IXC;
    return result;
}

uint64_t sf_process_nan(int N, SfType type, uint64_t op, uint64_t fpcr, uint64_t *fpsr)
{
    uint64_t result = op & sf_mask(N);
    if (type == SF_SNAN) {
        result |= UINT64_C(1) << (sf_F(N) - 1);
        *fpsr |= SF_IOC;
    }
    if (fpcr & SF_FPCR_DN)
        result = sf_default_nan(N);
    return result;
}

bool sf_process_nans(int N, SfType t1, SfType t2, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr,
                     uint64_t *result)
{
    /* Signalling NaNs first, then quiet ones, each in operand order. */
    if (t1 == SF_SNAN)
        *result = sf_process_nan(N, t1, op1, fpcr, fpsr);
    else if (t2 == SF_SNAN)
        *result = sf_process_nan(N, t2, op2, fpcr, fpsr);
    else if (t1 == SF_QNAN)
        *result = sf_process_nan(N, t1, op1, fpcr, fpsr);
    else if (t2 == SF_QNAN)
        *result = sf_process_nan(N, t2, op2, fpcr, fpsr);
    else
        return false;
    return true;
}

/* FPProcessNaNs3(). */
static bool sf_process_nans3(int N, const SfType t[3], const uint64_t op[3], uint64_t fpcr, uint64_t *fpsr,
                             uint64_t *result)
{
    for (int i = 0; i < 3; i++)
        if (t[i] == SF_SNAN) {
            *result = sf_process_nan(N, t[i], op[i], fpcr, fpsr);
            return true;
        }
    for (int i = 0; i < 3; i++)
        if (t[i] == SF_QNAN) {
            *result = sf_process_nan(N, t[i], op[i], fpcr, fpsr);
            return true;
        }
    return false;
}

/* The larger operand is placed with its top bit at bit 125, so at least
 * 70 bits lie below a double's last place, and a right-shifted smaller
 * operand only loses bits when it is too far below to cancel more than one. */
bool sf_add_exact(int s1, sf_u128 sig1, int e1, int s2, sf_u128 sig2, int e2, int *rs, sf_u128 *rsig,
                         int *rexp, bool *sticky)
{
    int k1 = 125 - sf_msb128(sig1), k2 = 125 - sf_msb128(sig2);
    sig1 <<= k1;
    e1 -= k1;
    sig2 <<= k2;
    e2 -= k2;
    if (e1 < e2 || (e1 == e2 && sig1 < sig2)) {
        int ts = s1, te = e1;
        sf_u128 tsig = sig1;
        s1 = s2, e1 = e2, sig1 = sig2;
        s2 = ts, e2 = te, sig2 = tsig;
    }
    long d = (long)e1 - e2;
    sf_u128 y;
    bool st;
    if (d == 0) {
        y = sig2;
        st = false;
    } else if (d < 128) {
        y = sig2 >> d;
        st = (sig2 & (((sf_u128)1 << d) - 1)) != 0;
    } else {
        y = 0;
        st = true;
    }
    sf_u128 r;
    if (s1 == s2) {
        r = sig1 + y;
    } else {
        r = sig1 - y;
        if (st)
            r -= 1; /* x - (y + s) = (x - y - 1) + (1 - s) */
        if (r == 0 && !st)
            return false;
    }
    *rs = s1;
    *rsig = r;
    *rexp = e1;
    *sticky = st;
    return true;
}

static uint64_t sf_addsub(int N, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr, bool sub)
{
    /* FPAdd() / FPSub() */
    fpcr &= ~SF_FPCR_AHP;
    int rounding = sf_rounding_mode(fpcr);
    SfVal a = sf_unpack(N, op1, fpcr, fpsr), b = sf_unpack(N, op2, fpcr, fpsr);
    uint64_t result;
    if (sf_process_nans(N, a.type, b.type, op1, op2, fpcr, fpsr, &result))
        return result;
    if (sub)
        b.sign ^= 1;
    if (a.type == SF_INF && b.type == SF_INF && a.sign != b.sign) {
        *fpsr |= SF_IOC;
        return sf_default_nan(N);
    }
    if ((a.type == SF_INF && !a.sign) || (b.type == SF_INF && !b.sign))
        return sf_inf(N, 0);
    if (a.type == SF_INF || b.type == SF_INF)
        return sf_inf(N, 1);
    if (a.type == SF_ZERO && b.type == SF_ZERO) /* exact zero: sign from the rounding mode unless both agree */
        return sf_zero(N, a.sign == b.sign ? a.sign : rounding == SF_RM);
    if (a.type == SF_ZERO)
        return sf_round(N, b.sign, b.sig, b.exp, false, fpcr, rounding, fpsr);
    if (b.type == SF_ZERO)
        return sf_round(N, a.sign, a.sig, a.exp, false, fpcr, rounding, fpsr);
    int rs, re;
    sf_u128 rsig;
    bool st;
    if (!sf_add_exact(a.sign, a.sig, a.exp, b.sign, b.sig, b.exp, &rs, &rsig, &re, &st))
        return sf_zero(N, rounding == SF_RM); /* exact zero: sign from the rounding mode */
    return sf_round(N, rs, rsig, re, st, fpcr, rounding, fpsr);
}

uint64_t sf_add(int N, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr)
{
    return sf_addsub(N, op1, op2, fpcr, fpsr, false);
}

uint64_t sf_sub(int N, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr)
{
    return sf_addsub(N, op1, op2, fpcr, fpsr, true);
}

static uint64_t sf_mul_common(int N, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr, bool mulx)
{
    /* FPMul() / FPMulX() */
    fpcr &= ~SF_FPCR_AHP;
    SfVal a = sf_unpack(N, op1, fpcr, fpsr), b = sf_unpack(N, op2, fpcr, fpsr);
    uint64_t result;
    if (sf_process_nans(N, a.type, b.type, op1, op2, fpcr, fpsr, &result))
        return result;
    int sign = a.sign ^ b.sign;
    if ((a.type == SF_INF && b.type == SF_ZERO) || (a.type == SF_ZERO && b.type == SF_INF)) {
        if (mulx)
            return sf_const(N, sign, 1, 0); /* FPTwo(sign) */
        *fpsr |= SF_IOC;
        return sf_default_nan(N);
    }
    if (a.type == SF_INF || b.type == SF_INF)
        return sf_inf(N, sign);
    if (a.type == SF_ZERO || b.type == SF_ZERO)
        return sf_zero(N, sign);
    return sf_round(N, sign, (sf_u128)a.sig * b.sig, a.exp + b.exp, false, fpcr, sf_rounding_mode(fpcr), fpsr);
}

uint64_t sf_mul(int N, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr)
{
    return sf_mul_common(N, op1, op2, fpcr, fpsr, false);
}

uint64_t sf_mulx(int N, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr)
{
    return sf_mul_common(N, op1, op2, fpcr, fpsr, true);
}

uint64_t sf_div(int N, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr)
{
    /* FPDiv() */
    fpcr &= ~SF_FPCR_AHP;
    SfVal a = sf_unpack(N, op1, fpcr, fpsr), b = sf_unpack(N, op2, fpcr, fpsr);
    uint64_t result;
    if (sf_process_nans(N, a.type, b.type, op1, op2, fpcr, fpsr, &result))
        return result;
    int sign = a.sign ^ b.sign;
    if ((a.type == SF_INF && b.type == SF_INF) || (a.type == SF_ZERO && b.type == SF_ZERO)) {
        *fpsr |= SF_IOC;
        return sf_default_nan(N);
    }
    if (a.type == SF_INF || b.type == SF_ZERO) {
        if (a.type != SF_INF)
            *fpsr |= SF_DZC;
        return sf_inf(N, sign);
    }
    if (a.type == SF_ZERO || b.type == SF_INF)
        return sf_zero(N, sign);
    /* Dividend with its top bit at bit 127: the quotient has >= 74 bits. */
    int k = 127 - sf_msb128(a.sig);
    sf_u128 num = (sf_u128)a.sig << k;
    sf_u128 q = num / b.sig, r = num % b.sig;
    return sf_round(N, sign, q, a.exp - k - b.exp, r != 0, fpcr, sf_rounding_mode(fpcr), fpsr);
}

/* floor(sqrt(x)) and whether it is exact. */
static sf_u128 sf_isqrt(sf_u128 x, bool *exact)
{
    sf_u128 rem = x, res = 0, one = (sf_u128)1 << 126;
    while (one > rem)
        one >>= 2;
    while (one) {
        if (rem >= res + one) {
            rem -= res + one;
            res = (res >> 1) + one;
        } else {
            res >>= 1;
        }
        one >>= 2;
    }
    *exact = rem == 0;
    return res;
}

uint64_t sf_sqrt(int N, uint64_t op, uint64_t fpcr, uint64_t *fpsr)
{
    /* FPSqrt() */
    fpcr &= ~SF_FPCR_AHP;
    SfVal a = sf_unpack(N, op, fpcr, fpsr);
    if (sf_isnan(a.type))
        return sf_process_nan(N, a.type, op, fpcr, fpsr);
    if (a.type == SF_ZERO)
        return sf_zero(N, a.sign);
    if (a.type == SF_INF && !a.sign)
        return sf_inf(N, 0);
    if (a.sign) {
        *fpsr |= SF_IOC;
        return sf_default_nan(N);
    }
    /* sig * 2^exp with exp even and sig about 2^124: a 62-bit root. */
    int k = 124 - sf_msb128(a.sig);
    sf_u128 s = (sf_u128)a.sig << k;
    int e = a.exp - k;
    if (e & 1) {
        s <<= 1;
        e--;
    }
    bool exact;
    sf_u128 r = sf_isqrt(s, &exact);
    return sf_round(N, 0, r, e / 2, !exact, fpcr, sf_rounding_mode(fpcr), fpsr);
}

uint64_t sf_muladd(int N, uint64_t addend, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr)
{
    /* FPMulAdd() */
    fpcr &= ~SF_FPCR_AHP;
    int rounding = sf_rounding_mode(fpcr);
    SfVal c = sf_unpack(N, addend, fpcr, fpsr);
    SfVal a = sf_unpack(N, op1, fpcr, fpsr), b = sf_unpack(N, op2, fpcr, fpsr);
    bool inf1 = a.type == SF_INF, inf2 = b.type == SF_INF;
    bool zero1 = a.type == SF_ZERO, zero2 = b.type == SF_ZERO;
    SfType t[3] = { c.type, a.type, b.type };
    uint64_t ops[3] = { addend, op1, op2 };
    uint64_t result;
    bool done = sf_process_nans3(N, t, ops, fpcr, fpsr, &result);
    /* A quiet NaN addend does not hide the Invalid Operation of 0 * Inf. */
    if (c.type == SF_QNAN && ((inf1 && zero2) || (zero1 && inf2))) {
        *fpsr |= SF_IOC;
        return sf_default_nan(N);
    }
    if (done)
        return result;
    bool infA = c.type == SF_INF, zeroA = c.type == SF_ZERO;
    int signP = a.sign ^ b.sign;
    bool infP = inf1 || inf2, zeroP = zero1 || zero2;
    if ((inf1 && zero2) || (zero1 && inf2) || (infA && infP && c.sign != signP)) {
        *fpsr |= SF_IOC;
        return sf_default_nan(N);
    }
    if ((infA && !c.sign) || (infP && !signP))
        return sf_inf(N, 0);
    if (infA || infP)
        return sf_inf(N, 1);
    if (zeroA && zeroP && c.sign == signP)
        return sf_zero(N, c.sign);
    if (zeroP) {
        if (zeroA)
            return sf_zero(N, rounding == SF_RM);
        return sf_round(N, c.sign, c.sig, c.exp, false, fpcr, rounding, fpsr);
    }
    sf_u128 psig = (sf_u128)a.sig * b.sig;
    int pexp = a.exp + b.exp;
    if (zeroA)
        return sf_round(N, signP, psig, pexp, false, fpcr, rounding, fpsr);
    int rs, re;
    sf_u128 rsig;
    bool st;
    if (!sf_add_exact(c.sign, c.sig, c.exp, signP, psig, pexp, &rs, &rsig, &re, &st))
        return sf_zero(N, rounding == SF_RM);
    return sf_round(N, rs, rsig, re, st, fpcr, rounding, fpsr);
}

/* Order of two unpacked non-NaN values: -1, 0 or 1. */
static int sf_cmp(const SfVal *a, const SfVal *b)
{
    int ka = a->type == SF_ZERO ? 0 : a->sign ? -1 : 1;
    int kb = b->type == SF_ZERO ? 0 : b->sign ? -1 : 1;
    if (ka != kb)
        return ka < kb ? -1 : 1;
    if (ka == 0)
        return 0;
    int m;
    if (a->type == SF_INF || b->type == SF_INF) {
        m = (a->type == SF_INF) - (b->type == SF_INF);
    } else {
        int pa = sf_msb128(a->sig), pb = sf_msb128(b->sig);
        int ea = pa + a->exp, eb = pb + b->exp;
        if (ea != eb) {
            m = ea < eb ? -1 : 1;
        } else {
            uint64_t ua = a->sig << (63 - pa), ub = b->sig << (63 - pb);
            m = ua < ub ? -1 : ua > ub;
        }
    }
    return ka > 0 ? m : -m;
}

static uint64_t sf_minmax(int N, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr, bool is_max)
{
    /* FPMax() / FPMin() */
    fpcr &= ~SF_FPCR_AHP;
    SfVal a = sf_unpack(N, op1, fpcr, fpsr), b = sf_unpack(N, op2, fpcr, fpsr);
    uint64_t result;
    if (sf_process_nans(N, a.type, b.type, op1, op2, fpcr, fpsr, &result))
        return result;
    int c = sf_cmp(&a, &b);
    bool first = is_max ? c > 0 : c < 0;
    const SfVal *v = first ? &a : &b;
    if (v->type == SF_INF)
        return sf_inf(N, v->sign);
    if (v->type == SF_ZERO)
        return sf_zero(N, is_max ? (a.sign & b.sign) : (a.sign | b.sign));
    /* FPRound() of a representable value (inputs are already flushed) is the value. */
    return (first ? op1 : op2) & sf_mask(N);
}

uint64_t sf_max(int N, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr)
{
    return sf_minmax(N, op1, op2, fpcr, fpsr, true);
}

uint64_t sf_min(int N, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr)
{
    return sf_minmax(N, op1, op2, fpcr, fpsr, false);
}

/* FPMaxNum() / FPMinNum(): one quiet NaN is replaced by the infinity that
 * loses, so the number wins. */
static uint64_t sf_minmaxnum(int N, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr, bool is_max)
{
    uint64_t cv = fpcr & ~SF_FPCR_AHP;
    SfType t1 = sf_unpack(N, op1, cv, fpsr).type, t2 = sf_unpack(N, op2, cv, fpsr).type;
    if (t1 == SF_QNAN && t2 != SF_QNAN)
        op1 = sf_inf(N, is_max);
    else if (t1 != SF_QNAN && t2 == SF_QNAN)
        op2 = sf_inf(N, is_max);
    return sf_minmax(N, op1, op2, fpcr, fpsr, is_max);
}

uint64_t sf_maxnum(int N, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr)
{
    return sf_minmaxnum(N, op1, op2, fpcr, fpsr, true);
}

uint64_t sf_minnum(int N, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr)
{
    return sf_minmaxnum(N, op1, op2, fpcr, fpsr, false);
}

unsigned sf_compare(int N, uint64_t op1, uint64_t op2, bool signal_nans, uint64_t fpcr, uint64_t *fpsr)
{
    /* FPCompare() */
    fpcr &= ~SF_FPCR_AHP;
    SfVal a = sf_unpack(N, op1, fpcr, fpsr), b = sf_unpack(N, op2, fpcr, fpsr);
    if (sf_isnan(a.type) || sf_isnan(b.type)) {
        if (a.type == SF_SNAN || b.type == SF_SNAN || signal_nans)
            *fpsr |= SF_IOC;
        return 0x3;
    }
    int c = sf_cmp(&a, &b);
    return c == 0 ? 0x6 : c < 0 ? 0x8 : 0x2;
}

bool sf_compare_eq(int N, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr)
{
    fpcr &= ~SF_FPCR_AHP;
    SfVal a = sf_unpack(N, op1, fpcr, fpsr), b = sf_unpack(N, op2, fpcr, fpsr);
    if (sf_isnan(a.type) || sf_isnan(b.type)) {
        if (a.type == SF_SNAN || b.type == SF_SNAN)
            *fpsr |= SF_IOC;
        return false;
    }
    return sf_cmp(&a, &b) == 0;
}

static int sf_compare_ordered(int N, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr)
{
    fpcr &= ~SF_FPCR_AHP;
    SfVal a = sf_unpack(N, op1, fpcr, fpsr), b = sf_unpack(N, op2, fpcr, fpsr);
    if (sf_isnan(a.type) || sf_isnan(b.type)) {
        *fpsr |= SF_IOC; /* GE and GT signal on every NaN */
        return 2;
    }
    return sf_cmp(&a, &b);
}

bool sf_compare_ge(int N, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr)
{
    int c = sf_compare_ordered(N, op1, op2, fpcr, fpsr);
    return c == 0 || c == 1;
}

bool sf_compare_gt(int N, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr)
{
    return sf_compare_ordered(N, op1, op2, fpcr, fpsr) == 1;
}
