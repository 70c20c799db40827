/* Check suite for interp/guest_mem.c: mapping, protections, faults, find_free. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "guest_mem.h"

#define PG GUEST_PAGE_SIZE
#define RW (GUEST_PROT_READ | GUEST_PROT_WRITE)
#define RWX (RW | GUEST_PROT_EXEC)
#define TOP (1ull << GUEST_VA_BITS)

static GuestMem *m;

static void setup(void)
{
    m = guest_mem_new();
}

static void teardown(void)
{
    guest_mem_free(m);
}

START_TEST(map_is_zeroed)
{
    uint64_t v = 1, f;
    ck_assert(guest_mem_map(m, 0x10000, 3 * PG, RW));
    ck_assert(guest_mem_read(m, 0x10000, 8, &v, &f));
    ck_assert_uint_eq(v, 0);
    ck_assert(guest_mem_read(m, 0x10000 + 3 * PG - 1, 1, &v, &f));
    ck_assert_uint_eq(v, 0);
    ck_assert(guest_mem_is_mapped(m, 0x10000, 3 * PG, RW));
    ck_assert(!guest_mem_is_mapped(m, 0x10000, 3 * PG + 1, 0));
    ck_assert(!guest_mem_is_mapped(m, 0xf000, 2, 0));
}
END_TEST

START_TEST(map_rounds_len_and_rejects_bad_ranges)
{
    ck_assert(guest_mem_map(m, 0x20000, 1, RW)); /* one page */
    ck_assert(guest_mem_is_mapped(m, 0x20000, PG, RW));
    ck_assert(!guest_mem_is_mapped(m, 0x21000, 1, 0));
    ck_assert(!guest_mem_map(m, 0x20001, PG, RW));       /* unaligned */
    ck_assert(!guest_mem_map(m, TOP - PG, 2 * PG, RW));  /* crosses 2^48 */
    ck_assert(!guest_mem_map(m, TOP, PG, RW));           /* at 2^48 */
    ck_assert(!guest_mem_map(m, UINT64_MAX & ~0xfffull, PG, RW));
    ck_assert(!guest_mem_map(m, 0x1000, UINT64_MAX, RW)); /* len overflows */
    ck_assert(guest_mem_map(m, TOP - PG, PG, RW));        /* the last page is fine */
    ck_assert(guest_mem_is_mapped(m, TOP - PG, PG, RW));
}
END_TEST

START_TEST(little_endian_all_sizes)
{
    uint64_t v, f;
    ck_assert(guest_mem_map(m, 0x1000, PG, RW));
    ck_assert(guest_mem_write(m, 0x1000, 8, 0x1122334455667788ull, &f));
    ck_assert(guest_mem_read(m, 0x1000, 1, &v, &f));
    ck_assert_uint_eq(v, 0x88);
    ck_assert(guest_mem_read(m, 0x1001, 2, &v, &f));
    ck_assert_uint_eq(v, 0x6677);
    ck_assert(guest_mem_read(m, 0x1003, 4, &v, &f)); /* unaligned is fine */
    ck_assert_uint_eq(v, 0x22334455);
    ck_assert(guest_mem_write(m, 0x1002, 2, 0xabcdef, &f)); /* truncated to size */
    ck_assert(guest_mem_read(m, 0x1000, 8, &v, &f));
    ck_assert_uint_eq(v, 0x11223344cdef7788ull);
    uint8_t raw[8];
    ck_assert(guest_mem_copy_out(m, raw, 0x1000, 8));
    ck_assert_uint_eq(raw[0], 0x88);
    ck_assert_uint_eq(raw[7], 0x11);
}
END_TEST

START_TEST(cross_page_read_write)
{
    uint64_t v, f;
    ck_assert(guest_mem_map(m, 0x40000, 2 * PG, RW));
    for (unsigned off = 1; off < 8; off++) {
        uint64_t a = 0x41000 - off;
        uint64_t want = 0x0102030405060708ull * off;
        ck_assert(guest_mem_write(m, a, 8, want, &f));
        ck_assert(guest_mem_read(m, a, 8, &v, &f));
        ck_assert_uint_eq(v, want);
        uint8_t raw[8];
        ck_assert(guest_mem_copy_out(m, raw, a, 8));
        for (int i = 0; i < 8; i++)
            ck_assert_uint_eq(raw[i], (uint8_t)(want >> (8 * i)));
    }
    ck_assert(guest_mem_write(m, 0x40fff, 2, 0xbeef, &f));
    ck_assert(guest_mem_read(m, 0x40fff, 2, &v, &f));
    ck_assert_uint_eq(v, 0xbeef);
}
END_TEST

START_TEST(fault_addresses)
{
    uint64_t v, f = 0;
    ck_assert(guest_mem_map(m, 0x50000, PG, RW));
    /* Entirely unmapped. */
    ck_assert(!guest_mem_read(m, 0x60010, 8, &v, &f));
    ck_assert_uint_eq(f, 0x60010);
    /* Crossing into an unmapped page: the first byte past the end faults. */
    ck_assert(!guest_mem_read(m, 0x50ffd, 8, &v, &f));
    ck_assert_uint_eq(f, 0x51000);
    /* Crossing from an unmapped page into a mapped one: the first byte. */
    ck_assert(!guest_mem_read(m, 0x4fffe, 4, &v, &f));
    ck_assert_uint_eq(f, 0x4fffe);
    /* A faulting cross-page store changes nothing. */
    ck_assert(guest_mem_write(m, 0x50ff8, 8, 0x1111111111111111ull, &f));
    ck_assert(!guest_mem_write(m, 0x50ffc, 8, 0x2222222222222222ull, &f));
    ck_assert_uint_eq(f, 0x51000);
    ck_assert(guest_mem_read(m, 0x50ff8, 8, &v, &f));
    ck_assert_uint_eq(v, 0x1111111111111111ull);
    /* Addresses at or above 2^48 are never mapped. */
    ck_assert(!guest_mem_read(m, TOP, 1, &v, &f));
    ck_assert_uint_eq(f, TOP);
    ck_assert(!guest_mem_read(m, 0xffff000000000000ull, 8, &v, &f));
    ck_assert_uint_eq(f, 0xffff000000000000ull);
    /* Wrapping off the top of the 64-bit space. */
    ck_assert(!guest_mem_read(m, UINT64_MAX - 2, 8, &v, &f));
    ck_assert_uint_eq(f, UINT64_MAX - 2);
}
END_TEST

START_TEST(protections)
{
    uint64_t v, f = 0;
    uint32_t insn;
    ck_assert(guest_mem_map(m, 0x70000, PG, GUEST_PROT_READ));
    ck_assert(guest_mem_map(m, 0x71000, PG, GUEST_PROT_WRITE));
    ck_assert(guest_mem_map(m, 0x72000, PG, GUEST_PROT_EXEC));
    ck_assert(guest_mem_map(m, 0x73000, PG, 0));
    ck_assert(guest_mem_read(m, 0x70000, 4, &v, &f));
    ck_assert(!guest_mem_write(m, 0x70008, 4, 1, &f));
    ck_assert_uint_eq(f, 0x70008);
    ck_assert(!guest_mem_fetch(m, 0x70000, &insn));
    ck_assert(guest_mem_write(m, 0x71000, 4, 1, &f));
    ck_assert(!guest_mem_read(m, 0x71000, 4, &v, &f));
    ck_assert_uint_eq(f, 0x71000);
    ck_assert(!guest_mem_read(m, 0x72000, 4, &v, &f));
    ck_assert(!guest_mem_write(m, 0x72000, 4, 1, &f));
    ck_assert(guest_mem_fetch(m, 0x72000, &insn));
    ck_assert(!guest_mem_read(m, 0x73000, 1, &v, &f));
    ck_assert(!guest_mem_write(m, 0x73000, 1, 1, &f));
    ck_assert(!guest_mem_fetch(m, 0x73000, &insn));
    ck_assert(guest_mem_is_mapped(m, 0x73000, PG, 0)); /* PROT_NONE is still mapped */
    /* Cross-page read from readable into write-only faults at the boundary. */
    ck_assert(!guest_mem_read(m, 0x70ffe, 4, &v, &f));
    ck_assert_uint_eq(f, 0x71000);
    /* copy_in/copy_out ignore protections. */
    uint32_t w = 0xd503201f;
    ck_assert(guest_mem_copy_in(m, 0x72000, &w, 4));
    ck_assert(guest_mem_copy_in(m, 0x73010, &w, 4));
    ck_assert(guest_mem_copy_out(m, &insn, 0x73010, 4));
    ck_assert_uint_eq(insn, 0xd503201f);
    ck_assert(guest_mem_fetch(m, 0x72000, &insn));
    ck_assert_uint_eq(insn, 0xd503201f);
}
END_TEST

START_TEST(protect_changes_access_and_keeps_data)
{
    uint64_t v, f;
    ck_assert(guest_mem_map(m, 0x80000, 2 * PG, RW));
    ck_assert(guest_mem_write(m, 0x80100, 8, 42, &f));
    ck_assert(guest_mem_protect(m, 0x80000, 2 * PG, GUEST_PROT_READ));
    ck_assert(!guest_mem_write(m, 0x80100, 8, 1, &f));
    ck_assert(guest_mem_read(m, 0x80100, 8, &v, &f));
    ck_assert_uint_eq(v, 42);
    /* Protect never writes, so an untouched page stays readable as zero. */
    ck_assert(guest_mem_read(m, 0x81000, 8, &v, &f));
    ck_assert_uint_eq(v, 0);
    ck_assert(guest_mem_protect(m, 0x81000, PG, RW));
    ck_assert(guest_mem_write(m, 0x81000, 8, 7, &f));
    ck_assert(guest_mem_read(m, 0x81000, 8, &v, &f));
    ck_assert_uint_eq(v, 7);
    /* A hole makes the whole call fail and change nothing. */
    ck_assert(!guest_mem_protect(m, 0x80000, 3 * PG, RW));
    ck_assert(!guest_mem_write(m, 0x80100, 8, 1, &f));
    ck_assert(!guest_mem_protect(m, 0x80001, PG, RW));
}
END_TEST

START_TEST(discard_reads_zero_keeps_prot)
{
    uint64_t v, f;
    uint8_t tag;
    ck_assert(guest_mem_map(m, 0x80000, 2 * PG, RW));
    ck_assert(guest_mem_write(m, 0x80100, 8, 42, &f));
    ck_assert(guest_mem_write(m, 0x81100, 8, 43, &f));
    ck_assert(guest_mem_set_tag(m, 0x80100, 0x9));
    ck_assert(guest_mem_discard(m, 0x80000, PG));
    ck_assert(guest_mem_read(m, 0x80100, 8, &v, &f));
    ck_assert_uint_eq(v, 0);
    ck_assert(guest_mem_get_tag(m, 0x80100, &tag));
    ck_assert_uint_eq(tag, 0);
    ck_assert(guest_mem_read(m, 0x81100, 8, &v, &f)); /* the next page keeps its data */
    ck_assert_uint_eq(v, 43);
    /* still mapped read-write: a write gives it a page again */
    ck_assert(guest_mem_is_mapped(m, 0x80000, PG, RW));
    ck_assert(guest_mem_write(m, 0x80108, 8, 5, &f));
    ck_assert(guest_mem_read(m, 0x80108, 8, &v, &f));
    ck_assert_uint_eq(v, 5);
    /* read-only pages stay read-only; a hole fails the whole call */
    ck_assert(guest_mem_protect(m, 0x81000, PG, GUEST_PROT_READ));
    ck_assert(guest_mem_discard(m, 0x81000, PG));
    ck_assert(!guest_mem_write(m, 0x81100, 8, 1, &f));
    ck_assert(guest_mem_read(m, 0x81100, 8, &v, &f));
    ck_assert_uint_eq(v, 0);
    ck_assert(!guest_mem_discard(m, 0x80000, 3 * PG));
    ck_assert(guest_mem_read(m, 0x80108, 8, &v, &f));
    ck_assert_uint_eq(v, 5);
}
END_TEST

START_TEST(unmap_and_remap)
{
    uint64_t v, f;
    ck_assert(guest_mem_map(m, 0x90000, 4 * PG, RW));
    ck_assert(guest_mem_write(m, 0x91000, 8, 99, &f));
    ck_assert(guest_mem_write(m, 0x92000, 8, 98, &f));
    ck_assert(guest_mem_unmap(m, 0x91000, PG));
    ck_assert(!guest_mem_read(m, 0x91000, 8, &v, &f));
    ck_assert_uint_eq(f, 0x91000);
    ck_assert(guest_mem_read(m, 0x92000, 8, &v, &f));
    ck_assert_uint_eq(v, 98);
    /* Mapping over an existing page replaces it with zeroes. */
    ck_assert(guest_mem_map(m, 0x92000, PG, RW));
    ck_assert(guest_mem_read(m, 0x92000, 8, &v, &f));
    ck_assert_uint_eq(v, 0);
    /* Unmapping holes and huge sparse ranges is fine and quick. */
    ck_assert(guest_mem_unmap(m, 0, TOP));
    ck_assert(!guest_mem_is_mapped(m, 0x90000, 1, 0));
    ck_assert(!guest_mem_unmap(m, 0x1001, PG));
    ck_assert(!guest_mem_unmap(m, TOP - PG, 2 * PG));
}
END_TEST

START_TEST(copy_in_out)
{
    uint8_t buf[3 * PG], out[3 * PG];
    for (size_t i = 0; i < sizeof(buf); i++)
        buf[i] = (uint8_t)(i * 7 + 3);
    ck_assert(guest_mem_map(m, 0xa0000, 4 * PG, GUEST_PROT_READ));
    ck_assert(guest_mem_copy_in(m, 0xa0123, buf, sizeof(buf)));
    ck_assert(guest_mem_copy_out(m, out, 0xa0123, sizeof(out)));
    ck_assert_mem_eq(buf, out, sizeof(buf));
    /* Running off the mapping fails without writing anything. */
    uint8_t ones[2 * PG];
    memset(ones, 0xff, sizeof(ones));
    ck_assert(!guest_mem_copy_in(m, 0xa3800, ones, sizeof(ones)));
    ck_assert(guest_mem_copy_out(m, out, 0xa3800, 16));
    for (int i = 0; i < 16; i++)
        ck_assert_uint_eq(out[i], 0);
    ck_assert(!guest_mem_copy_out(m, out, 0xa3f00, 0x200));
    ck_assert(guest_mem_copy_in(m, 0xdead0000, buf, 0)); /* nothing to copy */
}
END_TEST

START_TEST(find_free_lowest_fit)
{
    ck_assert_uint_eq(guest_mem_find_free(m, 0x100000, PG), 0x100000);
    ck_assert_uint_eq(guest_mem_find_free(m, 0x100001, PG), 0x101000); /* rounded up */
    ck_assert(guest_mem_map(m, 0x100000, PG, RW));
    ck_assert(guest_mem_map(m, 0x102000, PG, RW));
    ck_assert_uint_eq(guest_mem_find_free(m, 0x100000, PG), 0x101000);
    ck_assert_uint_eq(guest_mem_find_free(m, 0x100000, 2 * PG), 0x103000);
    ck_assert_uint_eq(guest_mem_find_free(m, 0x100000, 1), 0x101000);
    /* Gaps across table boundaries: a 2 MiB leaf and a 1 GiB node. */
    ck_assert(guest_mem_map(m, 0x3ff000, PG, RW));
    ck_assert_uint_eq(guest_mem_find_free(m, 0x3ff000, PG), 0x400000);
    ck_assert(guest_mem_map(m, 0x40000000 - PG, 2 * PG, RW));
    ck_assert_uint_eq(guest_mem_find_free(m, 0x40000000 - PG, 0x10000), 0x40001000);
    /* Page 0 is never offered (0 means "none"). */
    ck_assert_uint_eq(guest_mem_find_free(m, 0, PG), PG);
    /* Nothing fits above the 48-bit limit. */
    ck_assert_uint_eq(guest_mem_find_free(m, TOP - PG, PG), TOP - PG);
    ck_assert_uint_eq(guest_mem_find_free(m, TOP - PG, 2 * PG), 0);
    ck_assert_uint_eq(guest_mem_find_free(m, TOP, PG), 0);
    ck_assert_uint_eq(guest_mem_find_free(m, 0x1000, TOP), 0);
    ck_assert_uint_eq(guest_mem_find_free(m, 0x1000, 0), 0);
    ck_assert(guest_mem_map(m, TOP - PG, PG, RW));
    ck_assert_uint_eq(guest_mem_find_free(m, TOP - 2 * PG, 2 * PG), 0);
}
END_TEST

START_TEST(large_sparse_map_is_cheap)
{
    /* 1 GiB mapped but untouched costs tables, not host pages. */
    uint64_t v, f;
    ck_assert(guest_mem_map(m, 0x7f0000000000ull, 1ull << 30, RW));
    ck_assert(guest_mem_write(m, 0x7f0000000000ull + (1ull << 29), 8, 5, &f));
    ck_assert(guest_mem_read(m, 0x7f0000000000ull + (1ull << 29), 8, &v, &f));
    ck_assert_uint_eq(v, 5);
    ck_assert(guest_mem_read(m, 0x7f0000000000ull + (1ull << 30) - 8, 8, &v, &f));
    ck_assert_uint_eq(v, 0);
    ck_assert_uint_eq(guest_mem_find_free(m, 0x7f0000000000ull, PG),
                      0x7f0000000000ull + (1ull << 30));
}
END_TEST

START_TEST(fetch_words)
{
    uint32_t insn;
    uint64_t f;
    ck_assert(guest_mem_map(m, 0x400000, 2 * PG, RWX));
    ck_assert(guest_mem_write(m, 0x400ffc, 4, 0xd65f03c0, &f));
    ck_assert(guest_mem_fetch(m, 0x400ffc, &insn));
    ck_assert_uint_eq(insn, 0xd65f03c0);
    ck_assert(guest_mem_protect(m, 0x401000, PG, GUEST_PROT_READ));
    ck_assert(!guest_mem_fetch(m, 0x400ffe, &insn)); /* second half not executable */
    ck_assert(!guest_mem_fetch(m, TOP - 4, &insn));
}
END_TEST

/* MTE allocation tags: 4 bits per 16-byte granule beside each mapped page,
 * 0 until written, independent per granule, kept by mprotect, dropped when
 * the page is unmapped or replaced; unmapped addresses fail. */
START_TEST(tags_per_granule)
{
    GuestMem *m = guest_mem_new();
    ck_assert(guest_mem_map(m, 0x10000, 0x2000, GUEST_PROT_READ | GUEST_PROT_WRITE));
    uint8_t tag = 0xff;
    ck_assert(guest_mem_get_tag(m, 0x10000, &tag));
    ck_assert_uint_eq(tag, 0);
    ck_assert(guest_mem_get_tag(m, 0x11ff0, &tag));
    ck_assert_uint_eq(tag, 0);
    /* neighbouring granules (the two nibbles of one byte) and a page end */
    ck_assert(guest_mem_set_tag(m, 0x10000, 0x5));
    ck_assert(guest_mem_set_tag(m, 0x10010, 0xa));
    ck_assert(guest_mem_set_tag(m, 0x10ff0, 0xf));
    ck_assert(guest_mem_set_tag(m, 0x11000, 0x3));
    /* any address in the granule names it; only 4 bits are kept */
    ck_assert(guest_mem_get_tag(m, 0x1000f, &tag));
    ck_assert_uint_eq(tag, 0x5);
    ck_assert(guest_mem_get_tag(m, 0x10018, &tag));
    ck_assert_uint_eq(tag, 0xa);
    ck_assert(guest_mem_get_tag(m, 0x10fff, &tag));
    ck_assert_uint_eq(tag, 0xf);
    ck_assert(guest_mem_get_tag(m, 0x11000, &tag));
    ck_assert_uint_eq(tag, 0x3);
    ck_assert(guest_mem_get_tag(m, 0x10020, &tag));
    ck_assert_uint_eq(tag, 0);
    ck_assert(guest_mem_set_tag(m, 0x10011, 0x17));
    ck_assert(guest_mem_get_tag(m, 0x10010, &tag));
    ck_assert_uint_eq(tag, 0x7);
    ck_assert(guest_mem_get_tag(m, 0x10000, &tag));
    ck_assert_uint_eq(tag, 0x5);
    /* tags are not data */
    uint64_t v = 1, fault;
    ck_assert(guest_mem_read(m, 0x10000, 8, &v, &fault));
    ck_assert_uint_eq(v, 0);
    /* unmapped: fail, never allocate */
    ck_assert(!guest_mem_get_tag(m, 0x12000, &tag));
    ck_assert(!guest_mem_set_tag(m, 0x0fff0, 1));
    ck_assert(!guest_mem_get_tag(m, 1ull << 48, &tag));
    ck_assert(!guest_mem_set_tag(m, ~0ull, 1));
    guest_mem_free(m);
}
END_TEST

START_TEST(tags_follow_the_page)
{
    GuestMem *m = guest_mem_new();
    uint8_t tag = 0xff;
    ck_assert(guest_mem_map(m, 0x10000, 0x2000, GUEST_PROT_READ | GUEST_PROT_WRITE));
    ck_assert(guest_mem_set_tag(m, 0x10040, 0x9));
    ck_assert(guest_mem_set_tag(m, 0x11040, 0x6));
    /* mprotect keeps tags, even PROT_NONE (tag access ignores protections) */
    ck_assert(guest_mem_protect(m, 0x10000, 0x1000, 0));
    ck_assert(guest_mem_get_tag(m, 0x10040, &tag));
    ck_assert_uint_eq(tag, 0x9);
    ck_assert(guest_mem_protect(m, 0x10000, 0x1000, GUEST_PROT_READ));
    ck_assert(guest_mem_get_tag(m, 0x10040, &tag));
    ck_assert_uint_eq(tag, 0x9);
    /* unmap frees them; a new mapping starts with tags 0 */
    ck_assert(guest_mem_unmap(m, 0x10000, 0x1000));
    ck_assert(!guest_mem_get_tag(m, 0x10040, &tag));
    ck_assert(guest_mem_map(m, 0x10000, 0x1000, GUEST_PROT_READ));
    ck_assert(guest_mem_get_tag(m, 0x10040, &tag));
    ck_assert_uint_eq(tag, 0);
    /* mapping over a page replaces it, tags included */
    ck_assert(guest_mem_get_tag(m, 0x11040, &tag));
    ck_assert_uint_eq(tag, 0x6);
    ck_assert(guest_mem_map(m, 0x11000, 0x1000, GUEST_PROT_READ));
    ck_assert(guest_mem_get_tag(m, 0x11040, &tag));
    ck_assert_uint_eq(tag, 0);
    /* writing data to a tagged zero page keeps its tags */
    ck_assert(guest_mem_map(m, 0x20000, 0x1000, GUEST_PROT_READ | GUEST_PROT_WRITE));
    ck_assert(guest_mem_set_tag(m, 0x20ff0, 0xc));
    uint64_t fault;
    ck_assert(guest_mem_write(m, 0x20ff8, 8, 0x1122334455667788ull, &fault));
    ck_assert(guest_mem_get_tag(m, 0x20ff0, &tag));
    ck_assert_uint_eq(tag, 0xc);
    guest_mem_free(m); /* frees the tag arrays (checked by the SAN build) */
}
END_TEST

static Suite *guest_mem_suite(void)
{
    Suite *s = suite_create("guest_mem");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, map_is_zeroed);
    tcase_add_test(tc, map_rounds_len_and_rejects_bad_ranges);
    tcase_add_test(tc, little_endian_all_sizes);
    tcase_add_test(tc, cross_page_read_write);
    tcase_add_test(tc, fault_addresses);
    tcase_add_test(tc, protections);
    tcase_add_test(tc, protect_changes_access_and_keeps_data);
    tcase_add_test(tc, unmap_and_remap);
    tcase_add_test(tc, copy_in_out);
    tcase_add_test(tc, find_free_lowest_fit);
    tcase_add_test(tc, large_sparse_map_is_cheap);
    tcase_add_test(tc, fetch_words);
    tcase_add_test(tc, tags_per_granule);
    tcase_add_test(tc, tags_follow_the_page);
    tcase_add_test(tc, discard_reads_zero_keeps_prot);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(guest_mem_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
