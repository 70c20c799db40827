/* Check suite for the branch, load/store and system pages of the first slice
 * (spec/a64/branch, spec/a64/ldst, spec/a64/system): every encoding runs on a
 * CPU and registers, PC and memory are compared with expectations worked out
 * by hand from the architecture (never from Armature's own output).
 * The instruction words come from aarch64-linux-gnu-as; the assembly is in
 * the comment beside each word. Each case is a Check TCase named by the spec
 * id of the encoding it exercises (a suffix tells variants apart).
 *
 * The machine: code at CODE (RX), data pages at 0x20000-0x21fff (RW), all X
 * registers and SP start as sentinels so stray writes are caught, and the
 * whole data region is compared with the expected image after each case.
 * Data around D = 0x20100, little-endian:
 *   D-8:  a7 a6 a5 a4 a3 a2 a1 a0   0xa0a1a2a3a4a5a6a7
 *   D+0:  11 22 33 44 55 66 77 88   0x8877665544332211
 *   D+8:  f8 f9 fa fb fc fd fe ff   0xfffefdfcfbfaf9f8
 *   D+16: ef cd ab 89 67 45 23 01   0x0123456789abcdef
 * everything else is zero. */
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

typedef struct MemVal { uint64_t addr; unsigned size; uint64_t v; } MemVal;

typedef struct Case {
    const char *id;        /* spec id of the encoding (plus a variant suffix) */
    uint64_t at;           /* offset of the first word from CODE */
    uint64_t start;        /* offset of the first instruction run from CODE + at */
    uint32_t w[4];         /* words placed at CODE + at */
    unsigned steps;        /* instructions to run (default 1) */
    RegVal in[6];
    RegVal out[6];         /* registers that change; all others must not */
    uint64_t pc;           /* expected PC (absolute); 0 = next instruction */
    MemVal mem[3];         /* stores expected in the data region */
    CpuExcKind exc;        /* expected stop (CPU_EXC_NONE: budget ran out) */
    uint32_t syndrome;
    uint64_t vaddress;
    int write;
} Case;

static const Case cases[] = {
    /* ------------------------------------------------------------ branches */
    { "B_only_branch_imm", .w = { 0x14000010 /* b .+0x40 */ }, .pc = CODE + 0x40 },
    { "B_only_branch_imm_back", .at = 0x100, .w = { 0x17ffffc0 /* b .-0x100 */ }, .pc = CODE },
    { "BL_only_branch_imm", .at = 0x100, .w = { 0x97ffffe0 /* bl .-0x80 */ },
      .out = { X(30, CODE + 0x104) }, .pc = CODE + 0x80 },
    { "BR_64_branch_reg", .w = { 0xd61f0060 /* br x3 */ }, .in = { X(3, CODE + 0xab0) }, .pc = CODE + 0xab0 },
    { "BLR_64_branch_reg", .at = 0x20, .w = { 0xd63f00a0 /* blr x5 */ }, .in = { X(5, CODE + 0x400) },
      .out = { X(30, CODE + 0x24) }, .pc = CODE + 0x400 },
    /* BLR X30: the target is read before X30 is written. */
    { "BLR_64_branch_reg_x30", .w = { 0xd63f03c0 /* blr x30 */ }, .in = { X(30, CODE + 0x200) },
      .out = { X(30, CODE + 4) }, .pc = CODE + 0x200 },
    { "RET_64R_branch_reg", .w = { 0xd65f03c0 /* ret */ }, .in = { X(30, CODE + 0x300) }, .pc = CODE + 0x300 },
    { "RET_64R_branch_reg_x7", .w = { 0xd65f00e0 /* ret x7 */ }, .in = { X(7, CODE + 0x10) }, .pc = CODE + 0x10 },

    /* B.cond: NZCV in bits 31:28 (N=8, Z=4, C=2, V=1 in the top nibble). */
    { "B_only_condbranch_eq_taken", .w = { 0x54000100 /* b.eq .+0x20 */ }, .in = { NZCV(0x40000000) }, .pc = CODE + 0x20 },
    { "B_only_condbranch_eq_not", .w = { 0x54000100 /* b.eq .+0x20 */ }, .in = { NZCV(0xb0000000) }, .pc = CODE + 4 },
    { "B_only_condbranch_ne_taken", .w = { 0x54000101 /* b.ne .+0x20 */ }, .in = { NZCV(0x00000000) }, .pc = CODE + 0x20 },
    { "B_only_condbranch_cs_taken", .w = { 0x54000042 /* b.cs .+8 */ }, .in = { NZCV(0x20000000) }, .pc = CODE + 8 },
    { "B_only_condbranch_cc_not", .w = { 0x54000043 /* b.cc .+8 */ }, .in = { NZCV(0x20000000) }, .pc = CODE + 4 },
    { "B_only_condbranch_mi_taken", .w = { 0x54000044 /* b.mi .+8 */ }, .in = { NZCV(0x80000000) }, .pc = CODE + 8 },
    { "B_only_condbranch_pl_not", .w = { 0x54000045 /* b.pl .+8 */ }, .in = { NZCV(0x80000000) }, .pc = CODE + 4 },
    { "B_only_condbranch_vs_taken", .w = { 0x54000046 /* b.vs .+8 */ }, .in = { NZCV(0x10000000) }, .pc = CODE + 8 },
    { "B_only_condbranch_vc_not", .w = { 0x54000047 /* b.vc .+8 */ }, .in = { NZCV(0x10000000) }, .pc = CODE + 4 },
    { "B_only_condbranch_hi_taken", .w = { 0x54000048 /* b.hi .+8 */ }, .in = { NZCV(0x20000000) }, .pc = CODE + 8 },
    { "B_only_condbranch_hi_not", .w = { 0x54000048 /* b.hi .+8 */ }, .in = { NZCV(0x60000000) }, .pc = CODE + 4 },
    { "B_only_condbranch_ls_taken", .w = { 0x54000049 /* b.ls .+8 */ }, .in = { NZCV(0x00000000) }, .pc = CODE + 8 },
    { "B_only_condbranch_ge_back", .at = 0x40, .w = { 0x54fffe0a /* b.ge .-0x40 */ }, .in = { NZCV(0x90000000) }, .pc = CODE },
    { "B_only_condbranch_lt_taken", .w = { 0x5400004b /* b.lt .+8 */ }, .in = { NZCV(0x80000000) }, .pc = CODE + 8 },
    { "B_only_condbranch_lt_not", .w = { 0x5400004b /* b.lt .+8 */ }, .in = { NZCV(0x90000000) }, .pc = CODE + 4 },
    { "B_only_condbranch_gt_not", .w = { 0x5400004c /* b.gt .+8 */ }, .in = { NZCV(0x40000000) }, .pc = CODE + 4 },
    { "B_only_condbranch_gt_taken", .w = { 0x5400004c /* b.gt .+8 */ }, .in = { NZCV(0x90000000) }, .pc = CODE + 8 },
    { "B_only_condbranch_le_taken", .w = { 0x5400004d /* b.le .+8 */ }, .in = { NZCV(0x40000000) }, .pc = CODE + 8 },
    { "B_only_condbranch_al", .w = { 0x5400004e /* b.al .+8 */ }, .in = { NZCV(0x00000000) }, .pc = CODE + 8 },
    { "B_only_condbranch_nv", .w = { 0x5400004f /* b.nv .+8 (always taken) */ }, .in = { NZCV(0xf0000000) },
      .pc = CODE + 8 },

    /* CBZ/CBNZ: the W forms look at bits 31:0 only. */
    { "CBZ_32_compbranch", .w = { 0x34000083 /* cbz w3, .+0x10 */ }, .in = { X(3, 0x100000000ull) }, .pc = CODE + 0x10 },
    { "CBZ_32_compbranch_not", .w = { 0x34000083 /* cbz w3, .+0x10 */ }, .in = { X(3, 0x80000000ull) }, .pc = CODE + 4 },
    { "CBZ_64_compbranch", .w = { 0xb4000083 /* cbz x3, .+0x10 */ }, .in = { X(3, 0x100000000ull) }, .pc = CODE + 4 },
    { "CBZ_64_compbranch_taken", .w = { 0xb4000083 /* cbz x3, .+0x10 */ }, .in = { X(3, 0) }, .pc = CODE + 0x10 },
    { "CBNZ_32_compbranch", .w = { 0x35000084 /* cbnz w4, .+0x10 */ }, .in = { X(4, 0xffffffff00000000ull) }, .pc = CODE + 4 },
    { "CBNZ_32_compbranch_taken", .w = { 0x35000084 /* cbnz w4, .+0x10 */ }, .in = { X(4, 1) }, .pc = CODE + 0x10 },
    { "CBNZ_64_compbranch", .at = 0x80, .w = { 0xb5fffc04 /* cbnz x4, .-0x80 */ }, .in = { X(4, 0xffffffff00000000ull) },
      .pc = CODE },
    /* TBZ/TBNZ: bit 63 (b5 = 1) and a low bit of a W register. */
    { "TBZ_only_testbranch_63", .w = { 0xb6f80085 /* tbz x5, #63, .+0x10 */ }, .in = { X(5, 0x7fffffffffffffffull) },
      .pc = CODE + 0x10 },
    { "TBZ_only_testbranch_63_not", .w = { 0xb6f80085 /* tbz x5, #63, .+0x10 */ }, .in = { X(5, 0x8000000000000000ull) },
      .pc = CODE + 4 },
    { "TBZ_only_testbranch_w0", .w = { 0x36000085 /* tbz w5, #0, .+0x10 */ }, .in = { X(5, 0xfffffffffffffffeull) },
      .pc = CODE + 0x10 },
    { "TBNZ_only_testbranch_63", .w = { 0xb7f80085 /* tbnz x5, #63, .+0x10 */ }, .in = { X(5, 0x8000000000000000ull) },
      .pc = CODE + 0x10 },
    { "TBNZ_only_testbranch_back", .at = 0x10, .w = { 0x371fff85 /* tbnz w5, #3, .-0x10 */ }, .in = { X(5, 8) }, .pc = CODE },
    { "TBNZ_only_testbranch_not", .w = { 0x37180085 /* tbnz w5, #3, .+0x10 */ }, .in = { X(5, 0xfffffffffffffff7ull) },
      .pc = CODE + 4 },

    /* ------------------------------------------------------------- system */
    { "SVC_EX_exception", .at = 8, .w = { 0xd4024681 /* svc #0x1234 */ }, .pc = CODE + 12,
      .exc = CPU_EXC_SVC, .syndrome = 0x1234 },
    { "SVC_EX_exception_max", .w = { 0xd41fffe1 /* svc #0xffff */ }, .pc = CODE + 4,
      .exc = CPU_EXC_SVC, .syndrome = 0xffff },
    { "NOP_HI_hints", .w = { 0xd503201f /* nop */, 0xd503201f /* nop */ }, .steps = 2, .pc = CODE + 8 },

    /* ------------------------------------------- load/store, immediate */
    { "LDRB_32_ldst_immpost", .w = { 0x38409420 /* ldrb w0, [x1], #9 */ }, .in = { X(1, D) },
      .out = { X(0, 0x11), X(1, D + 9) } },
    { "LDRB_32_ldst_immpre", .w = { 0x385ffc20 /* ldrb w0, [x1, #-1]! */ }, .in = { X(1, D) },
      .out = { X(0, 0xa0), X(1, D - 1) } },
    { "LDRB_32_ldst_pos", .w = { 0x39403c20 /* ldrb w0, [x1, #15] */ }, .in = { X(1, D) }, .out = { X(0, 0xff) } },
    { "LDRSB_32_ldst_immpost", .w = { 0x38df8420 /* ldrsb w0, [x1], #-8 */ }, .in = { X(1, D + 8) },
      .out = { X(0, 0xfffffff8), X(1, D) } },
    { "LDRSB_64_ldst_immpost", .w = { 0x38801420 /* ldrsb x0, [x1], #1 */ }, .in = { X(1, D + 7) },
      .out = { X(0, 0xffffffffffffff88ull), X(1, D + 8) } },
    { "LDRSB_32_ldst_immpre", .w = { 0x38c02c20 /* ldrsb w0, [x1, #2]! */ }, .in = { X(1, D) },
      .out = { X(0, 0x33), X(1, D + 2) } },
    { "LDRSB_64_ldst_immpre", .w = { 0x389fec20 /* ldrsb x0, [x1, #-2]! */ }, .in = { X(1, D) },
      .out = { X(0, 0xffffffffffffffa1ull), X(1, D - 2) } },
    { "LDRSB_32_ldst_pos", .w = { 0x39c02420 /* ldrsb w0, [x1, #9] */ }, .in = { X(1, D) }, .out = { X(0, 0xfffffff9) } },
    { "LDRSB_64_ldst_pos", .w = { 0x398043e0 /* ldrsb x0, [sp, #16] */ }, .in = { SPV(D) },
      .out = { X(0, 0xffffffffffffffefull) } },
    { "STRB_32_ldst_immpost", .w = { 0x381fd422 /* strb w2, [x1], #-3 */ }, .in = { X(1, D), X(2, 0xcafebabe12345678ull) },
      .out = { X(1, D - 3) }, .mem = { { D, 1, 0x78 } } },
    { "STRB_32_ldst_immpre", .w = { 0x38001c3f /* strb wzr, [x1, #1]! */ }, .in = { X(1, D) },
      .out = { X(1, D + 1) }, .mem = { { D + 1, 1, 0 } } },
    { "STRB_32_ldst_pos", .w = { 0x393fffe2 /* strb w2, [sp, #4095] */ }, .in = { SPV(DATA), X(2, 0xcafebabe12345678ull) },
      .mem = { { DATA + 4095, 1, 0x78 } } },
    { "LDRH_32_ldst_immpost", .w = { 0x78402420 /* ldrh w0, [x1], #2 */ }, .in = { X(1, D) },
      .out = { X(0, 0x2211), X(1, D + 2) } },
    { "LDRH_32_ldst_immpre", .w = { 0x78500c20 /* ldrh w0, [x1, #-256]! */ }, .in = { X(1, D + 248) },
      .out = { X(0, 0xa6a7), X(1, D - 8) } },
    { "LDRH_32_ldst_pos", .w = { 0x79401c20 /* ldrh w0, [x1, #14] */ }, .in = { X(1, D) }, .out = { X(0, 0xfffe) } },
    { "LDRSH_32_ldst_immpost", .w = { 0x78df0420 /* ldrsh w0, [x1], #-16 */ }, .in = { X(1, D + 14) },
      .out = { X(0, 0xfffffffe), X(1, D - 2) } },
    { "LDRSH_64_ldst_immpost", .w = { 0x78804420 /* ldrsh x0, [x1], #4 */ }, .in = { X(1, D + 4) },
      .out = { X(0, 0x6655), X(1, D + 8) } },
    { "LDRSH_32_ldst_immpre", .w = { 0x78c06c20 /* ldrsh w0, [x1, #6]! */ }, .in = { X(1, D) },
      .out = { X(0, 0xffff8877), X(1, D + 6) } },
    { "LDRSH_64_ldst_immpre", .w = { 0x78808c20 /* ldrsh x0, [x1, #8]! */ }, .in = { X(1, D) },
      .out = { X(0, 0xfffffffffffff9f8ull), X(1, D + 8) } },
    { "LDRSH_32_ldst_pos", .w = { 0x79c02c20 /* ldrsh w0, [x1, #22] */ }, .in = { X(1, D) }, .out = { X(0, 0x0123) } },
    { "LDRSH_64_ldst_pos", .w = { 0x79800c20 /* ldrsh x0, [x1, #6] */ }, .in = { X(1, D) },
      .out = { X(0, 0xffffffffffff8877ull) } },
    { "STRH_32_ldst_immpost", .w = { 0x780ff422 /* strh w2, [x1], #255 */ }, .in = { X(1, D), X(2, 0xcafebabe12345678ull) },
      .out = { X(1, D + 255) }, .mem = { { D, 2, 0x5678 } } },
    { "STRH_32_ldst_immpre", .w = { 0x781fec22 /* strh w2, [x1, #-2]! */ }, .in = { X(1, D), X(2, 0xcafebabe12345678ull) },
      .out = { X(1, D - 2) }, .mem = { { D - 2, 2, 0x5678 } } },
    { "STRH_32_ldst_pos", .w = { 0x79000422 /* strh w2, [x1, #2] */ }, .in = { X(1, D), X(2, 0xcafebabe12345678ull) },
      .mem = { { D + 2, 2, 0x5678 } } },
    { "LDR_32_ldst_immpost", .w = { 0xb85f9420 /* ldr w0, [x1], #-7 */ }, .in = { X(1, D + 16) },
      .out = { X(0, 0x89abcdef), X(1, D + 9) } },
    { "LDR_64_ldst_immpost", .w = { 0xf8410420 /* ldr x0, [x1], #16 */ }, .in = { X(1, D) },
      .out = { X(0, 0x8877665544332211ull), X(1, D + 16) } },
    { "LDR_32_ldst_immpre", .w = { 0xb840cc20 /* ldr w0, [x1, #12]! */ }, .in = { X(1, D) },
      .out = { X(0, 0xfffefdfc), X(1, D + 12) } },
    { "LDR_64_ldst_immpre", .w = { 0xf85f8c20 /* ldr x0, [x1, #-8]! */ }, .in = { X(1, D) },
      .out = { X(0, 0xa0a1a2a3a4a5a6a7ull), X(1, D - 8) } },
    { "LDR_64_ldst_immpre_sp", .w = { 0xf8408fe0 /* ldr x0, [sp, #8]! */ }, .in = { SPV(D) },
      .out = { X(0, 0xfffefdfcfbfaf9f8ull), SPV(D + 8) } },
    { "LDR_32_ldst_pos", .w = { 0xb9400420 /* ldr w0, [x1, #4] */ }, .in = { X(1, D) }, .out = { X(0, 0x88776655) } },
    { "LDR_64_ldst_pos", .w = { 0xf9400820 /* ldr x0, [x1, #16] */ }, .in = { X(1, D) },
      .out = { X(0, 0x0123456789abcdefull) } },
    /* Rt = 31 is XZR for a load: nothing is written, the base still is. */
    { "LDR_64_ldst_immpost_xzr", .w = { 0xf840843f /* ldr xzr, [x1], #8 */ }, .in = { X(1, D) }, .out = { X(1, D + 8) } },
    { "STR_32_ldst_immpost", .w = { 0xb8004422 /* str w2, [x1], #4 */ }, .in = { X(1, D), X(2, 0xcafebabe12345678ull) },
      .out = { X(1, D + 4) }, .mem = { { D, 4, 0x12345678 } } },
    { "STR_64_ldst_immpost", .w = { 0xf81f07e2 /* str x2, [sp], #-16 */ }, .in = { SPV(D), X(2, 0xcafebabe12345678ull) },
      .out = { SPV(D - 16) }, .mem = { { D, 8, 0xcafebabe12345678ull } } },
    { "STR_32_ldst_immpre", .w = { 0xb81fcc22 /* str w2, [x1, #-4]! */ }, .in = { X(1, D), X(2, 0xcafebabe12345678ull) },
      .out = { X(1, D - 4) }, .mem = { { D - 4, 4, 0x12345678 } } },
    { "STR_64_ldst_immpre", .w = { 0xf8008c22 /* str x2, [x1, #8]! */ }, .in = { X(1, D), X(2, 0xcafebabe12345678ull) },
      .out = { X(1, D + 8) }, .mem = { { D + 8, 8, 0xcafebabe12345678ull } } },
    { "STR_32_ldst_pos", .w = { 0xb900043f /* str wzr, [x1, #4] */ }, .in = { X(1, D) }, .mem = { { D + 4, 4, 0 } } },
    { "STR_64_ldst_pos", .w = { 0xf9000c22 /* str x2, [x1, #24] */ }, .in = { X(1, D), X(2, 0xcafebabe12345678ull) },
      .mem = { { D + 24, 8, 0xcafebabe12345678ull } } },
    { "LDRSW_64_ldst_immpost", .w = { 0xb8804420 /* ldrsw x0, [x1], #4 */ }, .in = { X(1, D + 4) },
      .out = { X(0, 0xffffffff88776655ull), X(1, D + 8) } },
    { "LDRSW_64_ldst_immpre", .w = { 0xb8810c20 /* ldrsw x0, [x1, #16]! */ }, .in = { X(1, D) },
      .out = { X(0, 0xffffffff89abcdefull), X(1, D + 16) } },
    { "LDRSW_64_ldst_pos", .w = { 0xb9801420 /* ldrsw x0, [x1, #20] */ }, .in = { X(1, D) }, .out = { X(0, 0x01234567) } },

    /* ------------------------------------------ load/store, register offset */
    { "LDR_64_ldst_regoff_lsl", .w = { 0xf8627820 /* ldr x0, [x1, x2, lsl #3] */ }, .in = { X(1, D), X(2, 2) },
      .out = { X(0, 0x0123456789abcdefull) } },
    { "LDR_64_ldst_regoff_sxtw", .w = { 0xf862d820 /* ldr x0, [x1, w2, sxtw #3] */ }, .in = { X(1, D), X(2, 0xffffffffull) },
      .out = { X(0, 0xa0a1a2a3a4a5a6a7ull) } },
    { "LDR_64_ldst_regoff_uxtw", .w = { 0xf8624820 /* ldr x0, [x1, w2, uxtw] */ }, .in = { X(1, D), X(2, 0xffffffff00000008ull) },
      .out = { X(0, 0xfffefdfcfbfaf9f8ull) } },
    { "LDR_64_ldst_regoff_xzr", .w = { 0xf87f6820 /* ldr x0, [x1, xzr] */ }, .in = { X(1, D) },
      .out = { X(0, 0x8877665544332211ull) } },
    { "LDR_32_ldst_regoff", .w = { 0xb8626820 /* ldr w0, [x1, x2] */ }, .in = { X(1, D), X(2, 0xfffffffffffffffcull) },
      .out = { X(0, 0xa0a1a2a3) } },
    { "LDR_32_ldst_regoff_sxtx", .w = { 0xb862f820 /* ldr w0, [x1, x2, sxtx #2] */ }, .in = { X(1, D), X(2, 3) },
      .out = { X(0, 0xfffefdfc) } },
    { "LDR_32_ldst_regoff_sp", .w = { 0xb8625be0 /* ldr w0, [sp, w2, uxtw #2] */ }, .in = { SPV(D), X(2, 5) },   /* D + 20 */
      .out = { X(0, 0x01234567) } },
    { "LDRB_32B_ldst_regoff", .w = { 0x3862c820 /* ldrb w0, [x1, w2, sxtw] */ }, .in = { X(1, D), X(2, 0xffffffffull) },
      .out = { X(0, 0xa0) } },
    { "LDRB_32BL_ldst_regoff", .w = { 0x38627820 /* ldrb w0, [x1, x2, lsl #0] */ }, .in = { X(1, D), X(2, 7) },
      .out = { X(0, 0x88) } },
    { "LDRSB_32B_ldst_regoff", .w = { 0x38e25820 /* ldrsb w0, [x1, w2, uxtw #0] */ }, .in = { X(1, D), X(2, 0x100000009ull) },
      .out = { X(0, 0xfffffff9) } },
    { "LDRSB_32BL_ldst_regoff", .w = { 0x38e26820 /* ldrsb w0, [x1, x2] */ }, .in = { X(1, D), X(2, 1) }, .out = { X(0, 0x22) } },
    { "LDRSB_64B_ldst_regoff", .w = { 0x38a2e820 /* ldrsb x0, [x1, x2, sxtx] */ }, .in = { X(1, D), X(2, 0xfffffffffffffffeull) },
      .out = { X(0, 0xffffffffffffffa1ull) } },
    { "LDRSB_64BL_ldst_regoff", .w = { 0x38a26820 /* ldrsb x0, [x1, x2] */ }, .in = { X(1, D), X(2, 15) },
      .out = { X(0, 0xffffffffffffffffull) } },
    { "STRB_32B_ldst_regoff", .w = { 0x38224823 /* strb w3, [x1, w2, uxtw] */ }, .in = { X(1, D), X(2, 5), X(3, 0x1ee) },
      .mem = { { D + 5, 1, 0xee } } },
    { "STRB_32BL_ldst_regoff", .w = { 0x38226823 /* strb w3, [x1, x2] */ }, .in = { X(1, D), X(2, 0xfffffffffffffff8ull), X(3, 0x1ee) },
      .mem = { { D - 8, 1, 0xee } } },
    { "LDRH_32_ldst_regoff", .w = { 0x78627820 /* ldrh w0, [x1, x2, lsl #1] */ }, .in = { X(1, D), X(2, 7) },
      .out = { X(0, 0xfffe) } },
    { "LDRSH_32_ldst_regoff", .w = { 0x78e2d820 /* ldrsh w0, [x1, w2, sxtw #1] */ }, .in = { X(1, D), X(2, 0xffffffffull) },
      .out = { X(0, 0xffffa0a1) } },
    { "LDRSH_64_ldst_regoff", .w = { 0x78a24820 /* ldrsh x0, [x1, w2, uxtw] */ }, .in = { X(1, D), X(2, 16) },
      .out = { X(0, 0xffffffffffffcdefull) } },
    { "STRH_32_ldst_regoff", .w = { 0x78227823 /* strh w3, [x1, x2, lsl #1] */ }, .in = { X(1, D), X(2, 3), X(3, 0xbeef) },
      .mem = { { D + 6, 2, 0xbeef } } },
    { "STR_32_ldst_regoff", .w = { 0xb822d823 /* str w3, [x1, w2, sxtw #2] */ }, .in = { X(1, D), X(2, 0xfffffffeull), X(3, 0x1234abcd) },
      .mem = { { D - 8, 4, 0x1234abcd } } },
    { "STR_64_ldst_regoff", .w = { 0xf8227be3 /* str x3, [sp, x2, lsl #3] */ }, .in = { SPV(D), X(2, 1), X(3, 0x0011223344556677ull) },
      .mem = { { D + 8, 8, 0x0011223344556677ull } } },
    { "LDRSW_64_ldst_regoff", .w = { 0xb8a27820 /* ldrsw x0, [x1, x2, lsl #2] */ }, .in = { X(1, D), X(2, 3) },
      .out = { X(0, 0xfffffffffffefdfcull) } },
    /* option<1> == '0' (a sub-word index register) is UNDEFINED. */
    { "LDR_64_ldst_regoff_option000", .w = { 0xf8620820 /* option=000: unallocated */ }, .in = { X(1, D) },
      .pc = CODE, .exc = CPU_EXC_UNDEFINED },

    /* -------------------------------------------- load/store, unscaled */
    { "LDUR_32_ldst_unscaled", .w = { 0xb85fd020 /* ldur w0, [x1, #-3] */ }, .in = { X(1, D) }, .out = { X(0, 0x11a0a1a2) } },
    { "LDUR_64_ldst_unscaled", .w = { 0xf8401020 /* ldur x0, [x1, #1] */ }, .in = { X(1, D) },
      .out = { X(0, 0xf888776655443322ull) } },
    { "LDURB_32_ldst_unscaled", .w = { 0x38501020 /* ldurb w0, [x1, #-255] */ }, .in = { X(1, D + 255) }, .out = { X(0, 0x11) } },
    { "LDURSB_32_ldst_unscaled", .w = { 0x38cff020 /* ldursb w0, [x1, #255] */ }, .in = { X(1, D - 240) },
      .out = { X(0, 0xffffffff) } },
    { "LDURSB_64_ldst_unscaled", .w = { 0x389ff020 /* ldursb x0, [x1, #-1] */ }, .in = { X(1, D) },
      .out = { X(0, 0xffffffffffffffa0ull) } },
    { "LDURH_32_ldst_unscaled", .w = { 0x78407020 /* ldurh w0, [x1, #7] */ }, .in = { X(1, D) }, .out = { X(0, 0xf888) } },
    { "LDURSH_32_ldst_unscaled", .w = { 0x78c03020 /* ldursh w0, [x1, #3] */ }, .in = { X(1, D) }, .out = { X(0, 0x5544) } },
    { "LDURSH_64_ldst_unscaled", .w = { 0x789fb020 /* ldursh x0, [x1, #-5] */ }, .in = { X(1, D) },
      .out = { X(0, 0xffffffffffffa3a4ull) } },
    { "LDURSW_64_ldst_unscaled", .w = { 0xb89ff020 /* ldursw x0, [x1, #-1] */ }, .in = { X(1, D) }, .out = { X(0, 0x332211a0) } },
    { "LDURSW_64_ldst_unscaled_neg", .w = { 0xb880c020 /* ldursw x0, [x1, #12] */ }, .in = { X(1, D) },
      .out = { X(0, 0xfffffffffffefdfcull) } },
    { "STUR_32_ldst_unscaled", .w = { 0xb81fe023 /* stur w3, [x1, #-2] */ }, .in = { X(1, D), X(3, 0x1234abcd) },
      .mem = { { D - 2, 4, 0x1234abcd } } },
    { "STUR_64_ldst_unscaled", .w = { 0xf80033e3 /* stur x3, [sp, #3] */ }, .in = { SPV(D), X(3, 0x0011223344556677ull) },
      .mem = { { D + 3, 8, 0x0011223344556677ull } } },
    { "STURB_32_ldst_unscaled", .w = { 0x380ff023 /* sturb w3, [x1, #255] */ }, .in = { X(1, D), X(3, 0x1234abcd) },
      .mem = { { D + 255, 1, 0xcd } } },
    { "STURH_32_ldst_unscaled", .w = { 0x781ff023 /* sturh w3, [x1, #-1] */ }, .in = { X(1, D), X(3, 0x1234abcd) },
      .mem = { { D - 1, 2, 0xabcd } } },

    /* ---------------------------------------------- load, literal (PC-relative) */
    { "LDR_64_loadlit", .w = { 0x58000040 /* ldr x0, .+8 */, 0xd503201f /* nop */, 0x55667788, 0x11223344 },
      .out = { X(0, 0x1122334455667788ull) } },
    { "LDR_32_loadlit", .start = 8, .w = { 0x89abcdef, 0x80000000, 0x18ffffc0 /* ldr w0, .-8 */ },
      .out = { X(0, 0x89abcdef) } },
    { "LDRSW_64_loadlit", .start = 8, .w = { 0x89abcdef, 0x80000000, 0x98ffffe0 /* ldrsw x0, .-4 */ },
      .out = { X(0, 0xffffffff80000000ull) } },

    /* ---------------------------------------------------------- pairs */
    { "LDP_64_ldstpair_off", .w = { 0xa9408820 /* ldp x0, x2, [x1, #8] */ }, .in = { X(1, D) },
      .out = { X(0, 0xfffefdfcfbfaf9f8ull), X(2, 0x0123456789abcdefull) } },
    { "LDP_32_ldstpair_off", .w = { 0x297f0820 /* ldp w0, w2, [x1, #-8] */ }, .in = { X(1, D) },
      .out = { X(0, 0xa4a5a6a7), X(2, 0xa0a1a2a3) } },
    { "LDP_64_ldstpair_pre", .w = { 0xa9fffbfd /* ldp x29, x30, [sp, #-8]! */ }, .in = { SPV(D) },
      .out = { X(29, 0xa0a1a2a3a4a5a6a7ull), X(30, 0x8877665544332211ull), SPV(D - 8) } },
    { "LDP_32_ldstpair_pre", .w = { 0x29c08820 /* ldp w0, w2, [x1, #4]! */ }, .in = { X(1, D) },
      .out = { X(0, 0x88776655), X(2, 0xfbfaf9f8), X(1, D + 4) } },
    { "LDP_64_ldstpair_post", .w = { 0xa8ff0820 /* ldp x0, x2, [x1], #-16 */ }, .in = { X(1, D) },
      .out = { X(0, 0x8877665544332211ull), X(2, 0xfffefdfcfbfaf9f8ull), X(1, D - 16) } },
    { "LDP_32_ldstpair_post", .w = { 0x28df8820 /* ldp w0, w2, [x1], #252 */ }, .in = { X(1, D) },
      .out = { X(0, 0x44332211), X(2, 0x88776655), X(1, D + 252) } },
    { "STP_64_ldstpair_pre", .w = { 0xa9bf7bfd /* stp x29, x30, [sp, #-16]! */ },
      .in = { SPV(D), X(29, 0x1111111122222222ull), X(30, 0x3333333344444444ull) }, .out = { SPV(D - 16) },
      .mem = { { D - 16, 8, 0x1111111122222222ull }, { D - 8, 8, 0x3333333344444444ull } } },
    { "STP_32_ldstpair_pre", .w = { 0x29a01023 /* stp w3, w4, [x1, #-256]! */ },
      .in = { X(1, D), X(3, 0xaaaaaaaa12345678ull), X(4, 0xbbbbbbbb9abcdef0ull) }, .out = { X(1, D - 256) },
      .mem = { { D - 256, 4, 0x12345678 }, { D - 252, 4, 0x9abcdef0 } } },
    { "STP_64_ldstpair_off", .w = { 0xa9008c3f /* stp xzr, x3, [x1, #8] */ }, .in = { X(1, D), X(3, 0x0011223344556677ull) },
      .mem = { { D + 8, 8, 0 }, { D + 16, 8, 0x0011223344556677ull } } },
    { "STP_32_ldstpair_off", .w = { 0x29001023 /* stp w3, w4, [x1] */ },
      .in = { X(1, D), X(3, 0xaaaaaaaa12345678ull), X(4, 0xbbbbbbbb9abcdef0ull) },
      .mem = { { D, 4, 0x12345678 }, { D + 4, 4, 0x9abcdef0 } } },
    { "STP_64_ldstpair_post", .w = { 0xa8a01023 /* stp x3, x4, [x1], #-512 */ },
      .in = { X(1, D), X(3, 0x0011223344556677ull), X(4, 0x8899aabbccddeeffull) }, .out = { X(1, D - 512) },
      .mem = { { D, 8, 0x0011223344556677ull }, { D + 8, 8, 0x8899aabbccddeeffull } } },
    { "STP_32_ldstpair_post", .w = { 0x288113e3 /* stp w3, w4, [sp], #8 */ },
      .in = { SPV(D), X(3, 0xaaaaaaaa12345678ull), X(4, 0xbbbbbbbb9abcdef0ull) }, .out = { SPV(D + 8) },
      .mem = { { D, 4, 0x12345678 }, { D + 4, 4, 0x9abcdef0 } } },

    /* ------------------------------------------------- faults, UNPREDICTABLE */
    { "LDR_64_ldst_pos_abort", .w = { 0xf9400020 /* ldr x0, [x1] */ }, .in = { X(1, 0x50000) }, .pc = CODE,
      .exc = CPU_EXC_DATA_ABORT, .vaddress = 0x50000 },
    /* No writeback when the store faults. */
    { "STR_64_ldst_immpre_abort", .w = { 0xf8008c20 /* str x0, [x1, #8]! */ }, .in = { X(1, 0x50000) }, .pc = CODE,
      .exc = CPU_EXC_DATA_ABORT, .vaddress = 0x50008, .write = 1 },
    /* The second load of the pair faults: Rt must be unchanged. */
    { "LDP_64_ldstpair_off_abort2", .w = { 0xa9400820 /* ldp x0, x2, [x1] */ }, .in = { X(1, DATA + DATA_LEN - 8) }, .pc = CODE,
      .exc = CPU_EXC_DATA_ABORT, .vaddress = DATA + DATA_LEN },
    { "LDR_64_loadlit_abort", .w = { 0x58ff8000 /* ldr x0, .-0x1000 */ }, .pc = CODE,
      .exc = CPU_EXC_DATA_ABORT, .vaddress = CODE - 0x1000 },
    /* CONSTRAINED UNPREDICTABLE (treated as UNDEFINED, IMPDEF): writeback to Rt. */
    { "LDR_64_ldst_immpre_wbrt", .w = { 0xf8408c21 /* ldr x1, [x1, #8]! */ }, .in = { X(1, D) }, .pc = CODE,
      .exc = CPU_EXC_UNPREDICTABLE },
    { "STR_64_ldst_immpost_wbrt", .w = { 0xf8008421 /* str x1, [x1], #8 */ }, .in = { X(1, D) }, .pc = CODE,
      .exc = CPU_EXC_UNPREDICTABLE },
    { "LDP_64_ldstpair_pre_wbrt2", .w = { 0xa9c10420 /* ldp x0, x1, [x1, #16]! */ }, .in = { X(1, D) }, .pc = CODE,
      .exc = CPU_EXC_UNPREDICTABLE },
    { "LDP_32_ldstpair_off_rt_eq_rt2", .w = { 0x29400020 /* ldp w0, w0, [x1] */ }, .in = { X(1, D) }, .pc = CODE,
      .exc = CPU_EXC_UNPREDICTABLE },
    { "STP_64_ldstpair_post_wbrt", .w = { 0xa8810420 /* stp x0, x1, [x1], #16 */ }, .in = { X(1, D) }, .pc = CODE,
      .exc = CPU_EXC_UNPREDICTABLE },
    /* Writeback with base SP and Rt = 31 (XZR) is not an overlap. */
    { "STR_64_ldst_immpre_sp_xzr", .w = { 0xf81f8fff /* str xzr, [sp, #-8]! */ }, .in = { SPV(D) }, .out = { SPV(D - 8) },
      .mem = { { D - 8, 8, 0 } } },
};

#define NCASES (sizeof cases / sizeof cases[0])

static const uint8_t *initial_data(void)
{
    static uint8_t img[DATA_LEN];
    static const uint64_t q[4] = {
        0xa0a1a2a3a4a5a6a7ull, 0x8877665544332211ull, 0xfffefdfcfbfaf9f8ull, 0x0123456789abcdefull,
    };
    memset(img, 0, sizeof img);
    for (int i = 0; i < 4; i++)
        for (int b = 0; b < 8; b++)
            img[D - 8 - DATA + 8 * i + b] = (uint8_t)(q[i] >> (8 * b));
    return img;
}

static void run_case(const Case *c)
{
    const char *id = c->id;
    GuestMem *m = guest_mem_new();
    ck_assert(m);
    ck_assert(guest_mem_map(m, CODE, 0x1000, GUEST_PROT_READ | GUEST_PROT_EXEC));
    ck_assert(guest_mem_map(m, DATA, DATA_LEN, GUEST_PROT_READ | GUEST_PROT_WRITE));
    ck_assert(guest_mem_copy_in(m, CODE + c->at, c->w, sizeof c->w));
    ck_assert(guest_mem_copy_in(m, DATA, initial_data(), DATA_LEN));

    Cpu *cpu = cpu_new("max");
    ck_assert(cpu);
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
    cpu_set_pc(cpu, CODE + c->at + c->start);

    /* The expected state: the inputs, with the listed outputs applied. */
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
    } else {
        const CpuException *e = cpu_exception(cpu);
        ck_assert_msg(stop == CPU_STOP_EXCEPTION, "%s: no exception", id);
        ck_assert_msg(e->kind == c->exc, "%s: exception kind %d, expected %d", id, e->kind, c->exc);
        ck_assert_msg(e->pc == CODE + c->at + c->start, "%s: exception pc %#" PRIx64, id, e->pc);
        if (c->exc == CPU_EXC_SVC)
            ck_assert_msg((e->syndrome & 0xffff) == c->syndrome, "%s: syndrome %#x, expected %#x", id,
                          e->syndrome, c->syndrome);
        if (c->exc == CPU_EXC_DATA_ABORT) {
            ck_assert_msg(e->vaddress == c->vaddress, "%s: vaddress %#" PRIx64 ", expected %#" PRIx64, id,
                          e->vaddress, c->vaddress);
            ck_assert_msg(e->write == (c->write != 0), "%s: write %d", id, e->write);
        }
    }
    uint64_t pc = c->pc ? c->pc : CODE + c->at + c->start + 4 * steps;
    ck_assert_msg(cpu_get_pc(cpu) == pc, "%s: pc %#" PRIx64 ", expected %#" PRIx64, id, cpu_get_pc(cpu), pc);
    for (int n = 0; n < 31; n++)
        ck_assert_msg(cpu_get_x(cpu, n) == x[n], "%s: x%d = %#" PRIx64 ", expected %#" PRIx64, id, n,
                      cpu_get_x(cpu, n), x[n]);
    ck_assert_msg(cpu_get_sp(cpu) == sp, "%s: sp = %#" PRIx64 ", expected %#" PRIx64, id, cpu_get_sp(cpu), sp);
    ck_assert_msg(cpu_get_nzcv(cpu) == nzcv, "%s: nzcv = %#x", id, cpu_get_nzcv(cpu));

    static uint8_t want[DATA_LEN], got[DATA_LEN];
    memcpy(want, initial_data(), DATA_LEN);
    for (const MemVal *v = c->mem; v->size; v++)
        for (unsigned b = 0; b < v->size; b++)
            want[v->addr - DATA + b] = (uint8_t)(v->v >> (8 * b));
    ck_assert(guest_mem_copy_out(m, got, DATA, DATA_LEN));
    for (uint64_t i = 0; i < DATA_LEN; i++)
        ck_assert_msg(got[i] == want[i], "%s: memory at %#" PRIx64 " = %#x, expected %#x", id, (uint64_t)(DATA + i), got[i],
                      want[i]);
    cpu_free(cpu);
    guest_mem_free(m);
}

START_TEST(exec_case)
{
    run_case(&cases[_i]);
}
END_TEST

static Suite *exec_suite(void)
{
    Suite *s = suite_create("exec_ldst_branch");
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
