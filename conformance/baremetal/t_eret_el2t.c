/* ERET to EL2t: EL2 using SP_EL0 (SPSR_EL3.M = 0b1000). */
#include "bm.h"

static uint64_t where(uint64_t a)
{
    (void)a;
    return read_sysreg(CurrentEL) | read_sysreg(SPSel);
}

int main(void)
{
    bm_exc_reset();
    bm_check_eq("ERET to EL2t: EL2, SPSel 0", bm_run_el_sp0(2, where, 0), 2 << 2);
    return bm_done();
}
