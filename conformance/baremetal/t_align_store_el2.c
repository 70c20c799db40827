/* An unaligned store at EL2 with its MMU off (Device memory) is an alignment
 * fault taken to EL2 with WnR = 1.
 * QEMU 7.2 has no alignment check for Device memory: not in check-list.txt. */
#include "bm.h"

static volatile uint64_t at;
static volatile uint64_t buf[4];

static uint64_t fn(uint64_t a)
{
    uint64_t pc;
    __asm__ volatile(BM_HERE(%0) "str wzr, [%1]" : "=r"(pc) : "r"(a) : "memory");
    at = pc;
    return 0;
}

int main(void)
{
    bm_exc_reset();
    uint64_t addr = (uint64_t)&buf[0] + 2;
    bm_run_el(2, fn, addr);
    bm_check_exc("unaligned STR at EL2", 0, 2, VEC_CUR_SPX, EC_DABT_CUR, at);
    bm_check_eq("DFSC = alignment fault", ESR_ISS(bm_exc.esr) & 0x3f, 0x21);
    bm_check_eq("WnR = 1", (bm_exc.esr >> 6) & 1, 1);
    bm_check_eq("FAR = the address", bm_exc.far, addr);
    return bm_done();
}
