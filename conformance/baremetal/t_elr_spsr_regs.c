/* ELR_ELx, SPSR_ELx, ESR_ELx and FAR_ELx of every EL are read/write from
 * EL3 and hold what is written (the writable bits). */
#include "bm.h"

int main(void)
{
    write_sysreg(elr_el1, 0x123456789abcdef0ull);
    write_sysreg(elr_el2, 0x0fedcba987654320ull);
    write_sysreg(far_el1, 0xdead0000beef0000ull);
    write_sysreg(far_el2, 0x1111222233334444ull);
    write_sysreg(spsr_el1, 0xf00003c5ull);
    write_sysreg(spsr_el2, 0x600003c9ull);
    write_sysreg(esr_el1, 0x56000042ull);
    write_sysreg(esr_el2, 0x5a000043ull);
    isb();
    bm_check_eq("ELR_EL1", read_sysreg(elr_el1), 0x123456789abcdef0ull);
    bm_check_eq("ELR_EL2", read_sysreg(elr_el2), 0x0fedcba987654320ull);
    bm_check_eq("FAR_EL1", read_sysreg(far_el1), 0xdead0000beef0000ull);
    bm_check_eq("FAR_EL2", read_sysreg(far_el2), 0x1111222233334444ull);
    bm_check_eq("SPSR_EL1", read_sysreg(spsr_el1), 0xf00003c5ull);
    bm_check_eq("SPSR_EL2", read_sysreg(spsr_el2), 0x600003c9ull);
    bm_check_eq("ESR_EL1", read_sysreg(esr_el1), 0x56000042ull);
    bm_check_eq("ESR_EL2", read_sysreg(esr_el2), 0x5a000043ull);
    return bm_done();
}
