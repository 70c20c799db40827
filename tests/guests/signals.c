/* Signal handlers through the raw arm64 ABI: a SIGSEGV from a load of an
 * unmapped address reaches an SA_SIGINFO handler with si_addr, si_code and
 * the faulting PC in the ucontext; the handler moves the PC past the load
 * and returns through rt_sigreturn. Then kill() to self with SIGUSR1 (mask
 * inside the handler, restored after), and SIGTRAP from BRK. Exit status =
 * failed checks. */
#include "rt.h"

enum {
	SYS_kill = 129, SYS_rt_sigaction = 134, SYS_rt_sigprocmask = 135,
	SIGTRAP = 5, SIGUSR1 = 10, SIGSEGV = 11,
	SA_SIGINFO = 4, SA_RESTORER = 0x04000000,
};

struct ksigaction { void *handler; u64 flags; void *restorer; u64 mask; };

void restorer(void);
__asm__(".text\n.globl restorer\nrestorer:\n\tmov x8, #139\n\tsvc #0\n");

static int failures;
static volatile int segv_count, usr1_count, trap_count;
static volatile u64 seen_addr, seen_code, seen_pc, seen_fault, seen_mask;

static void check(const char *what, int ok)
{
	put_str(what);
	put_str(ok ? ": ok\n" : ": FAILED\n");
	if (!ok)
		failures++;
}

/* ucontext: uc_sigmask at 40, uc_mcontext at 176 = fault_address, regs[31], sp, pc. */
static u64 *mcontext(void *uc) { return (u64 *)((u8 *)uc + 176); }

static void on_segv(int sig, void *info, void *uc)
{
	(void)sig;
	segv_count++;
	seen_code = *(i32 *)((u8 *)info + 8);
	seen_addr = *(u64 *)((u8 *)info + 16);
	u64 *mc = mcontext(uc);
	seen_fault = mc[0];
	seen_pc = mc[33];
	mc[33] += 4; /* skip the faulting load */
}

static void on_usr1(int sig, void *info, void *uc)
{
	(void)info;
	(void)uc;
	u64 cur;
	rt_syscall6(SYS_rt_sigprocmask, 0, 0, (long)&cur, 8, 0, 0);
	seen_mask = cur;
	usr1_count += sig == SIGUSR1;
}

static void on_trap(int sig, void *info, void *uc)
{
	(void)sig;
	(void)info;
	trap_count++;
	mcontext(uc)[33] += 4; /* skip the BRK */
}

static long install(int sig, void (*h)(int, void *, void *))
{
	struct ksigaction sa = {(void *)h, SA_SIGINFO | SA_RESTORER, (void *)restorer, 0};
	return rt_syscall6(SYS_rt_sigaction, sig, (long)&sa, 0, 8, 0, 0);
}

int main(void)
{
	check("sigaction SIGSEGV", install(SIGSEGV, on_segv) == 0);
	check("sigaction SIGUSR1", install(SIGUSR1, on_usr1) == 0);
	check("sigaction SIGTRAP", install(SIGTRAP, on_trap) == 0);
	check("sigaction with sigsetsize 4 is EINVAL",
	      rt_syscall6(SYS_rt_sigaction, SIGUSR1, 0, 0, 4, 0, 0) == -22);

	u64 x0, x19, pc;
	__asm__ volatile("mov x0, #0x1230\n\tmov x19, #0x5151\n"
			 "1:\tldr x0, [x0]\n\tadr %2, 1b\n\tmov %0, x0\n\tmov %1, x19"
			 : "=r"(x0), "=r"(x19), "=r"(pc) : : "x0", "x19", "memory");
	check("the handler ran once", segv_count == 1);
	check("si_addr is the faulting address", seen_addr == 0x1230);
	check("si_code is SEGV_MAPERR", seen_code == 1);
	check("fault_address in sigcontext", seen_fault == 0x1230);
	check("sigcontext pc is the load", seen_pc == pc);
	check("registers survive the handler", x0 == 0x1230 && x19 == 0x5151);

	long pid = rt_syscall3(172, 0, 0, 0);
	check("kill self SIGUSR1", rt_syscall3(SYS_kill, pid, SIGUSR1, 0) == 0);
	check("the SIGUSR1 handler ran", usr1_count == 1);
	check("SIGUSR1 was blocked in its handler", seen_mask == (1u << (SIGUSR1 - 1)));
	u64 cur = 1;
	rt_syscall6(SYS_rt_sigprocmask, 0, 0, (long)&cur, 8, 0, 0);
	check("the mask is restored after it", cur == 0);

	__asm__ volatile("brk #7");
	check("SIGTRAP from BRK", trap_count == 1);
	return failures;
}
