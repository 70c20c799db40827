/* The loaded ISA description: instruction pages, their encodings, pseudocode
 * blocks and assembler templates, as read from spec/a64 XML files. */
#ifndef GEN_SPEC_H
#define GEN_SPEC_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"

/* A block of source text (pseudocode, a condition or an assembler template)
 * and where its first character stands in the file. */
typedef struct Code {
    char *text; /* NULL when absent */
    SrcLoc loc;
} Code;

/* A named field of an encoding's bit diagram. */
typedef struct Field {
    char *name;
    int hi, lo;       /* bit positions, 31..0, hi >= lo */
    uint32_t mask;    /* bits of the field (in instruction position) fixed by the diagram */
    uint32_t value;   /* their values (in instruction position) */
    bool sb;          /* should-be bits: (0)/(1), not part of the decode mask */
    SrcLoc loc;
} Field;

typedef struct Instruction Instruction;
typedef struct Iclass Iclass;

/* One encoding: one row of the decoder, one exec_<id>() function. */
typedef struct Encoding {
    char *id;            /* Arm's encoding id, e.g. ADD_64_addsub_imm */
    SrcLoc loc;
    uint32_t mask;       /* bits fixed by the diagram (0/1, not x, not should-be) */
    uint32_t match;      /* their values */
    uint32_t sb_mask;    /* should-be bits */
    uint32_t sb_value;
    Field *fields;       /* named fields, MSB first */
    int nfields;
    int priority;        /* declared priority for overlaps; 0 by default */
    char *cname;         /* C identifier: id, plus the variant for specialised encodings */
    char *variant;       /* NULL, or e.g. "Q=1" for one value of a specialised field */
    char *feature;       /* FEAT_ gating this encoding only; NULL: the page's */
    Code asm_;           /* encoding-specific assembler template (optional) */
    Iclass *iclass;
    Instruction *insn;
    int index;           /* position in Spec.encs */
} Encoding;

/* Encodings that share one decode block (Arm's "instruction class"). */
struct Iclass {
    char *name;          /* optional */
    Encoding **encs;
    int nencs, cap;
    Code decode;         /* optional: overrides the page's decode block */
    Code asm_;           /* optional: template for the iclass's encodings */
};

/* A preferred alias: printed instead of the page's template when `when` holds. */
typedef struct Alias {
    Code when;           /* boolean pseudocode expression */
    Code asm_;           /* assembler template */
} Alias;

/* One instruction page = one XML file. */
struct Instruction {
    char *id;            /* page id, e.g. ADD_addsub_imm */
    char *title;
    char *group;         /* dpimm, dpreg, branch, ldst, system, ... */
    char *feature;       /* FEAT_xxx gating it; NULL for base Armv8.0-A */
    const char *file;
    SrcLoc loc;
    Iclass *iclasses;
    int niclasses;
    Code decode;         /* page-level decode (used by iclasses without their own) */
    Code execute;
    Code asm_;           /* page-level assembler template */
    Alias *aliases;
    int naliases;
};

typedef struct Feature {
    char *name;          /* FEAT_xxx */
    char *version;       /* "8.0", "8.1", ... */
    char **requires;     /* names of features it depends on */
    int nrequires;
    char *title;
    SrcLoc loc;
} Feature;

typedef struct Spec {
    Instruction **insns;
    int ninsns, insn_cap;
    Encoding **encs;     /* all encodings, in load order */
    int nencs, enc_cap;
    Feature *features;
    int nfeatures, feature_cap;
} Spec;

/* Load one instruction page into spec; reports errors through diag_error().
 * Returns false if the file could not be loaded. */
bool spec_load_instruction(Spec *spec, const char *path);
/* Load spec/features.xml. */
bool spec_load_features(Spec *spec, const char *path);
/* Cross-file checks: unique ids, known features, overlapping encodings
 * (allowed only between different priorities). */
void spec_check(Spec *spec);

/* The feature gating an encoding: its own, else its page's (NULL: base). */
static inline const char *enc_feature(const Encoding *e)
{
    return e->feature ? e->feature : e->insn ? e->insn->feature : NULL;
}

/* The C identifier of an encoding (its id unless it is a variant). */
static inline const char *enc_cname(const Encoding *e) { return e->cname ? e->cname : e->id; }

/* The field of `enc` called `name`, or NULL. */
const Field *encoding_field(const Encoding *enc, const char *name);

#endif
