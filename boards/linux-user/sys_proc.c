/* Process, identity, time and resource syscalls for armature-user, with fork and execve.
 *
 * fork (clone without CLONE_VM, and vfork, whose child only runs until it
 * calls execve or _exit) is the host's fork(): the child is a copy of the
 * whole emulator with its guest memory. execve of a guest program starts
 * armature-user again on it, with the same -cpu and -L. Threads (CLONE_VM
 * without CLONE_VFORK) are guest threads scheduled by armature-user itself
 * (thread.c). */
#define _GNU_SOURCE
#include "linux_user.h"
#include "syscall_nr.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define L_CLONE_VM 0x100ull
#define L_CLONE_VFORK 0x4000ull
#define L_CLONE_SETTLS 0x80000ull
#define L_CLONE_PARENT_SETTID 0x100000ull
#define L_CLONE_CHILD_CLEARTID 0x200000ull
#define L_CLONE_CHILD_SETTID 0x1000000ull
#define L_CLONE_THREAD 0x10000ull

static int64_t ret_errno(long r)
{
    return r < 0 ? -errno : r;
}

static int64_t pr_put_timespec(LuProcess *p, uint64_t addr, const struct timespec *ts)
{
    int64_t v[2] = {(int64_t)ts->tv_sec, (int64_t)ts->tv_nsec};
    return lu_copy_to(p, addr, v, sizeof(v));
}

static int64_t pr_get_timespec(LuProcess *p, uint64_t addr, struct timespec *ts)
{
    int64_t v[2];
    int64_t e = lu_copy_from(p, v, addr, sizeof(v));
    if (e)
        return e;
    if (v[0] < 0 || v[1] < 0 || v[1] >= 1000000000)
        return -EINVAL;
    ts->tv_sec = (time_t)v[0];
    ts->tv_nsec = (long)v[1];
    return 0;
}

static bool pr_clock_ok(uint64_t clk)
{
    int32_t id = (int32_t)clk;
    return id >= 0 && id <= 11; /* negative ids name other processes' CPU clocks */
}

static int64_t pr_clock_nanosleep(LuProcess *p, int clk, int flags, uint64_t req, uint64_t rem)
{
    struct timespec t, left;
    int64_t e = pr_get_timespec(p, req, &t);
    if (e)
        return e;
    if (p->nthreads > 1) {
        /* Other threads run meanwhile: the scheduler keeps the time (thread.c). */
        int64_t ns = (int64_t)t.tv_sec * 1000000000 + t.tv_nsec, now = lu_now_ns();
        if (flags & TIMER_ABSTIME) {
            struct timespec c;
            clock_gettime((clockid_t)clk, &c);
            ns -= (int64_t)c.tv_sec * 1000000000 + c.tv_nsec;
        }
        return lu_thread_sleep(p, now + (ns > 0 ? ns : 0));
    }
    int r = clock_nanosleep((clockid_t)clk, flags, &t, &left);
    if (r == EINTR && rem && !(flags & TIMER_ABSTIME))
        pr_put_timespec(p, rem, &left);
    return -r;
}

static int64_t pr_struct_out(LuProcess *p, uint64_t addr, const void *v, size_t n, int r)
{
    if (r < 0)
        return -errno;
    return lu_copy_to(p, addr, v, n);
}

/* clone() as fork: the host forks the emulator (see the file comment). */
static int64_t pr_clone(LuProcess *p, const uint64_t a[6])
{
    uint64_t flags = a[0], newsp = a[1], ptid = a[2], tls = a[3], ctid = a[4];
    if ((flags & L_CLONE_VM) && !(flags & L_CLONE_VFORK))
        return lu_thread_clone(p, a);
    if (flags & L_CLONE_THREAD)
        return -EINVAL;
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        return -errno;
    if (pid == 0) {
        int32_t tid = (int32_t)getpid();
        lu_threads_after_fork(p);
        if (newsp)
            cpu_set_sp(p->cpu, newsp);
        if (flags & L_CLONE_SETTLS)
            cpu_set_tpidr_el0(p->cpu, tls);
        if (flags & L_CLONE_CHILD_SETTID)
            lu_copy_to(p, ctid, &tid, 4);
        if (flags & L_CLONE_CHILD_CLEARTID)
            p->cur->clear_child_tid = ctid;
        if (flags & L_CLONE_PARENT_SETTID)
            lu_copy_to(p, ptid, &tid, 4);
        return 0;
    }
    int32_t t = (int32_t)pid;
    if (flags & L_CLONE_PARENT_SETTID)
        lu_copy_to(p, ptid, &t, 4);
    /* vfork: the parent need not wait for the child's execve, since the
     * child has its own copy of memory; both simply run. */
    return pid;
}

#define EXEC_MAX_ARGS 8192

static int64_t pr_get_strv(LuProcess *p, uint64_t addr, char ***out, int *count)
{
    char **v = calloc(EXEC_MAX_ARGS + 1, sizeof(char *));
    int n = 0;
    if (!v)
        abort();
    *out = v;
    *count = 0;
    if (!addr)
        return 0;
    for (;; n++) {
        uint64_t ptr;
        if (n == EXEC_MAX_ARGS)
            return -E2BIG;
        if (lu_copy_from(p, &ptr, addr + 8 * (uint64_t)n, 8) != 0)
            return -EFAULT;
        if (!ptr)
            break;
        char *s = malloc(131072);
        if (!s)
            abort();
        v[n] = s;
        *count = n + 1;
        int64_t e = lu_get_string(p, ptr, s, 131072);
        if (e)
            return e == -ENAMETOOLONG ? -E2BIG : e;
    }
    return 0;
}

static void pr_free_strv(char **v, int n)
{
    for (int i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* execve: check what the kernel would check, then become armature-user
 * running the new program. A "#!" script runs its interpreter, as binfmt_script does. */
static int64_t pr_execve(LuProcess *p, const uint64_t a[6])
{
    char path[4096], alt[4096], interp_line[256];
    const char *host;
    char **argv = NULL, **envp = NULL;
    int argc = 0, envc = 0;
    int64_t e = lu_fs_path(p, a[0], path, alt, &host);
    if (e)
        return e;
    if ((e = pr_get_strv(p, a[1], &argv, &argc)) != 0 ||
        (e = pr_get_strv(p, a[2], &envp, &envc)) != 0)
        goto out;
    if (access(host, X_OK) != 0) {
        e = -errno;
        goto out;
    }
    int fd = open(host, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        e = -errno;
        goto out;
    }
    ssize_t n = read(fd, interp_line, sizeof(interp_line) - 1);
    close(fd);
    if (n < 0) {
        e = -errno;
        goto out;
    }
    interp_line[n] = 0;
    /* Build: self -cpu C [-L R] [-strace] -0 argv0 prog args... */
    char **hv = calloc((size_t)argc + 16, sizeof(char *));
    int k = 0;
    if (!hv)
        abort();
    hv[k++] = "armature-user";
    hv[k++] = "-cpu";
    hv[k++] = (char *)(p->cpu_name ? p->cpu_name : "max");
    if (p->sysroot) {
        hv[k++] = "-L";
        hv[k++] = (char *)p->sysroot;
    }
    if (p->strace)
        hv[k++] = "-strace";
    if (n >= 2 && interp_line[0] == '#' && interp_line[1] == '!') {
        char *nl = strchr(interp_line, '\n');
        if (!nl) {
            e = -ENOEXEC;
            free(hv);
            goto out;
        }
        *nl = 0;
        char *s = interp_line + 2;
        while (*s == ' ' || *s == '\t')
            s++;
        char *arg = s + strcspn(s, " \t");
        if (*arg) {
            *arg++ = 0;
            while (*arg == ' ' || *arg == '\t')
                arg++;
        }
        hv[k++] = "-0";
        hv[k++] = s;
        hv[k++] = s;
        if (*arg)
            hv[k++] = arg;
        hv[k++] = path; /* the script, as the guest named it */
    } else {
        hv[k++] = "-0";
        hv[k++] = argc ? argv[0] : path;
        hv[k++] = (char *)host;
    }
    for (int i = 1; i < argc; i++)
        hv[k++] = argv[i];
    hv[k] = NULL;
    fflush(NULL);
    /* Host signal state the guest set up is already the host's (signal.c). */
    execve("/proc/self/exe", hv, envp);
    e = -errno;
    free(hv);
out:
    pr_free_strv(argv, argc);
    pr_free_strv(envp, envc);
    return e;
}

static int64_t pr_wait4(LuProcess *p, const uint64_t a[6])
{
    int st = 0;
    struct rusage ru;
    if (a[1] && !guest_mem_is_mapped(p->mem, a[1], 4, GUEST_PROT_WRITE))
        return -EFAULT;
    pid_t r = wait4((pid_t)a[0], a[1] ? &st : NULL, (int)a[2], a[3] ? &ru : NULL);
    if (r < 0)
        return -errno;
    if (r > 0 && a[1])
        lu_copy_to(p, a[1], &st, 4);
    if (r > 0 && a[3] && lu_copy_to(p, a[3], &ru, sizeof(ru)) != 0)
        return -EFAULT;
    return r;
}

static int64_t pr_waitid(LuProcess *p, const uint64_t a[6])
{
    siginfo_t si;
    struct rusage ru;
    memset(&si, 0, sizeof(si));
    long r = syscall(SYS_waitid, (int)a[0], (pid_t)a[1], a[2] ? &si : NULL, (int)a[3],
                     a[4] ? &ru : NULL);
    if (r < 0)
        return -errno;
    if (a[2] && lu_copy_to(p, a[2], &si, 128) != 0)
        return -EFAULT;
    if (a[4] && lu_copy_to(p, a[4], &ru, sizeof(ru)) != 0)
        return -EFAULT;
    return 0;
}

static int64_t pr_rlimit(LuProcess *p, int res, uint64_t newp, uint64_t oldp)
{
    struct rlimit rl;
    uint64_t v[2];
    if (newp && lu_copy_from(p, v, newp, sizeof(v)) != 0)
        return -EFAULT;
    if (oldp) {
        if (getrlimit(res, &rl) != 0)
            return -errno;
        v[0] = rl.rlim_cur;
        v[1] = rl.rlim_max;
        if (res == RLIMIT_STACK)
            v[0] = v[1] = LU_STACK_SIZE; /* the guest stack is ours, not the host's */
        if (lu_copy_to(p, oldp, v, sizeof(v)) != 0)
            return -EFAULT;
    }
    if (newp) {
        if (lu_copy_from(p, v, newp, sizeof(v)) != 0)
            return -EFAULT;
        /* Limits the emulator itself lives by are not the guest's to change. */
        if (res == RLIMIT_STACK || res == RLIMIT_AS || res == RLIMIT_DATA)
            return 0;
        rl.rlim_cur = v[0];
        rl.rlim_max = v[1];
        if (setrlimit(res, &rl) != 0)
            return -errno;
    }
    return 0;
}

bool lu_proc_dispatch(LuProcess *p, uint64_t nr, const uint64_t a[6], int64_t *r)
{
    struct timespec ts;
    switch (nr) {
    case NR_clock_getres:
        if (!pr_clock_ok(a[0])) {
            *r = -EINVAL;
        } else if (clock_getres((clockid_t)a[0], &ts) != 0) {
            *r = -errno;
        } else {
            *r = a[1] ? pr_put_timespec(p, a[1], &ts) : 0;
        }
        return true;
    case NR_gettimeofday: {
        clock_gettime(CLOCK_REALTIME, &ts);
        int64_t tv[2] = {(int64_t)ts.tv_sec, (int64_t)(ts.tv_nsec / 1000)};
        *r = a[0] ? lu_copy_to(p, a[0], tv, sizeof(tv)) : 0;
        if (!*r && a[1]) {
            int32_t tz[2] = {0, 0};
            *r = lu_copy_to(p, a[1], tz, sizeof(tz));
        }
        return true;
    }
    case NR_nanosleep:
        *r = pr_clock_nanosleep(p, CLOCK_MONOTONIC, 0, a[0], a[1]);
        return true;
    case NR_clock_nanosleep:
        *r = pr_clock_ok(a[0]) ? pr_clock_nanosleep(p, (int)a[0], (int)a[1], a[2], a[3]) : -EINVAL;
        return true;
    case NR_sched_yield:
        p->resched = p->nthreads > 1; /* the next guest thread's turn */
        *r = p->resched ? 0 : ret_errno(sched_yield());
        return true;
    case NR_sched_getaffinity: {
        uint8_t mask[128];
        long n = syscall(SYS_sched_getaffinity, (pid_t)a[0], a[1] < sizeof(mask) ? a[1] : sizeof(mask), mask);
        *r = n < 0 ? -errno : lu_copy_to(p, a[2], mask, (size_t)n);
        if (*r == 0)
            *r = n;
        return true;
    }
    case NR_getrusage: {
        struct rusage ru; /* same 144-byte layout on both 64-bit ABIs */
        *r = pr_struct_out(p, a[1], &ru, sizeof(ru), getrusage((int)a[0], &ru));
        return true;
    }
    case NR_sysinfo: {
        struct sysinfo si; /* same 112-byte layout on both 64-bit ABIs */
        *r = pr_struct_out(p, a[0], &si, sizeof(si), sysinfo(&si));
        return true;
    }
    case NR_times: {
        struct tms t;
        clock_t c = times(&t);
        *r = a[0] ? lu_copy_to(p, a[0], &t, sizeof(t)) : 0;
        if (!*r)
            *r = (int64_t)c;
        return true;
    }
    case NR_getrlimit:
        *r = pr_rlimit(p, (int)a[0], 0, a[1]);
        return true;
    case NR_setrlimit:
        *r = pr_rlimit(p, (int)a[0], a[1], 0);
        return true;
    case NR_prlimit64:
        if ((int32_t)a[0] != 0 && (int32_t)a[0] != getpid())
            *r = -ESRCH;
        else
            *r = pr_rlimit(p, (int)a[1], a[2], a[3]);
        return true;
    case NR_getgroups: {
        gid_t g[256];
        int n = getgroups(a[0] ? (int)(a[0] < 256 ? a[0] : 256) : 0, a[0] ? g : NULL);
        if (n < 0)
            *r = -errno;
        else
            *r = a[0] ? (lu_copy_to(p, a[1], g, (size_t)n * 4) ?: n) : n;
        return true;
    }
    case NR_getresuid:
    case NR_getresgid: {
        uint32_t v[3];
        if (nr == NR_getresuid)
            getresuid(&v[0], &v[1], &v[2]);
        else
            getresgid(&v[0], &v[1], &v[2]);
        *r = lu_copy_to(p, a[0], &v[0], 4) ?: lu_copy_to(p, a[1], &v[1], 4) ?: lu_copy_to(p, a[2], &v[2], 4);
        return true;
    }
    case NR_setuid:
        *r = ret_errno(syscall(SYS_setuid, (uid_t)a[0]));
        return true;
    case NR_setgid:
        *r = ret_errno(syscall(SYS_setgid, (gid_t)a[0]));
        return true;
    case NR_setpgid:
        *r = ret_errno(setpgid((pid_t)a[0], (pid_t)a[1]));
        return true;
    case NR_getpgid:
        *r = ret_errno(getpgid((pid_t)a[0]));
        return true;
    case NR_getsid:
        *r = ret_errno(getsid((pid_t)a[0]));
        return true;
    case NR_setsid:
        *r = ret_errno(setsid());
        return true;
    case NR_getpriority:
        /* the raw syscall returns 20 - nice */
        *r = ret_errno(syscall(SYS_getpriority, (int)a[0], (id_t)a[1]));
        return true;
    case NR_prctl:
        switch (a[0]) {
        case PR_SET_NAME:
        case PR_GET_NAME: {
            char name[16];
            if (a[0] == PR_GET_NAME) {
                *r = prctl(PR_GET_NAME, name) ? -errno : lu_copy_to(p, a[1], name, 16);
            } else {
                *r = lu_copy_from(p, name, a[1], 16);
                name[15] = 0;
                if (!*r)
                    *r = ret_errno(prctl(PR_SET_NAME, name));
            }
            return true;
        }
        case PR_SET_PDEATHSIG:
        case PR_SET_DUMPABLE:
        case PR_GET_DUMPABLE:
            *r = ret_errno(prctl((int)a[0], a[1], 0, 0, 0));
            return true;
        }
        *r = -EINVAL;
        return true;
    case NR_futex:
        *r = lu_futex(p, a);
        return true;
    case NR_clone:
        *r = pr_clone(p, a);
        return true;
    case NR_execve:
        *r = pr_execve(p, a);
        return true;
    case NR_wait4:
        *r = pr_wait4(p, a);
        return true;
    case NR_waitid:
        *r = pr_waitid(p, a);
        return true;
    }
    return false;
}
