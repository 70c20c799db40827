/* What the C back ends share: the emitter's state and the two services the
 * disassembler back end (emit_disas.c) uses from the semantics back end. */
#ifndef GEN_EMIT_C_PRIV_H
#define GEN_EMIT_C_PRIV_H

#include "ast.h"

typedef struct Em {
    FILE *out;
    int ind;
    int ntemps;
    Decl *func;             /* function being emitted; NULL in encoding blocks */
    bool status;            /* the C function returns AslStatus */
    bool in_decode;         /* emitting a decode block */
    const char *file;       /* for #line */
    int last_line;
} Em;

/* One line of C at the current indentation. */
void em_line(Em *m, const char *text);
/* A checked expression as C. */
char *em_expr(Em *m, const Expr *e);

#endif
