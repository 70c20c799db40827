/* The layout pass between the flex scanner and the parser: turns
 * indentation into NEWLINE/INDENT/DEDENT, tells slices `x<7:0>` from
 * comparisons, and provides the three parse entry points. */
#include <string.h>

#include "asl_util.h"
#include "asl_parse.h"

typedef void *yyscan_t;
int asl_raw_lex_init_extra(struct RawLexState *extra, yyscan_t *scanner);
int asl_raw_lex_destroy(yyscan_t scanner);
int asl_raw_lex(yyscan_t scanner);
char *asl_raw_get_text(yyscan_t scanner);
int asl_raw_get_leng(yyscan_t scanner);
void *asl_raw__scan_bytes(const char *bytes, int len, yyscan_t scanner);

typedef struct Tok {
    int kind;
    AslLoc loc;
    char *text;
} Tok;

enum { MAX_NEST = 64, QUEUE = 128 };

typedef struct Layout {
    yyscan_t scanner;
    struct RawLexState raw;
    Tok queue[QUEUE];
    int qhead, qtail;
    int indent[MAX_NEST];
    int nindent;
    int depth;                  /* open ( [ { */
    int slices[MAX_NEST];       /* depth at which each open slice began */
    int nslices;
    int prev_kind, prev_line, prev_end;
    int last_line;              /* line of the last real token */
    bool content;               /* a token since the last NEWLINE */
    bool started, done;
} Layout;

SrcLoc asl_srcloc(const ParseCtx *ctx, AslLoc l)
{
    SrcLoc s = ctx->start;
    SrcLoc r = { s.file, s.line + l.first_line - 1,
                 l.first_line == 1 ? s.col + l.first_column - 1 : l.first_column };
    return r;
}

static void push(Layout *lx, int kind, AslLoc loc, char *text)
{
    Tok *t = &lx->queue[lx->qtail++ % QUEUE];
    t->kind = kind;
    t->loc = loc;
    t->text = text;
}

static bool is_open_slice_context(int kind)
{
    return kind == TOK_IDENT || kind == TOK_BITSLIT || kind == TOK_INTLIT || kind == ')' || kind == ']' || kind == SLICE_CLOSE;
}

/* Scan one raw token and queue it, preceded by any layout tokens. */
static void scan(ParseCtx *ctx, Layout *lx)
{
    int kind = asl_raw_lex(lx->scanner);
    AslLoc loc = { lx->raw.tok_line, lx->raw.tok_col, lx->raw.tok_line,
                   lx->raw.tok_col + asl_raw_get_leng(lx->scanner) };
    if (kind == 0) {
        if (ctx->mode != PARSE_EXPR) {
            AslLoc end = { lx->raw.line, lx->raw.col, lx->raw.line, lx->raw.col };
            AslLoc eol = { lx->prev_line, lx->prev_end, lx->prev_line, lx->prev_end };
            if (lx->content)
                push(lx, NEWLINE, eol, NULL);
            while (lx->nindent > 1) {
                lx->nindent--;
                push(lx, DEDENT, end, NULL);
            }
        }
        push(lx, 0, loc, NULL);
        lx->done = true;
        return;
    }
    if (kind == TOK_BADCHAR) {
        diag_error(asl_srcloc(ctx, loc), "unexpected character '%s'", asl_raw_get_text(lx->scanner));
        ctx->errors++;
        scan(ctx, lx);
        return;
    }
    bool first = loc.first_line != lx->last_line;
    if (ctx->mode != PARSE_EXPR && first && lx->depth == 0) {
        int col = loc.first_column;
        if (lx->nindent == 0) {
            lx->indent[lx->nindent++] = col;
        } else {
            /* a NEWLINE stands at the end of the line it ends */
            AslLoc eol = { lx->prev_line, lx->prev_end, lx->prev_line, lx->prev_end };
            if (lx->content)
                push(lx, NEWLINE, eol, NULL);
            if (col > lx->indent[lx->nindent - 1]) {
                if (lx->nindent == MAX_NEST) {
                    diag_error(asl_srcloc(ctx, loc), "blocks nested too deeply");
                    ctx->errors++;
                } else {
                    lx->indent[lx->nindent++] = col;
                    push(lx, INDENT, loc, NULL);
                }
            }
            while (lx->nindent > 1 && col < lx->indent[lx->nindent - 1]) {
                lx->nindent--;
                push(lx, DEDENT, loc, NULL);
            }
            if (col != lx->indent[lx->nindent - 1]) {
                diag_error(asl_srcloc(ctx, loc), "indentation does not match any enclosing block");
                ctx->errors++;
            }
        }
    }
    lx->last_line = loc.first_line;
    lx->content = true;

    /* Slices: '<' glued to a name, ')' or ']' opens one; '.<' opens a field list. */
    bool adjacent = lx->prev_line == loc.first_line && lx->prev_end == loc.first_column;
    if (kind == '<' && adjacent && (is_open_slice_context(lx->prev_kind) || lx->prev_kind == '.')) {
        kind = lx->prev_kind == '.' ? FIELDS_OPEN : SLICE_OPEN;
        if (lx->nslices < MAX_NEST)
            lx->slices[lx->nslices++] = lx->depth;
    } else if (lx->nslices > 0 && lx->slices[lx->nslices - 1] == lx->depth) {
        if (kind == '>') {
            kind = SLICE_CLOSE;
            lx->nslices--;
        } else if (kind == ':') {
            kind = SLICE_COLON;
        }
    }
    if (kind == '(' || kind == '[' || kind == '{')
        lx->depth++;
    else if ((kind == ')' || kind == ']' || kind == '}') && lx->depth > 0)
        lx->depth--;

    char *text = NULL;
    if (kind == TOK_IDENT || kind == TOK_INTLIT || kind == TOK_BITSLIT)
        text = xstrdup(asl_raw_get_text(lx->scanner));
    else if (kind == TOK_STRLIT) {
        const char *t = asl_raw_get_text(lx->scanner);
        text = xstrndup(t + 1, strlen(t) - 2);
    }
    lx->prev_kind = kind;
    lx->prev_line = loc.first_line;
    lx->prev_end = loc.last_column;
    push(lx, kind, loc, text);
}

int asl_lex(ASL_STYPE *lval, AslLoc *lloc, ParseCtx *ctx)
{
    Layout *lx = ctx->layout;
    if (!lx->started) {
        lx->started = true;
        *lloc = (AslLoc){ 1, 1, 1, 1 };
        return ctx->mode == PARSE_DECLS ? START_DECLS
             : ctx->mode == PARSE_BLOCK ? START_BLOCK : START_EXPR;
    }
    for (;;) {
        if (lx->qhead == lx->qtail) {
            if (lx->done) {
                *lloc = (AslLoc){ lx->raw.line, lx->raw.col, lx->raw.line, lx->raw.col };
                return 0;
            }
            scan(ctx, lx);
            continue;
        }
        Tok *t = &lx->queue[lx->qhead++ % QUEUE];
        /* A '.' immediately followed by FIELDS_OPEN is part of that token. */
        if (t->kind == '.') {
            if (lx->qhead == lx->qtail && !lx->done)
                scan(ctx, lx);
            if (lx->qhead != lx->qtail && lx->queue[lx->qhead % QUEUE].kind == FIELDS_OPEN)
                continue;
        }
        *lloc = t->loc;
        lval->str = t->text;
        return t->kind;
    }
}

void asl_error(AslLoc *loc, ParseCtx *ctx, const char *msg)
{
    const char *m = msg;
    if (strncmp(m, "syntax error, ", 14) == 0)
        m += 14;
    /* Bison's token names are internal; say them as the source spells them. */
    char buf[512];
    size_t o = 0;
    for (const char *p = m; *p && o + 16 < sizeof buf; p++) {
        static const struct { const char *tok, *say; } names[] = {
            { "TOK_IDENT", "identifier" }, { "TOK_INTLIT", "integer" },
            { "TOK_BITSLIT", "bits literal" }, { "TOK_STRLIT", "string" },
            { "NEWLINE", "end of line" }, { "INDENT", "indented block" },
            { "DEDENT", "end of block" }, { "SLICE_OPEN", "'<'" },
            { "SLICE_CLOSE", "'>'" }, { "SLICE_COLON", "':'" },
            { "FIELDS_OPEN", "'.<'" }, { "end of file", "end of text" },
        };
        bool done = false;
        for (size_t i = 0; i < sizeof names / sizeof names[0] && !done; i++) {
            size_t l = strlen(names[i].tok);
            if (strncmp(p, names[i].tok, l) == 0) {
                o += (size_t)snprintf(buf + o, sizeof buf - o, "%s", names[i].say);
                p += l - 1;
                done = true;
            }
        }
        if (done)
            continue;
        if (strncmp(p, "TOK_", 4) == 0) {
            /* keywords: TOK_IF -> 'if' etc.; print lower-case, quoted */
            p += 4;
            buf[o++] = '\'';
            while ((*p >= 'A' && *p <= 'Z') || *p == '_') {
                buf[o++] = (char)(*p >= 'A' && *p <= 'Z' && strncmp(p, "UNDEFINED", 9) && strncmp(p, "UNPREDICTABLE", 13) && strncmp(p, "SEE", 3) && strncmp(p, "TRUE", 4) && strncmp(p, "FALSE", 5) ? *p | 0x20 : *p);
                p++;
            }
            buf[o++] = '\'';
            p--;
            continue;
        }
        buf[o++] = *p;
    }
    buf[o] = 0;
    diag_error(asl_srcloc(ctx, *loc), "%s", buf);
    ctx->errors++;
}

static bool run(ParseMode mode, const char *text, SrcLoc start, ParseCtx *c, DeclList *decls)
{
    Layout lx;
    memset(&lx, 0, sizeof lx);
    lx.raw.line = 1;
    lx.raw.col = 1;
    lx.last_line = -1;
    memset(c, 0, sizeof *c);
    c->mode = mode;
    c->start = start;
    c->layout = &lx;
    c->decls = decls;
    asl_raw_lex_init_extra(&lx.raw, &lx.scanner);
    asl_raw__scan_bytes(text, (int)strlen(text), lx.scanner);
    int r = asl_parse(c);
    asl_raw_lex_destroy(lx.scanner);
    return r == 0 && c->errors == 0;
}

bool asl_parse_decls(const char *text, SrcLoc start, DeclList *out)
{
    ParseCtx c;
    return run(PARSE_DECLS, text, start, &c, out);
}

Stmt *asl_parse_block(const char *text, SrcLoc start)
{
    ParseCtx c;
    return run(PARSE_BLOCK, text, start, &c, NULL) ? c.block : NULL;
}

Expr *asl_parse_expr(const char *text, SrcLoc start)
{
    ParseCtx c;
    return run(PARSE_EXPR, text, start, &c, NULL) ? c.expr : NULL;
}
