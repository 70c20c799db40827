/* Check suite for pointer authentication (FEAT_PAuth, spec/lib/pauth.asl and
 * the PAC/AUT/XPAC/PACGA, BRA/BLRA/RETA/ERETA and LDRA pages). Test cases are
 * named by spec id.
 *
 * Oracles, never Armature's own output:
 *  - ComputePAC and PACGA against the published QARMA-64 test vector:
 *    R. Avanzi, "The QARMA Block Cipher Family", IACR Transactions on
 *    Symmetric Cryptology 2017(1), test vectors for QARMA-64: w0 =
 *    84be85ce9804e94b, k0 = ec2802d4e0a488e9, P = fb623599da6e8127, T =
 *    477d469dec0b8762; with the S-box sigma_2 (the one the Arm ARM's
 *    PACSub() uses) and r = 5 rounds, C = c003b93999b33765.
 *  - Everything else: properties the Arm ARM's AddPAC()/Auth()/Strip()
 *    fix for any key, worked out by hand for Linux's EL0 configuration
 *    (48-bit VAs, TBI0 = 1 with TBID0 = 0, TBI1 = 0; see spec/lib/pauth.asl):
 *    AUT(PAC(p)) = p, XPAC(PAC(p)) = p, PAC only in bits 54:48 (or 63:56
 *    and 54:48 without TBI), a failed AUT sets the error code (bit 53 for
 *    key A, 54 for key B; bits 62:61 = 01 / 10 without TBI), a pointer with
 *    bad extension bits gets PAC bit 54 inverted. tests/guests/pauth.S runs
 *    the same properties under qemu-aarch64 (random keys) as well.
 *  - UNDEFINED on cortex-a57 and neoverse-n1 (no FEAT_PAuth in their
 *    ID_AA64ISAR1_EL1), and for EL0 access to the key registers.
 * Instruction words come from aarch64-linux-gnu-as (-march=armv8.3-a); the
 * assembly is in the comment beside each word. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cpu_internal.h"
#include "guest_mem.h"
#include "sysreg.h"
#include "asl_lib.h"

#define CODE 0x10000ull
#define CODE_SIZE 0x10000ull
#define DATA 0x20000ull
#define DATA_SIZE 0x1000ull
#define SENTINEL 0xdeadbeefcafef00dull

/* QARMA-64 test vector (see above). */
#define QW0 0x84be85ce9804e94bull
#define QK0 0xec2802d4e0a488e9ull
#define QP 0xfb623599da6e8127ull
#define QT 0x477d469dec0b8762ull
#define QC 0xc003b93999b33765ull

/* Pointers: lower range (TBI), tagged, upper range (no TBI). */
#define P_LOW 0x0000ffffabcd1230ull
#define P_TAG 0x5a00ffffabcd1230ull
#define P_UP 0xffff000012345678ull
#define FIELD_TBI 0x007f000000000000ull   /* bits 54:48 */
#define FIELD_NOTBI 0xff7f000000000000ull /* bits 63:56 and 54:48 */
#define ERR_A (1ull << 53)                /* error code 01 in bits 54:53 */
#define ERR_B (1ull << 54)                /* error code 10 in bits 54:53 */
#define ERR_A_UP (1ull << 62)             /* 1:01 in bits 63:61 of an upper-range pointer */
#define ERR_B_UP (1ull << 61)             /* 1:10 */

static Cpu *cpu;
static GuestMem *mem;
static uint64_t next_pc;

static void set_keys(Cpu *c)
{
    /* Key A (instruction and data) and the generic key: the QARMA vector's
     * keys (Hi = w0 = ComputePAC's key0, Lo = k0 = key1); the B keys differ. */
    static const struct { const char *name; uint64_t v; } keys[] = {
        { "APIAKeyHi_EL1", QW0 }, { "APIAKeyLo_EL1", QK0 },
        { "APIBKeyHi_EL1", 0x0123456789abcdefull }, { "APIBKeyLo_EL1", 0xfedcba9876543210ull },
        { "APDAKeyHi_EL1", QW0 }, { "APDAKeyLo_EL1", QK0 },
        { "APDBKeyHi_EL1", 0x1111222233334444ull }, { "APDBKeyLo_EL1", 0x5555666677778888ull },
        { "APGAKeyHi_EL1", QW0 }, { "APGAKeyLo_EL1", QK0 },
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        ck_assert_msg(sysregs_set_by_name(c, keys[i].name, keys[i].v), "no key register %s", keys[i].name);
}

static void setup_model(const char *model)
{
    mem = guest_mem_new();
    ck_assert(guest_mem_map(mem, CODE, CODE_SIZE, GUEST_PROT_READ | GUEST_PROT_EXEC));
    ck_assert(guest_mem_map(mem, DATA, DATA_SIZE, GUEST_PROT_READ | GUEST_PROT_WRITE));
    cpu = cpu_new(model);
    ck_assert_ptr_nonnull(cpu);
    cpu_set_mem(cpu, mem);
    next_pc = CODE;
}

static void setup(void)
{
    setup_model("max");
    set_keys(cpu);
}

static void setup_a57(void) { setup_model("cortex-a57"); }
static void setup_n1(void) { setup_model("neoverse-n1"); }

static void teardown(void)
{
    cpu_free(cpu);
    guest_mem_free(mem);
}

/* Place `insn` at a fresh address and run it once; returns its address. */
static uint64_t place(uint32_t insn)
{
    uint64_t pc = next_pc;
    next_pc += 4;
    ck_assert(next_pc <= CODE + CODE_SIZE);
    ck_assert(guest_mem_copy_in(mem, pc, &insn, 4));
    cpu_set_pc(cpu, pc);
    return pc;
}

/* Run a non-branching instruction; it must complete. */
static void step(uint32_t insn)
{
    uint64_t pc = place(insn);
    CpuStop why = cpu_run(cpu, 1);
    if (why == CPU_STOP_EXCEPTION)
        ck_abort_msg("insn %08x raised exception kind %d", insn, (int)cpu_exception(cpu)->kind);
    ck_assert_uint_eq(cpu_get_pc(cpu), pc + 4);
}

/* Xd := op(Xd = x0, Xn = x1): the data-processing forms all use x0, x1. */
static uint64_t op1(uint32_t insn, uint64_t x0, uint64_t x1)
{
    cpu_set_x(cpu, 0, x0);
    cpu_set_x(cpu, 1, x1);
    step(insn);
    ck_assert_uint_eq(cpu_get_x(cpu, 1), x1);
    return cpu_get_x(cpu, 0);
}

static void undef(uint32_t insn)
{
    uint64_t pc = place(insn);
    cpu_set_x(cpu, 0, SENTINEL);
    ck_assert_msg(cpu_run(cpu, 1) == CPU_STOP_EXCEPTION, "insn %08x did not stop", insn);
    ck_assert_msg(cpu_exception(cpu)->kind == CPU_EXC_UNDEFINED, "insn %08x: exception kind %d", insn,
                  (int)cpu_exception(cpu)->kind);
    ck_assert_uint_eq(cpu_exception(cpu)->pc, pc);
    ck_assert_uint_eq(cpu_get_x(cpu, 0), SENTINEL);
}

#define EQ64(got, want, what)                                                                       \
    ck_assert_msg((uint64_t)(got) == (uint64_t)(want), "%s: %016llx, want %016llx", what,           \
                  (unsigned long long)(got), (unsigned long long)(want))

/* ================================================================ QARMA */

START_TEST(ComputePAC_QARMA5_64)
{
    EQ64(asl_ComputePAC(cpu, QP, QT, QW0, QK0), QC, "ComputePAC(P, T, w0, k0)");
}
END_TEST

START_TEST(PACGA_64P_dp_2src)
{
    /* PACGA = ComputePAC(Xn, Xm, APGAKeyHi, APGAKeyLo)<63:32> : Zeros(32). */
    cpu_set_x(cpu, 0, SENTINEL);
    cpu_set_x(cpu, 1, QP);
    cpu_set_x(cpu, 2, QT);
    step(0x9ac23020 /* pacga x0, x1, x2 */);
    EQ64(cpu_get_x(cpu, 0), QC & 0xffffffff00000000ull, "pacga x0, x1, x2");
    cpu_set_sp(cpu, QT);
    cpu_set_x(cpu, 0, SENTINEL);
    step(0x9adf3020 /* pacga x0, x1, sp */);
    EQ64(cpu_get_x(cpu, 0), QC & 0xffffffff00000000ull, "pacga x0, x1, sp");
    /* Another key gives another code. */
    ck_assert(sysregs_set_by_name(cpu, "APGAKeyLo_EL1", QK0 ^ 1));
    step(0x9ac23020 /* pacga x0, x1, x2 */);
    ck_assert_uint_ne(cpu_get_x(cpu, 0), QC & 0xffffffff00000000ull);
    ck_assert_uint_eq(cpu_get_x(cpu, 0) & 0xffffffffull, 0);
}
END_TEST

/* ================================================================ PAC / AUT */

typedef struct KeyOps {
    uint32_t pac, pac_sp, pacz, aut, aut_sp, autz, xpac;
    uint64_t err, err_up; /* the error code as XOR with the pointer */
} KeyOps;

static const KeyOps IA = { 0xdac10020 /* pacia x0, x1 */, 0xdac103e0 /* pacia x0, sp */,
                           0xdac123e0 /* paciza x0 */, 0xdac11020 /* autia x0, x1 */,
                           0xdac113e0 /* autia x0, sp */, 0xdac133e0 /* autiza x0 */,
                           0xdac143e0 /* xpaci x0 */, ERR_A, ERR_A_UP };
static const KeyOps IB = { 0xdac10420 /* pacib x0, x1 */, 0xdac107e0 /* pacib x0, sp */,
                           0xdac127e0 /* pacizb x0 */, 0xdac11420 /* autib x0, x1 */,
                           0xdac117e0 /* autib x0, sp */, 0xdac137e0 /* autizb x0 */,
                           0xdac143e0 /* xpaci x0 */, ERR_B, ERR_B_UP };
static const KeyOps DA = { 0xdac10820 /* pacda x0, x1 */, 0xdac10be0 /* pacda x0, sp */,
                           0xdac12be0 /* pacdza x0 */, 0xdac11820 /* autda x0, x1 */,
                           0xdac11be0 /* autda x0, sp */, 0xdac13be0 /* autdza x0 */,
                           0xdac147e0 /* xpacd x0 */, ERR_A, ERR_A_UP };
static const KeyOps DB = { 0xdac10c20 /* pacdb x0, x1 */, 0xdac10fe0 /* pacdb x0, sp */,
                           0xdac12fe0 /* pacdzb x0 */, 0xdac11c20 /* autdb x0, x1 */,
                           0xdac11fe0 /* autdb x0, sp */, 0xdac13fe0 /* autdzb x0 */,
                           0xdac147e0 /* xpacd x0 */, ERR_B, ERR_B_UP };

/* The properties of one key on pointer p (field = where the PAC may go). */
static void props(const KeyOps *k, uint64_t p, uint64_t field, uint64_t err)
{
    const uint64_t mod = 0x1234, other = 0x1235;
    uint64_t q = op1(k->pac, p, mod);
    ck_assert_msg(q != p, "PAC of %016llx is zero with these keys", (unsigned long long)p);
    EQ64((q ^ p) & ~field, 0, "bits changed outside the PAC field");
    EQ64(op1(k->aut, q, mod), p, "aut(pac(p, m), m)");
    EQ64(op1(k->xpac, q, mod), p, "xpac(pac(p))");
    EQ64(op1(k->aut, q, other), p ^ err, "aut(pac(p, m), m') (error code)");
    /* (Not modifier 0: with key A = the QARMA keys, PAC(P_LOW, 0x1234) and
     * PAC(P_LOW, 0) agree in bits 54:48, the 1-in-128 chance collision of a
     * 7-bit PAC, and AUT then passes, as it must.) */
    EQ64(op1(k->aut, q, 0x5678), p ^ err, "aut(pac(p, m), m'') (error code)");
    /* A different pointer with the same modifier does not authenticate. */
    EQ64(op1(k->aut, q ^ 0x10, mod), p ^ 0x10 ^ err, "aut(pac(p) xor 0x10)");
    /* A forged PAC (one bit of the field changed) does not authenticate. */
    EQ64(op1(k->aut, q ^ (1ull << 50), mod), p ^ err, "aut(pac(p) with bit 50 flipped)");
}

/* The Z forms use modifier 0, the SP forms SP. */
static void zero_and_sp(const KeyOps *k)
{
    uint64_t q0 = op1(k->pac, P_LOW, 0);
    EQ64(op1(k->pacz, P_LOW, SENTINEL), q0, "pacz(p) = pac(p, 0)");
    EQ64(op1(k->autz, q0, SENTINEL), P_LOW, "autz(pacz(p))");
    EQ64(op1(k->autz, op1(k->pac, P_LOW, 0x5678), SENTINEL), P_LOW ^ k->err, "autz(pac(p, 0x5678))");
    cpu_set_sp(cpu, 0x7ff0);
    uint64_t qs = op1(k->pac_sp, P_LOW, SENTINEL);
    EQ64(qs, op1(k->pac, P_LOW, 0x7ff0), "pac(p, sp) = pac(p, x(sp))");
    EQ64(op1(k->aut_sp, qs, SENTINEL), P_LOW, "aut(pac(p, sp), sp)");
    cpu_set_sp(cpu, 0x7fe0);
    EQ64(op1(k->aut_sp, qs, SENTINEL), P_LOW ^ k->err, "aut(pac(p, sp), other sp)");
}

/* A pointer with bad extension bits gets PAC<54> (top_bit - 1) inverted,
 * so it never authenticates (AddPAC() without FEAT_EPAC). */
static void bad_extension(const KeyOps *k)
{
    const uint64_t bad = P_LOW | (1ull << 48);
    uint64_t qb = op1(k->pac, bad, 0x1234), qg = op1(k->pac, P_LOW, 0x1234);
    EQ64(qb ^ qg, 1ull << 54, "pac(bad) xor pac(good)");
    EQ64(op1(k->aut, qb, 0x1234), P_LOW ^ k->err, "aut(pac(bad))");
    /* Without TBI (upper range) the extension is bits 63:48: flip bit 62. */
    const uint64_t bad_up = P_UP & ~(1ull << 60);
    qb = op1(k->pac, bad_up, 0x1234);
    qg = op1(k->pac, P_UP, 0x1234);
    EQ64(qb ^ qg, 1ull << 62, "pac(bad upper) xor pac(good upper)");
    EQ64(op1(k->aut, qb, 0x1234), P_UP ^ k->err_up, "aut(pac(bad upper))");
}

static void all_props(const KeyOps *k)
{
    props(k, P_LOW, FIELD_TBI, k->err);
    props(k, P_TAG, FIELD_TBI, k->err);
    props(k, P_UP, FIELD_NOTBI, k->err_up);
    zero_and_sp(k);
    bad_extension(k);
}

START_TEST(PACIA_64P_dp_1src) { all_props(&IA); }
END_TEST
START_TEST(PACIB_64P_dp_1src) { all_props(&IB); }
END_TEST
START_TEST(PACDA_64P_dp_1src) { all_props(&DA); }
END_TEST
START_TEST(PACDB_64P_dp_1src) { all_props(&DB); }
END_TEST

/* The four keys are distinct registers: with key IA = key DA, PACIA and
 * PACDA agree (TBI is the same for both here); IB and DB keys differ. */
START_TEST(PAC_keys)
{
    uint64_t ia = op1(IA.pac, P_LOW, 0x1234), da = op1(DA.pac, P_LOW, 0x1234);
    uint64_t ib = op1(IB.pac, P_LOW, 0x1234);
    EQ64(ia, da, "pacia = pacda with equal keys");
    ck_assert_uint_ne(ia, ib);
    ck_assert(sysregs_set_by_name(cpu, "APDAKeyHi_EL1", 0));
    ck_assert_uint_ne(op1(DA.pac, P_LOW, 0x1234), ia);
    /* Zero keys still authenticate. */
    EQ64(op1(DA.aut, op1(DA.pac, P_LOW, 0x1234), 0x1234), P_LOW, "zero key: aut(pac(p))");
}
END_TEST

/* XPACI/XPACD: the extension bits become copies of bit 55 (below the top
 * byte when TBI applies). */
START_TEST(XPACI_64Z_dp_1src)
{
    EQ64(op1(0xdac143e0 /* xpaci x0 */, 0x5a7fffffabcd1230ull, 0), 0x5a00ffffabcd1230ull, "xpaci tagged");
    EQ64(op1(0xdac143e0 /* xpaci x0 */, 0x12ff800012345678ull, 0), 0xffff800012345678ull, "xpaci upper");
    EQ64(op1(0xdac143e0 /* xpaci x0 */, 0x0000123456789abcull, 0), 0x0000123456789abcull, "xpaci plain");
}
END_TEST

START_TEST(XPACD_64Z_dp_1src)
{
    EQ64(op1(0xdac147e0 /* xpacd x0 */, 0xa52a000000001000ull, 0), 0xa500000000001000ull, "xpacd tagged");
    EQ64(op1(0xdac147e0 /* xpacd x0 */, 0x00ff7fff00000008ull, 0), 0xffff7fff00000008ull, "xpacd upper");
}
END_TEST

/* ================================================================ branches */

static uint64_t sign(const KeyOps *k, uint64_t p, uint64_t mod) { return op1(k->pac, p, mod); }

/* Run one branch at a fresh address; returns its address. */
static uint64_t branch(uint32_t insn)
{
    uint64_t pc = place(insn);
    ck_assert_msg(cpu_run(cpu, 1) == CPU_STOP_BUDGET, "insn %08x raised exception kind %d", insn,
                  (int)cpu_exception(cpu)->kind);
    return pc;
}

START_TEST(BRAA_64P_branch_reg)
{
    const uint64_t t = CODE + 0x8000;
    cpu_set_x(cpu, 3, sign(&IA, t, 0x77));
    cpu_set_x(cpu, 4, 0x77);
    cpu_set_x(cpu, 30, SENTINEL);
    branch(0xd71f0864 /* braa x3, x4 */);
    EQ64(cpu_get_pc(cpu), t, "braa target");
    EQ64(cpu_get_x(cpu, 30), SENTINEL, "x30");
    /* SP as the modifier. */
    cpu_set_sp(cpu, 0x7ff0);
    cpu_set_x(cpu, 3, sign(&IA, t, 0x7ff0));
    branch(0xd71f087f /* braa x3, sp */);
    EQ64(cpu_get_pc(cpu), t, "braa x3, sp target");
    /* A failed authentication branches to the corrupted address, whose
     * fetch then faults. */
    cpu_set_x(cpu, 3, sign(&IA, t, 0x77));
    cpu_set_x(cpu, 4, 0x78);
    branch(0xd71f0864 /* braa x3, x4 */);
    EQ64(cpu_get_pc(cpu), t ^ ERR_A, "braa wrong modifier");
    ck_assert_int_eq(cpu_run(cpu, 1), CPU_STOP_EXCEPTION);
    ck_assert_int_eq(cpu_exception(cpu)->kind, CPU_EXC_INSN_ABORT);
}
END_TEST

START_TEST(BRAB_64P_branch_reg)
{
    const uint64_t t = CODE + 0x8010;
    cpu_set_x(cpu, 3, sign(&IB, t, 0x77));
    cpu_set_x(cpu, 4, 0x77);
    branch(0xd71f0c64 /* brab x3, x4 */);
    EQ64(cpu_get_pc(cpu), t, "brab target");
    /* Signed with key A: key B fails. */
    cpu_set_x(cpu, 3, sign(&IA, t, 0x77));
    branch(0xd71f0c64 /* brab x3, x4 */);
    EQ64(cpu_get_pc(cpu), t ^ ERR_B, "brab of a key-A pointer");
}
END_TEST

START_TEST(BRAAZ_64_branch_reg)
{
    const uint64_t t = CODE + 0x8020;
    cpu_set_x(cpu, 3, sign(&IA, t, 0));
    branch(0xd61f087f /* braaz x3 */);
    EQ64(cpu_get_pc(cpu), t, "braaz target");
    cpu_set_x(cpu, 3, sign(&IA, t, 1));
    branch(0xd61f087f /* braaz x3 */);
    EQ64(cpu_get_pc(cpu), t ^ ERR_A, "braaz of a pointer signed with modifier 1");
}
END_TEST

START_TEST(BRABZ_64_branch_reg)
{
    const uint64_t t = CODE + 0x8030;
    cpu_set_x(cpu, 3, sign(&IB, t, 0));
    branch(0xd61f0c7f /* brabz x3 */);
    EQ64(cpu_get_pc(cpu), t, "brabz target");
}
END_TEST

START_TEST(BLRAA_64P_branch_reg)
{
    const uint64_t t = CODE + 0x8040;
    cpu_set_x(cpu, 3, sign(&IA, t, 0x99));
    cpu_set_x(cpu, 4, 0x99);
    uint64_t pc = branch(0xd73f0864 /* blraa x3, x4 */);
    EQ64(cpu_get_pc(cpu), t, "blraa target");
    EQ64(cpu_get_x(cpu, 30), pc + 4, "blraa x30");
    /* BLRAA X30, X30: target and modifier are read before X30 is written,
     * so the modifier is the signed pointer itself (not zero): the
     * authentication fails, and X30 still gets the return address. */
    cpu_set_x(cpu, 30, sign(&IA, t, 0));
    pc = branch(0xd73f0bde /* blraa x30, x30 */);
    EQ64(cpu_get_pc(cpu), t ^ ERR_A, "blraa x30, x30 target");
    EQ64(cpu_get_x(cpu, 30), pc + 4, "blraa x30, x30 link");
}
END_TEST

START_TEST(BLRAB_64P_branch_reg)
{
    const uint64_t t = CODE + 0x8050;
    cpu_set_sp(cpu, 0x7ff0);
    cpu_set_x(cpu, 3, sign(&IB, t, 0x7ff0));
    uint64_t pc = branch(0xd73f0c7f /* blrab x3, sp */);
    EQ64(cpu_get_pc(cpu), t, "blrab target");
    EQ64(cpu_get_x(cpu, 30), pc + 4, "blrab x30");
}
END_TEST

START_TEST(BLRAAZ_64_branch_reg)
{
    const uint64_t t = CODE + 0x8060;
    cpu_set_x(cpu, 3, sign(&IA, t, 0));
    uint64_t pc = branch(0xd63f087f /* blraaz x3 */);
    EQ64(cpu_get_pc(cpu), t, "blraaz target");
    EQ64(cpu_get_x(cpu, 30), pc + 4, "blraaz x30");
}
END_TEST

START_TEST(BLRABZ_64_branch_reg)
{
    const uint64_t t = CODE + 0x8070;
    cpu_set_x(cpu, 3, sign(&IB, t, 0));
    uint64_t pc = branch(0xd63f0c7f /* blrabz x3 */);
    EQ64(cpu_get_pc(cpu), t, "blrabz target");
    EQ64(cpu_get_x(cpu, 30), pc + 4, "blrabz x30");
    /* A failed authentication still links. */
    cpu_set_x(cpu, 3, sign(&IB, t, 5));
    pc = branch(0xd63f0c7f /* blrabz x3 */);
    EQ64(cpu_get_pc(cpu), t ^ ERR_B, "blrabz wrong modifier");
    EQ64(cpu_get_x(cpu, 30), pc + 4, "blrabz x30 after failure");
}
END_TEST

START_TEST(RETAA_64E_branch_reg)
{
    const uint64_t t = CODE + 0x8080;
    cpu_set_sp(cpu, 0x7ff0);
    uint64_t lr = sign(&IA, t, 0x7ff0);
    cpu_set_x(cpu, 30, lr);
    branch(0xd65f0bff /* retaa */);
    EQ64(cpu_get_pc(cpu), t, "retaa target");
    EQ64(cpu_get_x(cpu, 30), lr, "retaa leaves x30");
    /* Another SP: the return address does not authenticate. */
    cpu_set_sp(cpu, 0x7fe0);
    branch(0xd65f0bff /* retaa */);
    EQ64(cpu_get_pc(cpu), t ^ ERR_A, "retaa with another sp");
    ck_assert_int_eq(cpu_run(cpu, 1), CPU_STOP_EXCEPTION);
    ck_assert_int_eq(cpu_exception(cpu)->kind, CPU_EXC_INSN_ABORT);
}
END_TEST

START_TEST(RETAB_64E_branch_reg)
{
    const uint64_t t = CODE + 0x8090;
    cpu_set_sp(cpu, 0x7ff0);
    cpu_set_x(cpu, 30, sign(&IB, t, 0x7ff0));
    branch(0xd65f0fff /* retab */);
    EQ64(cpu_get_pc(cpu), t, "retab target");
    cpu_set_x(cpu, 30, sign(&IA, t, 0x7ff0));
    branch(0xd65f0fff /* retab */);
    EQ64(cpu_get_pc(cpu), t ^ ERR_B, "retab of a key-A pointer");
}
END_TEST

START_TEST(ERETAA_64E_branch_reg)
{
    undef(0xd69f0bff /* eretaa */);
    undef(0xd69f0fff /* eretab */);
}
END_TEST

/* ================================================================ LDRAA/LDRAB */

static void data_init(void)
{
    static const uint64_t v[4] = { 0x0123456789abcdefull, 0x1122334455667788ull, 0x99aabbccddeeff00ull,
                                   0x5566778899aabbccull };
    ck_assert(guest_mem_copy_in(mem, DATA + 0x100, v, sizeof v));
}

/* Run a load; it must complete. */
static void load(uint32_t insn) { step(insn); }

START_TEST(LDRAA_64_ldst_pac)
{
    const uint64_t d = DATA + 0x108;
    data_init();
    cpu_set_x(cpu, 1, sign(&DA, d, 0));
    uint64_t signed_d = cpu_get_x(cpu, 1);
    cpu_set_x(cpu, 0, SENTINEL);
    load(0xf8201420 /* ldraa x0, [x1, #8] */);
    EQ64(cpu_get_x(cpu, 0), 0x99aabbccddeeff00ull, "ldraa [x1, #8]");
    EQ64(cpu_get_x(cpu, 1), signed_d, "no writeback");
    /* SP base, largest offset. */
    cpu_set_sp(cpu, sign(&DA, DATA + 0x100 - 4088 + 16, 0));
    load(0xf83ff7e0 /* ldraa x0, [sp, #4088] */);
    EQ64(cpu_get_x(cpu, 0), 0x99aabbccddeeff00ull, "ldraa [sp, #4088]");
    /* A pointer signed with a modifier other than zero faults at the
     * corrupted address. */
    cpu_set_x(cpu, 1, sign(&DA, d, 0x40));
    cpu_set_x(cpu, 0, SENTINEL);
    uint64_t pc = place(0xf8201420 /* ldraa x0, [x1, #8] */);
    ck_assert_int_eq(cpu_run(cpu, 1), CPU_STOP_EXCEPTION);
    ck_assert_int_eq(cpu_exception(cpu)->kind, CPU_EXC_DATA_ABORT);
    EQ64(cpu_exception(cpu)->vaddress, (d ^ ERR_A) + 8, "fault address");
    ck_assert_uint_eq(cpu_exception(cpu)->pc, pc);
    EQ64(cpu_get_x(cpu, 0), SENTINEL, "x0 after the fault");
}
END_TEST

START_TEST(LDRAA_64W_ldst_pac)
{
    const uint64_t d = DATA + 0x108;
    data_init();
    cpu_set_x(cpu, 1, sign(&DA, d, 0));
    load(0xf87ffc20 /* ldraa x0, [x1, #-8]! */);
    EQ64(cpu_get_x(cpu, 0), 0x0123456789abcdefull, "ldraa [x1, #-8]!");
    EQ64(cpu_get_x(cpu, 1), d - 8, "writeback: the authenticated address");
}
END_TEST

START_TEST(LDRAB_64_ldst_pac)
{
    const uint64_t d = DATA + 0x108;
    data_init();
    cpu_set_x(cpu, 1, sign(&DB, d, 0));
    load(0xf8a00420 /* ldrab x0, [x1] */);
    EQ64(cpu_get_x(cpu, 0), 0x1122334455667788ull, "ldrab [x1]");
    /* Signed with key A: key B fails (error code in bit 54). */
    cpu_set_x(cpu, 1, sign(&DA, d, 0));
    place(0xf8a00420 /* ldrab x0, [x1] */);
    ck_assert_int_eq(cpu_run(cpu, 1), CPU_STOP_EXCEPTION);
    ck_assert_int_eq(cpu_exception(cpu)->kind, CPU_EXC_DATA_ABORT);
    EQ64(cpu_exception(cpu)->vaddress, d ^ ERR_B, "fault address");
}
END_TEST

START_TEST(LDRAB_64W_ldst_pac)
{
    const uint64_t d = DATA + 0x108;
    data_init();
    cpu_set_x(cpu, 1, sign(&DB, d, 0));
    load(0xf8a02c20 /* ldrab x0, [x1, #16]! */);
    EQ64(cpu_get_x(cpu, 0), 0x5566778899aabbccull, "ldrab [x1, #16]!");
    EQ64(cpu_get_x(cpu, 1), d + 16, "writeback");
}
END_TEST

/* ================================================================ system registers */

START_TEST(APKey_sysregs)
{
    static const char *const names[] = { "APIAKeyLo_EL1", "APIAKeyHi_EL1", "APIBKeyLo_EL1", "APIBKeyHi_EL1",
                                         "APDAKeyLo_EL1", "APDAKeyHi_EL1", "APDBKeyLo_EL1", "APDBKeyHi_EL1",
                                         "APGAKeyLo_EL1", "APGAKeyHi_EL1" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        ck_assert_msg(sysregs_set_by_name(cpu, names[i], 1), "%s", names[i]);
    /* EL0 can neither read nor write them. */
    undef(0xd5382100 /* mrs x0, apiakeylo_el1 */);
    undef(0xd5182100 /* msr apiakeylo_el1, x0 */);
    undef(0xd5382320 /* mrs x0, apgakeyhi_el1 */);
}
END_TEST

/* ================================================================ no FEAT_PAuth */

static const uint32_t pauth_words[] = {
    0xdac10020 /* pacia x0, x1 */,  0xdac10420 /* pacib x0, x1 */, 0xdac10820 /* pacda x0, x1 */,
    0xdac10c20 /* pacdb x0, x1 */,  0xdac123e0 /* paciza x0 */,    0xdac127e0 /* pacizb x0 */,
    0xdac12be0 /* pacdza x0 */,     0xdac12fe0 /* pacdzb x0 */,    0xdac11020 /* autia x0, x1 */,
    0xdac11420 /* autib x0, x1 */,  0xdac11820 /* autda x0, x1 */, 0xdac11c20 /* autdb x0, x1 */,
    0xdac133e0 /* autiza x0 */,     0xdac137e0 /* autizb x0 */,    0xdac13be0 /* autdza x0 */,
    0xdac13fe0 /* autdzb x0 */,     0xdac143e0 /* xpaci x0 */,     0xdac147e0 /* xpacd x0 */,
    0x9ac23020 /* pacga x0, x1, x2 */, 0xd71f0864 /* braa x3, x4 */, 0xd71f0c64 /* brab x3, x4 */,
    0xd61f087f /* braaz x3 */,      0xd61f0c7f /* brabz x3 */,     0xd73f0864 /* blraa x3, x4 */,
    0xd73f0c7f /* blrab x3, sp */,  0xd63f087f /* blraaz x3 */,    0xd63f0c7f /* blrabz x3 */,
    0xd65f0bff /* retaa */,         0xd65f0fff /* retab */,        0xd69f0bff /* eretaa */,
    0xd69f0fff /* eretab */,        0xf8201420 /* ldraa x0, [x1, #8] */,
    0xf87ffc20 /* ldraa x0, [x1, #-8]! */, 0xf8a00420 /* ldrab x0, [x1] */,
    0xf8a02c20 /* ldrab x0, [x1, #16]! */,
};

START_TEST(no_pauth_undefined)
{
    for (size_t i = 0; i < sizeof pauth_words / sizeof pauth_words[0]; i++)
        undef(pauth_words[i]);
}
END_TEST

/* One TCase per test, named by the spec id it exercises. */
#define ADD(s, fixture, name, test)                            \
    do {                                                       \
        TCase *tc_ = tcase_create(name);                       \
        tcase_add_checked_fixture(tc_, fixture, teardown);     \
        tcase_add_test(tc_, test);                             \
        suite_add_tcase(s, tc_);                               \
    } while (0)

static Suite *pauth_suite(void)
{
    Suite *s = suite_create("exec_pauth");
    ADD(s, setup, "ComputePAC_QARMA5_64", ComputePAC_QARMA5_64);
    ADD(s, setup, "PACGA_64P_dp_2src", PACGA_64P_dp_2src);
    ADD(s, setup, "PACIA_64P_dp_1src", PACIA_64P_dp_1src);
    ADD(s, setup, "PACIB_64P_dp_1src", PACIB_64P_dp_1src);
    ADD(s, setup, "PACDA_64P_dp_1src", PACDA_64P_dp_1src);
    ADD(s, setup, "PACDB_64P_dp_1src", PACDB_64P_dp_1src);
    ADD(s, setup, "PAC_keys", PAC_keys);
    ADD(s, setup, "XPACI_64Z_dp_1src", XPACI_64Z_dp_1src);
    ADD(s, setup, "XPACD_64Z_dp_1src", XPACD_64Z_dp_1src);
    ADD(s, setup, "BRAA_64P_branch_reg", BRAA_64P_branch_reg);
    ADD(s, setup, "BRAB_64P_branch_reg", BRAB_64P_branch_reg);
    ADD(s, setup, "BRAAZ_64_branch_reg", BRAAZ_64_branch_reg);
    ADD(s, setup, "BRABZ_64_branch_reg", BRABZ_64_branch_reg);
    ADD(s, setup, "BLRAA_64P_branch_reg", BLRAA_64P_branch_reg);
    ADD(s, setup, "BLRAB_64P_branch_reg", BLRAB_64P_branch_reg);
    ADD(s, setup, "BLRAAZ_64_branch_reg", BLRAAZ_64_branch_reg);
    ADD(s, setup, "BLRABZ_64_branch_reg", BLRABZ_64_branch_reg);
    ADD(s, setup, "RETAA_64E_branch_reg", RETAA_64E_branch_reg);
    ADD(s, setup, "RETAB_64E_branch_reg", RETAB_64E_branch_reg);
    ADD(s, setup, "ERETAA_64E_branch_reg", ERETAA_64E_branch_reg);
    ADD(s, setup, "LDRAA_64_ldst_pac", LDRAA_64_ldst_pac);
    ADD(s, setup, "LDRAA_64W_ldst_pac", LDRAA_64W_ldst_pac);
    ADD(s, setup, "LDRAB_64_ldst_pac", LDRAB_64_ldst_pac);
    ADD(s, setup, "LDRAB_64W_ldst_pac", LDRAB_64W_ldst_pac);
    ADD(s, setup, "APKey_sysregs", APKey_sysregs);
    ADD(s, setup_a57, "cortex-a57_undefined", no_pauth_undefined);
    ADD(s, setup_n1, "neoverse-n1_undefined", no_pauth_undefined);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(pauth_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
