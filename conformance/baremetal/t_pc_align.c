/* A branch to a misaligned address: PC alignment fault (EC 0x22) on the
 * attempt to execute there, FAR = ELR = the misaligned target. */
#include "bm.h"

static uint64_t fn(uint64_t a)
{
    uint64_t target = a + 2, r;
    __asm__ volatile("blr %1\n mov %0, #9" : "=r"(r) : "r"(target) : "x30", "memory");
    return r;
}

int main(void)
{
    extern char _start[];
    bm_exc_reset();
    bm_resume_at_lr = true;
    bm_check_eq("returned through the handler", bm_run_el(1, fn, (uint64_t)_start), 9);
    bm_check_exc("BLR to a misaligned address", 0, 1, VEC_CUR_SPX, EC_PC_ALIGN,
                 (uint64_t)_start + 2);
    bm_check_eq("FAR = the misaligned address", bm_exc.far, (uint64_t)_start + 2);
    return bm_done();
}
