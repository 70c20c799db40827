/* The type checker: resolves names, bit widths (static or run-time) and
 * generation-time constants, and which functions can end an instruction. */
#ifndef GEN_SEMA_H
#define GEN_SEMA_H

#include "ast.h"
#include "spec.h"

/* Built-in functions the checker and the emitter know by name. */
typedef enum Builtin {
    B_NONE, B_UINT, B_SINT, B_ZEROEXT, B_SIGNEXT, B_ZEROS, B_ONES, B_REPLICATE,
    B_ISZERO, B_ISONES, B_ISZEROBIT, B_ALIGN, B_MIN, B_MAX, B_ABS, B_RAISE,
} Builtin;

typedef struct Sym Sym;
struct Sym {
    char *name;
    SymKind kind;
    Ty ty;
    bool is_const;
    __int128 cval;
    DeclVar *var;       /* locals */
    Decl *decl;         /* globals, constants */
    Sym *next;
};

typedef struct Scope Scope;
struct Scope {
    Sym *syms;
    Scope *parent;
};

/* The whole-program context: library declarations by name. */
typedef struct Sema {
    DeclList decls;
    int errors;
} Sema;

void sema_init(Sema *s);
/* Check the library (types, globals, functions); then raises analysis. */
bool sema_check_lib(Sema *s);

/* What an encoding's blocks see: its fields, fixed or not. */
typedef struct EncCtx {
    const Encoding *enc;
    Scope *scope;       /* decode variables land here */
    bool in_decode;
} EncCtx;

/* Check decode (may be NULL) and execute of one encoding. Returns false on error.
 * `scope_out` receives the scope holding fields and decode variables (for
 * the templates). */
bool sema_check_encoding(Sema *s, const Encoding *enc, Stmt *decode, Stmt *execute, Scope **scope_out);
/* Check a template/alias expression in an encoding's scope. */
bool sema_check_expr_in(Sema *s, Scope *scope, Expr *e);

/* Lookups for the emitters. */
Decl *sema_find_decl(const char *name, DeclKind kind);
Builtin sema_builtin(const char *name);
bool ty_is_bits(const Ty *t);
bool width_static(Width w);
const char *ty_name(const Ty *t);

/* Did checking find the block to raise (UNDEFINED, exceptions, Mem[])? */
bool sema_stmt_raises(const Stmt *s);
bool sema_expr_raises(const Expr *e);
/* The pseudocode reads or writes global state (directly or through what it
 * calls): a decode block that does not is a function of the word alone. */
bool sema_stmt_stateful(const Stmt *s);

#endif
