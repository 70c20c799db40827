/* armature-difftest (conformance/difftest/README.md): random instruction
 * sequences drawn from the spec, their trace comparison and minimisation.
 * difftest-seq.c: sequences (drawing, the .seq text, the seqs.S image);
 * difftest-cmp.c: traces and their comparison; difftest-min.c: the
 * minimiser; difftest.c: the commands. */
#ifndef DIFFTEST_H
#define DIFFTEST_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "sem-draw.h"
#include "sem-known.h"
#include "../conformance/difftest/trace.h"

#define DT_MAXK 64
#define DT_MAXSET 72

typedef struct SeqInsn {
    int enc;
    uint32_t word;
    uint8_t ov_reg[2];  /* 0..30 X, 31 SP, 0xff none */
    uint8_t ov_kind[2]; /* SEM_OV_SCRATCH: scratch mid + val; SEM_OV_ABS: val */
    int64_t ov_val[2];
    uint32_t readback;  /* MSR: an MRS of the register written after it, or 0 */
    int to;             /* branches: jumps to instruction k + to (>= 1; past the end: the end) */
} SeqInsn;

typedef struct Seq {
    uint64_t state_seed, scratch_seed;
    uint32_t state_index;
    bool zero; /* the initial state is all zeros instead of sem_init_state's */
    int n, nset;
    SeqInsn ins[DT_MAXK];
    struct dt_set set[DT_MAXSET];
} Seq;

/* Drawing: sequence `index` of a campaign (depends only on seed, index,
 * the selection and the length range). */
typedef struct DrawOpts {
    uint64_t seed;
    int kmin, kmax;
    const char *const *only;
    int nonly;
    const char *const *exclude; /* not drawn (id, page or group globs) */
    int nexclude;
    const struct ExcludeWords { const char *glob; uint32_t mask, match; } *exclude_words; /* words not drawn */
    int nexclude_words;
} DrawOpts;
void seq_draw_init(const DrawOpts *o);
void seq_draw(const DrawOpts *o, uint32_t index, Seq *s);
bool seq_is_branch(const A64EncodingInfo *e);
bool seq_may_write_mem(const A64EncodingInfo *e);

/* The .seq text (README.md) and the image. */
void seq_write(FILE *f, const Seq *s);
int seq_read(FILE *f, const char *path, Seq **out); /* every sequence in the file */
void seq_emit(FILE *f, const Seq *seqs, int nseq, uint64_t seed);
void seq_set(Seq *s, unsigned reg, uint64_t lo, uint64_t hi); /* adds or replaces an override */
void seq_state(const Seq *s, struct sem_state *st);            /* the initial state */
void seq_compact(Seq *s); /* the same state as a zero state and the nonzero registers */

/* Traces. */
typedef struct Trace {
    struct dt_header h;
    struct dt_record *r;
    size_t n;
    const char *name;
    bool bad_header;
} Trace;
void trace_read(const char *path, const char *name, Trace *t);

/* The result of one sequence. */
enum { SR_SAME, SR_EXPLAINED, SR_DIFFERS, SR_BROKEN };
typedef struct SeqResult {
    int status;
    int enc;      /* SR_EXPLAINED/SR_DIFFERS at a STEP: the instruction's encoding, else -1 */
    uint32_t insn;
    size_t ra, rb; /* the first differing records */
    Known *known;
} SeqResult;

typedef struct CmpOpts {
    unsigned max_report;
    bool table, quiet;
} CmpOpts;
/* Compares two traces sequence by sequence; results (if not NULL) gets one
 * entry per sequence of a; *passed (if not NULL) counts the instructions
 * compared equal or explained. Returns the number of failures. */
uint64_t trace_compare(const Trace *a, const Trace *b, const CmpOpts *o, SeqResult *results, uint64_t *passed);

/* Minimising: shrinks s (which differs) while it still differs at the
 * same encoding; runs `runner DIR` to build and run both sides. */
int seq_minimise(Seq *s, const char *runner, const char *dir, int verbose);

#endif
