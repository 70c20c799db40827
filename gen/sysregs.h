/* System registers (spec/sysregs): each file becomes a read and a write
 * function in pseudocode, storage in ArchState, and rows of a dispatch
 * table that MRS/MSR and SYS/SYSL reach through AArch64.SysRegRead/Write. */
#ifndef GEN_SYSREGS_H
#define GEN_SYSREGS_H

#include <stdbool.h>
#include <stdio.h>

#include "ast.h"

/* True if the XML file's root element is <sysreg>. */
bool sysregs_is_file(const char *path);
/* True if the XML file's root element is <sysreg-names> (names.xml). */
bool sysregs_is_names_file(const char *path);
/* Load the names of registers and system instructions for the disassembler. */
bool sysregs_load_names(const char *path);
/* Load one register and add its declarations (storage, accessors) to `decls`. */
bool sysregs_load(const char *path, DeclList *decls);
/* Names of registers with storage, for checking CPU models. */
bool sysregs_has_storage(const char *name);
/* sysregs.c.inc: the dispatchers, reset and the register table (after
 * sema_check_lib(), which decided which accessors can raise). */
void sysregs_emit(FILE *out);
int sysregs_count(void);
/* The feature gating register i (0 <= i < sysregs_count()), or NULL. */
const char *sysregs_feature(int i);

#endif
