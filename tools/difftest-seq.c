/* difftest sequences: drawing them from the spec, the .seq text and the
 * seqs.S image the driver runs (conformance/difftest/README.md). */
#include <errno.h>
#include <fnmatch.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "difftest.h"

/* ------------------------------------------------------------ drawing */

/* The encodings a sequence may draw from, by spec group: a group is drawn
 * first (each as likely), then an encoding of it. */
static int *elig, nelig;
static int gstart[16], ngroups;

bool seq_is_branch(const A64EncodingInfo *e)
{
    return !strcmp(e->group, "branch") && (field(e, "imm26") || field(e, "imm19") || field(e, "imm14"));
}

/* Stores write the scratch memory; DC ZVA zeroes it. */
bool seq_may_write_mem(const A64EncodingInfo *e)
{
    return !strcmp(e->group, "ldst") || !strcmp(e->page, "SYS");
}

void seq_draw_init(const DrawOpts *o)
{
    host_init();
    elig = calloc((size_t)a64_n_encodings, sizeof *elig);
    nelig = 0;
    for (int ei = 0; ei < a64_n_encodings; ei++) {
        const A64EncodingInfo *e = &a64_encodings[ei];
        if (!selected(e, o->only, o->nonly) || skip_reason(e) || (o->nexclude && selected(e, o->exclude, o->nexclude)))
            continue;
        if (!nelig || strcmp(e->group, a64_encodings[elig[nelig - 1]].group)) {
            if (ngroups == 15)
                die("more than 15 spec groups");
            gstart[ngroups++] = nelig;
        }
        elig[nelig++] = ei;
    }
    if (!nelig)
        die("no encoding selected");
    gstart[ngroups] = nelig;
}

void seq_draw(const DrawOpts *o, uint32_t index, Seq *s)
{
    memset(s, 0, sizeof *s);
    s->state_seed = s->scratch_seed = o->seed;
    s->state_index = index;
    rng = o->seed * 0x9e3779b97f4a7c15ull ^ (uint64_t)index * 0xd1b54a32d192ed03ull ^ 0x5e9e9c5ull;
    s->n = rrange(o->kmin, o->kmax);
    for (int k = 0; k < s->n; k++) {
        SeqInsn *in = &s->ins[k];
        Test t;
        for (int tries = 0;; tries++) {
            int g = (int)(rnd64() % (uint64_t)ngroups);
            int ei = elig[gstart[g] + (int)(rnd64() % (uint64_t)(gstart[g + 1] - gstart[g]))];
            draw(ei, &t);
            bool excluded = false;
            for (int x = 0; x < o->nexclude_words; x++)
                excluded |= (t.word & o->exclude_words[x].mask) == o->exclude_words[x].match &&
                            !fnmatch(o->exclude_words[x].glob, a64_encodings[ei].id, 0);
            if (!excluded && a64_decode_index(t.word) == ei && host_check(t.word) < 0)
                break;
            if (tries > 1000)
                die("cannot draw an instruction from the selection");
        }
        memset(in, 0, sizeof *in);
        in->enc = t.enc;
        in->word = t.word;
        for (int j = 0; j < 2; j++) {
            in->ov_reg[j] = t.t.ov_reg[j];
            in->ov_kind[j] = t.t.ov_kind[j];
            in->ov_val[j] = t.t.ov_val[j];
        }
        in->readback = t.readback;
        if (seq_is_branch(&a64_encodings[t.enc]))
            in->to = rrange(1, s->n - k < 4 ? s->n - k : 4);
    }
}

void seq_set(Seq *s, unsigned reg, uint64_t lo, uint64_t hi)
{
    int i;
    for (i = 0; i < s->nset && s->set[i].reg != reg; i++)
        ;
    if (i == s->nset) {
        if (s->nset == DT_MAXSET)
            die("too many state overrides");
        s->nset++;
    }
    s->set[i] = (struct dt_set){reg, 0, lo, hi};
}

void seq_state(const Seq *s, struct sem_state *st)
{
    if (s->zero)
        memset(st, 0, sizeof *st);
    else
        sem_init_state(s->state_seed, s->state_index, st);
    for (int i = 0; i < s->nset; i++)
        dt_apply(st, &s->set[i]);
}

void seq_compact(Seq *s)
{
    struct sem_state st;
    seq_state(s, &st);
    s->zero = true;
    s->nset = 0;
    for (unsigned r = 0; r < 31; r++)
        if (st.x[r])
            seq_set(s, r, st.x[r], 0);
    if (st.sp)
        seq_set(s, DT_R_SP, st.sp, 0);
    if (st.nzcv)
        seq_set(s, DT_R_NZCV, st.nzcv, 0);
    if (st.fpcr)
        seq_set(s, DT_R_FPCR, st.fpcr, 0);
    if (st.fpsr)
        seq_set(s, DT_R_FPSR, st.fpsr, 0);
    for (unsigned r = 0; r < 32; r++)
        if (st.v[r][0] || st.v[r][1])
            seq_set(s, DT_R_V + r, st.v[r][0], st.v[r][1]);
}

/* ------------------------------------------------------------ .seq text */

static void reg_name(unsigned r, char *buf, size_t len)
{
    if (r < 31)
        snprintf(buf, len, "x%u", r);
    else if (r >= DT_R_V && r < DT_R_V + 32)
        snprintf(buf, len, "v%u", r - DT_R_V);
    else
        snprintf(buf, len, "%s", r == DT_R_SP ? "sp" : r == DT_R_NZCV ? "nzcv" : r == DT_R_FPCR ? "fpcr" : "fpsr");
}

static int reg_parse(const char *s)
{
    char nm[16];
    for (unsigned r = 0; r < DT_R_V + 32; r++) {
        if (r > DT_R_FPSR && r < DT_R_V)
            continue;
        reg_name(r, nm, sizeof nm);
        if (!strcmp(nm, s))
            return (int)r;
    }
    return -1;
}

void seq_write(FILE *f, const Seq *s)
{
    char text[256], nm[16];
    if (s->zero)
        fprintf(f, "seq state=zero scratch=%" PRIu64 "\n", s->scratch_seed);
    else
        fprintf(f, "seq state=%" PRIu64 ":%u scratch=%" PRIu64 "\n", s->state_seed, s->state_index,
                s->scratch_seed);
    for (int i = 0; i < s->nset; i++) {
        reg_name(s->set[i].reg, nm, sizeof nm);
        fprintf(f, "set %s 0x%" PRIx64, nm, s->set[i].lo);
        if (s->set[i].reg >= DT_R_V)
            fprintf(f, " 0x%" PRIx64, s->set[i].hi);
        fputc('\n', f);
    }
    for (int k = 0; k < s->n; k++) {
        const SeqInsn *in = &s->ins[k];
        fprintf(f, "i %08x %s", in->word, a64_encodings[in->enc].id);
        for (int j = 0; j < 2; j++)
            if (in->ov_reg[j] <= 31)
                fprintf(f, " ov=%u:%c:%" PRId64, in->ov_reg[j], in->ov_kind[j] == SEM_OV_SCRATCH ? 's' : 'a',
                        in->ov_val[j]);
        if (in->readback)
            fprintf(f, " rb=%08x", in->readback);
        if (in->to)
            fprintf(f, " to=%d", in->to);
        disas(in->word, text, sizeof text);
        fprintf(f, "  # %s\n", text);
    }
    fprintf(f, "end\n");
}

int seq_read(FILE *f, const char *path, Seq **out)
{
    char line[1024];
    int lineno = 0, n = 0, cap = 0;
    Seq *v = NULL, *s = NULL;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = 0;
        char *tok = strtok(line, " \t\n");
        if (!tok)
            continue;
        if (!strcmp(tok, "seq")) {
            if (n == cap) {
                cap = cap ? 2 * cap : 16;
                v = realloc(v, (size_t)cap * sizeof *v);
                if (!v)
                    die("out of memory");
            }
            s = &v[n++];
            memset(s, 0, sizeof *s);
            while ((tok = strtok(NULL, " \t\n"))) {
                if (sscanf(tok, "state=%" SCNu64 ":%u", &s->state_seed, &s->state_index) == 2)
                    continue;
                if (!strcmp(tok, "state=zero")) {
                    s->zero = true;
                    continue;
                }
                if (sscanf(tok, "scratch=%" SCNu64, &s->scratch_seed) == 1)
                    continue;
                die("%s:%d: bad '%s'", path, lineno, tok);
            }
        } else if (!s) {
            die("%s:%d: '%s' before 'seq'", path, lineno, tok);
        } else if (!strcmp(tok, "set")) {
            char *r = strtok(NULL, " \t\n"), *lo = strtok(NULL, " \t\n"), *hi = strtok(NULL, " \t\n");
            int reg = r ? reg_parse(r) : -1;
            if (reg < 0 || !lo)
                die("%s:%d: set REG LO [HI]", path, lineno);
            seq_set(s, (unsigned)reg, strtoull(lo, NULL, 0), hi ? strtoull(hi, NULL, 0) : 0);
        } else if (!strcmp(tok, "i")) {
            if (s->n == DT_MAXK)
                die("%s:%d: more than %d instructions", path, lineno, DT_MAXK);
            SeqInsn *in = &s->ins[s->n++];
            memset(in, 0, sizeof *in);
            in->ov_reg[0] = in->ov_reg[1] = 0xff;
            char *w = strtok(NULL, " \t\n");
            if (!w)
                die("%s:%d: i WORD [SPECID] [ov=R:s|a:V]... [rb=WORD] [to=N]", path, lineno);
            in->word = (uint32_t)strtoul(w, NULL, 16);
            in->enc = a64_decode_index(in->word);
            if (in->enc < 0)
                die("%s:%d: %08x is not a spec encoding", path, lineno, in->word);
            int nov = 0;
            while ((tok = strtok(NULL, " \t\n"))) {
                unsigned r;
                char kind;
                int64_t val;
                if (sscanf(tok, "ov=%u:%c:%" SCNd64, &r, &kind, &val) == 3 && nov < 2 && r <= 31) {
                    in->ov_reg[nov] = (uint8_t)r;
                    in->ov_kind[nov] = kind == 's' ? SEM_OV_SCRATCH : SEM_OV_ABS;
                    in->ov_val[nov++] = val;
                } else if (sscanf(tok, "rb=%x", &in->readback) == 1 || sscanf(tok, "to=%d", &in->to) == 1) {
                } else if (strcmp(tok, a64_encodings[in->enc].id)) {
                    die("%s:%d: bad '%s' (%08x is %s)", path, lineno, tok, in->word, a64_encodings[in->enc].id);
                }
            }
            if (in->to < 0 || (in->to && !seq_is_branch(&a64_encodings[in->enc])))
                die("%s:%d: to= needs a branch", path, lineno);
        } else if (!strcmp(tok, "end")) {
            s = NULL;
        } else {
            die("%s:%d: unknown '%s'", path, lineno, tok);
        }
    }
    *out = v;
    return n;
}

/* ------------------------------------------------------------ the image */

enum { CKPT_WORDS = 7 };

/* The branch word jumping to its taken-path checkpoint, after the
 * not-taken checkpoint and a `b` to the next block. */
static uint32_t branch_word(const SeqInsn *in)
{
    const A64EncodingInfo *e = &a64_encodings[in->enc];
    const char *imm[] = {"imm26", "imm19", "imm14"};
    uint32_t w = in->word;
    for (int i = 0; i < 3; i++) {
        const A64Field *f = field(e, imm[i]);
        if (f)
            w = fset(w, f, 1 + CKPT_WORDS + 1);
    }
    return w;
}

static void emit_setup(FILE *f, const SeqInsn *in, int j)
{
    unsigned r = in->ov_reg[j];
    if (r > 31)
        return;
    if (in->ov_kind[j] == SEM_OV_ABS) {
        if (r != 31)
            fprintf(f, "\tmovz x%u, #%" PRId64 "\n", r, in->ov_val[j] & 0xffff);
        return;
    }
    int64_t off = SEM_PAGE + SEM_SCRATCH_MID + in->ov_val[j];
    unsigned t = r == 31 ? 16 : r;
    if (r == 31)
        fprintf(f, "\tmsr tpidr_el0, x16\n");
    fprintf(f, "\tadrp x%u, dt_area%+" PRId64 "\n\tadd x%u, x%u, :lo12:dt_area%+" PRId64 "\n", t, off, t, t, off);
    if (r == 31)
        fprintf(f, "\tmov sp, x16\n\tmrs x16, tpidr_el0\n");
}

/* A checkpoint: CKPT_WORDS words, labels <c>QK (the checkpoint) and <r>QK
 * (where it resumes). */
static void ckpt(FILE *f, const char *c, const char *r, int q, int k)
{
    fprintf(f, "q%d%s%d:\tmsr tpidr_el0, x0\n\tadrp x0, sem_outstate\n\tadd x0, x0, :lo12:sem_outstate\n"
               "\tstr x1, [x0, #8]\n\tadr x1, q%d%s%d\n\tb dt_ckpt\nq%d%s%d:\tmrs x30, tpidr_el0\n",
            q, c, k, q, r, k, q, r, k);
}

void seq_emit(FILE *f, const Seq *seqs, int nseq, uint64_t seed)
{
    char text[256];
    fprintf(f, "// generated by armature-difftest -- do not edit\n\t.text\n\t.balign 4\n");
    for (int q = 0; q < nseq; q++) {
        const Seq *s = &seqs[q];
        fprintf(f, "q%d:\tmrs x30, tpidr_el0\n", q);
        for (int k = 0; k < s->n; k++) {
            const SeqInsn *in = &s->ins[k];
            uint32_t w = in->to ? branch_word(in) : in->word;
            fprintf(f, "q%db%d:\n", q, k);
            emit_setup(f, in, 0);
            emit_setup(f, in, 1);
            disas(w, text, sizeof text);
            fprintf(f, "q%dw%d:\t.inst 0x%08x\t// %s  [%s]\n", q, k, w, text, a64_encodings[in->enc].id);
            if (in->readback)
                fprintf(f, "\t.inst 0x%08x\n", in->readback);
            ckpt(f, "c", "r", q, k);
            if (in->to) {
                int target = k + in->to > s->n ? s->n : k + in->to;
                fprintf(f, "\tb q%db%d\n", q, k + 1);
                ckpt(f, "t", "s", q, k);
                fprintf(f, "\tb q%db%d\n", q, target);
            }
        }
        fprintf(f, "q%db%d:\tmsr tpidr_el0, x0\n\tb sem_save\n", q, s->n);
    }
    fprintf(f, "\n\t.section .rodata\n\t.balign 8\n\t.globl dt_seqs, dt_nseq, dt_seed\n"
               "dt_nseq:\n\t.quad %d\ndt_seed:\n\t.quad %" PRIu64 "\ndt_seqs:\n", nseq, seed);
    for (int q = 0; q < nseq; q++) {
        const Seq *s = &seqs[q];
        fprintf(f, "\t.quad q%d, q%db%d, q%di, q%ds, %" PRIu64 ", %" PRIu64 "\n\t.word %u, %d, %d, %d\n", q, q,
                s->n, q, q, s->state_seed, s->scratch_seed, s->state_index, s->n, s->nset, s->zero ? DT_S_ZERO : 0);
    }
    for (int q = 0; q < nseq; q++) {
        const Seq *s = &seqs[q];
        fprintf(f, "q%di:\n", q);
        for (int k = 0; k < s->n; k++) {
            const SeqInsn *in = &s->ins[k];
            const A64EncodingInfo *e = &a64_encodings[in->enc];
            unsigned flags = (seq_may_write_mem(e) ? DT_I_MEM : 0) | (in->readback ? DT_I_READBACK : 0) |
                             (seq_may_write_mem(e) && starts(e->feature, "FEAT_MTE") && e->page[0] == 'S'
                                  ? DT_I_TAGS : 0);
            fprintf(f, "\t.quad q%dw%d, q%dc%d, q%dr%d, ", q, k, q, k, q, k);
            if (in->to)
                fprintf(f, "q%ds%d\n", q, k);
            else
                fprintf(f, "0\n");
            fprintf(f, "\t.word 0x%08x, %u\n", in->to ? branch_word(in) : in->word, flags);
        }
        fprintf(f, "q%ds:\n", q);
        for (int i = 0; i < s->nset; i++)
            fprintf(f, "\t.word %u, 0\n\t.quad 0x%" PRIx64 ", 0x%" PRIx64 "\n", s->set[i].reg, s->set[i].lo,
                    s->set[i].hi);
    }
}
