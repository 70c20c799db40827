/* The in-memory decode tree behind emit_decode_tree(), walkable for tests. */
#ifndef GEN_DECODE_TREE_H
#define GEN_DECODE_TREE_H

#include <stdint.h>

#include "spec.h"

/* What the generated a64_decode_index() returns for `insn`: the index in
 * spec->encs of the matching encoding (highest priority wins), or -1.
 * The tree is built on first use and rebuilt when spec->encs changes. */
int decode_tree_lookup(const Spec *spec, uint32_t insn);

#endif
