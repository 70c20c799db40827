/* Guest side of the semantics and difftest drivers: the arm64 Linux signal
 * ABI they use (raw syscalls, struct k_sigaction/k_stack) and the harness
 * entry points of harness.S. */
#ifndef ARMATURE_SEM_GUEST_SIG_H
#define ARMATURE_SEM_GUEST_SIG_H

extern struct sem_state sem_outstate;
void sem_enter(const struct sem_state *in, u64 excl_addr, u64 excl_kind);
void sem_sigreturn(void);

enum { SYS_sigaltstack = 132, SYS_rt_sigaction = 134, SYS_mprotect = 226 };
enum { SA_SIGINFO = 4, SA_ONSTACK = 0x08000000, SA_RESTORER = 0x04000000 };

struct k_sigaction {
	void (*handler)(int, void *, void *);
	u64 flags;
	void (*restorer)(void);
	u64 mask;
};

struct k_stack {
	void *sp;
	int flags;
	size_t size;
};

/* Catch the synchronous signals an instruction can raise on an alternate
 * stack (the stub's SP may be anything) and make the guard pages around the
 * scratch memory at `area` inaccessible. Returns what failed, or NULL. */
static inline const char *sem_guest_setup(void (*handler)(int, void *, void *), void *altstack,
					  size_t altsize, u8 *area)
{
	static const int sigs[] = {4 /* SIGILL */, 5 /* SIGTRAP */, 7 /* SIGBUS */, 8 /* SIGFPE */, 11 /* SIGSEGV */};
	struct k_stack ss = {altstack, 0, altsize};
	if (rt_syscall3(SYS_sigaltstack, &ss, 0, 0))
		return "sigaltstack failed";
	for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		struct k_sigaction sa = {handler, SA_SIGINFO | SA_ONSTACK | SA_RESTORER, sem_sigreturn, 0};
		if (rt_syscall6(SYS_rt_sigaction, sigs[i], (long)&sa, 0, 8, 0, 0))
			return "rt_sigaction failed";
	}
	if (rt_syscall3(SYS_mprotect, area, SEM_PAGE, 0) ||
	    rt_syscall3(SYS_mprotect, area + SEM_PAGE + SEM_SCRATCH_SIZE, SEM_PAGE, 0))
		return "mprotect of the guard pages failed";
	return 0;
}

#endif
