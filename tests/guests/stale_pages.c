/* Cached host pages never outlive a mapping change: after a page has been
 * loaded from and stored to (so any cache of its host memory holds it),
 * mprotect, munmap and mmap MAP_FIXED must take effect on the very next
 * access: a store to a page made read-only faults (SEGV_ACCERR), a load
 * from a PROT_NONE or unmapped page faults (SEGV_ACCERR / SEGV_MAPERR) with
 * si_addr = the address, and a fresh mapping at the old address reads as
 * zero, not the old bytes. Exit status = failed checks. */
#include "rt.h"

enum {
	SYS_rt_sigaction = 134, SYS_mprotect = 226, SIGSEGV = 11,
	SA_SIGINFO = 4, SA_RESTORER = 0x04000000,
	PROT_NONE = 0, PROT_READ = 1, PROT_WRITE = 2,
	MAP_PRIVATE = 2, MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20,
	SEGV_MAPERR = 1, SEGV_ACCERR = 2,
};

struct ksigaction { void *handler; u64 flags; void *restorer; u64 mask; };

void restorer(void);
__asm__(".text\n.globl restorer\nrestorer:\n\tmov x8, #139\n\tsvc #0\n");

static int failures;
static volatile int segv_count;
static volatile u64 seen_addr, seen_code;

static void check(const char *what, int ok)
{
	put_str(what);
	put_str(ok ? ": ok\n" : ": FAILED\n");
	if (!ok)
		failures++;
}

/* The faulting access is one instruction: the handler steps over it. */
static void on_segv(int sig, void *info, void *uc)
{
	(void)sig;
	segv_count++;
	seen_code = *(i32 *)((u8 *)info + 8);
	seen_addr = *(u64 *)((u8 *)info + 16);
	((u64 *)((u8 *)uc + 176))[33] += 4; /* uc_mcontext.pc */
}

static u64 load(u64 addr)
{
	u64 v = 0x5a5a;
	__asm__ volatile("ldr %0, [%1]" : "+r"(v) : "r"(addr) : "memory");
	return v;
}

static void store(u64 addr, u64 v)
{
	__asm__ volatile("str %0, [%1]" : : "r"(v), "r"(addr) : "memory");
}

/* A fault is expected at addr with the given si_code. */
static void check_fault(const char *what, int before, u64 addr, u64 code)
{
	check(what, segv_count == before + 1 && seen_addr == addr && seen_code == code);
}

int main(void)
{
	struct ksigaction sa = {(void *)on_segv, SA_SIGINFO | SA_RESTORER, (void *)restorer, 0};
	check("sigaction SIGSEGV", rt_syscall6(SYS_rt_sigaction, SIGSEGV, (long)&sa, 0, 8, 0, 0) == 0);

	long m = rt_syscall6(SYS_mmap, 0, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check("mmap two pages", m > 0);
	if (m <= 0)
		return failures;
	u64 p = (u64)m, q = p + 4096;
	/* twice: the first store to a fresh page may take a slow path */
	for (int i = 0; i < 2; i++) {
		store(p, 0x11);
		store(q + 8, 0x22);
	}
	check("both pages hold what was stored", load(p) == 0x11 && load(q + 8) == 0x22);

	check("mprotect read-only", rt_syscall3(SYS_mprotect, p, 4096, PROT_READ) == 0);
	int n = segv_count;
	store(p, 0x33);
	check_fault("a store to the read-only page faults (SEGV_ACCERR)", n, p, SEGV_ACCERR);
	check("the read-only page still reads its old value", load(p) == 0x11);

	check("mprotect read-write", rt_syscall3(SYS_mprotect, p, 4096, PROT_READ | PROT_WRITE) == 0);
	store(p, 0x55);
	check("the page is writable again", load(p) == 0x55);
	check("mprotect PROT_NONE", rt_syscall3(SYS_mprotect, p, 4096, PROT_NONE) == 0);
	n = segv_count;
	check("a load from the PROT_NONE page faults", load(p + 16) == 0x5a5a);
	check_fault("... with si_addr and SEGV_ACCERR", n, p + 16, SEGV_ACCERR);

	check("munmap the second page", rt_syscall3(SYS_munmap, q, 4096, 0) == 0);
	n = segv_count;
	check("a load from the unmapped page faults", load(q + 8) == 0x5a5a);
	check_fault("... with si_addr and SEGV_MAPERR", n, q + 8, SEGV_MAPERR);

	long r = rt_syscall6(SYS_mmap, q, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	check("mmap MAP_FIXED at the old address", r == (long)q);
	check("the new page reads zero, not the old bytes", load(q + 8) == 0);
	store(q + 8, 0x44);
	check("and keeps what is stored", load(q + 8) == 0x44);
	check("no other fault happened", segv_count == 3);
	return failures;
}
