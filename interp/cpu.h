/* The narrow CPU interface: everything a board or front end may do to a CPU. */
#ifndef ARMATURE_CPU_H
#define ARMATURE_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "bus.h"
#include "guest_mem.h"

typedef struct Cpu Cpu;

/* Why cpu_run() returned. */
typedef enum CpuStop {
    CPU_STOP_BUDGET,    /* the instruction budget ran out */
    CPU_STOP_EXCEPTION, /* an exception the board must handle (cpu_exception()) */
    CPU_STOP_IDLE,      /* system mode: WFI/WFE sleeps until an interrupt input is
                         * asserted (cpu_set_irq); the board may skip time forward */
} CpuStop;

/* The interrupt inputs of a PE (cpu_set_irq). */
typedef enum CpuIrqLine {
    CPU_IRQ,
    CPU_FIQ,
    CPU_SERROR,     /* asserting it makes an SError pending until taken */
} CpuIrqLine;

/* An exception as the board sees it; the names follow the Arm ARM's
 * exception classes (ESR_ELx.EC), D17.2.37. */
typedef enum CpuExcKind {
    CPU_EXC_NONE,
    CPU_EXC_UNDEFINED,        /* EC 0x00: UNDEFINED / unallocated encoding */
    CPU_EXC_UNPREDICTABLE,    /* treated as UNDEFINED by the board (IMPDEF) */
    CPU_EXC_SVC,              /* EC 0x15: SVC in AArch64 */
    CPU_EXC_BRK,              /* EC 0x3C: BRK */
    CPU_EXC_INSN_ABORT,       /* EC 0x20: instruction fetch failed */
    CPU_EXC_DATA_ABORT,       /* EC 0x24: data access failed */
    CPU_EXC_PC_ALIGN,         /* EC 0x22: PC alignment fault */
    CPU_EXC_SP_ALIGN,         /* EC 0x26: SP alignment fault */
    CPU_EXC_SEMIHOSTING,      /* HLT #0xF000 with semihosting enabled; pc is the HLT */
    CPU_EXC_HVC,              /* HVC at EL1+ with the board as firmware (cpu_set_psci_conduit) */
    CPU_EXC_SMC,              /* SMC at EL1+ with the board as firmware; pc is the HVC/SMC */
    CPU_EXC_OTHER,
} CpuExcKind;

typedef struct CpuException {
    CpuExcKind kind;
    uint32_t syndrome;    /* ISS as the architecture defines it (e.g. SVC imm16) */
    uint64_t vaddress;    /* faulting address for aborts (FAR_ELx) */
    uint64_t pc;          /* address of the instruction that raised it */
    bool write;           /* data abort: the access was a write */
} CpuException;

/* Create a CPU of the named model (spec/cpus: "cortex-a57", "neoverse-n1",
 * "max", ...); NULL if unknown. */
Cpu *cpu_new(const char *model);
const char *cpu_model_name(const Cpu *cpu);
/* Does the CPU's model have the feature ("FEAT_LSE")? */
bool cpu_has_feature(const Cpu *cpu, const char *feature);
/* The i-th model's name, NULL past the end (for -cpu help). */
const char *cpu_model_list(int i);
void cpu_free(Cpu *cpu);
/* Architectural reset. User mode (the default): EL0 with SP_EL0, DAIF clear,
 * and the EL1 controls as Linux sets them (SCTLR_EL1.UCT/UCI/DZE/nTWI/nTWE,
 * CPACR_EL1.FPEN). System mode: the highest EL of the model, SP_ELx, DAIF
 * all masked, PC = the reset vector (cpu_set_rvbar) - AArch64.TakeReset(). */
void cpu_reset(Cpu *cpu);
/* Give dst every architectural register of src (a new guest thread starts
 * as a copy of the thread that cloned it), with no exclusive reservation. */
void cpu_copy_state(Cpu *dst, const Cpu *src);
/* Choose system mode (EL0-EL3 of the model, exceptions taken by the PE
 * itself) or user mode (EL0 only; exceptions go to the board). Call before
 * cpu_reset(), which it does not do itself. */
void cpu_set_system_mode(Cpu *cpu, bool on);
/* The reset vector (RVBAR_ELx of the highest EL), used by cpu_reset() in
 * system mode; kept across resets. */
void cpu_set_rvbar(Cpu *cpu, uint64_t addr);
/* Drive an interrupt input (level). Taken between instructions when PSTATE
 * and the routing controls (SCR_EL3, HCR_EL2) allow; wakes WFI. */
void cpu_set_irq(Cpu *cpu, CpuIrqLine line, bool level);
/* Arm semihosting: HLT #0xF000 stops with CPU_EXC_SEMIHOSTING (else UNDEFINED). */
void cpu_set_semihosting(Cpu *cpu, bool on);
/* Attach the guest address space (user mode: a flat page map). */
void cpu_set_mem(Cpu *cpu, GuestMem *mem);

/* ---- What a system board attaches (system mode). */

/* The devices: a physical access outside the GuestMem's RAM goes to the
 * bus (bus.h); nothing there is an external abort. NULL: no devices. */
void cpu_set_bus(Cpu *cpu, Bus *bus);

/* The GICv3 CPU interface: the ICC_* system registers (spec/sysregs,
 * spec/lib/gic.asl) call these with the register and the PE. Without a GIC
 * the ICC_* registers are UNDEFINED. The order of CpuGicReg is that of
 * GICRegister in spec/lib/gic.asl. */
typedef enum CpuGicReg {
    CPU_ICC_PMR_EL1, CPU_ICC_IAR0_EL1, CPU_ICC_EOIR0_EL1, CPU_ICC_HPPIR0_EL1, CPU_ICC_BPR0_EL1,
    CPU_ICC_AP0R0_EL1, CPU_ICC_AP1R0_EL1, CPU_ICC_DIR_EL1, CPU_ICC_RPR_EL1, CPU_ICC_SGI1R_EL1,
    CPU_ICC_ASGI1R_EL1, CPU_ICC_SGI0R_EL1, CPU_ICC_IAR1_EL1, CPU_ICC_EOIR1_EL1, CPU_ICC_HPPIR1_EL1,
    CPU_ICC_BPR1_EL1, CPU_ICC_CTLR_EL1, CPU_ICC_SRE_EL1, CPU_ICC_IGRPEN0_EL1, CPU_ICC_IGRPEN1_EL1,
    CPU_ICC_SRE_EL2, CPU_ICC_CTLR_EL3, CPU_ICC_SRE_EL3, CPU_ICC_IGRPEN1_EL3,
    CPU_ICC_NREGS
} CpuGicReg;

typedef struct CpuGicOps {
    uint64_t (*read)(void *gic, Cpu *cpu, CpuGicReg reg);
    void (*write)(void *gic, Cpu *cpu, CpuGicReg reg, uint64_t value);
} CpuGicOps;

void cpu_set_gic(Cpu *cpu, void *gic, const CpuGicOps *ops);

/* Time. The system counter (CNTPCT_EL0) the generic timer sees: by default
 * the instruction count / 16 (1 ns per instruction at 62.5 MHz); a board
 * that owns virtual time (-icount, idle skipping) supplies it. */
void cpu_set_clock(Cpu *cpu, uint64_t (*count)(void *opaque), void *opaque);
/* Called after the guest writes a timer register (CNT*_CTL, _CVAL, _TVAL,
 * CNTVOFF_EL2), during the instruction: the board recomputes the timer
 * interrupt outputs (read the registers with cpu_get_sysreg()). */
void cpu_set_timer_hook(Cpu *cpu, void (*changed)(void *opaque), void *opaque);

/* The board as firmware: with no code at EL2/EL3, QEMU answers PSCI calls
 * itself; so does an Armature board. With a conduit set, HVC (or SMC) at
 * EL1 and above does not take an exception: cpu_run() stops with
 * CPU_EXC_HVC (CPU_EXC_SMC), pc = the instruction, syndrome = its imm16;
 * the board does the call (W0 = function, X1-X3 arguments, results in
 * X0-X3) and resumes at pc + 4 (cpu_set_pc, cpu_exception_return). */
typedef enum CpuPsciConduit { CPU_PSCI_NONE, CPU_PSCI_HVC, CPU_PSCI_SMC } CpuPsciConduit;
void cpu_set_psci_conduit(Cpu *cpu, CpuPsciConduit conduit);

/* The CPUs of one machine (-smp N), sharing memory: broadcast TLB
 * maintenance (TLBI) and SEV reach every one of them. Attach them to one
 * GlobalMonitor (monitor.h) as well, in this order. */
void cpu_link_peers(Cpu *const *cpus, unsigned n);

/* Enter `el` (1..3) with SP_ELx, AArch64, DAIF masked, as firmware's
 * exception return to a kernel leaves the PE (the boot loaders). false if
 * the EL is not implemented. */
bool cpu_set_el(Cpu *cpu, unsigned el);

/* Run at most `budget` instructions. */
CpuStop cpu_run(Cpu *cpu, uint64_t budget);
/* The exception that made cpu_run() return CPU_STOP_EXCEPTION. */
const CpuException *cpu_exception(const Cpu *cpu);
/* The board has handled the exception (a user-mode syscall) and the guest
 * resumes: as an exception return does, this clears the local exclusive
 * monitor, so a store-exclusive across a syscall fails. */
void cpu_exception_return(Cpu *cpu);

uint64_t cpu_icount(const Cpu *cpu);

uint64_t cpu_get_x(const Cpu *cpu, int n); /* n in 0..30 */
void cpu_set_x(Cpu *cpu, int n, uint64_t v);
/* SIMD&FP register Vn as two 64-bit halves. */
void cpu_get_v(const Cpu *cpu, int n, uint64_t *lo, uint64_t *hi);
void cpu_set_v(Cpu *cpu, int n, uint64_t lo, uint64_t hi);
uint64_t cpu_get_sp(const Cpu *cpu);      /* the SP of the current EL/SPSel */
void cpu_set_sp(Cpu *cpu, uint64_t v);
uint64_t cpu_get_pc(const Cpu *cpu);
void cpu_set_pc(Cpu *cpu, uint64_t v);
uint32_t cpu_get_nzcv(const Cpu *cpu);     /* NZCV in bits 31:28, as MRS NZCV */
void cpu_set_nzcv(Cpu *cpu, uint32_t nzcv);
unsigned cpu_get_el(const Cpu *cpu);
/* PSTATE in the SPSR_ELx layout (NZCV 31:28, DAIF 9:6, EL 3:2, SP 0, IL 20, ...). */
uint64_t cpu_get_pstate(const Cpu *cpu);
/* System registers with storage by name ("ESR_EL1", "SCTLR_EL1", ...) and
 * the stack pointers "SP_EL0".."SP_EL3". false for an unknown name. Raw
 * state access for boards, debuggers and tests: no access checks, no side
 * effects (RES0/RES1 masks are not applied). */
bool cpu_get_sysreg(const Cpu *cpu, const char *name, uint64_t *value);
bool cpu_set_sysreg(Cpu *cpu, const char *name, uint64_t value);
/* TPIDR_EL0, the user thread pointer (set by the loader / clone). */
uint64_t cpu_get_tpidr_el0(const Cpu *cpu);
void cpu_set_tpidr_el0(Cpu *cpu, uint64_t v);

/* Encoding lookup shared with tools: the spec id of a word, or NULL. */
const char *cpu_decode_id(uint32_t insn);
/* Disassemble one word at `pc` into buf (GNU objdump syntax). Returns
 * false for an unallocated word (buf then holds ".inst\t0x...") */
bool cpu_disassemble(uint32_t insn, uint64_t pc, char *buf, unsigned len);

#endif
