/* The compared parts of the state (X0-X30, SP, NZCV, FPCR, FPSR, V0-V31,
 * memory, signal) and known-differences.txt (conformance/semantics/README.md):
 * shared by the semantics and difftest runners. */
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sem-known.h"

Known *known;
int nknown;

void part_name(int p, char *buf, size_t len)
{
    if (p < P_SP)
        snprintf(buf, len, "x%d", p);
    else if (p >= P_V && p < P_MEM)
        snprintf(buf, len, "v%d", p - P_V);
    else
        snprintf(buf, len, "%s", p == P_SP ? "sp" : p == P_NZCV ? "nzcv" : p == P_FPCR ? "fpcr" :
                                 p == P_FPSR ? "fpsr" : p == P_MEM ? "mem" : "signal");
}


void diff_state(const struct sem_state *a, const struct sem_state *b, bool d[P_N])
{
    for (int i = 0; i < 31; i++)
        d[P_X + i] = a->x[i] != b->x[i];
    d[P_SP] = a->sp != b->sp;
    d[P_NZCV] = a->nzcv != b->nzcv;
    d[P_FPCR] = a->fpcr != b->fpcr;
    d[P_FPSR] = a->fpsr != b->fpsr;
    for (int i = 0; i < 32; i++)
        d[P_V + i] = a->v[i][0] != b->v[i][0] || a->v[i][1] != b->v[i][1];
    d[P_MEM] = d[P_SIG] = false;
}

const char *sig_name(unsigned s)
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
int parse_sig(const char *s)
{
    if (!strcmp(s, "any"))
        return -1;
    for (unsigned n = 0; n < 32; n++)
        if (!strcmp(sig_name(n), s) && strcmp(s, "SIG?"))
            return (int)n;
    return -2;
}

void load_known(const char *path)
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

Known *explain(const char *id, uint32_t word, uint64_t fpcr_in, unsigned sig_a, unsigned sig_b,
               const struct sem_state *a, const struct sem_state *q, const bool d[P_N])
{
    for (int i = 0; i < nknown; i++) {
        Known *k = &known[i];
        if (fnmatch(k->glob, id, 0))
            continue;
        if (k->fpcr_mask && (fpcr_in & k->fpcr_mask) != k->fpcr_match)
            continue;
        if ((word & k->mask) != k->match)
            continue;
        if (k->sig[0] >= 0 && sig_a != (unsigned)k->sig[0])
            continue;
        if (k->sig[1] >= 0 && sig_b != (unsigned)k->sig[1])
            continue;
        bool ok = true;
        if (k->has_xormask) {
            for (int p = 0; p < 31; p++)
                ok &= !((a->x[p] ^ q->x[p]) & ~k->xormask);
            ok &= !((a->sp ^ q->sp) & ~k->xormask);
            ok &= !((a->nzcv ^ q->nzcv) & ~k->xormask);
            ok &= !((a->fpcr ^ q->fpcr) & ~k->xormask);
            ok &= !((a->fpsr ^ q->fpsr) & ~k->xormask);
        }
        if (k->has_parts)
            for (int p = 0; p < P_N; p++)
                ok &= !d[p] || k->parts[p];
        if (ok)
            return k;
    }
    return NULL;
}
