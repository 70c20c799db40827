/* A pending virtual IRQ is not taken while PSTATE.I masks it at EL1, and
 * never at EL2 (virtual interrupts only target EL1/EL0). */
#include "bm.h"

static uint64_t fn(uint64_t a)
{
    (void)a;
    __asm__ volatile("nop\n nop\n nop" ::: "memory");
    return 0;
}

static uint64_t fn_el2(uint64_t a)
{
    (void)a;
    __asm__ volatile("msr daifclr, #2\n nop\n nop\n msr daifset, #2" ::: "memory");
    return 0;
}

int main(void)
{
    bm_exc_reset();
    write_sysreg(hcr_el2, HCR_EL2_INIT | (1ull << 4) | (1ull << 7));
    isb();
    bm_run_el(1, fn, 0);
    bm_check_eq("masked at EL1: not taken", bm_exc_count, 0);
    bm_run_el(2, fn_el2, 0);
    bm_check_eq("unmasked at EL2: not taken", bm_exc_count, 0);
    write_sysreg(hcr_el2, HCR_EL2_INIT);
    isb();
    return bm_done();
}
