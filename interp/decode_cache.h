/* The decoded-instruction cache: for each recent PC, the word found there
 * and the encoding it decoded to. */
#ifndef ARMATURE_DECODE_CACHE_H
#define ARMATURE_DECODE_CACHE_H

#include <stdint.h>

/* Decoding is a pure function of the word and the CPU model (an encoding
 * whose feature the model lacks is UNDEFINED), so a slot is used only when
 * it holds the very word just fetched: a write to code, with or without the
 * cache maintenance the architecture asks for, is never hidden by a stale
 * slot, and no invalidation is needed. Slots are indexed by PC, so the
 * slots of a hot loop sit together in a few host cache lines (a cache
 * indexed by a hash of the word scattered them). */
typedef struct DecodeSlot {
    uint32_t insn;
    int32_t idx;    /* index in a64_exec_fns[], or -1: UNDEFINED */
} DecodeSlot;

enum { DECODE_CACHE_BITS = 15 }; /* 32 Ki slots: 128 KiB of code, 256 KiB */

#endif
