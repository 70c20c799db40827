/* Two CPUs of one machine (-smp 2 as boards/system builds it): one global
 * exclusives monitor with the CPUs attached in order (MPIDR_EL1.Aff0 = the
 * PE number), SEV reaching the other CPU, and a store that clears the other
 * CPU's exclusive mark failing its STXR and waking its WFE (Arm ARM B2.9,
 * D1.6.1), and a broadcast TLBI (VAAE1IS) dropping the other CPU's cached
 * translation. */
#include <check.h>
#include <stdlib.h>

#include "cpu.h"
#include "monitor.h"

#define SEV 0xd503209fu
#define WFE 0xd503205fu
#define NOP 0xd503201fu
#define LDXR_X1_X0 0xc85f7c01u
#define STR_X2_X0 0xf9000002u
#define STXR_W3_X2_X0 0xc8037c02u
#define MRS_X5_MPIDR 0xd53800a5u
#define B_SELF 0x14000000u
#define LDR_X1_X0 0xf9400001u
#define TLBI_VAAE1IS_X2 0xd5088362u
#define DSB_ISH 0xd5033b9fu
#define CODE(i) (0x1000u + 0x1000u * (i))
#define DATA 0x8000u

static GuestMem *mem;
static Cpu *cpus[2];
static GlobalMonitor *gm;

static void setup(void)
{
    mem = guest_mem_new();
    ck_assert(guest_mem_map(mem, 0, 0x10000, GUEST_PROT_READ | GUEST_PROT_WRITE | GUEST_PROT_EXEC));
    gm = global_monitor_new();
    for (int i = 0; i < 2; i++) {
        cpus[i] = cpu_new("max");
        cpu_set_mem(cpus[i], mem);
        cpu_set_system_mode(cpus[i], true);
        cpu_set_rvbar(cpus[i], CODE(i));
        cpu_reset(cpus[i]);
        ck_assert_int_eq(monitor_attach(gm, cpus[i]), i);
    }
    cpu_link_peers(cpus, 2);
}

static void teardown(void)
{
    for (int i = 0; i < 2; i++)
        cpu_free(cpus[i]);
    global_monitor_free(gm);
    guest_mem_free(mem);
}

static void code(int i, const uint32_t *w, unsigned n) { ck_assert(guest_mem_copy_in(mem, CODE(i), w, 4 * n)); }

START_TEST(test_mpidr)
{
    const uint32_t w[] = {MRS_X5_MPIDR, B_SELF};
    for (int i = 0; i < 2; i++) {
        code(i, w, 2);
        ck_assert_int_eq(cpu_run(cpus[i], 1), CPU_STOP_BUDGET);
        ck_assert_uint_eq(cpu_get_x(cpus[i], 5) & 0xff, (unsigned)i);
    }
}
END_TEST

START_TEST(test_sev_wakes_the_other_cpu)
{
    const uint32_t w1[] = {WFE, NOP, B_SELF}, w0[] = {SEV, B_SELF};
    code(1, w1, 3);
    code(0, w0, 2);
    ck_assert_int_eq(cpu_run(cpus[1], 10), CPU_STOP_IDLE);
    ck_assert_int_eq(cpu_run(cpus[1], 10), CPU_STOP_IDLE); /* still asleep */
    ck_assert_int_eq(cpu_run(cpus[0], 1), CPU_STOP_BUDGET);
    ck_assert_int_eq(cpu_run(cpus[1], 1), CPU_STOP_BUDGET);
    ck_assert_uint_eq(cpu_get_pc(cpus[1]), CODE(1) + 8); /* the NOP ran */
}
END_TEST

START_TEST(test_store_clears_the_other_monitor)
{
    const uint32_t w1[] = {LDXR_X1_X0, WFE, STXR_W3_X2_X0, B_SELF}, w0[] = {STR_X2_X0, B_SELF};
    code(1, w1, 4);
    code(0, w0, 2);
    for (int i = 0; i < 2; i++) {
        cpu_set_x(cpus[i], 0, DATA);
        cpu_set_x(cpus[i], 2, 7u + (unsigned)i);
    }
    cpu_set_x(cpus[1], 3, 99);
    ck_assert_int_eq(cpu_run(cpus[1], 10), CPU_STOP_IDLE); /* LDXR marked, WFE sleeps */
    ck_assert_int_eq(cpu_run(cpus[0], 1), CPU_STOP_BUDGET); /* CPU 0 stores to the granule */
    ck_assert_int_eq(cpu_run(cpus[1], 1), CPU_STOP_BUDGET); /* the event woke CPU 1 */
    ck_assert_uint_eq(cpu_get_x(cpus[1], 3), 1);            /* its STXR failed */
    uint64_t v, f;
    ck_assert(guest_mem_read(mem, DATA, 8, &v, &f));
    ck_assert_uint_eq(v, 7); /* CPU 0's value stays */
}
END_TEST

static void poke64(uint64_t a, uint64_t v)
{
    uint64_t f;
    ck_assert(guest_mem_write(mem, a, 8, v, &f));
}

/* EL1 with the MMU on: 4 KiB pages, a 39-bit VA (walk from level 1), the
 * tables at 0xa000 (L1), 0xb000 (L2), 0xc000 (L3); identity pages 1-3
 * (code) and 8 (data), Normal memory. */
#define L3 0xc000u
#define PAGE(pa) ((uint64_t)(pa) | 1u << 10 /* AF */ | 3u)
static void mmu_on(Cpu *c)
{
    uint64_t sctlr;
    cpu_set_sysreg(c, "SCR_EL3", 1u | 1u << 10); /* NS, RW */
    cpu_set_sysreg(c, "HCR_EL2", 1ull << 31);     /* RW */
    cpu_set_sysreg(c, "MAIR_EL1", 0xff);
    cpu_set_sysreg(c, "TCR_EL1", 25u | 1u << 23); /* T0SZ = 25, EPD1 */
    cpu_set_sysreg(c, "TTBR0_EL1", 0xa000);
    cpu_get_sysreg(c, "SCTLR_EL1", &sctlr);
    cpu_set_sysreg(c, "SCTLR_EL1", (sctlr | 1u) & ~2ull); /* M, no alignment checks */
    ck_assert(cpu_set_el(c, 1));
}

START_TEST(test_tlbi_broadcast)
{
    poke64(0xa000, 0xb000 | 3u);
    poke64(0xb000, L3 | 3u);
    for (unsigned p = 1; p <= 3; p++)
        poke64(L3 + 8 * p, PAGE(p << 12));
    poke64(L3 + 8 * 8, PAGE(0x8000));
    poke64(0x8000, 0x11);
    poke64(0x9000, 0x22);
    const uint32_t w1[] = {LDR_X1_X0, LDR_X1_X0, B_SELF}, w0[] = {TLBI_VAAE1IS_X2, DSB_ISH, B_SELF};
    code(1, w1, 3);
    code(0, w0, 3);
    for (int i = 0; i < 2; i++) {
        mmu_on(cpus[i]);
        cpu_set_pc(cpus[i], CODE(i));
        cpu_set_x(cpus[i], 0, 0x8000);
        cpu_set_x(cpus[i], 2, 0x8000 >> 12);
    }
    ck_assert_int_eq(cpu_run(cpus[1], 1), CPU_STOP_BUDGET);
    ck_assert_uint_eq(cpu_get_pc(cpus[1]), CODE(1) + 4);
    ck_assert_uint_eq(cpu_get_x(cpus[1], 1), 0x11); /* VA 0x8000 -> PA 0x8000, now cached */
    poke64(L3 + 8 * 8, PAGE(0x9000));                /* remapped to PA 0x9000 */
    ck_assert_int_eq(cpu_run(cpus[0], 2), CPU_STOP_BUDGET); /* TLBI VAAE1IS, DSB ISH on CPU 0 */
    ck_assert_int_eq(cpu_run(cpus[1], 1), CPU_STOP_BUDGET);
    ck_assert_uint_eq(cpu_get_x(cpus[1], 1), 0x22); /* CPU 1 walked the tables again */
}
END_TEST

int main(void)
{
    Suite *s = suite_create("exec_smp");
    TCase *tc = tcase_create("smp");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_mpidr);
    tcase_add_test(tc, test_sev_wakes_the_other_cpu);
    tcase_add_test(tc, test_store_clears_the_other_monitor);
    tcase_add_test(tc, test_tlbi_broadcast);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
