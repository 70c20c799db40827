/* ERET to EL1t: EL1 using SP_EL0 (SPSel = 0); the SP is SP_EL0's value. */
#include "bm.h"

extern char __stack_el0_top[], __stack_el1_top[];
static volatile uint64_t sp_seen;

static uint64_t where(uint64_t a)
{
    (void)a;
    uint64_t sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    sp_seen = sp;
    return read_sysreg(CurrentEL) | read_sysreg(SPSel);
}

int main(void)
{
    bm_exc_reset();
    bm_check_eq("ERET to EL1t: EL1, SPSel 0", bm_run_el_sp0(1, where, 0), 1 << 2);
    bm_check("SP is on the SP_EL0 stack",
             sp_seen <= (uint64_t)__stack_el0_top && sp_seen > (uint64_t)__stack_el0_top - 0x4000);
    return bm_done();
}
