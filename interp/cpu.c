/* The CPU: creation, the run loop, and the narrow API boards use. The
 * loop fetches, decodes through the generated tree and runs the generated
 * exec_<id>() function; what an instruction does is never written here. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cpu_internal.h"
#include "a64_meta.h"
#include "mem_access.h"
#include "monitor.h"

/* Encoding coverage: with ARMATURE_COVERAGE=FILE set, every process appends
 * "<encoding id> <times executed>" for each encoding it executed, so a test
 * run can tell which encodings each test case reached (scripts/coverage). */
static uint64_t *coverage;

static void coverage_dump(void)
{
    const char *path = getenv("ARMATURE_COVERAGE");
    int fd = path ? open(path, O_WRONLY | O_CREAT | O_APPEND, 0644) : -1;
    if (fd < 0)
        return;
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    for (int i = 0; buf && i < a64_n_encodings; i++) {
        if (!coverage[i])
            continue;
        if (len + 128 > cap)
            buf = realloc(buf, cap *= 2);
        if (buf)
            len += (size_t)snprintf(buf + len, 128, "%s %llu\n", a64_encodings[i].id,
                                    (unsigned long long)coverage[i]);
    }
    /* one write: concurrent test processes append whole blocks */
    if (buf && write(fd, buf, len) != (ssize_t)len)
        fputs("armature: cannot write the coverage file\n", stderr);
    free(buf);
    close(fd);
}

static void coverage_init(void)
{
    static bool done;
    if (done)
        return;
    done = true;
    if (getenv("ARMATURE_COVERAGE")) {
        coverage = calloc((size_t)a64_n_encodings, sizeof *coverage);
        if (coverage)
            atexit(coverage_dump);
    }
}

static void decode_fill(Cpu *cpu, DecodeSlot *s, uint32_t insn);

Cpu *cpu_new(const char *model)
{
    coverage_init();
    const CpuModel *m = cpu_model_find(model);
    if (!m)
        return NULL;
    Cpu *cpu = calloc(1, sizeof *cpu);
    uint8_t *enabled = calloc((size_t)a64_n_encodings, 1);
    bool *feat = calloc((size_t)feature_count, sizeof *feat);
    if (!cpu || !enabled || !feat) {
        free(cpu);
        free(enabled);
        free(feat);
        return NULL;
    }
    /* IsFeatureImplemented() asks per instruction: answer from an array */
    for (int f = 0; f < feature_count; f++)
        feat[f] = cpu_model_has(m, feature_names[f]);
    cpu->feat = feat;
    cpu->fetch_page = ~(uint64_t)0;
    /* An encoding whose feature the model lacks is UNDEFINED. */
    for (int i = 0; i < a64_n_encodings; i++) {
        const char *f = a64_encodings[i].feature;
        enabled[i] = f[0] == 0 || cpu_model_has(m, f);
    }
    cpu->model = m;
    cpu->enc_enabled = enabled;
    /* Every slot starts as a correct entry for the word 0. */
    cpu->dcache = aligned_alloc(_Alignof(DecodeSlot), sizeof *cpu->dcache << DECODE_CACHE_BITS);
    if (!cpu->dcache) {
        free(cpu);
        free(enabled);
        free(feat);
        return NULL;
    }
    decode_fill(cpu, &cpu->dcache[0], 0);
    for (size_t i = 1; i < (size_t)1 << DECODE_CACHE_BITS; i++)
        cpu->dcache[i] = cpu->dcache[0];
    user_tlb_flush(&cpu->utlb, cpu->mem_gen ? *cpu->mem_gen : 0);
    /* The ELs of the model: ID_AA64PFR0_EL1.EL0..EL3 (bits 15:0), 0 = absent. */
    cpu->el_mask = 0x3;
    for (int i = 0; i < m->nregs; i++)
        if (strcmp(m->regs[i].name, "ID_AA64PFR0_EL1") == 0)
            for (int el = 0; el < 4; el++)
                if (m->regs[i].value >> (4 * el) & 0xf)
                    cpu->el_mask |= (uint8_t)(1u << el);
    cpu_reset(cpu);
    return cpu;
}

void cpu_free(Cpu *cpu)
{
    if (cpu) {
        monitor_detach(cpu);
        free(cpu->enc_enabled);
        free(cpu->feat);
        free(cpu->dcache);
    }
    free(cpu);
}

const char *cpu_model_name(const Cpu *cpu) { return cpu->model->name; }

bool cpu_has_feature(const Cpu *cpu, const char *feature) { return cpu_model_has(cpu->model, feature); }

const char *cpu_model_list(int i) { return i >= 0 && i < cpu_n_models ? cpu_models[i].name : NULL; }

/* The EL1 controls Linux (arch/arm64 INIT_SCTLR_EL1_MMU_ON, and CPACR_EL1
 * after the first FP use) leaves for user programs: SCTLR_EL1 with M, C, SA,
 * SA0, SED, EOS, I, DZE, UCT, nTWI, nTWE, TSCXT, IESB, EIS, SPAN, UCI, nTLSMD,
 * LSMAOE and the pointer-authentication key enables; FPEN = 11. Linux leaves
 * nTWI clear and emulates a trapped WFI as a NOP: the same to the program. */
#define USER_SCTLR_EL1 UINT64_C(0xfcf5f91d)
#define USER_CPACR_EL1 UINT64_C(0x300000)
/* TCR_EL1 as Linux (arch/arm64/mm/proc.S) sets it for 48-bit VAs with 4K
 * pages: T0SZ = T1SZ = 16, TG1 = 4K, A1, IPS = 48 bits, AS (16-bit ASIDs),
 * TBI0 (top byte ignored for user addresses, data and instructions: TBID0
 * clear). User mode only reads TBI0 (user_va(), AddrTop()). */
#define USER_TCR_EL1 UINT64_C(0x3580500010)
/* GCR_EL1 as Linux sets it for a process that has not enabled tagged
 * addresses with prctl(): every tag excluded, so IRG/ADDG/SUBG give tag 0. */
#define USER_GCR_EL1 UINT64_C(0xffff)

void cpu_reset(Cpu *cpu)
{
    monitor_clear_exclusive(cpu); /* reset leaves no exclusive reservation */
    memset(&cpu->a, 0, sizeof cpu->a);
    sysregs_reset(cpu);
    for (int i = 0; i < cpu->model->nregs; i++)
        sysregs_set_by_name(cpu, cpu->model->regs[i].name, cpu->model->regs[i].value);
    cpu->a._RVBAR = cpu->rvbar;
    if (cpu->system_mode) {
        cpu_exc_reset(cpu); /* AArch64.TakeReset(): highest EL, SP_ELx, DAIF masked */
        cpu->a._PC = cpu->rvbar;
    } else {
        /* User mode: EL0, SP_EL0, AArch64, DAIF clear as Linux runs EL0. */
        cpu->a.PSTATE.EL = 0;
        cpu->a.PSTATE.SP = 0;
        cpu->a.PSTATE.nRW = 0;
        cpu->a.SCTLR_EL1 = USER_SCTLR_EL1;
        cpu->a.CPACR_EL1 = USER_CPACR_EL1;
        cpu->a.TCR_EL1 = USER_TCR_EL1;
        cpu->a.GCR_EL1 = USER_GCR_EL1;
    }
    tlb_flush(&cpu->tlb);
    cpu->icount = 0;
    memset(&cpu->exc, 0, sizeof cpu->exc);
}

void cpu_set_system_mode(Cpu *cpu, bool on) { cpu->system_mode = on; }

void cpu_copy_state(Cpu *dst, const Cpu *src)
{
    dst->a = src->a; /* plain data: registers, PSTATE, system registers, keys */
    monitor_clear_exclusive(dst); /* the copy holds no reservation */
    tlb_flush(&dst->tlb);
    dst->icount = 0;
    memset(&dst->exc, 0, sizeof dst->exc);
}

void cpu_set_rvbar(Cpu *cpu, uint64_t addr)
{
    cpu->rvbar = addr;
    cpu->a._RVBAR = addr;
}

void cpu_set_irq(Cpu *cpu, CpuIrqLine line, bool level)
{
    switch (line) {
    case CPU_IRQ: cpu->a.IRQPending = level; break;
    case CPU_FIQ: cpu->a.FIQPending = level; break;
    case CPU_SERROR:
        if (level)
            cpu->a.SErrorPending = true; /* cleared when the SError is taken */
        break;
    }
}

/* ImplementedEL() (spec/lib/system.asl): user mode has EL0 and the EL1 the
 * board stands in for; system mode every EL of the model. */
bool prim_ImplementedEL(Cpu *cpu, asl_int el)
{
    if (el < 0 || el > 3)
        return false;
    if (!cpu->system_mode)
        return el <= 1;
    return cpu->el_mask >> el & 1;
}

void cpu_set_mem(Cpu *cpu, GuestMem *mem)
{
    cpu->mem = mem;
    cpu->mem_gen = mem ? guest_mem_generation(mem) : NULL;
    cpu->fetch_page = ~(uint64_t)0;
    user_tlb_flush(&cpu->utlb, cpu->mem_gen ? *cpu->mem_gen : 0);
}

void cpu_set_semihosting(Cpu *cpu, bool on) { cpu->semihosting = on; }

bool prim_SemihostingEnabled(Cpu *cpu) { return cpu->semihosting; }

/* Mem[] (spec/lib/memory.asl). User mode: the GuestMem is the flat virtual
 * address space. System mode: it is the physical address space, reached
 * through the soft TLB (tlb.h) and, on a miss, the translation pseudocode
 * (spec/lib/translation.asl), which raises translation, permission and
 * alignment faults itself. Nothing at an address of the GuestMem ends the
 * instruction with a synchronous external abort carrying the faulting VA. */
/* ESR_ELx.ISS.DFSC/IFSC: synchronous external abort (nothing at the address). */
#define FSC_EXTERNAL_ABORT 0x10u

static AslStatus data_abort(Cpu *cpu, uint64_t fault, bool write)
{
    return cpu_exc_memory_fault(cpu, fault, write, false, FSC_EXTERNAL_ABORT);
}

/* User mode's top-byte-ignore: Linux sets TCR_EL1.TBI0 (USER_TCR_EL1), so
 * bits 63:56 of an address whose bit 55 is clear are ignored (AddrTop()).
 * Branch targets are made canonical by BranchTo() (AArch64.BranchAddr()). */
#define TOP_BYTE UINT64_C(0xff00000000000000)

static inline uint64_t user_va(const Cpu *cpu, uint64_t va)
{
    if (!(va >> 55 & 1) && (cpu->a.TCR_EL1 >> 37 & 1))
        return va & ~TOP_BYTE;
    return va;
}

/* The TLB_* permission an access needs (AArch64.CheckPermission() in
 * spec/lib/translation.asl, for the TLB's hit path): unprivileged at EL0 and
 * for LDTR/STTR (AccType_UNPRIV); PSTATE.PAN's view for other privileged
 * data accesses at EL1 (PAN is only ever set with FEAT_PAN); Normal memory
 * for an unaligned data access. */
static inline unsigned access_need(const Cpu *cpu, AccType acctype, bool write, bool aligned)
{
    unsigned el = (unsigned)cpu->a.PSTATE.EL;
    bool priv = el != 0 && acctype != AccType_UNPRIV;
    if (acctype == AccType_IFETCH)
        return priv ? TLB_PX : TLB_UX;
    unsigned need = aligned ? 0 : TLB_NORMAL;
    if (!priv)
        return need | (write ? TLB_UW : TLB_UR);
    if (cpu->a.PSTATE.PAN && el == 1 && acctype != AccType_AT)
        return need | (write ? TLB_PANW : TLB_PANR);
    return need | (write ? TLB_PW : TLB_PR);
}

/* System mode: the physical address of `va` for this access. */
static inline AslStatus translate(Cpu *cpu, uint64_t va, AccType acctype, bool write, bool aligned, uint64_t *pa)
{
    const TlbEntry *e = tlb_hit(&cpu->tlb, tlb_regime((unsigned)cpu->a.PSTATE.EL), va,
                                access_need(cpu, acctype, write, aligned));
    if (__builtin_expect(e != NULL, 1)) {
        *pa = e->ppage << TLB_PAGE_SHIFT | (va & ((1u << TLB_PAGE_SHIFT) - 1));
        return ASL_OK;
    }
    return tlb_fill(cpu, va, acctype, write, aligned, pa);
}

#define PAGE_OFFSET(a) ((a) & ((1u << TLB_PAGE_SHIFT) - 1))

/* System mode: an access that crosses into the next page translates both
 * pages (a fault in either ends it before any byte moves), then moves the
 * bytes one at a time (little-endian). */
static AslStatus sys_access_split(Cpu *cpu, uint64_t va, unsigned size, AccType acctype, bool write, uint64_t *value)
{
    unsigned n1 = (1u << TLB_PAGE_SHIFT) - PAGE_OFFSET(va);
    uint64_t pa1, pa2, fault;
    ASL_TRY(translate(cpu, va, acctype, write, false, &pa1));
    ASL_TRY(translate(cpu, va + n1, acctype, write, false, &pa2));
    if (!guest_mem_is_mapped(cpu->mem, pa1, n1, write ? GUEST_PROT_WRITE : GUEST_PROT_READ))
        return data_abort(cpu, va, write);
    if (!guest_mem_is_mapped(cpu->mem, pa2, size - n1, write ? GUEST_PROT_WRITE : GUEST_PROT_READ))
        return data_abort(cpu, va + n1, write);
    uint64_t v = write ? *value : 0;
    for (unsigned i = 0; i < size; i++) {
        uint64_t pa = i < n1 ? pa1 + i : pa2 + (i - n1);
        if (write) {
            if (!guest_mem_write(cpu->mem, pa, 1, v >> (8 * i) & 0xff, &fault))
                return data_abort(cpu, va + i, true);
        } else {
            uint64_t b;
            if (!guest_mem_read(cpu->mem, pa, 1, &b, &fault))
                return data_abort(cpu, va + i, false);
            v |= b << (8 * i);
        }
    }
    if (!write)
        *value = v;
    return ASL_OK;
}

static AslStatus sys_get(Cpu *cpu, uint64_t va, unsigned size, AccType acctype, uint64_t *value)
{
    if (__builtin_expect(PAGE_OFFSET(va) + size > (1u << TLB_PAGE_SHIFT), 0))
        return sys_access_split(cpu, va, size, acctype, false, value);
    uint64_t pa, fault;
    ASL_TRY(translate(cpu, va, acctype, false, (va & (size - 1)) == 0, &pa));
    if (!guest_mem_read(cpu->mem, pa, size, value, &fault)) {
        /* not RAM: a device on the bus (bus.h), else an external abort */
        if (cpu->bus && fault == pa && bus_read(cpu->bus, pa, size, value))
            return ASL_OK;
        return data_abort(cpu, va + (fault - pa), false);
    }
    return ASL_OK;
}

static AslStatus sys_set(Cpu *cpu, uint64_t va, unsigned size, AccType acctype, uint64_t value)
{
    if (__builtin_expect(PAGE_OFFSET(va) + size > (1u << TLB_PAGE_SHIFT), 0))
        return sys_access_split(cpu, va, size, acctype, true, &value);
    uint64_t pa, fault;
    ASL_TRY(translate(cpu, va, acctype, true, (va & (size - 1)) == 0, &pa));
    if (!guest_mem_write(cpu->mem, pa, size, value, &fault)) {
        if (cpu->bus && fault == pa && bus_write(cpu->bus, pa, size, value))
            return ASL_OK;
        return data_abort(cpu, va + (fault - pa), true);
    }
    return ASL_OK;
}

/* User mode: the host bytes of the page of `va` if the access may use them
 * (user_tlb.h), else NULL: the slow path decides. */
static inline uint8_t *utlb_page(Cpu *cpu, UserTlbEntry *tab, uint64_t va, unsigned prot)
{
    if (__builtin_expect(cpu->utlb.gen != *cpu->mem_gen, 0))
        user_tlb_flush(&cpu->utlb, *cpu->mem_gen);
    uint64_t page = va & ~(uint64_t)(GUEST_PAGE_SIZE - 1);
    UserTlbEntry *e = &tab[(va / GUEST_PAGE_SIZE) & ((1u << USER_TLB_BITS) - 1)];
    if (__builtin_expect(e->page == page, 1))
        return e->host;
    uint8_t *host = guest_mem_host_page(cpu->mem, va, prot);
    if (host) {
        e->page = page;
        e->host = host;
    }
    return host;
}

static inline bool within_page(uint64_t va, unsigned size)
{
    return (va & (GUEST_PAGE_SIZE - 1)) + size <= GUEST_PAGE_SIZE;
}

AslStatus cpu_mem_get(Cpu *cpu, uint64_t address, unsigned size, AccType acctype, uint64_t *value)
{
    uint64_t fault;
    if (size != 1 && size != 2 && size != 4 && size != 8)
        asl_fail("Mem[] access size", "interp/cpu.c");
    if (cpu->system_mode)
        return sys_get(cpu, address, size, acctype, value);
    uint64_t va = user_va(cpu, address);
    if (__builtin_expect(within_page(va, size), 1)) {
        const uint8_t *host = utlb_page(cpu, cpu->utlb.read, va, GUEST_PROT_READ);
        if (__builtin_expect(host != NULL, 1)) {
            uint64_t v = 0;
            memcpy(&v, host + (va & (GUEST_PAGE_SIZE - 1)), (size_t)size);
            *value = v;
            return ASL_OK;
        }
    }
    if (!guest_mem_read(cpu->mem, va, size, value, &fault))
        return data_abort(cpu, (address & TOP_BYTE) | (fault & ~TOP_BYTE), false);
    return ASL_OK;
}

AslStatus cpu_mem_set(Cpu *cpu, uint64_t address, unsigned size, AccType acctype, uint64_t value)
{
    uint64_t fault;
    if (size != 1 && size != 2 && size != 4 && size != 8)
        asl_fail("Mem[] access size", "interp/cpu.c");
    if (cpu->system_mode) {
        ASL_TRY(sys_set(cpu, address, size, acctype, value));
    } else {
        uint64_t va = user_va(cpu, address);
        uint8_t *host = within_page(va, size) ? utlb_page(cpu, cpu->utlb.write, va, GUEST_PROT_WRITE) : NULL;
        if (__builtin_expect(host != NULL, 1))
            memcpy(host + (va & (GUEST_PAGE_SIZE - 1)), &value, (size_t)size);
        else if (!guest_mem_write(cpu->mem, va, size, value, &fault))
            return data_abort(cpu, (address & TOP_BYTE) | (fault & ~TOP_BYTE), true);
    }
    monitor_note_store(cpu, address, (uint64_t)size); /* clears exclusive marks (monitor.h) */
    return ASL_OK;
}

/* The 128-bit forms of Mem[] (Q registers, pairs of X registers): two
 * 64-bit accesses, lower address first. IMPDEF: a 16-byte access is
 * single-copy atomic only per 64-bit half. */
AslStatus prim_get_Mem__w(Cpu *cpu, uint64_t address, asl_int size, AccType acctype, asl_u128 *value)
{
    if (size <= 8) {
        uint64_t v;
        AslStatus st = cpu_mem_get(cpu, address, (unsigned)size, acctype, &v);
        *value = v;
        return st;
    }
    if (size != 16)
        asl_fail("Mem[] access size", "interp/cpu.c");
    uint64_t lo, hi;
    ASL_TRY(cpu_mem_get(cpu, address, 8, acctype, &lo));
    ASL_TRY(cpu_mem_get(cpu, address + 8, 8, acctype, &hi));
    *value = (asl_u128)hi << 64 | lo;
    return ASL_OK;
}

AslStatus prim_set_Mem__w(Cpu *cpu, uint64_t address, asl_int size, AccType acctype, asl_u128 value)
{
    if (size <= 8)
        return cpu_mem_set(cpu, address, (unsigned)size, acctype, (uint64_t)value);
    if (size != 16)
        asl_fail("Mem[] access size", "interp/cpu.c");
    /* check both halves before writing either, so a fault changes nothing */
    if (cpu->system_mode) {
        uint64_t pa_lo, pa_hi;
        bool aligned = (address & 7) == 0;
        ASL_TRY(translate(cpu, address, acctype, true, aligned, &pa_lo));
        ASL_TRY(translate(cpu, address + 15, acctype, true, aligned, &pa_hi));
    } else {
        uint64_t va = user_va(cpu, address);
        if (!guest_mem_is_mapped(cpu->mem, va, 16, GUEST_PROT_WRITE)) {
            uint64_t fault = address;
            for (unsigned i = 0; i < 16; i++)
                if (!guest_mem_is_mapped(cpu->mem, va + i, 1, GUEST_PROT_WRITE)) {
                    fault = address + i;
                    break;
                }
            return data_abort(cpu, fault, true);
        }
    }
    ASL_TRY(cpu_mem_set(cpu, address, 8, acctype, (uint64_t)value));
    return cpu_mem_set(cpu, address + 8, 8, acctype, (uint64_t)(value >> 64));
}

/* Fetch the instruction at `pc`: user mode from the flat space, system mode
 * through the TLB and translation (an Instruction Abort on a fault). */
static inline AslStatus fetch(Cpu *cpu, bool sys, uint64_t pc, uint32_t *insn)
{
    uint64_t pa = pc;
    if (sys)
        ASL_TRY(translate(cpu, pc, AccType_IFETCH, false, true, &pa));
    /* The page of the last fetch, while the guest memory map is unchanged:
     * the word is read from the page each time, so code writes are seen. */
    uint64_t page = pa & ~(uint64_t)(GUEST_PAGE_SIZE - 1);
    uint64_t gen = *cpu->mem_gen;
    if (__builtin_expect(page == cpu->fetch_page && gen == cpu->fetch_gen, 1)) {
        uint32_t w;
        memcpy(&w, cpu->fetch_host + (pa & (GUEST_PAGE_SIZE - 1)), 4);
        *insn = w;
        return ASL_OK;
    }
    const uint8_t *host = guest_mem_exec_page(cpu->mem, pa);
    if (host) {
        cpu->fetch_page = page;
        cpu->fetch_gen = gen;
        cpu->fetch_host = host;
    }
    if (__builtin_expect(!guest_mem_fetch(cpu->mem, pa, insn), 0)) {
        return cpu_exc_memory_fault(cpu, pc, false, true, FSC_EXTERNAL_ABORT);
    }
    return ASL_OK;
}

/* Slots that cannot run from a cached decoded form. */
typedef struct Redecode {
    uint32_t insn;
    int32_t idx;
} Redecode;

static AslStatus run_redecode(Cpu *cpu, const void *dec)
{
    const Redecode *r = dec;
    return a64_exec_fns[r->idx](cpu, r->insn);
}

static AslStatus run_undefined(Cpu *cpu, const void *dec)
{
    (void)cpu;
    (void)dec;
    return ASL_UNDEFINED;
}

/* Fill slot `s` for `insn` as this CPU runs it. */
static void decode_fill(Cpu *cpu, DecodeSlot *s, uint32_t insn)
{
    int idx = a64_decode_index(insn);
    if (idx >= 0 && !cpu->enc_enabled[idx])
        idx = -1;
    s->insn = insn;
    s->idx = idx;
    if (idx < 0) {
        s->run = run_undefined;
        return;
    }
    const A64Decoded *d = &a64_decoded[idx];
    if (d->size != 0 && d->size <= sizeof s->dec && d->decode(cpu, insn, s->dec) == ASL_OK) {
        s->run = d->run;
        return;
    }
    s->run = run_redecode;
    memcpy(s->dec, &(Redecode){ insn, idx }, sizeof(Redecode));
}

static inline const DecodeSlot *decode(Cpu *cpu, uint64_t pc, uint32_t insn)
{
    DecodeSlot *s = &cpu->dcache[(pc >> 2) & ((1u << DECODE_CACHE_BITS) - 1)];
    if (__builtin_expect(s->insn != insn, 0))
        decode_fill(cpu, s, insn);
    return s;
}

/* Turn how an instruction ended into what the board sees. */
static void record_exception(Cpu *cpu, AslStatus st, uint64_t pc)
{
    CpuException *x = &cpu->exc;
    memset(x, 0, sizeof *x);
    x->pc = pc;
    if (st == ASL_UNDEFINED) {
        x->kind = CPU_EXC_UNDEFINED;
        return;
    }
    if (st == ASL_UNPREDICTABLE) {
        /* IMPDEF: CONSTRAINED UNPREDICTABLE encodings are UNDEFINED here. */
        x->kind = CPU_EXC_UNPREDICTABLE;
        return;
    }
    const ExceptionRecord *e = &cpu->a._Exception;
    x->syndrome = (uint32_t)e->syndrome;
    x->vaddress = e->vaddress;
    x->write = e->write;
    switch (e->exceptype) {
    case Exception_SupervisorCall:
        x->kind = CPU_EXC_SVC;
        /* The preferred return address of SVC is the next instruction. */
        cpu->a._PC = pc + 4;
        cpu->icount++;
        break;
    case Exception_SoftwareBreakpoint: x->kind = CPU_EXC_BRK; break;
    case Exception_Semihosting: x->kind = CPU_EXC_SEMIHOSTING; break;
    case Exception_FirmwareCall: x->kind = e->syndrome >> 16 & 1 ? CPU_EXC_SMC : CPU_EXC_HVC; break;
    case Exception_DataAbort: x->kind = CPU_EXC_DATA_ABORT; break;
    case Exception_InstructionAbort: x->kind = CPU_EXC_INSN_ABORT; break;
    case Exception_PCAlignment: x->kind = CPU_EXC_PC_ALIGN; break;
    case Exception_SPAlignment: x->kind = CPU_EXC_SP_ALIGN; break;
    /* Traps to EL1 that Linux answers with SIGILL (e.g. MSR DAIFSet with
     * SCTLR_EL1.UMA clear): to the user-mode board they are UNDEFINED. */
    case Exception_Uncategorized:
    case Exception_SystemRegisterTrap:
    case Exception_WFxTrap:
    case Exception_AdvSIMDFPAccessTrap:
    case Exception_IllegalState: x->kind = CPU_EXC_UNDEFINED; break;
    default: x->kind = CPU_EXC_OTHER; break;
    }
}

/* An interrupt input or a virtual interrupt (HCR_EL2.VSE/VI/VF, bits 8:6)
 * is pending: only then does the loop ask the pseudocode whether one is
 * taken (AArch64.TakeUnmaskedInterrupt). */
static inline bool irq_attention(const Cpu *cpu)
{
    return cpu->a.IRQPending | cpu->a.FIQPending | cpu->a.SErrorPending | ((cpu->a.HCR_EL2 & 0x1c0) != 0);
}

/* A sleeping PE (WFI/WFE) wakes on an interrupt (InterruptPending()); WFE
 * also on an event, which it consumes. */
static bool wake_up(Cpu *cpu)
{
    if (cpu_exc_wake_pending(cpu)) {
        /* fall through: wake */
    } else if (cpu->a._WaitingForEvent && cpu->a.EventRegister) {
        cpu->a.EventRegister = 0;
    } else {
        return false;
    }
    cpu->a._WaitingForInterrupt = false;
    cpu->a._WaitingForEvent = false;
    return true;
}

CpuStop cpu_run(Cpu *cpu, uint64_t budget)
{
    const bool sys = cpu->system_mode;
    uint64_t *const cov = coverage;
    if (!sys) {
        /* user mode: WFI/WFE complete at once (a spurious wake-up) */
        cpu->a._WaitingForInterrupt = false;
        cpu->a._WaitingForEvent = false;
    }
    for (uint64_t n = 0; n < budget; n++) {
        if (sys) {
            if (__builtin_expect(cpu->a._WaitingForInterrupt | cpu->a._WaitingForEvent, 0) && !wake_up(cpu))
                return CPU_STOP_IDLE;
            if (__builtin_expect(irq_attention(cpu), 0) && cpu_exc_take_interrupt(cpu))
                continue; /* the PC is now the vector */
        }
        uint64_t pc = cpu->a._PC;
        uint32_t insn;
        AslStatus st;
        if (pc & 3) {
            st = cpu_exc_pc_alignment(cpu, pc);
        } else if ((st = fetch(cpu, sys, pc, &insn)) != ASL_OK) {
            /* an Instruction Abort, in _Exception */
        } else if (sys && __builtin_expect(cpu->a.PSTATE.IL, 0)) {
            /* after an illegal exception return (D1.5.2) */
            cpu->a._ThisInstr = insn;
            cpu_exc_take_illegal(cpu);
            cpu->icount++;
            continue;
        } else {
            const DecodeSlot *s = decode(cpu, pc, insn);
            cpu->a.BranchTaken = false;
            cpu->a._ThisInstr = insn;
            if (__builtin_expect(cov != NULL, 0) && s->idx >= 0)
                cov[s->idx]++;
            st = s->run(cpu, s->dec);
        }
        if (__builtin_expect(st != ASL_OK, 0)) {
            if (!sys || (st == ASL_EXCEPTION && (cpu->a._Exception.exceptype == Exception_Semihosting ||
                                                 cpu->a._Exception.exceptype == Exception_FirmwareCall))) {
                record_exception(cpu, st, pc);
                return CPU_STOP_EXCEPTION;
            }
            /* System mode: the PE takes it (AArch64.TakePendingException).
             * IMPDEF: CONSTRAINED UNPREDICTABLE encodings are UNDEFINED. */
            cpu->a._PC = pc;
            if (st != ASL_EXCEPTION)
                cpu_exc_undefined(cpu);
            cpu_exc_take_pending(cpu);
            cpu->icount++;
            continue;
        }
        if (!cpu->a.BranchTaken)
            cpu->a._PC = pc + 4;
        cpu->icount++;
    }
    return CPU_STOP_BUDGET;
}

const CpuException *cpu_exception(const Cpu *cpu) { return &cpu->exc; }

void cpu_exception_return(Cpu *cpu) { monitor_clear_exclusive(cpu); }
uint64_t cpu_icount(const Cpu *cpu) { return cpu->icount; }

uint64_t cpu_get_x(const Cpu *cpu, int n) { return n >= 0 && n < 31 ? cpu->a._R[n] : 0; }

void cpu_set_x(Cpu *cpu, int n, uint64_t v)
{
    if (n >= 0 && n < 31)
        cpu->a._R[n] = v;
}

void cpu_get_v(const Cpu *cpu, int n, uint64_t *lo, uint64_t *hi)
{
    asl_u128 v = n >= 0 && n < 32 ? cpu->a._V[n] : 0;
    *lo = (uint64_t)v;
    *hi = (uint64_t)(v >> 64);
}

void cpu_set_v(Cpu *cpu, int n, uint64_t lo, uint64_t hi)
{
    if (n >= 0 && n < 32)
        cpu->a._V[n] = (asl_u128)hi << 64 | lo;
}

static uint64_t *current_sp(Cpu *cpu)
{
    if (cpu->a.PSTATE.SP == 0)
        return &cpu->a.SP_EL0;
    switch (cpu->a.PSTATE.EL) {
    case 1: return &cpu->a.SP_EL1;
    case 2: return &cpu->a.SP_EL2;
    case 3: return &cpu->a.SP_EL3;
    default: return &cpu->a.SP_EL0;
    }
}

uint64_t cpu_get_sp(const Cpu *cpu) { return *current_sp((Cpu *)cpu); }
void cpu_set_sp(Cpu *cpu, uint64_t v) { *current_sp(cpu) = v; }
uint64_t cpu_get_pc(const Cpu *cpu) { return cpu->a._PC; }
void cpu_set_pc(Cpu *cpu, uint64_t v) { cpu->a._PC = v; }

uint32_t cpu_get_nzcv(const Cpu *cpu)
{
    const ProcState *p = &cpu->a.PSTATE;
    return (uint32_t)(p->N << 31 | p->Z << 30 | p->C << 29 | p->V << 28);
}

void cpu_set_nzcv(Cpu *cpu, uint32_t nzcv)
{
    ProcState *p = &cpu->a.PSTATE;
    p->N = nzcv >> 31 & 1;
    p->Z = nzcv >> 30 & 1;
    p->C = nzcv >> 29 & 1;
    p->V = nzcv >> 28 & 1;
}

unsigned cpu_get_el(const Cpu *cpu) { return (unsigned)cpu->a.PSTATE.EL; }
uint64_t cpu_get_pstate(const Cpu *cpu) { return cpu_exc_psr((Cpu *)cpu); }

static uint64_t *sp_by_name(Cpu *cpu, const char *name)
{
    if (strncmp(name, "SP_EL", 5) != 0 || name[5] < '0' || name[5] > '3' || name[6])
        return NULL;
    uint64_t *sp[] = { &cpu->a.SP_EL0, &cpu->a.SP_EL1, &cpu->a.SP_EL2, &cpu->a.SP_EL3 };
    return sp[name[5] - '0'];
}

bool cpu_get_sysreg(const Cpu *cpu, const char *name, uint64_t *value)
{
    uint64_t *sp = sp_by_name((Cpu *)cpu, name);
    if (sp) {
        *value = *sp;
        return true;
    }
    return sysregs_get_by_name(cpu, name, value);
}

bool cpu_set_sysreg(Cpu *cpu, const char *name, uint64_t value)
{
    uint64_t *sp = sp_by_name(cpu, name);
    if (sp) {
        *sp = value;
        return true;
    }
    /* A raw write may change how addresses translate: cached translations
     * go (the soft TLB is not architectural state a debugger edits). */
    tlb_flush(&cpu->tlb);
    return sysregs_set_by_name(cpu, name, value);
}
uint64_t cpu_get_tpidr_el0(const Cpu *cpu) { return cpu->a.TPIDR_EL0; }
void cpu_set_tpidr_el0(Cpu *cpu, uint64_t v) { cpu->a.TPIDR_EL0 = v; }
