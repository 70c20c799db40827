/* Check suite for the FEAT_MTE/MTE2 tag memory pages (LDG, STG, STZG, ST2G,
 * STZ2G, STGP, LDGM, STGM, STZGM), the FEAT_LS64 pages (LD64B, ST64B,
 * ST64BV, ST64BV0) and the FEAT_TME pages (TSTART, TTEST, TCOMMIT,
 * TCANCEL): every case runs on a CPU and registers, PC, memory and the
 * allocation tags are compared with expectations worked out by hand from
 * the architecture (never from Armature's own output). The instruction
 * words come from aarch64-linux-gnu-as 2.40 (-march armv8.7-a+memtag+ls64
 * +tme); the assembly is in the comment beside each word. Each case is a
 * Check TCase named by the spec id of the encoding it exercises (a suffix
 * tells variants apart).
 *
 * IMPDEF choices checked here (spec/lib/mte_tags.asl, ls64.asl, tme.asl):
 * - every mapped page is Tagged memory, new tags are 0;
 * - LS64 on the user-mode page map (Normal Write-Back memory) is a Data
 *   Abort with DFSC 0b110101 (unsupported atomic access), after the 64-byte
 *   alignment check and the translation check;
 * - TME is the trivial implementation: TSTART fails at once with
 *   Xt = 1 << 24 (TRIVIAL), TTEST reads 0, TCOMMIT is UNDEFINED, TCANCEL is
 *   a NOP.
 *
 * The machine: code at CODE (RX), data pages at 0x20000-0x21fff (RW), a
 * read-only page at RO, nothing at UNMAPPED. All X registers and SP start
 * as sentinels; the data region and the tags of every granule of the data
 * and read-only pages are compared with the expected image after each case.
 * Data around D = 0x20100, little-endian:
 *   D-8:  0xa0a1a2a3a4a5a6a7   D+0: 0x8877665544332211
 *   D+8:  0xfffefdfcfbfaf9f8   D+16: 0x0123456789abcdef
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
#define RO 0x22000ull
#define UNMAPPED 0x30000ull
#define D 0x20100ull
#define SENT(n) (0x5e5e000000000000ull | (uint64_t)(n) << 8 | 0x5eull) /* initial Xn */
#define SP_SENT 0x7ff00ull                                              /* initial SP */
#define TAGGED(tag, a) ((uint64_t)(tag) << 56 | (a))

/* Data Fault Status Codes with WnR (ESR ISS bits 6:0). */
#define ISS_WNR 0x40u
#define DFSC_ALIGN 0x21u
#define DFSC_TRANS 0x07u /* translation fault, level 3 */
#define DFSC_PERM 0x0fu  /* permission fault, level 3 */
#define DFSC_ATOMIC 0x35u /* unsupported Exclusive or atomic access */

/* Register slots: r = 1 + register number; 32 = SP; 0 ends a list. */
typedef struct RegVal { int r; uint64_t v; } RegVal;
#define X(n, val) { 1 + (n), (val) }
#define SPV(val) { 32, (val) }

typedef struct MemVal { uint64_t addr; unsigned size; uint64_t v; } MemVal;
typedef struct TagVal { uint64_t addr; unsigned tag; } TagVal; /* tag 0..15; list ends at addr 0 */

typedef struct Case {
    const char *id;        /* spec id of the encoding (plus a variant suffix) */
    const char *model;     /* CPU model (default "max") */
    uint32_t w[4];         /* words at CODE */
    unsigned steps;        /* instructions to run (default 1) */
    RegVal in[6];
    RegVal out[6];         /* registers that change; all others must not */
    TagVal tags_in[4];     /* tags set before the run */
    TagVal tags_out[4];    /* tags that change (to these values) */
    MemVal mem[4];         /* stores expected in the data region */
    CpuExcKind exc;        /* expected stop (CPU_EXC_NONE: budget ran out) */
    uint32_t iss;          /* data abort: expected DFSC | WnR (ISS bits 6:0) */
    uint64_t vaddress;
} Case;

#define UNDEF(name, word) { name "_a57", .model = "cortex-a57", .w = { word }, .exc = CPU_EXC_UNDEFINED }

static const Case cases[] = {
    /* ------------------------------------------------------------- STG */
    { "STG_64Soffset_ldsttags", .w = { 0xd9201841 /* stg x1, [x2, #16] */ },
      .in = { X(1, TAGGED(0xa, 0x1234)), X(2, D) }, .tags_out = { { D + 16, 0xa } } },
    { "STG_64Spost_ldsttags", .w = { 0xd93fe441 /* stg x1, [x2], #-32 */ },
      .in = { X(1, TAGGED(0x3, 0)), X(2, D) }, .out = { X(2, D - 32) }, .tags_out = { { D, 0x3 } } },
    { "STG_64Spre_ldsttags", .w = { 0xd9202c41 /* stg x1, [x2, #32]! */ },
      .in = { X(1, TAGGED(0xf, 0)), X(2, D) }, .out = { X(2, D + 32) }, .tags_out = { { D + 32, 0xf } } },
    /* Xt = 31 is SP: the tag comes from SP's bits 59:56. */
    { "STG_64Soffset_ldsttags_sp", .w = { 0xd920085f /* stg sp, [x2] */ },
      .in = { SPV(TAGGED(0xc, 0x7ff00)), X(2, D) }, .tags_out = { { D, 0xc } } },
    /* Only bits 59:56 of Xt matter: bits 63:60 and 55:0 are ignored. */
    { "STG_64Soffset_ldsttags_bits", .w = { 0xd9200841 /* stg x1, [x2] */ },
      .in = { X(1, 0xf6ffffffffffffffull), X(2, D) }, .tags_out = { { D, 0x6 } } },
    /* Overwrites a tag already there. */
    { "STG_64Soffset_ldsttags_over", .w = { 0xd9200841 /* stg x1, [x2] */ },
      .in = { X(1, 0), X(2, D) }, .tags_in = { { D, 0x9 } }, .tags_out = { { D, 0x0 } } },
    /* The address must be aligned to the 16-byte granule. */
    { "STG_64Soffset_ldsttags_unaligned", .w = { 0xd9200841 /* stg x1, [x2] */ },
      .in = { X(1, TAGGED(0x1, 0)), X(2, D + 8) }, .exc = CPU_EXC_DATA_ABORT, .iss = DFSC_ALIGN | ISS_WNR,
      .vaddress = D + 8 },
    { "STG_64Spre_ldsttags_unaligned", .w = { 0xd9202c41 /* stg x1, [x2, #32]! */ },
      .in = { X(1, TAGGED(0x1, 0)), X(2, D + 1) }, .exc = CPU_EXC_DATA_ABORT, .iss = DFSC_ALIGN | ISS_WNR,
      .vaddress = D + 33 },
    { "STG_64Soffset_ldsttags_unmapped", .w = { 0xd9201841 /* stg x1, [x2, #16] */ },
      .in = { X(1, TAGGED(0x1, 0)), X(2, UNMAPPED) }, .exc = CPU_EXC_DATA_ABORT,
      .iss = DFSC_TRANS | ISS_WNR, .vaddress = UNMAPPED + 16 },
    { "STG_64Soffset_ldsttags_readonly", .w = { 0xd9200841 /* stg x1, [x2] */ },
      .in = { X(1, TAGGED(0x1, 0)), X(2, RO + 0x40) }, .exc = CPU_EXC_DATA_ABORT,
      .iss = DFSC_PERM | ISS_WNR, .vaddress = RO + 0x40 },

    /* ------------------------------------------------------------- LDG */
    /* STG then LDG: the round trip puts the tag into bits 59:56 of x3 and
     * keeps the rest of x3. */
    { "LDG_64Loffset_ldsttags_roundtrip", .w = { 0xd9200841 /* stg x1, [x2] */, 0xd9600043 /* ldg x3, [x2] */ },
      .steps = 2, .in = { X(1, TAGGED(0x5, 0)), X(2, D), X(3, 0x0123456789abcdefull) },
      .out = { X(3, 0x0523456789abcdefull) }, .tags_out = { { D, 0x5 } } },
    /* The address is aligned down to the granule: D+0x1f+16 -> D+0x20. */
    { "LDG_64Loffset_ldsttags_align", .w = { 0xd9601043 /* ldg x3, [x2, #16] */ },
      .in = { X(2, D + 0x1f), X(3, 0xffffffffffffffffull) }, .tags_in = { { D + 0x20, 0x9 } },
      .out = { X(3, 0xf9ffffffffffffffull) } },
    /* A granule never tagged reads 0. */
    { "LDG_64Loffset_ldsttags_zero", .w = { 0xd9600043 /* ldg x3, [x2] */ },
      .in = { X(2, D), X(3, 0xffffffffffffffffull) }, .out = { X(3, 0xf0ffffffffffffffull) } },
    /* Read-only memory: a tag read needs read permission only. */
    { "LDG_64Loffset_ldsttags_readonly", .w = { 0xd9600043 /* ldg x3, [x2] */ },
      .in = { X(2, RO + 0x80), X(3, TAGGED(0x7, 0x55)) }, .out = { X(3, 0x55) } },
    { "LDG_64Loffset_ldsttags_unmapped", .w = { 0xd9601043 /* ldg x3, [x2, #16] */ },
      .in = { X(2, UNMAPPED) }, .exc = CPU_EXC_DATA_ABORT, .iss = DFSC_TRANS, .vaddress = UNMAPPED + 16 },

    /* ------------------------------------------------------------ STZG */
    /* STZG zeroes the 16 data bytes of the granule and sets its tag. */
    { "STZG_64Soffset_ldsttags", .w = { 0xd9600841 /* stzg x1, [x2] */ },
      .in = { X(1, TAGGED(0xb, 0)), X(2, D) }, .tags_out = { { D, 0xb } },
      .mem = { { D, 8, 0 }, { D + 8, 8, 0 } } },
    { "STZG_64Spre_ldsttags", .w = { 0xd97ffc41 /* stzg x1, [x2, #-16]! */ },
      .in = { X(1, TAGGED(0x2, 0)), X(2, D) }, .out = { X(2, D - 16) }, .tags_out = { { D - 16, 0x2 } },
      .mem = { { D - 8, 8, 0 } } },
    /* Xt = Xn: the tag comes from the base register's own bits 59:56 */
    { "STZG_64Soffset_ldsttags_same", .w = { 0xd9600842 /* stzg x2, [x2] */ },
      .in = { X(2, D + 16) }, .mem = { { D + 16, 8, 0 } } },
    { "STZG_64Soffset_ldsttags_unaligned", .w = { 0xd9600841 /* stzg x1, [x2] */ },
      .in = { X(1, TAGGED(0x2, 0)), X(2, D + 4) }, .exc = CPU_EXC_DATA_ABORT, .iss = DFSC_ALIGN | ISS_WNR,
      .vaddress = D + 4 },
    { "STZG_64Soffset_ldsttags_unmapped", .w = { 0xd9600841 /* stzg x1, [x2] */ },
      .in = { X(1, TAGGED(0x2, 0)), X(2, UNMAPPED + 0x20) }, .exc = CPU_EXC_DATA_ABORT,
      .iss = 0 /* Mem[]'s data abort carries no DFSC yet */, .vaddress = UNMAPPED + 0x20 },

    /* ------------------------------------------------------------ ST2G */
    { "ST2G_64Soffset_ldsttags", .w = { 0xd9bff841 /* st2g x1, [x2, #-16] */ },
      .in = { X(1, TAGGED(0xd, 0)), X(2, D) }, .tags_out = { { D - 16, 0xd }, { D, 0xd } } },
    { "ST2G_64Spost_ldsttags", .w = { 0xd9a04441 /* st2g x1, [x2], #64 */ },
      .in = { X(1, TAGGED(0x4, 0)), X(2, D + 0x40) }, .out = { X(2, D + 0x80) },
      .tags_out = { { D + 0x40, 0x4 }, { D + 0x50, 0x4 } } },
    /* Only 16-byte alignment is required, not 32. */
    { "ST2G_64Soffset_ldsttags_align16", .w = { 0xd9bff841 /* st2g x1, [x2, #-16] */ },
      .in = { X(1, TAGGED(0x8, 0)), X(2, D + 0x20) }, .tags_out = { { D + 0x10, 0x8 }, { D + 0x20, 0x8 } } },

    /* ----------------------------------------------------------- STZ2G */
    /* Zeroes both granules D-16..D+15 and tags them. */
    { "STZ2G_64Spost_ldsttags", .w = { 0xd9e02441 /* stz2g x1, [x2], #32 */ },
      .in = { X(1, TAGGED(0xe, 0)), X(2, D - 16) }, .out = { X(2, D + 16) },
      .tags_out = { { D - 16, 0xe }, { D, 0xe } }, .mem = { { D - 8, 8, 0 }, { D, 8, 0 }, { D + 8, 8, 0 } } },
    { "STZ2G_64Spre_ldsttags", .w = { 0xd9e01c41 /* stz2g x1, [x2, #16]! */ },
      .in = { X(1, TAGGED(0x1, 0)), X(2, D - 16) }, .out = { X(2, D) },
      .tags_out = { { D, 0x1 }, { D + 16, 0x1 } }, .mem = { { D, 8, 0 }, { D + 8, 8, 0 }, { D + 16, 8, 0 } } },
    { "STZ2G_64Soffset_ldsttags", .w = { 0xd9e01841 /* stz2g x1, [x2, #16] */ },
      .in = { X(1, TAGGED(0x6, 0)), X(2, D + 0x200) }, .tags_out = { { D + 0x210, 0x6 }, { D + 0x220, 0x6 } } },

    /* ------------------------------------------------------------ STGP */
    /* Stores x4 and x5 and sets the tag from the address (tag 0 here: the
     * old tag 3 is replaced by 0). */
    { "STGP_64_ldstpair_off", .w = { 0x69009444 /* stgp x4, x5, [x2, #16] */ },
      .in = { X(2, D), X(4, 0x1111111122222222ull), X(5, TAGGED(0x7, 0x33)) }, .tags_in = { { D + 16, 0x3 } },
      .tags_out = { { D + 16, 0x0 } }, .mem = { { D + 16, 8, 0x1111111122222222ull }, { D + 24, 8, TAGGED(0x7, 0x33) } } },
    { "STGP_64_ldstpair_post", .w = { 0x68bf9444 /* stgp x4, x5, [x2], #-16 */ },
      .in = { X(2, D + 0x40), X(4, 1), X(5, 2) }, .tags_in = { { D + 0x40, 0xa } }, .out = { X(2, D + 0x30) },
      .tags_out = { { D + 0x40, 0x0 } }, .mem = { { D + 0x40, 8, 1 }, { D + 0x48, 8, 2 } } },
    { "STGP_64_ldstpair_pre", .w = { 0x69811444 /* stgp x4, x5, [x2, #32]! */ },
      .in = { X(2, D + 0x40), X(4, 3), X(5, 4) }, .out = { X(2, D + 0x60) },
      .mem = { { D + 0x60, 8, 3 }, { D + 0x68, 8, 4 } } },
    { "STGP_64_ldstpair_off_unaligned", .w = { 0x69009444 /* stgp x4, x5, [x2, #16] */ },
      .in = { X(2, D + 8), X(4, 1), X(5, 2) }, .exc = CPU_EXC_DATA_ABORT, .iss = DFSC_ALIGN | ISS_WNR,
      .vaddress = D + 24 },

    /* ------------------------------------- LDGM, STGM, STZGM: EL1 and up */
    { "LDGM_64bulk_ldsttags_el0", .w = { 0xd9e00041 /* ldgm x1, [x2] */ }, .in = { X(2, D) },
      .exc = CPU_EXC_UNDEFINED },
    { "STGM_64bulk_ldsttags_el0", .w = { 0xd9a00041 /* stgm x1, [x2] */ }, .in = { X(2, D) },
      .exc = CPU_EXC_UNDEFINED },
    { "STZGM_64bulk_ldsttags_el0", .w = { 0xd9200041 /* stzgm x1, [x2] */ }, .in = { X(2, D) },
      .exc = CPU_EXC_UNDEFINED },

    /* ------------------------------------------------------------ LS64 */
    /* Normal Write-Back memory: the checks pass, then the memory type faults;
     * no register or memory changes. */
    { "LD64B_64L_memop", .w = { 0xf83fd020 /* ld64b x0, [x1] */ }, .in = { X(1, DATA) },
      .exc = CPU_EXC_DATA_ABORT, .iss = DFSC_ATOMIC, .vaddress = DATA },
    { "LD64B_64L_memop_unaligned", .w = { 0xf83fd020 /* ld64b x0, [x1] */ }, .in = { X(1, D + 0x20) },
      .exc = CPU_EXC_DATA_ABORT, .iss = DFSC_ALIGN, .vaddress = D + 0x20 },
    { "LD64B_64L_memop_unmapped", .w = { 0xf83fd020 /* ld64b x0, [x1] */ }, .in = { X(1, UNMAPPED + 0x40) },
      .exc = CPU_EXC_DATA_ABORT, .iss = DFSC_TRANS, .vaddress = UNMAPPED + 0x40 },
    { "ST64B_64L_memop", .w = { 0xf83f9068 /* st64b x8, [x3] */ }, .in = { X(3, D) },
      .exc = CPU_EXC_DATA_ABORT, .iss = DFSC_ATOMIC | ISS_WNR, .vaddress = D },
    { "ST64B_64L_memop_readonly", .w = { 0xf83f9068 /* st64b x8, [x3] */ }, .in = { X(3, RO) },
      .exc = CPU_EXC_DATA_ABORT, .iss = DFSC_PERM | ISS_WNR, .vaddress = RO },
    { "ST64BV_64_memop", .w = { 0xf821b082 /* st64bv x1, x2, [x4] */ }, .in = { X(4, D + 0x40) },
      .exc = CPU_EXC_DATA_ABORT, .iss = DFSC_ATOMIC | ISS_WNR, .vaddress = D + 0x40 },
    { "ST64BV0_64_memop", .w = { 0xf821a082 /* st64bv0 x1, x2, [x4] */ }, .in = { X(4, D + 0x40) },
      .exc = CPU_EXC_DATA_ABORT, .iss = DFSC_ATOMIC | ISS_WNR, .vaddress = D + 0x40 },
    { "ST64BV0_64_memop_unaligned", .w = { 0xf821a082 /* st64bv0 x1, x2, [x4] */ }, .in = { X(4, D + 8) },
      .exc = CPU_EXC_DATA_ABORT, .iss = DFSC_ALIGN | ISS_WNR, .vaddress = D + 8 },
    /* Rt odd or >= 24 is UNDEFINED */
    { "LD64B_64L_memop_odd", .w = { 0xf83fd021 /* .inst: ld64b x1, [x1] */ }, .exc = CPU_EXC_UNDEFINED },
    { "ST64B_64L_memop_x24", .w = { 0xf83f9078 /* .inst: st64b x24, [x3] */ }, .exc = CPU_EXC_UNDEFINED },

    /* ------------------------------------------------------------- TME */
    /* The trivial implementation: the transaction fails at once with
     * TRIVIAL (bit 24), RTRY (bit 15) clear; execution goes on after it. */
    { "TSTART_BR_systemresult", .w = { 0xd5233063 /* tstart x3 */ }, .out = { X(3, 0x01000000) } },
    { "TSTART_BR_systemresult_xzr", .w = { 0xd523307f /* tstart xzr */ } },
    { "TTEST_BR_systemresult", .w = { 0xd5233164 /* ttest x4 */ }, .out = { X(4, 0) } },
    { "TTEST_BR_systemresult_after_tstart", .w = { 0xd5233063 /* tstart x3 */, 0xd5233164 /* ttest x4 */ },
      .steps = 2, .out = { X(3, 0x01000000), X(4, 0) } },
    /* Non-transactional state: TCOMMIT is UNDEFINED, TCANCEL does nothing. */
    { "TCOMMIT_only_barriers", .w = { 0xd503307f /* tcommit */ }, .exc = CPU_EXC_UNDEFINED },
    { "TCANCEL_EX_exception", .w = { 0xd47000a0 /* tcancel #0x8005 */ } },

    /* ----------------------------- cortex-a57 (Armv8.0): all UNDEFINED */
    UNDEF("STG_64Soffset_ldsttags", 0xd9201841),
    UNDEF("STG_64Spost_ldsttags", 0xd93fe441),
    UNDEF("STG_64Spre_ldsttags", 0xd9202c41),
    UNDEF("LDG_64Loffset_ldsttags", 0xd9600043),
    UNDEF("STZG_64Soffset_ldsttags", 0xd9600841),
    UNDEF("ST2G_64Soffset_ldsttags", 0xd9bff841),
    UNDEF("STZ2G_64Spost_ldsttags", 0xd9e02441),
    UNDEF("STGP_64_ldstpair_off", 0x69009444),
    UNDEF("STGP_64_ldstpair_post", 0x68bf9444),
    UNDEF("STGP_64_ldstpair_pre", 0x69811444),
    UNDEF("LDGM_64bulk_ldsttags", 0xd9e00041),
    UNDEF("STGM_64bulk_ldsttags", 0xd9a00041),
    UNDEF("STZGM_64bulk_ldsttags", 0xd9200041),
    UNDEF("LD64B_64L_memop", 0xf83fd020),
    UNDEF("ST64B_64L_memop", 0xf83f9068),
    UNDEF("ST64BV_64_memop", 0xf821b082),
    UNDEF("ST64BV0_64_memop", 0xf821a082),
    UNDEF("TSTART_BR_systemresult", 0xd5233063),
    UNDEF("TTEST_BR_systemresult", 0xd5233164),
    UNDEF("TCOMMIT_only_barriers", 0xd503307f),
    UNDEF("TCANCEL_EX_exception", 0xd47000a0),
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

/* The tag of every granule of the data pages and the read-only page. */
#define NGRAN ((DATA_LEN + 0x1000) / 16)
static uint64_t gran_addr(unsigned i) { return i < DATA_LEN / 16 ? DATA + 16ull * i : RO + 16ull * (i - DATA_LEN / 16); }

static void run_case(const Case *c)
{
    const char *id = c->id;
    GuestMem *m = guest_mem_new();
    ck_assert(m);
    ck_assert(guest_mem_map(m, CODE, 0x1000, GUEST_PROT_READ | GUEST_PROT_EXEC));
    ck_assert(guest_mem_map(m, DATA, DATA_LEN, GUEST_PROT_READ | GUEST_PROT_WRITE));
    ck_assert(guest_mem_map(m, RO, 0x1000, GUEST_PROT_READ));
    ck_assert(guest_mem_copy_in(m, CODE, c->w, sizeof c->w));
    ck_assert(guest_mem_copy_in(m, DATA, initial_data(), DATA_LEN));
    static uint8_t tags[NGRAN];
    memset(tags, 0, sizeof tags);
    for (const TagVal *t = c->tags_in; t->addr; t++)
        ck_assert(guest_mem_set_tag(m, t->addr, (uint8_t)t->tag));

    Cpu *cpu = cpu_new(c->model ? c->model : "max");
    ck_assert(cpu);
    cpu_set_mem(cpu, m);
    uint64_t x[31], sp = SP_SENT;
    for (int n = 0; n < 31; n++)
        x[n] = SENT(n);
    for (const RegVal *r = c->in; r->r; r++) {
        if (r->r == 32)
            sp = r->v;
        else
            x[r->r - 1] = r->v;
    }
    for (int n = 0; n < 31; n++)
        cpu_set_x(cpu, n, x[n]);
    cpu_set_sp(cpu, sp);
    cpu_set_pc(cpu, CODE);
    for (const RegVal *r = c->out; r->r; r++) {
        if (r->r == 32)
            sp = r->v;
        else
            x[r->r - 1] = r->v;
    }
    unsigned steps = c->steps ? c->steps : 1;
    CpuStop stop = cpu_run(cpu, steps);
    uint64_t pc = CODE + 4 * steps;
    if (c->exc == CPU_EXC_NONE) {
        ck_assert_msg(stop == CPU_STOP_BUDGET, "%s: stopped with exception %d", id, cpu_exception(cpu)->kind);
    } else {
        const CpuException *e = cpu_exception(cpu);
        ck_assert_msg(stop == CPU_STOP_EXCEPTION, "%s: no exception", id);
        ck_assert_msg(e->kind == c->exc, "%s: exception kind %d, expected %d", id, e->kind, c->exc);
        pc = CODE + 4 * (steps - 1);
        ck_assert_msg(e->pc == pc, "%s: exception pc %#" PRIx64, id, e->pc);
        if (c->exc == CPU_EXC_DATA_ABORT) {
            ck_assert_msg(e->vaddress == c->vaddress, "%s: vaddress %#" PRIx64 ", expected %#" PRIx64, id,
                          e->vaddress, c->vaddress);
            if (c->iss) {
                ck_assert_msg((e->syndrome & 0x7f) == c->iss, "%s: ISS %#x, expected %#x", id,
                              e->syndrome & 0x7f, c->iss);
                ck_assert_msg(e->write == ((c->iss & ISS_WNR) != 0), "%s: write %d", id, e->write);
            }
        }
    }
    ck_assert_msg(cpu_get_pc(cpu) == pc, "%s: pc %#" PRIx64 ", expected %#" PRIx64, id, cpu_get_pc(cpu), pc);
    for (int n = 0; n < 31; n++)
        ck_assert_msg(cpu_get_x(cpu, n) == x[n], "%s: x%d = %#" PRIx64 ", expected %#" PRIx64, id, n,
                      cpu_get_x(cpu, n), x[n]);
    ck_assert_msg(cpu_get_sp(cpu) == sp, "%s: sp = %#" PRIx64 ", expected %#" PRIx64, id, cpu_get_sp(cpu), sp);

    static uint8_t want[DATA_LEN], got[DATA_LEN];
    memcpy(want, initial_data(), DATA_LEN);
    for (const MemVal *v = c->mem; v->size; v++)
        for (unsigned b = 0; b < v->size; b++)
            want[v->addr - DATA + b] = (uint8_t)(v->v >> (8 * b));
    ck_assert(guest_mem_copy_out(m, got, DATA, DATA_LEN));
    for (uint64_t i = 0; i < DATA_LEN; i++)
        ck_assert_msg(got[i] == want[i], "%s: memory at %#" PRIx64 " = %#x, expected %#x", id, (uint64_t)(DATA + i),
                      got[i], want[i]);

    for (const TagVal *t = c->tags_in; t->addr; t++)
        tags[(t->addr >= RO ? DATA_LEN + t->addr - RO : t->addr - DATA) / 16] = (uint8_t)t->tag;
    for (const TagVal *t = c->tags_out; t->addr; t++)
        tags[(t->addr >= RO ? DATA_LEN + t->addr - RO : t->addr - DATA) / 16] = (uint8_t)t->tag;
    for (unsigned i = 0; i < NGRAN; i++) {
        uint8_t tag = 0xff;
        ck_assert(guest_mem_get_tag(m, gran_addr(i), &tag));
        ck_assert_msg(tag == tags[i], "%s: tag at %#" PRIx64 " = %#x, expected %#x", id, gran_addr(i), tag, tags[i]);
    }
    cpu_free(cpu);
    guest_mem_free(m);
}

START_TEST(exec_case)
{
    run_case(&cases[_i]);
}
END_TEST

/* IRG with FEAT_MTE2 (now on max): a real tag is inserted, so ADDG/SUBG/IRG
 * and the tag store agree: IRG x1, x2 then STG x1, [x1] then LDG x3, [x2]
 * with x2 = D, x3 = 0: x3's tag equals x1's. The tag IRG chooses comes
 * from the IMPDEF LFSR: seed 0 -> 1 -> first tag 0x1 (lib/mte.asl). */
START_TEST(IRG_then_STG_LDG)
{
    GuestMem *m = guest_mem_new();
    ck_assert(guest_mem_map(m, CODE, 0x1000, GUEST_PROT_READ | GUEST_PROT_EXEC));
    ck_assert(guest_mem_map(m, DATA, DATA_LEN, GUEST_PROT_READ | GUEST_PROT_WRITE));
    static const uint32_t w2[] = {
        0x9adf1041, /* irg x1, x2 */
        0xd9200841, /* stg x1, [x2] */
        0xd9600043, /* ldg x3, [x2] */
    };
    ck_assert(guest_mem_copy_in(m, CODE, w2, sizeof w2));
    Cpu *cpu = cpu_new("max");
    cpu_set_mem(cpu, m);
    ck_assert(cpu_set_sysreg(cpu, "GCR_EL1", 0)); /* tags enabled: none excluded */
    cpu_set_pc(cpu, CODE);
    cpu_set_x(cpu, 2, D);
    cpu_set_x(cpu, 3, 0);
    ck_assert_int_eq(cpu_run(cpu, 3), CPU_STOP_BUDGET);
    ck_assert_uint_eq(cpu_get_x(cpu, 1), TAGGED(0x1, D));
    ck_assert_uint_eq(cpu_get_x(cpu, 3), TAGGED(0x1, 0));
    uint8_t tag;
    ck_assert(guest_mem_get_tag(m, D, &tag));
    ck_assert_uint_eq(tag, 0x1);
    cpu_free(cpu);
    guest_mem_free(m);
}
END_TEST

static Suite *exec_suite(void)
{
    Suite *s = suite_create("exec_mte_ls64");
    for (size_t i = 0; i < NCASES; i++) {
        TCase *tc = tcase_create(cases[i].id);
        tcase_add_loop_test(tc, exec_case, (int)i, (int)i + 1);
        suite_add_tcase(s, tc);
    }
    TCase *tc = tcase_create("IRG_then_STG_LDG");
    tcase_add_test(tc, IRG_then_STG_LDG);
    suite_add_tcase(s, tc);
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
