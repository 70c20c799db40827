/* difftest traces (docs/trace-format.md): reading them and comparing two,
 * sequence by sequence, with a report of the first differing instruction
 * and a table per spec group. */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "difftest.h"

void trace_read(const char *path, const char *name, Trace *t)
{
    memset(t, 0, sizeof *t);
    t->name = name;
    FILE *f = fopen(path, "rb");
    if (!f)
        die("%s: %s", path, strerror(errno));
    if (fread(&t->h, sizeof t->h, 1, f) != 1 || t->h.magic != DT_MAGIC || t->h.version != DT_VERSION ||
        t->h.header_size != sizeof t->h || t->h.record_size != sizeof(struct dt_record)) {
        t->bad_header = true;
        fclose(f);
        return;
    }
    size_t cap = 1024;
    t->r = malloc(cap * sizeof *t->r);
    for (;;) {
        if (t->n == cap) {
            cap *= 2;
            t->r = realloc(t->r, cap * sizeof *t->r);
            if (!t->r)
                die("out of memory");
        }
        if (fread(&t->r[t->n], sizeof *t->r, 1, f) != 1 || t->r[t->n].magic != DT_REC_MAGIC)
            break;
        t->n++;
    }
    fclose(f);
}

/* ------------------------------------------------------------ reporting */

static void show(const char *side, const struct dt_record *o, int p)
{
    if (p < P_SP)
        printf("      %-9s %016" PRIx64 "\n", side, o->s.x[p]);
    else if (p == P_SP)
        printf("      %-9s %016" PRIx64 "\n", side, o->s.sp);
    else if (p == P_NZCV)
        printf("      %-9s %c%c%c%c\n", side, o->s.nzcv >> 31 & 1 ? 'N' : 'n', o->s.nzcv >> 30 & 1 ? 'Z' : 'z',
               o->s.nzcv >> 29 & 1 ? 'C' : 'c', o->s.nzcv >> 28 & 1 ? 'V' : 'v');
    else if (p == P_FPCR || p == P_FPSR)
        printf("      %-9s %08" PRIx64 "\n", side, p == P_FPCR ? o->s.fpcr : o->s.fpsr);
    else if (p < P_MEM)
        printf("      %-9s %016" PRIx64 "%016" PRIx64 "\n", side, o->s.v[p - P_V][1], o->s.v[p - P_V][0]);
    else if (p == P_MEM)
        printf("      %-9s scratch hash %016" PRIx64 "\n", side, o->mem_hash);
    else {
        printf("      %-9s %s", side, sig_name(o->signo));
        if (o->signo)
            printf(" si_code %u at insn%+" PRId64 ", address scratch%+" PRId64, o->si_code, o->fault_pc,
                   o->fault_addr);
        printf("%s\n", o->flags & DT_F_HARNESS ? " (in the harness: the sequence stopped)" : "");
    }
}

static void line(const char *mark, const struct dt_record *r)
{
    char text[256];
    disas(r->word, text, sizeof text);
    int e = a64_decode_index(r->word);
    printf("  %s %2u  %08x  %-40s [%s]\n", mark, r->insn, r->word, text, e >= 0 ? a64_encodings[e].id : "?");
}

static void report(const Trace *a, const Trace *b, size_t a0, size_t ra, size_t rb, const bool d[P_N])
{
    const struct dt_record *x = &a->r[ra], *y = &b->r[rb], *before = ra > a0 ? &a->r[ra - 1] : x;
    printf("sequence %u:\n", x->seq);
    for (size_t i = a0 + 1; i < ra; i++)
        if (a->r[i].kind == DT_STEP)
            line(" ", &a->r[i]);
    if (x->kind == DT_STEP)
        line(">", x);
    else
        printf("  > %s\n", x->kind == DT_END ? "the end of the sequence" : "the start of the sequence");
    if ((x->flags ^ y->flags) & DT_F_TAKEN)
        printf("    the branch is %staken in %s and %staken in %s\n", x->flags & DT_F_TAKEN ? "" : "not ", a->name,
               y->flags & DT_F_TAKEN ? "" : "not ", b->name);
    if (x->kind != y->kind || x->insn != y->insn) {
        printf("    control flow differs: %s is at %s %d, %s at %s %d\n", a->name,
               x->kind == DT_STEP ? "instruction" : "record kind", x->kind == DT_STEP ? (int)x->insn : (int)x->kind,
               b->name, y->kind == DT_STEP ? "instruction" : "record kind",
               y->kind == DT_STEP ? (int)y->insn : (int)y->kind);
    }
    char nm[16];
    for (int p = 0; p < P_N; p++) {
        if (!d[p])
            continue;
        part_name(p, nm, sizeof nm);
        printf("    %s differs:\n", nm);
        if (p <= P_MEM)
            show("before", before, p);
        show(a->name, x, p);
        show(b->name, y, p);
    }
}

/* ------------------------------------------------------------ comparing */

typedef struct GroupStat {
    const char *group;
    uint64_t compared, differ, explained;
} GroupStat;

static GroupStat groups[16];
static int ngroups;

static GroupStat *group_of(int enc)
{
    const char *g = enc >= 0 ? a64_encodings[enc].group : "?";
    for (int i = 0; i < ngroups; i++)
        if (!strcmp(groups[i].group, g))
            return &groups[i];
    if (ngroups == 16)
        return &groups[15];
    groups[ngroups].group = g;
    return &groups[ngroups++];
}

static void diff_rec(const struct dt_record *x, const struct dt_record *y, bool d[P_N])
{
    diff_state(&x->s, &y->s, d);
    d[P_MEM] = x->mem_hash != y->mem_hash;
    d[P_SIG] = x->signo != y->signo || (x->flags ^ y->flags) & DT_F_HARNESS ||
               (x->signo && (x->fault_pc != y->fault_pc || x->si_code != y->si_code));
}

/* [*i, end) are sequence q's records. */
static size_t seq_end(const Trace *t, size_t i, uint32_t q)
{
    while (i < t->n && t->r[i].seq == q)
        i++;
    return i;
}

uint64_t trace_compare(const Trace *a, const Trace *b, const CmpOpts *o, SeqResult *results, uint64_t *passed_out)
{
    uint64_t passed = 0, explained = 0, failed = 0, seqs_same = 0, seqs_expl = 0, seqs_diff = 0;
    unsigned shown = 0;
    ngroups = 0;
    memset(groups, 0, sizeof groups);
    for (int i = 0; i < nknown; i++)
        known[i].hits = 0;
    if (a->bad_header || b->bad_header) {
        printf("%s: not a version %d trace (or empty)\n", a->bad_header ? a->name : b->name, DT_VERSION);
        failed++;
    } else if (a->h.scratch != b->h.scratch || a->h.nseq != b->h.nseq) {
        printf("the traces are of different images (scratch %" PRIx64 "/%" PRIx64 ", %" PRIu64 "/%" PRIu64
               " sequences)\n", a->h.scratch, b->h.scratch, a->h.nseq, b->h.nseq);
        failed++;
    }
    uint64_t nseq = a->bad_header ? 0 : a->h.nseq;
    size_t ia = 0, ib = 0;
    if (failed)
        nseq = 0;
    for (uint32_t q = 0; q < nseq; q++) {
        SeqResult res = {SR_SAME, -1, DT_NONE, 0, 0, NULL};
        size_t ea = seq_end(a, ia, q), eb = seq_end(b, ib, q);
        size_t la = ea - ia, lb = eb - ib;
        bool done = false;
        if (!la || !lb || a->r[ea - 1].kind != DT_END || b->r[eb - 1].kind != DT_END) {
            if (shown++ < o->max_report && !o->quiet)
                printf("sequence %u: %s trace is incomplete\n", q, !la || a->r[ea - 1].kind != DT_END ? a->name : b->name);
            res.status = SR_BROKEN;
            failed++;
            done = true;
        }
        for (size_t j = 0; !done && j < la && j < lb; j++) {
            const struct dt_record *x = &a->r[ia + j], *y = &b->r[ib + j];
            bool d[P_N], any = false;
            int enc = x->kind == DT_STEP ? a64_decode_index(x->word) : -1;
            diff_rec(x, y, d);
            for (int p = 0; p < P_N; p++)
                any |= d[p];
            bool flow = x->kind != y->kind || x->insn != y->insn || ((x->flags ^ y->flags) & DT_F_TAKEN);
            any |= flow;
            if (x->kind == DT_END && (x->flags & DT_F_HARNESS))
                any = d[P_SIG] = true;
            GroupStat *g = x->kind == DT_STEP ? group_of(enc) : NULL;
            if (g)
                g->compared++;
            if (!any) {
                passed += x->kind == DT_STEP;
                continue;
            }
            done = true;
            res.enc = enc;
            res.insn = x->insn;
            res.ra = ia + j;
            res.rb = ib + j;
            Known *k = NULL;
            /* a branch taken on one side only is explained with the signal that stopped the other */
            bool same_insn = x->kind == y->kind && x->insn == y->insn;
            bool explainable = same_insn && (!((x->flags ^ y->flags) & DT_F_TAKEN) || d[P_SIG]);
            if (explainable && x->kind == DT_STEP && j > 0 && enc >= 0)
                k = explain(a64_encodings[enc].id, x->word, a->r[ia + j - 1].s.fpcr, x->signo, y->signo, &x->s,
                            &y->s, d);
            if (k) {
                k->hits++;
                g->explained++;
                explained++;
                res.status = SR_EXPLAINED;
                res.known = k;
                break;
            }
            if (g)
                g->differ++;
            failed++;
            res.status = SR_DIFFERS;
            if (shown++ < o->max_report && !o->quiet) {
                if (shown == 1)
                    printf("differences (the first %u):\n", o->max_report);
                report(a, b, ia, ia + j, ib + j, d);
            }
        }
        seqs_same += res.status == SR_SAME;
        seqs_expl += res.status == SR_EXPLAINED;
        seqs_diff += res.status >= SR_DIFFERS;
        if (results)
            results[q] = res;
        ia = ea;
        ib = eb;
    }
    if (passed_out)
        *passed_out = passed + explained;
    if (o->quiet)
        return failed;
    if (ngroups) {
        printf("%-10s %12s %12s %12s\n", "group", "compared", "differences", "explained");
        uint64_t tc = 0, td = 0, tx = 0;
        for (int i = 0; i < ngroups; i++) {
            printf("%-10s %12" PRIu64 " %12" PRIu64 " %12" PRIu64 "\n", groups[i].group, groups[i].compared,
                   groups[i].differ, groups[i].explained);
            tc += groups[i].compared;
            td += groups[i].differ;
            tx += groups[i].explained;
        }
        printf("%-10s %12" PRIu64 " %12" PRIu64 " %12" PRIu64 "\n", "total", tc, td, tx);
    }
    if (explained) {
        printf("known differences (each ends its sequence), by known-differences line:\n");
        for (int i = 0; i < nknown; i++)
            if (known[i].hits)
                printf("  %6u  line %d: %s\n", known[i].hits, known[i].line, known[i].reason);
    }
    printf("sequences: %" PRIu64 " identical, %" PRIu64 " ending in a known difference, %" PRIu64 " differing\n",
           seqs_same, seqs_expl, seqs_diff);
    return failed;
}
