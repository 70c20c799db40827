/* HCR_EL2.TID3 = 1 traps reads of the ID group 3 registers (ID_AA64PFR0_EL1) at EL1 to EL2. */
#include "bm.h"

static volatile uint64_t at;

static uint64_t fn(uint64_t a)
{
    (void)a;
    uint64_t pc;
    __asm__ volatile(BM_HERE(%0) "mrs x9, id_aa64pfr0_el1" : "=r"(pc)::"memory", "x9");
    at = pc;
    return 0;
}

int main(void)
{
    bm_exc_reset();
    write_sysreg(hcr_el2, HCR_EL2_INIT | (1ull << 18));
    isb();
    bm_run_el(1, fn, 0);
    write_sysreg(hcr_el2, HCR_EL2_INIT);
    isb();
    bm_check_exc("mrs x9, id_aa64pfr0_el1", 0, 2, VEC_LOWER64, EC_SYSREG, at + 0);
    bm_check_eq("IL = 1", ESR_IL(bm_exc.esr), 1);
    bm_check_eq("exactly one exception", bm_exc_count, 1);
    return bm_done();
}
