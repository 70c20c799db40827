/* The spec's floating-point __pure_primitives (spec/lib/fp.asl) over the
 * soft-float core: each passes FPCR as given and accumulates the exception
 * flags in the CPU's FPSR. The 128-bit (__w) versions exist because the
 * helpers take bits(N); N is at most 64 for every FP format. */
#include "cpu_internal.h"
#include "asl_lib.h"
#include "softfloat.h"

_Static_assert((int)FPRounding_TIEEVEN == SF_RN && (int)FPRounding_POSINF == SF_RP &&
                   (int)FPRounding_NEGINF == SF_RM && (int)FPRounding_ZERO == SF_RZ &&
                   (int)FPRounding_TIEAWAY == SF_RA && (int)FPRounding_ODD == SF_RO,
               "FPRounding order");

#define FPSR (&cpu->a.FPSR)

uint64_t prim_FPAdd(Cpu *cpu, asl_int N, uint64_t op1, uint64_t op2, uint64_t fpcr)
{
    return sf_add((int)N, op1, op2, fpcr, FPSR);
}

asl_u128 prim_FPAdd__w(Cpu *cpu, asl_int N, asl_u128 op1, asl_u128 op2, uint64_t fpcr)
{
    return sf_add((int)N, (uint64_t)op1, (uint64_t)op2, fpcr, FPSR);
}

uint64_t prim_FPSub(Cpu *cpu, asl_int N, uint64_t op1, uint64_t op2, uint64_t fpcr)
{
    return sf_sub((int)N, op1, op2, fpcr, FPSR);
}

asl_u128 prim_FPSub__w(Cpu *cpu, asl_int N, asl_u128 op1, asl_u128 op2, uint64_t fpcr)
{
    return sf_sub((int)N, (uint64_t)op1, (uint64_t)op2, fpcr, FPSR);
}

uint64_t prim_FPMul(Cpu *cpu, asl_int N, uint64_t op1, uint64_t op2, uint64_t fpcr)
{
    return sf_mul((int)N, op1, op2, fpcr, FPSR);
}

asl_u128 prim_FPMul__w(Cpu *cpu, asl_int N, asl_u128 op1, asl_u128 op2, uint64_t fpcr)
{
    return sf_mul((int)N, (uint64_t)op1, (uint64_t)op2, fpcr, FPSR);
}

uint64_t prim_FPMulX(Cpu *cpu, asl_int N, uint64_t op1, uint64_t op2, uint64_t fpcr)
{
    return sf_mulx((int)N, op1, op2, fpcr, FPSR);
}

asl_u128 prim_FPMulX__w(Cpu *cpu, asl_int N, asl_u128 op1, asl_u128 op2, uint64_t fpcr)
{
    return sf_mulx((int)N, (uint64_t)op1, (uint64_t)op2, fpcr, FPSR);
}

uint64_t prim_FPDiv(Cpu *cpu, asl_int N, uint64_t op1, uint64_t op2, uint64_t fpcr)
{
    return sf_div((int)N, op1, op2, fpcr, FPSR);
}

asl_u128 prim_FPDiv__w(Cpu *cpu, asl_int N, asl_u128 op1, asl_u128 op2, uint64_t fpcr)
{
    return sf_div((int)N, (uint64_t)op1, (uint64_t)op2, fpcr, FPSR);
}

uint64_t prim_FPMax(Cpu *cpu, asl_int N, uint64_t op1, uint64_t op2, uint64_t fpcr)
{
    return sf_max((int)N, op1, op2, fpcr, FPSR);
}

asl_u128 prim_FPMax__w(Cpu *cpu, asl_int N, asl_u128 op1, asl_u128 op2, uint64_t fpcr)
{
    return sf_max((int)N, (uint64_t)op1, (uint64_t)op2, fpcr, FPSR);
}

uint64_t prim_FPMin(Cpu *cpu, asl_int N, uint64_t op1, uint64_t op2, uint64_t fpcr)
{
    return sf_min((int)N, op1, op2, fpcr, FPSR);
}

asl_u128 prim_FPMin__w(Cpu *cpu, asl_int N, asl_u128 op1, asl_u128 op2, uint64_t fpcr)
{
    return sf_min((int)N, (uint64_t)op1, (uint64_t)op2, fpcr, FPSR);
}

uint64_t prim_FPMaxNum(Cpu *cpu, asl_int N, uint64_t op1, uint64_t op2, uint64_t fpcr)
{
    return sf_maxnum((int)N, op1, op2, fpcr, FPSR);
}

asl_u128 prim_FPMaxNum__w(Cpu *cpu, asl_int N, asl_u128 op1, asl_u128 op2, uint64_t fpcr)
{
    return sf_maxnum((int)N, (uint64_t)op1, (uint64_t)op2, fpcr, FPSR);
}

uint64_t prim_FPMinNum(Cpu *cpu, asl_int N, uint64_t op1, uint64_t op2, uint64_t fpcr)
{
    return sf_minnum((int)N, op1, op2, fpcr, FPSR);
}

asl_u128 prim_FPMinNum__w(Cpu *cpu, asl_int N, asl_u128 op1, asl_u128 op2, uint64_t fpcr)
{
    return sf_minnum((int)N, (uint64_t)op1, (uint64_t)op2, fpcr, FPSR);
}

uint64_t prim_FPRecipStepFused(Cpu *cpu, asl_int N, uint64_t op1, uint64_t op2, uint64_t fpcr)
{
    return sf_recip_step((int)N, op1, op2, fpcr, FPSR);
}

asl_u128 prim_FPRecipStepFused__w(Cpu *cpu, asl_int N, asl_u128 op1, asl_u128 op2, uint64_t fpcr)
{
    return sf_recip_step((int)N, (uint64_t)op1, (uint64_t)op2, fpcr, FPSR);
}

uint64_t prim_FPRSqrtStepFused(Cpu *cpu, asl_int N, uint64_t op1, uint64_t op2, uint64_t fpcr)
{
    return sf_rsqrt_step((int)N, op1, op2, fpcr, FPSR);
}

asl_u128 prim_FPRSqrtStepFused__w(Cpu *cpu, asl_int N, asl_u128 op1, asl_u128 op2, uint64_t fpcr)
{
    return sf_rsqrt_step((int)N, (uint64_t)op1, (uint64_t)op2, fpcr, FPSR);
}

uint64_t prim_FPSqrt(Cpu *cpu, asl_int N, uint64_t op, uint64_t fpcr)
{
    return sf_sqrt((int)N, op, fpcr, FPSR);
}

asl_u128 prim_FPSqrt__w(Cpu *cpu, asl_int N, asl_u128 op, uint64_t fpcr)
{
    return sf_sqrt((int)N, (uint64_t)op, fpcr, FPSR);
}

uint64_t prim_FPRecipEstimate(Cpu *cpu, asl_int N, uint64_t op, uint64_t fpcr)
{
    return sf_recip_estimate((int)N, op, fpcr, FPSR);
}

asl_u128 prim_FPRecipEstimate__w(Cpu *cpu, asl_int N, asl_u128 op, uint64_t fpcr)
{
    return sf_recip_estimate((int)N, (uint64_t)op, fpcr, FPSR);
}

uint64_t prim_FPRSqrtEstimate(Cpu *cpu, asl_int N, uint64_t op, uint64_t fpcr)
{
    return sf_rsqrt_estimate((int)N, op, fpcr, FPSR);
}

asl_u128 prim_FPRSqrtEstimate__w(Cpu *cpu, asl_int N, asl_u128 op, uint64_t fpcr)
{
    return sf_rsqrt_estimate((int)N, (uint64_t)op, fpcr, FPSR);
}

uint64_t prim_FPRecpX(Cpu *cpu, asl_int N, uint64_t op, uint64_t fpcr)
{
    return sf_recpx((int)N, op, fpcr, FPSR);
}

asl_u128 prim_FPRecpX__w(Cpu *cpu, asl_int N, asl_u128 op, uint64_t fpcr)
{
    return sf_recpx((int)N, (uint64_t)op, fpcr, FPSR);
}

uint64_t prim_FPMulAdd(Cpu *cpu, asl_int N, uint64_t addend, uint64_t op1, uint64_t op2, uint64_t fpcr)
{
    return sf_muladd((int)N, addend, op1, op2, fpcr, FPSR);
}

asl_u128 prim_FPMulAdd__w(Cpu *cpu, asl_int N, asl_u128 addend, asl_u128 op1, asl_u128 op2, uint64_t fpcr)
{
    return sf_muladd((int)N, (uint64_t)addend, (uint64_t)op1, (uint64_t)op2, fpcr, FPSR);
}

uint64_t prim_FPCompare(Cpu *cpu, asl_int N, uint64_t op1, uint64_t op2, bool signal_nans, uint64_t fpcr)
{
    return sf_compare((int)N, op1, op2, signal_nans, fpcr, FPSR);
}

uint64_t prim_FPCompare__w(Cpu *cpu, asl_int N, asl_u128 op1, asl_u128 op2, bool signal_nans, uint64_t fpcr)
{
    return sf_compare((int)N, (uint64_t)op1, (uint64_t)op2, signal_nans, fpcr, FPSR);
}

bool prim_FPCompareEQ(Cpu *cpu, asl_int N, uint64_t op1, uint64_t op2, uint64_t fpcr)
{
    return sf_compare_eq((int)N, op1, op2, fpcr, FPSR);
}

bool prim_FPCompareEQ__w(Cpu *cpu, asl_int N, asl_u128 op1, asl_u128 op2, uint64_t fpcr)
{
    return sf_compare_eq((int)N, (uint64_t)op1, (uint64_t)op2, fpcr, FPSR);
}

bool prim_FPCompareGE(Cpu *cpu, asl_int N, uint64_t op1, uint64_t op2, uint64_t fpcr)
{
    return sf_compare_ge((int)N, op1, op2, fpcr, FPSR);
}

bool prim_FPCompareGE__w(Cpu *cpu, asl_int N, asl_u128 op1, asl_u128 op2, uint64_t fpcr)
{
    return sf_compare_ge((int)N, (uint64_t)op1, (uint64_t)op2, fpcr, FPSR);
}

bool prim_FPCompareGT(Cpu *cpu, asl_int N, uint64_t op1, uint64_t op2, uint64_t fpcr)
{
    return sf_compare_gt((int)N, op1, op2, fpcr, FPSR);
}

bool prim_FPCompareGT__w(Cpu *cpu, asl_int N, asl_u128 op1, asl_u128 op2, uint64_t fpcr)
{
    return sf_compare_gt((int)N, (uint64_t)op1, (uint64_t)op2, fpcr, FPSR);
}

uint64_t prim_FPRoundInt(Cpu *cpu, asl_int N, uint64_t op, uint64_t fpcr, FPRounding rounding, bool exact)
{
    return sf_round_int((int)N, op, fpcr, (int)rounding, exact, FPSR);
}

asl_u128 prim_FPRoundInt__w(Cpu *cpu, asl_int N, asl_u128 op, uint64_t fpcr, FPRounding rounding, bool exact)
{
    return sf_round_int((int)N, (uint64_t)op, fpcr, (int)rounding, exact, FPSR);
}

uint64_t prim_FPRoundIntN(Cpu *cpu, asl_int N, uint64_t op, uint64_t fpcr, FPRounding rounding, asl_int intsize)
{
    return sf_round_int_n((int)N, op, fpcr, (int)rounding, (int)intsize, FPSR);
}

asl_u128 prim_FPRoundIntN__w(Cpu *cpu, asl_int N, asl_u128 op, uint64_t fpcr, FPRounding rounding, asl_int intsize)
{
    return sf_round_int_n((int)N, (uint64_t)op, fpcr, (int)rounding, (int)intsize, FPSR);
}

uint64_t prim_FPToFixed(Cpu *cpu, asl_int N, uint64_t op, asl_int fbits, bool unsigned_, uint64_t fpcr,
                        FPRounding rounding, asl_int M)
{
    return sf_to_fixed((int)N, op, (int)fbits, unsigned_, fpcr, (int)rounding, (int)M, FPSR);
}

asl_u128 prim_FPToFixed__w(Cpu *cpu, asl_int N, asl_u128 op, asl_int fbits, bool unsigned_, uint64_t fpcr,
                           FPRounding rounding, asl_int M)
{
    return sf_to_fixed((int)N, (uint64_t)op, (int)fbits, unsigned_, fpcr, (int)rounding, (int)M, FPSR);
}

uint64_t prim_FixedToFP(Cpu *cpu, asl_int M, uint64_t op, asl_int fbits, bool unsigned_, uint64_t fpcr,
                        FPRounding rounding, asl_int N)
{
    return sf_from_fixed((int)M, op, (int)fbits, unsigned_, fpcr, (int)rounding, (int)N, FPSR);
}

asl_u128 prim_FixedToFP__w(Cpu *cpu, asl_int M, asl_u128 op, asl_int fbits, bool unsigned_, uint64_t fpcr,
                           FPRounding rounding, asl_int N)
{
    return sf_from_fixed((int)M, (uint64_t)op, (int)fbits, unsigned_, fpcr, (int)rounding, (int)N, FPSR);
}

uint64_t prim_FPToFixedJS(Cpu *cpu, uint64_t op, uint64_t fpcr)
{
    bool z;
    uint32_t r = sf_to_fixed_js(op, fpcr, &z, FPSR);
    return (uint64_t)z << 32 | r;
}

uint64_t prim_FPConvert(Cpu *cpu, asl_int N, uint64_t op, uint64_t fpcr, FPRounding rounding, asl_int M)
{
    return sf_convert((int)N, op, fpcr, (int)rounding, (int)M, FPSR);
}

asl_u128 prim_FPConvert__w(Cpu *cpu, asl_int N, asl_u128 op, uint64_t fpcr, FPRounding rounding, asl_int M)
{
    return sf_convert((int)N, (uint64_t)op, fpcr, (int)rounding, (int)M, FPSR);
}
