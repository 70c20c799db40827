/* armature's machine types (-M) and their memory maps. */
#include "system/system.h"

#include <stdlib.h>
#include <string.h>

/*
 * Memory maps. Each machine is a table of regions; a region of size 0 is the
 * RAM whose size -m gives. Addresses not in a region are unmapped: a guest
 * access there is an external abort.
 *
 * -M none: a bare machine with nothing but RAM at 0x40000000 (where QEMU's
 *   bare machine users and the virt board both expect it, so one image runs
 *   on both).
 *
 * -M virt: QEMU's virt board, its map and devices in virt.c (virt_memmap).
 */
#define VIRT_RAM_BASE 0x40000000ull

static const SysRegion none_map[] = {
    {"ram", VIRT_RAM_BASE, 0, SYS_REGION_RAM, -1, 0},
};

extern const SysRegion virt_memmap[];
extern const int virt_memmap_len;

static SysMachineType machine_types[] = {
    {"none", "empty machine: RAM at 0x40000000 only", none_map,
     sizeof none_map / sizeof none_map[0]},
    {"virt", "QEMU 'virt' board: GICv3, PL011, PL031, generic timer, PSCI, DTB, virtio-mmio, -smp", virt_memmap, 0},
};
#define N_TYPES (sizeof machine_types / sizeof machine_types[0])

const SysMachineType *sys_machine_find(const char *name)
{
    for (unsigned i = 0; i < N_TYPES; i++)
        if (strcmp(machine_types[i].name, name) == 0) {
            if (machine_types[i].map == virt_memmap)
                ((SysMachineType *)&machine_types[i])->nregions = virt_memmap_len;
            return &machine_types[i];
        }
    return NULL;
}

void sys_machine_list(FILE *f)
{
    fputs("Supported machines are:\n", f);
    for (unsigned i = 0; i < N_TYPES; i++)
        fprintf(f, "%-20s %s\n", machine_types[i].name, machine_types[i].desc);
}

static uint64_t region_size(const SysMachine *m, const SysRegion *r)
{
    return r->size ? r->size : m->ram_size;
}

bool sys_machine_init(SysMachine *m, const SysMachineType *t, uint64_t ram_size, char *err,
                      size_t errlen)
{
    memset(m, 0, sizeof *m);
    m->type = t;
    m->ram_size = ram_size;
    m->mem = guest_mem_new();
    for (int i = 0; i < t->nregions; i++) {
        const SysRegion *r = &t->map[i];
        if (r->kind != SYS_REGION_RAM && r->kind != SYS_REGION_ROM)
            continue; /* devices: the board creates them on the bus */
        uint64_t size = region_size(m, r);
        if (r->size == 0)
            m->ram_base = r->base;
        unsigned prot = GUEST_PROT_READ | GUEST_PROT_EXEC |
                        (r->kind == SYS_REGION_RAM ? GUEST_PROT_WRITE : 0);
        if (r->base + size < r->base || !guest_mem_map(m->mem, r->base, size, prot)) {
            snprintf(err, errlen, "-m: %llu MiB of RAM at 0x%llx does not fit the address space",
                     (unsigned long long)(size >> 20), (unsigned long long)r->base);
            guest_mem_free(m->mem);
            m->mem = NULL;
            return false;
        }
    }
    m->bus = bus_new(m->mem);
    if (!m->bus)
        abort();
    return true;
}

void sys_machine_free(SysMachine *m)
{
    bus_free(m->bus);
    m->bus = NULL;
    if (m->mem)
        guest_mem_free(m->mem);
    m->mem = NULL;
}

const SysRegion *sys_machine_region(const SysMachine *m, uint64_t addr, uint64_t len,
                                    uint64_t *base, uint64_t *size)
{
    for (int i = 0; i < m->type->nregions; i++) {
        const SysRegion *r = &m->type->map[i];
        if (r->kind != SYS_REGION_RAM && r->kind != SYS_REGION_ROM)
            continue;
        uint64_t sz = region_size(m, r);
        if (addr >= r->base && len <= sz && addr - r->base <= sz - len) {
            *base = r->base;
            *size = sz;
            return r;
        }
    }
    return NULL;
}
