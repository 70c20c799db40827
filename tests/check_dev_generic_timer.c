/* The generic timer: CNTP/CNTV registers in spec/sysregs (ISTATUS, TVAL,
 * CNTVOFF), the board's clock and timer hook, and the outputs and
 * deadlines boards/dev/generic_timer.c computes. */
#include <check.h>
#include <stdlib.h>

#include "cpu.h"
#include "dev/generic_timer.h"

#define RAM 0x40000000ull
static uint64_t count;
static unsigned hook_calls;
static bool out[GT_NTIMERS];
static uint64_t clock_count(void *o) { (void)o; return count; }
static void hook(void *o) { (void)o; hook_calls++; }
static void set_out(void *o, int n, bool level) { (void)o; out[n] = level; }

static Cpu *cpu;
static GuestMem *mem;

static void setup(void)
{
    count = 1000;
    hook_calls = 0;
    for (int i = 0; i < GT_NTIMERS; i++)
        out[i] = false;
    mem = guest_mem_new();
    ck_assert(guest_mem_map(mem, RAM, 0x1000, GUEST_PROT_READ | GUEST_PROT_WRITE | GUEST_PROT_EXEC));
    cpu = cpu_new("cortex-a57");
    cpu_set_system_mode(cpu, true);
    cpu_set_rvbar(cpu, RAM);
    cpu_reset(cpu);
    cpu_set_mem(cpu, mem);
    cpu_set_clock(cpu, clock_count, NULL);
    cpu_set_timer_hook(cpu, hook, NULL);
}

static void teardown(void)
{
    cpu_free(cpu);
    guest_mem_free(mem);
}

START_TEST(test_registers)
{
    const uint32_t code[] = {
        0xd51be241, /* msr cntp_cval_el0, x1 */
        0xd51be222, /* msr cntp_ctl_el0, x2 */
        0xd53be223, /* mrs x3, cntp_ctl_el0 */
        0xd53be204, /* mrs x4, cntp_tval_el0 */
        0xd51be301, /* msr cntv_tval_el0, x1 */
        0xd53be045, /* mrs x5, cntvct_el0 */
    };
    ck_assert(guest_mem_copy_in(mem, RAM, code, sizeof code));
    cpu_set_x(cpu, 1, 1100);
    cpu_set_x(cpu, 2, 1);
    cpu_run(cpu, 4);
    ck_assert_uint_eq(hook_calls, 2);
    ck_assert_uint_eq(cpu_get_x(cpu, 3), 1);   /* enabled, condition not met */
    ck_assert_uint_eq(cpu_get_x(cpu, 4), 100); /* TVAL = CVAL - count */
    count = 1200;
    cpu_set_pc(cpu, RAM + 8);
    cpu_run(cpu, 2);
    ck_assert_uint_eq(cpu_get_x(cpu, 3), 5);   /* ISTATUS */
    ck_assert_uint_eq(cpu_get_x(cpu, 4), (uint32_t)-100);
    cpu_set_sysreg(cpu, "CNTVOFF_EL2", 200);
    cpu_run(cpu, 2);
    uint64_t cval = 0;
    cpu_get_sysreg(cpu, "CNTV_CVAL_EL0", &cval);
    ck_assert_uint_eq(cval, 1000 + 1100);      /* virtual count + TVAL */
    ck_assert_uint_eq(cpu_get_x(cpu, 5), 1000); /* physical - CNTVOFF */
}
END_TEST

START_TEST(test_outputs)
{
    GenericTimer t;
    IrqLine lines[GT_NTIMERS];
    for (int i = 0; i < GT_NTIMERS; i++)
        lines[i] = (IrqLine){set_out, NULL, i};
    gtimer_init(&t, cpu, lines);
    cpu_set_sysreg(cpu, "CNTP_CVAL_EL0", 1500);
    cpu_set_sysreg(cpu, "CNTP_CTL_EL0", 1);
    cpu_set_sysreg(cpu, "CNTVOFF_EL2", 100);
    cpu_set_sysreg(cpu, "CNTV_CVAL_EL0", 1200); /* physical 1300 */
    cpu_set_sysreg(cpu, "CNTV_CTL_EL0", 1);
    gtimer_update(&t, 1000);
    ck_assert(!out[GT_PHYS] && !out[GT_VIRT]);
    ck_assert_uint_eq(gtimer_next_deadline(&t, 1000), 1300);
    gtimer_update(&t, 1300);
    ck_assert(out[GT_VIRT] && !out[GT_PHYS]);
    ck_assert_uint_eq(gtimer_next_deadline(&t, 1300), 1500);
    cpu_set_sysreg(cpu, "CNTV_CTL_EL0", 3); /* IMASK */
    gtimer_update(&t, 1600);
    ck_assert(!out[GT_VIRT] && out[GT_PHYS]);
    ck_assert_uint_eq(gtimer_next_deadline(&t, 1600), UINT64_MAX);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("dev_generic_timer");
    TCase *tc = tcase_create("timer");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_registers);
    tcase_add_test(tc, test_outputs);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
