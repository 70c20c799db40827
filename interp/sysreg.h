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

/* Every architected name (spec/sysregs/names.xml), for the disassembler. */
typedef struct SysRegNameInfo {
    const char *name;       /* lower case; system instructions as "dc\tzva" */
    int op0, op1, crn, crm, op2;
    char access;            /* 'b'oth directions, or 'r'ead / 'w'rite only */
    bool xt;                /* a system instruction that takes Xt */
} SysRegNameInfo;

extern const SysRegNameInfo sysreg_names[];
extern const int sysreg_name_count;

#endif
