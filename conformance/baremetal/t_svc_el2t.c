/* SVC at EL2t is taken to EL2 at the current-EL SP0 vector (0x000). */
#include "bm.h"

static volatile uint64_t at;

static uint64_t fn(uint64_t a)
{
    (void)a;
    uint64_t pc;
    __asm__ volatile(BM_HERE(%0) "svc #0x98" : "=r"(pc)::"memory");
    at = pc;
    return 0;
}

int main(void)
{
    bm_exc_reset();
    bm_run_el_sp0(2, fn, 0);
    bm_check_exc("svc #0x98", 0, 2, VEC_CUR_SP0, EC_SVC, at + 4);
    bm_check_eq("ISS = imm16", ESR_ISS(bm_exc.esr), 0x98);
    bm_check_eq("IL = 1 (32-bit instruction)", ESR_IL(bm_exc.esr), 1);
    return bm_done();
}
