/* The soft TLB (tlb.h): filling an entry from the translation pseudocode on
 * a miss, TLB maintenance (the TLBInvalidate / TLBFlushAll primitives of
 * spec/lib/translation.asl), and the physical reads of table walks. */
#include <string.h>

#include "cpu_internal.h"
#include "asl_lib.h"

void tlb_flush(Tlb *t)
{
    for (unsigned r = 0; r < TLB_REGIMES; r++)
        for (unsigned i = 0; i < TLB_SIZE; i++)
            t->e[r][i].vpage = TLB_NO_PAGE;
}

/* The permissions of a translation as TLB_* bits. */
static unsigned tlb_perms(const AddressDescriptor *d)
{
    const Permissions *p = &d->perms;
    return (p->ur ? TLB_UR : 0) | (p->uw ? TLB_UW : 0) | (p->ux ? TLB_UX : 0) | (p->pr ? TLB_PR : 0) |
           (p->pw ? TLB_PW : 0) | (p->px ? TLB_PX : 0) | (p->panr ? TLB_PANR : 0) | (p->panw ? TLB_PANW : 0) |
           (d->device ? 0 : TLB_NORMAL);
}

/* The miss path: translate with the pseudocode (which raises the abort of a
 * failed access), then cache the 4 KiB page of the result. */
AslStatus tlb_fill(Cpu *cpu, uint64_t va, AccType acctype, bool write, bool aligned, uint64_t *pa)
{
    AddressDescriptor d;
    ASL_TRY(asl_AArch64_TranslateAddress(cpu, va, acctype, write, aligned, &d));
    *pa = d.paddress;
    TlbEntry *e = &cpu->tlb.e[tlb_regime((unsigned)cpu->a.PSTATE.EL)][(va >> TLB_PAGE_SHIFT) & (TLB_SIZE - 1)];
    e->vpage = va >> TLB_PAGE_SHIFT;
    e->ppage = d.paddress >> TLB_PAGE_SHIFT;
    e->ipage = d.ipaddress >> TLB_PAGE_SHIFT;
    e->perms = (uint16_t)tlb_perms(&d);
    e->asid = (uint16_t)d.asid;
    e->vmid = (uint16_t)d.vmid;
    e->global = d.global;
    e->s1bits = (uint8_t)d.s1size;
    e->s2bits = (uint8_t)d.s2size;
    return ASL_OK;
}

void prim_TLBFlushAll(Cpu *cpu) { tlb_flush(&cpu->tlb); }

/* Does the entry's page or block (2^bits bytes) hold `addr`? Only bits
 * `top`:bits count: VA<55:12> of a TLBI operand (bits 63:56 are a tag or
 * follow bit 55), IPA<47:12>. */
static bool tlb_covers(uint64_t page, unsigned bits, uint64_t addr, unsigned top)
{
    uint64_t mask = (top >= 63 ? ~UINT64_C(0) : (UINT64_C(1) << (top + 1)) - 1) & ~((UINT64_C(1) << bits) - 1);
    return ((page << TLB_PAGE_SHIFT ^ addr) & mask) == 0;
}

static void tlb_invalidate(Cpu *cpu, uint64_t regime, TLBIScope scope, bool allvmids, uint64_t vmid, uint64_t asid,
                           uint64_t address)
{
    TlbEntry *t = cpu->tlb.e[regime - 1];
    for (unsigned i = 0; i < TLB_SIZE; i++) {
        TlbEntry *e = &t[i];
        if (e->vpage == TLB_NO_PAGE)
            continue;
        if (regime == 1 && !allvmids && e->vmid != vmid)
            continue;
        bool kill = false;
        switch (scope) {
        case TLBIScope_All:
        case TLBIScope_VMID: kill = true; break;
        case TLBIScope_ASID: kill = !e->global && e->asid == asid; break;
        case TLBIScope_VA:
            kill = (e->global || e->asid == asid) && tlb_covers(e->vpage, e->s1bits, address, 55);
            break;
        case TLBIScope_VAA: kill = tlb_covers(e->vpage, e->s1bits, address, 55); break;
        case TLBIScope_IPA: kill = e->s2bits && tlb_covers(e->ipage, e->s2bits, address, 47); break;
        }
        if (kill)
            e->vpage = TLB_NO_PAGE;
    }
}

/* Every TLBI reaches every CPU of the machine (cpu_link_peers): the
 * broadcast (Inner/Outer Shareable) forms must, and doing the same for the
 * local forms only invalidates more, which the architecture allows. */
void prim_TLBInvalidate(Cpu *cpu, uint64_t regime, TLBIScope scope, bool allvmids, uint64_t vmid, uint64_t asid,
                        uint64_t address)
{
    if (regime < 1 || regime > 3)
        asl_fail("TLBInvalidate() regime", "interp/tlb.c");
    tlb_invalidate(cpu, regime, scope, allvmids, vmid, asid, address);
    for (Cpu *p = cpu->peer; p && p != cpu; p = p->peer)
        tlb_invalidate(p, regime, scope, allvmids, vmid, asid, address);
}

/* The physical address space of a table walk: the GuestMem the board
 * attached (RAM; nothing mapped = an external abort on the walk). */
bool prim_PhysMemValid(Cpu *cpu, uint64_t paddress, asl_int size)
{
    return guest_mem_is_mapped(cpu->mem, paddress, (uint64_t)size, GUEST_PROT_READ);
}

uint64_t prim_PhysMemRead64(Cpu *cpu, uint64_t paddress)
{
    uint64_t v = 0, fault;
    if (!guest_mem_read(cpu->mem, paddress, 8, &v, &fault))
        asl_fail("PhysMemRead64() without PhysMemValid()", "interp/tlb.c");
    return v;
}
