/* C back end: turns checked pseudocode into plain C. Values are uint64_t
 * (bits up to 64, high bits always zero), asl_u128 (wider bits), asl_int
 * (integer), bool, enums and structs. Calls that can end the instruction
 * return an AslStatus and are hoisted out of expressions into temporaries. */
#include "emit_c.h"
#include "emit_c_priv.h"
#include "ranges.h"

#include <stdarg.h>
#include <string.h>


static const char *where_of(SrcLoc l) { return xasprintf("%s:%d", l.file, l.line); }

static void line(Em *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void line(Em *m, const char *fmt, ...)
{
    va_list ap;
    for (int i = 0; i < m->ind; i++)
        fputs("    ", m->out);
    va_start(ap, fmt);
    vfprintf(m->out, fmt, ap);
    va_end(ap);
    fputc('\n', m->out);
}

static void at(Em *m, SrcLoc l)
{
    if (l.file && (l.line != m->last_line || m->file != l.file)) {
        fprintf(m->out, "#line %d \"%s\"\n", l.line, l.file);
        m->last_line = l.line;
        m->file = l.file;
    }
}

/* ------------------------------------------------------------ names and types */

static char *mangle(const char *name)
{
    char *s = xstrdup(name);
    for (char *p = s; *p; p++)
        if (*p == '.')
            *p = '_';
    return s;
}

static const char *local_name(const char *name)
{
    static const char *reserved[] = {
        "auto", "break", "char", "const", "continue", "default", "double", "enum", "extern",
        "float", "goto", "inline", "int", "long", "register", "restrict", "short", "signed",
        "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void",
        "volatile", "bool", "true", "false", "asm", "typeof", "main", "errno", "NULL",
    };
    for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
        if (strcmp(reserved[i], name) == 0)
            return xasprintf("%s_", name);
    return name;
}

/* Representation of bits: uint64_t up to 64 bits, asl_u128 above. A width
 * known only at run time is narrow, except inside the wide instantiation of
 * a function (g_wide), which callers with 128-bit values use. */
static bool g_wide;

static bool wide(const Ty *t)
{
    return t->kind == TY_BITS && (t->width.value > 64 || (t->width.value < 0 && g_wide));
}

/* Functions with run-time widths in their signature get two C versions. */
static bool sig_dynamic(const Ty *t)
{
    if (t->kind == TY_TUPLE) {
        for (int i = 0; i < t->nelems; i++)
            if (sig_dynamic(&t->elems[i]))
                return true;
        return false;
    }
    return t->kind == TY_BITS && t->width.value < 0;
}

static bool has_wide_version(const Decl *d)
{
    /* Primitives with run-time widths (Mem[]) have a C __w version too. */
    if (!d->body && !d->primitive)
        return false;
    if (d->ty.kind == TY_STRING)
        return false;
    if (sig_dynamic(&d->ty) || (d->kind == D_SETTER && sig_dynamic(&d->value.ty)))
        return true;
    for (int i = 0; i < d->nparams; i++)
        if (sig_dynamic(&d->params[i].ty))
            return true;
    return false;
}

/* A call uses the wide version when a value it passes or returns is wide. */
static bool call_is_wide(const Expr *e, const Decl *f, const Expr *value)
{
    if (!has_wide_version(f))
        return false;
    for (int i = 0; i < e->nwargs; i++)
        if (e->wargs[i].value > 64 || (e->wargs[i].value < 0 && g_wide))
            return true;
    for (int i = 0; i < e->nargs; i++)
        if (wide(&e->args[i]->ty))
            return true;
    if (value && wide(&value->ty))
        return true;
    if (e->ty.kind == TY_TUPLE) {
        for (int i = 0; i < e->ty.nelems; i++)
            if (wide(&e->ty.elems[i]))
                return true;
        return false;
    }
    return wide(&e->ty);
}

static const char *cty(const Ty *t)
{
    switch (t->kind) {
    case TY_INT: return "asl_int";
    case TY_BOOL: return "bool";
    case TY_BITS: return wide(t) ? "asl_u128" : "uint64_t";
    case TY_ENUM: case TY_RECORD: return t->def->name;
    case TY_STRING: return "const char *";
    default: return "void";
    }
}

static char *fn_name(const Decl *d)
{
    const char *pre = d->primitive ? "prim_" : "asl_";
    const char *kind = d->kind == D_GETTER ? "get_" : d->kind == D_SETTER ? "set_" : "";
    return xasprintf("%s%s%s", pre, kind, mangle(d->name));
}

/* The C function a call reaches: the wide version where the values need it. */
static char *callee_name(const Expr *e, const Decl *f, const Expr *value)
{
    if (call_is_wide(e, f, value))
        return xasprintf("%s__w", fn_name(f));
    return fn_name(f);
}

static char *int_lit(__int128 v)
{
    if (v >= INT64_MIN && v <= INT64_MAX)
        return xasprintf("((asl_int)%lldLL)", (long long)v);
    return xasprintf("ASL_I128(0x%llxULL, 0x%llxULL)", (unsigned long long)((unsigned __int128)v >> 64),
                     (unsigned long long)v);
}

static char *bits_lit(__int128 v, const Ty *t)
{
    if (wide(t))
        return xasprintf("((asl_u128)ASL_I128(0x%llxULL, 0x%llxULL))",
                         (unsigned long long)((unsigned __int128)v >> 64), (unsigned long long)v);
    return xasprintf("UINT64_C(0x%llx)", (unsigned long long)v);
}

static char *const_lit(const Expr *e)
{
    switch (e->ty.kind) {
    case TY_INT: return int_lit(e->cval);
    case TY_BOOL: return xstrdup(e->cval ? "true" : "false");
    case TY_BITS: return bits_lit(e->cval, &e->ty);
    case TY_ENUM: return xstrdup(e->ty.def->items[(int)e->cval]);
    default: return xstrdup("0");
    }
}

static char *expr(Em *m, const Expr *e);

static char *width_c(Em *m, Width w)
{
    if (width_static(w))
        return xasprintf("%d", w.value);
    return expr(m, w.expr);
}

static char *mask_c(Em *m, const Ty *t)
{
    if (width_static(t->width)) {
        if (wide(t))
            return xasprintf("asl_mask128(%d)", t->width.value);
        if (t->width.value >= 64)
            return xstrdup("UINT64_MAX");
        return xasprintf("UINT64_C(0x%llx)", (unsigned long long)((UINT64_C(1) << t->width.value) - 1));
    }
    if (wide(t))
        return xasprintf("asl_mask128(%s)", width_c(m, t->width));
    return xasprintf("asl_mask(%s)", width_c(m, t->width));
}

static bool full64(const Ty *t) { return width_static(t->width) && t->width.value == 64; }

/* ------------------------------------------------------------ expressions */

static char *call_args(Em *m, const Expr *e, const Decl *f, Expr **args, int nargs, const char *extra)
{
    size_t cap = 256, len = 0;
    char *s = xmalloc(cap);
    s[0] = 0;
#define APPEND(str)                                             \
    do {                                                        \
        const char *_a = (str);                                 \
        size_t _l = strlen(_a);                                 \
        while (len + _l + 3 > cap)                              \
            s = xrealloc(s, cap *= 2);                          \
        if (len)                                                \
            { memcpy(s + len, ", ", 2); len += 2; }             \
        memcpy(s + len, _a, _l + 1);                            \
        len += _l;                                              \
    } while (0)
    APPEND(f->ty.kind == TY_STRING ? "_b" : "_cpu");
    for (int i = 0; i < e->nwargs; i++)
        APPEND(xasprintf("(asl_int)(%s)", width_c(m, e->wargs[i])));
    for (int i = 0; i < nargs; i++)
        APPEND(expr(m, args[i]));
    if (extra)
        APPEND(extra);
#undef APPEND
    return s;
}

static char *builtin(Em *m, const Expr *e, Builtin bi)
{
    const Expr *x = e->nargs > 0 ? e->args[0] : NULL, *y = e->nargs > 1 ? e->args[1] : NULL;
    switch (bi) {
    case B_UINT:
        return xasprintf("((asl_int)%s)", expr(m, x));
    case B_SINT:
        if (wide(&x->ty))
            return xasprintf("asl_sint128(%s, %s)", expr(m, x), width_c(m, x->ty.width));
        if (full64(&x->ty))
            return xasprintf("((asl_int)(int64_t)%s)", expr(m, x));
        return xasprintf("asl_sint(%s, %s)", expr(m, x), width_c(m, x->ty.width));
    case B_ZEROEXT:
        return xasprintf("((%s)%s)", cty(&e->ty), expr(m, x));
    case B_SIGNEXT:
        if (wide(&e->ty))
            return xasprintf("((asl_u128)asl_sint(%s, %s) & %s)", expr(m, x), width_c(m, x->ty.width),
                             mask_c(m, &e->ty));
        return xasprintf("(asl_sext(%s, %s) & %s)", expr(m, x), width_c(m, x->ty.width), mask_c(m, &e->ty));
    case B_ZEROS:
        return xasprintf("((%s)0)", cty(&e->ty));
    case B_ONES:
        return mask_c(m, &e->ty);
    case B_REPLICATE:
        if (wide(&e->ty))
            return xasprintf("asl_replicate128(%s, %s, %s)", expr(m, x), width_c(m, x->ty.width), expr(m, y));
        return xasprintf("asl_replicate(%s, %s, %s)", expr(m, x), width_c(m, x->ty.width), expr(m, y));
    case B_ISZERO:
        return xasprintf("(%s == 0)", expr(m, x));
    case B_ISONES:
        return xasprintf("(%s == %s)", expr(m, x), mask_c(m, &x->ty));
    case B_ISZEROBIT:
        return xasprintf("((uint64_t)(%s == 0))", expr(m, x));
    case B_ALIGN:
        if (x->ty.kind == TY_INT)
            return xasprintf("asl_align_int(%s, %s)", expr(m, x), expr(m, y));
        return xasprintf("(%s & ~((%s)%s - 1))", expr(m, x), cty(&x->ty), expr(m, y));
    case B_MIN: return xasprintf("asl_min(%s, %s)", expr(m, x), expr(m, y));
    case B_MAX: return xasprintf("asl_max(%s, %s)", expr(m, x), expr(m, y));
    case B_ABS: return xasprintf("asl_abs(%s)", expr(m, x));
    case B_RAISE: case B_NONE: break;
    }
    return xstrdup("0");
}

static char *slice(Em *m, const Expr *e)
{
    const Expr *a = e->a;
    const char *lo, *w = width_c(m, e->ty.width);
    if (!e->c || e->plus_colon)
        lo = expr(m, e->b);
    else
        lo = expr(m, e->c);
    const char *v = expr(m, a);
    if (a->ty.kind == TY_INT)
        return xasprintf(wide(&e->ty) ? "asl_islice128(%s, %s, %s)" : "asl_islice(%s, %s, %s)", v, lo, w);
    if (wide(&a->ty))
        return xasprintf(wide(&e->ty) ? "asl_slice128(%s, %s, %s)" : "((uint64_t)asl_slice128(%s, %s, %s))",
                         v, lo, w);
    return xasprintf("asl_slice(%s, %s, %s)", v, lo, w);
}

static char *binop(Em *m, const Expr *e)
{
    const char *a = expr(m, e->a), *b = expr(m, e->b);
    const char *w = e->loc.file ? where_of(e->loc) : "?";
    bool bits = e->ty.kind == TY_BITS;
    static const char *cops[] = {
        [OP_ADD] = "+", [OP_SUB] = "-", [OP_MUL] = "*", [OP_EQ] = "==", [OP_NE] = "!=",
        [OP_LT] = "<", [OP_LE] = "<=", [OP_GT] = ">", [OP_GE] = ">=", [OP_LAND] = "&&",
        [OP_LOR] = "||", [OP_AND] = "&", [OP_OR] = "|", [OP_EOR] = "^",
    };
    switch (e->op) {
    case OP_ADD: case OP_SUB: case OP_MUL:
        if (bits) {
            const char *bb = e->b->ty.kind == TY_INT ? xasprintf("(%s)%s", cty(&e->ty), b) : b;
            if (full64(&e->ty))
                return xasprintf("(%s %s %s)", a, cops[e->op], bb);
            return xasprintf("((%s %s %s) & %s)", a, cops[e->op], bb, mask_c(m, &e->ty));
        }
        if (e->op == OP_MUL)
            return xasprintf("asl_imul(%s, %s)", a, b);
        return xasprintf("(%s %s %s)", a, cops[e->op], b);
    case OP_DIV: return xasprintf("asl_fdiv(%s, %s, \"%s\")", a, b, w);
    case OP_MOD: return xasprintf("asl_fmod(%s, %s, \"%s\")", a, b, w);
    case OP_QUOT: return xasprintf("asl_quot(%s, %s, \"%s\")", a, b, w);
    case OP_REM: return xasprintf("asl_rem(%s, %s, \"%s\")", a, b, w);
    case OP_SHL:
        if (bits)
            return wide(&e->ty) ? xasprintf("((%s << %s) & %s)", a, b, mask_c(m, &e->ty))
                                : xasprintf("asl_lsl(%s, %s, %s)", a, b, width_c(m, e->ty.width));
        return xasprintf("asl_ishl(%s, %s)", a, b);
    case OP_SHR:
        if (bits)
            return wide(&e->ty) ? xasprintf("(%s >> %s)", a, b) : xasprintf("asl_lsr(%s, %s)", a, b);
        return xasprintf("asl_ishr(%s, %s)", a, b);
    case OP_CONCAT:
        return xasprintf("(((%s)%s << %s) | %s)", cty(&e->ty), a, width_c(m, e->b->ty.width), b);
    default:
        return xasprintf("(%s %s %s)", a, cops[e->op], b);
    }
}

/* A pattern test: '1x0' matches when the fixed digits agree. */
static char *pattern(Em *m, const char *subject, const Expr *p)
{
    if (p->kind == E_BITS && strchr(p->bits, 'x')) {
        unsigned long long v = 0, mk = 0;
        for (const char *d = p->bits; *d; d++) {
            v <<= 1;
            mk <<= 1;
            if (*d != 'x') {
                mk |= 1;
                v |= *d == '1';
            }
        }
        return xasprintf("((%s & UINT64_C(0x%llx)) == UINT64_C(0x%llx))", subject, mk, v);
    }
    return xasprintf("(%s == %s)", subject, expr(m, p));
}

static char *expr(Em *m, const Expr *e)
{
    if (e->temp >= 0)
        return xasprintf("_t%d", e->temp);
    if (e->is_const && e->ty.kind != TY_STRING)
        return const_lit(e);
    switch (e->kind) {
    case E_INT: case E_BOOL: case E_BITS:
        return const_lit(e);
    case E_STRING:
        return xasprintf("\"%s\"", e->bits);
    case E_VAR:
        switch (e->sym) {
        case SYM_FIELD: case SYM_DECODE: return xasprintf("_D->%s", e->name);
        case SYM_GLOBAL: return xasprintf("_cpu->a.%s", e->name);
        default: return xstrdup(local_name(e->name));
        }
    case E_FIELD:
        return xasprintf("%s.%s", expr(m, e->a), e->name);
    case E_FIELDS: {
        const char *base = expr(m, e->a);
        char *s = NULL;
        for (int i = 0; i < e->nnames; i++) {
            const Decl *rec = e->a->ty.def;
            int w = 1;
            for (int j = 0; j < rec->nparams; j++)
                if (strcmp(rec->params[j].name, e->names[i]) == 0)
                    w = rec->params[j].ty.width.value;
            s = s ? xasprintf("((%s << %d) | %s.%s)", s, w, base, e->names[i])
                  : xasprintf("%s.%s", base, e->names[i]);
        }
        return s;
    }
    case E_CALL: {
        Builtin bi = sema_builtin(e->name);
        if (bi != B_NONE)
            return builtin(m, e, bi);
        return xasprintf("%s(%s)", callee_name(e, e->target, NULL), call_args(m, e, e->target, e->args, e->nargs, NULL));
    }
    case E_INDEX:
        if (e->target->kind == D_VAR)
            return xasprintf("_cpu->a.%s[asl_index(%s, %d, \"%s\")]", e->name, expr(m, e->args[0]),
                             e->target->const_hi, where_of(e->loc));
        if (e->target->kind == D_CONST)
            return xasprintf("asl_table_%s[asl_index(%s, %d, \"%s\")]", mangle(e->name),
                             expr(m, e->args[0]), e->target->const_hi, where_of(e->loc));
        return xasprintf("%s(%s)", callee_name(e, e->target, NULL), call_args(m, e, e->target, e->args, e->nargs, NULL));
    case E_SLICE:
        return slice(m, e);
    case E_UNOP:
        if (e->op == OP_NEG)
            return xasprintf("(-%s)", expr(m, e->a));
        if (e->op == OP_NOT)
            return xasprintf("(!%s)", expr(m, e->a));
        return xasprintf("(~%s & %s)", expr(m, e->a), mask_c(m, &e->ty));
    case E_BINOP:
        return binop(m, e);
    case E_COND:
        return xasprintf("(%s ? %s : %s)", expr(m, e->a), expr(m, e->b), expr(m, e->c));
    case E_IN: {
        const char *v = expr(m, e->a);
        char *s = NULL;
        for (int i = 0; i < e->nargs; i++)
            s = s ? xasprintf("%s || %s", s, pattern(m, v, e->args[i])) : pattern(m, v, e->args[i]);
        return xasprintf("(%s)", s ? s : "false");
    }
    default:
        return xstrdup("0 /* unsupported */");
    }
}

/* ------------------------------------------------------------ hoisting */

static void hoist(Em *m, Expr *e, bool conditional);

/* The C type a call's result has in the version of the callee it reaches. */
static const char *result_cty(const Expr *e, const Decl *f, const Ty *t)
{
    bool saved = g_wide;
    g_wide = call_is_wide(e, f, NULL);
    const char *r = cty(t);
    g_wide = saved;
    return r;
}

static void hoist_call(Em *m, Expr *e)
{
    const Decl *f = e->target;
    int t = m->ntemps++;
    line(m, "%s _t%d;", result_cty(e, f, &e->ty), t);
    const char *args = call_args(m, e, f, e->args, e->nargs, xasprintf("&_t%d", t));
    line(m, "ASL_TRY(%s(%s));", callee_name(e, f, NULL), args);
    e->temp = t;
}

static void hoist(Em *m, Expr *e, bool conditional)
{
    if (!e)
        return;
    e->temp = -1;
    if (e->is_const)
        return;
    switch (e->kind) {
    case E_COND:
        hoist(m, e->a, conditional);
        hoist(m, e->b, true);
        hoist(m, e->c, true);
        return;
    case E_BINOP:
        hoist(m, e->a, conditional);
        hoist(m, e->b, conditional || e->op == OP_LAND || e->op == OP_LOR);
        return;
    default:
        break;
    }
    hoist(m, e->a, conditional);
    hoist(m, e->b, conditional);
    hoist(m, e->c, conditional);
    for (int i = 0; i < e->nargs; i++)
        hoist(m, e->args[i], conditional);
    if ((e->kind == E_CALL || e->kind == E_INDEX) && e->target && e->target->raises) {
        if (conditional)
            diag_error(e->loc, "'%s' may end the instruction and cannot be called in a conditional "
                       "operand; assign its result to a variable first", e->name);
        else if (e->ty.kind != TY_TUPLE && e->ty.kind != TY_VOID)
            hoist_call(m, e);
    }
}

/* ------------------------------------------------------------ statements */

static void stmt(Em *m, Stmt *s);

static void block(Em *m, Stmt *s)
{
    for (int i = 0; i < s->nstmts; i++)
        stmt(m, s->stmts[i]);
}

static void braced(Em *m, Stmt *s)
{
    m->ind++;
    block(m, s);
    m->ind--;
}

/* Store the C value `v` into the lvalue `lv`. */
static void store(Em *m, const Expr *lv, const char *v)
{
    switch (lv->kind) {
    case E_DISCARD:
        return;
    case E_VAR:
        line(m, "%s = %s;", expr(m, lv), v);
        return;
    case E_FIELD:
        line(m, "%s.%s = %s;", expr(m, lv->a), lv->name, v);
        return;
    case E_INDEX:
        if (lv->target->kind == D_VAR) {
            line(m, "%s = %s;", expr(m, lv), v);
        } else {
            const char *call = xasprintf("%s(%s)", callee_name(lv, lv->target, NULL),
                                         call_args(m, lv, lv->target, lv->args, lv->nargs, v));
            if (lv->target->raises)
                line(m, "ASL_TRY(%s);", call);
            else
                line(m, "%s;", call);
        }
        return;
    case E_SLICE: {
        const char *lo = expr(m, (!lv->c || lv->plus_colon) ? lv->b : lv->c);
        const char *w = width_c(m, lv->ty.width);
        const char *old = expr(m, lv->a);
        const char *nv = wide(&lv->a->ty) ? xasprintf("asl_deposit128(%s, %s, %s, %s)", old, lo, w, v)
                                          : xasprintf("asl_deposit(%s, %s, %s, %s)", old, lo, w, v);
        store(m, lv->a, nv);
        return;
    }
    case E_FIELDS: {
        int t = m->ntemps++;
        line(m, "uint64_t _t%d = %s;", t, v);
        int shift = lv->ty.width.value;
        const Decl *rec = lv->a->ty.def;
        for (int i = 0; i < lv->nnames; i++) {
            int w = 1;
            for (int j = 0; j < rec->nparams; j++)
                if (strcmp(rec->params[j].name, lv->names[i]) == 0)
                    w = rec->params[j].ty.width.value;
            shift -= w;
            line(m, "%s.%s = asl_slice(_t%d, %d, %d);", expr(m, lv->a), lv->names[i], t, shift, w);
        }
        return;
    }
    default:
        diag_error(lv->loc, "cannot assign to this expression");
    }
}

static void hoist_lvalue(Em *m, Expr *lv)
{
    switch (lv->kind) {
    case E_INDEX:
        for (int i = 0; i < lv->nargs; i++)
            hoist(m, lv->args[i], false);
        break;
    case E_SLICE:
        hoist(m, lv->b, false);
        hoist(m, lv->c, false);
        hoist_lvalue(m, lv->a);
        break;
    case E_FIELD: case E_FIELDS:
        hoist_lvalue(m, lv->a);
        break;
    default:
        break;
    }
}

static void emit_return(Em *m, Stmt *s)
{
    if (!m->func) {
        line(m, "return ASL_OK;");
        return;
    }
    const Ty *rt = &m->func->ty;
    if (rt->kind == TY_STRING) {
        /* string functions print into the disassembler's buffer */
        if (s->rhs->kind == E_CALL && s->rhs->ty.kind == TY_STRING)
            line(m, "%s;", expr(m, s->rhs));
        else
            line(m, "disas_puts(_b, %s);", expr(m, s->rhs));
        line(m, "return;");
        return;
    }
    if (rt->kind == TY_TUPLE && s->rhs->kind == E_CALL) {
        /* return F(...) of a tuple: F writes straight into our results */
        char *outs = NULL;
        for (int i = 0; i < rt->nelems; i++)
            outs = outs ? xasprintf("%s, _ret%d", outs, i) : xasprintf("_ret%d", i);
        const Expr *c = s->rhs;
        const char *call = xasprintf("%s(%s)", callee_name(c, c->target, NULL),
                                     call_args(m, c, c->target, c->args, c->nargs, outs));
        if (c->target->raises)
            line(m, "ASL_TRY(%s);", call);
        else
            line(m, "%s;", call);
        line(m, m->status ? "return ASL_OK;" : "return;");
    } else if (rt->kind == TY_TUPLE) {
        for (int i = 0; i < rt->nelems; i++)
            line(m, "*_ret%d = %s;", i, expr(m, s->rhs->args[i]));
        line(m, m->status ? "return ASL_OK;" : "return;");
    } else if (rt->kind == TY_VOID) {
        line(m, m->status ? "return ASL_OK;" : "return;");
    } else if (m->status) {
        line(m, "*_ret = %s;", expr(m, s->rhs));
        line(m, "return ASL_OK;");
    } else {
        line(m, "return %s;", expr(m, s->rhs));
    }
}

static void emit_if(Em *m, Stmt *s, int i)
{
    hoist(m, s->conds[i], false);
    line(m, "if (%s) {", expr(m, s->conds[i]));
    braced(m, s->blocks[i]);
    if (i + 1 < s->nconds) {
        line(m, "} else {");
        m->ind++;
        emit_if(m, s, i + 1);
        m->ind--;
        line(m, "}");
    } else if (s->else_) {
        line(m, "} else {");
        braced(m, s->else_);
        line(m, "}");
    } else {
        line(m, "}");
    }
}

static void stmt(Em *m, Stmt *s)
{
    at(m, s->loc);
    switch (s->kind) {
    case S_DECL:
        for (int i = 0; i < s->nvars; i++) {
            DeclVar *v = &s->vars[i];
            if (v->is_const)
                continue;
            if (v->init)
                hoist(m, v->init, false);
            if (v->ty.kind == TY_BITS && v->ty.width.value < 0 && !g_wide)
                line(m, "asl_assert((%s) <= 64, \"%s\");", expr(m, v->ty.width.expr), where_of(v->loc));
            if (v->in_dec) {
                if (v->init)
                    line(m, "_D->%s = %s;", v->name, expr(m, v->init));
            } else if (v->init) {
                /* (void): pseudocode may declare a variable it never reads */
                line(m, "%s %s = %s; (void)%s;", cty(&v->ty), local_name(v->name), expr(m, v->init),
                     local_name(v->name));
            } else if (v->ty.kind == TY_RECORD) {
                line(m, "%s %s = {0}; (void)%s;", cty(&v->ty), local_name(v->name), local_name(v->name));
            } else {
                line(m, "%s %s = 0; (void)%s;", cty(&v->ty), local_name(v->name), local_name(v->name));
            }
        }
        break;
    case S_ASSIGN:
        if (s->lhs->kind == E_TUPLE) {
            Expr *call = s->rhs;
            for (int i = 0; i < call->nargs; i++)
                hoist(m, call->args[i], false);
            for (int i = 0; i < s->lhs->nargs; i++)
                hoist_lvalue(m, s->lhs->args[i]);
            int base = m->ntemps;
            m->ntemps += call->ty.nelems;
            char *outs = NULL;
            for (int i = 0; i < call->ty.nelems; i++) {
                line(m, "%s _t%d;", result_cty(call, call->target, &call->ty.elems[i]), base + i);
                outs = outs ? xasprintf("%s, &_t%d", outs, base + i) : xasprintf("&_t%d", base + i);
            }
            const char *c = xasprintf("%s(%s)", callee_name(call, call->target, NULL),
                                      call_args(m, call, call->target, call->args, call->nargs, outs));
            if (call->target->raises)
                line(m, "ASL_TRY(%s);", c);
            else
                line(m, "%s;", c);
            for (int i = 0; i < s->lhs->nargs; i++)
                store(m, s->lhs->args[i], xasprintf("_t%d", base + i));
        } else {
            hoist(m, s->rhs, false);
            hoist_lvalue(m, s->lhs);
            store(m, s->lhs, expr(m, s->rhs));
        }
        break;
    case S_CALL: {
        Expr *e = s->rhs;
        if (e->kind == E_CALL && sema_builtin(e->name) == B_RAISE) {
            line(m, "return ASL_EXCEPTION;");
            break;
        }
        for (int i = 0; i < e->nargs; i++)
            hoist(m, e->args[i], false);
        if (e->kind == E_CALL && e->target && e->target->raises && e->ty.kind == TY_VOID) {
            line(m, "ASL_TRY(%s(%s));", callee_name(e, e->target, NULL),
                 call_args(m, e, e->target, e->args, e->nargs, NULL));
        } else if (e->target && e->target->raises) {
            hoist_call(m, e);
        } else {
            line(m, "%s;", expr(m, e));
        }
        break;
    }
    case S_IF:
        emit_if(m, s, 0);
        break;
    case S_CASE: {
        hoist(m, s->subject, false);
        int t = m->ntemps++;
        line(m, "{");
        m->ind++;
        line(m, "%s _t%d = %s;", cty(&s->subject->ty), t, expr(m, s->subject));
        const char *sub = xasprintf("_t%d", t);
        for (int i = 0; i < s->narms; i++) {
            WhenArm *a = &s->arms[i];
            at(m, a->loc);
            if (a->npats == 0) {
                line(m, i ? "} else {" : "{");
            } else {
                char *c = NULL;
                for (int j = 0; j < a->npats; j++)
                    c = c ? xasprintf("%s || %s", c, pattern(m, sub, a->pats[j])) : pattern(m, sub, a->pats[j]);
                line(m, i ? "} else if (%s) {" : "if (%s) {", c);
            }
            braced(m, a->body);
        }
        line(m, "}");
        m->ind--;
        line(m, "}");
        break;
    }
    case S_FOR: {
        hoist(m, s->from, false);
        hoist(m, s->to, false);
        int t = m->ntemps++;
        const char *v = local_name(s->var);
        line(m, "for (asl_int %s = %s, _t%d = %s; %s %s _t%d; %s%s) {", v, expr(m, s->from), t,
             expr(m, s->to), v, s->downto ? ">=" : "<=", t, v, s->downto ? "--" : "++");
        braced(m, s->body);
        line(m, "}");
        break;
    }
    case S_WHILE:
        line(m, "for (;;) {");
        m->ind++;
        hoist(m, s->conds[0], false);
        line(m, "if (!%s)", expr(m, s->conds[0]));
        line(m, "    break;");
        block(m, s->blocks[0]);
        m->ind--;
        line(m, "}");
        break;
    case S_REPEAT:
        line(m, "for (;;) {");
        m->ind++;
        block(m, s->blocks[0]);
        hoist(m, s->conds[0], false);
        line(m, "if (%s)", expr(m, s->conds[0]));
        line(m, "    break;");
        m->ind--;
        line(m, "}");
        break;
    case S_RETURN:
        if (s->rhs && s->rhs->kind != E_TUPLE)
            hoist(m, s->rhs, false);
        else if (s->rhs)
            for (int i = 0; i < s->rhs->nargs; i++)
                hoist(m, s->rhs->args[i], false);
        emit_return(m, s);
        break;
    case S_UNDEFINED:
        line(m, "return ASL_UNDEFINED;");
        break;
    case S_UNPREDICTABLE:
        /* The disassembler reads on past UNPREDICTABLE in decode: objdump
         * prints such words as the instruction they resemble. */
        if (m->in_decode)
            line(m, "if (!_cpu->disassembling) return ASL_UNPREDICTABLE;");
        else
            line(m, "return ASL_UNPREDICTABLE;");
        break;
    case S_SEE:
        line(m, "return ASL_UNDEFINED; /* SEE \"%s\" */", s->text);
        break;
    case S_ASSERT:
        line(m, "asl_assert(%s, \"%s\");", expr(m, s->rhs), where_of(s->loc));
        break;
    case S_BLOCK:
        line(m, "{");
        braced(m, s);
        line(m, "}");
        break;
    }
}

/* ------------------------------------------------------------ library */

void emit_types(const Sema *s, FILE *out)
{
    for (int i = 0; i < s->decls.n; i++) {
        const Decl *d = s->decls.items[i];
        if (d->kind == D_ENUM) {
            fprintf(out, "typedef enum %s {\n", d->name);
            for (int j = 0; j < d->nitems; j++)
                fprintf(out, "    %s,\n", d->items[j]);
            fprintf(out, "} %s;\n\n", d->name);
        } else if (d->kind == D_RECORD) {
            fprintf(out, "typedef struct %s {\n", d->name);
            for (int j = 0; j < d->nparams; j++)
                fprintf(out, "    %s %s;\n", cty(&d->params[j].ty), d->params[j].name);
            fprintf(out, "} %s;\n\n", d->name);
        }
    }
    fprintf(out, "/* The architectural state (spec/lib global variables). */\n");
    fprintf(out, "typedef struct ArchState {\n");
    for (int i = 0; i < s->decls.n; i++) {
        const Decl *d = s->decls.items[i];
        if (d->kind != D_VAR)
            continue;
        if (d->array_lo)
            fprintf(out, "    %s %s[%d];\n", cty(&d->ty), d->name, d->const_hi + 1);
        else
            fprintf(out, "    %s %s;\n", cty(&d->ty), d->name);
    }
    fprintf(out, "} ArchState;\n");
}

static void signature(Em *m, const Decl *d, bool proto)
{
    const char *name = g_wide ? xasprintf("%s__w", fn_name(d)) : fn_name(d);
    const Ty *rt = &d->ty;
    bool status = d->raises;
    const char *ret = status ? "AslStatus" : (rt->kind == TY_TUPLE || rt->kind == TY_VOID ||
                                             rt->kind == TY_STRING) ? "void" : cty(rt);
    char *params = xstrdup(rt->kind == TY_STRING ? "DisasBuf *_b" : "Cpu *_cpu");
    for (int i = 0; i < d->nwparams; i++)
        params = xasprintf("%s, asl_int %s", params, local_name(d->wparams[i]));
    for (int i = 0; i < d->nparams; i++)
        params = xasprintf("%s, %s %s", params, cty(&d->params[i].ty), local_name(d->params[i].name));
    if (d->kind == D_SETTER)
        params = xasprintf("%s, %s %s", params, cty(&d->value.ty), local_name(d->value.name));
    if (rt->kind == TY_TUPLE)
        for (int i = 0; i < rt->nelems; i++)
            params = xasprintf("%s, %s *_ret%d", params, cty(&rt->elems[i]), i);
    else if (status && rt->kind != TY_VOID)
        params = xasprintf("%s, %s *_ret", params, cty(rt));
    /* Register accessors and small helpers are inlined where they are
     * used, so constant widths and register numbers fold away. */
    bool small = d->body && (d->kind == D_GETTER || d->kind == D_SETTER || d->body->nstmts <= 4);
    fprintf(m->out, "%s%s%s %s(%s)%s\n", d->primitive ? "" : "static inline ",
            small ? "__attribute__((always_inline)) " : "", ret, name, params, proto ? ";" : "");
}

/* The narrow version of a function checks that its run-time widths fit
 * 64 bits: a wider value reaching it would be a bug in the generator. */
static void narrow_asserts(Em *m, const Decl *d)
{
    const Ty *tys[64];
    int n = 0;
    if (d->ty.kind == TY_BITS)
        tys[n++] = &d->ty;
    for (int i = 0; i < d->nparams && n < 63; i++)
        if (d->params[i].ty.kind == TY_BITS)
            tys[n++] = &d->params[i].ty;
    if (d->kind == D_SETTER && d->value.ty.kind == TY_BITS)
        tys[n++] = &d->value.ty;
    for (int i = 0; i < n; i++) {
        if (tys[i]->width.value >= 0)
            continue;
        bool seen = false; /* one check per distinct width expression */
        for (int j = 0; j < i && !seen; j++)
            seen = tys[j]->width.value < 0 && tys[j]->width.expr == tys[i]->width.expr;
        if (!seen)
            line(m, "asl_assert((%s) <= 64, \"%s: narrow version of %s\");", expr(m, tys[i]->width.expr),
                 where_of(d->loc), d->name);
    }
}

void emit_lib(const Sema *s, FILE *out)
{
    Em em = { .out = out }, *m = &em;
    fprintf(out, "/* Primitives: C functions in interp/ with the spec's names and contracts\n"
                 " * (a __w version takes and returns 128-bit values). */\n");
    for (int w = 0; w < 2; w++)
        for (int i = 0; i < s->decls.n; i++) {
            Decl *d = s->decls.items[i];
            g_wide = w;
            if (d->primitive && (!w || has_wide_version(d)))
                signature(m, d, true);
        }
    g_wide = false;
    fprintf(out, "\n/* Constant arrays (tables such as S-boxes). */\n");
    for (int i = 0; i < s->decls.n; i++) {
        const Decl *d = s->decls.items[i];
        if (d->kind != D_CONST || !d->cvals)
            continue;
        at(m, d->loc);
        fprintf(out, "static const uint64_t asl_table_%s[%d] __attribute__((unused)) = {", mangle(d->name),
                d->ninits);
        for (int j = 0; j < d->ninits; j++)
            fprintf(out, "%s0x%llx", j % 8 ? ", " : (j ? ",\n    " : "\n    "),
                    (unsigned long long)d->cvals[j]);
        fprintf(out, "\n};\n");
    }
    fprintf(out, "\n/* Library functions (a __w version works on 128-bit values). */\n");
    for (int w = 0; w < 2; w++)
        for (int i = 0; i < s->decls.n; i++) {
            Decl *d = s->decls.items[i];
            g_wide = w;
            if (d->body && (!w || has_wide_version(d)))
                signature(m, d, true);
        }
    g_wide = false;
    for (int k = 0; k < 2 * s->decls.n; k++) {
        Decl *d = s->decls.items[k / 2];
        g_wide = k % 2;
        if (!d->body || (g_wide && !has_wide_version(d)))
            continue;
        fputc('\n', out);
        at(m, d->loc);
        signature(m, d, false);
        fprintf(out, "{\n");
        /* parameters a body does not use are normal in pseudocode */
        fprintf(out, "    (void)%s;", d->ty.kind == TY_STRING ? "_b" : "_cpu");
        for (int j = 0; j < d->nwparams; j++)
            fprintf(out, " (void)%s;", local_name(d->wparams[j]));
        for (int j = 0; j < d->nparams; j++)
            fprintf(out, " (void)%s;", local_name(d->params[j].name));
        fputc('\n', out);
        m->func = d;
        m->status = d->raises;
        m->ntemps = 0;
        m->ind = 1;
        if (!g_wide)
            narrow_asserts(m, d);
        block(m, d->body);
        /* Falling off the end of a procedure returns. */
        if (d->ty.kind == TY_VOID)
            line(m, d->raises ? "return ASL_OK;" : "return;");
        else
            line(m, "asl_fail(\"missing return\", \"%s\");", where_of(d->loc));
        fprintf(out, "}\n");
        m->last_line = -1;
    }
    g_wide = false;
}

/* ------------------------------------------------------------ encodings */

/* The narrowest C type that holds every value of r. */
static const struct NarrowTy {
    const char *name;
    __int128 lo, hi;
} narrow_types[] = {
    { "uint8_t", 0, UINT8_MAX }, { "int8_t", INT8_MIN, INT8_MAX },
    { "uint16_t", 0, UINT16_MAX }, { "int16_t", INT16_MIN, INT16_MAX },
    { "uint32_t", 0, UINT32_MAX }, { "int32_t", INT32_MIN, INT32_MAX },
    { "int64_t", INT64_MIN, INT64_MAX },
};

/* The narrowest C type that holds every value of r, or NULL. */
static const struct NarrowTy *narrow_ty(const Range *r)
{
    for (size_t i = 0; i < sizeof narrow_types / sizeof narrow_types[0]; i++)
        if (r->lo >= narrow_types[i].lo && r->hi <= narrow_types[i].hi)
            return &narrow_types[i];
    return NULL;
}

/* Decode-time variables: an integer whose range is known is stored in the
 * narrowest type that holds it (asl_int is 128 bits). */
static void collect_dec_vars(const Stmt *s, const DecRanges *ranges, FILE *out)
{
    if (!s)
        return;
    for (int i = 0; i < s->nstmts; i++) {
        const Stmt *t = s->stmts[i];
        if (t->kind != S_DECL)
            continue;
        for (int j = 0; j < t->nvars; j++) {
            const DeclVar *v = &t->vars[j];
            if (!v->in_dec)
                continue;
            const Range *r = v->ty.kind == TY_INT ? ranges_find(ranges, v->name) : NULL;
            const struct NarrowTy *narrow = r && r->known ? narrow_ty(r) : NULL;
            fprintf(out, "    %s %s;\n", narrow ? narrow->name : cty(&v->ty), v->name);
        }
    }
}

/* What decode proved about its integers, for the C compiler: execute may
 * assume each stays in its range (register numbers 0..31 make X[]'s checks
 * fold away). */
static void assume_ranges(const DecRanges *ranges, FILE *out)
{
    for (int i = 0; i < ranges->n; i++) {
        const Range *r = &ranges->ranges[i];
        const struct NarrowTy *t = r->known ? narrow_ty(r) : NULL;
        const char *name = ranges->vars[i]->name;
        if (t && r->lo > t->lo)
            fprintf(out, "    if (_D->%s < %lldLL) __builtin_unreachable();\n", name, (long long)r->lo);
        if (t && r->hi < t->hi)
            fprintf(out, "    if (_D->%s > %lldLL) __builtin_unreachable();\n", name, (long long)r->hi);
    }
}

void emit_encoding(const Encoding *enc, Stmt *decode, Stmt *execute, Scope *scope, FILE *dec, FILE *exec)
{
    (void)scope;
    const char *id = enc_cname(enc);
    /* The decoded form: variable fields and decode-time variables. */
    fprintf(dec, "\n/* %s: %s (%s) */\n", id, enc->insn->title ? enc->insn->title : "", enc->insn->file);
    fprintf(dec, "typedef struct Dec_%s {\n", id);
    fprintf(dec, "    uint32_t insn;\n");
    for (int i = 0; i < enc->nfields; i++) {
        const Field *f = &enc->fields[i];
        uint32_t all = (uint32_t)((((uint64_t)1 << (f->hi - f->lo + 1)) - 1) << f->lo);
        if (f->sb || (f->mask & all) != all)
            fprintf(dec, "    uint32_t %s; /* an encoding field: at most 32 bits */\n", f->name);
    }
    DecRanges ranges;
    ranges_of(decode, &ranges);
    collect_dec_vars(decode, &ranges, dec);
    fprintf(dec, "} Dec_%s;\n\n", id);

    Em em = { .out = dec }, *m = &em;
    fprintf(dec, "static inline AslStatus decode_%s(Cpu *_cpu, uint32_t insn, Dec_%s *_D)\n{\n", id, id);
    fprintf(dec, "    (void)_cpu;\n    _D->insn = insn;\n");
    for (int i = 0; i < enc->nfields; i++) {
        const Field *f = &enc->fields[i];
        int w = f->hi - f->lo + 1;
        uint32_t all = (uint32_t)((((uint64_t)1 << w) - 1) << f->lo);
        if (f->sb || (f->mask & all) != all)
            fprintf(dec, "    _D->%s = (insn >> %d) & 0x%llx;\n", f->name, f->lo,
                    (unsigned long long)(((uint64_t)1 << w) - 1));
    }
    m->ind = 1;
    m->status = true;
    m->in_decode = true;
    if (decode)
        block(m, decode);
    m->in_decode = false;
    fprintf(dec, "    return ASL_OK;\n}\n");

    m->out = exec;
    m->last_line = -1;
    m->ntemps = 0;
    /* execute_<id>() takes its decoded form as `const void *` so that the
     * decoded-instruction cache (interp/decode_cache.h) calls it directly. */
    fprintf(exec, "\nstatic AslStatus execute_%s(Cpu *_cpu, const void *_Dv)\n{\n", id);
    fprintf(exec, "    const Dec_%s *_D = _Dv;\n", id);
    fprintf(exec, "    (void)_cpu; (void)_D;\n");
    assume_ranges(&ranges, exec);
    ranges_free(&ranges);
    if (execute)
        block(m, execute);
    fprintf(exec, "    return ASL_OK;\n}\n\n");
    fprintf(exec, "static AslStatus exec_%s(Cpu *_cpu, uint32_t insn)\n{\n", id);
    fprintf(exec, "    Dec_%s d;\n    ASL_TRY(decode_%s(_cpu, insn, &d));\n", id, id);
    fprintf(exec, "    return execute_%s(_cpu, &d);\n}\n", id);
    /* Only a decode that touches no state is a function of the word and
     * may be cached; size 0 keeps the others out. */
    bool pure = !decode || !sema_stmt_stateful(decode);
    fprintf(exec, "\nstatic AslStatus dec_%s(Cpu *_cpu, uint32_t insn, void *d)\n{\n", id);
    fprintf(exec, "    return decode_%s(_cpu, insn, d);\n}\n", id);
    if (pure)
        fprintf(exec, "enum { decsize_%s = sizeof(Dec_%s) };\n", id, id);
    else
        fprintf(exec, "enum { decsize_%s = 0 };\n", id);
}

void emit_exec_table(const Spec *spec, FILE *out)
{
    fprintf(out, "\nconst A64ExecFn a64_exec_fns[] = {\n");
    for (int i = 0; i < spec->nencs; i++)
        fprintf(out, "    exec_%s,\n", enc_cname(spec->encs[i]));
    fprintf(out, "};\n");
    fprintf(out, "\nconst A64Decoded a64_decoded[] = {\n");
    for (int i = 0; i < spec->nencs; i++) {
        const char *id = enc_cname(spec->encs[i]);
        fprintf(out, "    { dec_%s, execute_%s, decsize_%s },\n", id, id, id);
    }
    fprintf(out, "};\n");
}

void emit_disas_table(const Spec *spec, FILE *out)
{
    fprintf(out, "\nconst A64DisasFn a64_disas_fns[] = {\n");
    for (int i = 0; i < spec->nencs; i++)
        fprintf(out, "    disas_%s,\n", enc_cname(spec->encs[i]));
    fprintf(out, "};\n");
}

/* ------------------------------------------------------------ for emit_disas.c */

void em_line(Em *m, const char *text) { line(m, "%s", text); }
char *em_expr(Em *m, const Expr *e) { return expr(m, e); }
