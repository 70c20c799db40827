/* With SCR_EL3.HCE = 0, HVC at EL2 is UNDEFINED (taken to EL2, EC 0x00). */
#include "bm.h"

static volatile uint64_t at;

static uint64_t fn(uint64_t a)
{
    (void)a;
    uint64_t pc;
    __asm__ volatile(BM_HERE(%0) "hvc #3" : "=r"(pc)::"memory");
    at = pc;
    return 0;
}

int main(void)
{
    bm_exc_reset();
    write_sysreg(scr_el3, SCR_EL3_INIT & ~(1ull << 8)); /* HCE = 0 */
    isb();
    bm_run_el(2, fn, 0);
    write_sysreg(scr_el3, SCR_EL3_INIT);
    isb();
    bm_check_exc("hvc #3 is UNDEFINED", 0, 2, VEC_CUR_SPX, EC_UNKNOWN, at);
    bm_check_eq("ISS = 0", ESR_ISS(bm_exc.esr), 0);
    bm_check_eq("IL = 1", ESR_IL(bm_exc.esr), 1);
    bm_check_eq("exactly one exception", bm_exc_count, 1);
    return bm_done();
}
