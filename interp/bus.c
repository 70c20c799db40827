/* The device bus (bus.h): a short table of device ranges, searched in order
 * (a board has a few dozen devices at most; the last hit is tried first). */
#include <stdlib.h>

#include "bus.h"

struct Bus {
    GuestMem *ram;
    BusDevice *dev;
    unsigned n, cap;
    unsigned last; /* index of the last device hit */
    void (*unassigned)(void *opaque, uint64_t addr, unsigned size, bool write);
    void *unassigned_opaque;
};

Bus *bus_new(GuestMem *ram)
{
    Bus *b = calloc(1, sizeof *b);
    if (b)
        b->ram = ram;
    return b;
}

void bus_free(Bus *bus)
{
    if (bus)
        free(bus->dev);
    free(bus);
}

GuestMem *bus_ram(const Bus *bus) { return bus->ram; }

bool bus_add_device(Bus *bus, const char *name, uint64_t base, uint64_t size, const DeviceOps *ops,
                    void *opaque)
{
    if (size == 0 || base + size - 1 < base || !ops || !ops->read || !ops->write)
        return false;
    for (unsigned i = 0; i < bus->n; i++) {
        const BusDevice *d = &bus->dev[i];
        if (base <= d->base + d->size - 1 && d->base <= base + size - 1)
            return false;
    }
    if (bus->n == bus->cap) {
        unsigned cap = bus->cap ? bus->cap * 2 : 16;
        BusDevice *n = realloc(bus->dev, cap * sizeof *n);
        if (!n)
            return false;
        bus->dev = n;
        bus->cap = cap;
    }
    bus->dev[bus->n++] = (BusDevice){name, base, size, ops, opaque};
    return true;
}

static BusDevice *find(const Bus *bus, uint64_t addr, unsigned size)
{
    if (bus->n == 0)
        return NULL;
    BusDevice *d = &bus->dev[bus->last];
    if (addr - d->base < d->size && size <= d->size - (addr - d->base))
        return d;
    for (unsigned i = 0; i < bus->n; i++) {
        d = &bus->dev[i];
        if (addr - d->base < d->size && size <= d->size - (addr - d->base)) {
            ((Bus *)bus)->last = i;
            return d;
        }
    }
    return NULL;
}

const BusDevice *bus_find(const Bus *bus, uint64_t addr) { return find(bus, addr, 1); }

bool bus_read(Bus *bus, uint64_t addr, unsigned size, uint64_t *value)
{
    BusDevice *d = find(bus, addr, size);
    if (!d) {
        if (bus->unassigned)
            bus->unassigned(bus->unassigned_opaque, addr, size, false);
        return false;
    }
    uint64_t v = d->ops->read(d->opaque, addr - d->base, size);
    *value = size == 8 ? v : v & ((UINT64_C(1) << (8 * size)) - 1);
    return true;
}

bool bus_write(Bus *bus, uint64_t addr, unsigned size, uint64_t value)
{
    BusDevice *d = find(bus, addr, size);
    if (!d) {
        if (bus->unassigned)
            bus->unassigned(bus->unassigned_opaque, addr, size, true);
        return false;
    }
    if (size < 8)
        value &= (UINT64_C(1) << (8 * size)) - 1;
    d->ops->write(d->opaque, addr - d->base, size, value);
    return true;
}

void bus_reset(Bus *bus)
{
    for (unsigned i = 0; i < bus->n; i++)
        if (bus->dev[i].ops->reset)
            bus->dev[i].ops->reset(bus->dev[i].opaque);
}

void bus_set_unassigned_hook(Bus *bus, void (*hook)(void *opaque, uint64_t addr, unsigned size, bool write),
                             void *opaque)
{
    bus->unassigned = hook;
    bus->unassigned_opaque = opaque;
}
