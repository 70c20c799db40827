/* The pseudocode front end: lexer layout, parser shapes, and the type
 * checker's widths and generation-time constants. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "ranges.h"
#include "sema.h"
#include "spec.h"

static SrcLoc here = { "test", 1, 1 };

static Expr *pe(const char *s)
{
    Expr *e = asl_parse_expr(s, here);
    ck_assert_msg(e != NULL, "parse failed: %s", s);
    return e;
}

START_TEST(test_precedence)
{
    Expr *e = pe("a + b * c");
    ck_assert_int_eq(e->kind, E_BINOP);
    ck_assert_int_eq(e->op, OP_ADD);
    ck_assert_int_eq(e->b->op, OP_MUL);
    e = pe("a == b && c != d || e");
    ck_assert_int_eq(e->op, OP_LOR);
    ck_assert_int_eq(e->a->op, OP_LAND);
    e = pe("x:y:z");
    ck_assert_int_eq(e->op, OP_CONCAT);
    e = pe("if a then b else c + 1");
    ck_assert_int_eq(e->kind, E_COND);
    ck_assert_int_eq(e->c->op, OP_ADD);
}
END_TEST

START_TEST(test_slice_versus_less_than)
{
    Expr *e = pe("x<7:0>");
    ck_assert_int_eq(e->kind, E_SLICE);
    ck_assert_ptr_nonnull(e->c);
    e = pe("a < b");
    ck_assert_int_eq(e->kind, E_BINOP);
    ck_assert_int_eq(e->op, OP_LT);
    e = pe("f(x)<3>");
    ck_assert_int_eq(e->kind, E_SLICE);
    ck_assert_ptr_null(e->c);
    e = pe("x<lo+:8> == y<N-1:0>");
    ck_assert_int_eq(e->op, OP_EQ);
    ck_assert(e->a->plus_colon);
    ck_assert_int_eq(e->b->kind, E_SLICE);
    e = pe("PSTATE.<N,Z,C,V>");
    ck_assert_int_eq(e->kind, E_FIELDS);
    ck_assert_int_eq(e->nnames, 4);
    ck_assert_str_eq(e->names[3], "V");
}
END_TEST

START_TEST(test_literals)
{
    Expr *e = pe("'10x1'");
    ck_assert_int_eq(e->kind, E_BITS);
    ck_assert_str_eq(e->bits, "10x1");
    e = pe("0xFF_FF");
    ck_assert(e->ival == 0xffff);
    ck_assert_ptr_null(asl_parse_expr("0x1ffffffffffffffffffffffffffffffff", here));
}
END_TEST

START_TEST(test_layout)
{
    const char *src =
        "\n"
        "    if a then\n"
        "        x = 1;\n"
        "    elsif b then x = 2;\n"
        "    else\n"
        "        x = 3; y = 4;\n"
        "    case op of\n"
        "        when '00' r = 1;\n"
        "        when '01', '1x'\n"
        "            r = 2;\n"
        "        otherwise r = 3;\n"
        "    for i = 0 to 3\n"
        "        r = r + i;\n";
    Stmt *b = asl_parse_block(src, here);
    ck_assert_ptr_nonnull(b);
    ck_assert_int_eq(b->nstmts, 3);
    Stmt *s = b->stmts[0];
    ck_assert_int_eq(s->kind, S_IF);
    ck_assert_int_eq(s->nconds, 2);
    ck_assert_ptr_nonnull(s->else_);
    ck_assert_int_eq(s->else_->nstmts, 2);
    ck_assert_int_eq(b->stmts[1]->kind, S_CASE);
    ck_assert_int_eq(b->stmts[1]->narms, 3);
    ck_assert_int_eq(b->stmts[1]->arms[1].npats, 2);
    ck_assert_int_eq(b->stmts[1]->arms[2].npats, 0);
    ck_assert_int_eq(b->stmts[2]->kind, S_FOR);
    /* one-line if/else */
    b = asl_parse_block("if a then x = 1; else x = 2;\n", here);
    ck_assert_ptr_nonnull(b);
    ck_assert_ptr_nonnull(b->stmts[0]->else_);
}
END_TEST

START_TEST(test_syntax_errors_fail)
{
    ck_assert_ptr_null(asl_parse_block("x = 1\ny = 2;\n", here));
    ck_assert_ptr_null(asl_parse_block("if a then\n        x = 1;\n    y = 2;\n", here));
    ck_assert_ptr_null(asl_parse_block("x = $;\n", here));
}
END_TEST

/* Type checking an encoding: fixed fields fold, variable ones do not. */
START_TEST(test_folding_per_encoding)
{
    Sema sema;
    sema_init(&sema);
    const char *lib = "bits(width) Id(bits(width) v, integer width)\n    return v;\n";
    ck_assert(asl_parse_decls(lib, here, &sema.decls));
    ck_assert(sema_check_lib(&sema));

    Field fields[2] = {
        { .name = "sf", .hi = 31, .lo = 31, .mask = 0x80000000u, .value = 0x80000000u },
        { .name = "imm", .hi = 7, .lo = 0 },
    };
    Encoding enc = { .id = "T", .fields = fields, .nfields = 2 };
    Stmt *dec = asl_parse_block(
        "constant integer datasize = if sf == '1' then 64 else 32;\n"
        "integer k = UInt(imm) + 1;\n", here);
    Stmt *exe = asl_parse_block("bits(datasize) r = ZeroExtend(imm, datasize);\n", here);
    ck_assert_ptr_nonnull(dec);
    ck_assert_ptr_nonnull(exe);
    Scope *scope;
    ck_assert(sema_check_encoding(&sema, &enc, dec, exe, &scope));
    ck_assert(dec->stmts[0]->vars[0].is_const);
    ck_assert(dec->stmts[0]->vars[0].cval == 64);
    ck_assert(!dec->stmts[1]->vars[0].is_const);
    ck_assert(dec->stmts[1]->vars[0].in_dec);
    ck_assert_int_eq(exe->stmts[0]->vars[0].ty.width.value, 64);

    /* The same blocks with sf = 0 give 32 bits. */
    fields[0].value = 0;
    ck_assert(sema_check_encoding(&sema, &enc, dec, exe, &scope));
    ck_assert(dec->stmts[0]->vars[0].cval == 32);
    ck_assert_int_eq(exe->stmts[0]->vars[0].ty.width.value, 32);

    /* Width parameters bind from arguments; a mismatch is an error. */
    Expr *ok = asl_parse_expr("Id(imm, 8)", here);
    ck_assert(sema_check_expr_in(&sema, scope, ok));
    ck_assert_int_eq(ok->ty.width.value, 8);
    Expr *bad = asl_parse_expr("Id(imm, 16)", here);
    ck_assert(!sema_check_expr_in(&sema, scope, bad));
}
END_TEST

START_TEST(test_constant_folding)
{
    Sema sema;
    sema_init(&sema);
    ck_assert(sema_check_lib(&sema));
    Encoding enc = { .id = "T" };
    Scope *scope;
    Stmt *none = asl_parse_block("integer unused = 0;\n", here);
    ck_assert(sema_check_encoding(&sema, &enc, none, NULL, &scope));
    struct { const char *src; long long v; } cases[] = {
        { "7 DIV 2", 3 }, { "-7 DIV 2", -4 }, { "-7 MOD 2", 1 }, { "-7 QUOT 2", -3 },
        { "-7 REM 2", -1 }, { "1 << 40", 1LL << 40 }, { "UInt('1111')", 15 },
        { "SInt('1111')", -1 }, { "UInt('10':'01')", 9 }, { "UInt(NOT '0101')", 10 },
        { "UInt('11110000'<5:2>)", 12 }, { "UInt(0xF0<7:4>)", 15 },
        { "if FALSE then 1 elsif TRUE then 2 else 3", 2 }, { "if FALSE then 1 elsif FALSE then 2 else 3", 3 }, { "UInt(Ones(8))", 255 }, { "Min(3, -2)", -2 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Expr *e = asl_parse_expr(cases[i].src, here);
        ck_assert_ptr_nonnull(e);
        ck_assert(sema_check_expr_in(&sema, scope, e));
        ck_assert_msg(e->is_const, "%s not folded", cases[i].src);
        ck_assert_msg(e->cval == cases[i].v, "%s = %lld, expected %lld", cases[i].src,
                      (long long)e->cval, cases[i].v);
    }
}
END_TEST

/* A library function may not take a built-in's name: the built-in would
 * always win and the function would be dead code. */
START_TEST(test_builtin_not_redefined)
{
    Sema sema;
    sema_init(&sema);
    const char *lib = "integer Max(integer a, integer b)\n    return if a >= b then a else b;\n";
    ck_assert(asl_parse_decls(lib, here, &sema.decls));
    ck_assert(!sema_check_lib(&sema));
}
END_TEST

/* A decode block that touches no state (directly or through what it calls)
 * is a function of the word: the decoded-instruction cache may keep its
 * result. One that reads a global, calls a function that does, or calls a
 * primitive with effects may not be cached. */
START_TEST(test_decode_statefulness)
{
    Sema sema;
    sema_init(&sema);
    const char *lib =
        "bits(4) Flags;\n"
        "integer Twice(integer x)\n    return 2 * x;\n"
        "bits(4) ReadFlags()\n    return Flags;\n"
        "bits(4) Indirect()\n    return ReadFlags();\n"
        "__primitive bits(64) Effect(integer n);\n"
        "__pure_primitive bits(64) Pure(integer n);\n"
        "constant array bits(4) Table[0..1] = ('0001', '0010');\n";
    ck_assert(asl_parse_decls(lib, here, &sema.decls));
    ck_assert(sema_check_lib(&sema));
    Field fields[1] = { { .name = "imm", .hi = 3, .lo = 0 } };
    Encoding enc = { .id = "T", .fields = fields, .nfields = 1 };
    struct { const char *decode; bool stateful; } cases[] = {
        { "integer k = Twice(UInt(imm));\n", false },
        { "bits(64) v = Pure(UInt(imm));\n", false },
        { "bits(4) t = Table[UInt(imm<0>)];\n", false },
        { "bits(4) f = Flags;\n", true },
        { "bits(4) f = imm;\nif f == '0000' then\n    Flags = f;\n", true },
        { "bits(4) f = ReadFlags();\n", true },
        { "bits(4) f = Indirect();\n", true },
        { "bits(64) v = Effect(UInt(imm));\n", true },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Stmt *dec = asl_parse_block(cases[i].decode, here);
        ck_assert_ptr_nonnull(dec);
        Scope *scope;
        ck_assert_msg(sema_check_encoding(&sema, &enc, dec, NULL, &scope), "%s", cases[i].decode);
        ck_assert_msg(sema_stmt_stateful(dec) == cases[i].stateful, "%s", cases[i].decode);
    }
}
END_TEST

/* Decode-time integers get intervals (gen/ranges.c): the C back end stores
 * them narrow and lets execute assume them. Expected ranges by hand. */
START_TEST(test_decode_ranges)
{
    Sema sema;
    sema_init(&sema);
    const char *lib = "integer Opaque(integer x)\n    return x;\n";
    ck_assert(asl_parse_decls(lib, here, &sema.decls));
    ck_assert(sema_check_lib(&sema));
    Field fields[3] = {
        { .name = "Rd", .hi = 4, .lo = 0 },
        { .name = "imm", .hi = 12, .lo = 5 },
        { .name = "op", .hi = 13, .lo = 13 },
    };
    Encoding enc = { .id = "T", .fields = fields, .nfields = 3 };
    Stmt *dec = asl_parse_block(
        "integer d = UInt(Rd);\n"                          /* 0..31 */
        "integer off = SInt(imm) * 4 - 1;\n"               /* -513..507 */
        "integer esize;\n"
        "if op == '1' then\n    esize = 8;\nelse\n    esize = 64;\n" /* 8..64 */
        "integer sh = 8 << UInt(op);\n"                    /* 8..16 */
        "integer q = (UInt(imm) + d) DIV 2;\n"             /* 0..143 */
        "integer r = -d;\n"                                /* -31..0 */
        "integer u = Opaque(d);\n"                         /* unknown: a call */
        "integer t = 1;\n"
        "if op == '1' then\n    t = t + 1;\n",         /* unknown: depends on itself */
        here);
    ck_assert_ptr_nonnull(dec);
    Scope *scope;
    ck_assert(sema_check_encoding(&sema, &enc, dec, NULL, &scope));
    DecRanges r;
    ranges_of(dec, &r);
    struct { const char *name; bool known; long lo, hi; } want[] = {
        { "d", true, 0, 31 }, { "off", true, -513, 507 }, { "esize", true, 8, 64 },
        { "sh", true, 8, 16 }, { "q", true, 0, 143 }, { "r", true, -31, 0 },
        { "u", false, 0, 0 }, { "t", false, 0, 0 },
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const Range *x = ranges_find(&r, want[i].name);
        ck_assert_msg(x != NULL, "%s: no range", want[i].name);
        ck_assert_msg(x->known == want[i].known, "%s: known %d", want[i].name, x->known);
        if (want[i].known)
            ck_assert_msg(x->lo == want[i].lo && x->hi == want[i].hi, "%s: [%ld, %ld]", want[i].name,
                          (long)x->lo, (long)x->hi);
    }
    ranges_free(&r);
}
END_TEST

/* specialize="Q": one encoding per value of Q, with Q fixed in mask/match. */
START_TEST(test_specialize)
{
    Spec spec;
    memset(&spec, 0, sizeof spec);
    ck_assert(spec_load_instruction(&spec, "tests/gen/ok_specialize.xml"));
    ck_assert_int_eq(spec.nencs, 2);
    for (int i = 0; i < 2; i++) {
        const Encoding *e = spec.encs[i];
        ck_assert_str_eq(e->id, "OKS_asimd");
        ck_assert_uint_eq(e->mask & 0x40000000u, 0x40000000u);
        ck_assert_uint_eq(e->match & 0x40000000u, (uint32_t)i << 30);
        ck_assert_str_eq(e->variant, i ? "Q=1" : "Q=0");
        ck_assert_str_eq(e->cname, i ? "OKS_asimd__Q1" : "OKS_asimd__Q0");
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("gen_asl");
    TCase *tc = tcase_create("front end");
    tcase_add_test(tc, test_precedence);
    tcase_add_test(tc, test_slice_versus_less_than);
    tcase_add_test(tc, test_literals);
    tcase_add_test(tc, test_layout);
    tcase_add_test(tc, test_syntax_errors_fail);
    tcase_add_test(tc, test_folding_per_encoding);
    tcase_add_test(tc, test_constant_folding);
    tcase_add_test(tc, test_specialize);
    tcase_add_test(tc, test_decode_statefulness);
    tcase_add_test(tc, test_decode_ranges);
    tcase_add_test(tc, test_builtin_not_redefined);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
