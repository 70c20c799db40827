/* An ERET to a higher EL is an illegal exception return (D1.11.4): PSTATE.IL
 * is set, the EL does not change, and the next instruction takes an Illegal
 * Execution state exception (EC 0x0E) with SPSR.IL = 1. */
#include "bm.h"

static bool clear_il(BmFrame *f, unsigned off, unsigned el)
{
    (void)off;
    (void)el;
    f->spsr &= ~(1ull << 20); /* leave the illegal state */
    f->elr = f->x[30];         /* and return to the caller */
    return true;
}

static uint64_t call_el1(uint64_t a)
{
    (void)a;
    uint64_t r;
    /* x30 = the return address the hook resumes at */
    __asm__ volatile("bl 2f\n b 3f\n"
                     "2: mov x0, #0\n"
                     "adr x9, 1f\n msr elr_el1, x9\n"
                     "mov x9, #0x3c9\n msr spsr_el1, x9\n"
                     "eret\n"
                     "1: nop\n"
                     "3: mrs %0, CurrentEL\n"
                     : "=r"(r)
                     :
                     : "x0", "x9", "x30", "memory");
    return r;
}

int main(void)
{
    bm_exc_reset();
    bm_hook = clear_il;
    uint64_t r = bm_run_el(1, call_el1, 0);
    bm_check_eq("still at EL1 after the illegal return", r, 1 << 2);
    bm_check_eq("one exception", bm_exc_count, 1);
    bm_check_eq("taken to EL1", bm_exc.el, 1);
    bm_check_eq("EC = illegal execution state", ESR_EC(bm_exc.esr), EC_ILLEGAL);
    bm_check_eq("SPSR_EL1.IL set", (bm_exc.spsr >> 20) & 1, 1);
    bm_check_eq("SPSR_EL1.M = EL1h (PSTATE.EL unchanged)", bm_exc.spsr & 0xf, M_EL1H);
    bm_check_eq("vector: current EL, SPx", bm_exc.offset, VEC_CUR_SPX);
    return bm_done();
}
