/* The CPU model table generated from spec/cpus, and lookups in it. */
#include <string.h>

#include "cpu_internal.h"
#include "cpu_models.c.inc"

const CpuModel *cpu_model_find(const char *name)
{
    for (int i = 0; i < cpu_n_models; i++)
        if (strcmp(cpu_models[i].name, name) == 0)
            return &cpu_models[i];
    return NULL;
}

bool cpu_model_has(const CpuModel *m, const char *feature)
{
    for (const char *const *f = m->features; *f; f++)
        if (strcmp(*f, feature) == 0)
            return true;
    return false;
}

/* IsFeatureImplemented() (spec/lib/features.asl). */
bool prim_IsFeatureImplemented(Cpu *cpu, Feature f)
{
    /* the disassembler decodes every feature, as objdump does */
    if (cpu->disassembling || !cpu->feat)
        return true;
    return cpu->feat[f];
}
