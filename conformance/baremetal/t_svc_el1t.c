/* SVC at EL1t (SP_EL0) is taken to EL1 at the current-EL SP0 vector (0x000). */
#include "bm.h"

static volatile uint64_t at;

static uint64_t fn(uint64_t a)
{
    (void)a;
    uint64_t pc;
    __asm__ volatile(BM_HERE(%0) "svc #0x7" : "=r"(pc)::"memory");
    at = pc;
    return 0;
}

int main(void)
{
    bm_exc_reset();
    bm_run_el_sp0(1, fn, 0);
    bm_check_exc("svc #0x7", 0, 1, VEC_CUR_SP0, EC_SVC, at + 4);
    bm_check_eq("ISS = imm16", ESR_ISS(bm_exc.esr), 0x7);
    bm_check_eq("IL = 1 (32-bit instruction)", ESR_IL(bm_exc.esr), 1);
    return bm_done();
}
