// General-purpose registers, the stack pointer and the program counter
// (shared/functions/registers, aarch64/functions/registers).

// X[n, width]: read the low `width` bits of Xn; register 31 reads as zero.
bits(width) X[integer n, integer width]
    assert n >= 0 && n <= 31;
    assert width == 8 || width == 16 || width == 32 || width == 64;
    if n == 31 then
        return Zeros(width);
    return _R[n]<width-1:0>;

// X[n, width] = value: write Xn, zero-extending; writes to register 31 are ignored.
X[integer n, integer width] = bits(width) value
    assert n >= 0 && n <= 31;
    assert width == 32 || width == 64;
    if n != 31 then
        _R[n] = ZeroExtend(value, 64);

// SP[width]: the stack pointer selected by PSTATE.SP and PSTATE.EL.
bits(width) SP[integer width]
    assert width == 32 || width == 64;
    if PSTATE.SP == '0' then
        return SP_EL0<width-1:0>;
    case PSTATE.EL of
        when EL0 return SP_EL0<width-1:0>;
        when EL1 return SP_EL1<width-1:0>;
        when EL2 return SP_EL2<width-1:0>;
        otherwise return SP_EL3<width-1:0>;

SP[integer width] = bits(width) value
    assert width == 32 || width == 64;
    if PSTATE.SP == '0' then
        SP_EL0 = ZeroExtend(value, 64);
    else
        case PSTATE.EL of
            when EL0 SP_EL0 = ZeroExtend(value, 64);
            when EL1 SP_EL1 = ZeroExtend(value, 64);
            when EL2 SP_EL2 = ZeroExtend(value, 64);
            otherwise SP_EL3 = ZeroExtend(value, 64);

// PC[]: the address of the instruction being executed.
bits(64) PC[]
    return _PC;

// BranchTo(): write the PC; the instruction then does not advance it.
BranchTo(bits(N) target, BranchType branch_type, boolean branch_conditional)
    assert N == 64;
    _PC = AArch64.BranchAddr(target, PSTATE.EL);
    BranchTaken = TRUE;
