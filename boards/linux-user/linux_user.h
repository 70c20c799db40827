/* Internal interface of armature-user: ELF loader, initial stack, syscalls, run loop. */
#ifndef ARMATURE_LINUX_USER_H
#define ARMATURE_LINUX_USER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cpu.h"
#include "guest_mem.h"

/* The guest address map. Static-pie images go where qemu-aarch64 puts
 * them; anonymous mmaps are placed bottom-up from LU_MMAP_BASE; the stack
 * sits just below LU_STACK_TOP. All of it is below 2^47 as on Linux. */
#define LU_ET_DYN_BASE 0x5500000000ull
#define LU_MMAP_BASE 0x7f0000000000ull
#define LU_STACK_TOP 0x7ffffff00000ull
#define LU_STACK_SIZE (8ull << 20)
/* Nothing is mapped below this, so NULL-pointer bugs fault as on Linux
 * (vm.mmap_min_addr's usual value). */
#define LU_MIN_ADDR 0x10000ull

/* Largest single mapping a guest may create (ELF segment, mmap): each page
 * costs a table entry even before it is touched. */
#define LU_MAX_MAPPING (4ull << 30)

#define LU_ERR_LEN 512

/* Auxiliary vector tags (Linux include/uapi/linux/auxvec.h). */
enum {
    LU_AT_NULL = 0,
    LU_AT_PHDR = 3,
    LU_AT_PHENT = 4,
    LU_AT_PHNUM = 5,
    LU_AT_PAGESZ = 6,
    LU_AT_BASE = 7,
    LU_AT_FLAGS = 8,
    LU_AT_ENTRY = 9,
    LU_AT_UID = 11,
    LU_AT_EUID = 12,
    LU_AT_GID = 13,
    LU_AT_EGID = 14,
    LU_AT_PLATFORM = 15,
    LU_AT_HWCAP = 16,
    LU_AT_CLKTCK = 17,
    LU_AT_SECURE = 23,
    LU_AT_RANDOM = 25,
    LU_AT_HWCAP2 = 26,
    LU_AT_EXECFN = 31,
};

/* What the loader learned about the image (guest addresses, bias applied). */
typedef struct LuImage {
    uint64_t entry;
    uint64_t load_bias; /* 0 for ET_EXEC, LU_ET_DYN_BASE for static-pie */
    uint64_t phdr;      /* where the program headers are in guest memory, 0 if not loaded */
    uint16_t phent, phnum;
    uint64_t lo, hi;    /* lowest byte and one past the highest byte of all PT_LOADs */
    uint64_t brk;       /* page-aligned end of the image: where brk() starts */
} LuImage;

/* Load an AArch64 Linux executable into `m`. On failure returns false with
 * one line (naming `name`/`path`, no trailing newline) in err; `m` may then
 * hold part of the image. */
bool lu_elf_load_file(GuestMem *m, const char *path, LuImage *img, char *err, size_t errlen);
bool lu_elf_load_buf(GuestMem *m, const char *name, const uint8_t *data, size_t size,
                     LuImage *img, char *err, size_t errlen);

typedef struct LuStackArgs {
    int argc;
    char *const *argv;
    char *const *envp;  /* NULL-terminated; NULL means none */
    const char *execfn; /* AT_EXECFN string */
    uint8_t random[16]; /* AT_RANDOM bytes */
    uint64_t uid, euid, gid, egid;
} LuStackArgs;

/* Map the stack and build argc/argv/envp/auxv as the arm64 Linux ABI wants;
 * *sp gets the 16-byte aligned initial SP (pointing at argc). */
bool lu_stack_setup(GuestMem *m, const LuImage *img, const LuStackArgs *a, uint64_t *sp,
                    char *err, size_t errlen);

/* Syscall numbers beyond this are reported as unsupported on every call. */
#define LU_UNIMP_TRACKED 1024

/* The emulated process: everything the syscall layer keeps between calls. */
typedef struct LuProcess {
    GuestMem *mem;
    uint64_t brk_start, brk_cur;
    uint64_t mmap_base;
    uint64_t clear_child_tid;
    FILE *log;              /* strace and diagnostics (stderr) */
    bool strace;
    bool unimp_every;       /* -d unimp: report each unsupported call */
    bool seeded;            /* -seed: getrandom/AT_RANDOM are deterministic */
    uint64_t rng;
    bool exited;
    int exit_status;
    uint8_t unimp_seen[LU_UNIMP_TRACKED / 8];
} LuProcess;

void lu_process_init(LuProcess *p, GuestMem *m, const LuImage *img);
/* Fill buf with random bytes: the host's, or the seeded sequence. */
void lu_random_fill(LuProcess *p, void *buf, size_t len);
/* One syscall: arm64 number and x0..x5; returns the value for x0
 * (-errno on failure). exit/exit_group set p->exited instead. */
int64_t lu_syscall(LuProcess *p, uint64_t nr, const uint64_t args[6]);

/* Syscall bodies, grouped by what they touch (sys_mem.c, sys_io.c). */
int64_t lu_sys_brk(LuProcess *p, uint64_t addr);
int64_t lu_sys_mmap(LuProcess *p, const uint64_t a[6]);
int64_t lu_sys_munmap(LuProcess *p, uint64_t addr, uint64_t len);
int64_t lu_sys_mprotect(LuProcess *p, uint64_t addr, uint64_t len, uint64_t prot);
int64_t lu_sys_read(LuProcess *p, const uint64_t a[6]);
int64_t lu_sys_write(LuProcess *p, const uint64_t a[6]);
int64_t lu_sys_writev(LuProcess *p, const uint64_t a[6]);
int64_t lu_sys_fstat(LuProcess *p, const uint64_t a[6]);
int64_t lu_sys_newfstatat(LuProcess *p, const uint64_t a[6]);

/* How the guest ended. */
typedef struct LuEnd {
    int signal;         /* 0: exited with `status`; else killed by this host signal */
    int status;
    uint64_t pc;        /* faulting instruction (signal deaths) */
    uint64_t addr;      /* faulting data/insn address (SIGSEGV) */
    bool has_addr;
} LuEnd;

/* Run until the guest exits or dies. */
void lu_run(LuProcess *p, Cpu *cpu, LuEnd *end);
/* Report a signal death on stderr and end the emulator by the same signal,
 * so the parent sees what it would see for a native process. */
_Noreturn void lu_die_by_signal(const LuEnd *end);

#endif
