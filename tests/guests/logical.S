// Logical operations: AND/ORR/EOR/ANDS with bitmask immediates of several
// element sizes and rotations (DecodeBitMasks: a run of ones, rotated, in an
// element of 2, 4, 8, 16, 32 or 64 bits, replicated), and AND/ORR/EOR/BIC/ORN/
// EON/ANDS/BICS with shifted registers (LSL, LSR, ASR, ROR). ANDS/BICS set N and
// Z from the result and clear C and V. Operands:
//   x2 = 0x0123456789abcdef, x3 = 0xff00ff00ff00ff00.
#include "lib/asm.S"

	.text
	.globl	_start
_start:
	ldr	x2, =0x0123456789abcdef
	ldr	x3, =0xff00ff00ff00ff00
	SAY	"-- bitmask immediates"
	and	x0, x2, #0xff				// element 64, 8 ones
	SHOW	"and #0xff", x0				// 00000000000000ef
	and	x0, x2, #0xffff0000ffff0000		// element 32, 16 ones rotated
	SHOW	"and #0xffff0000ffff0000", x0		// 0123000089ab0000
	orr	x0, x2, #0x8000000000000001		// element 64, 2 ones wrapping
	SHOW	"orr #0x8000000000000001", x0		// 8123456789abcdef
	eor	x0, x2, #0x5555555555555555		// element 2
	SHOW	"eor #0x5555555555555555", x0		// 54761032dcfe98ba
	and	x0, x2, #0x0f0f0f0f0f0f0f0f		// element 8
	SHOW	"and #0x0f0f0f0f0f0f0f0f", x0		// 01030507090b0d0f
	and	x0, x2, #0x3333333333333333		// element 4
	SHOW	"and #0x3333333333333333", x0		// 0123012301230123
	and	x0, x2, #0x00ffffffffffff00		// element 64, 48 ones
	SHOW	"and #0x00ffffffffffff00", x0		// 0023456789abcd00
	orr	x0, x2, #0xe0000000000000ff		// 11 ones wrapping round
	SHOW	"orr #0xe0000000000000ff", x0		// e123456789abcdff
	eor	x0, x2, #0x0000fffe0000fffe		// element 32
	SHOW	"eor #0x0000fffe0000fffe", x0		// 0123ba9989ab3211
	and	w0, w2, #0x3ffffffc			// W: element 32, 28 ones
	SHOW	"and w #0x3ffffffc", x0			// 0000000009abcdec
	eor	w0, w2, #0x80000000
	SHOW	"eor w #0x80000000", x0			// 0000000009abcdef
	orr	w0, wzr, #0x00ff00ff			// element 16
	SHOW	"orr w wzr, #0x00ff00ff", x0		// 0000000000ff00ff

	SAY	"-- flags"
	cmn	x3, x3					// C and V set (and N); ANDS clears them
	ands	x0, x2, #0x8000000000000000
	SHOWF	"ands #0x8000000000000000", x0		// 0 nZcv
	mov	x4, #-1
	ands	x0, x4, #0x8000000000000000
	SHOWF	"ands -1, #0x8000000000000000", x0	// 8000000000000000 Nzcv
	tst	w2, #0x80000000
	SHOWF	"tst w #0x80000000", x2			// x2 unchanged, Nzcv
	cmn	x3, x3
	bics	x0, x2, x2
	SHOWF	"bics x2, x2", x0			// 0 nZcv
	ands	w0, w2, w3, lsl #4			// w3 lsl 4 = 0xf00ff000
	SHOWF	"ands w x2, w3 lsl 4", x0		// 00000000800bc000 Nzcv

	SAY	"-- shifted register"
	and	x0, x2, x3
	SHOW	"and x2, x3", x0			// 010045008900cd00
	orr	x0, x2, x3, lsr #8			// 0x00ff00ff00ff00ff
	SHOW	"orr x2, x3 lsr 8", x0			// 01ff45ff89ffcdff
	eor	x0, x2, x3, asr #60			// all ones
	SHOW	"eor x2, x3 asr 60", x0			// fedcba9876543210
	bic	x0, x2, x3
	SHOW	"bic x2, x3", x0			// 0023006700ab00ef
	orn	x0, x2, x3, ror #4			// NOT 0x0ff00ff00ff00ff0
	SHOW	"orn x2, x3 ror 4", x0			// f12ff56ff9affdef
	eon	x0, x2, x3, lsl #8			// NOT 0x00ff00ff00ff0000
	SHOW	"eon x2, x3 lsl 8", x0			// fe23ba6776ab3210
	mvn	x0, x2
	SHOW	"mvn x2", x0				// fedcba9876543210
	mvn	w0, w2
	SHOW	"mvn w2", x0				// 0000000076543210
	and	w0, w2, w3, ror #8			// 0x00ff00ff
	SHOW	"and w x2, w3 ror 8", x0		// 0000000000ab00ef
	orr	w0, w2, w3, asr #31			// 0xffffffff
	SHOW	"orr w x2, w3 asr 31", x0		// 00000000ffffffff
	EXIT	0
