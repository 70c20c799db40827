// Move wide (MOVZ/MOVN/MOVK at every hw shift, 32 and 64 bit), the MOV aliases
// (ORR with XZR, ADD #0 to/from SP, bitmask immediate), and ADR/ADRP.
// MOVZ: imm16 << hw*16, rest zero. MOVN: NOT(imm16 << hw*16) (32-bit: NOT in
// 32 bits, then zero-extended). MOVK: replaces bits [hw*16+15:hw*16] only.
#include "lib/asm.S"

	.text
	.globl	_start
_start:
	movz	x2, #0xbeef, lsl #48
	SHOW	"movz #0xbeef lsl 48", x2		// beef000000000000
	movz	x2, #0x1234, lsl #16
	SHOW	"movz #0x1234 lsl 16", x2		// 0000000012340000
	movn	x2, #0
	SHOW	"movn #0", x2				// ffffffffffffffff
	movn	x2, #0x1234, lsl #32
	SHOW	"movn #0x1234 lsl 32", x2		// ffffedcbffffffff
	movn	w2, #0x1234, lsl #16			// NOT(0x12340000) in 32 bits
	SHOW	"movn w #0x1234 lsl 16", x2		// 00000000edcbffff
	mov	x2, #-1
	movk	x2, #0, lsl #16
	SHOW	"movk x=-1, #0 lsl 16", x2		// ffffffff0000ffff
	movz	x2, #0x1111
	movk	x2, #0x2222, lsl #16
	movk	x2, #0x3333, lsl #32
	movk	x2, #0x4444, lsl #48
	SHOW	"movz+movk x3", x2			// 4444333322221111
	mov	x2, #-1
	movk	w2, #0xabcd, lsl #16			// W form: result zero-extended
	SHOW	"movk w (x=-1), #0xabcd lsl 16", x2	// 00000000abcdffff
	movz	w2, #0xffff, lsl #16
	SHOW	"movz w #0xffff lsl 16", x2		// 00000000ffff0000

	// MOV (register) is ORR Xd, XZR, Xm; MOV to/from SP is ADD #0.
	ldr	x3, =0x0123456789abcdef
	mov	x2, x3
	SHOW	"mov x2, x3", x2			// 0123456789abcdef
	mov	w2, w3					// 32-bit: upper half cleared
	SHOW	"mov w2, w3", x2			// 0000000089abcdef
	mov	x12, sp
	mov	x13, #0x40
	sub	sp, sp, x13				// extended-register SUB (Rn = SP)
	mov	x2, sp
	sub	x2, x12, x2
	SHOW	"sp moved by sub sp, sp, x13", x2	// 0x40
	add	sp, sp, #0x40
	mov	x2, sp
	sub	x2, x12, x2
	SHOW	"sp restored", x2			// 0
	// MOV with a bitmask immediate (ORR Xd, XZR, #imm).
	mov	x2, #0x5555555555555555
	SHOW	"mov #0x5555555555555555", x2		// 5555555555555555
	mov	w2, #0xff00ff00
	SHOW	"mov w #0xff00ff00", x2			// 00000000ff00ff00

	// ADR reaches +-1 MiB at byte granularity; ADRP computes the 4 KiB page:
	// (PC & ~0xfff) + imm * 4096. ADRP + :lo12: must equal ADR for any label.
	adr	x2, far_label
	adrp	x3, far_label
	add	x3, x3, :lo12:far_label
	sub	x2, x3, x2
	SHOW	"adrp+lo12 - adr", x2			// 0
	// Range ends of ADR, each measured against an ADR of "." just before it.
	adr	x2, .
	adr	x3, . + 0xfffff				// largest offset, odd: byte granular
	sub	x2, x3, x2
	SHOW	"adr . + 0xfffff, from the previous insn", x2	// 0xfffff + 4 = 0x100003
	adr	x2, .
	adr	x3, . - 0x100000			// most negative offset
	sub	x2, x2, x3
	SHOW	"adr . - 0x100000, from the previous insn", x2	// 0x100000 - 4 = 0xffffc
	// ADRP: 16-byte alignment keeps both ADRPs in one 4 KiB page.
	.balign	16
	adrp	x2, .
	adrp	x3, . + 0x12345000
	sub	x2, x3, x2
	SHOW	"adrp . + 0x12345000 - adrp .", x2	// 0x12345000
	.balign	16
	adrp	x2, .
	adrp	x3, . - 0x10000000
	sub	x2, x2, x3
	SHOW	"adrp . - adrp . - 0x10000000", x2	// 0x10000000
	adrp	x2, .
	and	x2, x2, #0xfff
	SHOW	"adrp low 12 bits", x2			// 0
	EXIT	0
	.skip	0x1234					// a label in another page
far_label:
	nop
