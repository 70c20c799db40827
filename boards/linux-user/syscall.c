/* Linux syscall dispatch for armature-user: arm64 numbers, -strace, process-info calls. */
#define _GNU_SOURCE /* gettid(), utsname.domainname */
#include "linux_user.h"
#include "syscall_nr.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

/* arm64 uses the asm-generic syscall numbers (syscall_nr.h). The host is
 * Linux too, and x86-64 shares the asm-generic errno and signal values, so
 * host errnos are returned to the guest as they are. */
/* How -strace prints each call. Argument kinds: d = signed int,
 * u = unsigned, x = hex, p = pointer, s = guest string. */
typedef struct SysInfo {
    unsigned nr;
    const char *name;
    const char *args;
    bool hex_result;
} SysInfo;

static const SysInfo sys_table[] = {
    {NR_getcwd, "getcwd", "pu", false},
    {NR_dup, "dup", "d", false},
    {NR_dup3, "dup3", "ddx", false},
    {NR_fcntl, "fcntl", "ddx", false},
    {NR_ioctl, "ioctl", "dxx", false},
    {NR_mkdirat, "mkdirat", "dso", false},
    {NR_unlinkat, "unlinkat", "dsx", false},
    {NR_symlinkat, "symlinkat", "sds", false},
    {NR_linkat, "linkat", "dsdsx", false},
    {NR_renameat, "renameat", "dsds", false},
    {NR_truncate, "truncate", "sd", false},
    {NR_statfs, "statfs", "sp", false},
    {NR_fstatfs, "fstatfs", "dp", false},
    {NR_futex, "futex", "pxdpp", false},
    {NR_getxattr, "getxattr", "sspu", false},
    {NR_lgetxattr, "lgetxattr", "sspu", false},
    {NR_fgetxattr, "fgetxattr", "dspu", false},
    {NR_listxattr, "listxattr", "spu", false},
    {NR_llistxattr, "llistxattr", "spu", false},
    {NR_flistxattr, "flistxattr", "dpu", false},
    {NR_socket, "socket", "ddd", false},
    {NR_connect, "connect", "dpd", false},
    {NR_fadvise64, "fadvise64", "dddd", false},
    {NR_copy_file_range, "copy_file_range", "dpdpux", false},
    {NR_ftruncate, "ftruncate", "dd", false},
    {NR_fallocate, "fallocate", "dxdd", false},
    {NR_faccessat, "faccessat", "dso", false},
    {NR_faccessat2, "faccessat2", "dsox", false},
    {NR_chdir, "chdir", "s", false},
    {NR_fchdir, "fchdir", "d", false},
    {NR_fchmod, "fchmod", "do", false},
    {NR_fchmodat, "fchmodat", "dso", false},
    {NR_fchownat, "fchownat", "dsddx", false},
    {NR_fchown, "fchown", "ddd", false},
    {NR_openat, "openat", "dsxo", false},
    {NR_close, "close", "d", false},
    {NR_close_range, "close_range", "uux", false},
    {NR_pipe2, "pipe2", "px", false},
    {NR_getdents64, "getdents64", "dpu", false},
    {NR_lseek, "lseek", "ddd", false},
    {NR_read, "read", "dpu", false},
    {NR_write, "write", "dpu", false},
    {NR_readv, "readv", "dpd", false},
    {NR_writev, "writev", "dpd", false},
    {NR_pread64, "pread64", "dpud", false},
    {NR_pwrite64, "pwrite64", "dpud", false},
    {NR_sendfile, "sendfile", "ddpu", false},
    {NR_readlinkat, "readlinkat", "dspu", false},
    {NR_newfstatat, "newfstatat", "dspx", false},
    {NR_fstat, "fstat", "dp", false},
    {NR_sync, "sync", "", false},
    {NR_fsync, "fsync", "d", false},
    {NR_fdatasync, "fdatasync", "d", false},
    {NR_utimensat, "utimensat", "dspx", false},
    {NR_exit, "exit", "d", false},
    {NR_exit_group, "exit_group", "d", false},
    {NR_waitid, "waitid", "ddpxp", false},
    {NR_set_tid_address, "set_tid_address", "p", false},
    {NR_set_robust_list, "set_robust_list", "pu", false},
    {NR_nanosleep, "nanosleep", "pp", false},
    {NR_clock_gettime, "clock_gettime", "dp", false},
    {NR_clock_getres, "clock_getres", "dp", false},
    {NR_clock_nanosleep, "clock_nanosleep", "dxpp", false},
    {NR_sched_getaffinity, "sched_getaffinity", "dup", false},
    {NR_sched_yield, "sched_yield", "", false},
    {NR_kill, "kill", "dd", false},
    {NR_tkill, "tkill", "dd", false},
    {NR_tgkill, "tgkill", "ddd", false},
    {NR_sigaltstack, "sigaltstack", "pp", false},
    {NR_rt_sigsuspend, "rt_sigsuspend", "pu", false},
    {NR_rt_sigaction, "rt_sigaction", "dppu", false},
    {NR_rt_sigprocmask, "rt_sigprocmask", "dppu", false},
    {NR_rt_sigpending, "rt_sigpending", "pu", false},
    {NR_rt_sigreturn, "rt_sigreturn", "", false},
    {NR_getpriority, "getpriority", "dd", false},
    {NR_setgid, "setgid", "d", false},
    {NR_setuid, "setuid", "d", false},
    {NR_getresuid, "getresuid", "ppp", false},
    {NR_getresgid, "getresgid", "ppp", false},
    {NR_times, "times", "p", false},
    {NR_setpgid, "setpgid", "dd", false},
    {NR_getpgid, "getpgid", "d", false},
    {NR_getsid, "getsid", "d", false},
    {NR_setsid, "setsid", "", false},
    {NR_getgroups, "getgroups", "dp", false},
    {NR_uname, "uname", "p", false},
    {NR_getrlimit, "getrlimit", "dp", false},
    {NR_setrlimit, "setrlimit", "dp", false},
    {NR_getrusage, "getrusage", "dp", false},
    {NR_umask, "umask", "o", false},
    {NR_prctl, "prctl", "dxxxx", false},
    {NR_gettimeofday, "gettimeofday", "pp", false},
    {NR_getpid, "getpid", "", false},
    {NR_getppid, "getppid", "", false},
    {NR_getuid, "getuid", "", false},
    {NR_geteuid, "geteuid", "", false},
    {NR_getgid, "getgid", "", false},
    {NR_getegid, "getegid", "", false},
    {NR_gettid, "gettid", "", false},
    {NR_sysinfo, "sysinfo", "p", false},
    {NR_brk, "brk", "p", true},
    {NR_munmap, "munmap", "pu", false},
    {NR_mremap, "mremap", "puuxp", true},
    {NR_clone, "clone", "xppxp", false},
    {NR_execve, "execve", "spp", false},
    {NR_mmap, "mmap", "puxxdx", true},
    {NR_mprotect, "mprotect", "pux", false},
    {NR_madvise, "madvise", "pud", false},
    {NR_wait4, "wait4", "dpxp", false},
    {NR_prlimit64, "prlimit64", "ddpp", false},
    {NR_renameat2, "renameat2", "dsdsx", false},
    {NR_getrandom, "getrandom", "pux", false},
    {NR_statx, "statx", "dsxxp", false},
    {NR_rseq, "rseq", "puxx", false},
    {NR_clone3, "clone3", "pu", false},
};

static const SysInfo *sys_info(uint64_t nr)
{
    for (size_t i = 0; i < sizeof(sys_table) / sizeof(sys_table[0]); i++)
        if (sys_table[i].nr == nr)
            return &sys_table[i];
    return NULL;
}

void lu_process_init(LuProcess *p, GuestMem *m, const LuImage *img)
{
    *p = (LuProcess){
        .mem = m,
        .brk_start = img->brk,
        .brk_cur = img->brk,
        .mmap_base = LU_MMAP_BASE,
        .log = stderr,
    };
    lu_signals_init(p);
    lu_threads_init(p);
}

/* splitmix64: a seeded, reproducible stream for -seed runs. */
static uint64_t sys_next_random(LuProcess *p)
{
    uint64_t z = (p->rng += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

void lu_random_fill(LuProcess *p, void *buf, size_t len)
{
    uint8_t *b = buf;
    if (!p->seeded) {
        while (len) {
            ssize_t r = getrandom(b, len, 0);
            if (r <= 0) {
                p->seeded = true; /* no host entropy: fall back to the stream */
                break;
            }
            b += r;
            len -= (size_t)r;
        }
    }
    for (size_t i = 0; i < len; i++) {
        b[i] = (uint8_t)(sys_next_random(p) >> 56);
    }
}

static int64_t sys_uname(LuProcess *p, uint64_t addr)
{
    /* struct new_utsname: six 65-byte strings. */
    enum { FIELD = 65 };
    char u[6][FIELD];
    struct utsname h;
    memset(u, 0, sizeof(u));
    if (uname(&h) != 0)
        memset(&h, 0, sizeof(h));
    const char *src[6] = {"Linux", h.nodename, h.release, h.version, "aarch64", h.domainname};
    for (int i = 0; i < 6; i++)
        strncpy(u[i], src[i], FIELD - 1);
    if (!guest_mem_is_mapped(p->mem, addr, sizeof(u), GUEST_PROT_WRITE) ||
        !guest_mem_copy_in(p->mem, addr, u, sizeof(u)))
        return -EFAULT;
    return 0;
}

static int64_t sys_clock_gettime(LuProcess *p, uint64_t clk, uint64_t addr)
{
    struct timespec ts;
    int32_t id = (int32_t)clk;
    /* Only the fixed clocks; negative ids name other processes' CPU clocks. */
    if (id < 0 || id > 11)
        return -EINVAL;
    if (clock_gettime((clockid_t)id, &ts) != 0)
        return -errno;
    int64_t out[2] = {(int64_t)ts.tv_sec, (int64_t)ts.tv_nsec};
    if (!guest_mem_is_mapped(p->mem, addr, sizeof(out), GUEST_PROT_WRITE) ||
        !guest_mem_copy_in(p->mem, addr, out, sizeof(out)))
        return -EFAULT;
    return 0;
}

static int64_t sys_getrandom(LuProcess *p, uint64_t addr, uint64_t len)
{
    uint8_t buf[256];
    if (len > 33554431) /* Linux returns at most 32 MiB - 1 per call */
        len = 33554431;
    if (!guest_mem_is_mapped(p->mem, addr, len, GUEST_PROT_WRITE))
        return -EFAULT;
    for (uint64_t done = 0; done < len;) {
        size_t n = len - done < sizeof(buf) ? (size_t)(len - done) : sizeof(buf);
        lu_random_fill(p, buf, n);
        guest_mem_copy_in(p->mem, addr + done, buf, n);
        done += n;
    }
    return (int64_t)len;
}

static void sys_report_unimp(LuProcess *p, uint64_t nr)
{
    if (nr < LU_UNIMP_TRACKED && !p->unimp_every) {
        uint8_t bit = (uint8_t)(1u << (nr % 8));
        if (p->unimp_seen[nr / 8] & bit)
            return;
        p->unimp_seen[nr / 8] |= bit;
    }
    fprintf(p->log, "armature-user: unsupported syscall %llu\n", (unsigned long long)nr);
    fflush(p->log);
}

/* Sets *unsupported instead of reporting, so the report never lands in
 * the middle of a -strace line. */
static int64_t sys_dispatch(LuProcess *p, uint64_t nr, const uint64_t a[6], bool *unsupported)
{
    int64_t r;
    if (lu_fs_dispatch(p, nr, a, &r) || lu_proc_dispatch(p, nr, a, &r) ||
        lu_sig_dispatch(p, nr, a, &r))
        return r;
    switch (nr) {
    case NR_read:
        return lu_sys_read(p, a);
    case NR_write:
        return lu_sys_write(p, a);
    case NR_writev:
        return lu_sys_writev(p, a);
    case NR_readv:
        return lu_sys_readv(p, a, false);
    case NR_pread64:
        return lu_sys_pread64(p, a);
    case NR_pwrite64:
        return lu_sys_pwrite64(p, a);
    case NR_sendfile:
        return lu_sys_sendfile(p, a);
    case NR_mremap:
        return lu_sys_mremap(p, a);
    case NR_madvise:
        return lu_sys_madvise(p, a);
    case NR_fstat:
        return lu_sys_fstat(p, a);
    case NR_newfstatat:
        return lu_sys_newfstatat(p, a);
    case NR_exit:
        /* This thread ends; the last one to end takes the process with it. */
        return lu_thread_exit(p, (int)(a[0] & 0xff)) ? 0 : LU_BLOCKED;
    case NR_exit_group:
        p->exited = true;
        p->exit_status = (int)(a[0] & 0xff);
        return 0;
    case NR_set_tid_address:
        p->cur->clear_child_tid = a[0];
        return p->cur->tid;
    case NR_set_robust_list:
        /* Walked when the thread exits (thread.c): robust mutexes it still
         * holds are marked FUTEX_OWNER_DIED and a waiter is woken. */
        if (a[1] != 24)
            return -EINVAL;
        p->cur->robust_list = a[0];
        return 0;
    case NR_clone3:
        /* As on a kernel before 5.3: glibc falls back to clone. */
        return -ENOSYS;
    case NR_rseq:
        /* As on a kernel without CONFIG_RSEQ; libc copes silently. */
        return -ENOSYS;
    case NR_clock_gettime:
        return sys_clock_gettime(p, a[0], a[1]);
    case NR_uname:
        return sys_uname(p, a[0]);
    case NR_getpid:
        return getpid();
    case NR_getppid:
        return getppid();
    case NR_gettid:
        return p->cur->tid;
    case NR_getuid:
        return getuid();
    case NR_geteuid:
        return geteuid();
    case NR_getgid:
        return getgid();
    case NR_getegid:
        return getegid();
    case NR_brk:
        return lu_sys_brk(p, a[0]);
    case NR_mmap:
        return lu_sys_mmap(p, a);
    case NR_munmap:
        return lu_sys_munmap(p, a[0], a[1]);
    case NR_mprotect:
        return lu_sys_mprotect(p, a[0], a[1], a[2]);
    case NR_getrandom:
        return sys_getrandom(p, a[0], a[1]);
    }
    *unsupported = true;
    return -ENOSYS;
}

static void sys_print_string(LuProcess *p, uint64_t addr)
{
    char c;
    fputc('"', p->log);
    for (int i = 0; i < 64; i++) {
        if (!guest_mem_copy_out(p->mem, &c, addr + (uint64_t)i, 1)) {
            fputs("<bad>", p->log);
            break;
        }
        if (!c) {
            fputc('"', p->log);
            return;
        }
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
            fputc(c, p->log);
        else
            fprintf(p->log, "\\%03o", (unsigned char)c);
    }
    fputs("\"...", p->log);
}

static void sys_trace_call(LuProcess *p, uint64_t nr, const SysInfo *si, const uint64_t a[6])
{
    fprintf(p->log, "%d ", (int)p->cur->tid);
    if (!si) {
        fprintf(p->log, "syscall_%llu(0x%llx,0x%llx,0x%llx,0x%llx,0x%llx,0x%llx)",
                (unsigned long long)nr, (unsigned long long)a[0], (unsigned long long)a[1],
                (unsigned long long)a[2], (unsigned long long)a[3], (unsigned long long)a[4],
                (unsigned long long)a[5]);
    } else {
        fprintf(p->log, "%s(", si->name);
        for (int i = 0; si->args[i]; i++) {
            if (i)
                fputc(',', p->log);
            unsigned long long v = a[i];
            switch (si->args[i]) {
            case 'd':
                fprintf(p->log, "%d", (int)(int32_t)v);
                break;
            case 'u':
                fprintf(p->log, "%llu", v);
                break;
            case 'o':
                fprintf(p->log, "0%llo", v);
                break;
            case 's':
                sys_print_string(p, v);
                break;
            case 'p':
                if (!v) {
                    fputs("NULL", p->log);
                    break;
                }
                /* fall through */
            default:
                fprintf(p->log, "0x%llx", v);
                break;
            }
        }
        fputc(')', p->log);
    }
    fflush(p->log); /* the call shows before any output it makes */
}

static void sys_trace_result(LuProcess *p, const SysInfo *si, int64_t r)
{
    if (p->cur->state == LU_T_DEAD)
        fputc('\n', p->log); /* exit of one thread: no result, as for exit_group */
    else if (p->cur->state != LU_T_RUN)
        fputs(" = (the thread waits)\n", p->log);
    else if (r < 0 && r >= -4095)
        fprintf(p->log, " = -1 errno=%d (%s)\n", (int)-r, strerror((int)-r));
    else if (si && si->hex_result)
        fprintf(p->log, " = 0x%llx\n", (unsigned long long)r);
    else
        fprintf(p->log, " = %lld\n", (long long)r);
    fflush(p->log);
}

int64_t lu_syscall(LuProcess *p, uint64_t nr, const uint64_t args[6])
{
    bool unsupported = false;
    int64_t r;
    if (!p->strace) {
        r = sys_dispatch(p, nr, args, &unsupported);
    } else {
        const SysInfo *si = sys_info(nr);
        sys_trace_call(p, nr, si, args);
        r = sys_dispatch(p, nr, args, &unsupported);
        if (p->exited) {
            fputc('\n', p->log);
            fflush(p->log);
        } else {
            sys_trace_result(p, si, r);
        }
    }
    if (unsupported)
        sys_report_unimp(p, nr);
    return r;
}
