/* Guest threads for armature-user: clone, exit, futexes and the deterministic round-robin scheduler.
 *
 * Design: every guest thread is its own Cpu on the one GuestMem, and all
 * of them run on ONE host thread. lu_sched() gives the running thread
 * LU_QUANTUM instructions, then the next runnable thread in creation order
 * its turn, so the interleaving depends only on the program (and on
 * outside events: signals, timeouts, host I/O), never on host timing: the
 * same program gives the same output every run (DESIGN.md's determinism).
 * One host thread also keeps the global exclusives monitor (monitor.c,
 * not thread-safe) exact across guest threads.
 *
 * Calls that wait for another thread are done here, never in the host
 * kernel: futex waits (a wait list: each waiting thread records its futex
 * word, bitset and a sequence number, so wakes go oldest first), nanosleep
 * and clock_nanosleep while other threads exist, and rt_sigsuspend. The
 * waiting thread is parked (LU_BLOCKED) and the others run; when nobody
 * can run, the host sleeps until the nearest timeout or a signal. When
 * every thread waits with no timeout and no signal can arrive (the guest
 * handles none and no thread is in sigsuspend), that is a deadlock: the
 * process ends with a message and status 1. read, readv, write and writev
 * of a blocking fd that is not ready (a pipe, a terminal) park the thread
 * too (LU_T_IO) and run again once poll() says the fd is ready. Other
 * blocking host calls (wait4, ppoll, pselect6, waitid) still block the
 * whole process while they wait.
 *
 * Futex words are keyed by guest address; shared futexes between
 * processes (after fork) are not supported, private and shared are the
 * same, and the PI operations fail ENOSYS. A thread's robust list is walked
 * when it exits. Each thread costs a Cpu (about 4 MB of decode cache). */
#define _GNU_SOURCE
#include "linux_user.h"
#include "syscall_nr.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SIGBIT(s) (1ull << ((s) - 1))

#define F_CLONE_VM 0x100ull
#define F_CLONE_SIGHAND 0x800ull
#define F_CLONE_THREAD 0x10000ull
#define F_CLONE_SETTLS 0x80000ull
#define F_CLONE_PARENT_SETTID 0x100000ull
#define F_CLONE_CHILD_CLEARTID 0x200000ull
#define F_CLONE_CHILD_SETTID 0x1000000ull

#define FUTEX_BITSET_ALL 0xffffffffu

int64_t lu_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static LuThread *th_new(LuProcess *p, Cpu *cpu, int32_t tid)
{
    LuThread *t = calloc(1, sizeof *t);
    LuThread **v = realloc(p->threads, (size_t)(p->nthreads + 1) * sizeof *v);
    if (!t || !v)
        abort();
    p->threads = v;
    t->cpu = cpu;
    t->tid = tid;
    t->deadline = -1;
    t->ss_flags = 2; /* SS_DISABLE */
    p->threads[p->nthreads++] = t;
    return t;
}

void lu_threads_init(LuProcess *p)
{
    p->threads = NULL;
    p->nthreads = 0;
    p->cur = th_new(p, NULL, (int32_t)getpid());
    p->next_tid = p->cur->tid + 1;
}

LuThread *lu_thread_find(LuProcess *p, int32_t tid)
{
    for (int i = 0; i < p->nthreads; i++)
        if (p->threads[i]->tid == tid && p->threads[i]->state != LU_T_DEAD)
            return p->threads[i];
    return NULL;
}

uint64_t lu_icount(const LuProcess *p)
{
    uint64_t n = p->icount_done;
    for (int i = 0; i < p->nthreads; i++)
        if (p->threads[i]->cpu)
            n += cpu_icount(p->threads[i]->cpu);
    return n;
}

/* ---- Per-thread signal state: p->sig holds the running thread's. */

static uint64_t th_blocked(const LuProcess *p, const LuThread *t)
{
    return t == p->cur ? p->sig.blocked : t->blocked;
}

static uint64_t th_pending(const LuProcess *p, const LuThread *t)
{
    return t == p->cur ? __atomic_load_n(&p->sig.pending, __ATOMIC_SEQ_CST) : t->pending;
}

/* Make t the running thread. */
static void th_switch(LuProcess *p, LuThread *t)
{
    LuThread *o = p->cur;
    if (t == o)
        return;
    LuSignals *s = &p->sig;
    /* The host handler ORs into s->pending at any time: take it atomically. */
    uint64_t pend = __atomic_exchange_n(&s->pending, 0, __ATOMIC_SEQ_CST);
    o->pending |= pend;
    for (int sig = 1; sig <= LU_NSIG; sig++)
        if (pend & SIGBIT(sig))
            memcpy(o->info[sig], s->info[sig], 128);
    uint64_t old_blocked = s->blocked;
    o->blocked = s->blocked;
    o->ss_sp = s->ss_sp;
    o->ss_size = s->ss_size;
    o->ss_flags = s->ss_flags;
    o->suspended = s->suspended;
    o->suspended_mask = s->suspend_saved;

    for (int sig = 1; sig <= LU_NSIG; sig++)
        if (t->pending & SIGBIT(sig))
            memcpy(s->info[sig], t->info[sig], 128);
    __atomic_fetch_or(&s->pending, t->pending, __ATOMIC_SEQ_CST);
    t->pending = 0;
    s->blocked = t->blocked;
    s->ss_sp = t->ss_sp;
    s->ss_size = t->ss_size;
    s->ss_flags = t->ss_flags;
    s->suspended = t->suspended;
    s->suspend_saved = t->suspended_mask;
    p->cur = t;
    p->cpu = t->cpu;
    if (s->blocked != old_blocked)
        lu_signal_mirror_mask(p);
}

void lu_thread_raise(LuProcess *p, LuThread *t, int sig, int code)
{
    if (t == p->cur) {
        lu_signal_raise(p, sig, code, 0);
        p->sig.fault_sig = 0;
        return;
    }
    uint8_t *si = t->info[sig];
    memset(si, 0, 128);
    int32_t w[3] = {sig, 0, code}, pu[2] = {(int32_t)getpid(), (int32_t)getuid()};
    memcpy(si, w, sizeof(w));
    memcpy(si + 16, pu, sizeof(pu)); /* SI_TKILL: the sender */
    t->pending |= SIGBIT(sig);
}

/* ---- Waking. */

static void th_wake(LuThread *t, int64_t result)
{
    t->state = LU_T_RUN;
    t->deadline = -1;
    cpu_set_x(t->cpu, 0, (uint64_t)result);
}

/* Threads waiting on `addr` whose bitset meets `bitset`, oldest first: up to n of them. */
static int fx_matches(LuProcess *p, uint64_t addr, uint32_t bitset, int n, LuThread **out)
{
    int k = 0;
    while (k < n) {
        LuThread *best = NULL;
        for (int i = 0; i < p->nthreads; i++) {
            LuThread *t = p->threads[i];
            if (t->state == LU_T_FUTEX && t->futex_addr == addr && (t->futex_bitset & bitset) &&
                (!best || t->wait_seq < best->wait_seq)) {
                bool taken = false;
                for (int j = 0; j < k; j++)
                    taken |= out[j] == t;
                if (!taken)
                    best = t;
            }
        }
        if (!best)
            break;
        out[k++] = best;
    }
    return k;
}

static int fx_wake(LuProcess *p, uint64_t addr, uint32_t bitset, int64_t n)
{
    if (n <= 0)
        return 0;
    LuThread **w = malloc((size_t)p->nthreads * sizeof *w);
    if (!w)
        abort();
    int k = fx_matches(p, addr, bitset, n > p->nthreads ? p->nthreads : (int)n, w);
    for (int i = 0; i < k; i++)
        th_wake(w[i], 0);
    free(w);
    return k;
}

/* Move up to n waiters of addr to addr2 (they keep their place in line). */
static int fx_requeue(LuProcess *p, uint64_t addr, uint64_t addr2, int64_t n)
{
    int k = 0;
    for (int i = 0; i < p->nthreads && k < n; i++) {
        LuThread *t = p->threads[i];
        if (t->state == LU_T_FUTEX && t->futex_addr == addr) {
            t->futex_addr = addr2;
            k++;
        }
    }
    return k;
}

static int64_t fx_read(LuProcess *p, uint64_t addr, uint32_t *v)
{
    if (addr & 3)
        return -EINVAL;
    return lu_copy_from(p, v, addr, 4);
}

/* A futex timeout as a CLOCK_MONOTONIC deadline: relative (FUTEX_WAIT)
 * or absolute on CLOCK_MONOTONIC or CLOCK_REALTIME (FUTEX_WAIT_BITSET). */
static int64_t fx_deadline(LuProcess *p, uint64_t addr, bool absolute, bool realtime, int64_t *out)
{
    int64_t v[2];
    *out = -1;
    if (!addr)
        return 0;
    if (lu_copy_from(p, v, addr, sizeof(v)) != 0)
        return -EFAULT;
    if (v[0] < 0 || v[1] < 0 || v[1] >= 1000000000)
        return -EINVAL;
    int64_t ns = v[0] > INT64_MAX / 1000000000 - 1 ? INT64_MAX / 2 : v[0] * 1000000000 + v[1];
    int64_t now = lu_now_ns();
    if (!absolute) {
        *out = now + ns;
    } else if (!realtime) {
        *out = ns;
    } else {
        struct timespec rt;
        clock_gettime(CLOCK_REALTIME, &rt);
        *out = now + (ns - ((int64_t)rt.tv_sec * 1000000000 + rt.tv_nsec));
    }
    return 0;
}

/* FUTEX_WAKE_OP: *uaddr2 = op(old, oparg); wake on uaddr; if cmp(old, cmparg), on uaddr2 too. */
static int64_t fx_wake_op(LuProcess *p, const uint64_t a[6])
{
    uint32_t old, e = (uint32_t)a[5];
    int64_t r = fx_read(p, a[4], &old);
    if (r)
        return r;
    unsigned op = e >> 28 & 7, cmp = e >> 24 & 15;
    uint32_t oparg = e >> 12 & 0xfff, cmparg = e & 0xfff;
    if (e >> 31) /* FUTEX_OP_OPARG_SHIFT */
        oparg = oparg > 31 ? 0 : 1u << oparg;
    else
        oparg = (uint32_t)((int32_t)(oparg << 20) >> 20); /* sign-extended 12 bits */
    cmparg = (uint32_t)((int32_t)(cmparg << 20) >> 20);
    uint32_t nv;
    switch (op) {
    case 0: nv = oparg; break;
    case 1: nv = old + oparg; break;
    case 2: nv = old | oparg; break;
    case 3: nv = old & ~oparg; break;
    case 4: nv = old ^ oparg; break;
    default: return -ENOSYS;
    }
    bool c;
    int32_t so = (int32_t)old, sa = (int32_t)cmparg;
    switch (cmp) {
    case 0: c = so == sa; break;
    case 1: c = so != sa; break;
    case 2: c = so < sa; break;
    case 3: c = so <= sa; break;
    case 4: c = so > sa; break;
    case 5: c = so >= sa; break;
    default: return -ENOSYS;
    }
    if (!guest_mem_is_mapped(p->mem, a[4], 4, GUEST_PROT_WRITE))
        return -EFAULT;
    lu_copy_to(p, a[4], &nv, 4);
    int n = fx_wake(p, a[0], FUTEX_BITSET_ALL, (int64_t)(int32_t)a[2]);
    if (c)
        n += fx_wake(p, a[4], FUTEX_BITSET_ALL, (int64_t)(uint32_t)a[3]);
    return n;
}

int64_t lu_futex(LuProcess *p, const uint64_t a[6])
{
    unsigned op = (unsigned)a[1] & 0x7f; /* without FUTEX_PRIVATE_FLAG (128) */
    bool realtime = a[1] & 256;          /* FUTEX_CLOCK_REALTIME */
    uint32_t word, bitset = FUTEX_BITSET_ALL;
    int64_t r, deadline;
    if (realtime && op != 0 && op != 9)
        return -ENOSYS;
    switch (op) {
    case 9: /* FUTEX_WAIT_BITSET */
        bitset = (uint32_t)a[5];
        if (!bitset)
            return -EINVAL;
        /* fall through */
    case 0: /* FUTEX_WAIT */
        if ((r = fx_read(p, a[0], &word)) != 0)
            return r;
        if ((r = fx_deadline(p, a[3], op == 9, realtime, &deadline)) != 0)
            return r;
        if (word != (uint32_t)a[2])
            return -EAGAIN;
        LuThread *t = p->cur;
        t->state = LU_T_FUTEX;
        t->futex_addr = a[0];
        t->futex_bitset = bitset;
        t->wait_seq = ++p->wait_seq;
        t->deadline = deadline;
        t->timeout_result = -ETIMEDOUT;
        return LU_BLOCKED;
    case 10: /* FUTEX_WAKE_BITSET */
        bitset = (uint32_t)a[5];
        if (!bitset)
            return -EINVAL;
        /* fall through */
    case 1: /* FUTEX_WAKE */
        if (a[0] & 3)
            return -EINVAL;
        return fx_wake(p, a[0], bitset, (int64_t)(int32_t)a[2]);
    case 4: /* FUTEX_CMP_REQUEUE */
        if ((r = fx_read(p, a[0], &word)) != 0)
            return r;
        if (word != (uint32_t)a[5])
            return -EAGAIN;
        /* fall through */
    case 3: /* FUTEX_REQUEUE: val2 (the requeue limit) is passed in the timeout slot */
        if ((a[0] & 3) || (a[4] & 3))
            return -EINVAL;
        if ((int32_t)a[2] < 0 || (int32_t)a[3] < 0)
            return -EINVAL;
        r = fx_wake(p, a[0], FUTEX_BITSET_ALL, (int32_t)a[2]);
        return r + fx_requeue(p, a[0], a[4], (int32_t)a[3]);
    case 5: /* FUTEX_WAKE_OP */
        return fx_wake_op(p, a);
    }
    return -ENOSYS; /* the PI and robust-list operations */
}

int64_t lu_thread_sleep(LuProcess *p, int64_t deadline)
{
    LuThread *t = p->cur;
    t->state = LU_T_SLEEP;
    t->deadline = deadline;
    t->timeout_result = 0;
    return LU_BLOCKED;
}

int64_t lu_thread_sigsuspend(LuProcess *p, uint64_t mask)
{
    LuThread *t = p->cur;
    t->suspend_saved = p->sig.blocked;
    p->sig.blocked = mask;
    lu_signal_mirror_mask(p);
    t->state = LU_T_SIGWAIT;
    t->deadline = -1;
    return LU_BLOCKED;
}

int64_t lu_thread_syscall(LuProcess *p, uint64_t nr, const uint64_t a[6])
{
    short ev;
    switch (nr) {
    case NR_read: case NR_readv: ev = POLLIN; break;
    case NR_write: case NR_writev: ev = POLLOUT; break;
    default: return lu_syscall(p, nr, a);
    }
    if (p->nthreads < 2)
        return lu_syscall(p, nr, a);
    int fd = (int)a[0];
    int fl = fcntl(fd, F_GETFL);
    struct stat st;
    if (fl < 0 || (fl & O_NONBLOCK) || fstat(fd, &st) != 0 ||
        S_ISREG(st.st_mode) || S_ISDIR(st.st_mode) || S_ISBLK(st.st_mode))
        return lu_syscall(p, nr, a); /* it cannot wait, or fails at once */
    struct pollfd pf = {.fd = fd, .events = ev};
    if (ev == POLLOUT && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))) {
        /* A write may fill the pipe and wait halfway: write what fits now,
         * with O_NONBLOCK set just for the call (a partial count, as a
         * signal would give), and wait only when nothing fits. */
        fcntl(fd, F_SETFL, fl | O_NONBLOCK);
        int64_t r = lu_syscall(p, nr, a);
        fcntl(fd, F_SETFL, fl);
        if (r != -EAGAIN)
            return r;
    } else if (poll(&pf, 1, 0) != 0) {
        /* Ready: the call does not wait (a read returns what is there). */
        return lu_syscall(p, nr, a);
    }
    LuThread *t = p->cur;
    t->state = LU_T_IO;
    t->io_fd = fd;
    t->io_events = ev;
    t->deadline = -1;
    return LU_BLOCKED;
}

/* ---- clone, exit, fork. */

int64_t lu_thread_clone(LuProcess *p, const uint64_t a[6])
{
    uint64_t flags = a[0], newsp = a[1], ptid = a[2], tls = a[3], ctid = a[4];
    /* copy_process()'s rules: a thread shares the handlers, which share the VM. */
    if (!(flags & F_CLONE_SIGHAND) || !(flags & F_CLONE_VM))
        return -EINVAL;
    Cpu *c = cpu_new(p->cpu_name ? p->cpu_name : cpu_model_name(p->cpu));
    if (!c)
        return -EAGAIN;
    cpu_set_mem(c, p->mem);
    cpu_copy_state(c, p->cpu); /* the PC is already past the SVC */
    cpu_set_x(c, 0, 0);
    if (newsp)
        cpu_set_sp(c, newsp);
    if (flags & F_CLONE_SETTLS)
        cpu_set_tpidr_el0(c, tls);
    int32_t tid = p->next_tid++;
    if ((flags & F_CLONE_PARENT_SETTID) && lu_copy_to(p, ptid, &tid, 4) != 0) {
        cpu_free(c);
        return -EFAULT;
    }
    LuThread *t = th_new(p, c, tid);
    if (flags & F_CLONE_CHILD_SETTID)
        lu_copy_to(p, ctid, &tid, 4);
    if (flags & F_CLONE_CHILD_CLEARTID)
        t->clear_child_tid = ctid;
    /* The child starts with the parent's mask, nothing pending, and (CLONE_VM)
     * no alternate signal stack. */
    t->blocked = p->sig.blocked;
    return tid;
}

/* One robust futex of a dying thread (handle_futex_death()): if the
 * thread owns it, mark the owner dead and wake a waiter. */
static void th_futex_death(LuProcess *p, const LuThread *t, uint64_t addr)
{
    uint32_t w;
    if ((addr & 3) || lu_copy_from(p, &w, addr, 4) != 0)
        return;
    if ((w & 0x3fffffffu) != (uint32_t)t->tid)
        return;
    uint32_t nw = (w & 0x80000000u /* FUTEX_WAITERS */) | 0x40000000u /* FUTEX_OWNER_DIED */;
    lu_copy_to(p, addr, &nw, 4);
    if (w & 0x80000000u)
        fx_wake(p, addr, FUTEX_BITSET_ALL, 1);
}

/* exit_robust_list(): struct robust_list_head { list, futex_offset,
 * list_op_pending }, each entry pointing at the next; bit 0 of an entry
 * marks a PI futex (not supported: skipped as well). */
static void th_walk_robust_list(LuProcess *p, const LuThread *t)
{
    uint64_t head[3];
    if (!t->robust_list || lu_copy_from(p, head, t->robust_list, sizeof(head)) != 0)
        return;
    int64_t off = (int64_t)head[1];
    uint64_t e = head[0];
    for (int limit = 2048; e != t->robust_list && limit > 0; limit--) {
        uint64_t next;
        if (lu_copy_from(p, &next, e & ~1ull, 8) != 0)
            break;
        if (e != head[2])
            th_futex_death(p, t, (e & ~1ull) + (uint64_t)off);
        e = next;
    }
    if (head[2])
        th_futex_death(p, t, (head[2] & ~1ull) + (uint64_t)off);
}

bool lu_thread_exit(LuProcess *p, int status)
{
    LuThread *t = p->cur;
    th_walk_robust_list(p, t);
    if (t->clear_child_tid) {
        uint32_t zero = 0;
        if (lu_copy_to(p, t->clear_child_tid, &zero, 4) == 0)
            fx_wake(p, t->clear_child_tid, FUTEX_BITSET_ALL, 1);
    }
    int live = 0;
    for (int i = 0; i < p->nthreads; i++)
        live += p->threads[i]->state != LU_T_DEAD;
    if (live <= 1) {
        p->exited = true;
        p->exit_status = status;
        return true;
    }
    t->state = LU_T_DEAD;
    return false;
}

void lu_threads_after_fork(LuProcess *p)
{
    int k = 0;
    for (int i = 0; i < p->nthreads; i++)
        if (p->threads[i] == p->cur)
            p->threads[k++] = p->threads[i];
    /* The other threads' Cpus are dropped, not freed: one of them may be main_cpu. */
    p->nthreads = k;
    p->cur->tid = (int32_t)getpid();
    p->next_tid = p->cur->tid + 1;
    p->cur->state = LU_T_RUN;
}

/* ---- The scheduler. */

static bool th_waiting(const LuThread *t)
{
    return t->state == LU_T_FUTEX || t->state == LU_T_SLEEP || t->state == LU_T_SIGWAIT ||
           t->state == LU_T_IO;
}

/* End the waits that are over: timeouts, and signals the thread takes. */
static void sched_wake_due(LuProcess *p)
{
    int64_t now = -1;
    for (int i = 0; i < p->nthreads; i++) {
        LuThread *t = p->threads[i];
        if (!th_waiting(t))
            continue;
        if (th_pending(p, t) & ~th_blocked(p, t)) {
            if (t->state == LU_T_SIGWAIT) {
                /* The handler's frame restores the mask from before the call. */
                if (t == p->cur) {
                    p->sig.suspended = true;
                    p->sig.suspend_saved = t->suspend_saved;
                } else {
                    t->suspended = true;
                    t->suspended_mask = t->suspend_saved;
                }
            }
            if (t->state == LU_T_IO)
                t->state = LU_T_RUN; /* x0 untouched: the call runs again after the handler */
            else
                th_wake(t, -EINTR);
            continue;
        }
        if (t->deadline >= 0) {
            if (now < 0)
                now = lu_now_ns();
            if (now >= t->deadline)
                th_wake(t, t->timeout_result);
        }
    }
}

/* Threads waiting on fds: poll them (timeout_ns -1: until one is ready or a
 * signal comes, with the host mask `mask`) and make the ready ones runnable.
 * Returns how many threads wait on I/O. */
static int sched_poll_io(LuProcess *p, int64_t timeout_ns, const sigset_t *mask)
{
    struct pollfd pf[64];
    LuThread *who[64];
    int n = 0;
    for (int i = 0; i < p->nthreads && n < 64; i++)
        if (p->threads[i]->state == LU_T_IO) {
            who[n] = p->threads[i];
            pf[n++] = (struct pollfd){.fd = p->threads[i]->io_fd, .events = p->threads[i]->io_events};
        }
    if (!n && timeout_ns == 0)
        return 0;
    struct timespec ts, *tp = NULL;
    if (timeout_ns >= 0) {
        ts.tv_sec = (time_t)(timeout_ns / 1000000000);
        ts.tv_nsec = (long)(timeout_ns % 1000000000);
        tp = &ts;
    }
    if (ppoll(pf, (nfds_t)n, tp, mask) > 0)
        for (int i = 0; i < n; i++)
            if (pf[i].revents)
                who[i]->state = LU_T_RUN;
    return n;
}

/* A signal the host delivered while the running thread blocks it goes to
 * a thread that does not (Linux's complete_signal()). */
static void sched_route_signals(LuProcess *p)
{
    uint64_t pend = __atomic_load_n(&p->sig.pending, __ATOMIC_SEQ_CST) & p->sig.blocked;
    for (int sig = 1; pend && sig <= LU_NSIG; sig++) {
        if (!(pend & SIGBIT(sig)))
            continue;
        for (int i = 0; i < p->nthreads; i++) {
            LuThread *t = p->threads[i];
            if (t != p->cur && t->state != LU_T_DEAD && !(t->blocked & SIGBIT(sig))) {
                __atomic_fetch_and(&p->sig.pending, ~SIGBIT(sig), __ATOMIC_SEQ_CST);
                memcpy(t->info[sig], p->sig.info[sig], 128);
                t->pending |= SIGBIT(sig);
                break;
            }
        }
    }
}

static void sched_reap(LuProcess *p)
{
    int k = 0;
    for (int i = 0; i < p->nthreads; i++) {
        LuThread *t = p->threads[i];
        if (t->state == LU_T_DEAD && t != p->cur) {
            p->icount_done += cpu_icount(t->cpu);
            if (t->cpu != p->main_cpu)
                cpu_free(t->cpu);
            free(t);
        } else {
            p->threads[k++] = t;
        }
    }
    p->nthreads = k;
}

static void sched_report_deadlock(LuProcess *p, LuEnd *end)
{
    fprintf(p->log, "armature-user: deadlock: every guest thread waits forever:");
    for (int i = 0; i < p->nthreads; i++) {
        LuThread *t = p->threads[i];
        if (t->state == LU_T_FUTEX)
            fprintf(p->log, " [tid %d: futex 0x%llx]", (int)t->tid,
                    (unsigned long long)t->futex_addr);
        else if (th_waiting(t))
            fprintf(p->log, " [tid %d: waits]", (int)t->tid);
    }
    fputc('\n', p->log);
    fflush(p->log);
    *end = (LuEnd){.status = 1};
}

/* Nobody can run: sleep on the host until the nearest deadline or a
 * signal. false if nothing can ever wake anyone. */
static bool sched_idle(LuProcess *p)
{
    int64_t deadline = -1;
    uint64_t blocked_by_all = ~0ull;
    bool sigwait = false;
    for (int i = 0; i < p->nthreads; i++) {
        LuThread *t = p->threads[i];
        if (!th_waiting(t))
            continue;
        if (t->deadline >= 0 && (deadline < 0 || t->deadline < deadline))
            deadline = t->deadline;
        blocked_by_all &= th_blocked(p, t);
        sigwait |= t->state == LU_T_SIGWAIT;
    }
    bool handled = false, io = false;
    for (int sig = 1; sig <= LU_NSIG; sig++)
        handled |= p->sig.act[sig].handler > 1 && !(blocked_by_all & SIGBIT(sig));
    for (int i = 0; i < p->nthreads; i++)
        io |= p->threads[i]->state == LU_T_IO;
    if (deadline < 0 && !sigwait && !handled && !io)
        return false;
    sigset_t hs;
    sigemptyset(&hs);
    for (int sig = 1; sig <= LU_NSIG; sig++)
        if ((blocked_by_all & SIGBIT(sig)) && sig != SIGKILL && sig != SIGSTOP && sig != 32 &&
            sig != 33 && sig != SIGSEGV && sig != SIGBUS && sig != SIGILL && sig != SIGTRAP &&
            sig != SIGFPE)
            sigaddset(&hs, sig);
    int64_t left = -1;
    if (deadline >= 0) {
        left = deadline - lu_now_ns();
        if (left < 0)
            left = 0;
    }
    sched_poll_io(p, left, &hs);
    return true;
}

bool lu_sched(LuProcess *p, LuEnd *end)
{
    if (p->nthreads == 1 && p->cur->state == LU_T_RUN)
        return true;
    for (;;) {
        if (p->nthreads > 1) {
            sched_route_signals(p);
            sched_poll_io(p, 0, NULL);
        }
        sched_wake_due(p);
        int n = p->nthreads, at = 0;
        for (int i = 0; i < n; i++)
            if (p->threads[i] == p->cur)
                at = i;
        LuThread *next = NULL;
        if (p->cur->state == LU_T_RUN && !p->resched)
            next = p->cur;
        for (int i = 1; !next && i <= n; i++)
            if (p->threads[(at + i) % n]->state == LU_T_RUN)
                next = p->threads[(at + i) % n];
        if (next) {
            p->resched = false;
            th_switch(p, next);
            sched_reap(p);
            return true;
        }
        if (!sched_idle(p)) {
            sched_report_deadlock(p, end);
            return false;
        }
    }
}
