/* The physical address space a board gives its CPUs: RAM ranges (host memory
 * in the GuestMem) and device ranges, each a DeviceOps with an opaque state.
 *
 * The CPU reaches RAM directly through the GuestMem (the fast path); a
 * physical access the GuestMem does not map comes here (cpu_set_bus()), to
 * the device at that address, or is an external abort when there is none.
 * Device pages are never cached as RAM: the soft TLB caches translations
 * only (virtual page -> physical page), and every access to a physical
 * address outside RAM calls the device. Instruction fetch and table walks
 * from a device are external aborts. */
#ifndef ARMATURE_BUS_H
#define ARMATURE_BUS_H

#include <stdbool.h>
#include <stdint.h>

#include "guest_mem.h"

/* A device's registers. `offset` is from the device's base; `size` is 1, 2,
 * 4 or 8 bytes. A device answers every access in its range: a register it
 * does not have is read as zero and ignores writes (logged by the device
 * under -d guest_errors), never a crash. reset may be NULL. */
typedef struct DeviceOps {
    const char *name;
    uint64_t (*read)(void *opaque, uint64_t offset, unsigned size);
    void (*write)(void *opaque, uint64_t offset, unsigned size, uint64_t value);
    void (*reset)(void *opaque);
} DeviceOps;

typedef struct BusDevice {
    const char *name;
    uint64_t base, size;
    const DeviceOps *ops;
    void *opaque;
} BusDevice;

typedef struct Bus Bus;

/* A bus whose RAM is `ram` (not owned). */
Bus *bus_new(GuestMem *ram);
void bus_free(Bus *bus);
GuestMem *bus_ram(const Bus *bus);
/* Map a device at [base, base+size). false if it overlaps another device
 * or the size is 0. */
bool bus_add_device(Bus *bus, const char *name, uint64_t base, uint64_t size, const DeviceOps *ops,
                    void *opaque);
/* The device holding `addr`, or NULL. */
const BusDevice *bus_find(const Bus *bus, uint64_t addr);
/* A physical access to a device (RAM is the GuestMem's): false when no
 * device holds the whole access, which the bus reports through the
 * unassigned hook (the CPU then raises an external abort). */
bool bus_read(Bus *bus, uint64_t addr, unsigned size, uint64_t *value);
bool bus_write(Bus *bus, uint64_t addr, unsigned size, uint64_t value);
/* Reset every device (DeviceOps.reset), in the order they were added. */
void bus_reset(Bus *bus);
/* Called for an access to nothing (the board logs it under -d guest_errors). */
void bus_set_unassigned_hook(Bus *bus, void (*hook)(void *opaque, uint64_t addr, unsigned size, bool write),
                             void *opaque);

#endif
