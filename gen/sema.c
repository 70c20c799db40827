/* The type checker. Every expression gets a type whose bit width is either
 * known at generation time or an integer expression evaluated at run time;
 * values known at generation time (fixed encoding fields, constants,
 * decode-time arithmetic on them) are folded here, so an encoding with
 * sf == '1' gets `datasize` = 64 and no run-time width at all. */
#include "sema.h"

#include <string.h>

#define ERR(loc, ...) (diag_error((loc), __VA_ARGS__), c->sema->errors++)

typedef struct Ctx {
    Sema *sema;
    Scope *scope;
    Decl *func;              /* function being checked; NULL in encoding blocks */
    const Encoding *enc;
    bool in_decode;
    int depth;               /* block nesting (0 = top level of the block) */
    char **assigned;         /* names assigned after their declaration */
    int nassigned, cap;
} Ctx;

static Sema *g_sema;

/* ------------------------------------------------------------ declarations */

static Decl *find(const char *name, bool (*pred)(const Decl *))
{
    for (int i = 0; i < g_sema->decls.n; i++) {
        Decl *d = g_sema->decls.items[i];
        if (strcmp(d->name, name) == 0 && pred(d))
            return d;
    }
    return NULL;
}

static bool is_type(const Decl *d) { return d->kind == D_ENUM || d->kind == D_RECORD; }
static bool is_value(const Decl *d) { return d->kind == D_VAR || d->kind == D_CONST; }
static bool is_func(const Decl *d) { return d->kind == D_FUNC; }
static bool is_getter(const Decl *d) { return d->kind == D_GETTER; }
static bool is_setter(const Decl *d) { return d->kind == D_SETTER; }

Decl *sema_find_decl(const char *name, DeclKind kind)
{
    switch (kind) {
    case D_ENUM: case D_RECORD: return find(name, is_type);
    case D_VAR: case D_CONST: return find(name, is_value);
    case D_FUNC: return find(name, is_func);
    case D_GETTER: return find(name, is_getter);
    case D_SETTER: return find(name, is_setter);
    }
    return NULL;
}

static Decl *find_enum_item(const char *name, int *index)
{
    for (int i = 0; i < g_sema->decls.n; i++) {
        Decl *d = g_sema->decls.items[i];
        if (d->kind != D_ENUM)
            continue;
        for (int j = 0; j < d->nitems; j++)
            if (strcmp(d->items[j], name) == 0) {
                *index = j;
                return d;
            }
    }
    return NULL;
}

Builtin sema_builtin(const char *name)
{
    static const struct { const char *name; Builtin b; } tab[] = {
        { "UInt", B_UINT }, { "SInt", B_SINT }, { "ZeroExtend", B_ZEROEXT },
        { "SignExtend", B_SIGNEXT }, { "Zeros", B_ZEROS }, { "Ones", B_ONES },
        { "Replicate", B_REPLICATE }, { "IsZero", B_ISZERO }, { "IsOnes", B_ISONES },
        { "IsZeroBit", B_ISZEROBIT }, { "Align", B_ALIGN }, { "Min", B_MIN },
        { "Max", B_MAX }, { "Abs", B_ABS }, { "RaiseException", B_RAISE },
    };
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
        if (strcmp(tab[i].name, name) == 0)
            return tab[i].b;
    return B_NONE;
}

/* ------------------------------------------------------------ types and widths */

static Ty ty_simple(TyKind k) { Ty t = { .kind = k, .width = { 0, NULL } }; return t; }

static Ty ty_bits_w(Width w) { Ty t = { .kind = TY_BITS, .width = w }; return t; }

static Ty ty_bits(int n) { return ty_bits_w((Width){ n, NULL }); }

bool ty_is_bits(const Ty *t) { return t->kind == TY_BITS; }
bool width_static(Width w) { return w.value >= 0; }

const char *ty_name(const Ty *t)
{
    switch (t->kind) {
    case TY_ERROR: return "<error>";
    case TY_VOID: return "nothing";
    case TY_INT: return "integer";
    case TY_BOOL: return "boolean";
    case TY_STRING: return "string";
    case TY_TUPLE: return "tuple";
    case TY_ENUM: case TY_RECORD: return t->def->name;
    case TY_BITS:
        if (width_static(t->width))
            return xasprintf("bits(%d)", t->width.value);
        return "bits(N)";
    }
    return "?";
}

static Expr *int_node(__int128 v, SrcLoc loc)
{
    Expr *e = expr_new(E_INT, loc);
    e->ival = v;
    e->ty = ty_simple(TY_INT);
    e->is_const = true;
    e->cval = v;
    return e;
}

static Expr *width_expr(Width w, SrcLoc loc) { return width_static(w) ? int_node(w.value, loc) : w.expr; }

/* Width arithmetic: folded when both sides are static, else an expression. */
static Width w_binop(Op op, Width a, Width b, SrcLoc loc)
{
    if (width_static(a) && width_static(b)) {
        long v = op == OP_ADD ? a.value + b.value : op == OP_SUB ? a.value - b.value
               : op == OP_MUL ? (long)a.value * b.value : b.value ? a.value / b.value : 0;
        return (Width){ (int)v, NULL };
    }
    Expr *e = expr_new(E_BINOP, loc);
    e->op = op;
    e->a = width_expr(a, loc);
    e->b = width_expr(b, loc);
    e->ty = ty_simple(TY_INT);
    return (Width){ -1, e };
}

static Width width_of_int_expr(const Expr *e)
{
    if (e->is_const)
        return (Width){ (int)e->cval, NULL };
    return (Width){ -1, (Expr *)e };
}

static bool widths_conflict(Width a, Width b)
{
    return width_static(a) && width_static(b) && a.value != b.value;
}

static bool same_type(const Ty *a, const Ty *b)
{
    if (a->kind == TY_ERROR || b->kind == TY_ERROR)
        return true;
    if (a->kind != b->kind)
        return false;
    if (a->kind == TY_BITS)
        return !widths_conflict(a->width, b->width);
    if (a->kind == TY_ENUM || a->kind == TY_RECORD)
        return a->def == b->def;
    return true;
}

/* ------------------------------------------------------------ scopes */

static Sym *lookup(Scope *s, const char *name)
{
    for (; s; s = s->parent)
        for (Sym *y = s->syms; y; y = y->next)
            if (strcmp(y->name, name) == 0)
                return y;
    return NULL;
}

static Sym *add_sym(Scope *s, const char *name, SymKind kind, Ty ty)
{
    Sym *y = xcalloc(1, sizeof *y);
    y->name = xstrdup(name);
    y->kind = kind;
    y->ty = ty;
    y->next = s->syms;
    s->syms = y;
    return y;
}

static Scope *push_scope(Ctx *c)
{
    Scope *s = xcalloc(1, sizeof *s);
    s->parent = c->scope;
    c->scope = s;
    return s;
}

static void pop_scope(Ctx *c) { c->scope = c->scope->parent; }

static void check_expr(Ctx *c, Expr *e);
static void check_block(Ctx *c, Stmt *s);

static Ty resolve_type(Ctx *c, TypeSyn *t)
{
    switch (t->kind) {
    case TY_INT: case TY_BOOL: case TY_STRING:
        return ty_simple(t->kind);
    case TY_BITS:
        if (!t->width)
            return ty_bits(1);
        check_expr(c, t->width);
        if (t->width->ty.kind != TY_INT && t->width->ty.kind != TY_ERROR) {
            ERR(t->width->loc, "bit width must be an integer, not %s", ty_name(&t->width->ty));
            return ty_simple(TY_ERROR);
        }
        if (t->width->is_const && (t->width->cval < 0 || t->width->cval > 128)) {
            ERR(t->width->loc, "bit width %d is out of range (0 to 128)", (int)t->width->cval);
            return ty_simple(TY_ERROR);
        }
        return ty_bits_w(width_of_int_expr(t->width));
    case TY_ENUM: {
        Decl *d = find(t->name, is_type);
        if (!d) {
            ERR(t->loc, "unknown type '%s'", t->name);
            return ty_simple(TY_ERROR);
        }
        Ty r = ty_simple(d->kind == D_ENUM ? TY_ENUM : TY_RECORD);
        r.def = d;
        return r;
    }
    case TY_TUPLE: {
        Ty r = ty_simple(TY_TUPLE);
        r.elems = xcalloc((size_t)t->nelems, sizeof(Ty));
        r.nelems = t->nelems;
        for (int i = 0; i < t->nelems; i++)
            r.elems[i] = resolve_type(c, t->elems[i]);
        return r;
    }
    default:
        return ty_simple(TY_ERROR);
    }
}

/* ------------------------------------------------------------ constants */

static __int128 mask128(int w) { return w >= 127 ? (__int128)-1 : (((__int128)1 << w) - 1); }

static bool bits_literal(const char *digits, __int128 *val, __int128 *mask)
{
    __int128 v = 0, m = 0;
    bool has_x = false;
    for (const char *p = digits; *p; p++) {
        v <<= 1;
        m <<= 1;
        if (*p == 'x') {
            has_x = true;
        } else {
            m |= 1;
            v |= *p == '1';
        }
    }
    *val = v;
    *mask = m;
    return !has_x;
}

static __int128 floor_div(__int128 a, __int128 b)
{
    __int128 q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

/* Fold e from its (checked) operands where all are constants. */
static void fold(Expr *e)
{
    Expr *a = e->a, *b = e->b;
    switch (e->kind) {
    case E_UNOP:
        if (!a->is_const)
            return;
        e->is_const = true;
        if (e->op == OP_NEG) e->cval = -a->cval;
        else if (e->op == OP_NOT) e->cval = !a->cval;
        else if (width_static(e->ty.width)) e->cval = ~a->cval & mask128(e->ty.width.value);
        else e->is_const = false;
        return;
    case E_BINOP: {
        if (!a->is_const || !b->is_const)
            return;
        __int128 x = a->cval, y = b->cval, r = 0;
        bool bits = e->ty.kind == TY_BITS;
        int w = bits ? e->ty.width.value : 0;
        if (bits && w < 0)
            return;
        switch (e->op) {
        case OP_ADD: r = x + y; break;
        case OP_SUB: r = x - y; break;
        case OP_MUL: r = x * y; break;
        case OP_DIV: if (!y) return; r = floor_div(x, y); break;
        case OP_MOD: if (!y) return; r = x - y * floor_div(x, y); break;
        case OP_QUOT: if (!y) return; r = x / y; break;
        case OP_REM: if (!y) return; r = x % y; break;
        case OP_SHL: if (y < 0 || y > 126) return; r = x << (int)y; break;
        case OP_SHR: if (y < 0) return; r = y > 126 ? (x < 0 ? -1 : 0) : x >> (int)y; break;
        case OP_EQ: r = x == y; break;
        case OP_NE: r = x != y; break;
        case OP_LT: r = x < y; break;
        case OP_LE: r = x <= y; break;
        case OP_GT: r = x > y; break;
        case OP_GE: r = x >= y; break;
        case OP_LAND: r = x && y; break;
        case OP_LOR: r = x || y; break;
        case OP_AND: r = x & y; break;
        case OP_OR: r = x | y; break;
        case OP_EOR: r = x ^ y; break;
        case OP_CONCAT:
            if (!width_static(b->ty.width) || w > 126)
                return;
            r = (x << b->ty.width.value) | y;
            break;
        default: return;
        }
        e->is_const = true;
        e->cval = bits ? (r & mask128(w)) : r;
        return;
    }
    case E_COND:
        if (a->is_const && (a->cval ? b : e->c)->is_const) {
            e->is_const = true;
            e->cval = (a->cval ? b : e->c)->cval;
        }
        return;
    default:
        return;
    }
}

/* ------------------------------------------------------------ calls */

typedef struct Binding { const char *name; Width w; } Binding;

static bool subst(Ctx *c, Expr *E, Binding *b, int nb, Width *out, SrcLoc at)
{
    switch (E->kind) {
    case E_INT:
        *out = (Width){ (int)E->ival, NULL };
        return true;
    case E_VAR:
        for (int i = 0; i < nb; i++)
            if (strcmp(b[i].name, E->name) == 0) {
                if (b[i].w.value == -2)
                    return false;
                *out = b[i].w;
                return true;
            }
        {
            Decl *d = find(E->name, is_value);
            if (d && d->kind == D_CONST) {
                *out = (Width){ (int)d->cval, NULL };
                return true;
            }
        }
        ERR(at, "width '%s' of the callee cannot be expressed at the call", E->name);
        return false;
    case E_BINOP: {
        Width x, y;
        if (!subst(c, E->a, b, nb, &x, at) || !subst(c, E->b, b, nb, &y, at))
            return false;
        if (E->op != OP_ADD && E->op != OP_SUB && E->op != OP_MUL && E->op != OP_DIV) {
            ERR(at, "unsupported operator in a width expression");
            return false;
        }
        *out = w_binop(E->op, x, y, at);
        return true;
    }
    default:
        ERR(at, "width expression too complex");
        return false;
    }
}

static bool is_bare_width_param(const Decl *f, const Expr *w, int *idx)
{
    if (!w || w->kind != E_VAR)
        return false;
    for (int i = 0; i < f->nwparams; i++)
        if (strcmp(f->wparams[i], w->name) == 0) {
            *idx = i;
            return true;
        }
    return false;
}

/* Check a call to a user function/getter/setter `f` with `args` (and, for
 * setters, the assigned value). Sets e->wargs and returns the result type. */
static Ty check_call(Ctx *c, Expr *e, Decl *f, Expr **args, int nargs, Expr *value)
{
    if (nargs != f->nparams) {
        ERR(e->loc, "'%s' takes %d argument%s, %d given", f->name, f->nparams,
            f->nparams == 1 ? "" : "s", nargs);
        return ty_simple(TY_ERROR);
    }
    int nb = f->nwparams + f->nparams;
    Binding *b = xcalloc((size_t)nb + 1, sizeof *b);
    for (int i = 0; i < f->nwparams; i++)
        b[i] = (Binding){ f->wparams[i], { -2, NULL } };
    for (int i = 0; i < nargs; i++) {
        check_expr(c, args[i]);
        Param *p = &f->params[i];
        b[f->nwparams + i] = (Binding){ p->name, { -2, NULL } };
        if (p->ty.kind == TY_INT && args[i]->ty.kind == TY_INT)
            b[f->nwparams + i].w = width_of_int_expr(args[i]);
        int wi;
        if (p->ty.kind == TY_BITS && args[i]->ty.kind == TY_BITS &&
            is_bare_width_param(f, p->type->width, &wi) && b[wi].w.value == -2)
            b[wi].w = args[i]->ty.width;
    }
    if (value && f->value.ty.kind == TY_BITS && value->ty.kind == TY_BITS) {
        int wi;
        if (is_bare_width_param(f, f->value.type->width, &wi) && b[wi].w.value == -2)
            b[wi].w = value->ty.width;
    }
    for (int i = 0; i < nargs; i++) {
        Param *p = &f->params[i];
        Ty at = args[i]->ty;
        if (at.kind == TY_ERROR)
            continue;
        if (p->ty.kind == TY_BITS && at.kind == TY_BITS) {
            Width want;
            if (p->type->width && subst(c, p->type->width, b, nb, &want, args[i]->loc) &&
                widths_conflict(want, at.width))
                ERR(args[i]->loc, "argument %d of '%s' is bits(%d), expected bits(%d)",
                    i + 1, f->name, at.width.value, want.value);
        } else if (!same_type(&p->ty, &at)) {
            ERR(args[i]->loc, "argument %d of '%s' is %s, expected %s", i + 1, f->name,
                ty_name(&at), ty_name(&p->ty));
        }
    }
    if (value && value->ty.kind != TY_ERROR) {
        if (f->value.ty.kind == TY_BITS && value->ty.kind == TY_BITS) {
            Width want;
            if (f->value.type->width && subst(c, f->value.type->width, b, nb, &want, value->loc) &&
                widths_conflict(want, value->ty.width))
                ERR(value->loc, "value assigned to '%s' is bits(%d), expected bits(%d)",
                    f->name, value->ty.width.value, want.value);
        } else if (!same_type(&f->value.ty, &value->ty)) {
            ERR(value->loc, "value assigned to '%s' is %s, expected %s", f->name,
                ty_name(&value->ty), ty_name(&f->value.ty));
        }
    }
    e->wargs = xcalloc((size_t)f->nwparams + 1, sizeof(Width));
    e->nwargs = f->nwparams;
    for (int i = 0; i < f->nwparams; i++) {
        if (b[i].w.value == -2) {
            ERR(e->loc, "cannot tell width '%s' of '%s' from its arguments", f->wparams[i], f->name);
            b[i].w = (Width){ 0, NULL };
        }
        e->wargs[i] = b[i].w;
    }
    e->target = f;
    Ty r = f->ty;
    if (r.kind == TY_BITS && f->type->width) {
        if (!subst(c, f->type->width, b, nb, &r.width, e->loc))
            r = ty_simple(TY_ERROR);
    } else if (r.kind == TY_TUPLE) {
        Ty t = r;
        t.elems = xcalloc((size_t)r.nelems, sizeof(Ty));
        for (int i = 0; i < r.nelems; i++) {
            t.elems[i] = r.elems[i];
            TypeSyn *ts = f->type->elems[i];
            if (t.elems[i].kind == TY_BITS && ts->width &&
                !subst(c, ts->width, b, nb, &t.elems[i].width, e->loc))
                t.elems[i] = ty_simple(TY_ERROR);
        }
        r = t;
    }
    return r;
}

static void need(Ctx *c, Expr *e, TyKind k, const char *what)
{
    if (e->ty.kind != k && e->ty.kind != TY_ERROR) {
        Ty t = ty_simple(k);
        ERR(e->loc, "%s must be %s, not %s", what, k == TY_BITS ? "bits" : ty_name(&t), ty_name(&e->ty));
    }
}

static void check_builtin(Ctx *c, Expr *e, Builtin bi)
{
    static const int nargs[] = {
        [B_UINT] = 1, [B_SINT] = 1, [B_ZEROEXT] = 2, [B_SIGNEXT] = 2, [B_ZEROS] = 1,
        [B_ONES] = 1, [B_REPLICATE] = 2, [B_ISZERO] = 1, [B_ISONES] = 1,
        [B_ISZEROBIT] = 1, [B_ALIGN] = 2, [B_MIN] = 2, [B_MAX] = 2, [B_ABS] = 1, [B_RAISE] = 0,
    };
    if (e->nargs != nargs[bi]) {
        ERR(e->loc, "'%s' takes %d argument%s, %d given", e->name, nargs[bi],
            nargs[bi] == 1 ? "" : "s", e->nargs);
        e->ty = ty_simple(TY_ERROR);
        return;
    }
    for (int i = 0; i < e->nargs; i++)
        check_expr(c, e->args[i]);
    Expr *x = e->nargs > 0 ? e->args[0] : NULL, *y = e->nargs > 1 ? e->args[1] : NULL;
    switch (bi) {
    case B_UINT: case B_SINT:
        need(c, x, TY_BITS, "the argument");
        e->ty = ty_simple(TY_INT);
        if (x->is_const && width_static(x->ty.width)) {
            int w = x->ty.width.value;
            e->is_const = w <= 126;
            e->cval = x->cval;
            if (bi == B_SINT && w > 0 && ((x->cval >> (w - 1)) & 1))
                e->cval -= (__int128)1 << w;
        }
        break;
    case B_ZEROEXT: case B_SIGNEXT:
        need(c, x, TY_BITS, "the value extended");
        need(c, y, TY_INT, "the width");
        e->ty = ty_bits_w(width_of_int_expr(y));
        if (width_static(e->ty.width) && width_static(x->ty.width) && x->ty.width.value > e->ty.width.value)
            ERR(e->loc, "%s from bits(%d) to the narrower bits(%d)", e->name,
                x->ty.width.value, e->ty.width.value);
        if (bi == B_ZEROEXT && x->is_const) {
            e->is_const = true;
            e->cval = x->cval;
        }
        break;
    case B_ZEROS: case B_ONES:
        need(c, x, TY_INT, "the width");
        e->ty = ty_bits_w(width_of_int_expr(x));
        if (x->is_const && x->cval <= 126) {
            e->is_const = true;
            e->cval = bi == B_ZEROS ? 0 : mask128((int)x->cval);
        }
        break;
    case B_REPLICATE:
        need(c, x, TY_BITS, "the value replicated");
        need(c, y, TY_INT, "the count");
        e->ty = ty_bits_w(w_binop(OP_MUL, x->ty.width, width_of_int_expr(y), e->loc));
        break;
    case B_ISZERO: case B_ISONES:
        need(c, x, TY_BITS, "the argument");
        e->ty = ty_simple(TY_BOOL);
        break;
    case B_ISZEROBIT:
        need(c, x, TY_BITS, "the argument");
        e->ty = ty_bits(1);
        break;
    case B_ALIGN:
        need(c, y, TY_INT, "the alignment");
        if (x->ty.kind != TY_INT && x->ty.kind != TY_BITS)
            ERR(x->loc, "Align() takes an integer or bits");
        e->ty = x->ty;
        break;
    case B_MIN: case B_MAX:
        need(c, x, TY_INT, "the argument");
        need(c, y, TY_INT, "the argument");
        e->ty = ty_simple(TY_INT);
        if (x->is_const && y->is_const) {
            e->is_const = true;
            e->cval = (bi == B_MIN) == (x->cval < y->cval) ? x->cval : y->cval;
        }
        break;
    case B_ABS:
        need(c, x, TY_INT, "the argument");
        e->ty = ty_simple(TY_INT);
        if (x->is_const) {
            e->is_const = true;
            e->cval = x->cval < 0 ? -x->cval : x->cval;
        }
        break;
    case B_RAISE:
        e->ty = ty_simple(TY_VOID);
        break;
    case B_NONE:
        break;
    }
}

/* ------------------------------------------------------------ expressions */

static void check_var(Ctx *c, Expr *e)
{
    Sym *y = lookup(c->scope, e->name);
    if (y) {
        e->sym = y->kind;
        e->ty = y->ty;
        if (y->is_const) {
            e->is_const = true;
            e->cval = y->cval;
        }
        e->target = y->decl;
        if (y->kind == SYM_LOCAL || y->kind == SYM_DECODE)
            e->name = y->name;
        return;
    }
    Decl *d = find(e->name, is_value);
    if (d) {
        e->target = d;
        e->ty = d->ty;
        if (d->array_lo)
            ERR(e->loc, "array '%s' must be indexed", d->name);
        if (d->kind == D_CONST) {
            e->sym = SYM_CONST;
            e->is_const = true;
            e->cval = d->cval;
        } else {
            e->sym = SYM_GLOBAL;
        }
        return;
    }
    int idx;
    Decl *en = find_enum_item(e->name, &idx);
    if (en) {
        e->sym = SYM_ENUMITEM;
        e->ty = ty_simple(TY_ENUM);
        e->ty.def = en;
        e->is_const = true;
        e->cval = idx;
        return;
    }
    Decl *f = find(e->name, is_func);
    if (f && f->nparams == 0) {
        /* A function of no arguments may be named without parentheses. */
        e->kind = E_CALL;
        e->ty = check_call(c, e, f, NULL, 0, NULL);
        return;
    }
    ERR(e->loc, "unknown name '%s'", e->name);
    e->ty = ty_simple(TY_ERROR);
}

static Param *record_field(Decl *rec, const char *name)
{
    for (int i = 0; i < rec->nparams; i++)
        if (strcmp(rec->params[i].name, name) == 0)
            return &rec->params[i];
    return NULL;
}

static void check_slice(Ctx *c, Expr *e)
{
    check_expr(c, e->a);
    check_expr(c, e->b);
    if (e->c)
        check_expr(c, e->c);
    if (e->a->ty.kind != TY_BITS && e->a->ty.kind != TY_INT && e->a->ty.kind != TY_ERROR)
        ERR(e->loc, "only bits and integers can be sliced, not %s", ty_name(&e->a->ty));
    need(c, e->b, TY_INT, "a slice bound");
    if (e->c)
        need(c, e->c, TY_INT, "a slice bound");
    Width w;
    if (!e->c)
        w = (Width){ 1, NULL };
    else if (e->plus_colon)
        w = width_of_int_expr(e->c);
    else
        w = w_binop(OP_ADD, w_binop(OP_SUB, width_of_int_expr(e->b), width_of_int_expr(e->c), e->loc),
                    (Width){ 1, NULL }, e->loc);
    if (width_static(w) && (w.value < 1 || w.value > 128))
        ERR(e->loc, "slice of %d bits", w.value);
    e->ty = ty_bits_w(w);
    /* The bounds must lie inside a bits value of static width. */
    Expr *hi = e->plus_colon ? NULL : e->b;
    if (e->a->ty.kind == TY_BITS && width_static(e->a->ty.width) && hi && hi->is_const &&
        hi->cval >= e->a->ty.width.value)
        ERR(e->loc, "bit %d is outside bits(%d)", (int)hi->cval, e->a->ty.width.value);
    Expr *lo = e->c ? (e->plus_colon ? e->b : e->c) : e->b;
    if (e->a->is_const && lo->is_const && width_static(w) && lo->cval >= 0 && lo->cval < 120) {
        e->is_const = true;
        e->cval = (e->a->cval >> (int)lo->cval) & mask128(w.value);
    }
}

static void check_binop(Ctx *c, Expr *e)
{
    check_expr(c, e->a);
    check_expr(c, e->b);
    Ty *ta = &e->a->ty, *tb = &e->b->ty;
    if (ta->kind == TY_ERROR || tb->kind == TY_ERROR) {
        e->ty = ty_simple(TY_ERROR);
        return;
    }
    switch (e->op) {
    case OP_ADD: case OP_SUB: case OP_MUL:
        if (ta->kind == TY_INT && tb->kind == TY_INT) {
            e->ty = *ta;
        } else if (ta->kind == TY_BITS && (tb->kind == TY_BITS || tb->kind == TY_INT)) {
            if (tb->kind == TY_BITS && widths_conflict(ta->width, tb->width))
                ERR(e->loc, "operands are %s and %s", ty_name(ta), ty_name(tb));
            e->ty = *ta;
        } else {
            ERR(e->loc, "cannot apply arithmetic to %s and %s", ty_name(ta), ty_name(tb));
            e->ty = ty_simple(TY_ERROR);
        }
        break;
    case OP_DIV: case OP_MOD: case OP_QUOT: case OP_REM:
        need(c, e->a, TY_INT, "an operand of DIV/MOD");
        need(c, e->b, TY_INT, "an operand of DIV/MOD");
        e->ty = ty_simple(TY_INT);
        break;
    case OP_SHL: case OP_SHR:
        if (ta->kind != TY_INT && ta->kind != TY_BITS)
            ERR(e->loc, "cannot shift %s", ty_name(ta));
        need(c, e->b, TY_INT, "a shift amount");
        e->ty = *ta;
        break;
    case OP_EQ: case OP_NE:
        if (!same_type(ta, tb))
            ERR(e->loc, "cannot compare %s with %s", ty_name(ta), ty_name(tb));
        e->ty = ty_simple(TY_BOOL);
        break;
    case OP_LT: case OP_LE: case OP_GT: case OP_GE:
        need(c, e->a, TY_INT, "an operand of an ordering");
        need(c, e->b, TY_INT, "an operand of an ordering");
        e->ty = ty_simple(TY_BOOL);
        break;
    case OP_LAND: case OP_LOR:
        need(c, e->a, TY_BOOL, "an operand of && and ||");
        need(c, e->b, TY_BOOL, "an operand of && and ||");
        e->ty = ty_simple(TY_BOOL);
        break;
    case OP_AND: case OP_OR: case OP_EOR:
        if (ta->kind != TY_BITS || tb->kind != TY_BITS || widths_conflict(ta->width, tb->width)) {
            ERR(e->loc, "AND/OR/EOR need bits of one width, not %s and %s", ty_name(ta), ty_name(tb));
            e->ty = ty_simple(TY_ERROR);
        } else {
            e->ty = width_static(ta->width) ? *ta : *tb;
        }
        break;
    case OP_CONCAT:
        need(c, e->a, TY_BITS, "an operand of ':'");
        need(c, e->b, TY_BITS, "an operand of ':'");
        e->ty = ty_bits_w(w_binop(OP_ADD, ta->width, tb->width, e->loc));
        break;
    default:
        break;
    }
    fold(e);
}

static void check_expr(Ctx *c, Expr *e)
{
    e->is_const = false;
    switch (e->kind) {
    case E_INT:
        e->ty = ty_simple(TY_INT);
        e->is_const = true;
        e->cval = e->ival;
        break;
    case E_BOOL:
        e->ty = ty_simple(TY_BOOL);
        e->is_const = true;
        e->cval = e->ival;
        break;
    case E_STRING:
        e->ty = ty_simple(TY_STRING);
        break;
    case E_BITS: {
        __int128 v, m;
        e->ty = ty_bits((int)strlen(e->bits));
        if (strlen(e->bits) > 64)
            ERR(e->loc, "bits literal longer than 64 bits");
        if (bits_literal(e->bits, &v, &m)) {
            e->is_const = true;
            e->cval = v;
        }
        break;
    }
    case E_VAR:
        check_var(c, e);
        break;
    case E_FIELD: {
        check_expr(c, e->a);
        if (e->a->ty.kind != TY_RECORD) {
            if (e->a->ty.kind != TY_ERROR)
                ERR(e->loc, "'.%s' applied to %s, which is not a record", e->name, ty_name(&e->a->ty));
            e->ty = ty_simple(TY_ERROR);
            break;
        }
        Param *f = record_field(e->a->ty.def, e->name);
        if (!f) {
            ERR(e->loc, "%s has no field '%s'", e->a->ty.def->name, e->name);
            e->ty = ty_simple(TY_ERROR);
            break;
        }
        e->ty = f->ty;
        break;
    }
    case E_FIELDS: {
        check_expr(c, e->a);
        if (e->a->ty.kind != TY_RECORD) {
            ERR(e->loc, "'.<...>' applied to %s, which is not a record", ty_name(&e->a->ty));
            e->ty = ty_simple(TY_ERROR);
            break;
        }
        int w = 0;
        for (int i = 0; i < e->nnames; i++) {
            Param *f = record_field(e->a->ty.def, e->names[i]);
            if (!f || f->ty.kind != TY_BITS || !width_static(f->ty.width)) {
                ERR(e->loc, "%s has no bits field '%s'", e->a->ty.def->name, e->names[i]);
                continue;
            }
            w += f->ty.width.value;
        }
        e->ty = ty_bits(w);
        break;
    }
    case E_CALL: {
        Builtin bi = sema_builtin(e->name);
        if (bi != B_NONE) {
            check_builtin(c, e, bi);
            break;
        }
        Decl *f = find(e->name, is_func);
        if (!f) {
            ERR(e->loc, "unknown function '%s'", e->name);
            for (int i = 0; i < e->nargs; i++)
                check_expr(c, e->args[i]);
            e->ty = ty_simple(TY_ERROR);
            break;
        }
        e->ty = check_call(c, e, f, e->args, e->nargs, NULL);
        break;
    }
    case E_INDEX: {
        Decl *g = find(e->name, is_getter);
        if (g) {
            e->ty = check_call(c, e, g, e->args, e->nargs, NULL);
            break;
        }
        Decl *a = find(e->name, is_value);
        if (a && a->array_lo) {
            e->target = a;
            e->sym = SYM_GLOBAL;
            if (e->nargs != 1)
                ERR(e->loc, "array '%s' takes one index", a->name);
            for (int i = 0; i < e->nargs; i++) {
                check_expr(c, e->args[i]);
                need(c, e->args[i], TY_INT, "an array index");
            }
            e->ty = a->ty;
            /* a constant array indexed by a constant folds to the element */
            if (a->kind == D_CONST && a->cvals && e->nargs == 1 && e->args[0]->is_const) {
                __int128 i = e->args[0]->cval;
                if (i < 0 || i > a->const_hi) {
                    ERR(e->loc, "index %d is outside constant array '%s' (0..%d)", (int)i, a->name,
                        a->const_hi);
                } else {
                    e->is_const = true;
                    e->cval = a->cvals[i];
                }
            }
            break;
        }
        ERR(e->loc, "unknown array or getter '%s[]'", e->name);
        for (int i = 0; i < e->nargs; i++)
            check_expr(c, e->args[i]);
        e->ty = ty_simple(TY_ERROR);
        break;
    }
    case E_SLICE:
        check_slice(c, e);
        break;
    case E_UNOP:
        check_expr(c, e->a);
        if (e->op == OP_NEG) {
            need(c, e->a, TY_INT, "the operand of unary '-'");
            e->ty = ty_simple(TY_INT);
        } else if (e->op == OP_NOT) {
            need(c, e->a, TY_BOOL, "the operand of '!'");
            e->ty = ty_simple(TY_BOOL);
        } else {
            need(c, e->a, TY_BITS, "the operand of NOT");
            e->ty = e->a->ty;
        }
        fold(e);
        break;
    case E_BINOP:
        check_binop(c, e);
        break;
    case E_COND:
        check_expr(c, e->a);
        check_expr(c, e->b);
        check_expr(c, e->c);
        need(c, e->a, TY_BOOL, "the condition");
        if (!same_type(&e->b->ty, &e->c->ty))
            ERR(e->loc, "the two arms are %s and %s", ty_name(&e->b->ty), ty_name(&e->c->ty));
        e->ty = e->b->ty;
        if (e->ty.kind == TY_BITS && !width_static(e->ty.width))
            e->ty = e->c->ty;
        fold(e);
        break;
    case E_IN:
        check_expr(c, e->a);
        for (int i = 0; i < e->nargs; i++) {
            check_expr(c, e->args[i]);
            if (!same_type(&e->args[i]->ty, &e->a->ty))
                ERR(e->args[i]->loc, "pattern is %s, the value is %s", ty_name(&e->args[i]->ty),
                    ty_name(&e->a->ty));
        }
        e->ty = ty_simple(TY_BOOL);
        break;
    case E_TUPLE: {
        e->ty = ty_simple(TY_TUPLE);
        e->ty.nelems = e->nargs;
        e->ty.elems = xcalloc((size_t)e->nargs, sizeof(Ty));
        for (int i = 0; i < e->nargs; i++) {
            if (e->args[i]->kind != E_DISCARD)
                check_expr(c, e->args[i]);
            e->ty.elems[i] = e->args[i]->ty;
        }
        break;
    }
    case E_DISCARD:
        ERR(e->loc, "'-' is only allowed as a tuple element being assigned");
        e->ty = ty_simple(TY_ERROR);
        break;
    }
}

/* ------------------------------------------------------------ statements */

static bool was_assigned(Ctx *c, const char *name)
{
    for (int i = 0; i < c->nassigned; i++)
        if (strcmp(c->assigned[i], name) == 0)
            return true;
    return false;
}

/* Collect every name that is the target of an assignment in s. */
static void collect_assigned(Ctx *c, Stmt *s);

static void lhs_names(Ctx *c, Expr *e)
{
    switch (e->kind) {
    case E_VAR: VEC_PUSH(c->assigned, c->nassigned, c->cap, e->name); break;
    case E_SLICE: case E_FIELD: case E_FIELDS: lhs_names(c, e->a); break;
    case E_TUPLE: for (int i = 0; i < e->nargs; i++) lhs_names(c, e->args[i]); break;
    default: break;
    }
}

static void collect_assigned(Ctx *c, Stmt *s)
{
    if (!s)
        return;
    switch (s->kind) {
    case S_ASSIGN: lhs_names(c, s->lhs); break;
    case S_BLOCK: for (int i = 0; i < s->nstmts; i++) collect_assigned(c, s->stmts[i]); break;
    case S_IF: case S_WHILE: case S_REPEAT:
        for (int i = 0; i < s->nconds; i++) collect_assigned(c, s->blocks[i]);
        collect_assigned(c, s->else_);
        break;
    case S_CASE: for (int i = 0; i < s->narms; i++) collect_assigned(c, s->arms[i].body); break;
    case S_FOR: VEC_PUSH(c->assigned, c->nassigned, c->cap, s->var); collect_assigned(c, s->body); break;
    default: break;
    }
}

static void check_assignable(Ctx *c, Expr *lhs, const Ty *rty, Expr *rhs);

/* `constant array bits(N) name[0..K] = (e0, ..., eK);`: a table of K+1
 * values known at generation time (N <= 64), e.g. an S-box. Each element is
 * a bits(N) value or an integer in 0 .. 2^N-1. */
static void check_const_array(Ctx *c, Decl *d)
{
    if (d->ty.kind != TY_BITS || !width_static(d->ty.width) || d->ty.width.value > 64) {
        ERR(d->loc, "constant array '%s' must hold bits of at most 64", d->name);
        return;
    }
    int w = d->ty.width.value;
    if (d->ninits != d->const_hi + 1) {
        ERR(d->loc, "constant array '%s' has %d elements, its bounds 0..%d need %d", d->name,
            d->ninits, d->const_hi, d->const_hi + 1);
        return;
    }
    d->cvals = xcalloc((size_t)d->ninits, sizeof *d->cvals);
    for (int i = 0; i < d->ninits; i++) {
        Expr *x = d->inits[i];
        check_expr(c, x);
        if (!x->is_const)
            ERR(x->loc, "element %d of constant array '%s' is not known at generation time", i, d->name);
        else if (x->ty.kind == TY_INT && (x->cval < 0 || x->cval > mask128(w)))
            ERR(x->loc, "element %d of constant array '%s' does not fit in bits(%d)", i, d->name, w);
        else if (x->ty.kind != TY_INT && !same_type(&d->ty, &x->ty))
            ERR(x->loc, "element %d of constant array '%s' is %s, not bits(%d)", i, d->name,
                ty_name(&x->ty), w);
        else
            d->cvals[i] = x->cval;
    }
}

static void check_lvalue(Ctx *c, Expr *e)
{
    switch (e->kind) {
    case E_VAR: {
        check_var(c, e);
        if (e->sym == SYM_FIELD || e->sym == SYM_CONST || e->sym == SYM_ENUMITEM ||
            (e->is_const && e->sym != SYM_GLOBAL))
            ERR(e->loc, "'%s' cannot be assigned", e->name);
        if (e->sym == SYM_DECODE && !c->in_decode)
            ERR(e->loc, "decode-time variable '%s' cannot be assigned in execute", e->name);
        e->is_const = false;
        break;
    }
    case E_FIELD: case E_FIELDS:
        check_lvalue(c, e->a);
        check_expr(c, e); /* re-derives the field type from the (checked) base */
        break;
    case E_SLICE:
        check_lvalue(c, e->a);
        {
            Expr *base = e->a;
            check_slice(c, e);  /* checks base again as an expression: harmless */
            e->a = base;
            e->is_const = false;
        }
        break;
    case E_INDEX:
        /* handled by the caller (setter or array) */
        break;
    default:
        ERR(e->loc, "this expression cannot be assigned");
        break;
    }
}

static void check_assignable(Ctx *c, Expr *lhs, const Ty *rty, Expr *rhs)
{
    if (lhs->kind == E_DISCARD)
        return;
    if (lhs->kind == E_INDEX) {
        Decl *s = find(lhs->name, is_setter);
        if (s) {
            check_call(c, lhs, s, lhs->args, lhs->nargs, rhs);
            lhs->ty = rty ? *rty : ty_simple(TY_ERROR);
            return;
        }
        Decl *a = find(lhs->name, is_value);
        if (a && a->array_lo && a->kind == D_CONST) {
            ERR(lhs->loc, "constant array '%s' cannot be assigned", a->name);
            return;
        } else if (a && a->array_lo) {
            check_expr(c, lhs);
        } else {
            ERR(lhs->loc, "unknown array or setter '%s[]'", lhs->name);
            return;
        }
    } else {
        check_lvalue(c, lhs);
    }
    if (rty && !same_type(&lhs->ty, rty))
        ERR(rhs ? rhs->loc : lhs->loc, "cannot assign %s to %s", ty_name(rty), ty_name(&lhs->ty));
}

static void check_stmt(Ctx *c, Stmt *s);

static void check_block(Ctx *c, Stmt *s)
{
    push_scope(c);
    c->depth++;
    for (int i = 0; i < s->nstmts; i++)
        check_stmt(c, s->stmts[i]);
    c->depth--;
    pop_scope(c);
}

static void check_decl(Ctx *c, Stmt *s)
{
    Ty t = resolve_type(c, s->type);
    if (t.kind == TY_TUPLE || t.kind == TY_VOID)
        ERR(s->loc, "cannot declare a variable of type %s", ty_name(&t));
    for (int i = 0; i < s->nvars; i++) {
        DeclVar *v = &s->vars[i];
        v->ty = t;
        /* the same block is checked once per encoding: forget the last one */
        v->is_const = false;
        v->in_dec = false;
        if (v->init) {
            check_expr(c, v->init);
            if (!same_type(&t, &v->init->ty))
                ERR(v->init->loc, "cannot initialise %s '%s' with %s", ty_name(&t), v->name,
                    ty_name(&v->init->ty));
        } else if (s->constant) {
            ERR(v->loc, "constant '%s' needs a value", v->name);
        }
        Sym *old = lookup(c->scope, v->name);
        if (old && old->kind != SYM_GLOBAL && old->kind != SYM_CONST)
            ERR(v->loc, "'%s' is already declared", v->name);
        bool dec = c->in_decode && c->depth == 1;
        Sym *y = add_sym(c->scope, v->name, dec ? SYM_DECODE : SYM_LOCAL, t);
        y->var = v;
        if (v->init && v->init->is_const && (s->constant || !was_assigned(c, v->name))) {
            y->is_const = v->is_const = true;
            y->cval = v->cval = v->init->cval;
        }
        v->in_dec = dec && !v->is_const;
    }
}

static void check_stmt(Ctx *c, Stmt *s)
{
    switch (s->kind) {
    case S_DECL:
        check_decl(c, s);
        break;
    case S_ASSIGN:
        if (s->lhs->kind == E_TUPLE) {
            check_expr(c, s->rhs);
            if (s->rhs->ty.kind != TY_TUPLE || s->rhs->kind != E_CALL) {
                ERR(s->rhs->loc, "a tuple can only be assigned from a function call");
                break;
            }
            if (s->rhs->ty.nelems != s->lhs->nargs) {
                ERR(s->lhs->loc, "assigning %d values to %d targets", s->rhs->ty.nelems, s->lhs->nargs);
                break;
            }
            for (int i = 0; i < s->lhs->nargs; i++)
                check_assignable(c, s->lhs->args[i], &s->rhs->ty.elems[i], s->rhs);
        } else {
            check_expr(c, s->rhs);
            check_assignable(c, s->lhs, &s->rhs->ty, s->rhs);
        }
        break;
    case S_CALL:
        check_expr(c, s->rhs);
        break;
    case S_IF: case S_WHILE: case S_REPEAT:
        for (int i = 0; i < s->nconds; i++) {
            check_expr(c, s->conds[i]);
            need(c, s->conds[i], TY_BOOL, "a condition");
            check_block(c, s->blocks[i]);
        }
        if (s->else_)
            check_block(c, s->else_);
        break;
    case S_CASE:
        check_expr(c, s->subject);
        for (int i = 0; i < s->narms; i++) {
            WhenArm *a = &s->arms[i];
            for (int j = 0; j < a->npats; j++) {
                check_expr(c, a->pats[j]);
                if (!same_type(&a->pats[j]->ty, &s->subject->ty))
                    ERR(a->pats[j]->loc, "pattern is %s, the value is %s", ty_name(&a->pats[j]->ty),
                        ty_name(&s->subject->ty));
            }
            check_block(c, a->body);
        }
        break;
    case S_FOR: {
        check_expr(c, s->from);
        check_expr(c, s->to);
        need(c, s->from, TY_INT, "a loop bound");
        need(c, s->to, TY_INT, "a loop bound");
        push_scope(c);
        add_sym(c->scope, s->var, SYM_LOCAL, ty_simple(TY_INT));
        check_block(c, s->body);
        pop_scope(c);
        break;
    }
    case S_RETURN: {
        Ty want = c->func ? c->func->ty : ty_simple(TY_VOID);
        if (!c->func && s->rhs)
            ERR(s->loc, "an instruction's pseudocode cannot return a value");
        if (s->rhs) {
            check_expr(c, s->rhs);
            if (want.kind == TY_VOID)
                ERR(s->rhs->loc, "procedure '%s' cannot return a value", c->func->name);
            else if (want.kind == TY_TUPLE && s->rhs->kind == E_TUPLE && s->rhs->nargs == want.nelems) {
                for (int i = 0; i < want.nelems; i++)
                    if (!same_type(&want.elems[i], &s->rhs->ty.elems[i]))
                        ERR(s->rhs->args[i]->loc, "returning %s where %s is expected",
                            ty_name(&s->rhs->ty.elems[i]), ty_name(&want.elems[i]));
            } else if (!same_type(&want, &s->rhs->ty)) {
                ERR(s->rhs->loc, "returning %s from a function of %s", ty_name(&s->rhs->ty), ty_name(&want));
            }
        } else if (want.kind != TY_VOID) {
            ERR(s->loc, "'%s' must return a value", c->func->name);
        }
        break;
    }
    case S_ASSERT:
        check_expr(c, s->rhs);
        need(c, s->rhs, TY_BOOL, "an assertion");
        break;
    case S_BLOCK:
        check_block(c, s);
        break;
    case S_UNDEFINED: case S_UNPREDICTABLE: case S_SEE:
        break;
    }
}

/* ------------------------------------------------------------ raising, state */

/* Walks pseudocode and asks `node` of every expression (an assignment's
 * target included, so setters count); `stmt_ends` says whether UNDEFINED,
 * UNPREDICTABLE and SEE count too. */
typedef bool (*ExprPred)(const Expr *e);

static bool expr_any(const Expr *e, ExprPred node)
{
    if (!e)
        return false;
    if (node(e) || expr_any(e->a, node) || expr_any(e->b, node) || expr_any(e->c, node))
        return true;
    for (int i = 0; i < e->nargs; i++)
        if (expr_any(e->args[i], node))
            return true;
    return false;
}

static bool stmt_any(const Stmt *s, ExprPred node, bool stmt_ends)
{
    if (!s)
        return false;
    switch (s->kind) {
    case S_UNDEFINED: case S_UNPREDICTABLE: case S_SEE:
        return stmt_ends;
    case S_DECL:
        for (int i = 0; i < s->nvars; i++)
            if (expr_any(s->vars[i].init, node))
                return true;
        return false;
    case S_ASSIGN:
        return expr_any(s->lhs, node) || expr_any(s->rhs, node);
    case S_CALL: case S_RETURN:
        return expr_any(s->rhs, node);
    case S_ASSERT:
        return false;
    case S_IF: case S_WHILE: case S_REPEAT:
        for (int i = 0; i < s->nconds; i++)
            if (expr_any(s->conds[i], node) || stmt_any(s->blocks[i], node, stmt_ends))
                return true;
        return stmt_any(s->else_, node, stmt_ends);
    case S_CASE:
        if (expr_any(s->subject, node))
            return true;
        for (int i = 0; i < s->narms; i++)
            if (stmt_any(s->arms[i].body, node, stmt_ends))
                return true;
        return false;
    case S_FOR:
        return expr_any(s->from, node) || expr_any(s->to, node) || stmt_any(s->body, node, stmt_ends);
    case S_BLOCK:
        for (int i = 0; i < s->nstmts; i++)
            if (stmt_any(s->stmts[i], node, stmt_ends))
                return true;
        return false;
    }
    return false;
}

static bool node_raises(const Expr *e)
{
    return ((e->kind == E_CALL || e->kind == E_INDEX) && e->target && e->target->raises) ||
           (e->kind == E_CALL && sema_builtin(e->name) == B_RAISE);
}

bool sema_expr_raises(const Expr *e) { return expr_any(e, node_raises); }
bool sema_stmt_raises(const Stmt *s) { return stmt_any(s, node_raises, true); }

/* A global variable (a constant array is not state), or a call of what
 * touches one or is a primitive with effects (Mem[], X[] ...). */
static bool node_stateful(const Expr *e)
{
    bool table = e->target && e->target->kind == D_CONST; /* a constant array */
    return (e->sym == SYM_GLOBAL && (e->kind == E_VAR || e->kind == E_INDEX) && !table) ||
           ((e->kind == E_CALL || e->kind == E_INDEX) && e->target && e->target->stateful);
}

bool sema_stmt_stateful(const Stmt *s) { return stmt_any(s, node_stateful, false); }

/* ------------------------------------------------------------ library */

void sema_init(Sema *s)
{
    memset(s, 0, sizeof *s);
    g_sema = s;
}

static bool is_declared_param(const Decl *f, const char *name)
{
    for (int i = 0; i < f->nparams; i++)
        if (strcmp(f->params[i].name, name) == 0)
            return true;
    return false;
}

static void add_wparam(Decl *f, TypeSyn *t)
{
    if (!t)
        return;
    if (t->kind == TY_TUPLE) {
        for (int i = 0; i < t->nelems; i++)
            add_wparam(f, t->elems[i]);
        return;
    }
    if (t->kind != TY_BITS || !t->width || t->width->kind != E_VAR)
        return;
    const char *n = t->width->name;
    if (is_declared_param(f, n) || find(n, is_value))
        return;
    for (int i = 0; i < f->nwparams; i++)
        if (strcmp(f->wparams[i], n) == 0)
            return;
    f->wparams = xrealloc(f->wparams, (size_t)(f->nwparams + 1) * sizeof(char *));
    f->wparams[f->nwparams++] = xstrdup(n);
}

/* The scope a function's signature and body see. */
static Scope *function_scope(Ctx *c, Decl *f)
{
    c->scope = NULL;
    Scope *s = push_scope(c);
    for (int i = 0; i < f->nwparams; i++)
        add_sym(s, f->wparams[i], SYM_PARAM, ty_simple(TY_INT));
    /* integer parameters first: other parameters' widths may name them */
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < f->nparams; i++) {
            Param *p = &f->params[i];
            bool is_int = p->type->kind == TY_INT;
            if (is_int != (pass == 0))
                continue;
            p->ty = resolve_type(c, p->type);
            add_sym(s, p->name, SYM_PARAM, p->ty);
        }
    if (f->kind == D_SETTER) {
        f->value.ty = resolve_type(c, f->value.type);
        add_sym(s, f->value.name, SYM_PARAM, f->value.ty);
    }
    f->ty = f->type ? resolve_type(c, f->type) : ty_simple(TY_VOID);
    return s;
}

bool sema_check_lib(Sema *s)
{
    Ctx cx = { .sema = s }, *c = &cx;
    int before = s->errors;
    /* names are unique per kind */
    for (int i = 0; i < s->decls.n; i++) {
        Decl *d = s->decls.items[i];
        for (int j = 0; j < i; j++) {
            Decl *o = s->decls.items[j];
            bool same_kind = (is_type(d) && is_type(o)) || (is_value(d) && is_value(o)) ||
                             d->kind == o->kind;
            if (same_kind && strcmp(d->name, o->name) == 0) {
                ERR(d->loc, "'%s' is already declared", d->name);
                diag_note(o->loc, "previous declaration of '%s'", o->name);
            }
        }
    }
    /* a library function must not hide a built-in: calls would never reach it */
    for (int i = 0; i < s->decls.n; i++) {
        Decl *d = s->decls.items[i];
        if (d->kind == D_FUNC && sema_builtin(d->name) != B_NONE)
            ERR(d->loc, "'%s' is a built-in function and cannot be redefined", d->name);
    }
        /* records, then constants and globals in order, then signatures */
    for (int i = 0; i < s->decls.n; i++) {
        Decl *d = s->decls.items[i];
        if (d->kind == D_RECORD)
            for (int j = 0; j < d->nparams; j++) {
                d->params[j].ty = resolve_type(c, d->params[j].type);
                if (d->params[j].ty.kind == TY_BITS && !width_static(d->params[j].ty.width))
                    ERR(d->params[j].loc, "record fields need a constant width");
            }
    }
    for (int i = 0; i < s->decls.n; i++) {
        Decl *d = s->decls.items[i];
        if (d->kind != D_VAR && d->kind != D_CONST)
            continue;
        d->ty = resolve_type(c, d->type);
        if (d->ty.kind == TY_BITS && !width_static(d->ty.width))
            ERR(d->loc, "global '%s' needs a constant width", d->name);
        if (d->kind == D_CONST && !d->inits) {
            check_expr(c, d->init);
            if (!d->init->is_const)
                ERR(d->init->loc, "the value of constant '%s' is not known at generation time", d->name);
            else if (!same_type(&d->ty, &d->init->ty))
                ERR(d->init->loc, "constant '%s' is %s, its value %s", d->name, ty_name(&d->ty),
                    ty_name(&d->init->ty));
            d->cval = d->init->cval;
        }
        if (d->array_lo) {
            check_expr(c, d->array_lo);
            check_expr(c, d->array_hi);
            if (!d->array_lo->is_const || !d->array_hi->is_const || d->array_lo->cval != 0 ||
                d->array_hi->cval < 0 || d->array_hi->cval > 4096)
                ERR(d->loc, "array bounds must be constants 0..N");
            else
                d->const_hi = (int)d->array_hi->cval;
        }
        if (d->inits)
            check_const_array(c, d);
    }
    for (int i = 0; i < s->decls.n; i++) {
        Decl *d = s->decls.items[i];
        if (d->kind != D_FUNC && d->kind != D_GETTER && d->kind != D_SETTER)
            continue;
        for (int j = 0; j < d->nparams; j++)
            add_wparam(d, d->params[j].type);
        if (d->kind == D_SETTER)
            add_wparam(d, d->value.type);
        add_wparam(d, d->type);
        function_scope(c, d);
        if (d->primitive) {
            d->raises = !(d->ty.kind == TY_STRING || d->pure);
            d->stateful = !d->pure;
        }
    }
    /* bodies */
    for (int i = 0; i < s->decls.n; i++) {
        Decl *d = s->decls.items[i];
        if (!d->body)
            continue;
        c->scope = function_scope(c, d);
        c->func = d;
        c->nassigned = 0;
        c->depth = 0;
        collect_assigned(c, d->body);
        check_block(c, d->body);
        c->func = NULL;
    }
    /* which functions can end an instruction: to a fixed point */
    for (bool changed = true; changed;) {
        changed = false;
        for (int i = 0; i < s->decls.n; i++) {
            Decl *d = s->decls.items[i];
            if (d->body && !d->raises && sema_stmt_raises(d->body)) {
                d->raises = true;
                changed = true;
            }
            if (d->body && !d->stateful && sema_stmt_stateful(d->body)) {
                d->stateful = true;
                changed = true;
            }
        }
    }
    return s->errors == before;
}

/* ------------------------------------------------------------ encodings */

bool sema_check_encoding(Sema *s, const Encoding *enc, Stmt *decode, Stmt *execute, Scope **scope_out)
{
    Ctx cx = { .sema = s, .enc = enc }, *c = &cx;
    int before = s->errors;
    Scope *fields = push_scope(c);
    for (int i = 0; i < enc->nfields; i++) {
        const Field *f = &enc->fields[i];
        int w = f->hi - f->lo + 1;
        Sym *y = add_sym(fields, f->name, SYM_FIELD, ty_bits(w));
        uint32_t all = (uint32_t)(((1ull << w) - 1) << f->lo);
        if (!f->sb && (f->mask & all) == all) {
            y->is_const = true;
            y->cval = (f->value & all) >> f->lo;
        }
    }
    collect_assigned(c, decode);
    collect_assigned(c, execute);
    /* decode's top-level declarations live in `fields`' child scope, which
     * execute also sees */
    Scope *dec = push_scope(c);
    c->depth = 1;
    if (decode) {
        c->in_decode = true;
        for (int i = 0; i < decode->nstmts; i++)
            check_stmt(c, decode->stmts[i]);
        c->in_decode = false;
    }
    c->depth = 0;
    if (execute)
        check_block(c, execute);
    *scope_out = dec;
    return s->errors == before;
}

bool sema_check_expr_in(Sema *s, Scope *scope, Expr *e)
{
    Ctx cx = { .sema = s, .scope = scope }, *c = &cx;
    int before = s->errors;
    check_expr(c, e);
    return s->errors == before;
}
