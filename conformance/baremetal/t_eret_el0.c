/* ERET from EL3 to EL0 (SPSR_EL3.M = 0b0000): code runs at EL0 (where
 * CurrentEL is not accessible: MRS CurrentEL is UNDEFINED there) and the
 * runtime comes back up with SVC -> EL1 -> SMC -> EL3. */
#include "bm.h"

static volatile uint64_t at;

static uint64_t where(uint64_t a)
{
    uint64_t pc, v;
    __asm__ volatile(BM_HERE(%0) "mrs %1, CurrentEL" : "=r"(pc), "=r"(v)::"memory");
    at = pc;
    return a + 1;
}

int main(void)
{
    bm_exc_reset();
    bm_check_eq("fn at EL0 returns its result", bm_run_el(0, where, 41), 42);
    bm_check_exc("MRS CurrentEL at EL0 is UNDEFINED", 0, 1, VEC_LOWER64, EC_UNKNOWN, at);
    bm_check_eq("SPSR_EL1.M = EL0t", bm_exc.spsr & 0xf, M_EL0T);
    return bm_done();
}
