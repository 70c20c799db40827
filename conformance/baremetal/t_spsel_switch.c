/* MSR SPSel switches the stack pointer between SP_EL0 and SP_ELx (EL1). */
#include "bm.h"

static volatile uint64_t sp0_seen, spx_seen, sp_el0_reg;

static uint64_t fn(uint64_t a)
{
    (void)a;
    uint64_t s0, sx;
    __asm__ volatile("mov x9, sp\n"
                     "msr spsel, #0\n"
                     "mov %0, sp\n"
                     "msr spsel, #1\n"
                     "mov %1, sp\n"
                     : "=&r"(s0), "=&r"(sx)
                     :
                     : "x9", "memory");
    sp0_seen = s0;
    spx_seen = sx;
    sp_el0_reg = read_sysreg(sp_el0);
    return 0;
}

extern char __stack_el0_top[], __stack_el1_top[];

int main(void)
{
    bm_run_el(1, fn, 0);
    bm_check_eq("with SPSel 0, SP = SP_EL0 (its reset value here)", sp0_seen,
                (uint64_t)__stack_el0_top);
    bm_check("with SPSel 1, SP is on the SP_EL1 stack",
             spx_seen <= (uint64_t)__stack_el1_top && spx_seen > (uint64_t)__stack_el1_top - 0x4000);
    bm_check_eq("MRS SP_EL0 at EL1h", sp_el0_reg, (uint64_t)__stack_el0_top);
    return bm_done();
}
