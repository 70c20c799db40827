// Advanced SIMD and SIMD&FP loads/stores as glibc's string functions and
// vectorised loops use them: structure loads/stores with post-index, a
// strlen step (cmeq/umaxv/shrn), saturation and FPSR.QC, table lookup, lane
// moves, widening/narrowing. Each result is printed; the expected value is
// in the comment on the line (worked out by hand). Runs unchanged under
// qemu-aarch64. Vector registers are moved to x21.. before any SHOW (the
// runtime may use caller-saved registers).
#include "lib/asm.S"

	.data
	.balign	16
src:	.irp	i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.byte	\i
	.endr
	.irp	i, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63
	.byte	\i
	.endr
	.balign	16
str:	.asciz	"hello, simd world"		// 17 characters
	.balign	16
	.space	16				// zeros after the string
dst:	.space	64

	.text
	.globl	_start
_start:
	adrp	x19, src
	add	x19, x19, :lo12:src
	adrp	x20, dst
	add	x20, x20, :lo12:dst

	SAY	"-- ld3 de-interleaves bytes 0..23"
	ld3	{v0.8b, v1.8b, v2.8b}, [x19]
	mov	x21, v0.d[0]
	mov	x22, v1.d[0]
	mov	x23, v2.d[0]
	SHOW	"v0", x21			// 15120f0c09060300
	SHOW	"v1", x22			// 1613100d0a070401
	SHOW	"v2", x23			// 1714110e0b080502

	SAY	"-- st4 interleaves four registers, post-index #64"
	ldp	q0, q1, [x19]
	ldp	q2, q3, [x19, #32]
	mov	x24, x20
	st4	{v0.16b, v1.16b, v2.16b, v3.16b}, [x24], #64
	sub	x21, x24, x20
	SHOW	"advance", x21			// 0000000000000040
	ldr	x21, [x20]
	SHOW	"dst[0..7]", x21		// 3121110130201000
	ldr	x21, [x20, #56]
	SHOW	"dst[56..63]", x21		// 3f2f1f0f3e2e1e0e

	SAY	"-- strlen: cmeq #0, umaxv, shrn #4, rbit, clz"
	adrp	x9, str
	add	x9, x9, :lo12:str
	mov	x10, #0				// offset of the chunk
1:	ldr	q0, [x9, x10]
	cmeq	v1.16b, v0.16b, #0
	umaxv	b2, v1.16b
	umov	w11, v2.b[0]
	cbnz	w11, 2f
	add	x10, x10, #16
	b	1b
2:	shrn	v1.8b, v1.8h, #4		// 4 bits per byte
	mov	x12, v1.d[0]
	rbit	x12, x12
	clz	x12, x12
	add	x21, x10, x12, lsr #2
	SHOW	"strlen", x21			// 0000000000000011

	SAY	"-- uqadd saturates and sets FPSR.QC"
	mrs	x22, fpsr
	and	x22, x22, #0x8000000
	movi	v0.16b, #0xf0
	movi	v1.16b, #0x20
	uqadd	v2.16b, v0.16b, v1.16b
	mov	x21, v2.d[1]
	mrs	x23, fpsr
	and	x23, x23, #0x8000000
	SHOW	"QC before", x22		// 0000000000000000
	SHOW	"result", x21			// ffffffffffffffff
	SHOW	"QC after", x23			// 0000000008000000

	SAY	"-- tbl with rev64 indices"
	ldr	q3, [x19]
	rev64	v3.16b, v3.16b
	ldr	q0, [x19, #48]
	tbl	v2.16b, {v0.16b}, v3.16b
	mov	x21, v2.d[0]
	mov	x22, v2.d[1]
	SHOW	"lo", x21			// 3031323334353637
	SHOW	"hi", x22			// 38393a3b3c3d3e3f

	SAY	"-- movi, add, addv"
	movi	v0.2d, #0xff00ff00ff00ff00
	movi	v1.4s, #1
	add	v2.4s, v0.4s, v1.4s
	addv	s3, v2.4s
	mov	x21, v2.d[1]
	mov	w22, v3.s[0]
	SHOW	"add", x21			// ff00ff01ff00ff01
	SHOWW	"addv", w22			// fc03fc04

	SAY	"-- dup, ins, smov"
	mov	w9, #0x8001
	dup	v0.8h, w9
	mov	w10, #0x1234
	mov	v0.s[1], w10
	smov	x21, v0.h[7]
	mov	x22, v0.d[0]
	SHOW	"smov", x21			// ffffffffffff8001
	SHOW	"d[0]", x22			// 0000123480018001

	SAY	"-- uxtl, shl, xtn"
	ldr	d0, [x19]
	uxtl	v1.8h, v0.8b
	shl	v1.8h, v1.8h, #4
	xtn	v2.8b, v1.8h
	mov	x21, v2.d[0]
	mov	x22, v1.d[1]
	SHOW	"xtn", x21			// 7060504030201000
	SHOW	"shl hi", x22			// 0070006000500040

	EXIT	0
