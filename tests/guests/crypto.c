/* The cryptographic extension end to end: AES-128 (AESE/AESMC, AESD/AESIMC),
 * SHA-1 (SHA1C/P/M/H/SU0/SU1), SHA-256 (SHA256H/H2/SU0/SU1), SHA-512
 * (SHA512H/H2/SU0/SU1), SHA3-256 (EOR3, RAX1, XAR, BCAX), SM3 (SM3SS1,
 * SM3TT1A/B, SM3TT2A/B, SM3PARTW1/2), SM4 (SM4EKEY, SM4E) and PMULL, each
 * computing a published test vector: FIPS-197 Appendix C.1, the "abc"
 * examples of FIPS 180-2 (Appendices A.1, B.1, C.1) and of NIST's FIPS 202
 * example values, GB/T 32905-2016 Appendix A.1 and GB/T 32907-2016 Appendix
 * A.1. The message schedules, key schedules and round constants are computed
 * here (in C, or with the instructions themselves); only the published
 * inputs, outputs and constant tables are written out. Each instruction
 * sequence is one asm statement that loads its operands and stores its
 * results, so no vector register lives across C code (the guests are built
 * with -mgeneral-regs-only). The exit status is the number of mismatches (0). */
#include "rt.h"

#define ARCH ".arch armv8.2-a+crypto+sha3+sm4\n\t"

static int failures;

static char hexdigit(unsigned v) { return "0123456789abcdef"[v & 15]; }

/* Prints NAME = the bytes in hex, and whether they are WANT. */
static void check(const char *name, const u8 *got, size_t n, const char *want)
{
	char buf[129];
	size_t i;
	for (i = 0; i < n && 2 * i + 1 < sizeof buf; i++) {
		buf[2 * i] = hexdigit(got[i] >> 4);
		buf[2 * i + 1] = hexdigit(got[i]);
	}
	buf[2 * i] = 0;
	put_str(name);
	put_str(" = ");
	put_str(buf);
	if (rt_strlen(want) != 2 * n || memcmp(buf, want, 2 * n) != 0) {
		put_str(" (expected ");
		put_str(want);
		put_char(')');
		failures++;
	}
	put_char('\n');
}

static u32 load_be32(const u8 *p) { return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3]; }

static void store_be32(u8 *p, u32 v)
{
	p[0] = (u8)(v >> 24);
	p[1] = (u8)(v >> 16);
	p[2] = (u8)(v >> 8);
	p[3] = (u8)v;
}

static void unhex(u8 *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		u8 b = 0;
		for (int k = 0; k < 2; k++) {
			char c = s[2 * i + k];
			b = (u8)(b << 4 | (c <= '9' ? c - '0' : c - 'a' + 10));
		}
		out[i] = b;
	}
}

/* ------------------------------------------------------------ AES-128 */

/* SubWord() of FIPS-197 5.2 with AESE: the word in all four columns makes
 * ShiftRows a no-op, and a zero round key leaves SubBytes. */
static u32 sub_word(u32 w)
{
	u32 r;
	__asm__(ARCH
		"dup	v0.4s, %w1\n\t"
		"movi	v1.16b, #0\n\t"
		"aese	v0.16b, v1.16b\n\t"
		"umov	%w0, v0.s[0]"
		: "=r"(r) : "r"(w) : "v0", "v1");
	return r;
}

/* KeyExpansion() (FIPS-197 5.2), Nk = 4, Nr = 10; words in byte order. */
static void aes128_key_expansion(u8 rk[11][16], const u8 key[16])
{
	u8 rcon = 1;
	memcpy(rk[0], key, 16);
	for (int i = 4; i < 44; i++) {
		u8 *w = &rk[i / 4][4 * (i % 4)];
		const u8 *prev = i % 4 ? w - 4 : &rk[i / 4 - 1][12];
		const u8 *back = &rk[i / 4 - 1][4 * (i % 4)];
		u8 t[4] = { prev[0], prev[1], prev[2], prev[3] };
		if (i % 4 == 0) {
			/* RotWord, SubWord, Rcon */
			u32 v = (u32)t[1] | (u32)t[2] << 8 | (u32)t[3] << 16 | (u32)t[0] << 24;
			v = sub_word(v);
			t[0] = (u8)(v ^ rcon);
			t[1] = (u8)(v >> 8);
			t[2] = (u8)(v >> 16);
			t[3] = (u8)(v >> 24);
			rcon = (u8)(rcon << 1 ^ (rcon & 0x80 ? 0x1b : 0));
		}
		for (int j = 0; j < 4; j++)
			w[j] = back[j] ^ t[j];
	}
}

/* Cipher(): nine rounds of AESE+AESMC, then AESE and the last AddRoundKey. */
static void aes128_encrypt(u8 out[16], const u8 in[16], u8 rk[11][16])
{
	const u8 *k = rk[0];
	long n = 9;
	__asm__ volatile(ARCH
		"ld1	{v0.16b}, [%[in]]\n"
		"1:\n\t"
		"ld1	{v1.16b}, [%[k]], #16\n\t"
		"aese	v0.16b, v1.16b\n\t"
		"aesmc	v0.16b, v0.16b\n\t"
		"subs	%[n], %[n], #1\n\t"
		"b.ne	1b\n\t"
		"ld1	{v1.16b, v2.16b}, [%[k]]\n\t"
		"aese	v0.16b, v1.16b\n\t"
		"eor	v0.16b, v0.16b, v2.16b\n\t"
		"st1	{v0.16b}, [%[out]]"
		: [k] "+r"(k), [n] "+r"(n)
		: [in] "r"(in), [out] "r"(out)
		: "v0", "v1", "v2", "memory", "cc");
}

/* The equivalent inverse cipher (FIPS-197 5.3.5): the round keys in reverse
 * order, the middle nine through InvMixColumns (AESIMC). */
static void aes128_decrypt(u8 out[16], const u8 in[16], u8 rk[11][16])
{
	u8 dk[11][16];
	for (int i = 0; i <= 10; i++) {
		if (i == 0 || i == 10) {
			memcpy(dk[i], rk[10 - i], 16);
			continue;
		}
		__asm__ volatile(ARCH
			"ld1	{v0.16b}, [%1]\n\t"
			"aesimc	v0.16b, v0.16b\n\t"
			"st1	{v0.16b}, [%0]"
			: : "r"(dk[i]), "r"(rk[10 - i]) : "v0", "memory");
	}
	const u8 *k = dk[0];
	long n = 9;
	__asm__ volatile(ARCH
		"ld1	{v0.16b}, [%[in]]\n"
		"1:\n\t"
		"ld1	{v1.16b}, [%[k]], #16\n\t"
		"aesd	v0.16b, v1.16b\n\t"
		"aesimc	v0.16b, v0.16b\n\t"
		"subs	%[n], %[n], #1\n\t"
		"b.ne	1b\n\t"
		"ld1	{v1.16b, v2.16b}, [%[k]]\n\t"
		"aesd	v0.16b, v1.16b\n\t"
		"eor	v0.16b, v0.16b, v2.16b\n\t"
		"st1	{v0.16b}, [%[out]]"
		: [k] "+r"(k), [n] "+r"(n)
		: [in] "r"(in), [out] "r"(out)
		: "v0", "v1", "v2", "memory", "cc");
}

static void test_aes(void)
{
	u8 key[16], pt[16], ct[16], back[16], rk[11][16];
	/* FIPS-197 Appendix C.1 */
	unhex(key, "000102030405060708090a0b0c0d0e0f", 16);
	unhex(pt, "00112233445566778899aabbccddeeff", 16);
	aes128_key_expansion(rk, key);
	/* FIPS-197 Appendix C.1: round[10].k_sch, the last round key */
	check("aes128 w[40..43]", rk[10], 16, "13111d7fe3944a17f307a78b4d2b30c5");
	aes128_encrypt(ct, pt, rk);
	check("aes128 encrypt", ct, 16, "69c4e0d86a7b0430d8cdb78070b4c55a");
	aes128_decrypt(back, ct, rk);
	check("aes128 decrypt", back, 16, "00112233445566778899aabbccddeeff");
}

/* ------------------------------------------------------------ SHA-1, SHA-256 */

/* "abc" padded to one 512-bit block (FIPS 180-4 5.1.1), as 16 words. */
static void abc_block(u32 w[16])
{
	static const u8 msg[3] = { 'a', 'b', 'c' };
	u8 block[64];
	memset(block, 0, sizeof block);
	memcpy(block, msg, 3);
	block[3] = 0x80;
	block[63] = 3 * 8;
	for (int i = 0; i < 16; i++)
		w[i] = load_be32(block + 4 * i);
}

/* Four schedule words W[t..t+3] from W[t-16..t-1] (FIPS 180-4 6.1.2 step 1). */
static void sha1_schedule4(u32 *w)
{
	__asm__ volatile(ARCH
		"ld1	{v4.4s, v5.4s, v6.4s, v7.4s}, [%0]\n\t"
		"sha1su0	v4.4s, v5.4s, v6.4s\n\t"
		"sha1su1	v4.4s, v7.4s\n\t"
		"st1	{v4.4s}, [%1]"
		: : "r"(w - 16), "r"(w) : "v4", "v5", "v6", "v7", "memory");
}

/* Four rounds: abcd in st[0..3], e in st[4], the four W+K in wk. */
#define SHA1_ROUNDS(op)                                                 \
	__asm__ volatile(ARCH                                           \
		"ld1	{v0.4s}, [%0]\n\t"                                \
		"ldr	s1, [%0, #16]\n\t"                                \
		"ld1	{v2.4s}, [%1]\n\t"                                \
		"sha1h	s3, s0\n\t"                                       \
		op "	q0, s1, v2.4s\n\t"                                 \
		"st1	{v0.4s}, [%0]\n\t"                                \
		"str	s3, [%0, #16]"                                    \
		: : "r"(st), "r"(wk) : "v0", "v1", "v2", "v3", "memory")

static void test_sha1(void)
{
	static const u32 k[4] = { 0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6 };
	u32 h[5] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0 };
	u32 w[80], st[5], wk[4];
	u8 digest[20];
	abc_block(w);
	for (int t = 16; t < 80; t += 4)
		sha1_schedule4(w + t);
	memcpy(st, h, sizeof st);
	for (int g = 0; g < 20; g++) {
		for (int j = 0; j < 4; j++)
			wk[j] = w[4 * g + j] + k[g / 5];
		if (g < 5)
			SHA1_ROUNDS("sha1c");
		else if (g >= 10 && g < 15)
			SHA1_ROUNDS("sha1m");
		else
			SHA1_ROUNDS("sha1p");
	}
	for (int i = 0; i < 5; i++)
		store_be32(digest + 4 * i, h[i] + st[i]);
	check("sha1(\"abc\")", digest, 20, "a9993e364706816aba3e25717850c26c9cd0d89d");
}

/* The SHA-256 constants K (FIPS 180-4 4.2.2): the first 32 bits of the
 * fractional parts of the cube roots of the first 64 primes. */
static const u32 sha256_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static void sha256_schedule4(u32 *w)
{
	__asm__ volatile(ARCH
		"ld1	{v4.4s, v5.4s, v6.4s, v7.4s}, [%0]\n\t"
		"sha256su0	v4.4s, v5.4s\n\t"
		"sha256su1	v4.4s, v6.4s, v7.4s\n\t"
		"st1	{v4.4s}, [%1]"
		: : "r"(w - 16), "r"(w) : "v4", "v5", "v6", "v7", "memory");
}

static void test_sha256(void)
{
	u32 h[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		     0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
	u32 w[64], st[8], wk[4];
	u8 digest[32];
	abc_block(w);
	for (int t = 16; t < 64; t += 4)
		sha256_schedule4(w + t);
	memcpy(st, h, sizeof st);
	for (int g = 0; g < 16; g++) {
		for (int j = 0; j < 4; j++)
			wk[j] = w[4 * g + j] + sha256_k[4 * g + j];
		/* abcd in v0, efgh in v1 */
		__asm__ volatile(ARCH
			"ld1	{v0.4s, v1.4s}, [%0]\n\t"
			"ld1	{v3.4s}, [%1]\n\t"
			"mov	v2.16b, v0.16b\n\t"
			"sha256h	q0, q1, v3.4s\n\t"
			"sha256h2	q1, q2, v3.4s\n\t"
			"st1	{v0.4s, v1.4s}, [%0]"
			: : "r"(st), "r"(wk) : "v0", "v1", "v2", "v3", "memory");
	}
	for (int i = 0; i < 8; i++)
		store_be32(digest + 4 * i, h[i] + st[i]);
	check("sha256(\"abc\")", digest, 32,
	      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/* ------------------------------------------------------------ SHA-512 */

/* The SHA-512 constants K (FIPS 180-4 4.2.3): the first 64 bits of the
 * fractional parts of the cube roots of the first 80 primes. */
static const u64 sha512_k[80] = {
	0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc,
	0x3956c25bf348b538, 0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118,
	0xd807aa98a3030242, 0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
	0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235, 0xc19bf174cf692694,
	0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
	0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
	0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4,
	0xc6e00bf33da88fc2, 0xd5a79147930aa725, 0x06ca6351e003826f, 0x142929670a0e6e70,
	0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
	0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
	0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30,
	0xd192e819d6ef5218, 0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8,
	0x19a4c116b8d2d0c8, 0x1e376c085141ab53, 0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8,
	0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373, 0x682e6ff3d6b2b8a3,
	0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
	0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b,
	0xca273eceea26619c, 0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178,
	0x06f067aa72176fba, 0x0a637dc5a2c898a6, 0x113f9804bef90dae, 0x1b710b35131c471b,
	0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc, 0x431d67c49c100d4c,
	0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
};

static u64 load_be64(const u8 *p) { return (u64)load_be32(p) << 32 | load_be32(p + 4); }

/* W[t], W[t+1] from W[t-16..t-1] (FIPS 180-4 6.4.2 step 1). */
static void sha512_schedule2(u64 *w)
{
	__asm__ volatile(ARCH
		"ld1	{v0.2d, v1.2d}, [%0]\n\t"	/* W[t-16..t-13] */
		"ld1	{v2.2d}, [%1]\n\t"		/* W[t-7], W[t-6] */
		"ld1	{v3.2d}, [%2]\n\t"		/* W[t-2], W[t-1] */
		"sha512su0	v0.2d, v1.2d\n\t"
		"sha512su1	v0.2d, v3.2d, v2.2d\n\t"
		"st1	{v0.2d}, [%3]"
		: : "r"(w - 16), "r"(w - 7), "r"(w - 2), "r"(w) : "v0", "v1", "v2", "v3", "memory");
}

static void test_sha512(void)
{
	static const u8 msg[3] = { 'a', 'b', 'c' };
	u64 h[8] = { 0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
		     0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179 };
	u64 w[80], s[8];
	u8 block[128], digest[64];
	memset(block, 0, sizeof block);
	memcpy(block, msg, 3);
	block[3] = 0x80;
	block[127] = 3 * 8;
	for (int i = 0; i < 16; i++)
		w[i] = load_be64(block + 8 * i);
	for (int t = 16; t < 80; t += 2)
		sha512_schedule2(w + t);
	memcpy(s, h, sizeof s);
	/* Two rounds at a time. SHA512H takes {g, f}, {e, d} and the two
	 * h + K + W sums and gives the two T1 values; SHA512H2 takes those,
	 * {-, c} and {b, a} and gives the two new a. (Pairs are {high, low}.) */
	for (int t = 0; t < 80; t += 2) {
		u64 a = s[0], b = s[1], c = s[2], d = s[3], e = s[4], f = s[5], g = s[6], hh = s[7];
		u64 wk[2] = { g + sha512_k[t + 1] + w[t + 1], hh + sha512_k[t] + w[t] };
		u64 fg[2] = { f, g }, de[2] = { d, e }, c0[2] = { c, 0 }, ab[2] = { a, b };
		u64 t1[2], na[2];
		__asm__ volatile(ARCH
			"ld1	{v0.2d}, [%2]\n\t"
			"ld1	{v1.2d}, [%3]\n\t"
			"ld1	{v2.2d}, [%4]\n\t"
			"ld1	{v3.2d}, [%5]\n\t"
			"ld1	{v4.2d}, [%6]\n\t"
			"sha512h	q0, q1, v2.2d\n\t"
			"st1	{v0.2d}, [%0]\n\t"
			"sha512h2	q0, q3, v4.2d\n\t"
			"st1	{v0.2d}, [%1]"
			: : "r"(t1), "r"(na), "r"(wk), "r"(fg), "r"(de), "r"(c0), "r"(ab)
			: "v0", "v1", "v2", "v3", "v4", "memory");
		/* T1[t] in the high half, T1[t+1] in the low half; likewise a */
		s[0] = na[0];
		s[1] = na[1];
		s[2] = a;
		s[3] = b;
		s[4] = c + t1[0];
		s[5] = d + t1[1];
		s[6] = e;
		s[7] = f;
	}
	for (int i = 0; i < 8; i++) {
		store_be32(digest + 8 * i, (u32)((h[i] + s[i]) >> 32));
		store_be32(digest + 8 * i + 4, (u32)(h[i] + s[i]));
	}
	check("sha512(\"abc\")", digest, 64,
	      "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
	      "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
}

/* ------------------------------------------------------------ SHA-3 */

/* One instruction on the low lanes of general-purpose values. */
static u64 eor3(u64 a, u64 b, u64 c)
{
	u64 r;
	__asm__(ARCH
		"mov	v0.d[0], %1\n\t"
		"mov	v1.d[0], %2\n\t"
		"mov	v2.d[0], %3\n\t"
		"eor3	v0.16b, v0.16b, v1.16b, v2.16b\n\t"
		"umov	%0, v0.d[0]"
		: "=r"(r) : "r"(a), "r"(b), "r"(c) : "v0", "v1", "v2");
	return r;
}

/* a EOR (b AND NOT c) */
static u64 bcax(u64 a, u64 b, u64 c)
{
	u64 r;
	__asm__(ARCH
		"mov	v0.d[0], %1\n\t"
		"mov	v1.d[0], %2\n\t"
		"mov	v2.d[0], %3\n\t"
		"bcax	v0.16b, v0.16b, v1.16b, v2.16b\n\t"
		"umov	%0, v0.d[0]"
		: "=r"(r) : "r"(a), "r"(b), "r"(c) : "v0", "v1", "v2");
	return r;
}

/* a EOR ROL(b, 1) */
static u64 rax1(u64 a, u64 b)
{
	u64 r;
	__asm__(ARCH
		"mov	v0.d[0], %1\n\t"
		"mov	v1.d[0], %2\n\t"
		"rax1	v0.2d, v0.2d, v1.2d\n\t"
		"umov	%0, v0.d[0]"
		: "=r"(r) : "r"(a), "r"(b) : "v0", "v1");
	return r;
}

/* ROR(a EOR b, imm) */
#define XAR(a, b, imm) ({                                               \
	u64 r_;                                                         \
	__asm__(ARCH                                                    \
		"mov	v0.d[0], %1\n\t"                                  \
		"mov	v1.d[0], %2\n\t"                                  \
		"xar	v0.2d, v0.2d, v1.2d, #" #imm "\n\t"               \
		"umov	%0, v0.d[0]"                                      \
		: "=r"(r_) : "r"(a), "r"(b) : "v0", "v1");                \
	r_; })

/* Keccak-p[1600, 24] (FIPS 202 3.3): theta with EOR3 and RAX1, rho and pi
 * with XAR (rotating right by 64 - r, r from FIPS 202 Table 2), chi with
 * BCAX; the round constants from the rc() LFSR (Algorithm 5). */
static void keccak_f1600(u64 st[25])
{
#define A(x, y) st[(x) + 5 * (y)]
#define B(x, y) b[(x) + 5 * (y)]
	u64 b[25], c[5], d[5];
	u8 lfsr = 1;
	for (int round = 0; round < 24; round++) {
		for (int x = 0; x < 5; x++)
			c[x] = eor3(eor3(A(x, 0), A(x, 1), A(x, 2)), A(x, 3), A(x, 4));
		for (int x = 0; x < 5; x++)
			d[x] = rax1(c[(x + 4) % 5], c[(x + 1) % 5]);
		/* B[y, 2x + 3y] = ROL(A[x, y] EOR D[x], r[x, y]) */
		B(0, 0) = XAR(A(0, 0), d[0], 0); B(0, 2) = XAR(A(1, 0), d[1], 63); B(0, 4) = XAR(A(2, 0), d[2], 2);
		B(0, 1) = XAR(A(3, 0), d[3], 36); B(0, 3) = XAR(A(4, 0), d[4], 37);
		B(1, 3) = XAR(A(0, 1), d[0], 28); B(1, 0) = XAR(A(1, 1), d[1], 20); B(1, 2) = XAR(A(2, 1), d[2], 58);
		B(1, 4) = XAR(A(3, 1), d[3], 9); B(1, 1) = XAR(A(4, 1), d[4], 44);
		B(2, 1) = XAR(A(0, 2), d[0], 61); B(2, 3) = XAR(A(1, 2), d[1], 54); B(2, 0) = XAR(A(2, 2), d[2], 21);
		B(2, 2) = XAR(A(3, 2), d[3], 39); B(2, 4) = XAR(A(4, 2), d[4], 25);
		B(3, 4) = XAR(A(0, 3), d[0], 23); B(3, 1) = XAR(A(1, 3), d[1], 19); B(3, 3) = XAR(A(2, 3), d[2], 49);
		B(3, 0) = XAR(A(3, 3), d[3], 43); B(3, 2) = XAR(A(4, 3), d[4], 56);
		B(4, 2) = XAR(A(0, 4), d[0], 46); B(4, 4) = XAR(A(1, 4), d[1], 62); B(4, 1) = XAR(A(2, 4), d[2], 3);
		B(4, 3) = XAR(A(3, 4), d[3], 8); B(4, 0) = XAR(A(4, 4), d[4], 50);
		for (int y = 0; y < 5; y++)
			for (int x = 0; x < 5; x++)
				A(x, y) = bcax(B(x, y), B((x + 2) % 5, y), B((x + 1) % 5, y));
		u64 rc = 0;
		for (int j = 0; j < 7; j++) {
			if (lfsr & 1)
				rc |= (u64)1 << ((1 << j) - 1);
			lfsr = (u8)(lfsr & 0x80 ? lfsr << 1 ^ 0x71 : lfsr << 1);
		}
		A(0, 0) ^= rc;
	}
#undef A
#undef B
}

static void test_sha3(void)
{
	/* SHA3-256: rate 1088 bits, "abc" || 01 || pad10*1 in one block */
	u64 st[25];
	u8 block[136], digest[32];
	memset(st, 0, sizeof st);
	memset(block, 0, sizeof block);
	block[0] = 'a';
	block[1] = 'b';
	block[2] = 'c';
	block[3] = 0x06;
	block[135] = 0x80;
	for (int i = 0; i < 17; i++)
		for (int j = 0; j < 8; j++)
			st[i] ^= (u64)block[8 * i + j] << (8 * j);
	keccak_f1600(st);
	for (int i = 0; i < 32; i++)
		digest[i] = (u8)(st[i / 8] >> (8 * (i % 8)));
	check("sha3-256(\"abc\")", digest, 32,
	      "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532");
}

/* ------------------------------------------------------------ SM3 */

/* W[j..j+3] from W[j-16..j-1] (GB/T 32905 5.3.2 a, b): SM3PARTW1 does
 * P1(W[j-16] EOR W[j-9] EOR ROL(W[j-3], 15)), SM3PARTW2 adds
 * ROL(W[j-13], 7) EOR W[j-6] and fixes up the word that needed W[j]. */
static void sm3_expand4(u32 *w)
{
	__asm__ volatile(ARCH
		"ld1	{v0.4s}, [%0]\n\t"	/* W[j-16..j-13] */
		"ld1	{v1.4s}, [%1]\n\t"	/* W[j-9..j-6] */
		"ld1	{v2.4s}, [%2]\n\t"	/* W[j-4..j-1] */
		"ld1	{v3.4s}, [%3]\n\t"	/* W[j-6..j-3] */
		"ld1	{v4.4s}, [%4]\n\t"	/* W[j-13..j-10] */
		"sm3partw1	v0.4s, v1.4s, v2.4s\n\t"
		"sm3partw2	v0.4s, v3.4s, v4.4s\n\t"
		"st1	{v0.4s}, [%5]"
		: : "r"(w - 16), "r"(w - 9), "r"(w - 4), "r"(w - 6), "r"(w - 13), "r"(w)
		: "v0", "v1", "v2", "v3", "v4", "memory");
}

/* Four rounds j..j+3 (GB/T 32905 5.3.3): abcd and efgh hold the words with
 * A (E) in the top lane and D (H) in lane 0; t[i] has ROL(T[j+i], j+i) in
 * its top lane; w and w1 hold W[j..j+3] and W'[j..j+3]. */
#define SM3_ROUNDS(tt1, tt2)                                                   \
	__asm__ volatile(ARCH                                                  \
		"ld1	{v0.4s, v1.4s}, [%0]\n\t"                                \
		"ld1	{v4.4s, v5.4s, v6.4s, v7.4s}, [%1]\n\t"                  \
		"ld1	{v2.4s}, [%2]\n\t"                                       \
		"ld1	{v3.4s}, [%3]\n\t"                                       \
		"sm3ss1	v16.4s, v0.4s, v1.4s, v4.4s\n\t"                         \
		tt1 "	v0.4s, v16.4s, v3.s[0]\n\t"                               \
		tt2 "	v1.4s, v16.4s, v2.s[0]\n\t"                               \
		"sm3ss1	v16.4s, v0.4s, v1.4s, v5.4s\n\t"                         \
		tt1 "	v0.4s, v16.4s, v3.s[1]\n\t"                               \
		tt2 "	v1.4s, v16.4s, v2.s[1]\n\t"                               \
		"sm3ss1	v16.4s, v0.4s, v1.4s, v6.4s\n\t"                         \
		tt1 "	v0.4s, v16.4s, v3.s[2]\n\t"                               \
		tt2 "	v1.4s, v16.4s, v2.s[2]\n\t"                               \
		"sm3ss1	v16.4s, v0.4s, v1.4s, v7.4s\n\t"                         \
		tt1 "	v0.4s, v16.4s, v3.s[3]\n\t"                               \
		tt2 "	v1.4s, v16.4s, v2.s[3]\n\t"                               \
		"st1	{v0.4s, v1.4s}, [%0]"                                    \
		: : "r"(st), "r"(t), "r"(w + j), "r"(w1 + j)                      \
		: "v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v16", "memory")

static u32 rol32(u32 x, int n) { return n ? x << n | x >> (32 - n) : x; }

static void test_sm3(void)
{
	static const u8 msg[3] = { 'a', 'b', 'c' };
	static const u32 iv[8] = { 0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600,
				   0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e };
	u32 w[68], w1[64], st[8], t[4][4];
	u8 block[64], digest[32];
	/* "abc" padded (GB/T 32905 5.2) */
	memset(block, 0, sizeof block);
	memcpy(block, msg, 3);
	block[3] = 0x80;
	block[63] = 3 * 8;
	for (int i = 0; i < 16; i++)
		w[i] = load_be32(block + 4 * i);
	for (int j = 16; j < 68; j += 4)
		sm3_expand4(w + j);
	for (int j = 0; j < 64; j++)
		w1[j] = w[j] ^ w[j + 4];
	/* lanes: st[0..3] = D, C, B, A and st[4..7] = H, G, F, E */
	for (int i = 0; i < 8; i++)
		st[i < 4 ? 3 - i : 11 - i] = iv[i];
	memset(t, 0, sizeof t);
	for (int j = 0; j < 64; j += 4) {
		for (int i = 0; i < 4; i++)
			t[i][3] = rol32(j + i < 16 ? 0x79cc4519 : 0x7a879d8a, (j + i) % 32);
		if (j < 16)
			SM3_ROUNDS("sm3tt1a", "sm3tt2a");
		else
			SM3_ROUNDS("sm3tt1b", "sm3tt2b");
	}
	for (int i = 0; i < 8; i++)
		store_be32(digest + 4 * i, iv[i] ^ st[i < 4 ? 3 - i : 11 - i]);
	check("sm3(\"abc\")", digest, 32,
	      "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
}

/* ------------------------------------------------------------ SM4 */

/* Four round keys rk[4i..4i+3] from K[4i..4i+3] (lanes in order) and
 * CK[4i..4i+3] (GB/T 32907 7.3). */
static void sm4_ekey4(u32 *out, const u32 *k, const u32 *ck)
{
	__asm__ volatile(ARCH
		"ld1	{v0.4s}, [%1]\n\t"
		"ld1	{v1.4s}, [%2]\n\t"
		"sm4ekey	v0.4s, v0.4s, v1.4s\n\t"
		"st1	{v0.4s}, [%0]"
		: : "r"(out), "r"(k), "r"(ck) : "v0", "v1", "memory");
}

static void test_sm4(void)
{
	static const u32 fk[4] = { 0xa3b1bac6, 0x56aa3350, 0x677d9197, 0xb27022dc };
	u8 key[16], pt[16], ct[16];
	u32 k[36], ck[32], x[4];
	/* GB/T 32907-2016 Appendix A.1: the key is also the plaintext */
	unhex(key, "0123456789abcdeffedcba9876543210", 16);
	memcpy(pt, key, 16);
	for (int i = 0; i < 32; i++) {
		u32 c = 0;
		for (int j = 0; j < 4; j++)
			c = c << 8 | ((4 * i + j) * 7 & 0xff);	/* ck_ij = (4i + j) x 7 mod 256 */
		ck[i] = c;
	}
	for (int i = 0; i < 4; i++)
		k[i] = load_be32(key + 4 * i) ^ fk[i];
	/* K[i+4] = rk[i]: the four words after K[4i..4i+3] */
	for (int i = 0; i < 32; i += 4)
		sm4_ekey4(k + i + 4, k + i, ck + i);
	for (int i = 0; i < 4; i++)
		x[i] = load_be32(pt + 4 * i);
	u32 *xp = x;
	const u32 *kp = k + 4;	/* rk[0..31] */
	__asm__ volatile(ARCH
		"ld1	{v0.4s}, [%0]\n\t"
		"ld1	{v16.4s, v17.4s, v18.4s, v19.4s}, [%1], #64\n\t"
		"ld1	{v20.4s, v21.4s, v22.4s, v23.4s}, [%1]\n\t"
		"sm4e	v0.4s, v16.4s\n\t"
		"sm4e	v0.4s, v17.4s\n\t"
		"sm4e	v0.4s, v18.4s\n\t"
		"sm4e	v0.4s, v19.4s\n\t"
		"sm4e	v0.4s, v20.4s\n\t"
		"sm4e	v0.4s, v21.4s\n\t"
		"sm4e	v0.4s, v22.4s\n\t"
		"sm4e	v0.4s, v23.4s\n\t"
		"st1	{v0.4s}, [%0]"
		: "+r"(xp), "+r"(kp)
		:
		: "v0", "v16", "v17", "v18", "v19", "v20", "v21", "v22", "v23", "memory");
	/* the output is the reverse of X[32..35] */
	for (int i = 0; i < 4; i++)
		store_be32(ct + 4 * i, x[3 - i]);
	check("sm4 encrypt", ct, 16, "681edf34d206965e86b3e94f536e4246");
}

/* ------------------------------------------------------------ PMULL */

static void test_pmull(void)
{
	/* (x^63 + ... + x + 1)^2 = x^126 + ... + x^2 + 1 over GF(2): squaring
	 * spreads the bits out, so all-ones squares to 0x5555...; and
	 * (x + 1)(x + 1) = x^2 + 1 in every byte lane of PMULL2 (8H). */
	u64 in[2] = { ~(u64)0, 0x0303030303030303 };
	u64 q[2], h[2];
	u8 out[16];
	__asm__ volatile(ARCH
		"ld1	{v0.2d}, [%2]\n\t"
		"pmull	v1.1q, v0.1d, v0.1d\n\t"
		"pmull2	v2.8h, v0.16b, v0.16b\n\t"
		"st1	{v1.2d}, [%0]\n\t"
		"st1	{v2.2d}, [%1]"
		: : "r"(q), "r"(h), "r"(in) : "v0", "v1", "v2", "memory");
	for (int i = 0; i < 8; i++) {
		out[i] = (u8)(q[1] >> (56 - 8 * i));
		out[8 + i] = (u8)(q[0] >> (56 - 8 * i));
	}
	check("pmull 1q", out, 16, "55555555555555555555555555555555");
	for (int i = 0; i < 8; i++) {
		out[i] = (u8)(h[1] >> (56 - 8 * i));
		out[8 + i] = (u8)(h[0] >> (56 - 8 * i));
	}
	check("pmull2 8h", out, 16, "00050005000500050005000500050005");
}

int main(void)
{
	test_aes();
	test_sha1();
	test_sha256();
	test_sha512();
	test_sha3();
	test_sm3();
	test_sm4();
	test_pmull();
	return failures;
}
