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

#endif
