/* Syntax tree constructors and the list helpers the grammar actions use. */
#include <string.h>

#include "asl_util.h"

Expr *expr_new(ExprKind kind, SrcLoc loc)
{
    Expr *e = xcalloc(1, sizeof *e);
    e->kind = kind;
    e->loc = loc;
    e->temp = -1;
    return e;
}

Stmt *stmt_new(StmtKind kind, SrcLoc loc)
{
    Stmt *s = xcalloc(1, sizeof *s);
    s->kind = kind;
    s->loc = loc;
    return s;
}

Decl *decl_new(DeclKind kind, SrcLoc loc)
{
    Decl *d = xcalloc(1, sizeof *d);
    d->kind = kind;
    d->loc = loc;
    return d;
}

TypeSyn *typesyn_new(TyKind kind, SrcLoc loc)
{
    TypeSyn *t = xcalloc(1, sizeof *t);
    t->kind = kind;
    t->loc = loc;
    return t;
}

PtrList *pl_new(void) { return xcalloc(1, sizeof(PtrList)); }

void pl_push(PtrList *l, void *item) { VEC_PUSH(l->v, l->n, l->cap, item); }

void pl_insert0(PtrList *l, void *item)
{
    pl_push(l, item);
    memmove(l->v + 1, l->v, (size_t)(l->n - 1) * sizeof *l->v);
    l->v[0] = item;
}

void pl_push_decl(DeclList *dl, Decl *d) { VEC_PUSH(dl->items, dl->n, dl->cap, d); }

Param *param_new(TypeSyn *type, char *name, SrcLoc loc)
{
    Param *p = xcalloc(1, sizeof *p);
    p->type = type;
    p->name = name;
    p->loc = loc;
    return p;
}

Param *pl_params(PtrList *l, int *n)
{
    Param *ps = xcalloc((size_t)l->n, sizeof *ps);
    for (int i = 0; i < l->n; i++)
        ps[i] = *(Param *)l->v[i];
    *n = l->n;
    return ps;
}

DeclVar *declvar_one(char *name, Expr *init, SrcLoc loc)
{
    DeclVar *v = xcalloc(1, sizeof *v);
    v->name = name;
    v->init = init;
    v->loc = loc;
    return v;
}

DeclVar *pl_declvars(PtrList *l, int *n)
{
    DeclVar *vs = xcalloc((size_t)l->n, sizeof *vs);
    for (int i = 0; i < l->n; i++)
        vs[i] = *(DeclVar *)l->v[i];
    *n = l->n;
    return vs;
}

WhenArm *arm_new(Expr **pats, int npats, Stmt *body, SrcLoc loc)
{
    WhenArm *a = xcalloc(1, sizeof *a);
    a->pats = pats;
    a->npats = npats;
    a->body = body;
    a->loc = loc;
    return a;
}

WhenArm *pl_arms(PtrList *l, int *n)
{
    WhenArm *as = xcalloc((size_t)l->n, sizeof *as);
    for (int i = 0; i < l->n; i++)
        as[i] = *(WhenArm *)l->v[i];
    *n = l->n;
    return as;
}

void block_add(Stmt *block, Stmt *s)
{
    int cap = block->nstmts; /* capacity tracked by doubling at powers of two */
    if ((cap & (cap - 1)) == 0)
        block->stmts = xrealloc(block->stmts, (size_t)(cap ? 2 * cap : 1) * sizeof *block->stmts);
    block->stmts[block->nstmts++] = s;
}

void block_splice(Stmt *block, Stmt *s)
{
    if (s->kind == S_BLOCK && s->line_group) {
        for (int i = 0; i < s->nstmts; i++)
            block_add(block, s->stmts[i]);
    } else {
        block_add(block, s);
    }
}

Stmt *block_of(SrcLoc loc, PtrList *simple)
{
    Stmt *b = stmt_new(S_BLOCK, loc);
    for (int i = 0; i < simple->n; i++)
        block_add(b, simple->v[i]);
    return b;
}

/* Put (cond, body) in front of the arms of an if/while/repeat node. */
void if_prepend(Stmt *s, Expr *cond, Stmt *body, SrcLoc loc)
{
    s->conds = xrealloc(s->conds, (size_t)(s->nconds + 1) * sizeof *s->conds);
    s->blocks = xrealloc(s->blocks, (size_t)(s->nconds + 1) * sizeof *s->blocks);
    memmove(s->conds + 1, s->conds, (size_t)s->nconds * sizeof *s->conds);
    memmove(s->blocks + 1, s->blocks, (size_t)s->nconds * sizeof *s->blocks);
    s->conds[0] = cond;
    s->blocks[0] = body;
    s->nconds++;
    s->loc = loc;
}

Expr *mk_call(ExprKind kind, char *name, PtrList *args, SrcLoc loc)
{
    Expr *e = expr_new(kind, loc);
    e->name = name;
    e->args = (Expr **)args->v;
    e->nargs = args->n;
    return e;
}

Expr *mk_slice(Expr *a, Expr *hi, Expr *lo, bool plus_colon, SrcLoc loc)
{
    Expr *e = expr_new(E_SLICE, loc);
    e->a = a;
    e->b = hi;
    e->c = lo;
    e->plus_colon = plus_colon;
    return e;
}

Expr *mk_unop(Op op, Expr *a, SrcLoc loc)
{
    Expr *e = expr_new(E_UNOP, loc);
    e->op = op;
    e->a = a;
    return e;
}

Expr *mk_binop(Op op, Expr *a, Expr *b, SrcLoc loc)
{
    Expr *e = expr_new(E_BINOP, loc);
    e->op = op;
    e->a = a;
    e->b = b;
    return e;
}

Expr *mk_int(const char *text, SrcLoc loc, ParseCtx *ctx)
{
    Expr *e = expr_new(E_INT, loc);
    unsigned __int128 v = 0;
    bool hex = text[0] == '0' && text[1] == 'x';
    for (const char *p = text + (hex ? 2 : 0); *p; p++) {
        if (*p == '_')
            continue;
        int d = (*p >= '0' && *p <= '9') ? *p - '0' : (*p | 0x20) - 'a' + 10;
        unsigned __int128 nv = v * (hex ? 16 : 10) + (unsigned)d;
        if (nv / (hex ? 16 : 10) != v || (nv >> 127)) {
            diag_error(loc, "integer literal %s is too large", text);
            ctx->errors++;
            break;
        }
        v = nv;
    }
    e->ival = (__int128)v;
    return e;
}

Expr *mk_bits(const char *text, SrcLoc loc)
{
    Expr *e = expr_new(E_BITS, loc);
    char *digits = xmalloc(strlen(text) + 1);
    int n = 0;
    for (const char *p = text + 1; *p && *p != '\''; p++)
        if (*p != ' ')
            digits[n++] = *p;
    digits[n] = 0;
    e->bits = digits;
    return e;
}
