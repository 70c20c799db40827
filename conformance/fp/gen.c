/* The host side of the FP conformance runner (conformance/fp/README.md).
 *
 *   armature-fp-conformance gen [--seed S] [--count N] [--only ID] > DATA
 *       writes N test records (struct fp_in) for the templates of
 *       templates.def: operands drawn from special and random classes,
 *       FPCR cycling through every RMode x FZ x DN x FZ16 x AHP setting.
 *   armature-fp-conformance compare DATA OURS QEMU [--known FILE]
 *       [--max-report K] [--table]
 *       compares the driver's result records (struct fp_out) of the two
 *       emulators record by record, reports differences per spec encoding
 *       and ends with "N passed, M failed".
 *
 * Everything depends only on the seed: the same seed and the same
 * templates.def give the same data file.
 */
#include <errno.h>
#include <fnmatch.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fp_records.h"

enum kind {
	K_F1, K_F2, K_F3, K_FRINT, K_CMP, K_CMPZ, K_CVT, K_F2I, K_I2F,
	K_MOVTOGEN, K_IMM, K_ACC
};

struct tmpl {
	const char *id, *text;
	enum kind kind;
	int fsize, isize, fbits, sgn;
};

static const struct tmpl tmpls[] = {
#define T(id, text, kind, fsize, isize, fbits, sgn) {#id, text, kind, fsize, isize, fbits, sgn},
#include "templates.def"
#undef T
};
_Static_assert(sizeof tmpls / sizeof tmpls[0] == FP_NTEMPLATES, "template count");

/* ------------------------------------------------------------ random */
static uint64_t rng_state;

static uint64_t rnd64(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static unsigned rnd(unsigned n) /* 0 .. n-1 */
{
	return (unsigned)(rnd64() % n);
}

static int rrange(int lo, int hi) /* lo .. hi inclusive */
{
	return lo + (int)rnd((unsigned)(hi - lo + 1));
}

/* ------------------------------------------------------------ formats */
struct fmt {
	int n, eb, mb, bias, emax; /* width, exponent bits, fraction bits, bias, max biased exp */
};

static struct fmt fmt_of(int n)
{
	switch (n) {
	case 16: return (struct fmt){16, 5, 10, 15, 31};
	case 32: return (struct fmt){32, 8, 23, 127, 255};
	default: return (struct fmt){64, 11, 52, 1023, 2047};
	}
}

/* BFloat16 (BFCVT, BFCVTN: templates with SGN 4): single's exponent
 * range, 7 fraction bits. */
static struct fmt fmt_bf16(void)
{
	return (struct fmt){16, 8, 7, 127, 255};
}

static uint64_t mask(int bits)
{
	return bits >= 64 ? ~0ull : (1ull << bits) - 1;
}

static uint64_t fp_make(struct fmt f, int sign, uint64_t bexp, uint64_t frac)
{
	return ((uint64_t)sign << (f.n - 1)) | ((bexp & mask(f.eb)) << f.mb) | (frac & mask(f.mb));
}

/* Value of an FP bit pattern as a host double (exact for H and S). */
static double fp_value(struct fmt f, uint64_t v)
{
	int sign = (int)(v >> (f.n - 1)) & 1;
	int be = (int)((v >> f.mb) & mask(f.eb));
	uint64_t frac = v & mask(f.mb);
	double r;
	if (f.n == 64) {
		memcpy(&r, &v, 8);
		return r;
	}
	if (be == f.emax)
		r = frac ? NAN : INFINITY;
	else if (be == 0)
		r = ldexp((double)frac, 1 - f.bias - f.mb);
	else
		r = ldexp((double)(frac | (1ull << f.mb)), be - f.bias - f.mb);
	return sign ? -r : r;
}

/* A host double to format f, truncating (only used to derive operands). */
static uint64_t fp_from(struct fmt f, double d)
{
	int sign = signbit(d) ? 1 : 0, e;
	double m;
	if (f.n == 64) {
		uint64_t v;
		memcpy(&v, &d, 8);
		return v;
	}
	if (isnan(d))
		return fp_make(f, 0, (uint64_t)f.emax, 1ull << (f.mb - 1));
	d = fabs(d);
	if (isinf(d))
		return fp_make(f, sign, (uint64_t)f.emax, 0);
	if (d == 0)
		return fp_make(f, sign, 0, 0);
	m = frexp(d, &e); /* d = m * 2^e, 0.5 <= m < 1 */
	e -= 1;		  /* d = (2m) * 2^e */
	if (e + f.bias >= f.emax)
		return fp_make(f, sign, (uint64_t)f.emax, 0);
	if (e + f.bias <= 0) /* subnormal */
		return fp_make(f, sign, 0, (uint64_t)ldexp(d, f.bias - 1 + f.mb));
	return fp_make(f, sign, (uint64_t)(e + f.bias), (uint64_t)ldexp(2 * m - 1, f.mb));
}

/* ±2^e in format f (saturating to max normal / min subnormal). */
static uint64_t fp_pow2(struct fmt f, int sign, int e)
{
	if (e + f.bias >= f.emax)
		return fp_make(f, sign, (uint64_t)f.emax - 1, mask(f.mb));
	if (e + f.bias <= 0) {
		int sh = e + f.bias - 1 + f.mb;
		return fp_make(f, sign, 0, sh < 0 ? 1 : 1ull << sh);
	}
	return fp_make(f, sign, (uint64_t)(e + f.bias), 0);
}

/* Neighbour in the bit pattern (same sign), k steps (k may be < 0). */
static uint64_t fp_step(struct fmt f, uint64_t v, int k)
{
	uint64_t s = v & (1ull << (f.n - 1)), mag = v & mask(f.n - 1);
	if (k < 0 && mag < (uint64_t)-k)
		return s;
	return s | ((mag + (uint64_t)(int64_t)k) & mask(f.n - 1));
}

static uint64_t fp_nan(struct fmt f, int quiet)
{
	uint64_t qbit = 1ull << (f.mb - 1), payload;
	switch (rnd(4)) {
	case 0: payload = 0; break;
	case 1: payload = 1; break;
	case 2: payload = qbit - 1; break;
	default: payload = rnd64() & (qbit - 1); break;
	}
	if (!quiet && payload == 0)
		payload = 1ull << rnd((unsigned)f.mb - 1);
	return fp_make(f, (int)rnd(2), (uint64_t)f.emax, (quiet ? qbit : 0) | payload);
}

/* A fraction with only the top k bits random (short significands make
 * products and sums exact or exactly halfway more often). */
static uint64_t short_frac(struct fmt f, int k)
{
	if (k <= 0)
		return 0;
	if (k >= f.mb)
		return rnd64() & mask(f.mb);
	return (rnd64() & mask(k)) << (f.mb - k);
}

/* 1.f with exactly k fraction bits, the last one set, near 2^0. Two of
 * them with k1 + k2 = mb + 1 multiply to an exact tie when the product
 * stays below 2. */
static uint64_t fp_odd_short(struct fmt f, int k)
{
	uint64_t frac;
	if (k > f.mb)
		k = f.mb;
	frac = k <= 0 ? 0 : ((rnd64() & mask(k)) | 1) << (f.mb - k);
	return fp_make(f, (int)rnd(2), (uint64_t)(f.bias + rrange(-4, 4)), frac);
}

/* A value whose fraction below bit position `keep` (counted from the top,
 * i.e. the precision of a narrower format) is exactly a tie or one away. */
static uint64_t fp_tie(struct fmt f, int keep, uint64_t v)
{
	int low = f.mb - keep; /* bits below the kept precision */
	uint64_t frac, half;
	if (low <= 0)
		return v;
	half = 1ull << (low - 1);
	frac = v & ~mask(low) & mask(f.mb);
	switch (rnd(4)) {
	case 0: frac |= half; break;
	case 1: frac |= half + (low > 1 ? 1 : 0); break;
	case 2: frac |= half - 1; break;
	default: frac |= half | (rnd64() & (half - 1)); break;
	}
	return (v & ~mask(f.mb)) | frac;
}

/* n + frac / 2^fbits near an integer n (rounding-to-integral edges), as
 * an FP value: n in [0, 2^nbits), frac one of .0 .25 .5 .75 ± a step. */
static uint64_t fp_near_int(struct fmt f, int fbits, int nbits)
{
	double n = (double)(rnd64() & mask(nbits < 1 ? 1 : nbits));
	static const double fr[] = {0, 0.5, 0.25, 0.75, 1.5, 2.5, -0.5};
	double d = ldexp(n + fr[rnd(7)], -fbits);
	uint64_t v = fp_from(f, rnd(2) ? -d : d);
	int k = rrange(-2, 2);
	return rnd(2) ? v : fp_step(f, v, k);
}

/* One FP operand. keep: the precision whose ties matter (result fraction
 * bits); edges: exponents whose powers of two are boundaries. */
static uint64_t fp_rand(struct fmt f, int keep, const int *edges, int nedges)
{
	int sign = (int)rnd(2);
	unsigned c = rnd(100);
	if (c < 4)
		return fp_make(f, sign, 0, 0);
	if (c < 7)
		return fp_make(f, sign, (uint64_t)f.emax, 0);
	if (c < 10)
		return fp_nan(f, 1);
	if (c < 13)
		return fp_nan(f, 0);
	if (c < 21) { /* subnormals */
		switch (rnd(4)) {
		case 0: return fp_make(f, sign, 0, 1);
		case 1: return fp_make(f, sign, 0, mask(f.mb));
		case 2: return fp_make(f, sign, 0, 1ull << rnd((unsigned)f.mb));
		default: return fp_make(f, sign, 0, rnd64() & mask(f.mb));
		}
	}
	if (c < 27) { /* extreme normals */
		switch (rnd(5)) {
		case 0: return fp_make(f, sign, 1, 0);
		case 1: return fp_make(f, sign, 1, rnd64() & mask(f.mb));
		case 2: return fp_make(f, sign, (uint64_t)f.emax - 1, mask(f.mb));
		case 3: return fp_make(f, sign, (uint64_t)f.emax - 1, rnd64() & mask(f.mb));
		default: return fp_make(f, sign, (uint64_t)rrange(1, 3), rnd64() & mask(f.mb));
		}
	}
	if (c < 40) /* any finite */
		return fp_make(f, sign, rnd((unsigned)f.emax), rnd64() & mask(f.mb));
	if (c < 55) /* near 1 */
		return fp_make(f, sign, (uint64_t)(f.bias + rrange(-8, 8)), rnd64() & mask(f.mb));
	if (c < 65) /* short significand */
		return fp_make(f, sign, (uint64_t)(f.bias + rrange(-6, 6)),
			       short_frac(f, rrange(0, f.mb)));
	if (c < 75) /* ties at the result precision */
		return fp_tie(f, keep, fp_make(f, sign, (uint64_t)rrange(1, f.emax - 1), rnd64()));
	if (c < 85 && nedges > 0) { /* ± a power-of-two edge, a few steps away */
		uint64_t v = fp_pow2(f, sign, edges[rnd((unsigned)nedges)]);
		return fp_step(f, v, rrange(-3, 3));
	}
	if (c < 93) /* near integers */
		return fp_near_int(f, 0, rrange(0, f.mb + 2));
	/* exactly 1, 2, 0.5, 3 ... */
	return fp_from(f, (sign ? -1 : 1) * ldexp((double)rrange(1, 7), rrange(-2, 2)));
}

/* A second operand: often related to the first (equal, negated, a few
 * ulps away, scaled so a sum hits the rounding bit, same binade). */
static uint64_t fp_related(struct fmt f, uint64_t a, int keep, const int *edges, int nedges)
{
	int ea = (int)((a >> f.mb) & mask(f.eb));
	switch (rnd(13)) {
	case 0: return a;
	case 1: return a ^ (1ull << (f.n - 1));
	case 2: return fp_step(f, a, rrange(-3, 3));
	case 3: case 4: { /* scaled: the sum rounds at or near a tie */
		int e = ea - f.mb - 1 + rrange(-2, 2);
		if (e < 0 || ea == f.emax)
			break;
		return fp_make(f, (int)rnd(2), (uint64_t)e, short_frac(f, rrange(0, 3)));
	}
	case 5: /* same binade: cancellation */
		if (ea == f.emax)
			break;
		return fp_make(f, (int)rnd(2), (uint64_t)ea, rnd64() & mask(f.mb));
	case 8: /* exactly half an ulp of a (or a quarter, or one): a sum ties */
		if (ea <= f.mb + 2 || ea == f.emax)
			break;
		return fp_make(f, (int)rnd(2), (uint64_t)(ea - f.mb - 1 + rrange(-1, 1)), 0);
	case 6: case 7: { /* a product or quotient at the edge of the range */
		int target = rnd(3) ? rrange(-f.mb - 1, 2) : f.emax - 1 + rrange(-1, 1);
		int eb = rnd(2) ? target - ea + f.bias : ea + f.bias - target;
		if (ea == f.emax || ea == 0 || eb <= 0 || eb >= f.emax)
			break;
		return fp_make(f, (int)rnd(2), (uint64_t)eb, rnd64() & mask(f.mb));
	}
	default:
		break;
	}
	return fp_rand(f, keep, edges, nedges);
}

/* An integer operand of width w for SCVTF/UCVTF (upper bits of x1 random
 * for w = 32: the instruction must ignore them). */
static uint64_t int_rand(int w, int mb)
{
	uint64_t v, r = rnd64();
	int k;
	switch (rnd(12)) {
	case 0: v = rnd(3); break;
	case 1: v = (uint64_t)-(int64_t)rnd(3); break;
	case 2: v = 1ull << (w - 1); break;            /* INT_MIN */
	case 3: v = mask(w - 1); break;                /* INT_MAX */
	case 4: v = mask(w); break;                    /* UINT_MAX / -1 */
	case 5: k = rrange(0, w - 1); v = (1ull << k) + (uint64_t)rrange(-3, 3); break;
	case 6: case 7: /* (mb+2 .. mb+4)-bit odd significands: ties and near-ties */
		k = mb + rrange(1, 4);
		if (k > w)
			k = w;
		v = (r & mask(k)) | (1ull << (k - 1)) | 1;
		if (rnd(2)) { /* exactly halfway: ...1000 */
			int low = k - (mb + 1);
			if (low > 0)
				v = (v & ~mask(low)) | (1ull << (low - 1));
		}
		v <<= rnd((unsigned)(w - k + 1));
		break;
	case 8: v = r & mask(rrange(1, w)); break;
	case 9: v = (uint64_t)-(int64_t)(r & mask(rrange(1, w - 1))); break;
	default: v = r; break;
	}
	v &= mask(w);
	if (w == 32)
		v |= rnd64() << 32;
	return v;
}

/* The FPCR value for the i-th record of a template: RMode x FZ x DN x FZ16
 * x AHP cycle, starting at a random point. */
static uint32_t fpcr_for(unsigned i)
{
	uint32_t rmode = i & 3, fz = (i >> 2) & 1, dn = (i >> 3) & 1, fz16 = (i >> 4) & 1, ahp = (i >> 5) & 1;
	return rmode << 22 | fz << 24 | dn << 25 | fz16 << 19 | ahp << 26;
}

/* K_ACC: a widening multiply-accumulate (FMLAL*, FMLSL*: half; BFDOT,
 * BFMLALB/T: BFloat16 with SGN 4). v1 = b:a and v2 = b hold four 16-bit
 * source elements in each of a and b, v0 = c (two singles, upper half 0)
 * is the accumulator (the driver loads it when `acc` is set). The first
 * pair is often related: a product that ties, an addend that (nearly)
 * cancels the products. */
static void gen_acc(const struct tmpl *t, struct fp_in *r)
{
	struct fmt h = t->sgn == 4 ? fmt_bf16() : fmt_of(16), s32 = fmt_of(32);
	int edges[2] = {h.emax - 1 - h.bias, 1 - h.bias}, i;
	uint64_t ea[4], eb[4];
	for (i = 0; i < 4; i++) {
		ea[i] = fp_rand(h, h.mb, edges, 2);
		eb[i] = rnd(5) < 2 ? fp_related(h, ea[i], h.mb, edges, 2) : fp_rand(h, h.mb, edges, 2);
	}
	if (rnd(6) == 0) { /* a product that ties */
		int k1 = rrange(1, h.mb);
		ea[0] = fp_odd_short(h, k1);
		eb[0] = fp_odd_short(h, h.mb + 1 - k1 + (int)rnd(2));
	}
	r->a = ea[0] | ea[1] << 16 | ea[2] << 32 | ea[3] << 48;
	r->b = eb[0] | eb[1] << 16 | eb[2] << 32 | eb[3] << 48;
	for (i = 0; i < 2; i++) {
		uint64_t c;
		if (rnd(3) == 0) { /* cancels the products of its lane (either layout) */
			double p = fp_value(h, ea[2 * i]) * fp_value(h, eb[2 * i]);
			if (rnd(2))
				p += fp_value(h, ea[2 * i + 1]) * fp_value(h, eb[2 * i + 1]);
			else
				p = fp_value(h, ea[i]) * fp_value(h, eb[i]);
			c = fp_step(s32, fp_from(s32, rnd(2) ? -p : p), rrange(-2, 2));
		} else {
			int e32[2] = {s32.emax - 1 - s32.bias, 1 - s32.bias};
			c = fp_rand(s32, s32.mb, e32, 2);
		}
		r->c |= (c & mask(32)) << (32 * i);
	}
	r->acc = 1;
}

static void gen_record(const struct tmpl *t, unsigned row, unsigned i, unsigned start, struct fp_in *r)
{
	struct fmt f = fmt_of(t->fsize > 64 ? 64 : t->fsize);
	int edges[8], ne = 0, keep = f.mb;
	memset(r, 0, sizeof *r);
	r->row = row;
	r->fpcr = fpcr_for(i + start);
	r->nzcv = (uint32_t)rnd(16) << 28;
	if (rnd(8) == 0) /* flags already set: the instruction must only add to them */
		r->fpsr = (uint32_t)(rnd64() & 0x0800009f);

	switch (t->kind) {
	case K_F2I: /* boundaries of the integer range, scaled by 2^-fbits */
		edges[ne++] = t->isize - 1 - t->fbits;
		edges[ne++] = t->isize - t->fbits;
		edges[ne++] = -t->fbits;
		edges[ne++] = 31;
		edges[ne++] = 63;
		break;
	case K_FRINT:
		edges[ne++] = f.mb;
		edges[ne++] = f.mb + 1;
		edges[ne++] = -1;
		if (t->isize) {
			edges[ne++] = t->isize - 1;
			edges[ne++] = t->isize;
		}
		break;
	case K_CVT: { /* the destination's range and precision */
		struct fmt d = t->sgn == 4 ? fmt_bf16() : fmt_of(t->isize);
		keep = d.mb < f.mb ? d.mb : f.mb;
		edges[ne++] = d.emax - 1 - d.bias;     /* largest binade */
		edges[ne++] = d.emax - d.bias;         /* overflow */
		edges[ne++] = 1 - d.bias;              /* smallest normal */
		edges[ne++] = 1 - d.bias - d.mb;       /* smallest subnormal */
		edges[ne++] = -d.bias - d.mb;          /* half of it */
		if (t->isize == 16 && t->sgn != 4)
			edges[ne++] = 16; /* AHP range ends at 131008 */
		break;
	}
	default:
		edges[ne++] = f.emax - 1 - f.bias;
		edges[ne++] = 1 - f.bias;
		break;
	}

	switch (t->kind) {
	case K_F1:
	case K_FRINT:
	case K_CVT:
	case K_CMPZ:
		r->a = fp_rand(f, keep, edges, ne);
		break;
	case K_F2I:
		if (rnd(4) == 0)
			r->a = fp_near_int(f, t->fbits, rrange(0, t->isize));
		else
			r->a = fp_rand(f, keep, edges, ne);
		break;
	case K_F2:
	case K_CMP:
	case K_F3:
		if (t->kind != K_CMP && rnd(6) == 0) { /* a product that ties */
			int k1 = rrange(1, f.mb);
			r->a = fp_odd_short(f, k1);
			r->b = fp_odd_short(f, f.mb + 1 - k1 + (int)rnd(2));
		} else {
			r->a = fp_rand(f, keep, edges, ne);
			r->b = rnd(5) < 2 ? fp_related(f, r->a, keep, edges, ne) : fp_rand(f, keep, edges, ne);
		}
		if (t->kind != K_F3)
			break;
		switch (rnd(4)) {
		case 0: { /* addend cancels the product (approximately) */
			double p = fp_value(f, r->a) * fp_value(f, r->b);
			r->c = fp_from(f, rnd(2) ? -p : p);
			r->c = fp_step(f, r->c, rrange(-2, 2));
			break;
		}
		case 1:
			r->c = fp_related(f, r->a, keep, edges, ne);
			break;
		default:
			r->c = fp_rand(f, keep, edges, ne);
			break;
		}
		break;
	case K_I2F:
		if (t->sgn == 3)
			r->a = rnd64();
		else
			r->a = int_rand(t->isize, f.mb);
		r->b = rnd64();
		break;
	case K_MOVTOGEN:
		r->a = rnd64();
		r->b = rnd64();
		break;
	case K_IMM:
		r->a = rnd64();
		break;
	case K_ACC:
		gen_acc(t, r);
		return;
	}
	/* Random garbage above the operand width (the instruction reads only
	 * the low FSIZE bits of the V register). */
	if (t->kind != K_I2F && t->kind != K_MOVTOGEN && f.n < 64) {
		if (rnd(4) == 0) {
			r->a |= rnd64() << f.n;
			r->b |= rnd64() << f.n;
			r->c |= rnd64() << f.n;
		}
	}
}

static int weight(const struct tmpl *t)
{
	switch (t->kind) {
	case K_IMM: return 1;
	case K_F1: return strncmp(t->id, "FSQRT", 5) ? 2 : 8;
	case K_MOVTOGEN: return 2;
	case K_I2F: return t->sgn == 3 ? 2 : 8;
	default: return 8;
	}
}

static const char *only_pattern;

static int selected(const struct tmpl *t)
{
	return !only_pattern || fnmatch(only_pattern, t->id, 0) == 0;
}

static int cmd_gen(uint64_t seed, long count)
{
	long total_w = 0;
	unsigned row;
	for (row = 0; row < FP_NTEMPLATES; row++)
		if (selected(&tmpls[row]))
			total_w += weight(&tmpls[row]);
	if (total_w == 0) {
		fprintf(stderr, "gen: no template matches --only %s\n", only_pattern);
		return 2;
	}
	for (row = 0; row < FP_NTEMPLATES; row++) {
		const struct tmpl *t = &tmpls[row];
		long n, i;
		unsigned start;
		if (!selected(t))
			continue;
		/* per-template stream: adding rows does not change the others */
		rng_state = seed * 0x100000001b3ull ^ (row * 0x9e3779b97f4a7c15ull);
		n = (count * weight(t) + total_w - 1) / total_w;
		if (n < 64)
			n = 64; /* every FPCR combination at least once */
		start = rnd(64);
		for (i = 0; i < n; i++) {
			struct fp_in r;
			gen_record(t, row, (unsigned)i, start, &r);
			if (fwrite(&r, sizeof r, 1, stdout) != 1) {
				perror("gen: write");
				return 2;
			}
		}
	}
	return fflush(stdout) ? 2 : 0;
}

/* ------------------------------------------------------------ compare */

struct known {
	char *id_glob;	/* fnmatch pattern on the spec id */
	char *cond[8];	/* conditions (see known-differences.txt) */
	int ncond;
	char *reason;
	long hits;
	int line;
};

static struct known knowns[256];
static int nknown;

static int is_nan(struct fmt f, uint64_t v)
{
	return ((v >> f.mb) & mask(f.eb)) == (uint64_t)f.emax && (v & mask(f.mb));
}

static int is_snan(struct fmt f, uint64_t v)
{
	return is_nan(f, v) && !(v & (1ull << (f.mb - 1)));
}

static int is_sub(struct fmt f, uint64_t v)
{
	return ((v >> f.mb) & mask(f.eb)) == 0 && (v & mask(f.mb));
}

/* Does condition c hold for this record? Conditions:
 *   fz=0|1 dn= fz16= ahp= rmode=RN|RP|RM|RZ   FPCR fields
 *   a=nan|snan|qnan|sub|zero|inf  (also b=, c=)   operand class
 *   diff=fpsr|value|nzcv|x0   only these parts differ
 *   qemu_fpsr_extra=FLAGS / qemu_fpsr_missing=FLAGS   exact FPSR delta */
static int flag_bits(const char *s, uint32_t *out);

static int cond_holds(const char *c, const struct tmpl *t, const struct fp_in *in,
		      const struct fp_out *o, const struct fp_out *q)
{
	struct fmt f = fmt_of(t->fsize > 64 ? 64 : t->fsize);
	const char *eq = strchr(c, '=');
	char key[32];
	const char *val;
	size_t kl;
	if (!eq)
		return 0;
	kl = (size_t)(eq - c);
	if (kl >= sizeof key)
		return 0;
	memcpy(key, c, kl);
	key[kl] = 0;
	val = eq + 1;
	if (!strcmp(key, "fz"))
		return (int)((in->fpcr >> 24) & 1) == atoi(val);
	if (!strcmp(key, "dn"))
		return (int)((in->fpcr >> 25) & 1) == atoi(val);
	if (!strcmp(key, "fz16"))
		return (int)((in->fpcr >> 19) & 1) == atoi(val);
	if (!strcmp(key, "ahp"))
		return (int)((in->fpcr >> 26) & 1) == atoi(val);
	if (!strcmp(key, "rmode")) {
		static const char *rm[] = {"RN", "RP", "RM", "RZ"};
		return !strcmp(val, rm[(in->fpcr >> 22) & 3]);
	}
	if (!strcmp(key, "a") || !strcmp(key, "b") || !strcmp(key, "c")) {
		uint64_t v = key[0] == 'a' ? in->a : key[0] == 'b' ? in->b : in->c;
		v &= mask(f.n);
		if (!strcmp(val, "nan")) return is_nan(f, v);
		if (!strcmp(val, "snan")) return is_snan(f, v);
		if (!strcmp(val, "qnan")) return is_nan(f, v) && !is_snan(f, v);
		if (!strcmp(val, "sub")) return is_sub(f, v);
		if (!strcmp(val, "zero")) return (v & mask(f.n - 1)) == 0;
		if (!strcmp(val, "inf")) return (v & mask(f.n - 1)) == ((uint64_t)f.emax << f.mb);
		return 0;
	}
	if (!strcmp(key, "diff")) {
		int dv = o->q0_lo != q->q0_lo || o->q0_hi != q->q0_hi;
		int dx = o->x0 != q->x0, dz = o->nzcv != q->nzcv, df = o->fpsr != q->fpsr;
		if (!strcmp(val, "fpsr")) return df && !dv && !dx && !dz;
		if (!strcmp(val, "value")) return dv && !dx && !dz;
		if (!strcmp(val, "x0")) return dx && !dv && !dz;
		if (!strcmp(val, "nzcv")) return dz && !dv && !dx;
		return 0;
	}
	if (!strcmp(key, "qemu_fpsr_extra") || !strcmp(key, "qemu_fpsr_missing")) {
		uint32_t want;
		if (flag_bits(val, &want))
			return 0;
		if (!strcmp(key, "qemu_fpsr_extra"))
			return (q->fpsr & ~o->fpsr) == want && !(o->fpsr & ~q->fpsr);
		return (o->fpsr & ~q->fpsr) == want && !(q->fpsr & ~o->fpsr);
	}
	return 0;
}

static const struct {
	const char *name;
	uint32_t bit;
} fpsr_flags[] = {
	{"IOC", 1u << 0}, {"DZC", 1u << 1}, {"OFC", 1u << 2}, {"UFC", 1u << 3},
	{"IXC", 1u << 4}, {"IDC", 1u << 7}, {"QC", 1u << 27},
};

static int flag_bits(const char *s, uint32_t *out)
{
	*out = 0;
	while (*s) {
		size_t i, l = strcspn(s, "+");
		for (i = 0; i < sizeof fpsr_flags / sizeof fpsr_flags[0]; i++)
			if (strlen(fpsr_flags[i].name) == l && !strncmp(fpsr_flags[i].name, s, l))
				break;
		if (i == sizeof fpsr_flags / sizeof fpsr_flags[0])
			return -1;
		*out |= fpsr_flags[i].bit;
		s += l;
		if (*s == '+')
			s++;
	}
	return 0;
}

static const char *cond_keys[] = {"fz", "dn", "fz16", "ahp", "rmode", "a", "b", "c", "diff",
				  "qemu_fpsr_extra", "qemu_fpsr_missing"};

static int load_known(const char *path)
{
	FILE *fp = fopen(path, "r");
	char line[1024];
	int ln = 0;
	if (!fp) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof line, fp)) {
		char *p = line, *tok, *reason;
		struct known *k;
		ln++;
		line[strcspn(line, "\n")] = 0;
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p || *p == '#')
			continue;
		reason = strstr(p, " -- ");
		if (!reason) {
			fprintf(stderr, "%s:%d: expected 'ID [COND...] -- REASON'\n", path, ln);
			return -1;
		}
		*reason = 0;
		reason += 4;
		if (nknown == (int)(sizeof knowns / sizeof knowns[0])) {
			fprintf(stderr, "%s:%d: too many entries\n", path, ln);
			return -1;
		}
		k = &knowns[nknown++];
		memset(k, 0, sizeof *k);
		k->line = ln;
		k->reason = strdup(reason);
		tok = strtok(p, " \t");
		k->id_glob = strdup(tok);
		{
			unsigned r;
			int any = 0;
			for (r = 0; r < FP_NTEMPLATES; r++)
				any |= fnmatch(k->id_glob, tmpls[r].id, 0) == 0;
			if (!any) {
				fprintf(stderr, "%s:%d: '%s' matches no template's spec id\n", path, ln, k->id_glob);
				return -1;
			}
		}
		while ((tok = strtok(NULL, " \t"))) {
			size_t i, kl = strcspn(tok, "=");
			int ok = 0;
			for (i = 0; i < sizeof cond_keys / sizeof cond_keys[0]; i++)
				ok |= strlen(cond_keys[i]) == kl && !strncmp(cond_keys[i], tok, kl);
			if (!ok || !tok[kl] || k->ncond == 8) {
				fprintf(stderr, "%s:%d: bad condition '%s'\n", path, ln, tok);
				return -1;
			}
			k->cond[k->ncond++] = strdup(tok);
		}
	}
	fclose(fp);
	return 0;
}

static struct known *explain(const struct tmpl *t, const struct fp_in *in,
			     const struct fp_out *o, const struct fp_out *q)
{
	int i, j;
	for (i = 0; i < nknown; i++) {
		struct known *k = &knowns[i];
		if (fnmatch(k->id_glob, t->id, 0))
			continue;
		for (j = 0; j < k->ncond; j++)
			if (!cond_holds(k->cond[j], t, in, o, q))
				break;
		if (j == k->ncond)
			return k;
	}
	return NULL;
}

/* ---- printing records */

static void put_fp(FILE *out, int n, uint64_t v)
{
	struct fmt f = fmt_of(n);
	v &= mask(n);
	fprintf(out, "%0*" PRIx64, n / 4, v);
	if (is_nan(f, v))
		fprintf(out, " (%s)", is_snan(f, v) ? "sNaN" : "qNaN");
	else
		fprintf(out, " (%.17g%s)", fp_value(f, v), is_sub(f, v) ? ", subnormal" : "");
}

static void put_fpsr(FILE *out, uint32_t v)
{
	size_t i;
	int any = 0;
	fprintf(out, "%08x", v);
	for (i = 0; i < sizeof fpsr_flags / sizeof fpsr_flags[0]; i++)
		if (v & fpsr_flags[i].bit) {
			fprintf(out, "%s%s", any ? "+" : " ", fpsr_flags[i].name);
			any = 1;
		}
}

static void put_fpcr(FILE *out, uint32_t v)
{
	static const char *rm[] = {"RN", "RP", "RM", "RZ"};
	fprintf(out, "%08x %s%s%s%s%s", v, rm[(v >> 22) & 3], v >> 24 & 1 ? " FZ" : "",
		v >> 25 & 1 ? " DN" : "", v >> 19 & 1 ? " FZ16" : "", v >> 26 & 1 ? " AHP" : "");
}

static void put_nzcv(FILE *out, uint32_t v)
{
	fprintf(out, "%c%c%c%c", v >> 31 & 1 ? 'N' : 'n', v >> 30 & 1 ? 'Z' : 'z',
		v >> 29 & 1 ? 'C' : 'c', v >> 28 & 1 ? 'V' : 'v');
}

/* The destination as the template writes it. */
static void put_result(FILE *out, const struct tmpl *t, const struct fp_out *r)
{
	int dst_fp = 0, n = t->fsize;
	switch (t->kind) {
	case K_F1: case K_F2: case K_F3: case K_FRINT: case K_IMM: dst_fp = 1; break;
	case K_CVT: dst_fp = 1; n = t->isize; break;
	case K_I2F: dst_fp = 1; break;
	case K_ACC: dst_fp = 1; n = 128; break;
	default: break;
	}
	if (t->kind == K_CVT && t->sgn == 4) { /* BFloat16: shown as the single it extends to */
		fprintf(out, "%04" PRIx64 " (bf16 ", r->q0_lo & 0xffff);
		put_fp(out, 32, (r->q0_lo & 0xffff) << 16);
		fprintf(out, ")");
		if (r->q0_hi || r->q0_lo >> 16)
			fprintf(out, " q0=%016" PRIx64 "%016" PRIx64, r->q0_hi, r->q0_lo);
	} else if (dst_fp && n <= 64) {
		put_fp(out, n, r->q0_lo);
		if (r->q0_hi || (n < 64 && r->q0_lo >> n))
			fprintf(out, " q0=%016" PRIx64 "%016" PRIx64, r->q0_hi, r->q0_lo);
	} else if (dst_fp) {
		fprintf(out, "q0=%016" PRIx64 "%016" PRIx64, r->q0_hi, r->q0_lo);
	} else {
		fprintf(out, "x0=%016" PRIx64, r->x0);
		if (r->q0_lo != FP_CANARY_Q0_LO || r->q0_hi != FP_CANARY_Q0_HI)
			fprintf(out, " q0=%016" PRIx64 "%016" PRIx64, r->q0_hi, r->q0_lo);
	}
	if (dst_fp && r->x0 != FP_CANARY_X0)
		fprintf(out, " x0=%016" PRIx64, r->x0);
	fprintf(out, " nzcv=");
	put_nzcv(out, r->nzcv);
	fprintf(out, " fpsr=");
	put_fpsr(out, r->fpsr);
}

static void put_record(FILE *out, long idx, const struct tmpl *t, const struct fp_in *in,
		       const struct fp_out *o, const struct fp_out *q, const struct known *k)
{
	int nops = 0, n = t->fsize > 64 ? 64 : t->fsize;
	fprintf(out, "  #%ld %s  [%s]\n    fpcr=", idx, t->text, t->id);
	put_fpcr(out, in->fpcr);
	fprintf(out, " nzcv_in=");
	put_nzcv(out, in->nzcv);
	if (in->fpsr) {
		fprintf(out, " fpsr_in=");
		put_fpsr(out, in->fpsr);
	}
	switch (t->kind) {
	case K_F1: case K_FRINT: case K_CVT: case K_CMPZ: case K_F2I: nops = 1; break;
	case K_F2: case K_CMP: nops = 2; break;
	case K_F3: nops = 3; break;
	default: nops = 0; break;
	}
	if (nops >= 1) { fprintf(out, "\n    n="); put_fp(out, n, in->a); }
	if (nops >= 2) { fprintf(out, "  m="); put_fp(out, n, in->b); }
	if (nops >= 3) { fprintf(out, "  a="); put_fp(out, n, in->c); }
	if (t->kind == K_I2F || t->kind == K_MOVTOGEN)
		fprintf(out, "\n    x1=%016" PRIx64 " x2/v1.d[1]=%016" PRIx64, in->a, in->b);
	if (t->kind == K_ACC)
		fprintf(out, "\n    v1=%016" PRIx64 "%016" PRIx64 " v2=%016" PRIx64 " v0=%016" PRIx64, in->b, in->a,
			in->b, in->c);
	fprintf(out, "\n    armature: ");
	put_result(out, t, o);
	fprintf(out, "\n    qemu:     ");
	put_result(out, t, q);
	fprintf(out, "\n    differs:");
	if (o->q0_lo != q->q0_lo || o->q0_hi != q->q0_hi)
		fprintf(out, " q0 %016" PRIx64 "%016" PRIx64 " vs %016" PRIx64 "%016" PRIx64,
			o->q0_hi, o->q0_lo, q->q0_hi, q->q0_lo);
	if (o->x0 != q->x0)
		fprintf(out, " x0 %016" PRIx64 " vs %016" PRIx64, o->x0, q->x0);
	if (o->nzcv != q->nzcv)
		fprintf(out, " nzcv %08x vs %08x", o->nzcv, q->nzcv);
	if (o->fpsr != q->fpsr)
		fprintf(out, " fpsr %08x vs %08x", o->fpsr, q->fpsr);
	fprintf(out, "\n");
	if (k)
		fprintf(out, "    explained by known-differences line %d: %s\n", k->line, k->reason);
}

static void *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, r;
	if (!fp) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return NULL;
	}
	do {
		if (n == cap) {
			cap = cap ? cap * 2 : 1 << 20;
			buf = realloc(buf, cap);
			if (!buf) {
				fprintf(stderr, "out of memory\n");
				exit(2);
			}
		}
		r = fread(buf + n, 1, cap - n, fp);
		n += r;
	} while (r > 0);
	fclose(fp);
	*len = n;
	return buf;
}

struct stat_row {
	long compared, diff, explained, missing;
};

static int cmd_compare(const char *data, const char *ours, const char *qemu, const char *known_path,
		       int max_report, int table, int run_failed)
{
	size_t ld, lo, lq, nrec, no, nq, i;
	struct fp_in *in = slurp(data, &ld);
	struct fp_out *o = slurp(ours, &lo), *q = slurp(qemu, &lq);
	static struct stat_row st[FP_NTEMPLATES];
	long passed = 0, failed = 0, explained = 0, missing = 0, reported = 0;
	long ereported = 0;
	unsigned row;
	const char *prev_id;
	struct stat_row agg = {0, 0, 0, 0};

	if (!in || !o || !q)
		return 2;
	if (known_path && load_known(known_path))
		return 2;
	nrec = ld / sizeof *in;
	no = lo / sizeof *o;
	nq = lq / sizeof *q;
	if (no < nrec)
		printf("armature's output stops after %zu of %zu records (crash or signal?)\n", no, nrec);
	if (nq < nrec)
		printf("qemu's output stops after %zu of %zu records (crash or signal?)\n", nq, nrec);
	if ((no < nrec || nq < nrec) && (no < nq ? no : nq) / CHUNK_RECORDS * CHUNK_RECORDS < nrec) {
		size_t first = (no < nq ? no : nq) / CHUNK_RECORDS * CHUNK_RECORDS;
		if (in[first].row < FP_NTEMPLATES)
			printf("  the driver writes %d records at a time: the culprit is in #%zu..#%zu, "
			       "from `%s`\n", CHUNK_RECORDS, first, first + CHUNK_RECORDS - 1,
			       tmpls[in[first].row].text);
	}

	for (i = 0; i < nrec; i++) {
		const struct tmpl *t;
		struct known *k;
		if (in[i].row >= FP_NTEMPLATES) {
			fprintf(stderr, "%s: record %zu: bad template row %u\n", data, i, in[i].row);
			return 2;
		}
		t = &tmpls[in[i].row];
		st[in[i].row].compared++;
		if (i >= no || i >= nq) {
			st[in[i].row].missing++;
			missing++;
			failed++;
			continue;
		}
		if (!memcmp(&o[i], &q[i], sizeof o[i])) {
			passed++;
			continue;
		}
		k = explain(t, &in[i], &o[i], &q[i]);
		if (k) {
			k->hits++;
			st[in[i].row].explained++;
			explained++;
			if (ereported < 0) /* --verbose could list them */
				put_record(stdout, (long)i, t, &in[i], &o[i], &q[i], k);
			ereported++;
			continue;
		}
		st[in[i].row].diff++;
		failed++;
		if (reported < max_report) {
			if (!reported)
				printf("differences (the first %d):\n", max_report);
			put_record(stdout, (long)i, t, &in[i], &o[i], &q[i], NULL);
			reported++;
		}
	}

	/* per spec encoding (templates of one id are adjacent in templates.def) */
	printf("%-26s %9s %9s %9s %9s\n", "encoding", "compared", "passed", "explained", "failed");
	prev_id = NULL;
	for (row = 0; row <= FP_NTEMPLATES; row++) {
		if (row == FP_NTEMPLATES || (prev_id && strcmp(prev_id, tmpls[row].id))) {
			long fl = agg.diff + agg.missing;
			if (prev_id && agg.compared && (table || fl || agg.explained))
				printf("%-26s %9ld %9ld %9ld %9ld\n", prev_id, agg.compared,
				       agg.compared - fl - agg.explained, agg.explained, fl);
			memset(&agg, 0, sizeof agg);
		}
		if (row == FP_NTEMPLATES)
			break;
		prev_id = tmpls[row].id;
		agg.compared += st[row].compared;
		agg.diff += st[row].diff;
		agg.explained += st[row].explained;
		agg.missing += st[row].missing;
	}
	{
		long ids = 0;
		prev_id = NULL;
		for (row = 0; row < FP_NTEMPLATES; row++)
			if (st[row].compared && (!prev_id || strcmp(prev_id, tmpls[row].id))) {
				int seen = 0;
				unsigned r2;
				for (r2 = 0; r2 < row; r2++)
					seen |= st[r2].compared && !strcmp(tmpls[r2].id, tmpls[row].id);
				ids += !seen;
				prev_id = tmpls[row].id;
			}
		printf("%-26s %9zu %9ld %9ld %9ld   (%ld encodings, %d templates)\n", "total", nrec,
		       passed, explained, failed, ids, FP_NTEMPLATES);
	}
	if (missing)
		printf("%ld records without a result from one emulator\n", missing);
	if (explained) {
		int j;
		printf("explained differences (Arm ARM on Armature's side), by known-differences line:\n");
		for (j = 0; j < nknown; j++)
			if (knowns[j].hits)
				printf("  %7ld  line %d: %s\n", knowns[j].hits, knowns[j].line, knowns[j].reason);
	}
	if (run_failed)
		printf("%d emulator run(s) did not exit cleanly: counted as failures\n", run_failed);
	failed += run_failed;
	printf("%ld passed, %ld failed\n", passed + explained, failed);
	free(in);
	free(o);
	free(q);
	return failed ? 1 : 0;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: armature-fp-conformance gen [--seed S] [--count N] [--only GLOB] > DATA\n"
		"       armature-fp-conformance compare DATA OURS QEMU [--known FILE] [--max-report K] [--table]\n"
		"                                       [--run-failed NAME]...\n"
		"       armature-fp-conformance list\n");
	exit(2);
}

int main(int argc, char **argv)
{
	int i;
	if (argc < 2)
		usage();
	if (!strcmp(argv[1], "gen")) {
		uint64_t seed = 1;
		long count = 1000000;
		for (i = 2; i < argc; i++) {
			if (!strcmp(argv[i], "--seed") && i + 1 < argc)
				seed = strtoull(argv[++i], NULL, 0);
			else if (!strcmp(argv[i], "--count") && i + 1 < argc)
				count = strtol(argv[++i], NULL, 0);
			else if (!strcmp(argv[i], "--only") && i + 1 < argc)
				only_pattern = argv[++i];
			else
				usage();
		}
		return cmd_gen(seed, count);
	}
	if (!strcmp(argv[1], "compare") && argc >= 5) {
		const char *known = NULL;
		int max_report = 10, table = 0, run_failed = 0;
		for (i = 5; i < argc; i++) {
			if (!strcmp(argv[i], "--known") && i + 1 < argc)
				known = argv[++i];
			else if (!strcmp(argv[i], "--max-report") && i + 1 < argc)
				max_report = atoi(argv[++i]);
			else if (!strcmp(argv[i], "--table"))
				table = 1;
			else if (!strcmp(argv[i], "--run-failed") && i + 1 < argc)
				run_failed++, i++;
			else
				usage();
		}
		return cmd_compare(argv[2], argv[3], argv[4], known, max_report, table, run_failed);
	}
	if (!strcmp(argv[1], "list")) {
		unsigned r;
		for (r = 0; r < FP_NTEMPLATES; r++)
			printf("%3u %-26s %s\n", r, tmpls[r].id, tmpls[r].text);
		return 0;
	}
	usage();
	return 2;
}
