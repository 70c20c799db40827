/* ERET from EL3 to EL1h (SPSR_EL3.M = 0b0101), passing an argument and a result. */
#include "bm.h"

static uint64_t where(uint64_t a) { return read_sysreg(CurrentEL) << 8 | read_sysreg(SPSel) | a; }

int main(void)
{
    bm_exc_reset();
    bm_check_eq("ERET to EL1h runs at EL1 with SPSel 1", bm_run_el(1, where, 0x1230), 0x1631);
    bm_check_eq("no exception on the way", bm_exc_count, 0);
    return bm_done();
}
