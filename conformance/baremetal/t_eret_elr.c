/* ERET jumps to ELR_ELx and SPSR_ELx at EL2 can return to EL1 (ERET from EL2). */
#include "bm.h"

static volatile uint64_t el1_seen;

static void at_el1(void)
{
    el1_seen = read_sysreg(CurrentEL);
    /* come home: SMC #0xffff with x0 = 7 */
    __asm__ volatile("mov x0, #7\n smc #0xffff" ::: "x0", "memory");
    for (;;)
        ;
}

static uint64_t at_el2(uint64_t a)
{
    (void)a;
    write_sysreg(spsr_el2, SPSR_DAIF | M_EL1H);
    write_sysreg(elr_el2, (uint64_t)at_el1);
    uint64_t sp1 = read_sysreg(sp_el1);
    (void)sp1;
    __asm__ volatile("eret" ::: "memory");
    return 0;
}

int main(void)
{
    bm_exc_reset();
    bm_check_eq("EL2 ERET to EL1, result back at EL3", bm_run_el(2, at_el2, 0), 7);
    bm_check_eq("the EL1 code ran at EL1", el1_seen, 1 << 2);
    return bm_done();
}
