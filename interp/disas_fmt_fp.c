/* Formatting primitives for floating-point assembler templates
 * (spec/lib/disas_fp.asl), in GNU objdump's style. */
#include <stdio.h>
#include <string.h>

#include "cpu_internal.h"
#include "asl_lib.h"

void prim_FPImm8(DisasBuf *b, uint64_t imm8)
{
    /* VFPExpandImm(imm8, 64): sign, NOT(b6):Replicate(b6, 8):b5:b4, b3..b0 */
    uint64_t sign = (imm8 >> 7) & 1, b6 = (imm8 >> 6) & 1;
    uint64_t exp = ((b6 ^ 1) << 10) | (b6 ? 0xffu << 2 : 0) | ((imm8 >> 4) & 3);
    uint64_t bits = (sign << 63) | (exp << 52) | ((imm8 & 0xf) << 48);
    double v;
    memcpy(&v, &bits, sizeof v);
    char tmp[48];
    snprintf(tmp, sizeof tmp, "%.18e", v);
    disas_puts(b, tmp);
}
