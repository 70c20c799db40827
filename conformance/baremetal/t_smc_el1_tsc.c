/* HCR_EL2.TSC = 1 traps SMC at EL1 to EL2 with EC 0x17 and ELR = the SMC itself (D13.2.48). */
#include "bm.h"

static volatile uint64_t at;

static uint64_t fn(uint64_t a)
{
    (void)a;
    uint64_t pc;
    __asm__ volatile(BM_HERE(%0) "smc #0x33" : "=r"(pc)::"memory");
    at = pc;
    return 0;
}

int main(void)
{
    bm_exc_reset();
    write_sysreg(hcr_el2, HCR_EL2_INIT | (1ull << 19)); /* TSC */
    isb();
    bm_run_el(1, fn, 0);
    write_sysreg(hcr_el2, HCR_EL2_INIT);
    isb();
    bm_check_exc("smc #0x33", 0, 2, VEC_LOWER64, EC_SMC, at + 0);
    bm_check_eq("ISS = imm16", ESR_ISS(bm_exc.esr), 0x33);
    bm_check_eq("IL = 1 (32-bit instruction)", ESR_IL(bm_exc.esr), 1);
    return bm_done();
}
