/* Minimal runtime for the freestanding C guests: syscalls, buffered printing,
 * memset/memcpy. Compiled with the guests' flags, so it too must stay inside the
 * first instruction slice (the Makefile's objdump check covers it). */
#include "rt.h"

static char outbuf[512];
static size_t outlen;

ssize_t rt_write(int fd, const void *buf, size_t n)
{
	return rt_syscall3(SYS_write, fd, buf, n);
}

ssize_t rt_read(int fd, void *buf, size_t n)
{
	return rt_syscall3(SYS_read, fd, buf, n);
}

void put_flush(void)
{
	size_t done = 0;
	while (done < outlen) {
		ssize_t r = rt_write(1, outbuf + done, outlen - done);
		if (r <= 0)
			break;
		done += (size_t)r;
	}
	outlen = 0;
}

void rt_exit(int status)
{
	put_flush();
	for (;;)
		rt_syscall3(SYS_exit_group, status, 0, 0);
}

void put_char(char c)
{
	outbuf[outlen++] = c;
	if (c == '\n' || outlen == sizeof outbuf)
		put_flush();
}

void put_str(const char *s)
{
	while (*s)
		put_char(*s++);
}

size_t rt_strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

void put_udec_w(u64 v, int width)
{
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (width-- > n)
		put_char(' ');
	while (n)
		put_char(tmp[--n]);
}

void put_udec(u64 v)
{
	put_udec_w(v, 0);
}

void put_sdec(i64 v)
{
	if (v < 0) {
		put_char('-');
		put_udec(-(u64)v);
	} else {
		put_udec((u64)v);
	}
}

void put_hex(u64 v, int digits)
{
	while (digits--)
		put_char("0123456789abcdef"[(v >> (4 * digits)) & 15]);
}

void *memset(void *d, int c, size_t n)
{
	volatile u8 *p = d; /* volatile: stop GCC turning this loop into a memset call */
	while (n--)
		*p++ = (u8)c;
	return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
	volatile u8 *p = d;
	const u8 *q = s;
	while (n--)
		*p++ = *q++;
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const u8 *p = a, *q = b;
	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p < *q ? -1 : 1;
	return 0;
}
