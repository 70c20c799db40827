// Pointer authentication (FEAT_PAuth, Armv8.3 without FEAT_EPAC/PAuth2/FPAC),
// checked through properties that hold for any key: user mode cannot read or
// set the keys, Linux (and qemu-aarch64) gives each process random ones and
// armature-user zero ones, so every line printed must not depend on them.
// The translation regime is Linux's for EL0: 48-bit VAs, TBI0 = 1 for data
// and instruction addresses (TBID0 = 0), TBI1 = 0. Hence:
//  - a lower-range pointer keeps bits 63:55 and 47:0; the PAC goes in 54:48;
//  - an upper-range pointer (bit 55 = 1, no TBI) keeps bits 55 and 47:0; the
//    PAC goes in 63:56 and 54:48;
//  - AUT*(PAC*(p, m), m) = p and XPAC*(PAC*(p, m)) = p;
//  - AUT* with another modifier fails (or, with chance 2^-7 per try, passes)
//    and a failure returns p with the error code key_number:NOT(key_number)
//    in bits 54:53 (TBI) or 62:61 (no TBI): key A flips bit 53 (or 61 ...
//    bits 62:61 become '01'), key B bit 54 (or 62:61 become '10');
//  - a pointer with bad extension bits gets a PAC with bit 54 (top_bit - 1)
//    inverted: PAC(p with bit 48 set) XOR PAC(p) = 1 << 54, and it never
//    authenticates;
//  - PACGA leaves the low 32 bits zero;
//  - BRAA/BLRAA/RETAA/LDRAA with a correctly signed pointer branch/load as
//    BR/BLR/RET/LDR; RETAA of a corrupted return address faults (SIGSEGV).
#include "lib/asm.S"

	.arch	armv8.3-a

// AUT with one wrong modifier: x2 = the signed pointer, \p the original,
// x7 = the error code as XOR with \p. Counts in x5 results that are neither
// p (a chance pass) nor p XOR error code, and in x6 the error codes seen.
	.macro	WRONG aut, p, mreg
	mov	x4, x2
	\aut	x4, \mreg
	eor	x4, x4, \p
	cmp	x4, #0
	ccmp	x4, x7, #4, ne
	cinc	x5, x5, ne
	cmp	x4, x7
	cinc	x6, x6, eq
	.endm

// The properties of one key on one pointer. x22 = the PAC field mask,
// x23 = the modifier, x24-x27 = four other modifiers.
	.macro	PROPS name, pac, aut, xpac, p, err
	mov	x2, \p
	\pac	x2, x23
	eor	x3, x2, \p
	bic	x3, x3, x22
	SHOW	"\name: bits changed outside the PAC field", x3
	mov	x4, x2
	\aut	x4, x23
	eor	x4, x4, \p
	SHOW	"\name: aut(pac(p)) xor p", x4
	mov	x4, x2
	\xpac	x4
	eor	x4, x4, \p
	SHOW	"\name: xpac(pac(p)) xor p", x4
	ldr	x7, =\err
	mov	x5, #0
	mov	x6, #0
	WRONG	\aut, \p, x24
	WRONG	\aut, \p, x25
	WRONG	\aut, \p, x26
	WRONG	\aut, \p, x27
	SHOW	"\name: wrong modifier, results other than p or the error code", x5
	cmp	x6, #0
	cset	x6, ne
	SHOW	"\name: wrong modifier, error code seen", x6
	.endm

	.text
	.globl	_start
_start:
	ldr	x19, =0x0000ffffabcd1230	// lower range, top byte 0
	ldr	x20, =0x5a00ffffabcd1230	// lower range, tagged
	ldr	x21, =0xffff000012345678	// upper range
	ldr	x22, =0x007f000000000000	// PAC field, TBI
	mov	x23, #0x1234
	mov	x24, #0x1235
	ldr	x25, =0x8000000000001234
	mov	x26, #0
	ldr	x27, =0x0123456789abcdef

	SAY	"-- lower range (TBI): PAC in bits 54:48"
	PROPS	"pacia", pacia, autia, xpaci, x19, 0x0020000000000000
	PROPS	"pacib", pacib, autib, xpaci, x19, 0x0040000000000000
	PROPS	"pacda", pacda, autda, xpacd, x19, 0x0020000000000000
	PROPS	"pacdb", pacdb, autdb, xpacd, x19, 0x0040000000000000
	SAY	"-- tagged pointer: the tag is kept"
	PROPS	"pacia tagged", pacia, autia, xpaci, x20, 0x0020000000000000
	PROPS	"pacdb tagged", pacdb, autdb, xpacd, x20, 0x0040000000000000
	SAY	"-- upper range (no TBI): PAC in bits 63:56 and 54:48"
	ldr	x22, =0xff7f000000000000
	PROPS	"pacia upper", pacia, autia, xpaci, x21, 0x4000000000000000
	PROPS	"pacdb upper", pacdb, autdb, xpacd, x21, 0x2000000000000000
	ldr	x22, =0x007f000000000000

	SAY	"-- zero modifier forms"
	mov	x9, #0
	mov	x2, x19
	paciza	x2
	mov	x3, x19
	pacia	x3, x9
	eor	x3, x3, x2
	SHOW	"paciza(p) xor pacia(p, 0)", x3
	autiza	x2
	eor	x2, x2, x19
	SHOW	"autiza(paciza(p)) xor p", x2
	mov	x2, x19
	pacizb	x2
	mov	x3, x19
	pacib	x3, x9
	eor	x3, x3, x2
	SHOW	"pacizb(p) xor pacib(p, 0)", x3
	autizb	x2
	eor	x2, x2, x19
	SHOW	"autizb(pacizb(p)) xor p", x2
	mov	x2, x19
	pacdza	x2
	mov	x3, x19
	pacda	x3, x9
	eor	x3, x3, x2
	SHOW	"pacdza(p) xor pacda(p, 0)", x3
	autdza	x2
	eor	x2, x2, x19
	SHOW	"autdza(pacdza(p)) xor p", x2
	mov	x2, x19
	pacdzb	x2
	mov	x3, x19
	pacdb	x3, x9
	eor	x3, x3, x2
	SHOW	"pacdzb(p) xor pacdb(p, 0)", x3
	autdzb	x2
	eor	x2, x2, x19
	SHOW	"autdzb(pacdzb(p)) xor p", x2

	SAY	"-- SP as the modifier"
	mov	x3, sp
	mov	x2, x19
	pacia	x2, sp
	mov	x4, x19
	pacia	x4, x3
	eor	x4, x4, x2
	SHOW	"pacia(p, sp) xor pacia(p, x(sp))", x4
	autia	x2, sp
	eor	x2, x2, x19
	SHOW	"autia(pacia(p, sp), sp) xor p", x2

	SAY	"-- bad extension bits: PAC bit 54 inverted, never authenticates"
	ldr	x10, =0x0001ffffabcd1230	// bit 48 set: not a canonical pointer
	mov	x2, x10
	pacia	x2, x23
	mov	x3, x19
	pacia	x3, x23
	eor	x3, x3, x2
	SHOW	"pacia(bad) xor pacia(good)", x3	// 0040000000000000
	autia	x2, x23
	SHOW	"autia(pacia(bad))", x2		// 0020ffffabcd1230
	mov	x2, x10
	pacdb	x2, x23
	autdb	x2, x23
	SHOW	"autdb(pacdb(bad))", x2		// 0040ffffabcd1230

	SAY	"-- pacga"
	pacga	x2, x19, x23
	and	x3, x2, #0xffffffff
	SHOW	"pacga low 32 bits", x3
	pacga	x3, x19, x23
	eor	x3, x3, x2
	SHOW	"pacga(p, m) xor pacga(p, m)", x3
	mov	x3, sp
	pacga	x2, x19, sp
	pacga	x4, x19, x3
	eor	x4, x4, x2
	SHOW	"pacga(p, sp) xor pacga(p, x(sp))", x4

	SAY	"-- authenticated branches and loads"
	adr	x10, callee_a
	pacia	x10, x23
	mov	x11, #0
	blraa	x10, x23
	SHOW	"blraa callee_a (retaa)", x11		// 00000000000000a1
	adr	x10, callee_b
	pacib	x10, sp
	mov	x11, #0
	blrab	x10, sp
	SHOW	"blrab callee_b (retab)", x11		// 00000000000000b1
	adr	x10, callee_a
	paciza	x10
	mov	x11, #0
	blraaz	x10
	SHOW	"blraaz callee_a", x11
	adr	x10, callee_b
	pacizb	x10
	mov	x11, #0
	blrabz	x10
	SHOW	"blrabz callee_b", x11
	adr	x10, 1f
	pacia	x10, x24
	braa	x10, x24
	SAY	"braa fell through (wrong)"
1:	SAY	"braa reached its target"
	adr	x10, 1f
	pacib	x10, x24
	brab	x10, x24
	SAY	"brab fell through (wrong)"
1:	SAY	"brab reached its target"
	adr	x10, 1f
	paciza	x10
	braaz	x10
	SAY	"braaz fell through (wrong)"
1:	SAY	"braaz reached its target"
	adr	x10, 1f
	pacizb	x10
	brabz	x10
	SAY	"brabz fell through (wrong)"
1:	SAY	"brabz reached its target"

	adr	x12, values
	mov	x13, x12
	pacdza	x12
	ldraa	x2, [x12, #8]
	SHOW	"ldraa [p, #8]", x2			// 99aabbccddeeff00
	ldraa	x2, [x12, #-8]!
	sub	x3, x12, x13
	SHOW	"ldraa [p, #-8]!", x2			// 0123456789abcdef
	SHOW	"ldraa [p, #-8]! writeback - p", x3	// fffffffffffffff8
	mov	x12, x13
	pacdzb	x12
	ldrab	x2, [x12]
	SHOW	"ldrab [p]", x2				// 1122334455667788
	ldrab	x2, [x12, #16]!
	sub	x3, x12, x13
	SHOW	"ldrab [p, #16]!", x2			// 5566778899aabbcc
	SHOW	"ldrab [p, #16]! writeback - p", x3	// 0000000000000010

	SAY	"-- retaa with a corrupted return address: SIGSEGV"
	adr	x30, 1f
	orr	x30, x30, #0x0001000000000000		// bad extension bits
	pacia	x30, sp
	retaa
1:	SAY	"retaa returned (wrong)"
	EXIT	1

callee_a:
	pacia	x30, sp
	mov	x11, #0xa1
	retaa

callee_b:
	pacib	x30, sp
	mov	x11, #0xb1
	retab

	.data
	.balign	8
	.quad	0x0123456789abcdef
values:
	.quad	0x1122334455667788
	.quad	0x99aabbccddeeff00
	.quad	0x5566778899aabbcc
