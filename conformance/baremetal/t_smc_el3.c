/* SMC at EL3 is taken to EL3 (current EL, SPx) with EC 0x17, ELR = next. */
#include "bm.h"

int main(void)
{
    bm_exc_reset();
    uint64_t pc;
    __asm__ volatile(BM_HERE(%0) "smc #0x78" : "=r"(pc)::"memory");
    bm_check_exc("smc #0x78 at EL3", 0, 3, VEC_CUR_SPX, EC_SMC, pc + 4);
    bm_check_eq("ISS = imm16", ESR_ISS(bm_exc.esr), 0x78);
    bm_check_eq("SPSR_EL3.M = EL3h", bm_exc.spsr & 0xf, M_EL3H);
    return bm_done();
}
