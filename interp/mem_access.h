/* Mem[] for the generated instruction semantics: the user-mode hit in the
 * host-pointer TLB inline, everything else in interp/cpu.c. */
#ifndef ARMATURE_MEM_ACCESS_H
#define ARMATURE_MEM_ACCESS_H

#include <string.h>

#include "cpu_internal.h"
#include "monitor.h"

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the user-mode fast path copies guest (little-endian) bytes as host integers"
#endif

/* The whole access, any mode (interp/cpu.c); it fills the user TLB. */
AslStatus cpu_mem_get(Cpu *cpu, uint64_t address, unsigned size, AccType acctype, uint64_t *value);
AslStatus cpu_mem_set(Cpu *cpu, uint64_t address, unsigned size, AccType acctype, uint64_t value);

/* User mode: the host bytes of `va` for an access of `size` bytes if the
 * TLB `tab` (read or write) holds its page, else NULL. The address is used
 * as it is: only a canonical address with a clear top byte can hit (one
 * with a tag in the top byte takes the slow path, which applies TBI). */
static inline uint8_t *user_tlb_hit(const Cpu *cpu, const UserTlbEntry *tab, uint64_t va, unsigned size)
{
    const UserTlbEntry *e = &tab[(va / GUEST_PAGE_SIZE) & ((1u << USER_TLB_BITS) - 1)];
    if (__builtin_expect(e->page == (va & ~(uint64_t)(GUEST_PAGE_SIZE - 1)), 1) &&
        __builtin_expect((va & (GUEST_PAGE_SIZE - 1)) + size <= GUEST_PAGE_SIZE, 1) &&
        __builtin_expect(cpu->utlb.gen == *cpu->mem_gen, 1))
        return e->host + (va & (GUEST_PAGE_SIZE - 1));
    return NULL;
}

/* The generator declares these after this definition; a declaration
 * without `static` then names this internal function (C11 6.2.2). Only
 * the generated semantics (interp/a64.c) call Mem[]. */
static inline AslStatus prim_get_Mem(Cpu *cpu, uint64_t address, asl_int size, AccType acctype, uint64_t *value)
{
    if (!cpu->system_mode && size <= 8) {
        const uint8_t *host = user_tlb_hit(cpu, cpu->utlb.read, address, (unsigned)size);
        if (__builtin_expect(host != NULL, 1)) {
            uint64_t v = 0;
            memcpy(&v, host, (size_t)size);
            *value = v;
            return ASL_OK;
        }
    }
    return cpu_mem_get(cpu, address, (unsigned)size, acctype, value);
}

static inline AslStatus prim_set_Mem(Cpu *cpu, uint64_t address, asl_int size, AccType acctype, uint64_t value)
{
    if (!cpu->system_mode && size <= 8) {
        uint8_t *host = user_tlb_hit(cpu, cpu->utlb.write, address, (unsigned)size);
        if (__builtin_expect(host != NULL, 1)) {
            memcpy(host, &value, (size_t)size);
            monitor_note_store(cpu, address, (uint64_t)size);
            return ASL_OK;
        }
    }
    return cpu_mem_set(cpu, address, (unsigned)size, acctype, value);
}

#endif
