/* BRK at EL0 is taken to EL1 (EC 0x3C) at the lower-EL vector. */
#include "bm.h"

static volatile uint64_t at;

static uint64_t fn(uint64_t a)
{
    (void)a;
    uint64_t pc;
    __asm__ volatile(BM_HERE(%0) "brk #0x56" : "=r"(pc)::"memory", "x9");
    at = pc;
    return 0;
}

int main(void)
{
    bm_exc_reset();
    bm_run_el(0, fn, 0);
    bm_check_exc("brk #0x56", 0, 1, VEC_LOWER64, EC_BRK, at + 0);
    bm_check_eq("ISS = imm16", ESR_ISS(bm_exc.esr), 0x56);
    bm_check_eq("IL = 1", ESR_IL(bm_exc.esr), 1);
    bm_check_eq("exactly one exception", bm_exc_count, 1);
    return bm_done();
}
