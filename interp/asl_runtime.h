/* Run-time support for generated pseudocode: value representation and the
 * small operations the emitter does not spell out inline. */
#ifndef ARMATURE_ASL_RUNTIME_H
#define ARMATURE_ASL_RUNTIME_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* ASL integers are unbounded; 128 bits hold every value A64 pseudocode
 * builds from 64-bit operands (sums with carry, 64x64 products). */
typedef __int128 asl_int;
typedef unsigned __int128 asl_u128;

/* How an instruction's pseudocode ended. */
typedef enum AslStatus {
    ASL_OK = 0,
    ASL_UNDEFINED,      /* UNDEFINED, SEE, or a feature the CPU lacks */
    ASL_UNPREDICTABLE,  /* UNPREDICTABLE: the run loop applies the IMPDEF choice */
    ASL_EXCEPTION,      /* an exception recorded in ArchState._Exception */
} AslStatus;

#define ASL_TRY(x)                      \
    do {                                \
        AslStatus _s = (x);             \
        if (__builtin_expect(_s != ASL_OK, 0)) \
            return _s;                  \
    } while (0)

#define ASL_I128(hi, lo) ((asl_int)(((asl_u128)(uint64_t)(hi) << 64) | (uint64_t)(lo)))

static inline uint64_t asl_mask(asl_int w) { return w >= 64 ? ~UINT64_C(0) : w <= 0 ? 0 : (UINT64_C(1) << w) - 1; }
static inline asl_u128 asl_mask128(asl_int w) { return w >= 128 ? ~(asl_u128)0 : w <= 0 ? 0 : ((asl_u128)1 << w) - 1; }

__attribute__((noreturn, cold)) static inline void asl_fail(const char *what, const char *where)
{
    fprintf(stderr, "armature: internal error: %s at %s\n", what, where);
    abort();
}

#define asl_assert(cond, where) \
    do { if (__builtin_expect(!(cond), 0)) asl_fail("assertion failed", where); } while (0)

/* Array index check: a bad index is a bug in the spec, never guest-controlled. */
static inline int asl_index(asl_int i, int hi, const char *where)
{
    if (i < 0 || i > hi)
        asl_fail("array index out of range", where);
    return (int)i;
}

static inline uint64_t asl_slice(uint64_t x, asl_int lo, asl_int w)
{
    return lo >= 64 ? 0 : (x >> lo) & asl_mask(w);
}

static inline asl_u128 asl_slice128(asl_u128 x, asl_int lo, asl_int w)
{
    return lo >= 128 ? 0 : (x >> lo) & asl_mask128(w);
}

static inline uint64_t asl_islice(asl_int x, asl_int lo, asl_int w)
{
    return lo >= 128 ? (x < 0 ? asl_mask(w) : 0) : (uint64_t)(x >> lo) & asl_mask(w);
}

static inline asl_u128 asl_islice128(asl_int x, asl_int lo, asl_int w)
{
    return (asl_u128)(x >> lo) & asl_mask128(w);
}

static inline uint64_t asl_deposit(uint64_t x, asl_int lo, asl_int w, uint64_t v)
{
    uint64_t m = asl_mask(w) << lo;
    return (x & ~m) | ((v << lo) & m);
}

static inline asl_u128 asl_deposit128(asl_u128 x, asl_int lo, asl_int w, asl_u128 v)
{
    asl_u128 m = asl_mask128(w) << lo;
    return (x & ~m) | ((v << lo) & m);
}

static inline uint64_t asl_sext(uint64_t x, asl_int w)
{
    if (w >= 64 || w <= 0)
        return x;
    uint64_t sign = UINT64_C(1) << (w - 1);
    return (x ^ sign) - sign;
}

static inline asl_int asl_sint(uint64_t x, asl_int w) { return (asl_int)(int64_t)asl_sext(x, w); }

static inline asl_int asl_sint128(asl_u128 x, asl_int w)
{
    if (w >= 128)
        return (asl_int)x;
    asl_u128 sign = (asl_u128)1 << (w - 1);
    return (asl_int)((x ^ sign) - sign);
}

static inline uint64_t asl_lsl(uint64_t x, asl_int s, asl_int w) { return s >= 64 ? 0 : (x << s) & asl_mask(w); }
static inline uint64_t asl_lsr(uint64_t x, asl_int s) { return s >= 64 ? 0 : x >> s; }

static inline uint64_t asl_replicate(uint64_t x, asl_int w, asl_int n)
{
    uint64_t r = 0;
    for (asl_int i = 0; i < n; i++)
        r = (w >= 64 ? 0 : r << w) | x;
    return r;
}

static inline asl_u128 asl_replicate128(asl_u128 x, asl_int w, asl_int n)
{
    asl_u128 r = 0;
    for (asl_int i = 0; i < n; i++)
        r = (w >= 128 ? 0 : r << w) | x;
    return r;
}

static inline asl_int asl_imul(asl_int a, asl_int b) { return (asl_int)((asl_u128)a * (asl_u128)b); }
/* Integer shifts are a * 2^s and RoundDown(a / 2^s): a negative amount
 * shifts the other way (C would make it undefined). */
static inline asl_int asl_ishr(asl_int a, asl_int s);
static inline asl_int asl_ishl(asl_int a, asl_int s)
{
    if (s < 0)
        return asl_ishr(a, -s);
    return s >= 128 ? 0 : (asl_int)((asl_u128)a << s);
}
static inline asl_int asl_ishr(asl_int a, asl_int s)
{
    if (s < 0)
        return asl_ishl(a, -s);
    return s >= 128 ? (a < 0 ? -1 : 0) : a >> s;
}

static inline asl_int asl_fdiv(asl_int a, asl_int b, const char *where)
{
    if (b == 0)
        asl_fail("division by zero", where);
    asl_int q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

static inline asl_int asl_fmod(asl_int a, asl_int b, const char *where) { return a - b * asl_fdiv(a, b, where); }

static inline asl_int asl_quot(asl_int a, asl_int b, const char *where)
{
    if (b == 0)
        asl_fail("division by zero", where);
    return a / b;
}

static inline asl_int asl_rem(asl_int a, asl_int b, const char *where)
{
    if (b == 0)
        asl_fail("division by zero", where);
    return a % b;
}

static inline asl_int asl_min(asl_int a, asl_int b) { return a < b ? a : b; }
static inline asl_int asl_max(asl_int a, asl_int b) { return a > b ? a : b; }
static inline asl_int asl_abs(asl_int a) { return a < 0 ? -a : a; }
static inline asl_int asl_align_int(asl_int x, asl_int a) { return asl_fdiv(x, a, "Align") * a; }

/* Output buffer for the generated disassembler's templates. */
typedef struct DisasBuf {
    char *p;
    unsigned len, cap;
} DisasBuf;

void disas_puts(DisasBuf *b, const char *s);
void disas_dec(DisasBuf *b, asl_int v);

#endif
