/* SCTLR_EL1.SA0 = 1: a load through a misaligned SP at EL0 takes an SP
 * alignment fault (EC 0x26) to EL1, ELR = the load.
 * QEMU 7.2 does not check SP alignment: not in check-list.txt. */
#include "bm.h"

static volatile uint64_t at;

static uint64_t fn(uint64_t a)
{
    (void)a;
    uint64_t pc;
    __asm__ volatile("mov x10, sp\n sub sp, sp, #8\n" BM_HERE(%0) "ldr x9, [sp]\n mov sp, x10"
                     : "=r"(pc)::"x9", "x10", "memory");
    at = pc;
    return 0;
}

int main(void)
{
    bm_exc_reset();
    bm_run_el(0, fn, 0);
    bm_check_exc("LDR via SP % 16 = 8 at EL0", 0, 1, VEC_LOWER64, EC_SP_ALIGN, at);
    bm_check_eq("exactly one exception", bm_exc_count, 1);
    return bm_done();
}
