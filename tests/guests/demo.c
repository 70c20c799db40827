/* The `make run` demo: a sieve of Eratosthenes, printed as a table of the
 * primes below 1000 with some statistics, then the count of primes below
 * 100 000. Freestanding C inside the first instruction slice; about half a
 * million guest instructions. Also a guest test (demo.expected). */
#include "rt.h"

#define LIMIT 100000

static u8 composite[LIMIT];	/* .bss: zero-filled by the loader */

static void sieve(void)
{
	composite[0] = composite[1] = 1;
	for (u32 p = 2; p * p < LIMIT; p++)
		if (!composite[p])
			for (u32 m = p * p; m < LIMIT; m += p)
				composite[m] = 1;
}

static int is_prime(u32 n)
{
	return n < LIMIT && !composite[n];
}

static u32 reverse_digits(u32 n)
{
	u32 r = 0;
	for (; n; n /= 10)
		r = r * 10 + n % 10;
	return r;
}

/* CRC-32 (IEEE) over the primes as 16-bit little-endian values. */
static u32 crc32_update(u32 c, u8 byte)
{
	c ^= byte;
	for (int k = 0; k < 8; k++)
		c = (c >> 1) ^ (0xedb88320 & -(c & 1));
	return c;
}

static void line(char c, int n)
{
	while (n--)
		put_char(c);
	put_char('\n');
}

static void stat(const char *label, u64 value)
{
	put_str("  ");
	put_str(label);
	for (int pad = 24 - (int)rt_strlen(label); pad > 0; pad--)
		put_char(' ');
	put_udec(value);
	put_char('\n');
}

int main(void)
{
	sieve();
	put_str("Armature demo: the primes below 1000, by the sieve of Eratosthenes\n");
	line('=', 72);

	u32 count = 0, twins = 0, emirps = 0, gap = 0, gap_from = 0, prev = 0;
	u64 sum = 0;
	u32 crc = 0xffffffff;
	for (u32 n = 2; n < 1000; n++) {
		if (!is_prime(n))
			continue;
		put_udec_w(n, 6);
		if (++count % 12 == 0)
			put_char('\n');
		sum += n;
		crc = crc32_update(crc32_update(crc, (u8)n), (u8)(n >> 8));
		if (is_prime(n + 2) && n + 2 < 1000)
			twins++;
		u32 r = reverse_digits(n);
		if (r != n && is_prime(r))
			emirps++;
		if (prev && n - prev > gap) {
			gap = n - prev;
			gap_from = prev;
		}
		prev = n;
	}
	if (count % 12)
		put_char('\n');
	line('-', 72);
	stat("primes below 1000", count);
	stat("their sum", sum);
	stat("twin prime pairs", twins);
	stat("emirps", emirps);
	put_str("  largest gap             ");
	put_udec(gap);
	put_str(" (");
	put_udec(gap_from);
	put_str(" -> ");
	put_udec(gap_from + gap);
	put_str(")\n");
	put_str("  crc32 of the list       0x");
	put_hex(~crc, 8);
	put_char('\n');

	u32 big = 0;
	u64 bigsum = 0;
	for (u32 n = 2; n < LIMIT; n++)
		if (!composite[n]) {
			big++;
			bigsum += n;
		}
	stat("primes below 100000", big);
	stat("their sum", bigsum);
	line('=', 72);
	return 0;
}
