/* With SCTLR_EL1.SA0 = 0, a misaligned SP at EL0 is no fault. */
#include "bm.h"

static uint64_t fn(uint64_t a)
{
    (void)a;
    uint64_t v;
    __asm__ volatile("mov x10, sp\n sub sp, sp, #8\n str xzr, [sp]\n ldr %0, [sp]\n mov sp, x10"
                     : "=r"(v)::"x10", "memory");
    return v + 3;
}

int main(void)
{
    bm_exc_reset();
    write_sysreg(sctlr_el1, SCTLR_EL1_INIT & ~(1ull << 4));
    isb();
    uint64_t r = bm_run_el(0, fn, 0);
    write_sysreg(sctlr_el1, SCTLR_EL1_INIT);
    isb();
    bm_check_eq("load/store through SP % 16 = 8 worked", r, 3);
    bm_check_eq("no exception", bm_exc_count, 0);
    return bm_done();
}
