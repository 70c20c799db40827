/* System register values the runtime starts from (assembly and C). */
#ifndef BM_SYSREGS_H
#define BM_SYSREGS_H

/* SCR_EL3: NS (0), RES1 bits 4 and 5, HCE (8: HVC enabled), RW (10: EL2 is AArch64) */
#define SCR_EL3_INIT 0x531
/* HCR_EL2: RW (31: EL1 is AArch64), nothing trapped or routed */
#define HCR_EL2_INIT 0x80000000
/* CPTR_EL2 (non-VHE): RES1 bits 13, 12, 9:0, TFP (10) clear */
#define CPTR_EL2_INIT 0x33ff
/* SCTLR_EL3 / SCTLR_EL2: RES1 bits 29,28,23,22,18,16,11,5,4 and SA (3);
 * MMU, caches and alignment checking (A) off */
#define SCTLR_EL3_INIT 0x30c50838
#define SCTLR_EL2_INIT 0x30c50838
/* SCTLR_EL1: RES1 bits 29,28,23,22,20,11, SA (3), SA0 (4), DZE (14), UCT (15),
 * nTWI (16), nTWE (18), UCI (26); UMA (9) clear */
#define SCTLR_EL1_INIT 0x34d5c818

#endif
