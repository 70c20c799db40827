/* armature's -d/-D log: categories named as qemu-system-aarch64 names them. */
#include "system/system.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

unsigned sys_log_mask;
static FILE *sys_log_file;

static const struct {
    const char *name;
    unsigned mask;
    const char *help;
} sys_log_items[] = {
    {"in_asm", LOG_IN_ASM, "show each guest instruction the first time its address runs"},
    {"exec", LOG_EXEC, "show every executed instruction (slow: runs one at a time)"},
    {"int", LOG_INT, "show exceptions that reach the board and semihosting calls"},
    {"guest_errors", LOG_GUEST_ERRORS, "log when the guest misuses something (bad pointers)"},
    {"unimp", LOG_UNIMP, "log what the guest uses that is not implemented"},
};
#define N_ITEMS (sizeof sys_log_items / sizeof sys_log_items[0])

void sys_log_help(FILE *f)
{
    fputs("Log items (comma separated):\n", f);
    for (unsigned i = 0; i < N_ITEMS; i++)
        fprintf(f, "%-12s %s\n", sys_log_items[i].name, sys_log_items[i].help);
}

bool sys_log_parse(const char *items, bool *help, char *err, size_t errlen)
{
    char *copy = strdup(items);
    if (!copy)
        abort();
    bool ok = true;
    *help = false;
    for (char *save, *it = strtok_r(copy, ",", &save); it; it = strtok_r(NULL, ",", &save)) {
        if (strcmp(it, "help") == 0) {
            *help = true;
            continue;
        }
        unsigned i;
        for (i = 0; i < N_ITEMS; i++)
            if (strcmp(it, sys_log_items[i].name) == 0)
                break;
        if (i == N_ITEMS) {
            snprintf(err, errlen, "unknown -d item '%s' (try -d help)", it);
            ok = false;
            break;
        }
        sys_log_mask |= sys_log_items[i].mask;
    }
    free(copy);
    return ok;
}

bool sys_log_open(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return false;
    sys_log_file = f;
    return true;
}

void sys_log_close(void)
{
    if (sys_log_file) {
        fclose(sys_log_file);
        sys_log_file = NULL;
    }
}

void sys_log(const char *fmt, ...)
{
    FILE *f = sys_log_file ? sys_log_file : stderr;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
}

/* in_asm remembers which addresses it has shown: an open-addressing set. */
static uint64_t *seen;
static size_t seen_cap, seen_n;

static bool seen_insert(uint64_t pc)
{
    if (seen_n * 2 >= seen_cap) {
        size_t cap = seen_cap ? seen_cap * 2 : 4096;
        uint64_t *t = calloc(cap, sizeof *t);
        if (!t)
            abort();
        for (size_t i = 0; i < seen_cap; i++)
            if (seen[i]) {
                size_t j = (size_t)(seen[i] * 0x9E3779B97F4A7C15ull >> 20) & (cap - 1);
                while (t[j])
                    j = (j + 1) & (cap - 1);
                t[j] = seen[i];
            }
        free(seen);
        seen = t;
        seen_cap = cap;
    }
    uint64_t key = pc | 1; /* pc is word aligned: bit 0 marks a used slot */
    size_t j = (size_t)(key * 0x9E3779B97F4A7C15ull >> 20) & (seen_cap - 1);
    while (seen[j]) {
        if (seen[j] == key)
            return false;
        j = (j + 1) & (seen_cap - 1);
    }
    seen[j] = key;
    seen_n++;
    return true;
}

void sys_log_insn(Cpu *cpu, GuestMem *mem, uint64_t pc)
{
    bool first = sys_log_on(LOG_IN_ASM) && seen_insert(pc);
    if (!first && !sys_log_on(LOG_EXEC))
        return;
    /* IMPDEF of the log: the word is read at pc as a physical address,
     * right while the MMU is off (every guest the front end runs today). */
    uint32_t insn;
    char text[128];
    if (!guest_mem_copy_out(mem, &insn, pc, 4)) {
        sys_log("0x%016llx:  <not in memory>\n", (unsigned long long)pc);
        return;
    }
    cpu_disassemble(insn, pc, text, sizeof text);
    if (sys_log_on(LOG_EXEC))
        sys_log("Trace EL%u 0x%016llx:  %08x  %s\n", cpu_get_el(cpu), (unsigned long long)pc,
                insn, text);
    else
        sys_log("IN: 0x%016llx:  %08x  %s\n", (unsigned long long)pc, insn, text);
}
