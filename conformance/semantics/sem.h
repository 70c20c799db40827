/* Shared between the host tool (tools/semantics-conformance.c) and the
 * aarch64 driver (driver.c, harness.S): the record layouts, the scratch
 * memory geometry and the seeded initial state of every test.
 * Both sides are LP64 little-endian; harness.S hard-codes the offsets
 * checked by the static assertions below. */
#ifndef SEM_H
#define SEM_H

#ifdef SEM_GUEST
#include "rt.h"
typedef u64 sem_u64;
typedef u32 sem_u32;
typedef u8 sem_u8;
typedef i64 sem_i64;
#else
#include <stdint.h>
typedef uint64_t sem_u64;
typedef uint32_t sem_u32;
typedef uint8_t sem_u8;
typedef int64_t sem_i64;
#endif

#define SEM_MAGIC 0x31636d6573ull /* "semc1" */
#define SEM_VERSION 1

/* The architectural state before and after one instruction. */
struct sem_state {
	sem_u64 x[31];     /*   0 */
	sem_u64 sp;        /* 248 */
	sem_u64 nzcv;      /* 256: NZCV in bits 31:28, as MRS NZCV */
	sem_u64 fpcr;      /* 264 */
	sem_u64 fpsr;      /* 272 */
	sem_u64 stub;      /* 280: input only: where harness.S jumps */
	sem_u64 v[32][2];  /* 288: Vn as (low, high) 64-bit halves */
};

/* Scratch memory: SEM_SCRATCH_PAGES data pages between two guard pages
 * (PROT_NONE), in the driver's .bss (the same address in every emulator:
 * the driver is a static non-PIE executable). Base registers of loads and
 * stores point near SEM_SCRATCH_MID, the boundary of the two data pages. */
#define SEM_PAGE 4096
#define SEM_SCRATCH_PAGES 2
#define SEM_SCRATCH_SIZE (SEM_SCRATCH_PAGES * SEM_PAGE)
#define SEM_SCRATCH_MID (SEM_SCRATCH_SIZE / 2)

/* One test (generated tests.S, .data), 48 bytes. */
struct sem_test {
	sem_u32 word;      /* the instruction under test */
	sem_u32 excl;      /* SEM_EXCL_*: load-exclusive before the test */
	sem_u8 ov_reg[2];  /* overridden register: 0..30 X, 31 SP, 0xff none */
	sem_u8 ov_kind[2]; /* SEM_OV_* */
	sem_u32 excl_reg;  /* register whose (overridden) value the exclusive loads */
	sem_i64 ov_val[2];
	sem_u64 stub;      /* address of the test's code */
	sem_u64 post;      /* where a faulting test resumes (the state store) */
};

enum { SEM_OV_ABS = 0, SEM_OV_SCRATCH = 1 /* value = scratch mid + ov_val */ };
/* A load-exclusive of the size of the store-exclusive under test, so that
 * it can succeed: LDXRB/H/W/X, LDXP W/X. 0: none (CLREX only). */
enum { SEM_EXCL_NONE, SEM_EXCL_B, SEM_EXCL_H, SEM_EXCL_W, SEM_EXCL_X, SEM_EXCL_PW, SEM_EXCL_PX };

/* Output: one header, then one record per test, then the trailer. */
struct sem_header {
	sem_u64 magic, version;
	sem_u64 ntests;
	sem_u64 scratch;   /* address of the scratch data (first data page) */
	sem_u64 seed;
	sem_u64 pad[3];
};

struct sem_out {
	struct sem_state s;   /* after the instruction (s.stub: 0) */
	sem_u32 index;        /* test number */
	sem_u32 signo;        /* 0, or SIGILL/SIGSEGV/SIGBUS/SIGTRAP/SIGFPE */
	sem_u32 si_code;
	sem_u32 mem_changed;  /* bytes of the scratch memory that differ from before */
	sem_i64 fault_pc;     /* pc of the signal - the test word's address */
	sem_i64 fault_addr;   /* si_addr - the scratch address (SIGSEGV/SIGBUS) */
	sem_u64 mem_hash;     /* hash of (offset, value) of every changed 8-byte word */
	sem_u32 mem_first;    /* offset of the first changed byte, or ~0 */
	sem_u32 magic;        /* SEM_REC_MAGIC: catches a desynchronised stream */
	sem_u8 mem_at[16];    /* the 16 bytes at mem_first & ~15 */
};
#define SEM_REC_MAGIC 0x5eac0deu

_Static_assert(sizeof(struct sem_state) == 800, "sem_state layout (harness.S)");
_Static_assert(sizeof(struct sem_test) == 48, "sem_test layout (gen)");
_Static_assert(sizeof(struct sem_out) == 864, "sem_out layout");
_Static_assert(sizeof(struct sem_header) == 64, "sem_header layout");

/* ------------------------------------------------------------ seeded state */

static inline sem_u64 sem_mix(sem_u64 *st)
{
	sem_u64 z = (*st += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* A general-register value: edge cases, small numbers, 32-bit patterns,
 * random bits. */
static inline sem_u64 sem_xval(sem_u64 *st)
{
	sem_u64 r = sem_mix(st), k = r & 15, v = sem_mix(st);
	switch (k) {
	case 0: return 0;
	case 1: return ~0ull;
	case 2: return v & 63;                           /* shift amounts, small */
	case 3: return (sem_u64) - (sem_i64)(v & 255);   /* small negative */
	case 4: return 1ull << (v & 63);
	case 5: return (1ull << 63) - (v & 3);           /* INT64_MAX.. */
	case 6: return (1ull << 63) + (v & 3);           /* INT64_MIN.. */
	case 7: return v & 0xffffffffull;                /* 32-bit */
	case 8: return (v & 0xffffffff00000000ull) | 0x80000000u;
	case 9: return 0x7fffffffull + (v & 1);
	case 10: return v & 0xffff;
	default: return v;
	}
}

/* One 64-bit half of a V register: random bits, or lanes holding FP16,
 * FP32 or FP64 special values (zeros, infinities, NaNs, denormals, 1.0,
 * small integers), or integer edge values. */
static inline sem_u64 sem_fpval(sem_u64 *st, int esize)
{
	sem_u64 r = sem_mix(st), v = sem_mix(st);
	int mb = esize == 16 ? 10 : esize == 32 ? 23 : 52;
	int eb = esize - 1 - mb;
	sem_u64 sign = (r >> 8 & 1) << (esize - 1), emax = ((1ull << eb) - 1) << mb;
	sem_u64 frac = v & ((1ull << mb) - 1), bias = ((1ull << (eb - 1)) - 1) << mb;
	switch (r & 15) {
	case 0: return sign;                               /* +-0 */
	case 1: return sign | emax;                        /* +-inf */
	case 2: return sign | emax | (1ull << (mb - 1)) | (frac >> 1); /* qNaN */
	case 3: return sign | emax | (frac >> 1) | 1;      /* sNaN */
	case 4: return sign | frac;                        /* denormal */
	case 5: return sign | bias;                        /* +-1.0 */
	case 6: return sign | (bias + ((v >> 60 & 7) << mb)) | (frac & ~((1ull << (mb - 3)) - 1)); /* small */
	case 7: return sign | (emax - (1ull << mb)) | frac; /* large */
	default: return (v & ((esize == 64 ? 0 : (1ull << esize)) - 1)); /* random lane */
	}
}

static inline sem_u64 sem_vhalf(sem_u64 *st)
{
	sem_u64 r = sem_mix(st);
	switch (r & 7) {
	case 0: case 1: case 2: return sem_mix(st);
	case 3: return sem_fpval(st, 64);
	case 4: return sem_fpval(st, 32) | sem_fpval(st, 32) << 32;
	case 5: {
		sem_u64 h = 0;
		for (int i = 0; i < 4; i++)
			h |= (sem_fpval(st, 16) & 0xffff) << (16 * i);
		return h;
	}
	case 6: return (r >> 8 & 1) ? 0 : ~0ull;
	default: { /* byte/halfword edge lanes: 0x00 0x7f 0x80 0xff ... */
		static const sem_u8 e[8] = {0, 1, 0x7f, 0x80, 0xff, 0xfe, 0x81, 0x40};
		sem_u64 h = 0, q = sem_mix(st);
		for (int i = 0; i < 8; i++)
			h |= (sem_u64)e[(q >> (3 * i)) & 7] << (8 * i);
		return h;
	}
	}
}

/* The initial state of test `index` under `seed` (before overrides). */
static inline void sem_init_state(sem_u64 seed, sem_u32 index, struct sem_state *s)
{
	sem_u64 st = seed * 0x2545f4914f6cdd1dull ^ ((sem_u64)index << 20) ^ 0x5e5e5e5eull;
	sem_mix(&st);
	for (int i = 0; i < 31; i++)
		s->x[i] = sem_xval(&st);
	/* SP: a random value (ADD/SUB SP) or a 16-aligned stack-like one */
	s->sp = (sem_mix(&st) & 1) ? sem_xval(&st) : 0x0000fffff0000000ull + (sem_mix(&st) & 0xfff0);
	s->nzcv = (sem_mix(&st) & 0xf) << 28;
	/* FPCR: AHP (26), DN (25), FZ (24), RMode (23:22), FZ16 (19). The trap
	 * enables are RAZ/WI and FEAT_AFP is not in either CPU. */
	{
		sem_u64 r = sem_mix(&st);
		s->fpcr = (r & 3) == 0 ? 0 : (r >> 8 & 0x7c00000ull) | (r >> 8 & 0x80000ull);
	}
	/* FPSR: mostly clear, sometimes cumulative flags (QC 27, IDC 7, IXC..IOC 4:0) set */
	{
		sem_u64 r = sem_mix(&st);
		s->fpsr = (r & 7) == 0 ? (r >> 8 & 0x0800009full) : 0;
	}
	s->stub = 0;
	for (int i = 0; i < 32; i++) {
		s->v[i][0] = sem_vhalf(&st);
		s->v[i][1] = sem_vhalf(&st);
	}
}

/* The scratch memory's contents before every test. */
static inline void sem_init_scratch(sem_u64 seed, sem_u8 *p)
{
	sem_u64 st = seed ^ 0x5c4a7c11ull;
	for (int i = 0; i < SEM_SCRATCH_SIZE; i += 8) {
		sem_u64 v = sem_xval(&st);
		for (int b = 0; b < 8; b++)
			p[i + b] = (sem_u8)(v >> (8 * b));
	}
}

#endif
