/* The aarch64 side of difftest (conformance/difftest/README.md): a
 * freestanding static program (tests/guests/lib, semantics/harness.S,
 * ckpt.S and the generated seqs.S) that runs every sequence of its table
 * and writes the trace of docs/trace-format.md to stdout: per sequence a
 * START record (the initial state), a STEP record after every executed
 * instruction and an END record.
 *
 * Every instruction is followed by a checkpoint (seqs.S) that stores the
 * state and returns here through semantics/harness.S's sem_save; the next
 * instruction resumes with sem_enter. A branch jumps to a second
 * checkpoint of its own (the taken path), which then goes on at the target. A synchronous signal is recorded in
 * the faulting instruction's STEP record and the sequence resumes at its
 * checkpoint; a signal anywhere else ends the sequence (DT_F_HARNESS). */
#define SEM_GUEST
#include "rt.h"
#include "trace.h"
#include "../semantics/guest_sig.h"

extern const struct dt_seq dt_seqs[];
extern const u64 dt_nseq, dt_seed;

#define UC_PC 440 /* ucontext: uc_mcontext.pc */

/* guard page, scratch memory, guard page; seqs.S points base registers at
 * dt_area + SEM_PAGE + SEM_SCRATCH_MID + delta */
u8 dt_area[(SEM_SCRATCH_PAGES + 2) * SEM_PAGE] __attribute__((aligned(SEM_PAGE)));
#define dt_scratch (dt_area + SEM_PAGE)
static u8 pristine[SEM_SCRATCH_SIZE] __attribute__((aligned(16)));
static u8 altstack[64 * 1024] __attribute__((aligned(16)));

static const struct dt_seq *volatile cur;
static volatile u32 sig_no, sig_code, sig_count, sig_harness;
static volatile i64 sig_pc, sig_addr;

static void die(const char *msg)
{
	rt_write(2, "difftest-driver: ", 17);
	rt_write(2, msg, rt_strlen(msg));
	rt_write(2, "\n", 1);
	rt_exit(2);
}

static void on_signal(int sig, void *info, void *uc)
{
	u64 *pc = (u64 *)((u8 *)uc + UC_PC);
	if (sig_count++)
		die("a second signal in one instruction (the harness faulted)");
	sig_no = (u32)sig;
	sig_code = (u32) * (int *)((u8 *)info + 8);
	sig_addr = (i64)(*(u64 *)((u8 *)info + 16) - (u64)dt_scratch);
	for (u32 k = 0; k < cur->n; k++) {
		const struct dt_insn *in = &cur->insns[k];
		/* the word before: QEMU 7.2 reports a faulting DC ZVA there (the
		 * record says insn-4; known-differences.txt explains it) */
		if (*pc == in->addr || *pc == in->addr - 4 || ((in->flags & DT_I_READBACK) && *pc == in->addr + 4)) {
			sig_pc = (i64)(*pc - in->addr);
			*pc = in->ckpt;
			return;
		}
	}
	sig_harness = 1;
	sig_pc = (i64)*pc;
	*pc = cur->end;
}

/* Allocation tags 0 on the whole scratch memory (STG Xn, [Xn] with an
 * untagged Xn), so that tags an MTE store wrote do not leak into the next
 * sequence. Only after such a store ran without a signal: the CPU has MTE. */
static void clear_tags(void)
{
	for (u64 p = (u64)dt_scratch; p < (u64)dt_scratch + SEM_SCRATCH_SIZE; p += 16)
		__asm__ volatile("mov x9, %0\n\t.inst 0xd9200929" /* stg x9, [x9] */ : : "r"(p) : "x9", "memory");
}

#define CHUNK 64
static struct dt_record outbuf[CHUNK];
static unsigned nout;

static void put(const struct dt_record *r)
{
	outbuf[nout++] = *r;
	if (nout < CHUNK)
		return;
	size_t done = 0, n = sizeof outbuf;
	while (done < n) {
		ssize_t w = rt_write(1, (const char *)outbuf + done, n - done);
		if (w <= 0)
			rt_exit(3);
		done += (size_t)w;
	}
	nout = 0;
}

static void flush(void)
{
	size_t done = 0, n = nout * sizeof outbuf[0];
	while (done < n) {
		ssize_t w = rt_write(1, (const char *)outbuf + done, n - done);
		if (w <= 0)
			rt_exit(3);
		done += (size_t)w;
	}
	nout = 0;
}

static u64 scratch_hash(void)
{
	return dt_hash((const u64 *)dt_scratch, SEM_SCRATCH_SIZE / 8);
}

int main(void)
{
	const char *err = sem_guest_setup(on_signal, altstack, sizeof altstack, dt_area);
	if (err)
		die(err);

	u64 scratch_seed = dt_nseq ? dt_seqs[0].scratch_seed : dt_seed;
	sem_init_scratch(scratch_seed, pristine);
	memcpy(dt_scratch, pristine, SEM_SCRATCH_SIZE);
	u64 pristine_hash = scratch_hash();

	static struct dt_header h;
	h.magic = DT_MAGIC;
	h.version = DT_VERSION;
	h.header_size = sizeof h;
	h.record_size = sizeof(struct dt_record);
	h.seed = dt_seed;
	h.nseq = dt_nseq;
	h.scratch = (u64)dt_scratch;
	h.scratch_size = SEM_SCRATCH_SIZE;
	if (rt_write(1, &h, sizeof h) != sizeof h)
		return 3;

	static struct sem_state in;
	static struct dt_record r;
	for (u32 q = 0; q < dt_nseq; q++) {
		const struct dt_seq *s = &dt_seqs[q];
		cur = s;
		if (s->scratch_seed != scratch_seed) {
			scratch_seed = s->scratch_seed;
			sem_init_scratch(scratch_seed, pristine);
			memcpy(dt_scratch, pristine, SEM_SCRATCH_SIZE);
			pristine_hash = scratch_hash();
		}
		u64 hash = pristine_hash;
		if (s->flags & DT_S_ZERO)
			memset(&in, 0, sizeof in);
		else
			sem_init_state(s->state_seed, s->state_index, &in);
		for (u32 i = 0; i < s->nset; i++)
			dt_apply(&in, &s->sets[i]);
		memset(&r, 0, sizeof r);
		r.kind = DT_START;
		r.seq = q;
		r.insn = DT_NONE;
		r.magic = DT_REC_MAGIC;
		r.mem_hash = hash;
		r.s = in;
		put(&r);
		sig_harness = 0;
		int tags_dirty = 0;
		in.stub = s->entry;
		for (;;) {
			sig_no = sig_code = sig_count = 0;
			sig_pc = sig_addr = 0;
			sem_enter(&in, 0, 0);
			in = sem_outstate;
			if (!in.stub || sig_harness)
				break;
			u32 k = 0;
			while (k < s->n && s->insns[k].resume != in.stub && s->insns[k].resume_taken != in.stub)
				k++;
			if (k == s->n)
				die("a checkpoint that is not in the table");
			const struct dt_insn *t = &s->insns[k];
			if (t->flags & DT_I_MEM)
				hash = scratch_hash();
			if ((t->flags & DT_I_TAGS) && !sig_no)
				tags_dirty = 1;
			r.kind = DT_STEP;
			r.insn = k;
			r.word = t->word;
			r.pc = t->addr;
			r.signo = sig_no;
			r.si_code = sig_code;
			r.fault_pc = sig_pc;
			r.fault_addr = sig_no ? sig_addr : 0;
			r.mem_hash = hash;
			r.flags = in.stub == t->resume_taken ? DT_F_TAKEN : 0;
			r.s = in;
			r.s.stub = 0;
			put(&r);
		}
		/* the end: the final state again, the whole memory hashed once more */
		memset(&r, 0, sizeof r);
		r.kind = DT_END;
		r.seq = q;
		r.insn = DT_NONE;
		r.magic = DT_REC_MAGIC;
		hash = scratch_hash();
		r.mem_hash = hash;
		r.s = in;
		r.s.stub = 0;
		if (sig_harness) {
			r.flags = DT_F_HARNESS;
			r.signo = sig_no;
			r.si_code = sig_code;
			r.fault_pc = sig_pc;
		}
		put(&r);
		if (hash != pristine_hash)
			memcpy(dt_scratch, pristine, SEM_SCRATCH_SIZE);
		if (tags_dirty)
			clear_tags();
	}
	flush();
	return 0;
}
