// B.cond for all 16 conditions under all 16 NZCV values.
// CCMP sets arbitrary flags: after "cmp xzr, xzr" (Z=1) the NE condition fails,
// so "ccmp xzr, xzr, #nzcv, ne" loads its immediate into NZCV (CCMP, C6.2).
// Each row prints NZCV, then 1 (branch taken) or 0 per condition, in Arm's
// encoding order. Expected rows follow ConditionHolds() (Arm ARM, shared
// pseudocode): EQ Z; CS C; MI N; VS V; HI C && !Z; GE N == V; GT N == V && !Z;
// AL true; and cond<0> = 1 inverts the result, except for 1111 (NV), which is
// also "always".
#include "lib/asm.S"

	.macro	COND c
	mov	w5, #'1'
	b.\c	1f
	mov	w5, #'0'
1:	strb	w5, [x4], #1		// post-index: one column per condition
	mov	w5, #' '
	strb	w5, [x4], #1
	strb	w5, [x4], #1
	.endm

	.text
	.globl	_start
_start:
	sub	sp, sp, #64
	SAY	"nzcv  eq ne cs cc mi pl vs vc hi ls ge lt gt le al nv"
	.irp	bits, 0000,0001,0010,0011,0100,0101,0110,0111,1000,1001,1010,1011,1100,1101,1110,1111
	RT_STR	x0, "\bits  "
	bl	rt_puts
	mov	x4, sp
	cmp	xzr, xzr
	ccmp	xzr, xzr, #0b\bits, ne
	.irp	c, eq, ne, cs, cc, mi, pl, vs, vc, hi, ls, ge, lt, gt, le, al, nv
	COND	\c
	.endr
	mov	w5, #'\n'
	strb	w5, [x4, #-2]!		// pre-index: replace the last column's padding
	mov	x0, sp
	sub	x1, x4, x0
	add	x1, x1, #1
	bl	rt_write
	.endr

	// Backward conditional branches: a count-down loop, 5 iterations.
	mov	x6, #5
	mov	x7, #0
1:	add	x7, x7, #3
	subs	x6, x6, #1
	b.ne	1b
	SHOW	"loop 5 x 3", x7			// 15 = 0xf
	// Signed versus unsigned: -1 < 1 signed (LT), but 0xfff... > 1 unsigned (HI).
	mov	x6, #-1
	mov	x8, #1
	mov	x7, #0
	cmp	x6, x8
	b.lt	2f
	orr	x7, x7, #1			// skipped
2:	cmp	x6, x8
	b.hi	3f
	orr	x7, x7, #2			// skipped
3:	cmp	x6, x8
	b.ge	4f				// not taken
	orr	x7, x7, #4
4:	cmp	x6, x8
	b.ls	5f				// not taken
	orr	x7, x7, #8
5:	SHOW	"-1 vs 1: lt hi !ge !ls", x7		// 4 | 8 = 0xc
	add	sp, sp, #64
	EXIT	0
