/* The decoded-instruction cache: for each recent PC, the word found there,
 * the encoding it decoded to and its decoded form, ready to execute. */
#ifndef ARMATURE_DECODE_CACHE_H
#define ARMATURE_DECODE_CACHE_H

#include <stdint.h>

#include "asl_runtime.h"

typedef struct Cpu Cpu;

/* Decoding is a pure function of the word and the CPU model (an encoding
 * whose feature the model lacks is UNDEFINED; the generator proves that a
 * cached decode block touches no state), so a slot is used only when it
 * holds the very word just fetched: a write to code, with or without the
 * cache maintenance the architecture asks for, is never hidden by a stale
 * slot, and no invalidation is needed. Slots are indexed by PC, so the
 * slots of a hot loop sit together.
 *
 * `run` executes the slot: the encoding's execute_<id>() on the decoded
 * form in `dec` when it fits and decode succeeded, else a fallback that
 * decodes again each time (exec_<id>(), which also reports a decode-time
 * UNDEFINED or UNPREDICTABLE), or UNDEFINED for an unallocated word. */
typedef AslStatus (*DecodedRunFn)(Cpu *cpu, const void *dec);

enum { DECODE_CACHE_BITS = 14, DECODE_DEC_MAX = 240 };

typedef struct DecodeSlot {
    uint32_t insn;
    int32_t idx;            /* encoding index, or -1: UNDEFINED */
    DecodedRunFn run;
    _Alignas(16) unsigned char dec[DECODE_DEC_MAX]; /* a Dec_<id> */
} DecodeSlot;

/* The generated side (a64_exec.c.inc): per encoding, decode into a
 * buffer, execute from it, and the buffer size (0: never cached). */
typedef struct A64Decoded {
    AslStatus (*decode)(Cpu *cpu, uint32_t insn, void *dec);
    DecodedRunFn run;
    uint32_t size;
} A64Decoded;

extern const A64Decoded a64_decoded[];

#endif
