/* The one-CPU, user-mode fixture of the instruction suites
 * (tests/check_exec_*.c): a code page at CODE and, if asked, a data page at
 * DATA holding the bytes 0, 1, 2, ..., 255, 0, 1 ...; FPCR and FPSR start
 * at 0 (round to nearest, no FZ/DN, no flags). Instructions run one at a
 * time from CODE. Every suite is a program of its own, so this state is
 * the suite's. */
#ifndef ARMATURE_TESTS_EXEC_HARNESS_H
#define ARMATURE_TESTS_EXEC_HARNESS_H

#include <check.h>
#include <stdbool.h>

#include "cpu.h"

#define CODE 0x10000u
#define DATA 0x20000u

static GuestMem *mem;
static Cpu *cpu;

static inline void harness_setup(const char *model, bool data_page)
{
    mem = guest_mem_new();
    ck_assert(guest_mem_map(mem, CODE, 0x1000, GUEST_PROT_READ | GUEST_PROT_EXEC));
    if (data_page) {
        ck_assert(guest_mem_map(mem, DATA, 0x1000, GUEST_PROT_READ | GUEST_PROT_WRITE));
        unsigned char b[0x1000];
        for (unsigned i = 0; i < sizeof b; i++)
            b[i] = (unsigned char)i;
        ck_assert(guest_mem_copy_in(mem, DATA, b, sizeof b));
    }
    cpu = cpu_new(model);
    ck_assert_ptr_nonnull(cpu);
    cpu_set_mem(cpu, mem);
    ck_assert(cpu_set_sysreg(cpu, "FPSR", 0));
    ck_assert(cpu_set_sysreg(cpu, "FPCR", 0));
}

static inline void teardown(void)
{
    cpu_free(cpu);
    guest_mem_free(mem);
}

/* Run `insn` at CODE for one instruction; how the run stopped. */
static inline CpuStop run1(uint32_t insn)
{
    ck_assert(guest_mem_copy_in(mem, CODE, &insn, 4));
    cpu_set_pc(cpu, CODE);
    return cpu_run(cpu, 1);
}

/* `insn` runs to completion and falls through to the next instruction. */
static inline void step(uint32_t insn)
{
    ck_assert_int_eq(run1(insn), CPU_STOP_BUDGET);
    ck_assert_uint_eq(cpu_get_pc(cpu), CODE + 4);
}

static inline void undefined(uint32_t insn)
{
    ck_assert_int_eq(run1(insn), CPU_STOP_EXCEPTION);
    ck_assert_int_eq(cpu_exception(cpu)->kind, CPU_EXC_UNDEFINED);
}

static inline void v_is(int n, uint64_t lo, uint64_t hi)
{
    uint64_t l, h;
    cpu_get_v(cpu, n, &l, &h);
    ck_assert_msg(l == lo && h == hi, "v%d = %016llx:%016llx, want %016llx:%016llx", n, (unsigned long long)h,
                  (unsigned long long)l, (unsigned long long)hi, (unsigned long long)lo);
}

static inline uint64_t fpsr(void)
{
    uint64_t v = 0;
    ck_assert(cpu_get_sysreg(cpu, "FPSR", &v));
    return v;
}

static inline void fpcr(uint64_t v) { ck_assert(cpu_set_sysreg(cpu, "FPCR", v)); }

static inline uint64_t mem64(uint64_t addr)
{
    uint64_t v;
    ck_assert(guest_mem_copy_out(mem, &v, addr, 8));
    return v;
}

#endif
