/* GICv3 distributor (GICD_*, IHI 0069 12.9): SPI configuration and the
 * global group enables. Affinity routing is always on (ARE RAO/WI) and
 * there is one Security state (DS RAO/WI): the SGI/PPI registers of the
 * distributor (INTIDs 0..31) are RAZ/WI, those live in the redistributors. */
#include "gicv3.h"

#define NAME "gicv3-dist"

enum {
    GICD_CTLR = 0x0000, GICD_TYPER = 0x0004, GICD_IIDR = 0x0008, GICD_TYPER2 = 0x000c,
    GICD_STATUSR = 0x0010, GICD_SETSPI_NSR = 0x0040, GICD_CLRSPI_NSR = 0x0048,
    GICD_IGROUPR = 0x0080, GICD_ISENABLER = 0x0100, GICD_ICENABLER = 0x0180,
    GICD_ISPENDR = 0x0200, GICD_ICPENDR = 0x0280, GICD_ISACTIVER = 0x0300,
    GICD_ICACTIVER = 0x0380, GICD_IPRIORITYR = 0x0400, GICD_ITARGETSR = 0x0800,
    GICD_ICFGR = 0x0c00, GICD_IGRPMODR = 0x0d00, GICD_NSACR = 0x0e00, GICD_SGIR = 0x0f00,
    GICD_IROUTER = 0x6000, GICD_PIDR2 = 0xffe8,
};

#define CTLR_DS (1u << 6)
#define CTLR_ARE (1u << 4)
#define IIDR_ARM 0x0000043b /* implementer Arm, as the register layout */

/* The PrimeCell-style ID registers at 0xffd0..0xfffc (PIDR4..7, PIDR0..3,
 * CIDR0..3): ArchRev 3 in PIDR2. */
uint32_t gicv3_id_reg(uint64_t off)
{
    static const uint8_t ids[] = {
        0x44, 0, 0, 0,          /* PIDR4..7 (0xffd0) */
        0x92, 0xb4, 0x3b, 0x00, /* PIDR0..3 (0xffe0) */
        0x0d, 0xf0, 0x05, 0xb1, /* CIDR0..3 (0xfff0) */
    };
    return ids[(off - 0xffd0) / 4];
}

/* Apply a write of a 1-bit-per-INTID register: set or clear bits, or
 * replace them. INTIDs below 32 are not the distributor's. */
static void bitmap_write(GicV3 *g, uint32_t *m, unsigned word, uint32_t v, int how)
{
    if (word == 0 || word >= g->nirq / 32)
        return;
    if (how > 0)
        m[word] |= v;
    else if (how < 0)
        m[word] &= ~v;
    else
        m[word] = v;
}

static uint64_t dist_read(void *opaque, uint64_t off, unsigned size)
{
    GicV3 *g = opaque;
    if (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + GIC_MAX_IRQS) {
        uint64_t v = 0;
        for (unsigned i = 0; i < size; i++) {
            unsigned n = (unsigned)(off - GICD_IPRIORITYR) + i;
            if (n >= 32 && n < g->nirq)
                v |= (uint64_t)(g->prio[n] & GIC_PRI_MASK) << (8 * i);
        }
        return v;
    }
    if (off >= GICD_IROUTER + 8 * 32 && off < GICD_IROUTER + 8 * (uint64_t)g->nirq) {
        unsigned n = (unsigned)((off - GICD_IROUTER) / 8);
        uint64_t r = g->router[n] & 0xff800000ffffffull;
        if (size == 8 && !(off & 7))
            return r;
        if (size == 4)
            return off & 4 ? r >> 32 : r & 0xffffffff;
        dev_guest_error(NAME, "IROUTER read of %u bytes at 0x%llx", size, (unsigned long long)off);
        return 0;
    }
    if (size != 4 || (off & 3)) {
        dev_guest_error(NAME, "read of %u bytes at 0x%llx", size, (unsigned long long)off);
        return 0;
    }
    unsigned w = (unsigned)(off & 0x7f) / 4;
    bool in = w < g->nirq / 32 && w > 0;
    switch (off & ~0x7full) {
    case GICD_IGROUPR: return in ? g->group[w] : 0;
    case GICD_ISENABLER:
    case GICD_ICENABLER: return in ? g->enable[w] : 0;
    case GICD_ISPENDR:
    case GICD_ICPENDR: return in ? g->pending[w] | (g->level[w] & ~g->edge[w]) : 0;
    case GICD_ISACTIVER:
    case GICD_ICACTIVER: return in ? g->active[w] : 0;
    case GICD_IGRPMODR: return in ? g->grpmod[w] : 0;
    default: break;
    }
    if (off >= GICD_ICFGR && off < GICD_ICFGR + GIC_MAX_IRQS / 4) {
        unsigned first = (unsigned)(off - GICD_ICFGR) * 4; /* 16 INTIDs per register */
        uint32_t v = 0;
        for (unsigned i = 0; i < 16; i++) {
            unsigned n = first + i;
            if (n < 16 || (n >= 32 && n < g->nirq && gic_bit(g->edge, n)))
                v |= 2u << (2 * i); /* SGIs are edge-triggered */
        }
        return v;
    }
    if (off >= GICD_ITARGETSR && off < GICD_ICFGR)
        return 0; /* RAZ/WI with affinity routing */
    if (off >= GICD_NSACR && off < GICD_SGIR + 4)
        return 0;
    if (off >= 0xffd0)
        return gicv3_id_reg(off);
    switch (off) {
    case GICD_CTLR: return g->ctlr | CTLR_DS | CTLR_ARE;
    case GICD_TYPER:
        /* ITLinesNumber, IDbits = 10 bits (9), no LPIs, no Security
         * Extensions (DS), 1 of N SPI routing not supported (No1N = 1) */
        return (g->nirq / 32 - 1) | 9u << 19 | 1u << 25;
    case GICD_IIDR: return IIDR_ARM;
    case GICD_TYPER2:
    case GICD_STATUSR: return 0;
    default: break;
    }
    dev_guest_error(NAME, "read of unknown register at 0x%llx", (unsigned long long)off);
    return 0;
}

static void dist_write(void *opaque, uint64_t off, unsigned size, uint64_t value)
{
    GicV3 *g = opaque;
    uint32_t v = (uint32_t)value;
    if (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + GIC_MAX_IRQS) {
        for (unsigned i = 0; i < size; i++) {
            unsigned n = (unsigned)(off - GICD_IPRIORITYR) + i;
            if (n >= 32 && n < g->nirq)
                g->prio[n] = (uint8_t)(value >> (8 * i)) & GIC_PRI_MASK;
        }
        gicv3_update(g);
        return;
    }
    if (off >= GICD_IROUTER + 8 * 32 && off < GICD_IROUTER + 8 * (uint64_t)g->nirq) {
        unsigned n = (unsigned)((off - GICD_IROUTER) / 8);
        uint64_t mask = 0xff800000ffffffull;
        if (size == 8 && !(off & 7))
            g->router[n] = value & mask;
        else if (size == 4 && (off & 4))
            g->router[n] = (g->router[n] & 0xffffffff) | ((value << 32) & mask);
        else if (size == 4)
            g->router[n] = (g->router[n] & ~0xffffffffull) | (value & 0xffffffff & mask);
        else
            dev_guest_error(NAME, "IROUTER write of %u bytes at 0x%llx", size, (unsigned long long)off);
        gicv3_update(g);
        return;
    }
    if (size != 4 || (off & 3)) {
        dev_guest_error(NAME, "write of %u bytes at 0x%llx", size, (unsigned long long)off);
        return;
    }
    unsigned w = (unsigned)(off & 0x7f) / 4;
    switch (off & ~0x7full) {
    case GICD_IGROUPR: bitmap_write(g, g->group, w, v, 0); gicv3_update(g); return;
    case GICD_ISENABLER: bitmap_write(g, g->enable, w, v, 1); gicv3_update(g); return;
    case GICD_ICENABLER: bitmap_write(g, g->enable, w, v, -1); gicv3_update(g); return;
    case GICD_ISPENDR: bitmap_write(g, g->pending, w, v, 1); gicv3_update(g); return;
    case GICD_ICPENDR: bitmap_write(g, g->pending, w, v, -1); gicv3_update(g); return;
    case GICD_ISACTIVER: bitmap_write(g, g->active, w, v, 1); gicv3_update(g); return;
    case GICD_ICACTIVER: bitmap_write(g, g->active, w, v, -1); gicv3_update(g); return;
    case GICD_IGRPMODR: bitmap_write(g, g->grpmod, w, v, 0); return;
    default: break;
    }
    if (off >= GICD_ICFGR && off < GICD_ICFGR + GIC_MAX_IRQS / 4) {
        unsigned first = (unsigned)(off - GICD_ICFGR) * 4;
        for (unsigned i = 0; i < 16; i++) {
            unsigned n = first + i;
            if (n >= 32 && n < g->nirq)
                gic_setbit(g->edge, n, v >> (2 * i + 1) & 1);
        }
        gicv3_update(g);
        return;
    }
    if (off >= GICD_ITARGETSR && off < GICD_ICFGR)
        return;
    if (off >= GICD_NSACR && off < GICD_SGIR + 4)
        return;
    switch (off) {
    case GICD_CTLR:
        g->ctlr = v & 3; /* EnableGrp0, EnableGrp1; ARE and DS are RAO/WI */
        gicv3_update(g);
        return;
    case GICD_SETSPI_NSR:
    case GICD_CLRSPI_NSR:
        if (v >= 32 && v < g->nirq)
            gic_setbit(g->pending, v, off == GICD_SETSPI_NSR);
        gicv3_update(g);
        return;
    default: break;
    }
    dev_guest_error(NAME, "write of 0x%x to read-only or unknown register at 0x%llx", v,
                    (unsigned long long)off);
}

const DeviceOps gicv3_dist_ops = {
    .name = NAME,
    .read = dist_read,
    .write = dist_write,
    .reset = gicv3_reset,
};
