/* Memory syscalls for armature-user: brk, mmap (anonymous), munmap, mprotect. */
#include "linux_user.h"

#include <errno.h>

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
    if (!(flags & L_MAP_ANONYMOUS))
        return -ENODEV; /* file mappings come with the file syscalls */
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
