// Exclusives, FEAT_LSE atomics, load-acquire/store-release, unprivileged,
// non-temporal and prefetch forms: each result is printed and the expected
// value is in the comment on the line (worked out by hand). Runs unchanged
// under qemu-aarch64 (-cpu max); the store-exclusive failure paths are ones
// both must agree on: CLREX, an intervening store that changes the value,
// and no load-exclusive at all. Nothing is printed between a load-exclusive
// and its store-exclusive: the system call would clear the reservation (as
// the kernel's exception return does; qemu-aarch64 models that).
// x20 = buf, little-endian:
//   buf+0:  0x8877665544332211
//   buf+8:  0xfffefdfcfbfaf9f8
//   buf+16: 0x0123456789abcdef
//   buf+24: 0 (the counter of the retry loops), buf+32..63: 0
#include "lib/asm.S"

	.arch	armv8.4-a

	.data
	.balign	64
buf:	.quad	0x8877665544332211, 0xfffefdfcfbfaf9f8, 0x0123456789abcdef, 0
	.quad	0, 0, 0, 0
scratch: .quad	0, 0, 0, 0, 0, 0, 0, 0

	.text
	.globl	_start
_start:
	adrp	x20, buf
	add	x20, x20, :lo12:buf
	add	x21, x20, #24			// the counter

	SAY	"-- ldxr/stxr retry loop: counter += 1, 100 times"
	mov	x9, #100
1:	ldxr	x10, [x21]
	add	x10, x10, #1
	stxr	w11, x10, [x21]
	cbnz	w11, 1b				// retry if the reservation was lost
	subs	x9, x9, #1
	b.ne	1b
	ldr	x14, [x21]
	SHOW	"counter", x14			// 0000000000000064

	SAY	"-- ldaxr/stlxr loop: counter += 3, 5 times (w)"
	mov	x9, #5
1:	ldaxr	w10, [x21]
	add	w10, w10, #3
	stlxr	w11, w10, [x21]
	cbnz	w11, 1b
	subs	x9, x9, #1
	b.ne	1b
	ldr	x14, [x21]
	SHOW	"counter", x14			// 0000000000000073

	SAY	"-- store-exclusive failures"
	ldxr	x10, [x20]
	clrex
	mov	x12, #0x77
	stxr	w11, x12, [x20]
	SHOWW	"after clrex: status", w11	// 00000001
	ldr	x14, [x20]
	SHOW	"  memory unchanged", x14	// 8877665544332211
	ldxr	x10, [x21]
	mov	x12, #0x1000
	str	x12, [x21]			// an intervening store of a new value
	mov	x13, #0x2000
	stxr	w11, x13, [x21]
	SHOWW	"after a store: status", w11	// 00000001
	ldr	x14, [x21]
	SHOW	"  memory has the store", x14	// 0000000000001000
	stxr	w11, x13, [x21]			// no load-exclusive before it
	SHOWW	"without ldxr: status", w11	// 00000001
	ldxrb	w10, [x20, #0]
	stxrb	w11, w12, [x20]			// nothing in between: a system call
	SHOWW	"ldxrb", w10			// 00000011
	SHOWW	"stxrb: status", w11		// 00000000
	ldrb	w14, [x20]
	SHOWW	"  byte", w14			// 00000000
	mov	w12, #0x11
	ldaxrh	w10, [x20]			// 0x2200: byte 0 is now 00
	stlxrh	w11, w12, [x20]
	SHOWW	"ldaxrh", w10			// 00002200
	SHOWW	"stlxrh: status", w11		// 00000000
	ldr	x14, [x20]
	SHOW	"  buf+0", x14			// 8877665544330011

	SAY	"-- pairs"
	ldxp	x10, x11, [x20]
	stxp	w12, x11, x10, [x20]		// swap the two halves
	SHOW	"ldxp first", x10		// 8877665544330011
	SHOW	"  second", x11			// fffefdfcfbfaf9f8
	SHOWW	"stxp: status", w12		// 00000000
	ldp	x10, x11, [x20]
	SHOW	"  buf+0", x10			// fffefdfcfbfaf9f8
	SHOW	"  buf+8", x11			// 8877665544330011
	ldaxp	w10, w11, [x20]
	SHOW	"ldaxp w first", x10		// 00000000fbfaf9f8
	SHOW	"  second", x11			// 00000000fffefdfc
	clrex
	stlxp	w12, w11, w10, [x20]
	SHOWW	"stlxp after clrex: status", w12 // 00000001

	SAY	"-- cas/casp/swp"
	add	x22, x20, #32			// scratch quad at buf+32
	mov	x10, #5
	str	x10, [x22]
	mov	x11, #5				// expected: matches
	mov	x12, #9
	cas	x11, x12, [x22]
	ldr	x14, [x22]
	SHOW	"cas hit: memory", x14		// 0000000000000009
	SHOW	"  rs", x11			// 0000000000000005
	mov	x11, #5				// expected: no longer matches
	mov	x12, #7
	casal	x11, x12, [x22]
	ldr	x14, [x22]
	SHOW	"casal miss: memory", x14	// 0000000000000009
	SHOW	"  rs (old value)", x11		// 0000000000000009
	mov	w11, #0x109			// casb compares the low byte only
	mov	w12, #0x1ff
	casb	w11, w12, [x22]
	ldr	x14, [x22]
	SHOW	"casb hit: memory", x14		// 00000000000000ff
	SHOW	"  rs", x11			// 0000000000000009
	mov	x4, #0xff
	mov	x5, #0
	mov	x6, #0x1111
	mov	x7, #0x2222
	caspa	x4, x5, x6, x7, [x22]		// buf+32 = 0xff, buf+40 = 0: hit
	ldp	x10, x11, [x22]
	SHOW	"caspa hit: first", x10		// 0000000000001111
	SHOW	"  second", x11			// 0000000000002222
	mov	w4, #0x1111
	mov	w5, #0
	caspl	w4, w5, w6, w7, [x22]		// word pair (0x1111, 0): hit
	ldr	x14, [x22]
	SHOW	"caspl w hit", x14		// 0000222200001111
	mov	x12, #0x3333
	swp	x12, x13, [x22]
	SHOW	"swp old", x13			// 0000222200001111
	ldr	x14, [x22]
	SHOW	"  memory", x14			// 0000000000003333
	mov	w12, #0xab
	swpalh	w12, w13, [x22]
	SHOW	"swpalh old", x13		// 0000000000003333
	ldr	x14, [x22]
	SHOW	"  memory", x14			// 00000000000000ab

	SAY	"-- ld<op> and st<op>"
	mov	x10, #-2
	str	x10, [x22]			// 0xfffffffffffffffe
	mov	x12, #3
	ldadd	x12, x13, [x22]
	ldr	x14, [x22]
	SHOW	"ldadd old", x13		// fffffffffffffffe
	SHOW	"  memory (wraps)", x14		// 0000000000000001
	mov	w12, #0xff
	staddb	w12, [x22]			// byte 0x01 + 0xff = 0x00
	ldr	x14, [x22]
	SHOW	"staddb", x14			// 0000000000000000
	mov	w10, #0x80000001
	str	w10, [x22]
	mov	w12, #2
	ldsmax	w12, w13, [x22]			// signed: 2 > -0x7fffffff
	ldr	w14, [x22]
	SHOWW	"ldsmax old", w13		// 80000001
	SHOWW	"  memory", w14			// 00000002
	str	w10, [x22]
	ldumax	w12, w13, [x22]			// unsigned: 0x80000001 > 2
	ldr	w14, [x22]
	SHOWW	"ldumax memory", w14		// 80000001
	ldsminl	w12, w13, [x22]			// signed: -0x7fffffff < 2
	ldr	w14, [x22]
	SHOWW	"ldsminl memory", w14		// 80000001
	lduminal w12, w13, [x22]		// unsigned: 2 < 0x80000001
	ldr	w14, [x22]
	SHOWW	"lduminal memory", w14		// 00000002
	mov	w12, #0x7f
	mov	w10, #0x80
	strb	w10, [x22]
	ldsmaxab w12, w13, [x22]		// bytes: 0x7f > -0x80
	ldrb	w14, [x22]
	SHOWW	"ldsmaxab old", w13		// 00000080
	SHOWW	"  memory", w14			// 0000007f
	strb	w10, [x22]
	stumaxb	w12, [x22]			// unsigned bytes: 0x80 > 0x7f
	ldrb	w14, [x22]
	SHOWW	"stumaxb memory", w14		// 00000080
	mov	w10, #0x7fff
	strh	w10, [x22]
	mov	w12, #0x8000
	stsminh	w12, [x22]			// halfwords: -0x8000 < 0x7fff
	ldrh	w14, [x22]
	SHOWW	"stsminh memory", w14		// 00008000
	stuminlh w10, [x22]			// unsigned: 0x7fff < 0x8000
	ldrh	w14, [x22]
	SHOWW	"stuminlh memory", w14		// 00007fff
	mov	x10, #0xf0f0
	str	x10, [x22]
	mov	x12, #0xff00
	ldclr	x12, x13, [x22]			// 0xf0f0 AND NOT 0xff00
	ldr	x14, [x22]
	SHOW	"ldclr memory", x14		// 00000000000000f0
	mov	x12, #0x0ff0
	ldeora	x12, x13, [x22]
	ldr	x14, [x22]
	SHOW	"ldeora memory", x14		// 0000000000000f00
	mov	x12, #0x000f
	stsetl	x12, [x22]
	ldr	x14, [x22]
	SHOW	"stsetl memory", x14		// 0000000000000f0f

	SAY	"-- acquire/release, unprivileged, non-temporal"
	ldar	x14, [x20, #0]
	SHOW	"ldar", x14			// fffefdfcfbfaf9f8
	ldapr	w14, [x20]
	SHOWW	"ldapr w", w14			// fbfaf9f8
	add	x23, x20, #16
	ldapur	x14, [x23, #-8]
	SHOW	"ldapur [buf+16, #-8]", x14	// 8877665544330011
	ldapursb x14, [x23, #-1]
	SHOW	"ldapursb [#-1]", x14		// ffffffffffffff88
	ldapursh w14, [x23, #-4]
	SHOW	"ldapursh w [#-4]", x14		// 0000000000006655
	ldapursw x14, [x23, #-12]
	SHOW	"ldapursw [#-12]", x14		// fffffffffffefdfc
	ldlarh	w14, [x23]
	SHOWW	"ldlarh", w14			// 0000cdef
	mov	x12, #0x4455
	stlr	x12, [x22]
	stlurb	w12, [x22, #8]		// buf+40 held 0x2222 (from caspa)
	add	x24, x22, #10
	stllrh	w12, [x24]
	ldp	x14, x15, [x22]
	SHOW	"stlr", x14			// 0000000000004455
	SHOW	"stlurb+stllrh", x15		// 0000000044552255
	ldtr	x14, [x23, #-16]
	SHOW	"ldtr", x14			// fffefdfcfbfaf9f8
	ldtrsb	w14, [x23, #7]
	SHOW	"ldtrsb w", x14			// 0000000000000001
	sttrh	w12, [x22, #2]
	ldr	x14, [x22]
	SHOW	"sttrh", x14			// 0000000044554455
	ldnp	x10, x11, [x20]
	SHOW	"ldnp", x11			// 8877665544330011
	stnp	w11, w10, [x22, #-8]		// buf+24..31 (the counter)
	ldr	x14, [x21]
	SHOW	"stnp", x14			// fbfaf9f844330011
	ldpsw	x10, x11, [x20]
	SHOW	"ldpsw first", x10		// fffffffffbfaf9f8
	SHOW	"  second", x11			// fffffffffffefdfc
	prfm	pldl1keep, [x20]
	prfm	pstl2strm, [x20, x9, lsl #3]
	prfum	plil3keep, [x20, #-1]
	prfm	#0x1f, [x20]
	SAY	"prefetches done"
	EXIT	0
