/* System registers: <sysreg> files become pseudocode accessors and a
 * dispatch table keyed by (op0, op1, CRn, CRm, op2). */
#include "sysregs.h"

#include <stdlib.h>
#include <string.h>

#include "xml_src.h"

typedef struct SysReg {
    char *name, *title, *feature;
    int op0, op1, crn, crm, op2;
    bool storage, readable, writable;
    unsigned long long reset, res0, res1;
    Decl *rd, *wr;
    SrcLoc loc;
} SysReg;

static SysReg *regs;
static int nregs, cap;

/* Names only (names.xml): the disassembler's table. */
typedef struct Name {
    char *name;
    int op0, op1, crn, crm, op2;
    char access;            /* 'b'oth, 'r'ead, 'w'rite */
    bool xt;                /* system instruction takes Xt */
} Name;

static Name *names;
static int nnames, ncap;

int sysregs_count(void) { return nregs; }

const char *sysregs_feature(int i) { return regs[i].feature; }

bool sysregs_is_file(const char *path) { return xml_root_is(path, "sysreg"); }

bool sysregs_is_names_file(const char *path) { return xml_root_is(path, "sysreg-names"); }

bool sysregs_load_names(const char *path)
{
    XmlFile f;
    if (!xml_open(&f, path))
        return false;
    xmlNode *root = xmlDocGetRootElement(f.doc);
    int before = diag_count();
    for (xmlNode *c = root->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) {
            xml_check_text(&f, root, c);
            continue;
        }
        bool is_op = xml_is_elem(c, "op");
        if (!is_op && !xml_is_elem(c, "reg")) {
            xml_unknown_elem(&f, root, c);
            continue;
        }
        static const char *const allowed[] = { "name", "enc", "access", "xt", NULL };
        xml_check_attrs(&f, c, allowed);
        Name nm = { .access = 'b', .xt = true };
        nm.name = xml_need_attr(&f, c, "name");
        char *enc = xml_need_attr(&f, c, "enc");
        if (!nm.name || !enc)
            continue;
        if (sscanf(enc, "%d %d %d %d %d", &nm.op0, &nm.op1, &nm.crn, &nm.crm, &nm.op2) != 5 || nm.op0 < 0 ||
            nm.op0 > 3 || nm.op1 < 0 || nm.op1 > 7 || nm.crn < 0 || nm.crn > 15 || nm.crm < 0 || nm.crm > 15 ||
            nm.op2 < 0 || nm.op2 > 7 || (is_op != (nm.op0 == 1))) {
            diag_error(xml_attr_loc(&f, c, "enc", 0), "enc must be \"op0 op1 CRn CRm op2\"%s, not '%s'",
                       is_op ? " with op0 = 1" : "", enc);
            continue;
        }
        char *access = xml_get_attr(c, "access");
        if (access)
            nm.access = access[0];
        char *xt = xml_get_attr(c, "xt");
        if (xt && strcmp(xt, "no") == 0)
            nm.xt = false;
        VEC_PUSH(names, nnames, ncap, nm);
    }
    xml_close(&f);
    return diag_count() == before;
}

bool sysregs_has_storage(const char *name)
{
    for (int i = 0; i < nregs; i++)
        if (regs[i].storage && strcmp(regs[i].name, name) == 0)
            return true;
    return false;
}

static TypeSyn *bits64(SrcLoc loc)
{
    TypeSyn *t = typesyn_new(TY_BITS, loc);
    t->width = expr_new(E_INT, loc);
    t->width->ival = 64;
    return t;
}

static char *bits_text(unsigned long long v)
{
    char *s = xmalloc(67);
    s[0] = '\'';
    for (int i = 0; i < 64; i++)
        s[1 + i] = (v >> (63 - i)) & 1 ? '1' : '0';
    s[65] = '\'';
    s[66] = 0;
    return s;
}

static bool number(const XmlFile *f, const xmlNode *n, const char *attr, int max, int *out)
{
    char *v = xml_need_attr(f, n, attr);
    if (!v)
        return false;
    char *end;
    long x = strtol(v, &end, 0);
    if (*end || x < 0 || x > max) {
        diag_error(xml_attr_loc(f, n, attr, 0), "%s must be a number from 0 to %d, not '%s'", attr, max, v);
        return false;
    }
    *out = (int)x;
    return true;
}

static bool number64(const XmlFile *f, const xmlNode *n, const char *attr, unsigned long long *out)
{
    char *v = xml_get_attr(n, attr);
    if (!v)
        return true;
    char *end;
    *out = strtoull(v, &end, 0);
    if (*end || !*v) {
        diag_error(xml_attr_loc(f, n, attr, 0), "%s must be a number, not '%s'", attr, v);
        return false;
    }
    return true;
}

static Decl *accessor(const char *kind, SysReg *r, Code code, const char *fallback, bool write)
{
    Decl *d = decl_new(D_FUNC, code.text ? code.loc : r->loc);
    d->name = xasprintf("SysReg%s_%s", kind, r->name);
    if (write) {
        d->params = xcalloc(1, sizeof(Param));
        d->params[0].type = bits64(r->loc);
        d->params[0].name = "value";
        d->params[0].loc = r->loc;
        d->nparams = 1;
    } else {
        d->type = bits64(r->loc);
    }
    d->body = asl_parse_block(code.text ? code.text : fallback, code.text ? code.loc : r->loc);
    return d->body ? d : NULL;
}

bool sysregs_load(const char *path, DeclList *decls)
{
    XmlFile f;
    if (!xml_open(&f, path))
        return false;
    xmlNode *root = xmlDocGetRootElement(f.doc);
    static const char *const allowed[] = {
        "name", "title", "feature", "op0", "op1", "crn", "crm", "op2", "storage", "access",
        "reset", "res0", "res1", NULL,
    };
    xml_check_attrs(&f, root, allowed);
    SysReg r = { 0 };
    r.loc = xml_node_loc(&f, root);
    r.name = xml_need_attr(&f, root, "name");
    r.title = xml_need_attr(&f, root, "title");
    r.feature = xml_get_attr(root, "feature");
    int before = diag_count();
    number(&f, root, "op0", 3, &r.op0);
    number(&f, root, "op1", 7, &r.op1);
    number(&f, root, "crn", 15, &r.crn);
    number(&f, root, "crm", 15, &r.crm);
    number(&f, root, "op2", 7, &r.op2);
    number64(&f, root, "reset", &r.reset);
    number64(&f, root, "res0", &r.res0);
    number64(&f, root, "res1", &r.res1);
    char *storage = xml_get_attr(root, "storage");
    r.storage = storage && strcmp(storage, "yes") == 0;
    char *access = xml_get_attr(root, "access");
    if (!access)
        access = "rw";
    r.readable = strchr(access, 'r') != NULL;
    r.writable = strchr(access, 'w') != NULL;
    if (strcmp(access, "rw") && strcmp(access, "ro") && strcmp(access, "wo"))
        diag_error(xml_attr_loc(&f, root, "access", 0), "access must be rw, ro or wo");
    Code rd = { 0 }, wr = { 0 };
    for (xmlNode *c = root->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            xml_check_text(&f, root, c);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (xml_is_elem(c, "read"))
            xml_read_once(&f, root, c, &rd);
        else if (xml_is_elem(c, "write"))
            xml_read_once(&f, root, c, &wr);
        else if (!xml_is_elem(c, "description"))
            xml_unknown_elem(&f, root, c);
    }
    if (r.name && !r.storage && ((r.readable && !rd.text) || (r.writable && !wr.text)))
        diag_error(r.loc, "system register %s has no storage: give it <read>/<write> pseudocode", r.name);
    if (diag_count() != before || !r.name) {
        xml_close(&f);
        return false;
    }
    if (r.storage) {
        Decl *v = decl_new(D_VAR, r.loc);
        v->name = r.name;
        v->type = bits64(r.loc);
        VEC_PUSH(decls->items, decls->n, decls->cap, v);
    }
    char *def_read = xasprintf("return %s;\n", r.name);
    char *def_write = xasprintf("%s = (value AND NOT(%s)) OR %s;\n", r.name, bits_text(r.res0), bits_text(r.res1));
    bool ok = true;
    if (r.readable && !(r.rd = accessor("Read", &r, rd, def_read, false)))
        ok = false;
    if (r.writable && !(r.wr = accessor("Write", &r, wr, def_write, true)))
        ok = false;
    if (r.rd)
        VEC_PUSH(decls->items, decls->n, decls->cap, r.rd);
    if (r.wr)
        VEC_PUSH(decls->items, decls->n, decls->cap, r.wr);
    for (int i = 0; i < nregs; i++) {
        SysReg *o = &regs[i];
        if (strcmp(o->name, r.name) == 0)
            diag_error(r.loc, "system register %s is already defined", r.name);
        else if (o->op0 == r.op0 && o->op1 == r.op1 && o->crn == r.crn && o->crm == r.crm && o->op2 == r.op2)
            diag_error(r.loc, "%s has the encoding of %s", r.name, o->name);
    }
    VEC_PUSH(regs, nregs, cap, r);
    xml_close(&f);
    return ok;
}

static int key(const SysReg *r) { return r->op0 << 14 | r->op1 << 11 | r->crn << 7 | r->crm << 3 | r->op2; }

static void gate(FILE *out, const SysReg *r)
{
    if (r->feature)
        fprintf(out, "        if (!cpu_model_has(_cpu->model, \"%s\"))\n            return ASL_UNDEFINED;\n",
                r->feature);
}

void sysregs_emit(FILE *out)
{
    fprintf(out, "#define SYSREG_KEY(op0, op1, crn, crm, op2) \\\n"
                 "    ((int)((op0) << 14 | (op1) << 11 | (crn) << 7 | (crm) << 3 | (op2)))\n\n");
    fprintf(out, "AslStatus prim_AArch64_SysRegRead(Cpu *_cpu, asl_int op0, asl_int op1, asl_int crn, "
                 "asl_int crm, asl_int op2, uint64_t *_ret)\n{\n");
    fprintf(out, "    switch (SYSREG_KEY(op0, op1, crn, crm, op2)) {\n");
    for (int i = 0; i < nregs; i++) {
        SysReg *r = &regs[i];
        if (!r->rd)
            continue;
        fprintf(out, "    case 0x%05x: /* %s */\n", key(r), r->name);
        gate(out, r);
        if (r->rd->raises)
            fprintf(out, "        return asl_SysRegRead_%s(_cpu, _ret);\n", r->name);
        else
            fprintf(out, "        *_ret = asl_SysRegRead_%s(_cpu);\n        return ASL_OK;\n", r->name);
    }
    fprintf(out, "    default:\n        return ASL_UNDEFINED;\n    }\n}\n\n");
    fprintf(out, "AslStatus prim_AArch64_SysRegWrite(Cpu *_cpu, asl_int op0, asl_int op1, asl_int crn, "
                 "asl_int crm, asl_int op2, uint64_t value)\n{\n");
    fprintf(out, "    switch (SYSREG_KEY(op0, op1, crn, crm, op2)) {\n");
    for (int i = 0; i < nregs; i++) {
        SysReg *r = &regs[i];
        if (!r->wr)
            continue;
        fprintf(out, "    case 0x%05x: /* %s */\n", key(r), r->name);
        gate(out, r);
        if (r->wr->raises)
            fprintf(out, "        return asl_SysRegWrite_%s(_cpu, value);\n", r->name);
        else
            fprintf(out, "        asl_SysRegWrite_%s(_cpu, value);\n        return ASL_OK;\n", r->name);
    }
    fprintf(out, "    default:\n        return ASL_UNDEFINED;\n    }\n}\n\n");
    fprintf(out, "/* Reset values of registers with storage (the CPU model then sets its ID registers). */\n");
    fprintf(out, "void sysregs_reset(Cpu *cpu)\n{\n");
    for (int i = 0; i < nregs; i++)
        if (regs[i].storage)
            fprintf(out, "    cpu->a.%s = UINT64_C(0x%llx);\n", regs[i].name, regs[i].reset);
    fprintf(out, "}\n\n");
    fprintf(out, "bool sysregs_set_by_name(Cpu *cpu, const char *name, uint64_t value)\n{\n");
    for (int i = 0; i < nregs; i++)
        if (regs[i].storage)
            fprintf(out, "    if (strcmp(name, \"%s\") == 0) {\n        cpu->a.%s = value;\n        return true;\n    }\n",
                    regs[i].name, regs[i].name);
    fprintf(out, "    return false;\n}\n\n");
    fprintf(out, "bool sysregs_get_by_name(const Cpu *cpu, const char *name, uint64_t *value)\n{\n");
    for (int i = 0; i < nregs; i++)
        if (regs[i].storage)
            fprintf(out, "    if (strcmp(name, \"%s\") == 0) {\n        *value = cpu->a.%s;\n        return true;\n    }\n",
                    regs[i].name, regs[i].name);
    fprintf(out, "    return false;\n}\n\n");
    fprintf(out, "const SysRegInfo sysreg_table[] = {\n");
    for (int i = 0; i < nregs; i++) {
        SysReg *r = &regs[i];
        fprintf(out, "    { \"%s\", %d, %d, %d, %d, %d, \"%s\", %s, %s },\n", r->name, r->op0, r->op1, r->crn,
                r->crm, r->op2, r->feature ? r->feature : "", r->rd ? "true" : "false", r->wr ? "true" : "false");
    }
    fprintf(out, "};\n\nconst int sysreg_count = %d;\n", nregs);
    fprintf(out, "\n/* Names for the disassembler (spec/sysregs/names.xml), lower case as printed. */\n");
    fprintf(out, "const SysRegNameInfo sysreg_names[] = {\n");
    for (int i = 0; i < nnames; i++) {
        Name *n = &names[i];
        char lower[96];
        size_t k = 0;
        for (const char *p = n->name; *p && k < sizeof lower - 1; p++)
            lower[k++] = *p == ' ' ? '\t' : (char)((*p >= 'A' && *p <= 'Z') ? *p + 32 : *p);
        lower[k] = 0;
        fprintf(out, "    { \"");
        for (const char *p = lower; *p; p++)
            fputs(*p == '\t' ? "\\t" : (char[]){ *p, 0 }, out);
        fprintf(out, "\", %d, %d, %d, %d, %d, '%c', %s },\n", n->op0, n->op1, n->crn, n->crm, n->op2, n->access,
                n->xt ? "true" : "false");
    }
    fprintf(out, "    { NULL, 0, 0, 0, 0, 0, 0, false },\n};\n\nconst int sysreg_name_count = %d;\n", nnames);
}
