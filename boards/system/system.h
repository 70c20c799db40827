/* armature (system emulator): what the front end's files share — the
 * machine, the loader, the log and the run loop. */
#ifndef ARMATURE_SYSTEM_H
#define ARMATURE_SYSTEM_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cpu.h"
#include "guest_mem.h"
#include "system/semihosting.h"

/* ------------------------------------------------------------ log.c */

/* -d categories, as qemu-system-aarch64 names them. */
enum {
    LOG_IN_ASM = 1u << 0,       /* each instruction the first time its address runs */
    LOG_EXEC = 1u << 1,         /* every executed instruction */
    LOG_INT = 1u << 2,          /* exceptions and semihosting calls */
    LOG_GUEST_ERRORS = 1u << 3, /* the guest misused something (bad pointer, bad call) */
    LOG_UNIMP = 1u << 4,        /* the guest used something not implemented yet */
};

extern unsigned sys_log_mask;

/* Parse a -d list; false (with a message in err) for an unknown item.
 * "help" prints the list and sets *help. */
bool sys_log_parse(const char *items, bool *help, char *err, size_t errlen);
void sys_log_help(FILE *f);
/* -D FILE: where the log goes (default stderr). */
bool sys_log_open(const char *path);
static inline bool sys_log_on(unsigned mask) { return (sys_log_mask & mask) != 0; }
void sys_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print the instruction at pc for in_asm/exec. */
void sys_log_insn(Cpu *cpu, GuestMem *mem, uint64_t pc);
void sys_log_close(void);

/* ------------------------------------------------------------ machine.c */

/* One row of a board's memory map. */
typedef enum SysRegionKind { SYS_REGION_RAM, SYS_REGION_ROM } SysRegionKind;

typedef struct SysRegion {
    const char *name;
    uint64_t base;
    uint64_t size; /* 0: the RAM size given by -m */
    SysRegionKind kind;
} SysRegion;

typedef struct SysMachineType {
    const char *name;
    const char *desc;
    const SysRegion *map;
    int nregions;
} SysMachineType;

typedef struct SysMachine {
    const SysMachineType *type;
    GuestMem *mem;
    uint64_t ram_base, ram_size; /* the region sized by -m */
} SysMachine;

/* The machine type called `name` (the part of -M before the first comma). */
const SysMachineType *sys_machine_find(const char *name);
void sys_machine_list(FILE *f);
/* Build the address space; false with a message if the RAM does not fit. */
bool sys_machine_init(SysMachine *m, const SysMachineType *t, uint64_t ram_size, char *err,
                      size_t errlen);
void sys_machine_free(SysMachine *m);
/* The region holding [addr, addr+len), or NULL. */
const SysRegion *sys_machine_region(const SysMachine *m, uint64_t addr, uint64_t len,
                                    uint64_t *base, uint64_t *size);

/* ------------------------------------------------------------ loader_elf.c */

typedef struct SysImage {
    uint64_t entry;
    uint64_t lowest, highest; /* physical range the segments cover */
} SysImage;

/* Load an AArch64 ELF at its physical (p_paddr) addresses; every byte must
 * land in a RAM or ROM region of the machine. */
bool sys_elf_load(SysMachine *m, const char *path, SysImage *img, char *err, size_t errlen);

/* ------------------------------------------------------------ run.c */

typedef struct SysRun {
    Cpu *cpu;
    SysMachine *machine;
    Semihost *semi; /* NULL when semihosting is off */
    unsigned icount_shift;
} SysRun;

/* Run until the guest exits through semihosting (returns its status) or
 * stops in a way the board cannot handle (reports it, returns 1). */
int sys_run(SysRun *r);

#endif
