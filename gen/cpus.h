/* CPU models (spec/cpus): features and ID register values as data. */
#ifndef GEN_CPUS_H
#define GEN_CPUS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "spec.h"

/* True if the XML file's root element is <cpu>. */
bool cpus_is_model_file(const char *path);
/* Load one model; errors through diag_error(). */
bool cpus_load(const char *path);
/* Check the models against the loaded features (names exist, dependencies listed). */
void cpus_check(const Spec *spec);
/* cpu_models.c.inc: the CpuModel table (interp/cpu_model.h) and the feature
 * names in the order of the Feature enumeration. A model with
 * all-features="true" gets every feature that gates an encoding or a system
 * register, plus what those require: everything implemented. */
void cpus_emit(const Spec *spec, FILE *out);

#endif
