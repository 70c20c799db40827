// Pointer authentication, FEAT_PAuth (Armv8.3): the QARMA5-64 block cipher
// ComputePAC(), inserting a PAC (AddPAC), checking and removing it (Auth),
// stripping it (Strip), and the per-key entry points AddPACIA ... AuthDB
// (shared/functions/crypto, aarch64/functions/pac).
//
// This is the classic Armv8.3 behaviour: FEAT_EPAC, FEAT_PAuth2 and FEAT_FPAC
// are not implemented, so a PAC computed for a pointer with bad extension
// bits has one bit flipped, AddPAC inserts (not XORs) the PAC, and a failed
// authentication leaves an error code in the extension bits instead of
// faulting.
//
// The 128-bit keys of the Arm ARM (APIAKey_EL1 = APIAKeyHi_EL1:APIAKeyLo_EL1)
// are passed as their two 64-bit halves, since bits(N) is at most 64 wide
// here: key_hi is K<127:64>, key_lo is K<63:0>.

// ================================================================ configuration
//
// IMPDEF: configuration assumed until the system-register issue. AddPAC,
// Auth and Strip depend on the translation regime (TCR_EL1.{TBI,TBID,TxSZ}),
// on the key enables (SCTLR_EL1.En{IA,IB,DA,DB}) and on the EL2/EL3 traps
// (HCR_EL2.API, SCR_EL3.API). None of those registers exists yet, so their
// values are assumed here, and only here, as Linux configures EL0 (the only
// EL that runs): the system-register issue replaces these constants with
// reads of the real registers.
//   TCR_EL1.T0SZ = T1SZ = 16     48-bit virtual addresses (VA_BITS = 48)
//   TCR_EL1.TBI0 = 1             top byte ignored for user addresses ...
//   TCR_EL1.TBID0 = 0            ... for instruction addresses as well (Linux
//                                reports the same PAC mask, bits 54:48, for
//                                instruction and data pointers)
//   TCR_EL1.TBI1 = TBID1 = 0     kernel addresses keep their top byte
//                                (no KASAN tag modes)
//   SCTLR_EL1.EnIA/EnIB/EnDA/EnDB = 1   all four keys enabled for EL0
//   no EL2 or EL3: the API traps never fire
// In user mode Linux gives every process random keys; the key registers reset
// to zero here until armature-user sets them (see spec/sysregs/AP*Key*).
constant bit AssumedTCR_EL1_TBI0 = '1';
constant bit AssumedTCR_EL1_TBI1 = '0';
constant bit AssumedTCR_EL1_TBID0 = '0';
constant bit AssumedTCR_EL1_TBID1 = '0';
constant integer AssumedTCR_EL1_T0SZ = 16;
constant integer AssumedTCR_EL1_T1SZ = 16;
constant bit AssumedSCTLR_EL1_EnIA = '1';
constant bit AssumedSCTLR_EL1_EnIB = '1';
constant bit AssumedSCTLR_EL1_EnDA = '1';
constant bit AssumedSCTLR_EL1_EnDB = '1';

// PtrHasUpperAndLowerAddRanges(): does the current regime have two VA ranges
// (TTBR0 and TTBR1)? EL0 and EL1 run in the EL1&0 regime, which has.
boolean PtrHasUpperAndLowerAddRanges()
    return PSTATE.EL == EL0 || PSTATE.EL == EL1;

// EffectiveTBI(): is the top byte of `address` ignored (for an instruction
// address when is_instr) in the EL1&0 regime?
bit EffectiveTBI(bits(64) address, boolean is_instr, bits(2) el)
    bit tbi = if address<55> == '1' then AssumedTCR_EL1_TBI1 else AssumedTCR_EL1_TBI0;
    bit tbid = if address<55> == '1' then AssumedTCR_EL1_TBID1 else AssumedTCR_EL1_TBID0;
    return if tbi == '1' && (!is_instr || tbid == '0') then '1' else '0';

// CalculateBottomPACBit(): the lowest bit of the PAC field: the first bit
// above the virtual address of the range that `top_bit` (bit 55) selects.
integer CalculateBottomPACBit(bit top_bit)
    integer tsz = if top_bit == '1' then AssumedTCR_EL1_T1SZ else AssumedTCR_EL1_T0SZ;
    return 64 - tsz;

// PACSelectBit(): the bit that tells the upper from the lower range for
// AddPAC. With a regime of two ranges, bit 55 whenever either range has TBI
// (for instructions: TBI without TBID), else bit 63, as in AddPAC().
bit PACSelectBit(bits(64) ptr, boolean data, boolean tbi)
    if PtrHasUpperAndLowerAddRanges() then
        boolean any_tbi;
        if data then
            any_tbi = AssumedTCR_EL1_TBI1 == '1' || AssumedTCR_EL1_TBI0 == '1';
        else
            any_tbi = ((AssumedTCR_EL1_TBI1 == '1' && AssumedTCR_EL1_TBID1 == '0') ||
                       (AssumedTCR_EL1_TBI0 == '1' && AssumedTCR_EL1_TBID0 == '0'));
        return if any_tbi then ptr<55> else ptr<63>;
    return if tbi then ptr<55> else ptr<63>;

// ================================================================ QARMA5-64
//
// The state is 16 four-bit cells; QARMA numbers them 0..15 from the most
// significant end, so cell c is bits <63-4c:60-4c>. The functions below use
// that numbering through QCell().

integer QCellLo(integer c)
    return 60 - 4 * c;

bits(4) QCell(bits(64) s, integer c)
    return s<QCellLo(c) +: 4>;

// PACSub(): the S-box sigma (QARMA's sigma_2) on every cell.
bits(4) PACSubCell(bits(4) x)
    case x of
        when '0000' return '1011';
        when '0001' return '0110';
        when '0010' return '1000';
        when '0011' return '1111';
        when '0100' return '1100';
        when '0101' return '0000';
        when '0110' return '1001';
        when '0111' return '1110';
        when '1000' return '0011';
        when '1001' return '0111';
        when '1010' return '0100';
        when '1011' return '0101';
        when '1100' return '1101';
        when '1101' return '0010';
        when '1110' return '0001';
        otherwise return '1010';

// PACInvSub(): the inverse S-box on every cell.
bits(4) PACInvSubCell(bits(4) x)
    case x of
        when '0000' return '0101';
        when '0001' return '1110';
        when '0010' return '1101';
        when '0011' return '1000';
        when '0100' return '1010';
        when '0101' return '1011';
        when '0110' return '0001';
        when '0111' return '1001';
        when '1000' return '0010';
        when '1001' return '0110';
        when '1010' return '1111';
        when '1011' return '0000';
        when '1100' return '0100';
        when '1101' return '1100';
        when '1110' return '0111';
        otherwise return '0011';

bits(64) PACSub(bits(64) Tinput)
    bits(64) Toutput;
    for i = 0 to 15
        Toutput<4*i +: 4> = PACSubCell(Tinput<4*i +: 4>);
    return Toutput;

bits(64) PACInvSub(bits(64) Tinput)
    bits(64) Toutput;
    for i = 0 to 15
        Toutput<4*i +: 4> = PACInvSubCell(Tinput<4*i +: 4>);
    return Toutput;

// The cell permutation tau of QARMA: output cell c is input cell tau[c],
// tau = [0, 11, 6, 13, 10, 1, 12, 7, 5, 14, 3, 8, 15, 4, 9, 2].
integer PACShuffleSource(integer c)
    case c of
        when 0 return 0;
        when 1 return 11;
        when 2 return 6;
        when 3 return 13;
        when 4 return 10;
        when 5 return 1;
        when 6 return 12;
        when 7 return 7;
        when 8 return 5;
        when 9 return 14;
        when 10 return 3;
        when 11 return 8;
        when 12 return 15;
        when 13 return 4;
        when 14 return 9;
        otherwise return 2;

// Its inverse, tau^-1 = [0, 5, 15, 10, 13, 8, 2, 7, 11, 14, 4, 1, 6, 3, 9, 12].
integer PACInvShuffleSource(integer c)
    case c of
        when 0 return 0;
        when 1 return 5;
        when 2 return 15;
        when 3 return 10;
        when 4 return 13;
        when 5 return 8;
        when 6 return 2;
        when 7 return 7;
        when 8 return 11;
        when 9 return 14;
        when 10 return 4;
        when 11 return 1;
        when 12 return 6;
        when 13 return 3;
        when 14 return 9;
        otherwise return 12;

bits(64) PACCellShuffle(bits(64) indata)
    bits(64) outdata;
    for c = 0 to 15
        outdata<QCellLo(c) +: 4> = QCell(indata, PACShuffleSource(c));
    return outdata;

bits(64) PACCellInvShuffle(bits(64) indata)
    bits(64) outdata;
    for c = 0 to 15
        outdata<QCellLo(c) +: 4> = QCell(indata, PACInvShuffleSource(c));
    return outdata;

// RotCell(): rotate a cell left by `amount` bits (QARMA's rho^amount).
bits(4) RotCell(bits(4) incell, integer amount)
    bits(8) tmp = incell:incell;
    return tmp<(4 - amount) +: 4>;

// PACMult(): MixColumns with the involutory matrix M = circ(0, rho, rho^2, rho):
// in each column (cells j, j+4, j+8, j+12, rows 0..3 top down),
//   row r of the result = XOR over k != r of rho^e(r,k) (row k),
// where e = 1 when k - r is odd and e = 2 when k - r = +-2.
bits(64) PACMult(bits(64) Sinput)
    bits(64) Soutput;
    for j = 0 to 3
        bits(4) r0 = QCell(Sinput, j);
        bits(4) r1 = QCell(Sinput, j + 4);
        bits(4) r2 = QCell(Sinput, j + 8);
        bits(4) r3 = QCell(Sinput, j + 12);
        Soutput<QCellLo(j) +: 4> = RotCell(r1, 1) EOR RotCell(r2, 2) EOR RotCell(r3, 1);
        Soutput<QCellLo(j + 4) +: 4> = RotCell(r0, 1) EOR RotCell(r2, 1) EOR RotCell(r3, 2);
        Soutput<QCellLo(j + 8) +: 4> = RotCell(r0, 2) EOR RotCell(r1, 1) EOR RotCell(r3, 1);
        Soutput<QCellLo(j + 12) +: 4> = RotCell(r0, 1) EOR RotCell(r1, 2) EOR RotCell(r2, 1);
    return Soutput;

// TweakCellRot(): one step of the tweak LFSR omega on a cell,
// (b3, b2, b1, b0) -> (b0 EOR b1, b3, b2, b1).
bits(4) TweakCellRot(bits(4) incell)
    bits(4) outcell;
    outcell<3> = incell<0> EOR incell<1>;
    outcell<2> = incell<3>;
    outcell<1> = incell<2>;
    outcell<0> = incell<1>;
    return outcell;

// TweakCellInvRot(): the inverse LFSR step.
bits(4) TweakCellInvRot(bits(4) incell)
    bits(4) outcell;
    outcell<3> = incell<2>;
    outcell<2> = incell<1>;
    outcell<1> = incell<0>;
    outcell<0> = incell<0> EOR incell<3>;
    return outcell;

// The tweak permutation h of QARMA: output cell c is input cell h[c],
// h = [6, 5, 14, 15, 0, 1, 2, 3, 7, 12, 13, 4, 8, 9, 10, 11].
integer TweakShuffleSource(integer c)
    case c of
        when 0 return 6;
        when 1 return 5;
        when 2 return 14;
        when 3 return 15;
        when 4 return 0;
        when 5 return 1;
        when 6 return 2;
        when 7 return 3;
        when 8 return 7;
        when 9 return 12;
        when 10 return 13;
        when 11 return 4;
        when 12 return 8;
        when 13 return 9;
        when 14 return 10;
        otherwise return 11;

// The cells the LFSR omega updates after h: 0, 1, 3, 4, 8, 11 and 13.
boolean TweakCellUpdated(integer c)
    return c == 0 || c == 1 || c == 3 || c == 4 || c == 8 || c == 11 || c == 13;

// TweakShuffle(): the tweak update, permutation h then omega on some cells.
bits(64) TweakShuffle(bits(64) indata)
    bits(64) outdata;
    for c = 0 to 15
        bits(4) cell = QCell(indata, TweakShuffleSource(c));
        outdata<QCellLo(c) +: 4> = if TweakCellUpdated(c) then TweakCellRot(cell) else cell;
    return outdata;

// TweakInvShuffle(): its inverse: undo omega, then move each cell back.
bits(64) TweakInvShuffle(bits(64) indata)
    bits(64) outdata;
    for c = 0 to 15
        bits(4) cell = QCell(indata, c);
        if TweakCellUpdated(c) then
            cell = TweakCellInvRot(cell);
        outdata<QCellLo(TweakShuffleSource(c)) +: 4> = cell;
    return outdata;

// The round constants c_i of QARMA-64 (digits of pi, c_0 = 0).
bits(64) PACRoundConstant(integer i)
    case i of
        when 0 return Zeros(64);
        when 1 return (0x13198A2E03707344)<63:0>;
        when 2 return (0xA4093822299F31D0)<63:0>;
        when 3 return (0x082EFA98EC4E6C89)<63:0>;
        otherwise return (0x452821E638D01377)<63:0>;

// ComputePAC(): QARMA5-64 encryption of `data` under the tweak `modifier`,
// with whitening key key0 (w0) and core key key1 (k0): five forward rounds
// (the first without ShuffleCells and MixColumns), the reflector, and five
// backward rounds, the backward round keys offset by the constant alpha.
bits(64) ComputePAC(bits(64) data, bits(64) modifier, bits(64) key0, bits(64) key1)
    constant bits(64) Alpha = (0xC0AC29B7C97C50DD)<63:0>;
    // w1 = o(w0) = (w0 >>> 1) EOR (w0 >> 63)
    bits(64) modk0 = key0<0>:key0<63:2>:(key0<63> EOR key0<1>);
    bits(64) runningmod = modifier;
    bits(64) workingval = data EOR key0;
    bits(64) roundkey;
    for i = 0 to 4
        roundkey = key1 EOR runningmod;
        workingval = workingval EOR roundkey;
        workingval = workingval EOR PACRoundConstant(i);
        if i > 0 then
            workingval = PACCellShuffle(workingval);
            workingval = PACMult(workingval);
        workingval = PACSub(workingval);
        runningmod = TweakShuffle(runningmod);
    // The central rounds and the reflector.
    roundkey = modk0 EOR runningmod;
    workingval = workingval EOR roundkey;
    workingval = PACCellShuffle(workingval);
    workingval = PACMult(workingval);
    workingval = PACSub(workingval);
    workingval = PACCellShuffle(workingval);
    workingval = PACMult(workingval);
    workingval = key1 EOR workingval;
    workingval = PACCellInvShuffle(workingval);
    workingval = PACInvSub(workingval);
    workingval = PACMult(workingval);
    workingval = PACCellInvShuffle(workingval);
    workingval = workingval EOR key0;
    workingval = workingval EOR runningmod;
    for i = 0 to 4
        workingval = PACInvSub(workingval);
        if i < 4 then
            workingval = PACMult(workingval);
            workingval = PACCellInvShuffle(workingval);
        runningmod = TweakInvShuffle(runningmod);
        roundkey = key1 EOR runningmod;
        workingval = workingval EOR PACRoundConstant(4 - i);
        workingval = workingval EOR roundkey;
        workingval = workingval EOR Alpha;
    workingval = workingval EOR modk0;
    return workingval;

// ================================================================ PAC fields

// AddPAC(): `ptr` with a pointer authentication code for `modifier` under the
// key key_hi:key_lo in its extension bits (the bits above the virtual address,
// below the top byte when it is ignored). Bit 55 is kept: it tells the upper
// from the lower address range.
bits(64) AddPAC(bits(64) ptr, bits(64) modifier, bits(64) key_hi, bits(64) key_lo, boolean data)
    boolean tbi = EffectiveTBI(ptr, !data, PSTATE.EL) == '1';
    integer top_bit = if tbi then 55 else 63;
    bit selbit = PACSelectBit(ptr, data, tbi);
    integer bottom_PAC_bit = CalculateBottomPACBit(selbit);
    bits(64) extfield = Replicate(selbit, 64);
    // The PAC is computed for the pointer with good extension bits.
    bits(64) ext_ptr;
    if tbi then
        ext_ptr = ptr<63:56>:extfield<(56 - bottom_PAC_bit) - 1:0>:ptr<bottom_PAC_bit - 1:0>;
    else
        ext_ptr = extfield<(64 - bottom_PAC_bit) - 1:0>:ptr<bottom_PAC_bit - 1:0>;
    bits(64) PAC = ComputePAC(ext_ptr, modifier, key_hi, key_lo);
    // A pointer whose extension bits are not all equal gets a corrupted PAC,
    // so that authenticating it fails (no FEAT_EPAC: one bit flipped).
    if !IsZero(ptr<top_bit:bottom_PAC_bit>) && !IsOnes(ptr<top_bit:bottom_PAC_bit>) then
        PAC<top_bit - 1> = NOT(PAC<top_bit - 1>);
    bits(64) result;
    if tbi then
        result = ptr<63:56>:selbit:PAC<54:bottom_PAC_bit>:ptr<bottom_PAC_bit - 1:0>;
    else
        result = PAC<63:56>:selbit:PAC<54:bottom_PAC_bit>:ptr<bottom_PAC_bit - 1:0>;
    return result;

// Auth(): check the PAC in `ptr` for `modifier` under key_hi:key_lo. On
// success the pointer with its extension bits restored; on failure (no
// FEAT_FPAC) the same pointer with the error code key_number:NOT(key_number)
// in the two bits below the top of its extension, so that it does not
// translate. key_number is '0' for the A keys, '1' for the B keys.
// is_combined (a combined authenticate-and-branch or -load) matters only
// with FEAT_FPACCOMBINE.
bits(64) Auth(bits(64) ptr, bits(64) modifier, bits(64) key_hi, bits(64) key_lo, boolean data,
              bit key_number, boolean is_combined)
    boolean tbi = EffectiveTBI(ptr, !data, PSTATE.EL) == '1';
    integer bottom_PAC_bit = CalculateBottomPACBit(ptr<55>);
    bits(64) extfield = Replicate(ptr<55>, 64);
    bits(64) original_ptr;
    if tbi then
        original_ptr = ptr<63:56>:extfield<(56 - bottom_PAC_bit) - 1:0>:ptr<bottom_PAC_bit - 1:0>;
    else
        original_ptr = extfield<(64 - bottom_PAC_bit) - 1:0>:ptr<bottom_PAC_bit - 1:0>;
    bits(64) PAC = ComputePAC(original_ptr, modifier, key_hi, key_lo);
    bits(2) error_code = key_number:NOT(key_number);
    bits(64) result;
    if tbi then
        if PAC<54:bottom_PAC_bit> == ptr<54:bottom_PAC_bit> then
            result = original_ptr;
        else
            result = original_ptr<63:55>:error_code:original_ptr<52:0>;
    else
        if PAC<54:bottom_PAC_bit> == ptr<54:bottom_PAC_bit> && PAC<63:56> == ptr<63:56> then
            result = original_ptr;
        else
            result = original_ptr<63>:error_code:original_ptr<60:0>;
    return result;

// Strip(): `A` without its PAC: the extension bits become copies of bit 55.
bits(64) Strip(bits(64) A, boolean data)
    boolean tbi = EffectiveTBI(A, !data, PSTATE.EL) == '1';
    integer bottom_PAC_bit = CalculateBottomPACBit(A<55>);
    bits(64) extfield = Replicate(A<55>, 64);
    bits(64) original_ptr;
    if tbi then
        original_ptr = A<63:56>:extfield<(56 - bottom_PAC_bit) - 1:0>:A<bottom_PAC_bit - 1:0>;
    else
        original_ptr = extfield<(64 - bottom_PAC_bit) - 1:0>:A<bottom_PAC_bit - 1:0>;
    return original_ptr;

// ================================================================ per key
//
// A disabled key (SCTLR_EL1.EnIA ... = 0) leaves the pointer unchanged; the
// EL2/EL3 traps (TrapPACUse) need EL2/EL3, which are not implemented. The
// generic key APGAKey has no enable.

bits(64) AddPACIA(bits(64) X, bits(64) Y)
    if AssumedSCTLR_EL1_EnIA == '0' then
        return X;
    return AddPAC(X, Y, APIAKeyHi_EL1, APIAKeyLo_EL1, FALSE);

bits(64) AddPACIB(bits(64) X, bits(64) Y)
    if AssumedSCTLR_EL1_EnIB == '0' then
        return X;
    return AddPAC(X, Y, APIBKeyHi_EL1, APIBKeyLo_EL1, FALSE);

bits(64) AddPACDA(bits(64) X, bits(64) Y)
    if AssumedSCTLR_EL1_EnDA == '0' then
        return X;
    return AddPAC(X, Y, APDAKeyHi_EL1, APDAKeyLo_EL1, TRUE);

bits(64) AddPACDB(bits(64) X, bits(64) Y)
    if AssumedSCTLR_EL1_EnDB == '0' then
        return X;
    return AddPAC(X, Y, APDBKeyHi_EL1, APDBKeyLo_EL1, TRUE);

// AddPACGA(): the generic authentication code of X for the modifier Y, in
// the top 32 bits; the low 32 bits are zero.
bits(64) AddPACGA(bits(64) X, bits(64) Y)
    bits(64) PAC = ComputePAC(X, Y, APGAKeyHi_EL1, APGAKeyLo_EL1);
    return PAC<63:32>:Zeros(32);

bits(64) AuthIA(bits(64) X, bits(64) Y, boolean is_combined)
    if AssumedSCTLR_EL1_EnIA == '0' then
        return X;
    return Auth(X, Y, APIAKeyHi_EL1, APIAKeyLo_EL1, FALSE, '0', is_combined);

bits(64) AuthIB(bits(64) X, bits(64) Y, boolean is_combined)
    if AssumedSCTLR_EL1_EnIB == '0' then
        return X;
    return Auth(X, Y, APIBKeyHi_EL1, APIBKeyLo_EL1, FALSE, '1', is_combined);

bits(64) AuthDA(bits(64) X, bits(64) Y, boolean is_combined)
    if AssumedSCTLR_EL1_EnDA == '0' then
        return X;
    return Auth(X, Y, APDAKeyHi_EL1, APDAKeyLo_EL1, TRUE, '0', is_combined);

bits(64) AuthDB(bits(64) X, bits(64) Y, boolean is_combined)
    if AssumedSCTLR_EL1_EnDB == '0' then
        return X;
    return Auth(X, Y, APDBKeyHi_EL1, APDBKeyLo_EL1, TRUE, '1', is_combined);
