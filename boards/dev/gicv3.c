/* GICv3: the state shared by the distributor, redistributors and CPU
 * interfaces, the interrupt inputs, and the choice of the interrupt each PE
 * is signalled (gicv3.h). */
#include <stdlib.h>
#include <string.h>

#include "gicv3.h"

GicV3 *gicv3_new(unsigned ncpu, unsigned nirq)
{
    if (ncpu < 1 || ncpu > GIC_MAX_CPUS || nirq < 64 || nirq > GIC_MAX_IRQS)
        return NULL;
    GicV3 *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->ncpu = ncpu;
    g->nirq = nirq & ~31u;
    gicv3_reset(g);
    return g;
}

void gicv3_free(GicV3 *g) { free(g); }

void gicv3_connect_cpu(GicV3 *g, unsigned i, Cpu *cpu, uint64_t mpidr, IrqLine irq, IrqLine fiq)
{
    if (i >= g->ncpu)
        return;
    g->cpu[i].cpu = cpu;
    g->cpu[i].mpidr = mpidr;
    g->cpu[i].irq = irq;
    g->cpu[i].fiq = fiq;
}

void gicv3_reset(void *opaque)
{
    GicV3 *g = opaque;
    g->ctlr = 0;
    memset(g->group, 0, sizeof g->group);
    memset(g->enable, 0, sizeof g->enable);
    memset(g->pending, 0, sizeof g->pending);
    memset(g->active, 0, sizeof g->active);
    memset(g->edge, 0, sizeof g->edge);
    memset(g->grpmod, 0, sizeof g->grpmod);
    memset(g->prio, 0, sizeof g->prio);
    memset(g->router, 0, sizeof g->router);
    /* g->level: the inputs keep their level across a reset */
    for (unsigned i = 0; i < g->ncpu; i++) {
        GicCpu *c = &g->cpu[i];
        c->group = c->enable = c->pending = c->active = c->grpmod = 0;
        c->edge = 0;
        memset(c->prio, 0, sizeof c->prio);
        c->sleep = true;
        c->pmr = 0;
        c->bpr0 = 2;
        c->bpr1 = 3;
        c->eoimode = c->cbpr = false;
        c->grpen0 = c->grpen1 = false;
        c->apr[0] = c->apr[1] = 0;
    }
    gicv3_update(g);
}

unsigned gicv3_spi_target(const GicV3 *g, unsigned intid)
{
    uint64_t r = g->router[intid];
    if (r >> 31 & 1)
        return 0; /* IRM: any PE; this GIC picks the first */
    uint64_t aff = (r & 0xffffff) | (r >> 32 & 0xff) << 24;
    for (unsigned i = 0; i < g->ncpu; i++) {
        uint64_t m = g->cpu[i].mpidr;
        if (((m & 0xffffff) | (m >> 32 & 0xff) << 24) == aff)
            return i;
    }
    return GIC_MAX_CPUS; /* no such PE: never signalled */
}

bool gicv3_is_pending(const GicV3 *g, unsigned c, unsigned intid)
{
    if (intid < 32) {
        const GicCpu *p = &g->cpu[c];
        bool level = intid >= 16 && !(p->edge >> intid & 1) && (p->level >> intid & 1);
        return (p->pending >> intid & 1) || level;
    }
    bool level = !gic_bit(g->edge, intid) && gic_bit(g->level, intid);
    return gic_bit(g->pending, intid) || level;
}

unsigned gicv3_group(const GicV3 *g, unsigned c, unsigned intid)
{
    return intid < 32 ? g->cpu[c].group >> intid & 1 : gic_bit(g->group, intid);
}

unsigned gicv3_priority(const GicV3 *g, unsigned c, unsigned intid)
{
    return (intid < 32 ? g->cpu[c].prio[intid] : g->prio[intid]) & GIC_PRI_MASK;
}

static bool enabled(const GicV3 *g, unsigned c, unsigned intid)
{
    return intid < 32 ? g->cpu[c].enable >> intid & 1 : gic_bit(g->enable, intid);
}

static bool active(const GicV3 *g, unsigned c, unsigned intid)
{
    return intid < 32 ? g->cpu[c].active >> intid & 1 : gic_bit(g->active, intid);
}

static bool group_enabled(const GicV3 *g, unsigned c, unsigned grp)
{
    const GicCpu *p = &g->cpu[c];
    if (grp == 0)
        return (g->ctlr & 1) && p->grpen0;
    return (g->ctlr & 2) && p->grpen1;
}

static bool candidate(const GicV3 *g, unsigned c, unsigned intid)
{
    return gicv3_is_pending(g, c, intid) && enabled(g, c, intid) && !active(g, c, intid) &&
           group_enabled(g, c, gicv3_group(g, c, intid));
}

unsigned gicv3_hppi(const GicV3 *g, unsigned c)
{
    unsigned best = GIC_SPURIOUS, bprio = GIC_IDLE_PRIORITY;
    for (unsigned i = 0; i < 32; i++)
        if (candidate(g, c, i) && gicv3_priority(g, c, i) < bprio) {
            best = i;
            bprio = gicv3_priority(g, c, i);
        }
    for (unsigned w = 1; w < g->nirq / 32; w++) {
        uint32_t m = (g->pending[w] | (g->level[w] & ~g->edge[w])) & g->enable[w] & ~g->active[w];
        while (m) {
            unsigned i = w * 32 + (unsigned)__builtin_ctz(m);
            m &= m - 1;
            if (gicv3_spi_target(g, i) == c && candidate(g, c, i) && gicv3_priority(g, c, i) < bprio) {
                best = i;
                bprio = gicv3_priority(g, c, i);
            }
        }
    }
    return best;
}

unsigned gicv3_running_priority(const GicV3 *g, unsigned c)
{
    uint32_t a = g->cpu[c].apr[0] | g->cpu[c].apr[1];
    return a ? (unsigned)__builtin_ctz(a) << 3 : GIC_IDLE_PRIORITY;
}

unsigned gicv3_group_priority(const GicV3 *g, unsigned c, unsigned group, unsigned prio)
{
    const GicCpu *p = &g->cpu[c];
    /* Group 1 uses BPR1 (minimum 3 with a single Security state: BPR0 + 1),
     * or BPR0 when CBPR is set. The group priority is the bits above the
     * binary point. */
    unsigned bpr = group == 0 || p->cbpr ? p->bpr0 : p->bpr1 - 1;
    unsigned mask = (0xffu << (bpr + 1)) & 0xff;
    return prio & mask;
}

/* PE c is signalled its HPPI when the priority is above the mask and
 * would preempt what is running (group priority). */
static void update_cpu(GicV3 *g, unsigned c)
{
    GicCpu *p = &g->cpu[c];
    bool irq = false, fiq = false;
    unsigned i = gicv3_hppi(g, c);
    if (i != GIC_SPURIOUS) {
        unsigned grp = gicv3_group(g, c, i), prio = gicv3_priority(g, c, i);
        if (prio < p->pmr && gicv3_group_priority(g, c, grp, prio) < gicv3_running_priority(g, c)) {
            if (grp == 0)
                fiq = true;
            else
                irq = true;
        }
    }
    if (irq != p->irq_level) {
        p->irq_level = irq;
        irq_set(&p->irq, irq);
    }
    if (fiq != p->fiq_level) {
        p->fiq_level = fiq;
        irq_set(&p->fiq, fiq);
    }
}

void gicv3_update(GicV3 *g)
{
    for (unsigned c = 0; c < g->ncpu; c++)
        update_cpu(g, c);
}

void gicv3_activate(GicV3 *g, unsigned c, unsigned intid)
{
    if (intid < 32) {
        g->cpu[c].pending &= ~(1u << intid);
        g->cpu[c].active |= 1u << intid;
    } else {
        gic_setbit(g->pending, intid, false);
        gic_setbit(g->active, intid, true);
    }
}

void gicv3_deactivate(GicV3 *g, unsigned c, unsigned intid)
{
    if (intid < 32)
        g->cpu[c].active &= ~(1u << intid);
    else
        gic_setbit(g->active, intid, false);
}

void gicv3_send_sgi(GicV3 *g, unsigned from, uint64_t v, unsigned group)
{
    unsigned intid = (unsigned)(v >> 24 & 0xf);
    bool irm = v >> 40 & 1;
    uint64_t aff321 = (v >> 16 & 0xff) << 8 | (v >> 32 & 0xff) << 16 | (v >> 48 & 0xff) << 32;
    for (unsigned c = 0; c < g->ncpu; c++) {
        uint64_t m = g->cpu[c].mpidr;
        bool hit;
        if (irm)
            hit = c != from;
        else
            hit = ((m & 0xffff00) | (m & 0xff00000000)) == aff321 && (v >> (m & 0xf) & 1) && (m & 0xff) < 16;
        /* with one Security state an SGI is sent when its configured group matches */
        if (hit && gicv3_group(g, c, intid) == group)
            g->cpu[c].pending |= 1u << intid;
    }
    gicv3_update(g);
}

void gicv3_set_spi(GicV3 *g, unsigned intid, bool level)
{
    if (intid < 32 || intid >= g->nirq)
        return;
    bool old = gic_bit(g->level, intid);
    gic_setbit(g->level, intid, level);
    if (level && !old && gic_bit(g->edge, intid))
        gic_setbit(g->pending, intid, true); /* rising edge latches */
    gicv3_update(g);
}

void gicv3_set_ppi(GicV3 *g, unsigned cpu, unsigned intid, bool level)
{
    if (cpu >= g->ncpu || intid < 16 || intid >= 32)
        return;
    GicCpu *p = &g->cpu[cpu];
    bool old = p->level >> intid & 1;
    p->level = (p->level & ~(1u << intid)) | (uint32_t)level << intid;
    if (level && !old && (p->edge >> intid & 1))
        p->pending |= 1u << intid;
    gicv3_update(g);
}

static void spi_set(void *opaque, int n, bool level) { gicv3_set_spi(opaque, (unsigned)n, level); }

static void ppi_set(void *opaque, int n, bool level)
{
    gicv3_set_ppi(opaque, (unsigned)n >> 8, (unsigned)n & 0xff, level);
}

IrqLine gicv3_spi_line(GicV3 *g, unsigned intid) { return (IrqLine){spi_set, g, (int)intid}; }

IrqLine gicv3_ppi_line(GicV3 *g, unsigned cpu, unsigned intid)
{
    return (IrqLine){ppi_set, g, (int)(cpu << 8 | intid)};
}
