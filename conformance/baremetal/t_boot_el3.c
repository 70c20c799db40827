/* Reset state: the tests start at EL3 on SP_EL3 with every interrupt
 * masked (PSTATE.DAIF = 0b1111 at reset, Arm ARM D1.9.1). */
#include "bm.h"

int main(void)
{
    bm_check_eq("CurrentEL is EL3", bm_current_el(), 3);
    bm_check_eq("SPSel is 1", read_sysreg(SPSel), 1);
    bm_check_eq("DAIF all masked after reset", read_sysreg(DAIF), 0x3c0);
    uint64_t pfr0 = read_sysreg(ID_AA64PFR0_EL1);
    bm_check("ID_AA64PFR0_EL1.EL3 implemented", ((pfr0 >> 12) & 0xf) != 0);
    bm_check("ID_AA64PFR0_EL1.EL2 implemented", ((pfr0 >> 8) & 0xf) != 0);
    bm_check("ID_AA64PFR0_EL1.EL1 is AArch64", ((pfr0 >> 4) & 0xf) >= 1);
    return bm_done();
}
