/* A virtual IRQ pending while EL0 runs is taken to EL1 at the lower-EL IRQ vector (0x480); (PSTATE.I is clear at EL0 here). */
#include "bm.h"

static volatile uint64_t at;

static uint64_t fn(uint64_t a)
{
    (void)a;
    uint64_t pc;
    /* the interrupt is taken right after the unmask: ELR = the next instruction */
    __asm__ volatile(BM_HERE(%0) "nop\n nop" : "=r"(pc)::"memory");
    at = pc;
    return 0;
}

int main(void)
{
    bm_exc_reset();
    write_sysreg(hcr_el2, HCR_EL2_INIT | (1ull << 4) | (1ull << 7));
    isb();
    bm_run_spsr(M_EL0T, fn, 0);
    write_sysreg(hcr_el2, HCR_EL2_INIT);
    isb();
    bm_check_eq("taken to EL1", bm_exc.el, 1);
    bm_check_eq("vector: lower EL AArch64 IRQ", bm_exc.offset, VEC_LOWER64 + VEC_IRQ);
    bm_check_eq("SPSR.M = EL0t", bm_exc.spsr & 0xf, M_EL0T);
    (void)at;
    bm_check_eq("exactly one exception", bm_exc_count, 1);
    return bm_done();
}
