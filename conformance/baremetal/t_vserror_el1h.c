/* HCR_EL2.AMO = 1 and VSE = 1: a virtual SError is taken at EL1 once PSTATE.A is clear (vector 0x380); taking it clears HCR_EL2.VSE. */
#include "bm.h"

static volatile uint64_t at;

static uint64_t fn(uint64_t a)
{
    (void)a;
    uint64_t pc;
    /* the interrupt is taken right after the unmask: ELR = the instruction after the MSR */
    __asm__ volatile(BM_HERE(%0) "msr daifclr, #4\n nop\n nop" : "=r"(pc)::"memory");
    at = pc;
    return 0;
}

int main(void)
{
    bm_exc_reset();
    write_sysreg(hcr_el2, HCR_EL2_INIT | (1ull << 5) | (1ull << 8));
    isb();
    bm_run_el(1, fn, 0);
    write_sysreg(hcr_el2, HCR_EL2_INIT);
    isb();
    bm_check_exc("virtual interrupt", 0, 1, VEC_CUR_SPX + VEC_SERROR, EC_SERROR, at + 4);
    bm_check_eq("exactly one exception", bm_exc_count, 1);
    return bm_done();
}
