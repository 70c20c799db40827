// Formatting functions for assembler templates. They are C primitives
// (interp/disas_fmt.c) that print in GNU objdump's style.

__primitive string XReg(integer n);              // x0..x30, xzr
__primitive string WReg(integer n);              // w0..w30, wzr
__primitive string Reg(integer width, integer n);    // XReg or WReg by width
__primitive string RegSP(integer width, integer n);  // as Reg, but 31 is sp/wsp
__primitive string Hex(integer value);           // 0x1f (no '#')
__primitive string Label(integer address);       // a target address as objdump -b binary prints it: 0x80
__primitive string Cond(bits(4) cond);           // eq, ne, cs, ... al, nv
__primitive string ShiftName(ShiftType s);       // lsl, lsr, asr, ror
__primitive string ExtendName(ExtendType e);     // uxtb, ..., sxtx
__primitive string CondNote(bits(4) cond);       // objdump's "\t// cs = hs, nlast" note, or nothing
__primitive string MovImm(integer value, integer signed_value); // "0x1234<pad to 20>\t// #4660"
__primitive string FPReg(integer width, integer n);  // b0, h0, s0, d0, q0 by width
__primitive string Hex2(integer value);          // at least two hex digits: 0x05
