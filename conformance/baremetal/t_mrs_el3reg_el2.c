/* An EL3 system register is not accessible at EL2: MRS SCR_EL3 is UNDEFINED at EL2. */
#include "bm.h"

static volatile uint64_t at;

static uint64_t fn(uint64_t a)
{
    (void)a;
    uint64_t pc;
    __asm__ volatile(BM_HERE(%0) "mrs x9, scr_el3" : "=r"(pc)::"memory", "x9");
    at = pc;
    return 0;
}

int main(void)
{
    bm_exc_reset();
    bm_run_el(2, fn, 0);
    bm_check_exc("mrs x9, scr_el3 is UNDEFINED", 0, 2, VEC_CUR_SPX, EC_UNKNOWN, at);
    bm_check_eq("ISS = 0", ESR_ISS(bm_exc.esr), 0);
    bm_check_eq("IL = 1", ESR_IL(bm_exc.esr), 1);
    bm_check_eq("exactly one exception", bm_exc_count, 1);
    return bm_done();
}
