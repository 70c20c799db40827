/* A load-exclusive must be aligned to its size: an unaligned LDXR is an
 * alignment fault (EC 0x24 from EL0, DFSC 0b100001), FAR = the address. */
#include "bm.h"

static volatile uint64_t at;
static volatile uint64_t buf[4];

static uint64_t fn(uint64_t a)
{
    uint64_t pc;
    __asm__ volatile(BM_HERE(%0) "ldxr x9, [%1]" : "=r"(pc) : "r"(a) : "x9", "memory");
    at = pc;
    return 0;
}

int main(void)
{
    bm_exc_reset();
    uint64_t addr = (uint64_t)&buf[1] + 4;
    bm_run_el(0, fn, addr);
    bm_check_exc("unaligned LDXR at EL0", 0, 1, VEC_LOWER64, EC_DABT_LOWER, at);
    bm_check_eq("DFSC = alignment fault", ESR_ISS(bm_exc.esr) & 0x3f, 0x21);
    bm_check_eq("FAR = the address", bm_exc.far, addr);
    return bm_done();
}
