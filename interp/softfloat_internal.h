/* Soft-float internals shared by softfloat.c and softfloat_conv.c: the
 * unpacked form, FPUnpack, FPRound and NaN handling. */
#ifndef ARMATURE_SOFTFLOAT_INTERNAL_H
#define ARMATURE_SOFTFLOAT_INTERNAL_H

#include "softfloat.h"

typedef unsigned __int128 sf_u128;

typedef enum SfType { SF_ZERO, SF_NONZERO, SF_INF, SF_QNAN, SF_SNAN } SfType;

/* An unpacked operand: for SF_NONZERO (normals and denormals alike) the
 * value is (-1)^sign * sig * 2^exp exactly. */
typedef struct SfVal {
    SfType type;
    int sign;
    uint64_t sig;
    int exp;
} SfVal;

/* Format parameters: exponent bits E, fraction bits F. */
static inline int sf_E(int N) { return N == 16 ? 5 : N == 32 ? 8 : 11; }
static inline int sf_F(int N) { return N == 16 ? 10 : N == 32 ? 23 : 52; }
static inline int sf_bias(int N) { return (1 << (sf_E(N) - 1)) - 1; }
static inline uint64_t sf_signbit(int N) { return UINT64_C(1) << (N - 1); }
static inline uint64_t sf_mask(int N) { return N == 64 ? ~UINT64_C(0) : (UINT64_C(1) << N) - 1; }

static inline bool sf_isnan(SfType t) { return t == SF_QNAN || t == SF_SNAN; }

static inline uint64_t sf_zero(int N, int sign) { return sign ? sf_signbit(N) : 0; }
static inline uint64_t sf_inf(int N, int sign)
{
    return sf_zero(N, sign) | ((((UINT64_C(1) << sf_E(N)) - 1)) << sf_F(N));
}
static inline uint64_t sf_max_normal(int N, int sign)
{
    return sf_zero(N, sign) | ((((UINT64_C(1) << sf_E(N)) - 2)) << sf_F(N)) | ((UINT64_C(1) << sf_F(N)) - 1);
}
static inline uint64_t sf_default_nan(int N)
{
    return sf_inf(N, 0) | (UINT64_C(1) << (sf_F(N) - 1));
}
/* A constant 1.0 * 2^k with a sign (FPTwo, FPOnePointFive via frac). */
static inline uint64_t sf_const(int N, int sign, int unbiased_exp, uint64_t frac)
{
    return sf_zero(N, sign) | ((uint64_t)(unbiased_exp + sf_bias(N)) << sf_F(N)) | frac;
}

/* FPUnpack(): fpcr as the caller wants it seen (FPUnpack clears AHP,
 * FPUnpackCV clears FZ16). Raises IDC when FZ flushes a single/double
 * denormal. */
SfVal sf_unpack(int N, uint64_t bits, uint64_t fpcr, uint64_t *fpsr);

/* FPRound() of the exact value (-1)^sign * (sig + s) * 2^exp, where s is
 * in (0, 1) if sticky is set and 0 otherwise; sig + s must not be 0. fpcr
 * as the caller wants it seen (AHP only for FPRoundCV, FZ16 only for
 * FPRound). */
uint64_t sf_round(int N, int sign, sf_u128 sig, int exp, bool sticky, uint64_t fpcr, int rounding, uint64_t *fpsr);

/* FPProcessNaN(). */
uint64_t sf_process_nan(int N, SfType type, uint64_t op, uint64_t fpcr, uint64_t *fpsr);
/* FPProcessNaNs(): true if a NaN decided the result. */
bool sf_process_nans(int N, SfType t1, SfType t2, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr,
                     uint64_t *result);

/* The exact sum of two nonzero values (significands below 2^120) as
 * (-1)^*rs * (*rsig + s) * 2^*rexp, s in (0, 1) when *sticky. Returns false
 * when the sum is exactly zero. */
bool sf_add_exact(int s1, sf_u128 sig1, int e1, int s2, sf_u128 sig2, int e2, int *rs, sf_u128 *rsig, int *rexp,
                  bool *sticky);

/* Index of the most significant set bit of x (x != 0). */
static inline int sf_msb128(sf_u128 x)
{
    uint64_t hi = (uint64_t)(x >> 64);
    return hi ? 127 - __builtin_clzll(hi) : 63 - __builtin_clzll((uint64_t)x);
}

#endif
