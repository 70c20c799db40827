/* Check suite for the remaining general-purpose data-processing pages:
 * ADC/ADCS/SBC/SBCS (NGC/NGCS), CRC32{B,H,W,X} and CRC32C{B,H,W,X} (FEAT_CRC32), RMIF/SETF8/
 * SETF16 (FEAT_FlagM), ABS/CNT/CTZ/SMAX/SMIN/UMAX/UMIN (FEAT_CSSC), BC.cond
 * (FEAT_HBC) and the register-only MTE instructions ADDG/SUBG/IRG/GMI/SUBP/
 * SUBPS (FEAT_MTE). Each encoding runs on a CPU and its registers and flags
 * are compared with values computed by hand from the Arm ARM (the CRC tests
 * use the published check values of CRC-32 and CRC-32C). Instruction words
 * come from aarch64-linux-gnu-as 2.40 -march=armv8.8-a+cssc+memtag; the
 * assembly is in the comment. Test cases are named by spec id. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>

#include "cpu.h"
#include "cpu_model.h"
#include "guest_mem.h"

#define CODE 0x10000ull
#define CODE_SIZE 0x10000ull
#define SENTINEL 0xdeadbeefcafef00dull
/* NZCV as MRS NZCV returns it */
#define F(n, z, c, v) ((uint32_t)((n) << 31 | (z) << 30 | (c) << 29 | (uint32_t)(v) << 28))
#define NONE F(0, 0, 0, 0)
#define M64 0xffffffffffffffffull
#define C1 F(0, 0, 1, 0) /* only C set: carry in 1 / "no borrow" */

static Cpu *cpu;
static GuestMem *mem;
static uint64_t next_pc;

static void setup_model(const char *model)
{
    mem = guest_mem_new();
    ck_assert(guest_mem_map(mem, CODE, CODE_SIZE, GUEST_PROT_READ | GUEST_PROT_EXEC));
    cpu = cpu_new(model);
    ck_assert_ptr_nonnull(cpu);
    cpu_set_mem(cpu, mem);
    /* as a process that enabled tags with prctl(): no tag excluded (user
     * mode starts with Linux's default, every tag excluded) */
    ck_assert(cpu_set_sysreg(cpu, "GCR_EL1", 0));
    next_pc = CODE + 0x100; /* room for backward branches */
}

static void setup(void) { setup_model("max"); }
static void setup_a57(void) { setup_model("cortex-a57"); }

static void teardown(void)
{
    cpu_free(cpu);
    guest_mem_free(mem);
}

/* Place `insn` at a fresh address and run it once; returns its address.
 * The instruction must not branch. */
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

static void regs(uint64_t x0, uint64_t x1, uint64_t x2, uint32_t nzcv)
{
    cpu_set_x(cpu, 0, x0);
    cpu_set_x(cpu, 1, x1);
    cpu_set_x(cpu, 2, x2);
    cpu_set_nzcv(cpu, nzcv);
}

#define CHECK_X0(insn, want)                                                                                          \
    ck_assert_msg(cpu_get_x(cpu, 0) == (want), "insn %08x: x0 = %016llx, want %016llx", (insn),                     \
                  (unsigned long long)cpu_get_x(cpu, 0), (unsigned long long)(want))
#define CHECK_NZCV(insn, want)                                                                                        \
    ck_assert_msg(cpu_get_nzcv(cpu) == (want), "insn %08x: nzcv = %08x, want %08x", (insn), cpu_get_nzcv(cpu),      \
                  (unsigned)(want))

/* x0 = f(x1, x2) under flags nzcv_in; then x0 and NZCV (want_nzcv ==
 * nzcv_in for instructions that do not set flags). */
static void t_flags(uint32_t insn, uint64_t x1, uint64_t x2, uint32_t nzcv_in, uint64_t want, uint32_t want_nzcv)
{
    regs(SENTINEL, x1, x2, nzcv_in);
    step(insn);
    CHECK_X0(insn, want);
    CHECK_NZCV(insn, want_nzcv);
    ck_assert_uint_eq(cpu_get_x(cpu, 1), x1);
    ck_assert_uint_eq(cpu_get_x(cpu, 2), x2);
}

/* x0 = f(x1, x2); the flags (N and C set beforehand) must not change. */
static void t_x0(uint32_t insn, uint64_t x1, uint64_t x2, uint64_t want)
{
    t_flags(insn, x1, x2, F(1, 0, 1, 0), want, F(1, 0, 1, 0));
}

/* Flags only: NZCV after `insn` with x1 and the flags given. */
static void t_nzcv(uint32_t insn, uint64_t x1, uint32_t nzcv_in, uint32_t want_nzcv)
{
    t_flags(insn, x1, 0, nzcv_in, SENTINEL, want_nzcv);
}

/* The word must raise UNDEFINED and change nothing. */
static void t_undef(uint32_t insn)
{
    uint64_t pc = next_pc;
    next_pc += 4;
    ck_assert(guest_mem_copy_in(mem, pc, &insn, 4));
    regs(SENTINEL, 1, 2, F(0, 1, 0, 1));
    cpu_set_pc(cpu, pc);
    ck_assert_msg(cpu_run(cpu, 1) == CPU_STOP_EXCEPTION, "insn %08x did not stop", insn);
    ck_assert_msg(cpu_exception(cpu)->kind == CPU_EXC_UNDEFINED, "insn %08x: exception kind %d", insn,
                  (int)cpu_exception(cpu)->kind);
    ck_assert_uint_eq(cpu_exception(cpu)->pc, pc);
    ck_assert_uint_eq(cpu_get_x(cpu, 0), SENTINEL);
    ck_assert_uint_eq(cpu_get_nzcv(cpu), F(0, 1, 0, 1));
}

/* ============================================================ carry */

START_TEST(ADC_32_addsub_carry)
{
    const uint32_t i = 0x1a020020; /* adc w0, w1, w2 */
    t_flags(i, 1, 2, C1, 4, C1);
    t_flags(i, 1, 2, NONE, 3, NONE);
    /* wraps to 0 in 32 bits; the upper half of x0 is zeroed, inputs' ignored */
    t_flags(i, 0xffffffffull, 0, C1, 0, C1);
    t_flags(i, 0xabcd00007fffffffull, 0x1234000080000000ull, F(0, 1, 0, 1), 0xffffffff, F(0, 1, 0, 1));
}
END_TEST

START_TEST(ADC_64_addsub_carry)
{
    const uint32_t i = 0x9a020020; /* adc x0, x1, x2 */
    t_flags(i, M64, 0, C1, 0, C1);
    t_flags(i, M64, M64, C1, M64, C1);
    t_flags(i, 5, 6, NONE, 11, NONE);
    t_flags(i, 0x8000000000000000ull, 0x7fffffffffffffffull, F(1, 1, 1, 1), 0, F(1, 1, 1, 1));
}
END_TEST

START_TEST(ADCS_32_addsub_carry)
{
    const uint32_t i = 0x3a020020; /* adcs w0, w1, w2 */
    t_flags(i, 0xffffffff, 0, C1, 0, F(0, 1, 1, 0));
    t_flags(i, 0x7fffffff, 0, C1, 0x80000000, F(1, 0, 0, 1));
    t_flags(i, 1, 2, NONE, 3, NONE);
    t_flags(i, 0x80000000, 0x80000000, NONE, 0, F(0, 1, 1, 1));
    t_flags(i, 0xffffffff, 0xffffffff, C1, 0xffffffff, F(1, 0, 1, 0));
}
END_TEST

START_TEST(ADCS_64_addsub_carry)
{
    const uint32_t i = 0xba020020; /* adcs x0, x1, x2 */
    t_flags(i, M64, M64, C1, M64, F(1, 0, 1, 0));
    t_flags(i, 0x7fffffffffffffffull, 0, C1, 0x8000000000000000ull, F(1, 0, 0, 1));
    t_flags(i, 0x8000000000000000ull, 0x8000000000000000ull, NONE, 0, F(0, 1, 1, 1));
    t_flags(i, M64, 0, C1, 0, F(0, 1, 1, 0));
    /* a 128-bit addition: (x2:x1) + (x4:x3) =
     * 0x7fffffffffffffff_ffffffffffffffff + 1 = 0x80000000_00000000_0..0 */
    regs(0, M64, 0x7fffffffffffffffull, NONE);
    cpu_set_x(cpu, 3, 1);
    cpu_set_x(cpu, 4, 0);
    step(0xab030020 /* adds x0, x1, x3 */);
    step(0xba040042 /* adcs x2, x2, x4 */);
    ck_assert_uint_eq(cpu_get_x(cpu, 0), 0);
    ck_assert_uint_eq(cpu_get_x(cpu, 2), 0x8000000000000000ull);
    CHECK_NZCV(0xba040042, F(1, 0, 0, 1));
}
END_TEST

START_TEST(SBC_32_addsub_carry)
{
    const uint32_t i = 0x5a020020; /* sbc w0, w1, w2 */
    t_flags(i, 5, 3, C1, 2, C1);
    t_flags(i, 5, 3, NONE, 1, NONE);
    t_flags(i, 0, 0, NONE, 0xffffffff, NONE);
    t_flags(i, 0xffffffff00000000ull, 0, C1, 0, C1);
    /* ngc w0, w2 = 0 - w2 - NOT(C) */
    t_flags(0x5a0203e0 /* ngc w0, w2 */, 0, 1, C1, 0xffffffff, C1);
    t_flags(0x5a0203e0 /* ngc w0, w2 */, 0, 1, NONE, 0xfffffffe, NONE);
}
END_TEST

START_TEST(SBC_64_addsub_carry)
{
    const uint32_t i = 0xda020020; /* sbc x0, x1, x2 */
    t_flags(i, 0, 0, NONE, M64, NONE);
    t_flags(i, 10, 3, C1, 7, C1);
    t_flags(i, 0x8000000000000000ull, 1, F(0, 1, 1, 0), 0x7fffffffffffffffull, F(0, 1, 1, 0));
}
END_TEST

START_TEST(SBCS_32_addsub_carry)
{
    const uint32_t i = 0x7a020020; /* sbcs w0, w1, w2 */
    t_flags(i, 5, 5, C1, 0, F(0, 1, 1, 0));
    t_flags(i, 5, 5, NONE, 0xffffffff, F(1, 0, 0, 0));
    t_flags(i, 0x80000000, 0, NONE, 0x7fffffff, F(0, 0, 1, 1));
    t_flags(i, 0x7fffffff, 0xffffffff, C1, 0x80000000, F(1, 0, 0, 1));
}
END_TEST

START_TEST(SBCS_64_addsub_carry)
{
    const uint32_t i = 0xfa020020; /* sbcs x0, x1, x2 */
    t_flags(i, 0, 1, C1, M64, F(1, 0, 0, 0));
    t_flags(i, M64, M64, C1, 0, F(0, 1, 1, 0));
    t_flags(i, 0x8000000000000000ull, 0, NONE, 0x7fffffffffffffffull, F(0, 0, 1, 1));
    /* ngcs x0, x2 = 0 - x2 - NOT(C) */
    t_flags(0xfa0203e0 /* ngcs x0, x2 */, 0, 0, C1, 0, F(0, 1, 1, 0));
    t_flags(0xfa0203e0 /* ngcs x0, x2 */, 0, 0, NONE, M64, F(1, 0, 0, 0));
}
END_TEST

/* ============================================================ CRC32 */

/* The CRC check values of the string "123456789": CRC-32 (ISO-HDLC, as
 * zlib) 0xCBF43926 and CRC-32C (Castagnoli, as iSCSI) 0xE3069283, both
 * computed with initial value ~0 and a final inversion. */
static const char check_str[] = "123456789";
#define CRC32_CHECK 0xcbf43926u
#define CRC32C_CHECK 0xe3069283u

/* Fold the 9 check bytes into w0 in chunks of `chunk` bytes with `insn`
 * (crc32{b,h,w,x} w0, w0, w1/x1), the remainder with `insn_b`. The unused
 * upper bits of x1 carry junk that must be ignored. */
static uint32_t crc_check(uint32_t insn, int chunk, uint32_t insn_b)
{
    regs(0x55aa55aa00000000ull | 0xffffffffu, 0, 0, NONE);
    int i = 0;
    for (; i + chunk <= 9; i += chunk) {
        uint64_t v = 0;
        for (int k = 0; k < chunk; k++)
            v |= (uint64_t)(unsigned char)check_str[i + k] << (8 * k);
        if (chunk < 8)
            v |= 0xa5a5a5a5a5a5a5a5ull << (8 * chunk);
        cpu_set_x(cpu, 1, v);
        step(insn);
        ck_assert_uint_eq(cpu_get_x(cpu, 0) >> 32, 0);
    }
    for (; i < 9; i++) {
        cpu_set_x(cpu, 1, 0x1234567812345600ull | (unsigned char)check_str[i]);
        step(insn_b);
        ck_assert_uint_eq(cpu_get_x(cpu, 0) >> 32, 0);
    }
    ck_assert_uint_eq(cpu_get_nzcv(cpu), NONE);
    return ~(uint32_t)cpu_get_x(cpu, 0);
}

START_TEST(CRC32B_32C_dp_2src)
{
    ck_assert_uint_eq(crc_check(0x1ac14000 /* crc32b w0, w0, w1 */, 1, 0x1ac14000), CRC32_CHECK);
    /* one byte 0 into an all-zero accumulator gives 0 (0 mod P) */
    t_x0(0x1ac24020 /* crc32b w0, w1, w2 */, 0, 0xffffff00, 0);
}
END_TEST

START_TEST(CRC32H_32C_dp_2src)
{
    ck_assert_uint_eq(crc_check(0x1ac14400 /* crc32h w0, w0, w1 */, 2, 0x1ac14000 /* crc32b */), CRC32_CHECK);
}
END_TEST

START_TEST(CRC32W_32C_dp_2src)
{
    ck_assert_uint_eq(crc_check(0x1ac14800 /* crc32w w0, w0, w1 */, 4, 0x1ac14000 /* crc32b */), CRC32_CHECK);
}
END_TEST

START_TEST(CRC32X_64C_dp_2src)
{
    ck_assert_uint_eq(crc_check(0x9ac14c00 /* crc32x w0, w0, x1 */, 8, 0x1ac14000 /* crc32b */), CRC32_CHECK);
}
END_TEST

START_TEST(CRC32CB_32C_dp_2src)
{
    ck_assert_uint_eq(crc_check(0x1ac15000 /* crc32cb w0, w0, w1 */, 1, 0x1ac15000), CRC32C_CHECK);
}
END_TEST

START_TEST(CRC32CH_32C_dp_2src)
{
    ck_assert_uint_eq(crc_check(0x1ac15400 /* crc32ch w0, w0, w1 */, 2, 0x1ac15000 /* crc32cb */), CRC32C_CHECK);
}
END_TEST

START_TEST(CRC32CW_32C_dp_2src)
{
    ck_assert_uint_eq(crc_check(0x1ac15800 /* crc32cw w0, w0, w1 */, 4, 0x1ac15000 /* crc32cb */), CRC32C_CHECK);
}
END_TEST

START_TEST(CRC32CX_64C_dp_2src)
{
    ck_assert_uint_eq(crc_check(0x9ac15c00 /* crc32cx w0, w0, x1 */, 8, 0x1ac15000 /* crc32cb */), CRC32C_CHECK);
}
END_TEST

START_TEST(crc32_reserved_sizes)
{
    t_undef(0x9ac14020); /* crc32b with sf=1: unallocated (hand-encoded) */
    t_undef(0x1ac14c20); /* crc32x with sf=0: unallocated (hand-encoded) */
}
END_TEST

/* ============================================================ FlagM */

START_TEST(RMIF_only_rmif)
{
    /* rmif x1, #0, #15: NZCV = x1<3:0> */
    t_nzcv(0xba00042f, 0xa, NONE, F(1, 0, 1, 0));
    t_nzcv(0xba00042f, 0xfffffffffffffff5ull, F(1, 0, 1, 0), F(0, 1, 0, 1));
    /* rmif x1, #4, #8: N = x1<7>, Z C V kept */
    t_nzcv(0xba020428, 0x80, F(0, 1, 1, 1), F(1, 1, 1, 1));
    t_nzcv(0xba020428, 0x7f, F(1, 0, 0, 0), F(0, 0, 0, 0));
    /* rmif x1, #63, #6: rotate right 63 = left 1: Z = x1<1>, C = x1<0> */
    t_nzcv(0xba1f8426, 0x2, F(1, 0, 1, 1), F(1, 1, 0, 1));
    t_nzcv(0xba1f8426, 0x8000000000000001ull, F(0, 1, 0, 0), F(0, 0, 1, 0));
    /* rmif x1, #60, #1: V = x1<60> */
    t_nzcv(0xba1e0421, 1ull << 60, NONE, F(0, 0, 0, 1));
    t_nzcv(0xba1e0421, ~(1ull << 60), F(1, 1, 1, 1), F(1, 1, 1, 0));
}
END_TEST

START_TEST(SETF8_only_setf)
{
    const uint32_t i = 0x3a00082d; /* setf8 w1: N = w1<7>, Z = (w1<7:0> == 0), V = w1<8> ^ w1<7>, C kept */
    t_nzcv(i, 0x80, C1, F(1, 0, 1, 1));
    t_nzcv(i, 0x100, NONE, F(0, 1, 0, 1));
    t_nzcv(i, 0xff80, F(0, 1, 0, 1), F(1, 0, 0, 0));
    t_nzcv(i, 0xffffffff00000000ull, F(1, 0, 1, 1), F(0, 1, 1, 0));
    t_nzcv(i, 0x7f, F(1, 1, 0, 1), F(0, 0, 0, 0));
}
END_TEST

START_TEST(SETF16_only_setf)
{
    const uint32_t i = 0x3a00482d; /* setf16 w1: as setf8 with bits 15 and 16 */
    t_nzcv(i, 0x8000, NONE, F(1, 0, 0, 1));
    t_nzcv(i, 0x10000, C1, F(0, 1, 1, 1));
    t_nzcv(i, 0x00ff, F(1, 1, 1, 1), F(0, 0, 1, 0));
    t_nzcv(i, 0x18000, NONE, F(1, 0, 0, 0));
    t_nzcv(i, 0x80, F(0, 1, 0, 1), F(0, 0, 0, 0)); /* bit 7 is not the sign of a halfword */
}
END_TEST

/* ============================================================ CSSC */

START_TEST(ABS_32_dp_1src)
{
    const uint32_t i = 0x5ac02020; /* abs w0, w1 */
    t_x0(i, 0xfffffffb, 0, 5);
    t_x0(i, 7, 0, 7);
    t_x0(i, 0x80000000, 0, 0x80000000); /* |INT32_MIN| wraps to itself */
    t_x0(i, 0x12345678fffffffeull, 0, 2);
    t_x0(i, 0, 0, 0);
}
END_TEST

START_TEST(ABS_64_dp_1src)
{
    const uint32_t i = 0xdac02020; /* abs x0, x1 */
    t_x0(i, M64, 0, 1);
    t_x0(i, 0x8000000000000000ull, 0, 0x8000000000000000ull); /* |INT64_MIN| */
    t_x0(i, 0x8000000000000001ull, 0, 0x7fffffffffffffffull);
    t_x0(i, 0x00000000fffffffbull, 0, 0xfffffffbull); /* positive in 64 bits */
}
END_TEST

START_TEST(CNT_32_dp_1src)
{
    const uint32_t i = 0x5ac01c20; /* cnt w0, w1 */
    t_x0(i, 0xffffffff, 0, 32);
    t_x0(i, 0xffffffff00000001ull, 0, 1);
    t_x0(i, 0, 0, 0);
    t_x0(i, 0x80808080, 0, 4);
}
END_TEST

START_TEST(CNT_64_dp_1src)
{
    const uint32_t i = 0xdac01c20; /* cnt x0, x1 */
    t_x0(i, M64, 0, 64);
    t_x0(i, 0, 0, 0);
    t_x0(i, 0x8000000000000001ull, 0, 2);
    t_x0(i, 0x5555555555555555ull, 0, 32);
}
END_TEST

START_TEST(CTZ_32_dp_1src)
{
    const uint32_t i = 0x5ac01820; /* ctz w0, w1 */
    t_x0(i, 0, 0, 32);
    t_x0(i, 0x80000000, 0, 31);
    t_x0(i, 0x100000000ull, 0, 32); /* only the W register counts */
    t_x0(i, 8, 0, 3);
    t_x0(i, 0xffffffff, 0, 0);
}
END_TEST

START_TEST(CTZ_64_dp_1src)
{
    const uint32_t i = 0xdac01820; /* ctz x0, x1 */
    t_x0(i, 0, 0, 64);
    t_x0(i, 0x8000000000000000ull, 0, 63);
    t_x0(i, 1, 0, 0);
    t_x0(i, 0x100000000ull, 0, 32);
}
END_TEST

START_TEST(SMAX_32_minmax_imm)
{
    const uint32_t i = 0x11c20020; /* smax w0, w1, #-128 */
    t_x0(i, 0xffffff00, 0, 0xffffff80);
    t_x0(i, 5, 0, 5);
    t_x0(i, 0x80000000, 0, 0xffffff80);
    t_x0(i, 0x7fffffff, 0, 0x7fffffff);
    t_x0(i, 0xffffffff, 0, 0xffffffff); /* -1 > -128 */
}
END_TEST

START_TEST(SMAX_64_minmax_imm)
{
    const uint32_t i = 0x91c1fc20; /* smax x0, x1, #127 */
    t_x0(i, 0x8000000000000000ull, 0, 127);
    t_x0(i, 0x7fffffffffffffffull, 0, 0x7fffffffffffffffull);
    t_x0(i, 100, 0, 127);
    t_x0(i, 0xffffffffull, 0, 0xffffffffull);
}
END_TEST

START_TEST(UMAX_32_minmax_imm)
{
    const uint32_t i = 0x11c7fc20; /* umax w0, w1, #255 */
    t_x0(i, 0x80000000, 0, 0x80000000);
    t_x0(i, 3, 0, 255);
    t_x0(i, 0xffffffff00000001ull, 0, 255);
}
END_TEST

START_TEST(UMAX_64_minmax_imm)
{
    const uint32_t i = 0x91c40020; /* umax x0, x1, #0 */
    t_x0(i, M64, 0, M64);
    t_x0(i, 0, 0, 0);
    t_x0(i, 0x8000000000000000ull, 0, 0x8000000000000000ull);
}
END_TEST

START_TEST(SMIN_32_minmax_imm)
{
    const uint32_t i = 0x11cbfc20; /* smin w0, w1, #-1 */
    t_x0(i, 0x7fffffff, 0, 0xffffffff);
    t_x0(i, 0x80000000, 0, 0x80000000);
    t_x0(i, 0, 0, 0xffffffff);
    t_x0(i, 0xfffffffe, 0, 0xfffffffe);
}
END_TEST

START_TEST(SMIN_64_minmax_imm)
{
    const uint32_t i = 0x91c81420; /* smin x0, x1, #5 */
    t_x0(i, M64, 0, M64);
    t_x0(i, 0x7fffffffffffffffull, 0, 5);
    t_x0(i, 0x8000000000000000ull, 0, 0x8000000000000000ull);
}
END_TEST

START_TEST(UMIN_32_minmax_imm)
{
    const uint32_t i = 0x11cf2020; /* umin w0, w1, #200 */
    t_x0(i, 0xffffffff, 0, 200);
    t_x0(i, 199, 0, 199);
    t_x0(i, 0x0000000100000000ull, 0, 0); /* W1 = 0 */
}
END_TEST

START_TEST(UMIN_64_minmax_imm)
{
    const uint32_t i = 0x91cc1c20; /* umin x0, x1, #7 */
    t_x0(i, 0x8000000000000000ull, 0, 7);
    t_x0(i, 6, 0, 6);
    t_x0(i, M64, 0, 7);
}
END_TEST

#define I32MIN 0x80000000ull
#define I32MAX 0x7fffffffull
#define I64MIN 0x8000000000000000ull
#define I64MAX 0x7fffffffffffffffull

START_TEST(SMAX_32_dp_2src)
{
    const uint32_t i = 0x1ac26020; /* smax w0, w1, w2 */
    t_x0(i, I32MIN, I32MAX, I32MAX);
    t_x0(i, 0xffffffff, 0, 0);
    t_x0(i, 0xffffffff, 0xfffffffe, 0xffffffff);
    t_x0(i, 0x1fffffffeull, 0x00000001ull, 1); /* -2 vs 1 in W registers */
}
END_TEST

START_TEST(SMAX_64_dp_2src)
{
    const uint32_t i = 0x9ac26020; /* smax x0, x1, x2 */
    t_x0(i, I64MIN, I64MAX, I64MAX);
    t_x0(i, M64, 0, 0);
    t_x0(i, 0xffffffffull, M64, 0xffffffffull);
}
END_TEST

START_TEST(UMAX_32_dp_2src)
{
    const uint32_t i = 0x1ac26420; /* umax w0, w1, w2 */
    t_x0(i, I32MIN, I32MAX, I32MIN);
    t_x0(i, 0xffffffff, 0, 0xffffffff);
    t_x0(i, 0x100000000ull, 5, 5);
}
END_TEST

START_TEST(UMAX_64_dp_2src)
{
    const uint32_t i = 0x9ac26420; /* umax x0, x1, x2 */
    t_x0(i, I64MIN, I64MAX, I64MIN);
    t_x0(i, M64, 0, M64);
    t_x0(i, 3, 3, 3);
}
END_TEST

START_TEST(SMIN_32_dp_2src)
{
    const uint32_t i = 0x1ac26820; /* smin w0, w1, w2 */
    t_x0(i, I32MIN, I32MAX, I32MIN);
    t_x0(i, 0xffffffff, 0, 0xffffffff);
    t_x0(i, 0xffffffff00000005ull, 7, 5);
}
END_TEST

START_TEST(SMIN_64_dp_2src)
{
    const uint32_t i = 0x9ac26820; /* smin x0, x1, x2 */
    t_x0(i, I64MIN, I64MAX, I64MIN);
    t_x0(i, M64, 0, M64);
    t_x0(i, 0xffffffffull, 1, 1);
}
END_TEST

START_TEST(UMIN_32_dp_2src)
{
    const uint32_t i = 0x1ac26c20; /* umin w0, w1, w2 */
    t_x0(i, I32MIN, I32MAX, I32MAX);
    t_x0(i, 0xffffffff, 0, 0);
    t_x0(i, 0xffffffff, 0xfffffffe, 0xfffffffe);
}
END_TEST

START_TEST(UMIN_64_dp_2src)
{
    const uint32_t i = 0x9ac26c20; /* umin x0, x1, x2 */
    t_x0(i, I64MIN, I64MAX, I64MAX);
    t_x0(i, M64, 0, 0);
    t_x0(i, M64, 0xfffffffffffffffeull, 0xfffffffffffffffeull);
}
END_TEST

/* ============================================================ BC.cond */

/* Run a branch at a fresh address under `nzcv`; return the new PC minus the
 * branch's address. */
static int64_t branch_delta(uint32_t insn, uint32_t nzcv)
{
    uint64_t pc = next_pc;
    next_pc += 4;
    ck_assert(guest_mem_copy_in(mem, pc, &insn, 4));
    cpu_set_nzcv(cpu, nzcv);
    cpu_set_pc(cpu, pc);
    ck_assert_int_eq(cpu_run(cpu, 1), CPU_STOP_BUDGET);
    ck_assert_uint_eq(cpu_get_nzcv(cpu), nzcv);
    return (int64_t)(cpu_get_pc(cpu) - pc);
}

START_TEST(BC_only_condbranch)
{
    ck_assert_int_eq(branch_delta(0x54000050 /* bc.eq .+8 */, F(0, 1, 0, 0)), 8);
    ck_assert_int_eq(branch_delta(0x54000050 /* bc.eq .+8 */, NONE), 4);
    ck_assert_int_eq(branch_delta(0x54fffff1 /* bc.ne .-4 */, NONE), -4);
    ck_assert_int_eq(branch_delta(0x54fffff1 /* bc.ne .-4 */, F(0, 1, 0, 0)), 4);
    /* cond '1111' (nv) is "always", as for b.cond: bc.nv .+0x100 (hand-encoded) */
    ck_assert_int_eq(branch_delta(0x5400081f, F(1, 1, 1, 1)), 0x100);
    ck_assert_uint_eq(cpu_get_x(cpu, 30), 0); /* no link */
}
END_TEST

/* ============================================================ MTE */

/* ADDG, SUBG and IRG insert a tag only when Allocation Tag access is enabled
 * (AArch64.AllocationTagAccessIsEnabled()). The controls for it
 * (SCTLR_ELx.ATA/ATA0, HCR_EL2.ATA, SCR_EL3.ATA) exist only with FEAT_MTE2;
 * with FEAT_MTE alone they are RES0 and the tag inserted is 0. The model's
 * registers are not modelled and are taken as 1 with FEAT_MTE2 (IMPDEF, see
 * spec/lib/mte.asl). TAGGED(v) is the expected result: v itself when the
 * model has FEAT_MTE2, else v with bits 59:56 cleared. */
static int has_mte2(void)
{
    const CpuModel *m = cpu_model_find(cpu_model_name(cpu));
    ck_assert_ptr_nonnull(m);
    return cpu_model_has(m, "FEAT_MTE2");
}
#define TAGGED(v) (has_mte2() ? (uint64_t)(v) : (uint64_t)(v) & ~(0xfull << 56))

START_TEST(ADDG_64_addsub_immtags)
{
    const uint32_t i = 0x91810c20; /* addg x0, x1, #0x10, #0x3 */
    t_x0(i, 0x0e00000000001000ull, 0, TAGGED(0x0100000000001010ull)); /* tag 0xe + 3 wraps to 1 */
    /* a carry out of bit 55 is overwritten by the tag (0 + 3) */
    t_x0(i, 0x00fffffffffffff0ull, 0, TAGGED(0x0300000000000000ull));
    /* bits 63:60 are kept */
    t_x0(i, 0xf50000000000fff0ull, 0, TAGGED(0xf800000000010000ull));
    cpu_set_sp(cpu, 0x0000000000008000ull);
    step(0x91bf3fff /* addg sp, sp, #0x3f0, #0xf */);
    ck_assert_uint_eq(cpu_get_sp(cpu), TAGGED(0x0f000000000083f0ull));
}
END_TEST

/* Linux's default GCR_EL1 (Exclude = 0xffff) excludes every tag: IRG and
 * ADDG then give tag 0 (AArch64.ChooseNonExcludedTag with all excluded). */
START_TEST(IRG_ADDG_linux_default_exclude)
{
    uint64_t gcr = 0;
    cpu_reset(cpu);
    ck_assert(cpu_get_sysreg(cpu, "GCR_EL1", &gcr));
    ck_assert_uint_eq(gcr, 0xffff);
    t_x0(0x9adf1020 /* irg x0, x1 */, 0x0300000000001234ull, 0, 0x0000000000001234ull);
    t_x0(0x91810c20 /* addg x0, x1, #0x10, #0x3 */, 0x0e00000000001000ull, 0, 0x0000000000001010ull);
}
END_TEST

START_TEST(SUBG_64_addsub_immtags)
{
    t_x0(0xd1bf3c20 /* subg x0, x1, #0x3f0, #0xf */, 0x0500000000002000ull, 0, TAGGED(0x0400000000001c10ull));
    t_x0(0xd1800420 /* subg x0, x1, #0x0, #0x1 */, 0x0f00000000000000ull, 0, TAGGED(0));
    t_x0(0xd1800420 /* subg x0, x1, #0x0, #0x1 */, 0xa7000000000000abull, 0, TAGGED(0xa8000000000000abull));
}
END_TEST

/* IRG's tags come from the IMPDEF generator of spec/lib/mte.asl: the 16-bit
 * LFSR x^16 + x^14 + x^13 + x^11 + 1 (new bit = s5 ^ s3 ^ s2 ^ s0 shifted in
 * at the top), seed 0 at reset replaced by 1, four bits per tag, least
 * significant first; GCR_EL1.Exclude = 0. Without FEAT_MTE2 every tag is 0
 * and the generator does not run. By hand, from seed 0x0001:
 *   seed 0x0001: bits 1,0,0,0 -> tag 0x1, seed 0x1000
 *   seed 0x1000: bits 0,0,0,0 -> tag 0x0, seed 0x0100
 *   seed 0x0100: bits 0,0,0,1 -> tag 0x8, seed 0x8010 (0x0020 has s5 set)
 *   seed 0x8010: bits 0,1,1,0 -> tag 0x6, seed 0x6801 */
START_TEST(IRG_64I_dp_2src)
{
    t_x0(0x9adf1020 /* irg x0, x1 */, 0x0000000000001230ull, 0, TAGGED(0x0100000000001230ull));
    /* tag 0 excluded by x2<0>: the next tag up, 1 */
    t_x0(0x9ac21020 /* irg x0, x1, x2 */, 0xff00000000001230ull, 1, TAGGED(0xf100000000001230ull));
    cpu_set_sp(cpu, 0x0a00000000008000ull);
    regs(SENTINEL, 0, 0, NONE);
    step(0x9ac213ff /* irg sp, sp, x2 */);
    ck_assert_uint_eq(cpu_get_sp(cpu), TAGGED(0x0800000000008000ull));
    t_x0(0x9ac21020 /* irg x0, x1, x2 */, 0x0000000000004000ull, 0, TAGGED(0x0600000000004000ull));
    /* every tag excluded: tag 0 */
    t_x0(0x9ac21020 /* irg x0, x1, x2 */, 0x0500000000004000ull, 0xffff, TAGGED(0x0000000000004000ull));
    /* only tag 9 allowed (x2<63:16> is ignored) */
    t_x0(0x9ac21020 /* irg x0, x1, x2 */, 0x0500000000004000ull, 0xfffffffffffffdffull, TAGGED(0x0900000000004000ull));
}
END_TEST

START_TEST(GMI_64G_dp_2src)
{
    t_x0(0x9ac21420 /* gmi x0, x1, x2 */, 0x0500000000001000ull, 1, 0x21);
    t_x0(0x9ac21420 /* gmi x0, x1, x2 */, 0xf3ffffffffffffffull, 0xffff000000000000ull, 0xffff000000000008ull);
    t_x0(0x9ac21420 /* gmi x0, x1, x2 */, 0, 1, 1); /* already set */
    cpu_set_sp(cpu, 0x0f00000000000000ull);
    t_x0(0x9ac217e0 /* gmi x0, sp, x2 */, 0, 0, 0x8000);
}
END_TEST

START_TEST(SUBP_64S_dp_2src)
{
    const uint32_t i = 0x9ac20020; /* subp x0, x1, x2 */
    t_x0(i, 0x0a00000000001000ull, 0x0300000000000800ull, 0x800);
    t_x0(i, 0x0080000000000000ull, 0, 0xff80000000000000ull); /* bit 55 sign-extends */
    t_x0(i, 0, 0x0f00000000000010ull, 0xfffffffffffffff0ull);
    /* 0x007fffffffffffff - 0xff80000000000000 */
    t_x0(i, 0xff7fffffffffffffull, 0x0080000000000000ull, 0x00ffffffffffffffull);
    cpu_set_sp(cpu, 0x0500000000004000ull);
    t_x0(0x9ac203e0 /* subp x0, sp, x2 */, 0, 0x4000, 0);
}
END_TEST

START_TEST(SUBPS_64S_dp_2src)
{
    const uint32_t i = 0xbac20020; /* subps x0, x1, x2 */
    t_flags(i, 0x0a00000000001000ull, 0x0300000000001000ull, NONE, 0, F(0, 1, 1, 0));
    t_flags(i, 0, 0x10, F(0, 1, 1, 1), 0xfffffffffffffff0ull, F(1, 0, 0, 0));
    /* 0xff80000000000000 - 0x007fffffffffffff: no borrow, no overflow */
    t_flags(i, 0x0080000000000000ull, 0x007fffffffffffffull, NONE, 0xff00000000000001ull, F(1, 0, 1, 0));
    /* cmpp x1, x2: flags only (tags ignored) */
    t_flags(0xbac2003f /* cmpp x1, x2 */, 0x0100000000000005ull, 0x0e00000000000005ull, NONE, SENTINEL,
            F(0, 1, 1, 0));
}
END_TEST

/* ============================================================ gating */

/* Cortex-A57 (Armv8.0 + CRC32) has none of FlagM, CSSC, HBC and MTE. */
START_TEST(features_absent_on_cortex_a57)
{
    t_undef(0x5ac02020); /* abs w0, w1 (FEAT_CSSC) */
    t_undef(0xdac01c20); /* cnt x0, x1 */
    t_undef(0x5ac01820); /* ctz w0, w1 */
    t_undef(0x11c20020); /* smax w0, w1, #-128 */
    t_undef(0x9ac26c20); /* umin x0, x1, x2 */
    t_undef(0xba00042f); /* rmif x1, #0, #15 (FEAT_FlagM) */
    t_undef(0x3a00082d); /* setf8 w1 */
    t_undef(0x54000050); /* bc.eq .+8 (FEAT_HBC) */
    t_undef(0x91810c20); /* addg x0, x1, #0x10, #0x3 (FEAT_MTE) */
    t_undef(0x9adf1020); /* irg x0, x1 */
    t_undef(0x9ac20020); /* subp x0, x1, x2 */
    /* ADC and CRC32 are there */
    t_flags(0x1a020020 /* adc w0, w1, w2 */, 1, 2, C1, 4, C1);
    t_x0(0x1ac24020 /* crc32b w0, w1, w2 */, 0, 0, 0);
}
END_TEST

#define ADD(tc, name) tcase_add_test(tc, name)

static Suite *suite(void)
{
    Suite *s = suite_create("exec_dp_extra");
    TCase *carry = tcase_create("carry");
    tcase_add_checked_fixture(carry, setup, teardown);
    ADD(carry, ADC_32_addsub_carry); ADD(carry, ADC_64_addsub_carry);
    ADD(carry, ADCS_32_addsub_carry); ADD(carry, ADCS_64_addsub_carry);
    ADD(carry, SBC_32_addsub_carry); ADD(carry, SBC_64_addsub_carry);
    ADD(carry, SBCS_32_addsub_carry); ADD(carry, SBCS_64_addsub_carry);
    suite_add_tcase(s, carry);

    TCase *crc = tcase_create("crc32");
    tcase_add_checked_fixture(crc, setup, teardown);
    ADD(crc, CRC32B_32C_dp_2src); ADD(crc, CRC32H_32C_dp_2src);
    ADD(crc, CRC32W_32C_dp_2src); ADD(crc, CRC32X_64C_dp_2src);
    ADD(crc, CRC32CB_32C_dp_2src); ADD(crc, CRC32CH_32C_dp_2src);
    ADD(crc, CRC32CW_32C_dp_2src); ADD(crc, CRC32CX_64C_dp_2src);
    ADD(crc, crc32_reserved_sizes);
    suite_add_tcase(s, crc);

    TCase *flagm = tcase_create("flagm");
    tcase_add_checked_fixture(flagm, setup, teardown);
    ADD(flagm, RMIF_only_rmif); ADD(flagm, SETF8_only_setf); ADD(flagm, SETF16_only_setf);
    suite_add_tcase(s, flagm);

    TCase *cssc = tcase_create("cssc");
    tcase_add_checked_fixture(cssc, setup, teardown);
    ADD(cssc, ABS_32_dp_1src); ADD(cssc, ABS_64_dp_1src);
    ADD(cssc, CNT_32_dp_1src); ADD(cssc, CNT_64_dp_1src);
    ADD(cssc, CTZ_32_dp_1src); ADD(cssc, CTZ_64_dp_1src);
    ADD(cssc, SMAX_32_minmax_imm); ADD(cssc, SMAX_64_minmax_imm);
    ADD(cssc, UMAX_32_minmax_imm); ADD(cssc, UMAX_64_minmax_imm);
    ADD(cssc, SMIN_32_minmax_imm); ADD(cssc, SMIN_64_minmax_imm);
    ADD(cssc, UMIN_32_minmax_imm); ADD(cssc, UMIN_64_minmax_imm);
    ADD(cssc, SMAX_32_dp_2src); ADD(cssc, SMAX_64_dp_2src);
    ADD(cssc, UMAX_32_dp_2src); ADD(cssc, UMAX_64_dp_2src);
    ADD(cssc, SMIN_32_dp_2src); ADD(cssc, SMIN_64_dp_2src);
    ADD(cssc, UMIN_32_dp_2src); ADD(cssc, UMIN_64_dp_2src);
    suite_add_tcase(s, cssc);

    TCase *hbc = tcase_create("hbc");
    tcase_add_checked_fixture(hbc, setup, teardown);
    ADD(hbc, BC_only_condbranch);
    suite_add_tcase(s, hbc);

    TCase *mte = tcase_create("mte");
    tcase_add_checked_fixture(mte, setup, teardown);
    ADD(mte, ADDG_64_addsub_immtags); ADD(mte, SUBG_64_addsub_immtags);
    ADD(mte, IRG_64I_dp_2src); ADD(mte, GMI_64G_dp_2src);
    ADD(mte, SUBP_64S_dp_2src); ADD(mte, SUBPS_64S_dp_2src);
    ADD(mte, IRG_ADDG_linux_default_exclude);
    suite_add_tcase(s, mte);

    TCase *a57 = tcase_create("cortex-a57");
    tcase_add_checked_fixture(a57, setup_a57, teardown);
    ADD(a57, features_absent_on_cortex_a57);
    suite_add_tcase(s, a57);
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
