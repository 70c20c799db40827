/* MSR DAIFSet/DAIFClr and MSR DAIF change exactly the named mask bits. */
#include "bm.h"

static uint64_t fn(uint64_t a)
{
    (void)a;
    uint64_t r = 0;
    __asm__ volatile("msr daifclr, #0xf" ::: "memory");
    r |= read_sysreg(DAIF) >> 6;
    __asm__ volatile("msr daifset, #0xa" ::: "memory"); /* D and I */
    r |= (read_sysreg(DAIF) >> 6) << 4;
    __asm__ volatile("msr daifclr, #0x8" ::: "memory"); /* D */
    r |= (read_sysreg(DAIF) >> 6) << 8;
    write_sysreg(DAIF, 0x2c0); /* D, I, F */
    r |= (read_sysreg(DAIF) >> 6) << 12;
    __asm__ volatile("msr daifset, #0xf" ::: "memory");
    return r;
}

int main(void)
{
    uint64_t r = bm_run_el(1, fn, 0);
    bm_check_eq("DAIFClr #0xf", r & 0xf, 0);
    bm_check_eq("DAIFSet #0xa sets D and I", (r >> 4) & 0xf, 0xa);
    bm_check_eq("DAIFClr #8 clears D", (r >> 8) & 0xf, 0x2);
    bm_check_eq("MSR DAIF", (r >> 12) & 0xf, 0xb);
    return bm_done();
}
