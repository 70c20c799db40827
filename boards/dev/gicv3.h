/* A GICv3 (Arm IHI 0069) without LPIs/ITS and with a single Security state
 * (GICD_CTLR.DS = 1: Group 0 is signalled as FIQ, Group 1 as IRQ, as a GIC
 * whose firmware chose DS does), affinity routing always on (ARE RAO/WI),
 * 5 bits of priority (32 levels), up to GIC_MAX_CPUS PEs.
 *
 * Split by architectural block:
 *   gicv3.c         the shared state, interrupt inputs, the highest-priority
 *                   pending interrupt of each PE and its IRQ/FIQ outputs
 *   gicv3_dist.c    the distributor (GICD_*, SPIs), a DeviceOps
 *   gicv3_redist.c  the redistributors (GICR_*, SGIs/PPIs), one DeviceOps
 *                   for the whole region: two 64 KiB frames per PE
 *   gicv3_cpuif.c   the CPU interface (ICC_* system registers), CpuGicOps
 */
#ifndef ARMATURE_GICV3_H
#define ARMATURE_GICV3_H

#include "cpu.h"
#include "device.h"

#define GIC_MAX_CPUS 8
#define GIC_MAX_IRQS 1020       /* INTIDs 0..1019 */
#define GIC_SPURIOUS 1023
#define GIC_PRI_MASK 0xf8       /* 5 priority bits */
#define GIC_IDLE_PRIORITY 0x100 /* running priority with nothing active */
#define GICD_SIZE 0x10000
#define GICR_FRAME_SIZE 0x20000 /* RD_base + SGI_base, per PE */

typedef struct GicCpu {
    /* redistributor: SGIs and PPIs (INTIDs 0..31) */
    uint32_t group, enable, pending, active, level, grpmod;
    uint32_t edge;        /* ICFGR1: 1 = edge-triggered PPI (SGIs are always edge) */
    uint8_t prio[32];
    bool sleep;           /* GICR_WAKER.ProcessorSleep */
    /* CPU interface */
    uint8_t pmr, bpr0, bpr1;
    bool eoimode;         /* ICC_CTLR_EL1.EOImode */
    bool cbpr;            /* ICC_CTLR_EL1.CBPR */
    bool grpen0, grpen1;
    uint32_t apr[2];      /* active priorities, Group 0 and 1: bit n = priority n << 3 */
    /* wiring */
    Cpu *cpu;
    uint64_t mpidr;       /* affinity Aff3.Aff2.Aff1.Aff0 as MPIDR_EL1 */
    IrqLine irq, fiq;
    bool irq_level, fiq_level;
} GicCpu;

typedef struct GicV3 {
    unsigned ncpu;
    unsigned nirq;        /* a multiple of 32, at most GIC_MAX_IRQS rounded down */
    uint32_t ctlr;        /* GICD_CTLR.EnableGrp0 (0), EnableGrp1 (1) */
    uint32_t group[GIC_MAX_IRQS / 32], enable[GIC_MAX_IRQS / 32], pending[GIC_MAX_IRQS / 32],
        active[GIC_MAX_IRQS / 32], level[GIC_MAX_IRQS / 32], edge[GIC_MAX_IRQS / 32],
        grpmod[GIC_MAX_IRQS / 32];
    uint8_t prio[GIC_MAX_IRQS];
    uint64_t router[GIC_MAX_IRQS];
    GicCpu cpu[GIC_MAX_CPUS];
} GicV3;

/* A GIC with `nirq` INTIDs (SPIs are 32..nirq-1) and `ncpu` PEs; the
 * board then wires each PE (gicv3_connect_cpu). */
GicV3 *gicv3_new(unsigned ncpu, unsigned nirq);
void gicv3_free(GicV3 *g);
/* PE i: its Cpu (for the ICC_* registers), MPIDR and IRQ/FIQ outputs. */
void gicv3_connect_cpu(GicV3 *g, unsigned i, Cpu *cpu, uint64_t mpidr, IrqLine irq, IrqLine fiq);
void gicv3_reset(void *opaque);

/* Interrupt inputs (level): an SPI (INTID 32..), or a PPI of PE `cpu`
 * (INTID 16..31). irq_line_spi/ppi make IrqLines for devices. */
void gicv3_set_spi(GicV3 *g, unsigned intid, bool level);
void gicv3_set_ppi(GicV3 *g, unsigned cpu, unsigned intid, bool level);
IrqLine gicv3_spi_line(GicV3 *g, unsigned intid);
IrqLine gicv3_ppi_line(GicV3 *g, unsigned cpu, unsigned intid);

extern const DeviceOps gicv3_dist_ops;   /* opaque: GicV3 */
extern const DeviceOps gicv3_redist_ops; /* opaque: GicV3 */
extern const CpuGicOps gicv3_cpuif_ops;  /* gic: GicV3 */

/* ---- shared by the blocks (gicv3.c) */

/* Recompute every PE's IRQ/FIQ output. */
void gicv3_update(GicV3 *g);
/* The PE an SPI is routed to (GICD_IROUTER; IRM = 1 picks PE 0). */
unsigned gicv3_spi_target(const GicV3 *g, unsigned intid);
/* Per-INTID views (SGI/PPI from PE c's redistributor, SPI from the distributor). */
bool gicv3_is_pending(const GicV3 *g, unsigned c, unsigned intid);
unsigned gicv3_group(const GicV3 *g, unsigned c, unsigned intid);
unsigned gicv3_priority(const GicV3 *g, unsigned c, unsigned intid);
/* The highest-priority pending interrupt of PE c that is enabled and whose
 * group is enabled: its INTID, or GIC_SPURIOUS. */
unsigned gicv3_hppi(const GicV3 *g, unsigned c);
/* Running priority and the group priority of `prio` under PE c's BPR. */
unsigned gicv3_running_priority(const GicV3 *g, unsigned c);
unsigned gicv3_group_priority(const GicV3 *g, unsigned c, unsigned group, unsigned prio);
/* Acknowledge (pending -> active) and deactivate an INTID of PE c. */
void gicv3_activate(GicV3 *g, unsigned c, unsigned intid);
void gicv3_deactivate(GicV3 *g, unsigned c, unsigned intid);
/* A set of PEs receive SGI `intid` (ICC_SGI*R). */
void gicv3_send_sgi(GicV3 *g, unsigned from, uint64_t value, unsigned group);

/* Bitmap helpers of 32-bit registers. */
static inline bool gic_bit(const uint32_t *m, unsigned i) { return m[i / 32] >> (i % 32) & 1; }
static inline void gic_setbit(uint32_t *m, unsigned i, bool v)
{
    if (v)
        m[i / 32] |= 1u << (i % 32);
    else
        m[i / 32] &= ~(1u << (i % 32));
}

#endif
