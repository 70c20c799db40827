/* GICv3 (boards/dev/gicv3*.c): distributor and redistributor registers,
 * SPI/PPI delivery to IRQ/FIQ by group, acknowledge/EOI through the CPU
 * interface, priority masking and preemption, EOImode 1 with DIR, SGIs,
 * misuse RAZ/WI; and the ICC_* system registers through a CPU. */
#include <check.h>
#include <stdlib.h>

#include "cpu.h"
#include "dev/gicv3.h"

static bool irq, fiq;
static int logged;
static void set_irq(void *o, int n, bool level) { (void)o; (void)n; irq = level; }
static void set_fiq(void *o, int n, bool level) { (void)o; (void)n; fiq = level; }
static void log_hook(bool unimp, const char *msg) { (void)unimp; (void)msg; logged++; }

static GicV3 *g;
static Cpu *cpu;
#define D_RD(off) gicv3_dist_ops.read(g, (off), 4)
#define D_WR(off, v) gicv3_dist_ops.write(g, (off), 4, (v))
#define R_RD(off) gicv3_redist_ops.read(g, (off), 4)
#define R_WR(off, v) gicv3_redist_ops.write(g, (off), 4, (v))
#define ICC_RD(r) gicv3_cpuif_ops.read(g, cpu, (r))
#define ICC_WR(r, v) gicv3_cpuif_ops.write(g, cpu, (r), (v))

static void setup(void)
{
    irq = fiq = false;
    logged = 0;
    dev_log_hook = log_hook;
    cpu = cpu_new("cortex-a57");
    g = gicv3_new(1, 288);
    gicv3_connect_cpu(g, 0, cpu, 0, (IrqLine){set_irq, NULL, 0}, (IrqLine){set_fiq, NULL, 0});
    /* as Linux: enable Group 1, wake the redistributor, unmask */
    D_WR(0x0, 2);
    R_WR(0x14, 0);
    ICC_WR(CPU_ICC_PMR_EL1, 0xff);
    ICC_WR(CPU_ICC_IGRPEN1_EL1, 1);
}

static void teardown(void)
{
    gicv3_free(g);
    cpu_free(cpu);
}

START_TEST(test_ids)
{
    ck_assert_uint_eq(D_RD(0xffe8) >> 4 & 0xf, 3); /* ArchRev */
    ck_assert_uint_eq(R_RD(0xffe8) >> 4 & 0xf, 3);
    ck_assert_uint_eq(D_RD(0x4) & 0x1f, 288 / 32 - 1);
    ck_assert_uint_eq(D_RD(0x0) & 0x50, 0x50); /* ARE, DS */
    ck_assert_uint_eq(gicv3_redist_ops.read(g, 0x8, 8) & 0x10, 0x10); /* Last */
    ck_assert_uint_eq(R_RD(0x14), 0);
    ck_assert_uint_eq(ICC_RD(CPU_ICC_SRE_EL1) & 1, 1);
}
END_TEST

START_TEST(test_spi_group1_irq)
{
    unsigned intid = 33; /* the UART on virt */
    D_WR(0x80 + 4, 1u << 1);         /* IGROUPR1: Group 1 */
    gicv3_dist_ops.write(g, 0x400 + intid, 1, 0xa0);
    D_WR(0x100 + 4, 1u << 1);        /* ISENABLER1 */
    ck_assert_uint_eq(D_RD(0x100 + 4), 2);
    gicv3_set_spi(g, intid, true);
    ck_assert(irq && !fiq);
    ck_assert_uint_eq(ICC_RD(CPU_ICC_HPPIR1_EL1), intid);
    ck_assert_uint_eq(ICC_RD(CPU_ICC_IAR0_EL1), 1023); /* wrong group */
    ck_assert_uint_eq(ICC_RD(CPU_ICC_IAR1_EL1), intid);
    ck_assert(!irq);                                   /* active: not signalled again */
    ck_assert_uint_eq(ICC_RD(CPU_ICC_RPR_EL1), 0xa0);
    ck_assert_uint_eq(D_RD(0x300 + 4), 2);             /* ISACTIVER */
    ICC_WR(CPU_ICC_EOIR1_EL1, intid);
    ck_assert_uint_eq(ICC_RD(CPU_ICC_RPR_EL1), 0xff);
    ck_assert(irq); /* level still high: pending again */
    gicv3_set_spi(g, intid, false);
    ck_assert(!irq);
    ck_assert_uint_eq(ICC_RD(CPU_ICC_IAR1_EL1), 1023);
}
END_TEST

START_TEST(test_priority_mask_and_preemption)
{
    /* two PPIs, Group 1: 27 at 0x80, 30 at 0x40 */
    R_WR(0x10000 + 0x80, (1u << 27) | (1u << 30));
    gicv3_redist_ops.write(g, 0x10000 + 0x400 + 27, 1, 0x80);
    gicv3_redist_ops.write(g, 0x10000 + 0x400 + 30, 1, 0x40);
    R_WR(0x10000 + 0x100, (1u << 27) | (1u << 30));
    ICC_WR(CPU_ICC_PMR_EL1, 0x80); /* masks priority 0x80 and lower */
    gicv3_set_ppi(g, 0, 27, true);
    ck_assert(!irq);
    ck_assert_uint_eq(ICC_RD(CPU_ICC_IAR1_EL1), 1023);
    ICC_WR(CPU_ICC_PMR_EL1, 0xf0);
    ck_assert(irq);
    ck_assert_uint_eq(ICC_RD(CPU_ICC_IAR1_EL1), 27);
    ck_assert(!irq);
    gicv3_set_ppi(g, 0, 30, true); /* higher priority: preempts */
    ck_assert(irq);
    ck_assert_uint_eq(ICC_RD(CPU_ICC_IAR1_EL1), 30);
    ck_assert_uint_eq(ICC_RD(CPU_ICC_RPR_EL1), 0x40);
    gicv3_set_ppi(g, 0, 30, false);
    ICC_WR(CPU_ICC_EOIR1_EL1, 30);
    ck_assert_uint_eq(ICC_RD(CPU_ICC_RPR_EL1), 0x80);
    gicv3_set_ppi(g, 0, 27, false);
    ICC_WR(CPU_ICC_EOIR1_EL1, 27);
    ck_assert_uint_eq(ICC_RD(CPU_ICC_RPR_EL1), 0xff);
    ck_assert_uint_eq(R_RD(0x10000 + 0x300), 0);
    ck_assert(!irq);
}
END_TEST

START_TEST(test_eoimode1_dir_and_group0)
{
    ICC_WR(CPU_ICC_CTLR_EL1, 2); /* EOImode 1 */
    D_WR(0x0, 3);
    ICC_WR(CPU_ICC_IGRPEN0_EL1, 1);
    R_WR(0x10000 + 0x80, 0); /* Group 0: FIQ */
    R_WR(0x10000 + 0x100, 1u << 26);
    gicv3_set_ppi(g, 0, 26, true);
    ck_assert(fiq && !irq);
    ck_assert_uint_eq(ICC_RD(CPU_ICC_IAR0_EL1), 26);
    gicv3_set_ppi(g, 0, 26, false);
    ICC_WR(CPU_ICC_EOIR0_EL1, 26);
    ck_assert_uint_eq(ICC_RD(CPU_ICC_RPR_EL1), 0xff);
    ck_assert_uint_eq(R_RD(0x10000 + 0x300), 1u << 26); /* still active */
    ICC_WR(CPU_ICC_DIR_EL1, 26);
    ck_assert_uint_eq(R_RD(0x10000 + 0x300), 0);
}
END_TEST

START_TEST(test_sgi)
{
    R_WR(0x10000 + 0x80, 0xffff);
    R_WR(0x10000 + 0x100, 1u << 5);
    ICC_WR(CPU_ICC_SGI1R_EL1, (5ull << 24) | 1); /* INTID 5 to Aff0 = 0 */
    ck_assert(irq);
    ck_assert_uint_eq(ICC_RD(CPU_ICC_IAR1_EL1), 5);
    ICC_WR(CPU_ICC_EOIR1_EL1, 5);
    ck_assert(!irq);
    ICC_WR(CPU_ICC_SGI1R_EL1, (5ull << 24) | 2); /* Aff0 = 1: no such PE */
    ck_assert(!irq);
}
END_TEST

START_TEST(test_misuse)
{
    ck_assert_uint_eq(D_RD(0x5000), 0);
    D_WR(0x4, 0);                                 /* TYPER is read-only */
    ck_assert_uint_eq(gicv3_dist_ops.read(g, 0x100, 2), 0); /* bad size */
    ck_assert_uint_eq(R_RD(0x20000 * 3), 0);      /* no such redistributor */
    ICC_WR(CPU_ICC_EOIR1_EL1, 40);                /* nothing active */
    ck_assert_int_eq(logged, 5);
}
END_TEST

/* The ICC_* system registers reach the GIC through the CPU. */
START_TEST(test_icc_sysregs_through_cpu)
{
    /* MRS x0, ICC_IAR1_EL1 (S3_0_C12_C12_0) executed at EL3 */
    GuestMem *mem = guest_mem_new();
    ck_assert(guest_mem_map(mem, 0x40000000, 0x1000, GUEST_PROT_READ | GUEST_PROT_WRITE | GUEST_PROT_EXEC));
    const uint32_t code[] = {0xd538cc00 /* mrs x0, icc_iar1_el1 */, 0xd518cc21 /* msr icc_eoir1_el1, x1 */};
    ck_assert(guest_mem_copy_in(mem, 0x40000000, code, sizeof code));
    cpu_set_system_mode(cpu, true);
    cpu_set_rvbar(cpu, 0x40000000);
    cpu_reset(cpu);
    cpu_set_mem(cpu, mem);
    cpu_set_gic(cpu, g, &gicv3_cpuif_ops);
    R_WR(0x10000 + 0x80, 1u << 27);
    R_WR(0x10000 + 0x100, 1u << 27);
    gicv3_set_ppi(g, 0, 27, true);
    cpu_set_x(cpu, 1, 27);
    ck_assert_int_eq(cpu_run(cpu, 1), CPU_STOP_BUDGET);
    ck_assert_uint_eq(cpu_get_x(cpu, 0), 27);
    ck_assert_uint_eq(cpu_get_pc(cpu), 0x40000004);
    gicv3_set_ppi(g, 0, 27, false);
    cpu_run(cpu, 1);
    ck_assert_uint_eq(ICC_RD(CPU_ICC_RPR_EL1), 0xff);
    /* without a GIC the registers are UNDEFINED */
    cpu_reset(cpu);
    cpu_set_gic(cpu, NULL, NULL);
    cpu_run(cpu, 1);
    uint64_t esr = 0;
    cpu_get_sysreg(cpu, "ESR_EL3", &esr);
    ck_assert_uint_eq(esr >> 26, 0); /* EC 0: UNDEFINED */
    guest_mem_free(mem);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("dev_gicv3");
    TCase *tc = tcase_create("gicv3");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_ids);
    tcase_add_test(tc, test_spi_group1_irq);
    tcase_add_test(tc, test_priority_mask_and_preemption);
    tcase_add_test(tc, test_eoimode1_dir_and_group0);
    tcase_add_test(tc, test_sgi);
    tcase_add_test(tc, test_misuse);
    tcase_add_test(tc, test_icc_sysregs_through_cpu);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
