/* GICv3 redistributors (GICR_*, IHI 0069 12.10): one DeviceOps for the
 * whole region, two 64 KiB frames per PE in order: RD_base (control,
 * TYPER with the PE's affinity, WAKER) and SGI_base (SGI/PPI configuration,
 * the distributor's registers for INTIDs 0..31). No LPIs. */
#include "gicv3.h"

#define NAME "gicv3-redist"

uint32_t gicv3_id_reg(uint64_t off);

enum {
    GICR_CTLR = 0x0000, GICR_IIDR = 0x0004, GICR_TYPER = 0x0008, GICR_STATUSR = 0x0010,
    GICR_WAKER = 0x0014, GICR_PROPBASER = 0x0070, GICR_PENDBASER = 0x0078,
    SGI_BASE = 0x10000,
    GICR_IGROUPR0 = 0x0080, GICR_ISENABLER0 = 0x0100, GICR_ICENABLER0 = 0x0180,
    GICR_ISPENDR0 = 0x0200, GICR_ICPENDR0 = 0x0280, GICR_ISACTIVER0 = 0x0300,
    GICR_ICACTIVER0 = 0x0380, GICR_IPRIORITYR = 0x0400, GICR_ICFGR0 = 0x0c00,
    GICR_ICFGR1 = 0x0c04, GICR_IGRPMODR0 = 0x0d00, GICR_NSACR = 0x0e00,
};

static uint64_t typer(const GicV3 *g, unsigned c)
{
    uint64_t m = g->cpu[c].mpidr;
    uint64_t aff = (m & 0xffffff) | (m >> 32 & 0xff) << 24;
    return aff << 32 | (uint64_t)c << 8 | (c == g->ncpu - 1 ? 1u << 4 : 0);
}

static uint64_t redist_read(void *opaque, uint64_t addr, unsigned size)
{
    GicV3 *g = opaque;
    unsigned c = (unsigned)(addr / GICR_FRAME_SIZE);
    uint64_t off = addr % GICR_FRAME_SIZE;
    if (c >= g->ncpu) {
        dev_guest_error(NAME, "read at 0x%llx: no redistributor there", (unsigned long long)addr);
        return 0;
    }
    GicCpu *p = &g->cpu[c];
    if (off >= SGI_BASE + GICR_IPRIORITYR && off < SGI_BASE + GICR_IPRIORITYR + 32) {
        uint64_t v = 0;
        for (unsigned i = 0; i < size && off - SGI_BASE - GICR_IPRIORITYR + i < 32; i++)
            v |= (uint64_t)(p->prio[off - SGI_BASE - GICR_IPRIORITYR + i] & GIC_PRI_MASK) << (8 * i);
        return v;
    }
    if (off == GICR_TYPER && size == 8)
        return typer(g, c);
    if (size != 4 || (off & 3)) {
        dev_guest_error(NAME, "read of %u bytes at 0x%llx", size, (unsigned long long)addr);
        return 0;
    }
    if ((off & 0xffff) >= 0xffd0)
        return gicv3_id_reg(off & 0xffff);
    switch (off) {
    case GICR_CTLR: return 0;
    case GICR_IIDR: return 0x43b;
    case GICR_TYPER: return (uint32_t)typer(g, c);
    case GICR_TYPER + 4: return (uint32_t)(typer(g, c) >> 32);
    case GICR_STATUSR: return 0;
    case GICR_WAKER: return p->sleep ? 6 : 0; /* ProcessorSleep, ChildrenAsleep */
    case GICR_PROPBASER: case GICR_PROPBASER + 4: case GICR_PENDBASER: case GICR_PENDBASER + 4: return 0;
    case SGI_BASE + GICR_IGROUPR0: return p->group;
    case SGI_BASE + GICR_ISENABLER0:
    case SGI_BASE + GICR_ICENABLER0: return p->enable;
    case SGI_BASE + GICR_ISPENDR0:
    case SGI_BASE + GICR_ICPENDR0: return p->pending | (p->level & ~p->edge & 0xffff0000);
    case SGI_BASE + GICR_ISACTIVER0:
    case SGI_BASE + GICR_ICACTIVER0: return p->active;
    case SGI_BASE + GICR_ICFGR0: return 0xaaaaaaaa; /* SGIs: edge */
    case SGI_BASE + GICR_ICFGR1: {
        uint32_t v = 0;
        for (unsigned i = 0; i < 16; i++)
            if (p->edge >> (16 + i) & 1)
                v |= 2u << (2 * i);
        return v;
    }
    case SGI_BASE + GICR_IGRPMODR0: return p->grpmod;
    case SGI_BASE + GICR_NSACR: return 0;
    default: break;
    }
    dev_guest_error(NAME, "read of unknown register at 0x%llx", (unsigned long long)addr);
    return 0;
}

static void redist_write(void *opaque, uint64_t addr, unsigned size, uint64_t value)
{
    GicV3 *g = opaque;
    unsigned c = (unsigned)(addr / GICR_FRAME_SIZE);
    uint64_t off = addr % GICR_FRAME_SIZE;
    uint32_t v = (uint32_t)value;
    if (c >= g->ncpu) {
        dev_guest_error(NAME, "write at 0x%llx: no redistributor there", (unsigned long long)addr);
        return;
    }
    GicCpu *p = &g->cpu[c];
    if (off >= SGI_BASE + GICR_IPRIORITYR && off < SGI_BASE + GICR_IPRIORITYR + 32) {
        for (unsigned i = 0; i < size && off - SGI_BASE - GICR_IPRIORITYR + i < 32; i++)
            p->prio[off - SGI_BASE - GICR_IPRIORITYR + i] = (uint8_t)(value >> (8 * i)) & GIC_PRI_MASK;
        gicv3_update(g);
        return;
    }
    if (size != 4 || (off & 3)) {
        dev_guest_error(NAME, "write of %u bytes at 0x%llx", size, (unsigned long long)addr);
        return;
    }
    switch (off) {
    case GICR_CTLR: return; /* EnableLPIs: no LPIs */
    case GICR_WAKER: p->sleep = v >> 1 & 1; return;
    case GICR_PROPBASER: case GICR_PROPBASER + 4: case GICR_PENDBASER: case GICR_PENDBASER + 4: return;
    case SGI_BASE + GICR_IGROUPR0: p->group = v; break;
    case SGI_BASE + GICR_ISENABLER0: p->enable |= v; break;
    case SGI_BASE + GICR_ICENABLER0: p->enable &= ~v; break;
    case SGI_BASE + GICR_ISPENDR0: p->pending |= v; break;
    case SGI_BASE + GICR_ICPENDR0: p->pending &= ~v; break;
    case SGI_BASE + GICR_ISACTIVER0: p->active |= v; break;
    case SGI_BASE + GICR_ICACTIVER0: p->active &= ~v; break;
    case SGI_BASE + GICR_ICFGR0: return; /* SGIs are always edge-triggered */
    case SGI_BASE + GICR_ICFGR1:
        p->edge = 0;
        for (unsigned i = 0; i < 16; i++)
            if (v >> (2 * i + 1) & 1)
                p->edge |= 1u << (16 + i);
        break;
    case SGI_BASE + GICR_IGRPMODR0: p->grpmod = v; return;
    case SGI_BASE + GICR_NSACR: return;
    default:
        dev_guest_error(NAME, "write of 0x%x to read-only or unknown register at 0x%llx", v,
                        (unsigned long long)addr);
        return;
    }
    gicv3_update(g);
}

const DeviceOps gicv3_redist_ops = {
    .name = NAME,
    .read = redist_read,
    .write = redist_write,
    .reset = NULL, /* gicv3_dist_ops resets the whole GIC */
};
