/* Soft-float core: IEEE 754 binary16/32/64 arithmetic as the AArch64
 * pseudocode defines it (shared/functions/float: FPUnpack, FPRound,
 * FPProcessNaNs, ...), on integer significands, independent of the host FPU.
 * Every function takes the format width N (16, 32 or 64), operands as raw
 * bits, the FPCR value, and ORs the cumulative exception flags it raises
 * into *fpsr (FPSR bit positions). The spec's __pure_primitive FP helpers
 * (spec/lib/fp.asl) are thin wrappers over these (softfloat_prims.c). */
#ifndef ARMATURE_SOFTFLOAT_H
#define ARMATURE_SOFTFLOAT_H

#include <stdbool.h>
#include <stdint.h>

/* FPCR fields (AArch64). */
#define SF_FPCR_AHP  (UINT64_C(1) << 26)
#define SF_FPCR_DN   (UINT64_C(1) << 25)
#define SF_FPCR_FZ   (UINT64_C(1) << 24)
#define SF_FPCR_RMODE_SHIFT 22
#define SF_FPCR_FZ16 (UINT64_C(1) << 19)

/* FPSR cumulative exception flags. */
#define SF_IOC (UINT64_C(1) << 0)
#define SF_DZC (UINT64_C(1) << 1)
#define SF_OFC (UINT64_C(1) << 2)
#define SF_UFC (UINT64_C(1) << 3)
#define SF_IXC (UINT64_C(1) << 4)
#define SF_IDC (UINT64_C(1) << 7)

/* Rounding modes, in the order of the spec's FPRounding enumeration. */
enum {
    SF_RN = 0,      /* FPRounding_TIEEVEN */
    SF_RP = 1,      /* FPRounding_POSINF */
    SF_RM = 2,      /* FPRounding_NEGINF */
    SF_RZ = 3,      /* FPRounding_ZERO */
    SF_RA = 4,      /* FPRounding_TIEAWAY */
    SF_RO = 5,      /* FPRounding_ODD */
};

/* FPRoundingMode(): FPCR.RMode. */
static inline int sf_rounding_mode(uint64_t fpcr) { return (int)((fpcr >> SF_FPCR_RMODE_SHIFT) & 3); }

uint64_t sf_add(int N, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr);
uint64_t sf_sub(int N, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr);
uint64_t sf_mul(int N, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr);
uint64_t sf_mulx(int N, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr);
uint64_t sf_div(int N, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr);
uint64_t sf_sqrt(int N, uint64_t op, uint64_t fpcr, uint64_t *fpsr);
/* FPMulAdd(): addend + op1 * op2, one rounding. */
uint64_t sf_muladd(int N, uint64_t addend, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr);
uint64_t sf_max(int N, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr);
uint64_t sf_min(int N, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr);
uint64_t sf_maxnum(int N, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr);
uint64_t sf_minnum(int N, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr);
/* FPCompare(): NZCV in bits 3:0. */
unsigned sf_compare(int N, uint64_t op1, uint64_t op2, bool signal_nans, uint64_t fpcr, uint64_t *fpsr);
bool sf_compare_eq(int N, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr);
bool sf_compare_ge(int N, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr);
bool sf_compare_gt(int N, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr);

uint64_t sf_round_int(int N, uint64_t op, uint64_t fpcr, int rounding, bool exact, uint64_t *fpsr);
uint64_t sf_round_int_n(int N, uint64_t op, uint64_t fpcr, int rounding, int intsize, uint64_t *fpsr);
/* FPToFixed(): result in the low M bits (M = 16, 32 or 64). */
uint64_t sf_to_fixed(int N, uint64_t op, int fbits, bool is_unsigned, uint64_t fpcr, int rounding, int M,
                     uint64_t *fpsr);
/* FixedToFP(): op is an M-bit integer. */
uint64_t sf_from_fixed(int M, uint64_t op, int fbits, bool is_unsigned, uint64_t fpcr, int rounding, int N,
                       uint64_t *fpsr);
/* FPToFixedJS(): the 32-bit result, and *z = Arm's Z result. */
uint32_t sf_to_fixed_js(uint64_t op, uint64_t fpcr, bool *z, uint64_t *fpsr);
/* FPConvert(): N-bit op to an M-bit float. */
uint64_t sf_convert(int N, uint64_t op, uint64_t fpcr, int rounding, int M, uint64_t *fpsr);

uint64_t sf_recip_estimate(int N, uint64_t op, uint64_t fpcr, uint64_t *fpsr);
uint64_t sf_rsqrt_estimate(int N, uint64_t op, uint64_t fpcr, uint64_t *fpsr);
uint64_t sf_recip_step(int N, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr);
uint64_t sf_rsqrt_step(int N, uint64_t op1, uint64_t op2, uint64_t fpcr, uint64_t *fpsr);
uint64_t sf_recpx(int N, uint64_t op, uint64_t fpcr, uint64_t *fpsr);

#endif
