/* The Arm generic timer's interrupt outputs (Arm ARM D11.2). The timers'
 * registers are system registers with storage (spec/sysregs/CNT*); this
 * computes each timer's output from them and the count, and when it next
 * changes, for the board to wire to the GIC's PPIs and to schedule. */
#ifndef ARMATURE_GENERIC_TIMER_H
#define ARMATURE_GENERIC_TIMER_H

#include "cpu.h"
#include "device.h"

/* The timers, in QEMU's order (and the PPI each raises on virt). */
typedef enum GtTimer {
    GT_PHYS, /* CNTP_*_EL0, EL1 physical timer: PPI 30 */
    GT_VIRT, /* CNTV_*_EL0, virtual timer: PPI 27 */
    GT_HYP,  /* CNTHP_*_EL2, EL2 physical timer: PPI 26 */
    GT_SEC,  /* CNTPS_*_EL1, secure physical timer: PPI 29 */
    GT_NTIMERS
} GtTimer;

typedef struct GenericTimer {
    Cpu *cpu;
    IrqLine out[GT_NTIMERS];
    bool level[GT_NTIMERS];
} GenericTimer;

void gtimer_init(GenericTimer *t, Cpu *cpu, const IrqLine out[GT_NTIMERS]);
/* Recompute the outputs at physical count `count`. */
void gtimer_update(GenericTimer *t, uint64_t count);
/* The physical count at which an output next rises (UINT64_MAX: none). */
uint64_t gtimer_next_deadline(const GenericTimer *t, uint64_t count);

#endif
