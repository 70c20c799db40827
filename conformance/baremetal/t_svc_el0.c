/* SVC at EL0 is taken to EL1 at the lower-EL AArch64 vector (0x400); ELR is the next instruction, ESR.ISS the immediate. */
#include "bm.h"

static volatile uint64_t at;

static uint64_t fn(uint64_t a)
{
    (void)a;
    uint64_t pc;
    __asm__ volatile(BM_HERE(%0) "svc #0x42" : "=r"(pc)::"memory");
    at = pc;
    return 0;
}

int main(void)
{
    bm_exc_reset();
    bm_run_el(0, fn, 0);
    bm_check_exc("svc #0x42", 0, 1, VEC_LOWER64, EC_SVC, at + 4);
    bm_check_eq("ISS = imm16", ESR_ISS(bm_exc.esr), 0x42);
    bm_check_eq("IL = 1 (32-bit instruction)", ESR_IL(bm_exc.esr), 1);
    return bm_done();
}
