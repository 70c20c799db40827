/* Check suite for the exception model in system mode (spec/lib/
 * exceptions_sys.asl, the EL1-EL3 registers of spec/sysregs, ERET/HVC/SMC/
 * SVC/WFI/WFE): reset at the highest EL, exception entry and return, ESR/
 * ELR/SPSR/FAR values, vector offsets, routing, interrupts and WFI idling.
 * Expectations are worked out by hand from the Arm ARM (D1 "The AArch64
 * Exception Model", ESR_ELx in D17), never from Armature's own output. The
 * words come from aarch64-linux-gnu-as (binutils 2.40); the assembly is in
 * the comment beside each word.
 *
 * The machine: RAM 0x0-0x1ffff (RWX), nothing else mapped; the CPU is a
 * cortex-a57 (EL0-EL3) in system mode, reset vector CODE. Each case reaches
 * its starting EL by an ERET from EL3 at CODE (SPSR_EL3/ELR_EL3 set by the
 * test), its own words at BODY. */
#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu.h"
#include "guest_mem.h"

#define CODE 0x10000ull
#define BODY 0x10100ull
#define VBAR1 0x2000ull
#define VBAR2 0x4000ull
#define VBAR3 0x6000ull
#define UNMAPPED 0x900000ull

#define ERET 0xd69f03e0u
#define NOP 0xd503201fu

/* SPSR / PSTATE values (SPSR_ELx layout): M[3:0] = EL:0:SP, DAIF 9:6. */
#define M_EL0t 0x0u
#define M_EL1h 0x5u
#define M_EL2h 0x9u
#define M_EL3h 0xdu
#define DAIF_ALL 0x3c0u
#define PSR_I 0x80u
#define PSR_IL (1u << 20)

/* SCR_EL3: RES1 bits 5:4, RW (10: RAO here), NS (0), HCE (8). */
#define SCR_BASE 0x430u
#define SCR_NS 0x1u
#define SCR_IRQ 0x2u
#define SCR_HCE 0x100u

#define IL (1u << 25)
#define ESR(ec, iss) ((uint64_t)(ec) << 26 | IL | (iss))

typedef struct Machine {
    Cpu *cpu;
    GuestMem *mem;
} Machine;

static Machine M;

static uint64_t sysreg(const char *name)
{
    uint64_t v = 0;
    ck_assert_msg(cpu_get_sysreg(M.cpu, name, &v), "no register %s", name);
    return v;
}

static void set_sysreg(const char *name, uint64_t v)
{
    ck_assert_msg(cpu_set_sysreg(M.cpu, name, v), "no register %s", name);
}

static void put(uint64_t addr, const uint32_t *w, unsigned n)
{
    ck_assert(guest_mem_copy_in(M.mem, addr, w, 4 * (size_t)n));
}

static void machine_new(const char *model)
{
    M.mem = guest_mem_new();
    ck_assert(guest_mem_map(M.mem, 0, 0x20000, GUEST_PROT_READ | GUEST_PROT_WRITE | GUEST_PROT_EXEC));
    M.cpu = cpu_new(model);
    ck_assert(M.cpu != NULL);
    cpu_set_mem(M.cpu, M.mem);
    cpu_set_system_mode(M.cpu, true);
    cpu_set_rvbar(M.cpu, CODE);
    cpu_reset(M.cpu);
}

static void machine_free(void)
{
    cpu_free(M.cpu);
    guest_mem_free(M.mem);
    memset(&M, 0, sizeof M);
}

/* Reset at EL3, then ERET to `spsr` at BODY (where `w` is placed), with
 * the vector bases and SCR_EL3 set. */
static void start(uint32_t spsr, uint64_t scr, const uint32_t *w, unsigned n)
{
    machine_new("cortex-a57");
    const uint32_t eret = ERET;
    put(CODE, &eret, 1);
    put(BODY, w, n);
    set_sysreg("VBAR_EL1", VBAR1);
    set_sysreg("VBAR_EL2", VBAR2);
    set_sysreg("VBAR_EL3", VBAR3);
    set_sysreg("SCR_EL3", scr);
    set_sysreg("SPSR_EL3", spsr);
    set_sysreg("ELR_EL3", BODY);
    cpu_set_x(M.cpu, 0, 0); /* keep the registers the cases read defined */
    ck_assert_int_eq(cpu_run(M.cpu, 1), CPU_STOP_BUDGET);
    ck_assert_uint_eq(cpu_get_pc(M.cpu), BODY);
}

static void run(uint64_t steps)
{
    ck_assert_int_eq(cpu_run(M.cpu, steps), CPU_STOP_BUDGET);
}

#define ck_reg(name, want) ck_assert_msg(sysreg(name) == (uint64_t)(want), "%s = %#" PRIx64 ", expected %#" PRIx64, \
                                         name, sysreg(name), (uint64_t)(want))
#define ck_pc(want) ck_assert_msg(cpu_get_pc(M.cpu) == (uint64_t)(want), "pc = %#" PRIx64 ", expected %#" PRIx64, \
                                  cpu_get_pc(M.cpu), (uint64_t)(want))
#define ck_pstate(want) ck_assert_msg(cpu_get_pstate(M.cpu) == (uint64_t)(want), "PSTATE = %#" PRIx64 \
                                      ", expected %#" PRIx64, cpu_get_pstate(M.cpu), (uint64_t)(want))

/* ------------------------------------------------------------------ reset */

/* AArch64.TakeReset(): the highest EL (EL3), SP_EL3, D, A, I, F all set. */
START_TEST(reset_system_el3)
{
    machine_new("cortex-a57");
    ck_assert_uint_eq(cpu_get_el(M.cpu), 3);
    ck_pstate(DAIF_ALL | M_EL3h);
    ck_pc(CODE);
    set_sysreg("SP_EL3", 0x8000);
    set_sysreg("SP_EL0", 0x1000);
    ck_assert_uint_eq(cpu_get_sp(M.cpu), 0x8000);
    /* RES1 bits of SCTLR_EL3 and SCR_EL3 at reset, M = 0, NS = 0 */
    ck_reg("SCTLR_EL3", 0x30c50830);
    ck_reg("SCR_EL3", SCR_BASE);
    machine_free();
}
END_TEST

/* The default (user mode) reset is unchanged: EL0, SP_EL0, DAIF clear, and
 * SCTLR_EL1 as Linux sets it (UCT, UCI, DZE, nTWI, nTWE all 1). */
START_TEST(reset_user_el0)
{
    Cpu *cpu = cpu_new("max");
    ck_assert_uint_eq(cpu_get_el(cpu), 0);
    ck_assert_uint_eq(cpu_get_pstate(cpu), 0);
    uint64_t sctlr = 0;
    ck_assert(cpu_get_sysreg(cpu, "SCTLR_EL1", &sctlr));
    uint64_t need = 1u << 15 | 1u << 26 | 1u << 14 | 1u << 16 | 1u << 18;
    ck_assert_uint_eq(sctlr & need, need);
    cpu_free(cpu);
}
END_TEST

/* MRS CurrentEL at EL3 and EL1: EL in bits 3:2. */
START_TEST(mrs_currentel)
{
    machine_new("cortex-a57");
    const uint32_t w[] = { 0xd5384240 /* mrs x0, currentel */ };
    put(CODE, w, 1);
    run(1);
    ck_assert_uint_eq(cpu_get_x(M.cpu, 0), 0xc);
    machine_free();
    start(M_EL1h, SCR_BASE | SCR_NS, w, 1);
    run(1);
    ck_assert_uint_eq(cpu_get_x(M.cpu, 0), 0x4);
    machine_free();
}
END_TEST

/* ---------------------------------------------------------------- ERET */

/* ERET from EL3 to EL1h: PSTATE from SPSR_EL3, PC from ELR_EL3, SP_EL1. */
START_TEST(eret_el3_to_el1)
{
    const uint32_t w[] = { NOP };
    start(0x60000000u | DAIF_ALL | M_EL1h, SCR_BASE | SCR_NS, w, 1);
    ck_assert_uint_eq(cpu_get_el(M.cpu), 1);
    ck_pstate(0x60000000u | DAIF_ALL | M_EL1h);
    ck_assert_uint_eq(cpu_get_nzcv(M.cpu), 0x60000000u);
    set_sysreg("SP_EL1", 0x7000);
    ck_assert_uint_eq(cpu_get_sp(M.cpu), 0x7000);
    machine_free();
}
END_TEST

/* ERET from EL3 to EL0t: DAIF clear, SP_EL0. */
START_TEST(eret_el3_to_el0)
{
    const uint32_t w[] = { NOP };
    start(M_EL0t, SCR_BASE | SCR_NS, w, 1);
    ck_assert_uint_eq(cpu_get_el(M.cpu), 0);
    ck_pstate(0);
    set_sysreg("SP_EL0", 0x5000);
    ck_assert_uint_eq(cpu_get_sp(M.cpu), 0x5000);
    machine_free();
}
END_TEST

/* ---------------------------------------------------------- synchronous */

/* SVC from EL0: ESR_EL1 = EC 0x15 | IL | imm16, ELR_EL1 = the next
 * instruction, SPSR_EL1 = the EL0 PSTATE, PC = VBAR_EL1 + 0x400 (lower EL,
 * AArch64), EL1h with DAIF masked. */
START_TEST(svc_el0_to_el1)
{
    const uint32_t w[] = { 0xd4000841 /* svc #0x42 */ };
    start(0x60000000u | M_EL0t, SCR_BASE | SCR_NS, w, 1);
    run(1);
    ck_reg("ESR_EL1", ESR(0x15, 0x42));
    ck_reg("ELR_EL1", BODY + 4);
    ck_reg("SPSR_EL1", 0x60000000u);
    ck_pc(VBAR1 + 0x400);
    ck_pstate(0x60000000u | DAIF_ALL | M_EL1h);
    machine_free();
}
END_TEST

/* An UNDEFINED instruction at EL1h: EC 0x00 (IL = 1), ELR = the
 * instruction, vector VBAR_EL1 + 0x200 (current EL with SP_ELx). */
START_TEST(undefined_el1)
{
    const uint32_t w[] = { 0x00000000 /* udf #0 */ };
    start(M_EL1h, SCR_BASE | SCR_NS, w, 1);
    set_sysreg("SP_EL1", 0x7000);
    run(1);
    ck_reg("ESR_EL1", ESR(0, 0));
    ck_reg("ELR_EL1", BODY);
    ck_reg("SPSR_EL1", M_EL1h);
    ck_pc(VBAR1 + 0x200);
    ck_pstate(DAIF_ALL | M_EL1h);
    ck_assert_uint_eq(cpu_get_sp(M.cpu), 0x7000);
    machine_free();
}
END_TEST

/* The same at EL1t (SP_EL0): vector VBAR_EL1 + 0x000, then SP_EL1. */
START_TEST(undefined_el1t)
{
    const uint32_t w[] = { 0x00000000 /* udf #0 */ };
    start(0x4, SCR_BASE | SCR_NS, w, 1);
    run(1);
    ck_reg("SPSR_EL1", 0x4);
    ck_pc(VBAR1 + 0x000);
    ck_pstate(DAIF_ALL | M_EL1h);
    machine_free();
}
END_TEST

/* HVC at EL1 (Non-secure, SCR_EL3.HCE = 1): to EL2, EC 0x16, ELR_EL2 = the
 * next instruction, vector VBAR_EL2 + 0x400. */
START_TEST(hvc_el1_to_el2)
{
    const uint32_t w[] = { 0xd40000e2 /* hvc #0x7 */ };
    start(M_EL1h, SCR_BASE | SCR_NS | SCR_HCE, w, 1);
    run(1);
    ck_reg("ESR_EL2", ESR(0x16, 7));
    ck_reg("ELR_EL2", BODY + 4);
    ck_reg("SPSR_EL2", M_EL1h);
    ck_pc(VBAR2 + 0x400);
    ck_pstate(DAIF_ALL | M_EL2h);
    machine_free();
}
END_TEST

/* HVC with SCR_EL3.HCE = 0 is UNDEFINED: EC 0x00 at EL1. */
START_TEST(hvc_disabled_undefined)
{
    const uint32_t w[] = { 0xd40000e2 /* hvc #0x7 */ };
    start(M_EL1h, SCR_BASE | SCR_NS, w, 1);
    run(1);
    ck_reg("ESR_EL1", ESR(0, 0));
    ck_reg("ELR_EL1", BODY);
    ck_pc(VBAR1 + 0x200);
    machine_free();
}
END_TEST

/* HVC and SMC at EL0 are UNDEFINED: EC 0x00 to EL1, vector + 0x400. */
START_TEST(hvc_smc_el0_undefined)
{
    const uint32_t w[] = { 0xd40000e2 /* hvc #0x7 */ };
    start(M_EL0t, SCR_BASE | SCR_NS | SCR_HCE, w, 1);
    run(1);
    ck_reg("ESR_EL1", ESR(0, 0));
    ck_reg("ELR_EL1", BODY);
    ck_pc(VBAR1 + 0x400);
    machine_free();
    const uint32_t s[] = { 0xd4000123 /* smc #0x9 */ };
    start(M_EL0t, SCR_BASE | SCR_NS, s, 1);
    run(1);
    ck_reg("ESR_EL1", ESR(0, 0));
    ck_pc(VBAR1 + 0x400);
    machine_free();
}
END_TEST

/* SMC at EL1: to EL3, EC 0x17 | imm16, ELR_EL3 = the next instruction. */
START_TEST(smc_el1_to_el3)
{
    const uint32_t w[] = { 0xd4000123 /* smc #0x9 */ };
    start(M_EL1h, SCR_BASE | SCR_NS, w, 1);
    run(1);
    ck_reg("ESR_EL3", ESR(0x17, 9));
    ck_reg("ELR_EL3", BODY + 4);
    ck_reg("SPSR_EL3", M_EL1h);
    ck_pc(VBAR3 + 0x400);
    ck_pstate(DAIF_ALL | M_EL3h);
    machine_free();
}
END_TEST

/* SMC at EL1 with HCR_EL2.TSC: trapped to EL2 (EC 0x17), ELR_EL2 = the SMC. */
START_TEST(smc_trapped_to_el2)
{
    const uint32_t w[] = { 0xd4000123 /* smc #0x9 */ };
    start(M_EL1h, SCR_BASE | SCR_NS, w, 1);
    set_sysreg("HCR_EL2", 0x80000000u | 1u << 19);
    run(1);
    ck_reg("ESR_EL2", ESR(0x17, 9));
    ck_reg("ELR_EL2", BODY);
    ck_pc(VBAR2 + 0x400);
    machine_free();
}
END_TEST

/* SMC with SCR_EL3.SMD = 1 is UNDEFINED. */
START_TEST(smc_disabled_undefined)
{
    const uint32_t w[] = { 0xd4000123 /* smc #0x9 */ };
    start(M_EL1h, SCR_BASE | SCR_NS | 0x80, w, 1);
    run(1);
    ck_reg("ESR_EL1", ESR(0, 0));
    ck_pc(VBAR1 + 0x200);
    machine_free();
}
END_TEST

/* A load from nothing at EL1: data abort from the current EL (EC 0x25),
 * DFSC = synchronous external abort (0x10), FAR_EL1 = the address; a store
 * sets WnR (ISS bit 6). */
START_TEST(data_abort_el1)
{
    const uint32_t w[] = { 0xf9400001 /* ldr x1, [x0] */ };
    start(M_EL1h, SCR_BASE | SCR_NS, w, 1);
    cpu_set_x(M.cpu, 0, UNMAPPED);
    run(1);
    ck_reg("ESR_EL1", ESR(0x25, 0x10));
    ck_reg("FAR_EL1", UNMAPPED);
    ck_reg("ELR_EL1", BODY);
    ck_pc(VBAR1 + 0x200);
    machine_free();
    const uint32_t s[] = { 0xf9000001 /* str x1, [x0] */ };
    start(M_EL0t, SCR_BASE | SCR_NS, s, 1);
    cpu_set_x(M.cpu, 0, UNMAPPED + 8);
    run(1);
    ck_reg("ESR_EL1", ESR(0x24, 0x50)); /* from EL0: the lower-EL class */
    ck_reg("FAR_EL1", UNMAPPED + 8);
    ck_pc(VBAR1 + 0x400);
    machine_free();
}
END_TEST

/* A branch to a misaligned address: the next fetch takes a PC alignment
 * fault (EC 0x22) with FAR_EL1 = ELR_EL1 = the misaligned PC. */
START_TEST(pc_alignment_el1)
{
    const uint32_t w[] = { 0xd61f0000 /* br x0 */ };
    start(M_EL1h, SCR_BASE | SCR_NS, w, 1);
    cpu_set_x(M.cpu, 0, BODY + 0x102);
    run(2);
    ck_reg("ESR_EL1", ESR(0x22, 0));
    ck_reg("FAR_EL1", BODY + 0x102);
    ck_reg("ELR_EL1", BODY + 0x102);
    ck_pc(VBAR1 + 0x200);
    machine_free();
}
END_TEST

/* An exception return to a higher EL is illegal: EL and SP stay, PSTATE.IL
 * is set, PC = ELR_EL1; the next instruction takes an Illegal Execution
 * state exception (EC 0x0E) and SPSR_EL1 records IL. */
START_TEST(illegal_return)
{
    const uint32_t w[] = { ERET, NOP };
    start(M_EL1h, SCR_BASE | SCR_NS, w, 2);
    set_sysreg("SPSR_EL1", M_EL2h);
    set_sysreg("ELR_EL1", BODY + 4);
    run(1);
    ck_assert_uint_eq(cpu_get_el(M.cpu), 1);
    ck_pstate(PSR_IL | M_EL1h);
    ck_pc(BODY + 4);
    run(1);
    ck_reg("ESR_EL1", ESR(0x0e, 0));
    ck_reg("ELR_EL1", BODY + 4);
    ck_reg("SPSR_EL1", PSR_IL | M_EL1h);
    ck_pstate(DAIF_ALL | M_EL1h);
    ck_pc(VBAR1 + 0x200);
    machine_free();
}
END_TEST

/* An exception return to EL0 with SP_ELx (M = 0b0001) is illegal too. */
START_TEST(illegal_return_el0h)
{
    const uint32_t w[] = { ERET };
    start(M_EL1h, SCR_BASE | SCR_NS, w, 1);
    set_sysreg("SPSR_EL1", 0x1);
    set_sysreg("ELR_EL1", BODY + 0x40);
    run(1);
    ck_assert_uint_eq(cpu_get_el(M.cpu), 1);
    ck_pstate(PSR_IL | M_EL1h);
    machine_free();
}
END_TEST

/* ERET from EL1 to EL0t restores NZCV and DAIF from SPSR_EL1. */
START_TEST(eret_el1_to_el0)
{
    const uint32_t w[] = { ERET };
    start(M_EL1h, SCR_BASE | SCR_NS, w, 1);
    set_sysreg("SPSR_EL1", 0x90000000u | 0x40); /* N, V, F masked, EL0t */
    set_sysreg("ELR_EL1", BODY + 0x80);
    run(1);
    ck_assert_uint_eq(cpu_get_el(M.cpu), 0);
    ck_pstate(0x90000040u);
    ck_pc(BODY + 0x80);
    machine_free();
}
END_TEST

/* ------------------------------------------------------------ interrupts */

/* An IRQ at EL1 with PSTATE.I clear is taken before the next instruction:
 * vector VBAR_EL1 + 0x280, ELR_EL1 = that instruction, no ESR write. */
START_TEST(irq_taken_el1)
{
    const uint32_t w[] = { NOP, NOP };
    start(M_EL1h, SCR_BASE | SCR_NS, w, 2);
    set_sysreg("ESR_EL1", 0x1234);
    run(1);
    cpu_set_irq(M.cpu, CPU_IRQ, true);
    run(1);
    ck_pc(VBAR1 + 0x280);
    ck_reg("ELR_EL1", BODY + 4);
    ck_reg("SPSR_EL1", M_EL1h);
    ck_reg("ESR_EL1", 0x1234);
    ck_pstate(DAIF_ALL | M_EL1h);
    machine_free();
}
END_TEST

/* From EL0 the IRQ goes to VBAR_EL1 + 0x480. */
START_TEST(irq_taken_el0)
{
    const uint32_t w[] = { NOP, NOP };
    start(M_EL0t, SCR_BASE | SCR_NS, w, 2);
    cpu_set_irq(M.cpu, CPU_IRQ, true);
    run(1);
    ck_pc(VBAR1 + 0x480);
    ck_reg("ELR_EL1", BODY);
    ck_reg("SPSR_EL1", M_EL0t);
    machine_free();
}
END_TEST

/* Masked by PSTATE.I at EL1: not taken, the instructions run; unmasking
 * with MSR DAIFClr takes it at the next instruction boundary. */
START_TEST(irq_masked_el1)
{
    const uint32_t w[] = { NOP, 0xd50342ff /* msr daifclr, #0x2 */, NOP };
    start(PSR_I | M_EL1h, SCR_BASE | SCR_NS, w, 3);
    cpu_set_irq(M.cpu, CPU_IRQ, true);
    run(2);
    ck_pc(BODY + 8);
    run(1);
    ck_pc(VBAR1 + 0x280);
    ck_reg("ELR_EL1", BODY + 8);
    machine_free();
}
END_TEST

/* SCR_EL3.IRQ routes IRQs to EL3, where PSTATE.I at EL1 does not mask them. */
START_TEST(irq_routed_el3)
{
    const uint32_t w[] = { NOP };
    start(PSR_I | M_EL1h, SCR_BASE | SCR_NS | SCR_IRQ, w, 1);
    cpu_set_irq(M.cpu, CPU_IRQ, true);
    run(1);
    ck_pc(VBAR3 + 0x480);
    ck_reg("ELR_EL3", BODY);
    ck_reg("SPSR_EL3", PSR_I | M_EL1h);
    ck_pstate(DAIF_ALL | M_EL3h);
    machine_free();
}
END_TEST

/* HCR_EL2.VI with IMO: a virtual IRQ for EL1, masked by PSTATE.I. */
START_TEST(virtual_irq)
{
    const uint32_t w[] = { NOP, NOP };
    start(M_EL1h, SCR_BASE | SCR_NS, w, 2);
    set_sysreg("HCR_EL2", 0x80000000u | 1u << 7 | 1u << 4);
    run(1);
    ck_pc(VBAR1 + 0x280);
    ck_reg("ELR_EL1", BODY);
    machine_free();
}
END_TEST

/* WFI with nothing pending idles: cpu_run returns CPU_STOP_IDLE (again on
 * the next call); an IRQ masked by PSTATE.I still wakes it, and the next
 * instruction runs. */
START_TEST(wfi_idle_and_wake)
{
    const uint32_t w[] = { 0xd503207f /* wfi */, NOP, NOP };
    start(PSR_I | M_EL1h, SCR_BASE | SCR_NS, w, 3);
    ck_assert_int_eq(cpu_run(M.cpu, 10), CPU_STOP_IDLE);
    ck_pc(BODY + 4);
    uint64_t ic = cpu_icount(M.cpu);
    ck_assert_int_eq(cpu_run(M.cpu, 10), CPU_STOP_IDLE);
    ck_assert_uint_eq(cpu_icount(M.cpu), ic);
    cpu_set_irq(M.cpu, CPU_IRQ, true);
    run(1);
    ck_pc(BODY + 8);
    machine_free();
}
END_TEST

/* WFI with an unmasked IRQ pending completes and the IRQ is taken. */
START_TEST(wfi_irq_pending)
{
    const uint32_t w[] = { 0xd503207f /* wfi */, NOP };
    start(PSR_I | M_EL1h, SCR_BASE | SCR_NS, w, 2);
    cpu_set_irq(M.cpu, CPU_IRQ, true);
    run(1); /* the WFI completes at once: an interrupt is pending */
    ck_pc(BODY + 4);
    machine_free();
    start(M_EL1h, SCR_BASE | SCR_NS, w, 2);
    ck_assert_int_eq(cpu_run(M.cpu, 5), CPU_STOP_IDLE);
    cpu_set_irq(M.cpu, CPU_IRQ, true);
    run(1);
    ck_pc(VBAR1 + 0x280);
    ck_reg("ELR_EL1", BODY + 4);
    machine_free();
}
END_TEST

/* WFI at EL0 with SCTLR_EL1.nTWI = 0 (its reset value here) traps to EL1:
 * EC 0x01, CV = 1, COND = 0xE, TI = 00; ELR = the WFI. */
START_TEST(wfi_trap_el0)
{
    const uint32_t w[] = { 0xd503207f /* wfi */ };
    start(M_EL0t, SCR_BASE | SCR_NS, w, 1);
    run(1);
    ck_reg("ESR_EL1", ESR(0x01, 1u << 24 | 0xeu << 20));
    ck_reg("ELR_EL1", BODY);
    ck_pc(VBAR1 + 0x400);
    machine_free();
}
END_TEST

/* ------------------------------------------------------- register access */

/* MRS of an EL1 register at EL0 is UNDEFINED: EC 0x00 at EL1. */
START_TEST(el0_reads_el1_register)
{
    const uint32_t w[] = { 0xd5381000 /* mrs x0, sctlr_el1 */ };
    start(M_EL0t, SCR_BASE | SCR_NS, w, 1);
    run(1);
    ck_reg("ESR_EL1", ESR(0, 0));
    ck_reg("ELR_EL1", BODY);
    ck_pc(VBAR1 + 0x400);
    machine_free();
}
END_TEST

/* SCTLR_EL1.UCT = 0 traps EL0 reads of CTR_EL0 to EL1 with EC 0x18: ISS =
 * Op0 3, Op2 1, Op1 3, CRn 0, Rt 0, CRm 0, direction 1 (read). With UCT = 1
 * the read succeeds. */
START_TEST(ctr_el0_uct)
{
    const uint32_t w[] = { 0xd53b0020 /* mrs x0, ctr_el0 */ };
    start(M_EL0t, SCR_BASE | SCR_NS, w, 1);
    run(1);
    ck_reg("ESR_EL1", ESR(0x18, 3u << 20 | 1u << 17 | 3u << 14 | 1u));
    ck_reg("ELR_EL1", BODY);
    machine_free();
    start(M_EL0t, SCR_BASE | SCR_NS, w, 1);
    set_sysreg("SCTLR_EL1", 0x30d00800u | 1u << 15);
    run(1);
    ck_pc(BODY + 4);
    ck_assert_uint_eq(cpu_get_x(M.cpu, 0), 0x8444c004u); /* cortex-a57 CTR_EL0 */
    machine_free();
}
END_TEST

/* CPACR_EL1.FPEN = 00 (reset) traps SIMD&FP at EL1: EC 0x07, CV, COND 0xE. */
START_TEST(fp_trap_el1)
{
    const uint32_t w[] = { 0x9e670020 /* fmov d0, x1 */ };
    start(M_EL1h, SCR_BASE | SCR_NS, w, 1);
    run(1);
    ck_reg("ESR_EL1", ESR(0x07, 1u << 24 | 0xeu << 20));
    ck_reg("ELR_EL1", BODY);
    machine_free();
}
END_TEST

/* MSR/MRS SP_EL0 at EL1h; UNDEFINED while SPSel selects SP_EL0 (EL1t). */
START_TEST(sp_el0_access)
{
    const uint32_t w[] = { 0xd5184103 /* msr sp_el0, x3 */, 0xd5384104 /* mrs x4, sp_el0 */ };
    start(M_EL1h, SCR_BASE | SCR_NS, w, 2);
    cpu_set_x(M.cpu, 3, 0xabc0);
    run(2);
    ck_reg("SP_EL0", 0xabc0);
    ck_assert_uint_eq(cpu_get_x(M.cpu, 4), 0xabc0);
    machine_free();
    start(0x4 /* EL1t */, SCR_BASE | SCR_NS, w, 2);
    run(1);
    ck_reg("ESR_EL1", ESR(0, 0));
    ck_pc(VBAR1 + 0x000);
    machine_free();
}
END_TEST

/* VBAR_EL1 bits 10:0 are RES0 through MSR; EL2 registers are UNDEFINED at
 * EL1. */
START_TEST(vbar_res0_and_el2_undefined)
{
    const uint32_t w[] = {
        0xd518c003 /* msr vbar_el1, x3 */, 0xd538c004 /* mrs x4, vbar_el1 */,
        0xd53c1100 /* mrs x0, hcr_el2 */,
    };
    start(M_EL1h, SCR_BASE | SCR_NS, w, 3);
    cpu_set_x(M.cpu, 3, 0x27ff);
    run(2);
    ck_assert_uint_eq(cpu_get_x(M.cpu, 4), 0x2000);
    run(1);
    ck_reg("ESR_EL1", ESR(0, 0));
    ck_reg("ELR_EL1", BODY + 8);
    ck_pc(0x2000 + 0x200);
    machine_free();
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("exec_el");
    struct { const char *name; const TTest *t; } tests[] = {
        { "reset_system_el3", reset_system_el3 }, { "reset_user_el0", reset_user_el0 },
        { "MRS_CurrentEL", mrs_currentel }, { "ERET_el3_to_el1", eret_el3_to_el1 },
        { "ERET_el3_to_el0", eret_el3_to_el0 }, { "ERET_el1_to_el0", eret_el1_to_el0 },
        { "SVC_el0_to_el1", svc_el0_to_el1 }, { "UDF_el1", undefined_el1 }, { "UDF_el1t", undefined_el1t },
        { "HVC_el1_to_el2", hvc_el1_to_el2 }, { "HVC_disabled", hvc_disabled_undefined },
        { "HVC_SMC_el0", hvc_smc_el0_undefined }, { "SMC_el1_to_el3", smc_el1_to_el3 },
        { "SMC_trapped_el2", smc_trapped_to_el2 }, { "SMC_disabled", smc_disabled_undefined },
        { "data_abort", data_abort_el1 }, { "pc_alignment", pc_alignment_el1 },
        { "illegal_return", illegal_return }, { "illegal_return_el0h", illegal_return_el0h },
        { "irq_el1", irq_taken_el1 }, { "irq_el0", irq_taken_el0 }, { "irq_masked", irq_masked_el1 },
        { "irq_el3", irq_routed_el3 }, { "virtual_irq", virtual_irq }, { "WFI_idle", wfi_idle_and_wake },
        { "WFI_irq_pending", wfi_irq_pending }, { "WFI_trap_el0", wfi_trap_el0 },
        { "el0_el1_register", el0_reads_el1_register }, { "CTR_EL0_UCT", ctr_el0_uct },
        { "FP_trap", fp_trap_el1 }, { "SP_EL0", sp_el0_access }, { "VBAR_HCR", vbar_res0_and_el2_undefined },
    };
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        TCase *tc = tcase_create(tests[i].name);
        tcase_add_test(tc, tests[i].t);
        suite_add_tcase(s, tc);
    }
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
