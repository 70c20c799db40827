/* The difftest minimiser: shrinks a differing sequence (deleting
 * instructions, simplifying operands, then zeroing initial registers) while it still differs at
 * an instruction of the same encoding; every round runs all its candidates
 * in one image (conformance/difftest/README.md). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "difftest.h"

static int rounds;

/* Runs the candidates; res[i] is candidate i's result. */
static void eval(const Seq *c, int n, const char *runner, const char *dir, SeqResult *res)
{
    char path[4096], cmd[8192];
    snprintf(path, sizeof path, "%s/seqs.S", dir);
    FILE *f = fopen(path, "w");
    if (!f)
        die("%s: cannot write", path);
    seq_emit(f, c, n, c[0].scratch_seed);
    if (fclose(f))
        die("%s: write error", path);
    snprintf(cmd, sizeof cmd, "%s %s", runner, dir);
    if (system(cmd) != 0)
        die("minimise: '%s' failed", cmd);
    Trace a, b;
    snprintf(path, sizeof path, "%s/a.trace", dir);
    trace_read(path, "a", &a);
    snprintf(path, sizeof path, "%s/b.trace", dir);
    trace_read(path, "b", &b);
    CmpOpts o = {0, false, true};
    for (int i = 0; i < n; i++)
        res[i].status = SR_BROKEN;
    trace_compare(&a, &b, &o, res, NULL);
    free(a.r);
    free(b.r);
    rounds++;
}

static bool keeps(const SeqResult *r, int enc)
{
    return r->status == SR_DIFFERS && r->enc == enc;
}

static void del(Seq *s, int k)
{
    memmove(&s->ins[k], &s->ins[k + 1], (size_t)(s->n - k - 1) * sizeof s->ins[0]);
    s->n--;
}

/* Whether a register starts at zero. */
static bool is_zero(const Seq *s, unsigned reg)
{
    struct sem_state st;
    seq_state(s, &st);
    if (reg < 31)
        return !st.x[reg];
    if (reg >= DT_R_V)
        return !st.v[reg - DT_R_V][0] && !st.v[reg - DT_R_V][1];
    return reg == DT_R_NZCV ? !st.nzcv : reg == DT_R_FPCR ? !st.fpcr : reg == DT_R_FPSR ? !st.fpsr : !st.sp;
}

int seq_minimise(Seq *s, const char *runner, const char *dir, int verbose)
{
    Seq *c = calloc(DT_MAXK + 100, sizeof *c);
    SeqResult *res = calloc(DT_MAXK + 100, sizeof *res);
    unsigned regs[100];
    rounds = 0;
    eval(s, 1, runner, dir, res);
    if (res[0].status != SR_DIFFERS) {
        free(c);
        free(res);
        return -1;
    }
    int enc = res[0].enc;
    /* cut what follows the first difference */
    if (res[0].insn != DT_NONE && (int)res[0].insn + 1 < s->n) {
        c[0] = *s;
        c[0].n = (int)res[0].insn + 1;
        eval(c, 1, runner, dir, res);
        if (keeps(&res[0], enc))
            *s = c[0];
    }
    /* delete single instructions while one can go */
    for (bool progress = true; progress && s->n > 1;) {
        progress = false;
        for (int k = 0; k < s->n; k++) {
            c[k] = *s;
            del(&c[k], k);
        }
        eval(c, s->n, runner, dir, res);
        for (int k = 0; k < s->n; k++)
            if (keeps(&res[k], enc)) {
                *s = c[k];
                progress = true;
                break;
            }
        if (verbose)
            fprintf(stderr, "minimise: %d instructions\n", s->n);
    }
    /* simpler operands: base registers at the scratch middle, index
     * registers 0, branches to the next instruction (each alone, then all
     * that kept it differing) */
    {
        int n = 0;
        for (int k = 0; k < s->n; k++) {
            SeqInsn *in = &s->ins[k];
            for (int j = 0; j < 2; j++)
                if (in->ov_reg[j] <= 31 && in->ov_val[j]) {
                    c[n] = *s;
                    c[n++].ins[k].ov_val[j] = 0;
                }
            if (in->to > 1) {
                c[n] = *s;
                c[n++].ins[k].to = 1;
            }
        }
        if (n) {
            eval(c, n, runner, dir, res);
            Seq all = *s, one = *s;
            int kept = 0;
            for (int i = 0; i < n; i++)
                if (keeps(&res[i], enc)) {
                    for (int k = 0; k < s->n; k++)
                        if (memcmp(&c[i].ins[k], &s->ins[k], sizeof s->ins[k])) {
                            for (int j = 0; j < 2; j++)
                                if (!c[i].ins[k].ov_val[j])
                                    all.ins[k].ov_val[j] = 0;
                            if (c[i].ins[k].to < all.ins[k].to)
                                all.ins[k].to = c[i].ins[k].to;
                        }
                    if (!kept++)
                        one = c[i];
                }
            if (kept) {
                c[0] = all;
                eval(c, 1, runner, dir, res);
                *s = keeps(&res[0], enc) ? all : one;
            }
            if (verbose)
                fprintf(stderr, "minimise: %d of %d operand simplifications kept\n", kept, n);
        }
    }
    /* zero initial registers: each alone, then all that kept it differing */
    for (int round = 0; round < 3; round++) {
        int n = 0;
        for (unsigned r = 0; r < DT_R_V + 32; r++) {
            if ((r > DT_R_FPSR && r < DT_R_V) || is_zero(s, r))
                continue;
            c[n] = *s;
            seq_set(&c[n], r, 0, 0);
            regs[n++] = r;
        }
        if (!n)
            break;
        eval(c, n, runner, dir, res);
        Seq all = *s;
        int kept = 0, first = -1;
        for (int i = 0; i < n; i++)
            if (keeps(&res[i], enc)) {
                seq_set(&all, regs[i], 0, 0);
                kept++;
                if (first < 0)
                    first = i;
            }
        if (!kept)
            break;
        Seq one = c[first];
        c[0] = all;
        eval(c, 1, runner, dir, res);
        *s = keeps(&res[0], enc) ? all : one;
        if (verbose)
            fprintf(stderr, "minimise: %d registers zeroed\n", s->nset);
        if (kept == n)
            break;
    }
    seq_compact(s);
    free(c);
    free(res);
    return rounds;
}
