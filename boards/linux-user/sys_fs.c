/* File and directory syscalls for armature-user: paths, descriptors, fcntl, terminal ioctls.
 *
 * Guest file descriptors are host file descriptors: openat() hands the
 * guest what the host kernel returned, and every later call passes the
 * number straight through. The emulator itself keeps no descriptors open
 * while the guest runs (the ELF loader closes its files; diagnostics go to
 * stderr, which the guest shares as it would share a terminal), so the two
 * cannot collide, and inheritance across fork/execve is the kernel's own. */
#define _GNU_SOURCE /* renameat2, O_DIRECT, statx */
#include "linux_user.h"
#include "syscall_nr.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include <sys/statfs.h>
#include <sys/xattr.h>
#include <sys/syscall.h>
#include <unistd.h>

#define L_PATH_MAX 4096

/* Open flags that differ between arm64 (arch/arm64/include/uapi/asm/fcntl.h)
 * and the generic values the x86-64 kernel uses; the rest are equal. */
#define G_O_DIRECTORY 040000
#define G_O_NOFOLLOW 0100000
#define G_O_DIRECT 0200000
#define G_O_LARGEFILE 0400000
#define G_O_ARCH (G_O_DIRECTORY | G_O_NOFOLLOW | G_O_DIRECT | G_O_LARGEFILE)
#if defined(__x86_64__)
#define H_O_DIRECT 040000
#define H_O_LARGEFILE 0100000
#define H_O_DIRECTORY 0200000
#define H_O_NOFOLLOW 0400000
#elif defined(__aarch64__)
#define H_O_DIRECTORY G_O_DIRECTORY
#define H_O_NOFOLLOW G_O_NOFOLLOW
#define H_O_DIRECT G_O_DIRECT
#define H_O_LARGEFILE G_O_LARGEFILE
#else
#error "open flag translation: add this host's kernel values"
#endif
#define H_O_ARCH (H_O_DIRECTORY | H_O_NOFOLLOW | H_O_DIRECT | H_O_LARGEFILE)

int lu_open_flags_to_host(uint64_t g)
{
    int h = (int)(g & ~(uint64_t)G_O_ARCH & 0xffffffffu);
    h |= g & G_O_DIRECTORY ? H_O_DIRECTORY : 0;
    h |= g & G_O_NOFOLLOW ? H_O_NOFOLLOW : 0;
    h |= g & G_O_DIRECT ? H_O_DIRECT : 0;
    /* O_LARGEFILE is implied for a 64-bit process on both sides. */
    return h;
}

uint64_t lu_open_flags_to_guest(int h)
{
    uint64_t g = (uint64_t)(unsigned)(h & ~H_O_ARCH);
    g |= h & H_O_DIRECTORY ? G_O_DIRECTORY : 0;
    g |= h & H_O_NOFOLLOW ? G_O_NOFOLLOW : 0;
    g |= h & H_O_DIRECT ? G_O_DIRECT : 0;
    g |= h & H_O_LARGEFILE ? G_O_LARGEFILE : 0;
    return g;
}

static int64_t ret_errno(long r)
{
    return r < 0 ? -errno : r;
}

/* A guest path for the host: /proc/self/exe names the guest program (as
 * on a real machine, not this emulator), absolute paths look in -L first. */
static int64_t fs_path(LuProcess *p, uint64_t addr, char *buf, char *alt, const char **out)
{
    int64_t e = lu_get_path(p, addr, buf, L_PATH_MAX);
    if (e)
        return e;
    if (p->exe_path && strcmp(buf, "/proc/self/exe") == 0) {
        *out = p->exe_host ? p->exe_host : p->exe_path;
        return 0;
    }
    *out = lu_host_path(p, buf, alt, L_PATH_MAX);
    return 0;
}

#define PATH_ARG(var, addr)                                                                    \
    char var##_buf[L_PATH_MAX], var##_alt[L_PATH_MAX];                                         \
    const char *var;                                                                           \
    do {                                                                                       \
        int64_t e_ = fs_path(p, (addr), var##_buf, var##_alt, &var);                           \
        if (e_)                                                                                \
            return e_;                                                                         \
    } while (0)

static int64_t fs_openat(LuProcess *p, const uint64_t a[6])
{
    PATH_ARG(path, a[1]);
    return ret_errno(openat((int)a[0], path, lu_open_flags_to_host(a[2]), (mode_t)a[3]));
}

static int64_t fs_readlinkat(LuProcess *p, const uint64_t a[6])
{
    char buf[L_PATH_MAX], alt[L_PATH_MAX], out[L_PATH_MAX];
    int64_t e = lu_get_path(p, a[1], buf, sizeof(buf));
    if (e)
        return e;
    if ((int64_t)a[3] <= 0)
        return -EINVAL;
    size_t n;
    if (p->exe_path && strcmp(buf, "/proc/self/exe") == 0) {
        n = strlen(p->exe_path);
        memcpy(out, p->exe_path, n);
    } else {
        ssize_t r = readlinkat((int)a[0], lu_host_path(p, buf, alt, sizeof(alt)), out, sizeof(out));
        if (r < 0)
            return -errno;
        n = (size_t)r;
    }
    if (n > a[3])
        n = (size_t)a[3];
    e = lu_copy_to(p, a[2], out, n);
    return e ? e : (int64_t)n;
}

static int64_t fs_getdents64(LuProcess *p, const uint64_t a[6])
{
    /* struct linux_dirent64 is the same on every 64-bit Linux. */
    static uint8_t buf[64 * 1024];
    size_t n = a[2] < sizeof(buf) ? (size_t)a[2] : sizeof(buf);
    if (!guest_mem_is_mapped(p->mem, a[1], n ? n : 1, GUEST_PROT_WRITE))
        return -EFAULT;
    long r = syscall(SYS_getdents64, (int)a[0], buf, n);
    if (r < 0)
        return -errno;
    guest_mem_copy_in(p->mem, a[1], buf, (size_t)r);
    return r;
}

static int64_t fs_getcwd(LuProcess *p, const uint64_t a[6])
{
    char buf[L_PATH_MAX];
    if (!getcwd(buf, sizeof(buf)))
        return -errno;
    size_t n = strlen(buf) + 1;
    if (n > a[1])
        return -ERANGE;
    int64_t e = lu_copy_to(p, a[0], buf, n);
    return e ? e : (int64_t)n;
}

static int64_t fs_pipe2(LuProcess *p, const uint64_t a[6])
{
    int fds[2];
    if (!guest_mem_is_mapped(p->mem, a[0], sizeof(fds), GUEST_PROT_WRITE))
        return -EFAULT;
    if (pipe2(fds, lu_open_flags_to_host(a[1])) != 0)
        return -errno;
    lu_copy_to(p, a[0], fds, sizeof(fds));
    return 0;
}

static int64_t fs_fcntl(LuProcess *p, const uint64_t a[6])
{
    int fd = (int)a[0], cmd = (int)a[1];
    /* struct flock (asm-generic: short, short, off_t, off_t, pid_t) has the
     * same 32-byte layout on both 64-bit ABIs. */
    uint8_t fl[32];
    int64_t e;
    switch (cmd) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
    case F_GETFD:
    case F_SETFD:
    case F_GETOWN:
    case F_SETOWN:
    case F_GETPIPE_SZ:
    case F_SETPIPE_SZ:
    case F_GET_SEALS:
    case F_ADD_SEALS:
        return ret_errno(fcntl(fd, cmd, (int)a[2]));
    case F_GETFL: {
        int r = fcntl(fd, F_GETFL);
        return r < 0 ? -errno : (int64_t)lu_open_flags_to_guest(r);
    }
    case F_SETFL:
        return ret_errno(fcntl(fd, F_SETFL, lu_open_flags_to_host(a[2])));
    case F_GETLK:
    case F_SETLK:
    case F_SETLKW:
    case F_OFD_GETLK:
    case F_OFD_SETLK:
    case F_OFD_SETLKW:
        if ((e = lu_copy_from(p, fl, a[2], sizeof(fl))) != 0)
            return e;
        if (fcntl(fd, cmd, (void *)fl) != 0)
            return -errno;
        if (cmd == F_GETLK || cmd == F_OFD_GETLK)
            return lu_copy_to(p, a[2], fl, sizeof(fl));
        return 0;
    }
    return -EINVAL;
}

/* Terminal ioctls: the numbers and struct layouts (kernel struct termios:
 * four u32 flags, c_line, c_cc[19]; struct winsize: four u16) are the
 * asm-generic ones on arm64 and on the x86-64 host, so they pass through. */
enum {
    L_TCGETS = 0x5401, L_TCSETS = 0x5402, L_TCSETSW = 0x5403, L_TCSETSF = 0x5404,
    L_TIOCGPGRP = 0x540f, L_TIOCSPGRP = 0x5410, L_TIOCGWINSZ = 0x5413, L_TIOCSWINSZ = 0x5414,
    L_FIONREAD = 0x541b, L_FIONBIO = 0x5421, L_FIONCLEX = 0x5450, L_FIOCLEX = 0x5451,
    L_TERMIOS_SIZE = 36,
};

static int64_t fs_ioctl_io(LuProcess *p, int fd, unsigned long req, uint64_t arg, size_t size,
                           bool in, bool out)
{
    uint8_t buf[64] = {0};
    int64_t e;
    if (in && (e = lu_copy_from(p, buf, arg, size)) != 0)
        return e;
    if (out && !guest_mem_is_mapped(p->mem, arg, size, GUEST_PROT_WRITE))
        return -EFAULT;
    if (ioctl(fd, req, buf) != 0)
        return -errno;
    return out ? lu_copy_to(p, arg, buf, size) : 0;
}

static int64_t fs_ioctl(LuProcess *p, const uint64_t a[6])
{
    int fd = (int)a[0];
    unsigned req = (unsigned)a[1];
    switch (req) {
    case L_TCGETS:
        return fs_ioctl_io(p, fd, req, a[2], L_TERMIOS_SIZE, false, true);
    case L_TCSETS:
    case L_TCSETSW:
    case L_TCSETSF:
        return fs_ioctl_io(p, fd, req, a[2], L_TERMIOS_SIZE, true, false);
    case L_TIOCGWINSZ:
        return fs_ioctl_io(p, fd, req, a[2], 8, false, true);
    case L_TIOCSWINSZ:
        return fs_ioctl_io(p, fd, req, a[2], 8, true, false);
    case L_TIOCGPGRP:
    case L_FIONREAD:
        return fs_ioctl_io(p, fd, req, a[2], 4, false, true);
    case L_TIOCSPGRP:
    case L_FIONBIO:
        return fs_ioctl_io(p, fd, req, a[2], 4, true, false);
    case L_FIONCLEX:
    case L_FIOCLEX:
        return ret_errno(ioctl(fd, req));
    }
    /* Unknown requests fail as an unsupporting driver's would. */
    if (fcntl(fd, F_GETFD) < 0)
        return -EBADF;
    return -ENOTTY;
}

static int64_t fs_statx(LuProcess *p, const uint64_t a[6])
{
    /* struct statx: 256 bytes, identical on every architecture. */
    uint8_t buf[256];
    PATH_ARG(path, a[1]);
    if (!guest_mem_is_mapped(p->mem, a[4], sizeof(buf), GUEST_PROT_WRITE))
        return -EFAULT;
    if (syscall(SYS_statx, (int)a[0], path, (int)a[2], (unsigned)a[3], buf) != 0)
        return -errno;
    return lu_copy_to(p, a[4], buf, sizeof(buf));
}

static int64_t fs_utimensat(LuProcess *p, const uint64_t a[6])
{
    int64_t ts[4], e;
    char buf[L_PATH_MAX], alt[L_PATH_MAX];
    const char *path = NULL;
    if (a[1] && (e = fs_path(p, a[1], buf, alt, &path)) != 0)
        return e;
    if (a[2] && (e = lu_copy_from(p, ts, a[2], sizeof(ts))) != 0)
        return e;
    return ret_errno(syscall(SYS_utimensat, (int)a[0], path, a[2] ? ts : NULL, (int)a[3]));
}

static int64_t fs_renameat2(LuProcess *p, const uint64_t a[6], unsigned flags)
{
    char ob[L_PATH_MAX], nb[L_PATH_MAX];
    int64_t e;
    if ((e = lu_get_path(p, a[1], ob, sizeof(ob))) != 0 ||
        (e = lu_get_path(p, a[3], nb, sizeof(nb))) != 0)
        return e;
    return ret_errno(syscall(SYS_renameat2, (int)a[0], ob, (int)a[2], nb, flags));
}

/* Two-path calls whose paths name things to create: no -L lookup. */
static int64_t fs_two_paths(LuProcess *p, uint64_t x, uint64_t y, char *bx, char *by)
{
    int64_t e = lu_get_path(p, x, bx, L_PATH_MAX);
    return e ? e : lu_get_path(p, y, by, L_PATH_MAX);
}

/* getxattr/listxattr and their l/f forms: names and values are bytes. */
static int64_t fs_xattr(LuProcess *p, uint64_t nr, const uint64_t a[6])
{
    static char val[65536];
    char path[L_PATH_MAX], alt[L_PATH_MAX], name[256];
    const char *hp = NULL;
    bool list = nr == NR_listxattr || nr == NR_llistxattr || nr == NR_flistxattr;
    bool byfd = nr == NR_fgetxattr || nr == NR_flistxattr;
    uint64_t buf = list ? a[1] : a[2], size = list ? a[2] : a[3];
    int64_t e;
    if (!byfd && (e = fs_path(p, a[0], path, alt, &hp)) != 0)
        return e;
    if (!list && (e = lu_get_string(p, a[1], name, sizeof(name))) != 0)
        return e == -ENAMETOOLONG ? -ERANGE : e;
    size_t n = size < sizeof(val) ? (size_t)size : sizeof(val);
    ssize_t r;
    if (list)
        r = byfd ? flistxattr((int)a[0], val, n)
            : nr == NR_llistxattr ? llistxattr(hp, val, n) : listxattr(hp, val, n);
    else
        r = byfd ? fgetxattr((int)a[0], name, val, n)
            : nr == NR_lgetxattr ? lgetxattr(hp, name, val, n) : getxattr(hp, name, val, n);
    if (r < 0)
        return -errno;
    if (size && (e = lu_copy_to(p, buf, val, (size_t)r)) != 0)
        return e;
    return r;
}

bool lu_fs_dispatch(LuProcess *p, uint64_t nr, const uint64_t a[6], int64_t *r)
{
    char b1[L_PATH_MAX], b2[L_PATH_MAX];
    int64_t e;
    switch (nr) {
    case NR_openat:
        *r = fs_openat(p, a);
        return true;
    case NR_close:
        *r = ret_errno(close((int)a[0]));
        if (*r == -EINTR)
            *r = 0; /* the descriptor is gone either way (Linux semantics) */
        return true;
    case NR_close_range:
        *r = ret_errno(syscall(SYS_close_range, (unsigned)a[0], (unsigned)a[1], (unsigned)a[2]));
        return true;
    case NR_lseek:
        *r = ret_errno((long)lseek((int)a[0], (off_t)a[1], (int)a[2]));
        return true;
    case NR_getdents64:
        *r = fs_getdents64(p, a);
        return true;
    case NR_readlinkat:
        *r = fs_readlinkat(p, a);
        return true;
    case NR_faccessat:
    case NR_faccessat2: {
        char alt[L_PATH_MAX];
        const char *path;
        if ((e = fs_path(p, a[1], b1, alt, &path)) != 0) {
            *r = e;
            return true;
        }
        int flags = nr == NR_faccessat2 ? (int)a[3] : 0;
        *r = ret_errno(faccessat((int)a[0], path, (int)a[2], flags));
        return true;
    }
    case NR_mkdirat:
        *r = (e = lu_get_path(p, a[1], b1, sizeof(b1))) ? e
                                                          : ret_errno(mkdirat((int)a[0], b1, (mode_t)a[2]));
        return true;
    case NR_unlinkat:
        *r = (e = lu_get_path(p, a[1], b1, sizeof(b1))) ? e
                                                          : ret_errno(unlinkat((int)a[0], b1, (int)a[2]));
        return true;
    case NR_symlinkat:
        *r = (e = fs_two_paths(p, a[0], a[2], b1, b2)) ? e : ret_errno(symlinkat(b1, (int)a[1], b2));
        return true;
    case NR_linkat:
        *r = (e = fs_two_paths(p, a[1], a[3], b1, b2))
                 ? e
                 : ret_errno(linkat((int)a[0], b1, (int)a[2], b2, (int)a[4]));
        return true;
    case NR_renameat:
        *r = fs_renameat2(p, a, 0);
        return true;
    case NR_renameat2:
        *r = fs_renameat2(p, a, (unsigned)a[4]);
        return true;
    case NR_fchmodat:
        *r = (e = lu_get_path(p, a[1], b1, sizeof(b1)))
                 ? e
                 : ret_errno(fchmodat((int)a[0], b1, (mode_t)a[2], 0));
        return true;
    case NR_fchownat:
        *r = (e = lu_get_path(p, a[1], b1, sizeof(b1)))
                 ? e
                 : ret_errno(fchownat((int)a[0], b1, (uid_t)a[2], (gid_t)a[3], (int)a[4]));
        return true;
    case NR_fchmod:
        *r = ret_errno(fchmod((int)a[0], (mode_t)a[1]));
        return true;
    case NR_fchown:
        *r = ret_errno(fchown((int)a[0], (uid_t)a[1], (gid_t)a[2]));
        return true;
    case NR_utimensat:
        *r = fs_utimensat(p, a);
        return true;
    case NR_truncate:
        *r = (e = lu_get_path(p, a[0], b1, sizeof(b1))) ? e : ret_errno(truncate(b1, (off_t)a[1]));
        return true;
    case NR_ftruncate:
        *r = ret_errno(ftruncate((int)a[0], (off_t)a[1]));
        return true;
    case NR_fallocate:
        *r = ret_errno(fallocate((int)a[0], (int)a[1], (off_t)a[2], (off_t)a[3]));
        return true;
    case NR_fsync:
        *r = ret_errno(fsync((int)a[0]));
        return true;
    case NR_fdatasync:
        *r = ret_errno(fdatasync((int)a[0]));
        return true;
    case NR_sync:
        sync();
        *r = 0;
        return true;
    case NR_getcwd:
        *r = fs_getcwd(p, a);
        return true;
    case NR_chdir:
        *r = (e = lu_get_path(p, a[0], b1, sizeof(b1))) ? e : ret_errno(chdir(b1));
        return true;
    case NR_fchdir:
        *r = ret_errno(fchdir((int)a[0]));
        return true;
    case NR_dup:
        *r = ret_errno(dup((int)a[0]));
        return true;
    case NR_dup3:
        *r = ret_errno(dup3((int)a[0], (int)a[1], lu_open_flags_to_host(a[2])));
        return true;
    case NR_pipe2:
        *r = fs_pipe2(p, a);
        return true;
    case NR_fcntl:
        *r = fs_fcntl(p, a);
        return true;
    case NR_ioctl:
        *r = fs_ioctl(p, a);
        return true;
    case NR_statx:
        *r = fs_statx(p, a);
        return true;
    case NR_statfs:
    case NR_fstatfs: {
        /* struct statfs: the same 120 bytes on both 64-bit ABIs */
        struct statfs sf;
        char alt[L_PATH_MAX];
        const char *path;
        int rr;
        if (nr == NR_statfs) {
            if ((e = fs_path(p, a[0], b1, alt, &path)) != 0) {
                *r = e;
                return true;
            }
            rr = statfs(path, &sf);
        } else {
            rr = fstatfs((int)a[0], &sf);
        }
        *r = rr ? -errno : lu_copy_to(p, a[1], &sf, sizeof(sf));
        return true;
    }
    case NR_getxattr:
    case NR_lgetxattr:
    case NR_fgetxattr:
    case NR_listxattr:
    case NR_llistxattr:
    case NR_flistxattr:
        *r = fs_xattr(p, nr, a);
        return true;
    case NR_socket:
        /* Only what libc's lookups need (nscd over AF_UNIX); sockaddr_un
         * and sockaddr_in have the same layout on both sides. */
        *r = ret_errno(socket((int)a[0], lu_open_flags_to_host(a[1]), (int)a[2]));
        return true;
    case NR_connect: {
        uint8_t sa[128];
        if (a[2] > sizeof(sa)) {
            *r = -EINVAL;
            return true;
        }
        if ((e = lu_copy_from(p, sa, a[1], (size_t)a[2])) != 0) {
            *r = e;
            return true;
        }
        *r = ret_errno(connect((int)a[0], (struct sockaddr *)sa, (socklen_t)a[2]));
        return true;
    }
    case NR_fadvise64:
        *r = -posix_fadvise((int)a[0], (off_t)a[1], (off_t)a[2], (int)a[3]);
        return true;
    case NR_copy_file_range: {
        int64_t oi = 0, oo = 0;
        if ((a[1] && (e = lu_copy_from(p, &oi, a[1], 8)) != 0) ||
            (a[3] && (e = lu_copy_from(p, &oo, a[3], 8)) != 0)) {
            *r = e;
            return true;
        }
        loff_t li = oi, lo = oo;
        ssize_t n = copy_file_range((int)a[0], a[1] ? &li : NULL, (int)a[2], a[3] ? &lo : NULL,
                                    (size_t)a[4], (unsigned)a[5]);
        if (n < 0) {
            *r = -errno;
            return true;
        }
        oi = li;
        oo = lo;
        if ((a[1] && (e = lu_copy_to(p, a[1], &oi, 8)) != 0) ||
            (a[3] && (e = lu_copy_to(p, a[3], &oo, 8)) != 0)) {
            *r = e;
            return true;
        }
        *r = n;
        return true;
    }
    case NR_umask:
        *r = (int64_t)umask((mode_t)(a[0] & 0777));
        return true;
    }
    return false;
}

/* newfstatat's path, for sys_io.c. */
int64_t lu_fs_path(LuProcess *p, uint64_t addr, char *buf, char *alt, const char **out)
{
    return fs_path(p, addr, buf, alt, out);
}
