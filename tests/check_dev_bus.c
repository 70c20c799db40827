/* The device bus (interp/bus.c) and the CPU's physical accesses through it:
 * loads and stores outside RAM reach the device at that address with the
 * offset and size; an access to nothing is an external abort (and the
 * unassigned hook hears of it); instruction fetch from a device aborts;
 * overlapping devices are refused. Also the board-as-firmware conduit:
 * HVC/SMC stop cpu_run() with CPU_EXC_HVC/SMC. */
#include <check.h>
#include <stdlib.h>

#include "bus.h"
#include "cpu.h"

static uint64_t last_off, last_val;
static unsigned last_size, writes, reads, unassigned;

static uint64_t dev_read(void *o, uint64_t off, unsigned size)
{
    (void)o;
    reads++;
    last_off = off;
    last_size = size;
    return 0x1122334455667788ull;
}
static void dev_write(void *o, uint64_t off, unsigned size, uint64_t v)
{
    (void)o;
    writes++;
    last_off = off;
    last_size = size;
    last_val = v;
}
static void on_unassigned(void *o, uint64_t a, unsigned s, bool w) { (void)o; (void)a; (void)s; (void)w; unassigned++; }

static const DeviceOps test_ops = {"test", dev_read, dev_write, NULL};
#define DEV 0x09000000ull
#define RAM 0x40000000ull

static GuestMem *mem;
static Bus *bus;
static Cpu *cpu;

static void setup(void)
{
    reads = writes = unassigned = 0;
    mem = guest_mem_new();
    ck_assert(guest_mem_map(mem, RAM, 0x10000, GUEST_PROT_READ | GUEST_PROT_WRITE | GUEST_PROT_EXEC));
    bus = bus_new(mem);
    ck_assert(bus_add_device(bus, "test", DEV, 0x1000, &test_ops, NULL));
    bus_set_unassigned_hook(bus, on_unassigned, NULL);
    cpu = cpu_new("cortex-a57");
    cpu_set_system_mode(cpu, true);
    cpu_set_rvbar(cpu, RAM);
    cpu_reset(cpu);
    cpu_set_mem(cpu, mem);
    cpu_set_bus(cpu, bus);
    cpu_set_sysreg(cpu, "VBAR_EL3", RAM + 0x800);
}

static void teardown(void)
{
    cpu_free(cpu);
    bus_free(bus);
    guest_mem_free(mem);
}

static void load(const uint32_t *code, size_t n) { ck_assert(guest_mem_copy_in(mem, RAM, code, n * 4)); }

START_TEST(test_table)
{
    ck_assert(!bus_add_device(bus, "overlap", DEV + 0xff0, 0x100, &test_ops, NULL));
    ck_assert(!bus_add_device(bus, "empty", 0x1000, 0, &test_ops, NULL));
    ck_assert(bus_add_device(bus, "next", DEV + 0x1000, 0x1000, &test_ops, NULL));
    ck_assert_str_eq(bus_find(bus, DEV + 0x1004)->name, "next");
    ck_assert_ptr_null(bus_find(bus, DEV + 0x2000));
    uint64_t v;
    ck_assert(bus_read(bus, DEV + 0x10, 2, &v));
    ck_assert_uint_eq(v, 0x7788);
    ck_assert(!bus_read(bus, DEV + 0xfff, 4, &v)); /* straddles the end */
    ck_assert_uint_eq(unassigned, 1);
}
END_TEST

START_TEST(test_cpu_mmio)
{
    const uint32_t code[] = {
        0xb9000001, /* str w1, [x0] */
        0xb9400402, /* ldr w2, [x0, #4] */
        0x39402003, /* ldrb w3, [x0, #8] */
        0xf9000801, /* str x1, [x0, #16] */
    };
    load(code, 4);
    cpu_set_x(cpu, 0, DEV + 0x20);
    cpu_set_x(cpu, 1, 0xdeadbeefcafef00dull);
    ck_assert_int_eq(cpu_run(cpu, 4), CPU_STOP_BUDGET);
    ck_assert_uint_eq(writes, 2);
    ck_assert_uint_eq(reads, 2);
    ck_assert_uint_eq(cpu_get_x(cpu, 2), 0x55667788);
    ck_assert_uint_eq(cpu_get_x(cpu, 3), 0x88);
    ck_assert_uint_eq(last_off, 0x30);
    ck_assert_uint_eq(last_size, 8);
    ck_assert_uint_eq(last_val, 0xdeadbeefcafef00dull);
    ck_assert_uint_eq(cpu_get_pc(cpu), RAM + 16);
}
END_TEST

START_TEST(test_unassigned_aborts)
{
    const uint32_t code[] = {0xb9400002 /* ldr w2, [x0] */};
    load(code, 1);
    cpu_set_x(cpu, 0, 0x0a000000); /* nothing there */
    cpu_run(cpu, 1);
    ck_assert_uint_eq(unassigned, 1);
    ck_assert_uint_eq(cpu_get_pc(cpu), RAM + 0x800 + 0x200); /* the EL3 sync vector */
    uint64_t esr = 0, far = 0;
    cpu_get_sysreg(cpu, "ESR_EL3", &esr);
    cpu_get_sysreg(cpu, "FAR_EL3", &far);
    ck_assert_uint_eq(esr >> 26, 0x25);  /* data abort, same EL */
    ck_assert_uint_eq(esr & 0x3f, 0x10); /* synchronous external abort */
    ck_assert_uint_eq(far, 0x0a000000);
}
END_TEST

START_TEST(test_fetch_from_device_aborts)
{
    const uint32_t code[] = {0xd61f0000 /* br x0 */};
    load(code, 1);
    cpu_set_x(cpu, 0, DEV);
    cpu_run(cpu, 2);
    ck_assert_uint_eq(reads, 0); /* the device never saw a fetch */
    uint64_t esr = 0;
    cpu_get_sysreg(cpu, "ESR_EL3", &esr);
    ck_assert_uint_eq(esr >> 26, 0x21); /* instruction abort, same EL */
}
END_TEST

START_TEST(test_psci_conduit)
{
    const uint32_t code[] = {0xd4000003 /* smc #0 */, 0xd4000002 /* hvc #0 */};
    load(code, 2);
    cpu_set_psci_conduit(cpu, CPU_PSCI_SMC);
    ck_assert_int_eq(cpu_run(cpu, 10), CPU_STOP_EXCEPTION);
    ck_assert_int_eq(cpu_exception(cpu)->kind, CPU_EXC_SMC);
    ck_assert_uint_eq(cpu_exception(cpu)->pc, RAM);
    cpu_set_pc(cpu, RAM + 4);
    cpu_exception_return(cpu);
    cpu_set_psci_conduit(cpu, CPU_PSCI_HVC);
    ck_assert_int_eq(cpu_run(cpu, 10), CPU_STOP_EXCEPTION);
    ck_assert_int_eq(cpu_exception(cpu)->kind, CPU_EXC_HVC);
    /* without a conduit the PE takes the exception itself */
    cpu_set_psci_conduit(cpu, CPU_PSCI_NONE);
    cpu_set_pc(cpu, RAM);
    ck_assert_int_eq(cpu_run(cpu, 1), CPU_STOP_BUDGET);
    ck_assert_uint_eq(cpu_get_pc(cpu), RAM + 0x800 + 0x200);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("dev_bus");
    TCase *tc = tcase_create("bus");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_table);
    tcase_add_test(tc, test_cpu_mmio);
    tcase_add_test(tc, test_unassigned_aborts);
    tcase_add_test(tc, test_fetch_from_device_aborts);
    tcase_add_test(tc, test_psci_conduit);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
