/* Records exchanged between gen.c (host) and driver.c (aarch64 guest).
 * Both sides are LP64 little-endian; the layout is fixed by the driver's
 * load/store offsets (driver.c fp_run_one). */
#ifndef FP_RECORDS_H
#define FP_RECORDS_H

#include <stdint.h>

#define FP_XSTR(x) #x
#define FP_STR(x) FP_XSTR(x)

/* Canary values of q0 and x0 before the instruction (driver.c). */
#define FP_CANARY_Q0_LO 0x5a5a5a5a5a5a5a5a
#define FP_CANARY_Q0_HI 0xa5a5a5a5a5a5a5a5
#define FP_CANARY_X0    0xc3c3c3c3c3c3c3c3

/* The driver executes and writes this many records at a time. */
#define CHUNK_RECORDS 2048

struct fp_in {
	uint32_t row;	/* template row (templates.def order) */
	uint32_t fpcr;
	uint32_t nzcv;	/* NZCV in bits 31:28 */
	uint32_t fpsr;	/* FPSR before the instruction (cumulative flags) */
	uint64_t a, b, c; /* operand bit patterns: x1/v1, x2/v2, v3 */
	uint64_t acc;	/* nonzero: d0 = c (an accumulator) instead of the canary */
};

struct fp_out {
	uint64_t q0_lo, q0_hi;
	uint64_t x0;
	uint32_t nzcv;
	uint32_t fpsr;
};

enum {
	FP_NTEMPLATES = 0
#define T(id, text, kind, fsize, isize, fbits, sgn) + 1
#include "templates.def"
#undef T
};

#endif
