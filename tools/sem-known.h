/* The compared parts of the state and the known-differences list
 * (tools/sem-known.c), shared by the semantics and difftest runners. */
#ifndef SEM_KNOWN_H
#define SEM_KNOWN_H

#include <stdbool.h>
#include <stdint.h>

#include "sem-draw.h"

/* X0-X30, SP, NZCV, FPCR, FPSR, V0-V31, the scratch memory, the signal. */
enum { P_X = 0, P_SP = 31, P_NZCV, P_FPCR, P_FPSR, P_V, P_MEM = P_V + 32, P_SIG, P_N };

void part_name(int p, char *buf, size_t len);
/* The register parts; P_MEM and P_SIG are left false for the caller. */
void diff_state(const struct sem_state *a, const struct sem_state *b, bool d[P_N]);
const char *sig_name(unsigned s);

/* known-differences.txt: GLOB [COND...] -- REASON (conformance/semantics/README.md). */
typedef struct Known {
    char *glob;
    bool parts[P_N], has_parts;
    int sig[2];          /* armature=, qemu=: -1 any, else signal number */
    uint32_t mask, match;
    uint32_t fpcr_mask, fpcr_match; /* fpcr_in=MASK/MATCH: FPCR before the instruction */
    uint64_t xormask;    /* xormask=: differing X/SP/NZCV/FPCR/FPSR values differ only in these bits */
    bool has_xormask;
    char *reason;
    int line;
    unsigned hits;
} Known;

extern Known *known;
extern int nknown;

void load_known(const char *path);
/* The first entry explaining a difference of an instance of encoding `id`
 * (word, FPCR before it) where side a took signal sig_a and side b sig_b. */
Known *explain(const char *id, uint32_t word, uint64_t fpcr_in, unsigned sig_a, unsigned sig_b,
               const struct sem_state *a, const struct sem_state *b, const bool d[P_N]);

#endif
