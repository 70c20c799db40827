/* What the devices of boards/dev share: interrupt lines and the log of
 * guest misuse. Each device is a DeviceOps (interp/bus.h) with its own
 * state; nothing here knows about a particular board. */
#ifndef ARMATURE_DEVICE_H
#define ARMATURE_DEVICE_H

#include <stdbool.h>
#include <stdint.h>

#include "bus.h"

/* An interrupt output wired to an input `n` of something (a GIC SPI/PPI, a
 * CPU's IRQ line). Level-sensitive: set() is called with the new level. */
typedef struct IrqLine {
    void (*set)(void *opaque, int n, bool level);
    void *opaque;
    int n;
} IrqLine;

static inline void irq_set(const IrqLine *l, bool level)
{
    if (l->set)
        l->set(l->opaque, l->n, level);
}

/* The guest misused a device (bad offset, bad size, read of a write-only
 * register...): logged under -d guest_errors; the access is RAZ/WI. */
void dev_guest_error(const char *dev, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The guest used something the device does not implement (-d unimp). */
void dev_unimp(const char *dev, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Where those messages go: the front end's log (default: nowhere). Tests
 * count them. */
extern void (*dev_log_hook)(bool unimp, const char *msg);

#endif
