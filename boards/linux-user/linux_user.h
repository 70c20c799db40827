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
    LU_AT_MINSIGSTKSZ = 51,
};

/* What the loader learned about the image (guest addresses, bias applied). */
typedef struct LuImage {
    uint64_t interp_base; /* AT_BASE: where PT_INTERP was loaded, 0 if none */
    uint64_t interp_entry; /* the interpreter's entry (where execution starts) */
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
    uint64_t hwcap, hwcap2;
} LuStackArgs;

/* Map the stack and build argc/argv/envp/auxv as the arm64 Linux ABI wants;
 * *sp gets the 16-byte aligned initial SP (pointing at argc). */
bool lu_stack_setup(GuestMem *m, const LuImage *img, const LuStackArgs *a, uint64_t *sp,
                    char *err, size_t errlen);

/* Where a dynamic executable's PT_INTERP (ld-linux-aarch64.so.1) goes. */
#define LU_INTERP_BASE 0x7fb7f00000ull

/* Load an executable and, when it names one, its interpreter, looked up in
 * `sysroot` first (may be NULL) as qemu-aarch64 -L does. */
bool lu_load_program(GuestMem *m, const char *path, const char *sysroot, LuImage *img,
                     char *err, size_t errlen);

/* AT_HWCAP/AT_HWCAP2 for a CPU model: Linux's bits (arch/arm64/include/uapi/asm/hwcap.h)
 * for the FEAT_* the model implements. */
void lu_hwcaps(const Cpu *cpu, uint64_t *hwcap, uint64_t *hwcap2);

/* Signals (signal.c). Numbers are the same on arm64 and the host. */
#define LU_NSIG 64
/* AT_MINSIGSTKSZ and sigaltstack()'s minimum: arm64's MINSIGSTKSZ, which
 * covers the frame signal.c builds (4,704 bytes with the frame record). */
#define LU_MINSIGSTKSZ 5120

typedef struct LuSigAction {
    uint64_t handler;   /* 0 SIG_DFL, 1 SIG_IGN, else guest address */
    uint64_t flags;
    uint64_t restorer;
    uint64_t mask;
} LuSigAction;

typedef struct LuSignals {
    LuSigAction act[LU_NSIG + 1];
    uint64_t blocked;            /* guest mask: bit (sig - 1) */
    uint64_t pending;            /* raised synchronously or by the host handler */
    uint8_t info[LU_NSIG + 1][128]; /* siginfo for each pending signal */
    uint64_t ss_sp, ss_size;     /* sigaltstack */
    uint32_t ss_flags;
    bool suspended;              /* rt_sigsuspend: the frame restores this mask */
    uint64_t suspend_saved;
    /* The last synchronous fault, for the report when it kills the guest. */
    int fault_sig;
    uint64_t fault_pc, fault_addr, fault_esr;
    bool fault_has_addr;
} LuSignals;

/* Guest threads (thread.c). Every guest thread is its own Cpu sharing the
 * one GuestMem (and the default global exclusives monitor); all of them run
 * on the one host thread, scheduled by lu_sched() round-robin in fixed
 * instruction quanta, so a program's interleaving is the same every run.
 * A thread whose syscall must wait (futex, sleep, sigsuspend) is parked
 * here, not in the host kernel, so the others keep running. */
#define LU_QUANTUM 20000ull /* instructions a thread runs before the next one's turn */
/* A syscall body returns this when it parked the calling thread (its
 * state is no longer LU_T_RUN, which is what the run loop looks at): x0 is
 * written by whoever wakes it (futex wake, timeout, signal). */
#define LU_BLOCKED INT64_MIN

typedef enum LuThreadState {
    LU_T_RUN,     /* runnable */
    LU_T_FUTEX,   /* FUTEX_WAIT on futex_addr */
    LU_T_SLEEP,   /* nanosleep: only the deadline (or a signal) ends it */
    LU_T_SIGWAIT, /* rt_sigsuspend */
    LU_T_IO,      /* read/write that would block on io_fd: retried when it is ready */
    LU_T_DEAD,    /* exited; reaped by lu_sched() */
} LuThreadState;

typedef struct LuThread {
    Cpu *cpu;
    int32_t tid;
    LuThreadState state;
    uint64_t clear_child_tid;  /* set_tid_address / CLONE_CHILD_CLEARTID */
    uint64_t robust_list;      /* set_robust_list: struct robust_list_head, 0 if none */
    uint64_t futex_addr;
    uint32_t futex_bitset;
    uint64_t wait_seq;         /* futex waiters are woken oldest first */
    int64_t deadline;          /* CLOCK_MONOTONIC ns when the wait times out; -1: never */
    int64_t timeout_result;    /* x0 then */
    uint64_t suspend_saved;    /* LU_T_SIGWAIT: the mask before the call */
    int io_fd;                 /* LU_T_IO: the host fd and poll events awaited */
    short io_events;
    /* The per-thread part of LuSignals while the thread is not running
     * (the running thread's lives in LuProcess.sig; lu_thread_switch swaps). */
    uint64_t blocked, pending;
    uint64_t ss_sp, ss_size;
    uint32_t ss_flags;
    bool suspended;
    uint64_t suspended_mask;
    uint8_t info[LU_NSIG + 1][128];
} LuThread;

/* Syscall numbers beyond this are reported as unsupported on every call. */
#define LU_UNIMP_TRACKED 1024

/* The emulated process: everything the syscall layer keeps between calls. */
typedef struct LuProcess {
    GuestMem *mem;
    uint64_t brk_start, brk_cur;
    uint64_t mmap_base;
    FILE *log;              /* strace and diagnostics (stderr) */
    bool strace;
    bool unimp_every;       /* -d unimp: report each unsupported call */
    bool seeded;            /* -seed: getrandom/AT_RANDOM are deterministic */
    uint64_t rng;
    bool exited;
    int exit_status;
    uint8_t unimp_seen[LU_UNIMP_TRACKED / 8];
    const char *sysroot;    /* -L / QEMU_LD_PREFIX, NULL if none */
    const char *exe_path;   /* the guest program as /proc/self/exe shows it */
    const char *exe_host;   /* the same file as the host opens it */
    const char *cpu_name;   /* for execve of another guest program */
    Cpu *cpu;               /* set by lu_run: signal frames, sigreturn, clone */
    bool sigreturned;       /* rt_sigreturn restored every register: leave x0 alone */
    LuSignals sig;          /* actions, and the running thread's mask and pending set */
    LuThread **threads;     /* in creation order (round-robin order) */
    int nthreads;
    LuThread *cur;          /* the running thread (its Cpu is `cpu`) */
    Cpu *main_cpu;          /* owned by the caller of lu_run, never freed here */
    int32_t next_tid;
    uint64_t wait_seq;
    bool resched;           /* sched_yield: give the next thread its turn */
    uint64_t icount_done;   /* instructions of threads that have exited */
} LuProcess;

void lu_process_init(LuProcess *p, GuestMem *m, const LuImage *img);
/* Fill buf with random bytes: the host's, or the seeded sequence. */
void lu_random_fill(LuProcess *p, void *buf, size_t len);
/* One syscall: arm64 number and x0..x5; returns the value for x0
 * (-errno on failure). exit/exit_group set p->exited instead. */
int64_t lu_syscall(LuProcess *p, uint64_t nr, const uint64_t args[6]);

/* Guest pointers (uaccess.c): 0 or -EFAULT; checked against the guest's
 * protections as the kernel's copy_{to,from}_user are. */
int64_t lu_copy_to(LuProcess *p, uint64_t addr, const void *src, size_t len);
int64_t lu_copy_from(LuProcess *p, void *dst, uint64_t addr, size_t len);
/* A NUL-terminated guest string into buf: 0, -EFAULT or -ENAMETOOLONG. */
int64_t lu_get_string(LuProcess *p, uint64_t addr, char *buf, size_t size);
int64_t lu_get_path(LuProcess *p, uint64_t addr, char *buf, size_t size);
/* The host file an absolute guest path names: inside the sysroot if it
 * exists there, else the path itself (buf is scratch space). */
const char *lu_host_path(const LuProcess *p, const char *path, char *buf, size_t size);
/* A guest path argument as the host should open it (/proc/self/exe, -L). */
int64_t lu_fs_path(LuProcess *p, uint64_t addr, char *buf, char *alt, const char **out);
/* open(2) flags: arm64 and x86-64 disagree on O_DIRECTORY/NOFOLLOW/DIRECT/LARGEFILE. */
int lu_open_flags_to_host(uint64_t guest_flags);
uint64_t lu_open_flags_to_guest(int host_flags);

/* Groups of syscalls with their own dispatch: true if `nr` is theirs. */
bool lu_fs_dispatch(LuProcess *p, uint64_t nr, const uint64_t a[6], int64_t *r);
bool lu_proc_dispatch(LuProcess *p, uint64_t nr, const uint64_t a[6], int64_t *r);
bool lu_sig_dispatch(LuProcess *p, uint64_t nr, const uint64_t a[6], int64_t *r);

/* Syscall bodies, grouped by what they touch (sys_mem.c, sys_io.c). */
int64_t lu_sys_brk(LuProcess *p, uint64_t addr);
int64_t lu_sys_mmap(LuProcess *p, const uint64_t a[6]);
int64_t lu_sys_munmap(LuProcess *p, uint64_t addr, uint64_t len);
int64_t lu_sys_mprotect(LuProcess *p, uint64_t addr, uint64_t len, uint64_t prot);
int64_t lu_sys_mremap(LuProcess *p, const uint64_t a[6]);
int64_t lu_sys_madvise(LuProcess *p, const uint64_t a[6]);
int64_t lu_sys_readv(LuProcess *p, const uint64_t a[6], bool positional);
int64_t lu_sys_pread64(LuProcess *p, const uint64_t a[6]);
int64_t lu_sys_pwrite64(LuProcess *p, const uint64_t a[6]);
int64_t lu_sys_sendfile(LuProcess *p, const uint64_t a[6]);
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

/* Signal machinery (signal.c). */
void lu_signals_init(LuProcess *p);
/* Queue a signal for the guest (a fault, or kill to self) with its siginfo
 * fields; delivered by lu_signal_deliver(). */
void lu_signal_raise(LuProcess *p, int sig, int code, uint64_t addr);
/* Deliver the first pending unblocked signal: build the frame and point
 * the CPU at the handler. Returns 0, or the signal whose default action
 * ends the process (the caller dies by it). */
int lu_signal_deliver(LuProcess *p, Cpu *cpu);
/* A syscall failed with EINTR: should it be restarted (no handler will run,
 * or the handler has SA_RESTART) rather than fail? */
bool lu_signal_restart_ok(LuProcess *p);
/* Some guest signal is pending and unblocked (blocking host calls give up on EINTR). */
bool lu_signal_waiting(void);
/* The guest's fault, as Linux reports it: sig (0 if none) and si_code. */
int lu_signal_for_exception(LuProcess *p, const CpuException *e, int *code, uint64_t *addr);
/* Byte offsets of the frame signal.c writes (for tests): siginfo,
 * ucontext, uc_mcontext (struct sigcontext), fpsimd_context, total size. */
typedef struct LuFrameLayout {
    unsigned info, uc, mcontext, fpsimd, end_marker, size;
} LuFrameLayout;
void lu_signal_frame_layout(LuFrameLayout *l);

/* Threads (thread.c). */
void lu_threads_init(LuProcess *p);
/* The clone() of a thread (CLONE_VM|CLONE_THREAD|...): the child's tid or -errno. */
int64_t lu_thread_clone(LuProcess *p, const uint64_t a[6]);
/* exit() of the running thread: CLEARTID and its futex wake; true if it
 * was the last thread (the process ends with `status`). */
bool lu_thread_exit(LuProcess *p, int status);
int64_t lu_futex(LuProcess *p, const uint64_t a[6]);
/* Park the running thread until `deadline` (CLOCK_MONOTONIC ns). */
int64_t lu_thread_sleep(LuProcess *p, int64_t deadline);
/* rt_sigsuspend with other threads running: park until a signal in ~mask. */
int64_t lu_thread_sigsuspend(LuProcess *p, uint64_t mask);
LuThread *lu_thread_find(LuProcess *p, int32_t tid);
/* lu_syscall(), except that with other threads running a read or write
 * that would wait on the host parks the running thread (state LU_T_IO):
 * the caller points the PC back at the SVC, so the call runs again once
 * the fd is ready (after a signal's handler too). */
int64_t lu_thread_syscall(LuProcess *p, uint64_t nr, const uint64_t a[6]);
/* Queue `sig` for thread t (tgkill), as lu_signal_raise does for the running one. */
void lu_thread_raise(LuProcess *p, LuThread *t, int sig, int code);
/* After fork(): the child has only the calling thread. */
void lu_threads_after_fork(LuProcess *p);
/* Choose the thread to run next and make it current (waking threads whose
 * wait ended, sleeping on the host while nobody can run). false: every
 * thread waits forever (a deadlock), reported on p->log; *end says how
 * the process ends. */
bool lu_sched(LuProcess *p, LuEnd *end);
int64_t lu_now_ns(void);
/* Mirror the running thread's mask to the host (signal.c). */
void lu_signal_mirror_mask(LuProcess *p);
/* Instructions retired by every thread. */
uint64_t lu_icount(const LuProcess *p);

/* Run until the guest exits or dies. */
void lu_run(LuProcess *p, Cpu *cpu, LuEnd *end);
/* Report a signal death on stderr and end the emulator by the same signal,
 * so the parent sees what it would see for a native process. */
_Noreturn void lu_die_by_signal(const LuEnd *end);

#endif
