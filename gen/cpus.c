/* CPU models: spec/cpus/<name>.xml gives a model's features and ID register
 * values; the generator checks them against features.xml and emits a table. */
#include "cpus.h"
#include "sysregs.h"
#include "xml_src.h"

#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

typedef struct Reg { char *name; uint64_t value; } Reg;

typedef struct Model {
    char *name, *title, *arch;
    bool all;
    char **features;
    int nfeatures, fcap;
    SrcLoc feat_loc;
    Reg *regs;
    int nregs, rcap;
    SrcLoc loc;
} Model;

static Model *models;
static int nmodels, mcap;

bool cpus_is_model_file(const char *path) { return xml_root_is(path, "cpu"); }

static char *attr(xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v)
        return NULL;
    char *s = xstrdup((const char *)v);
    xmlFree(v);
    return s;
}

static SrcLoc loc_of(const char *path, xmlNode *n)
{
    SrcLoc l = { path, (int)xmlGetLineNo(n), 0 };
    return l;
}

bool cpus_load(const char *path)
{
    const char *file = xstrdup(path); /* interned for SrcLoc */
    xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) {
        const xmlError *e = xmlGetLastError();
        SrcLoc l = { file, e ? e->line : 0, e ? e->int2 : 0 };
        char *msg = xstrdup(e && e->message ? e->message : "cannot parse");
        size_t len = strlen(msg);
        while (len && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
            msg[--len] = 0;
        diag_error(l, "malformed XML: %s", msg);
        return false;
    }
    xmlNode *root = xmlDocGetRootElement(doc);
    Model m = { 0 };
    m.loc = loc_of(file, root);
    m.name = attr(root, "name");
    m.title = attr(root, "title");
    m.arch = attr(root, "arch");
    char *all = attr(root, "all-features");
    m.all = all && strcmp(all, "true") == 0;
    bool ok = true;
    if (!m.name || !m.title || !m.arch) {
        diag_error(m.loc, "<cpu> needs name, title and arch attributes");
        ok = false;
    }
    for (xmlNode *c = root->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        const char *tag = (const char *)c->name;
        if (strcmp(tag, "features") == 0) {
            m.feat_loc = loc_of(file, c);
            xmlChar *text = xmlNodeGetContent(c);
            char *save, *s = xstrdup((const char *)text);
            xmlFree(text);
            for (char *tok = strtok_r(s, " \t\r\n", &save); tok; tok = strtok_r(NULL, " \t\r\n", &save))
                VEC_PUSH(m.features, m.nfeatures, m.fcap, xstrdup(tok));
        } else if (strcmp(tag, "register") == 0) {
            char *name = attr(c, "name"), *value = attr(c, "value"), *end = NULL;
            uint64_t v = value ? strtoull(value, &end, 0) : 0;
            if (!name || !value || !end || *end) {
                diag_error(loc_of(file, c), "<register> needs a name and a numeric value");
                ok = false;
                continue;
            }
            Reg r = { name, v };
            VEC_PUSH(m.regs, m.nregs, m.rcap, r);
        } else if (strcmp(tag, "impdef") != 0) {
            diag_error(loc_of(file, c), "unknown element <%s> in <cpu>", tag);
            ok = false;
        }
    }
    xmlFreeDoc(doc);
    if (m.all && m.nfeatures) {
        diag_error(m.feat_loc, "model %s has all-features and a feature list", m.name);
        ok = false;
    }
    if (ok)
        VEC_PUSH(models, nmodels, mcap, m);
    return ok;
}

static const Feature *feature(const Spec *spec, const char *name)
{
    for (int i = 0; i < spec->nfeatures; i++)
        if (strcmp(spec->features[i].name, name) == 0)
            return &spec->features[i];
    return NULL;
}

static bool listed(const Model *m, const char *name)
{
    for (int i = 0; i < m->nfeatures; i++)
        if (strcmp(m->features[i], name) == 0)
            return true;
    return false;
}

void cpus_check(const Spec *spec)
{
    for (int i = 0; i < nmodels; i++) {
        Model *m = &models[i];
        for (int j = 0; j < i; j++)
            if (strcmp(models[j].name, m->name) == 0)
                diag_error(m->loc, "CPU model '%s' is already defined", m->name);
        for (int j = 0; j < m->nregs; j++)
            if (!sysregs_has_storage(m->regs[j].name))
                diag_error(m->loc, "model %s: %s is not a system register with storage in spec/sysregs",
                           m->name, m->regs[j].name);
        for (int j = 0; j < m->nfeatures; j++) {
            const Feature *f = feature(spec, m->features[j]);
            if (!f) {
                diag_error(m->feat_loc, "model %s: unknown feature '%s'", m->name, m->features[j]);
                continue;
            }
            for (int k = 0; k < f->nrequires; k++)
                if (!listed(m, f->requires[k]))
                    diag_error(m->feat_loc, "model %s: %s requires %s, which the model does not list",
                               m->name, f->name, f->requires[k]);
        }
    }
}

/* Add `name` and everything it requires to the model's list. */
static void add_closure(const Spec *spec, Model *m, const char *name)
{
    if (listed(m, name))
        return;
    VEC_PUSH(m->features, m->nfeatures, m->fcap, xstrdup(name));
    const Feature *f = feature(spec, name);
    for (int k = 0; f && k < f->nrequires; k++)
        add_closure(spec, m, f->requires[k]);
}

void cpus_emit(const Spec *spec, FILE *out)
{
    fprintf(out, "#include \"cpu_model.h\"\n\n");
    fprintf(out, "const char *const feature_names[] = {\n");
    for (int i = 0; i < spec->nfeatures; i++)
        fprintf(out, "    \"%s\",\n", spec->features[i].name);
    fprintf(out, "};\n\nconst int feature_count = %d;\n\n", spec->nfeatures);
    for (int i = 0; i < nmodels; i++) {
        Model *m = &models[i];
        if (m->all) {
            for (int j = 0; j < spec->nencs; j++)
                if (enc_feature(spec->encs[j]))
                    add_closure(spec, m, enc_feature(spec->encs[j]));
            for (int j = 0; j < sysregs_count(); j++)
                if (sysregs_feature(j))
                    add_closure(spec, m, sysregs_feature(j));
        }
        fprintf(out, "static const char *const model%d_features[] = {", i);
        for (int j = 0; j < m->nfeatures; j++)
            fprintf(out, " \"%s\",", m->features[j]);
        fprintf(out, " NULL };\n");
        fprintf(out, "static const CpuIdReg model%d_regs[] = {\n", i);
        for (int j = 0; j < m->nregs; j++)
            fprintf(out, "    { \"%s\", UINT64_C(0x%016llx) },\n", m->regs[j].name,
                    (unsigned long long)m->regs[j].value);
        fprintf(out, "    { NULL, 0 },\n};\n\n");
    }
    fprintf(out, "const CpuModel cpu_models[] = {\n");
    for (int i = 0; i < nmodels; i++) {
        Model *m = &models[i];
        fprintf(out, "    { \"%s\", \"%s\", \"%s\", model%d_features, model%d_regs, %d },\n", m->name,
                m->title, m->arch, i, i, m->nregs);
    }
    fprintf(out, "};\n\nconst int cpu_n_models = %d;\n", nmodels);
}
