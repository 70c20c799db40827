// Floating-point arithmetic (shared/functions/float): the architectural
// helpers under Arm's names and contracts. The arithmetic itself is a
// soft-float core in C (interp/softfloat*.c): each __pure_primitive below
// takes its operands as bits(N) (N = 16, 32 or 64) and the FPCR value, and
// accumulates the cumulative exception flags (IOC, DZC, OFC, UFC, IXC, IDC)
// in FPSR as Arm's FPProcessException does when the trap is disabled
// (traps are RAZ/WI on every modelled CPU, see spec/sysregs/FPCR.xml).
// Only the AArch64 FPCR fields exist: AHP<26>, DN<25>, FZ<24>, RMode<23:22>,
// FZ16<19>; FEAT_AFP's AH/FIZ/NEP are RES0.

enumeration FPRounding {
    FPRounding_TIEEVEN, FPRounding_POSINF, FPRounding_NEGINF,
    FPRounding_ZERO, FPRounding_TIEAWAY, FPRounding_ODD
};

// FPDecodeRounding(): FPCR.RMode to a rounding mode.
FPRounding FPDecodeRounding(bits(2) rmode)
    case rmode of
        when '00' return FPRounding_TIEEVEN;
        when '01' return FPRounding_POSINF;
        when '10' return FPRounding_NEGINF;
        otherwise return FPRounding_ZERO;

// FPRoundingMode(): the rounding mode FPCR selects.
FPRounding FPRoundingMode(bits(64) fpcr)
    return FPDecodeRounding(fpcr<23:22>);

// FPDecodeRM(): the rounding encoded in FCVT*/FRINT* opcodes (rmode field).
FPRounding FPDecodeRM(bits(2) rm)
    case rm of
        when '00' return FPRounding_TIEAWAY;
        when '01' return FPRounding_TIEEVEN;
        when '10' return FPRounding_POSINF;
        otherwise return FPRounding_NEGINF;

// FPAbs(), FPNeg(): sign manipulation only, no exceptions, NaNs untouched.
bits(N) FPAbs(bits(N) op)
    return '0' : op<N-2:0>;

bits(N) FPNeg(bits(N) op)
    return NOT(op<N-1>) : op<N-2:0>;

// Arithmetic: IEEE 754 operations with the AArch64 rules for FZ/FZ16, DN,
// NaN propagation (FPProcessNaNs/FPProcessNaNs3) and flags.
__pure_primitive bits(N) FPAdd(bits(N) op1, bits(N) op2, bits(64) fpcr);
__pure_primitive bits(N) FPSub(bits(N) op1, bits(N) op2, bits(64) fpcr);
__pure_primitive bits(N) FPMul(bits(N) op1, bits(N) op2, bits(64) fpcr);
__pure_primitive bits(N) FPDiv(bits(N) op1, bits(N) op2, bits(64) fpcr);
__pure_primitive bits(N) FPSqrt(bits(N) op, bits(64) fpcr);
// FPMulAdd(): addend + op1 * op2 with one rounding (FMADD, FMLA ...).
__pure_primitive bits(N) FPMulAdd(bits(N) addend, bits(N) op1, bits(N) op2, bits(64) fpcr);
// FPMulX(): FPMul, but 0 * Inf gives 2.0 with the product's sign (FMULX).
__pure_primitive bits(N) FPMulX(bits(N) op1, bits(N) op2, bits(64) fpcr);

__pure_primitive bits(N) FPMax(bits(N) op1, bits(N) op2, bits(64) fpcr);
__pure_primitive bits(N) FPMin(bits(N) op1, bits(N) op2, bits(64) fpcr);
// FPMaxNum()/FPMinNum(): a quiet NaN operand loses against a number.
__pure_primitive bits(N) FPMaxNum(bits(N) op1, bits(N) op2, bits(64) fpcr);
__pure_primitive bits(N) FPMinNum(bits(N) op1, bits(N) op2, bits(64) fpcr);

// FPCompare(): NZCV for FCMP/FCCMP (unordered = '0011'); signal_nans makes
// quiet NaNs raise IOC too (FCMPE/FCCMPE).
__pure_primitive bits(4) FPCompare(bits(N) op1, bits(N) op2, boolean signal_nans, bits(64) fpcr);
__pure_primitive boolean FPCompareEQ(bits(N) op1, bits(N) op2, bits(64) fpcr);
__pure_primitive boolean FPCompareGE(bits(N) op1, bits(N) op2, bits(64) fpcr);
__pure_primitive boolean FPCompareGT(bits(N) op1, bits(N) op2, bits(64) fpcr);

// FPRoundInt(): round to an integral value in the same format; exact
// raises IXC when the value changes (FRINTX).
__pure_primitive bits(N) FPRoundInt(bits(N) op, bits(64) fpcr, FPRounding rounding, boolean exact);
// FPRoundIntN(): FRINT32*/FRINT64*: out of range or NaN/Inf gives the most
// negative integer of intsize bits as a float, with IOC.
__pure_primitive bits(N) FPRoundIntN(bits(N) op, bits(64) fpcr, FPRounding rounding, integer intsize);

// FPToFixed(): op * 2^fbits rounded to an M-bit (un)signed integer,
// saturating with IOC (NaN gives 0 with IOC).
__pure_primitive bits(M) FPToFixed(bits(N) op, integer fbits, boolean unsigned, bits(64) fpcr, FPRounding rounding, integer M);
// FixedToFP(): the M-bit (un)signed fixed-point op / 2^fbits as an N-bit float.
__pure_primitive bits(N) FixedToFP(bits(M) op, integer fbits, boolean unsigned, bits(64) fpcr, FPRounding rounding, integer N);
// FPToFixedJS(): FJCVTZS: the value modulo 2^32 (round toward zero), bit 32
// of the result is Arm's second result (Z: the conversion was exact and in range).
__pure_primitive bits(33) FPToFixedJS(bits(64) op, bits(64) fpcr);

// FPConvert(): between half, single and double (half is AHP when FPCR.AHP
// is set, for conversions that honour it).
__pure_primitive bits(M) FPConvert(bits(N) op, bits(64) fpcr, FPRounding rounding, integer M);

// Reciprocal and reciprocal square root estimates and Newton-Raphson steps.
__pure_primitive bits(N) FPRecipEstimate(bits(N) op, bits(64) fpcr);
__pure_primitive bits(N) FPRSqrtEstimate(bits(N) op, bits(64) fpcr);
__pure_primitive bits(N) FPRecipStepFused(bits(N) op1, bits(N) op2, bits(64) fpcr);
__pure_primitive bits(N) FPRSqrtStepFused(bits(N) op1, bits(N) op2, bits(64) fpcr);
// FPRecpX(): the exponent-reciprocal of FRECPX.
__pure_primitive bits(N) FPRecpX(bits(N) op, bits(64) fpcr);

// VFPExpandImm(): the 8-bit FMOV immediate as an N-bit float.
bits(N) VFPExpandImm(bits(8) imm8, integer N)
    constant integer E = if N == 16 then 5 else if N == 32 then 8 else 11;
    constant integer F = N - E - 1;
    bit sign = imm8<7>;
    bits(E) exp = NOT(imm8<6>) : Replicate(imm8<6>, E-3) : imm8<5:4>;
    bits(F) frac = imm8<3:0> : Zeros(F-4);
    return sign : exp : frac;
