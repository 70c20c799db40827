// SIMD&FP registers and shared helpers (shared/functions/vector,
// aarch64/functions/fpsimd).

enumeration FPConvOp {
    FPConvOp_CVT_FtoI, FPConvOp_CVT_ItoF, FPConvOp_MOV_FtoI, FPConvOp_MOV_ItoF, FPConvOp_CVT_FtoI_JS
};

// V[n, width]: the low `width` bits of SIMD&FP register n.
bits(width) V[integer n, integer width]
    assert n >= 0 && n <= 31;
    assert width == 8 || width == 16 || width == 32 || width == 64 || width == 128;
    return _V[n]<width-1:0>;

// Writing V[n, width] zeroes the rest of the register.
V[integer n, integer width] = bits(width) value
    assert n >= 0 && n <= 31;
    _V[n] = ZeroExtend(value, 128);

// Vpart[n, part, width]: part 0 is the low `width` bits, part 1 the next
// `width` bits (the upper half of a 128-bit register for width 64, of
// the low 64 bits for width 32).
bits(width) Vpart[integer n, integer part, integer width]
    assert n >= 0 && n <= 31;
    assert part == 0 || part == 1;
    if part == 0 then
        return V[n, width];
    // width 32: the upper half of a 64-bit vector (FMLAL2 with Q = 0)
    assert width == 32 || width == 64;
    bits(128) vreg = V[n, 128];
    return vreg<(width*2)-1:width>;

// Writing part 0 zeroes the rest of the register; writing part 1 keeps part 0.
Vpart[integer n, integer part, integer width] = bits(width) value
    assert n >= 0 && n <= 31;
    assert part == 0 || part == 1;
    if part == 0 then
        V[n, 128] = ZeroExtend(value, 128);
    else
        assert width == 64;
        bits(128) vreg = V[n, 128];
        vreg<127:64> = value<63:0>;
        V[n, 128] = vreg;

// CheckFPAdvSIMDEnabled64(): the SIMD&FP access traps of CPACR_EL1.FPEN and
// CPTR_EL2/EL3.TFP (AArch64.CheckFPAccessTraps, spec/lib/exceptions_sys.asl).
// User mode starts with FPEN = '11', as Linux leaves it for user programs.
CheckFPAdvSIMDEnabled64()
    AArch64.CheckFPAccessTraps();

// Elem[vector, e, size]: element e of a vector of `size`-bit elements.
// (Writing an element is a slice assignment in the pages:
// result<(e+1)*esize-1:e*esize> = value.)
bits(size) Elem[bits(N) vector, integer e, integer size]
    assert e >= 0 && (e+1)*size <= N;
    return vector<(e+1)*size-1:e*size>;

// SatQ(): i saturated to an N-bit signed or unsigned range, and whether it
// saturated (shared/functions/integer SignedSatQ/UnsignedSatQ).
(bits(N), boolean) SignedSatQ(integer i, integer N)
    integer result;
    boolean saturated;
    if i > (1 << (N-1)) - 1 then
        result = (1 << (N-1)) - 1;
        saturated = TRUE;
    elsif i < -(1 << (N-1)) then
        result = -(1 << (N-1));
        saturated = TRUE;
    else
        result = i;
        saturated = FALSE;
    return (result<N-1:0>, saturated);

(bits(N), boolean) UnsignedSatQ(integer i, integer N)
    integer result;
    boolean saturated;
    if i > (1 << N) - 1 then
        result = (1 << N) - 1;
        saturated = TRUE;
    elsif i < 0 then
        result = 0;
        saturated = TRUE;
    else
        result = i;
        saturated = FALSE;
    return (result<N-1:0>, saturated);

(bits(N), boolean) SatQ(integer i, integer N, boolean unsigned)
    if unsigned then
        return UnsignedSatQ(i, N);
    return SignedSatQ(i, N);

// FPSR.QC, the cumulative saturation flag (bit 27): set, never cleared, by
// the saturating instructions.
SetFPSRQC()
    FPSR<27> = '1';

// AdvSIMDExpandImm(): the 64-bit value of a modified immediate (op, cmode,
// a:b:c:d:e:f:g:h), C2.2.
bits(64) AdvSIMDExpandImm(bit op, bits(4) cmode, bits(8) imm8)
    bits(64) imm64;
    case cmode<3:1> of
        when '000' imm64 = Replicate(Zeros(24):imm8, 2);
        when '001' imm64 = Replicate(Zeros(16):imm8:Zeros(8), 2);
        when '010' imm64 = Replicate(Zeros(8):imm8:Zeros(16), 2);
        when '011' imm64 = Replicate(imm8:Zeros(24), 2);
        when '100' imm64 = Replicate(Zeros(8):imm8, 4);
        when '101' imm64 = Replicate(imm8:Zeros(8), 4);
        when '110'
            if cmode<0> == '0' then
                imm64 = Replicate(Zeros(16):imm8:Ones(8), 2);
            else
                imm64 = Replicate(Zeros(8):imm8:Ones(16), 2);
        when '111'
            if cmode<0> == '0' && op == '0' then
                imm64 = Replicate(imm8, 8);
            elsif cmode<0> == '0' && op == '1' then
                // each bit of imm8 becomes a byte of ones or zeros
                bits(64) bytes = Zeros(64);
                for i = 0 to 7
                    bytes<8*i+7:8*i> = Replicate(imm8<i>, 8);
                imm64 = bytes;
            elsif cmode<0> == '1' && op == '0' then
                // FMOV (vector, immediate), single precision
                imm64 = Replicate(imm8<7>:NOT(imm8<6>):Replicate(imm8<6>, 5):imm8<5:0>:Zeros(19), 2);
            else
                // FMOV (vector, immediate), double precision (Q == '1')
                imm64 = imm8<7>:NOT(imm8<6>):Replicate(imm8<6>, 8):imm8<5:0>:Zeros(48);
    return imm64;
