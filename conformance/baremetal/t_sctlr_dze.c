/* SCTLR_EL1.DZE = 0 traps DC ZVA at EL0 to EL1. */
#include "bm.h"

static volatile uint64_t at;

static uint64_t fn(uint64_t a)
{
    (void)a;
    uint64_t pc;
    __asm__ volatile("mov x9, %1\n" BM_HERE(%0) "dc zva, x9" : "=r"(pc) : "r"(&at) : "memory", "x9");
    at = pc;
    return 0;
}

int main(void)
{
    bm_exc_reset();
    write_sysreg(sctlr_el1, SCTLR_EL1_INIT & ~(1ull << 14));
    isb();
    bm_run_el(0, fn, 0);
    write_sysreg(sctlr_el1, SCTLR_EL1_INIT);
    isb();
    bm_check_exc("dc zva, x9", 0, 1, VEC_LOWER64, EC_SYSREG, at + 0);
    bm_check_eq("IL = 1", ESR_IL(bm_exc.esr), 1);
    bm_check_eq("exactly one exception", bm_exc_count, 1);
    return bm_done();
}
