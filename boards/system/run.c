/* armature's run loop: the CPUs that are on take turns (round-robin, at
 * most SYS_QUANTUM instructions each) in slices that also end at the next
 * device deadline (a timer's compare value, the RTC match), so interrupts
 * arrive at the virtual time they are due; a CPU in WFI/WFE gives up its
 * turn, and when every CPU is idle virtual time skips to the next deadline;
 * semihosting and PSCI calls are served; anything else that reaches the
 * board stops the machine with a one-line report. Deterministic. */
#include "system/system.h"

/* cpu_run() comes back at least this often, to poll console input and
 * see timer registers the guest changed. */
#define RUN_SLICE (1ull << 16)
/* without devices (-M none) */
#define RUN_CHUNK (1ull << 24)

static const char *exc_name(CpuExcKind k)
{
    switch (k) {
    case CPU_EXC_NONE: return "no exception";
    case CPU_EXC_UNDEFINED: return "UNDEFINED instruction";
    case CPU_EXC_UNPREDICTABLE: return "UNPREDICTABLE instruction";
    case CPU_EXC_SVC: return "SVC";
    case CPU_EXC_BRK: return "BRK";
    case CPU_EXC_INSN_ABORT: return "instruction abort";
    case CPU_EXC_DATA_ABORT: return "data abort";
    case CPU_EXC_PC_ALIGN: return "PC alignment fault";
    case CPU_EXC_SP_ALIGN: return "SP alignment fault";
    case CPU_EXC_SEMIHOSTING: return "semihosting call (semihosting is off)";
    case CPU_EXC_HVC: return "HVC firmware call";
    case CPU_EXC_SMC: return "SMC firmware call";
    case CPU_EXC_OTHER: return "exception";
    }
    return "exception";
}

static void report_stop(Cpu *cpu, const CpuException *e)
{
    fflush(stdout);
    if (e->kind == CPU_EXC_DATA_ABORT || e->kind == CPU_EXC_INSN_ABORT ||
        e->kind == CPU_EXC_PC_ALIGN)
        fprintf(stderr, "armature: guest stopped: %s at pc 0x%llx (EL%u), address 0x%llx%s\n",
                exc_name(e->kind), (unsigned long long)e->pc, cpu_get_el(cpu),
                (unsigned long long)e->vaddress, e->write ? " (write)" : "");
    else
        fprintf(stderr, "armature: guest stopped: %s at pc 0x%llx (EL%u), syndrome 0x%x\n",
                exc_name(e->kind), (unsigned long long)e->pc, cpu_get_el(cpu), e->syndrome);
    if (sys_log_on(LOG_INT))
        sys_log("stop: %s at pc 0x%llx\n", exc_name(e->kind), (unsigned long long)e->pc);
}

static bool serve_semihosting(SysRun *r, Cpu *cpu, const CpuException *e)
{
    uint32_t op = (uint32_t)cpu_get_x(cpu, 0);
    uint64_t param = cpu_get_x(cpu, 1);
    if (r->virt)
        virt_flush_output(r->virt);
    uint64_t ret = semihost_call(r->semi, op, param);
    if (sys_log_on(LOG_INT)) {
        const char *name = semihost_op_name(op);
        sys_log("semihosting: %s (0x%x) param 0x%llx -> 0x%llx at pc 0x%llx\n",
                name ? name : "unknown", op, (unsigned long long)param, (unsigned long long)ret,
                (unsigned long long)e->pc);
    }
    if (r->semi->exited)
        return false;
    cpu_set_x(cpu, 0, ret);
    cpu_set_pc(cpu, e->pc + 4); /* the HLT is done: resume after it */
    cpu_exception_return(cpu);
    return true;
}

/* CPU i stopped with an exception. Returns -1 to go on, else the exit status. */
static int handle_exception(SysRun *r, unsigned i, bool *restart)
{
    Cpu *cpu = r->cpus->cpu[i];
    const CpuException *e = cpu_exception(cpu);
    if (e->kind == CPU_EXC_SEMIHOSTING && r->semi) {
        if (serve_semihosting(r, cpu, e))
            return -1;
        return r->semi->exit_status;
    }
    if ((e->kind == CPU_EXC_HVC || e->kind == CPU_EXC_SMC) && r->virt) {
        uint64_t fn = cpu_get_x(cpu, 0);
        uint64_t pc = e->pc;
        int status = 0;
        bool go = sys_psci_call(r->cpus, i, restart, &status, r->cfg && r->cfg->no_reboot);
        if (sys_log_on(LOG_INT))
            sys_log("psci: cpu %u %s function 0x%llx -> 0x%llx at pc 0x%llx\n", i,
                    e->kind == CPU_EXC_HVC ? "hvc" : "smc", (unsigned long long)fn,
                    (unsigned long long)cpu_get_x(cpu, 0), (unsigned long long)pc);
        if (!go)
            return status;
        cpu_set_pc(cpu, pc + 4);
        cpu_exception_return(cpu);
        return -1;
    }
    report_stop(cpu, e);
    return 1;
}

static int finish(SysRun *r, int status, bool restart)
{
    if (r->virt)
        virt_flush_output(r->virt);
    fflush(stdout);
    if (restart) {
        /* SYSTEM_RESET without -no-reboot: IMPDEF here, the run ends
         * (a restart reloading the images is a later step) */
        fprintf(stderr, "armature: guest requested a reset: exiting (restart is not implemented yet)\n");
    }
    return status;
}

static uint64_t total_icount(const SysCpus *c)
{
    uint64_t n = 0;
    for (unsigned i = 0; i < c->n; i++)
        n += cpu_icount(c->cpu[i]);
    return n;
}

int sys_run(SysRun *r)
{
    SysCpus *cs = r->cpus;
    /* in_asm and exec need to see every instruction: one at a time */
    bool step = sys_log_on(LOG_IN_ASM | LOG_EXEC);
    uint64_t slice = r->virt ? (cs->n > 1 ? SYS_QUANTUM : RUN_SLICE) : RUN_CHUNK;
    for (;;) {
        /* one round: each CPU that is on runs its turn */
        bool all_idle = true, any_on = false;
        uint64_t before = total_icount(cs);
        for (unsigned i = 0; i < cs->n; i++) {
            if (!cs->on[i])
                continue;
            any_on = true;
            Cpu *cpu = cs->cpu[i];
            uint64_t budget = slice;
            if (r->virt) {
                if (virt_quit_requested(r->virt)) {
                    virt_flush_output(r->virt);
                    return 0;
                }
                uint64_t deadline = virt_poll(r->virt);
                if (deadline != UINT64_MAX) {
                    uint64_t n = sys_time_insns_until(r->time, deadline);
                    if (n < budget)
                        budget = n;
                }
            }
            if (step) {
                sys_log_insn(cpu, r->machine->mem, cpu_get_pc(cpu));
                budget = 1;
            }
            CpuStop st = cpu_run(cpu, budget);
            if (st == CPU_STOP_IDLE)
                continue;
            all_idle = false;
            if (st == CPU_STOP_EXCEPTION) {
                bool restart = false;
                int status = handle_exception(r, i, &restart);
                if (status >= 0)
                    return finish(r, status, restart);
            }
        }
        if (!any_on) {
            fflush(stdout);
            fprintf(stderr, "armature: every CPU is off: stopping\n");
            return 0;
        }
        /* a CPU that ran may have woken one that was idle earlier in the round */
        if (!all_idle || total_icount(cs) != before)
            continue;
        /* every CPU sleeps in WFI/WFE until an interrupt. Skip virtual time
         * to the next device deadline, or wait for console input. */
        if (r->virt) {
            uint64_t deadline = virt_poll(r->virt);
            if (deadline != UINT64_MAX) {
                uint64_t now = sys_time_ns(r->time);
                if (deadline > now)
                    r->time->skipped_ns += deadline - now;
                continue;
            }
            if (virt_wait_input(r->virt))
                continue;
            virt_flush_output(r->virt);
        }
        fflush(stdout);
        Cpu *cpu = cs->cpu[0];
        for (unsigned i = 0; i < cs->n; i++)
            if (cs->on[i]) {
                cpu = cs->cpu[i];
                break;
            }
        fprintf(stderr,
                "armature: guest stopped: waiting for an interrupt at pc 0x%llx (EL%u), "
                "and no device can raise one\n",
                (unsigned long long)cpu_get_pc(cpu), cpu_get_el(cpu));
        return 1;
    }
}
