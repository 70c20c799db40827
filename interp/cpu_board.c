/* What a system board attaches to a CPU (cpu.h): the device bus, the GIC
 * CPU interface behind the ICC_* system registers, the clock and timer
 * hook of the generic timer, and the board-as-firmware conduit; and the
 * primitives of spec/lib/gic.asl, timer.asl and exceptions.asl that reach
 * them. */
#include "cpu_internal.h"

#include "asl_lib.h"

void cpu_set_bus(Cpu *cpu, Bus *bus) { cpu->bus = bus; }

void cpu_set_gic(Cpu *cpu, void *gic, const CpuGicOps *ops)
{
    cpu->gic = gic;
    cpu->gic_ops = gic ? ops : NULL;
}

void cpu_set_clock(Cpu *cpu, uint64_t (*count)(void *opaque), void *opaque)
{
    cpu->clock = count;
    cpu->clock_opaque = opaque;
}

void cpu_set_timer_hook(Cpu *cpu, void (*changed)(void *opaque), void *opaque)
{
    cpu->timer_hook = changed;
    cpu->timer_opaque = opaque;
}

void cpu_link_peers(Cpu *const *cpus, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        cpus[i]->peer = n > 1 ? cpus[(i + 1) % n] : NULL;
}

/* spec/lib/system.asl: SEV reaches the other PEs of the machine. */
void prim_SendEventOtherPEs(Cpu *cpu)
{
    for (Cpu *p = cpu->peer; p && p != cpu; p = p->peer)
        p->a.EventRegister = 1;
}

void cpu_set_psci_conduit(Cpu *cpu, CpuPsciConduit conduit) { cpu->psci_conduit = (uint8_t)conduit; }

bool cpu_set_el(Cpu *cpu, unsigned el)
{
    if (el < 1 || el > 3 || !prim_ImplementedEL(cpu, (asl_int)el))
        return false;
    ProcState *p = &cpu->a.PSTATE;
    p->EL = el;
    p->SP = 1;
    p->nRW = 0;
    p->D = p->A = p->I = p->F = 1;
    p->IL = 0;
    tlb_flush(&cpu->tlb);
    return true;
}

/* spec/lib/gic.asl: the order of the two enumerations is the same. */
_Static_assert((int)GICReg_PMR_EL1 == (int)CPU_ICC_PMR_EL1, "GICRegister order");
_Static_assert((int)GICReg_IAR1_EL1 == (int)CPU_ICC_IAR1_EL1, "GICRegister order");
_Static_assert((int)GICReg_IGRPEN1_EL3 == (int)CPU_ICC_IGRPEN1_EL3, "GICRegister order");
_Static_assert((int)GICReg_IGRPEN1_EL3 + 1 == (int)CPU_ICC_NREGS, "GICRegister order");

bool prim_GICCPUInterfacePresent(Cpu *cpu) { return cpu->gic_ops != NULL; }

uint64_t prim_GICCPUInterfaceRead(Cpu *cpu, GICRegister reg)
{
    return cpu->gic_ops ? cpu->gic_ops->read(cpu->gic, cpu, (CpuGicReg)reg) : 0;
}

void prim_GICCPUInterfaceWrite(Cpu *cpu, GICRegister reg, uint64_t value)
{
    if (cpu->gic_ops)
        cpu->gic_ops->write(cpu->gic, cpu, (CpuGicReg)reg, value);
}

void prim_GenericTimerChanged(Cpu *cpu)
{
    if (cpu->timer_hook)
        cpu->timer_hook(cpu->timer_opaque);
}

asl_int prim_FirmwareConduit(Cpu *cpu) { return cpu->system_mode ? cpu->psci_conduit : 0; }
