/* With SCR_EL3.SMD = 1, SMC at EL1 is UNDEFINED (taken to EL1, EC 0x00).
 * No SMC can then reach EL3, so this test checks and exits from EL1. */
#include "bm.h"

static uint64_t fn(uint64_t a)
{
    (void)a;
    uint64_t pc;
    __asm__ volatile(BM_HERE(%0) "smc #4" : "=r"(pc)::"memory");
    bm_check_exc("smc #4 is UNDEFINED", 0, 1, VEC_CUR_SPX, EC_UNKNOWN, pc);
    bm_check_eq("ISS = 0", ESR_ISS(bm_exc.esr), 0);
    bm_check_eq("exactly one exception", bm_exc_count, 1);
    bm_check_eq("still at EL1", bm_current_el(), 1);
    bm_exit(bm_done());
}

int main(void)
{
    bm_exc_reset();
    write_sysreg(scr_el3, SCR_EL3_INIT | (1ull << 7)); /* SMD = 1 */
    isb();
    bm_run_el(1, fn, 0);
    bm_puts("FAIL came back to EL3\n");
    return 1;
}
