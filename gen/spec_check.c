/* Cross-file checks on the loaded spec: unique ids, known features, no undeclared encoding overlaps. */
#include "spec.h"

#include <stdlib.h>
#include <string.h>

typedef struct Named {
    const char *name;
    SrcLoc loc;
    int order; /* load order, so the later definition gets the error */
} Named;

static int cmp_named(const void *a, const void *b)
{
    const Named *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : x->order - y->order;
}

/* Sort by name, then report each repeat against the first definition. */
static void check_unique(Named *v, int n, const char *what)
{
    qsort(v, (size_t)n, sizeof *v, cmp_named);
    for (int i = 1, first = 0; i < n; i++) {
        if (strcmp(v[i].name, v[first].name) != 0) {
            first = i;
            continue;
        }
        diag_error(v[i].loc, "duplicate %s '%s'", what, v[i].name);
        diag_note(v[first].loc, "'%s' first defined here", v[first].name);
    }
}

static const Feature *find_feature(const Spec *spec, const char *name)
{
    for (int i = 0; i < spec->nfeatures; i++)
        if (strcmp(spec->features[i].name, name) == 0)
            return &spec->features[i];
    return NULL;
}

/* Depth-first search for a dependency cycle: 0 = unseen, 1 = on the path, 2 = done. */
static bool feature_cycle(const Spec *spec, int i, char *state)
{
    if (state[i] == 1)
        return true;
    if (state[i] == 2)
        return false;
    state[i] = 1;
    const Feature *f = &spec->features[i];
    for (int r = 0; r < f->nrequires; r++) {
        const Feature *d = find_feature(spec, f->requires[r]);
        if (d && feature_cycle(spec, (int)(d - spec->features), state))
            return true;
    }
    state[i] = 2;
    return false;
}

static void check_features(const Spec *spec)
{
    Named *v = xcalloc((size_t)spec->nfeatures, sizeof *v);
    for (int i = 0; i < spec->nfeatures; i++)
        v[i] = (Named){ spec->features[i].name, spec->features[i].loc, i };
    check_unique(v, spec->nfeatures, "feature name");
    free(v);
    for (int i = 0; i < spec->nfeatures; i++) {
        const Feature *f = &spec->features[i];
        for (int r = 0; r < f->nrequires; r++)
            if (!find_feature(spec, f->requires[r]))
                diag_error(f->loc, "feature %s requires unknown feature '%s'", f->name, f->requires[r]);
    }
    char *state = xcalloc((size_t)spec->nfeatures, 1);
    for (int i = 0; i < spec->nfeatures; i++)
        if (!state[i] && feature_cycle(spec, i, state))
            diag_error(spec->features[i].loc, "feature %s is part of a dependency cycle", spec->features[i].name);
    free(state);
}

/* Two encodings overlap iff they agree on every bit both of them fix. */
static void check_overlaps(const Spec *spec)
{
    for (int j = 1; j < spec->nencs; j++) {
        const Encoding *b = spec->encs[j];
        for (int i = 0; i < j; i++) {
            const Encoding *a = spec->encs[i];
            if ((a->mask & b->mask & (a->match ^ b->match)) != 0 || a->priority != b->priority)
                continue;
            uint32_t example = a->match | b->match; /* bits neither fixes are 0 */
            diag_error(b->loc, "encodings %s and %s overlap (e.g. 0x%08x) and have the same priority", a->id, b->id,
                       example);
            diag_note(a->loc, "%s is defined here", a->id);
        }
    }
}

void spec_check(Spec *spec)
{
    Named *v = xcalloc((size_t)spec->ninsns + 1, sizeof *v);
    for (int i = 0; i < spec->ninsns; i++)
        v[i] = (Named){ spec->insns[i]->id, spec->insns[i]->loc, i };
    check_unique(v, spec->ninsns, "page id");
    free(v);
    v = xcalloc((size_t)spec->nencs + 1, sizeof *v);
    for (int i = 0; i < spec->nencs; i++)
        v[i] = (Named){ enc_cname(spec->encs[i]), spec->encs[i]->loc, i };
    check_unique(v, spec->nencs, "encoding id");
    free(v);

    check_features(spec);
    /* Without features.xml (a quick single-file check) feature names cannot be checked. */
    for (int i = 0; spec->nfeatures && i < spec->ninsns; i++) {
        const Instruction *in = spec->insns[i];
        if (in->feature && !find_feature(spec, in->feature))
            diag_error(in->loc, "instruction %s: unknown feature '%s'", in->id, in->feature);
    }
    for (int i = 0; spec->nfeatures && i < spec->nencs; i++) {
        const Encoding *e = spec->encs[i];
        if (e->feature && !find_feature(spec, e->feature))
            diag_error(e->loc, "encoding %s: unknown feature '%s'", e->id, e->feature);
    }
    check_overlaps(spec);
}
