// Formatting functions for the Advanced SIMD assembler templates: C
// primitives (interp/disas_fmt_simd.c) in GNU objdump's style.

__primitive string Arr(integer datasize, integer esize);     // arrangement: 8b 16b 4h 8h 2s 4s 1d 2d 1q
__primitive string Vec(integer n, integer datasize, integer esize);  // v3.4s
__primitive string ElemSuffix(integer esize);                // b h s d q
// A register list of `count` consecutive (modulo 32) vectors: "{v0.16b}",
// "{v0.16b, v1.16b}", "{v0.4s-v2.4s}" (three or more without wrapping),
// "{v31.8b, v0.8b, v1.8b}".
__primitive string VArrList(integer t, integer count, integer datasize, integer esize);
// The same for single-element forms: "{v0.b}", "{v1.h-v3.h}".
__primitive string VElemList(integer t, integer count, integer esize);
