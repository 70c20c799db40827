/* File syscalls through their raw arm64 ABI: openat/write/lseek/pread64/read,
 * fstat (struct stat layout), getdents64, readlinkat, getcwd, pipe2, dup3,
 * fcntl, unlinkat/mkdirat, and the arm64 O_DIRECTORY value. Prints only
 * what is the same on every Linux host; exit status = failed checks. */
#include "rt.h"

enum {
	SYS_getcwd = 17, SYS_dup3 = 24, SYS_fcntl = 25, SYS_mkdirat = 34, SYS_unlinkat = 35,
	SYS_openat = 56, SYS_close = 57, SYS_pipe2 = 59, SYS_getdents64 = 61, SYS_lseek = 62,
	SYS_pread64 = 67, SYS_readlinkat = 78, SYS_fstat = 80,
	AT_FDCWD = -100, O_RDONLY = 0, O_RDWR = 2, O_CREAT = 0100, O_TRUNC = 01000,
	O_DIRECTORY = 040000, AT_REMOVEDIR = 0x200,
};

static int failures;

static void check(const char *what, int ok)
{
	put_str(what);
	put_str(ok ? ": ok\n" : ": FAILED\n");
	if (!ok)
		failures++;
}

static const char dname[] = "armature-files-test.d";
static const char fname[] = "armature-files-test.d/data.txt";

int main(void)
{
	rt_syscall3(SYS_unlinkat, AT_FDCWD, fname, 0);
	rt_syscall3(SYS_unlinkat, AT_FDCWD, dname, AT_REMOVEDIR);
	check("mkdirat", rt_syscall3(SYS_mkdirat, AT_FDCWD, dname, 0755) == 0);
	long fd = rt_syscall6(SYS_openat, AT_FDCWD, (long)fname, O_RDWR | O_CREAT | O_TRUNC, 0644, 0, 0);
	check("openat creates", fd >= 3);
	check("write 11 bytes", rt_write((int)fd, "hello files", 11) == 11);
	check("lseek to 6", rt_syscall3(SYS_lseek, fd, 6, 0) == 6);
	char buf[32];
	memset(buf, 0, sizeof(buf));
	check("read 5 bytes", rt_read((int)fd, buf, sizeof(buf)) == 5);
	check("read gives files", memcmp(buf, "files", 5) == 0);
	memset(buf, 0, sizeof(buf));
	check("pread64 at 0", rt_syscall6(SYS_pread64, fd, (long)buf, 5, 0, 0, 0) == 5 &&
				       memcmp(buf, "hello", 5) == 0);
	u64 st[16]; /* struct stat: st_mode at byte 16, st_size at byte 48 */
	check("fstat", rt_syscall3(SYS_fstat, fd, st, 0) == 0);
	check("st_size is 11", st[6] == 11);
	check("st_mode is a regular file", (((u32 *)st)[4] & 0170000) == 0100000);
	check("fstat of a bad pointer is EFAULT", rt_syscall3(SYS_fstat, fd, 16, 0) == -14);
	check("O_DIRECTORY on a file is ENOTDIR",
	      rt_syscall6(SYS_openat, AT_FDCWD, (long)fname, O_RDONLY | O_DIRECTORY, 0, 0, 0) == -20);
	check("openat of a bad path pointer is EFAULT",
	      rt_syscall6(SYS_openat, AT_FDCWD, 8, O_RDONLY, 0, 0, 0) == -14);
	long dfd = rt_syscall6(SYS_openat, AT_FDCWD, (long)dname, O_RDONLY | O_DIRECTORY, 0, 0, 0);
	check("open the directory", dfd >= 0);
	u8 ents[1024];
	long n = rt_syscall3(SYS_getdents64, dfd, ents, sizeof(ents));
	int found = 0, count = 0;
	for (long o = 0; o < n;) {
		u16 reclen = *(u16 *)(ents + o + 16);
		const char *name = (const char *)ents + o + 19;
		count++;
		if (memcmp(name, "data.txt", 9) == 0)
			found = 1;
		o += reclen;
	}
	check("getdents64 lists ., .. and data.txt", found && count == 3);
	rt_syscall3(SYS_close, dfd, 0, 0);
	char cwd[512];
	long c = rt_syscall3(SYS_getcwd, cwd, sizeof(cwd), 0);
	check("getcwd returns the length with the NUL", c > 1 && cwd[0] == '/' && cwd[c - 1] == 0);
	check("getcwd into 1 byte is ERANGE", rt_syscall3(SYS_getcwd, cwd, 1, 0) == -34);
	check("readlinkat of a non-link is EINVAL",
	      rt_syscall6(SYS_readlinkat, AT_FDCWD, (long)fname, (long)buf, 32, 0, 0) == -22);
	int p[2];
	check("pipe2", rt_syscall3(SYS_pipe2, p, 0, 0) == 0);
	check("dup3 onto 20", rt_syscall3(SYS_dup3, p[1], 20, 0) == 20);
	check("fcntl F_GETFD", rt_syscall3(SYS_fcntl, 20, 1, 0) == 0);
	check("write into the pipe", rt_write(20, "pipe!", 5) == 5);
	memset(buf, 0, sizeof(buf));
	check("read it back", rt_read(p[0], buf, 32) == 5 && memcmp(buf, "pipe!", 5) == 0);
	check("pipe2 with a bad pointer is EFAULT", rt_syscall3(SYS_pipe2, 16, 0, 0) == -14);
	check("close", rt_syscall3(SYS_close, fd, 0, 0) == 0);
	check("close again is EBADF", rt_syscall3(SYS_close, fd, 0, 0) == -9);
	check("unlinkat the file", rt_syscall3(SYS_unlinkat, AT_FDCWD, fname, 0) == 0);
	check("unlinkat the directory", rt_syscall3(SYS_unlinkat, AT_FDCWD, dname, AT_REMOVEDIR) == 0);
	return failures;
}
