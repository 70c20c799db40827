/* C back end for checked pseudocode: the library, and each encoding's
 * decode/execute functions and disassembler. */
#ifndef GEN_EMIT_C_H
#define GEN_EMIT_C_H

#include <stdio.h>

#include "sema.h"
#include "spec.h"

typedef struct CEmitter CEmitter;

/* asl_types.h: enumerations, records, the ArchState structure. */
void emit_types(const Sema *s, FILE *out);
/* asl_lib.h: every library function, static inline, and primitive prototypes. */
void emit_lib(const Sema *s, FILE *out);

/* Per encoding, after sema_check_encoding(): the Dec_<id> structure and
 * decode_<id>() go to `dec`, execute_<id>() and exec_<id>() to `exec`. */
void emit_encoding(const Encoding *enc, Stmt *decode, Stmt *execute, Scope *scope,
                   FILE *dec, FILE *exec);
/* disas_<id>() (emit_disas.c): aliases (checked expressions) and the template. Returns false
 * after reporting an error in a template. */
bool emit_disas(Sema *s, const Encoding *enc, Scope *scope, FILE *out);

/* Tables indexed like Spec.encs. */
void emit_exec_table(const Spec *spec, FILE *out);
void emit_disas_table(const Spec *spec, FILE *out);

#endif
