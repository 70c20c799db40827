/* The aarch64 side of the semantics conformance runner: a freestanding
 * static program (tests/guests/lib start.S + rt.c, harness.S, and the
 * generated tests.S) that runs every test of its table once and writes
 * one struct sem_out per test to stdout (after a struct sem_header).
 * The same binary runs under armature-user and qemu-aarch64; the host
 * tool compares the two outputs (conformance/semantics/README.md).
 *
 * Per test: the state is sem_init_state(seed, index) with the test's
 * overrides (base registers pointing into the scratch memory, index
 * registers with small values), the scratch memory is the seeded pristine
 * contents, harness.S loads the state, runs the test's stub and stores the
 * state again. A synchronous signal (SIGILL, SIGSEGV, SIGBUS, SIGTRAP,
 * SIGFPE) is recorded and the test resumes at its state store. Afterwards
 * the scratch memory is compared with the pristine copy (changed bytes,
 * a hash of the changed words) and restored. */
#define SEM_GUEST
#include "rt.h"
#include "sem.h"
#include "guest_sig.h"

extern const struct sem_test sem_tests[];
extern const u64 sem_ntests, sem_seed;

/* ucontext: uc_mcontext (struct sigcontext) at 176: fault_address,
 * regs[31], sp, pc, pstate (arch/arm64/include/uapi/asm/sigcontext.h). */
#define UC_PC 440

static u8 area[(SEM_SCRATCH_PAGES + 2) * SEM_PAGE] __attribute__((aligned(SEM_PAGE)));
#define scratch (area + SEM_PAGE)
static u8 pristine[SEM_SCRATCH_SIZE] __attribute__((aligned(16)));
static u8 altstack[64 * 1024] __attribute__((aligned(16)));

static volatile u64 cur_post, cur_insn;
static volatile u32 sig_no, sig_code, sig_count;
static volatile i64 sig_pc, sig_addr;

static void die(const char *msg)
{
	rt_write(2, "semantics-driver: ", 18);
	rt_write(2, msg, rt_strlen(msg));
	rt_write(2, "\n", 1);
	rt_exit(2);
}

static void on_signal(int sig, void *info, void *uc)
{
	u8 *ucb = uc;
	u64 *pc = (u64 *)(ucb + UC_PC);
	if (sig_count++)
		die("a second signal in one test (the harness faulted)");
	sig_no = (u32)sig;
	sig_code = (u32) * (int *)((u8 *)info + 8);
	sig_addr = (i64)(*(u64 *)((u8 *)info + 16) - (u64)scratch);
	sig_pc = (i64)(*pc - cur_insn);
	*pc = cur_post;
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

static u64 reg_value(const struct sem_state *s, unsigned r)
{
	return r == 31 ? s->sp : s->x[r];
}

#define CHUNK 64
static struct sem_out outbuf[CHUNK];

int main(void)
{
	const char *err = sem_guest_setup(on_signal, altstack, sizeof altstack, area);
	if (err)
		die(err);

	sem_init_scratch(sem_seed, pristine);
	memcpy(scratch, pristine, SEM_SCRATCH_SIZE);

	struct sem_header h = {SEM_MAGIC, SEM_VERSION, sem_ntests, (u64)scratch, sem_seed, {0, 0, 0}};
	if (write_full(&h, sizeof h))
		return 3;

	static struct sem_state in;
	unsigned n = 0;
	for (u64 i = 0; i < sem_ntests; i++) {
		const struct sem_test *t = &sem_tests[i];
		sem_init_state(sem_seed, (u32)i, &in);
		for (int k = 0; k < 2; k++) {
			unsigned r = t->ov_reg[k];
			if (r > 31)
				continue;
			u64 v = t->ov_kind[k] == SEM_OV_SCRATCH ? (u64)(scratch + SEM_SCRATCH_MID) + (u64)t->ov_val[k]
								: (u64)t->ov_val[k];
			if (r == 31)
				in.sp = v;
			else
				in.x[r] = v;
		}
		/* TPIDR_EL0 holds X30 while harness.S jumps to the stub */
		in.stub = t->stub;
		cur_post = t->post;
		cur_insn = t->stub + 4;
		sig_no = sig_code = sig_count = 0;
		sig_pc = sig_addr = 0;

		sem_enter(&in, t->excl ? reg_value(&in, t->excl_reg) : 0, t->excl);

		struct sem_out *o = &outbuf[n];
		o->s = sem_outstate;
		o->index = (u32)i;
		o->signo = sig_no;
		o->si_code = sig_code;
		o->fault_pc = sig_pc;
		o->fault_addr = sig_addr;
		o->magic = SEM_REC_MAGIC;

		/* memory: what changed, then restore */
		u64 hash = 0xcbf29ce484222325ull;
		u32 changed = 0, first = ~0u;
		const u64 *a = (const u64 *)scratch, *b = (const u64 *)pristine;
		for (unsigned w = 0; w < SEM_SCRATCH_SIZE / 8; w++) {
			if (a[w] == b[w])
				continue;
			u64 d = a[w] ^ b[w];
			for (int k = 0; k < 8; k++)
				changed += (d >> (8 * k) & 0xff) != 0;
			if (first == ~0u)
				first = w * 8 + (u32)(__builtin_ctzll(d) / 8);
			hash = (hash ^ w) * 0x100000001b3ull;
			hash = (hash ^ a[w]) * 0x100000001b3ull;
		}
		o->mem_changed = changed;
		o->mem_first = first;
		o->mem_hash = changed ? hash : 0;
		if (changed) {
			memcpy(o->mem_at, scratch + (first & ~15u), 16);
			memcpy(scratch, pristine, SEM_SCRATCH_SIZE);
		} else {
			memset(o->mem_at, 0, 16);
		}
		if (++n == CHUNK) {
			if (write_full(outbuf, n * sizeof outbuf[0]))
				return 3;
			n = 0;
		}
	}
	if (n && write_full(outbuf, n * sizeof outbuf[0]))
		return 3;
	return 0;
}
