/* Check suite for VMSAv8-64 translation (spec/lib/translation.asl, the soft
 * TLB interp/tlb.c, the translation registers, TLBI and AT of spec/sysregs)
 * in system mode, and user mode's top-byte-ignore. Page tables are built by
 * hand in guest physical memory; expected values are worked out from the
 * Arm ARM (D8 "The AArch64 Virtual Memory System Architecture", ESR_ELx and
 * PAR_EL1 in D17), never from Armature's output. Words from
 * aarch64-linux-gnu-as (binutils 2.40), the assembly beside each.
 *
 * The machine: physical RAM 0x0-0x1fffff (RWX), a neoverse-n1 (EL0-EL3,
 * FEAT_PAN, 48-bit PA). Each case starts at EL3, sets the translation
 * registers raw (cpu_set_sysreg), and ERETs to EL1 or EL0 at BODY. */
#include <check.h>
#include <inttypes.h>
#include <string.h>

#include "cpu.h"
#include "guest_mem.h"

#define CODE 0x10000ull
#define BODY 0x10100ull
#define VBAR1 0x2000ull
#define VBAR2 0x4000ull
#define VBAR3 0x6000ull

#define ERET 0xd69f03e0u
#define LDR_X1_X0 0xf9400001u      /* ldr x1, [x0] */
#define STR_X2_X0_8 0xf9000402u    /* str x2, [x0, #8] */
#define STR_X2_X0 0xf9000002u      /* str x2, [x0] */
#define BR_X0 0xd61f0000u          /* br x0 */
#define AT_S1E1R_X0 0xd5087800u    /* at s1e1r, x0 */
#define MRS_X1_PAR 0xd5387401u     /* mrs x1, par_el1 */
#define STR_X3_X4 0xf9000083u      /* str x3, [x4] */
#define LDR_X5_X0 0xf9400005u      /* ldr x5, [x0] */
#define TLBI_VAE1_X6 0xd5088726u   /* tlbi vae1, x6 */
#define LDR_X7_X0 0xf9400007u      /* ldr x7, [x0] */
#define TLBI_VAE1_X8 0xd5088728u   /* tlbi vae1, x8 */

#define M_EL0t 0x0u
#define M_EL1h 0x5u
#define DAIF_ALL 0x3c0u
#define SPSR_PAN (1u << 22)
#define SCR_NS_RW 0x431u           /* RES1 5:4, RW, NS */

/* Descriptor bits (D8.3): valid+table/page, AF, AP[2:1], nG, PXN, UXN. */
#define D_TABLE 0x3ull
#define D_PAGE 0x3ull
#define D_BLOCK 0x1ull
#define D_AF (1ull << 10)
#define D_RO (2ull << 6)           /* AP = 10: EL1 read-only, no EL0 */
#define D_EL0RW (1ull << 6)        /* AP = 01: EL1 and EL0 read/write */
#define D_NG (1ull << 11)
#define D_PXN (1ull << 53)
#define D_UXN (1ull << 54)

/* SCTLR_EL1 reset value (RES1 bits) with M. */
#define SCTLR1_M 0x30d00801ull
/* TCR_EL1: T0SZ/T1SZ = 25 (39-bit VAs), TG0 = 4K, TG1 = 4K (0b10), IPS = 40 bits. */
#define TCR_T0SZ(n) ((uint64_t)(n))
#define TCR_T1SZ(n) ((uint64_t)(n) << 16)
#define TCR_TG0_4K 0ull
#define TCR_TG0_64K (1ull << 14)
#define TCR_TG0_16K (2ull << 14)
#define TCR_TG1_4K (2ull << 30)
#define TCR_IPS_40 (2ull << 32)
#define TCR_EPD1 (1ull << 23)
#define TCR_4K_39 (TCR_T0SZ(25) | TCR_TG0_4K | TCR_EPD1 | TCR_IPS_40)
#define MAIR_NORMAL 0xffull        /* Attr0 = Normal WB, the only one used */

#define IL (1u << 25)
#define ESR(ec, iss) ((uint64_t)(ec) << 26 | IL | (iss))
#define EC_IABT_SAME 0x21
#define EC_DABT_LOWER 0x24
#define EC_DABT_SAME 0x25
#define WNR (1u << 6)

/* The 4K tables of most cases (39-bit VA, start at level 1):
 *   L1 0x100000 [0] -> L2 0x101000
 *   L2 [0] block VA 0-2M -> PA 0 (code, vectors, the tables themselves)
 *      [1] -> L3 0x102000;  [2] block VA 4M-6M -> PA 0;  [3] invalid
 *   L3 [0] VA 0x200000 -> PA 0x180000 RW     [1] 0x201000 -> 0x181000 RO
 *      [2] 0x202000 AF = 0                   [3] invalid
 *      [4] 0x204000 -> 0x184000 EL0 RW       [5] 0x205000 -> 0x185000 UXN PXN */
#define L1 0x100000ull
#define L2 0x101000ull
#define L3 0x102000ull

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

static void put32(uint64_t pa, const uint32_t *w, unsigned n)
{
    ck_assert(guest_mem_copy_in(M.mem, pa, w, 4 * (size_t)n));
}

static void put64(uint64_t pa, uint64_t v) { ck_assert(guest_mem_copy_in(M.mem, pa, &v, 8)); }

static uint64_t get64(uint64_t pa)
{
    uint64_t v = 0;
    ck_assert(guest_mem_copy_out(M.mem, &v, pa, 8));
    return v;
}

#define ck_reg(name, want) ck_assert_msg(sysreg(name) == (uint64_t)(want), "%s = %#" PRIx64 ", expected %#" PRIx64, \
                                         name, sysreg(name), (uint64_t)(want))
#define ck_pc(want) ck_assert_msg(cpu_get_pc(M.cpu) == (uint64_t)(want), "pc = %#" PRIx64 ", expected %#" PRIx64, \
                                  cpu_get_pc(M.cpu), (uint64_t)(want))
#define ck_x(n, want) ck_assert_msg(cpu_get_x(M.cpu, n) == (uint64_t)(want), "x%d = %#" PRIx64 ", expected %#" PRIx64, \
                                    n, cpu_get_x(M.cpu, n), (uint64_t)(want))

static void machine_new(void)
{
    M.mem = guest_mem_new();
    ck_assert(guest_mem_map(M.mem, 0, 0x200000, GUEST_PROT_READ | GUEST_PROT_WRITE | GUEST_PROT_EXEC));
    M.cpu = cpu_new("neoverse-n1");
    ck_assert(M.cpu != NULL);
    cpu_set_mem(M.cpu, M.mem);
    cpu_set_system_mode(M.cpu, true);
    cpu_set_rvbar(M.cpu, CODE);
    cpu_reset(M.cpu);
    const uint32_t eret = ERET;
    put32(CODE, &eret, 1);
    set_sysreg("VBAR_EL1", VBAR1);
    set_sysreg("VBAR_EL2", VBAR2);
    set_sysreg("VBAR_EL3", VBAR3);
    set_sysreg("SCR_EL3", SCR_NS_RW);
}

static void machine_free(void)
{
    cpu_free(M.cpu);
    guest_mem_free(M.mem);
    memset(&M, 0, sizeof M);
}

/* The 4K tables above. */
static void tables_4k(void)
{
    put64(L1 + 0 * 8, L2 | D_TABLE);
    put64(L2 + 0 * 8, 0x000000 | D_AF | D_BLOCK);
    put64(L2 + 1 * 8, L3 | D_TABLE);
    put64(L2 + 2 * 8, 0x000000 | D_AF | D_BLOCK);
    put64(L3 + 0 * 8, 0x180000 | D_AF | D_PAGE);
    put64(L3 + 1 * 8, 0x181000 | D_AF | D_RO | D_PAGE);
    put64(L3 + 2 * 8, 0x182000 | D_PAGE);
    put64(L3 + 4 * 8, 0x184000 | D_AF | D_EL0RW | D_PAGE);
    put64(L3 + 5 * 8, 0x185000 | D_AF | D_UXN | D_PXN | D_PAGE);
}

/* Translation on at EL1 with `tcr` and `ttbr0`, then ERET to `spsr` at BODY
 * where `w` is. */
static void start(uint32_t spsr, uint64_t tcr, uint64_t ttbr0, const uint32_t *w, unsigned n)
{
    put32(BODY, w, n);
    set_sysreg("MAIR_EL1", MAIR_NORMAL);
    set_sysreg("TCR_EL1", tcr);
    set_sysreg("TTBR0_EL1", ttbr0);
    set_sysreg("SCTLR_EL1", SCTLR1_M);
    set_sysreg("SPSR_EL3", spsr);
    set_sysreg("ELR_EL3", BODY);
    ck_assert_int_eq(cpu_run(M.cpu, 1), CPU_STOP_BUDGET);
    ck_pc(BODY);
}

static void run(uint64_t steps) { ck_assert_int_eq(cpu_run(M.cpu, steps), CPU_STOP_BUDGET); }

/* A data abort at EL1 from BODY: the vector, ESR, FAR, ELR. */
static void ck_abort_el1(uint64_t vector, uint64_t esr, uint64_t far, uint64_t elr)
{
    ck_pc(vector);
    ck_reg("ESR_EL1", esr);
    ck_reg("FAR_EL1", far);
    ck_reg("ELR_EL1", elr);
}

/* ------------------------------------------------------------ 4K granule */

/* 3-level 4K walk (T0SZ = 25: start at level 1): VA 0x200010 -> PA 0x180010. */
START_TEST(walk_4k_3level)
{
    machine_new();
    tables_4k();
    put64(0x180010, 0x1122334455667788ull);
    const uint32_t w[] = { LDR_X1_X0, STR_X2_X0_8 };
    cpu_set_x(M.cpu, 0, 0x200010);
    cpu_set_x(M.cpu, 2, 0xcafef00d);
    start(DAIF_ALL | M_EL1h, TCR_4K_39, L1, w, 2);
    run(2);
    ck_x(1, 0x1122334455667788ull);
    ck_assert_uint_eq(get64(0x180018), 0xcafef00d);
    ck_pc(BODY + 8);
    machine_free();
}
END_TEST

/* 4-level 4K walk (T0SZ = 16: start at level 0), and a translation fault at
 * level 0 (L0 entry 1 invalid): DFSC 0b000100. */
START_TEST(walk_4k_4level)
{
    machine_new();
    tables_4k();
    put64(0x150000, 0x151000 | D_TABLE);   /* L0 [0] -> L1' */
    put64(0x151000, L2 | D_TABLE);         /* L1' [0] -> the shared L2 */
    put64(0x180010, 0xabcdefull);
    const uint32_t w[] = { LDR_X1_X0, LDR_X1_X0 };
    cpu_set_x(M.cpu, 0, 0x200010);
    start(DAIF_ALL | M_EL1h, TCR_T0SZ(16) | TCR_EPD1 | TCR_IPS_40, 0x150000, w, 2);
    run(1);
    ck_x(1, 0xabcdef);
    cpu_set_x(M.cpu, 0, 0x8000000000ull); /* VA<47:39> = 1 */
    run(1);
    ck_abort_el1(VBAR1 + 0x200, ESR(EC_DABT_SAME, 0x04), 0x8000000000ull, BODY + 4);
    machine_free();
}
END_TEST

/* A 2 MiB block at level 2: VA 0x480000 -> PA 0x080000. */
START_TEST(walk_4k_block)
{
    machine_new();
    tables_4k();
    put64(0x80000, 0x5555aaaa5555aaaaull);
    const uint32_t w[] = { LDR_X1_X0 };
    cpu_set_x(M.cpu, 0, 0x480000);
    start(DAIF_ALL | M_EL1h, TCR_4K_39, L1, w, 1);
    run(1);
    ck_x(1, 0x5555aaaa5555aaaaull);
    machine_free();
}
END_TEST

/* Translation faults at levels 3, 2 and 1 and outside the TTBR0 range:
 * DFSC 0b0001LL (level 0 for a VA above the 39-bit range), EC 0x25. */
START_TEST(translation_fault_levels)
{
    static const struct { uint64_t va; uint32_t dfsc; } c[] = {
        { 0x203008, 0x07 }, { 0x600000, 0x06 }, { 0x40000000, 0x05 }, { 0x8000000000ull, 0x04 },
    };
    for (unsigned i = 0; i < sizeof c / sizeof c[0]; i++) {
        machine_new();
        tables_4k();
        const uint32_t w[] = { LDR_X1_X0 };
        cpu_set_x(M.cpu, 0, c[i].va);
        start(DAIF_ALL | M_EL1h, TCR_4K_39, L1, w, 1);
        run(1);
        ck_abort_el1(VBAR1 + 0x200, ESR(EC_DABT_SAME, c[i].dfsc), c[i].va, BODY);
        machine_free();
    }
}
END_TEST

/* AF == 0: access flag fault at level 3 (DFSC 0b001011); no hardware update. */
START_TEST(access_flag_fault)
{
    machine_new();
    tables_4k();
    const uint32_t w[] = { LDR_X1_X0 };
    cpu_set_x(M.cpu, 0, 0x202000);
    start(DAIF_ALL | M_EL1h, TCR_4K_39, L1, w, 1);
    run(1);
    ck_abort_el1(VBAR1 + 0x200, ESR(EC_DABT_SAME, 0x0b), 0x202000, BODY);
    ck_assert_uint_eq(get64(L3 + 2 * 8), 0x182000 | D_PAGE);
    machine_free();
}
END_TEST

/* AP = 10: EL1 reads, a write is a permission fault at level 3 with WnR. */
START_TEST(permission_write_readonly)
{
    machine_new();
    tables_4k();
    put64(0x181000, 77);
    const uint32_t w[] = { LDR_X1_X0, STR_X2_X0 };
    cpu_set_x(M.cpu, 0, 0x201000);
    start(DAIF_ALL | M_EL1h, TCR_4K_39, L1, w, 2);
    run(2);
    ck_x(1, 77);
    ck_pc(VBAR1 + 0x200);
    ck_reg("ESR_EL1", ESR(EC_DABT_SAME, WNR | 0x0f));
    ck_reg("FAR_EL1", 0x201000);
    ck_reg("ELR_EL1", BODY + 4);
    ck_assert_uint_eq(get64(0x181000), 77);
    machine_free();
}
END_TEST

/* EL0 loads: AP = 01 works, AP = 00 (privileged only) is a permission fault
 * at level 3 taken to EL1 from a lower EL (EC 0x24, vector + 0x400). The
 * code runs from the AP = 00 block: EL0 may execute without read access. */
START_TEST(permission_el0_privileged)
{
    machine_new();
    tables_4k();
    put64(0x184000, 42);
    const uint32_t w[] = { LDR_X1_X0, LDR_X1_X0 };
    cpu_set_x(M.cpu, 0, 0x204000);
    start(M_EL0t, TCR_4K_39, L1, w, 2);
    run(1);
    ck_x(1, 42);
    cpu_set_x(M.cpu, 0, 0x200000);
    run(1);
    ck_pc(VBAR1 + 0x400);
    ck_reg("ESR_EL1", ESR(EC_DABT_LOWER, 0x0f));
    ck_reg("FAR_EL1", 0x200000);
    ck_reg("ELR_EL1", BODY + 4);
    machine_free();
}
END_TEST

/* PSTATE.PAN = 1: an EL1 load from an EL0-accessible page is a permission
 * fault; from a privileged page it works. */
START_TEST(permission_pan)
{
    machine_new();
    tables_4k();
    put64(0x180000, 9);
    const uint32_t w[] = { LDR_X1_X0, LDR_X1_X0 };
    cpu_set_x(M.cpu, 0, 0x200000);
    start(DAIF_ALL | SPSR_PAN | M_EL1h, TCR_4K_39, L1, w, 2);
    run(1);
    ck_x(1, 9);
    cpu_set_x(M.cpu, 0, 0x204000);
    run(1);
    ck_pc(VBAR1 + 0x200);
    ck_reg("ESR_EL1", ESR(EC_DABT_SAME, 0x0f));
    ck_reg("FAR_EL1", 0x204000);
    machine_free();
}
END_TEST

/* A branch to a PXN page: an Instruction Abort at the target (EC 0x21,
 * IFSC permission fault level 3), ELR = FAR = the target. */
START_TEST(permission_xn_fetch)
{
    machine_new();
    tables_4k();
    const uint32_t w[] = { BR_X0 };
    cpu_set_x(M.cpu, 0, 0x205000);
    start(DAIF_ALL | M_EL1h, TCR_4K_39, L1, w, 1);
    run(2);
    ck_pc(VBAR1 + 0x200);
    ck_reg("ESR_EL1", ESR(EC_IABT_SAME, 0x0f));
    ck_reg("FAR_EL1", 0x205000);
    ck_reg("ELR_EL1", 0x205000);
    machine_free();
}
END_TEST

/* TTBR1: VA 0xffffff8000200010 (T1SZ = 25, bit 55 set) walks TTBR1_EL1's
 * tables: L1 [0] -> the shared L2 [1] -> L3 [0] -> PA 0x180010. */
START_TEST(ttbr1_high_address)
{
    machine_new();
    tables_4k();
    put64(0x103000, L2 | D_TABLE);
    put64(0x180010, 0x7777);
    set_sysreg("TTBR1_EL1", 0x103000);
    const uint32_t w[] = { LDR_X1_X0 };
    cpu_set_x(M.cpu, 0, 0xffffff8000200010ull);
    start(DAIF_ALL | M_EL1h, TCR_T0SZ(25) | TCR_T1SZ(25) | TCR_TG1_4K | TCR_IPS_40, L1, w, 1);
    run(1);
    ck_x(1, 0x7777);
    machine_free();
}
END_TEST

/* A stale entry: the guest rewrites the L3 descriptor of VA 0x200000 (nG,
 * ASID 5) to point at PA 0x186000. Before a TLBI the old translation may
 * still be used (this TLB keeps it, also across a TLBI VAE1 for ASID 6, which
 * does not cover it); after TLBI VAE1 for ASID 5 the new one must be. */
START_TEST(tlbi_vae1_stale_entry)
{
    machine_new();
    tables_4k();
    put64(L3, 0x180000 | D_AF | D_NG | D_PAGE);
    put64(0x180000, 0xaaaa);
    put64(0x186000, 0xbbbb);
    const uint32_t w[] = { LDR_X1_X0, STR_X3_X4, LDR_X5_X0, TLBI_VAE1_X8, LDR_X5_X0, TLBI_VAE1_X6, LDR_X7_X0 };
    cpu_set_x(M.cpu, 0, 0x200000);
    cpu_set_x(M.cpu, 3, 0x186000 | D_AF | D_NG | D_PAGE);
    cpu_set_x(M.cpu, 4, L3);                    /* in the identity block */
    cpu_set_x(M.cpu, 6, 5ull << 48 | 0x200);    /* ASID 5, VA<55:12> */
    cpu_set_x(M.cpu, 8, 6ull << 48 | 0x200);    /* ASID 6 */
    start(DAIF_ALL | M_EL1h, TCR_4K_39, 5ull << 48 | L1, w, 7);
    run(3);
    ck_x(1, 0xaaaa);
    ck_x(5, 0xaaaa);                            /* stale: allowed */
    run(2);
    ck_x(5, 0xaaaa);                            /* another ASID's TLBI: still allowed */
    run(2);
    ck_x(7, 0xbbbb);                            /* after TLBI VAE1: the new descriptor */
    ck_pc(BODY + 28);
    machine_free();
}
END_TEST

/* AT S1E1R: success gives PA, ATTR and SH in PAR_EL1 (NS, bit 9, is UNKNOWN
 * for a Non-secure translation: masked); an unmapped VA gives F = 1 with
 * FST = translation fault level 3. Bit 11 is RES1 in both. */
START_TEST(at_s1e1r_par)
{
    machine_new();
    tables_4k();
    const uint32_t w[] = { AT_S1E1R_X0, MRS_X1_PAR, AT_S1E1R_X0, MRS_X1_PAR };
    cpu_set_x(M.cpu, 0, 0x201008);
    start(DAIF_ALL | M_EL1h, TCR_4K_39, L1, w, 4);
    run(2);
    ck_assert_uint_eq(cpu_get_x(M.cpu, 1) & ~0x200ull, 0xff00000000181800ull);
    cpu_set_x(M.cpu, 0, 0x203000);
    run(2);
    ck_x(1, 0x800 | 0x07 << 1 | 1);
    ck_pc(BODY + 16);
    machine_free();
}
END_TEST

/* ------------------------------------------------------------ other granules */

/* 64K granule, T0SZ = 25: start at level 2 (VA<38:29>, an 8 KiB table),
 * level 3 pages of 64 KiB: VA 0x20010 -> PA 0x180010; the code at
 * 0x10000 and the vectors at 0x0 identity-mapped. */
START_TEST(walk_64k)
{
    machine_new();
    put64(0x120000, 0x130000 | D_TABLE);
    put64(0x130000 + 0 * 8, 0x000000 | D_AF | D_PAGE);
    put64(0x130000 + 1 * 8, 0x010000 | D_AF | D_PAGE);
    put64(0x130000 + 2 * 8, 0x180000 | D_AF | D_PAGE);
    put64(0x180010, 0x6464);
    const uint32_t w[] = { LDR_X1_X0 };
    cpu_set_x(M.cpu, 0, 0x20010);
    start(DAIF_ALL | M_EL1h, TCR_T0SZ(25) | TCR_TG0_64K | TCR_EPD1 | TCR_IPS_40, 0x120000, w, 1);
    run(1);
    ck_x(1, 0x6464);
    machine_free();
}
END_TEST

/* 16K granule, T0SZ = 25: start at level 1 (VA<38:36>, 8 entries), a 32 MiB
 * block at level 2 for the code, level 3 16 KiB pages:
 * VA 0x2000010 -> PA 0x180010. */
START_TEST(walk_16k)
{
    machine_new();
    put64(0x140000, 0x144000 | D_TABLE);
    put64(0x144000 + 0 * 8, 0x000000 | D_AF | D_BLOCK);
    put64(0x144000 + 1 * 8, 0x148000 | D_TABLE);
    put64(0x148000 + 0 * 8, 0x180000 | D_AF | D_PAGE);
    put64(0x180010, 0x1616);
    const uint32_t w[] = { LDR_X1_X0 };
    cpu_set_x(M.cpu, 0, 0x2000010);
    start(DAIF_ALL | M_EL1h, TCR_T0SZ(25) | TCR_TG0_16K | TCR_EPD1 | TCR_IPS_40, 0x140000, w, 1);
    run(1);
    ck_x(1, 0x1616);
    machine_free();
}
END_TEST

/* ------------------------------------------------------------ stage 2 */

/* HCR_EL2.VM with EL1's stage 1 off (IPA = VA): VTCR_EL2 T0SZ = 25, SL0 = 01
 * (start at level 1), 4K. IPA 0-2M is a block to PA 0 (S2AP RW, Normal);
 * IPA 0x200000 has no level 2 entry: a stage 2 translation fault at level 2
 * taken to EL2 (EC 0x24 from EL1, vector + 0x400) with FAR_EL2 = the VA and
 * HPFAR_EL2.FIPA = IPA<47:12> in bits 39:4. */
START_TEST(stage2_fault_hpfar)
{
    machine_new();
    put64(0x110000, 0x111000 | D_TABLE);
    put64(0x111000, 0x000000 | D_AF | 3ull << 6 | 0xfull << 2 | D_BLOCK);
    set_sysreg("VTCR_EL2", 0x80000000ull | 2ull << 16 | 1ull << 6 | 25);
    set_sysreg("VTTBR_EL2", 0x110000);
    set_sysreg("HCR_EL2", 0x80000001ull);
    const uint32_t w[] = { LDR_X1_X0 };
    put32(BODY, w, 1);
    set_sysreg("SPSR_EL3", DAIF_ALL | M_EL1h);
    set_sysreg("ELR_EL3", BODY);
    cpu_set_x(M.cpu, 0, 0x200008);
    run(2);
    ck_pc(VBAR2 + 0x400);
    ck_reg("ESR_EL2", ESR(EC_DABT_LOWER, 0x06));
    ck_reg("FAR_EL2", 0x200008);
    ck_reg("HPFAR_EL2", 0x2000);
    ck_reg("ELR_EL2", BODY);
    machine_free();
}
END_TEST

/* ------------------------------------------------------------ user mode */

/* User mode (no system mode): Linux's TBI0 makes a tagged pointer (bits
 * 63:56 = 0x5a) load and store the untagged address; a branch to a tagged
 * address continues at the untagged one (TBID0 = 0: instruction addresses
 * ignore the top byte too). */
START_TEST(user_tbi_tagged_pointer)
{
    GuestMem *mem = guest_mem_new();
    ck_assert(guest_mem_map(mem, 0x10000, 0x2000, GUEST_PROT_READ | GUEST_PROT_WRITE | GUEST_PROT_EXEC));
    Cpu *cpu = cpu_new("neoverse-n1");
    cpu_set_mem(cpu, mem);
    const uint32_t w[] = { LDR_X1_X0, STR_X2_X0_8, BR_X0 };
    ck_assert(guest_mem_copy_in(mem, 0x10000, w, sizeof w));
    uint64_t v = 0x0123456789abcdefull;
    ck_assert(guest_mem_copy_in(mem, 0x11000, &v, 8));
    cpu_set_pc(cpu, 0x10000);
    cpu_set_x(cpu, 0, 0x5a00000000011000ull);
    cpu_set_x(cpu, 2, 0xfeed);
    ck_assert_int_eq(cpu_run(cpu, 2), CPU_STOP_BUDGET);
    ck_assert_uint_eq(cpu_get_x(cpu, 1), v);
    ck_assert(guest_mem_copy_out(mem, &v, 0x11008, 8));
    ck_assert_uint_eq(v, 0xfeed);
    cpu_set_x(cpu, 0, 0x3400000000010000ull);
    ck_assert_int_eq(cpu_run(cpu, 1), CPU_STOP_BUDGET);
    ck_assert_uint_eq(cpu_get_pc(cpu), 0x10000);
    cpu_free(cpu);
    guest_mem_free(mem);
}
END_TEST

static Suite *mmu_suite(void)
{
    Suite *s = suite_create("exec_mmu");
    TCase *tc = tcase_create("vmsa");
    tcase_add_test(tc, walk_4k_3level);
    tcase_add_test(tc, walk_4k_4level);
    tcase_add_test(tc, walk_4k_block);
    tcase_add_test(tc, translation_fault_levels);
    tcase_add_test(tc, access_flag_fault);
    tcase_add_test(tc, permission_write_readonly);
    tcase_add_test(tc, permission_el0_privileged);
    tcase_add_test(tc, permission_pan);
    tcase_add_test(tc, permission_xn_fetch);
    tcase_add_test(tc, ttbr1_high_address);
    tcase_add_test(tc, tlbi_vae1_stale_entry);
    tcase_add_test(tc, at_s1e1r_par);
    tcase_add_test(tc, walk_64k);
    tcase_add_test(tc, walk_16k);
    tcase_add_test(tc, stage2_fault_hpfar);
    tcase_add_test(tc, user_tbi_tagged_pointer);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(mmu_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
