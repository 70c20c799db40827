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

/* One row of a board's memory map: RAM and ROM are host memory in the
 * GuestMem; a device row is created by the board (virt.c) on the bus; an
 * absent row is a hole in the map reserved for a device not modelled yet. */
typedef enum SysRegionKind { SYS_REGION_RAM, SYS_REGION_ROM, SYS_REGION_DEVICE, SYS_REGION_ABSENT } SysRegionKind;

typedef struct SysRegion {
    const char *name;
    uint64_t base;
    uint64_t size; /* 0: the RAM size given by -m */
    SysRegionKind kind;
    int irq;       /* devices: the SPI number (GIC INTID - 32), or -1 */
    unsigned count; /* a row of `count` devices at `size` strides (0: one) */
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
    Bus *bus;                    /* the devices (and mem as its RAM) */
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

/* ------------------------------------------------------------ time.c */

/* Deterministic virtual time: each retired instruction takes 2^shift ns
 * (-icount shift=N, default 0), counting the instructions of every CPU
 * (with -smp N the CPUs take turns, so time never runs backwards between
 * them), and when every CPU is idle time skips forward to the next
 * deadline (skipped_ns). The generic timer's counter runs at 62.5 MHz
 * (CNTFRQ_EL0's reset value): one tick every 16 ns. */
#define SYS_NS_PER_TICK 16u

typedef struct SysTime {
    Cpu *const *cpus; /* the machine's CPUs: time is their total instruction count */
    unsigned ncpus;
    unsigned shift;
    uint64_t skipped_ns;
} SysTime;

uint64_t sys_time_ns(void *time);    /* SysTime * */
uint64_t sys_time_count(void *time); /* the system counter (cpu_set_clock) */
/* Instructions until virtual time reaches `ns` (at least 1). */
uint64_t sys_time_insns_until(const SysTime *t, uint64_t ns);

/* ------------------------------------------------------------ virt.c, boot.c */

typedef struct VirtBoard VirtBoard;

/* A virtio-mmio device from -device / -drive: a disk on a raw image or the
 * entropy source. */
#define SYS_MAX_VIRTIO 32
typedef struct SysVirtioDev {
    bool rng;             /* virtio-rng-device, else virtio-blk-device */
    const char *file;     /* the raw image */
    bool read_only;
    const char *serial;   /* what GET_ID answers (the drive's id) */
} SysVirtioDev;

/* The board configuration from the command line. */
typedef struct SysBoardConfig {
    SysVirtioDev virtio[SYS_MAX_VIRTIO]; /* in command-line order */
    unsigned nvirtio;
    void *monitor;     /* the GlobalMonitor that device writes (DMA) clear marks in */
    bool secure, virtualization;
    bool secure_off;   /* secure=off given: an ELF starts below EL3, as on QEMU */
    unsigned smp;      /* -smp: number of CPUs */
    unsigned gic_version;
    const char *kernel, *initrd, *append, *dtb, *serial;
    bool nographic, no_reboot;
    int64_t time_base; /* the RTC's date at virtual time 0 (seconds since 1970) */
} SysBoardConfig;

/* Create the virt board's devices on m->bus and wire them to the CPU; false
 * with a message in err. */
VirtBoard *virt_new(SysMachine *m, Cpu *const *cpus, unsigned ncpus, SysTime *time, const SysBoardConfig *cfg, char *err,
                    size_t errlen);
void virt_free(VirtBoard *v);
/* After cpu_reset(): what the board changes in the PE's ID registers. */
void virt_cpu_reset_done(VirtBoard *v, Cpu *cpu);
/* The flattened device tree describing the board (built from the map
 * table), or -dtb's; NULL with a message in err. */
void *virt_fdt(VirtBoard *v, uint64_t initrd_start, uint64_t initrd_end, char *err, size_t errlen);
/* Between runs: recompute timer outputs, the RTC match, feed serial input.
 * Returns the virtual ns of the next device deadline (UINT64_MAX: none). */
uint64_t virt_poll(VirtBoard *v);
/* The guest is idle with no deadline: wait for host input (false: none can come). */
bool virt_wait_input(VirtBoard *v);
void virt_flush_output(VirtBoard *v);
/* The board answers firmware calls (PSCI) itself. */
void virt_set_psci(VirtBoard *v, CpuPsciConduit conduit);
CpuPsciConduit virt_psci_conduit(const VirtBoard *v);
/* Serial console quit key (Ctrl-A x) was pressed. */
bool virt_quit_requested(const VirtBoard *v);

/* ------------------------------------------------------------ psci.c */

#define SYS_MAX_CPUS 8

/* The machine's CPUs (-smp N) and their power state: CPU 0 starts on, the
 * others off until PSCI CPU_ON (as on QEMU's virt). */
typedef struct SysCpus {
    unsigned n;
    Cpu *cpu[SYS_MAX_CPUS];
    uint64_t mpidr[SYS_MAX_CPUS]; /* MPIDR_EL1 as each reads it: Aff0 = index */
    bool on[SYS_MAX_CPUS];
    VirtBoard *virt;
} SysCpus;

/* MPIDR_EL1 of CPU `index` (the model's value with Aff0 = index). */
uint64_t sys_cpu_mpidr(const Cpu *cpu, unsigned index);

/* PSCI 1.1 as the board's firmware: answer CPU `caller`'s call in its
 * X0-X3. Returns false when the call ends the run (*status: the exit
 * status); CPU_OFF turns the caller off (the run goes on with the others). */
bool sys_psci_call(SysCpus *s, unsigned caller, bool *restart, int *status, bool no_reboot);

/* ------------------------------------------------------------ boot.c */

/* Is the file an arm64 Linux Image (header magic "ARM\x64")? */
bool sys_is_linux_image(const char *path);
/* Load -kernel (Image or ELF), -initrd and the DTB, and set CPU 0 up as
 * QEMU's loader does without firmware: an Image enters at EL2
 * (virtualization=on) or EL1 with x0 = the DTB; an ELF at its entry at the
 * highest EL (below EL3 with secure=off, as QEMU). */
bool sys_boot(SysMachine *m, VirtBoard *v, SysCpus *cpus, const SysBoardConfig *cfg, SysImage *img,
              char *err, size_t errlen);
/* The state firmware at EL3 (and EL2) leaves for a kernel entered below. */
void sys_firmware_state(Cpu *cpu);

/* ------------------------------------------------------------ run.c */

typedef struct SysRun {
    SysCpus *cpus;
    SysMachine *machine;
    Semihost *semi; /* NULL when semihosting is off */
    unsigned icount_shift;
    SysTime *time;
    VirtBoard *virt;  /* NULL on -M none */
    const SysBoardConfig *cfg;
} SysRun;

/* With several CPUs each runs this many instructions in turn (fewer when a
 * device deadline comes first): deterministic round-robin. */
#define SYS_QUANTUM 4096

/* Run until the guest exits through semihosting (returns its status) or
 * stops in a way the board cannot handle (reports it, returns 1). */
int sys_run(SysRun *r);

#endif
