/* Allocation tag memory (FEAT_MTE2) for the primitives of
 * spec/lib/mte_tags.asl: tags live beside guest memory in the guest page map
 * (guest_mem_get_tag / guest_mem_set_tag). Until the MMU exists the
 * "translation" of a page-sized access (AArch64.TranslateAccess: tag
 * accesses, LS64) is the page map's: unmapped pages give a translation
 * fault, pages without the needed permission a permission fault. */
#include <string.h>

#include "cpu_internal.h"
#include "asl_lib.h"

/* Data Fault Status Codes (ESR_ELx.ISS.DFSC) of a level 3 page. */
#define DFSC_TRANSLATION_L3 0x07u
#define DFSC_PERMISSION_L3 0x0fu

AslStatus prim_AArch64_TranslateAccess(Cpu *cpu, uint64_t address, bool iswrite)
{
    unsigned need = iswrite ? GUEST_PROT_WRITE : GUEST_PROT_READ;
    if (guest_mem_is_mapped(cpu->mem, address, 1, need))
        return ASL_OK;
    unsigned fsc = guest_mem_is_mapped(cpu->mem, address, 1, 0) ? DFSC_PERMISSION_L3 : DFSC_TRANSLATION_L3;
    return cpu_exc_memory_fault(cpu, address, iswrite, false, fsc);
}

uint64_t prim_PhysMemTagRead(Cpu *cpu, uint64_t address)
{
    uint8_t tag = 0;
    if (!guest_mem_get_tag(cpu->mem, address, &tag))
        asl_fail("PhysMemTagRead() without AArch64.TranslateAccess()", "interp/mte_tags.c");
    return tag;
}

void prim_PhysMemTagWrite(Cpu *cpu, uint64_t address, uint64_t tag)
{
    if (!guest_mem_set_tag(cpu->mem, address, (uint8_t)(tag & 0xf)))
        asl_fail("PhysMemTagWrite() without AArch64.TranslateAccess()", "interp/mte_tags.c");
}
