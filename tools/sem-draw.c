/* Drawing random instances of spec encodings that run as straight-line
 * EL0 tests: the per-rule constraints, Armature's own UNDEFINED check and
 * the disassembly; shared by the semantics and difftest runners. */
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu.h"
#include "guest_mem.h"
#include "sem-draw.h"

const char *sd_prog = "armature";

_Noreturn void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", sd_prog);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(2);
}

const char *const rej_names[REJ_N] = {
    "decodes as another encoding",
    "UNDEFINED (reserved field values, or not available at EL0)",
    "CONSTRAINED UNPREDICTABLE (UNDEFINED here)",
};

/* ------------------------------------------------------------ random */

uint64_t rng;

uint64_t rnd64(void)
{
    return sem_mix(&rng);
}

int rrange(int lo, int hi)
{
    return lo + (int)(rnd64() % (uint64_t)(hi - lo + 1));
}

uint64_t hash_str(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ull;
    while (*s)
        h = (h ^ (uint8_t)*s++) * 0x100000001b3ull;
    return h;
}

/* ------------------------------------------------------------ encodings */

const A64Field *field(const A64EncodingInfo *e, const char *name)
{
    for (int i = 0; i < e->nfields; i++)
        if (!strcmp(e->fields[i].name, name))
            return &e->fields[i];
    return NULL;
}

uint32_t fget(uint32_t w, const A64Field *f)
{
    return (w >> f->lo) & (uint32_t)((2ull << (f->hi - f->lo)) - 1);
}

/* Sets the free bits of field f to v (bits the diagram fixes stay). */
uint32_t fset(uint32_t w, const A64Field *f, uint32_t v)
{
    uint32_t m = (uint32_t)(((2ull << (f->hi - f->lo)) - 1) << f->lo) & ~(f->fixed_mask << f->lo);
    return (w & ~m) | ((v << f->lo) & m);
}

bool starts(const char *s, const char *p)
{
    return !strncmp(s, p, strlen(p));
}

static bool page_is(const A64EncodingInfo *e, const char *const *list)
{
    for (; *list; list++)
        if (!strcmp(e->page, *list))
            return true;
    return false;
}

/* Why an encoding is never run here (NULL: it is). One place per rule. */
const char *skip_reason(const A64EncodingInfo *e)
{
    static const char *const exc[] = {"SVC", "HVC", "SMC", "BRK", "HLT", "UDF", "DCPS1", "DCPS2", "DCPS3", NULL};
    static const char *const breg[] = {"BR", "BLR", "RET", "BRA", "BLRA", "RETA", NULL};
    static const char *const eret[] = {"ERET", "ERETA", "DRPS", NULL};
    if (page_is(e, exc))
        return "exception generation (SVC/HVC/SMC/BRK/HLT/UDF/DCPS)";
    if (page_is(e, breg))
        return "branch to register (target outside the test)";
    if (page_is(e, eret))
        return "exception return (UNDEFINED at EL0)";
    if (!strcmp(e->feature, "FEAT_PAuth") && strcmp(e->page, "XPAC"))
        return "pointer authentication (keys differ between emulators)";
    if (!strcmp(e->group, "system") && (starts(e->id, "PACI") || starts(e->id, "AUTI")))
        return "pointer authentication (keys differ between emulators)";
    if (!strcmp(e->feature, "FEAT_TME"))
        return "TME (transactions: not in qemu-aarch64)";
    if (starts(e->feature, "FEAT_LS64"))
        return "LS64 (needs device memory)";
    if (!strcmp(e->page, "SYSL"))
        return "SYSL (no EL0 system instruction with a result)";
    return NULL;
}

/* System registers EL0 can name, as (op0, op1, CRn, CRm, op2) packed like
 * the MRS/MSR word's bits 20:5, and whether MSR may write them. */
typedef struct SysReg {
    const char *name;
    unsigned op0, op1, crn, crm, op2;
} SysReg;

static const SysReg el0_sysregs[] = {
    {"NZCV", 3, 3, 4, 2, 0},  {"DAIF", 3, 3, 4, 2, 1},      {"FPCR", 3, 3, 4, 4, 0},
    {"FPSR", 3, 3, 4, 4, 1},  {"DIT", 3, 3, 4, 2, 5},       {"SSBS", 3, 3, 4, 2, 6},
    {"TCO", 3, 3, 4, 2, 7},   {"TPIDR_EL0", 3, 3, 13, 0, 2}, {"TPIDRRO_EL0", 3, 3, 13, 0, 3},
};

static uint32_t sysreg_bits(const SysReg *r)
{
    return (r->op0 - 2) << 19 | r->op1 << 16 | r->crn << 12 | r->crm << 8 | r->op2 << 5;
}

/* EL0 cache maintenance (op1 = 3, CRn = 7): DC ZVA, CVAC, CVAU, CVAP,
 * CVADP, CIVAC, IC IVAU; Xt points into the scratch memory. */
static const unsigned el0_sys_crm[] = {4, 10, 11, 12, 13, 14, 5};

/* One test instance. */
/* ------------------------------------------------------------ host check */

static Cpu *hcpu;
static GuestMem *hmem;
#define HOST_PC 0x400000ull

void host_init(void)
{
    hcpu = cpu_new("max");
    hmem = guest_mem_new();
    if (!hcpu || !hmem)
        die("cannot create the host CPU");
    cpu_set_mem(hcpu, hmem);
    cpu_reset(hcpu);
    if (!guest_mem_map(hmem, HOST_PC, GUEST_PAGE_SIZE, GUEST_PROT_READ | GUEST_PROT_EXEC))
        die("cannot map the host check page");
}

/* -1: runs (or faults on memory); else the REJ_ reason. Our own decode is
 * the judge: a word Armature treats as UNDEFINED or UNPREDICTABLE is not a
 * straight-line test. */
int host_check(uint32_t w)
{
    uint32_t nop = 0xd503201f;
    guest_mem_copy_in(hmem, HOST_PC, &w, 4);
    guest_mem_copy_in(hmem, HOST_PC + 4, &nop, 4);
    cpu_set_pc(hcpu, HOST_PC);
    for (int i = 0; i < 31; i++)
        cpu_set_x(hcpu, i, 0x1000);
    cpu_set_sp(hcpu, 0x1000);
    CpuStop st = cpu_run(hcpu, 1);
    if (st != CPU_STOP_EXCEPTION)
        return -1;
    const CpuException *x = cpu_exception(hcpu);
    if (x->kind == CPU_EXC_UNDEFINED && x->pc == HOST_PC)
        return REJ_UNDEF;
    if (x->kind == CPU_EXC_UNPREDICTABLE && x->pc == HOST_PC)
        return REJ_UNPRED;
    return -1;
}


/* ------------------------------------------------------------ drawing */

bool selected(const A64EncodingInfo *e, const char *const *only, int nonly)
{
    if (!nonly)
        return true;
    for (int i = 0; i < nonly; i++)
        if (!fnmatch(only[i], e->id, 0) || !fnmatch(only[i], e->page, 0) || !fnmatch(only[i], e->group, 0))
            return true;
    return false;
}

static bool is_mte(const A64EncodingInfo *e)
{
    return starts(e->feature, "FEAT_MTE");
}

static void set_override(Test *t, int slot, unsigned reg, int kind, int64_t val)
{
    t->t.ov_reg[slot] = (uint8_t)reg;
    t->t.ov_kind[slot] = (uint8_t)kind;
    t->t.ov_val[slot] = val;
}

/* A base address near the scratch middle: 16-aligned mostly, sometimes any
 * alignment (a misaligned exclusive or atomic must fault in both). */
static int64_t base_delta(bool sp)
{
    int64_t d = (int64_t)rrange(-8, 8) * 16;
    if (!sp && rnd64() % 4 == 0)
        d += rrange(1, 15);
    return d;
}

/* Draws one candidate word of encoding e and its constraints into *t. */
void draw(int ei, Test *t)
{
    const A64EncodingInfo *e = &a64_encodings[ei];
    uint32_t fixed = e->mask | e->sb_mask;
    uint32_t value = e->match | (e->sb_value & e->sb_mask & ~e->mask);
    uint32_t w = ((uint32_t)rnd64() & ~fixed) | value;
    const A64Field *f;

    memset(t, 0, sizeof *t);
    t->enc = ei;
    t->t.ov_reg[0] = t->t.ov_reg[1] = 0xff;

    if (!strcmp(e->group, "ldst")) {
        const A64Field *rn = field(e, "Rn"), *rm = field(e, "Rm");
        if ((f = field(e, "imm12")))
            w = fset(w, f, (uint32_t)rrange(0, 63)); /* x16 at most: +1008 */
        if ((f = field(e, "imm9")) && is_mte(e))
            w = fset(w, f, (uint32_t)rrange(-64, 63)); /* scaled by 16 */
        if ((f = field(e, "imm19")))
            w = fset(w, f, (uint32_t)rrange(-1024, 1024)); /* literal: nearby stubs */
        if (rn) {
            unsigned n = fget(w, rn);
            set_override(t, 0, n, SEM_OV_SCRATCH, base_delta(n == 31));
            if (rm && field(e, "option")) { /* register offset: a small index */
                unsigned m = fget(w, rm);
                if (m == n && n != 31) {
                    m = (n + 1 + (unsigned)rrange(0, 29)) % 31;
                    w = fset(w, rm, m);
                }
                if (m != 31)
                    set_override(t, 1, m, SEM_OV_ABS, rrange(0, 63));
            }
            /* store-exclusive: half the time the monitor is open on the address */
            if ((starts(e->page, "STXR") || starts(e->page, "STLXR") || starts(e->page, "STXP") ||
                 starts(e->page, "STLXP")) && rnd64() % 2) {
                bool pair = strstr(e->page, "XP") != NULL;
                unsigned size = w >> 30;
                unsigned bytes = pair ? ((w >> 30 & 1) ? 16 : 8) : 1u << size;
                t->t.excl = pair ? ((w >> 30 & 1) ? SEM_EXCL_PX : SEM_EXCL_PW) : SEM_EXCL_B + size;
                t->t.excl_reg = n;
                if (t->t.ov_val[0] % (int64_t)bytes) /* LDXR* would fault: CLREX only */
                    t->t.excl = SEM_EXCL_NONE;
            }
        }
    } else if (!strcmp(e->group, "branch")) {
        const char *imm[] = {"imm26", "imm19", "imm14"};
        for (int i = 0; i < 3; i++)
            if ((f = field(e, imm[i])))
                w = fset(w, f, (uint32_t)rrange(1, 5));
        t->nmarkers = 4;
    } else if (!strcmp(e->page, "MRS") || !strcmp(e->page, "MSR_reg")) {
        const SysReg *r = &el0_sysregs[rnd64() % (sizeof el0_sysregs / sizeof el0_sysregs[0])];
        w = (w & ~0x000fffe0u) | sysreg_bits(r);
        if (!strcmp(e->page, "MSR_reg"))
            t->readback = w | 0x00200000u; /* MRS Xt, <same register> */
    } else if (!strcmp(e->page, "MSR_imm")) {
        /* PSTATE fields EL0 may write: SSBS (op1=3 op2=1), DIT (3, 2),
         * TCO (3, 4), DAIFSet/DAIFClr (3, 6/7: trap at EL0) */
        static const unsigned op2s[] = {1, 2, 4, 6, 7};
        static const unsigned readreg[] = {6, 5, 7, 0, 0};
        unsigned k = (unsigned)(rnd64() % 5);
        w = (w & ~0x00070000u & ~0x000000e0u) | 3u << 16 | op2s[k] << 5;
        if (readreg[k]) /* MRS X17, DIT/SSBS/TCO */
            t->readback = 0xd53b4211u | readreg[k] << 5;
    } else if (!strcmp(e->page, "SYS")) {
        unsigned crm = el0_sys_crm[rnd64() % (sizeof el0_sys_crm / sizeof el0_sys_crm[0])];
        w = (w & ~0x0007ffe0u) | 3u << 16 | 7u << 12 | crm << 8 | 1u << 5;
        f = field(e, "Rt");
        if (f && fget(w, f) != 31)
            set_override(t, 0, fget(w, f), SEM_OV_SCRATCH, (int64_t)rrange(-64, 63) * 8);
    } else if (!strcmp(e->page, "IRG")) {
        /* nothing: GCR_EL1 decides; both emulators follow Linux */
    }
    w = (w & ~fixed) | value; /* constraints never change what the diagram fixes */
    t->word = w;
    t->t.word = w;
}


void disas(uint32_t w, char *buf, unsigned len)
{
    cpu_disassemble(w, 0, buf, len);
    for (char *p = buf; *p; p++)
        if (*p == '\t')
            *p = ' ';
}
