/* A virtual IRQ taken at EL1t uses the current-EL SP0 IRQ vector (0x080). */
#include "bm.h"

static volatile uint64_t at;

static uint64_t fn(uint64_t a)
{
    (void)a;
    uint64_t pc;
    /* the interrupt is taken right after the unmask: ELR = the instruction after the MSR */
    __asm__ volatile(BM_HERE(%0) "msr daifclr, #2\n nop\n nop" : "=r"(pc)::"memory");
    at = pc;
    return 0;
}

int main(void)
{
    bm_exc_reset();
    write_sysreg(hcr_el2, HCR_EL2_INIT | (1ull << 4) | (1ull << 7));
    isb();
    bm_run_el_sp0(1, fn, 0);
    write_sysreg(hcr_el2, HCR_EL2_INIT);
    isb();
    bm_check_exc("virtual interrupt", 0, 1, VEC_CUR_SP0 + VEC_IRQ, 0, at + 4);
    bm_check_eq("exactly one exception", bm_exc_count, 1);
    return bm_done();
}
