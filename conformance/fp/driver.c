/* The aarch64 side of the FP conformance runner: a freestanding static
 * program (tests/guests/lib start.S + rt.c) that reads test records from
 * stdin, executes each one's instruction template and writes one result
 * record per test to stdout. The same binary runs under armature-user and
 * qemu-aarch64; gen.c compares the two outputs.
 *
 * Input record (48 bytes, little-endian), struct fp_in in fp_records.h:
 *   u32 template row, u32 FPCR, u32 NZCV (bits 31:28), u32 FPSR,
 *   u64 a, u64 b, u64 c, u64 acc
 * Before the instruction: FPCR, FPSR and NZCV = the record's values (FPSR
 * is usually 0; sometimes flags are set, to check they accumulate),
 * q1 = b:a (so v1.d[1] = b), d2 = b, d3 = c, x1 = a, x2 = b, q0 and x0 =
 * canary patterns (a destination the instruction does not write keeps its
 * canary; a scalar write must zero the rest of q0), except d0 = c when acc
 * is set (the accumulator of FMLAL, BFDOT ...).
 * Output record (32 bytes), struct fp_out: q0 (16 bytes), x0, NZCV, FPSR.
 */
#include "rt.h"
#include "fp_records.h"

/* One 8-byte stub per template row: the instruction, then RET. */
#define T(id, text, kind, fsize, isize, fbits, sgn) "\t" text "\n\tret\n\t.set fp_nstubs, fp_nstubs + 1\n"
__asm__(".text\n"
	".balign 8\n"
	".globl fp_stubs\n"
	".set fp_nstubs, 0\n"
	"fp_stubs:\n"
#include "templates.def"
	"fp_stubs_end:\n"
	".if (fp_stubs_end - fp_stubs) != 8 * fp_nstubs\n"
	".error \"a template is not exactly one instruction\"\n"
	".endif\n");
#undef T

/* fp_run_one(in, out, stub): the generic harness around one stub. */
__asm__(".text\n"
	".balign 4\n"
	".globl fp_run_one\n"
	"fp_run_one:\n"
	"\tstp x29, x30, [sp, #-32]!\n"
	"\tmov x29, sp\n"
	"\tstr x19, [sp, #16]\n"
	"\tmov x19, x1\n"
	"\tmov x16, x2\n"
	"\tldr w9, [x0, #4]\n"
	"\tmsr fpcr, x9\n"
	"\tldr w9, [x0, #12]\n"
	"\tmsr fpsr, x9\n"
	"\tldr w9, [x0, #8]\n"
	"\tmsr nzcv, x9\n"
	"\tldr q1, [x0, #16]\n"
	"\tldr d2, [x0, #24]\n"
	"\tldr d3, [x0, #32]\n"
	"\tadr x9, fp_canary\n"
	"\tldr q0, [x9]\n"
	"\tldr x10, [x0, #40]\n"
	"\tcbz x10, 1f\n"
	"\tldr d0, [x0, #32]\n"
	"1:\n"
	"\tldr x1, [x0, #16]\n"
	"\tldr x2, [x0, #24]\n"
	"\tldr x0, [x9, #16]\n"
	"\tblr x16\n"
	"\tmrs x9, fpsr\n"
	"\tmrs x10, nzcv\n"
	"\tstr q0, [x19]\n"
	"\tstr x0, [x19, #16]\n"
	"\tstr w10, [x19, #24]\n"
	"\tstr w9, [x19, #28]\n"
	"\tmsr fpcr, xzr\n"
	"\tldr x19, [sp, #16]\n"
	"\tldp x29, x30, [sp], #32\n"
	"\tret\n"
	".balign 16\n"
	"fp_canary:\n"
	"\t.quad " FP_STR(FP_CANARY_Q0_LO) ", " FP_STR(FP_CANARY_Q0_HI) ", " FP_STR(FP_CANARY_X0) "\n");

extern char fp_stubs[];
void fp_run_one(const struct fp_in *in, struct fp_out *out, const void *stub);

#define CHUNK CHUNK_RECORDS
static struct fp_in inbuf[CHUNK];
static struct fp_out outbuf[CHUNK];

/* Reads up to n bytes; fewer only at end of input. */
static size_t read_full(void *buf, size_t n)
{
	size_t got = 0;
	while (got < n) {
		ssize_t r = rt_read(0, (char *)buf + got, n - got);
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	return got;
}

static int write_full(const void *buf, size_t n)
{
	size_t done = 0;
	while (done < n) {
		ssize_t r = rt_write(1, (const char *)buf + done, n - done);
		if (r <= 0)
			return -1;
		done += (size_t)r;
	}
	return 0;
}

int main(void)
{
	for (;;) {
		size_t got = read_full(inbuf, sizeof inbuf);
		size_t n = got / sizeof inbuf[0], i;
		if (got % sizeof inbuf[0]) {
			rt_write(2, "fp-driver: truncated record\n", 28);
			return 2;
		}
		for (i = 0; i < n; i++) {
			u32 row = inbuf[i].row;
			if (row >= FP_NTEMPLATES) {
				rt_write(2, "fp-driver: bad template row\n", 28);
				return 2;
			}
			fp_run_one(&inbuf[i], &outbuf[i], fp_stubs + 8 * row);
		}
		if (n && write_full(outbuf, n * sizeof outbuf[0]))
			return 3;
		if (n < CHUNK)
			return 0;
	}
}
