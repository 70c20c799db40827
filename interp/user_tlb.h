/* User mode's host-pointer TLB: recent guest pages of loads and stores and
 * their host bytes, so a hit skips the walk of the guest page table. */
#ifndef ARMATURE_USER_TLB_H
#define ARMATURE_USER_TLB_H

#include <stdint.h>

/* Direct-mapped by virtual page number; `read`/`write` hold a page only
 * while it is mapped with that permission (guest_mem_host_page()). Every
 * entry is dropped when the guest memory generation moves (map, unmap,
 * protect, first write to a fresh page), so a hit is exactly what
 * guest_mem_read()/guest_mem_write() would have done. */
enum { USER_TLB_BITS = 8 };

typedef struct UserTlbEntry {
    uint64_t page;      /* guest page address, or 1 (never a page): empty */
    uint8_t *host;
} UserTlbEntry;

typedef struct UserTlb {
    uint64_t gen;       /* the generation the entries were filled at */
    UserTlbEntry read[1u << USER_TLB_BITS];
    UserTlbEntry write[1u << USER_TLB_BITS];
} UserTlb;

static inline void user_tlb_flush(UserTlb *t, uint64_t gen)
{
    for (unsigned i = 0; i < 1u << USER_TLB_BITS; i++) {
        t->read[i].page = 1;
        t->write[i].page = 1;
    }
    t->gen = gen;
}

#endif
