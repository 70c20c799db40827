/* Check suite for the exception-generating, hint, barrier, PSTATE and
 * system-register pages (spec/a64/system, ERET/DRPS in spec/a64/branch, the
 * registers of spec/sysregs that EL0 reaches). Every case runs a few words
 * on a CPU at EL0, as armature-user does, and compares registers, NZCV, PC,
 * the whole data region and the exception with expectations worked out by
 * hand from the architecture (never from Armature's own output).
 * The words come from aarch64-linux-gnu-as (binutils 2.40); the assembly is
 * in the comment beside each word. Each case is a Check TCase named by the
 * spec id of the encoding it exercises (a suffix tells variants apart).
 *
 * The machine: code at CODE (RX), data pages at 0x20000-0x21fff (RW) where
 * byte i holds 0x80 | (i * 37 & 0x7f) (never zero, so DC ZVA's zeroes show);
 * all X registers and SP start as sentinels so stray writes are caught. */
#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu.h"
#include "guest_mem.h"

#define CODE 0x10000ull
#define DATA 0x20000ull
#define DATA_LEN 0x2000ull
#define D 0x20100ull
#define SENT(n) (0x5e5e000000000000ull | (uint64_t)(n) << 8 | 0x5eull) /* initial Xn */
#define SP_SENT 0x7ff00ull                                              /* initial SP */

/* Register slots: r = 1 + register number; 32 = SP, 33 = NZCV; 0 ends a list. */
typedef struct RegVal { int r; uint64_t v; } RegVal;
#define X(n, val) { 1 + (n), (val) }
#define SPV(val) { 32, (val) }
#define NZCV(val) { 33, (val) }

/* Memory expected to change: `len` bytes at `addr` become `byte`. */
typedef struct MemFill { uint64_t addr; unsigned len; uint8_t byte; } MemFill;
typedef struct MemVal { uint64_t addr; unsigned size; uint64_t v; } MemVal;

#define NOP 0xd503201fu
#define NOP4 NOP, NOP, NOP, NOP
#define NOP16 NOP4, NOP4, NOP4, NOP4

typedef struct Case {
    const char *id;        /* spec id of the encoding (plus a variant suffix) */
    const char *model;     /* CPU model; NULL = "max" */
    unsigned pre_nops;     /* NOPs placed before the words */
    uint32_t w[24];        /* words placed at CODE + 4 * pre_nops */
    unsigned steps;        /* instructions to run (default 1) */
    RegVal in[6];
    RegVal out[6];         /* registers that change; all others must not */
    uint64_t pc;           /* expected PC (absolute); 0 = after `steps` instructions */
    MemFill fill[2];       /* bytes expected to change in the data region */
    MemVal mem[2];
    CpuExcKind exc;        /* expected stop (CPU_EXC_NONE: budget ran out) */
    uint32_t syndrome;     /* ISS, checked for BRK */
} Case;

#define UNDEF(name, word, ...) { name, .w = { word }, .pc = CODE, .exc = CPU_EXC_UNDEFINED, __VA_ARGS__ }
/* A hint or barrier: the PC advances, nothing else changes. */
#define NOPLIKE(name, word, ...) { name, .w = { word }, __VA_ARGS__ }

static const Case cases[] = {
    /* ------------------------------------------------- exception generation */
    { "BRK_EX_exception", .w = { 0xd4200780 /* brk #0x3c */ }, .pc = CODE, .exc = CPU_EXC_BRK, .syndrome = 0x3c },
    { "BRK_EX_exception_ffff", .w = { 0xd43fffe0 /* brk #0xffff */ }, .pc = CODE, .exc = CPU_EXC_BRK,
      .syndrome = 0xffff },
    /* Halting debug is not enabled: HLT is UNDEFINED (semihosting is off;
     * see semihosting_trap below). */
    UNDEF("HLT_EX_exception", 0xd4400000 /* hlt #0x0 */),
    UNDEF("HLT_EX_exception_f000", 0xd45e0000 /* hlt #0xf000 */),
    /* HVC and SMC are UNDEFINED at EL0. */
    UNDEF("HVC_EX_exception", 0xd4000022 /* hvc #0x1 */),
    UNDEF("SMC_EX_exception", 0xd4000043 /* smc #0x2 */),
    UNDEF("UDF_only_perm_undef", 0x00001234 /* udf #4660 */),
    UNDEF("UDF_only_perm_undef_0", 0x00000000 /* udf #0 */),
    /* Not in Debug state: DCPSx and DRPS are UNDEFINED; ERET at EL0 too. */
    UNDEF("DCPS1_DC_exception", 0xd4a00001 /* dcps1 */),
    UNDEF("DCPS2_DC_exception", 0xd4a00002 /* dcps2 */),
    UNDEF("DCPS3_DC_exception", 0xd4a00003 /* dcps3 */),
    UNDEF("DRPS_64E_branch_reg", 0xd6bf03e0 /* drps */),
    UNDEF("ERET_64E_branch_reg", 0xd69f03e0 /* eret */),
    UNDEF("ERETAA_64E_branch_reg", 0xd69f0bff /* eretaa */),
    UNDEF("ERETAB_64E_branch_reg", 0xd69f0fff /* eretab */),

    /* ------------------------------------------------------------- hints */
    NOPLIKE("NOP_HI_hints", 0xd503201f /* nop */),
    NOPLIKE("YIELD_HI_hints", 0xd503203f /* yield */),
    NOPLIKE("WFE_HI_hints", 0xd503205f /* wfe */),
    NOPLIKE("WFI_HI_hints", 0xd503207f /* wfi */),
    NOPLIKE("SEV_HI_hints", 0xd503209f /* sev */),
    NOPLIKE("SEVL_HI_hints", 0xd50320bf /* sevl */),
    /* SEVL sets the Event register, the WFE consumes it without waiting. */
    { "WFE_HI_hints_after_sevl", .w = { 0xd50320bf /* sevl */, 0xd503205f /* wfe */, 0xd503205f /* wfe */ },
      .steps = 3 },
    NOPLIKE("DGH_HI_hints", 0xd50320df /* hint #0x6 (dgh) */),
    NOPLIKE("ESB_HI_hints", 0xd503221f /* esb */),
    NOPLIKE("PSB_HI_hints", 0xd503223f /* psb csync */),
    NOPLIKE("TSB_HI_hints", 0xd503225f /* tsb csync */),
    NOPLIKE("CSDB_HI_hints", 0xd503229f /* csdb */),
    NOPLIKE("CLRBHB_HI_hints", 0xd50322df /* hint #22 (clrbhb) */),
    NOPLIKE("BTI_HB_hints", 0xd503241f /* bti */),
    NOPLIKE("BTI_HB_hints_c", 0xd503245f /* bti c */),
    NOPLIKE("BTI_HB_hints_j", 0xd503249f /* bti j */),
    NOPLIKE("BTI_HB_hints_jc", 0xd50324df /* bti jc */),
    NOPLIKE("HINT_HM_hints_7f", 0xd5032fff /* hint #0x7f */),
    NOPLIKE("HINT_HM_hints_21", 0xd503243f /* hint #0x21 */),
    NOPLIKE("HINT_HM_hints_13", 0xd503227f /* hint #0x13 */),
    /* Without FEAT_PAuth (cortex-a57, neoverse-n1) the PAuth hints are NOPs:
     * X16, X17, X30 and SP keep their values. */
    NOPLIKE("XPACLRI_HI_hints", 0xd50320ff /* xpaclri */, .model = "cortex-a57",
            .in = { X(30, 0x0123456789abcdefull) }),
    NOPLIKE("PACIA1716_HI_hints", 0xd503211f /* pacia1716 */, .model = "cortex-a57"),
    NOPLIKE("PACIB1716_HI_hints", 0xd503215f /* pacib1716 */, .model = "cortex-a57"),
    NOPLIKE("AUTIA1716_HI_hints", 0xd503219f /* autia1716 */, .model = "cortex-a57"),
    NOPLIKE("AUTIB1716_HI_hints", 0xd50321df /* autib1716 */, .model = "cortex-a57"),
    NOPLIKE("PACIAZ_HI_hints", 0xd503231f /* paciaz */, .model = "cortex-a57"),
    NOPLIKE("PACIASP_HI_hints", 0xd503233f /* paciasp */, .model = "cortex-a57"),
    NOPLIKE("PACIBZ_HI_hints", 0xd503235f /* pacibz */, .model = "neoverse-n1"),
    NOPLIKE("PACIBSP_HI_hints", 0xd503237f /* pacibsp */, .model = "neoverse-n1"),
    NOPLIKE("AUTIAZ_HI_hints", 0xd503239f /* autiaz */, .model = "neoverse-n1"),
    NOPLIKE("AUTIASP_HI_hints", 0xd50323bf /* autiasp */, .model = "neoverse-n1"),
    NOPLIKE("AUTIBZ_HI_hints", 0xd50323df /* autibz */, .model = "neoverse-n1"),
    NOPLIKE("AUTIBSP_HI_hints", 0xd50323ff /* autibsp */, .model = "neoverse-n1"),
    /* With FEAT_PAuth (max) they sign and authenticate: AUTIASP undoes
     * PACIASP with the same SP, XPACLRI strips the code, PACIAZ then AUTIAZ
     * and PACIB1716 then AUTIB1716 too. */
    { "PACIASP_HI_hints_max_roundtrip", .w = { 0xd503233f /* paciasp */, 0xd50323bf /* autiasp */ }, .steps = 2,
      .in = { X(30, 0x400123ull) } },
    { "XPACLRI_HI_hints_max_strip", .w = { 0xd503237f /* pacibsp */, 0xd50320ff /* xpaclri */ }, .steps = 2,
      .in = { X(30, 0x400123ull) } },
    { "AUTIAZ_HI_hints_max_roundtrip", .w = { 0xd503231f /* paciaz */, 0xd503239f /* autiaz */ }, .steps = 2,
      .in = { X(30, 0x7ffff000ull) } },
    { "AUTIB1716_HI_hints_max_roundtrip", .w = { 0xd503215f /* pacib1716 */, 0xd50321df /* autib1716 */ },
      .steps = 2, .in = { X(17, 0x400400ull), X(16, 0x1234ull) } },
    /* A hint-space word with Rt != 31 is unallocated. */
    UNDEF("HINT_HM_hints_rt_not_31", 0xd503201e /* nop with Rt = 30 */),

    /* ----------------------------------------------------------- barriers */
    NOPLIKE("DMB_BO_barriers", 0xd5033bbf /* dmb ish */),
    NOPLIKE("DMB_BO_barriers_0", 0xd50330bf /* dmb #0x00 */),
    NOPLIKE("DSB_BO_barriers", 0xd5033f9f /* dsb sy */),
    NOPLIKE("DSB_BO_barriers_oshld", 0xd503319f /* dsb oshld */),
    NOPLIKE("DSB_BOn_barriers", 0xd5033a3f /* dsb ishnxs */),
    NOPLIKE("ISB_BI_barriers", 0xd5033fdf /* isb */),
    NOPLIKE("SB_only_barriers", 0xd50330ff /* sb */),
    UNDEF("SB_only_barriers_no_feat_sb", 0xd50330ff /* sb */, .model = "cortex-a57"),
    NOPLIKE("SSBB_only_barriers", 0xd503309f /* ssbb */),
    NOPLIKE("PSSBB_only_barriers", 0xd503349f /* pssbb */),
    /* CLREX clears the local monitor: the store-exclusive after it fails
     * (W3 = 1) and memory keeps its value. */
    { "CLREX_BN_barriers", .w = { 0xc85f7c02 /* ldxr x2, [x0] */, 0xd5033f5f /* clrex */,
                                  0xc8037c01 /* stxr w3, x1, [x0] */ },
      .steps = 3, .in = { X(0, D), X(1, 0x1122334455667788ull) },
      .out = { X(2, 0x83deb994efcaa580ull), X(3, 1) } },
    /* The same without CLREX: the store-exclusive succeeds. */
    { "CLREX_BN_barriers_control", .w = { 0xc85f7c02 /* ldxr x2, [x0] */, 0xd503201f /* nop */,
                                          0xc8037c01 /* stxr w3, x1, [x0] */ },
      .steps = 3, .in = { X(0, D), X(1, 0x1122334455667788ull) },
      .out = { X(2, 0x83deb994efcaa580ull), X(3, 0) }, .mem = { { D, 8, 0x1122334455667788ull } } },

    /* ---------------------------------------------- MSR (immediate), flags */
    { "CFINV_M_pstate", .w = { 0xd500401f /* cfinv */ }, .in = { NZCV(0x90000000) }, .out = { NZCV(0xb0000000) } },
    { "CFINV_M_pstate_clear", .w = { 0xd500401f /* cfinv */ }, .in = { NZCV(0x60000000) }, .out = { NZCV(0x40000000) } },
    UNDEF("CFINV_M_pstate_no_flagm", 0xd500401f /* cfinv */, .model = "neoverse-n1"),
    /* XAFLAG: external (Z, C) back to the FCMP encoding. */
    { "XAFLAG_M_pstate_eq", .w = { 0xd500403f /* xaflag */ }, .in = { NZCV(0x60000000) }, .out = { NZCV(0x60000000) } },
    { "XAFLAG_M_pstate_lt", .w = { 0xd500403f /* xaflag */ }, .in = { NZCV(0x00000000) }, .out = { NZCV(0x80000000) } },
    { "XAFLAG_M_pstate_gt", .w = { 0xd500403f /* xaflag */ }, .in = { NZCV(0x20000000) }, .out = { NZCV(0x20000000) } },
    { "XAFLAG_M_pstate_un", .w = { 0xd500403f /* xaflag */ }, .in = { NZCV(0x40000000) }, .out = { NZCV(0x30000000) } },
    { "XAFLAG_M_pstate_nv_ignored", .w = { 0xd500403f /* xaflag */ }, .in = { NZCV(0xd0000000) },
      .out = { NZCV(0x30000000) } },
    /* AXFLAG: FCMP's flags to Z = equal or unordered, C = greater or equal
     * and ordered, N = V = 0. */
    { "AXFLAG_M_pstate_lt", .w = { 0xd500405f /* axflag */ }, .in = { NZCV(0x80000000) }, .out = { NZCV(0x00000000) } },
    { "AXFLAG_M_pstate_eq", .w = { 0xd500405f /* axflag */ }, .in = { NZCV(0x60000000) }, .out = { NZCV(0x60000000) } },
    { "AXFLAG_M_pstate_gt", .w = { 0xd500405f /* axflag */ }, .in = { NZCV(0x20000000) }, .out = { NZCV(0x20000000) } },
    { "AXFLAG_M_pstate_un", .w = { 0xd500405f /* axflag */ }, .in = { NZCV(0x30000000) }, .out = { NZCV(0x40000000) } },
    { "AXFLAG_M_pstate_all", .w = { 0xd500405f /* axflag */ }, .in = { NZCV(0xf0000000) }, .out = { NZCV(0x40000000) } },
    UNDEF("AXFLAG_M_pstate_no_flagm2", 0xd500405f /* axflag */, .model = "cortex-a57"),
    /* PSTATE fields at EL0: DAIF needs SCTLR_EL1.UMA (0 under Linux); SPSel,
     * PAN, UAO need EL1; SSBS is allowed. */
    UNDEF("MSR_SI_pstate_daifset", 0xd50342df /* msr daifset, #0x2 */),
    UNDEF("MSR_SI_pstate_daifclr", 0xd50342ff /* msr daifclr, #0x2 */),
    UNDEF("MSR_SI_pstate_spsel", 0xd50041bf /* msr spsel, #0x1 */),
    UNDEF("MSR_SI_pstate_pan", 0xd500419f /* msr pan, #0x1 */),
    UNDEF("MSR_SI_pstate_uao", 0xd500417f /* msr uao, #0x1 */),
    UNDEF("MSR_SI_pstate_unallocated", 0xd503401f /* op1 = 011, op2 = 000 */),
    UNDEF("MSR_SI_pstate_ssbs_no_feat", 0xd503413f /* msr ssbs, #0x1 */, .model = "cortex-a57"),
    { "MSR_SI_pstate_ssbs", .model = "neoverse-n1",
      .w = { 0xd503413f /* msr ssbs, #0x1 */, 0xd53b42c2 /* mrs x2, ssbs */, 0xd503403f /* msr ssbs, #0x0 */,
             0xd53b42c3 /* mrs x3, ssbs */ },
      .steps = 4, .out = { X(2, 0x1000), X(3, 0) } },

    /* --------------------------------------------- MRS / MSR (register) */
    { "MSR_SR_systemmove_nzcv", .w = { 0xd51b4201 /* msr nzcv, x1 */, 0xd53b4202 /* mrs x2, nzcv */ }, .steps = 2,
      .in = { X(1, 0xffffffffffffffffull) }, .out = { X(2, 0xf0000000), NZCV(0xf0000000) } },
    { "MRS_RS_systemmove_nzcv", .w = { 0xd51b4201 /* msr nzcv, x1 */, 0xd53b4202 /* mrs x2, nzcv */ }, .steps = 2,
      .in = { X(1, 0x5fffffff), NZCV(0xf0000000) }, .out = { X(2, 0x50000000), NZCV(0x50000000) } },
    { "MRS_RS_systemmove_nzcv_read", .w = { 0xd53b4202 /* mrs x2, nzcv */ }, .in = { NZCV(0xa0000000) },
      .out = { X(2, 0xa0000000) } },
    /* FPCR: only AHP, DN, FZ, RMode, FZ16 are writable (0x07c80000). */
    { "MSR_SR_systemmove_fpcr", .w = { 0xd51b4401 /* msr fpcr, x1 */, 0xd53b4402 /* mrs x2, fpcr */ }, .steps = 2,
      .in = { X(1, 0xffffffffffffffffull) }, .out = { X(2, 0x07c80000) } },
    /* FPSR: N, Z, C, V, QC and the cumulative flags (0xf800009f). */
    { "MSR_SR_systemmove_fpsr", .w = { 0xd51b4421 /* msr fpsr, x1 */, 0xd53b4422 /* mrs x2, fpsr */ }, .steps = 2,
      .in = { X(1, 0xffffffffffffffffull) }, .out = { X(2, 0xf800009f) } },
    { "MSR_SR_systemmove_tpidr_el0", .w = { 0xd51bd041 /* msr tpidr_el0, x1 */, 0xd53bd042 /* mrs x2, tpidr_el0 */ },
      .steps = 2, .in = { X(1, 0xfedcba9876543210ull) }, .out = { X(2, 0xfedcba9876543210ull) } },
    { "MRS_RS_systemmove_tpidrro_el0", .w = { 0xd53bd062 /* mrs x2, tpidrro_el0 */ }, .out = { X(2, 0) } },
    UNDEF("MSR_SR_systemmove_tpidrro_el0", 0xd51bd061 /* msr tpidrro_el0, x1 */),
    UNDEF("MRS_RS_systemmove_midr_el1", 0xd5380002 /* mrs x2, midr_el1 */),
    UNDEF("MRS_RS_systemmove_currentel", 0xd5384242 /* mrs x2, currentel */),
    UNDEF("MRS_RS_systemmove_daif", 0xd53b4222 /* mrs x2, daif */),
    UNDEF("MSR_SR_systemmove_daif", 0xd51b4221 /* msr daif, x1 */),
    { "MRS_RS_systemmove_dczid_el0", .w = { 0xd53b00e2 /* mrs x2, dczid_el0 */ }, .out = { X(2, 4) } },
    { "MRS_RS_systemmove_ctr_el0", .w = { 0xd53b0022 /* mrs x2, ctr_el0 */ }, .out = { X(2, 0x8444c004) } },
    { "MRS_RS_systemmove_cntfrq_el0", .w = { 0xd53be002 /* mrs x2, cntfrq_el0 */ }, .out = { X(2, 62500000) } },
    UNDEF("MSR_SR_systemmove_cntfrq_el0", 0xd51be001 /* msr cntfrq_el0, x1 */),
    /* The counters: icount / 16. The k-th instruction (from 0) sees k. */
    { "MRS_RS_systemmove_cntvct_el0", .pre_nops = 0,
      .w = { 0xd53be041 /* mrs x1, cntvct_el0 */ }, .out = { X(1, 0) } },
    { "MRS_RS_systemmove_cntvct_el0_count", .pre_nops = 0,
      .w = { NOP16, 0xd53be041 /* mrs x1, cntvct_el0 (17th instruction: 16 / 16 = 1) */ },
      .steps = 17, .out = { X(1, 1) } },
    { "MRS_RS_systemmove_cntvct_el0_monotonic", .pre_nops = 0,
      .w = { NOP4, NOP4, NOP4, NOP, NOP, NOP, /* 15 */ 0xd53be041 /* mrs x1, cntvct_el0: 15 / 16 = 0 */,
             0xd53be042 /* mrs x2, cntvct_el0: 16 / 16 = 1 */, 0xd53be023 /* mrs x3, cntpct_el0: 17 / 16 = 1 */ },
      .steps = 18, .out = { X(1, 0), X(2, 1), X(3, 1) } },
    UNDEF("MSR_SR_systemmove_cntvct_el0", 0xd51be041 /* msr cntvct_el0, x1 */),
    { "MRS_RS_systemmove_cntpct_el0", .w = { 0xd53be022 /* mrs x2, cntpct_el0 */ }, .out = { X(2, 0) } },
    /* Encodings with no register behind them. */
    UNDEF("MRS_RS_systemmove_unknown", 0xd53bd0e0 /* mrs x0, s3_3_c13_c0_7 */),
    UNDEF("MSR_SR_systemmove_unknown", 0xd5187420 /* msr s3_0_c7_c4_1, x0 */),
    UNDEF("MRS_RS_systemmove_op0_2", 0xd5300000 /* mrs x0, s2_0_c0_c0_0 */),

    /* ---------------------------------------------------- SYS and SYSL */
    /* DC ZVA zeroes the 64-byte block (DCZID_EL0.BS = 4) holding X0. */
    { "SYS_CR_systeminstrs_dc_zva", .w = { 0xd50b7420 /* dc zva, x0 */ }, .in = { X(0, D + 0x53) },
      .fill = { { D + 0x40, 64, 0 } } },
    { "SYS_CR_systeminstrs_dc_zva_aligned", .w = { 0xd50b7420 /* dc zva, x0 */ }, .in = { X(0, DATA + 0x1fc0) },
      .fill = { { DATA + 0x1fc0, 64, 0 } } },
    NOPLIKE("SYS_CR_systeminstrs_ic_ivau", 0xd50b7521 /* ic ivau, x1 */, .in = { X(1, CODE) }),
    NOPLIKE("SYS_CR_systeminstrs_dc_cvau", 0xd50b7b21 /* dc cvau, x1 */, .in = { X(1, D) }),
    NOPLIKE("SYS_CR_systeminstrs_dc_civac", 0xd50b7e21 /* dc civac, x1 */, .in = { X(1, D) }),
    NOPLIKE("SYS_CR_systeminstrs_dc_cvac", 0xd50b7a21 /* dc cvac, x1 */, .in = { X(1, D) }),
    NOPLIKE("SYS_CR_systeminstrs_dc_cvap", 0xd50b7c21 /* dc cvap, x1 */, .model = "neoverse-n1", .in = { X(1, D) }),
    UNDEF("SYS_CR_systeminstrs_dc_cvap_no_dpb", 0xd50b7c21 /* dc cvap, x1 */, .model = "cortex-a57"),
    UNDEF("SYS_CR_systeminstrs_unknown", 0xd5087f00 /* sys #0, C7, C15, #0, x0 */),
    UNDEF("SYSL_RC_systeminstrs", 0xd52b7f00 /* sysl x0, #3, C7, C15, #0 */),
};

#define NCASES (sizeof cases / sizeof cases[0])

static uint8_t initial_byte(uint64_t addr) { return (uint8_t)(0x80 | ((addr - DATA) * 37 & 0x7f)); }

static void run_case(const Case *c)
{
    const char *id = c->id;
    GuestMem *m = guest_mem_new();
    ck_assert(m);
    ck_assert(guest_mem_map(m, CODE, 0x1000, GUEST_PROT_READ | GUEST_PROT_EXEC));
    ck_assert(guest_mem_map(m, DATA, DATA_LEN, GUEST_PROT_READ | GUEST_PROT_WRITE));
    static uint32_t code[256];
    unsigned nw = 0;
    for (unsigned i = 0; i < c->pre_nops; i++)
        code[nw++] = NOP;
    for (unsigned i = 0; i < sizeof c->w / sizeof c->w[0]; i++)
        code[nw++] = c->w[i];
    ck_assert(guest_mem_copy_in(m, CODE, code, 4 * nw));
    static uint8_t img[DATA_LEN];
    for (uint64_t i = 0; i < DATA_LEN; i++)
        img[i] = initial_byte(DATA + i);
    ck_assert(guest_mem_copy_in(m, DATA, img, DATA_LEN));

    Cpu *cpu = cpu_new(c->model ? c->model : "max");
    ck_assert_msg(cpu, "%s: no CPU model %s", id, c->model);
    cpu_set_mem(cpu, m);
    uint64_t x[31], sp = SP_SENT, nzcv = 0;
    for (int n = 0; n < 31; n++)
        x[n] = SENT(n);
    for (const RegVal *r = c->in; r->r; r++) {
        if (r->r == 32)
            sp = r->v;
        else if (r->r == 33)
            nzcv = r->v;
        else
            x[r->r - 1] = r->v;
    }
    for (int n = 0; n < 31; n++)
        cpu_set_x(cpu, n, x[n]);
    cpu_set_sp(cpu, sp);
    cpu_set_nzcv(cpu, (uint32_t)nzcv);
    cpu_set_pc(cpu, CODE);

    for (const RegVal *r = c->out; r->r; r++) {
        if (r->r == 32)
            sp = r->v;
        else if (r->r == 33)
            nzcv = r->v;
        else
            x[r->r - 1] = r->v;
    }
    unsigned steps = c->steps ? c->steps : 1;
    CpuStop stop = cpu_run(cpu, steps);
    if (c->exc == CPU_EXC_NONE) {
        ck_assert_msg(stop == CPU_STOP_BUDGET, "%s: stopped with exception %d", id, cpu_exception(cpu)->kind);
        ck_assert_msg(cpu_icount(cpu) == steps, "%s: icount %" PRIu64, id, cpu_icount(cpu));
    } else {
        const CpuException *e = cpu_exception(cpu);
        ck_assert_msg(stop == CPU_STOP_EXCEPTION, "%s: no exception", id);
        ck_assert_msg(e->kind == c->exc, "%s: exception kind %d, expected %d", id, e->kind, c->exc);
        ck_assert_msg(e->pc == c->pc, "%s: exception pc %#" PRIx64, id, e->pc);
        if (c->exc == CPU_EXC_BRK)
            ck_assert_msg((e->syndrome & 0xffff) == c->syndrome, "%s: syndrome %#x, expected %#x", id, e->syndrome,
                          c->syndrome);
    }
    uint64_t pc = c->pc ? c->pc : CODE + 4 * steps;
    ck_assert_msg(cpu_get_pc(cpu) == pc, "%s: pc %#" PRIx64 ", expected %#" PRIx64, id, cpu_get_pc(cpu), pc);
    for (int n = 0; n < 31; n++)
        ck_assert_msg(cpu_get_x(cpu, n) == x[n], "%s: x%d = %#" PRIx64 ", expected %#" PRIx64, id, n,
                      cpu_get_x(cpu, n), x[n]);
    ck_assert_msg(cpu_get_sp(cpu) == sp, "%s: sp = %#" PRIx64 ", expected %#" PRIx64, id, cpu_get_sp(cpu), sp);
    ck_assert_msg(cpu_get_nzcv(cpu) == nzcv, "%s: nzcv = %#x, expected %#" PRIx64, id, cpu_get_nzcv(cpu), nzcv);
    ck_assert_msg(cpu_get_el(cpu) == 0, "%s: left EL0", id);

    static uint8_t want[DATA_LEN], got[DATA_LEN];
    memcpy(want, img, DATA_LEN);
    for (const MemFill *f = c->fill; f->len; f++)
        memset(want + (f->addr - DATA), f->byte, f->len);
    for (const MemVal *v = c->mem; v->size; v++)
        for (unsigned b = 0; b < v->size; b++)
            want[v->addr - DATA + b] = (uint8_t)(v->v >> (8 * b));
    ck_assert(guest_mem_copy_out(m, got, DATA, DATA_LEN));
    for (uint64_t i = 0; i < DATA_LEN; i++)
        ck_assert_msg(got[i] == want[i], "%s: memory at %#" PRIx64 " = %#x, expected %#x", id, (uint64_t)(DATA + i),
                      got[i], want[i]);
    cpu_free(cpu);
    guest_mem_free(m);
}

START_TEST(exec_case)
{
    run_case(&cases[_i]);
}
END_TEST

/* With semihosting on, HLT #0xF000 stops for the board with the PC on the
 * HLT; any other immediate stays UNDEFINED. */
START_TEST(semihosting_trap)
{
    GuestMem *m = guest_mem_new();
    ck_assert(guest_mem_map(m, 0x10000, 0x1000, GUEST_PROT_READ | GUEST_PROT_EXEC));
    uint32_t code[2] = { 0xd45e0000 /* hlt #0xf000 */, 0xd4400020 /* hlt #0x1 */ };
    ck_assert(guest_mem_copy_in(m, 0x10000, code, sizeof code));
    Cpu *c = cpu_new("max");
    cpu_set_mem(c, m);
    cpu_set_semihosting(c, true);
    cpu_set_pc(c, 0x10000);
    ck_assert_int_eq(cpu_run(c, 1), CPU_STOP_EXCEPTION);
    ck_assert_int_eq(cpu_exception(c)->kind, CPU_EXC_SEMIHOSTING);
    ck_assert_uint_eq(cpu_exception(c)->pc, 0x10000);
    cpu_set_pc(c, 0x10004);
    ck_assert_int_eq(cpu_run(c, 1), CPU_STOP_EXCEPTION);
    ck_assert_int_eq(cpu_exception(c)->kind, CPU_EXC_UNDEFINED);
    cpu_free(c);
    guest_mem_free(m);
}
END_TEST

static Suite *exec_suite(void)
{
    Suite *s = suite_create("exec_system");
    TCase *semi = tcase_create("HLT_EX_exception_semihosting");
    tcase_add_test(semi, semihosting_trap);
    suite_add_tcase(s, semi);
    for (unsigned i = 0; i < NCASES; i++) {
        TCase *tc = tcase_create(cases[i].id);
        tcase_add_loop_test(tc, exec_case, (int)i, (int)i + 1);
        suite_add_tcase(s, tc);
    }
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(exec_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
