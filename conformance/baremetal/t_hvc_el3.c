/* HVC at EL3 (SCR_EL3.HCE = 1) is taken to EL3 itself with EC 0x16
 * (AArch64.CallHypervisor: "if PSTATE.EL == EL3 then TakeException(EL3...)").
 * QEMU 7.2 takes it to EL2: a QEMU bug, so this test is not in check-list.txt. */
#include "bm.h"

int main(void)
{
    extern char __stack_el2_top[];
    bm_exc_reset();
    write_sysreg(sp_el2, (uint64_t)__stack_el2_top); /* so a wrong EL2 entry ends cleanly */
    uint64_t pc;
    __asm__ volatile(BM_HERE(%0) "hvc #0x77" : "=r"(pc)::"memory");
    bm_check_exc("hvc #0x77 at EL3", 0, 3, VEC_CUR_SPX, EC_HVC, pc + 4);
    bm_check_eq("ISS = imm16", ESR_ISS(bm_exc.esr), 0x77);
    return bm_done();
}
