/* Arm PrimeCell real-time clock (PL031, DDI 0224): a seconds counter from
 * the board's virtual clock plus a base date, the match register and its
 * interrupt, and the PrimeCell IDs. */
#ifndef ARMATURE_PL031_H
#define ARMATURE_PL031_H

#include "device.h"

#define PL031_SIZE 0x1000

typedef struct Pl031 {
    IrqLine irq;
    uint64_t (*now_ns)(void *opaque); /* virtual time */
    void *clock_opaque;
    int64_t base;   /* seconds the counter shows at virtual time 0 */
    int64_t offset; /* what LR writes added */
    uint32_t mr, imsc, ris;
    uint32_t last;  /* DR at the last match check */
} Pl031;

void pl031_init(Pl031 *r, IrqLine irq, uint64_t (*now_ns)(void *opaque), void *opaque, int64_t base);
/* Check the match (the board calls it as time passes). */
void pl031_tick(Pl031 *r);
/* Virtual ns at which DR next reaches MR (UINT64_MAX: never, or masked). */
uint64_t pl031_next_match_ns(const Pl031 *r);

extern const DeviceOps pl031_ops; /* opaque: Pl031 */

#endif
