/* An exception and its return change no general register the handler does
 * not write: x0-x30 and SP survive an SVC from EL0 to EL1 and back. */
#include "bm.h"

static volatile uint64_t bad;

static uint64_t fn(uint64_t a)
{
    (void)a;
    uint64_t r;
    __asm__ volatile("mov x10, sp\n"
                     "mov x0, #100\n mov x1, #101\n mov x2, #102\n mov x7, #107\n"
                     "mov x8, #108\n mov x15, #115\n mov x16, #116\n mov x17, #117\n"
                     "mov x18, #118\n mov x19, #119\n mov x28, #128\n"
                     "svc #3\n"
                     "mov x9, #0\n"
                     "cmp x0, #100\n cinc x9, x9, ne\n cmp x1, #101\n cinc x9, x9, ne\n"
                     "cmp x2, #102\n cinc x9, x9, ne\n cmp x7, #107\n cinc x9, x9, ne\n"
                     "cmp x8, #108\n cinc x9, x9, ne\n cmp x15, #115\n cinc x9, x9, ne\n"
                     "cmp x16, #116\n cinc x9, x9, ne\n cmp x17, #117\n cinc x9, x9, ne\n"
                     "cmp x18, #118\n cinc x9, x9, ne\n cmp x19, #119\n cinc x9, x9, ne\n"
                     "cmp x28, #128\n cinc x9, x9, ne\n"
                     "mov x11, sp\n cmp x10, x11\n cinc x9, x9, ne\n"
                     "mov %0, x9\n"
                     : "=r"(r)
                     :
                     : "x0", "x1", "x2", "x7", "x8", "x9", "x10", "x11", "x15", "x16", "x17",
                       "x18", "x19", "x28", "memory");
    bad = r;
    return 0;
}

int main(void)
{
    bm_exc_reset();
    bm_run_el(0, fn, 0);
    bm_check_eq("SVC taken", bm_exc_count, 1);
    bm_check_eq("registers that differ after the exception", bad, 0);
    return bm_done();
}
