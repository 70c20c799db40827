/* Two CPUs (-smp 2) on -M virt with secure=off,virtualization=off: the
 * image starts at EL1 on CPU 0 with CPU 1 off, and the board's PSCI (HVC)
 * starts it. CPU 0 checks PSCI_VERSION and AFFINITY_INFO (OFF), starts
 * CPU 1 with CPU_ON (entry point, context id = its stack in x0); CPU 1
 * reads its MPIDR_EL1 (Aff0 = 1), wakes its own GICv3 redistributor; both
 * CPUs increment a shared counter with LDXR/STXR (no update may be lost, so
 * the exclusives monitor works across CPUs); CPU 0 sends SGI 1 to CPU 1
 * through ICC_SGI1R_EL1, CPU 1 takes it as an IRQ and answers with SGI 2;
 * CPU 1 then calls CPU_OFF and CPU 0 sees AFFINITY_INFO say OFF again.
 *
 * BM-ARGS: -M virt,gic-version=3,secure=off,virtualization=off -smp 2
 */
#include "bm.h"

#define GICD 0x08000000ul
#define GICR(c) (0x080a0000ul + (c) * 0x20000ul)
#define SGI_BASE(c) (GICR(c) + 0x10000)
#define R32(a) (*(volatile uint32_t *)(a))
#define R8(a) (*(volatile uint8_t *)(a))

#define ICC_PMR_EL1 "S3_0_C4_C6_0"
#define ICC_IAR1_EL1 "S3_0_C12_C12_0"
#define ICC_EOIR1_EL1 "S3_0_C12_C12_1"
#define ICC_SGI1R_EL1 "S3_0_C12_C11_5"
#define ICC_SRE_EL1 "S3_0_C12_C12_5"
#define ICC_IGRPEN1_EL1 "S3_0_C12_C12_7"
#define MRS(r) ({ uint64_t _v; __asm__ volatile("mrs %0, " r : "=r"(_v)); _v; })
#define MSR(r, v) __asm__ volatile("msr " r ", %0" ::"r"((uint64_t)(v)) : "memory")

enum {
    PSCI_VERSION = 0x84000000, PSCI_CPU_OFF = 0x84000002, PSCI_CPU_ON64 = 0xc4000003,
    PSCI_AFFINITY_INFO64 = 0xc4000004,
};
const unsigned bm_start_el = 1;

#define NINC 20000
#define SPIN 50000000

static volatile uint64_t counter;
static volatile uint64_t cpu1_mpidr, cpu1_ctx, cpu1_sgi, cpu0_sgi;
static volatile unsigned cpu1_ready, cpu1_done;
static uint8_t stack1[8192] __attribute__((aligned(16)));

void secondary_entry(void);
void secondary_main(uint64_t ctx);

/* CPU_ON's entry: MMU off, EL1, x0 = the context id (the stack's top) */
__asm__(".text\n"
        ".global secondary_entry\n"
        "secondary_entry:\n"
        "  mov sp, x0\n"
        "  ldr x1, =vectors_el1\n"
        "  msr vbar_el1, x1\n"
        "  isb\n"
        "  bl secondary_main\n"
        "1: b 1b\n");

static int64_t psci(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
    register uint64_t x0 __asm__("x0") = fn, x1 __asm__("x1") = a1, x2 __asm__("x2") = a2,
                      x3 __asm__("x3") = a3;
    __asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : "memory");
    return (int64_t)x0;
}

static void atomic_inc(volatile uint64_t *p)
{
    uint64_t v;
    uint32_t fail;
    __asm__ volatile("1: ldxr %0, [%2]\n"
                     "   add %0, %0, #1\n"
                     "   stxr %w1, %0, [%2]\n"
                     "   cbnz %w1, 1b\n"
                     : "=&r"(v), "=&r"(fail)
                     : "r"(p)
                     : "memory");
}

static bool on_irq(BmFrame *f, unsigned offset, unsigned el)
{
    (void)f;
    if ((offset & 0x180) != VEC_IRQ || el != 1)
        return false;
    uint64_t iar = MRS(ICC_IAR1_EL1);
    if (read_sysreg(mpidr_el1) & 0xff)
        cpu1_sgi = iar;
    else
        cpu0_sgi = iar;
    MSR(ICC_EOIR1_EL1, iar);
    isb();
    return true;
}

/* This CPU's redistributor awake, SGI `intid` Group 1 and enabled, and its
 * CPU interface taking Group 1 interrupts. */
static void gic_cpu_init(unsigned c, unsigned intid)
{
    R32(GICR(c) + 0x14) &= ~2u;
    for (int i = 0; i < 100000 && (R32(GICR(c) + 0x14) & 4); i++)
        ;
    R32(SGI_BASE(c) + 0x80) |= 1u << intid;
    R8(SGI_BASE(c) + 0x400 + intid) = 0x80;
    R32(SGI_BASE(c) + 0x100) = 1u << intid;
    MSR(ICC_SRE_EL1, 7);
    isb();
    MSR(ICC_PMR_EL1, 0xff);
    MSR(ICC_IGRPEN1_EL1, 1);
    isb();
}

void secondary_main(uint64_t ctx)
{
    cpu1_ctx = ctx;
    cpu1_mpidr = read_sysreg(mpidr_el1);
    gic_cpu_init(1, 1);
    __asm__ volatile("dmb ish" ::: "memory");
    cpu1_ready = 1;
    for (int i = 0; i < NINC; i++)
        atomic_inc(&counter);
    __asm__ volatile("dmb ish" ::: "memory");
    cpu1_done = 1;
    /* wait for SGI 1 from CPU 0 */
    __asm__ volatile("msr daifclr, #2" ::: "memory");
    while (!cpu1_sgi)
        __asm__ volatile("wfi" ::: "memory");
    __asm__ volatile("msr daifset, #2" ::: "memory");
    /* answer with SGI 2 to CPU 0 (Aff1.Aff2.Aff3 = 0, target list bit 0) */
    MSR(ICC_SGI1R_EL1, 2ull << 24 | 1);
    isb();
    psci(PSCI_CPU_OFF, 0, 0, 0);
    for (;;)
        ;
}

int main(void)
{
    bm_exc_reset();
    bm_hook = on_irq;
    bm_check_eq("CPU 0 starts at EL1", bm_current_el(), 1);
    bm_check_eq("CPU 0: MPIDR_EL1.Aff0 = 0", read_sysreg(mpidr_el1) & 0xff, 0);
    bm_check("PSCI_VERSION is 1.0 or later", (psci(PSCI_VERSION, 0, 0, 0) >> 16) >= 1);
    bm_check_eq("AFFINITY_INFO(CPU 1) = OFF", (uint64_t)psci(PSCI_AFFINITY_INFO64, 1, 0, 0), 1);

    R32(GICD + 0x0) = 0x13; /* EnableGrp0, EnableGrp1, ARE */
    gic_cpu_init(0, 2);

    uint64_t ctx = (uint64_t)(stack1 + sizeof stack1);
    bm_check_eq("CPU_ON(CPU 1) succeeds", (uint64_t)psci(PSCI_CPU_ON64, 1, (uint64_t)secondary_entry, ctx), 0);
    bm_check_eq("CPU_ON(no such CPU): INVALID_PARAMETERS", (uint64_t)psci(PSCI_CPU_ON64, 7, (uint64_t)secondary_entry, ctx),
                (uint64_t)-2);
    for (int i = 0; i < SPIN && !cpu1_ready; i++)
        ;
    bm_check_eq("CPU 1 came up", cpu1_ready, 1);
    bm_check_eq("CPU 1: x0 = the context id", cpu1_ctx, ctx);
    bm_check_eq("CPU 1: MPIDR_EL1.Aff0 = 1", cpu1_mpidr & 0xff, 1);
    /* once it runs (QEMU 7.2 answers SUCCESS while the target is pending) */
    bm_check_eq("CPU_ON(CPU 1) again: ALREADY_ON", (uint64_t)psci(PSCI_CPU_ON64, 1, (uint64_t)secondary_entry, ctx),
                (uint64_t)-4);
    bm_check_eq("AFFINITY_INFO(CPU 1) = ON", (uint64_t)psci(PSCI_AFFINITY_INFO64, 1, 0, 0), 0);

    for (int i = 0; i < NINC; i++)
        atomic_inc(&counter);
    for (int i = 0; i < SPIN && !cpu1_done; i++)
        ;
    __asm__ volatile("dmb ish" ::: "memory");
    bm_check_eq("no increment lost (LDXR/STXR on both CPUs)", counter, 2 * NINC);

    MSR(ICC_SGI1R_EL1, 1ull << 24 | 2); /* SGI 1 to CPU 1 (target list bit 1) */
    isb();
    __asm__ volatile("msr daifclr, #2" ::: "memory");
    for (int i = 0; i < SPIN && !cpu0_sgi; i++)
        __asm__ volatile("wfi" ::: "memory");
    __asm__ volatile("msr daifset, #2" ::: "memory");
    bm_check_eq("CPU 1 took SGI 1", cpu1_sgi, 1);
    bm_check_eq("CPU 0 took SGI 2 from CPU 1", cpu0_sgi, 2);
    int64_t aff = 0;
    for (int i = 0; i < 1000000 && (aff = psci(PSCI_AFFINITY_INFO64, 1, 0, 0)) != 1; i++)
        ;
    bm_check_eq("CPU_OFF: AFFINITY_INFO(CPU 1) = OFF", (uint64_t)aff, 1);
    return 0;
}
