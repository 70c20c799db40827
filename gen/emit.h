/* The generator's back ends: each writes one file under build/gen/. */
#ifndef GEN_EMIT_H
#define GEN_EMIT_H

#include <stdio.h>

#include "spec.h"

/* Header every generated file starts with. */
void emit_header(FILE *out, const char *what);

/* a64_tree.c.inc: `int a64_decode_index(uint32_t insn)`, a decode tree
 * built from the encodings' masks (index into Spec.encs, -1 if none). */
void emit_decode_tree(const Spec *spec, FILE *out);

/* a64_meta.c.inc: `const A64EncodingInfo a64_encodings[]` (interp/a64_meta.h),
 * in Spec.encs order, and a64_n_encodings. */
void emit_meta(const Spec *spec, FILE *out);

#endif
