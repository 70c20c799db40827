/* armature's run loop: semihosting calls are served, anything else that
 * reaches the board stops the machine with a one-line report. */
#include "system/system.h"

/* cpu_run() comes back this often when nothing happens. */
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

static bool serve_semihosting(SysRun *r, const CpuException *e)
{
    Cpu *cpu = r->cpu;
    uint32_t op = (uint32_t)cpu_get_x(cpu, 0);
    uint64_t param = cpu_get_x(cpu, 1);
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

int sys_run(SysRun *r)
{
    Cpu *cpu = r->cpu;
    /* in_asm and exec need to see every instruction: one at a time */
    bool step = sys_log_on(LOG_IN_ASM | LOG_EXEC);
    for (;;) {
        if (step)
            sys_log_insn(cpu, r->machine->mem, cpu_get_pc(cpu));
        CpuStop st = cpu_run(cpu, step ? 1 : RUN_CHUNK);
        if (st == CPU_STOP_BUDGET)
            continue;
        if (st == CPU_STOP_EXCEPTION) {
            const CpuException *e = cpu_exception(cpu);
            if (e->kind == CPU_EXC_SEMIHOSTING && r->semi) {
                if (serve_semihosting(r, e))
                    continue;
                fflush(stdout);
                return r->semi->exit_status;
            }
            report_stop(cpu, e);
            return 1;
        }
        /* CPU_STOP_IDLE: WFI/WFE sleeps, and no device of this machine can
         * raise an interrupt yet, so it would wait forever. */
        fflush(stdout);
        fprintf(stderr,
                "armature: guest stopped: waiting for an interrupt at pc 0x%llx (EL%u), "
                "and no device can raise one\n",
                (unsigned long long)cpu_get_pc(cpu), cpu_get_el(cpu));
        return 1;
    }
}
