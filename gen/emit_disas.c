/* The disassembler back end: assembler templates and aliases become
 * disas_<id>() functions that run the encoding's decode and print. */
#include <string.h>

#include "emit_c.h"
#include "emit_c_priv.h"


static void put_literal(Em *m, const char *text, size_t n, bool *mnemonic_done)
{
    char *buf = xmalloc(2 * n + 4);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = text[i];
        if (ch == ' ' && !*mnemonic_done) {
            buf[o++] = '\\';
            buf[o++] = 't';
            *mnemonic_done = true;
            continue;
        }
        if (ch == '"' || ch == '\\')
            buf[o++] = '\\';
        buf[o++] = ch;
    }
    buf[o] = 0;
    if (o)
        em_line(m, xasprintf("disas_puts(_b, \"%s\");", buf));
}

/* Emit the template text[0..n) as disas_* calls. */
static bool template(Em *m, Sema *s, Scope *scope, const char *text, size_t n, SrcLoc loc, bool *mn)
{
    size_t i = 0, lit = 0;
    while (i < n) {
        if (text[i] == '{' && i + 1 < n && text[i + 1] == '{') {
            put_literal(m, text + lit, i + 1 - lit, mn);
            i += 2;
            lit = i;
            continue;
        }
        if (text[i] == '}' && i + 1 < n && text[i + 1] == '}') {
            put_literal(m, text + lit, i + 1 - lit, mn);
            i += 2;
            lit = i;
            continue;
        }
        if (text[i] != '{') {
            i++;
            continue;
        }
        put_literal(m, text + lit, i - lit, mn);
        /* find the matching brace */
        size_t j = i + 1;
        int depth = 1;
        bool quote = false;
        for (; j < n && depth; j++) {
            if (text[j] == '\'')
                quote = !quote;
            else if (!quote && text[j] == '{')
                depth++;
            else if (!quote && text[j] == '}')
                depth--;
        }
        SrcLoc here = loc;
        here.col += (int)i;
        if (depth) {
            diag_error(here, "unclosed '{' in assembler template");
            return false;
        }
        const char *in = text + i + 1;
        size_t len = j - 1 - (i + 1);
        SrcLoc inloc = here;
        inloc.col++;
        if (len > 0 && in[0] == '?') {
            /* {?COND:TEXT}: the first ':' outside brackets, quotes and
             * slices (x<2:1>: a '<' glued to a name opens one) ends COND */
            size_t k = 1;
            int d = 0, sl = 0;
            bool q = false;
            for (; k < len; k++) {
                char ch = in[k], prev = in[k - 1];
                bool glued = (prev >= 'a' && prev <= 'z') || (prev >= 'A' && prev <= 'Z') ||
                             (prev >= '0' && prev <= '9') || prev == '_' || prev == ')' || prev == ']';
                if (ch == '\'')
                    q = !q;
                else if (!q && (ch == '(' || ch == '[' || ch == '{'))
                    d++;
                else if (!q && (ch == ')' || ch == ']' || ch == '}'))
                    d--;
                else if (!q && ch == '<' && glued)
                    sl++;
                else if (!q && ch == '>' && sl > 0)
                    sl--;
                else if (!q && d == 0 && sl == 0 && ch == ':')
                    break;
            }
            if (k >= len) {
                diag_error(here, "'{?' needs 'condition:text'");
                return false;
            }
            char *cond = xstrndup(in + 1, k - 1);
            SrcLoc cl = inloc;
            cl.col++;
            Expr *c = asl_parse_expr(cond, cl);
            if (!c || !sema_check_expr_in(s, scope, c))
                return false;
            if (c->ty.kind != TY_BOOL) {
                diag_error(cl, "template condition must be boolean, not %s", ty_name(&c->ty));
                return false;
            }
            em_line(m, xasprintf("if (%s) {", em_expr(m, c)));
            m->ind++;
            SrcLoc tl = inloc;
            tl.col += (int)k + 1;
            if (!template(m, s, scope, in + k + 1, len - k - 1, tl, mn))
                return false;
            m->ind--;
            em_line(m, "}");
        } else {
            char *src = xstrndup(in, len);
            Expr *e = asl_parse_expr(src, inloc);
            if (!e || !sema_check_expr_in(s, scope, e))
                return false;
            if (e->ty.kind == TY_STRING && e->kind == E_CALL)
                em_line(m, xasprintf("%s;", em_expr(m, e)));
            else if (e->ty.kind == TY_STRING)
                em_line(m, xasprintf("disas_puts(_b, %s);", em_expr(m, e)));
            else if (e->ty.kind == TY_INT)
                em_line(m, xasprintf("disas_dec(_b, %s);", em_expr(m, e)));
            else {
                diag_error(inloc, "template operand must be a string or an integer, not %s", ty_name(&e->ty));
                return false;
            }
        }
        i = j;
        lit = i;
    }
    put_literal(m, text + lit, n - lit, mn);
    return true;
}

static char *trim(const char *t, SrcLoc *loc)
{
    while (*t == ' ' || *t == '\n' || *t == '\t') {
        if (*t == '\n') {
            loc->line++;
            loc->col = 1;
        } else {
            loc->col++;
        }
        t++;
    }
    size_t n = strlen(t);
    while (n && (t[n - 1] == ' ' || t[n - 1] == '\n' || t[n - 1] == '\t'))
        n--;
    return xstrndup(t, n);
}

bool emit_disas(Sema *s, const Encoding *enc, Scope *scope, FILE *out)
{
    Em em = { .out = out }, *m = &em;
    const Instruction *in = enc->insn;
    const char *id = enc_cname(enc);
    fprintf(out, "\nstatic bool disas_%s(uint32_t insn, uint64_t pc, DisasBuf *_b)\n{\n", id);
    fprintf(out, "    Cpu *_cpu = disas_cpu(pc);\n");
    fprintf(out, "    Dec_%s _Dv, *_D = &_Dv;\n", id);
    fprintf(out, "    if (decode_%s(_cpu, insn, _D) != ASL_OK)\n        return false;\n", id);
    m->ind = 1;
    bool ok = true;
    for (int i = 0; i < in->naliases && ok; i++) {
        const Alias *a = &in->aliases[i];
        SrcLoc wl = a->when.loc;
        char *w = trim(a->when.text ? a->when.text : "", &wl);
        Expr *c = asl_parse_expr(w, wl);
        if (!c || !sema_check_expr_in(s, scope, c)) {
            ok = false;
            break;
        }
        if (c->ty.kind != TY_BOOL) {
            diag_error(wl, "alias condition must be boolean, not %s", ty_name(&c->ty));
            ok = false;
            break;
        }
        em_line(m, xasprintf("if (%s) {", em_expr(m, c)));
        m->ind++;
        SrcLoc al = a->asm_.loc;
        char *t = trim(a->asm_.text ? a->asm_.text : "", &al);
        bool mn = false;
        ok = template(m, s, scope, t, strlen(t), al, &mn);
        em_line(m, "return true;");
        m->ind--;
        em_line(m, "}");
    }
    const Code *tc = enc->asm_.text ? &enc->asm_
                   : enc->iclass && enc->iclass->asm_.text ? &enc->iclass->asm_ : &in->asm_;
    if (ok && tc->text) {
        SrcLoc tl = tc->loc;
        char *t = trim(tc->text, &tl);
        bool mn = false;
        ok = template(m, s, scope, t, strlen(t), tl, &mn);
    } else if (ok) {
        em_line(m, xasprintf("disas_puts(_b, \"%s\");", id));
    }
    fprintf(out, "    return true;\n}\n");
    return ok;
}
