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

// FPMulAddH(): FMLAL/FMLSL: the single-precision addend + op1 * op2 for
// half-precision op1 and op2, rounded once in single precision. Arm unpacks
// the halves with FPUnpack (FZ16 flushes a denormal half to zero without
// IDC; AHP is ignored) and picks a NaN as FPProcessNaNs3H does: signalling
// before quiet, addend before op1 before op2, a half NaN converted with
// FPConvertNaN. Widening each half exactly (FPWidenH) keeps a NaN's payload
// and whether it signals, so FPMulAdd in single precision makes the same
// choices, and the product of two widened halves is exact.
bits(32) FPMulAddH(bits(32) addend, bits(16) op1, bits(16) op2, bits(64) fpcr)
    return FPMulAdd(addend, FPWidenH(op1, fpcr), FPWidenH(op2, fpcr), fpcr);

// FPWidenH(): a half-precision operand of FPMulAddH as an equal single.
bits(32) FPWidenH(bits(16) op, bits(64) fpcr)
    if op<14:10> == '11111' && !IsZero(op<9:0>) then
        return op<15> : '11111111' : op<9:0> : Zeros(13);
    if op<14:10> == '00000' && fpcr<19> == '1' then
        return op<15> : Zeros(31);
    bits(64) ieee = fpcr;
    ieee<26> = '0';
    return FPConvert(op, ieee, FPRounding_TIEEVEN, 32);

// ---- BFloat16 (FEAT_BF16 without FEAT_EBF16; shared/functions/float) ----
// Written out here rather than in the soft-float core: BFloat16 needs a
// format (8-bit exponent, 7-bit fraction) and a rounding (round to odd,
// overflow to infinity, no flags) that the IEEE primitives above lack.

enumeration FPType {
    FPType_Zero, FPType_Denormal, FPType_Nonzero, FPType_Infinity,
    FPType_QNaN, FPType_SNaN
};

enumeration FPExc {
    FPExc_InvalidOp, FPExc_DivideByZero, FPExc_Overflow, FPExc_Underflow,
    FPExc_Inexact, FPExc_InputDenorm
};

// FPProcessException(): the cumulative FPSR flag of an exception (the
// trap enables are RAZ/WI, so no exception is ever trapped).
FPProcessException(FPExc exception, bits(64) fpcr)
    case exception of
        when FPExc_InvalidOp
            FPSR<0> = '1';
        when FPExc_DivideByZero
            FPSR<1> = '1';
        when FPExc_Overflow
            FPSR<2> = '1';
        when FPExc_Underflow
            FPSR<3> = '1';
        when FPExc_Inexact
            FPSR<4> = '1';
        otherwise
            FPSR<7> = '1';

// FPConvertBF(): BFCVT, BFCVTN: a single-precision value rounded to
// BFloat16 (the upper half of a single) in the given rounding mode, with
// IEEE flags; FZ flushes a denormal input to zero (IDC), DN gives the
// default NaN. The exponent range is the same, so rounding is on the low
// 16 bits of the encoding, and a carry out of the fraction correctly
// increments the exponent (up to infinity).
bits(16) FPConvertBF(bits(32) op, bits(64) fpcr, FPRounding rounding)
    bit sign = op<31>;
    bits(8) exp = op<30:23>;
    bits(23) frac = op<22:0>;
    if IsOnes(exp) then
        if IsZero(frac) then
            return sign : Ones(8) : Zeros(7);
        if frac<22> == '0' then
            FPProcessException(FPExc_InvalidOp, fpcr);
        if fpcr<25> == '1' then
            return '0' : Ones(8) : '1' : Zeros(6);
        return sign : Ones(8) : '1' : frac<21:16>;
    if IsZero(exp) then
        if IsZero(frac) then
            return sign : Zeros(15);
        if fpcr<24> == '1' then
            FPProcessException(FPExc_InputDenorm, fpcr);
            return sign : Zeros(15);
    integer mag = UInt(op<30:16>);
    integer error = UInt(op<15:0>);
    boolean round_up;
    case rounding of
        when FPRounding_TIEEVEN
            round_up = error > 0x8000 || (error == 0x8000 && mag MOD 2 == 1);
        when FPRounding_POSINF
            round_up = error != 0 && sign == '0';
        when FPRounding_NEGINF
            round_up = error != 0 && sign == '1';
        when FPRounding_TIEAWAY
            round_up = error >= 0x8000;
        otherwise
            round_up = FALSE;
    if round_up then
        mag = mag + 1;
    if rounding == FPRounding_ODD && error != 0 && mag MOD 2 == 0 then
        mag = mag + 1;
    // tininess is detected before rounding, as FPRoundBase does
    if IsZero(exp) && error != 0 then
        FPProcessException(FPExc_Underflow, fpcr);
    if mag >= 0x7F80 then
        FPProcessException(FPExc_Overflow, fpcr);
    if error != 0 then
        FPProcessException(FPExc_Inexact, fpcr);
    return sign : mag<14:0>;

// BFUnpack(): a BFloat16 (as the upper half of fpval) or single-precision
// operand of BFDOT/BFMMLA as (type, sign, mant, exp), value = mant * 2^exp.
// Denormals are zeros and every NaN is quiet; no flags.
(FPType, bit, integer, integer) BFUnpack(bits(32) fpval)
    bit sign = fpval<31>;
    bits(8) exp = fpval<30:23>;
    bits(23) frac = fpval<22:0>;
    if IsZero(exp) then
        return (FPType_Zero, sign, 0, 0);
    if IsOnes(exp) then
        if IsZero(frac) then
            return (FPType_Infinity, sign, 0, 0);
        return (FPType_QNaN, sign, 0, 0);
    return (FPType_Nonzero, sign, UInt('1' : frac), UInt(exp) - 150);

// BFRound(): the nonzero value (-1)^sign * mant * 2^exp as a single, rounded
// to odd (an inexact result gets fraction bit 0 set); a result below the
// normal range is a zero, one above it an infinity. No flags.
bits(32) BFRound(bit sign, integer mant, integer exp)
    assert mant > 0;
    integer top = 0;
    while (mant >> (top + 1)) != 0 do
        top = top + 1;
    integer exponent = top + exp;
    if exponent < -126 then
        return sign : Zeros(31);
    if exponent > 127 then
        return sign : Ones(8) : Zeros(23);
    integer int_mant;
    if top > 23 then
        int_mant = mant >> (top - 23);
        if (int_mant << (top - 23)) != mant && int_mant MOD 2 == 0 then
            int_mant = int_mant + 1;
    else
        int_mant = mant << (23 - top);
    return sign : (exponent + 127)<7:0> : int_mant<22:0>;

// The default NaN: FPCR.DN plays no part in BFDOT and BFMMLA.
bits(32) BFDefaultNaN()
    return '0' : Ones(8) : '1' : Zeros(22);

// BFMul(): the product of two BFloat16 values as a single. The product of
// two 8-bit significands is exact in 24 bits: only the range can round.
bits(32) BFMul(bits(16) op1, bits(16) op2)
    FPType type1;
    FPType type2;
    bit sign1;
    bit sign2;
    integer mant1;
    integer mant2;
    integer exp1;
    integer exp2;
    (type1, sign1, mant1, exp1) = BFUnpack(op1 : Zeros(16));
    (type2, sign2, mant2, exp2) = BFUnpack(op2 : Zeros(16));
    if type1 == FPType_QNaN || type2 == FPType_QNaN then
        return BFDefaultNaN();
    boolean inf1 = type1 == FPType_Infinity;
    boolean inf2 = type2 == FPType_Infinity;
    boolean zero1 = type1 == FPType_Zero;
    boolean zero2 = type2 == FPType_Zero;
    if (inf1 && zero2) || (zero1 && inf2) then
        return BFDefaultNaN();
    if inf1 || inf2 then
        return (sign1 EOR sign2) : Ones(8) : Zeros(23);
    if zero1 || zero2 then
        return (sign1 EOR sign2) : Zeros(31);
    return BFRound(sign1 EOR sign2, mant1 * mant2, exp1 + exp2);

// BFAdd(): op1 + op2 for singles, rounded to odd; an exact zero sum of
// nonzero operands is +0.
bits(32) BFAdd(bits(32) op1, bits(32) op2)
    FPType type1;
    FPType type2;
    bit sign1;
    bit sign2;
    integer mant1;
    integer mant2;
    integer exp1;
    integer exp2;
    (type1, sign1, mant1, exp1) = BFUnpack(op1);
    (type2, sign2, mant2, exp2) = BFUnpack(op2);
    if type1 == FPType_QNaN || type2 == FPType_QNaN then
        return BFDefaultNaN();
    boolean inf1 = type1 == FPType_Infinity;
    boolean inf2 = type2 == FPType_Infinity;
    boolean zero1 = type1 == FPType_Zero;
    boolean zero2 = type2 == FPType_Zero;
    if inf1 && inf2 && sign1 != sign2 then
        return BFDefaultNaN();
    if (inf1 && sign1 == '0') || (inf2 && sign2 == '0') then
        return '0' : Ones(8) : Zeros(23);
    if inf1 || inf2 then
        return '1' : Ones(8) : Zeros(23);
    if zero1 && zero2 && sign1 == sign2 then
        return sign1 : Zeros(31);
    // The exact sum as an integer multiple of 2^base. An operand more than
    // 60 binary places below the other only decides the direction of the
    // rounding, so it is replaced by the smallest step in that direction.
    integer v1 = if sign1 == '1' then -mant1 else mant1;
    integer v2 = if sign2 == '1' then -mant2 else mant2;
    integer sum;
    integer base;
    if zero1 then
        sum = v2;
        base = exp2;
    elsif zero2 then
        sum = v1;
        base = exp1;
    elsif exp1 - exp2 > 60 then
        sum = (v1 << 60) + (if sign2 == '1' then -1 else 1);
        base = exp1 - 60;
    elsif exp2 - exp1 > 60 then
        sum = (v2 << 60) + (if sign1 == '1' then -1 else 1);
        base = exp2 - 60;
    elsif exp1 >= exp2 then
        sum = (v1 << (exp1 - exp2)) + v2;
        base = exp2;
    else
        sum = v1 + (v2 << (exp2 - exp1));
        base = exp1;
    if sum == 0 then
        return Zeros(32);
    return BFRound(if sum < 0 then '1' else '0', Abs(sum), base);

// BFDotAdd(): BFDOT, BFMMLA: addend + (op1_a * op2_a + op1_b * op2_b), each
// product and each sum rounded to odd, no flags, default NaNs (FPCR is not
// used without FEAT_EBF16).
bits(32) BFDotAdd(bits(32) addend, bits(16) op1_a, bits(16) op1_b, bits(16) op2_a, bits(16) op2_b, bits(64) fpcr)
    bits(32) prod = BFAdd(BFMul(op1_a, op2_a), BFMul(op1_b, op2_b));
    return BFAdd(addend, prod);

// BFMulAdd(): BFMLALB/BFMLALT: an IEEE fused multiply-add in single
// precision of the widened BFloat16 operands (FPCR rounding, FZ, DN, flags).
bits(32) BFMulAdd(bits(32) addend, bits(16) op1, bits(16) op2, bits(64) fpcr)
    return FPMulAdd(addend, op1 : Zeros(16), op2 : Zeros(16), fpcr);
