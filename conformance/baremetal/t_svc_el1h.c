/* SVC at EL1h is taken to EL1 at the current-EL SPx vector (0x200). */
#include "bm.h"

static volatile uint64_t at;

static uint64_t fn(uint64_t a)
{
    (void)a;
    uint64_t pc;
    __asm__ volatile(BM_HERE(%0) "svc #0x1234" : "=r"(pc)::"memory");
    at = pc;
    return 0;
}

int main(void)
{
    bm_exc_reset();
    bm_run_el(1, fn, 0);
    bm_check_exc("svc #0x1234", 0, 1, VEC_CUR_SPX, EC_SVC, at + 4);
    bm_check_eq("ISS = imm16", ESR_ISS(bm_exc.esr), 0x1234);
    bm_check_eq("IL = 1 (32-bit instruction)", ESR_IL(bm_exc.esr), 1);
    return bm_done();
}
