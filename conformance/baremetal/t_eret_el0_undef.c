/* ERET at EL0 is UNDEFINED. */
#include "bm.h"

static volatile uint64_t at;

static uint64_t fn(uint64_t a)
{
    (void)a;
    uint64_t pc;
    __asm__ volatile(BM_HERE(%0) "eret" : "=r"(pc)::"memory");
    at = pc;
    return 0;
}

int main(void)
{
    bm_exc_reset();
    bm_run_el(0, fn, 0);
    bm_check_exc("eret is UNDEFINED", 0, 1, VEC_LOWER64, EC_UNKNOWN, at);
    bm_check_eq("ISS = 0", ESR_ISS(bm_exc.esr), 0);
    bm_check_eq("IL = 1", ESR_IL(bm_exc.esr), 1);
    bm_check_eq("exactly one exception", bm_exc_count, 1);
    return bm_done();
}
