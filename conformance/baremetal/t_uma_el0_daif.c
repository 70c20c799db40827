/* SCTLR_EL1.UMA = 0 traps MSR DAIFSet at EL0 to EL1 (EC 0x18); UMA = 1 allows it. */
#include "bm.h"

static volatile uint64_t at, daif_el0;

static uint64_t fn(uint64_t a)
{
    uint64_t pc;
    __asm__ volatile(BM_HERE(%0) "msr daifset, #2" : "=r"(pc)::"memory");
    at = pc;
    if (a)
        daif_el0 = read_sysreg(DAIF);
    return 0;
}

int main(void)
{
    bm_exc_reset();
    bm_run_el(0, fn, 0);
    bm_check_exc("UMA=0: MSR DAIFSet at EL0", 0, 1, VEC_LOWER64, EC_SYSREG, at);
    write_sysreg(sctlr_el1, SCTLR_EL1_INIT | (1u << 9));
    isb();
    bm_exc_reset();
    bm_run_spsr(M_EL0T, fn, 1); /* EL0 with DAIF clear */
    write_sysreg(sctlr_el1, SCTLR_EL1_INIT);
    isb();
    bm_check_eq("UMA=1: no trap", bm_exc_count, 0);
    bm_check_eq("UMA=1: DAIF at EL0 has I set", daif_el0, 0x80);
    return bm_done();
}
