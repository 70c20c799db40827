/* Pseudocode grammar: declarations (spec/lib), statement blocks (decode and
 * execute) and single expressions (alias conditions, template operands).
 * Blocks are delimited by layout tokens from asl_layout.c. */
%define api.pure full
%define api.prefix {asl_}
%define parse.error verbose
%locations
%param {ParseCtx *ctx}
/* `when NAME (a, b) = f();` is read as a call NAME(...): write such a
 * tuple assignment on its own line. */
%expect 1

%code requires {
#include "asl_lexer.h"
#define ASL_LTYPE AslLoc
#define ASL_LTYPE_IS_DECLARED 1
typedef struct PtrList { void **v; int n, cap; } PtrList;
}

%code {
#include <string.h>
#include "asl_util.h"
int asl_lex(ASL_STYPE *lval, AslLoc *lloc, ParseCtx *ctx);
void asl_error(AslLoc *loc, ParseCtx *ctx, const char *msg);
#define L(l) asl_srcloc(ctx, (l))
}

%union {
    char *str;
    Expr *expr;
    Stmt *stmt;
    TypeSyn *type;
    Decl *decl;
    PtrList *list;
    WhenArm *arm;
    Param *param;
}

%token START_DECLS START_BLOCK START_EXPR
%token NEWLINE INDENT DEDENT SLICE_OPEN SLICE_CLOSE SLICE_COLON FIELDS_OPEN
%token <str> TOK_IDENT TOK_INTLIT TOK_BITSLIT TOK_STRLIT
%token TOK_IF TOK_THEN TOK_ELSIF TOK_ELSE TOK_CASE TOK_OF TOK_WHEN TOK_OTHERWISE
%token TOK_FOR TOK_TO TOK_DOWNTO TOK_WHILE TOK_DO TOK_REPEAT TOK_UNTIL TOK_RETURN
%token TOK_UNDEFINED TOK_UNPREDICTABLE TOK_SEE TOK_ASSERT TOK_CONSTANT TOK_ARRAY
%token TOK_TYPE TOK_IS TOK_ENUMERATION TOK_PRIMITIVE TOK_PURE_PRIMITIVE
%token TOK_BITS TOK_BIT TOK_INTEGER TOK_BOOLEAN TOK_STRING TOK_TRUE TOK_FALSE
%token TOK_AND TOK_OR TOK_EOR TOK_NOT TOK_DIV TOK_MOD TOK_QUOT TOK_REM TOK_IN
%token TOK_EQ TOK_NE TOK_LE TOK_GE TOK_SHL TOK_SHR TOK_LAND TOK_LOR TOK_PLUSCOLON
%token TOK_DOTDOT TOK_BADCHAR

%type <expr> expr primary postfix lvalue tuple_elem slice_or_fields_lv call cond_tail
%type <stmt> stmts stmts_opt stmt simple if_stmt if_rest case_stmt for_stmt while_stmt repeat_stmt block
%type <list> simple_list expr_list args_opt tuple_elems ident_list arms pat_list params_opt params decl_items type_list field_list
%type <type> type ret_type
%type <decl> decl func_head
%type <arm> arm
%type <param> param
%type <str> semi_opt

%precedence LOWEST
%left TOK_LOR
%left TOK_LAND
%nonassoc TOK_EQ TOK_NE '<' '>' TOK_LE TOK_GE TOK_IN
%left TOK_OR TOK_EOR
%left TOK_AND
%left TOK_SHL TOK_SHR
%left '+' '-'
%left '*' TOK_DIV TOK_MOD TOK_QUOT TOK_REM
%left ':'
%precedence UNARY

%%

start
    : START_DECLS decls_opt
    | START_BLOCK stmts_opt         { ctx->block = $2; }
    | START_EXPR expr               { ctx->expr = $2; }
    ;

/* ------------------------------------------------------------ declarations */

decls_opt
    : %empty
    | decls_opt decl                { if ($2) pl_push_decl(ctx->decls, $2); }
    | decls_opt NEWLINE
    ;

semi_opt
    : %empty                        { $$ = NULL; }
    | ';'                           { $$ = NULL; }
    ;

decl
    : TOK_ENUMERATION TOK_IDENT '{' ident_list '}' semi_opt NEWLINE
        { $$ = decl_new(D_ENUM, L(@2)); $$->name = $2;
          $$->items = (char **)$4->v; $$->nitems = $4->n; }
    | TOK_TYPE TOK_IDENT TOK_IS '(' field_list ')' semi_opt NEWLINE
        { $$ = decl_new(D_RECORD, L(@2)); $$->name = $2;
          $$->params = pl_params($5, &$$->nparams); }
    | ret_type TOK_IDENT ';' NEWLINE
        { $$ = decl_new(D_VAR, L(@2)); $$->name = $2; $$->type = $1; }
    | TOK_ARRAY type TOK_IDENT '[' expr TOK_DOTDOT expr ']' ';' NEWLINE
        { $$ = decl_new(D_VAR, L(@3)); $$->name = $3; $$->type = $2;
          $$->array_lo = $5; $$->array_hi = $7; }
    | TOK_CONSTANT type TOK_IDENT '=' expr ';' NEWLINE
        { $$ = decl_new(D_CONST, L(@3)); $$->name = $3; $$->type = $2; $$->init = $5; }
    | TOK_CONSTANT TOK_ARRAY type TOK_IDENT '[' expr TOK_DOTDOT expr ']' '=' '(' expr_list ')' ';' NEWLINE
        { $$ = decl_new(D_CONST, L(@4)); $$->name = $4; $$->type = $3;
          $$->array_lo = $6; $$->array_hi = $8;
          $$->inits = (Expr **)$12->v; $$->ninits = $12->n; }
    | func_head NEWLINE INDENT stmts DEDENT
        { $$ = $1; $$->body = $4; }
    | TOK_PRIMITIVE func_head ';' NEWLINE
        { $$ = $2; $$->primitive = true; }
    | TOK_PURE_PRIMITIVE func_head ';' NEWLINE
        { $$ = $2; $$->primitive = true; $$->pure = true; }
    | error NEWLINE                 { $$ = NULL; yyerrok; }
    ;

func_head
    : ret_type TOK_IDENT '(' params_opt ')'
        { $$ = decl_new(D_FUNC, L(@2)); $$->name = $2; $$->type = $1;
          $$->params = pl_params($4, &$$->nparams); }
    | TOK_IDENT '(' params_opt ')'
        { $$ = decl_new(D_FUNC, L(@1)); $$->name = $1;
          $$->params = pl_params($3, &$$->nparams); }
    | ret_type TOK_IDENT '[' params_opt ']'
        { $$ = decl_new(D_GETTER, L(@2)); $$->name = $2; $$->type = $1;
          $$->params = pl_params($4, &$$->nparams); }
    | TOK_IDENT '[' params_opt ']' '=' type TOK_IDENT
        { $$ = decl_new(D_SETTER, L(@1)); $$->name = $1;
          $$->params = pl_params($3, &$$->nparams);
          $$->value.type = $6; $$->value.name = $7; $$->value.loc = L(@7); }
    ;

params_opt
    : %empty                        { $$ = pl_new(); }
    | params
    ;

params
    : param                         { $$ = pl_new(); pl_push($$, $1); }
    | params ',' param              { $$ = $1; pl_push($$, $3); }
    ;

param
    : type TOK_IDENT                { $$ = param_new($1, $2, L(@2)); }
    ;

field_list
    : param                         { $$ = pl_new(); pl_push($$, $1); }
    | field_list ',' param          { $$ = $1; pl_push($$, $3); }
    ;

ident_list
    : TOK_IDENT                     { $$ = pl_new(); pl_push($$, $1); }
    | ident_list ',' TOK_IDENT      { $$ = $1; pl_push($$, $3); }
    ;

type
    : TOK_BITS '(' expr ')'         { $$ = typesyn_new(TY_BITS, L(@1)); $$->width = $3; }
    | TOK_BIT                       { $$ = typesyn_new(TY_BITS, L(@1)); }
    | TOK_INTEGER                   { $$ = typesyn_new(TY_INT, L(@1)); }
    | TOK_BOOLEAN                   { $$ = typesyn_new(TY_BOOL, L(@1)); }
    | TOK_STRING                    { $$ = typesyn_new(TY_STRING, L(@1)); }
    | TOK_IDENT                     { $$ = typesyn_new(TY_ENUM, L(@1)); $$->name = $1; }
    ;

ret_type
    : type
    | '(' type_list ')'
        { $$ = typesyn_new(TY_TUPLE, L(@1));
          $$->elems = (TypeSyn **)$2->v; $$->nelems = $2->n; }
    ;

type_list
    : type ',' type                 { $$ = pl_new(); pl_push($$, $1); pl_push($$, $3); }
    | type_list ',' type            { $$ = $1; pl_push($$, $3); }
    ;

/* ------------------------------------------------------------ statements */

stmts_opt
    : %empty                        { $$ = stmt_new(S_BLOCK, L(@$)); }
    | stmts
    ;

stmts
    : stmt                          { $$ = stmt_new(S_BLOCK, L(@1)); block_splice($$, $1); }
    | stmts stmt                    { $$ = $1; block_splice($$, $2); }
    ;

block
    : NEWLINE INDENT stmts DEDENT   { $$ = $3; }
    | simple_list NEWLINE           { $$ = block_of(L(@1), $1); }
    ;

stmt
    : simple_list NEWLINE           { $$ = block_of(L(@1), $1); $$->line_group = true; }
    | if_stmt
    | case_stmt
    | for_stmt
    | while_stmt
    | repeat_stmt
    | error NEWLINE                 { $$ = stmt_new(S_BLOCK, L(@1)); yyerrok; }
    ;

simple_list
    : simple                        { $$ = pl_new(); pl_push($$, $1); }
    | simple_list simple            { $$ = $1; pl_push($$, $2); }
    ;

simple
    : type decl_items ';'
        { $$ = stmt_new(S_DECL, L(@1)); $$->type = $1;
          $$->vars = pl_declvars($2, &$$->nvars); }
    | TOK_CONSTANT type TOK_IDENT '=' expr ';'
        { $$ = stmt_new(S_DECL, L(@1)); $$->type = $2; $$->constant = true;
          $$->vars = declvar_one($3, $5, L(@3)); $$->nvars = 1; }
    | lvalue '=' expr ';'           { $$ = stmt_new(S_ASSIGN, L(@1)); $$->lhs = $1; $$->rhs = $3; }
    | call ';'                      { $$ = stmt_new(S_CALL, L(@1)); $$->rhs = $1; }
    | TOK_RETURN ';'                { $$ = stmt_new(S_RETURN, L(@1)); }
    | TOK_RETURN expr ';'           { $$ = stmt_new(S_RETURN, L(@1)); $$->rhs = $2; }
    | TOK_UNDEFINED ';'             { $$ = stmt_new(S_UNDEFINED, L(@1)); }
    | TOK_UNPREDICTABLE ';'         { $$ = stmt_new(S_UNPREDICTABLE, L(@1)); }
    | TOK_SEE TOK_STRLIT ';'        { $$ = stmt_new(S_SEE, L(@1)); $$->text = $2; }
    | TOK_ASSERT expr ';'           { $$ = stmt_new(S_ASSERT, L(@1)); $$->rhs = $2; }
    ;

decl_items
    : TOK_IDENT                     { $$ = pl_new(); pl_push($$, declvar_one($1, NULL, L(@1))); }
    | TOK_IDENT '=' expr            { $$ = pl_new(); pl_push($$, declvar_one($1, $3, L(@1))); }
    | decl_items ',' TOK_IDENT      { $$ = $1; pl_push($$, declvar_one($3, NULL, L(@3))); }
    | decl_items ',' TOK_IDENT '=' expr { $$ = $1; pl_push($$, declvar_one($3, $5, L(@3))); }
    ;

lvalue
    : TOK_IDENT                     { $$ = expr_new(E_VAR, L(@1)); $$->name = $1; }
    | TOK_IDENT '[' args_opt ']'    { $$ = mk_call(E_INDEX, $1, $3, L(@1)); }
    | slice_or_fields_lv
    | '(' tuple_elem ',' tuple_elems ')'
        { $$ = expr_new(E_TUPLE, L(@1)); pl_insert0($4, $2);
          $$->args = (Expr **)$4->v; $$->nargs = $4->n; }
    ;

slice_or_fields_lv
    : lvalue '.' TOK_IDENT          { $$ = expr_new(E_FIELD, L(@3)); $$->a = $1; $$->name = $3; }
    | lvalue FIELDS_OPEN ident_list SLICE_CLOSE
        { $$ = expr_new(E_FIELDS, L(@2)); $$->a = $1;
          $$->names = (char **)$3->v; $$->nnames = $3->n; }
    | lvalue SLICE_OPEN expr SLICE_CLOSE
        { $$ = mk_slice($1, $3, NULL, false, L(@2)); }
    | lvalue SLICE_OPEN expr SLICE_COLON expr SLICE_CLOSE
        { $$ = mk_slice($1, $3, $5, false, L(@2)); }
    | lvalue SLICE_OPEN expr TOK_PLUSCOLON expr SLICE_CLOSE
        { $$ = mk_slice($1, $3, $5, true, L(@2)); }
    ;

call
    : TOK_IDENT '(' args_opt ')'    { $$ = mk_call(E_CALL, $1, $3, L(@1)); }
    ;

if_stmt
    : TOK_IF expr TOK_THEN block if_rest
        { $$ = $5; if_prepend($$, $2, $4, L(@1)); }
    | TOK_IF expr TOK_THEN simple_list TOK_ELSE simple_list NEWLINE
        { $$ = stmt_new(S_IF, L(@1)); $$->else_ = block_of(L(@6), $6);
          if_prepend($$, $2, block_of(L(@4), $4), L(@1)); }
    ;

if_rest
    : %empty                        { $$ = stmt_new(S_IF, L(@$)); }
    | TOK_ELSIF expr TOK_THEN block if_rest
        { $$ = $5; if_prepend($$, $2, $4, L(@1)); }
    | TOK_ELSE block                { $$ = stmt_new(S_IF, L(@1)); $$->else_ = $2; }
    ;

case_stmt
    : TOK_CASE expr TOK_OF NEWLINE INDENT arms DEDENT
        { $$ = stmt_new(S_CASE, L(@1)); $$->subject = $2;
          $$->arms = pl_arms($6, &$$->narms); }
    ;

arms
    : arm                           { $$ = pl_new(); pl_push($$, $1); }
    | arms arm                      { $$ = $1; pl_push($$, $2); }
    ;

arm
    : TOK_WHEN pat_list block       { $$ = arm_new((Expr **)$2->v, $2->n, $3, L(@1)); }
    | TOK_OTHERWISE block           { $$ = arm_new(NULL, 0, $2, L(@1)); }
    ;

pat_list
    : expr                          { $$ = pl_new(); pl_push($$, $1); }
    | pat_list ',' expr             { $$ = $1; pl_push($$, $3); }
    ;

for_stmt
    : TOK_FOR TOK_IDENT '=' expr TOK_TO expr NEWLINE INDENT stmts DEDENT
        { $$ = stmt_new(S_FOR, L(@1)); $$->var = $2; $$->from = $4; $$->to = $6; $$->body = $9; }
    | TOK_FOR TOK_IDENT '=' expr TOK_DOWNTO expr NEWLINE INDENT stmts DEDENT
        { $$ = stmt_new(S_FOR, L(@1)); $$->var = $2; $$->from = $4; $$->to = $6;
          $$->downto = true; $$->body = $9; }
    ;

while_stmt
    : TOK_WHILE expr TOK_DO NEWLINE INDENT stmts DEDENT
        { $$ = stmt_new(S_WHILE, L(@1)); if_prepend($$, $2, $6, L(@1)); }
    ;

repeat_stmt
    : TOK_REPEAT NEWLINE INDENT stmts DEDENT TOK_UNTIL expr ';' NEWLINE
        { $$ = stmt_new(S_REPEAT, L(@1)); if_prepend($$, $7, $4, L(@1)); }
    ;

/* ------------------------------------------------------------ expressions */

expr
    : postfix
    | TOK_IF expr TOK_THEN expr cond_tail %prec LOWEST
        { $$ = expr_new(E_COND, L(@1)); $$->a = $2; $$->b = $4; $$->c = $5; }
    | '-' expr %prec UNARY          { $$ = mk_unop(OP_NEG, $2, L(@1)); }
    | '!' expr %prec UNARY          { $$ = mk_unop(OP_NOT, $2, L(@1)); }
    | TOK_NOT expr %prec UNARY      { $$ = mk_unop(OP_BNOT, $2, L(@1)); }
    | expr '+' expr                 { $$ = mk_binop(OP_ADD, $1, $3, L(@2)); }
    | expr '-' expr                 { $$ = mk_binop(OP_SUB, $1, $3, L(@2)); }
    | expr '*' expr                 { $$ = mk_binop(OP_MUL, $1, $3, L(@2)); }
    | expr TOK_DIV expr             { $$ = mk_binop(OP_DIV, $1, $3, L(@2)); }
    | expr TOK_MOD expr             { $$ = mk_binop(OP_MOD, $1, $3, L(@2)); }
    | expr TOK_QUOT expr            { $$ = mk_binop(OP_QUOT, $1, $3, L(@2)); }
    | expr TOK_REM expr             { $$ = mk_binop(OP_REM, $1, $3, L(@2)); }
    | expr TOK_SHL expr             { $$ = mk_binop(OP_SHL, $1, $3, L(@2)); }
    | expr TOK_SHR expr             { $$ = mk_binop(OP_SHR, $1, $3, L(@2)); }
    | expr TOK_EQ expr              { $$ = mk_binop(OP_EQ, $1, $3, L(@2)); }
    | expr TOK_NE expr              { $$ = mk_binop(OP_NE, $1, $3, L(@2)); }
    | expr '<' expr                 { $$ = mk_binop(OP_LT, $1, $3, L(@2)); }
    | expr TOK_LE expr              { $$ = mk_binop(OP_LE, $1, $3, L(@2)); }
    | expr '>' expr                 { $$ = mk_binop(OP_GT, $1, $3, L(@2)); }
    | expr TOK_GE expr              { $$ = mk_binop(OP_GE, $1, $3, L(@2)); }
    | expr TOK_LAND expr            { $$ = mk_binop(OP_LAND, $1, $3, L(@2)); }
    | expr TOK_LOR expr             { $$ = mk_binop(OP_LOR, $1, $3, L(@2)); }
    | expr TOK_AND expr             { $$ = mk_binop(OP_AND, $1, $3, L(@2)); }
    | expr TOK_OR expr              { $$ = mk_binop(OP_OR, $1, $3, L(@2)); }
    | expr TOK_EOR expr             { $$ = mk_binop(OP_EOR, $1, $3, L(@2)); }
    | expr ':' expr                 { $$ = mk_binop(OP_CONCAT, $1, $3, L(@2)); }
    | expr TOK_IN '{' expr_list '}'
        { $$ = expr_new(E_IN, L(@2)); $$->a = $1;
          $$->args = (Expr **)$4->v; $$->nargs = $4->n; }
    ;

/* `elsif c2 then b` nests as `else if c2 then b` */
cond_tail
    : TOK_ELSE expr %prec LOWEST    { $$ = $2; }
    | TOK_ELSIF expr TOK_THEN expr cond_tail %prec LOWEST
        { $$ = expr_new(E_COND, L(@1)); $$->a = $2; $$->b = $4; $$->c = $5; }
    ;

postfix
    : primary
    | postfix '.' TOK_IDENT         { $$ = expr_new(E_FIELD, L(@3)); $$->a = $1; $$->name = $3; }
    | postfix FIELDS_OPEN ident_list SLICE_CLOSE
        { $$ = expr_new(E_FIELDS, L(@2)); $$->a = $1;
          $$->names = (char **)$3->v; $$->nnames = $3->n; }
    | postfix SLICE_OPEN expr SLICE_CLOSE
        { $$ = mk_slice($1, $3, NULL, false, L(@2)); }
    | postfix SLICE_OPEN expr SLICE_COLON expr SLICE_CLOSE
        { $$ = mk_slice($1, $3, $5, false, L(@2)); }
    | postfix SLICE_OPEN expr TOK_PLUSCOLON expr SLICE_CLOSE
        { $$ = mk_slice($1, $3, $5, true, L(@2)); }
    ;

primary
    : TOK_IDENT                     { $$ = expr_new(E_VAR, L(@1)); $$->name = $1; }
    | call
    | TOK_IDENT '[' args_opt ']'    { $$ = mk_call(E_INDEX, $1, $3, L(@1)); }
    | TOK_INTLIT                    { $$ = mk_int($1, L(@1), ctx); }
    | TOK_BITSLIT                   { $$ = mk_bits($1, L(@1)); }
    | TOK_STRLIT                    { $$ = expr_new(E_STRING, L(@1)); $$->bits = $1; }
    | TOK_TRUE                      { $$ = expr_new(E_BOOL, L(@1)); $$->ival = 1; }
    | TOK_FALSE                     { $$ = expr_new(E_BOOL, L(@1)); $$->ival = 0; }
    | '(' expr ')'                  { $$ = $2; }
    | '(' tuple_elem ',' tuple_elems ')'
        { $$ = expr_new(E_TUPLE, L(@1)); pl_insert0($4, $2);
          $$->args = (Expr **)$4->v; $$->nargs = $4->n; }
    ;

tuple_elem
    : expr
    | '-'                           { $$ = expr_new(E_DISCARD, L(@1)); }
    ;

tuple_elems
    : tuple_elem                    { $$ = pl_new(); pl_push($$, $1); }
    | tuple_elems ',' tuple_elem    { $$ = $1; pl_push($$, $3); }
    ;

args_opt
    : %empty                        { $$ = pl_new(); }
    | expr_list
    ;

expr_list
    : expr                          { $$ = pl_new(); pl_push($$, $1); }
    | expr_list ',' expr            { $$ = $1; pl_push($$, $3); }
    ;

%%
