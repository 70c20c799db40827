/* PhysicalCountInt() (spec/lib/system.asl): the generic timer's physical
 * count from deterministic virtual time. By default one retired
 * instruction is 1 ns and the counter runs at 62.5 MHz (CNTFRQ_EL0's reset
 * value), so the count is the instruction count divided by 16. A board
 * that owns virtual time (-icount shift=N, idle CPUs skipping to the next
 * timer deadline) gives the count itself (cpu_set_clock()). */
#include "cpu_internal.h"
#include "asl_lib.h"

#define NS_PER_INSN 1u
#define NS_PER_TICK 16u /* 1e9 / 62.5e6 */

uint64_t prim_PhysicalCountInt(Cpu *cpu)
{
    if (cpu->clock)
        return cpu->clock(cpu->clock_opaque);
    return cpu->icount * NS_PER_INSN / NS_PER_TICK;
}
