/* armature-difftest: differential testing with random instruction
 * sequences drawn from the spec (conformance/difftest/README.md).
 *
 *   gen      [--seed S] [--sequences N] [--first I] [--length A-B] [--only GLOB]...
 *            [--exclude GLOB]... [--exclude-file FILE] -o SEQS.S [--seq-out FILE.seq]
 *       draws sequences I..I+N-1 of the campaign and writes the image.
 *   image    FILE.seq... -o SEQS.S
 *       the image of sequences written as text (regressions, minimiser).
 *   compare  A.TRACE B.TRACE [--names A,B] [--known FILE] [--max-report N]
 *       the first differing instruction of every sequence, a table per spec
 *       group, "N passed, M failed" (N, M: instructions).
 *   minimise IN.seq --runner CMD --dir DIR [--known FILE] (-o OUT.seq | --regress DIR)
 *       shrinks IN's first sequence while it still differs (CMD DIR builds
 *       DIR/seqs.S and writes DIR/a.trace and DIR/b.trace).
 *   mutate   --bits MASK/MATCH --xor-rd HEX  < TRACE > TRACE
 *       (tests only) flips bits of X[Rd] in the records of matching words.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "difftest.h"

static struct {
    DrawOpts d;
    const char *only[16], *exclude[64];
    struct ExcludeWords xw[64];
    int nxw;
    uint64_t nseq, first;
    const char *out, *seq_out, *known, *runner, *dir, *regress;
    const char *names[2];
    unsigned max_report;
    uint32_t mask, match;
    uint64_t xor_rd;
} opt = {.d = {.seed = 1, .kmin = 8, .kmax = 16}, .nseq = 100, .names = {"armature", "qemu"}, .max_report = 5};

static uint64_t num(const char *name, const char *s)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || *end || !*s || s[0] == '-')
        die("%s: bad number '%s'", name, s);
    return v;
}

static FILE *wopen(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        die("%s: %s", path, strerror(errno));
    return f;
}

static void wclose(FILE *f, const char *path)
{
    if (fclose(f))
        die("%s: write error", path);
}

static int cmd_gen(void)
{
    if (!opt.out)
        die("gen: -o FILE is required");
    seq_draw_init(&opt.d);
    Seq *v = calloc(opt.nseq ? opt.nseq : 1, sizeof *v);
    uint64_t insns = 0;
    for (uint64_t i = 0; i < opt.nseq; i++) {
        seq_draw(&opt.d, (uint32_t)(opt.first + i), &v[i]);
        insns += (uint64_t)v[i].n;
    }
    FILE *f = wopen(opt.out);
    seq_emit(f, v, (int)opt.nseq, opt.d.seed);
    wclose(f, opt.out);
    if (opt.seq_out) {
        f = wopen(opt.seq_out);
        for (uint64_t i = 0; i < opt.nseq; i++)
            seq_write(f, &v[i]);
        wclose(f, opt.seq_out);
    }
    fprintf(stderr, "%" PRIu64 " sequences, %" PRIu64 " instructions\n", opt.nseq, insns);
    return 0;
}

static int read_seqs(char **files, int nfiles, Seq **out)
{
    int n = 0;
    *out = NULL;
    for (int i = 0; i < nfiles; i++) {
        FILE *f = fopen(files[i], "r");
        if (!f)
            die("%s: %s", files[i], strerror(errno));
        Seq *v;
        int k = seq_read(f, files[i], &v);
        fclose(f);
        *out = realloc(*out, (size_t)(n + k + 1) * sizeof **out);
        memcpy(*out + n, v, (size_t)k * sizeof *v);
        free(v);
        n += k;
    }
    return n;
}

static int cmd_image(char **files, int nfiles)
{
    if (!opt.out)
        die("image: -o FILE is required");
    Seq *v;
    int n = read_seqs(files, nfiles, &v);
    FILE *f = wopen(opt.out);
    seq_emit(f, v, n, n ? v[0].scratch_seed : opt.d.seed);
    wclose(f, opt.out);
    return 0;
}

static int cmd_compare(char **files, int nfiles)
{
    if (nfiles != 2)
        die("compare needs two traces");
    Trace a, b;
    trace_read(files[0], opt.names[0], &a);
    trace_read(files[1], opt.names[1], &b);
    CmpOpts o = {opt.max_report, false, false};
    uint64_t passed = 0, failed = trace_compare(&a, &b, &o, NULL, &passed);
    printf("%" PRIu64 " passed, %" PRIu64 " failed\n", passed, failed);
    return failed ? 1 : 0;
}

static int cmd_minimise(char **files, int nfiles)
{
    if (nfiles != 1 || !opt.runner || !opt.dir || (!opt.out && !opt.regress))
        die("minimise IN.seq --runner CMD --dir DIR (-o OUT.seq | --regress DIR)");
    Seq *v;
    if (read_seqs(files, 1, &v) < 1)
        die("%s: no sequence", files[0]);
    Seq s = v[0];
    int n0 = s.n;
    int rounds = seq_minimise(&s, opt.runner, opt.dir, 1);
    if (rounds < 0) {
        printf("%s: the sequence does not differ\n", files[0]);
        return 1;
    }
    /* the final difference, for the file's comment and the log */
    char path[4096];
    snprintf(path, sizeof path, "%s/seqs.S", opt.dir);
    FILE *f = wopen(path);
    seq_emit(f, &s, 1, s.scratch_seed);
    wclose(f, path);
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "%s %s", opt.runner, opt.dir);
    if (system(cmd))
        die("'%s' failed", cmd);
    Trace a, b;
    snprintf(path, sizeof path, "%s/a.trace", opt.dir);
    trace_read(path, opt.names[0], &a);
    snprintf(path, sizeof path, "%s/b.trace", opt.dir);
    trace_read(path, opt.names[1], &b);
    SeqResult r;
    CmpOpts o = {1, false, false};
    trace_compare(&a, &b, &o, &r, NULL);
    if (r.status != SR_DIFFERS || r.enc < 0)
        die("the minimised sequence does not differ at an instruction on its own (state leaking between "
            "sequences?)");
    const char *id = a64_encodings[r.enc].id;
    const char *out = opt.out;
    char name[4096];
    if (!out) {
        mkdir(opt.regress, 0777);
        for (int i = 1;; i++) {
            struct stat st;
            if (i == 1)
                snprintf(name, sizeof name, "%s/%s.seq", opt.regress, id);
            else
                snprintf(name, sizeof name, "%s/%s-%d.seq", opt.regress, id, i);
            if (stat(name, &st))
                break;
        }
        out = name;
    }
    f = wopen(out);
    fprintf(f, "# regression for %s (armature-difftest minimise: %d of %d instructions, %d runs)\n"
               "# it differed at instruction %u; the fix and the reason go here\n",
            id, s.n, n0, rounds, r.insn);
    seq_write(f, &s);
    wclose(f, out);
    printf("minimised to %d instructions (from %d, %d runs): %s\n", s.n, n0, rounds, out);
    return 0;
}

static int cmd_mutate(void)
{
    struct dt_header h;
    struct dt_record r;
    if (fread(&h, sizeof h, 1, stdin) != 1)
        return 1;
    fwrite(&h, sizeof h, 1, stdout);
    while (fread(&r, sizeof r, 1, stdin) == 1) {
        if (r.kind == DT_STEP && (r.word & opt.mask) == opt.match && (r.word & 31) != 31)
            r.s.x[r.word & 31] ^= opt.xor_rd;
        fwrite(&r, sizeof r, 1, stdout);
    }
    return fflush(stdout) ? 1 : 0;
}

int main(int argc, char **argv)
{
    sd_prog = "armature-difftest";
    if (argc < 2)
        die("usage: armature-difftest gen|image|compare|minimise|mutate ... (see tools/difftest.c)");
    const char *cmd = argv[1];
    char *files[4096];
    int nfiles = 0;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
#define ARG1() (i + 1 < argc ? argv[++i] : (die("%s needs a value", a), (char *)0))
        if (!strcmp(a, "--seed"))
            opt.d.seed = num(a, ARG1());
        else if (!strcmp(a, "--sequences"))
            opt.nseq = num(a, ARG1());
        else if (!strcmp(a, "--first"))
            opt.first = num(a, ARG1());
        else if (!strcmp(a, "--length")) {
            const char *v = ARG1();
            if (sscanf(v, "%d-%d", &opt.d.kmin, &opt.d.kmax) != 2 || opt.d.kmin < 1 || opt.d.kmax > DT_MAXK ||
                opt.d.kmin > opt.d.kmax)
                die("--length A-B with 1 <= A <= B <= %d", DT_MAXK);
        } else if (!strcmp(a, "--only")) {
            if (opt.d.nonly == 16)
                die("too many --only");
            opt.only[opt.d.nonly++] = ARG1();
        } else if (!strcmp(a, "--exclude")) {
            if (opt.d.nexclude == 64)
                die("too many --exclude");
            opt.exclude[opt.d.nexclude++] = ARG1();
        } else if (!strcmp(a, "--exclude-file")) {
            const char *path = ARG1();
            FILE *f = fopen(path, "r");
            char line[512];
            if (!f)
                die("%s: %s", path, strerror(errno));
            while (fgets(line, sizeof line, f)) {
                char *g = strtok(line, " \t\n"), *b = strtok(NULL, " \t\n");
                if (!g || *g == '#')
                    continue;
                if (opt.d.nexclude == 64 || opt.nxw == 64)
                    die("%s: too many entries", path);
                if (b && !strncmp(b, "bits=", 5)) { /* only the words matching MASK/MATCH */
                    struct ExcludeWords *x = &opt.xw[opt.nxw++];
                    x->glob = strdup(g);
                    if (sscanf(b + 5, "%x/%x", &x->mask, &x->match) != 2)
                        die("%s: bad '%s'", path, b);
                } else {
                    opt.exclude[opt.d.nexclude++] = strdup(g);
                }
            }
            fclose(f);
        } else if (!strcmp(a, "-o"))
            opt.out = ARG1();
        else if (!strcmp(a, "--seq-out"))
            opt.seq_out = ARG1();
        else if (!strcmp(a, "--known"))
            opt.known = ARG1();
        else if (!strcmp(a, "--runner"))
            opt.runner = ARG1();
        else if (!strcmp(a, "--dir"))
            opt.dir = ARG1();
        else if (!strcmp(a, "--regress"))
            opt.regress = ARG1();
        else if (!strcmp(a, "--max-report"))
            opt.max_report = (unsigned)num(a, ARG1());
        else if (!strcmp(a, "--names")) {
            char *v = strdup(ARG1()), *c = strchr(v, ',');
            if (!c)
                die("--names A,B");
            *c = 0;
            opt.names[0] = v;
            opt.names[1] = c + 1;
        } else if (!strcmp(a, "--bits")) {
            if (sscanf(ARG1(), "%x/%x", &opt.mask, &opt.match) != 2)
                die("--bits MASK/MATCH");
        } else if (!strcmp(a, "--xor-rd"))
            opt.xor_rd = strtoull(ARG1(), NULL, 16);
        else if (a[0] != '-' && nfiles < 4096)
            files[nfiles++] = argv[i];
        else
            die("unknown argument '%s'", a);
#undef ARG1
    }
    opt.d.only = opt.only;
    opt.d.exclude = opt.exclude;
    opt.d.exclude_words = opt.xw;
    opt.d.nexclude_words = opt.nxw;
    if (opt.known)
        load_known(opt.known);
    if (!strcmp(cmd, "gen"))
        return cmd_gen();
    if (!strcmp(cmd, "image"))
        return cmd_image(files, nfiles);
    if (!strcmp(cmd, "compare"))
        return cmd_compare(files, nfiles);
    if (!strcmp(cmd, "minimise"))
        return cmd_minimise(files, nfiles);
    if (!strcmp(cmd, "mutate"))
        return cmd_mutate();
    die("unknown command '%s'", cmd);
}
