// Branches: B, BL, BLR, BR, RET (X30 and another register), CBZ/CBNZ and
// TBZ/TBNZ on W and X registers, and the far ends of each branch's range:
// TBZ/TBNZ reach +-32 KiB (imm14 * 4), CBZ/CBNZ/B.cond +-1 MiB (imm19 * 4),
// B/BL +-128 MiB (imm26 * 4). BL and BLR write X30 = address of the BL + 4.
// Each check prints its name; a wrong path prints a line containing "wrong".
#include "lib/asm.S"

	.text
sub_near_start:
	adrp	x5, far_ret			// over 1 MiB away: beyond ADR's reach
	add	x5, x5, :lo12:far_ret
	sub	x6, x30, x5
	ret

	.globl	_start
_start:
	// B forward and backward.
	b	1f
	SAY	"b forward: wrong"
2:	SAY	"b backward: ok"
	b	3f
1:	SAY	"b forward: ok"
	b	2b
3:
	// BL: X30 = return point; the callee returns with RET.
	bl	sub_link
ret_link:
	SHOW	"bl: x30 - return point", x6		// 0
	// BLR: same through a register; BLR X30 must read X30 before writing it.
	adrp	x7, sub_blr7
	add	x7, x7, :lo12:sub_blr7
	blr	x7
blr7_ret:
	SHOW	"blr: x30 - return point", x6		// 0
	adrp	x30, sub_blr30
	add	x30, x30, :lo12:sub_blr30
	blr	x30
blr30_ret:
	SHOW	"blr x30: x30 - return point", x6	// 0
	// BR to a computed label; RET through a register other than X30.
	adr	x7, br_target
	br	x7
	SAY	"br: wrong"
br_target:
	SAY	"br: ok"
	adr	x5, ret_x5_target
	bl	sub_ret_x5
	SAY	"ret x5: wrong (returned to x30)"
ret_x5_target:
	SAY	"ret x5: ok"

	// CBZ/CBNZ: the W form tests only bits 31:0.
	mov	x9, #0x100000000
	mov	x10, #0
	cbz	w9, 1f
	orr	x10, x10, #1			// skipped: w9 == 0
1:	cbz	x9, 2f
	orr	x10, x10, #2			// done: x9 != 0
2:	cbnz	w9, 3f
	orr	x10, x10, #4			// done
3:	cbnz	x9, 4f
	orr	x10, x10, #8			// skipped
4:	SHOW	"cbz/cbnz w/x on 1<<32", x10		// 2 | 4 = 6

	// TBZ/TBNZ at bits 0, 31, 32, 63 of 0x8000000080000001... minus bit 32.
	mov	x9, #0x8000000000000000
	movk	x9, #0x8000, lsl #16
	movk	x9, #0x0001			// x9 = 0x8000000080000001
	mov	x10, #0
	tbz	w9, #0, 1f			// bit 0 set: falls through
	orr	x10, x10, #1
1:	tbnz	w9, #31, 2f			// bit 31 set: taken
	orr	x10, x10, #2
2:	tbz	x9, #32, 3f			// bit 32 clear: taken
	orr	x10, x10, #4
3:	tbnz	x9, #63, 4f			// bit 63 set: taken
	orr	x10, x10, #8
4:	tbnz	x9, #62, 5f			// bit 62 clear: falls through
	orr	x10, x10, #16
5:	SHOW	"tbz/tbnz bits 0 31 32 63 62", x10	// 1 | 16 = 0x11

	// TBZ forward and TBNZ backward across 32000 bytes (limit 32764).
	mov	x9, #0
	tbz	x9, #5, tbz_far
	SAY	"tbz far: wrong"
tbnz_back:
	SAY	"tbnz far backward: ok"
	b	tb_done
	.skip	32000
tbz_far:
	SAY	"tbz far forward: ok"
	mov	x9, #-1
	tbnz	x9, #63, tbnz_back
	SAY	"tbnz far: wrong"
tb_done:

	// CBZ forward and B.EQ backward across 1040000 bytes (limit 1048572),
	// then B forward across more than 1 MiB, beyond any conditional branch.
	mov	x9, #0
	cbz	x9, cbz_far
	SAY	"cbz far: wrong"
beq_back:
	SAY	"b.eq far backward: ok"
	b	b_far
	.skip	1040000
cbz_far:
	SAY	"cbz far forward: ok"
	cmp	x9, #0
	b.eq	beq_back
	SAY	"b.eq far: wrong"
	.skip	200000
b_far:
	SAY	"b far forward (over 1 MiB): ok"
	bl	sub_near_start			// BL backward over 1.2 MiB
far_ret:
	SHOW	"bl far backward: x30 - return point", x6	// 0
	EXIT	0

// Subroutines (placed at the end, so the calls above go forward; the BL after
// b_far goes backward to sub_near_start).
// Each sets x6 = X30 - (its call + 4), which must be 0. They are more than
// 1 MiB from their callers, so the addresses come from ADRP + ADD.
sub_link:
	adrp	x5, ret_link
	add	x5, x5, :lo12:ret_link
	sub	x6, x30, x5
	ret
sub_blr7:
	adrp	x5, blr7_ret
	add	x5, x5, :lo12:blr7_ret
	sub	x6, x30, x5
	ret
sub_blr30:
	adrp	x5, blr30_ret
	add	x5, x5, :lo12:blr30_ret
	sub	x6, x30, x5
	ret
sub_ret_x5:
	ret	x5
