/* armature-user run loop: CPU exceptions become syscalls or guest signals. */
#define _GNU_SOURCE /* strsignal() */
#include "linux_user.h"
#include "syscall_nr.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

/* cpu_run() returns this often even when nothing happens, so that a
 * signal from the host reaches the guest within a few milliseconds. */
#define RUN_BUDGET (1ull << 22)

/* Calls a signal may interrupt and SA_RESTART restarts (Linux returns
 * -ERESTARTSYS from these; sleeps and waits for signals never restart). */
static bool run_restartable(uint64_t nr)
{
    switch (nr) {
    case NR_read: case NR_readv: case NR_pread64: case NR_write: case NR_writev:
    case NR_pwrite64: case NR_openat: case NR_wait4: case NR_waitid: case NR_fcntl:
    case NR_ioctl: case NR_sendfile: case NR_getrandom: case NR_fsync: case NR_close:
        return true;
    }
    return false;
}

static void run_end(LuProcess *p, Cpu *cpu, int sig, LuEnd *end)
{
    *end = (LuEnd){.signal = sig, .pc = cpu_get_pc(cpu)};
    if (sig == p->sig.fault_sig) {
        end->pc = p->sig.fault_pc;
        end->addr = p->sig.fault_addr;
        end->has_addr = p->sig.fault_has_addr;
    }
}

/* Guest threads take turns on this one host thread (thread.c): the running
 * one gets LU_QUANTUM instructions, or RUN_BUDGET when it is alone. */
void lu_run(LuProcess *p, Cpu *cpu, LuEnd *end)
{
    p->cpu = cpu;
    p->main_cpu = cpu;
    p->cur->cpu = cpu;
    for (;;) {
        if (!lu_sched(p, end))
            return;
        cpu = p->cpu;
        int dead = lu_signal_deliver(p, cpu);
        if (dead) {
            run_end(p, cpu, dead, end);
            return;
        }
        if (cpu_run(cpu, p->nthreads > 1 ? LU_QUANTUM : RUN_BUDGET) == CPU_STOP_BUDGET) {
            p->resched = true;
            continue;
        }
        const CpuException *e = cpu_exception(cpu);
        if (e->kind == CPU_EXC_SVC) {
            /* cpu.c has already moved the PC past the SVC. */
            uint64_t a[6], nr = cpu_get_x(cpu, 8);
            for (int i = 0; i < 6; i++)
                a[i] = cpu_get_x(cpu, i);
            p->sigreturned = false;
            int64_t r = lu_thread_syscall(p, nr, a);
            /* Whether the thread was parked is its state, never the value
             * (rt_sigreturn returns whatever x0 held). */
            if (p->cur->state == LU_T_IO) {
                cpu_exception_return(cpu);
                cpu_set_pc(cpu, cpu_get_pc(cpu) - 4); /* the SVC again, later */
                continue;
            }
            if (p->exited) {
                *end = (LuEnd){.status = p->exit_status};
                return;
            }
            cpu_exception_return(cpu);
            if (p->cur->state != LU_T_RUN)
                continue; /* parked (or gone): x0 is written when it wakes */
            if (p->sigreturned)
                continue; /* every register came from the frame */
            if (r == -EINTR && run_restartable(nr) && lu_signal_restart_ok(p)) {
                /* Run the SVC again after the handler, x0 unchanged. */
                cpu_set_pc(cpu, cpu_get_pc(cpu) - 4);
                continue;
            }
            cpu_set_x(cpu, 0, (uint64_t)r);
            continue;
        }
        int code;
        uint64_t addr;
        int sig = lu_signal_for_exception(p, e, &code, &addr);
        p->sig.fault_sig = sig;
        p->sig.fault_pc = e->pc;
        p->sig.fault_addr = addr;
        /* The handler sees the PC of the faulting instruction, as on Linux. */
        cpu_exception_return(cpu);
        cpu_set_pc(cpu, e->pc);
        lu_signal_raise(p, sig, code, addr);
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
