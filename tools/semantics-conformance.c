/* armature-semantics-conformance: the host side of the semantics
 * conformance runner (conformance/semantics/README.md).
 *
 *   gen     [--seed S] [--per-encoding K] [--only GLOB] -o TESTS.S
 *       draws K instances of every spec encoding (a64_encodings[]) that can
 *       run in a straight-line test at EL0, and writes the driver's test
 *       table and one code stub per instance.
 *   compare [same selection options] ARMATURE.OUT QEMU.OUT [--known FILE]
 *           [--max-report N] [--table] [--run-failed NAME]...
 *       regenerates the same instances, compares the two drivers' state
 *       records bit for bit, reports per spec page and ends with
 *       "N passed, M failed".
 *   list    [selection options]
 *       one line per instance (index, encoding, word, disassembly).
 *
 * Everything depends only on the seed, K and the spec: the instances of an
 * encoding are drawn from a generator seeded by the seed and the encoding
 * id, so --only does not change them.
 */
#include <errno.h>
#include <fnmatch.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "a64_meta.h"
#include "cpu.h"
#include "guest_mem.h"
#include "../conformance/semantics/sem.h"

/* ------------------------------------------------------------ options */

static struct {
    uint64_t seed;
    unsigned per_encoding;
    const char *only[16];
    int nonly;
    const char *out;
    const char *known;
    unsigned max_report;
    bool table;
    const char *run_failed[2];
    int nrun_failed;
    bool undefined;
} opt = {.seed = 1, .per_encoding = 20, .max_report = 10};

static _Noreturn void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("armature-semantics-conformance: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(2);
}

static uint64_t parse_u64(const char *name, const char *s, uint64_t max)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || *end || !*s || s[0] == '-' || v > max)
        die("%s: bad number '%s'", name, s);
    return v;
}

/* ------------------------------------------------------------ random */

static uint64_t rng;

static uint64_t rnd64(void)
{
    return sem_mix(&rng);
}

static int rrange(int lo, int hi)
{
    return lo + (int)(rnd64() % (uint64_t)(hi - lo + 1));
}

static uint64_t hash_str(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ull;
    while (*s)
        h = (h ^ (uint8_t)*s++) * 0x100000001b3ull;
    return h;
}

/* ------------------------------------------------------------ encodings */

static const A64Field *field(const A64EncodingInfo *e, const char *name)
{
    for (int i = 0; i < e->nfields; i++)
        if (!strcmp(e->fields[i].name, name))
            return &e->fields[i];
    return NULL;
}

static uint32_t fget(uint32_t w, const A64Field *f)
{
    return (w >> f->lo) & (uint32_t)((2ull << (f->hi - f->lo)) - 1);
}

/* Sets the free bits of field f to v (bits the diagram fixes stay). */
static uint32_t fset(uint32_t w, const A64Field *f, uint32_t v)
{
    uint32_t m = (uint32_t)(((2ull << (f->hi - f->lo)) - 1) << f->lo) & ~(f->fixed_mask << f->lo);
    return (w & ~m) | ((v << f->lo) & m);
}

static bool starts(const char *s, const char *p)
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
static const char *skip_reason(const A64EncodingInfo *e)
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
typedef struct Test {
    int enc;
    uint32_t word;
    struct sem_test t;
    int nmarkers;      /* branches: landing pads after the word */
    uint32_t readback; /* MSR: an MRS of the register written, or 0 */
} Test;

/* How instances were rejected, per encoding. */
enum { REJ_OTHER, REJ_UNDEF, REJ_UNPRED, REJ_N };
static const char *const rej_names[REJ_N] = {
    "decodes as another encoding",
    "UNDEFINED (reserved field values, or not available at EL0)",
    "CONSTRAINED UNPREDICTABLE (UNDEFINED here)",
};

typedef struct EncStat {
    const char *skip;           /* never run: the rule */
    unsigned drawn;             /* instances accepted */
    unsigned rej[REJ_N];
    /* compare */
    unsigned compared, passed, explained, failed;
} EncStat;

static EncStat *est;
static Test *tests;
static size_t ntests, captests;

/* ------------------------------------------------------------ host check */

static Cpu *hcpu;
static GuestMem *hmem;
#define HOST_PC 0x400000ull

static void host_init(void)
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
static int host_check(uint32_t w)
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

static bool selected(const A64EncodingInfo *e)
{
    if (!opt.nonly)
        return true;
    for (int i = 0; i < opt.nonly; i++)
        if (!fnmatch(opt.only[i], e->id, 0) || !fnmatch(opt.only[i], e->page, 0) ||
            !fnmatch(opt.only[i], e->group, 0))
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
static void draw(int ei, Test *t)
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

/* Draws every selected encoding's instances (deterministic). */
static void generate(void)
{
    host_init();
    est = calloc((size_t)a64_n_encodings, sizeof *est);
    for (int ei = 0; ei < a64_n_encodings; ei++) {
        const A64EncodingInfo *e = &a64_encodings[ei];
        EncStat *s = &est[ei];
        if (!selected(e))
            continue;
        if ((s->skip = skip_reason(e)))
            continue;
        rng = opt.seed * 0x9e3779b97f4a7c15ull ^ hash_str(e->id) ^ hash_str(e->variant) * 31;
        unsigned tries = 20 + 8 * opt.per_encoding;
        while (s->drawn < opt.per_encoding && tries--) {
            Test t;
            draw(ei, &t);
            if (a64_decode_index(t.word) != ei) {
                s->rej[REJ_OTHER]++;
                continue;
            }
            int r = host_check(t.word);
            if (r >= 0) {
                s->rej[r]++;
                if (!(opt.undefined && r == REJ_UNDEF))
                    continue;
            }
            if (ntests == captests) {
                captests = captests ? 2 * captests : 4096;
                tests = realloc(tests, captests * sizeof *tests);
                if (!tests)
                    die("out of memory");
            }
            tests[ntests++] = t;
            s->drawn++;
        }
    }
}

/* ------------------------------------------------------------ gen */

static void disas(uint32_t w, char *buf, unsigned len)
{
    cpu_disassemble(w, 0, buf, len);
    for (char *p = buf; *p; p++)
        if (*p == '\t')
            *p = ' ';
}

static int cmd_gen(void)
{
    if (!opt.out)
        die("gen: -o FILE is required");
    FILE *f = fopen(opt.out, "w");
    if (!f)
        die("%s: %s", opt.out, strerror(errno));
    fprintf(f, "// generated by armature-semantics-conformance gen --seed %" PRIu64 " --per-encoding %u"
               " -- do not edit\n\t.text\n\t.balign 4\n", opt.seed, opt.per_encoding);
    char text[256];
    for (size_t i = 0; i < ntests; i++) {
        const Test *t = &tests[i];
        disas(t->word, text, sizeof text);
        fprintf(f, "s%zu:\tmrs x30, tpidr_el0\n\t.inst 0x%08x\t// %s  [%s]\n", i, t->word, text,
                a64_encodings[t->enc].id);
        for (int k = 0; k < t->nmarkers; k++)
            fputs("\tadd x17, x17, #1\n", f);
        if (t->readback)
            fprintf(f, "\t.inst 0x%08x\n", t->readback);
        fprintf(f, "p%zu:\tmsr tpidr_el0, x0\n\tb sem_save\n", i);
    }
    fprintf(f, "\n\t.section .rodata\n\t.balign 8\n\t.globl sem_tests, sem_ntests, sem_seed\n"
               "sem_ntests:\n\t.quad %zu\nsem_seed:\n\t.quad %" PRIu64 "\nsem_tests:\n",
            ntests, opt.seed);
    for (size_t i = 0; i < ntests; i++) {
        const struct sem_test *s = &tests[i].t;
        fprintf(f, "\t.word 0x%08x, %u\n\t.byte %u, %u, %u, %u\n\t.word %u\n\t.quad %" PRId64 ", %" PRId64
                   "\n\t.quad s%zu, p%zu\n",
                s->word, s->excl, s->ov_reg[0], s->ov_reg[1], s->ov_kind[0], s->ov_kind[1], s->excl_reg,
                s->ov_val[0], s->ov_val[1], i, i);
    }
    if (fclose(f))
        die("%s: write error", opt.out);
    unsigned nenc = 0, nskip = 0;
    for (int ei = 0; ei < a64_n_encodings; ei++) {
        nenc += est[ei].drawn > 0;
        nskip += est[ei].skip != NULL;
    }
    fprintf(stderr, "%zu instances of %u encodings (%u skipped by rule)\n", ntests, nenc, nskip);
    return 0;
}

static int cmd_list(void)
{
    char text[256];
    for (size_t i = 0; i < ntests; i++) {
        disas(tests[i].word, text, sizeof text);
        printf("%zu %s %08x %s\n", i, a64_encodings[tests[i].enc].id, tests[i].word, text);
    }
    return 0;
}

/* ------------------------------------------------------------ compare */

/* The parts of the state compared: X0-X30, SP, NZCV, FPCR, FPSR, V0-V31,
 * the scratch memory, the signal. */
enum { P_X = 0, P_SP = 31, P_NZCV, P_FPCR, P_FPSR, P_V, P_MEM = P_V + 32, P_SIG, P_N };

static void part_name(int p, char *buf, size_t len)
{
    if (p < P_SP)
        snprintf(buf, len, "x%d", p);
    else if (p >= P_V && p < P_MEM)
        snprintf(buf, len, "v%d", p - P_V);
    else
        snprintf(buf, len, "%s", p == P_SP ? "sp" : p == P_NZCV ? "nzcv" : p == P_FPCR ? "fpcr" :
                                 p == P_FPSR ? "fpsr" : p == P_MEM ? "mem" : "signal");
}

static void diff_parts(const struct sem_out *a, const struct sem_out *b, bool d[P_N])
{
    for (int i = 0; i < 31; i++)
        d[P_X + i] = a->s.x[i] != b->s.x[i];
    d[P_SP] = a->s.sp != b->s.sp;
    d[P_NZCV] = a->s.nzcv != b->s.nzcv;
    d[P_FPCR] = a->s.fpcr != b->s.fpcr;
    d[P_FPSR] = a->s.fpsr != b->s.fpsr;
    for (int i = 0; i < 32; i++)
        d[P_V + i] = a->s.v[i][0] != b->s.v[i][0] || a->s.v[i][1] != b->s.v[i][1];
    d[P_MEM] = a->mem_changed != b->mem_changed || a->mem_hash != b->mem_hash;
    d[P_SIG] = a->signo != b->signo || (a->signo && (a->fault_pc != b->fault_pc || a->si_code != b->si_code));
}

/* A signal anywhere but at the test word or its MSR read-back means the
 * harness itself faulted: the record is not a result. */
static bool harness_fault(const Test *t, const struct sem_out *o)
{
    int64_t last = t->readback ? 4 * (1 + t->nmarkers) : 0;
    return o->signo && o->fault_pc != 0 && o->fault_pc != last;
}

static const char *sig_name(unsigned s)
{
    switch (s) {
    case 0: return "none";
    case 4: return "SIGILL";
    case 5: return "SIGTRAP";
    case 7: return "SIGBUS";
    case 8: return "SIGFPE";
    case 11: return "SIGSEGV";
    default: return "SIG?";
    }
}

/* known-differences.txt: GLOB [COND...] -- REASON (README.md). */
typedef struct Known {
    char *glob;
    bool parts[P_N], has_parts;
    int sig[2];          /* armature=, qemu=: -1 any, else signal number */
    uint32_t mask, match;
    uint32_t fpcr_mask, fpcr_match; /* fpcr_in=MASK/MATCH: FPCR before the instruction */
    uint64_t xormask;    /* xormask=: differing X/SP/NZCV/FPCR/FPSR values differ only in these bits */
    bool has_xormask;
    char *reason;
    int line;
    unsigned hits;
} Known;

static Known *known;
static int nknown;

static int parse_sig(const char *s)
{
    if (!strcmp(s, "any"))
        return -1;
    for (unsigned n = 0; n < 32; n++)
        if (!strcmp(sig_name(n), s) && strcmp(s, "SIG?"))
            return (int)n;
    return -2;
}

static void load_known(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        die("%s: %s", path, strerror(errno));
    char line[2048];
    int lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '#' || *p == '\n' || !*p)
            continue;
        char *sep = strstr(p, " -- ");
        if (!sep)
            die("%s:%d: missing ' -- REASON'", path, lineno);
        *sep = 0;
        char *reason = sep + 4;
        reason[strcspn(reason, "\n")] = 0;
        known = realloc(known, (size_t)(nknown + 1) * sizeof *known);
        Known *k = &known[nknown++];
        memset(k, 0, sizeof *k);
        k->sig[0] = k->sig[1] = -1;
        k->reason = strdup(reason);
        k->line = lineno;
        char *tok = strtok(p, " \t");
        if (!tok)
            die("%s:%d: missing the encoding glob", path, lineno);
        k->glob = strdup(tok);
        bool any = false;
        for (int i = 0; i < a64_n_encodings; i++)
            any |= !fnmatch(k->glob, a64_encodings[i].id, 0);
        if (!any)
            die("%s:%d: '%s' matches no spec encoding id", path, lineno, k->glob);
        while ((tok = strtok(NULL, " \t"))) {
            if (starts(tok, "diff=")) {
                k->has_parts = true;
                char *list = tok + 5, *save = NULL;
                for (char *q = strtok_r(list, ",", &save); q; q = strtok_r(NULL, ",", &save)) {
                    bool ok = false;
                    char nm[16];
                    for (int pi = 0; pi < P_N; pi++) {
                        part_name(pi, nm, sizeof nm);
                        if (!strcmp(q, nm) || (!strcmp(q, "x") && pi < P_SP) ||
                            (!strcmp(q, "v") && pi >= P_V && pi < P_MEM)) {
                            k->parts[pi] = ok = true;
                        }
                    }
                    if (!ok)
                        die("%s:%d: unknown part '%s' (x, xN, sp, nzcv, fpcr, fpsr, v, vN, mem, signal)",
                            path, lineno, q);
                }
            } else if (starts(tok, "armature=") || starts(tok, "qemu=")) {
                int side = tok[0] == 'q';
                int s = parse_sig(strchr(tok, '=') + 1);
                if (s == -2)
                    die("%s:%d: bad signal in '%s' (none, SIGILL, SIGSEGV, SIGBUS, SIGTRAP, any)", path,
                        lineno, tok);
                k->sig[side] = s;
            } else if (starts(tok, "fpcr_in=")) {
                char *e1, *e2, *slash = strchr(tok + 8, '/');
                if (!slash)
                    die("%s:%d: fpcr_in=MASK/MATCH", path, lineno);
                k->fpcr_mask = (uint32_t)strtoul(tok + 8, &e1, 16);
                k->fpcr_match = (uint32_t)strtoul(slash + 1, &e2, 16);
                if (e1 != slash || *e2 || (k->fpcr_match & ~k->fpcr_mask))
                    die("%s:%d: bad fpcr_in=MASK/MATCH '%s'", path, lineno, tok);
            } else if (starts(tok, "xormask=")) {
                char *e1;
                errno = 0;
                k->xormask = strtoull(tok + 8, &e1, 16);
                if (errno || *e1 || !tok[8])
                    die("%s:%d: bad xormask=HEX '%s'", path, lineno, tok);
                k->has_xormask = true;
            } else if (starts(tok, "bits=")) {
                char *e1, *e2, *slash = strchr(tok + 5, '/');
                if (!slash)
                    die("%s:%d: bits=MASK/MATCH", path, lineno);
                k->mask = (uint32_t)strtoul(tok + 5, &e1, 16);
                k->match = (uint32_t)strtoul(slash + 1, &e2, 16);
                if (e1 != slash || *e2 || (k->match & ~k->mask))
                    die("%s:%d: bad bits=MASK/MATCH '%s'", path, lineno, tok);
            } else {
                die("%s:%d: unknown condition '%s'", path, lineno, tok);
            }
        }
    }
    fclose(f);
}

static Known *explain(size_t idx, const Test *t, const struct sem_out *a, const struct sem_out *q,
                      const bool d[P_N])
{
    for (int i = 0; i < nknown; i++) {
        Known *k = &known[i];
        if (fnmatch(k->glob, a64_encodings[t->enc].id, 0))
            continue;
        if (k->fpcr_mask) {
            struct sem_state in;
            sem_init_state(opt.seed, (uint32_t)idx, &in);
            if ((in.fpcr & k->fpcr_mask) != k->fpcr_match)
                continue;
        }
        if ((t->word & k->mask) != k->match)
            continue;
        if (k->sig[0] >= 0 && a->signo != (unsigned)k->sig[0])
            continue;
        if (k->sig[1] >= 0 && q->signo != (unsigned)k->sig[1])
            continue;
        bool ok = true;
        if (k->has_xormask) {
            for (int p = 0; p < 31; p++)
                ok &= !((a->s.x[p] ^ q->s.x[p]) & ~k->xormask);
            ok &= !((a->s.sp ^ q->s.sp) & ~k->xormask);
            ok &= !((a->s.nzcv ^ q->s.nzcv) & ~k->xormask);
            ok &= !((a->s.fpcr ^ q->s.fpcr) & ~k->xormask);
            ok &= !((a->s.fpsr ^ q->s.fpsr) & ~k->xormask);
        }
        if (k->has_parts)
            for (int p = 0; p < P_N; p++)
                ok &= !d[p] || k->parts[p];
        if (ok)
            return k;
    }
    return NULL;
}

static size_t read_records(const char *path, struct sem_header *h, struct sem_out **out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        die("%s: %s", path, strerror(errno));
    size_t n = 0, cap = ntests ? ntests : 1;
    *out = calloc(cap, sizeof **out);
    memset(h, 0, sizeof *h);
    if (fread(h, sizeof *h, 1, f) == 1 && h->magic == SEM_MAGIC) {
        while (n < cap && fread(&(*out)[n], sizeof **out, 1, f) == 1) {
            if ((*out)[n].magic != SEM_REC_MAGIC || (*out)[n].index != n)
                break;
            n++;
        }
    }
    fclose(f);
    return n;
}

static void show_value(const char *side, const struct sem_out *o, int p)
{
    if (p < P_SP)
        printf("      %-9s %016" PRIx64 "\n", side, o->s.x[p]);
    else if (p == P_SP)
        printf("      %-9s %016" PRIx64 "\n", side, o->s.sp);
    else if (p == P_NZCV)
        printf("      %-9s %c%c%c%c\n", side, o->s.nzcv >> 31 & 1 ? 'N' : 'n', o->s.nzcv >> 30 & 1 ? 'Z' : 'z',
               o->s.nzcv >> 29 & 1 ? 'C' : 'c', o->s.nzcv >> 28 & 1 ? 'V' : 'v');
    else if (p == P_FPCR)
        printf("      %-9s %08" PRIx64 "\n", side, o->s.fpcr);
    else if (p == P_FPSR)
        printf("      %-9s %08" PRIx64 "\n", side, o->s.fpsr);
    else if (p < P_MEM)
        printf("      %-9s %016" PRIx64 "%016" PRIx64 "\n", side, o->s.v[p - P_V][1], o->s.v[p - P_V][0]);
    else if (p == P_MEM) {
        printf("      %-9s %u bytes changed", side, o->mem_changed);
        if (o->mem_changed) {
            printf(", first at mid%+d:", (int)o->mem_first - SEM_SCRATCH_MID);
            for (int i = 0; i < 16; i++)
                printf(" %02x", o->mem_at[i]);
            printf(" (at mid%+d), hash %016" PRIx64, (int)(o->mem_first & ~15u) - SEM_SCRATCH_MID, o->mem_hash);
        }
        printf("\n");
    } else {
        printf("      %-9s %s", side, sig_name(o->signo));
        if (o->signo)
            printf(" si_code %u at word%+" PRId64 ", address mid%+" PRId64, o->si_code, o->fault_pc,
                   o->fault_addr - SEM_SCRATCH_MID);
        printf("\n");
    }
}

static void report(size_t i, const Test *t, const struct sem_out *a, const struct sem_out *q, const bool d[P_N],
                   uint64_t scratch)
{
    char text[256], nm[16];
    const A64EncodingInfo *e = &a64_encodings[t->enc];
    disas(t->word, text, sizeof text);
    printf("  #%zu %08x %s  [%s, page %s]\n", i, t->word, text, e->id, e->page);
    struct sem_state in;
    sem_init_state(opt.seed, (uint32_t)i, &in);
    for (int k = 0; k < 2; k++) {
        unsigned r = t->t.ov_reg[k];
        if (r > 31)
            continue;
        uint64_t v = t->t.ov_kind[k] == SEM_OV_SCRATCH ? scratch + SEM_SCRATCH_MID + (uint64_t)t->t.ov_val[k]
                                                        : (uint64_t)t->t.ov_val[k];
        if (r == 31)
            in.sp = v;
        else
            in.x[r] = v;
        printf("    %s%u = %s%+" PRId64 "\n", r == 31 ? "sp" : "x", r == 31 ? 0 : r,
               t->t.ov_kind[k] == SEM_OV_SCRATCH ? "scratch mid" : "", t->t.ov_val[k]);
    }
    if (t->t.excl)
        printf("    exclusive monitor opened on [x%u] before the test\n", t->t.excl_reg);
    printf("    before: nzcv=%" PRIx64 " fpcr=%08" PRIx64 " fpsr=%08" PRIx64 "\n", in.nzcv, in.fpcr, in.fpsr);
    for (int p = 0; p < P_N; p++) {
        if (!d[p])
            continue;
        part_name(p, nm, sizeof nm);
        printf("    %s differs:\n", nm);
        if (p < P_SP)
            printf("      %-9s %016" PRIx64 "\n", "before", in.x[p]);
        else if (p == P_SP)
            printf("      %-9s %016" PRIx64 "\n", "before", in.sp);
        else if (p >= P_V && p < P_MEM)
            printf("      %-9s %016" PRIx64 "%016" PRIx64 "\n", "before", in.v[p - P_V][1], in.v[p - P_V][0]);
        show_value("armature", a, p);
        show_value("qemu", q, p);
    }
}

static int cmd_compare(const char *fa, const char *fq)
{
    if (opt.known)
        load_known(opt.known);
    struct sem_header ha, hq;
    struct sem_out *ra, *rq;
    size_t na = read_records(fa, &ha, &ra), nq = read_records(fq, &hq, &rq);
    for (int i = 0; i < opt.nrun_failed; i++)
        printf("%s: the emulator run failed (see above)\n", opt.run_failed[i]);
    if (ha.magic == SEM_MAGIC && hq.magic == SEM_MAGIC && ha.scratch != hq.scratch)
        printf("warning: scratch at %" PRIx64 " vs %" PRIx64 ": addresses in registers will differ\n", ha.scratch,
               hq.scratch);
    if (na < ntests)
        printf("armature: only %zu of %zu records\n", na, ntests);
    if (nq < ntests)
        printf("qemu: only %zu of %zu records\n", nq, ntests);

    uint64_t passed = 0, explained = 0, failed = 0;
    unsigned shown = 0;
    bool d[P_N];
    bool header_done = false;
    for (size_t i = 0; i < ntests; i++) {
        const Test *t = &tests[i];
        EncStat *s = &est[t->enc];
        s->compared++;
        if (i >= na || i >= nq) {
            s->failed++;
            failed++;
            continue;
        }
        diff_parts(&ra[i], &rq[i], d);
        /* Armature's report of where a signal happened is the reference for
         * harness faults; a QEMU pc elsewhere is a signal difference. */
        bool any = false, hfault = harness_fault(t, &ra[i]);
        for (int p = 0; p < P_N; p++)
            any |= d[p];
        if (hfault) {
            d[P_SIG] = any = true;
            if (shown < opt.max_report)
                printf("  #%zu: the harness took a signal (not the instruction under test)\n", i);
        }
        if (!any) {
            s->passed++;
            passed++;
            continue;
        }
        Known *k = hfault ? NULL : explain(i, t, &ra[i], &rq[i], d);
        if (k) {
            k->hits++;
            s->explained++;
            explained++;
            continue;
        }
        s->failed++;
        failed++;
        if (shown < opt.max_report) {
            if (!header_done)
                printf("differences (the first %u):\n", opt.max_report);
            header_done = true;
            shown++;
            report(i, t, &ra[i], &rq[i], d, ha.scratch);
        }
    }

    /* per page */
    const char *cur = NULL;
    unsigned pe = 0, pc = 0, pp = 0, px = 0, pf = 0;
    unsigned pages = 0, pages_cmp = 0, encs = 0, encs_cmp = 0, encs_sel = 0;
    bool title = false;
    for (int ei = 0; ei <= a64_n_encodings; ei++) {
        const A64EncodingInfo *e = ei < a64_n_encodings ? &a64_encodings[ei] : NULL;
        if (!e || !cur || strcmp(e->page, cur)) {
            if (cur && (pe || pc)) {
                pages++;
                pages_cmp += pc > 0;
                if (opt.table || pf || px) {
                    if (!title)
                        printf("%-24s %5s %9s %9s %9s %9s\n", "page", "encs", "compared", "passed", "explained",
                               "failed");
                    title = true;
                    printf("%-24s %5u %9u %9u %9u %9u\n", cur, pe, pc, pp, px, pf);
                }
            }
            if (!e)
                break;
            cur = e->page;
            pe = pc = pp = px = pf = 0;
        }
        if (!selected(e))
            continue;
        EncStat *s = &est[ei];
        encs_sel++;
        pe++;
        pc += s->compared;
        pp += s->passed;
        px += s->explained;
        pf += s->failed;
        encs++;
        encs_cmp += s->compared > 0;
    }

    /* why encodings were not compared */
    typedef struct { const char *why; unsigned n; char ex[160]; } Why;
    Why why[32];
    int nwhy = 0;
    for (int ei = 0; ei < a64_n_encodings; ei++) {
        const A64EncodingInfo *e = &a64_encodings[ei];
        EncStat *s = &est[ei];
        if (!selected(e) || s->compared)
            continue;
        const char *r = s->skip;
        if (!r) {
            int best = 0;
            for (int j = 1; j < REJ_N; j++)
                if (s->rej[j] > s->rej[best])
                    best = j;
            r = rej_names[best];
        }
        int j;
        for (j = 0; j < nwhy && strcmp(why[j].why, r); j++)
            ;
        if (j == nwhy) {
            if (nwhy == 32)
                continue;
            why[nwhy++] = (Why){r, 0, ""};
        }
        why[j].n++;
        size_t l = strlen(why[j].ex);
        if (l < 100)
            snprintf(why[j].ex + l, sizeof why[j].ex - l, "%s%s", l ? " " : "", e->id);
    }
    printf("coverage: %u of %u spec pages and %u of %u encodings compared\n", pages_cmp, pages, encs_cmp, encs);
    if (nwhy)
        printf("encodings not compared, by reason:\n");
    for (int j = 0; j < nwhy; j++)
        printf("  %4u  %s (%s%s)\n", why[j].n, why[j].why, why[j].ex, strlen(why[j].ex) >= 100 ? " ..." : "");
    unsigned rej[REJ_N] = {0};
    for (int ei = 0; ei < a64_n_encodings; ei++)
        for (int j = 0; j < REJ_N; j++)
            rej[j] += est[ei].rej[j];
    printf("draws rejected: %u %s, %u %s, %u %s\n", rej[0], rej_names[0], rej[1], rej_names[1], rej[2],
           rej_names[2]);
    if (explained) {
        printf("explained differences, by known-differences line:\n");
        for (int i = 0; i < nknown; i++)
            if (known[i].hits)
                printf("  %6u  line %d: %s\n", known[i].hits, known[i].line, known[i].reason);
    }
    printf("total: %zu instances, %" PRIu64 " identical, %" PRIu64 " explained, %" PRIu64 " failed\n", ntests,
           passed, explained, failed);
    failed += (uint64_t)opt.nrun_failed;
    printf("%" PRIu64 " passed, %" PRIu64 " failed\n", passed + explained, failed);
    return failed ? 1 : 0;
}

/* ------------------------------------------------------------ main */

static void usage(FILE *f)
{
    fputs("usage: armature-semantics-conformance gen|list|compare [options] [ARMATURE.OUT QEMU.OUT]\n"
          "  --seed S           random seed (default 1)\n"
          "  --per-encoding K   instances per encoding (default 20)\n"
          "  --only GLOB        encodings whose id, page or group matches (repeatable)\n"
          "  --undefined        keep instances Armature finds UNDEFINED (both must SIGILL)\n"
          "  -o FILE            gen: the tests.S to write\n"
          "  --known FILE       compare: known differences\n"
          "  --max-report N     compare: differing instances shown (default 10)\n"
          "  --table            compare: a line for every spec page\n"
          "  --run-failed NAME  compare: that emulator's run failed (counts as a failure)\n",
          f);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    const char *files[2];
    int nfiles = 0;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
#define ARG1() (i + 1 < argc ? argv[++i] : (die("%s needs a value", a), (char *)0))
        if (!strcmp(a, "--seed"))
            opt.seed = parse_u64(a, ARG1(), UINT64_MAX);
        else if (!strcmp(a, "--per-encoding"))
            opt.per_encoding = (unsigned)parse_u64(a, ARG1(), 100000);
        else if (!strcmp(a, "--only")) {
            if (opt.nonly == 16)
                die("too many --only");
            opt.only[opt.nonly++] = ARG1();
        } else if (!strcmp(a, "--undefined"))
            opt.undefined = true;
        else if (!strcmp(a, "-o"))
            opt.out = ARG1();
        else if (!strcmp(a, "--known"))
            opt.known = ARG1();
        else if (!strcmp(a, "--max-report"))
            opt.max_report = (unsigned)parse_u64(a, ARG1(), 1000000);
        else if (!strcmp(a, "--table"))
            opt.table = true;
        else if (!strcmp(a, "--run-failed")) {
            if (opt.nrun_failed < 2)
                opt.run_failed[opt.nrun_failed++] = ARG1();
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return 0;
        } else if (a[0] != '-' && nfiles < 2)
            files[nfiles++] = a;
        else {
            usage(stderr);
            die("unknown argument '%s'", a);
        }
#undef ARG1
    }
    generate();
    if (!strcmp(cmd, "gen"))
        return cmd_gen();
    if (!strcmp(cmd, "list"))
        return cmd_list();
    if (!strcmp(cmd, "compare")) {
        if (nfiles != 2)
            die("compare needs ARMATURE.OUT and QEMU.OUT");
        return cmd_compare(files[0], files[1]);
    }
    usage(stderr);
    die("unknown command '%s'", cmd);
}
