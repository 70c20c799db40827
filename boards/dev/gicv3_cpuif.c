/* GICv3 CPU interface (IHI 0069 12.2): the ICC_* system registers, reached
 * from the ICC_* pseudocode of spec/sysregs through cpu_set_gic(). With one
 * Security state, Group 0 is acknowledged through IAR0 and signalled as
 * FIQ, Group 1 through IAR1 as IRQ. Priority drop and deactivation are one
 * write to EOIR (EOImode 0) or EOIR then DIR (EOImode 1). System register
 * access is always on: ICC_SRE_ELx.SRE is RAO/WI. */
#include "gicv3.h"

#define NAME "gicv3-cpuif"

static int cpu_index(const GicV3 *g, const Cpu *cpu)
{
    for (unsigned i = 0; i < g->ncpu; i++)
        if (g->cpu[i].cpu == cpu)
            return (int)i;
    return -1;
}

/* ICC_IARn: acknowledge the HPPI if it is of group n and would be signalled. */
static uint64_t acknowledge(GicV3 *g, unsigned c, unsigned group)
{
    GicCpu *p = &g->cpu[c];
    unsigned i = gicv3_hppi(g, c);
    if (i == GIC_SPURIOUS || gicv3_group(g, c, i) != group)
        return GIC_SPURIOUS;
    unsigned prio = gicv3_priority(g, c, i);
    if (prio >= p->pmr || gicv3_group_priority(g, c, group, prio) >= gicv3_running_priority(g, c))
        return GIC_SPURIOUS;
    gicv3_activate(g, c, i);
    p->apr[group] |= 1u << (gicv3_group_priority(g, c, group, prio) >> 3);
    gicv3_update(g);
    return i;
}

/* ICC_EOIRn: drop the running priority of group n; with EOImode 0 also
 * deactivate the interrupt. */
static void end_of_interrupt(GicV3 *g, unsigned c, unsigned group, uint64_t v)
{
    GicCpu *p = &g->cpu[c];
    unsigned intid = (unsigned)(v & 0xffffff);
    if (intid >= 1020)
        return; /* special INTIDs: no effect */
    if (!p->apr[group]) {
        dev_guest_error(NAME, "EOIR%u of INTID %u with no active priority of that group", group, intid);
        return;
    }
    p->apr[group] &= p->apr[group] - 1; /* the highest active priority */
    if (!p->eoimode)
        gicv3_deactivate(g, c, intid);
    gicv3_update(g);
}

static uint64_t cpuif_read(void *gic, Cpu *cpu, CpuGicReg reg)
{
    GicV3 *g = gic;
    int ci = cpu_index(g, cpu);
    if (ci < 0)
        return 0;
    unsigned c = (unsigned)ci;
    GicCpu *p = &g->cpu[c];
    unsigned hppi;
    switch (reg) {
    case CPU_ICC_PMR_EL1: return p->pmr;
    case CPU_ICC_IAR0_EL1: return acknowledge(g, c, 0);
    case CPU_ICC_IAR1_EL1: return acknowledge(g, c, 1);
    case CPU_ICC_HPPIR0_EL1:
    case CPU_ICC_HPPIR1_EL1:
        hppi = gicv3_hppi(g, c);
        if (hppi == GIC_SPURIOUS || gicv3_group(g, c, hppi) != (reg == CPU_ICC_HPPIR1_EL1))
            return GIC_SPURIOUS;
        return hppi;
    case CPU_ICC_BPR0_EL1: return p->bpr0;
    case CPU_ICC_BPR1_EL1: return p->cbpr ? (p->bpr0 < 7 ? p->bpr0 + 1u : 7u) : p->bpr1;
    case CPU_ICC_AP0R0_EL1: return p->apr[0];
    case CPU_ICC_AP1R0_EL1: return p->apr[1];
    case CPU_ICC_RPR_EL1: {
        unsigned r = gicv3_running_priority(g, c);
        return r == GIC_IDLE_PRIORITY ? 0xff : r;
    }
    case CPU_ICC_CTLR_EL1:
        /* CBPR, EOImode, PRIbits = 4 (5 bits), IDbits = 0 (16), A3V */
        return (uint64_t)p->cbpr | (uint64_t)p->eoimode << 1 | 4u << 8 | 1u << 15;
    case CPU_ICC_CTLR_EL3: return (uint64_t)p->eoimode << 4 | 4u << 8 | 1u << 15;
    case CPU_ICC_SRE_EL1: return 0x7;              /* SRE, DFB, DIB */
    case CPU_ICC_SRE_EL2: case CPU_ICC_SRE_EL3: return 0xf; /* and Enable */
    case CPU_ICC_IGRPEN0_EL1: return p->grpen0;
    case CPU_ICC_IGRPEN1_EL1: return p->grpen1;
    case CPU_ICC_IGRPEN1_EL3: return p->grpen1;
    default: break;
    }
    dev_guest_error(NAME, "read of write-only ICC register %d", (int)reg);
    return 0;
}

static void cpuif_write(void *gic, Cpu *cpu, CpuGicReg reg, uint64_t v)
{
    GicV3 *g = gic;
    int ci = cpu_index(g, cpu);
    if (ci < 0)
        return;
    unsigned c = (unsigned)ci;
    GicCpu *p = &g->cpu[c];
    switch (reg) {
    case CPU_ICC_PMR_EL1: p->pmr = (uint8_t)(v & GIC_PRI_MASK); break;
    case CPU_ICC_EOIR0_EL1: end_of_interrupt(g, c, 0, v); return;
    case CPU_ICC_EOIR1_EL1: end_of_interrupt(g, c, 1, v); return;
    case CPU_ICC_DIR_EL1:
        if (!p->eoimode)
            dev_guest_error(NAME, "DIR written with EOImode 0 (UNPREDICTABLE: ignored)");
        else if ((v & 0xffffff) < 1020)
            gicv3_deactivate(g, c, (unsigned)(v & 0xffffff));
        break;
    case CPU_ICC_BPR0_EL1: p->bpr0 = (uint8_t)((v & 7) < 2 ? 2 : (v & 7)); break;
    case CPU_ICC_BPR1_EL1:
        if (!p->cbpr)
            p->bpr1 = (uint8_t)((v & 7) < 3 ? 3 : (v & 7));
        break;
    case CPU_ICC_AP0R0_EL1: p->apr[0] = (uint32_t)v; break;
    case CPU_ICC_AP1R0_EL1: p->apr[1] = (uint32_t)v; break;
    case CPU_ICC_CTLR_EL1:
        p->cbpr = v & 1;
        p->eoimode = v >> 1 & 1;
        break;
    case CPU_ICC_CTLR_EL3: p->eoimode = v >> 4 & 1; break;
    case CPU_ICC_SRE_EL1: case CPU_ICC_SRE_EL2: case CPU_ICC_SRE_EL3: return; /* RAO/WI */
    case CPU_ICC_IGRPEN0_EL1: p->grpen0 = v & 1; break;
    case CPU_ICC_IGRPEN1_EL1: p->grpen1 = v & 1; break;
    case CPU_ICC_IGRPEN1_EL3: p->grpen1 = v & 1; break;
    case CPU_ICC_SGI0R_EL1: gicv3_send_sgi(g, c, v, 0); return;
    case CPU_ICC_SGI1R_EL1: case CPU_ICC_ASGI1R_EL1: gicv3_send_sgi(g, c, v, 1); return;
    default:
        dev_guest_error(NAME, "write of read-only ICC register %d", (int)reg);
        return;
    }
    gicv3_update(g);
}

const CpuGicOps gicv3_cpuif_ops = {
    .read = cpuif_read,
    .write = cpuif_write,
};
