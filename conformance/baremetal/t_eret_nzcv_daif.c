/* ERET restores PSTATE from SPSR: NZCV and DAIF as SPSR_EL3 holds them. */
#include "bm.h"

static uint64_t state(uint64_t a)
{
    (void)a;
    return read_sysreg(NZCV) | read_sysreg(DAIF);
}

int main(void)
{
    bm_exc_reset();
    uint64_t r = bm_run_spsr(0xa0000000ull | (0x5ull << 6) | M_EL1H, state, 0);
    bm_check_eq("NZCV at EL1 = SPSR.NZCV (N and C)", r & 0xf0000000, 0xa0000000);
    bm_check_eq("DAIF at EL1 = SPSR.DAIF (D and I)", r & 0x3c0, 0x5 << 6);
    r = bm_run_spsr(0x50000000ull | (0xaull << 6) | M_EL2H, state, 0);
    bm_check_eq("NZCV at EL2 = SPSR.NZCV (Z and V)", r & 0xf0000000, 0x50000000);
    bm_check_eq("DAIF at EL2 = SPSR.DAIF (A and F)", r & 0x3c0, 0xa << 6);
    return bm_done();
}
