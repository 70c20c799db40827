/* Loads instruction pages (spec/a64) and spec/features.xml: elements, bit diagrams, required parts. */
#include "xml_src.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---------------------------------------------------------- bit diagrams */

typedef struct BitTok {
    char *name;       /* NULL for unnamed bits */
    int width;
    uint32_t mask;    /* right-aligned */
    uint32_t value;
    bool sb;
    size_t off;       /* position in the attribute value */
} BitTok;

static bool is_ident_start(char c) { return isalpha((unsigned char)c) || c == '_'; }
static bool is_ident(char c) { return isalnum((unsigned char)c) || c == '_'; }

/* "0", "1", "x" digits, or "(0)"/"(1)" should-be groups; all of one kind. */
static bool parse_pattern(const char *s, size_t len, BitTok *t)
{
    if (len == 0)
        return false;
    if (s[0] == '(') {
        if (len % 3)
            return false;
        for (size_t i = 0; i < len; i += 3) {
            if (s[i] != '(' || (s[i + 1] != '0' && s[i + 1] != '1') || s[i + 2] != ')')
                return false;
            t->mask = t->mask << 1 | 1;
            t->value = t->value << 1 | (uint32_t)(s[i + 1] == '1');
        }
        t->width = (int)(len / 3);
        t->sb = true;
        return t->width <= 32;
    }
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '0' && s[i] != '1' && s[i] != 'x')
            return false;
        t->mask = t->mask << 1 | (uint32_t)(s[i] != 'x');
        t->value = t->value << 1 | (uint32_t)(s[i] == '1');
    }
    t->width = (int)len;
    return t->width <= 32;
}

static bool parse_token(const char *s, size_t len, BitTok *t)
{
    memset(t, 0, sizeof *t);
    if (strspn(s, "01x") >= len || s[0] == '(')
        return parse_pattern(s, len, t);
    if (!is_ident_start(s[0]))
        return false;
    size_t n = 1;
    while (n < len && is_ident(s[n]))
        n++;
    t->name = xstrndup(s, n);
    if (n == len) {
        t->width = 1;
        return true;
    }
    if (s[n] == '=')
        return parse_pattern(s + n + 1, len - n - 1, t);
    if (s[n] != ':' || n + 1 == len || len - n - 1 > 2)
        return false;
    int w = 0;
    for (size_t i = n + 1; i < len; i++) {
        if (!isdigit((unsigned char)s[i]))
            return false;
        w = w * 10 + (s[i] - '0');
    }
    t->width = w;
    return w >= 1 && w <= 32;
}

/* Fills e->mask/match/sb_mask/sb_value and e->fields from `bits`. */
static void parse_bits(const XmlFile *f, const xmlNode *n, Encoding *e, const char *bits)
{
    int errs = diag_count();
    BitTok *toks = NULL;
    int ntoks = 0, cap = 0, total = 0, fcap = 0;
    for (size_t p = 0; bits[p];) {
        if (isspace((unsigned char)bits[p])) {
            p++;
            continue;
        }
        size_t len = strcspn(bits + p, " \t\r\n");
        BitTok t;
        if (!parse_token(bits + p, len, &t)) {
            diag_error(xml_attr_loc(f, n, "bits", p), "encoding %s: bad token '%.*s' in bit diagram", e->id, (int)len,
                       bits + p);
            free(t.name);
        } else {
            t.off = p;
            for (int i = 0; t.name && i < ntoks; i++)
                if (toks[i].name && strcmp(toks[i].name, t.name) == 0) {
                    diag_error(xml_attr_loc(f, n, "bits", p), "encoding %s: duplicate field '%s'", e->id, t.name);
                    diag_note(xml_attr_loc(f, n, "bits", toks[i].off), "'%s' first defined here", t.name);
                    break;
                }
            total += t.width;
            VEC_PUSH(toks, ntoks, cap, t);
        }
        p += len;
    }
    if (diag_count() == errs && total != 32)
        diag_error(xml_attr_loc(f, n, "bits", 0), "encoding %s: bit diagram has %d bits, expected 32", e->id, total);
    if (diag_count() == errs) {
        int pos = 32;
        for (int i = 0; i < ntoks; i++) {
            BitTok *t = &toks[i];
            int lo = pos - t->width;
            uint32_t m = t->mask << lo, v = t->value << lo;
            if (t->sb) {
                e->sb_mask |= m;
                e->sb_value |= v;
            } else {
                e->mask |= m;
                e->match |= v;
            }
            if (t->name) {
                Field fl = { t->name, pos - 1, lo, m, v, t->sb, xml_attr_loc(f, n, "bits", t->off) };
                VEC_PUSH(e->fields, e->nfields, fcap, fl);
                t->name = NULL;
            }
            pos = lo;
        }
    }
    for (int i = 0; i < ntoks; i++)
        free(toks[i].name);
    free(toks);
}

const Field *encoding_field(const Encoding *enc, const char *name)
{
    for (int i = 0; i < enc->nfields; i++)
        if (strcmp(enc->fields[i].name, name) == 0)
            return &enc->fields[i];
    return NULL;
}

/* ------------------------------------------------------- instruction pages */

/* Last path component, and the directory containing it. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static char *dir_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash) { /* relative to the working directory */
        char cwd[4096];
        if (!getcwd(cwd, sizeof cwd))
            return xstrdup("");
        return xstrdup(base_name(cwd));
    }
    const char *end = slash;
    while (end > path && end[-1] == '/')
        end--;
    const char *start = end;
    while (start > path && start[-1] != '/')
        start--;
    return xstrndup(start, (size_t)(end - start));
}

/* specialize="Q size": one encoding per value of those fields, each with
 * the fields fixed, so widths they decide (datasize = 64 << UInt(Q)) are
 * known when each variant is checked and generated. */
static void specialize(const XmlFile *f, const xmlNode *n, Encoding *e, Iclass *ic, char *list)
{
    int idx[8], nidx = 0, bits = 0;
    char *save;
    for (char *tok = strtok_r(list, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
        int k = -1;
        for (int i = 0; i < e->nfields; i++)
            if (strcmp(e->fields[i].name, tok) == 0)
                k = i;
        uint32_t all = k < 0 ? 0 : (uint32_t)((((uint64_t)1 << (e->fields[k].hi - e->fields[k].lo + 1)) - 1)
                                              << e->fields[k].lo);
        if (k < 0 || e->fields[k].sb || (e->fields[k].mask & all)) {
            diag_error(xml_attr_loc(f, n, "specialize", 0),
                       "encoding %s: cannot specialize '%s' (it must be a variable field)", e->id, tok);
            return;
        }
        bits += e->fields[k].hi - e->fields[k].lo + 1;
        if (nidx == 8 || bits > 6) {
            diag_error(xml_attr_loc(f, n, "specialize", 0),
                       "encoding %s: specializing more than 6 bits makes too many variants", e->id);
            return;
        }
        idx[nidx++] = k;
    }
    for (uint32_t v = 0; v < (1u << bits); v++) {
        Encoding *x = xcalloc(1, sizeof *x);
        *x = *e;
        x->fields = xcalloc((size_t)e->nfields, sizeof *x->fields);
        memcpy(x->fields, e->fields, (size_t)e->nfields * sizeof *x->fields);
        char *variant = NULL, *cname = xstrdup(e->id);
        uint32_t rest = v;
        for (int j = nidx - 1; j >= 0; j--) {
            Field *fl = &x->fields[idx[j]];
            int w = fl->hi - fl->lo + 1;
            uint32_t val = rest & ((1u << w) - 1), all = ((1u << w) - 1) << fl->lo;
            rest >>= w;
            fl->mask = all;
            fl->value = val << fl->lo;
            x->mask |= all;
            x->match |= val << fl->lo;
        }
        for (int j = 0; j < nidx; j++) {
            const Field *fl = &x->fields[idx[j]];
            int w = fl->hi - fl->lo + 1;
            char digits[8];
            for (int b = 0; b < w; b++)
                digits[b] = (fl->value >> (fl->lo + w - 1 - b)) & 1 ? '1' : '0';
            digits[w] = 0;
            variant = variant ? xasprintf("%s,%s=%s", variant, fl->name, digits) : xasprintf("%s=%s", fl->name, digits);
            cname = xasprintf("%s__%s%s", cname, fl->name, digits);
        }
        x->variant = variant;
        x->cname = cname;
        VEC_PUSH(ic->encs, ic->nencs, ic->cap, x);
    }
}

static Encoding *read_encoding(const XmlFile *f, const xmlNode *n, Instruction *in, Iclass *ic)
{
    static const char *const attrs[] = { "id", "bits", "priority", "specialize", "feature", NULL };
    xml_check_attrs(f, n, attrs);
    Encoding *e = xcalloc(1, sizeof *e);
    e->insn = in;
    e->iclass = ic;
    e->id = xml_need_attr(f, n, "id");
    e->loc = e->id ? xml_attr_loc(f, n, "id", 0) : xml_node_loc(f, n);
    if (!e->id)
        e->id = xstrdup("?");
    char *bits = xml_need_attr(f, n, "bits");
    if (bits)
        parse_bits(f, n, e, bits);
    free(bits);
    char *prio = xml_get_attr(n, "priority");
    if (prio) {
        char *end;
        errno = 0;
        long v = strtol(prio, &end, 10);
        if (end == prio || *end || errno || v < INT_MIN || v > INT_MAX)
            diag_error(xml_attr_loc(f, n, "priority", 0), "encoding %s: priority must be an integer, not '%s'", e->id,
                       prio);
        else
            e->priority = (int)v;
        free(prio);
    }
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (xml_is_elem(c, "asm"))
            xml_read_once(f, n, c, &e->asm_);
        else if (c->type == XML_ELEMENT_NODE)
            xml_unknown_elem(f, n, c);
        else
            xml_check_text(f, n, c);
    }
    e->cname = e->id;
    e->feature = xml_get_attr(n, "feature");
    char *spec_attr = xml_get_attr(n, "specialize");
    if (spec_attr) {
        specialize(f, n, e, ic, spec_attr);
        free(spec_attr);
        return e;
    }
    VEC_PUSH(ic->encs, ic->nencs, ic->cap, e);
    return e;
}

static void read_iclass(const XmlFile *f, const xmlNode *n, Instruction *in, Iclass *ic)
{
    static const char *const attrs[] = { "name", NULL };
    xml_check_attrs(f, n, attrs);
    ic->name = xml_get_attr(n, "name");
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (xml_is_elem(c, "encoding"))
            read_encoding(f, c, in, ic);
        else if (xml_is_elem(c, "decode"))
            xml_read_once(f, n, c, &ic->decode);
        else if (xml_is_elem(c, "asm"))
            xml_read_once(f, n, c, &ic->asm_);
        else if (c->type == XML_ELEMENT_NODE)
            xml_unknown_elem(f, n, c);
        else
            xml_check_text(f, n, c);
    }
    if (ic->nencs == 0)
        diag_error(xml_node_loc(f, n), "<iclass> has no <encoding>");
}

static void read_alias(const XmlFile *f, const xmlNode *n, Alias *al)
{
    static const char *const none[] = { NULL };
    xml_check_attrs(f, n, none);
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (xml_is_elem(c, "when"))
            xml_read_once(f, n, c, &al->when);
        else if (xml_is_elem(c, "asm"))
            xml_read_once(f, n, c, &al->asm_);
        else if (c->type == XML_ELEMENT_NODE)
            xml_unknown_elem(f, n, c);
        else
            xml_check_text(f, n, c);
    }
    if (!al->when.text)
        diag_error(xml_node_loc(f, n), "<alias> has no <when>");
    if (!al->asm_.text)
        diag_error(xml_node_loc(f, n), "<alias> has no <asm>");
}

/* The page's identity: id (= file name), title, group (= directory), feature. */
static void read_page_attrs(const XmlFile *f, const xmlNode *root, Instruction *in)
{
    static const char *const attrs[] = { "id", "title", "group", "feature", NULL };
    xml_check_attrs(f, root, attrs);
    in->id = xml_need_attr(f, root, "id");
    in->title = xml_need_attr(f, root, "title");
    in->group = xml_need_attr(f, root, "group");
    in->feature = xml_get_attr(root, "feature");
    in->loc = in->id ? xml_attr_loc(f, root, "id", 0) : xml_node_loc(f, root);
    if (in->id) {
        char *want = xasprintf("%s.xml", in->id);
        if (strcmp(base_name(f->path), want) != 0)
            diag_error(in->loc, "file name must be %s", want);
        free(want);
    }
    if (in->group) {
        char *dir = dir_name(f->path);
        if (strcmp(dir, in->group) != 0)
            diag_error(xml_attr_loc(f, root, "group", 0), "group '%s' does not match the directory name '%s'",
                       in->group, dir);
        free(dir);
    }
}

bool spec_load_instruction(Spec *spec, const char *path)
{
    XmlFile f;
    int errs = diag_count();
    if (!xml_open(&f, path)) {
        xml_close(&f);
        return false;
    }
    xmlNode *root = xmlDocGetRootElement(f.doc);
    if (!xml_is_elem(root, "instruction")) {
        diag_error(xml_node_loc(&f, root), "expected <instruction> as the root element, found <%s>",
                   (const char *)root->name);
        xml_close(&f);
        return false;
    }
    Instruction *in = xcalloc(1, sizeof *in);
    in->file = f.path;
    read_page_attrs(&f, root, in);

    /* Iclasses are stored by value and encodings point at them: size first. */
    int n_iclass = 0, n_direct = 0, n_alias = 0;
    const xmlNode *mixed = NULL; /* the first element that mixes the two styles */
    for (const xmlNode *c = root->children; c; c = c->next) {
        if (xml_is_elem(c, "iclass"))
            mixed = !mixed && n_direct ? c : mixed, n_iclass++;
        else if (xml_is_elem(c, "encoding"))
            mixed = !mixed && n_iclass ? c : mixed, n_direct++;
        else if (xml_is_elem(c, "alias"))
            n_alias++;
    }
    if (mixed)
        diag_error(xml_node_loc(&f, mixed), "put every <encoding> of a page inside an <iclass>, or none");
    in->niclasses = n_iclass + (n_direct && !n_iclass);
    in->iclasses = xcalloc((size_t)in->niclasses, sizeof *in->iclasses);
    in->aliases = xcalloc((size_t)n_alias, sizeof *in->aliases);
    int ic_next = 0;
    for (const xmlNode *c = root->children; c; c = c->next) {
        if (xml_is_elem(c, "encoding")) {
            if (!n_iclass)
                read_encoding(&f, c, in, &in->iclasses[0]);
        } else if (xml_is_elem(c, "iclass")) {
            read_iclass(&f, c, in, &in->iclasses[ic_next++]);
        } else if (xml_is_elem(c, "decode")) {
            xml_read_once(&f, root, c, &in->decode);
        } else if (xml_is_elem(c, "execute")) {
            xml_read_once(&f, root, c, &in->execute);
        } else if (xml_is_elem(c, "asm")) {
            xml_read_once(&f, root, c, &in->asm_);
        } else if (xml_is_elem(c, "alias")) {
            read_alias(&f, c, &in->aliases[in->naliases++]);
        } else if (c->type == XML_ELEMENT_NODE) {
            xml_unknown_elem(&f, root, c);
        } else {
            xml_check_text(&f, root, c);
        }
    }
    if (!n_iclass && !n_direct)
        diag_error(xml_node_loc(&f, root), "instruction %s has no <encoding>", in->id ? in->id : "?");
    if (!in->execute.text)
        diag_error(xml_node_loc(&f, root), "instruction %s has no <execute>", in->id ? in->id : "?");
    xml_close(&f);

    /* A page with errors is left out whole, so later checks see no half-read encodings. */
    if (diag_count() != errs)
        return false;
    VEC_PUSH(spec->insns, spec->ninsns, spec->insn_cap, in);
    for (int i = 0; i < in->niclasses; i++)
        for (int j = 0; j < in->iclasses[i].nencs; j++) {
            Encoding *e = in->iclasses[i].encs[j];
            e->index = spec->nencs;
            VEC_PUSH(spec->encs, spec->nencs, spec->enc_cap, e);
        }
    return true;
}

/* ---------------------------------------------------------------- features */

static void read_feature(const XmlFile *f, const xmlNode *n, Spec *spec)
{
    static const char *const attrs[] = { "name", "version", "title", "requires", NULL };
    xml_check_attrs(f, n, attrs);
    Feature ft = { 0 };
    ft.name = xml_need_attr(f, n, "name");
    ft.version = xml_need_attr(f, n, "version");
    ft.title = xml_need_attr(f, n, "title");
    ft.loc = ft.name ? xml_attr_loc(f, n, "name", 0) : xml_node_loc(f, n);
    if (ft.name && strncmp(ft.name, "FEAT_", 5) != 0)
        diag_error(ft.loc, "feature name '%s' must start with FEAT_", ft.name);
    if (ft.version) {
        const char *v = ft.version;
        size_t major = strspn(v, "0123456789");
        if (!major || v[major] != '.' || !v[major + 1] || strspn(v + major + 1, "0123456789") != strlen(v + major + 1))
            diag_error(xml_attr_loc(f, n, "version", 0), "feature %s: version must look like 8.1, not '%s'",
                       ft.name ? ft.name : "?", v);
    }
    char *req = xml_get_attr(n, "requires");
    int cap = 0;
    for (char *p = req; p && *p;) {
        size_t len = strcspn(p, " \t\r\n");
        if (len) {
            char *name = xstrndup(p, len);
            VEC_PUSH(ft.requires, ft.nrequires, cap, name);
            p += len;
        } else {
            p++;
        }
    }
    free(req);
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE)
            xml_unknown_elem(f, n, c);
        else
            xml_check_text(f, n, c);
    }
    if (ft.name && ft.version && ft.title)
        VEC_PUSH(spec->features, spec->nfeatures, spec->feature_cap, ft);
}

bool spec_load_features(Spec *spec, const char *path)
{
    XmlFile f;
    int errs = diag_count();
    if (!xml_open(&f, path)) {
        xml_close(&f);
        return false;
    }
    xmlNode *root = xmlDocGetRootElement(f.doc);
    if (!xml_is_elem(root, "features")) {
        diag_error(xml_node_loc(&f, root), "expected <features> as the root element, found <%s>",
                   (const char *)root->name);
    } else {
        static const char *const none[] = { NULL };
        xml_check_attrs(&f, root, none);
        for (const xmlNode *c = root->children; c; c = c->next) {
            if (xml_is_elem(c, "feature"))
                read_feature(&f, c, spec);
            else if (c->type == XML_ELEMENT_NODE)
                xml_unknown_elem(&f, root, c);
            else
                xml_check_text(&f, root, c);
        }
    }
    xml_close(&f);
    return diag_count() == errs;
}
