// Multiply and divide: MADD/MSUB (MUL/MNEG), SMULH/UMULH, SMADDL/UMADDL/
// SMSUBL/UMSUBL (SMULL/UMULL/UMNEGL), UDIV/SDIV. Products keep the low 64 (or
// 32) bits; SMULH/UMULH give bits 127:64 of the 128-bit product. Division
// rounds toward zero; dividing by zero gives 0 (no trap: Arm ARM, SDIV/UDIV
// pseudocode); INT_MIN / -1 overflows back to INT_MIN.
// Operands: x2 = 0x0123456789abcdef, x3 = -3, x4 = 7.
#include "lib/asm.S"

	.text
	.globl	_start
_start:
	ldr	x2, =0x0123456789abcdef
	mov	x3, #-3
	mov	x4, #7
	mov	x5, #0x8000000000000000			// INT64_MIN
	mov	x6, #-1
	SAY	"-- multiply"
	mul	x0, x2, x4
	SHOW	"mul x2, 7", x0				// 07f6e5d4c3b2a189
	madd	x0, x2, x4, x3
	SHOW	"madd x2 * 7 + -3", x0			// 07f6e5d4c3b2a186
	msub	x0, x4, x4, x2
	SHOW	"msub x2 - 7 * 7", x0			// 0123456789abcdbe
	mneg	x0, x4, x3
	SHOW	"mneg 7, -3", x0			// 21 = 0x15
	mul	w0, w2, w3				// 0x89abcdef * 0xfffffffd mod 2^32
	SHOW	"mul w x2, -3", x0			// 0000000062fc9633
	smulh	x0, x2, x3				// x2 * -3 is negative and small: high = -1
	SHOW	"smulh x2, -3", x0			// ffffffffffffffff
	umulh	x0, x2, x3				// x2 * (2^64 - 3) >> 64 = x2 - 1
	SHOW	"umulh x2, 2^64-3", x0			// 0123456789abcdee
	smulh	x0, x5, x5				// (-2^63)^2 = 2^126
	SHOW	"smulh min, min", x0			// 4000000000000000
	umulh	x0, x6, x6				// (2^64-1)^2 >> 64 = 2^64 - 2
	SHOW	"umulh -1, -1", x0			// fffffffffffffffe
	smaddl	x0, w3, w4, x2				// x2 + (-3 * 7)
	SHOW	"smaddl x2 + -3 * 7", x0		// 0123456789abcdda
	umaddl	x0, w3, w4, x2				// x2 + 0xfffffffd * 7
	SHOW	"umaddl x2 + 0xfffffffd * 7", x0	// 0123456e89abcdda
	smsubl	x0, w3, w3, x4				// 7 - 9
	SHOW	"smsubl 7 - -3 * -3", x0		// fffffffffffffffe
	umnegl	x0, w3, w4				// -(0xfffffffd * 7)
	SHOW	"umnegl 0xfffffffd, 7", x0		// fffffff900000015
	smull	x0, w3, w4
	SHOW	"smull -3, 7", x0			// ffffffffffffffeb
	umull	x0, w3, w4
	SHOW	"umull 0xfffffffd, 7", x0		// 00000006ffffffeb

	SAY	"-- divide"
	udiv	x0, x2, x4
	SHOW	"udiv x2, 7", x0			// 00299c335ccf668f (floor of x2 / 7)
	sdiv	x0, x3, x4
	SHOW	"sdiv -3, 7", x0			// 0 (toward zero)
	mov	x7, #-21
	mov	x8, #4
	sdiv	x0, x7, x8
	SHOW	"sdiv -21, 4", x0			// -5
	udiv	x0, x7, x8				// (2^64 - 21) / 4
	SHOW	"udiv 2^64-21, 4", x0			// 3ffffffffffffffa
	udiv	x0, x2, xzr
	SHOW	"udiv x2, 0", x0			// 0
	sdiv	x0, x3, xzr
	SHOW	"sdiv -3, 0", x0			// 0
	sdiv	x0, x5, x6
	SHOW	"sdiv min, -1", x0			// 8000000000000000
	mov	w7, #0x80000000
	sdiv	w0, w7, w6
	SHOW	"sdiv w min, -1", x0			// 0000000080000000
	udiv	w0, w6, w8				// 0xffffffff / 4
	SHOW	"udiv w 0xffffffff, 4", x0		// 000000003fffffff
	sdiv	w0, w6, w8				// -1 / 4
	SHOW	"sdiv w -1, 4", x0			// 0
	mov	x7, #100
	udiv	x0, x7, x4				// 14
	msub	x0, x0, x4, x7				// 100 - 14 * 7: the remainder idiom
	SHOW	"100 mod 7", x0				// 2
	EXIT	0
