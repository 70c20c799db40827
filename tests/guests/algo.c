/* Compiler-generated code end to end: GCC -O2 output for loops, recursion,
 * switch jump tables (BR), function pointers (BLR), 32/64-bit and signed/
 * unsigned arithmetic, byte and halfword accesses, struct copies. Each result
 * is a published or hand-checkable value, given in the comment; the exit
 * status is the number of mismatches (0). */
#include "rt.h"

static int failures;

static void report(const char *name, u64 got, u64 want)
{
	put_str(name);
	put_str(" = ");
	put_udec(got);
	if (got != want) {
		put_str(" (expected ");
		put_udec(want);
		put_char(')');
		failures++;
	}
	put_char('\n');
}

/* CRC-32 (IEEE 802.3, reflected, polynomial 0xedb88320), bit by bit. */
static u32 crc32(const u8 *p, size_t n)
{
	u32 c = 0xffffffff;
	while (n--) {
		c ^= *p++;
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320 & -(c & 1));
	}
	return ~c;
}

static u64 fnv1a64(const char *s)
{
	u64 h = 0xcbf29ce484222325;
	while (*s) {
		h ^= (u8)*s++;
		h *= 0x100000001b3;
	}
	return h;
}

static u64 fib(int n)
{
	u64 a = 0, b = 1;
	while (n--) {
		u64 t = a + b;
		a = b;
		b = t;
	}
	return a;
}

static u64 gcd(u64 a, u64 b)
{
	return b ? gcd(b, a % b) : a;
}

static u64 ackermann(u64 m, u64 n)
{
	if (m == 0)
		return n + 1;
	if (n == 0)
		return ackermann(m - 1, 1);
	return ackermann(m - 1, ackermann(m, n - 1));
}

static u64 isqrt(u64 v)
{
	u64 r = 0;
	for (u64 bit = 1UL << 62; bit; bit >>= 2) {
		if (v >= r + bit) {
			v -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
	}
	return r;
}

static int collatz_steps(u64 n)
{
	int steps = 0;
	while (n != 1) {
		n = (n & 1) ? 3 * n + 1 : n / 2;
		steps++;
	}
	return steps;
}

static int popcount(u64 v)
{
	int n = 0;
	for (; v; v &= v - 1)
		n++;
	return n;
}

/* A dense switch: GCC compiles this to a jump table and BR. */
static __attribute__((noinline)) int days_in_month(int m)
{
	switch (m) {
	case 1: return 31;
	case 2: return 28;
	case 3: return 31;
	case 4: return 30;
	case 5: return 31;
	case 6: return 30;
	case 7: return 31;
	case 8: return 31;
	case 9: return 30;
	case 10: return 31;
	case 11: return 30;
	case 12: return 31;
	default: return 0;
	}
}

static i64 op_add(i64 a, i64 b) { return a + b; }
static i64 op_sub(i64 a, i64 b) { return a - b; }
static i64 op_mul(i64 a, i64 b) { return a * b; }
static i64 op_div(i64 a, i64 b) { return a / b; }
static i64 op_mod(i64 a, i64 b) { return a % b; }

struct point { i32 x, y; i16 tag; u8 flags[10]; };

static void insertion_sort(i32 *v, int n)
{
	for (int i = 1; i < n; i++) {
		i32 x = v[i];
		int j = i - 1;
		while (j >= 0 && v[j] > x) {
			v[j + 1] = v[j];
			j--;
		}
		v[j + 1] = x;
	}
}

int main(void)
{
	static const char check[] = "123456789";
	report("crc32(\"123456789\")", crc32((const u8 *)check, 9), 0xcbf43926); /* the CRC-32 check value */
	report("fnv1a64(\"a\")", fnv1a64("a"), 0xaf63dc4c8601ec8c);	/* FNV test vector */
	report("fib(90)", fib(90), 2880067194370816120UL);
	report("gcd(1071, 462)", gcd(1071, 462), 21);			/* Euclid's example */
	report("ackermann(2, 3)", ackermann(2, 3), 9);			/* A(2, n) = 2n + 3 */
	report("isqrt(2^62)", isqrt(1UL << 62), 1UL << 31);
	report("isqrt(10^18 - 1)", isqrt(999999999999999999UL), 999999999);
	report("collatz_steps(27)", (u64)collatz_steps(27), 111);
	report("popcount(0xdeadbeef)", (u64)popcount(0xdeadbeef), 24);

	int days = 0;
	for (int m = 1; m <= 12; m++)
		days += days_in_month(m);
	report("days in a year (switch)", (u64)days, 365);

	i64 (*ops[])(i64, i64) = { op_add, op_sub, op_mul, op_div, op_mod };
	static const i64 want_ops[] = { -5, -9, -14, -3, -1 }; /* -7 op 2; C rounds toward zero */
	for (int i = 0; i < 5; i++) {
		volatile i64 a = -7, b = 2;
		static const char *const names[] = { "-7 + 2", "-7 - 2", "-7 * 2", "-7 / 2", "-7 % 2" };
		i64 r = ops[i](a, b);
		put_str(names[i]);
		put_str(" = ");
		put_sdec(r);
		if (r != want_ops[i]) {
			put_str(" (wrong)");
			failures++;
		}
		put_char('\n');
	}

	volatile u32 big = 0xffffffff;
	report("(u32)0xffffffff + 1", (u32)(big + 1), 0);
	volatile i32 neg = -1;
	report("(u64)(i32)-1 >> 32", (u64)(i64)neg >> 32, 0xffffffff);
	volatile i8 sb = (i8)0x80;
	report("(i64)(i8)0x80 + 1000", (u64)((i64)sb + 1000), 872);
	volatile u16 uh = 0xffff;
	report("(u16)0xffff * 2", (u64)(uh * 2), 131070);

	struct point a = { 3, -4, -2, { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 } }, b;
	volatile struct point *vb = &b;
	b = a; /* struct copy */
	report("struct copy x*y+tag+flags[9]", (u64)(vb->x * vb->y + vb->tag + vb->flags[9]), (u64)-4);

	i32 v[12] = { 42, -7, 19, 0, 1000000, -123456, 5, 5, 88, -1, 3, 2147483647 };
	insertion_sort(v, 12);
	put_str("sorted:");
	for (int i = 0; i < 12; i++) {
		put_char(' ');
		put_sdec(v[i]);
	}
	put_char('\n');

	char word[] = "armature";
	for (int i = 0, j = (int)rt_strlen(word) - 1; i < j; i++, j--) {
		char t = word[i];
		word[i] = word[j];
		word[j] = t;
	}
	put_str("reversed: ");
	put_str(word);
	put_char('\n');
	put_str("hex: ");
	put_hex(0x0123456789abcdefUL, 16);
	put_char('\n');
	return failures;
}
