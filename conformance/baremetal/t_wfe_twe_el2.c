/* HCR_EL2.TWE = 1 traps WFE at EL1 to EL2 (EC 0x01, ISS.TI = 1) when it
 * would wait: SEVL and a first WFE leave the event register clear (an ERET
 * sets it), so the second WFE traps.
 * QEMU 7.2 never traps WFE: not in check-list.txt. */
#include "bm.h"

static volatile uint64_t at;

static uint64_t fn(uint64_t a)
{
    (void)a;
    uint64_t pc;
    __asm__ volatile("sevl\n wfe\n" BM_HERE(%0) "wfe" : "=r"(pc)::"memory", "x9");
    at = pc;
    return 0;
}

int main(void)
{
    bm_exc_reset();
    write_sysreg(hcr_el2, HCR_EL2_INIT | (1ull << 14));
    isb();
    bm_run_el(1, fn, 0);
    write_sysreg(hcr_el2, HCR_EL2_INIT);
    isb();
    bm_check_exc("wfe", 0, 2, VEC_LOWER64, EC_WFX, at + 0);
    bm_check_eq("ISS.TI = 01 (WFE)", ESR_ISS(bm_exc.esr) & 3, 1);
    bm_check_eq("IL = 1", ESR_IL(bm_exc.esr), 1);
    bm_check_eq("exactly one exception", bm_exc_count, 1);
    return bm_done();
}
