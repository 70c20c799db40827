/* The EL1 physical timer's interrupt (PPI, INTID 30 on virt) through the
 * GICv3: configured as Group 0 in the redistributor, enabled in the
 * distributor and the CPU interface, routed to EL3 as FIQ (SCR_EL3.FIQ).
 * The timer condition shows in CNTP_CTL_EL0.ISTATUS and ICC_HPPIR0_EL1
 * while FIQs are masked; unmasked, the FIQ is taken at EL3, acknowledged
 * with ICC_IAR0_EL1 (INTID 30) and ended with ICC_EOIR0_EL1; afterwards
 * the running priority is idle again. Needs -M virt (GICv3 at 0x08000000,
 * redistributor at 0x080a0000). Passes with one Security state (Armature)
 * and with two (QEMU secure=on): Group 0 is FIQ in both. */
#include "bm.h"

#define GICD 0x08000000ul
#define GICR 0x080a0000ul
#define SGI_BASE (GICR + 0x10000)
#define R32(a) (*(volatile uint32_t *)(a))
#define R8(a) (*(volatile uint8_t *)(a))
#define TIMER_INTID 30

#define ICC_PMR_EL1 "S3_0_C4_C6_0"
#define ICC_IAR0_EL1 "S3_0_C12_C8_0"
#define ICC_EOIR0_EL1 "S3_0_C12_C8_1"
#define ICC_HPPIR0_EL1 "S3_0_C12_C8_2"
#define ICC_RPR_EL1 "S3_0_C12_C11_3"
#define ICC_IGRPEN0_EL1 "S3_0_C12_C12_6"
#define ICC_SRE_EL3 "S3_6_C12_C12_5"
#define MRS(r) ({ uint64_t _v; __asm__ volatile("mrs %0, " r : "=r"(_v)); _v; })
#define MSR(r, v) __asm__ volatile("msr " r ", %0" ::"r"((uint64_t)(v)) : "memory")

static volatile uint64_t acked, rpr_in_handler, ctl_in_handler;
static volatile unsigned fiqs;

static bool on_fiq(BmFrame *f, unsigned offset, unsigned el)
{
    (void)f;
    if ((offset & 0x180) != VEC_FIQ || el != 3)
        return false;
    acked = MRS(ICC_IAR0_EL1);
    rpr_in_handler = MRS(ICC_RPR_EL1);
    ctl_in_handler = read_sysreg(cntp_ctl_el0);
    write_sysreg(cntp_ctl_el0, 0); /* the timer stops asserting its output */
    isb();
    MSR(ICC_EOIR0_EL1, acked);
    isb();
    fiqs++;
    return true;
}

int main(void)
{
    bm_exc_reset();
    MSR(ICC_SRE_EL3, 0xf);
    isb();
    /* distributor: Group 0 enabled (and affinity routing, RAO in Armature) */
    R32(GICD + 0x0) = 0x31;
    /* redistributor: wake it up */
    R32(GICR + 0x14) &= ~2u;
    for (int i = 0; i < 100000 && (R32(GICR + 0x14) & 4); i++)
        ;
    bm_check_eq("redistributor awake (ChildrenAsleep 0)", R32(GICR + 0x14) & 4, 0);
    /* INTID 30: Group 0, priority 0x80, enabled */
    R32(SGI_BASE + 0x80) &= ~(1u << TIMER_INTID);
    R32(SGI_BASE + 0xd00) &= ~(1u << TIMER_INTID);
    R8(SGI_BASE + 0x400 + TIMER_INTID) = 0x80;
    R32(SGI_BASE + 0x100) = 1u << TIMER_INTID;
    bm_check_eq("ISENABLER0 shows it", R32(SGI_BASE + 0x100) >> TIMER_INTID & 1, 1);
    bm_check_eq("priority reads back", R8(SGI_BASE + 0x400 + TIMER_INTID), 0x80);
    /* CPU interface */
    MSR(ICC_PMR_EL1, 0xff);
    MSR(ICC_IGRPEN0_EL1, 1);
    write_sysreg(scr_el3, read_sysreg(scr_el3) | (1u << 2)); /* FIQ to EL3 */
    isb();
    bm_check_eq("running priority idle", MRS(ICC_RPR_EL1), 0xff);

    bm_hook = on_fiq;
    write_sysreg(cntp_cval_el0, read_sysreg(cntpct_el0) + 200);
    write_sysreg(cntp_ctl_el0, 1);
    isb();
    while (!(read_sysreg(cntp_ctl_el0) & 4))
        ;
    bm_check_eq("ISTATUS set once CVAL is reached", read_sysreg(cntp_ctl_el0), 5);
    for (int i = 0; i < 1000 && MRS(ICC_HPPIR0_EL1) != TIMER_INTID; i++)
        ;
    bm_check_eq("HPPIR0 = the timer's INTID", MRS(ICC_HPPIR0_EL1), TIMER_INTID);
    bm_check_eq("no FIQ while masked", fiqs, 0);
    __asm__ volatile("msr daifclr, #1\n isb" ::: "memory");
    for (int i = 0; i < 100000 && !fiqs; i++)
        ;
    __asm__ volatile("msr daifset, #1\n isb" ::: "memory");
    bm_check_eq("one FIQ taken", fiqs, 1);
    bm_check_eq("IAR0 = INTID 30", acked, TIMER_INTID);
    bm_check_eq("running priority in the handler", rpr_in_handler, 0x80);
    bm_check_eq("CNTP_CTL in the handler: ENABLE, ISTATUS", ctl_in_handler, 5);
    bm_check_eq("FIQ vector at EL3 (current EL, SPx)", bm_exc.offset, VEC_CUR_SPX + VEC_FIQ);
    bm_check_eq("running priority idle again", MRS(ICC_RPR_EL1), 0xff);
    bm_check_eq("HPPIR0 spurious", MRS(ICC_HPPIR0_EL1), 1023);
    bm_check_eq("not active", R32(SGI_BASE + 0x300) >> TIMER_INTID & 1, 0);
    return bm_done();
}
