/* Arm semihosting v2 (AArch64 form): the host side of HLT #0xF000 calls. */
#ifndef ARMATURE_SEMIHOSTING_H
#define ARMATURE_SEMIHOSTING_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "guest_mem.h"

/* Operation numbers, from Arm's "Semihosting for AArch32 and AArch64". */
enum {
    SYS_OPEN = 0x01,
    SYS_CLOSE = 0x02,
    SYS_WRITEC = 0x03,
    SYS_WRITE0 = 0x04,
    SYS_WRITE = 0x05,
    SYS_READ = 0x06,
    SYS_READC = 0x07,
    SYS_ISERROR = 0x08,
    SYS_ISTTY = 0x09,
    SYS_SEEK = 0x0A,
    SYS_FLEN = 0x0C,
    SYS_TMPNAM = 0x0D,
    SYS_REMOVE = 0x0E,
    SYS_RENAME = 0x0F,
    SYS_CLOCK = 0x10,
    SYS_TIME = 0x11,
    SYS_SYSTEM = 0x12,
    SYS_ERRNO = 0x13,
    SYS_GET_CMDLINE = 0x15,
    SYS_HEAPINFO = 0x16,
    SYS_EXIT = 0x18,
    SYS_EXIT_EXTENDED = 0x20,
    SYS_ELAPSED = 0x30,
    SYS_TICKFREQ = 0x31,
};

/* SYS_EXIT reason codes (the "ADP_Stopped_*" values) used here. */
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u

/* ":semihosting-features" extension bits, byte 0. */
#define SH_EXT_EXIT_EXTENDED 0x01u
#define SH_EXT_STDOUT_STDERR 0x02u

#define SEMIHOST_MAX_FILES 16

typedef enum SemihostFileKind {
    SH_FILE_FREE,
    SH_FILE_STDIN,
    SH_FILE_STDOUT,
    SH_FILE_STDERR,
    SH_FILE_FEATURES,
} SemihostFileKind;

typedef struct SemihostFile {
    SemihostFileKind kind;
    uint64_t pos; /* read position in the features file */
} SemihostFile;

typedef struct Semihost {
    GuestMem *mem;
    /* the console: host streams (tests point them at temporary files) */
    FILE *in, *out, *err;
    /* SYS_HEAPINFO */
    uint64_t heap_base, heap_limit, stack_base, stack_limit;
    /* SYS_GET_CMDLINE: NUL-terminated; NULL means empty */
    const char *cmdline;
    /* Virtual time in nanoseconds (SYS_CLOCK, SYS_ELAPSED, SYS_TIME). */
    uint64_t (*now_ns)(void *opaque);
    void *opaque;
    /* SYS_TIME = time_base + virtual seconds */
    int64_t time_base;
    /* a guest_errors / unimp note: NULL for none */
    void (*note)(void *opaque, bool unimp, const char *msg);

    int64_t err_no; /* SYS_ERRNO */
    SemihostFile files[SEMIHOST_MAX_FILES];
    bool exited;
    int exit_status;
} Semihost;

/* Set defaults: console on stdin/stdout/stderr, no time source, empty
 * command line. The caller fills in mem and the rest. */
void semihost_init(Semihost *s, GuestMem *mem);

/* Run operation `op` with parameter `param` (X1); returns the value for X0.
 * A SYS_EXIT / SYS_EXIT_EXTENDED sets s->exited and s->exit_status. Guest
 * memory is read and written only through validated copies: a bad pointer
 * makes the call fail with -1 and errno EFAULT. */
uint64_t semihost_call(Semihost *s, uint32_t op, uint64_t param);

/* The name of an operation ("SYS_WRITE0"), or NULL. */
const char *semihost_op_name(uint32_t op);

#endif
