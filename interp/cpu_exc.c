/* System mode: the run loop's way into the generated exception pseudocode
 * (spec/lib/exceptions_sys.asl). What taking an exception does is written
 * there; these wrappers only give the static generated functions a name. */
#include "cpu_internal.h"

#include "sysreg.h"
#include "asl_lib.h"

void cpu_exc_take_pending(Cpu *cpu) { asl_AArch64_TakePendingException(cpu); }
void cpu_exc_take_illegal(Cpu *cpu) { asl_AArch64_IllegalStateException(cpu); }
bool cpu_exc_take_interrupt(Cpu *cpu) { return asl_AArch64_TakeUnmaskedInterrupt(cpu); }
bool cpu_exc_wake_pending(Cpu *cpu) { return asl_InterruptPending(cpu); }
void cpu_exc_reset(Cpu *cpu) { asl_AArch64_TakeReset(cpu); }
uint64_t cpu_exc_psr(Cpu *cpu) { return asl_GetPSRFromPSTATE(cpu); }
AslStatus cpu_exc_memory_fault(Cpu *cpu, uint64_t vaddress, bool write, bool ifetch, unsigned fsc)
{
    return asl_AArch64_MemoryFault(cpu, vaddress, write, ifetch, fsc & 0x3f);
}
AslStatus cpu_exc_pc_alignment(Cpu *cpu, uint64_t vaddress) { return asl_AArch64_PCAlignmentFault(cpu, vaddress); }
AslStatus cpu_exc_undefined(Cpu *cpu) { return asl_AArch64_UndefinedFault(cpu); }
