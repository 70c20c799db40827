/* The Linux syscalls armature-user provides, checked through their raw ABI:
 * getpid, uname, brk, mmap/munmap (anonymous), clock_gettime, writev, read,
 * and an unknown number, which must fail with -ENOSYS (-38). Only results that
 * are the same on every Linux host are printed; the exit status is the number
 * of failed checks (0). */
#include "rt.h"

static int failures;

static void check(const char *what, int ok)
{
	put_str(what);
	put_str(ok ? ": ok\n" : ": FAILED\n");
	if (!ok)
		failures++;
}

struct utsname { char f[6][65]; }; /* sysname nodename release version machine domainname */
struct timespec { i64 tv_sec; i64 tv_nsec; };
struct iovec { const void *base; size_t len; };

int main(void)
{
	long pid = rt_syscall3(SYS_getpid, 0, 0, 0);
	check("getpid > 0", pid > 0);

	struct utsname u;
	long r = rt_syscall3(SYS_uname, &u, 0, 0);
	check("uname returns 0", r == 0);
	put_str("uname sysname = ");
	put_str(u.f[0]);
	put_str(", machine = ");
	put_str(u.f[4]);
	put_char('\n');

	/* brk(0) reports the break; growing it by 64 KiB gives writable memory. */
	u64 cur = (u64)rt_syscall3(SYS_brk, 0, 0, 0);
	u64 want = cur + 65536;
	u64 got = (u64)rt_syscall3(SYS_brk, want, 0, 0);
	check("brk grows by 64 KiB", got == want);
	if (got == want) {
		volatile u8 *p = (u8 *)cur;
		for (u64 i = 0; i < 65536; i += 4096)
			p[i] = (u8)(i >> 12);
		u64 sum = 0;
		for (u64 i = 0; i < 65536; i += 4096)
			sum += p[i];
		check("brk memory holds 0+1+...+15 = 120", sum == 120);
	}

	/* mmap(NULL, 1 MiB, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) */
	long m = rt_syscall6(SYS_mmap, 0, 1 << 20, 3, 0x22, -1, 0);
	check("mmap anonymous 1 MiB", m > 0 && (m & 4095) == 0);
	if (m > 0) {
		volatile u64 *q = (u64 *)m;
		u64 zero = 1;
		for (u64 i = 0; i < (1 << 20) / 8; i += 512)
			zero &= q[i] == 0;
		check("mmap memory is zero-filled", zero);
		for (u64 i = 0; i < (1 << 20) / 8; i += 512)
			q[i] = i;
		u64 sum = 0;
		for (u64 i = 0; i < (1 << 20) / 8; i += 512)
			sum += q[i];
		/* 512 * (0 + 1 + ... + 255) = 512 * 32640 = 16711680 */
		check("mmap memory sum = 16711680", sum == 16711680);
		check("munmap returns 0", rt_syscall3(SYS_munmap, m, 1 << 20, 0) == 0);
	}

	struct timespec ts;
	r = rt_syscall3(SYS_clock_gettime, 1 /* CLOCK_MONOTONIC */, &ts, 0);
	check("clock_gettime(CLOCK_MONOTONIC)", r == 0 && ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000);

	put_flush();
	struct iovec iov[3] = { { "writev: ", 8 }, { "three ", 6 }, { "pieces\n", 7 } };
	r = rt_syscall3(SYS_writev, 1, iov, 3);
	check("writev returns 21", r == 21);

	char c;
	r = rt_read(0, &c, 1);
	check("read from /dev/null returns 0", r == 0);

	r = rt_syscall3(4000, 0, 0, 0);
	check("unknown syscall 4000 returns -ENOSYS", r == -38);

	r = rt_write(1, "", 0);
	check("write of 0 bytes returns 0", r == 0);
	r = rt_write(99, "x", 1);
	check("write to a closed fd returns -EBADF", r == -9);
	return failures;
}
