/* I/O syscalls for armature-user: read/write and their vector and positional forms, stat. */
#define _GNU_SOURCE /* preadv */
#include "linux_user.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

/* Linux clamps a single transfer to this (MAX_RW_COUNT). */
#define MAX_RW_COUNT 0x7ffff000ull
#undef UIO_MAXIOV
#define UIO_MAXIOV 1024
#define L_PATH_MAX 4096

/* Guest bytes pass through this buffer; one process per emulator, and the
 * syscall layer is never re-entered, so one static buffer is enough. */
static uint8_t io_bounce[256 * 1024];

static int64_t io_host_write(int fd, const void *buf, size_t len)
{
    ssize_t r;
    do
        r = write(fd, buf, len);
    while (r < 0 && errno == EINTR && !lu_signal_waiting());
    return r < 0 ? -errno : r;
}

int64_t lu_sys_write(LuProcess *p, const uint64_t a[6])
{
    int fd = (int)a[0];
    uint64_t buf = a[1], count = a[2] > MAX_RW_COUNT ? MAX_RW_COUNT : a[2];
    if (count == 0)
        return io_host_write(fd, io_bounce, 0);
    if (!guest_mem_is_mapped(p->mem, buf, count, GUEST_PROT_READ))
        return -EFAULT;
    uint64_t done = 0;
    while (done < count) {
        size_t n = count - done < sizeof(io_bounce) ? (size_t)(count - done) : sizeof(io_bounce);
        guest_mem_copy_out(p->mem, io_bounce, buf + done, n);
        int64_t r = io_host_write(fd, io_bounce, n);
        if (r < 0)
            return done ? (int64_t)done : r;
        done += (uint64_t)r;
        if ((size_t)r < n)
            break;
    }
    return (int64_t)done;
}

int64_t lu_sys_read(LuProcess *p, const uint64_t a[6])
{
    int fd = (int)a[0];
    uint64_t buf = a[1], count = a[2] > MAX_RW_COUNT ? MAX_RW_COUNT : a[2];
    if (count && !guest_mem_is_mapped(p->mem, buf, count, GUEST_PROT_WRITE))
        return -EFAULT;
    /* One host read per call: a short read is always allowed. */
    size_t n = count < sizeof(io_bounce) ? (size_t)count : sizeof(io_bounce);
    ssize_t r;
    do
        r = read(fd, io_bounce, n);
    while (r < 0 && errno == EINTR && !lu_signal_waiting());
    if (r < 0)
        return -errno;
    guest_mem_copy_in(p->mem, buf, io_bounce, (size_t)r);
    return r;
}

int64_t lu_sys_writev(LuProcess *p, const uint64_t a[6])
{
    int fd = (int)a[0];
    uint64_t iov = a[1];
    int32_t cnt = (int32_t)a[2];
    uint64_t v[UIO_MAXIOV][2]; /* struct iovec: base, len */
    if (cnt < 0 || cnt > UIO_MAXIOV)
        return -EINVAL;
    if (cnt == 0)
        return 0;
    if (!guest_mem_is_mapped(p->mem, iov, (uint64_t)cnt * 16, GUEST_PROT_READ))
        return -EFAULT;
    guest_mem_copy_out(p->mem, v, iov, (size_t)cnt * 16);
    uint64_t total = 0;
    for (int i = 0; i < cnt; i++) {
        if (v[i][1] > (uint64_t)INT64_MAX - total)
            return -EINVAL;
        total += v[i][1];
        if (!guest_mem_is_mapped(p->mem, v[i][0], v[i][1], GUEST_PROT_READ))
            return -EFAULT;
    }
    if (total > MAX_RW_COUNT)
        total = MAX_RW_COUNT;
    /* Gather into one buffer so small vectors reach the host as one write,
     * as they would reach the kernel. */
    uint64_t done = 0, fill = 0;
    for (int i = 0; i < cnt && done + fill < total; i++) {
        uint64_t base = v[i][0], len = v[i][1];
        if (len > total - done - fill)
            len = total - done - fill;
        while (len) {
            size_t n = sizeof(io_bounce) - fill < len ? sizeof(io_bounce) - fill : (size_t)len;
            guest_mem_copy_out(p->mem, io_bounce + fill, base, n);
            fill += n;
            base += n;
            len -= n;
            if (fill == sizeof(io_bounce) || done + fill == total) {
                int64_t r = io_host_write(fd, io_bounce, fill);
                if (r < 0)
                    return done ? (int64_t)done : r;
                done += (uint64_t)r;
                if ((uint64_t)r < fill)
                    return (int64_t)done;
                fill = 0;
            }
        }
    }
    return (int64_t)done;
}

static void put64(uint8_t *b, unsigned off, uint64_t v)
{
    memcpy(b + off, &v, 8); /* host and guest are both little-endian */
}

static void put32(uint8_t *b, unsigned off, uint32_t v)
{
    memcpy(b + off, &v, 4);
}

/* struct stat of arm64 (asm-generic/stat.h), 128 bytes. */
static int64_t io_put_stat(LuProcess *p, uint64_t addr, const struct stat *st)
{
    uint8_t b[128];
    memset(b, 0, sizeof(b));
    put64(b, 0, st->st_dev);
    put64(b, 8, st->st_ino);
    put32(b, 16, st->st_mode);
    put32(b, 20, (uint32_t)st->st_nlink);
    put32(b, 24, st->st_uid);
    put32(b, 28, st->st_gid);
    put64(b, 32, st->st_rdev);
    put64(b, 48, (uint64_t)st->st_size);
    put32(b, 56, (uint32_t)st->st_blksize);
    put64(b, 64, (uint64_t)st->st_blocks);
    put64(b, 72, (uint64_t)st->st_atim.tv_sec);
    put64(b, 80, (uint64_t)st->st_atim.tv_nsec);
    put64(b, 88, (uint64_t)st->st_mtim.tv_sec);
    put64(b, 96, (uint64_t)st->st_mtim.tv_nsec);
    put64(b, 104, (uint64_t)st->st_ctim.tv_sec);
    put64(b, 112, (uint64_t)st->st_ctim.tv_nsec);
    if (!guest_mem_is_mapped(p->mem, addr, sizeof(b), GUEST_PROT_WRITE) ||
        !guest_mem_copy_in(p->mem, addr, b, sizeof(b)))
        return -EFAULT;
    return 0;
}

int64_t lu_sys_fstat(LuProcess *p, const uint64_t a[6])
{
    struct stat st;
    if (fstat((int)a[0], &st) != 0)
        return -errno;
    return io_put_stat(p, a[1], &st);
}

int64_t lu_sys_newfstatat(LuProcess *p, const uint64_t a[6])
{
    char path[L_PATH_MAX], alt[L_PATH_MAX];
    const char *hp;
    int64_t e = lu_fs_path(p, a[1], path, alt, &hp);
    if (e)
        return e;
    /* AT_* flag values and AT_FDCWD are the same on arm64 and the host. */
    struct stat st;
    if (fstatat((int)a[0], hp, &st, (int)a[3]) != 0)
        return -errno;
    return io_put_stat(p, a[2], &st);
}

/* Read the guest's iovec array: -EINVAL/-EFAULT as the kernel decides. */
static int64_t io_get_iov(LuProcess *p, uint64_t iov, int64_t cnt, uint64_t v[][2],
                          unsigned prot, uint64_t *total)
{
    if (cnt < 0 || cnt > UIO_MAXIOV)
        return -EINVAL;
    if (cnt && !guest_mem_is_mapped(p->mem, iov, (uint64_t)cnt * 16, GUEST_PROT_READ))
        return -EFAULT;
    guest_mem_copy_out(p->mem, v, iov, (size_t)cnt * 16);
    *total = 0;
    for (int64_t i = 0; i < cnt; i++) {
        if (v[i][1] > (uint64_t)INT64_MAX - *total)
            return -EINVAL;
        *total += v[i][1];
        if (v[i][1] && !guest_mem_is_mapped(p->mem, v[i][0], v[i][1], prot))
            return -EFAULT;
    }
    return 0;
}

/* One host read (readv, preadv, read, pread: pos < 0 means the file
 * position), scattered over the guest vectors; a short read is allowed. */
static int64_t io_read_scatter(LuProcess *p, int fd, uint64_t v[][2], int cnt, uint64_t total,
                               int64_t pos)
{
    size_t n = total < sizeof(io_bounce) ? (size_t)total : sizeof(io_bounce);
    ssize_t r;
    do
        r = pos < 0 ? read(fd, io_bounce, n) : pread(fd, io_bounce, n, (off_t)pos);
    while (r < 0 && errno == EINTR && !lu_signal_waiting());
    if (r < 0)
        return -errno;
    size_t done = 0;
    for (int i = 0; i < cnt && done < (size_t)r; i++) {
        size_t k = v[i][1] < (size_t)r - done ? (size_t)v[i][1] : (size_t)r - done;
        guest_mem_copy_in(p->mem, v[i][0], io_bounce + done, k);
        done += k;
    }
    return r;
}

int64_t lu_sys_readv(LuProcess *p, const uint64_t a[6], bool positional)
{
    static uint64_t v[UIO_MAXIOV][2];
    uint64_t total;
    if (positional && (int64_t)a[3] < 0)
        return -EINVAL;
    int64_t e = io_get_iov(p, a[1], (int64_t)(int32_t)a[2], v, GUEST_PROT_WRITE, &total);
    if (e)
        return e;
    if (total == 0)
        return 0;
    return io_read_scatter(p, (int)a[0], v, (int)a[2], total, positional ? (int64_t)a[3] : -1);
}

int64_t lu_sys_pread64(LuProcess *p, const uint64_t a[6])
{
    uint64_t v[1][2] = {{a[1], a[2] > MAX_RW_COUNT ? MAX_RW_COUNT : a[2]}};
    if ((int64_t)a[3] < 0)
        return -EINVAL;
    if (v[0][1] && !guest_mem_is_mapped(p->mem, v[0][0], v[0][1], GUEST_PROT_WRITE))
        return -EFAULT;
    return io_read_scatter(p, (int)a[0], v, 1, v[0][1], (int64_t)a[3]);
}

int64_t lu_sys_pwrite64(LuProcess *p, const uint64_t a[6])
{
    uint64_t count = a[2] > sizeof(io_bounce) ? sizeof(io_bounce) : a[2];
    if ((int64_t)a[3] < 0)
        return -EINVAL;
    int64_t e = lu_copy_from(p, io_bounce, a[1], (size_t)count);
    if (e)
        return e;
    ssize_t r = pwrite((int)a[0], io_bounce, (size_t)count, (off_t)a[3]);
    return r < 0 ? -errno : r;
}

int64_t lu_sys_sendfile(LuProcess *p, const uint64_t a[6])
{
    int64_t off = 0, e;
    if (a[2] && (e = lu_copy_from(p, &off, a[2], 8)) != 0)
        return e;
    if (a[2] && !guest_mem_is_mapped(p->mem, a[2], 8, GUEST_PROT_WRITE))
        return -EFAULT;
    off_t o = (off_t)off;
    ssize_t r = sendfile((int)a[0], (int)a[1], a[2] ? &o : NULL, (size_t)a[3]);
    if (r < 0)
        return -errno;
    off = (int64_t)o;
    if (a[2])
        lu_copy_to(p, a[2], &off, 8);
    return r;
}
