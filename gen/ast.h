/* The pseudocode syntax tree, and the semantic annotations the type checker
 * attaches to it before the emitters walk it. */
#ifndef GEN_AST_H
#define GEN_AST_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"

typedef struct Expr Expr;
typedef struct Stmt Stmt;
typedef struct Decl Decl;
typedef struct TypeSyn TypeSyn;

/* ------------------------------------------------------------ types */

typedef enum TyKind {
    TY_ERROR, TY_VOID, TY_INT, TY_BOOL, TY_BITS, TY_ENUM, TY_RECORD,
    TY_STRING, TY_TUPLE,
} TyKind;

/* A bit width: known at generation time (`value`), or only at run time
 * (`expr`, an integer expression valid where the value is used). */
typedef struct Width {
    int value;      /* >= 0 when static */
    Expr *expr;     /* when dynamic (value < 0) */
} Width;

typedef struct Ty {
    TyKind kind;
    Width width;            /* TY_BITS */
    Decl *def;              /* TY_ENUM / TY_RECORD: the declaration */
    struct Ty *elems;       /* TY_TUPLE */
    int nelems;
} Ty;

/* Types as written in the source. */
struct TypeSyn {
    TyKind kind;            /* TY_INT, TY_BOOL, TY_BITS, TY_STRING, TY_TUPLE,
                             * or TY_ENUM for a named type (resolved later) */
    Expr *width;            /* bits(width); NULL for `bit` (= 1) */
    char *name;             /* named type */
    TypeSyn **elems;        /* tuple */
    int nelems;
    SrcLoc loc;
};

/* ------------------------------------------------------------ expressions */

typedef enum ExprKind {
    E_INT, E_BITS, E_BOOL, E_STRING,
    E_VAR,        /* name */
    E_FIELD,      /* a.name */
    E_FIELDS,     /* a.<n1, n2, ...> */
    E_CALL,       /* name(args) */
    E_INDEX,      /* name[args]: getter or array */
    E_SLICE,      /* a<hi:lo>, a<i>, a<lo+:width> */
    E_UNOP, E_BINOP,
    E_COND,       /* if c then a else b */
    E_IN,         /* a IN {p, ...} */
    E_TUPLE,      /* (a, b, ...) */
    E_DISCARD,    /* '-' in a tuple target */
} ExprKind;

typedef enum Op {
    OP_NEG, OP_NOT /* ! */, OP_BNOT /* NOT */,
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_QUOT, OP_REM, OP_SHL, OP_SHR,
    OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE,
    OP_LAND, OP_LOR, OP_AND, OP_OR, OP_EOR, OP_CONCAT,
} Op;

/* How the type checker resolved a name. */
typedef enum SymKind {
    SYM_NONE, SYM_LOCAL, SYM_PARAM, SYM_FIELD /* encoding field */,
    SYM_DECODE /* decode-time variable (lives in the Dec struct) */,
    SYM_GLOBAL, SYM_CONST /* folded to Expr.cval */, SYM_ENUMITEM,
} SymKind;

struct Expr {
    ExprKind kind;
    SrcLoc loc;
    /* syntax */
    __int128 ival;          /* E_INT; E_BOOL (0/1) */
    char *bits;             /* E_BITS: '0'/'1'/'x' digits, MSB first; E_STRING text */
    char *name;             /* E_VAR, E_FIELD, E_CALL, E_INDEX */
    Op op;
    Expr *a, *b, *c;        /* operands; E_SLICE: a<b:c>, c NULL for a<b>;
                             * E_COND: if a then b else c; E_FIELD(S): a */
    bool plus_colon;        /* E_SLICE: a<b+:c> */
    Expr **args;            /* E_CALL, E_INDEX, E_TUPLE, E_IN patterns; E_FIELDS names in `names` */
    int nargs;
    char **names;
    int nnames;
    /* annotations (type checker) */
    Ty ty;
    SymKind sym;
    bool is_const;          /* value known at generation time */
    __int128 cval;          /* that value (integers, booleans, bits, enum items) */
    Decl *target;           /* E_CALL/E_INDEX: the function or global; E_VAR global */
    Width *wargs;           /* E_CALL: bound width parameters of the callee */
    int nwargs;
    int temp;               /* hoisted result temporary (raising calls), -1 if none */
};

/* ------------------------------------------------------------ statements */

typedef enum StmtKind {
    S_DECL, S_ASSIGN, S_CALL, S_IF, S_CASE, S_FOR, S_WHILE, S_REPEAT,
    S_RETURN, S_UNDEFINED, S_UNPREDICTABLE, S_SEE, S_ASSERT, S_BLOCK,
} StmtKind;

typedef struct WhenArm {
    Expr **pats;            /* NULL/0 for otherwise */
    int npats;
    Stmt *body;             /* S_BLOCK */
    SrcLoc loc;
} WhenArm;

typedef struct DeclVar {
    char *name;
    Expr *init;             /* may be NULL */
    SrcLoc loc;
    /* annotations */
    Ty ty;
    bool is_const;          /* folded: emitted as a literal, no storage */
    __int128 cval;
    bool in_dec;            /* decode-time variable stored in the Dec struct */
} DeclVar;

struct Stmt {
    StmtKind kind;
    SrcLoc loc;
    /* S_DECL */
    TypeSyn *type;
    bool constant;
    DeclVar *vars;
    int nvars;
    /* S_ASSIGN: lhs = rhs; S_CALL: rhs is the call; S_RETURN/S_ASSERT: rhs (may be NULL) */
    Expr *lhs, *rhs;
    /* S_IF: conds[i] -> blocks[i]; else_ may be NULL. S_WHILE: conds[0] body blocks[0]
     * S_REPEAT: blocks[0] until conds[0] */
    Expr **conds;
    Stmt **blocks;
    int nconds;
    Stmt *else_;
    /* S_CASE */
    Expr *subject;
    WhenArm *arms;
    int narms;
    /* S_FOR */
    char *var;
    Expr *from, *to;
    bool downto;
    Stmt *body;
    /* S_BLOCK */
    Stmt **stmts;
    int nstmts;
    /* S_SEE */
    char *text;
    /* S_BLOCK made of the simple statements of one line: spliced into the
     * enclosing block, it opens no scope */
    bool line_group;
};

/* ------------------------------------------------------------ declarations */

typedef enum DeclKind {
    D_ENUM, D_RECORD, D_VAR, D_CONST, D_FUNC, D_GETTER, D_SETTER,
} DeclKind;

typedef struct Param {
    TypeSyn *type;
    char *name;
    SrcLoc loc;
    Ty ty;                  /* annotation */
} Param;

struct Decl {
    DeclKind kind;
    char *name;             /* qualified names keep their dots: AArch64.CallSupervisor */
    SrcLoc loc;
    /* D_ENUM: names; D_RECORD: params are the fields */
    char **items;
    int nitems;
    Param *params;          /* D_RECORD fields, function parameters */
    int nparams;
    TypeSyn *type;          /* D_VAR/D_CONST type; function return type (NULL: procedure) */
    Expr *init;             /* D_CONST value; D_VAR initial value (optional) */
    Expr *array_lo, *array_hi; /* D_VAR declared `array T name[lo..hi]`; constant array */
    Expr **inits;           /* `constant array T name[0..N] = (e0, ..., eN);` */
    int ninits;
    Param value;            /* D_SETTER: the assigned value */
    Stmt *body;             /* NULL for primitives */
    bool primitive;
    bool pure;              /* __pure_primitive: cannot end the instruction */
    /* annotations */
    Ty ty;                  /* type of a variable/constant; return type */
    char **wparams;         /* implicit width parameters (N, M ...) */
    int nwparams;
    bool raises;            /* may end the instruction with a status */
    bool stateful;          /* reads or writes global state, or calls what does */
    bool checked, emitted, used;
    int const_lo, const_hi; /* array bounds */
    __int128 cval;          /* D_CONST folded value */
    __int128 *cvals;        /* constant array: the folded elements */
};

typedef struct DeclList {
    Decl **items;
    int n, cap;
} DeclList;

/* ------------------------------------------------------------ parsing */

/* Parse a file of declarations (spec/lib, .asl) and append them to `out`. */
bool asl_parse_decls(const char *text, SrcLoc start, DeclList *out);
/* Parse a block of statements (decode/execute). NULL on error. */
Stmt *asl_parse_block(const char *text, SrcLoc start);
/* Parse one expression (alias conditions, template placeholders). */
Expr *asl_parse_expr(const char *text, SrcLoc start);

/* Constructors used by the parser and the checker. */
Expr *expr_new(ExprKind kind, SrcLoc loc);
Stmt *stmt_new(StmtKind kind, SrcLoc loc);
Decl *decl_new(DeclKind kind, SrcLoc loc);
TypeSyn *typesyn_new(TyKind kind, SrcLoc loc);

#endif
