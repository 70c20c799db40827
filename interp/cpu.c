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

Cpu *cpu_new(const char *model)
{
    coverage_init();
    const CpuModel *m = cpu_model_find(model);
    if (!m)
        return NULL;
    Cpu *cpu = calloc(1, sizeof *cpu);
    uint8_t *enabled = calloc((size_t)a64_n_encodings, 1);
    if (!cpu || !enabled) {
        free(cpu);
        free(enabled);
        return NULL;
    }
    /* An encoding whose feature the model lacks is UNDEFINED. */
    for (int i = 0; i < a64_n_encodings; i++) {
        const char *f = a64_encodings[i].feature;
        enabled[i] = f[0] == 0 || cpu_model_has(m, f);
    }
    cpu->model = m;
    cpu->enc_enabled = enabled;
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
    }
    free(cpu);
}

const char *cpu_model_name(const Cpu *cpu) { return cpu->model->name; }

const char *cpu_model_list(int i) { return i >= 0 && i < cpu_n_models ? cpu_models[i].name : NULL; }

/* The EL1 controls Linux (arch/arm64 INIT_SCTLR_EL1_MMU_ON, and CPACR_EL1
 * after the first FP use) leaves for user programs: SCTLR_EL1 with M, C, SA,
 * SA0, SED, EOS, I, DZE, UCT, nTWI, nTWE, TSCXT, IESB, EIS, SPAN, UCI, nTLSMD,
 * LSMAOE and the pointer-authentication key enables; FPEN = 11. Linux leaves
 * nTWI clear and emulates a trapped WFI as a NOP: the same to the program. */
#define USER_SCTLR_EL1 UINT64_C(0xfcf5f91d)
#define USER_CPACR_EL1 UINT64_C(0x300000)

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
    }
    cpu->icount = 0;
    memset(&cpu->exc, 0, sizeof cpu->exc);
}

void cpu_set_system_mode(Cpu *cpu, bool on) { cpu->system_mode = on; }

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

void cpu_set_mem(Cpu *cpu, GuestMem *mem) { cpu->mem = mem; }

void cpu_set_semihosting(Cpu *cpu, bool on) { cpu->semihosting = on; }

bool prim_SemihostingEnabled(Cpu *cpu) { return cpu->semihosting; }

/* Mem[] (spec/lib/memory.asl): the board's address space. A failed access
 * ends the instruction with a data abort carrying the faulting address. */
static AslStatus data_abort(Cpu *cpu, uint64_t fault, bool write)
{
    ExceptionRecord *e = &cpu->a._Exception;
    memset(e, 0, sizeof *e);
    e->exceptype = Exception_DataAbort;
    e->vaddress = fault;
    e->write = write;
    /* ISS: WnR, DFSC = synchronous external abort (nothing at the address) */
    e->syndrome = (write ? 1u << 6 : 0) | 0x10;
    return ASL_EXCEPTION;
}

AslStatus prim_get_Mem(Cpu *cpu, uint64_t address, asl_int size, AccType acctype, uint64_t *value)
{
    (void)acctype;
    uint64_t fault;
    if (size != 1 && size != 2 && size != 4 && size != 8)
        asl_fail("Mem[] access size", "interp/cpu.c");
    if (!guest_mem_read(cpu->mem, address, (unsigned)size, value, &fault))
        return data_abort(cpu, fault, false);
    return ASL_OK;
}

AslStatus prim_set_Mem(Cpu *cpu, uint64_t address, asl_int size, AccType acctype, uint64_t value)
{
    (void)acctype;
    uint64_t fault;
    if (size != 1 && size != 2 && size != 4 && size != 8)
        asl_fail("Mem[] access size", "interp/cpu.c");
    if (!guest_mem_write(cpu->mem, address, (unsigned)size, value, &fault))
        return data_abort(cpu, fault, true);
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
        AslStatus st = prim_get_Mem(cpu, address, size, acctype, &v);
        *value = v;
        return st;
    }
    if (size != 16)
        asl_fail("Mem[] access size", "interp/cpu.c");
    uint64_t lo, hi;
    ASL_TRY(prim_get_Mem(cpu, address, 8, acctype, &lo));
    ASL_TRY(prim_get_Mem(cpu, address + 8, 8, acctype, &hi));
    *value = (asl_u128)hi << 64 | lo;
    return ASL_OK;
}

AslStatus prim_set_Mem__w(Cpu *cpu, uint64_t address, asl_int size, AccType acctype, asl_u128 value)
{
    if (size <= 8)
        return prim_set_Mem(cpu, address, size, acctype, (uint64_t)value);
    if (size != 16)
        asl_fail("Mem[] access size", "interp/cpu.c");
    /* check both halves before writing either, so a fault changes nothing */
    uint64_t fault;
    if (!guest_mem_is_mapped(cpu->mem, address, 16, GUEST_PROT_WRITE)) {
        fault = address;
        for (unsigned i = 0; i < 16; i++)
            if (!guest_mem_is_mapped(cpu->mem, address + i, 1, GUEST_PROT_WRITE)) {
                fault = address + i;
                break;
            }
        return data_abort(cpu, fault, true);
    }
    ASL_TRY(prim_set_Mem(cpu, address, 8, acctype, (uint64_t)value));
    return prim_set_Mem(cpu, address + 8, 8, acctype, (uint64_t)(value >> 64));
}

static bool feature_present(const Cpu *cpu, int idx) { return cpu->enc_enabled[idx]; }

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
            memset(&cpu->a._Exception, 0, sizeof cpu->a._Exception);
            cpu->a._Exception.exceptype = Exception_PCAlignment;
            cpu->a._Exception.vaddress = pc;
            st = ASL_EXCEPTION;
        } else if (!guest_mem_fetch(cpu->mem, pc, &insn)) {
            memset(&cpu->a._Exception, 0, sizeof cpu->a._Exception);
            cpu->a._Exception.exceptype = Exception_InstructionAbort;
            cpu->a._Exception.vaddress = pc;
            cpu->a._Exception.syndrome = 0x10; /* IFSC: synchronous external abort */
            st = ASL_EXCEPTION;
        } else if (__builtin_expect(cpu->a.PSTATE.IL, 0) && sys) {
            /* after an illegal exception return (D1.5.2) */
            cpu->a._ThisInstr = insn;
            cpu_exc_take_illegal(cpu);
            cpu->icount++;
            continue;
        } else {
            int idx = a64_decode_index(insn);
            if (idx < 0 || !feature_present(cpu, idx)) {
                st = ASL_UNDEFINED;
            } else {
                cpu->a.BranchTaken = false;
                cpu->a._ThisInstr = insn;
                if (__builtin_expect(coverage != NULL, 0))
                    coverage[idx]++;
                st = a64_exec_fns[idx](cpu, insn);
            }
        }
        if (__builtin_expect(st != ASL_OK, 0)) {
            if (!sys || (st == ASL_EXCEPTION && cpu->a._Exception.exceptype == Exception_Semihosting)) {
                record_exception(cpu, st, pc);
                return CPU_STOP_EXCEPTION;
            }
            /* System mode: the PE takes it (AArch64.TakePendingException).
             * IMPDEF: CONSTRAINED UNPREDICTABLE encodings are UNDEFINED. */
            cpu->a._PC = pc;
            if (st != ASL_EXCEPTION) {
                memset(&cpu->a._Exception, 0, sizeof cpu->a._Exception);
                cpu->a._Exception.exceptype = Exception_Uncategorized;
            }
            cpu_exc_take_pending(cpu);
            cpu->icount++;
            continue;
        }
        if (!cpu->a.BranchTaken)
            cpu->a._PC = pc + 4;
        cpu->icount++;
        if (__builtin_expect(cpu->a._WaitingForInterrupt | cpu->a._WaitingForEvent, 0) && !sys) {
            /* user mode: WFI/WFE complete at once (a spurious wake-up) */
            cpu->a._WaitingForInterrupt = false;
            cpu->a._WaitingForEvent = false;
        }
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
    return sysregs_set_by_name(cpu, name, value);
}
uint64_t cpu_get_tpidr_el0(const Cpu *cpu) { return cpu->a.TPIDR_EL0; }
void cpu_set_tpidr_el0(Cpu *cpu, uint64_t v) { cpu->a.TPIDR_EL0 = v; }
