/* Guest virtual memory for user mode: a 4-level radix table of 4 KiB host pages. */
#include "guest_mem.h"

#include <endian.h>
#include <stdlib.h>
#include <string.h>

/* 4 levels x 9 bits + a 12-bit page offset cover the 48-bit VA exactly. */
#define GM_LEVEL_BITS 9
#define GM_FANOUT (1u << GM_LEVEL_BITS)
#define GM_PAGE_SHIFT 12
#define GM_PAGE_MASK ((uint64_t)GUEST_PAGE_SIZE - 1)
#define GM_VA_SIZE (1ull << GUEST_VA_BITS)
#define GM_SHIFT0 39
#define GM_SHIFT1 30
#define GM_SHIFT2 21
#define GM_IDX(addr, shift) (((addr) >> (shift)) & (GM_FANOUT - 1))

/* Internal prot bit: the page still points at the shared zero page, so a
 * write must first give it its own host page. Keeping it in `prot` makes
 * the write fast path one mask-and-compare, same as without laziness. */
#define GM_ZERO 0x100u
#define GM_PROT_MASK (GUEST_PROT_READ | GUEST_PROT_WRITE | GUEST_PROT_EXEC)

/* host != NULL means mapped (PROT_NONE pages are mapped too). `tags` holds
 * the page's MTE allocation tags, two 4-bit tags a byte (granule 2i in the
 * low nibble of byte i); NULL until a tag is first written, all tags 0. */
typedef struct GuestPage {
    uint8_t *host;
    unsigned prot;
    uint8_t *tags;
} GuestPage;

typedef struct GmLeaf {
    GuestPage e[GM_FANOUT];
} GmLeaf;

typedef struct GmNode {
    void *next[GM_FANOUT];
} GmNode;

struct GuestMem {
    GmNode root;
    uint64_t gen;   /* bumped whenever a page's host memory or protection changes */
};

/* Anonymous mappings share this until first written: a guest asking for a
 * large mmap or the 8 MiB stack costs host memory only for what it touches. */
static const uint8_t gm_zero_page[GUEST_PAGE_SIZE] __attribute__((aligned(GUEST_PAGE_SIZE)));

static void *gm_xcalloc(size_t size)
{
    void *p = calloc(1, size);
    if (!p)
        abort(); /* host out of memory: nothing sensible left to do */
    return p;
}

static inline GuestPage *gm_entry(const GuestMem *m, uint64_t addr)
{
    if (addr >> GUEST_VA_BITS)
        return NULL;
    GmNode *n1 = m->root.next[GM_IDX(addr, GM_SHIFT0)];
    if (!n1)
        return NULL;
    GmNode *n2 = n1->next[GM_IDX(addr, GM_SHIFT1)];
    if (!n2)
        return NULL;
    GmLeaf *l = n2->next[GM_IDX(addr, GM_SHIFT2)];
    if (!l)
        return NULL;
    return &l->e[GM_IDX(addr, GM_PAGE_SHIFT)];
}

static GuestPage *gm_entry_create(GuestMem *m, uint64_t addr)
{
    void **s1 = &m->root.next[GM_IDX(addr, GM_SHIFT0)];
    if (!*s1)
        *s1 = gm_xcalloc(sizeof(GmNode));
    void **s2 = &((GmNode *)*s1)->next[GM_IDX(addr, GM_SHIFT1)];
    if (!*s2)
        *s2 = gm_xcalloc(sizeof(GmNode));
    void **s3 = &((GmNode *)*s2)->next[GM_IDX(addr, GM_SHIFT2)];
    if (!*s3)
        *s3 = gm_xcalloc(sizeof(GmLeaf));
    return &((GmLeaf *)*s3)->e[GM_IDX(addr, GM_PAGE_SHIFT)];
}

static void gm_page_release(GuestPage *e)
{
    if (e->host && !(e->prot & GM_ZERO))
        free(e->host);
    free(e->tags);
    e->host = NULL;
    e->prot = 0;
    e->tags = NULL;
}

/* Give a zero-page entry its own writable host page; the host bytes of
 * the page change, so every cached host pointer is stale. */
static void gm_materialize(GuestMem *m, GuestPage *e)
{
    m->gen++;
    uint8_t *p = aligned_alloc(GUEST_PAGE_SIZE, GUEST_PAGE_SIZE);
    if (!p)
        abort();
    memset(p, 0, GUEST_PAGE_SIZE);
    e->host = p;
    e->prot &= ~GM_ZERO;
}

/* Lowest page in [addr, end) that is mapped, or end; skips empty subtrees so
 * that huge sparse ranges (a guest munmap of 2^47 bytes) stay cheap. */
static uint64_t gm_next_mapped(const GuestMem *m, uint64_t addr, uint64_t end)
{
    while (addr < end) {
        GmNode *n1 = m->root.next[GM_IDX(addr, GM_SHIFT0)];
        if (!n1) {
            addr = (addr | ((1ull << GM_SHIFT0) - 1)) + 1;
            continue;
        }
        GmNode *n2 = n1->next[GM_IDX(addr, GM_SHIFT1)];
        if (!n2) {
            addr = (addr | ((1ull << GM_SHIFT1) - 1)) + 1;
            continue;
        }
        GmLeaf *l = n2->next[GM_IDX(addr, GM_SHIFT2)];
        if (!l) {
            addr = (addr | ((1ull << GM_SHIFT2) - 1)) + 1;
            continue;
        }
        if (l->e[GM_IDX(addr, GM_PAGE_SHIFT)].host)
            return addr;
        addr = (addr | GM_PAGE_MASK) + 1;
    }
    return end;
}

/* Lowest page in [addr, end) that is unmapped, or end. */
static uint64_t gm_next_unmapped(const GuestMem *m, uint64_t addr, uint64_t end)
{
    for (; addr < end; addr += GUEST_PAGE_SIZE) {
        const GuestPage *e = gm_entry(m, addr);
        if (!e || !e->host)
            return addr;
    }
    return end;
}

/* Page-aligned start, length rounded up to pages, all below 2^48. */
static bool gm_range_ok(uint64_t addr, uint64_t len, uint64_t *end)
{
    if (addr & GM_PAGE_MASK || addr > GM_VA_SIZE || len > GM_VA_SIZE - addr)
        return false;
    *end = (addr + len + GM_PAGE_MASK) & ~GM_PAGE_MASK;
    return true;
}

GuestMem *guest_mem_new(void)
{
    return gm_xcalloc(sizeof(GuestMem));
}

void guest_mem_free(GuestMem *m)
{
    if (!m)
        return;
    for (unsigned i = 0; i < GM_FANOUT; i++) {
        GmNode *n1 = m->root.next[i];
        if (!n1)
            continue;
        for (unsigned j = 0; j < GM_FANOUT; j++) {
            GmNode *n2 = n1->next[j];
            if (!n2)
                continue;
            for (unsigned k = 0; k < GM_FANOUT; k++) {
                GmLeaf *l = n2->next[k];
                if (!l)
                    continue;
                for (unsigned p = 0; p < GM_FANOUT; p++)
                    gm_page_release(&l->e[p]);
                free(l);
            }
            free(n2);
        }
        free(n1);
    }
    free(m);
}

bool guest_mem_map(GuestMem *m, uint64_t addr, uint64_t len, unsigned prot)
{
    uint64_t end;
    if (!gm_range_ok(addr, len, &end))
        return false;
    m->gen++;
    for (uint64_t a = addr; a < end; a += GUEST_PAGE_SIZE) {
        GuestPage *e = gm_entry_create(m, a);
        gm_page_release(e);
        e->host = (uint8_t *)gm_zero_page; /* never written: GM_ZERO guards it */
        e->prot = (prot & GM_PROT_MASK) | GM_ZERO;
    }
    return true;
}

bool guest_mem_unmap(GuestMem *m, uint64_t addr, uint64_t len)
{
    uint64_t end;
    if (!gm_range_ok(addr, len, &end))
        return false;
    m->gen++;
    for (uint64_t a = gm_next_mapped(m, addr, end); a < end;
         a = gm_next_mapped(m, a + GUEST_PAGE_SIZE, end))
        gm_page_release(gm_entry(m, a));
    return true;
}

bool guest_mem_protect(GuestMem *m, uint64_t addr, uint64_t len, unsigned prot)
{
    uint64_t end;
    /* All or nothing, as mprotect() fails with ENOMEM on a hole. */
    if (!gm_range_ok(addr, len, &end) || gm_next_unmapped(m, addr, end) != end)
        return false;
    m->gen++;
    for (uint64_t a = addr; a < end; a += GUEST_PAGE_SIZE) {
        GuestPage *e = gm_entry(m, a);
        e->prot = (e->prot & GM_ZERO) | (prot & GM_PROT_MASK);
    }
    return true;
}

bool guest_mem_discard(GuestMem *m, uint64_t addr, uint64_t len)
{
    uint64_t end;
    if (!gm_range_ok(addr, len, &end) || gm_next_unmapped(m, addr, end) != end)
        return false;
    m->gen++;
    for (uint64_t a = addr; a < end; a += GUEST_PAGE_SIZE) {
        GuestPage *e = gm_entry(m, a);
        unsigned prot = e->prot & GM_PROT_MASK;
        gm_page_release(e);
        e->host = (uint8_t *)gm_zero_page; /* as a fresh anonymous page */
        e->prot = prot | GM_ZERO;
    }
    return true;
}

bool guest_mem_is_mapped(const GuestMem *m, uint64_t addr, uint64_t len, unsigned prot)
{
    if (len == 0)
        return true;
    if (addr >= GM_VA_SIZE || len > GM_VA_SIZE - addr)
        return false;
    uint64_t end = addr + len;
    prot &= GM_PROT_MASK;
    for (uint64_t a = addr & ~GM_PAGE_MASK; a < end; a += GUEST_PAGE_SIZE) {
        const GuestPage *e = gm_entry(m, a);
        if (!e || !e->host || (e->prot & prot) != prot)
            return false;
    }
    return true;
}

uint64_t guest_mem_find_free(const GuestMem *m, uint64_t hint, uint64_t len)
{
    if (len == 0 || len > GM_VA_SIZE || hint >= GM_VA_SIZE)
        return 0;
    len = (len + GM_PAGE_MASK) & ~GM_PAGE_MASK;
    uint64_t a = (hint + GM_PAGE_MASK) & ~GM_PAGE_MASK;
    if (a == 0)
        a = GUEST_PAGE_SIZE; /* 0 means "none", so page 0 is never offered */
    while (a <= GM_VA_SIZE - len) {
        uint64_t hit = gm_next_mapped(m, a, a + len);
        if (hit == a + len)
            return a;
        a = gm_next_unmapped(m, hit, GM_VA_SIZE);
    }
    return 0;
}

bool guest_mem_copy_in(GuestMem *m, uint64_t addr, const void *src, size_t len)
{
    /* Check first so a failed copy leaves guest memory untouched. */
    if (!guest_mem_is_mapped(m, addr, len, 0))
        return false;
    const uint8_t *s = src;
    while (len) {
        uint64_t off = addr & GM_PAGE_MASK;
        size_t n = GUEST_PAGE_SIZE - off;
        if (n > len)
            n = len;
        GuestPage *e = gm_entry(m, addr);
        if (e->prot & GM_ZERO)
            gm_materialize(m, e);
        memcpy(e->host + off, s, n);
        s += n;
        addr += n;
        len -= n;
    }
    return true;
}

bool guest_mem_copy_out(const GuestMem *m, void *dst, uint64_t addr, size_t len)
{
    if (!guest_mem_is_mapped(m, addr, len, 0))
        return false;
    uint8_t *d = dst;
    while (len) {
        uint64_t off = addr & GM_PAGE_MASK;
        size_t n = GUEST_PAGE_SIZE - off;
        if (n > len)
            n = len;
        memcpy(d, gm_entry(m, addr)->host + off, n);
        d += n;
        addr += n;
        len -= n;
    }
    return true;
}

static inline uint64_t gm_load_le(const uint8_t *p, unsigned size)
{
    switch (size) {
    case 1:
        return *p;
    case 2: {
        uint16_t v;
        memcpy(&v, p, 2);
        return le16toh(v);
    }
    case 4: {
        uint32_t v;
        memcpy(&v, p, 4);
        return le32toh(v);
    }
    case 8: {
        uint64_t v;
        memcpy(&v, p, 8);
        return le64toh(v);
    }
    }
    abort(); /* callers pass 1/2/4/8: anything else is an Armature bug */
}

static inline void gm_store_le(uint8_t *p, unsigned size, uint64_t val)
{
    switch (size) {
    case 1:
        *p = (uint8_t)val;
        return;
    case 2: {
        uint16_t v = htole16((uint16_t)val);
        memcpy(p, &v, 2);
        return;
    }
    case 4: {
        uint32_t v = htole32((uint32_t)val);
        memcpy(p, &v, 4);
        return;
    }
    case 8: {
        uint64_t v = htole64(val);
        memcpy(p, &v, 8);
        return;
    }
    }
    abort();
}

/* Slow path for accesses that cross a page: every byte is checked before
 * any is written, so a faulting store leaves memory unchanged. */
static bool gm_check_bytes(GuestMem *m, uint64_t addr, unsigned size, unsigned prot,
                           uint64_t *fault)
{
    if (size != 1 && size != 2 && size != 4 && size != 8)
        abort(); /* the fast path's switch catches this too: an Armature bug */
    for (unsigned i = 0; i < size; i++) {
        const GuestPage *e = gm_entry(m, addr + i);
        if (!e || !e->host || (e->prot & prot) != prot) {
            *fault = addr + i;
            return false;
        }
    }
    return true;
}

static bool gm_read_slow(GuestMem *m, uint64_t addr, unsigned size, unsigned prot,
                         uint64_t *val, uint64_t *fault)
{
    if (!gm_check_bytes(m, addr, size, prot, fault))
        return false;
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++) {
        uint64_t a = addr + i;
        v |= (uint64_t)gm_entry(m, a)->host[a & GM_PAGE_MASK] << (8 * i);
    }
    *val = v;
    return true;
}

bool guest_mem_read(GuestMem *m, uint64_t addr, unsigned size, uint64_t *val, uint64_t *fault)
{
    if (__builtin_expect((addr & GM_PAGE_MASK) + size <= GUEST_PAGE_SIZE, 1)) {
        const GuestPage *e = gm_entry(m, addr);
        if (__builtin_expect(e && (e->prot & GUEST_PROT_READ), 1)) {
            *val = gm_load_le(e->host + (addr & GM_PAGE_MASK), size);
            return true;
        }
        *fault = addr;
        return false;
    }
    return gm_read_slow(m, addr, size, GUEST_PROT_READ, val, fault);
}

bool guest_mem_write(GuestMem *m, uint64_t addr, unsigned size, uint64_t val, uint64_t *fault)
{
    if (__builtin_expect((addr & GM_PAGE_MASK) + size <= GUEST_PAGE_SIZE, 1)) {
        GuestPage *e = gm_entry(m, addr);
        unsigned need = GUEST_PROT_WRITE;
        if (__builtin_expect(e && (e->prot & (need | GM_ZERO)) == need, 1)) {
            gm_store_le(e->host + (addr & GM_PAGE_MASK), size, val);
            return true;
        }
        if (!e || !e->host || !(e->prot & GUEST_PROT_WRITE)) {
            *fault = addr;
            return false;
        }
        gm_materialize(m, e); /* first write to a zero page */
        gm_store_le(e->host + (addr & GM_PAGE_MASK), size, val);
        return true;
    }
    if (!gm_check_bytes(m, addr, size, GUEST_PROT_WRITE, fault))
        return false;
    for (unsigned i = 0; i < size; i++) {
        uint64_t a = addr + i;
        GuestPage *e = gm_entry(m, a);
        if (e->prot & GM_ZERO)
            gm_materialize(m, e);
        e->host[a & GM_PAGE_MASK] = (uint8_t)(val >> (8 * i));
    }
    return true;
}

const uint64_t *guest_mem_generation(const GuestMem *m) { return &m->gen; }

uint8_t *guest_mem_host_page(GuestMem *m, uint64_t addr, unsigned prot)
{
    GuestPage *e = gm_entry(m, addr);
    if (!e || (e->prot & prot) != prot || ((prot & GUEST_PROT_WRITE) && (e->prot & GM_ZERO)))
        return NULL;
    return e->host;
}

const uint8_t *guest_mem_exec_page(GuestMem *m, uint64_t addr)
{
    const GuestPage *e = gm_entry(m, addr);
    return e && (e->prot & GUEST_PROT_EXEC) ? e->host : NULL;
}

bool guest_mem_fetch(GuestMem *m, uint64_t addr, uint32_t *insn)
{
    uint64_t v, fault;
    if (__builtin_expect((addr & GM_PAGE_MASK) + 4 <= GUEST_PAGE_SIZE, 1)) {
        const GuestPage *e = gm_entry(m, addr);
        if (!e || !(e->prot & GUEST_PROT_EXEC))
            return false;
        v = gm_load_le(e->host + (addr & GM_PAGE_MASK), 4);
    } else if (!gm_read_slow(m, addr, 4, GUEST_PROT_EXEC, &v, &fault)) {
        return false;
    }
    *insn = (uint32_t)v;
    return true;
}

/* MTE allocation tags: one 4-bit tag per GUEST_TAG_GRANULE bytes. */
#define GM_TAGS_PER_PAGE (GUEST_PAGE_SIZE / GUEST_TAG_GRANULE)

bool guest_mem_get_tag(const GuestMem *m, uint64_t addr, uint8_t *tag)
{
    const GuestPage *e = gm_entry(m, addr);
    if (!e || !e->host)
        return false;
    unsigned g = (unsigned)((addr & GM_PAGE_MASK) / GUEST_TAG_GRANULE);
    *tag = e->tags ? (uint8_t)(e->tags[g / 2] >> (4 * (g % 2)) & 0xf) : 0;
    return true;
}

bool guest_mem_set_tag(GuestMem *m, uint64_t addr, uint8_t tag)
{
    GuestPage *e = gm_entry(m, addr);
    if (!e || !e->host)
        return false;
    tag &= 0xf;
    if (!e->tags) {
        if (tag == 0)
            return true; /* an absent array reads as all zero tags */
        e->tags = gm_xcalloc(GM_TAGS_PER_PAGE / 2);
    }
    unsigned g = (unsigned)((addr & GM_PAGE_MASK) / GUEST_TAG_GRANULE);
    unsigned sh = 4 * (g % 2);
    e->tags[g / 2] = (uint8_t)((e->tags[g / 2] & ~(0xfu << sh)) | (unsigned)tag << sh);
    return true;
}
