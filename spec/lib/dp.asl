// Helpers for the data-processing instruction pages (aarch64/instrs/integer)
// and for their assembler templates.

// BFXPreferred(): should SBFM/UBFM (or BFM) print as SBFX/UBFX (BFXIL)?
// Not when another alias (SBFIZ/UBFIZ, ASR/LSR/LSL, SXTx/UXTx) fits better.
boolean BFXPreferred(bit sf, bit uns, bits(6) imms, bits(6) immr)
    // must not match UBFIZ/SBFIZ
    if UInt(imms) < UInt(immr) then
        return FALSE;
    // must not match LSR/ASR/LSL
    if imms == sf:'11111' then
        return FALSE;
    // must not match UXTx/SXTx
    if immr == '000000' then
        // the 32-bit UXT[BH] and SXT[BH]
        if sf == '0' && imms IN {'000111', '001111'} then
            return FALSE;
        // the 64-bit SXT[BHW]
        if sf:uns == '10' && imms IN {'000111', '001111', '011111'} then
            return FALSE;
    return TRUE;

// MoveWideImmediate(): can one MOVZ load x, i.e. do all its ones lie in one
// 16-bit halfword? (GNU objdump prints ORR #imm as MOV only when neither
// MOVZ nor MOVN could load the value.)
boolean MoveWideImmediate(bits(N) x)
    for i = 0 to (N DIV 16) - 1
        bits(N) field = LSL(ZeroExtend(Ones(16), N), 16 * i);
        if IsZero(x AND NOT(field)) then
            return TRUE;
    return FALSE;

// ExtendRegWidth(): the width of Rm in an extended-register operand:
// X only for UXTX/SXTX of a 64-bit operation.
integer ExtendRegWidth(bits(3) option, integer datasize)
    return if datasize == 64 && option<1:0> == '11' then 64 else 32;

// ExtendShownAsLSL(): UXTW (32-bit) / UXTX (64-bit) next to SP is written LSL.
boolean ExtendShownAsLSL(bits(3) option, integer datasize, boolean sp)
    if !sp then
        return FALSE;
    return option == (if datasize == 64 then '011' else '010');

