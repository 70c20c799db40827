/* Interval analysis of decode-time integers (see ranges.h). Sound and
 * simple: encoding fields give [0, 2^w - 1] through UInt() and the signed
 * range through SInt(); constants, + - *, shifts and DIV/MOD by constants,
 * unary minus and `if` combine them; anything else is unknown. A variable's
 * range covers its initializer and every assignment to it in decode. */
#include "ranges.h"

#include <stdlib.h>
#include <string.h>

#include "sema.h"

#define RANGE_LIMIT ((__int128)1 << 100) /* past this, give up (no overflow) */

static Range unknown(void) { return (Range){ false, 0, 0 }; }

static Range exact(__int128 v) { return (Range){ true, v, v }; }

static Range bounded(__int128 lo, __int128 hi)
{
    if (lo < -RANGE_LIMIT || hi > RANGE_LIMIT)
        return unknown();
    return (Range){ true, lo, hi };
}

static Range join(Range a, Range b)
{
    if (!a.known || !b.known)
        return unknown();
    return bounded(a.lo < b.lo ? a.lo : b.lo, a.hi > b.hi ? a.hi : b.hi);
}

static __int128 min4(__int128 a, __int128 b, __int128 c, __int128 d)
{
    __int128 m = a < b ? a : b, n = c < d ? c : d;
    return m < n ? m : n;
}

static __int128 max4(__int128 a, __int128 b, __int128 c, __int128 d)
{
    __int128 m = a > b ? a : b, n = c > d ? c : d;
    return m > n ? m : n;
}

static __int128 floor_div(__int128 a, __int128 b)
{
    __int128 q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static Range expr_range(const Expr *e, const DecRanges *env);

static Range binop_range(const Expr *e, const DecRanges *env)
{
    Range a = expr_range(e->a, env), b = expr_range(e->b, env);
    if (!a.known || !b.known)
        return unknown();
    switch (e->op) {
    case OP_ADD: return bounded(a.lo + b.lo, a.hi + b.hi);
    case OP_SUB: return bounded(a.lo - b.hi, a.hi - b.lo);
    case OP_MUL:
        return bounded(min4(a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi),
                       max4(a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi));
    case OP_SHL:
        if (b.lo < 0 || b.hi > 64)
            return unknown();
        return bounded(a.lo < 0 ? a.lo << b.hi : a.lo << b.lo, a.hi < 0 ? a.hi << b.lo : a.hi << b.hi);
    case OP_DIV:
        if (b.lo != b.hi || b.lo <= 0)
            return unknown();
        return bounded(floor_div(a.lo, b.lo), floor_div(a.hi, b.lo));
    case OP_MOD:
        if (b.lo != b.hi || b.lo <= 0)
            return unknown();
        return bounded(0, b.lo - 1);
    default:
        return unknown();
    }
}

static Range expr_range(const Expr *e, const DecRanges *env)
{
    if (!e || e->ty.kind != TY_INT)
        return unknown();
    if (e->is_const)
        return exact(e->cval);
    switch (e->kind) {
    case E_CALL: {
        Builtin b = sema_builtin(e->name);
        if ((b != B_UINT && b != B_SINT) || e->nargs != 1)
            return unknown();
        int w = e->args[0]->ty.width.value;
        if (e->args[0]->ty.kind != TY_BITS || w < 1 || w > 64)
            return unknown();
        if (b == B_UINT)
            return bounded(0, ((__int128)1 << w) - 1);
        return bounded(-((__int128)1 << (w - 1)), ((__int128)1 << (w - 1)) - 1);
    }
    case E_VAR: {
        if (e->sym != SYM_DECODE)
            return unknown();
        const Range *r = ranges_find(env, e->name);
        return r ? *r : unknown();
    }
    case E_BINOP:
        return binop_range(e, env);
    case E_UNOP:
        if (e->op != OP_NEG)
            return unknown();
        Range a = expr_range(e->a, env);
        return a.known ? bounded(-a.hi, -a.lo) : unknown();
    case E_COND:
        return join(expr_range(e->b, env), expr_range(e->c, env));
    default:
        return unknown();
    }
}

/* Join into *r the ranges of every assignment to `name` in s. */
static void assignments(const Stmt *s, const char *name, const DecRanges *env, Range *r)
{
    if (!s || !r->known)
        return;
    switch (s->kind) {
    case S_ASSIGN:
        if (s->lhs->kind == E_VAR && strcmp(s->lhs->name, name) == 0)
            *r = join(*r, expr_range(s->rhs, env));
        else if (s->lhs->kind == E_TUPLE)
            for (int i = 0; i < s->lhs->nargs; i++)
                if (s->lhs->args[i]->kind == E_VAR && strcmp(s->lhs->args[i]->name, name) == 0)
                    *r = unknown();
        return;
    case S_IF: case S_WHILE: case S_REPEAT:
        for (int i = 0; i < s->nconds; i++)
            assignments(s->blocks[i], name, env, r);
        assignments(s->else_, name, env, r);
        return;
    case S_CASE:
        for (int i = 0; i < s->narms; i++)
            assignments(s->arms[i].body, name, env, r);
        return;
    case S_FOR:
        assignments(s->body, name, env, r);
        return;
    case S_BLOCK:
        for (int i = 0; i < s->nstmts; i++)
            assignments(s->stmts[i], name, env, r);
        return;
    default:
        return;
    }
}

void ranges_of(const Stmt *decode, DecRanges *out)
{
    memset(out, 0, sizeof *out);
    if (!decode)
        return;
    int cap = 0;
    for (int i = 0; i < decode->nstmts; i++)
        if (decode->stmts[i]->kind == S_DECL)
            cap += decode->stmts[i]->nvars;
    out->vars = calloc((size_t)cap + 1, sizeof *out->vars);
    out->ranges = calloc((size_t)cap + 1, sizeof *out->ranges);
    if (!out->vars || !out->ranges)
        abort();
    for (int i = 0; i < decode->nstmts; i++) {
        const Stmt *t = decode->stmts[i];
        if (t->kind != S_DECL)
            continue;
        for (int j = 0; j < t->nvars; j++) {
            const DeclVar *v = &t->vars[j];
            if (!v->in_dec || v->ty.kind != TY_INT)
                continue;
            /* no initializer: only the assignments count */
            Range r = v->init ? expr_range(v->init, out) : (Range){ true, 0, 0 };
            bool seeded = v->init != NULL;
            Range a = { true, 0, 0 };
            bool any = false;
            for (int k = i + 1; k < decode->nstmts; k++) {
                Range one = { true, RANGE_LIMIT, -RANGE_LIMIT }; /* empty */
                assignments(decode->stmts[k], v->name, out, &one);
                if (!one.known) {
                    a = unknown();
                    any = true;
                } else if (one.lo <= one.hi) {
                    a = any ? join(a, one) : one;
                    any = true;
                }
            }
            if (any)
                r = seeded ? join(r, a) : a;
            else if (!seeded)
                r = unknown(); /* never given a value */
            out->vars[out->n] = v;
            out->ranges[out->n] = r;
            out->n++;
        }
    }
}

const Range *ranges_find(const DecRanges *r, const char *name)
{
    for (int i = r->n - 1; i >= 0; i--)
        if (strcmp(r->vars[i]->name, name) == 0)
            return &r->ranges[i];
    return NULL;
}

void ranges_free(DecRanges *r)
{
    free(r->vars);
    free(r->ranges);
    memset(r, 0, sizeof *r);
}
