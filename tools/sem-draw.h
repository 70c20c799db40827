/* Drawing random instances of spec encodings for straight-line EL0 tests
 * (tools/sem-draw.c): shared by armature-semantics-conformance and
 * armature-difftest. */
#ifndef SEM_DRAW_H
#define SEM_DRAW_H

#include <stdbool.h>
#include <stdint.h>

#include "a64_meta.h"
#include "../conformance/semantics/sem.h"

extern const char *sd_prog; /* the program name die() prints */
_Noreturn void die(const char *fmt, ...);

/* The generator every draw uses: seed it before drawing. */
extern uint64_t rng;
uint64_t rnd64(void);
int rrange(int lo, int hi);
uint64_t hash_str(const char *s);

const A64Field *field(const A64EncodingInfo *e, const char *name);
uint32_t fget(uint32_t w, const A64Field *f);
uint32_t fset(uint32_t w, const A64Field *f, uint32_t v); /* the field's free bits only */
bool starts(const char *s, const char *p);

/* Why an encoding is never run (NULL: it is). */
const char *skip_reason(const A64EncodingInfo *e);
/* An encoding whose id, page or group matches one of the globs (all if none). */
bool selected(const A64EncodingInfo *e, const char *const *only, int nonly);

/* One drawn instance and its constraints. */
typedef struct Test {
    int enc;
    uint32_t word;
    struct sem_test t; /* overrides: base registers into the scratch memory, small indexes */
    int nmarkers;      /* branches: landing pads after the word (imm 1..5) */
    uint32_t readback; /* MSR: an MRS of the register written, or 0 */
} Test;

void draw(int ei, Test *t);

/* Armature's own verdict on a word run for one instruction in user mode:
 * -1 runs (or faults on memory), else why it is rejected (REJ_*). */
enum { REJ_OTHER, REJ_UNDEF, REJ_UNPRED, REJ_N };
extern const char *const rej_names[REJ_N];
void host_init(void);
int host_check(uint32_t w);

/* The disassembly with tabs as spaces. */
void disas(uint32_t w, char *buf, unsigned len);

#endif
