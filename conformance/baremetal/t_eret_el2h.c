/* ERET from EL3 to EL2h: the target runs at EL2 on SP_EL2 (SPSR_EL3.M = 0b1001). */
#include "bm.h"

static uint64_t where(uint64_t a)
{
    (void)a;
    return read_sysreg(CurrentEL) | read_sysreg(SPSel);
}

int main(void)
{
    bm_exc_reset();
    bm_check_eq("ERET to EL2h runs at EL2 with SPSel 1", bm_run_el(2, where, 0), (2 << 2) | 1);
    bm_check_eq("no exception on the way", bm_exc_count, 0);
    return bm_done();
}
