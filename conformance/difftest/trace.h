/* The difftest trace (docs/trace-format.md) and the sequence table the
 * generated seqs.S gives the driver; shared by the aarch64 driver
 * (driver.c) and the host tool (tools/difftest*.c). LP64 little-endian. */
#ifndef DT_TRACE_H
#define DT_TRACE_H

#include "../semantics/sem.h"

#define DT_MAGIC 0x45434152544d5241ull /* "ARMTRACE" */
#define DT_VERSION 1
#define DT_REC_MAGIC 0xd1ff7e57u

/* The trace: one header, then records. */
struct dt_header {
	sem_u64 magic;        /*  0 */
	sem_u32 version;      /*  8 */
	sem_u32 header_size;  /* 12: sizeof(struct dt_header) */
	sem_u32 record_size;  /* 16: sizeof(struct dt_record) */
	sem_u32 flags;        /* 20: 0 */
	sem_u64 seed;         /* 24: the campaign seed (informational) */
	sem_u64 nseq;         /* 32: sequences in the image */
	sem_u64 scratch;      /* 40: address of the scratch memory */
	sem_u32 scratch_size; /* 48 */
	sem_u32 pad;          /* 52 */
	sem_u64 reserved;     /* 56 */
};

enum { DT_START = 1, DT_STEP = 2, DT_END = 3 };
enum {
	DT_F_HARNESS = 1, /* END: a signal outside the instructions under test */
	DT_F_TAKEN = 2,   /* STEP: a branch that was taken */
};
#define DT_NONE 0xffffffffu

struct dt_record {
	sem_u32 kind;         /*  0: DT_START, DT_STEP, DT_END */
	sem_u32 seq;          /*  4: sequence number in the image */
	sem_u32 insn;         /*  8: STEP: index of the instruction in its sequence; else DT_NONE */
	sem_u32 word;         /* 12: STEP: the instruction */
	sem_u32 signo;        /* 16: 0, or the signal the instruction raised */
	sem_u32 si_code;      /* 20 */
	sem_i64 fault_pc;     /* 24: signal pc - the instruction's address */
	sem_i64 fault_addr;   /* 32: si_addr - the scratch address */
	sem_u64 mem_hash;     /* 40: hash of the whole scratch memory */
	sem_u64 pc;           /* 48: STEP: the instruction's address */
	sem_u32 magic;        /* 56: DT_REC_MAGIC */
	sem_u32 flags;        /* 60: DT_F_* */
	struct sem_state s;   /* 64: the state after it (s.stub: 0) */
};

_Static_assert(sizeof(struct dt_header) == 64, "dt_header layout");
_Static_assert(sizeof(struct dt_record) == 864, "dt_record layout");

/* The image's sequence table (generated seqs.S, .rodata). */
struct dt_insn {
	sem_u64 addr;         /* the instruction */
	sem_u64 ckpt;         /* its checkpoint (where a fault resumes) */
	sem_u64 resume;       /* where the checkpoint returns */
	sem_u64 resume_taken; /* branches: where the taken path's checkpoint returns */
	sem_u32 word;
	sem_u32 flags;        /* DT_I_* */
};
enum {
	DT_I_MEM = 1,      /* may write the scratch memory */
	DT_I_READBACK = 2, /* an MRS read-back follows */
	DT_I_TAGS = 4,     /* may write allocation tags (MTE stores) */
};

struct dt_set {               /* an initial-state override */
	sem_u32 reg;          /* DT_R_* */
	sem_u32 pad;
	sem_u64 lo, hi;
};
enum { DT_R_SP = 31, DT_R_NZCV, DT_R_FPCR, DT_R_FPSR, DT_R_V = 64 }; /* 0..30: Xn; DT_R_V + n: Vn */

struct dt_seq {
	sem_u64 entry, end;   /* the code; `end` stores the final state */
	const struct dt_insn *insns;
	const struct dt_set *sets;
	sem_u64 state_seed;   /* the initial state: sem_init_state(state_seed, state_index) */
	sem_u64 scratch_seed; /* the scratch memory: sem_init_scratch(scratch_seed) */
	sem_u32 state_index, n, nset, flags; /* DT_S_* */
};
enum { DT_S_ZERO = 1 }; /* the initial state is all zeros (then the overrides) */

_Static_assert(sizeof(struct dt_insn) == 40, "dt_insn layout (gen)");
_Static_assert(sizeof(struct dt_set) == 24, "dt_set layout (gen)");
_Static_assert(sizeof(struct dt_seq) == 64, "dt_seq layout (gen)");

/* The scratch memory's hash (FNV-1a over its 64-bit words). */
static inline sem_u64 dt_hash(const sem_u64 *p, unsigned words)
{
	sem_u64 h = 0xcbf29ce484222325ull;
	for (unsigned i = 0; i < words; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h;
}

/* Applies an override to a state. */
static inline void dt_apply(struct sem_state *s, const struct dt_set *o)
{
	if (o->reg < 31)
		s->x[o->reg] = o->lo;
	else if (o->reg == DT_R_SP)
		s->sp = o->lo;
	else if (o->reg == DT_R_NZCV)
		s->nzcv = o->lo;
	else if (o->reg == DT_R_FPCR)
		s->fpcr = o->lo;
	else if (o->reg == DT_R_FPSR)
		s->fpsr = o->lo;
	else if (o->reg >= DT_R_V && o->reg < DT_R_V + 32) {
		s->v[o->reg - DT_R_V][0] = o->lo;
		s->v[o->reg - DT_R_V][1] = o->hi;
	}
}

#endif
