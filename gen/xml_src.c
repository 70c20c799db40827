/* XML files read with libxml2 plus their raw text, so every element, attribute and text block has an exact file:line:col. */
#include "xml_src.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

/* ------------------------------------------------------------ interning */

/* SrcLoc.file must outlive every Spec, so paths are copied once, here. */
const char *xml_intern(const char *s)
{
    static char **strs;
    static int n, cap;
    for (int i = 0; i < n; i++)
        if (strcmp(strs[i], s) == 0)
            return strs[i];
    char *copy = xstrdup(s);
    VEC_PUSH(strs, n, cap, copy);
    return copy;
}

/* ------------------------------------------------- raw text positions */

SrcLoc xml_loc_at(const XmlFile *f, size_t off)
{
    int lo = 0, hi = f->nlines - 1;
    while (lo < hi) { /* last line starting at or before off */
        int mid = (lo + hi + 1) / 2;
        if (f->lines[mid] <= off)
            lo = mid;
        else
            hi = mid - 1;
    }
    return (SrcLoc){ f->path, lo + 1, (int)(off - f->lines[lo]) + 1 };
}

/* Offset just after the first occurrence of `end` at or after `p`. */
static size_t skip_past(const XmlFile *f, size_t p, const char *end)
{
    size_t n = strlen(end);
    for (; p + n <= f->len; p++)
        if (memcmp(f->buf + p, end, n) == 0)
            return p + n;
    return f->len;
}

static bool starts(const XmlFile *f, size_t p, const char *s)
{
    size_t n = strlen(s);
    return p + n <= f->len && memcmp(f->buf + p, s, n) == 0;
}

/* End of the start tag beginning at p: quoted values may contain '>'. */
static size_t tag_end(const XmlFile *f, size_t p)
{
    char quote = 0;
    for (; p < f->len; p++) {
        char c = f->buf[p];
        if (quote) {
            if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            return p + 1;
        }
    }
    return f->len;
}

static void scan_raw(XmlFile *f)
{
    size_t zero = 0;
    VEC_PUSH(f->lines, f->nlines, f->lines_cap, zero);
    for (size_t i = 0; i < f->len; i++)
        if (f->buf[i] == '\n') {
            size_t next = i + 1;
            VEC_PUSH(f->lines, f->nlines, f->lines_cap, next);
        }
    size_t p = 0;
    while (p < f->len) {
        const char *lt = memchr(f->buf + p, '<', f->len - p);
        if (!lt)
            break;
        p = (size_t)(lt - f->buf);
        if (starts(f, p, "<!--")) {
            p = skip_past(f, p, "-->");
        } else if (starts(f, p, "<![CDATA[")) {
            p = skip_past(f, p, "]]>");
        } else if (starts(f, p, "<?")) {
            p = skip_past(f, p, "?>");
        } else if (starts(f, p, "<!")) { /* DOCTYPE, maybe with [internal subset] */
            int depth = 0;
            for (p++; p < f->len; p++) {
                if (f->buf[p] == '[')
                    depth++;
                else if (f->buf[p] == ']')
                    depth--;
                else if (f->buf[p] == '>' && depth <= 0)
                    break;
            }
            p++;
        } else if (starts(f, p, "</")) {
            p = tag_end(f, p);
        } else {
            Tag t = { p, tag_end(f, p) };
            VEC_PUSH(f->tags, f->ntags, f->tags_cap, t);
            p = t.end;
        }
    }
}

/* Tie each element to its start tag through the application pointer. */
static int assign_tags(XmlFile *f, xmlNode *n, int k)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (k < f->ntags) {
            const Tag *t = &f->tags[k];
            size_t len = strlen((const char *)n->name);
            const char *raw = f->buf + t->start + 1;
            const char *colon = memchr(raw, ':', (size_t)(f->buf + t->end - raw));
            const char *name = colon && colon < raw + strcspn(raw, " \t\r\n/>") ? colon + 1 : raw;
            if (strncmp(name, (const char *)n->name, len) == 0 && !isalnum((unsigned char)name[len]) &&
                name[len] != '_' && name[len] != '-' && name[len] != '.')
                n->_private = (void *)(intptr_t)(k + 1);
        }
        k = assign_tags(f, n->children, k + 1);
    }
    return k;
}

static const Tag *node_tag(const XmlFile *f, const xmlNode *n)
{
    intptr_t k = (intptr_t)n->_private;
    return k > 0 && k <= f->ntags ? &f->tags[k - 1] : NULL;
}

/* Where an element's start tag begins ('<'). */
SrcLoc xml_node_loc(const XmlFile *f, const xmlNode *n)
{
    const Tag *t = node_tag(f, n);
    if (t)
        return xml_loc_at(f, t->start);
    return (SrcLoc){ f->path, (int)xmlGetLineNo(n), 0 };
}

/* Find attribute `name` in the raw start tag: offsets of its name and of the
 * first byte of its value. */
static bool raw_attr(const XmlFile *f, const xmlNode *n, const char *name, size_t *name_off, size_t *val_off)
{
    const Tag *t = node_tag(f, n);
    if (!t)
        return false;
    size_t p = t->start + 1, end = t->end;
    while (p < end && !isspace((unsigned char)f->buf[p]) && f->buf[p] != '>' && f->buf[p] != '/')
        p++;
    for (;;) {
        while (p < end && isspace((unsigned char)f->buf[p]))
            p++;
        if (p >= end || f->buf[p] == '>' || f->buf[p] == '/')
            return false;
        size_t ns = p;
        while (p < end && f->buf[p] != '=' && !isspace((unsigned char)f->buf[p]))
            p++;
        size_t nlen = p - ns;
        while (p < end && f->buf[p] != '"' && f->buf[p] != '\'')
            p++;
        if (p >= end)
            return false;
        char quote = f->buf[p++];
        size_t vs = p;
        while (p < end && f->buf[p] != quote)
            p++;
        p++;
        const char *colon = memchr(f->buf + ns, ':', nlen);
        size_t skip = colon ? (size_t)(colon - (f->buf + ns)) + 1 : 0;
        if (nlen - skip == strlen(name) && memcmp(f->buf + ns + skip, name, nlen - skip) == 0) {
            *name_off = ns;
            *val_off = vs;
            return true;
        }
    }
}

/* Location of byte `index` of attribute `name`'s value (after entity
 * decoding, so an entity reference in the raw text counts as one byte). */
SrcLoc xml_attr_loc(const XmlFile *f, const xmlNode *n, const char *name, size_t index)
{
    size_t noff, voff;
    if (!raw_attr(f, n, name, &noff, &voff))
        return xml_node_loc(f, n);
    size_t p = voff;
    for (size_t i = 0; i < index && p < f->len; i++) {
        if (f->buf[p] == '&') {
            const char *semi = memchr(f->buf + p, ';', f->len - p);
            p = semi ? (size_t)(semi - f->buf) + 1 : p + 1;
        } else {
            p++;
        }
    }
    return xml_loc_at(f, p);
}

/* ------------------------------------------------------- file loading */

static bool read_file(const char *path, char **buf, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return false;
    size_t cap = 1 << 14, n = 0;
    char *b = xmalloc(cap);
    for (;;) {
        n += fread(b + n, 1, cap - n, fp);
        if (n < cap)
            break;
        cap *= 2;
        b = xrealloc(b, cap);
    }
    bool ok = !ferror(fp);
    fclose(fp);
    b[n < cap ? n : cap - 1] = 0;
    *buf = b;
    *len = n;
    return ok;
}

/* The first libxml2 error of a parse is the informative one; later ones
 * (such as "Premature end of data") are consequences of it. */
static void keep_first_error(void *ctx, xmlErrorPtr err)
{
    xmlError *first = ctx;
    if (first->code == 0 && err->level >= XML_ERR_ERROR)
        xmlCopyError(err, first);
}

bool xml_open(XmlFile *f, const char *path)
{
    memset(f, 0, sizeof *f);
    f->path = xml_intern(path);
    if (!read_file(path, &f->buf, &f->len)) {
        diag_error((SrcLoc){ 0 }, "cannot read %s: %s", path, strerror(errno));
        return false;
    }
    scan_raw(f);
    if (f->len == 0) { /* libxml2 gives no error for an empty buffer */
        diag_error((SrcLoc){ f->path, 1, 1 }, "malformed XML: Document is empty");
        return false;
    }
    xmlError first;
    memset(&first, 0, sizeof first);
    xmlResetLastError();
    xmlStructuredErrorFunc saved_fn = xmlStructuredError; /* put back whatever the caller had */
    void *saved_ctx = xmlStructuredErrorContext;
    xmlSetStructuredErrorFunc(&first, keep_first_error);
    f->doc = xmlReadMemory(f->buf, (int)f->len, path, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES);
    xmlSetStructuredErrorFunc(saved_ctx, saved_fn);
    if (!f->doc) {
        xmlErrorPtr e = first.code ? &first : xmlGetLastError();
        const char *msg = e && e->message ? e->message : "cannot parse";
        size_t mlen = strlen(msg);
        while (mlen && (msg[mlen - 1] == '\n' || msg[mlen - 1] == ' '))
            mlen--;
        SrcLoc loc = { f->path, e && e->line > 0 ? e->line : 1, e && e->int2 > 0 ? e->int2 : 0 };
        diag_error(loc, "malformed XML: %.*s", (int)mlen, msg);
        xmlResetError(&first);
        return false;
    }
    xmlResetError(&first);
    assign_tags(f, xmlDocGetRootElement(f->doc), 0);
    return true;
}

void xml_close(XmlFile *f)
{
    if (f->doc)
        xmlFreeDoc(f->doc);
    free(f->buf);
    free(f->lines);
    free(f->tags);
}

/* --------------------------------------------------- element helpers */

bool xml_is_elem(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

char *xml_get_attr(const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v)
        return NULL;
    char *s = xstrdup((const char *)v);
    xmlFree(v);
    return s;
}

/* Reports attributes not in `allowed` (NULL-terminated): a misspelt
 * "priorty" must not silently mean priority 0. */
void xml_check_attrs(const XmlFile *f, const xmlNode *n, const char *const *allowed)
{
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        bool ok = false;
        for (const char *const *p = allowed; *p && !ok; p++)
            ok = strcmp((const char *)a->name, *p) == 0;
        if (!ok) {
            size_t noff, voff;
            SrcLoc loc = raw_attr(f, n, (const char *)a->name, &noff, &voff) ? xml_loc_at(f, noff) : xml_node_loc(f, n);
            diag_error(loc, "unknown attribute '%s' on <%s>", (const char *)a->name, (const char *)n->name);
        }
    }
}

char *xml_need_attr(const XmlFile *f, const xmlNode *n, const char *name)
{
    char *v = xml_get_attr(n, name);
    if (!v)
        diag_error(xml_node_loc(f, n), "<%s> is missing the required attribute '%s'", (const char *)n->name, name);
    return v;
}

bool xml_is_blank(const char *s)
{
    for (; s && *s; s++)
        if (!isspace((unsigned char)*s))
            return false;
    return true;
}

/* Non-element children: comments are fine, stray text is a mistake. */
void xml_check_text(const XmlFile *f, const xmlNode *parent, const xmlNode *c)
{
    if ((c->type == XML_TEXT_NODE && !xml_is_blank((const char *)c->content)) || c->type == XML_CDATA_SECTION_NODE)
        diag_error(xml_node_loc(f, parent), "unexpected text in <%s>", (const char *)parent->name);
}

void xml_unknown_elem(const XmlFile *f, const xmlNode *parent, const xmlNode *c)
{
    diag_error(xml_node_loc(f, c), "unknown element <%s> in <%s>", (const char *)c->name, (const char *)parent->name);
}

/* A pseudocode or template block: its text, and where its first character
 * stands: just after "<![CDATA[" for a CDATA section, else just after the
 * start tag's '>'. */
Code xml_read_code(const XmlFile *f, const xmlNode *n)
{
    Code code = { 0 };
    int ncdata = 0;
    const xmlNode *cdata = NULL;
    bool other_text = false;
    static const char *const none[] = { NULL };
    xml_check_attrs(f, n, none);
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_CDATA_SECTION_NODE) {
            ncdata++;
            cdata = c;
        } else if (c->type == XML_TEXT_NODE || c->type == XML_ENTITY_REF_NODE) {
            other_text |= c->type == XML_ENTITY_REF_NODE || !xml_is_blank((const char *)c->content);
        } else if (c->type == XML_ELEMENT_NODE) {
            xml_unknown_elem(f, n, c);
        }
    }
    const Tag *t = node_tag(f, n);
    size_t start = t ? t->end : 0;
    if (ncdata == 1 && !other_text) {
        code.text = xstrdup((const char *)cdata->content);
        /* the CDATA section is the first one after the start tag not inside a comment */
        size_t p = start;
        while (t && p < f->len && !starts(f, p, "<![CDATA[")) {
            if (starts(f, p, "<!--"))
                p = skip_past(f, p, "-->");
            else
                p++;
        }
        start = t ? p + strlen("<![CDATA[") : 0;
    } else {
        xmlChar *s = xmlNodeGetContent(n);
        code.text = xstrdup(s ? (const char *)s : "");
        xmlFree(s);
    }
    code.loc = t ? xml_loc_at(f, start) : (SrcLoc){ f->path, (int)xmlGetLineNo(n), 0 };
    return code;
}

/* Reads a singleton child block, reporting a second one. */
void xml_read_once(const XmlFile *f, const xmlNode *parent, const xmlNode *c, Code *dst)
{
    if (dst->text) {
        diag_error(xml_node_loc(f, c), "duplicate <%s> in <%s>", (const char *)c->name, (const char *)parent->name);
        return;
    }
    *dst = xml_read_code(f, c);
}


bool xml_root_is(const char *path, const char *root)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    char buf[2048];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    size_t len = strlen(root);
    for (char *p = buf; (p = strchr(p, '<')) != NULL; p++) {
        if (p[1] == '?')
            continue;
        if (strncmp(p, "<!--", 4) == 0) {
            char *e = strstr(p, "-->");
            if (!e)
                return false;
            p = e;
            continue;
        }
        char after = p[1 + len];
        return strncmp(p + 1, root, len) == 0 && (after == ' ' || after == '\n' || after == '\t' ||
                                                  after == '\r' || after == '>' || after == '/');
    }
    return false;
}
