/* SCR_EL3.TWI = 1 traps WFI at EL1 to EL3 (EC 0x01). */
#include "bm.h"

static volatile uint64_t at;

static uint64_t fn(uint64_t a)
{
    (void)a;
    uint64_t pc;
    __asm__ volatile(BM_HERE(%0) "wfi" : "=r"(pc)::"memory", "x9");
    at = pc;
    return 0;
}

int main(void)
{
    bm_exc_reset();
    write_sysreg(scr_el3, SCR_EL3_INIT | (1ull << 12));
    isb();
    bm_run_el(1, fn, 0);
    write_sysreg(scr_el3, SCR_EL3_INIT);
    isb();
    bm_check_exc("wfi", 0, 3, VEC_LOWER64, EC_WFX, at + 0);
    bm_check_eq("IL = 1", ESR_IL(bm_exc.esr), 1);
    bm_check_eq("exactly one exception", bm_exc_count, 1);
    return bm_done();
}
