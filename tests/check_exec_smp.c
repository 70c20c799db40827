/* Two CPUs of one machine (-smp 2 as boards/system builds it): one global
 * exclusives monitor with the CPUs attached in order (MPIDR_EL1.Aff0 = the
 * PE number), SEV reaching the other CPU, and a store that clears the other
 * CPU's exclusive mark failing its STXR and waking its WFE (Arm ARM B2.9,
 * D1.6.1). */
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

int main(void)
{
    Suite *s = suite_create("exec_smp");
    TCase *tc = tcase_create("smp");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_mpidr);
    tcase_add_test(tc, test_sev_wakes_the_other_cpu);
    tcase_add_test(tc, test_store_clears_the_other_monitor);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
