/* The global exclusives monitor (Arm ARM B2.9): machinery shared by every
 * CPU that shares memory. The pseudocode (spec/lib/exclusive.asl) keeps each
 * PE's LOCAL monitor as architectural state and reaches this GLOBAL one
 * through the primitives ProcessorID, MarkExclusiveGlobal, IsExclusiveGlobal
 * and ClearExclusiveGlobal.
 *
 * A GlobalMonitor records, per attached CPU, at most one marked granule of
 * physical address space. Several CPUs point at one monitor when they share
 * memory: a board with -smp N creates one monitor and attaches every CPU.
 * A CPU nobody attached is attached to a process-wide default monitor on its
 * first exclusive access, so a single-CPU board needs no set-up.
 *
 * Every store, by any CPU (and later by DMA), must be reported with
 * monitor_note_store(): it clears every mark on the granules the store
 * touches. The inline test makes that free while no mark is set anywhere.
 *
 * Not thread-safe: vCPUs are scheduled in quanta on one host thread. */
#ifndef ARMATURE_MONITOR_H
#define ARMATURE_MONITOR_H

#include <stdbool.h>
#include <stdint.h>

typedef struct Cpu Cpu;
typedef struct GlobalMonitor GlobalMonitor;

/* IMPDEF: the Exclusives Reservation Granule, 64 bytes (CTR_EL0.ERG = 4). */
#define MONITOR_GRANULE 64u

GlobalMonitor *global_monitor_new(void);
/* Detaches every CPU still attached. */
void global_monitor_free(GlobalMonitor *gm);
/* The monitor CPUs are attached to unless a board attaches them elsewhere. */
GlobalMonitor *global_monitor_default(void);

/* Attach cpu to gm (detaching it from any other monitor first); returns its
 * ProcessorID() in gm. */
int monitor_attach(GlobalMonitor *gm, Cpu *cpu);
/* Forget cpu (call before freeing it, and on reset: marks are cleared). */
void monitor_detach(Cpu *cpu);

/* cpu's local monitor and its global mark go to Open Access. For boards
 * that emulate what an OS does on exception entry/return: armature-user
 * should call it after every system call and signal delivery, as Linux's
 * exception return clears the reservation (qemu-aarch64 does the same), so a
 * store-exclusive after a system call fails. (In system mode the exception
 * entry/return pseudocode calls ClearExclusiveLocal() itself.) */
void monitor_clear_exclusive(Cpu *cpu);

/* Number of marks set in all monitors: the cheap "anything to clear?" test. */
extern unsigned monitor_marks_active;

void monitor_note_store_slow(Cpu *cpu, uint64_t paddress, uint64_t size);
/* Also clears marks of the monitor gm for a store not made by a CPU. */
void global_monitor_note_store(GlobalMonitor *gm, uint64_t paddress, uint64_t size);

/* A store of `size` bytes at physical address `paddress` by `cpu` has been
 * made: clear the global marks (of every CPU on cpu's monitor) on the
 * granules it touches, and, IMPDEF, cpu's own local monitor when it records
 * one of them. */
static inline void monitor_note_store(Cpu *cpu, uint64_t paddress, uint64_t size)
{
    if (__builtin_expect(monitor_marks_active != 0, 0))
        monitor_note_store_slow(cpu, paddress, size);
}

#endif
