/* Helpers for the grammar actions: lists and node builders. */
#ifndef GEN_ASL_UTIL_H
#define GEN_ASL_UTIL_H

#include "asl_parse.h"

PtrList *pl_new(void);
void pl_push(PtrList *l, void *item);
void pl_insert0(PtrList *l, void *item);
void pl_push_decl(DeclList *dl, Decl *d);
Param *param_new(TypeSyn *type, char *name, SrcLoc loc);
Param *pl_params(PtrList *l, int *n);
DeclVar *declvar_one(char *name, Expr *init, SrcLoc loc);
DeclVar *pl_declvars(PtrList *l, int *n);
WhenArm *arm_new(Expr **pats, int npats, Stmt *body, SrcLoc loc);
WhenArm *pl_arms(PtrList *l, int *n);
void block_add(Stmt *block, Stmt *s);
/* Add s, or the statements of a line group. */
void block_splice(Stmt *block, Stmt *s);
Stmt *block_of(SrcLoc loc, PtrList *simple);
void if_prepend(Stmt *s, Expr *cond, Stmt *body, SrcLoc loc);
Expr *mk_call(ExprKind kind, char *name, PtrList *args, SrcLoc loc);
Expr *mk_slice(Expr *a, Expr *hi, Expr *lo, bool plus_colon, SrcLoc loc);
Expr *mk_unop(Op op, Expr *a, SrcLoc loc);
Expr *mk_binop(Op op, Expr *a, Expr *b, SrcLoc loc);
Expr *mk_int(const char *text, SrcLoc loc, ParseCtx *ctx);
Expr *mk_bits(const char *text, SrcLoc loc);

#endif
