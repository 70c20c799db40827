// Formatting primitives for floating-point assembler templates
// (interp/disas_fmt_fp.c), in GNU objdump's style.

// FPImm8(): the FMOV immediate's value as objdump prints it, "%.18e"
// (1.000000000000000000e+00).
__primitive string FPImm8(bits(8) imm8);
