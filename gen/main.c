/* armature-gen: reads spec/ (shared pseudocode and instruction pages),
 * checks everything, and writes the decoder, semantics and disassembler
 * into build/gen/. Usage:
 *   armature-gen [--check] [-o OUTDIR] [--features FILE] FILE.asl... FILE.xml...
 * where the .xml files are instruction pages, system registers (spec/sysregs)
 * and CPU models (spec/cpus). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ast.h"
#include "cpus.h"
#include "sysregs.h"
#include "emit.h"
#include "emit_c.h"
#include "sema.h"
#include "spec.h"

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        diag_error((SrcLoc){ path, 0, 0 }, "cannot open: %s", strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, len = 0;
    char *buf = xmalloc(cap);
    size_t n;
    while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (len + 1 == cap)
            buf = xrealloc(buf, cap *= 2);
    }
    fclose(f);
    buf[len] = 0;
    if (strlen(buf) != len) {
        diag_error((SrcLoc){ path, 0, 0 }, "contains a NUL byte");
        free(buf);
        return NULL;
    }
    return buf;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* An output file is written through a memory stream and replaces the old
 * one only when its text changed, so an unchanged spec rebuilds nothing. */
typedef struct Out {
    const char *name;
    char *buf;
    size_t len;
    FILE *f;
} Out;

static void out_open(Out *o, const char *name, const char *what)
{
    o->name = name;
    o->f = open_memstream(&o->buf, &o->len);
    if (!o->f) {
        perror("open_memstream");
        exit(1);
    }
    if (what)
        emit_header(o->f, what);
}

static bool out_commit(Out *o, const char *dir)
{
    fclose(o->f);
    char *path = xasprintf("%s/%s", dir, o->name);
    FILE *old = fopen(path, "rb");
    if (old) {
        char *prev = NULL;
        size_t plen = 0;
        FILE *m = open_memstream(&prev, &plen);
        char chunk[65536];
        size_t n;
        while ((n = fread(chunk, 1, sizeof chunk, old)) > 0)
            fwrite(chunk, 1, n, m);
        fclose(m);
        fclose(old);
        bool same = plen == o->len && memcmp(prev, o->buf, plen) == 0;
        free(prev);
        if (same)
            return true;
    }
    char *tmp = xasprintf("%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    if (!f || fwrite(o->buf, 1, o->len, f) != o->len || fclose(f) != 0 || rename(tmp, path) != 0) {
        fprintf(stderr, "armature-gen: cannot write %s: %s\n", path, strerror(errno));
        return false;
    }
    return true;
}

static void usage(FILE *f)
{
    fputs("usage: armature-gen [--check] [-o OUTDIR] [--features FILE] FILE.asl... FILE.xml...\n"
          "  Reads the ISA description and writes the generated C into OUTDIR\n"
          "  (default build/gen). --check only checks.\n", f);
}

/* Parse a pseudocode block of an instruction page (NULL if absent). */
static Stmt *parse_code(const Code *c, bool *ok)
{
    if (!c->text)
        return NULL;
    Stmt *s = asl_parse_block(c->text, c->loc);
    if (!s)
        *ok = false;
    return s;
}

int main(int argc, char **argv)
{
    const char *outdir = "build/gen", *features = NULL;
    bool check_only = false;
    Sema sema;
    Spec spec;
    sema_init(&sema);
    memset(&spec, 0, sizeof spec);
    const char **files = xcalloc((size_t)argc, sizeof *files);
    int nfiles = 0;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--check") == 0) {
            check_only = true;
        } else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
            outdir = argv[++i];
        } else if (strcmp(argv[i], "--features") == 0 && i + 1 < argc) {
            features = argv[++i];
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (argv[i][0] == '-') {
            fprintf(stderr, "armature-gen: unknown option '%s'\n", argv[i]);
            usage(stderr);
            return 2;
        } else {
            files[nfiles++] = argv[i];
        }
    }

    if (features && spec_load_features(&spec, features)) {
        /* The features become an enumeration the pseudocode can name:
         * IsFeatureImplemented(FEAT_LSE). */
        Decl *fe = decl_new(D_ENUM, (SrcLoc){ features, 1, 1 });
        fe->name = "Feature";
        fe->nitems = spec.nfeatures;
        fe->items = xcalloc((size_t)spec.nfeatures + 1, sizeof(char *));
        for (int i = 0; i < spec.nfeatures; i++)
            fe->items[i] = spec.features[i].name;
        VEC_PUSH(sema.decls.items, sema.decls.n, sema.decls.cap, fe);
    }
    bool ok = true;
    for (int i = 0; i < nfiles; i++) {
        if (ends_with(files[i], ".asl")) {
            char *text = read_file(files[i]);
            if (!text || !asl_parse_decls(text, (SrcLoc){ files[i], 1, 1 }, &sema.decls))
                ok = false;
        } else if (ends_with(files[i], ".xml") && sysregs_is_names_file(files[i])) {
            if (!sysregs_load_names(files[i]))
                ok = false;
        } else if (ends_with(files[i], ".xml") && sysregs_is_file(files[i])) {
            if (!sysregs_load(files[i], &sema.decls))
                ok = false;
        } else if (ends_with(files[i], ".xml") && cpus_is_model_file(files[i])) {
            if (!cpus_load(files[i]))
                ok = false;
        } else if (ends_with(files[i], ".xml")) {
            if (!spec_load_instruction(&spec, files[i]))
                ok = false;
        } else {
            fprintf(stderr, "armature-gen: %s: expected a .asl or .xml file\n", files[i]);
            return 2;
        }
    }
    if (!ok || diag_count())
        return 1;
    if (!sema_check_lib(&sema))
        return 1;
    spec_check(&spec);
    cpus_check(&spec);
    if (diag_count())
        return 1;

    Out types, lib, dec, exec, disas, tree, meta, cpus, sysregs, tsv;
    out_open(&types, "asl_types.h", "types and architectural state from spec/lib");
    out_open(&lib, "asl_lib.h", "shared pseudocode from spec/lib");
    out_open(&dec, "a64_decode.h", "decode functions from spec/a64");
    out_open(&exec, "a64_exec.c.inc", "execute functions from spec/a64");
    out_open(&disas, "a64_disas.c.inc", "disassembler from spec/a64");
    out_open(&tree, "a64_tree.c.inc", NULL); /* these two write their own header */
    out_open(&meta, "a64_meta.c.inc", NULL);
    out_open(&cpus, "cpu_models.c.inc", "CPU models from spec/cpus");
    out_open(&sysregs, "sysregs.c.inc", "system register dispatch from spec/sysregs");
    out_open(&tsv, "encodings.tsv", NULL);
    fprintf(tsv.f, "# generated by armature-gen from spec/a64: id, page, group, feature, file\n");
    for (int i = 0; i < spec.nencs; i++) {
        const Encoding *e = spec.encs[i];
        fprintf(tsv.f, "%s\t%s\t%s\t%s\t%s\n", e->id, e->insn->id, e->insn->group,
                enc_feature(e) ? enc_feature(e) : "-", e->insn->file);
    }

    emit_types(&sema, types.f);
    emit_lib(&sema, lib.f);
    for (int i = 0; i < spec.ninsns; i++) {
        Instruction *in = spec.insns[i];
        bool pok = true;
        Stmt *page_decode = parse_code(&in->decode, &pok);
        Stmt *execute = parse_code(&in->execute, &pok);
        if (!in->execute.text) {
            diag_error(in->loc, "instruction %s has no <execute>", in->id);
            pok = false;
        }
        for (int k = 0; k < in->niclasses && pok; k++) {
            Iclass *ic = &in->iclasses[k];
            Stmt *decode = ic->decode.text ? parse_code(&ic->decode, &pok) : page_decode;
            for (int j = 0; j < ic->nencs && pok; j++) {
                Encoding *enc = ic->encs[j];
                Scope *scope;
                if (!sema_check_encoding(&sema, enc, decode, execute, &scope)) {
                    diag_note(enc->loc, "while checking encoding %s", enc_cname(enc));
                    pok = false;
                    break;
                }
                emit_encoding(enc, decode, execute, scope, dec.f, exec.f);
                if (!emit_disas(&sema, enc, scope, disas.f))
                    pok = false;
            }
        }
    }
    emit_exec_table(&spec, exec.f);
    emit_disas_table(&spec, disas.f);
    emit_decode_tree(&spec, tree.f);
    emit_meta(&spec, meta.f);
    cpus_emit(&spec, cpus.f);
    sysregs_emit(sysregs.f);
    if (diag_count())
        return 1;
    if (check_only)
        return 0;
    mkdir(outdir, 0777);
    Out *all[] = { &types, &lib, &dec, &exec, &disas, &tree, &meta, &cpus, &sysregs, &tsv };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (!out_commit(all[i], outdir))
            return 1;
    fprintf(stderr, "armature-gen: %d instruction pages, %d encodings, %d system registers, "
            "%d library declarations\n", spec.ninsns, spec.nencs, sysregs_count(), sema.decls.n);
    return 0;
}
