// Integer arithmetic and bit manipulation helpers (shared/functions/integer,
// shared/functions/common, aarch64/instrs/integer).

// AddWithCarry(): x + y + carry_in, and the NZCV flags it sets.
(bits(N), bits(4)) AddWithCarry(bits(N) x, bits(N) y, bit carry_in)
    integer unsigned_sum = UInt(x) + UInt(y) + UInt(carry_in);
    integer signed_sum = SInt(x) + SInt(y) + UInt(carry_in);
    bits(N) result = unsigned_sum<N-1:0>;
    bit n = result<N-1>;
    bit z = if IsZero(result) then '1' else '0';
    bit c = if UInt(result) == unsigned_sum then '0' else '1';
    bit v = if SInt(result) == signed_sum then '0' else '1';
    return (result, n:z:c:v);

// ConditionHolds(): does the A64 condition code hold for PSTATE.NZCV?
boolean ConditionHolds(bits(4) cond)
    boolean result;
    case cond<3:1> of
        when '000' result = (PSTATE.Z == '1');                          // EQ or NE
        when '001' result = (PSTATE.C == '1');                          // CS or CC
        when '010' result = (PSTATE.N == '1');                          // MI or PL
        when '011' result = (PSTATE.V == '1');                          // VS or VC
        when '100' result = (PSTATE.C == '1' && PSTATE.Z == '0');       // HI or LS
        when '101' result = (PSTATE.N == PSTATE.V);                     // GE or LT
        when '110' result = (PSTATE.N == PSTATE.V && PSTATE.Z == '0');  // GT or LE
        when '111' result = TRUE;                                       // AL
    // Odd conditions invert the result, except for '1111' which is also "always".
    if cond<0> == '1' && cond != '1111' then
        result = !result;
    return result;

// HighestSetBit(): index of the most significant '1', or -1 for zero.
integer HighestSetBit(bits(N) x)
    for i = N-1 downto 0
        if x<i> == '1' then
            return i;
    return -1;

integer LowestSetBit(bits(N) x)
    for i = 0 to N-1
        if x<i> == '1' then
            return i;
    return N;

integer CountLeadingZeroBits(bits(N) x)
    return N - (HighestSetBit(x) + 1);

integer CountLeadingSignBits(bits(N) x)
    return CountLeadingZeroBits(x<N-1:1> EOR x<N-2:0>);

integer BitCount(bits(N) x)
    integer result = 0;
    for i = 0 to N-1
        if x<i> == '1' then
            result = result + 1;
    return result;

// Shifts with the carry-out the Arm ARM defines alongside them.
(bits(N), bit) LSL_C(bits(N) x, integer shift)
    assert shift > 0;
    bits(N) result = x << shift;
    bit carry_out = if shift <= N then x<N-shift> else '0';
    return (result, carry_out);

bits(N) LSL(bits(N) x, integer shift)
    assert shift >= 0;
    if shift == 0 then
        return x;
    bits(N) result;
    (result, -) = LSL_C(x, shift);
    return result;

(bits(N), bit) LSR_C(bits(N) x, integer shift)
    assert shift > 0;
    bits(N) result = x >> shift;
    bit carry_out = if shift <= N then x<shift-1> else '0';
    return (result, carry_out);

bits(N) LSR(bits(N) x, integer shift)
    assert shift >= 0;
    if shift == 0 then
        return x;
    bits(N) result;
    (result, -) = LSR_C(x, shift);
    return result;

(bits(N), bit) ASR_C(bits(N) x, integer shift)
    assert shift > 0;
    integer s = if shift > N then N else shift;
    bits(N) result = (SInt(x) >> s)<N-1:0>;
    bit carry_out = x<s-1>;
    return (result, carry_out);

bits(N) ASR(bits(N) x, integer shift)
    assert shift >= 0;
    if shift == 0 then
        return x;
    bits(N) result;
    (result, -) = ASR_C(x, shift);
    return result;

(bits(N), bit) ROR_C(bits(N) x, integer shift)
    assert shift != 0;
    integer m = shift MOD N;
    bits(N) result = LSR(x, m) OR LSL(x, N - m);
    bit carry_out = result<N-1>;
    return (result, carry_out);

bits(N) ROR(bits(N) x, integer shift)
    assert shift >= 0;
    if shift == 0 then
        return x;
    bits(N) result;
    (result, -) = ROR_C(x, shift);
    return result;

// DecodeShift(): the shift type encoded in a 2-bit field.
ShiftType DecodeShift(bits(2) op)
    case op of
        when '00' return ShiftType_LSL;
        when '01' return ShiftType_LSR;
        when '10' return ShiftType_ASR;
        otherwise return ShiftType_ROR;

// ShiftReg(): read register m and shift it.
bits(N) ShiftReg(integer reg, ShiftType shiftype, integer amount, integer N)
    bits(N) result = X[reg, N];
    case shiftype of
        when ShiftType_LSL result = LSL(result, amount);
        when ShiftType_LSR result = LSR(result, amount);
        when ShiftType_ASR result = ASR(result, amount);
        when ShiftType_ROR result = ROR(result, amount);
    return result;

// DecodeRegExtend(): the extend type encoded in a 3-bit option field.
ExtendType DecodeRegExtend(bits(3) op)
    case op of
        when '000' return ExtendType_UXTB;
        when '001' return ExtendType_UXTH;
        when '010' return ExtendType_UXTW;
        when '011' return ExtendType_UXTX;
        when '100' return ExtendType_SXTB;
        when '101' return ExtendType_SXTH;
        when '110' return ExtendType_SXTW;
        otherwise return ExtendType_SXTX;

// ExtendValue(): extend the low bits of `val` and shift left by `shift`.
bits(N) ExtendValue(bits(M) val, ExtendType exttype, integer shift, integer N)
    assert shift >= 0 && shift <= 4;
    boolean unsigned;
    integer len;
    case exttype of
        when ExtendType_SXTB unsigned = FALSE; len = 8;
        when ExtendType_SXTH unsigned = FALSE; len = 16;
        when ExtendType_SXTW unsigned = FALSE; len = 32;
        when ExtendType_SXTX unsigned = FALSE; len = 64;
        when ExtendType_UXTB unsigned = TRUE;  len = 8;
        when ExtendType_UXTH unsigned = TRUE;  len = 16;
        when ExtendType_UXTW unsigned = TRUE;  len = 32;
        when ExtendType_UXTX unsigned = TRUE;  len = 64;
    // Bits of `val` above `len` do not take part; the result is N bits wide.
    integer nbits = if len < N - shift then len else N - shift;
    integer ival = if unsigned then UInt(val<nbits-1:0>) else SInt(val<nbits-1:0>);
    return (ival << shift)<N-1:0>;

// ExtendReg(): read register `reg` and extend it.
bits(N) ExtendReg(integer reg, ExtendType exttype, integer shift, integer N)
    bits(64) val = X[reg, 64];
    return ExtendValue(val, exttype, shift, N);

// DecodeBitMasks(): the bitmask immediate (and the "tmask" used by the
// bitfield moves) encoded by N:imms:immr, for an M-bit operation.
(bits(M), bits(M)) DecodeBitMasks(bit immN, bits(6) imms, bits(6) immr, boolean immediate, integer M)
    // The element size is 2^len bits, len = the top set bit of N:NOT(imms).
    integer len = HighestSetBit(immN:NOT(imms));
    if len < 1 then
        UNDEFINED;
    assert M >= (1 << len);
    bits(6) levels = ZeroExtend(Ones(len), 6);
    // An all-ones S would give an all-ones result: reserved for logical immediates.
    if immediate && (imms AND levels) == levels then
        UNDEFINED;
    integer s = UInt(imms AND levels);
    integer r = UInt(immr AND levels);
    integer diff = s - r;           // 6-bit subtract with borrow
    integer esize = 1 << len;
    integer d = UInt(diff<len-1:0>);
    bits(esize) welem = ZeroExtend(Ones(s + 1), esize);
    bits(esize) telem = ZeroExtend(Ones(d + 1), esize);
    bits(M) wmask = Replicate(ROR(welem, r), M DIV esize);
    bits(M) tmask = Replicate(telem, M DIV esize);
    return (wmask, tmask);

// BitReverse(): the bits of x in reverse order.
bits(N) BitReverse(bits(N) data)
    bits(N) result;
    for i = 0 to N-1
        result<(N-i)-1> = data<i>;
    return result;
