/* CPU models generated from spec/cpus (build/gen/cpu_models.c.inc). */
#ifndef ARMATURE_CPU_MODEL_H
#define ARMATURE_CPU_MODEL_H

#include <stdbool.h>
#include <stdint.h>

typedef struct CpuIdReg {
    const char *name;       /* MIDR_EL1, ID_AA64ISAR0_EL1, ... */
    uint64_t value;
} CpuIdReg;

typedef struct CpuModel {
    const char *name;       /* as given to -cpu */
    const char *title;
    const char *arch;       /* "8.0", "8.2", ... */
    const char *const *features; /* NULL-terminated */
    const CpuIdReg *regs;
    int nregs;
} CpuModel;

extern const CpuModel cpu_models[];
extern const char *const feature_names[]; /* in the order of the Feature enumeration */
extern const int feature_count;
extern const int cpu_n_models;

const CpuModel *cpu_model_find(const char *name);
bool cpu_model_has(const CpuModel *m, const char *feature);

#endif
