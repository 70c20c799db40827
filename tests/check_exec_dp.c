/* Check suite for the data-processing instruction pages (spec/a64/dpimm,
 * spec/a64/dpreg): each encoding runs on a CPU and its registers and flags
 * are compared with values computed by hand from the Arm ARM. Instruction
 * words come from aarch64-linux-gnu-as; the assembly is in the comment
 * (ADRP words and reserved encodings are encoded by hand, as described).
 * Test cases are named by spec id. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>

#include "cpu.h"
#include "guest_mem.h"

#define CODE 0x10000ull
#define CODE_SIZE 0x10000ull
#define SENTINEL 0xdeadbeefcafef00dull
/* NZCV as MRS NZCV returns it */
#define F(n, z, c, v) ((uint32_t)(n) << 31 | (uint32_t)(z) << 30 | (uint32_t)(c) << 29 | (uint32_t)(v) << 28)
#define NONE F(0, 0, 0, 0)
#define M64 0xffffffffffffffffull

static Cpu *cpu;
static GuestMem *mem;
static uint64_t next_pc;

static void setup(void)
{
    mem = guest_mem_new();
    ck_assert(guest_mem_map(mem, CODE, CODE_SIZE, GUEST_PROT_READ | GUEST_PROT_EXEC));
    cpu = cpu_new("max");
    ck_assert_ptr_nonnull(cpu);
    cpu_set_mem(cpu, mem);
    next_pc = CODE;
}

static void teardown(void)
{
    cpu_free(cpu);
    guest_mem_free(mem);
}

/* Place `insn` at a fresh address and run it once; returns its address. */
static uint64_t step(uint32_t insn)
{
    uint64_t pc = next_pc;
    next_pc += 4;
    ck_assert(next_pc <= CODE + CODE_SIZE);
    ck_assert(guest_mem_copy_in(mem, pc, &insn, 4));
    cpu_set_pc(cpu, pc);
    CpuStop why = cpu_run(cpu, 1);
    if (why == CPU_STOP_EXCEPTION)
        ck_abort_msg("insn %08x raised exception kind %d", insn, (int)cpu_exception(cpu)->kind);
    ck_assert_uint_eq(cpu_get_pc(cpu), pc + 4);
    return pc;
}

static void regs(uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3, uint32_t nzcv)
{
    cpu_set_x(cpu, 0, x0);
    cpu_set_x(cpu, 1, x1);
    cpu_set_x(cpu, 2, x2);
    cpu_set_x(cpu, 3, x3);
    cpu_set_nzcv(cpu, nzcv);
}

/* x0 = f(x1, x2, x3); the flags must not change. */
static void t_x0(uint32_t insn, uint64_t x1, uint64_t x2, uint64_t x3, uint64_t want)
{
    regs(SENTINEL, x1, x2, x3, F(1, 0, 1, 0));
    step(insn);
    ck_assert_msg(cpu_get_x(cpu, 0) == want, "insn %08x: x0 = %016llx, want %016llx", insn,
                  (unsigned long long)cpu_get_x(cpu, 0), (unsigned long long)want);
    ck_assert_uint_eq(cpu_get_nzcv(cpu), F(1, 0, 1, 0));
    ck_assert_uint_eq(cpu_get_x(cpu, 1), x1);
    ck_assert_uint_eq(cpu_get_x(cpu, 2), x2);
}

/* As t_x0, with x0 also an input (BFM, MOVK). */
static void t_x0in(uint32_t insn, uint64_t x0, uint64_t x1, uint64_t want)
{
    regs(x0, x1, 0, 0, NONE);
    step(insn);
    ck_assert_msg(cpu_get_x(cpu, 0) == want, "insn %08x: x0 = %016llx, want %016llx", insn,
                  (unsigned long long)cpu_get_x(cpu, 0), (unsigned long long)want);
    ck_assert_uint_eq(cpu_get_nzcv(cpu), NONE);
}

/* x0 = f(x1, x2) under flags `nzcv`; the flags must not change. */
static void t_cond(uint32_t insn, uint64_t x1, uint64_t x2, uint32_t nzcv, uint64_t want)
{
    regs(SENTINEL, x1, x2, 0, nzcv);
    step(insn);
    ck_assert_msg(cpu_get_x(cpu, 0) == want, "insn %08x nzcv %08x: x0 = %016llx, want %016llx", insn, nzcv,
                  (unsigned long long)cpu_get_x(cpu, 0), (unsigned long long)want);
    ck_assert_uint_eq(cpu_get_nzcv(cpu), nzcv);
}

/* A flag-setting instruction: x0 and NZCV afterwards (x0 unchecked when it
 * is not written, e.g. CMP: pass SENTINEL). */
static void t_flags(uint32_t insn, uint64_t x1, uint64_t x2, uint32_t nzcv_in, uint64_t want, uint32_t want_nzcv)
{
    regs(SENTINEL, x1, x2, 0, nzcv_in);
    step(insn);
    ck_assert_msg(cpu_get_x(cpu, 0) == want, "insn %08x: x0 = %016llx, want %016llx", insn,
                  (unsigned long long)cpu_get_x(cpu, 0), (unsigned long long)want);
    ck_assert_msg(cpu_get_nzcv(cpu) == want_nzcv, "insn %08x (x1 %016llx x2 %016llx): nzcv = %08x, want %08x", insn,
                  (unsigned long long)x1, (unsigned long long)x2, cpu_get_nzcv(cpu), want_nzcv);
}

/* The word must raise UNDEFINED and change nothing. */
static void t_undef(uint32_t insn)
{
    uint64_t pc = next_pc;
    next_pc += 4;
    ck_assert(guest_mem_copy_in(mem, pc, &insn, 4));
    regs(SENTINEL, 1, 2, 3, F(0, 1, 0, 1));
    cpu_set_pc(cpu, pc);
    ck_assert_msg(cpu_run(cpu, 1) == CPU_STOP_EXCEPTION, "insn %08x did not stop", insn);
    ck_assert_msg(cpu_exception(cpu)->kind == CPU_EXC_UNDEFINED, "insn %08x: exception kind %d", insn,
                  (int)cpu_exception(cpu)->kind);
    ck_assert_uint_eq(cpu_exception(cpu)->pc, pc);
    ck_assert_uint_eq(cpu_get_x(cpu, 0), SENTINEL);
    ck_assert_uint_eq(cpu_get_nzcv(cpu), F(0, 1, 0, 1));
}

/* ================================================================ dpimm */

START_TEST(SUB_32_addsub_imm)
{
    t_x0(0x51004020 /* sub w0, w1, #0x10 */, 5, 0, 0, 0xfffffff5);
    t_x0(0x51400420 /* sub w0, w1, #0x1, lsl #12 */, 0xffffffff00001000ull, 0, 0, 0);
    cpu_set_sp(cpu, 0x8000);
    regs(SENTINEL, 0, 0, 0, NONE);
    step(0x510043ff /* sub wsp, wsp, #0x10 */);
    ck_assert_uint_eq(cpu_get_sp(cpu), 0x7ff0);
}
END_TEST

START_TEST(SUB_64_addsub_imm)
{
    t_x0(0xd13ffc20 /* sub x0, x1, #0xfff */, 0xfff, 0, 0, 0);
    t_x0(0xd1400420 /* sub x0, x1, #0x1, lsl #12 */, 0, 0, 0, 0xfffffffffffff000ull);
    cpu_set_sp(cpu, 0x8000);
    step(0xd10043ff /* sub sp, sp, #0x10 */);
    ck_assert_uint_eq(cpu_get_sp(cpu), 0x7ff0);
    cpu_set_x(cpu, 1, 0x100);
    step(0xd100403f /* sub sp, x1, #0x10 */);
    ck_assert_uint_eq(cpu_get_sp(cpu), 0xf0);
    step(0xd10083e0 /* sub x0, sp, #0x20 */);
    ck_assert_uint_eq(cpu_get_x(cpu, 0), 0xd0);
}
END_TEST

START_TEST(ADDS_32_addsub_imm)
{
    uint32_t i = 0x31000420 /* adds w0, w1, #0x1 */;
    t_flags(i, 0x7fffffff, 0, NONE, 0x80000000, F(1, 0, 0, 1));
    t_flags(i, 0xffffffff, 0, NONE, 0, F(0, 1, 1, 0));
    t_flags(i, 0xffffffff00000001ull, 0, F(1, 1, 1, 1), 2, NONE);
    t_flags(i, 0x7ffffffe, 0, NONE, 0x7fffffff, NONE);
    t_flags(0x3100043f /* cmn w1, #0x1 */, 0xffffffff, 0, NONE, SENTINEL, F(0, 1, 1, 0));
    t_flags(0x31600020 /* adds w0, w1, #0x800, lsl #12 */, 0x7f800000, 0, NONE, 0x80000000, F(1, 0, 0, 1));
}
END_TEST

START_TEST(ADDS_64_addsub_imm)
{
    uint32_t i = 0xb1000420 /* adds x0, x1, #0x1 */;
    t_flags(i, 0x7fffffffffffffffull, 0, NONE, 0x8000000000000000ull, F(1, 0, 0, 1));
    t_flags(i, M64, 0, NONE, 0, F(0, 1, 1, 0));
    t_flags(i, 0x8000000000000000ull, 0, NONE, 0x8000000000000001ull, F(1, 0, 0, 0));
    t_flags(i, 0xffffffff, 0, NONE, 0x100000000ull, NONE);
    t_flags(0xb100043f /* cmn x1, #0x1 */, 0, 0, F(1, 1, 1, 1), SENTINEL, NONE);
    cpu_set_sp(cpu, 0x8000);
    t_flags(0xb10007e0 /* adds x0, sp, #0x1 */, 0, 0, NONE, 0x8001, NONE);
}
END_TEST

START_TEST(SUBS_32_addsub_imm)
{
    uint32_t i = 0x71000420 /* subs w0, w1, #0x1 */;
    t_flags(i, 0, 0, NONE, 0xffffffff, F(1, 0, 0, 0));
    t_flags(i, 0x80000000, 0, NONE, 0x7fffffff, F(0, 0, 1, 1));
    t_flags(i, 1, 0, NONE, 0, F(0, 1, 1, 0));
    t_flags(i, 0xffffffff, 0, NONE, 0xfffffffe, F(1, 0, 1, 0));
    t_flags(0x7100143f /* cmp w1, #0x5 */, 5, 0, NONE, SENTINEL, F(0, 1, 1, 0));
}
END_TEST

START_TEST(SUBS_64_addsub_imm)
{
    uint32_t i = 0xf1000420 /* subs x0, x1, #0x1 */;
    t_flags(i, 0x8000000000000000ull, 0, NONE, 0x7fffffffffffffffull, F(0, 0, 1, 1));
    t_flags(i, 0, 0, NONE, M64, F(1, 0, 0, 0));
    t_flags(i, M64, 0, NONE, 0xfffffffffffffffeull, F(1, 0, 1, 0));
    t_flags(0xf100143f /* cmp x1, #0x5 */, 4, 0, NONE, SENTINEL, F(1, 0, 0, 0));
    t_flags(0xf140043f /* cmp x1, #0x1, lsl #12 */, 0x1000, 0, NONE, SENTINEL, F(0, 1, 1, 0));
}
END_TEST

START_TEST(AND_32_log_imm)
{
    t_x0(0x12001c20 /* and w0, w1, #0xff */, 0xffffffff12345678ull, 0, 0, 0x78);
    t_x0(0x1201f020 /* and w0, w1, #0xaaaaaaaa */, 0xffffffffffffffffull, 0, 0, 0xaaaaaaaa);
    t_undef(0x12400020); /* and w0, w1, #imm with N=1: sf=0 N=1 is reserved */
    t_undef(0x12007c20); /* N=0 imms=011111: an all-ones 32-bit element */
    t_undef(0x1200fc20); /* N=0 imms=111111: no element size */
    t_undef(0x1200f420); /* imms=111101: all-ones 2-bit element */
}
END_TEST

START_TEST(AND_64_log_imm)
{
    t_x0(0x92089c20 /* and x0, x1, #0xff00ff00ff00ff00 */, 0x123456789abcdef0ull, 0, 0, 0x120056009a00de00ull);
    t_x0(0x92400020 /* and x0, x1, #0x1 */, M64, 0, 0, 1);
    cpu_set_x(cpu, 1, 0x12345);
    step(0x927cec3f /* and sp, x1, #0xfffffffffffffff0 */);
    ck_assert_uint_eq(cpu_get_sp(cpu), 0x12340);
    t_undef(0x927ffc20); /* N=1 imms=111111: an all-ones 64-bit element */
}
END_TEST

START_TEST(ORR_32_log_imm)
{
    t_x0(0x32000020 /* orr w0, w1, #0x1 */, 0xffffffff00000010ull, 0, 0, 0x11);
    t_x0(0x32103fe0 /* orr w0, wzr, #0xffff0000 */, 0, 0, 0, 0xffff0000);
    t_x0(0x3200f3e0 /* mov w0, #0x55555555 */, 0, 0, 0, 0x55555555);
    t_undef(0x32400020); /* sf=0 N=1 */
}
END_TEST

START_TEST(ORR_64_log_imm)
{
    t_x0(0xb200f3e0 /* mov x0, #0x5555555555555555 */, 0, 0, 0, 0x5555555555555555ull);
    t_x0(0xb27ff820 /* orr x0, x1, #0xfffffffffffffffe */, 1, 0, 0, M64);
    step(0xb2089fff /* mov sp, #0xff00ff00ff00ff00 */);
    ck_assert_uint_eq(cpu_get_sp(cpu), 0xff00ff00ff00ff00ull);
}
END_TEST

START_TEST(EOR_32_log_imm)
{
    t_x0(0x52003c20 /* eor w0, w1, #0xffff */, 0xffffffff12345678ull, 0, 0, 0x1234a987);
    t_undef(0x52400020); /* sf=0 N=1 */
}
END_TEST

START_TEST(EOR_64_log_imm)
{
    t_x0(0xd2410020 /* eor x0, x1, #0x8000000000000000 */, 1, 0, 0, 0x8000000000000001ull);
    t_x0(0xd200e420 /* eor x0, x1, #0x3333333333333333 */, M64, 0, 0, 0xccccccccccccccccull);
}
END_TEST

START_TEST(ANDS_32_log_imm)
{
    /* N and Z from the result; C and V cleared */
    t_flags(0x72010020 /* ands w0, w1, #0x80000000 */, 0xffffffff80000000ull, 0, F(0, 1, 1, 1), 0x80000000, F(1, 0, 0, 0));
    t_flags(0x7200003f /* tst w1, #0x1 */, 2, 0, F(1, 0, 1, 1), SENTINEL, F(0, 1, 0, 0));
    t_flags(0x72001c20 /* ands w0, w1, #0xff */, 0x1ff, 0, F(1, 1, 1, 1), 0xff, NONE);
    t_undef(0x72400020); /* sf=0 N=1 */
}
END_TEST

START_TEST(ANDS_64_log_imm)
{
    t_flags(0xf2401c20 /* ands x0, x1, #0xff */, 0x100, 0, F(1, 0, 1, 1), 0, F(0, 1, 0, 0));
    t_flags(0xf241003f /* tst x1, #0x8000000000000000 */, M64, 0, NONE, SENTINEL, F(1, 0, 0, 0));
}
END_TEST

START_TEST(MOVZ_32_movewide)
{
    t_x0(0x52a24680 /* mov w0, #0x12340000 */, 0, 0, 0, 0x12340000);
    t_x0(0x52a00000 /* movz w0, #0x0, lsl #16 */, 0, 0, 0, 0);
    t_x0(0x529fffe0 /* mov w0, #0xffff */, 0, 0, 0, 0xffff);
    t_undef(0x52c00000); /* movz w0 with hw=10 */
    t_undef(0x52e00000); /* hw=11 */
}
END_TEST

START_TEST(MOVZ_64_movewide)
{
    t_x0(0xd2f7dde0 /* movz x0, #0xbeef, lsl #48 */, 0, 0, 0, 0xbeef000000000000ull);
    t_x0(0xd2c24680 /* movz x0, #0x1234, lsl #32 */, 0, 0, 0, 0x0000123400000000ull);
    t_x0(0xd2800000 /* mov x0, #0x0 */, 0, 0, 0, 0);
}
END_TEST

START_TEST(MOVN_32_movewide)
{
    t_x0(0x12824680 /* movn w0, #0x1234 */, 0, 0, 0, 0xffffedcb);
    t_x0(0x12bfffe0 /* movn w0, #0xffff, lsl #16 */, 0, 0, 0, 0x0000ffff);
    t_x0(0x12800000 /* movn w0, #0x0 */, 0, 0, 0, 0xffffffff);
    t_undef(0x12c00000); /* hw=10 */
}
END_TEST

START_TEST(MOVN_64_movewide)
{
    t_x0(0x92a24680 /* movn x0, #0x1234, lsl #16 */, 0, 0, 0, 0xffffffffedcbffffull);
    t_x0(0x92800000 /* movn x0, #0x0 */, 0, 0, 0, M64);
    t_x0(0x92f00000 /* movn x0, #0x8000, lsl #48 */, 0, 0, 0, 0x7fffffffffffffffull);
}
END_TEST

START_TEST(MOVK_32_movewide)
{
    t_x0in(0x72a24680 /* movk w0, #0x1234, lsl #16 */, 0xffffffffaaaaaaaaull, 0, 0x1234aaaa);
    t_x0in(0x72800000 /* movk w0, #0x0 */, 0x12345678, 0, 0x12340000);
    t_undef(0x72c00000); /* hw=10 */
}
END_TEST

START_TEST(MOVK_64_movewide)
{
    t_x0in(0xf2d7dde0 /* movk x0, #0xbeef, lsl #32 */, 0x1111222233334444ull, 0, 0x1111beef33334444ull);
    t_x0in(0xf2e00000 /* movk x0, #0x0, lsl #48 */, M64, 0, 0x0000ffffffffffffull);
}
END_TEST

START_TEST(ADR_only_pcreladdr)
{
    regs(0, 0, 0, 0, NONE);
    uint64_t pc = step(0x10000800 /* adr x0, .+0x100 */);
    ck_assert_uint_eq(cpu_get_x(cpu, 0), pc + 0x100);
    pc = step(0x10ffffe0 /* adr x0, .-4 */);
    ck_assert_uint_eq(cpu_get_x(cpu, 0), pc - 4);
    pc = step(0x707fffe0 /* adr x0, .+0xfffff */);
    ck_assert_uint_eq(cpu_get_x(cpu, 0), pc + 0xfffff);
    pc = step(0x10800000 /* adr x0, .-0x100000 */);
    ck_assert_uint_eq(cpu_get_x(cpu, 0), pc - 0x100000);
}
END_TEST

START_TEST(ADRP_only_pcreladdr)
{
    next_pc = CODE + 0xabc;
    regs(0, 0, 0, 0, NONE);
    uint64_t pc = step(0xf0000000); /* adrp x0, .+0x3000 (immhi:immlo = 3) */
    ck_assert_uint_eq(cpu_get_x(cpu, 0), (pc & ~0xfffull) + 0x3000);
    pc = step(0xf0ffffe0); /* adrp x0, .-0x1000 (immhi:immlo = -1) */
    ck_assert_uint_eq(cpu_get_x(cpu, 0), (pc & ~0xfffull) - 0x1000);
    pc = step(0x90800000); /* adrp x0, .-0x100000000 (immhi:immlo = -2^20) */
    ck_assert_uint_eq(cpu_get_x(cpu, 0), (pc & ~0xfffull) - 0x100000000ull);
}
END_TEST

START_TEST(SBFM_32M_bitfield)
{
    t_x0(0x13047c20 /* asr w0, w1, #4 */, 0x80000000, 0, 0, 0xf8000000);
    t_x0(0x13001c20 /* sxtb w0, w1 */, 0x80, 0, 0, 0xffffff80);
    t_x0(0x13003c20 /* sxth w0, w1 */, 0xffff7fff, 0, 0, 0x7fff);
    t_x0(0x13042c20 /* sbfx w0, w1, #4, #8 */, 0xf80, 0, 0, 0xfffffff8);
    t_x0(0x13042c20 /* sbfx w0, w1, #4, #8 */, 0x780, 0, 0, 0x78);
    t_x0(0x13040c20 /* sbfiz w0, w1, #28, #4 */, 9, 0, 0, 0x90000000);
    t_x0(0x131c0c20 /* sbfiz w0, w1, #4, #4 */, 0xf8, 0, 0, 0xffffff80);
    t_undef(0x13400020); /* sf=0 N=1 */
    t_undef(0x13200020); /* immr<5>=1 */
    t_undef(0x13008020); /* imms<5>=1 */
}
END_TEST

START_TEST(SBFM_64M_bitfield)
{
    t_x0(0x93407c20 /* sxtw x0, w1 */, 0x80000000, 0, 0, 0xffffffff80000000ull);
    t_x0(0x93401c20 /* sxtb x0, w1 */, 0x7f, 0, 0, 0x7f);
    t_x0(0x937ffc20 /* asr x0, x1, #63 */, 0x8000000000000000ull, 0, 0, M64);
    t_x0(0x93780c20 /* sbfiz x0, x1, #8, #4 */, 8, 0, 0, 0xfffffffffffff800ull);
    t_x0(0x937cfc20 /* sbfx x0, x1, #60, #4 */, 0x7000000000000000ull, 0, 0, 7);
    t_undef(0x93000020); /* sf=1 N=0 */
}
END_TEST

START_TEST(BFM_32M_bitfield)
{
    t_x0in(0x33180c20 /* bfi w0, w1, #8, #4 */, 0xffffffff, 5, 0xfffff5ff);
    t_x0in(0x33180c20 /* bfi w0, w1, #8, #4 */, 0xdeadbeef00000000ull, 0xfffffff5ull, 0x500);
    t_x0in(0x33042c20 /* bfxil w0, w1, #4, #8 */, 0, 0xabc, 0xab);
    t_x0in(0x33007be0 /* bfc w0, #0, #31 */, M64, 0, 0x80000000);
    t_undef(0x33400020); /* sf=0 N=1 */
    t_undef(0x33208020); /* immr<5>=1, imms<5>=1 */
}
END_TEST

START_TEST(BFM_64M_bitfield)
{
    t_x0in(0xb37c1fe0 /* bfc x0, #4, #8 */, M64, 0, 0xfffffffffffff00full);
    t_x0in(0xb37cfc20 /* bfxil x0, x1, #60, #4 */, 0x1234, 0xa000000000000000ull, 0x123a);
    t_x0in(0xb3410020 /* bfi x0, x1, #63, #1 */, 0, 3, 0x8000000000000000ull);
    t_undef(0xb3000020); /* sf=1 N=0 */
}
END_TEST

START_TEST(UBFM_32M_bitfield)
{
    t_x0(0x531d7020 /* lsl w0, w1, #3 */, 0xf0000001, 0, 0, 0x80000008);
    t_x0(0x531f7c20 /* lsr w0, w1, #31 */, 0x80000000, 0, 0, 1);
    t_x0(0x53001c20 /* uxtb w0, w1 */, 0x1ff, 0, 0, 0xff);
    t_x0(0x53003c20 /* uxth w0, w1 */, 0xffffffff00012345ull, 0, 0, 0x2345);
    t_x0(0x53042c20 /* ubfx w0, w1, #4, #8 */, 0xabc, 0, 0, 0xab);
    t_x0(0x53040c20 /* ubfiz w0, w1, #28, #4 */, 0xff, 0, 0, 0xf0000000);
    t_undef(0x53400020); /* sf=0 N=1 */
    t_undef(0x53200020); /* immr<5>=1 */
}
END_TEST

START_TEST(UBFM_64M_bitfield)
{
    t_x0(0xd3410020 /* lsl x0, x1, #63 */, 3, 0, 0, 0x8000000000000000ull);
    t_x0(0xd341fc20 /* lsr x0, x1, #1 */, 0x8000000000000000ull, 0, 0, 0x4000000000000000ull);
    t_x0(0xd360fc20 /* ubfx x0, x1, #32, #32 */, 0x1234567800000000ull, 0, 0, 0x12345678);
    t_x0(0xd3440c20 /* ubfiz x0, x1, #60, #4 */, 0xff, 0, 0, 0xf000000000000000ull);
    t_x0(0xd3401c20 /* ubfx x0, x1, #0, #8 */, 0xfff, 0, 0, 0xff);
    t_undef(0xd3000020); /* sf=1 N=0 */
}
END_TEST

START_TEST(EXTR_32_extract)
{
    t_x0(0x13822020 /* extr w0, w1, w2, #8 */, 0x11223344, 0x55667788, 0, 0x44556677);
    t_x0(0x13811020 /* ror w0, w1, #4 */, 0x12345678, 0, 0, 0x81234567);
    t_x0(0x13820020 /* extr w0, w1, w2, #0 */, 0x11223344, 0xffffffff55667788ull, 0, 0x55667788);
    t_x0(0x13827c20 /* extr w0, w1, w2, #31 */, 0x1, 0x80000000, 0, 0x3);
    t_undef(0x13828020); /* imms<5>=1 */
    t_undef(0x13c20420); /* sf=0 N=1 */
}
END_TEST

START_TEST(EXTR_64_extract)
{
    t_x0(0x93c24020 /* extr x0, x1, x2, #16 */, 0x1111222233334444ull, 0x5555666677778888ull, 0, 0x4444555566667777ull);
    t_x0(0x93c10420 /* ror x0, x1, #1 */, 1, 0, 0, 0x8000000000000000ull);
    t_x0(0x93c2fc20 /* extr x0, x1, x2, #63 */, 0x1, 0x8000000000000000ull, 0, 0x3);
    t_undef(0x93820420); /* sf=1 N=0 */
}
END_TEST

/* ================================================================ dpreg */

START_TEST(ADD_32_addsub_shift)
{
    t_x0(0x0b021020 /* add w0, w1, w2, lsl #4 */, 1, 0x10000001, 0, 0x11);
    t_x0(0x0b827c20 /* add w0, w1, w2, asr #31 */, 5, 0x80000000, 0, 4);
    t_x0(0x0b427c20 /* add w0, w1, w2, lsr #31 */, 5, 0x80000000, 0, 6);
    t_undef(0x0bc20020); /* shift=11 (ROR) is reserved */
    t_undef(0x0b028020); /* sf=0 imm6<5>=1 */
}
END_TEST

START_TEST(ADD_64_addsub_shift)
{
    t_x0(0x8b821020 /* add x0, x1, x2, asr #4 */, 0, 0x8000000000000000ull, 0, 0xf800000000000000ull);
    t_x0(0x8b42fc20 /* add x0, x1, x2, lsr #63 */, 1, 0x8000000000000000ull, 0, 2);
    t_x0(0x8b02fc20 /* add x0, x1, x2, lsl #63 */, M64, 1, 0, 0x7fffffffffffffffull);
    t_undef(0x8bc20020); /* shift=11 */
}
END_TEST

START_TEST(SUB_32_addsub_shift)
{
    t_x0(0x4b020020 /* sub w0, w1, w2 */, 0, 1, 0, 0xffffffff);
    t_x0(0x4b0207e0 /* neg w0, w2, lsl #1 */, 0, 1, 0, 0xfffffffe);
    t_undef(0x4bc20020); /* shift=11 */
    t_undef(0x4b02fc20); /* sf=0 imm6=63 */
}
END_TEST

START_TEST(SUB_64_addsub_shift)
{
    t_x0(0xcb0207e0 /* neg x0, x2, lsl #1 */, 0, 1, 0, 0xfffffffffffffffeull);
    t_x0(0xcb428020 /* sub x0, x1, x2, lsr #32 */, 0x100000000ull, 0xffffffff00000000ull, 0, 1);
    t_undef(0xcbc20020); /* shift=11 */
}
END_TEST

START_TEST(ADDS_32_addsub_shift)
{
    uint32_t i = 0x2b020020 /* adds w0, w1, w2 */;
    t_flags(i, 0x7fffffff, 1, NONE, 0x80000000, F(1, 0, 0, 1));
    t_flags(i, 0xffffffff, 1, NONE, 0, F(0, 1, 1, 0));
    t_flags(i, 0x80000000, 0x80000000, NONE, 0, F(0, 1, 1, 1));
    t_flags(i, 0xffffffff, 0xffffffff, NONE, 0xfffffffe, F(1, 0, 1, 0));
    t_flags(0x2b02043f /* cmn w1, w2, lsl #1 */, 0x7ffffffe, 1, NONE, SENTINEL, F(1, 0, 0, 1));
    t_undef(0x2bc20020); /* shift=11 */
}
END_TEST

START_TEST(ADDS_64_addsub_shift)
{
    uint32_t i = 0xab020020 /* adds x0, x1, x2 */;
    t_flags(i, 0x7fffffffffffffffull, 1, NONE, 0x8000000000000000ull, F(1, 0, 0, 1));
    t_flags(i, M64, 1, NONE, 0, F(0, 1, 1, 0));
    t_flags(i, 0x8000000000000000ull, 0x8000000000000000ull, NONE, 0, F(0, 1, 1, 1));
    t_flags(i, 0xffffffff, 1, F(1, 1, 1, 1), 0x100000000ull, NONE);
    t_flags(0xab02003f /* cmn x1, x2 */, 1, 2, F(1, 1, 1, 1), SENTINEL, NONE);
}
END_TEST

START_TEST(SUBS_32_addsub_shift)
{
    uint32_t i = 0x6b020020 /* subs w0, w1, w2 */;
    t_flags(i, 0x80000000, 1, NONE, 0x7fffffff, F(0, 0, 1, 1));
    t_flags(i, 1, 2, NONE, 0xffffffff, F(1, 0, 0, 0));
    t_flags(i, 5, 5, NONE, 0, F(0, 1, 1, 0));
    t_flags(i, 0x7fffffff, 0xffffffff, NONE, 0x80000000, F(1, 0, 0, 1));
    t_flags(0x6b0203e0 /* negs w0, w2 */, 0, 0x80000000, NONE, 0x80000000, F(1, 0, 0, 1));
    t_flags(0x6b0203e0 /* negs w0, w2 */, 0, 0, NONE, 0, F(0, 1, 1, 0));
}
END_TEST

START_TEST(SUBS_64_addsub_shift)
{
    uint32_t i = 0xeb020020 /* subs x0, x1, x2 */;
    t_flags(i, 0x8000000000000000ull, 1, NONE, 0x7fffffffffffffffull, F(0, 0, 1, 1));
    t_flags(i, 0x7fffffffffffffffull, M64, NONE, 0x8000000000000000ull, F(1, 0, 0, 1));
    t_flags(i, M64, M64, NONE, 0, F(0, 1, 1, 0));
    t_flags(i, 0, 0x8000000000000000ull, NONE, 0x8000000000000000ull, F(1, 0, 0, 1));
    t_flags(0xeb02003f /* cmp x1, x2 */, 0, 1, NONE, SENTINEL, F(1, 0, 0, 0));
    t_flags(0xeb0203e0 /* negs x0, x2 */, 0, 0x8000000000000000ull, NONE, 0x8000000000000000ull, F(1, 0, 0, 1));
    t_flags(0xeb82fc3f /* cmp x1, x2, asr #63 */, 0, 0x8000000000000000ull, NONE, SENTINEL, F(0, 0, 0, 0));
}
END_TEST

START_TEST(ADD_32_addsub_ext)
{
    t_x0(0x0b222020 /* add w0, w1, w2, uxth */, 1, 0x12345, 0, 0x2346);
    t_x0(0x0b228420 /* add w0, w1, w2, sxtb #1 */, 0, 0x80, 0, 0xffffff00);
    cpu_set_sp(cpu, 0x8000);
    t_x0(0x0b2253e0 /* add w0, wsp, w2, lsl #4 */, 0, 1, 0, 0x8010);
    t_undef(0x0b221420); /* imm3=101 */
}
END_TEST

START_TEST(ADD_64_addsub_ext)
{
    t_x0(0x8b228820 /* add x0, x1, w2, sxtb #2 */, 0x100, 0x80, 0, 0xffffffffffffff00ull);
    t_x0(0x8b224020 /* add x0, x1, w2, uxtw */, 1, 0xffffffff00000005ull, 0, 6);
    t_x0(0x8b22d020 /* add x0, x1, w2, sxtw #4 */, 0, 0xffffffff, 0, 0xfffffffffffffff0ull);
    t_x0(0x8b22f020 /* add x0, x1, x2, sxtx #4 */, 1, 0x1000000000000001ull, 0, 0x11);
    cpu_set_sp(cpu, 0x8000);
    t_x0(0x8b2273e0 /* add x0, sp, x2, lsl #4 */, 0, 1, 0, 0x8010);
    regs(0, 0x100, 0x20, 0, NONE);
    step(0x8b22603f /* add sp, x1, x2 */);
    ck_assert_uint_eq(cpu_get_sp(cpu), 0x120);
    t_undef(0x8b221420); /* imm3=101 */
    t_undef(0x8b221c20); /* imm3=111 */
}
END_TEST

START_TEST(SUB_32_addsub_ext)
{
    t_x0(0x4b22a020 /* sub w0, w1, w2, sxth */, 0, 0x8000, 0, 0x8000);
    t_undef(0x4b221420); /* imm3=101 */
}
END_TEST

START_TEST(SUB_64_addsub_ext)
{
    cpu_set_sp(cpu, 0x8000);
    regs(0, 0, 0x100000002ull, 0, NONE);
    step(0xcb224fff /* sub sp, sp, w2, uxtw #3 */);
    ck_assert_uint_eq(cpu_get_sp(cpu), 0x7ff0);
    t_x0(0xcb220020 /* sub x0, x1, w2, uxtb */, 0x100, 0x1ff, 0, 1);
    t_undef(0xcb221820); /* imm3=110 */
}
END_TEST

START_TEST(ADDS_32_addsub_ext)
{
    t_flags(0x2b220020 /* adds w0, w1, w2, uxtb */, 0xffffffff, 0x101, NONE, 0, F(0, 1, 1, 0));
    t_flags(0x2b22a03f /* cmn w1, w2, sxth */, 0x80000000, 0xffff, NONE, SENTINEL, F(0, 0, 1, 1));
    t_undef(0x2b221420); /* imm3=101 */
}
END_TEST

START_TEST(ADDS_64_addsub_ext)
{
    t_flags(0xab22c020 /* adds x0, x1, w2, sxtw */, 0x8000000000000000ull, 0xffffffff, NONE, 0x7fffffffffffffffull,
            F(0, 0, 1, 1));
    cpu_set_sp(cpu, 0x8000);
    t_flags(0xab2263e0 /* adds x0, sp, x2 */, 0, 0x10, F(1, 1, 1, 1), 0x8010, NONE);
    t_undef(0xab221420); /* imm3=101 */
}
END_TEST

START_TEST(SUBS_32_addsub_ext)
{
    t_flags(0x6b228020 /* subs w0, w1, w2, sxtb */, 0, 0xff, NONE, 1, NONE);
    t_flags(0x6b22003f /* cmp w1, w2, uxtb */, 0xff, 0x1ff, NONE, SENTINEL, F(0, 1, 1, 0));
    t_undef(0x6b221420); /* imm3=101 */
}
END_TEST

START_TEST(SUBS_64_addsub_ext)
{
    cpu_set_sp(cpu, 0x8000);
    t_flags(0xeb226be0 /* subs x0, sp, x2, lsl #2 */, 0, 0x2000, NONE, 0, F(0, 1, 1, 0));
    t_flags(0xeb22403f /* cmp x1, w2, uxtw */, 0xffffffff, 0xffffffff00000000ull, NONE, SENTINEL, F(0, 0, 1, 0));
    t_undef(0xeb221420); /* imm3=101 */
}
END_TEST

START_TEST(AND_32_log_shift)
{
    t_x0(0x0a421020 /* and w0, w1, w2, lsr #4 */, 0xffffffff, 0xf0f0f0f0, 0, 0x0f0f0f0f);
    t_x0(0x0ac21020 /* and w0, w1, w2, ror #4 */, 0xffffffff, 0x1, 0, 0x10000000);
    t_undef(0x0a028020); /* sf=0 imm6<5>=1 */
}
END_TEST

START_TEST(AND_64_log_shift)
{
    t_x0(0x8ac22020 /* and x0, x1, x2, ror #8 */, M64, 0xff, 0, 0xff00000000000000ull);
    t_x0(0x8a82fc20 /* and x0, x1, x2, asr #63 */, 0x1234, 0x8000000000000000ull, 0, 0x1234);
}
END_TEST

START_TEST(BIC_32_log_shift)
{
    t_x0(0x0a220020 /* bic w0, w1, w2 */, 0xff, 0x0f, 0, 0xf0);
    t_undef(0x0a228020); /* sf=0 imm6<5>=1 */
}
END_TEST

START_TEST(BIC_64_log_shift)
{
    t_x0(0x8a22f020 /* bic x0, x1, x2, lsl #60 */, M64, 1, 0, 0xefffffffffffffffull);
}
END_TEST

START_TEST(ORR_32_log_shift)
{
    t_x0(0x2a0203e0 /* mov w0, w2 */, 0, 0xaaaaaaaa12345678ull, 0, 0x12345678);
    t_x0(0x2a027c20 /* orr w0, w1, w2, lsl #31 */, 1, 1, 0, 0x80000001);
    t_undef(0x2a028020); /* sf=0 imm6<5>=1 */
}
END_TEST

START_TEST(ORR_64_log_shift)
{
    t_x0(0xaa82fc20 /* orr x0, x1, x2, asr #63 */, 1, 0x8000000000000000ull, 0, M64);
    t_x0(0xaa0203e0 /* mov x0, x2 */, 0, 0x123456789abcdef0ull, 0, 0x123456789abcdef0ull);
}
END_TEST

START_TEST(ORN_32_log_shift)
{
    t_x0(0x2a2203e0 /* mvn w0, w2 */, 0, 0, 0, 0xffffffff);
    t_x0(0x2a224020 /* orn w0, w1, w2, lsl #16 */, 0, 0xffff, 0, 0x0000ffff);
}
END_TEST

START_TEST(ORN_64_log_shift)
{
    t_x0(0xaa220020 /* orn x0, x1, x2 */, 1, M64, 0, 1);
    t_x0(0xaae207e0 /* mvn x0, x2, ror #1 */, 0, 1, 0, 0x7fffffffffffffffull);
}
END_TEST

START_TEST(EOR_32_log_shift)
{
    t_x0(0x4ac24020 /* eor w0, w1, w2, ror #16 */, 0, 0x12345678, 0, 0x56781234);
}
END_TEST

START_TEST(EOR_64_log_shift)
{
    t_x0(0xca020020 /* eor x0, x1, x2 */, 0xff00ff00ff00ff00ull, 0x0ff00ff00ff00ff0ull, 0, 0xf0f0f0f0f0f0f0f0ull);
}
END_TEST

START_TEST(EON_32_log_shift)
{
    t_x0(0x4a220020 /* eon w0, w1, w2 */, 0xffffffff, 0xff, 0, 0xff);
}
END_TEST

START_TEST(EON_64_log_shift)
{
    t_x0(0xca220020 /* eon x0, x1, x2 */, 0, 0, 0, M64);
}
END_TEST

START_TEST(ANDS_32_log_shift)
{
    t_flags(0x6a020020 /* ands w0, w1, w2 */, 0x80000001, 0x80000000, F(0, 1, 1, 1), 0x80000000, F(1, 0, 0, 0));
    t_flags(0x6a02003f /* tst w1, w2 */, 1, 2, F(1, 0, 1, 1), SENTINEL, F(0, 1, 0, 0));
    t_undef(0x6a028020); /* sf=0 imm6<5>=1 */
}
END_TEST

START_TEST(ANDS_64_log_shift)
{
    t_flags(0xea02fc20 /* ands x0, x1, x2, lsl #63 */, M64, 1, F(0, 1, 1, 1), 0x8000000000000000ull, F(1, 0, 0, 0));
    t_flags(0xeac2043f /* tst x1, x2, ror #1 */, 0x8000000000000000ull, 1, NONE, SENTINEL, F(1, 0, 0, 0));
}
END_TEST

START_TEST(BICS_32_log_shift)
{
    t_flags(0x6a220020 /* bics w0, w1, w2 */, 0xf, 0xf, F(1, 0, 1, 1), 0, F(0, 1, 0, 0));
}
END_TEST

START_TEST(BICS_64_log_shift)
{
    t_flags(0xea220020 /* bics x0, x1, x2 */, 0x8000000000000000ull, 0, F(0, 1, 1, 1), 0x8000000000000000ull, F(1, 0, 0, 0));
}
END_TEST

START_TEST(CSEL_32_condsel)
{
    uint32_t i = 0x1a820020 /* csel w0, w1, w2, eq */;
    t_cond(i, 0xffffffff11111111ull, 0x22222222, F(0, 1, 0, 0), 0x11111111);
    t_cond(i, 0xffffffff11111111ull, 0x22222222, F(1, 0, 1, 1), 0x22222222);
}
END_TEST

START_TEST(CSEL_64_condsel)
{
    uint32_t i = 0x9a82b020 /* csel x0, x1, x2, lt */;
    t_cond(i, 1, 2, F(1, 0, 0, 0), 1);
    t_cond(i, 1, 2, F(0, 0, 0, 1), 1);
    t_cond(i, 1, 2, F(1, 0, 0, 1), 2);
    t_cond(0x9a82c020 /* csel x0, x1, x2, gt */, 1, 2, F(0, 1, 0, 0), 2);
    t_cond(0x9a82c020 /* csel x0, x1, x2, gt */, 1, 2, F(0, 0, 0, 0), 1);
    t_cond(0x9a828020 /* csel x0, x1, x2, hi */, 1, 2, F(0, 0, 1, 0), 1);
    t_cond(0x9a828020 /* csel x0, x1, x2, hi */, 1, 2, F(0, 1, 1, 0), 2);
    t_cond(0x9a82e020 /* csel x0, x1, x2, al */, 1, 2, NONE, 1);
    t_cond(0x9a82f020 /* csel x0, x1, x2, nv */, 1, 2, NONE, 1);
}
END_TEST

START_TEST(CSINC_32_condsel)
{
    uint32_t i = 0x1a9f07e0 /* cset w0, ne */;
    t_cond(i, 0, 0, F(0, 1, 0, 0), 0);
    t_cond(i, 0, 0, F(0, 0, 0, 0), 1);
    t_cond(0x1a813420 /* cinc w0, w1, cs */, 0xffffffff, 0, F(0, 0, 1, 0), 0);
    t_cond(0x1a813420 /* cinc w0, w1, cs */, 0xffffffff, 0, NONE, 0xffffffff);
}
END_TEST

START_TEST(CSINC_64_condsel)
{
    uint32_t i = 0x9a828420 /* csinc x0, x1, x2, hi */;
    t_cond(i, 7, M64, F(0, 0, 1, 0), 7);
    t_cond(i, 7, M64, F(0, 1, 1, 0), 0);
    t_cond(0x9a9f77e0 /* cset x0, vs */, 0, 0, F(0, 0, 0, 1), 1);
}
END_TEST

START_TEST(CSINV_32_condsel)
{
    uint32_t i = 0x5a9f33e0 /* csetm w0, cs */;
    t_cond(i, 0, 0, F(0, 0, 1, 0), 0xffffffff);
    t_cond(i, 0, 0, NONE, 0);
}
END_TEST

START_TEST(CSINV_64_condsel)
{
    uint32_t i = 0xda82a020 /* csinv x0, x1, x2, ge */;
    t_cond(i, 5, 0x0f, F(1, 0, 0, 1), 5);
    t_cond(i, 5, 0x0f, F(1, 0, 0, 0), 0xfffffffffffffff0ull);
    t_cond(0xda81c020 /* cinv x0, x1, le */, 5, 0, F(0, 0, 0, 0), 5);
    t_cond(0xda81c020 /* cinv x0, x1, le */, 5, 0, F(0, 1, 0, 0), 0xfffffffffffffffaull);
}
END_TEST

START_TEST(CSNEG_32_condsel)
{
    uint32_t i = 0x5a815420 /* cneg w0, w1, mi */;
    t_cond(i, 5, 0, F(1, 0, 0, 0), 0xfffffffb);
    t_cond(i, 5, 0, NONE, 5);
    t_cond(i, 0x80000000, 0, F(1, 0, 0, 0), 0x80000000);
}
END_TEST

START_TEST(CSNEG_64_condsel)
{
    t_cond(0xda82f420 /* csneg x0, x1, x2, nv */, 1, 2, NONE, 1);
    t_cond(0xda825420 /* csneg x0, x1, x2, pl */, 1, 2, F(1, 0, 0, 0), 0xfffffffffffffffeull);
    t_cond(0xda829420 /* csneg x0, x1, x2, ls */, 1, 2, F(0, 0, 1, 0), 0xfffffffffffffffeull);
}
END_TEST

START_TEST(CCMP_32_condcmp_imm)
{
    uint32_t i = 0x7a450822 /* ccmp w1, #0x5, #0x2, eq */;
    t_flags(i, 5, 0, F(0, 1, 0, 0), SENTINEL, F(0, 1, 1, 0));
    t_flags(i, 5, 0, F(0, 0, 0, 0), SENTINEL, F(0, 0, 1, 0));
    t_flags(0x7a41e820 /* ccmp w1, #0x1, #0x0, al */, 0x80000000, 0, NONE, SENTINEL, F(0, 0, 1, 1));
}
END_TEST

START_TEST(CCMP_64_condcmp_imm)
{
    uint32_t i = 0xfa5f182f /* ccmp x1, #0x1f, #0xf, ne */;
    t_flags(i, 0, 0, NONE, SENTINEL, F(1, 0, 0, 0));
    t_flags(i, 0, 0, F(0, 1, 0, 0), SENTINEL, F(1, 1, 1, 1));
    t_flags(0xfa41f820 /* ccmp x1, #0x1, #0x0, nv */, 0x8000000000000000ull, 0, NONE, SENTINEL, F(0, 0, 1, 1));
}
END_TEST

START_TEST(CCMP_32_condcmp_reg)
{
    uint32_t i = 0x7a42a02f /* ccmp w1, w2, #0xf, ge */;
    t_flags(i, 0x80000000, 1, NONE, SENTINEL, F(0, 0, 1, 1));
    t_flags(i, 0x80000000, 1, F(1, 0, 0, 0), SENTINEL, F(1, 1, 1, 1));
}
END_TEST

START_TEST(CCMP_64_condcmp_reg)
{
    uint32_t i = 0xfa423020 /* ccmp x1, x2, #0x0, cc */;
    t_flags(i, 1, 2, NONE, SENTINEL, F(1, 0, 0, 0));
    t_flags(i, 1, 2, F(0, 1, 1, 0), SENTINEL, NONE);
    t_flags(i, 0x7fffffffffffffffull, M64, F(0, 0, 0, 1), SENTINEL, F(1, 0, 0, 1));
}
END_TEST

START_TEST(CCMN_32_condcmp_imm)
{
    t_flags(0x3a41e820 /* ccmn w1, #0x1, #0x0, al */, 0xffffffff, 0, NONE, SENTINEL, F(0, 1, 1, 0));
    t_flags(0x3a5f4828 /* ccmn w1, #0x1f, #0x8, mi */, 1, 0, NONE, SENTINEL, F(1, 0, 0, 0));
    t_flags(0x3a5f4828 /* ccmn w1, #0x1f, #0x8, mi */, 1, 0, F(1, 0, 0, 0), SENTINEL, NONE);
}
END_TEST

START_TEST(CCMN_64_condcmp_imm)
{
    t_flags(0xba417824 /* ccmn x1, #0x1, #0x4, vc */, 0x7fffffffffffffffull, 0, NONE, SENTINEL, F(1, 0, 0, 1));
    t_flags(0xba417824 /* ccmn x1, #0x1, #0x4, vc */, 0x7fffffffffffffffull, 0, F(0, 0, 0, 1), SENTINEL, F(0, 1, 0, 0));
}
END_TEST

START_TEST(CCMN_32_condcmp_reg)
{
    uint32_t i = 0x3a426024 /* ccmn w1, w2, #0x4, vs */;
    t_flags(i, 0x7fffffff, 1, F(0, 0, 0, 1), SENTINEL, F(1, 0, 0, 1));
    t_flags(i, 0x7fffffff, 1, NONE, SENTINEL, F(0, 1, 0, 0));
}
END_TEST

START_TEST(CCMN_64_condcmp_reg)
{
    uint32_t i = 0xba420020 /* ccmn x1, x2, #0x0, eq */;
    t_flags(i, M64, 1, F(0, 1, 0, 0), SENTINEL, F(0, 1, 1, 0));
    t_flags(i, 0x8000000000000000ull, 0x8000000000000000ull, F(0, 1, 0, 0), SENTINEL, F(0, 1, 1, 1));
}
END_TEST

START_TEST(MADD_32A_dp_3src)
{
    t_x0(0x1b020c20 /* madd w0, w1, w2, w3 */, 3, 4, 5, 17);
    t_x0(0x1b020c20 /* madd w0, w1, w2, w3 */, 0x10000, 0x10000, 1, 1);
    t_x0(0x1b027c20 /* mul w0, w1, w2 */, 0xffffffff, 0xffffffff, 0, 1);
}
END_TEST

START_TEST(MADD_64A_dp_3src)
{
    t_x0(0x9b027c20 /* mul x0, x1, x2 */, 0x100000000ull, 0x100000000ull, 0, 0);
    t_x0(0x9b027c20 /* mul x0, x1, x2 */, M64, 2, 0, 0xfffffffffffffffeull);
    t_x0(0x9b020c20 /* madd x0, x1, x2, x3 */, 0x100000000ull, 0x10, M64, 0xfffffffffull);
}
END_TEST

START_TEST(MSUB_32A_dp_3src)
{
    t_x0(0x1b028c20 /* msub w0, w1, w2, w3 */, 3, 4, 5, 0xfffffff9);
    t_x0(0x1b02fc20 /* mneg w0, w1, w2 */, 0xffffffff, 1, 0, 1);
}
END_TEST

START_TEST(MSUB_64A_dp_3src)
{
    t_x0(0x9b02fc20 /* mneg x0, x1, x2 */, 3, 4, 0, 0xfffffffffffffff4ull);
    t_x0(0x9b028c20 /* msub x0, x1, x2, x3 */, 2, 3, 100, 94);
}
END_TEST

START_TEST(SMADDL_64WA_dp_3src)
{
    t_x0(0x9b220c20 /* smaddl x0, w1, w2, x3 */, 0x12345678ffffffffull, 2, 10, 8);
    t_x0(0x9b227c20 /* smull x0, w1, w2 */, 0x80000000, 0x80000000, 0, 0x4000000000000000ull);
    t_x0(0x9b227c20 /* smull x0, w1, w2 */, 0x80000000, 0x7fffffff, 0, 0xc000000080000000ull);
}
END_TEST

START_TEST(SMSUBL_64WA_dp_3src)
{
    t_x0(0x9b22fc20 /* smnegl x0, w1, w2 */, 0x80000000, 0x80000000, 0, 0xc000000000000000ull);
    t_x0(0x9b228c20 /* smsubl x0, w1, w2, x3 */, 0xffffffff, 0xffffffff, 0, M64);
}
END_TEST

START_TEST(UMADDL_64WA_dp_3src)
{
    t_x0(0x9ba27c20 /* umull x0, w1, w2 */, 0xabcdef00ffffffffull, 0xffffffff, 0, 0xfffffffe00000001ull);
    t_x0(0x9ba20c20 /* umaddl x0, w1, w2, x3 */, 0xffffffff, 1, 1, 0x100000000ull);
}
END_TEST

START_TEST(UMSUBL_64WA_dp_3src)
{
    t_x0(0x9ba28c20 /* umsubl x0, w1, w2, x3 */, 1, 1, 0, M64);
    t_x0(0x9ba2fc20 /* umnegl x0, w1, w2 */, 0xffffffff, 0xffffffff, 0, 0x1ffffffffull);
}
END_TEST

START_TEST(SMULH_64_dp_3src)
{
    uint32_t i = 0x9b427c20 /* smulh x0, x1, x2 */;
    t_x0(i, M64, M64, 0, 0);
    t_x0(i, 0x8000000000000000ull, 0x8000000000000000ull, 0, 0x4000000000000000ull);
    t_x0(i, M64, 1, 0, M64);
    t_x0(i, 0x7fffffffffffffffull, 0x7fffffffffffffffull, 0, 0x3fffffffffffffffull);
}
END_TEST

START_TEST(UMULH_64_dp_3src)
{
    uint32_t i = 0x9bc27c20 /* umulh x0, x1, x2 */;
    t_x0(i, M64, M64, 0, 0xfffffffffffffffeull);
    t_x0(i, 0x100000000ull, 0x100000000ull, 0, 1);
    t_x0(i, M64, 1, 0, 0);
}
END_TEST

START_TEST(UDIV_32_dp_2src)
{
    uint32_t i = 0x1ac20820 /* udiv w0, w1, w2 */;
    t_x0(i, 0xffffffff, 2, 0, 0x7fffffff);
    t_x0(i, 0xffffffff, 0, 0, 0);
    t_x0(i, 7, 0x100000003ull, 0, 2);
}
END_TEST

START_TEST(UDIV_64_dp_2src)
{
    uint32_t i = 0x9ac20820 /* udiv x0, x1, x2 */;
    t_x0(i, M64, 0x10, 0, 0x0fffffffffffffffull);
    t_x0(i, M64, 0, 0, 0);
}
END_TEST

START_TEST(SDIV_32_dp_2src)
{
    uint32_t i = 0x1ac20c20 /* sdiv w0, w1, w2 */;
    t_x0(i, 0x80000000, 0xffffffff, 0, 0x80000000);
    t_x0(i, 0xfffffff9, 2, 0, 0xfffffffd);
    t_x0(i, 7, 0xfffffffe, 0, 0xfffffffd);
    t_x0(i, 7, 0, 0, 0);
}
END_TEST

START_TEST(SDIV_64_dp_2src)
{
    uint32_t i = 0x9ac20c20 /* sdiv x0, x1, x2 */;
    t_x0(i, 0x8000000000000000ull, M64, 0, 0x8000000000000000ull);
    t_x0(i, 7, 0xfffffffffffffffeull, 0, 0xfffffffffffffffdull);
    t_x0(i, M64, 0, 0, 0);
}
END_TEST

START_TEST(LSLV_32_dp_2src)
{
    t_x0(0x1ac22020 /* lsl w0, w1, w2 */, 1, 33, 0, 2);
    t_x0(0x1ac22020 /* lsl w0, w1, w2 */, 0xffffffff, 31, 0, 0x80000000);
}
END_TEST

START_TEST(LSLV_64_dp_2src)
{
    t_x0(0x9ac22020 /* lsl x0, x1, x2 */, 1, 68, 0, 0x10);
}
END_TEST

START_TEST(LSRV_32_dp_2src)
{
    t_x0(0x1ac22420 /* lsr w0, w1, w2 */, 0x80000000, 31, 0, 1);
    t_x0(0x1ac22420 /* lsr w0, w1, w2 */, 0xffffffff80000000ull, 32, 0, 0x80000000);
}
END_TEST

START_TEST(LSRV_64_dp_2src)
{
    t_x0(0x9ac22420 /* lsr x0, x1, x2 */, 0x8000000000000000ull, 0x7f, 0, 1);
}
END_TEST

START_TEST(ASRV_32_dp_2src)
{
    t_x0(0x1ac22820 /* asr w0, w1, w2 */, 0x80000000, 4, 0, 0xf8000000);
    t_x0(0x1ac22820 /* asr w0, w1, w2 */, 0x40000000, 0xffffffffffffffffull, 0, 0);
}
END_TEST

START_TEST(ASRV_64_dp_2src)
{
    t_x0(0x9ac22820 /* asr x0, x1, x2 */, 0x8000000000000000ull, 0xff, 0, M64);
}
END_TEST

START_TEST(RORV_32_dp_2src)
{
    t_x0(0x1ac22c20 /* ror w0, w1, w2 */, 0x12345678, 8, 0, 0x78123456);
    t_x0(0x1ac22c20 /* ror w0, w1, w2 */, 0x12345678, 32, 0, 0x12345678);
}
END_TEST

START_TEST(RORV_64_dp_2src)
{
    t_x0(0x9ac22c20 /* ror x0, x1, x2 */, 1, 1, 0, 0x8000000000000000ull);
    t_x0(0x9ac22c20 /* ror x0, x1, x2 */, 0x0123456789abcdefull, 68, 0, 0xf0123456789abcdeull);
}
END_TEST

START_TEST(CLZ_32_dp_1src)
{
    t_x0(0x5ac01020 /* clz w0, w1 */, 0x00010000, 0, 0, 15);
    t_x0(0x5ac01020 /* clz w0, w1 */, 0xffffffff00000000ull, 0, 0, 32);
    t_x0(0x5ac01020 /* clz w0, w1 */, 0x80000000, 0, 0, 0);
}
END_TEST

START_TEST(CLZ_64_dp_1src)
{
    t_x0(0xdac01020 /* clz x0, x1 */, 0, 0, 0, 64);
    t_x0(0xdac01020 /* clz x0, x1 */, 1, 0, 0, 63);
}
END_TEST

START_TEST(CLS_32_dp_1src)
{
    t_x0(0x5ac01420 /* cls w0, w1 */, 0xffffffff, 0, 0, 31);
    t_x0(0x5ac01420 /* cls w0, w1 */, 0x00ffffff, 0, 0, 7);
    t_x0(0x5ac01420 /* cls w0, w1 */, 0x80000000, 0, 0, 0);
}
END_TEST

START_TEST(CLS_64_dp_1src)
{
    t_x0(0xdac01420 /* cls x0, x1 */, 0, 0, 0, 63);
    t_x0(0xdac01420 /* cls x0, x1 */, 0xc000000000000000ull, 0, 0, 1);
}
END_TEST

START_TEST(RBIT_32_dp_1src)
{
    t_x0(0x5ac00020 /* rbit w0, w1 */, 0xffffffff00000001ull, 0, 0, 0x80000000);
    t_x0(0x5ac00020 /* rbit w0, w1 */, 0x12345678, 0, 0, 0x1e6a2c48);
}
END_TEST

START_TEST(RBIT_64_dp_1src)
{
    t_x0(0xdac00020 /* rbit x0, x1 */, 3, 0, 0, 0xc000000000000000ull);
}
END_TEST

START_TEST(REV16_32_dp_1src)
{
    t_x0(0x5ac00420 /* rev16 w0, w1 */, 0xffffffff11223344ull, 0, 0, 0x22114433);
}
END_TEST

START_TEST(REV16_64_dp_1src)
{
    t_x0(0xdac00420 /* rev16 x0, x1 */, 0x1122334455667788ull, 0, 0, 0x2211443366558877ull);
}
END_TEST

START_TEST(REV32_64_dp_1src)
{
    t_x0(0xdac00820 /* rev32 x0, x1 */, 0x1122334455667788ull, 0, 0, 0x4433221188776655ull);
}
END_TEST

START_TEST(REV_32_dp_1src)
{
    t_x0(0x5ac00820 /* rev w0, w1 */, 0xffffffff11223344ull, 0, 0, 0x44332211);
    t_undef(0x5ac00c20); /* sf=0 opc=11: there is no 32-bit REV64 */
}
END_TEST

START_TEST(REV_64_dp_1src)
{
    t_x0(0xdac00c20 /* rev x0, x1 */, 0x1122334455667788ull, 0, 0, 0x8877665544332211ull);
}
END_TEST

/* Writes to the zero register are discarded. */
START_TEST(zero_register_destination)
{
    regs(SENTINEL, 5, 6, 0, NONE);
    step(0x8b02003f /* add xzr, x1, x2 */);
    step(0x9b027c3f /* mul xzr, x1, x2 */);
    step(0x9a82003f /* csel xzr, x1, x2, eq */);
    ck_assert_uint_eq(cpu_get_x(cpu, 0), SENTINEL);
    ck_assert_uint_eq(cpu_get_x(cpu, 1), 5);
    ck_assert_uint_eq(cpu_get_x(cpu, 2), 6);
}
END_TEST

#define ADD(tc, name) tcase_add_test(tc, name)

static Suite *suite(void)
{
    Suite *s = suite_create("exec_dp");
    TCase *imm = tcase_create("dpimm");
    tcase_add_checked_fixture(imm, setup, teardown);
    ADD(imm, SUB_32_addsub_imm); ADD(imm, SUB_64_addsub_imm);
    ADD(imm, ADDS_32_addsub_imm); ADD(imm, ADDS_64_addsub_imm);
    ADD(imm, SUBS_32_addsub_imm); ADD(imm, SUBS_64_addsub_imm);
    ADD(imm, AND_32_log_imm); ADD(imm, AND_64_log_imm);
    ADD(imm, ORR_32_log_imm); ADD(imm, ORR_64_log_imm);
    ADD(imm, EOR_32_log_imm); ADD(imm, EOR_64_log_imm);
    ADD(imm, ANDS_32_log_imm); ADD(imm, ANDS_64_log_imm);
    ADD(imm, MOVZ_32_movewide); ADD(imm, MOVZ_64_movewide);
    ADD(imm, MOVN_32_movewide); ADD(imm, MOVN_64_movewide);
    ADD(imm, MOVK_32_movewide); ADD(imm, MOVK_64_movewide);
    ADD(imm, ADR_only_pcreladdr); ADD(imm, ADRP_only_pcreladdr);
    ADD(imm, SBFM_32M_bitfield); ADD(imm, SBFM_64M_bitfield);
    ADD(imm, BFM_32M_bitfield); ADD(imm, BFM_64M_bitfield);
    ADD(imm, UBFM_32M_bitfield); ADD(imm, UBFM_64M_bitfield);
    ADD(imm, EXTR_32_extract); ADD(imm, EXTR_64_extract);
    suite_add_tcase(s, imm);

    TCase *reg = tcase_create("dpreg");
    tcase_add_checked_fixture(reg, setup, teardown);
    ADD(reg, ADD_32_addsub_shift); ADD(reg, ADD_64_addsub_shift);
    ADD(reg, SUB_32_addsub_shift); ADD(reg, SUB_64_addsub_shift);
    ADD(reg, ADDS_32_addsub_shift); ADD(reg, ADDS_64_addsub_shift);
    ADD(reg, SUBS_32_addsub_shift); ADD(reg, SUBS_64_addsub_shift);
    ADD(reg, ADD_32_addsub_ext); ADD(reg, ADD_64_addsub_ext);
    ADD(reg, SUB_32_addsub_ext); ADD(reg, SUB_64_addsub_ext);
    ADD(reg, ADDS_32_addsub_ext); ADD(reg, ADDS_64_addsub_ext);
    ADD(reg, SUBS_32_addsub_ext); ADD(reg, SUBS_64_addsub_ext);
    ADD(reg, AND_32_log_shift); ADD(reg, AND_64_log_shift);
    ADD(reg, BIC_32_log_shift); ADD(reg, BIC_64_log_shift);
    ADD(reg, ORR_32_log_shift); ADD(reg, ORR_64_log_shift);
    ADD(reg, ORN_32_log_shift); ADD(reg, ORN_64_log_shift);
    ADD(reg, EOR_32_log_shift); ADD(reg, EOR_64_log_shift);
    ADD(reg, EON_32_log_shift); ADD(reg, EON_64_log_shift);
    ADD(reg, ANDS_32_log_shift); ADD(reg, ANDS_64_log_shift);
    ADD(reg, BICS_32_log_shift); ADD(reg, BICS_64_log_shift);
    ADD(reg, CSEL_32_condsel); ADD(reg, CSEL_64_condsel);
    ADD(reg, CSINC_32_condsel); ADD(reg, CSINC_64_condsel);
    ADD(reg, CSINV_32_condsel); ADD(reg, CSINV_64_condsel);
    ADD(reg, CSNEG_32_condsel); ADD(reg, CSNEG_64_condsel);
    ADD(reg, CCMP_32_condcmp_imm); ADD(reg, CCMP_64_condcmp_imm);
    ADD(reg, CCMP_32_condcmp_reg); ADD(reg, CCMP_64_condcmp_reg);
    ADD(reg, CCMN_32_condcmp_imm); ADD(reg, CCMN_64_condcmp_imm);
    ADD(reg, CCMN_32_condcmp_reg); ADD(reg, CCMN_64_condcmp_reg);
    ADD(reg, MADD_32A_dp_3src); ADD(reg, MADD_64A_dp_3src);
    ADD(reg, MSUB_32A_dp_3src); ADD(reg, MSUB_64A_dp_3src);
    ADD(reg, SMADDL_64WA_dp_3src); ADD(reg, SMSUBL_64WA_dp_3src);
    ADD(reg, UMADDL_64WA_dp_3src); ADD(reg, UMSUBL_64WA_dp_3src);
    ADD(reg, SMULH_64_dp_3src); ADD(reg, UMULH_64_dp_3src);
    ADD(reg, UDIV_32_dp_2src); ADD(reg, UDIV_64_dp_2src);
    ADD(reg, SDIV_32_dp_2src); ADD(reg, SDIV_64_dp_2src);
    ADD(reg, LSLV_32_dp_2src); ADD(reg, LSLV_64_dp_2src);
    ADD(reg, LSRV_32_dp_2src); ADD(reg, LSRV_64_dp_2src);
    ADD(reg, ASRV_32_dp_2src); ADD(reg, ASRV_64_dp_2src);
    ADD(reg, RORV_32_dp_2src); ADD(reg, RORV_64_dp_2src);
    ADD(reg, CLZ_32_dp_1src); ADD(reg, CLZ_64_dp_1src);
    ADD(reg, CLS_32_dp_1src); ADD(reg, CLS_64_dp_1src);
    ADD(reg, RBIT_32_dp_1src); ADD(reg, RBIT_64_dp_1src);
    ADD(reg, REV16_32_dp_1src); ADD(reg, REV16_64_dp_1src);
    ADD(reg, REV32_64_dp_1src);
    ADD(reg, REV_32_dp_1src); ADD(reg, REV_64_dp_1src);
    ADD(reg, zero_register_destination);
    suite_add_tcase(s, reg);
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
