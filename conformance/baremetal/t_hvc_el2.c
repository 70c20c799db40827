/* HVC at EL2 is taken to EL2 (current EL, SPx). */
#include "bm.h"

static volatile uint64_t at;

static uint64_t fn(uint64_t a)
{
    (void)a;
    uint64_t pc;
    __asm__ volatile(BM_HERE(%0) "hvc #0x22" : "=r"(pc)::"memory");
    at = pc;
    return 0;
}

int main(void)
{
    bm_exc_reset();
    bm_run_el(2, fn, 0);
    bm_check_exc("hvc #0x22", 0, 2, VEC_CUR_SPX, EC_HVC, at + 4);
    bm_check_eq("ISS = imm16", ESR_ISS(bm_exc.esr), 0x22);
    bm_check_eq("IL = 1 (32-bit instruction)", ESR_IL(bm_exc.esr), 1);
    return bm_done();
}
