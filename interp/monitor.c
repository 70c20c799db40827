/* The global exclusives monitor: see monitor.h. The rules it follows are
 * architecture (Arm ARM B2.9.2, the global monitor state machine) and the
 * IMPDEF choices listed in spec/lib/exclusive.asl. */
#include <stdlib.h>
#include <string.h>

#include "cpu_internal.h"
#include "monitor.h"

typedef struct MonSlot {
    Cpu *cpu;           /* NULL: free slot */
    bool valid;         /* Exclusive Access state */
    uint64_t granule;   /* the marked granule's first address */
} MonSlot;

struct GlobalMonitor {
    MonSlot *slots;     /* index = ProcessorID() of the CPU in it */
    int n, cap;
};

/* Which monitor each CPU uses. The Cpu structure belongs to cpu.c, so the
 * binding lives here; a handful of CPUs makes a linear search fine (it only
 * runs for exclusives and for stores while some mark is set). */
typedef struct Binding {
    Cpu *cpu;
    GlobalMonitor *gm;
    int id;
} Binding;

static Binding *bindings;
static int nbindings, capbindings;
static GlobalMonitor default_monitor;

unsigned monitor_marks_active;

static uint64_t granule_of(uint64_t a) { return a & ~(uint64_t)(MONITOR_GRANULE - 1); }

static void *grow(void *p, int *cap, size_t elem)
{
    int ncap = *cap ? *cap * 2 : 8;
    void *q = realloc(p, (size_t)ncap * elem);
    if (!q)
        asl_fail("out of memory", "interp/monitor.c");
    memset((char *)q + (size_t)*cap * elem, 0, (size_t)(ncap - *cap) * elem);
    *cap = ncap;
    return q;
}

static void slot_clear(MonSlot *s)
{
    if (s->valid) {
        s->valid = false;
        monitor_marks_active--;
    }
}

GlobalMonitor *global_monitor_new(void)
{
    GlobalMonitor *gm = calloc(1, sizeof *gm);
    if (!gm)
        asl_fail("out of memory", "interp/monitor.c");
    return gm;
}

GlobalMonitor *global_monitor_default(void) { return &default_monitor; }

void global_monitor_free(GlobalMonitor *gm)
{
    if (!gm)
        return;
    for (int i = 0; i < gm->n; i++)
        if (gm->slots[i].cpu)
            monitor_detach(gm->slots[i].cpu);
    free(gm->slots);
    if (gm == &default_monitor)
        memset(gm, 0, sizeof *gm);
    else
        free(gm);
}

static Binding *find_binding(const Cpu *cpu)
{
    for (int i = 0; i < nbindings; i++)
        if (bindings[i].cpu == cpu)
            return &bindings[i];
    return NULL;
}

void monitor_detach(Cpu *cpu)
{
    Binding *b = find_binding(cpu);
    if (!b)
        return;
    MonSlot *s = &b->gm->slots[b->id];
    slot_clear(s);
    s->cpu = NULL;
    *b = bindings[--nbindings];
}

int monitor_attach(GlobalMonitor *gm, Cpu *cpu)
{
    monitor_detach(cpu);
    int id = 0;
    while (id < gm->n && gm->slots[id].cpu)
        id++;
    if (id == gm->n) {
        if (gm->n == gm->cap)
            gm->slots = grow(gm->slots, &gm->cap, sizeof *gm->slots);
        gm->n++;
    }
    gm->slots[id] = (MonSlot){ .cpu = cpu };
    if (nbindings == capbindings)
        bindings = grow(bindings, &capbindings, sizeof *bindings);
    bindings[nbindings++] = (Binding){ cpu, gm, id };
    return id;
}

/* cpu's binding, attaching it to the default monitor on first use. */
static Binding *binding(Cpu *cpu)
{
    Binding *b = find_binding(cpu);
    if (!b) {
        monitor_attach(&default_monitor, cpu);
        b = &bindings[nbindings - 1];
    }
    return b;
}

/* The slot of processorid in cpu's monitor: the pseudocode only ever asks
 * about the executing PE, so processorid is its own id. */
static MonSlot *slot(Cpu *cpu, asl_int processorid)
{
    Binding *b = binding(cpu);
    if (processorid != b->id)
        asl_fail("exclusive monitor: processorid is not the executing PE", "interp/monitor.c");
    return &b->gm->slots[b->id];
}

static void clear_range(GlobalMonitor *gm, uint64_t paddress, uint64_t size)
{
    uint64_t first = granule_of(paddress), last = granule_of(paddress + (size ? size - 1 : 0));
    for (int i = 0; i < gm->n; i++) {
        MonSlot *s = &gm->slots[i];
        if (s->valid && s->granule >= first && s->granule <= last) {
            slot_clear(s);
            /* the PE's global monitor goes to Open Access: an event for a
             * WFE waiting on it (Arm ARM D1.6.1, the global monitor's
             * event; what spinlocks waiting with LDXR; WFE rely on).
             * IMPDEF: the storing PE's own mark cleared sets its own Event
             * register too (spec/cpus/max.xml) */
            s->cpu->a.EventRegister = 1;
        }
    }
}

void global_monitor_note_store(GlobalMonitor *gm, uint64_t paddress, uint64_t size)
{
    if (monitor_marks_active)
        clear_range(gm, paddress, size);
}

void monitor_note_store_slow(Cpu *cpu, uint64_t paddress, uint64_t size)
{
    Binding *b = find_binding(cpu);
    GlobalMonitor *gm = b ? b->gm : &default_monitor;
    clear_range(gm, paddress, size);
    /* IMPDEF: a store by this PE to the granule its local monitor records
     * clears the local monitor too. */
    if (cpu->a._ExclusiveLocalValid) {
        uint64_t g = granule_of(cpu->a._ExclusiveLocalAddress);
        if (g >= granule_of(paddress) && g <= granule_of(paddress + (size ? size - 1 : 0)))
            cpu->a._ExclusiveLocalValid = false;
    }
}

void monitor_clear_exclusive(Cpu *cpu)
{
    cpu->a._ExclusiveLocalValid = false;
    Binding *b = find_binding(cpu);
    if (b)
        slot_clear(&b->gm->slots[b->id]);
}

/* ------------------------------------------------ primitives (exclusive.asl) */

asl_int prim_ProcessorID(Cpu *cpu) { return binding(cpu)->id; }

void prim_MarkExclusiveGlobal(Cpu *cpu, uint64_t paddress, asl_int processorid, asl_int size)
{
    (void)size; /* aligned accesses of at most 16 bytes never leave a granule */
    MonSlot *s = slot(cpu, processorid);
    if (!s->valid)
        monitor_marks_active++;
    s->valid = true;
    s->granule = granule_of(paddress);
}

bool prim_IsExclusiveGlobal(Cpu *cpu, uint64_t paddress, asl_int processorid, asl_int size)
{
    MonSlot *s = slot(cpu, processorid);
    return s->valid && s->granule == granule_of(paddress) &&
           granule_of(paddress + (uint64_t)(size > 0 ? size - 1 : 0)) == s->granule;
}

void prim_ClearExclusiveGlobal(Cpu *cpu, asl_int processorid) { slot_clear(slot(cpu, processorid)); }
