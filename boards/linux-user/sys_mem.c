/* Memory syscalls for armature-user: brk, mmap (anonymous and file), munmap, mprotect, mremap, madvise.
 *
 * A file mapping is a copy: the file's bytes are read into fresh guest
 * pages when it is mapped. That is exact for MAP_PRIVATE as long as the
 * file does not change under it, and for MAP_SHARED read-only mappings;
 * a writable MAP_SHARED mapping would not reach the file, so it is refused. */
#define _GNU_SOURCE
#include "linux_user.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PAGE_MASK ((uint64_t)GUEST_PAGE_SIZE - 1)
#define VA_SIZE (1ull << GUEST_VA_BITS)

/* mmap flags and prot bits, asm-generic values (arm64 uses them as is). */
#define L_MAP_SHARED 0x01
#define L_MAP_PRIVATE 0x02
#define L_MAP_TYPE 0x0f
#define L_MAP_FIXED 0x10
#define L_MAP_ANONYMOUS 0x20
#define L_MAP_FIXED_NOREPLACE 0x100000
#define L_PROT_RWX 0x7
#define L_PROT_SEM 0x8
#define L_PROT_BTI 0x10 /* arm64: accepted, but BTI is not enforced yet */
#define L_PROT_MTE 0x20 /* arm64: accepted, tags are not checked yet */

static uint64_t page_up(uint64_t x)
{
    return (x + PAGE_MASK) & ~PAGE_MASK;
}

static bool range_free(const GuestMem *m, uint64_t addr, uint64_t len)
{
    return guest_mem_find_free(m, addr, len) == addr;
}

int64_t lu_sys_brk(LuProcess *p, uint64_t addr)
{
    /* Linux answers an impossible request with the unchanged break. */
    if (addr < p->brk_start || addr - p->brk_start > LU_MAX_MAPPING || addr >= VA_SIZE)
        return (int64_t)p->brk_cur;
    uint64_t old_top = page_up(p->brk_cur), new_top = page_up(addr);
    if (new_top > old_top) {
        if (!range_free(p->mem, old_top, new_top - old_top) ||
            !guest_mem_map(p->mem, old_top, new_top - old_top, GUEST_PROT_READ | GUEST_PROT_WRITE))
            return (int64_t)p->brk_cur;
    } else if (new_top < old_top) {
        guest_mem_unmap(p->mem, new_top, old_top - new_top);
    }
    p->brk_cur = addr;
    return (int64_t)addr;
}

static bool prot_ok(uint64_t prot)
{
    return !(prot & ~(uint64_t)(L_PROT_RWX | L_PROT_SEM | L_PROT_BTI | L_PROT_MTE));
}

int64_t lu_sys_mmap(LuProcess *p, const uint64_t a[6])
{
    uint64_t addr = a[0], len = a[1], prot = a[2], flags = a[3], off = a[5];
    uint64_t type = flags & L_MAP_TYPE;
    if (len == 0 || off & PAGE_MASK || !prot_ok(prot))
        return -EINVAL;
    if (type != L_MAP_SHARED && type != L_MAP_PRIVATE && type != (L_MAP_SHARED | L_MAP_PRIVATE))
        return -EINVAL;
    bool file = !(flags & L_MAP_ANONYMOUS);
    int fd = (int)a[4];
    if (file) {
        int fl = fcntl(fd, F_GETFL);
        struct stat st;
        if (fl < 0)
            return -EBADF;
        if ((fl & O_ACCMODE) == O_WRONLY)
            return -EACCES;
        if (fstat(fd, &st) != 0)
            return -errno;
        if (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode))
            return -ENODEV;
        if ((type & L_MAP_SHARED) && !(type & L_MAP_PRIVATE) && (prot & GUEST_PROT_WRITE)) {
            if ((fl & O_ACCMODE) != O_RDWR)
                return -EACCES;
            return -ENOTSUP; /* not emulated: see the file comment */
        }
    }
    if (len > LU_MAX_MAPPING)
        return -ENOMEM;
    /* Without fork, a shared anonymous mapping behaves as a private one. */
    uint64_t plen = page_up(len);
    uint64_t where;
    if (flags & (L_MAP_FIXED | L_MAP_FIXED_NOREPLACE)) {
        if (addr & PAGE_MASK)
            return -EINVAL;
        if (addr >= VA_SIZE || plen > VA_SIZE - addr)
            return -ENOMEM;
        if (addr < LU_MIN_ADDR)
            return -EPERM; /* as Linux does below vm.mmap_min_addr */
        if (!(flags & L_MAP_FIXED) && !range_free(p->mem, addr, plen))
            return -EEXIST;
        where = addr;
    } else {
        /* A free hint is honoured, as Linux does; otherwise bottom-up. */
        uint64_t hint = page_up(addr);
        if (hint >= LU_MIN_ADDR && hint < VA_SIZE && plen <= VA_SIZE - hint &&
            range_free(p->mem, hint, plen))
            where = hint;
        else
            where = guest_mem_find_free(p->mem, p->mmap_base, plen);
        if (!where)
            return -ENOMEM;
    }
    if (!guest_mem_map(p->mem, where, plen, (unsigned)(prot & L_PROT_RWX)))
        return -ENOMEM;
    if (file) {
        /* Bytes past the end of the file read as zero (the SIGBUS Linux
         * gives for whole pages past the end is not emulated). */
        static uint8_t buf[64 * 1024];
        for (uint64_t done = 0; done < len;) {
            size_t n = len - done < sizeof(buf) ? (size_t)(len - done) : sizeof(buf);
            ssize_t r = pread(fd, buf, n, (off_t)(off + done));
            if (r < 0 && errno == EINTR)
                continue;
            if (r <= 0)
                break;
            guest_mem_copy_in(p->mem, where + done, buf, (size_t)r);
            done += (uint64_t)r;
        }
    }
    return (int64_t)where;
}

int64_t lu_sys_munmap(LuProcess *p, uint64_t addr, uint64_t len)
{
    if (addr & PAGE_MASK || len == 0 || addr >= VA_SIZE || len > VA_SIZE - addr)
        return -EINVAL;
    guest_mem_unmap(p->mem, addr, len);
    return 0;
}

int64_t lu_sys_mprotect(LuProcess *p, uint64_t addr, uint64_t len, uint64_t prot)
{
    if (addr & PAGE_MASK || !prot_ok(prot))
        return -EINVAL;
    if (len == 0)
        return 0;
    if (addr >= VA_SIZE || len > VA_SIZE - addr)
        return -ENOMEM;
    if (!guest_mem_protect(p->mem, addr, len, (unsigned)(prot & L_PROT_RWX)))
        return -ENOMEM; /* part of the range is unmapped */
    return 0;
}

#define L_MREMAP_MAYMOVE 1
#define L_MREMAP_FIXED 2

int64_t lu_sys_mremap(LuProcess *p, const uint64_t a[6])
{
    uint64_t old = a[0], olen = page_up(a[1]), nlen = page_up(a[2]), flags = a[3], naddr = a[4];
    if (old & PAGE_MASK || nlen == 0 || flags & ~3ull ||
        ((flags & L_MREMAP_FIXED) && !(flags & L_MREMAP_MAYMOVE)))
        return -EINVAL;
    if (nlen > LU_MAX_MAPPING || old >= VA_SIZE || olen > VA_SIZE - old)
        return -ENOMEM;
    if (olen == 0 || !guest_mem_is_mapped(p->mem, old, olen, 0))
        return -EFAULT;
    if (!(flags & L_MREMAP_FIXED) && nlen <= olen) {
        if (nlen < olen)
            guest_mem_unmap(p->mem, old + nlen, olen - nlen);
        return (int64_t)old;
    }
    if (!(flags & L_MREMAP_FIXED) && old + nlen <= VA_SIZE &&
        range_free(p->mem, old + olen, nlen - olen)) {
        /* Grow in place with the protection of the last page. */
        unsigned prot = 0;
        for (unsigned b = 1; b <= 4; b <<= 1)
            if (guest_mem_is_mapped(p->mem, old + olen - GUEST_PAGE_SIZE, 1, b))
                prot |= b;
        if (!guest_mem_map(p->mem, old + olen, nlen - olen, prot))
            return -ENOMEM;
        return (int64_t)old;
    }
    if (!(flags & L_MREMAP_MAYMOVE))
        return -ENOMEM;
    uint64_t where;
    if (flags & L_MREMAP_FIXED) {
        if (naddr & PAGE_MASK || naddr < LU_MIN_ADDR || naddr >= VA_SIZE || nlen > VA_SIZE - naddr)
            return -EINVAL;
        if (naddr < old + olen && old < naddr + nlen)
            return -EINVAL;
        where = naddr;
    } else {
        where = guest_mem_find_free(p->mem, p->mmap_base, nlen);
        if (!where)
            return -ENOMEM;
    }
    /* Copy page by page, keeping each page's protection. */
    uint64_t keep = olen < nlen ? olen : nlen;
    uint8_t *buf = malloc(GUEST_PAGE_SIZE);
    if (!buf)
        abort();
    unsigned prot = GUEST_PROT_READ | GUEST_PROT_WRITE;
    if (!guest_mem_map(p->mem, where, nlen, GUEST_PROT_READ | GUEST_PROT_WRITE)) {
        free(buf);
        return -ENOMEM;
    }
    for (uint64_t o = 0; o < keep; o += GUEST_PAGE_SIZE) {
        prot = 0;
        for (unsigned b = 1; b <= 4; b <<= 1)
            if (guest_mem_is_mapped(p->mem, old + o, 1, b))
                prot |= b;
        guest_mem_copy_out(p->mem, buf, old + o, GUEST_PAGE_SIZE);
        guest_mem_copy_in(p->mem, where + o, buf, GUEST_PAGE_SIZE);
        guest_mem_protect(p->mem, where + o, GUEST_PAGE_SIZE, prot);
    }
    if (nlen > keep)
        guest_mem_protect(p->mem, where + keep, nlen - keep, prot);
    free(buf);
    guest_mem_unmap(p->mem, old, olen);
    return (int64_t)where;
}

#define L_MADV_DONTNEED 4
#define L_MADV_FREE 8

int64_t lu_sys_madvise(LuProcess *p, const uint64_t a[6])
{
    uint64_t addr = a[0], len = page_up(a[1]);
    if (addr & PAGE_MASK)
        return -EINVAL;
    if (len == 0)
        return 0;
    if (addr >= VA_SIZE || len > VA_SIZE - addr || !guest_mem_is_mapped(p->mem, addr, len, 0))
        return -ENOMEM;
    if (a[2] == L_MADV_DONTNEED) {
        /* Anonymous private pages read as zero afterwards (glibc's free()
         * relies on it) and cost no host memory until written again (glibc
         * discards most of a thread's stack when the thread ends); file
         * pages would reread the file, which is not emulated. */
        guest_mem_discard(p->mem, addr, len);
    }
    /* Every other advice is a hint, and MADV_FREE may keep the contents. */
    return 0;
}
