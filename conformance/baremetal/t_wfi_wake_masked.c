/* WFI completes when an interrupt is pending even though PSTATE.I masks it
 * (D1.16.2 "wake-up events"): a pending virtual IRQ wakes WFI at EL1. */
#include "bm.h"

static uint64_t fn(uint64_t a)
{
    (void)a;
    __asm__ volatile("wfi\n" ::: "memory");
    return 0x55;
}

int main(void)
{
    bm_exc_reset();
    write_sysreg(hcr_el2, HCR_EL2_INIT | (1ull << 4) | (1ull << 7));
    isb();
    bm_check_eq("WFI returned", bm_run_el(1, fn, 0), 0x55);
    write_sysreg(hcr_el2, HCR_EL2_INIT);
    isb();
    bm_check_eq("the masked interrupt was not taken", bm_exc_count, 0);
    return bm_done();
}
