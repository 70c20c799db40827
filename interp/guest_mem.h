/* Guest virtual memory for user mode: 4 KiB pages of host memory behind a
 * radix table. Guest addresses are never host pointers. */
#ifndef ARMATURE_GUEST_MEM_H
#define ARMATURE_GUEST_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GUEST_PAGE_SIZE 4096u
#define GUEST_PROT_READ 1u
#define GUEST_PROT_WRITE 2u
#define GUEST_PROT_EXEC 4u

/* The guest address space is 48 bits (TTBR0 range of a 48-bit VA). */
#define GUEST_VA_BITS 48

typedef struct GuestMem GuestMem;

GuestMem *guest_mem_new(void);
void guest_mem_free(GuestMem *m);

/* Map [addr, addr+len) (page aligned) as zeroed anonymous memory with `prot`.
 * Existing pages in the range are replaced. Returns false if out of range. */
bool guest_mem_map(GuestMem *m, uint64_t addr, uint64_t len, unsigned prot);
bool guest_mem_unmap(GuestMem *m, uint64_t addr, uint64_t len);
bool guest_mem_protect(GuestMem *m, uint64_t addr, uint64_t len, unsigned prot);
/* MADV_DONTNEED: the pages of [addr, addr+len) read as zero again (tags
 * too) and give their host memory back; protections stay. All or nothing:
 * false (and no change) if any page is unmapped. */
bool guest_mem_discard(GuestMem *m, uint64_t addr, uint64_t len);
/* True if every page of [addr, addr+len) is mapped with all bits of `prot`. */
bool guest_mem_is_mapped(const GuestMem *m, uint64_t addr, uint64_t len, unsigned prot);
/* Lowest page-aligned address >= hint where `len` bytes are unmapped; 0 if none. */
uint64_t guest_mem_find_free(const GuestMem *m, uint64_t hint, uint64_t len);

/* Copy between host and guest regardless of guest protections (loader,
 * syscalls); false if any byte is unmapped. */
bool guest_mem_copy_in(GuestMem *m, uint64_t addr, const void *src, size_t len);
bool guest_mem_copy_out(const GuestMem *m, void *dst, uint64_t addr, size_t len);

/* Guest access with protection checks, little-endian, size 1/2/4/8 bytes,
 * any alignment. On failure returns false and sets *fault to the first
 * faulting byte address. */
bool guest_mem_read(GuestMem *m, uint64_t addr, unsigned size, uint64_t *val, uint64_t *fault);
bool guest_mem_write(GuestMem *m, uint64_t addr, unsigned size, uint64_t val, uint64_t *fault);
/* Fetch one instruction word (needs PROT_EXEC). */
bool guest_mem_fetch(GuestMem *m, uint64_t addr, uint32_t *insn);
/* For the CPU's caches of host pointers (instruction fetch, user-mode
 * loads and stores): the host bytes of the page holding `addr` if it is
 * mapped with every bit of `prot` (for GUEST_PROT_WRITE: and has its own
 * host page already, so the first write to a fresh page takes the slow
 * path), else NULL. A pointer is valid while the generation, read through
 * the returned address, is unchanged: it changes on every map, unmap,
 * protect and first write to a fresh page. */
const uint8_t *guest_mem_exec_page(GuestMem *m, uint64_t addr);
uint8_t *guest_mem_host_page(GuestMem *m, uint64_t addr, unsigned prot);
const uint64_t *guest_mem_generation(const GuestMem *m);

/* MTE allocation tags (FEAT_MTE2): a 4-bit tag for each 16-byte granule of
 * every mapped page, stored beside the page (allocated on the first nonzero
 * tag, freed when the page is unmapped or replaced; a new mapping's tags are
 * 0). `addr` is any address in the granule. Protections are not checked
 * here (callers check them as the access requires). Return false if the
 * page is unmapped. */
#define GUEST_TAG_GRANULE 16u
bool guest_mem_get_tag(const GuestMem *m, uint64_t addr, uint8_t *tag);
bool guest_mem_set_tag(GuestMem *m, uint64_t addr, uint8_t tag);

#endif
