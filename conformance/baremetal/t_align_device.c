/* With the EL1&0 MMU off, data accesses are Device-nGnRnE, so an unaligned
 * LDR is an alignment fault (EC 0x25, DFSC 0b100001), FAR = the address.
 * QEMU 7.2 has no alignment check for Device memory: not in check-list.txt. */
#include "bm.h"

static volatile uint64_t at;
static volatile uint64_t buf[4];

static uint64_t fn(uint64_t a)
{
    uint64_t pc;
    __asm__ volatile(BM_HERE(%0) "ldr x9, [%1]" : "=r"(pc) : "r"(a) : "x9", "memory");
    at = pc;
    return 0;
}

int main(void)
{
    bm_exc_reset();
    uint64_t addr = (uint64_t)&buf[1] + 1;
    bm_run_el(1, fn, addr);
    bm_check_exc("unaligned LDR, MMU off", 0, 1, VEC_CUR_SPX, EC_DABT_CUR, at);
    bm_check_eq("DFSC = alignment fault", ESR_ISS(bm_exc.esr) & 0x3f, 0x21);
    bm_check_eq("WnR = 0", (bm_exc.esr >> 6) & 1, 0);
    bm_check_eq("FAR = the address", bm_exc.far, addr);
    return bm_done();
}
