/* Formatting primitives for Advanced SIMD assembler templates
 * (spec/lib/disas_simd.asl), in GNU objdump's style. */
#include <stdio.h>

#include "cpu_internal.h"

static const char *arr_name(asl_int datasize, asl_int esize)
{
    switch (esize) {
    case 8: return datasize == 128 ? "16b" : "8b";
    case 16: return datasize == 128 ? "8h" : "4h";
    case 32: return datasize == 128 ? "4s" : "2s";
    case 64: return datasize == 128 ? "2d" : "1d";
    default: return "1q";
    }
}

static char elem_suffix(asl_int esize)
{
    return esize == 8 ? 'b' : esize == 16 ? 'h' : esize == 32 ? 's' : esize == 64 ? 'd' : 'q';
}

void prim_Arr(DisasBuf *b, asl_int datasize, asl_int esize)
{
    disas_puts(b, arr_name(datasize, esize));
}

void prim_Vec(DisasBuf *b, asl_int n, asl_int datasize, asl_int esize)
{
    char tmp[16];
    snprintf(tmp, sizeof tmp, "v%d.%s", (int)n, arr_name(datasize, esize));
    disas_puts(b, tmp);
}

void prim_ElemSuffix(DisasBuf *b, asl_int esize)
{
    char tmp[2] = { elem_suffix(esize), 0 };
    disas_puts(b, tmp);
}

/* objdump writes a list of three or four registers that does not wrap past
 * v31 as a range. */
static void vlist(DisasBuf *b, asl_int t, asl_int count, const char *suffix)
{
    char tmp[32];
    disas_puts(b, "{");
    if (count >= 3 && t + count - 1 <= 31) {
        snprintf(tmp, sizeof tmp, "v%d.%s-v%d.%s", (int)t, suffix, (int)(t + count - 1), suffix);
        disas_puts(b, tmp);
    } else {
        for (asl_int i = 0; i < count; i++) {
            snprintf(tmp, sizeof tmp, "%sv%d.%s", i ? ", " : "", (int)((t + i) % 32), suffix);
            disas_puts(b, tmp);
        }
    }
    disas_puts(b, "}");
}

void prim_VArrList(DisasBuf *b, asl_int t, asl_int count, asl_int datasize, asl_int esize)
{
    vlist(b, t, count, arr_name(datasize, esize));
}

void prim_VElemList(DisasBuf *b, asl_int t, asl_int count, asl_int esize)
{
    char suffix[2] = { elem_suffix(esize), 0 };
    vlist(b, t, count, suffix);
}
