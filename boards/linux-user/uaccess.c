/* Guest pointers in syscalls for armature-user: checked copies, path strings, the -L sysroot. */
#include "linux_user.h"
#include "monitor.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

int64_t lu_copy_to(LuProcess *p, uint64_t addr, const void *src, size_t len)
{
    if (len == 0)
        return 0;
    if (!guest_mem_is_mapped(p->mem, addr, len, GUEST_PROT_WRITE) ||
        !guest_mem_copy_in(p->mem, addr, src, len))
        return -EFAULT;
    /* A store by the kernel (read(), CLEARTID, ...) breaks every guest
     * thread's exclusive reservation on those bytes, as any store does. */
    global_monitor_note_store(global_monitor_default(), addr, len);
    return 0;
}

int64_t lu_copy_from(LuProcess *p, void *dst, uint64_t addr, size_t len)
{
    if (len == 0)
        return 0;
    if (!guest_mem_is_mapped(p->mem, addr, len, GUEST_PROT_READ) ||
        !guest_mem_copy_out(p->mem, dst, addr, len))
        return -EFAULT;
    return 0;
}

int64_t lu_get_string(LuProcess *p, uint64_t addr, char *buf, size_t size)
{
    /* Page by page: a string may end just before an unmapped page. */
    size_t i = 0;
    while (i < size) {
        uint64_t a = addr + i;
        size_t n = GUEST_PAGE_SIZE - (size_t)(a & (GUEST_PAGE_SIZE - 1));
        if (n > size - i)
            n = size - i;
        if (a < addr || lu_copy_from(p, buf + i, a, n) != 0)
            return -EFAULT;
        void *z = memchr(buf + i, 0, n);
        if (z)
            return 0;
        i += n;
    }
    return -ENAMETOOLONG;
}

/* As qemu-aarch64 does with -L: an absolute path that exists inside the
 * sysroot means the file there; anything else means the host's file. */
const char *lu_host_path(const LuProcess *p, const char *path, char *buf, size_t size)
{
    struct stat st;
    if (!p->sysroot || path[0] != '/' || path[1] == 0)
        return path;
    if ((size_t)snprintf(buf, size, "%s%s", p->sysroot, path) >= size)
        return path;
    return lstat(buf, &st) == 0 ? buf : path;
}

int64_t lu_get_path(LuProcess *p, uint64_t addr, char *buf, size_t size)
{
    int64_t e = lu_get_string(p, addr, buf, size);
    if (e)
        return e;
    return 0;
}
