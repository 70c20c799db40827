/* Exception entry (AArch64.TakeException): the handler runs with DAIF all
 * masked and SPSel = 1, and SPSR holds the interrupted NZCV, DAIF and M. */
#include "bm.h"

static volatile uint64_t h_daif, h_spsel;

static bool hook(BmFrame *f, unsigned off, unsigned el)
{
    (void)f;
    (void)off;
    (void)el;
    h_daif = read_sysreg(DAIF);
    h_spsel = read_sysreg(SPSel);
    return false;
}

static uint64_t fn(uint64_t a)
{
    (void)a;
    __asm__ volatile("msr daifclr, #0xf\n"
                     "mov x9, #0x60000000\n msr nzcv, x9\n" /* Z and C */
                     "svc #1\n"
                     "msr daifset, #0xf" ::: "x9", "memory");
    return 0;
}

int main(void)
{
    bm_exc_reset();
    bm_hook = hook;
    bm_run_el_sp0(1, fn, 0);
    bm_check_eq("one exception", bm_exc_count, 1);
    bm_check_eq("handler DAIF = all masked", h_daif, 0x3c0);
    bm_check_eq("handler SPSel = 1", h_spsel, 1);
    bm_check_eq("SPSR.NZCV = interrupted NZCV", bm_exc.spsr >> 28, 0x6);
    bm_check_eq("SPSR.DAIF = interrupted DAIF (clear)", (bm_exc.spsr >> 6) & 0xf, 0);
    bm_check_eq("SPSR.M = EL1t", bm_exc.spsr & 0xf, M_EL1T);
    return bm_done();
}
