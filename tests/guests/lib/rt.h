/* Minimal runtime for the freestanding C guests: raw Linux syscalls and printing.
 * No libc: every guest links lib/start.S and lib/rt.c only, so each guest binary
 * contains nothing but code the first instruction slice can execute. */
#ifndef GUEST_RT_H
#define GUEST_RT_H

typedef unsigned long size_t;
typedef long ssize_t;
typedef unsigned long u64;
typedef long i64;
typedef unsigned int u32;
typedef int i32;
typedef unsigned short u16;
typedef short i16;
typedef signed char i8;
typedef unsigned char u8;

/* Linux AArch64 syscall numbers (include/uapi/asm-generic/unistd.h). */
enum {
	SYS_read = 63, SYS_write = 64, SYS_writev = 66, SYS_exit = 93,
	SYS_exit_group = 94, SYS_clock_gettime = 113, SYS_uname = 160,
	SYS_getpid = 172, SYS_brk = 214, SYS_munmap = 215, SYS_mmap = 222,
};

/* The syscall ABI: number in x8, arguments in x0-x5, result in x0. */
static inline long rt_syscall6(long n, long a, long b, long c, long d, long e, long f)
{
	register long x8 __asm__("x8") = n;
	register long x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;
	register long x3 __asm__("x3") = d;
	register long x4 __asm__("x4") = e;
	register long x5 __asm__("x5") = f;
	__asm__ volatile("svc #0"
			 : "+r"(x0)
			 : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
			 : "memory");
	return x0;
}
#define rt_syscall3(n, a, b, c) rt_syscall6((n), (long)(a), (long)(b), (long)(c), 0, 0, 0)

ssize_t rt_write(int fd, const void *buf, size_t n);
ssize_t rt_read(int fd, void *buf, size_t n);
void rt_exit(int status) __attribute__((noreturn));

/* Buffered output to stdout; flushed at '\n', when full, and by rt_exit(). */
void put_char(char c);
void put_str(const char *s);
void put_udec(u64 v);
void put_sdec(i64 v);
void put_udec_w(u64 v, int width); /* right-aligned in width columns */
void put_hex(u64 v, int digits);   /* exactly `digits` lower-case hex digits, no 0x */
void put_flush(void);

size_t rt_strlen(const char *s);
/* GCC may emit calls to these even with -ffreestanding (struct copies). */
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);

#endif
