// Conditional select and compare: CSEL/CSINC/CSINV/CSNEG, their aliases CSET/
// CSETM/CINC/CINV/CNEG, and CCMP/CCMN (register and immediate). If the
// condition holds, CSINC etc. return Rn, else the modified Rm (Rm + 1, NOT Rm,
// -Rm). CCMP: if the condition holds, flags = compare(Rn, op2), else flags =
// the #nzcv immediate. After "cmp 5, 9": N=1 Z=0 C=0 V=0, so LT, LO, NE, MI hold.
#include "lib/asm.S"

	.text
	.globl	_start
_start:
	mov	x2, #5
	mov	x3, #9
	mov	w4, #-1					// 0xffffffff
	mov	x5, #0x8000000000000000
	SAY	"-- select after cmp 5, 9"
	cmp	x2, x3
	csel	x0, x2, x3, lt
	SHOW	"csel lt", x0				// 5
	cmp	x2, x3
	csel	x0, x2, x3, gt
	SHOW	"csel gt", x0				// 9
	cmp	x2, x3
	csinc	x0, x2, x3, eq
	SHOW	"csinc eq", x0				// 9 + 1 = 0xa
	cmp	x2, x3
	csinv	x0, x2, x3, eq
	SHOW	"csinv eq", x0				// NOT 9 = fffffffffffffff6
	cmp	x2, x3
	csneg	x0, x2, x3, eq
	SHOW	"csneg eq", x0				// -9 = fffffffffffffff7
	cmp	x2, x3
	csneg	x0, x2, x3, ne
	SHOW	"csneg ne", x0				// 5
	cmp	x2, x3
	cset	x0, lo
	SHOW	"cset lo", x0				// 1
	cmp	x2, x3
	cset	w0, hs
	SHOW	"cset hs", x0				// 0
	cmp	x2, x3
	csetm	x0, lt
	SHOW	"csetm lt", x0				// ffffffffffffffff
	cmp	x2, x3
	cinc	x0, x2, lt
	SHOW	"cinc x2, lt", x0			// 6
	cmp	x2, x3
	cinv	x0, x2, ge
	SHOW	"cinv x2, ge", x0			// 5 (ge fails)
	cmp	x2, x3
	cneg	x0, x2, lt
	SHOW	"cneg x2, lt", x0			// fffffffffffffffb
	cmp	x2, x3
	csinc	w0, w2, w4, eq				// 0xffffffff + 1 wraps in 32 bits
	SHOW	"csinc w eq, 0xffffffff", x0		// 0
	cmp	x2, x3
	csneg	x0, x2, x5, eq				// -INT64_MIN = INT64_MIN
	SHOW	"csneg eq, min", x0			// 8000000000000000
	cmp	x2, x3
	csinv	w0, w2, w2, vs				// NOT 5 in 32 bits
	SHOW	"csinv w vs", x0			// 00000000fffffffa

	SAY	"-- conditional compare"
	cmp	x2, #5					// EQ holds
	ccmp	x3, #9, #0, eq				// compares 9 with 9
	SHOWF	"cmp 5,#5; ccmp 9,#9,#0,eq", xzr		// nZCv
	cmp	x2, #6					// EQ fails
	ccmp	x3, #9, #0b1010, eq			// flags = 1010
	SHOWF	"cmp 5,#6; ccmp 9,#9,#0b1010,eq", xzr	// NzCv
	cmp	x2, #6					// NE holds
	ccmn	x2, #5, #0b1111, ne			// 5 + 5
	SHOWF	"cmp 5,#6; ccmn 5,#5,#15,ne", xzr	// nzcv
	cmp	x2, x2
	ccmp	x2, x3, #0b0100, eq			// 5 - 9
	SHOWF	"cmp 5,5; ccmp 5,9,#4,eq", xzr		// Nzcv
	mov	w6, #0x7fffffff
	cmp	xzr, xzr
	ccmn	w6, w6, #0, eq				// 0x7fffffff + 0x7fffffff
	SHOWF	"ccmn w 0x7fffffff, 0x7fffffff", xzr	// NzcV
	cmp	x2, #5					// (x2 == 5 && x3 == 9)
	ccmp	x3, #9, #0, eq
	cset	x0, eq
	SHOW	"x2 == 5 && x3 == 9", x0		// 1
	cmp	x2, #4					// (x2 == 4 && x3 == 9): the #0 makes EQ fail
	ccmp	x3, #9, #0, eq
	cset	x0, eq
	SHOW	"x2 == 4 && x3 == 9", x0		// 0
	EXIT	0
