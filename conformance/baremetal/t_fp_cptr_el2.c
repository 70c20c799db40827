/* CPTR_EL2.TFP = 1 traps FP/SIMD at EL1 to EL2 (EC 0x07). */
#include "bm.h"

static volatile uint64_t at;

static uint64_t fn(uint64_t a)
{
    (void)a;
    uint64_t pc;
    __asm__ volatile(BM_HERE(%0) ".arch_extension fp\n" "fmov d0, xzr" : "=r"(pc)::"memory", "x9");
    at = pc;
    return 0;
}

int main(void)
{
    bm_exc_reset();
    write_sysreg(cptr_el2, CPTR_EL2_INIT | (1ull << 10));
    isb();
    bm_run_el(1, fn, 0);
    write_sysreg(cptr_el2, CPTR_EL2_INIT);
    isb();
    bm_check_exc(".arch_extension fp\n" "fmov d0, xzr", 0, 2, VEC_LOWER64, EC_FP, at + 0);
    bm_check_eq("IL = 1", ESR_IL(bm_exc.esr), 1);
    bm_check_eq("exactly one exception", bm_exc_count, 1);
    return bm_done();
}
