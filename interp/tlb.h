/* The soft TLB: the translations of system mode's Mem[] and instruction
 * fetch, cached per 4 KiB virtual page so that a hit costs a compare and no
 * pseudocode. A miss walks the tables in spec/lib/translation.asl
 * (AArch64.TranslateAddress), which raises any fault; its result fills one
 * entry. Entries keep what TLB maintenance matches on (ASID, nG, VMID, the
 * stage 1 and stage 2 block sizes, the IPA), so each TLBI drops exactly the
 * entries the architecture says it invalidates (or more, which is always
 * allowed). */
#ifndef ARMATURE_TLB_H
#define ARMATURE_TLB_H

#include <stdbool.h>
#include <stdint.h>

#define TLB_BITS 8
#define TLB_SIZE (1u << TLB_BITS)
#define TLB_PAGE_SHIFT 12
#define TLB_NO_PAGE UINT64_MAX  /* never a VA >> 12 */

/* The accesses an entry allows (Permissions in translation.asl): unprivileged
 * and privileged read/write/execute, privileged data accesses under
 * PSTATE.PAN, and TLB_NORMAL when data accesses see Normal memory (an
 * unaligned access to Device memory needs the walk, which faults). */
enum {
    TLB_UR = 1u << 0, TLB_UW = 1u << 1, TLB_UX = 1u << 2,
    TLB_PR = 1u << 3, TLB_PW = 1u << 4, TLB_PX = 1u << 5,
    TLB_PANR = 1u << 6, TLB_PANW = 1u << 7,
    TLB_NORMAL = 1u << 8,
};

/* The regimes, one table each: EL1&0, EL2, EL3 (tlb_regime()). */
#define TLB_REGIMES 3

typedef struct TlbEntry {
    uint64_t vpage;     /* VA >> 12 with all 64 VA bits (a tagged VA is its own entry) */
    uint64_t ppage;     /* PA >> 12 */
    uint64_t ipage;     /* IPA >> 12 when stage 2 applied (s2bits != 0) */
    uint16_t perms;     /* TLB_* */
    uint16_t asid;      /* EL1&0: the ASID of a non-global entry */
    uint16_t vmid;      /* EL1&0: the VMID (0 when EL2 is disabled) */
    uint8_t global;     /* nG == 0 (always, outside EL1&0) */
    uint8_t s1bits;     /* log2 of the stage 1 page or block (TLBI by VA) */
    uint8_t s2bits;     /* log2 of the stage 2 page or block, 0 without stage 2 */
} TlbEntry;

typedef struct Tlb {
    TlbEntry e[TLB_REGIMES][TLB_SIZE];
} Tlb;

/* The table of the regime an EL translates in (S1TranslationRegime(): EL0
 * and EL1 share EL1&0; VHE's EL2&0 is not modelled). */
static inline unsigned tlb_regime(unsigned el) { return el <= 1 ? 0 : el - 1; }

/* The hit path: the entry for `va` if it allows every access in `need`. */
static inline const TlbEntry *tlb_hit(const Tlb *t, unsigned regime, uint64_t va, unsigned need)
{
    const TlbEntry *e = &t->e[regime][(va >> TLB_PAGE_SHIFT) & (TLB_SIZE - 1)];
    return e->vpage == va >> TLB_PAGE_SHIFT && (e->perms & need) == need ? e : 0;
}

/* Drop every entry (reset, raw register writes by boards and debuggers,
 * TLBFlushAll()). */
void tlb_flush(Tlb *t);

#endif
