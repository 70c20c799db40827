/* SCTLR_EL1.SA = 1: at EL1 on SP_EL0 a misaligned SP faults (EC 0x26) to EL1's SP0 vector.
 * QEMU 7.2 does not check SP alignment: not in check-list.txt. */
#include "bm.h"

static volatile uint64_t at;

static uint64_t fn(uint64_t a)
{
    (void)a;
    uint64_t pc;
    __asm__ volatile("mov x10, sp\n sub sp, sp, #4\n" BM_HERE(%0) "str xzr, [sp]\n mov sp, x10"
                     : "=r"(pc)::"x10", "memory");
    at = pc;
    return 0;
}

int main(void)
{
    bm_exc_reset();
    bm_run_el_sp0(1, fn, 0);
    bm_check_exc("STR via SP % 16 = 12 at EL1t", 0, 1, VEC_CUR_SP0, EC_SP_ALIGN, at);
    return bm_done();
}
