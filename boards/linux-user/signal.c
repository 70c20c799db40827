/* Guest signals for armature-user: actions and masks, the arm64 rt_sigframe, delivery and return.
 *
 * Synchronous signals (the guest's own faults, and SIGSEGV/SIGBUS/SIGILL/
 * SIGTRAP/SIGFPE sent to itself) are queued here. Every other signal is
 * left to the host kernel: the host disposition mirrors the guest's (SIG_DFL
 * and SIG_IGN as they are, a guest handler becomes a host handler that
 * queues the signal here), and the guest's mask is the host's mask, so
 * kill(), default deaths, inheritance across fork/execve and pending
 * blocked signals all behave as the kernel makes them. Queued signals are
 * delivered between guest instructions: after a syscall, or when cpu_run()
 * returns (at most LU_RUN_BUDGET instructions later). */
#define _GNU_SOURCE
#include "linux_user.h"
#include "syscall_nr.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Flags of struct sigaction (asm-generic/signal-defs.h, arm64 signal.h). */
#define G_SA_NOCLDSTOP 0x1ull
#define G_SA_NOCLDWAIT 0x2ull
#define G_SA_SIGINFO 0x4ull
#define G_SA_RESTORER 0x04000000ull
#define G_SA_ONSTACK 0x08000000ull
#define G_SA_RESTART 0x10000000ull
#define G_SA_NODEFER 0x40000000ull
#define G_SA_RESETHAND 0x80000000ull
#define G_SS_ONSTACK 1u
#define G_SS_DISABLE 2u
#define G_SS_AUTODISARM (1u << 31)

#define SIGBIT(s) (1ull << ((s) - 1))
#define SYNC_SIGNALS (SIGBIT(SIGSEGV) | SIGBIT(SIGBUS) | SIGBIT(SIGILL) | SIGBIT(SIGTRAP) | SIGBIT(SIGFPE))
#define UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))

/* The arm64 frame (arch/arm64/include/uapi/asm/{ucontext,sigcontext}.h):
 * rt_sigframe = siginfo (128) + ucontext; ucontext = uc_flags, uc_link,
 * uc_stack (24), uc_sigmask (8), padding to 128 bytes of sigset, then
 * struct sigcontext 16-aligned: fault_address, regs[31], sp, pc, pstate,
 * __reserved[4096] holding {magic,size} records. */
enum {
    F_INFO = 0,
    F_UC = 128,
    UC_FLAGS = 0, UC_LINK = 8, UC_STACK = 16, UC_SIGMASK = 40, UC_MCONTEXT = 176,
    SC_FAULT = 0, SC_REGS = 8, SC_SP = 256, SC_PC = 264, SC_PSTATE = 272, SC_RESERVED = 288,
    SC_RESERVED_SIZE = 4096,
    F_MC = F_UC + UC_MCONTEXT,
    F_FPSIMD = F_MC + SC_RESERVED,
    FPSIMD_MAGIC = 0x46508001, FPSIMD_SIZE = 528,
    ESR_MAGIC = 0x45535201, ESR_SIZE = 16,
    F_SIZE = F_MC + SC_RESERVED + SC_RESERVED_SIZE, /* sizeof(struct rt_sigframe) */
};
_Static_assert(F_SIZE == 4688 && F_SIZE % 16 == 0, "rt_sigframe size");

/* Guest restorer when the action has none: Linux points LR at the vDSO's
 * __kernel_rt_sigreturn; armature-user maps one page holding the same two
 * instructions (mov x8, #139; svc #0) where no program puts anything. */
#define SIGTRAMP_ADDR 0x7fb7e00000ull

static LuProcess *sig_proc; /* the host handler's way back to the process */

void lu_signal_frame_layout(LuFrameLayout *l)
{
    *l = (LuFrameLayout){.info = F_INFO, .uc = F_UC, .mcontext = F_MC, .fpsimd = F_FPSIMD,
                         .end_marker = F_FPSIMD + FPSIMD_SIZE, .size = F_SIZE};
}

static bool sig_mirrored(int sig)
{
    return !(SIGBIT(sig) & (SYNC_SIGNALS | UNBLOCKABLE));
}

static void sig_host_handler(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    LuProcess *p = sig_proc;
    if (!p || sig < 1 || sig > LU_NSIG)
        return;
    /* siginfo_t of a 64-bit host has the arm64 layout for these signals. */
    memcpy(p->sig.info[sig], si, 128);
    __atomic_fetch_or(&p->sig.pending, SIGBIT(sig), __ATOMIC_SEQ_CST);
}

/* Make the host disposition of `sig` what the guest asked for. */
static void sig_mirror_action(LuProcess *p, int sig)
{
    if (!sig_mirrored(sig))
        return;
    const LuSigAction *a = &p->sig.act[sig];
    struct sigaction h;
    memset(&h, 0, sizeof(h));
    sigfillset(&h.sa_mask);
    if (a->handler == 0) {
        h.sa_handler = SIG_DFL;
    } else if (a->handler == 1) {
        h.sa_handler = SIG_IGN;
    } else {
        /* No SA_RESTART: a blocking host call returns EINTR, the guest
         * handler runs, and run.c restarts the call if the guest asked. */
        h.sa_sigaction = sig_host_handler;
        h.sa_flags = SA_SIGINFO;
    }
    if (sig == SIGCHLD)
        h.sa_flags |= (a->flags & G_SA_NOCLDSTOP ? SA_NOCLDSTOP : 0) |
                      (a->flags & G_SA_NOCLDWAIT ? SA_NOCLDWAIT : 0);
    sigaction(sig, &h, NULL);
}

static void sig_mirror_mask(LuProcess *p)
{
    sigset_t s;
    sigemptyset(&s);
    for (int sig = 1; sig <= LU_NSIG; sig++)
        if ((p->sig.blocked & SIGBIT(sig)) && sig_mirrored(sig) && sig != 32 && sig != 33)
            sigaddset(&s, sig);
    sigprocmask(SIG_SETMASK, &s, NULL);
}

void lu_signal_mirror_mask(LuProcess *p)
{
    sig_mirror_mask(p);
}

void lu_signals_init(LuProcess *p)
{
    sig_proc = p;
    memset(&p->sig, 0, sizeof(p->sig));
    p->sig.ss_flags = G_SS_DISABLE;
    /* Ignored signals and the mask are inherited across execve. */
    sigset_t cur;
    sigprocmask(SIG_SETMASK, NULL, &cur);
    for (int sig = 1; sig <= LU_NSIG; sig++) {
        struct sigaction h;
        if (sigismember(&cur, sig) == 1 && sig_mirrored(sig))
            p->sig.blocked |= SIGBIT(sig);
        if (sig_mirrored(sig) && sigaction(sig, NULL, &h) == 0 && h.sa_handler == SIG_IGN)
            p->sig.act[sig].handler = 1;
    }
    static const uint32_t tramp[2] = {0xd2801168u /* mov x8, #139 */, 0xd4000001u /* svc #0 */};
    if (guest_mem_map(p->mem, SIGTRAMP_ADDR, GUEST_PAGE_SIZE, GUEST_PROT_READ | GUEST_PROT_EXEC))
        guest_mem_copy_in(p->mem, SIGTRAMP_ADDR, tramp, sizeof(tramp));
}

bool lu_signal_waiting(void)
{
    LuProcess *p = sig_proc;
    return p && (__atomic_load_n(&p->sig.pending, __ATOMIC_SEQ_CST) & ~p->sig.blocked);
}

void lu_signal_raise(LuProcess *p, int sig, int code, uint64_t addr)
{
    uint8_t *si = p->sig.info[sig];
    memset(si, 0, 128);
    int32_t w[3] = {sig, 0, code};
    memcpy(si, w, sizeof(w));
    if (code <= 0) { /* SI_USER / SI_TKILL: sender pid and uid */
        int32_t pu[2] = {(int32_t)getpid(), (int32_t)getuid()};
        memcpy(si + 16, pu, sizeof(pu));
    } else {
        memcpy(si + 16, &addr, 8);
    }
    __atomic_fetch_or(&p->sig.pending, SIGBIT(sig), __ATOMIC_SEQ_CST);
}

int lu_signal_for_exception(LuProcess *p, const CpuException *e, int *code, uint64_t *addr)
{
    *addr = e->pc;
    *code = 1; /* ILL_ILLOPC, TRAP_BRKPT, BUS_ADRALN, SEGV_MAPERR */
    p->sig.fault_has_addr = false;
    p->sig.fault_esr = 0;
    switch (e->kind) {
    case CPU_EXC_DATA_ABORT:
    case CPU_EXC_INSN_ABORT: {
        *addr = e->vaddress;
        p->sig.fault_has_addr = true;
        bool data = e->kind == CPU_EXC_DATA_ABORT;
        p->sig.fault_esr = ((data ? 0x24u : 0x20u) << 26) | (1u << 25) | (e->syndrome & 0x1ffffffu);
        unsigned fsc = e->syndrome & 0x3f;
        /* Alignment fault, or an unsupported exclusive/atomic access: SIGBUS. */
        if (data && (fsc == 0x21 || fsc == 0x35))
            return SIGBUS;
        if (guest_mem_is_mapped(p->mem, *addr, 1, 0))
            *code = 2; /* SEGV_ACCERR: mapped, but not with this access */
        return SIGSEGV;
    }
    case CPU_EXC_BRK:
        return SIGTRAP;
    case CPU_EXC_PC_ALIGN:
        return SIGBUS;
    case CPU_EXC_SP_ALIGN:
        *addr = cpu_get_sp(p->cpu);
        return SIGBUS;
    default:
        return SIGILL; /* IMPDEF: UNPREDICTABLE encodings are UNDEFINED to the guest */
    }
}

/* The default action of `sig`: true if it ends the process. */
static bool sig_default_kills(int sig)
{
    return sig != SIGCHLD && sig != SIGURG && sig != SIGWINCH && sig != SIGCONT;
}

static bool sig_on_altstack(const LuProcess *p, uint64_t sp)
{
    return p->sig.ss_size && sp - p->sig.ss_sp <= p->sig.ss_size && !(p->sig.ss_flags & G_SS_DISABLE);
}

static void put64(uint8_t *b, unsigned off, uint64_t v)
{
    memcpy(b + off, &v, 8);
}

static void put32(uint8_t *b, unsigned off, uint32_t v)
{
    memcpy(b + off, &v, 4);
}

/* setup_rt_frame() of arch/arm64/kernel/signal.c, for what this CPU has. */
static bool sig_build_frame(LuProcess *p, Cpu *cpu, int sig, const LuSigAction *a, uint64_t mask)
{
    static uint8_t f[F_SIZE];
    uint64_t sp = cpu_get_sp(cpu);
    bool onstack = sig_on_altstack(p, sp);
    if ((a->flags & G_SA_ONSTACK) && !onstack && !(p->sig.ss_flags & G_SS_DISABLE) && p->sig.ss_size)
        sp = p->sig.ss_sp + p->sig.ss_size;
    uint64_t record = (sp - 16) & ~15ull;
    uint64_t frame = record - F_SIZE;

    memset(f, 0, sizeof(f));
    memcpy(f + F_INFO, p->sig.info[sig], 128);
    put64(f, F_UC + UC_STACK, p->sig.ss_sp);
    put32(f, F_UC + UC_STACK + 8, p->sig.ss_flags & G_SS_DISABLE ? G_SS_DISABLE
                                  : onstack ? G_SS_ONSTACK : 0);
    put64(f, F_UC + UC_STACK + 16, p->sig.ss_size);
    put64(f, F_UC + UC_SIGMASK, mask);
    bool fault = SIGBIT(sig) & SYNC_SIGNALS && p->sig.fault_sig == sig;
    put64(f, F_MC + SC_FAULT, fault && p->sig.fault_has_addr ? p->sig.fault_addr : 0);
    for (int i = 0; i < 31; i++)
        put64(f, F_MC + SC_REGS + 8 * (unsigned)i, cpu_get_x(cpu, i));
    put64(f, F_MC + SC_SP, cpu_get_sp(cpu));
    put64(f, F_MC + SC_PC, cpu_get_pc(cpu));
    put64(f, F_MC + SC_PSTATE, cpu_get_pstate(cpu));
    /* fpsimd_context, then esr_context for a data abort, then the end marker. */
    unsigned o = F_FPSIMD;
    uint64_t fpsr = 0, fpcr = 0;
    cpu_get_sysreg(cpu, "FPSR", &fpsr);
    cpu_get_sysreg(cpu, "FPCR", &fpcr);
    put32(f, o, FPSIMD_MAGIC);
    put32(f, o + 4, FPSIMD_SIZE);
    put32(f, o + 8, (uint32_t)fpsr);
    put32(f, o + 12, (uint32_t)fpcr);
    for (int i = 0; i < 32; i++) {
        uint64_t lo, hi;
        cpu_get_v(cpu, i, &lo, &hi);
        put64(f, o + 16 + 16 * (unsigned)i, lo);
        put64(f, o + 24 + 16 * (unsigned)i, hi);
    }
    o += FPSIMD_SIZE;
    if (fault && p->sig.fault_esr) {
        put32(f, o, ESR_MAGIC);
        put32(f, o + 4, ESR_SIZE);
        put64(f, o + 8, p->sig.fault_esr);
        o += ESR_SIZE;
    }
    /* the end marker {0, 0} is already there */

    uint64_t rec[2] = {cpu_get_x(cpu, 29), cpu_get_x(cpu, 30)};
    if (lu_copy_to(p, frame, f, sizeof(f)) != 0 || lu_copy_to(p, record, rec, sizeof(rec)) != 0)
        return false;
    if ((a->flags & G_SA_ONSTACK) && (p->sig.ss_flags & G_SS_AUTODISARM)) {
        p->sig.ss_sp = p->sig.ss_size = 0;
        p->sig.ss_flags = G_SS_DISABLE;
    }
    cpu_set_x(cpu, 0, (uint64_t)sig);
    cpu_set_x(cpu, 1, frame + F_INFO);
    cpu_set_x(cpu, 2, frame + F_UC);
    cpu_set_x(cpu, 29, record);
    cpu_set_x(cpu, 30, a->flags & G_SA_RESTORER ? a->restorer : SIGTRAMP_ADDR);
    cpu_set_sp(cpu, frame);
    cpu_set_pc(cpu, a->handler);
    return true;
}

int lu_signal_deliver(LuProcess *p, Cpu *cpu)
{
    uint64_t ready = __atomic_load_n(&p->sig.pending, __ATOMIC_SEQ_CST) & ~p->sig.blocked;
    /* A fault the guest blocks or ignores still kills it (force_sig_fault). */
    uint64_t forced = __atomic_load_n(&p->sig.pending, __ATOMIC_SEQ_CST) & SYNC_SIGNALS;
    if (!ready && !forced)
        return 0;
    int sig = __builtin_ctzll(ready ? ready : forced) + 1;
    if (!ready) {
        for (int s = 1; s <= LU_NSIG; s++)
            if (forced & SIGBIT(s) && p->sig.act[s].handler > 1 && !(p->sig.blocked & SIGBIT(s)))
                sig = s;
    }
    __atomic_fetch_and(&p->sig.pending, ~SIGBIT(sig), __ATOMIC_SEQ_CST);
    LuSigAction a = p->sig.act[sig];
    if ((p->sig.blocked & SIGBIT(sig)) || a.handler == 1) {
        if (SIGBIT(sig) & SYNC_SIGNALS)
            return sig;
        return 0;
    }
    if (a.handler == 0)
        return sig_default_kills(sig) ? sig : 0;

    uint64_t old = p->sig.suspended ? p->sig.suspend_saved : p->sig.blocked;
    p->sig.suspended = false;
    if (!sig_build_frame(p, cpu, sig, &a, old)) {
        p->sig.fault_sig = 0;
        return SIGSEGV; /* force_sigsegv(): the frame did not fit */
    }
    if (a.flags & G_SA_RESETHAND) {
        p->sig.act[sig].handler = 0;
        sig_mirror_action(p, sig);
    }
    p->sig.blocked = old | a.mask | (a.flags & G_SA_NODEFER ? 0 : SIGBIT(sig));
    p->sig.blocked &= ~UNBLOCKABLE;
    sig_mirror_mask(p);
    return 0;
}

bool lu_signal_restart_ok(LuProcess *p)
{
    uint64_t ready = __atomic_load_n(&p->sig.pending, __ATOMIC_SEQ_CST) & ~p->sig.blocked;
    for (int s = 1; s <= LU_NSIG; s++)
        if (ready & SIGBIT(s) && p->sig.act[s].handler > 1 && !(p->sig.act[s].flags & G_SA_RESTART))
            return false;
    return true;
}

static int64_t sig_sigreturn(LuProcess *p)
{
    static uint8_t f[F_SIZE];
    Cpu *cpu = p->cpu;
    uint64_t frame = cpu_get_sp(cpu);
    p->sigreturned = true;
    if ((frame & 15) || lu_copy_from(p, f, frame, sizeof(f)) != 0) {
        lu_signal_raise(p, SIGSEGV, 0x80 /* SI_KERNEL */, 0);
        return 0;
    }
    uint64_t v;
    memcpy(&v, f + F_UC + UC_SIGMASK, 8);
    p->sig.blocked = v & ~UNBLOCKABLE;
    sig_mirror_mask(p);
    for (int i = 0; i < 31; i++) {
        memcpy(&v, f + F_MC + SC_REGS + 8 * i, 8);
        cpu_set_x(cpu, i, v);
    }
    memcpy(&v, f + F_MC + SC_SP, 8);
    cpu_set_sp(cpu, v);
    memcpy(&v, f + F_MC + SC_PC, 8);
    cpu_set_pc(cpu, v);
    memcpy(&v, f + F_MC + SC_PSTATE, 8);
    /* Only the flags come back: the kernel refuses any other EL0 state change. */
    cpu_set_nzcv(cpu, (uint32_t)v & 0xf0000000u);
    for (unsigned o = F_FPSIMD; o + 8 <= F_FPSIMD + SC_RESERVED_SIZE;) {
        uint32_t magic, size;
        memcpy(&magic, f + o, 4);
        memcpy(&size, f + o + 4, 4);
        if (magic == 0 || size < 8 || o + size > F_FPSIMD + SC_RESERVED_SIZE)
            break;
        if (magic == FPSIMD_MAGIC && size >= FPSIMD_SIZE) {
            uint32_t fpsr, fpcr;
            memcpy(&fpsr, f + o + 8, 4);
            memcpy(&fpcr, f + o + 12, 4);
            cpu_set_sysreg(cpu, "FPSR", fpsr);
            cpu_set_sysreg(cpu, "FPCR", fpcr);
            for (int i = 0; i < 32; i++) {
                uint64_t lo, hi;
                memcpy(&lo, f + o + 16 + 16 * i, 8);
                memcpy(&hi, f + o + 24 + 16 * i, 8);
                cpu_set_v(cpu, i, lo, hi);
            }
        }
        o += size;
    }
    return (int64_t)cpu_get_x(cpu, 0);
}

static int64_t sig_action(LuProcess *p, const uint64_t a[6])
{
    int sig = (int)a[0];
    uint64_t k[4]; /* handler, flags, restorer, mask */
    if (a[3] != 8 || sig < 1 || sig > LU_NSIG)
        return -EINVAL;
    if (a[1] && (SIGBIT(sig) & UNBLOCKABLE))
        return -EINVAL;
    if (a[1] && lu_copy_from(p, k, a[1], sizeof(k)) != 0)
        return -EFAULT;
    LuSigAction *act = &p->sig.act[sig];
    if (a[2]) {
        uint64_t o[4] = {act->handler, act->flags, act->restorer, act->mask};
        if (lu_copy_to(p, a[2], o, sizeof(o)) != 0)
            return -EFAULT;
    }
    if (a[1]) {
        *act = (LuSigAction){.handler = k[0], .flags = k[1], .restorer = k[2],
                             .mask = k[3] & ~UNBLOCKABLE};
        sig_mirror_action(p, sig);
        if (k[0] == 1) /* ignoring discards what is pending */
            __atomic_fetch_and(&p->sig.pending, ~SIGBIT(sig), __ATOMIC_SEQ_CST);
    }
    return 0;
}

static int64_t sig_procmask(LuProcess *p, const uint64_t a[6])
{
    uint64_t set = 0, old = p->sig.blocked;
    if (a[3] != 8)
        return -EINVAL;
    if (a[1] && lu_copy_from(p, &set, a[1], 8) != 0)
        return -EFAULT;
    if (a[2] && lu_copy_to(p, a[2], &old, 8) != 0)
        return -EFAULT;
    if (!a[1])
        return 0;
    switch (a[0]) {
    case 0: p->sig.blocked |= set; break;  /* SIG_BLOCK */
    case 1: p->sig.blocked &= ~set; break; /* SIG_UNBLOCK */
    case 2: p->sig.blocked = set; break;   /* SIG_SETMASK */
    default: return -EINVAL;
    }
    p->sig.blocked &= ~UNBLOCKABLE;
    sig_mirror_mask(p);
    return 0;
}

static int64_t sig_altstack(LuProcess *p, const uint64_t a[6])
{
    uint64_t ss[3];
    bool on = sig_on_altstack(p, cpu_get_sp(p->cpu));
    if (a[0] && lu_copy_from(p, ss, a[0], sizeof(ss)) != 0)
        return -EFAULT;
    if (a[1]) {
        uint64_t o[3] = {p->sig.ss_sp, (p->sig.ss_flags & ~G_SS_AUTODISARM & 0xffffffffu) |
                                           (on ? G_SS_ONSTACK : 0), p->sig.ss_size};
        if (p->sig.ss_flags & G_SS_DISABLE)
            o[1] = G_SS_DISABLE;
        o[1] |= p->sig.ss_flags & G_SS_AUTODISARM;
        if (lu_copy_to(p, a[1], o, sizeof(o)) != 0)
            return -EFAULT;
    }
    if (!a[0])
        return 0;
    if (on)
        return -EPERM;
    uint32_t fl = (uint32_t)ss[1], mode = fl & ~G_SS_AUTODISARM;
    if (mode != 0 && mode != G_SS_ONSTACK && mode != G_SS_DISABLE)
        return -EINVAL;
    if (mode == G_SS_DISABLE) {
        p->sig.ss_sp = p->sig.ss_size = 0;
        p->sig.ss_flags = G_SS_DISABLE;
        return 0;
    }
    if (ss[2] < LU_MINSIGSTKSZ)
        return -ENOMEM;
    p->sig.ss_sp = ss[0];
    p->sig.ss_size = ss[2];
    p->sig.ss_flags = fl & G_SS_AUTODISARM;
    return 0;
}

/* kill/tgkill aimed at this process: synchronous signals are queued here,
 * the others go through the host kernel (and come back via the mirror). */
static int64_t sig_kill(LuProcess *p, uint64_t nr, const uint64_t a[6])
{
    int sig = (int)(nr == NR_tgkill ? a[2] : a[1]);
    bool self;
    if (sig < 0 || sig > LU_NSIG)
        return -EINVAL;
    if (nr != NR_kill) {
        /* A guest thread other than the host's own (the main thread) exists
         * only here: queue the signal for it (tgkill/tkill, pthread_kill). */
        int32_t tid = (int32_t)(nr == NR_tgkill ? a[1] : a[0]);
        LuThread *t = lu_thread_find(p, tid);
        if (nr == NR_tgkill && (pid_t)a[0] != getpid())
            t = NULL;
        if (t && (tid != gettid() || t != p->cur)) {
            if (sig && p->sig.act[sig].handler != 1)
                lu_thread_raise(p, t, sig, -6 /* SI_TKILL */);
            return 0;
        }
    }
    if (nr == NR_kill)
        self = (pid_t)a[0] == getpid();
    else if (nr == NR_tkill)
        self = (pid_t)a[0] == gettid();
    else
        self = (pid_t)a[0] == getpid() && (pid_t)a[1] == gettid();
    if (self && sig && (SIGBIT(sig) & SYNC_SIGNALS)) {
        lu_signal_raise(p, sig, nr == NR_kill ? 0 : -6 /* SI_TKILL */, 0);
        p->sig.fault_sig = 0;
        return 0;
    }
    long r;
    if (nr == NR_kill)
        r = kill((pid_t)a[0], sig);
    else if (nr == NR_tkill)
        r = syscall(SYS_tkill, (pid_t)a[0], sig);
    else
        r = syscall(SYS_tgkill, (pid_t)a[0], (pid_t)a[1], sig);
    return r < 0 ? -errno : 0;
}

static int64_t sig_suspend(LuProcess *p, const uint64_t a[6])
{
    uint64_t set;
    if (a[1] != 8)
        return -EINVAL;
    if (lu_copy_from(p, &set, a[0], 8) != 0)
        return -EFAULT;
    if (p->nthreads > 1)
        return lu_thread_sigsuspend(p, set & ~UNBLOCKABLE);
    uint64_t saved = p->sig.blocked;
    p->sig.blocked = set & ~UNBLOCKABLE;
    sigset_t hs;
    sigemptyset(&hs);
    for (int sig = 1; sig <= LU_NSIG; sig++)
        if ((p->sig.blocked & SIGBIT(sig)) && sig_mirrored(sig) && sig != 32 && sig != 33)
            sigaddset(&hs, sig);
    while (!lu_signal_waiting())
        sigsuspend(&hs);
    sig_mirror_mask(p);
    /* The handler's frame must restore the mask from before the call. */
    p->sig.suspended = true;
    p->sig.suspend_saved = saved;
    return -EINTR;
}

bool lu_sig_dispatch(LuProcess *p, uint64_t nr, const uint64_t a[6], int64_t *r)
{
    switch (nr) {
    case NR_rt_sigaction:
        *r = sig_action(p, a);
        return true;
    case NR_rt_sigprocmask:
        *r = sig_procmask(p, a);
        return true;
    case NR_rt_sigreturn:
        *r = sig_sigreturn(p);
        return true;
    case NR_rt_sigpending: {
        uint64_t set = (p->sig.pending & p->sig.blocked);
        sigset_t hs;
        if (sigpending(&hs) == 0)
            for (int sig = 1; sig <= LU_NSIG; sig++)
                if (sig != 32 && sig != 33 && sigismember(&hs, sig) == 1)
                    set |= SIGBIT(sig);
        *r = a[1] != 8 ? -EINVAL : lu_copy_to(p, a[0], &set, 8);
        return true;
    }
    case NR_rt_sigsuspend:
        *r = sig_suspend(p, a);
        return true;
    case NR_sigaltstack:
        *r = sig_altstack(p, a);
        return true;
    case NR_kill:
    case NR_tkill:
    case NR_tgkill:
        *r = sig_kill(p, nr, a);
        return true;
    }
    return false;
}
