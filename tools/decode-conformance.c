/* armature-decode-conformance: compares the generated disassembler with GNU
 * objdump word by word, and sweeps the whole 32-bit encoding space
 * (conformance/decode/, issue 3 item 4). See conformance/README.md. */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "a64_meta.h"
#include "cpu.h"

#define TEXT_MAX 256
#define CHUNK_WORDS (1u << 18) /* words per objdump run: keeps temp files small */

/* ---------------------------------------------------------------- groups */

/* Arm's top-level A64 encoding groups, selected by op0 = bits 28:25 (and V =
 * bit 26 for loads and stores): Arm ARM C4.1, "A64 instruction set encoding". */
typedef enum Group {
    G_RESERVED,    /* op0 0000, bit 31 = 0: UDF and unallocated */
    G_UNALLOC,     /* op0 0001 and 0011 */
    G_DPIMM,       /* op0 100x */
    G_BRANCH,      /* op0 101x: branches, exception generation, system */
    G_LDST,        /* op0 x1x0, V = 0 */
    G_DPREG,       /* op0 x101 */
    G_SME,         /* op0 0000, bit 31 = 1 */
    G_SVE,         /* op0 0010 */
    G_SIMDFP_LDST, /* op0 x1x0, V = 1 */
    G_SIMDFP,      /* op0 x111 */
    NGROUPS
} Group;

static struct {
    const char *name, *op0;
    bool compared; /* general-purpose: compared with objdump in this issue */
    bool partial;  /* --simdfp: compared, but words we print as .inst and
                      objdump decodes count as "not implemented yet" */
} groups[NGROUPS] = {
    [G_RESERVED] = { "reserved", "0000 b31=0", true },
    [G_UNALLOC] = { "unallocated", "0001/0011", true },
    [G_DPIMM] = { "dpimm", "100x", true },
    [G_BRANCH] = { "branch/system", "101x", true },
    [G_LDST] = { "ldst", "x1x0 V=0", true },
    [G_DPREG] = { "dpreg", "x101", true },
    [G_SME] = { "sme", "0000 b31=1", false },
    [G_SVE] = { "sve", "0010", false },
    [G_SIMDFP_LDST] = { "simdfp-ldst", "x1x0 V=1", false },
    [G_SIMDFP] = { "simdfp", "x111", false },
};

static Group classify(uint32_t w)
{
    unsigned op0 = (w >> 25) & 0xf;
    if (op0 == 0)
        return (w >> 31) ? G_SME : G_RESERVED;
    if (op0 == 1 || op0 == 3)
        return G_UNALLOC;
    if (op0 == 2)
        return G_SVE;
    if ((op0 & 0xe) == 0x8)
        return G_DPIMM;
    if ((op0 & 0xe) == 0xa)
        return G_BRANCH;
    if ((op0 & 0x5) == 0x4)
        return (w >> 26) & 1 ? G_SIMDFP_LDST : G_LDST;
    if ((op0 & 0x7) == 0x5)
        return G_DPREG;
    return G_SIMDFP; /* x111 */
}

/* ---------------------------------------------------------------- options */

static struct {
    unsigned per_encoding;
    uint64_t random;
    uint64_t seed;
    const char *known;
    const char *objdump;
    bool verbose;
    unsigned max_report;
    unsigned max_kinds;
    bool all_words;
    bool simdfp;
    uint64_t lo, hi;
    unsigned jobs;
} opt = {
    .per_encoding = 300,
    .random = 1000000,
    .seed = 1,
    .max_report = 5,
    .max_kinds = 60,
    .hi = 1ull << 32,
};

static _Noreturn void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("armature-decode-conformance: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(2);
}

static uint64_t parse_u64(const char *opt_name, const char *s, uint64_t max)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || *end || !*s || s[0] == '-' || v > max)
        die("%s: bad number '%s'", opt_name, s);
    return v;
}

static void usage(FILE *f)
{
    fputs("usage: armature-decode-conformance [options]\n"
          "  --per-encoding K   K random instances of every spec encoding (default 300)\n"
          "  --random M         M uniformly random 32-bit words (default 1000000)\n"
          "  --seed S           random seed (default 1); the same seed gives the same words\n"
          "  --known FILE       known differences (conformance/decode/known-differences.txt)\n"
          "  --objdump PROG     oracle (default $OBJDUMP or aarch64-linux-gnu-objdump)\n"
          "  --max-report N     examples shown per group and per failure kind (default 5)\n"
          "  --max-kinds N      failure kinds listed (default 60)\n"
          "  --verbose          also list explained words and each known entry's hits\n"
          "  --simdfp           also compare the simdfp and simdfp-ldst groups; words we print\n"
          "                     as .inst but objdump decodes count as not implemented yet\n"
          "  --all-words        disassemble every word (no objdump): counts, no crash, speed\n"
          "  --range LO HI      with --all-words: only words LO <= w < HI\n"
          "  --jobs N           with --all-words: threads (default: online CPUs)\n",
          f);
}

static void parse_args(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool has1 = i + 1 < argc;
#define ARG1() (has1 ? argv[++i] : (die("%s needs a value", a), (char *)0))
        if (!strcmp(a, "--per-encoding"))
            opt.per_encoding = (unsigned)parse_u64(a, ARG1(), 1000000);
        else if (!strcmp(a, "--random"))
            opt.random = parse_u64(a, ARG1(), 1ull << 32);
        else if (!strcmp(a, "--seed"))
            opt.seed = parse_u64(a, ARG1(), UINT64_MAX);
        else if (!strcmp(a, "--known"))
            opt.known = ARG1();
        else if (!strcmp(a, "--objdump"))
            opt.objdump = ARG1();
        else if (!strcmp(a, "--max-report"))
            opt.max_report = (unsigned)parse_u64(a, ARG1(), 100000);
        else if (!strcmp(a, "--max-kinds"))
            opt.max_kinds = (unsigned)parse_u64(a, ARG1(), 100000);
        else if (!strcmp(a, "--verbose"))
            opt.verbose = true;
        else if (!strcmp(a, "--simdfp"))
            opt.simdfp = true;
        else if (!strcmp(a, "--all-words"))
            opt.all_words = true;
        else if (!strcmp(a, "--jobs"))
            opt.jobs = (unsigned)parse_u64(a, ARG1(), 256);
        else if (!strcmp(a, "--range")) {
            opt.lo = parse_u64(a, ARG1(), 1ull << 32);
            opt.hi = parse_u64(a, ARG1(), 1ull << 32);
            if (opt.lo > opt.hi)
                die("--range: LO 0x%" PRIx64 " is above HI 0x%" PRIx64, opt.lo, opt.hi);
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            exit(0);
        } else {
            usage(stderr);
            die("unknown option '%s'", a);
        }
#undef ARG1
    }
    if (!opt.objdump)
        opt.objdump = getenv("OBJDUMP") ? getenv("OBJDUMP") : "aarch64-linux-gnu-objdump";
    if (opt.simdfp)
        for (int g = G_SIMDFP_LDST; g <= G_SIMDFP; g++)
            groups[g].compared = groups[g].partial = true;
}

/* ---------------------------------------------------------------- known differences */

/* An entry is TERM{&TERM}: every term must hold. A term is a spec encoding
 * id (our decoder assigns the word to it), MASK/MATCH in hex, the word
 * "unallocated" (our disassembler prints .inst for the word), "sb" (the
 * should-be bits of our encoding are not at their values), FIELD=FIELD or
 * FIELD=N (fields of our encoding; needs an id term), or !TERM. */
typedef struct KnownTerm {
    bool negate;
    enum { T_ENC, T_BITS, T_UNALLOCATED, T_SB, T_FIELD } kind;
    int enc;
    uint32_t mask, match;
    char field[2][16];   /* T_FIELD: field[1] empty means compare with value */
    uint32_t value;
} KnownTerm;

#define MAX_TERMS 8

typedef struct Known {
    KnownTerm terms[MAX_TERMS];
    int nterms;
    char *pattern, *reason;
    int line;
    uint64_t hits;
} Known;

static Known *known;
static int nknown;

static void parse_term(const char *path, int lineno, char *t, KnownTerm *kt)
{
    memset(kt, 0, sizeof *kt);
    if (*t == '!') {
        kt->negate = true;
        t++;
    }
    char *slash = strchr(t, '/');
    char *eq = strchr(t, '=');
    if (!strcmp(t, "unallocated")) {
        kt->kind = T_UNALLOCATED;
    } else if (!strcmp(t, "sb")) {
        kt->kind = T_SB;
    } else if (eq) {
        kt->kind = T_FIELD;
        *eq = 0;
        if (!*t || strlen(t) >= sizeof kt->field[0] || !eq[1] || strlen(eq + 1) >= sizeof kt->field[1])
            die("%s:%d: bad term '%s=%s' (want FIELD=FIELD or FIELD=N)", path, lineno, t, eq + 1);
        strcpy(kt->field[0], t);
        if (eq[1] >= '0' && eq[1] <= '9')
            kt->value = (uint32_t)parse_u64("known differences", eq + 1, 0xffffffffu);
        else
            strcpy(kt->field[1], eq + 1);
    } else if (slash) {
        char *e1, *e2;
        errno = 0;
        unsigned long m = strtoul(t, &e1, 16), v = strtoul(slash + 1, &e2, 16);
        if (errno || e1 != slash || *e2 || slash == t || !slash[1] || m > 0xffffffffu || v > 0xffffffffu)
            die("%s:%d: bad term '%s' (want MASK/MATCH in hex)", path, lineno, t);
        if (v & ~m)
            die("%s:%d: term '%s': match has bits outside the mask", path, lineno, t);
        kt->kind = T_BITS;
        kt->mask = (uint32_t)m;
        kt->match = (uint32_t)v;
    } else {
        kt->kind = T_ENC;
        kt->enc = -1;
        for (int i = 0; i < a64_n_encodings; i++)
            if (!strcmp(a64_encodings[i].id, t))
                kt->enc = i;
        if (kt->enc < 0)
            die("%s:%d: '%s' is neither MASK/MATCH, 'unallocated' nor a spec encoding id", path, lineno, t);
    }
}

static const A64Field *find_field(int enc, const char *name)
{
    if (enc < 0)
        return NULL;
    for (int i = 0; i < a64_encodings[enc].nfields; i++)
        if (!strcmp(a64_encodings[enc].fields[i].name, name))
            return &a64_encodings[enc].fields[i];
    return NULL;
}

/* FIELD terms name fields of the entry's (non-negated) encoding id term. */
static void check_field_terms(const char *path, int lineno, const Known *k)
{
    int enc = -1;
    for (int j = 0; j < k->nterms; j++)
        if (k->terms[j].kind == T_ENC && !k->terms[j].negate)
            enc = k->terms[j].enc;
    for (int j = 0; j < k->nterms; j++) {
        const KnownTerm *t = &k->terms[j];
        if (t->kind != T_FIELD)
            continue;
        if (enc < 0)
            die("%s:%d: field term in '%s' needs an encoding id term", path, lineno, k->pattern);
        for (int f = 0; f < 2; f++)
            if (t->field[f][0] && !find_field(enc, t->field[f]))
                die("%s:%d: %s has no field '%s'", path, lineno, a64_encodings[enc].id, t->field[f]);
    }
}

static uint32_t field_value(uint32_t w, const A64Field *f)
{
    return (w >> f->lo) & (uint32_t)((2ull << (f->hi - f->lo)) - 1);
}

static bool field_term(uint32_t w, int enc, const KnownTerm *t)
{
    const A64Field *a = find_field(enc, t->field[0]);
    if (!a)
        return false;
    if (!t->field[1][0])
        return field_value(w, a) == t->value;
    const A64Field *b = find_field(enc, t->field[1]);
    return b && field_value(w, a) == field_value(w, b);
}

static void load_known(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        die("%s: %s", path, strerror(errno));
    char line[1024];
    int lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *p = line;
        if (!strchr(p, '\n') && !feof(f))
            die("%s:%d: line too long", path, lineno);
        char *hash = strchr(p, '#');
        if (hash)
            *hash = 0;
        p += strspn(p, " \t");
        size_t n = strlen(p);
        while (n && (p[n - 1] == '\n' || p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
            p[--n] = 0;
        if (!n)
            continue;
        char *pat = p;
        size_t plen = strcspn(p, " \t");
        char *reason = p + plen;
        reason += strspn(reason, " \t");
        pat[plen] = 0;
        if (!*reason)
            die("%s:%d: '%s' has no reason: every known difference says why", path, lineno, pat);
        Known k = { .line = lineno, .pattern = strdup(pat), .reason = strdup(reason) };
        if (!k.pattern || !k.reason)
            die("out of memory");
        for (char *t = strtok(pat, "&"); t; t = strtok(NULL, "&")) {
            if (k.nterms == MAX_TERMS)
                die("%s:%d: more than %d terms", path, lineno, MAX_TERMS);
            parse_term(path, lineno, t, &k.terms[k.nterms++]);
        }
        if (!k.nterms)
            die("%s:%d: empty pattern '%s'", path, lineno, k.pattern);
        check_field_terms(path, lineno, &k);
        known = realloc(known, (size_t)(nknown + 1) * sizeof *known);
        if (!known)
            die("out of memory");
        known[nknown++] = k;
    }
    fclose(f);
}

/* The first entry that explains `w` (our encoding `enc`, `ours_ok` false if
 * we printed .inst). */
static Known *find_known(uint32_t w, int enc, bool ours_ok)
{
    for (int i = 0; i < nknown; i++) {
        Known *k = &known[i];
        bool all = true;
        for (int j = 0; j < k->nterms && all; j++) {
            const KnownTerm *t = &k->terms[j];
            bool hit;
            switch (t->kind) {
            case T_ENC: hit = t->enc == enc; break;
            case T_BITS: hit = (w & t->mask) == t->match; break;
            case T_UNALLOCATED: hit = !ours_ok; break;
            case T_SB: hit = enc >= 0 && (w & a64_encodings[enc].sb_mask) != a64_encodings[enc].sb_value; break;
            default: hit = field_term(w, enc, t); break;
            }
            all = hit != t->negate;
        }
        if (all)
            return k;
    }
    return NULL;
}

/* ---------------------------------------------------------------- words */

static uint64_t rng_state;

/* splitmix64: tiny, fast, and the same sequence on every host. */
static uint64_t rng_next(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Per encoding: random free bits, the diagram's fixed bits, should-be bits
 * at their stated value; then uniform random words. Duplicates (an encoding
 * with few free bits) are compared once. */
static uint32_t *make_words(size_t *nwords)
{
    size_t cap = (size_t)a64_n_encodings * opt.per_encoding + opt.random, n = 0;
    uint32_t *w = malloc((cap ? cap : 1) * sizeof *w);
    if (!w)
        die("out of memory for %zu words", cap);
    rng_state = opt.seed;
    for (int e = 0; e < a64_n_encodings; e++) {
        const A64EncodingInfo *enc = &a64_encodings[e];
        uint32_t fixed = enc->mask | enc->sb_mask;
        uint32_t value = enc->match | (enc->sb_value & enc->sb_mask & ~enc->mask);
        for (unsigned k = 0; k < opt.per_encoding; k++)
            w[n++] = ((uint32_t)rng_next() & ~fixed) | value;
    }
    for (uint64_t k = 0; k < opt.random; k++)
        w[n++] = (uint32_t)rng_next();
    qsort(w, n, sizeof *w, cmp_u32);
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        if (u == 0 || w[u - 1] != w[i])
            w[u++] = w[i];
    *nwords = u;
    return w;
}

/* ---------------------------------------------------------------- results */

typedef struct Example {
    uint32_t word;
    char ours[TEXT_MAX], theirs[TEXT_MAX];
} Example;

typedef struct GroupStats {
    uint64_t generated, compared, passed, explained, failed;
    uint64_t nyi; /* partial groups: objdump decodes, we print .inst */
    Example *examples; /* the first max_report failures */
    unsigned nexamples;
} GroupStats;

static GroupStats stats[NGROUPS];

/* Failures grouped by (our encoding, our mnemonic, objdump's mnemonic): the
 * list page authors work from. */
typedef struct Kind {
    char *key;
    uint64_t count;
    Example first;
} Kind;

#define KIND_SLOTS 8192
typedef struct KindTable {
    Kind slot[KIND_SLOTS];
    unsigned n;
    uint64_t overflow;
} KindTable;
static KindTable failures; /* by (our encoding, our mnemonic, objdump's) */
static KindTable nyi;      /* partial groups: not implemented, by objdump's mnemonic */

static void mnemonic(const char *text, char *out, size_t cap)
{
    size_t n = strcspn(text, " \t");
    if (n >= cap)
        n = cap - 1;
    memcpy(out, text, n);
    out[n] = 0;
}

static void record_kind(KindTable *tab, const char *key, const Example *ex)
{
    Kind *kinds = tab->slot;
    uint32_t h = 2166136261u;
    for (const char *p = key; *p; p++)
        h = (h ^ (uint8_t)*p) * 16777619u;
    for (unsigned i = 0; i < KIND_SLOTS; i++) {
        Kind *k = &kinds[(h + i) % KIND_SLOTS];
        if (!k->key) {
            if (tab->n >= KIND_SLOTS / 2) {
                tab->overflow++;
                return;
            }
            k->key = strdup(key);
            if (!k->key)
                die("out of memory");
            k->first = *ex;
            tab->n++;
        }
        if (!strcmp(k->key, key)) {
            k->count++;
            return;
        }
    }
}

static void rstrip(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = 0;
}

static void compare_word(uint32_t w, uint64_t pc, const char *theirs)
{
    Group g = classify(w);
    GroupStats *s = &stats[g];
    Example ex = { .word = w };
    bool ours_ok = cpu_disassemble(w, pc, ex.ours, sizeof ex.ours);
    rstrip(ex.ours);
    snprintf(ex.theirs, sizeof ex.theirs, "%s", theirs);
    rstrip(ex.theirs);
    s->compared++;
    if (!strcmp(ex.ours, ex.theirs)) {
        s->passed++;
        return;
    }
    char m1[32], m2[32], key[160];
    mnemonic(ex.ours, m1, sizeof m1);
    mnemonic(ex.theirs, m2, sizeof m2);
    if (groups[g].partial && !ours_ok && strncmp(ex.theirs, ".inst", 5) != 0) {
        s->nyi++;
        snprintf(key, sizeof key, "%s: objdump %s", groups[g].name, m2);
        record_kind(&nyi, key, &ex);
        return;
    }
    int enc = a64_decode_index(w);
    Known *k = find_known(w, enc, ours_ok);
    if (k) {
        k->hits++;
        s->explained++;
        if (opt.verbose)
            printf("explained %08x (%s:%d %s)  ours: \"%s\"  objdump: \"%s\"\n", w, opt.known, k->line,
                   k->pattern, ex.ours, ex.theirs);
        return;
    }
    s->failed++;
    if (s->nexamples < opt.max_report) {
        if (!s->examples && !(s->examples = calloc(opt.max_report, sizeof *s->examples)))
            die("out of memory");
        s->examples[s->nexamples++] = ex;
    }
    snprintf(key, sizeof key, "%s: ours %s, objdump %s", enc >= 0 ? a64_encodings[enc].id : "(no encoding)", m1,
             m2);
    record_kind(&failures, key, &ex);
}

/* ---------------------------------------------------------------- objdump */

static char tmpdir_buf[4096];

static const char *tmp_dir(void)
{
    const char *t = getenv("TMPDIR");
    snprintf(tmpdir_buf, sizeof tmpdir_buf, "%s", t && *t ? t : "/tmp");
    return tmpdir_buf;
}

/* Parse "  ADDR:\tWORD \tTEXT"; false for headers and blank lines. */
static bool parse_line(char *line, uint64_t *addr, uint32_t *word, char **text)
{
    char *p = line + strspn(line, " ");
    char *end;
    errno = 0;
    unsigned long long a = strtoull(p, &end, 16);
    if (end == p || errno || end[0] != ':' || end[1] != '\t')
        return false;
    p = end + 2;
    unsigned long long v = strtoull(p, &end, 16);
    if (end - p != 8 || end[0] != ' ' || end[1] != '\t')
        return false;
    *addr = a;
    *word = (uint32_t)v;
    *text = end + 2;
    return true;
}

/* One objdump run over `n` words; pc of word i is 4*i (its file offset). */
static void run_objdump(const uint32_t *w, size_t n, unsigned char *seen)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/armature-decode-XXXXXX", tmp_dir());
    int fd = mkstemp(path);
    if (fd < 0)
        die("%s: %s", path, strerror(errno));
    FILE *f = fdopen(fd, "wb");
    if (!f)
        die("%s: %s", path, strerror(errno));
    for (size_t i = 0; i < n; i++) {
        unsigned char b[4] = { (unsigned char)w[i], (unsigned char)(w[i] >> 8), (unsigned char)(w[i] >> 16),
                               (unsigned char)(w[i] >> 24) };
        fwrite(b, 1, 4, f);
    }
    if (fclose(f) != 0) {
        unlink(path);
        die("%s: write failed", path);
    }
    /* -z: print runs of zero words instead of "..." */
    char cmd[8600];
    snprintf(cmd, sizeof cmd, "'%s' -z -D -b binary -m aarch64 '%s'", opt.objdump, path);
    FILE *p = popen(cmd, "r");
    if (!p) {
        unlink(path);
        die("cannot run %s: %s", opt.objdump, strerror(errno));
    }
    memset(seen, 0, n);
    size_t got = 0;
    char line[1024];
    while (fgets(line, sizeof line, p)) {
        uint64_t addr;
        uint32_t word;
        char *text;
        if (!parse_line(line, &addr, &word, &text))
            continue;
        size_t i = (size_t)(addr / 4);
        if (addr % 4 || i >= n || word != w[i] || seen[i]) {
            pclose(p);
            unlink(path);
            die("unexpected objdump line: %s", line);
        }
        seen[i] = 1;
        got++;
        compare_word(word, addr, text);
    }
    int rc = pclose(p);
    unlink(path);
    if (rc != 0 || got != n)
        die("%s printed %zu of %zu words (exit status %d): is binutils-aarch64-linux-gnu installed?",
            opt.objdump, got, n, WIFEXITED(rc) ? WEXITSTATUS(rc) : rc);
}

static int cmp_kind(const void *a, const void *b)
{
    const Kind *x = *(Kind *const *)a, *y = *(Kind *const *)b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return strcmp(x->key, y->key);
}

static void print_escaped(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        if (*s == '\t')
            fputs("\\t", stdout);
        else if (*s == '"' || *s == '\\')
            printf("\\%c", *s);
        else
            putchar(*s);
    }
    putchar('"');
}

static void print_example(const char *indent, const Example *ex)
{
    printf("%s%08x  ours: ", indent, ex->word);
    print_escaped(ex->ours);
    fputs("  objdump: ", stdout);
    print_escaped(ex->theirs);
    putchar('\n');
}

static char *objdump_version(void)
{
    static char v[256] = "unknown version";
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "'%s' --version 2>/dev/null", opt.objdump);
    FILE *p = popen(cmd, "r");
    if (p) {
        if (fgets(v, sizeof v, p))
            rstrip(v);
        pclose(p);
    }
    return v;
}

/* A tally, most frequent first, at most --max-kinds lines. */
static void print_kinds(const KindTable *tab, const char *title, const char *what)
{
    if (!tab->n)
        return;
    const Kind **sorted = malloc(tab->n * sizeof *sorted);
    if (!sorted)
        die("out of memory");
    unsigned m = 0;
    for (unsigned i = 0; i < KIND_SLOTS; i++)
        if (tab->slot[i].key)
            sorted[m++] = &tab->slot[i];
    qsort(sorted, m, sizeof *sorted, cmp_kind);
    printf("\n%s, %u kinds%s:\n", title, m, m > opt.max_kinds ? ", most frequent first" : "");
    for (unsigned i = 0; i < m && i < opt.max_kinds; i++) {
        printf("%8" PRIu64 "  %s\n", sorted[i]->count, sorted[i]->key);
        print_example("          e.g. ", &sorted[i]->first);
    }
    if (m > opt.max_kinds)
        printf("  ... %u more kinds (--max-kinds)\n", m - opt.max_kinds);
    if (tab->overflow)
        printf("  ... %" PRIu64 " %s of further kinds not tallied\n", tab->overflow, what);
    free(sorted);
}

static int compare_mode(void)
{
    if (opt.known)
        load_known(opt.known);
    size_t n;
    uint32_t *w = make_words(&n);
    /* Only the compared groups' words go to objdump (general-purpose, and
     * FP/SIMD with --simdfp); keeping SVE's MOVPRFX out avoids objdump's
     * sequence notes. */
    size_t ngp = 0;
    for (size_t i = 0; i < n; i++) {
        Group g = classify(w[i]);
        stats[g].generated++;
        if (groups[g].compared)
            w[ngp++] = w[i];
    }
    printf("decode conformance: %d encodings x %u + %" PRIu64 " random words (seed %" PRIu64
           "), %zu distinct, %zu compared\n",
           a64_n_encodings, opt.per_encoding, opt.random, opt.seed, n, ngp);
    printf("oracle: %s (%s)\n", opt.objdump, objdump_version());
    if (opt.known)
        printf("known differences: %s (%d entries)\n", opt.known, nknown);
    unsigned char *seen = malloc(CHUNK_WORDS);
    if (!seen)
        die("out of memory");
    for (size_t off = 0; off < ngp; off += CHUNK_WORDS)
        run_objdump(w + off, ngp - off < CHUNK_WORDS ? ngp - off : CHUNK_WORDS, seen);
    free(seen);
    free(w);

    GroupStats tot = { 0 };
    printf("\n%-14s %-11s %9s %9s %9s %9s %9s\n", "group", "op0", "compared", "passed", "explained", "failed",
           "not impl");
    for (int g = 0; g < NGROUPS; g++) {
        if (!groups[g].compared)
            continue;
        GroupStats *s = &stats[g];
        printf("%-14s %-11s %9" PRIu64 " %9" PRIu64 " %9" PRIu64 " %9" PRIu64, groups[g].name, groups[g].op0,
               s->compared, s->passed, s->explained, s->failed);
        if (groups[g].partial)
            printf(" %9" PRIu64, s->nyi);
        putchar('\n');
        tot.compared += s->compared;
        tot.passed += s->passed;
        tot.explained += s->explained;
        tot.failed += s->failed;
        tot.nyi += s->nyi;
    }
    printf("%-14s %-11s %9" PRIu64 " %9" PRIu64 " %9" PRIu64 " %9" PRIu64 " %9" PRIu64 "\n", "total", "",
           tot.compared, tot.passed, tot.explained, tot.failed, tot.nyi);
    if (tot.nyi)
        printf("not impl: objdump decodes the word, we print .inst (not a failure; --simdfp groups only)\n");
    fputs("not compared (FP/SIMD/SVE/SME: later issues; --simdfp adds FP/SIMD):", stdout);
    for (int g = 0; g < NGROUPS; g++)
        if (!groups[g].compared)
            printf(" %s %" PRIu64, groups[g].name, stats[g].generated);
    putchar('\n');

    for (int g = 0; g < NGROUPS; g++) {
        GroupStats *s = &stats[g];
        if (!s->failed)
            continue;
        printf("\n%s: %" PRIu64 " failed; the first %u:\n", groups[g].name, s->failed, s->nexamples);
        for (unsigned i = 0; i < s->nexamples; i++)
            print_example("  ", &s->examples[i]);
    }

    print_kinds(&failures, "failures by kind (our encoding: our mnemonic, objdump's)", "failures");
    print_kinds(&nyi, "not implemented yet (we print .inst), by objdump's mnemonic", "words");

    if (opt.verbose && nknown) {
        printf("\nknown differences used:\n");
        for (int i = 0; i < nknown; i++)
            printf("%8" PRIu64 "  %s:%d %s\n", known[i].hits, opt.known, known[i].line, known[i].pattern);
    }
    /* The last line stays "N passed, M failed" (tests/run-all.sh sums it). */
    if (tot.nyi)
        printf("\n%" PRIu64 " not implemented yet (not failures)", tot.nyi);
    printf("\n%" PRIu64 " passed, %" PRIu64 " failed\n", tot.passed + tot.explained, tot.failed);
    return tot.failed ? 1 : 0;
}

/* ---------------------------------------------------------------- all words */

typedef struct SweepStats {
    uint64_t words[NGROUPS], matched[NGROUPS], disassembled[NGROUPS];
    uint64_t bad;        /* empty, truncated, or ".inst" that does not say so */
    uint32_t first_bad;
} SweepStats;

static struct {
    pthread_mutex_t lock;
    uint64_t next, done, next_progress;
    struct timespec t0;
} sweep = { .lock = PTHREAD_MUTEX_INITIALIZER };

#define SWEEP_BLOCK (1ull << 22)
#define SWEEP_PROGRESS (1ull << 28)

static double seconds_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) * 1e-9;
}

static void sweep_block(SweepStats *s, uint64_t lo, uint64_t hi)
{
    char buf[TEXT_MAX];
    for (uint64_t x = lo; x < hi; x++) {
        uint32_t w = (uint32_t)x;
        Group g = classify(w);
        s->words[g]++;
        if (a64_decode_index(w) >= 0)
            s->matched[g]++;
        bool ok = cpu_disassemble(w, x * 4 & 0xffffffffull, buf, sizeof buf);
        size_t len = strlen(buf);
        if (ok)
            s->disassembled[g]++;
        /* what objdump would print for the word, never empty, never cut */
        if (len == 0 || len >= sizeof buf - 1 || (!ok && strncmp(buf, ".inst\t0x", 8))) {
            if (!s->bad)
                s->first_bad = w;
            s->bad++;
        }
    }
}

static void *sweep_thread(void *arg)
{
    SweepStats *s = arg;
    for (;;) {
        pthread_mutex_lock(&sweep.lock);
        uint64_t lo = sweep.next;
        if (lo >= opt.hi) {
            pthread_mutex_unlock(&sweep.lock);
            return NULL;
        }
        uint64_t hi = opt.hi - lo < SWEEP_BLOCK ? opt.hi : lo + SWEEP_BLOCK;
        sweep.next = hi;
        pthread_mutex_unlock(&sweep.lock);

        sweep_block(s, lo, hi);

        pthread_mutex_lock(&sweep.lock);
        sweep.done += hi - lo;
        while (sweep.done >= sweep.next_progress) {
            double t = seconds_since(&sweep.t0);
            printf("  %" PRIu64 " / %" PRIu64 " words, %.1f s, %.2f M words/s\n", sweep.done,
                   opt.hi - opt.lo, t, t > 0 ? (double)sweep.done / t / 1e6 : 0.0);
            fflush(stdout);
            sweep.next_progress += SWEEP_PROGRESS;
        }
        pthread_mutex_unlock(&sweep.lock);
    }
}

static int all_words_mode(void)
{
    unsigned jobs = opt.jobs;
    if (!jobs) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = n > 0 ? (unsigned)n : 1;
    }
    uint64_t total = opt.hi - opt.lo;
    if (jobs > 1 && total < SWEEP_BLOCK * jobs)
        jobs = (unsigned)(total / SWEEP_BLOCK) + 1;
    printf("all-words sweep: words 0x%08" PRIx64 " to 0x%08" PRIx64 " (%" PRIu64 " words), %u thread%s\n",
           opt.lo, opt.hi - (total ? 1 : 0), total, jobs, jobs == 1 ? "" : "s");
    fflush(stdout);
    SweepStats *st = calloc(jobs, sizeof *st);
    pthread_t *th = calloc(jobs, sizeof *th);
    if (!st || !th)
        die("out of memory");
    sweep.next = opt.lo;
    sweep.next_progress = SWEEP_PROGRESS;
    clock_gettime(CLOCK_MONOTONIC, &sweep.t0);
    for (unsigned i = 0; i < jobs; i++)
        if (pthread_create(&th[i], NULL, sweep_thread, &st[i]))
            die("cannot start thread %u", i);
    for (unsigned i = 0; i < jobs; i++)
        pthread_join(th[i], NULL);
    double t = seconds_since(&sweep.t0);

    SweepStats sum = { 0 };
    for (unsigned i = 0; i < jobs; i++) {
        for (int g = 0; g < NGROUPS; g++) {
            sum.words[g] += st[i].words[g];
            sum.matched[g] += st[i].matched[g];
            sum.disassembled[g] += st[i].disassembled[g];
        }
        if (st[i].bad && (!sum.bad || st[i].first_bad < sum.first_bad))
            sum.first_bad = st[i].first_bad;
        sum.bad += st[i].bad;
    }
    uint64_t tw = 0, tm = 0, td = 0;
    printf("\n%-14s %-11s %12s %12s %12s %12s\n", "group", "op0", "words", "encoding", "disassembled",
           ".inst");
    for (int g = 0; g < NGROUPS; g++) {
        printf("%-14s %-11s %12" PRIu64 " %12" PRIu64 " %12" PRIu64 " %12" PRIu64 "\n", groups[g].name,
               groups[g].op0, sum.words[g], sum.matched[g], sum.disassembled[g],
               sum.words[g] - sum.disassembled[g]);
        tw += sum.words[g];
        tm += sum.matched[g];
        td += sum.disassembled[g];
    }
    printf("%-14s %-11s %12" PRIu64 " %12" PRIu64 " %12" PRIu64 " %12" PRIu64 "\n", "total", "", tw, tm, td,
           tw - td);
    printf("(encoding: a spec encoding matches; disassembled: its decode allows it too)\n");
    printf("%" PRIu64 " words in %.1f s: %.2f M words/s with %u thread%s\n", tw, t,
           t > 0 ? (double)tw / t / 1e6 : 0.0, jobs, jobs == 1 ? "" : "s");
    if (sum.bad) {
        char buf[TEXT_MAX];
        cpu_disassemble(sum.first_bad, 0, buf, sizeof buf);
        printf("%" PRIu64 " words gave empty, truncated or malformed text; e.g. %08x: ", sum.bad, sum.first_bad);
        print_escaped(buf);
        putchar('\n');
    }
    printf("%" PRIu64 " passed, %" PRIu64 " failed\n", tw - sum.bad, sum.bad);
    free(st);
    free(th);
    return sum.bad ? 1 : 0;
}

int main(int argc, char **argv)
{
    parse_args(argc, argv);
    setvbuf(stdout, NULL, _IOLBF, 0);
    return opt.all_words ? all_words_mode() : compare_mode();
}
