/* Formatting primitives for assembler templates (spec/lib/disas.asl), in
 * GNU objdump's style. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cpu_internal.h"

void disas_puts(DisasBuf *b, const char *s)
{
    size_t n = strlen(s);
    if (b->cap == 0)
        return;
    if (b->len + n >= b->cap)
        n = b->cap - 1 - b->len;
    memcpy(b->p + b->len, s, n);
    b->len += (unsigned)n;
    b->p[b->len] = 0;
}

static void putf(DisasBuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(DisasBuf *b, const char *fmt, ...)
{
    char tmp[64];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    disas_puts(b, tmp);
}

void disas_dec(DisasBuf *b, asl_int v)
{
    if (v < 0)
        putf(b, "-%" PRIu64, (uint64_t)-v);
    else
        putf(b, "%" PRIu64, (uint64_t)v);
}

void prim_XReg(DisasBuf *b, asl_int n)
{
    if (n == 31)
        disas_puts(b, "xzr");
    else
        putf(b, "x%d", (int)n);
}

void prim_WReg(DisasBuf *b, asl_int n)
{
    if (n == 31)
        disas_puts(b, "wzr");
    else
        putf(b, "w%d", (int)n);
}

void prim_Reg(DisasBuf *b, asl_int width, asl_int n)
{
    if (width == 64)
        prim_XReg(b, n);
    else
        prim_WReg(b, n);
}

void prim_RegSP(DisasBuf *b, asl_int width, asl_int n)
{
    if (n == 31)
        disas_puts(b, width == 64 ? "sp" : "wsp");
    else
        prim_Reg(b, width, n);
}

void prim_Hex(DisasBuf *b, asl_int v)
{
    if (v < 0)
        putf(b, "-0x%" PRIx64, (uint64_t)-v);
    else
        putf(b, "0x%" PRIx64, (uint64_t)v);
}

void prim_Hex2(DisasBuf *b, asl_int v)
{
    putf(b, "0x%02" PRIx64, (uint64_t)v);
}

void prim_Label(DisasBuf *b, asl_int address)
{
    putf(b, "0x%" PRIx64, (uint64_t)address);
}

/* The aliases GNU objdump notes after a condition, e.g. "cs = hs, nlast". */
void prim_CondNote(DisasBuf *b, uint64_t cond)
{
    static const char *notes[16] = {
        "eq = none", "ne = any", "cs = hs, nlast", "cc = lo, ul, last", "mi = first",
        "pl = nfrst", NULL, NULL, "hi = pmore", "ls = plast", "ge = tcont", "lt = tstop",
    };
    if (notes[cond & 15]) {
        disas_puts(b, "\t// ");
        disas_puts(b, notes[cond & 15]);
    }
}

/* MOV (wide/bitmask immediate): hex padded to 20 columns, then the signed value. */
void prim_MovImm(DisasBuf *b, asl_int value, asl_int signed_value)
{
    putf(b, "0x%-20" PRIx64 "\t// #%" PRId64, (uint64_t)value, (int64_t)signed_value);
}

void prim_Cond(DisasBuf *b, uint64_t cond)
{
    static const char *names[16] = {
        "eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc",
        "hi", "ls", "ge", "lt", "gt", "le", "al", "nv",
    };
    disas_puts(b, names[cond & 15]);
}

void prim_ShiftName(DisasBuf *b, ShiftType s)
{
    static const char *names[] = { "lsl", "lsr", "asr", "ror" };
    disas_puts(b, names[s & 3]);
}

void prim_ExtendName(DisasBuf *b, ExtendType e)
{
    static const char *names[] = { "uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx" };
    disas_puts(b, names[e & 7]);
}

/* A SIMD&FP register as a scalar of `width` bits: b0, h1, s2, d3, q4. */
void prim_FPReg(DisasBuf *b, asl_int width, asl_int n)
{
    char c = width == 8 ? 'b' : width == 16 ? 'h' : width == 32 ? 's' : width == 64 ? 'd' : 'q';
    putf(b, "%c%d", c, (int)n);
}
