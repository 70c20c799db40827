/* armature-user run loop: CPU exceptions become syscalls or guest signal deaths. */
#define _GNU_SOURCE /* strsignal() */
#include "linux_user.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

/* cpu_run() returns this often even when nothing happens; the budget only
 * bounds how long a run goes without the board looking at it. */
#define RUN_BUDGET (1ull << 30)

/* The signal Linux delivers for each exception class (arch/arm64/mm/fault.c,
 * arch/arm64/kernel/traps.c). */
static int run_signal_for(const CpuException *e, bool *has_addr)
{
    *has_addr = false;
    switch (e->kind) {
    case CPU_EXC_INSN_ABORT:
    case CPU_EXC_DATA_ABORT:
        *has_addr = true;
        return SIGSEGV;
    case CPU_EXC_BRK:
        return SIGTRAP;
    case CPU_EXC_PC_ALIGN:
    case CPU_EXC_SP_ALIGN:
        return SIGBUS;
    case CPU_EXC_UNDEFINED:
    case CPU_EXC_UNPREDICTABLE: /* IMPDEF: UNPREDICTABLE encodings are UNDEFINED to the guest */
    case CPU_EXC_SEMIHOSTING:   /* never enabled in user mode: HLT is UNDEFINED */
    case CPU_EXC_OTHER:
        return SIGILL;
    case CPU_EXC_NONE:
    case CPU_EXC_SVC:
        break;
    }
    abort(); /* cpu.c stopped for an exception without one: an Armature bug */
}

void lu_run(LuProcess *p, Cpu *cpu, LuEnd *end)
{
    for (;;) {
        if (cpu_run(cpu, RUN_BUDGET) == CPU_STOP_BUDGET)
            continue;
        const CpuException *e = cpu_exception(cpu);
        if (e->kind == CPU_EXC_SVC) {
            /* cpu.c has already moved the PC past the SVC. */
            uint64_t a[6];
            for (int i = 0; i < 6; i++)
                a[i] = cpu_get_x(cpu, i);
            int64_t r = lu_syscall(p, cpu_get_x(cpu, 8), a);
            if (p->exited) {
                *end = (LuEnd){.status = p->exit_status};
                return;
            }
            cpu_set_x(cpu, 0, (uint64_t)r);
            cpu_exception_return(cpu);
            continue;
        }
        *end = (LuEnd){.pc = e->pc, .addr = e->vaddress};
        end->signal = run_signal_for(e, &end->has_addr);
        return;
    }
}

_Noreturn void lu_die_by_signal(const LuEnd *end)
{
    int sig = end->signal;
    if (end->has_addr)
        fprintf(stderr,
                "armature-user: guest killed by signal %d (%s) at pc 0x%llx, address 0x%llx\n",
                sig, strsignal(sig), (unsigned long long)end->pc,
                (unsigned long long)end->addr);
    else
        fprintf(stderr, "armature-user: guest killed by signal %d (%s) at pc 0x%llx\n", sig,
                strsignal(sig), (unsigned long long)end->pc);
    fflush(NULL);
    /* Die by the same signal so the parent sees what a native run shows
     * (as qemu-aarch64 does), but leave no host core file behind. */
    struct rlimit nocore = {0, 0};
    setrlimit(RLIMIT_CORE, &nocore);
    signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    _exit(128 + sig); /* only if the signal somehow did not end us */
}
