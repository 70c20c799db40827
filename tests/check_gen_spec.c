/* Check suite for the generator's spec loading, cross-file checks, decode tree and metadata back ends. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "decode_tree.h"
#include "emit.h"
#include "spec.h"

/* ------------------------------------------------------------ helpers */

static char tmpdir[64];

static void make_tmpdir(void)
{
    strcpy(tmpdir, "/tmp/check_gen_spec.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
    char *gen;
    gen = xasprintf("%s/gen", tmpdir);
    ck_assert_int_eq(mkdir(gen, 0700), 0);
    free(gen);
}

/* Writes <tmpdir>/gen/<id>.xml (group "gen" = its directory) and loads it. */
static bool load_page(Spec *spec, const char *id, const char *feature, const char *body)
{
    char *path;
    path = xasprintf("%s/gen/%s.xml", tmpdir, id);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fprintf(f, "<instruction id=\"%s\" title=\"t\" group=\"gen\"%s%s%s>\n%s\n"
               "  <execute><![CDATA[return;]]></execute>\n</instruction>\n",
            id, feature ? " feature=\"" : "", feature ? feature : "", feature ? "\"" : "", body);
    fclose(f);
    bool ok = spec_load_instruction(spec, path);
    free(path);
    return ok;
}

/* One page with one encoding of diagram `bits`; returns it or NULL. */
static const Encoding *load_bits(Spec *spec, const char *id, const char *bits)
{
    char *body;
    body = xasprintf("  <encoding id=\"%s_e\" bits=\"%s\"/>", id, bits);
    bool ok = load_page(spec, id, NULL, body);
    free(body);
    return ok ? spec->encs[spec->nencs - 1] : NULL;
}

/* tests/gen/, found from this file's path so the suite runs from the repo root. */
static char *fixture(const char *name)
{
    const char *slash = strrchr(__FILE__, '/');
    int dir = slash ? (int)(slash - __FILE__) : 1;
    char *p;
    p = xasprintf("%.*s/gen/%s", dir, slash ? __FILE__ : ".", name);
    return p;
}

static Encoding *mem_enc(Spec *spec, const char *id, uint32_t mask, uint32_t match, int priority)
{
    Encoding *e = calloc(1, sizeof *e);
    e->id = strdup(id);
    e->mask = mask;
    e->match = match & mask;
    e->priority = priority;
    e->index = spec->nencs;
    e->loc = (SrcLoc){ "mem", spec->nencs + 1, 1 };
    VEC_PUSH(spec->encs, spec->nencs, spec->enc_cap, e);
    return e;
}

/* What decode must return: highest priority, then first loaded. */
static int reference_decode(const Spec *spec, uint32_t insn)
{
    int best = -1;
    for (int i = 0; i < spec->nencs; i++) {
        const Encoding *e = spec->encs[i];
        if ((insn & e->mask) == e->match && (best < 0 || e->priority > spec->encs[best]->priority))
            best = i;
    }
    return best;
}

static uint32_t rnd(void)
{
    static uint64_t s = 0x9e3779b97f4a7c15ull;
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return (uint32_t)(s >> 11);
}

/* ------------------------------------------------------ bit diagrams */

START_TEST(bits_named_fixed_and_variable)
{
    Spec spec = { 0 };
    make_tmpdir();
    const Encoding *e = load_bits(&spec, "add", "sf=1 op=0 S=0 100010 sh imm12:12 Rn:5 Rd:5");
    ck_assert_ptr_nonnull(e);
    ck_assert_uint_eq(e->mask, 0xff800000u);
    ck_assert_uint_eq(e->match, 0x91000000u);
    ck_assert_uint_eq(e->sb_mask, 0);
    ck_assert_int_eq(e->nfields, 7);
    const Field *sf = encoding_field(e, "sf");
    ck_assert_int_eq(sf->hi, 31);
    ck_assert_int_eq(sf->lo, 31);
    ck_assert_uint_eq(sf->mask, 0x80000000u);
    ck_assert_uint_eq(sf->value, 0x80000000u);
    const Field *imm = encoding_field(e, "imm12");
    ck_assert_int_eq(imm->hi, 21);
    ck_assert_int_eq(imm->lo, 10);
    ck_assert_uint_eq(imm->mask, 0);
    const Field *sh = encoding_field(e, "sh");
    ck_assert_int_eq(sh->hi, 22);
    ck_assert_int_eq(sh->lo, 22);
    const Field *rd = encoding_field(e, "Rd");
    ck_assert_int_eq(rd->hi, 4);
    ck_assert_int_eq(rd->lo, 0);
    ck_assert_ptr_null(encoding_field(e, "Rm"));
    ck_assert_str_eq(spec.encs[0]->insn->group, "gen");
    /* Field locations point into the bits attribute: line 2, after '  <encoding id="add_e" bits="'. */
    ck_assert_int_eq(sf->loc.line, 2);
    ck_assert_int_eq(sf->loc.col, 30);
    ck_assert_int_eq(encoding_field(e, "op")->loc.col, 35);
}
END_TEST

START_TEST(bits_dont_care_and_partial_fields)
{
    Spec spec = { 0 };
    make_tmpdir();
    const Encoding *e = load_bits(&spec, "ldp", "opc=x0 101 V=0 001 L=1 imm7:7 Rt2:5 Rn:5 Rt:5");
    ck_assert_ptr_nonnull(e);
    ck_assert_uint_eq(e->mask, 0x7fc00000u);
    ck_assert_uint_eq(e->match, 0x28c00000u);
    const Field *opc = encoding_field(e, "opc");
    ck_assert_int_eq(opc->hi, 31);
    ck_assert_int_eq(opc->lo, 30);
    ck_assert_uint_eq(opc->mask, 0x40000000u);
    ck_assert_uint_eq(opc->value, 0);

    e = load_bits(&spec, "unnamed", "0x1x 1111 xxxx 0000 imm:16");
    ck_assert_ptr_nonnull(e);
    ck_assert_uint_eq(e->mask, 0xaf0f0000u);
    ck_assert_uint_eq(e->match, 0x2f000000u);
    ck_assert_int_eq(e->nfields, 1);
}
END_TEST

START_TEST(bits_should_be)
{
    Spec spec = { 0 };
    make_tmpdir();
    const Encoding *e = load_bits(&spec, "sb", "1101010100 0 00 011 0011 (0)(0)(0)(0) 1 11 11111");
    ck_assert_ptr_nonnull(e);
    ck_assert_uint_eq(e->mask, 0xfffff0ffu);
    ck_assert_uint_eq(e->match, 0xd50330ffu);
    ck_assert_uint_eq(e->sb_mask, 0x00000f00u);
    ck_assert_uint_eq(e->sb_value, 0);
    ck_assert_int_eq(e->nfields, 0);

    e = load_bits(&spec, "cas", "size=1x 001000 o2=0 L=1 o1=0 Rs=(1)(1)(1)(1)(1) o0 Rt2=(1)(1)(1)(1)(1) Rn:5 Rt:5");
    ck_assert_ptr_nonnull(e);
    ck_assert_uint_eq(e->mask, 0xbfe00000u);
    ck_assert_uint_eq(e->match, 0x88400000u);
    ck_assert_uint_eq(e->sb_mask, 0x001f7c00u);
    ck_assert_uint_eq(e->sb_value, 0x001f7c00u);
    const Field *rs = encoding_field(e, "Rs");
    ck_assert(rs->sb);
    ck_assert_int_eq(rs->hi, 20);
    ck_assert_int_eq(rs->lo, 16);
    ck_assert_uint_eq(rs->mask, 0x001f0000u);
    ck_assert_uint_eq(rs->value, 0x001f0000u);
    ck_assert(!encoding_field(e, "o0")->sb);
}
END_TEST

START_TEST(bits_errors)
{
    Spec spec = { 0 };
    make_tmpdir();
    int errs = diag_count();
    ck_assert_ptr_null(load_bits(&spec, "short", "sf=1 op=0 S=0 10001 sh imm12:12 Rn:5 Rd:5"));
    ck_assert_ptr_null(load_bits(&spec, "long", "sf=1 op=0 S=0 1000101 sh imm12:12 Rn:5 Rd:5"));
    ck_assert_ptr_null(load_bits(&spec, "badval", "sf=2 op=0 S=0 100010 sh imm12:12 Rn:5 Rd:5"));
    ck_assert_ptr_null(load_bits(&spec, "badwidth", "sf=1 op=0 S=0 100010 sh imm12:12 Rn:0 Rd:5"));
    ck_assert_ptr_null(load_bits(&spec, "badsb", "sf=1 op=0 S=0 100010 sh imm12:12 Rn=(2)(0)(0)(0)(0) Rd:5"));
    ck_assert_ptr_null(load_bits(&spec, "dup", "sf=1 op=0 S=0 100010 sh imm12:12 Rn:5 Rn:5"));
    ck_assert_int_eq(diag_count(), errs + 6);
    ck_assert_int_eq(spec.nencs, 0); /* a page with errors is left out whole */
}
END_TEST

/* ------------------------------------------------------ pages and blocks */

START_TEST(page_blocks_and_locations)
{
    Spec spec = { 0 };
    char *path = fixture("ok_basic.xml");
    ck_assert(spec_load_instruction(&spec, path));
    ck_assert_int_eq(spec.ninsns, 1);
    const Instruction *in = spec.insns[0];
    ck_assert_str_eq(in->id, "ok_basic");
    ck_assert_ptr_null(in->feature);
    ck_assert_int_eq(in->niclasses, 1);
    ck_assert_int_eq(in->iclasses[0].nencs, 2);
    ck_assert_str_eq(in->decode.text + strspn(in->decode.text, " \n"), "integer d = UInt(Rd);\n"
                                                                      "    integer n = UInt(Rn);\n"
                                                                      "    constant integer datasize = if sf == '1' then 64 else 32;\n  ");
    ck_assert_int_eq(in->decode.loc.line, 6);
    ck_assert_int_eq(in->decode.loc.col, 20); /* just after "  <decode><![CDATA[" */
    ck_assert_int_eq(in->execute.loc.line, 11);
    ck_assert_int_eq(in->execute.loc.col, 21);
    ck_assert_str_eq(in->asm_.text, "add {RegSP(datasize, d)}, {RegSP(datasize, n)}, #{Hex(UInt(imm12))}");
    ck_assert_int_eq(in->asm_.loc.line, 14);
    ck_assert_int_eq(in->asm_.loc.col, 8); /* just after "  <asm>" */
    ck_assert_int_eq(in->naliases, 1);
    ck_assert_str_eq(in->aliases[0].when.text, "sh == '0' && IsZero(imm12) && (d == 31 || n == 31)");
    ck_assert_int_eq(in->aliases[0].when.loc.line, 16);
    ck_assert_int_eq(in->aliases[0].when.loc.col, 20);
    ck_assert_str_eq(spec.encs[1]->id, "OKB_64");
    ck_assert_int_eq(spec.encs[1]->index, 1);
    ck_assert_int_eq(spec.encs[1]->loc.line, 5);
    ck_assert_int_eq(spec.encs[1]->loc.col, 17);
    ck_assert_str_eq(spec.encs[1]->loc.file, path);
    free(path);
}
END_TEST

START_TEST(page_iclasses)
{
    Spec spec = { 0 };
    char *path = fixture("ok_iclass.xml");
    ck_assert(spec_load_instruction(&spec, path));
    const Instruction *in = spec.insns[0];
    ck_assert_str_eq(in->feature, "FEAT_LRCPC");
    ck_assert_int_eq(in->niclasses, 2);
    ck_assert_str_eq(in->iclasses[0].name, "post-index");
    ck_assert_str_eq(in->iclasses[0].decode.text, "integer wback = 1;");
    ck_assert_ptr_null(in->iclasses[1].decode.text);
    ck_assert_str_eq(in->decode.text, "integer wback = 0;");
    ck_assert_int_eq(in->decode.loc.col, 11);
    ck_assert_ptr_nonnull(spec.encs[0]->asm_.text);
    ck_assert_ptr_eq(spec.encs[0]->iclass, &in->iclasses[0]);
    ck_assert_ptr_eq(spec.encs[3]->iclass, &in->iclasses[1]);
    ck_assert_int_eq(spec.encs[2]->priority, 1);
    free(path);
}
END_TEST

/* ------------------------------------------------------ cross checks */

START_TEST(overlap_detection)
{
    Spec spec = { 0 };
    mem_enc(&spec, "HINT", 0xfffff01f, 0xd503201f, 0);
    mem_enc(&spec, "NOP", 0xffffffff, 0xd503201f, 1);   /* inside HINT, higher priority: fine */
    mem_enc(&spec, "SB", 0xfffff0ff, 0xd50330ff, 0);    /* disjoint from HINT at bit 8 */
    mem_enc(&spec, "ADD", 0xff800000, 0x91000000, 0);
    int errs = diag_count();
    spec_check(&spec);
    ck_assert_int_eq(diag_count(), errs);

    mem_enc(&spec, "YIELD", 0xffffffff, 0xd503203f, 0); /* inside HINT, same priority */
    mem_enc(&spec, "ADDX", 0xffc00000, 0x91400000, 0);  /* inside ADD */
    mem_enc(&spec, "SUB", 0xff800000, 0xd1000000, 0);   /* disjoint from ADD at bit 30 */
    spec_check(&spec);
    ck_assert_int_eq(diag_count(), errs + 2);
}
END_TEST

START_TEST(duplicate_ids_and_features)
{
    Spec spec = { 0 };
    mem_enc(&spec, "A", 0xffffffff, 1, 0);
    mem_enc(&spec, "B", 0xffffffff, 2, 0);
    mem_enc(&spec, "A", 0xffffffff, 3, 0);
    int errs = diag_count();
    spec_check(&spec);
    ck_assert_int_eq(diag_count(), errs + 1);

    char *path;
    make_tmpdir();
    path = xasprintf("%s/features.xml", tmpdir);
    FILE *f = fopen(path, "w");
    fputs("<features>\n"
          "  <feature name=\"FEAT_A\" version=\"8.0\" title=\"a\"/>\n"
          "  <feature name=\"FEAT_B\" version=\"8.1\" title=\"b\" requires=\"FEAT_A  FEAT_C\"/>\n"
          "</features>\n",
          f);
    fclose(f);
    Spec fs = { 0 };
    ck_assert(spec_load_features(&fs, path));
    ck_assert_int_eq(fs.nfeatures, 2);
    ck_assert_int_eq(fs.features[1].nrequires, 2);
    ck_assert_str_eq(fs.features[1].requires[1], "FEAT_C");
    ck_assert_int_eq(fs.features[1].loc.line, 3);
    ck_assert_int_eq(fs.features[1].loc.col, 18);
    errs = diag_count();
    ck_assert(load_page(&fs, "gated", "FEAT_Z", "  <encoding id=\"G\" bits=\"11111111111111111111111111111111\"/>"));
    spec_check(&fs); /* FEAT_C and FEAT_Z are unknown */
    ck_assert_int_eq(diag_count(), errs + 2);
    free(path);
}
END_TEST

START_TEST(real_features_file_is_consistent)
{
    Spec spec = { 0 };
    const char *slash = strrchr(__FILE__, '/');
    char *path;
    path = xasprintf("%.*s/../spec/features.xml", slash ? (int)(slash - __FILE__) : 1,
                              slash ? __FILE__ : ".");
    int errs = diag_count();
    ck_assert(spec_load_features(&spec, path));
    spec_check(&spec);
    ck_assert_int_eq(diag_count(), errs);
    ck_assert_int_gt(spec.nfeatures, 40);
    free(path);
}
END_TEST

/* ------------------------------------------------------ decode tree */

START_TEST(tree_decodes_fixtures)
{
    Spec spec = { 0 };
    char *a = fixture("ok_basic.xml"), *b = fixture("ok_iclass.xml");
    ck_assert(spec_load_instruction(&spec, a));
    ck_assert(spec_load_instruction(&spec, b));
    for (int i = 0; i < spec.nencs; i++) {
        const Encoding *e = spec.encs[i];
        for (int k = 0; k < 200; k++) {
            uint32_t insn = (rnd() & ~e->mask) | e->match;
            ck_assert_int_eq(decode_tree_lookup(&spec, insn), reference_decode(&spec, insn));
        }
    }
    /* NOP (priority 1) beats the HINT that contains it. */
    ck_assert_str_eq(spec.encs[decode_tree_lookup(&spec, 0xd503201f)]->id, "OKI_nop");
    ck_assert_str_eq(spec.encs[decode_tree_lookup(&spec, 0xd503203f)]->id, "OKI_hint");
    ck_assert_int_eq(decode_tree_lookup(&spec, 0x00000000), -1);

    FILE *out = tmpfile();
    emit_decode_tree(&spec, out);
    long n = ftell(out);
    char *text = calloc(1, (size_t)n + 1);
    rewind(out);
    ck_assert_uint_eq(fread(text, 1, (size_t)n, out), (size_t)n);
    fclose(out);
    ck_assert_ptr_nonnull(strstr(text, "do not edit"));
    ck_assert_ptr_nonnull(strstr(text, "int a64_decode_index(uint32_t insn)"));
    ck_assert_ptr_nonnull(strstr(text, "return 4; /* OKI_nop, priority 1 */"));
    ck_assert(strstr(text, "OKI_nop") < strstr(text, "return 3; /* OKI_hint */"));
    int depth = 0;
    for (char *p = text; *p; p++)
        depth += (*p == '{') - (*p == '}');
    ck_assert_int_eq(depth, 0);
    free(text);
    free(a);
    free(b);
}
END_TEST

/* Random ISA-like sets: nested masks, overlaps at several priorities. */
START_TEST(tree_matches_reference_on_random_specs)
{
    for (int round = 0; round < 20; round++) {
        Spec spec = { 0 };
        int n = 50 + round * 20;
        for (int i = 0; i < n; i++) {
            uint32_t mask = 0xf0000000u | (rnd() & rnd()) | (rnd() & 0x0f000000u);
            if (i > 0 && rnd() % 3 == 0) { /* nest inside an earlier one */
                const Encoding *p = spec.encs[rnd() % (uint32_t)spec.nencs];
                mem_enc(&spec, "nested", p->mask | (rnd() & rnd()), p->match | rnd(), (int)(rnd() % 3));
            } else {
                mem_enc(&spec, "e", mask, rnd(), (int)(rnd() % 3));
            }
        }
        for (int i = 0; i < spec.nencs; i++)
            for (int k = 0; k < 20; k++) {
                uint32_t insn = (rnd() & ~spec.encs[i]->mask) | spec.encs[i]->match;
                ck_assert_int_eq(decode_tree_lookup(&spec, insn), reference_decode(&spec, insn));
            }
        for (int k = 0; k < 2000; k++) {
            uint32_t insn = rnd();
            ck_assert_int_eq(decode_tree_lookup(&spec, insn), reference_decode(&spec, insn));
        }
    }
}
END_TEST

START_TEST(tree_of_nothing)
{
    Spec spec = { 0 };
    ck_assert_int_eq(decode_tree_lookup(&spec, 0x12345678), -1);
    FILE *out = tmpfile();
    emit_decode_tree(&spec, out);
    emit_meta(&spec, out);
    ck_assert_int_gt(ftell(out), 0);
    fclose(out);
}
END_TEST

/* ------------------------------------------------------ metadata */

START_TEST(meta_rows_and_escapes)
{
    Spec spec = { 0 };
    Instruction in = { .id = "P\"q", .group = "gen", .file = "dir\\x.xml" };
    Encoding *e = mem_enc(&spec, "E1", 0xff000000, 0x12000000, 2);
    e->insn = &in;
    Field f = { .name = "imm", .hi = 23, .lo = 0 };
    e->fields = &f;
    e->nfields = 1;
    mem_enc(&spec, "E2", 0xff000000, 0x13000000, 0)->insn = &in;
    FILE *out = tmpfile();
    emit_meta(&spec, out);
    long n = ftell(out);
    char *text = calloc(1, (size_t)n + 1);
    rewind(out);
    ck_assert_uint_eq(fread(text, 1, (size_t)n, out), (size_t)n);
    fclose(out);
    ck_assert_ptr_nonnull(strstr(text, "static const A64Field a64_fields_0[] = {"));
    ck_assert_ptr_nonnull(strstr(text, "{ \"imm\", 23, 0, 0x00000000u },"));
    ck_assert_ptr_nonnull(strstr(text, "[0] = { \"E1\", \"P\\\"q\", \"gen\", \"\","));
    ck_assert_ptr_nonnull(strstr(text, "\"dir\\\\x.xml\", 0xff000000u, 0x12000000u, 0x00000000u, 0x00000000u, 2, "
                                       "a64_fields_0, 1, \"\" },"));
    ck_assert_ptr_nonnull(strstr(text, "NULL, 0, \"\" },"));
    ck_assert_ptr_nonnull(strstr(text, "const int a64_n_encodings = 2;"));
    free(text);
}
END_TEST

static Suite *gen_spec_suite(void)
{
    Suite *s = suite_create("gen_spec");
    TCase *tc = tcase_create("bits");
    tcase_add_test(tc, bits_named_fixed_and_variable);
    tcase_add_test(tc, bits_dont_care_and_partial_fields);
    tcase_add_test(tc, bits_should_be);
    tcase_add_test(tc, bits_errors);
    suite_add_tcase(s, tc);
    tc = tcase_create("pages");
    tcase_add_test(tc, page_blocks_and_locations);
    tcase_add_test(tc, page_iclasses);
    suite_add_tcase(s, tc);
    tc = tcase_create("check");
    tcase_add_test(tc, overlap_detection);
    tcase_add_test(tc, duplicate_ids_and_features);
    tcase_add_test(tc, real_features_file_is_consistent);
    suite_add_tcase(s, tc);
    tc = tcase_create("tree");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, tree_decodes_fixtures);
    tcase_add_test(tc, tree_matches_reference_on_random_specs);
    tcase_add_test(tc, tree_of_nothing);
    tcase_add_test(tc, meta_rows_and_escapes);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(gen_spec_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
