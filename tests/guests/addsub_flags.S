// ADDS/SUBS/CMP/CMN flags at the carry and overflow edges, 64 and 32 bit, in the
// immediate, shifted-register and extended-register forms.
// Output: "<expression> = <result> <flags>", flags upper case when set.
// Expected values from AddWithCarry() (Arm ARM, shared pseudocode):
//   x + y + carry_in computed unsigned and signed; N = result<top>,
//   Z = result == 0, C = unsigned sum != UInt(result), V = signed sum != SInt(result).
//   SUBS x, y is AddWithCarry(x, NOT(y), '1'): C = 1 exactly when x >= y unsigned.
// A 32-bit result is zero-extended into the X register, so the 32-bit rows print
// the whole X register to show the upper half is clear.
#include "lib/asm.S"

	.macro	ADDS64 a, b
	ldr	x2, =\a
	ldr	x3, =\b
	adds	x0, x2, x3
	SHOWF	"adds \a + \b", x0
	.endm

	.macro	SUBS64 a, b
	ldr	x2, =\a
	ldr	x3, =\b
	subs	x0, x2, x3
	SHOWF	"subs \a - \b", x0
	.endm

	// The 32-bit operands get junk in bits 63:32 that the W operation must ignore.
	.macro	ADDS32 a, b
	ldr	x2, =(\a | 0xdead000000000000)
	ldr	x3, =(\b | 0x0000beef00000000)
	adds	w0, w2, w3
	SHOWF	"adds w \a + \b", x0
	.endm

	.macro	SUBS32 a, b
	ldr	x2, =(\a | 0xdead000000000000)
	ldr	x3, =(\b | 0x0000beef00000000)
	subs	w0, w2, w3
	SHOWF	"subs w \a - \b", x0
	.endm

	.text
	.globl	_start
_start:
	// signed max + 1: 0x8000..., negative, no carry, signed overflow
	ADDS64	0x7fffffffffffffff, 1			// NzcV
	// unsigned max + 1: wraps to 0 with carry, no signed overflow (-1 + 1)
	ADDS64	0xffffffffffffffff, 1			// nZCv
	// min + min: 0, carry out and signed overflow
	ADDS64	0x8000000000000000, 0x8000000000000000	// nZCV
	// -1 + -1 = -2: carry, no overflow
	ADDS64	0xffffffffffffffff, 0xffffffffffffffff	// NzCv
	ADDS64	0, 0					// nZcv
	// max + max = 0xfff...e: overflow, no carry
	ADDS64	0x7fffffffffffffff, 0x7fffffffffffffff	// NzcV
	// min + -1 = 0x7fff...: carry and overflow
	ADDS64	0x8000000000000000, 0xffffffffffffffff	// nzCV
	ADDS64	1, 2					// nzcv

	// 0 - 1: borrow (C=0), -1
	SUBS64	0, 1					// Nzcv
	// min - 1: no borrow, overflow to max
	SUBS64	0x8000000000000000, 1			// nzCV
	// max - (-1): borrow (max <u 0xfff...), overflow to min
	SUBS64	0x7fffffffffffffff, 0xffffffffffffffff	// NzcV
	SUBS64	5, 5					// nZCv
	// 0 - min: borrow, overflow (the negation of min is min)
	SUBS64	0, 0x8000000000000000			// NzcV
	// -1 - max = min, representable: no overflow, no borrow
	SUBS64	0xffffffffffffffff, 0x7fffffffffffffff	// NzCv
	SUBS64	3, 2					// nzCv

	ADDS32	0x7fffffff, 1				// NzcV, 0x80000000
	ADDS32	0xffffffff, 1				// nZCv, 0
	ADDS32	0x80000000, 0x80000000			// nZCV, 0
	ADDS32	0xffffffff, 0xffffffff			// NzCv, 0xfffffffe
	ADDS32	0x7fffffff, 0x7fffffff			// NzcV, 0xfffffffe
	SUBS32	0, 1					// Nzcv, 0xffffffff
	SUBS32	0x80000000, 1				// nzCV, 0x7fffffff
	SUBS32	0x7fffffff, 0xffffffff			// NzcV, 0x80000000
	SUBS32	0xffffffff, 0x7fffffff			// NzCv, 0x80000000

	// Immediate forms.
	ldr	x2, =0x7fffffffffffffff
	adds	x0, x2, #1
	SHOWF	"adds 0x7fffffffffffffff + #1", x0	// 8000000000000000 NzcV
	ldr	x2, =0xfffffffffffff000
	adds	x0, x2, #1, lsl #12
	SHOWF	"adds 0xfffffffffffff000 + #1 lsl 12", x0	// 0 nZCv
	mov	x2, #0
	subs	x0, x2, #4095
	SHOWF	"subs 0 - #4095", x0			// -4095 = ffff...f001 Nzcv
	mov	w2, #0x80000000
	subs	w0, w2, #1
	SHOWF	"subs w 0x80000000 - #1", x0		// 7fffffff nzCV

	// CMP/CMN are SUBS/ADDS to the zero register: only the flags change.
	ldr	x2, =0x8000000000000000
	cmp	x2, #1
	SHOWF	"cmp 0x8000000000000000, #1", x2	// x2 unchanged, nzCV
	mov	w2, #-1
	cmn	w2, #1
	SHOWF	"cmn w 0xffffffff, #1", x2		// x2 = 0xffffffff, nZCv
	mov	x2, #5
	mov	x3, #7
	cmp	x2, x3
	SHOWF	"cmp 5, 7", x2				// 5 - 7 = -2, borrow: Nzcv
	ldr	x3, =0x8000000000000000
	cmn	x3, x3
	SHOWF	"cmn min, min", x3			// nZCV

	// ADD/SUB without S leave the flags alone: still nZCV from the CMN.
	// (The CMN is repeated because SHOWF itself clobbers the flags.)
	mov	x2, #0
	cmn	x3, x3
	sub	x0, x2, #1
	SHOWF	"sub 0 - #1 (flags kept)", x0		// ffffffffffffffff nZCV

	// Shifted register: 0 - (1 << 63) = min, borrow and overflow.
	mov	x2, #0
	mov	x3, #1
	subs	x0, x2, x3, lsl #63
	SHOWF	"subs 0 - (1 lsl 63)", x0		// 8000000000000000 NzcV
	// ASR keeps the sign: -16 asr 2 = -4; 3 + -4 = -1, no carry
	mov	x2, #3
	mov	x3, #-16
	adds	x0, x2, x3, asr #2
	SHOWF	"adds 3 + (-16 asr 2)", x0		// ffffffffffffffff Nzcv
	// LSR: 0xffff...ff lsr 60 = 15; 1 + 15 = 16
	mov	x2, #1
	mov	x3, #-1
	adds	x0, x2, x3, lsr #60
	SHOWF	"adds 1 + (-1 lsr 60)", x0		// 0000000000000010 nzcv

	// Extended register: the W operand is sign- or zero-extended first.
	mov	x2, #0
	mov	w3, #-1
	adds	x0, x2, w3, sxtw
	SHOWF	"adds 0 + sxtw(0xffffffff)", x0		// ffffffffffffffff Nzcv
	adds	x0, x2, w3, uxtw
	SHOWF	"adds 0 + uxtw(0xffffffff)", x0		// 00000000ffffffff nzcv
	mov	x2, #1
	subs	x0, x2, w3, sxtw #2
	SHOWF	"subs 1 - (sxtw(-1) << 2)", x0		// 1 - (-4) = 5; 1 <u 0xff..fc: C=0 nzcv
	mov	w3, #0x80
	adds	w0, w2, w3, sxtb
	SHOWF	"adds w 1 + sxtb(0x80)", x0		// 1 + -128 = -127 = ffffff81 Nzcv
	EXIT	0
