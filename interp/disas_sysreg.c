/* Disassembler names of system registers and system instructions
 * (SysRegName, SysInstrName in spec/lib/system.asl), looked up in the table
 * generated from spec/sysregs and printed as GNU objdump does: lower case,
 * or objdump's generic forms for encodings spec/sysregs does not name. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "cpu_internal.h"
#include "asl_lib.h"
#include "sysreg.h"

static const SysRegInfo *find(int op0, int op1, int crn, int crm, int op2)
{
    for (int i = 0; i < sysreg_count; i++) {
        const SysRegInfo *r = &sysreg_table[i];
        if (r->op0 == op0 && r->op1 == op1 && r->crn == crn && r->crm == crm && r->op2 == op2)
            return r;
    }
    return NULL;
}

/* Copy `s` lower-cased; with `split`, the first '_' becomes `sep` (the
 * register file DC_ZVA is the instruction "dc\tzva"). */
static void put_lower(DisasBuf *b, const char *s, bool split, const char *sep)
{
    char tmp[96];
    size_t n = 0;
    for (; *s && n < sizeof tmp - 8; s++) {
        if (split && *s == '_') {
            for (const char *p = sep; *p; p++)
                tmp[n++] = *p;
            split = false;
            continue;
        }
        tmp[n++] = (char)tolower((unsigned char)*s);
    }
    tmp[n] = 0;
    disas_puts(b, tmp);
}

/* The architected name of an encoding (names.xml) for one direction. */
static const SysRegNameInfo *find_name(int op0, int op1, int crn, int crm, int op2, char dir)
{
    for (int i = 0; i < sysreg_name_count; i++) {
        const SysRegNameInfo *n = &sysreg_names[i];
        if (n->op0 == op0 && n->op1 == op1 && n->crn == crn && n->crm == crm && n->op2 == op2 &&
            (n->access == 'b' || n->access == dir))
            return n;
    }
    return NULL;
}

void prim_SysRegName(DisasBuf *b, asl_int op0, asl_int op1, asl_int crn, asl_int crm, asl_int op2, bool read)
{
    const SysRegNameInfo *n = find_name((int)op0, (int)op1, (int)crn, (int)crm, (int)op2, read ? 'r' : 'w');
    if (n) {
        disas_puts(b, n->name);
        return;
    }
    const SysRegInfo *r = find((int)op0, (int)op1, (int)crn, (int)crm, (int)op2);
    if (r) {
        put_lower(b, r->name, false, "");
        return;
    }
    char tmp[48];
    snprintf(tmp, sizeof tmp, "s%d_%d_c%d_c%d_%d", (int)op0, (int)op1, (int)crn, (int)crm, (int)op2);
    disas_puts(b, tmp);
}

void prim_SysInstrName(DisasBuf *b, asl_int op1, asl_int crn, asl_int crm, asl_int op2, asl_int t)
{
    char tmp[64];
    const SysRegNameInfo *n = find_name(1, (int)op1, (int)crn, (int)crm, (int)op2, 'w');
    if (n) {
        disas_puts(b, n->name);
        if (n->xt) {
            disas_puts(b, ", ");
            prim_XReg(b, t);
        }
        return;
    }
    const SysRegInfo *r = find(1, (int)op1, (int)crn, (int)crm, (int)op2);
    if (r && strchr(r->name, '_')) {
        /* Every system instruction in spec/sysregs so far takes a register
         * (DC/IC by VA); objdump prints it even when it is xzr. */
        put_lower(b, r->name, true, "\t");
        disas_puts(b, ", ");
        prim_XReg(b, t);
        return;
    }
    snprintf(tmp, sizeof tmp, "sys\t#%d, C%d, C%d, #%d", (int)op1, (int)crn, (int)crm, (int)op2);
    disas_puts(b, tmp);
    if (t != 31) {
        disas_puts(b, ", ");
        prim_XReg(b, t);
    }
}
