/* Value ranges of decode-time integers, for the C back end: a variable whose
 * every value fits 64 bits is stored narrow and its range is an assumption
 * execute_<id>() may use. */
#ifndef ARMATURE_GEN_RANGES_H
#define ARMATURE_GEN_RANGES_H

#include <stdbool.h>

#include "ast.h"

typedef struct Range {
    bool known;
    __int128 lo, hi;
} Range;

/* The ranges of decode's top-level integer variables, in declaration
 * order; ranges_of() fills `out` (one per DeclVar in_dec of TY_INT, found by
 * ranges_find()). */
typedef struct DecRanges {
    const DeclVar **vars;
    Range *ranges;
    int n;
} DecRanges;

void ranges_of(const Stmt *decode, DecRanges *out);
const Range *ranges_find(const DecRanges *r, const char *name);
void ranges_free(DecRanges *r);

#endif
