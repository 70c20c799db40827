/* System registers generated from spec/sysregs (build/gen/sysregs.c.inc). */
#ifndef ARMATURE_SYSREG_H
#define ARMATURE_SYSREG_H

#include <stdbool.h>
#include <stdint.h>

typedef struct SysRegInfo {
    const char *name;
    int op0, op1, crn, crm, op2;
    const char *feature;    /* "" when always present */
    bool readable, writable;
} SysRegInfo;

extern const SysRegInfo sysreg_table[];
extern const int sysreg_count;

#endif
