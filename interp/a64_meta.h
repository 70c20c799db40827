/* Encoding metadata generated from spec/a64 (build/gen/a64_meta.c.inc):
 * one row per encoding, for the decoder, tools and coverage reports. */
#ifndef ARMATURE_A64_META_H
#define ARMATURE_A64_META_H

#include <stdint.h>

typedef struct A64Field {
    const char *name;
    uint8_t hi, lo;         /* bit positions */
    uint32_t fixed_mask;    /* bits of the field the diagram fixes */
} A64Field;

typedef struct A64EncodingInfo {
    const char *id;         /* encoding id, e.g. ADD_64_addsub_imm */
    const char *page;       /* instruction page id, e.g. ADD_addsub_imm */
    const char *group;      /* dpimm, dpreg, branch, ldst, system */
    const char *feature;    /* FEAT_xxx, or "" for base Armv8.0-A */
    const char *file;       /* spec file it came from */
    uint32_t mask, match;   /* (insn & mask) == match */
    uint32_t sb_mask, sb_value; /* should-be bits */
    int priority;
    const A64Field *fields;
    int nfields;
    const char *variant;    /* "" or, for a specialised encoding, e.g. "Q=1" */
} A64EncodingInfo;

extern const A64EncodingInfo a64_encodings[];
extern const int a64_n_encodings;

/* Index into a64_encodings of the encoding that decodes `insn`, or -1. */
int a64_decode_index(uint32_t insn);

#endif
