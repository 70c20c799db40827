/* Tests of armature-user's syscall layer and signal frames (boards/linux-user):
 * struct layouts, EFAULT paths, host fd passthrough, file mmap, open flag
 * translation, HWCAP, and signal delivery and return on the arm64 rt_sigframe. */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "linux-user/linux_user.h"

#define PG 4096ull
#define BUF 0x400000ull /* a read-write guest page */
#define RO 0x410000ull  /* a read-only guest page */

enum {
    SYS_openat = 56, SYS_close = 57, SYS_lseek = 62, SYS_read = 63, SYS_write = 64,
    SYS_readv = 65, SYS_pread64 = 67, SYS_readlinkat = 78, SYS_newfstatat = 79, SYS_fstat = 80,
    SYS_getcwd = 17, SYS_fcntl = 25, SYS_getdents64 = 61, SYS_statx = 291, SYS_pipe2 = 59,
    SYS_rt_sigaction = 134, SYS_rt_sigprocmask = 135, SYS_rt_sigreturn = 139,
    SYS_sigaltstack = 132, SYS_mmap = 222, SYS_mremap = 216, SYS_sysinfo = 179,
    SYS_getrusage = 165, SYS_clock_getres = 114, SYS_gettimeofday = 169,
    SYS_futex = 98, SYS_clone = 220, SYS_exit = 93, SYS_gettid = 178, SYS_tgkill = 131,
    SYS_sched_yield = 124,
};

static GuestMem *m;
static LuProcess proc;
static char tmpdir[64], path[128];

static int64_t sys(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
                   uint64_t a5)
{
    const uint64_t a[6] = {a0, a1, a2, a3, a4, a5};
    return lu_syscall(&proc, nr, a);
}

static void setup(void)
{
    LuImage img = {.brk = 0x500000};
    m = guest_mem_new();
    ck_assert(guest_mem_map(m, BUF, 4 * PG, GUEST_PROT_READ | GUEST_PROT_WRITE));
    ck_assert(guest_mem_map(m, RO, PG, GUEST_PROT_READ));
    lu_process_init(&proc, m, &img);
    proc.log = fopen("/dev/null", "w");
    strcpy(tmpdir, "/tmp/check_lu_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
    snprintf(path, sizeof(path), "%s/f.txt", tmpdir);
}

static void teardown(void)
{
    unlink(path);
    rmdir(tmpdir);
    fclose(proc.log);
    guest_mem_free(m);
}

static void put_str(uint64_t addr, const char *s)
{
    ck_assert(guest_mem_copy_in(m, addr, s, strlen(s) + 1));
}

START_TEST(fd_passthrough)
{
    put_str(BUF, path);
    int64_t fd = sys(SYS_openat, (uint64_t)AT_FDCWD, BUF, 0102 /* O_RDWR|O_CREAT */, 0600, 0, 0);
    ck_assert_int_ge(fd, 0);
    put_str(BUF + 512, "0123456789");
    ck_assert_int_eq(sys(SYS_write, (uint64_t)fd, BUF + 512, 10, 0, 0, 0), 10);
    /* the guest fd is the host fd */
    char host[16] = {0};
    ck_assert_int_eq(pread((int)fd, host, 10, 0), 10);
    ck_assert_str_eq(host, "0123456789");
    ck_assert_int_eq(sys(SYS_lseek, (uint64_t)fd, 3, SEEK_SET, 0, 0, 0), 3);
    ck_assert_int_eq(sys(SYS_read, (uint64_t)fd, BUF + 1024, 4, 0, 0, 0), 4);
    ck_assert(guest_mem_copy_out(m, host, BUF + 1024, 4));
    ck_assert_mem_eq(host, "3456", 4);
    /* readv scatters one read over two vectors */
    uint64_t iov[2][2] = {{BUF + 2048, 2}, {BUF + 2056, 2}};
    ck_assert(guest_mem_copy_in(m, BUF + 1536, iov, sizeof(iov)));
    ck_assert_int_eq(sys(SYS_lseek, (uint64_t)fd, 0, SEEK_SET, 0, 0, 0), 0);
    ck_assert_int_eq(sys(SYS_readv, (uint64_t)fd, BUF + 1536, 2, 0, 0, 0), 4);
    ck_assert(guest_mem_copy_out(m, host, BUF + 2056, 2));
    ck_assert_mem_eq(host, "23", 2);
    /* struct stat of arm64: st_mode at 16, st_size at 48, st_blksize at 56 */
    uint8_t st[128];
    ck_assert_int_eq(sys(SYS_fstat, (uint64_t)fd, BUF + PG, 0, 0, 0, 0), 0);
    ck_assert(guest_mem_copy_out(m, st, BUF + PG, sizeof(st)));
    uint32_t mode;
    int64_t size;
    memcpy(&mode, st + 16, 4);
    memcpy(&size, st + 48, 8);
    ck_assert_uint_eq(mode & S_IFMT, S_IFREG);
    ck_assert_int_eq(size, 10);
    ck_assert_int_eq(sys(SYS_newfstatat, (uint64_t)AT_FDCWD, BUF, BUF + PG, 0, 0, 0), 0);
    /* statx: stx_size at 40 */
    ck_assert_int_eq(sys(SYS_statx, (uint64_t)AT_FDCWD, BUF, 0, 0x7ff, BUF + 2 * PG, 0), 0);
    ck_assert(guest_mem_copy_out(m, &size, BUF + 2 * PG + 40, 8));
    ck_assert_int_eq(size, 10);
    /* F_GETFL reports arm64's O_LARGEFILE (0400000), not the host's */
    int64_t fl = sys(SYS_fcntl, (uint64_t)fd, F_GETFL, 0, 0, 0, 0);
    ck_assert_int_eq(fl & 03, 2);
    ck_assert_int_eq(fl & 0100000, 0);
    ck_assert_int_eq(sys(SYS_close, (uint64_t)fd, 0, 0, 0, 0, 0), 0);
    ck_assert_int_eq(fcntl((int)fd, F_GETFD), -1);
}
END_TEST

START_TEST(efault_paths)
{
    put_str(BUF, path);
    int fd = open(path, O_RDWR | O_CREAT, 0600);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, "abc", 3), 3);
    /* unmapped, read-only and wrapping pointers: EFAULT, never a host crash */
    ck_assert_int_eq(sys(SYS_openat, (uint64_t)AT_FDCWD, 0x10, 0, 0, 0, 0), -EFAULT);
    ck_assert_int_eq(sys(SYS_openat, (uint64_t)AT_FDCWD, ~0ull - 2, 0, 0, 0, 0), -EFAULT);
    ck_assert_int_eq(sys(SYS_pread64, (uint64_t)fd, RO, 3, 0, 0, 0), -EFAULT);
    ck_assert_int_eq(sys(SYS_pread64, (uint64_t)fd, BUF + 4 * PG - 1, 3, 0, 0, 0), -EFAULT);
    ck_assert_int_eq(sys(SYS_fstat, (uint64_t)fd, RO, 0, 0, 0, 0), -EFAULT);
    ck_assert_int_eq(sys(SYS_getcwd, 0x10, 100, 0, 0, 0, 0), -EFAULT);
    ck_assert_int_eq(sys(SYS_getcwd, BUF, 1, 0, 0, 0, 0), -ERANGE);
    ck_assert_int_eq(sys(SYS_pipe2, RO, 0, 0, 0, 0, 0), -EFAULT);
    ck_assert_int_eq(sys(SYS_getdents64, (uint64_t)fd, 0x10, 100, 0, 0, 0), -EFAULT);
    ck_assert_int_eq(sys(SYS_sysinfo, RO, 0, 0, 0, 0, 0), -EFAULT);
    ck_assert_int_eq(sys(SYS_getrusage, 0, 0x10, 0, 0, 0, 0), -EFAULT);
    ck_assert_int_eq(sys(SYS_gettimeofday, RO, 0, 0, 0, 0, 0), -EFAULT);
    ck_assert_int_eq(sys(SYS_clock_getres, 1, RO, 0, 0, 0, 0), -EFAULT);
    ck_assert_int_eq(sys(SYS_rt_sigaction, 10, 0x10, 0, 8, 0, 0), -EFAULT);
    /* a path running into an unmapped page */
    uint8_t fill[PG];
    memset(fill, 'a', sizeof(fill));
    ck_assert(guest_mem_copy_in(m, BUF + 3 * PG, fill, PG));
    ck_assert_int_eq(sys(SYS_openat, (uint64_t)AT_FDCWD, BUF + 3 * PG + 100, 0, 0, 0, 0), -EFAULT);
    /* a path longer than PATH_MAX */
    ck_assert(guest_mem_copy_in(m, BUF, fill, PG));
    ck_assert(guest_mem_copy_in(m, BUF + PG, fill, PG));
    ck_assert_int_eq(sys(SYS_openat, (uint64_t)AT_FDCWD, BUF, 0, 0, 0, 0), -ENAMETOOLONG);
    close(fd);
}
END_TEST

START_TEST(file_mmap)
{
    int fd = open(path, O_RDWR | O_CREAT, 0600);
    ck_assert_int_ge(fd, 0);
    char data[6000];
    for (size_t i = 0; i < sizeof(data); i++)
        data[i] = (char)('a' + i % 26);
    ck_assert_int_eq(write(fd, data, sizeof(data)), (ssize_t)sizeof(data));
    /* MAP_PRIVATE at offset 4096: a copy of the file, zero past its end */
    int64_t a = sys(SYS_mmap, 0, 2 * PG, 3, 0x02, (uint64_t)fd, PG);
    ck_assert_int_gt(a, 0);
    char back[16];
    ck_assert(guest_mem_copy_out(m, back, (uint64_t)a, 4));
    ck_assert_mem_eq(back, data + 4096, 4);
    ck_assert(guest_mem_copy_out(m, back, (uint64_t)a + 6000 - 4096, 4));
    ck_assert_mem_eq(back, "\0\0\0\0", 4);
    /* private writes stay private */
    ck_assert(guest_mem_copy_in(m, (uint64_t)a, "ZZ", 2));
    ck_assert_int_eq(pread(fd, back, 2, 4096), 2);
    ck_assert_mem_eq(back, data + 4096, 2);
    /* MAP_SHARED read-only is fine, writable shared is refused */
    ck_assert_int_gt(sys(SYS_mmap, 0, PG, 1, 0x01, (uint64_t)fd, 0), 0);
    ck_assert_int_eq(sys(SYS_mmap, 0, PG, 3, 0x01, (uint64_t)fd, 0), -ENOTSUP);
    ck_assert_int_eq(sys(SYS_mmap, 0, PG, 1, 0x02, 999, 0), -EBADF);
    /* mremap moves the contents */
    int64_t b = sys(SYS_mremap, (uint64_t)a, 2 * PG, 64 * PG, 1, 0, 0);
    ck_assert_int_gt(b, 0);
    ck_assert(guest_mem_copy_out(m, back, (uint64_t)b, 2));
    ck_assert_mem_eq(back, "ZZ", 2);
    close(fd);
}
END_TEST

START_TEST(open_flags)
{
    /* arm64 O_DIRECTORY (040000) and O_NOFOLLOW (0100000) differ from x86-64 */
    ck_assert_int_eq(lu_open_flags_to_host(040000), O_DIRECTORY);
    ck_assert_int_eq(lu_open_flags_to_host(0100000), O_NOFOLLOW);
    ck_assert_int_eq(lu_open_flags_to_host(02000000 | 0100 | 2), O_CLOEXEC | O_CREAT | O_RDWR);
    ck_assert_uint_eq(lu_open_flags_to_guest(O_DIRECTORY | O_RDONLY), 040000);
    put_str(BUF, path);
    int fd = open(path, O_RDWR | O_CREAT, 0600);
    close(fd);
    ck_assert_int_eq(sys(SYS_openat, (uint64_t)AT_FDCWD, BUF, 040000, 0, 0, 0), -ENOTDIR);
}
END_TEST

START_TEST(hwcaps)
{
    Cpu *cpu = cpu_new("max");
    uint64_t h1, h2;
    lu_hwcaps(cpu, &h1, &h2);
    ck_assert_uint_eq(h1 & 3, 3);           /* FP, ASIMD */
    ck_assert_uint_eq(h1 & (1u << 11), 0);  /* no CPUID: ID register reads are not emulated */
    ck_assert_uint_ne(h1 & (1u << 8), 0);   /* ATOMICS (FEAT_LSE) */
    cpu_free(cpu);
}
END_TEST

START_TEST(frame_layout)
{
    /* arch/arm64/include/uapi/asm/{sigcontext,ucontext}.h offsets */
    LuFrameLayout l;
    lu_signal_frame_layout(&l);
    ck_assert_uint_eq(l.info, 0);
    ck_assert_uint_eq(l.uc, 128);
    ck_assert_uint_eq(l.mcontext, 128 + 176);
    ck_assert_uint_eq(l.fpsimd, 128 + 176 + 288);
    ck_assert_uint_eq(l.end_marker, l.fpsimd + 528);
    ck_assert_uint_eq(l.size, 4688);
}
END_TEST

START_TEST(deliver_and_return)
{
    const uint64_t stack = 0x600000, handler = 0x700000, restorer = 0x700100;
    ck_assert(guest_mem_map(m, stack - 16 * PG, 16 * PG, GUEST_PROT_READ | GUEST_PROT_WRITE));
    Cpu *cpu = cpu_new("max");
    cpu_reset(cpu);
    cpu_set_mem(cpu, m);
    proc.cpu = cpu;
    for (int i = 0; i < 31; i++)
        cpu_set_x(cpu, i, 0x1000 + (uint64_t)i);
    cpu_set_v(cpu, 5, 0x1111, 0x2222);
    cpu_set_nzcv(cpu, 0x60000000);
    cpu_set_sp(cpu, stack);
    cpu_set_pc(cpu, 0x412340);
    /* SA_SIGINFO|SA_RESTORER, mask = SIGUSR2 */
    uint64_t act[4] = {handler, 0x04000004, restorer, 1ull << 11};
    ck_assert(guest_mem_copy_in(m, BUF, act, sizeof(act)));
    ck_assert_int_eq(sys(SYS_rt_sigaction, SIGSEGV, BUF, 0, 8, 0, 0), 0);
    proc.sig.fault_sig = SIGSEGV;
    proc.sig.fault_addr = 0xdead0;
    proc.sig.fault_has_addr = true;
    lu_signal_raise(&proc, SIGSEGV, 1, 0xdead0);
    ck_assert_int_eq(lu_signal_deliver(&proc, cpu), 0);

    uint64_t frame = cpu_get_sp(cpu), v;
    ck_assert_uint_eq(frame % 16, 0);
    ck_assert_uint_eq(frame, stack - 16 - 4688);
    ck_assert_uint_eq(cpu_get_pc(cpu), handler);
    ck_assert_uint_eq(cpu_get_x(cpu, 0), SIGSEGV);
    ck_assert_uint_eq(cpu_get_x(cpu, 1), frame);
    ck_assert_uint_eq(cpu_get_x(cpu, 2), frame + 128);
    ck_assert_uint_eq(cpu_get_x(cpu, 30), restorer);
    ck_assert_uint_eq(cpu_get_x(cpu, 29), stack - 16);
    /* siginfo: si_signo, si_code, si_addr */
    int32_t si[3];
    ck_assert(guest_mem_copy_out(m, si, frame, sizeof(si)));
    ck_assert_int_eq(si[0], SIGSEGV);
    ck_assert_int_eq(si[2], 1);
    ck_assert(guest_mem_copy_out(m, &v, frame + 16, 8));
    ck_assert_uint_eq(v, 0xdead0);
    /* sigcontext: fault_address, regs, sp, pc, pstate */
    uint64_t mc = frame + 128 + 176;
    ck_assert(guest_mem_copy_out(m, &v, mc, 8));
    ck_assert_uint_eq(v, 0xdead0);
    ck_assert(guest_mem_copy_out(m, &v, mc + 8 + 8 * 7, 8));
    ck_assert_uint_eq(v, 0x1007);
    ck_assert(guest_mem_copy_out(m, &v, mc + 256, 8));
    ck_assert_uint_eq(v, stack);
    ck_assert(guest_mem_copy_out(m, &v, mc + 264, 8));
    ck_assert_uint_eq(v, 0x412340);
    ck_assert(guest_mem_copy_out(m, &v, mc + 272, 8));
    ck_assert_uint_eq(v & 0xf0000000, 0x60000000);
    /* fpsimd_context: magic, size, then V5 */
    uint32_t hdr[2];
    ck_assert(guest_mem_copy_out(m, hdr, mc + 288, 8));
    ck_assert_uint_eq(hdr[0], 0x46508001);
    ck_assert_uint_eq(hdr[1], 528);
    ck_assert(guest_mem_copy_out(m, &v, mc + 288 + 16 + 5 * 16 + 8, 8));
    ck_assert_uint_eq(v, 0x2222);
    /* esr_context follows for a data abort (none here: no ESR), then the end marker */
    ck_assert(guest_mem_copy_out(m, hdr, mc + 288 + 528, 8));
    ck_assert_uint_eq(hdr[0], 0);
    /* uc_sigmask is the old mask; now SIGSEGV and the action's mask are blocked */
    ck_assert_uint_eq(proc.sig.blocked, (1ull << 10) | (1ull << 11));

    /* the handler changes the saved pc and x3, clobbers live state, returns */
    v = 0x412344;
    ck_assert(guest_mem_copy_in(m, mc + 264, &v, 8));
    v = 77;
    ck_assert(guest_mem_copy_in(m, mc + 8 + 8 * 3, &v, 8));
    cpu_set_x(cpu, 7, 0);
    cpu_set_v(cpu, 5, 0, 0);
    cpu_set_nzcv(cpu, 0);
    sys(SYS_rt_sigreturn, 0, 0, 0, 0, 0, 0);
    ck_assert(proc.sigreturned);
    ck_assert_uint_eq(cpu_get_pc(cpu), 0x412344);
    ck_assert_uint_eq(cpu_get_sp(cpu), stack);
    ck_assert_uint_eq(cpu_get_x(cpu, 3), 77);
    ck_assert_uint_eq(cpu_get_x(cpu, 7), 0x1007);
    ck_assert_uint_eq(cpu_get_nzcv(cpu), 0x60000000);
    uint64_t lo, hi;
    cpu_get_v(cpu, 5, &lo, &hi);
    ck_assert_uint_eq(lo, 0x1111);
    ck_assert_uint_eq(hi, 0x2222);
    ck_assert_uint_eq(proc.sig.blocked, 0);
    cpu_free(cpu);
}
END_TEST

START_TEST(altstack_and_default)
{
    const uint64_t alt = 0x800000;
    ck_assert(guest_mem_map(m, alt, 4 * PG, GUEST_PROT_READ | GUEST_PROT_WRITE));
    Cpu *cpu = cpu_new("max");
    cpu_reset(cpu);
    cpu_set_mem(cpu, m);
    proc.cpu = cpu;
    cpu_set_sp(cpu, 0x10); /* an unusable stack: only the alternate one works */
    uint64_t ss[3] = {alt, 0, 1000};
    ck_assert(guest_mem_copy_in(m, BUF, ss, sizeof(ss)));
    ck_assert_int_eq(sys(SYS_sigaltstack, BUF, 0, 0, 0, 0, 0), -ENOMEM);
    ss[2] = 4 * PG;
    ck_assert(guest_mem_copy_in(m, BUF, ss, sizeof(ss)));
    ck_assert_int_eq(sys(SYS_sigaltstack, BUF, 0, 0, 0, 0, 0), 0);
    /* SA_ONSTACK|SA_RESTORER|SA_RESETHAND */
    uint64_t act[4] = {0x700000, 0x8c000000, 0x700100, 0};
    ck_assert(guest_mem_copy_in(m, BUF, act, sizeof(act)));
    ck_assert_int_eq(sys(SYS_rt_sigaction, SIGILL, BUF, 0, 8, 0, 0), 0);
    lu_signal_raise(&proc, SIGILL, 1, 0);
    ck_assert_int_eq(lu_signal_deliver(&proc, cpu), 0);
    ck_assert_uint_eq(cpu_get_sp(cpu), alt + 4 * PG - 16 - 4688);
    /* SA_RESETHAND: the next SIGILL takes the default action (death) */
    ck_assert_uint_eq(proc.sig.act[SIGILL].handler, 0);
    proc.sig.blocked = 0;
    lu_signal_raise(&proc, SIGILL, 1, 0);
    ck_assert_int_eq(lu_signal_deliver(&proc, cpu), SIGILL);
    /* no stack at all for the frame: SIGSEGV */
    ck_assert_int_eq(sys(SYS_rt_sigaction, SIGTRAP, BUF, 0, 8, 0, 0), 0);
    uint64_t off[3] = {0, 2 /* SS_DISABLE */, 0};
    ck_assert(guest_mem_copy_in(m, BUF + 64, off, sizeof(off)));
    cpu_set_sp(cpu, 0x10);
    ck_assert_int_eq(sys(SYS_sigaltstack, BUF + 64, 0, 0, 0, 0, 0), 0);
    lu_signal_raise(&proc, SIGTRAP, 1, 0);
    ck_assert_int_eq(lu_signal_deliver(&proc, cpu), SIGSEGV);
    cpu_free(cpu);
}
END_TEST

/* ---- Threads and futexes (thread.c). */

/* glibc's pthread_create flags: VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|SETTLS|
 * PARENT_SETTID|CHILD_CLEARTID. */
#define THREAD_FLAGS 0x3d0f00ull

static Cpu *main_cpu;

static void threads_setup(void)
{
    setup();
    main_cpu = cpu_new("max");
    cpu_reset(main_cpu);
    cpu_set_mem(main_cpu, m);
    proc.cpu = main_cpu;
    proc.cur->cpu = main_cpu;
    proc.main_cpu = main_cpu;
}

static void threads_teardown(void)
{
    for (int i = 0; i < proc.nthreads; i++)
        if (proc.threads[i]->cpu != main_cpu)
            cpu_free(proc.threads[i]->cpu);
    cpu_free(main_cpu);
    teardown();
}

/* Run the next syscalls as thread t. */
static void as(LuThread *t)
{
    proc.cur = t;
    proc.cpu = t->cpu;
}

static void put32(uint64_t addr, uint32_t v)
{
    ck_assert(guest_mem_copy_in(m, addr, &v, 4));
}

static uint32_t get32(uint64_t addr)
{
    uint32_t v;
    ck_assert(guest_mem_copy_out(m, &v, addr, 4));
    return v;
}

START_TEST(clone_thread)
{
    cpu_set_x(main_cpu, 19, 0x1234);
    cpu_set_pc(main_cpu, 0x401000);
    int64_t tid = sys(SYS_clone, THREAD_FLAGS, 0x7000, BUF + 8, 0xabc0, BUF + 12, 0);
    ck_assert_int_gt(tid, getpid());
    ck_assert_int_eq(proc.nthreads, 2);
    LuThread *t = proc.threads[1];
    ck_assert_int_eq(t->tid, tid);
    ck_assert_uint_eq(get32(BUF + 8), (uint32_t)tid); /* PARENT_SETTID */
    ck_assert_uint_eq(t->clear_child_tid, BUF + 12);  /* CHILD_CLEARTID */
    /* the child: the parent's registers, x0 = 0, its own stack and TLS */
    ck_assert_uint_eq(cpu_get_x(t->cpu, 19), 0x1234);
    ck_assert_uint_eq(cpu_get_x(t->cpu, 0), 0);
    ck_assert_uint_eq(cpu_get_pc(t->cpu), 0x401000);
    ck_assert_uint_eq(cpu_get_sp(t->cpu), 0x7000);
    ck_assert_uint_eq(cpu_get_tpidr_el0(t->cpu), 0xabc0);
    as(t);
    ck_assert_int_eq(sys(SYS_gettid, 0, 0, 0, 0, 0, 0), tid);
    /* a thread without CLONE_SIGHAND is refused as Linux refuses it */
    ck_assert_int_eq(sys(SYS_clone, 0x10100, 0x7000, 0, 0, 0, 0), -EINVAL);
}
END_TEST

START_TEST(futex_queue)
{
    LuThread *t[4] = {proc.cur};
    for (int i = 1; i < 4; i++) {
        ck_assert_int_gt(sys(SYS_clone, THREAD_FLAGS, 0x7000, BUF + 8, 0, 0, 0), 0);
        t[i] = proc.threads[i];
    }
    const uint64_t w = BUF + 64, w2 = BUF + 128;
    put32(w, 5);
    put32(w2, 0);
    as(t[1]);
    ck_assert_int_eq(sys(SYS_futex, w, 128 /* WAIT|PRIVATE */, 4, 0, 0, 0), -EAGAIN);
    ck_assert_int_eq(sys(SYS_futex, w + 1, 0, 5, 0, 0, 0), -EINVAL);
    ck_assert_int_eq(sys(SYS_futex, w, 128, 5, 0, 0, 0), LU_BLOCKED);
    ck_assert_int_eq(t[1]->state, LU_T_FUTEX);
    as(t[2]);
    ck_assert_int_eq(sys(SYS_futex, w, 9 | 128 /* WAIT_BITSET */, 5, 0, 0, 2), LU_BLOCKED);
    as(t[3]);
    ck_assert_int_eq(sys(SYS_futex, w2, 0, 0, 0, 0, 0), LU_BLOCKED);
    as(t[0]);
    /* WAKE_BITSET 1 reaches only the waiter whose bitset meets it */
    cpu_set_x(t[1]->cpu, 0, 99);
    ck_assert_int_eq(sys(SYS_futex, w, 10, 8, 0, 0, 1), 1);
    ck_assert_int_eq(t[1]->state, LU_T_RUN);
    ck_assert_uint_eq(cpu_get_x(t[1]->cpu, 0), 0); /* FUTEX_WAIT returns 0 */
    ck_assert_int_eq(t[2]->state, LU_T_FUTEX);
    ck_assert_int_eq(sys(SYS_futex, w, 10, 8, 0, 0, 0), -EINVAL);
    /* CMP_REQUEUE checks the word, then moves t[2] onto w2 */
    ck_assert_int_eq(sys(SYS_futex, w, 4, 0, 10, w2, 6), -EAGAIN);
    ck_assert_int_eq(sys(SYS_futex, w, 4, 0, 10, w2, 5), 1);
    ck_assert_uint_eq(t[2]->futex_addr, w2);
    ck_assert_int_eq(sys(SYS_futex, w, 1, 10, 0, 0, 0), 0);
    /* oldest waiter first: t[2] waited before t[3] */
    ck_assert_int_eq(sys(SYS_futex, w2, 1, 1, 0, 0, 0), 1);
    ck_assert_int_eq(t[2]->state, LU_T_RUN);
    ck_assert_int_eq(t[3]->state, LU_T_FUTEX);
    /* WAKE_OP: w2 += 3 (old 0); wake 0 on w; old == 0, so wake 1 on w2 */
    uint32_t op = 1u << 28 | 3u << 12 | 0u << 24 | 0;
    ck_assert_int_eq(sys(SYS_futex, w, 5, 0, 1, w2, op), 1);
    ck_assert_uint_eq(get32(w2), 3);
    ck_assert_int_eq(t[3]->state, LU_T_RUN);
    ck_assert_int_eq(sys(SYS_futex, w, 6 /* LOCK_PI */, 0, 0, 0, 0), -ENOSYS);
}
END_TEST

START_TEST(futex_timeout_and_deadlock)
{
    ck_assert_int_gt(sys(SYS_clone, THREAD_FLAGS, 0x7000, BUF + 8, 0, 0, 0), 0);
    LuThread *main_t = proc.threads[0], *t = proc.threads[1];
    const uint64_t w = BUF + 64;
    put32(w, 7);
    int64_t ts[2] = {0, 2000000}; /* 2 ms, relative */
    ck_assert(guest_mem_copy_in(m, BUF + 256, ts, sizeof(ts)));
    ck_assert_int_eq(sys(SYS_futex, w, 128, 7, BUF + 256, 0, 0), LU_BLOCKED);
    as(t);
    ck_assert_int_eq(sys(SYS_futex, w, 128, 7, 0, 0, 0), LU_BLOCKED);
    /* nobody runs: the scheduler sleeps until the timeout, then main runs */
    LuEnd end;
    ck_assert(lu_sched(&proc, &end));
    ck_assert_ptr_eq(proc.cur, main_t);
    ck_assert_int_eq((int64_t)cpu_get_x(main_cpu, 0), -ETIMEDOUT);
    /* an absolute WAIT_BITSET deadline in the past times out at once */
    ts[1] = 0;
    ck_assert(guest_mem_copy_in(m, BUF + 256, ts, sizeof(ts)));
    ck_assert_int_eq(sys(SYS_futex, w, 9, 7, BUF + 256, 0, ~0ull), LU_BLOCKED);
    ck_assert(lu_sched(&proc, &end));
    ck_assert_int_eq((int64_t)cpu_get_x(main_cpu, 0), -ETIMEDOUT);
    /* both wait forever with no signal handler: a deadlock, status 1 */
    ck_assert_int_eq(sys(SYS_futex, w, 128, 7, 0, 0, 0), LU_BLOCKED);
    ck_assert(!lu_sched(&proc, &end));
    ck_assert_int_eq(end.signal, 0);
    ck_assert_int_eq(end.status, 1);
}
END_TEST

START_TEST(thread_exit_cleartid)
{
    int64_t tid = sys(SYS_clone, THREAD_FLAGS, 0x7000, BUF + 8, 0, BUF + 12, 0);
    LuThread *main_t = proc.threads[0], *t = proc.threads[1];
    put32(BUF + 12, (uint32_t)tid);
    /* main joins: waits while the word holds the tid */
    ck_assert_int_eq(sys(SYS_futex, BUF + 12, 0, (uint64_t)tid, 0, 0, 0), LU_BLOCKED);
    as(t);
    ck_assert_int_eq(sys(SYS_exit, 3, 0, 0, 0, 0, 0), LU_BLOCKED);
    ck_assert(!proc.exited);
    ck_assert_int_eq(t->state, LU_T_DEAD);
    ck_assert_uint_eq(get32(BUF + 12), 0); /* CLEARTID */
    ck_assert_int_eq(main_t->state, LU_T_RUN); /* ... and its futex wake */
    LuEnd end;
    ck_assert(lu_sched(&proc, &end));
    ck_assert_ptr_eq(proc.cur, main_t);
    ck_assert_int_eq(proc.nthreads, 1); /* reaped */
    /* the last thread's exit ends the process */
    ck_assert_int_eq(sys(SYS_exit, 4, 0, 0, 0, 0, 0), 0);
    ck_assert(proc.exited);
    ck_assert_int_eq(proc.exit_status, 4);
}
END_TEST

START_TEST(kernel_store_breaks_reservation)
{
    /* thread 1: ldxr x1, [x0] ... stxr w2, x1, [x0]; between the two, a
     * syscall of thread 0 writes the word (as read() or CLEARTID would) */
    ck_assert_int_gt(sys(SYS_clone, THREAD_FLAGS, 0x7000, BUF + 8, 0, 0, 0), 0);
    LuThread *t = proc.threads[1];
    const uint64_t code = 0x900000;
    const uint32_t insns[2] = {0xc85f7c01, 0xc8027c01};
    ck_assert(guest_mem_map(m, code, PG, GUEST_PROT_READ | GUEST_PROT_EXEC));
    ck_assert(guest_mem_copy_in(m, code, insns, sizeof(insns)));
    for (int pass = 0; pass < 2; pass++) {
        cpu_set_pc(t->cpu, code);
        cpu_set_x(t->cpu, 0, BUF + 64);
        cpu_set_x(t->cpu, 2, 7);
        ck_assert_int_eq(cpu_run(t->cpu, 1), CPU_STOP_BUDGET);
        if (pass == 1) {
            uint32_t v = 9;
            ck_assert_int_eq(lu_copy_to(&proc, BUF + 68, &v, 4), 0);
        }
        ck_assert_int_eq(cpu_run(t->cpu, 1), CPU_STOP_BUDGET);
        /* status 0: the store-exclusive succeeded; 1: the reservation was lost */
        ck_assert_uint_eq(cpu_get_x(t->cpu, 2), (uint64_t)pass);
    }
}
END_TEST

START_TEST(signal_to_thread)
{
    int64_t tid = sys(SYS_clone, THREAD_FLAGS, 0x7000, BUF + 8, 0, 0, 0);
    LuThread *main_t = proc.threads[0], *t = proc.threads[1];
    uint64_t act[4] = {0x700000, 0, 0, 0}; /* a handler for SIGUSR1 */
    ck_assert(guest_mem_copy_in(m, BUF, act, sizeof(act)));
    ck_assert_int_eq(sys(SYS_rt_sigaction, SIGUSR1, BUF, 0, 8, 0, 0), 0);
    /* the other thread waits on a futex; tgkill queues SIGUSR1 for it alone */
    put32(BUF + 64, 1);
    LuEnd end;
    ck_assert_int_eq(sys(SYS_sched_yield, 0, 0, 0, 0, 0, 0), 0);
    ck_assert(lu_sched(&proc, &end));
    ck_assert_ptr_eq(proc.cur, t);
    ck_assert_int_eq(sys(SYS_futex, BUF + 64, 128, 1, 0, 0, 0), LU_BLOCKED);
    ck_assert(lu_sched(&proc, &end));
    ck_assert_ptr_eq(proc.cur, main_t);
    ck_assert_int_eq(sys(SYS_tgkill, (uint64_t)getpid(), (uint64_t)tid, SIGUSR1, 0, 0, 0), 0);
    ck_assert_uint_eq(proc.sig.pending, 0); /* not the caller's */
    ck_assert_uint_eq(t->pending, 1ull << (SIGUSR1 - 1));
    /* the signal ends the wait with EINTR; switching makes it t's pending set */
    ck_assert_int_eq(sys(SYS_sched_yield, 0, 0, 0, 0, 0, 0), 0);
    ck_assert(lu_sched(&proc, &end));
    ck_assert_ptr_eq(proc.cur, t);
    ck_assert_int_eq((int64_t)cpu_get_x(t->cpu, 0), -EINTR);
    ck_assert_uint_eq(proc.sig.pending, 1ull << (SIGUSR1 - 1));
    /* t blocks SIGUSR2: a tgkill of it stays pending, and its mask is its own */
    uint64_t set = 1ull << (SIGUSR2 - 1);
    ck_assert(guest_mem_copy_in(m, BUF + 128, &set, 8));
    ck_assert_int_eq(sys(SYS_rt_sigprocmask, 0, BUF + 128, 0, 8, 0, 0), 0);
    ck_assert_int_eq(sys(SYS_sched_yield, 0, 0, 0, 0, 0, 0), 0);
    ck_assert(lu_sched(&proc, &end));
    ck_assert_ptr_eq(proc.cur, main_t);
    ck_assert_uint_eq(proc.sig.blocked, 0);
    ck_assert_uint_eq(t->blocked, set);
    ck_assert_uint_eq(t->pending, 1ull << (SIGUSR1 - 1)); /* still t's, undelivered */
}
END_TEST

START_TEST(robust_list_at_exit)
{
    int64_t tid = sys(SYS_clone, THREAD_FLAGS, 0x7000, BUF + 8, 0, 0, 0);
    LuThread *main_t = proc.threads[0], *t = proc.threads[1];
    /* head at BUF+256: list -> entry A (BUF+512) -> entry B (BUF+576) -> head;
     * futex_offset 16; list_op_pending 0 */
    const uint64_t head = BUF + 256, ea = BUF + 512, eb = BUF + 576;
    uint64_t h[3] = {ea, 16, 0}, na = eb, nb = head;
    ck_assert(guest_mem_copy_in(m, head, h, sizeof(h)));
    ck_assert(guest_mem_copy_in(m, ea, &na, 8));
    ck_assert(guest_mem_copy_in(m, eb, &nb, 8));
    put32(ea + 16, 0x80000000u | (uint32_t)tid); /* held by t, with waiters */
    put32(eb + 16, (uint32_t)tid + 1);            /* held by someone else */
    as(t);
    ck_assert_int_eq(sys(99 /* set_robust_list */, head, 24, 0, 0, 0, 0), 0);
    as(main_t);
    ck_assert_int_eq(sys(SYS_futex, ea + 16, 128, 0x80000000u | (uint64_t)tid, 0, 0, 0), LU_BLOCKED);
    as(t);
    ck_assert_int_eq(sys(SYS_exit, 0, 0, 0, 0, 0, 0), LU_BLOCKED);
    ck_assert_uint_eq(get32(ea + 16), 0xc0000000u); /* FUTEX_WAITERS | FUTEX_OWNER_DIED */
    ck_assert_uint_eq(get32(eb + 16), (uint32_t)tid + 1);
    ck_assert_int_eq(main_t->state, LU_T_RUN); /* a waiter is woken */
}
END_TEST

static Suite *lu_suite(void)
{
    Suite *s = suite_create("linux-user syscalls and signals");
    TCase *tc = tcase_create("syscalls");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, fd_passthrough);
    tcase_add_test(tc, efault_paths);
    tcase_add_test(tc, file_mmap);
    tcase_add_test(tc, open_flags);
    tcase_add_test(tc, hwcaps);
    suite_add_tcase(s, tc);
    tc = tcase_create("signals");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, frame_layout);
    tcase_add_test(tc, deliver_and_return);
    tcase_add_test(tc, altstack_and_default);
    suite_add_tcase(s, tc);
    tc = tcase_create("threads");
    tcase_add_checked_fixture(tc, threads_setup, threads_teardown);
    tcase_add_test(tc, clone_thread);
    tcase_add_test(tc, futex_queue);
    tcase_add_test(tc, futex_timeout_and_deadlock);
    tcase_add_test(tc, thread_exit_cleartid);
    tcase_add_test(tc, kernel_store_breaks_reservation);
    tcase_add_test(tc, signal_to_thread);
    tcase_add_test(tc, robust_list_at_exit);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(lu_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
