/* The CPU structure, for interp/ and generated code only: boards use cpu.h. */
#ifndef ARMATURE_CPU_INTERNAL_H
#define ARMATURE_CPU_INTERNAL_H

#include "asl_runtime.h"
#include "cpu.h"
#include "cpu_model.h"
#include "tlb.h"
#include "decode_cache.h"
#include "user_tlb.h"

typedef struct Cpu Cpu;

#include "asl_types.h"  /* generated: enums, records, ArchState */

struct Cpu {
    ArchState a;            /* everything the spec declares as state */
    GuestMem *mem;
    uint64_t icount;        /* instructions retired */
    CpuException exc;       /* the last exception handed to the board */
    const CpuModel *model;
    uint8_t *enc_enabled;   /* per encoding: the model has its feature */
    bool *feat;             /* per Feature: the model has it */
    const uint64_t *mem_gen; /* guest_mem_generation(mem) */
    uint64_t fetch_page;    /* instruction fetch cache: physical page, */
    uint64_t fetch_gen;     /* the guest memory generation it was read at, */
    const uint8_t *fetch_host; /* and its host bytes */
    DecodeSlot *dcache;     /* decoded words by PC (decode_cache.h) */
    UserTlb utlb;           /* user mode: host pages of loads and stores */
    bool disassembling;     /* decode runs for the disassembler, not to execute */
    bool semihosting;       /* HLT #0xF000 is a semihosting call */
    bool system_mode;       /* EL0-EL3 run here; else user mode (EL0 only) */
    uint8_t el_mask;        /* bit n: ELn implemented (ImplementedEL()) */
    uint64_t rvbar;         /* the reset vector (cpu_set_rvbar) */
    Tlb tlb;                /* system mode: cached translations (tlb.h) */
    /* what a system board attaches (cpu_board.c) */
    Bus *bus;                       /* devices behind the RAM (bus.h) */
    void *gic;                      /* the GICv3 CPU interface */
    const CpuGicOps *gic_ops;
    uint64_t (*clock)(void *opaque); /* the system counter, or NULL */
    void *clock_opaque;
    void (*timer_hook)(void *opaque);
    void *timer_opaque;
    uint8_t psci_conduit;           /* CpuPsciConduit */
    Cpu *peer;                      /* the next CPU of the machine (a ring; NULL: alone) */
};

/* The soft TLB's miss path (interp/tlb.c): AArch64.TranslateAddress() for
 * the current EL, then the entry is filled; *pa is the output address. */
AslStatus tlb_fill(Cpu *cpu, uint64_t va, AccType acctype, bool write, bool aligned, uint64_t *pa);

/* System mode (interp/cpu_exc.c): the generated pseudocode of
 * spec/lib/exceptions_sys.asl, for the run loop. */
void cpu_exc_take_pending(Cpu *cpu);   /* AArch64.TakePendingException() */
void cpu_exc_take_illegal(Cpu *cpu);   /* AArch64.IllegalStateException() */
bool cpu_exc_take_interrupt(Cpu *cpu); /* AArch64.TakeUnmaskedInterrupt() */
bool cpu_exc_wake_pending(Cpu *cpu);   /* InterruptPending() */
void cpu_exc_reset(Cpu *cpu);          /* AArch64.TakeReset() */
uint64_t cpu_exc_psr(Cpu *cpu);        /* GetPSRFromPSTATE() */
/* Faults the machinery finds, recorded by spec/lib/exceptions.asl; each
 * returns ASL_EXCEPTION with the record in _Exception. */
AslStatus cpu_exc_memory_fault(Cpu *cpu, uint64_t vaddress, bool write, bool ifetch, unsigned fsc);
AslStatus cpu_exc_pc_alignment(Cpu *cpu, uint64_t vaddress); /* AArch64.PCAlignmentFault() */
AslStatus cpu_exc_undefined(Cpu *cpu);                       /* AArch64.UndefinedFault() */

typedef AslStatus (*A64ExecFn)(Cpu *cpu, uint32_t insn);
typedef bool (*A64DisasFn)(uint32_t insn, uint64_t pc, DisasBuf *b);

extern const A64ExecFn a64_exec_fns[];
extern const A64DisasFn a64_disas_fns[];

/* Generated from spec/sysregs: reset values, and registers by name (the
 * CPU model's ID registers). */
void sysregs_reset(Cpu *cpu);
bool sysregs_set_by_name(Cpu *cpu, const char *name, uint64_t value);
bool sysregs_get_by_name(const Cpu *cpu, const char *name, uint64_t *value);

/* The state the disassembler's decode and templates run against. */
Cpu *disas_cpu(uint64_t pc);

#endif
