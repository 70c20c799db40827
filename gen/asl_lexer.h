/* Interface between the flex scanner, the layout pass and the bison parser. */
#ifndef GEN_ASL_LEXER_H
#define GEN_ASL_LEXER_H

#include "ast.h"

struct RawLexState {
    int line, col;          /* position of the next character */
    int tok_line, tok_col;  /* position of the token just scanned */
};

/* What the parser is asked to read. */
typedef enum ParseMode { PARSE_DECLS, PARSE_BLOCK, PARSE_EXPR } ParseMode;

typedef struct AslLoc {
    int first_line, first_column, last_line, last_column;
} AslLoc;


typedef struct ParseCtx ParseCtx;

/* Results the grammar hands back. */
struct ParseCtx {
    ParseMode mode;
    SrcLoc start;           /* where the text begins in its file */
    void *layout;           /* struct Layout (asl_layout.c) */
    DeclList *decls;
    Stmt *block;
    Expr *expr;
    int errors;
};

SrcLoc asl_srcloc(const ParseCtx *ctx, AslLoc l);

#endif
