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
// `width` bits (the upper half of a 128-bit register for width 64).
bits(width) Vpart[integer n, integer part, integer width]
    assert n >= 0 && n <= 31;
    assert part == 0 || part == 1;
    if part == 0 then
        return V[n, width];
    assert width == 64;
    bits(128) vreg = V[n, 128];
    return vreg<127:64>;

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

// CheckFPAdvSIMDEnabled64(): SIMD&FP access traps (CPACR_EL1.FPEN,
// CPTR_ELx.TFP) arrive with the system registers that control them; until
// then SIMD&FP is always enabled, as Linux leaves it for user programs.
CheckFPAdvSIMDEnabled64()
    return;
