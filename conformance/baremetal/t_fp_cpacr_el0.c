/* CPACR_EL1.FPEN = 01 traps FP/SIMD at EL0 (not EL1) to EL1 (EC 0x07). */
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
    write_sysreg(cpacr_el1, 1 << 20);
    isb();
    bm_run_el(0, fn, 0);
    write_sysreg(cpacr_el1, 3 << 20);
    isb();
    bm_check_exc(".arch_extension fp\n" "fmov d0, xzr", 0, 1, VEC_LOWER64, EC_FP, at + 0);
    bm_check_eq("IL = 1", ESR_IL(bm_exc.esr), 1);
    bm_check_eq("exactly one exception", bm_exc_count, 1);
    return bm_done();
}
