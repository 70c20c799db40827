// Every load/store addressing mode of the slice: unsigned offset, pre-index and
// post-index writeback, register offset (LSL, UXTW, SXTW, SXTX, scaled and not),
// unscaled (LDUR/STUR, offsets -256..255), literal, LDP/STP (signed offset,
// pre, post; W and X), the sign-extending loads and XZR as the store source.
// Memory is little-endian. buf holds, from offset 0:
//   q0 = 0x8877665544332211   bytes 11 22 33 44 55 66 77 88   (offsets 0-7)
//   q1 = 0xfffefdfcfbfaf9f8   bytes f8 f9 fa fb fc fd fe ff   (8-15)
//   q2 = 0x0123456789abcdef   bytes ef cd ab 89 67 45 23 01   (16-23)
//   q3 = 0                                                   (24-31)
// with 256 bytes of 0x5a before it and 256 of 0xa5 after it.
// x20 = buf, x4 = buf + 24 (x0 and x1 belong to the SHOW macros).
// The expected value is in the comment on each line.
#include "lib/asm.S"

	.data
	.fill	256, 1, 0x5a
	.balign	8
buf:	.quad	0x8877665544332211, 0xfffefdfcfbfaf9f8, 0x0123456789abcdef, 0
	.fill	256, 1, 0xa5
	.balign	8
out:	.quad	0, 0, 0, 0, 0, -1, 0, 0, 0, 0, 0, 0

	.text
lit64:	.quad	0x0102030405060708		// before the loads: negative offset
	.globl	_start
_start:
	adrp	x20, buf
	add	x20, x20, :lo12:buf
	add	x4, x20, #24

	SAY	"-- unsigned offset"
	ldr	x0, [x20, #8]
	SHOW	"ldr x [buf+8]", x0			// fffefdfcfbfaf9f8
	ldr	w0, [x20, #4]
	SHOW	"ldr w [buf+4]", x0			// 0000000088776655
	ldrb	w0, [x20, #7]
	SHOW	"ldrb [buf+7]", x0			// 0000000000000088
	ldrh	w0, [x20, #2]
	SHOW	"ldrh [buf+2]", x0			// 0000000000004433
	ldrsb	x0, [x20, #7]
	SHOW	"ldrsb x [buf+7]", x0			// ffffffffffffff88
	ldrsb	w0, [x20, #7]				// W destination: bits 63:32 = 0
	SHOW	"ldrsb w [buf+7]", x0			// 00000000ffffff88
	ldrsb	x0, [x20]
	SHOW	"ldrsb x [buf]", x0			// 0000000000000011
	ldrsh	x0, [x20, #14]
	SHOW	"ldrsh x [buf+14]", x0			// fffffffffffffffe
	ldrsh	w0, [x20, #14]
	SHOW	"ldrsh w [buf+14]", x0			// 00000000fffffffe
	ldrsw	x0, [x20, #12]
	SHOW	"ldrsw [buf+12]", x0			// fffffffffffefdfc

	SAY	"-- pre/post-index"
	mov	x2, x20
	ldr	x0, [x2, #8]!				// address buf+8, then x2 = buf+8
	sub	x3, x2, x20
	SHOW	"ldr x [x2, #8]!", x0			// fffefdfcfbfaf9f8
	SHOW	"  x2 - buf", x3			// 8
	ldr	x0, [x2], #16				// address buf+8, then x2 = buf+24
	sub	x3, x2, x20
	SHOW	"ldr x [x2], #16", x0			// fffefdfcfbfaf9f8
	SHOW	"  x2 - buf", x3			// 0x18
	ldrb	w0, [x2, #-1]!				// byte 23 = 0x01, x2 = buf+23
	sub	x3, x2, x20
	SHOW	"ldrb [x2, #-1]!", x0			// 01
	SHOW	"  x2 - buf", x3			// 0x17
	ldr	w0, [x2], #-7				// bytes 23-26 = 01 00 00 00, x2 = buf+16
	sub	x3, x2, x20
	SHOW	"ldr w [x2], #-7", x0			// 00000001
	SHOW	"  x2 - buf", x3			// 0x10

	SAY	"-- register offset"
	mov	x3, #2
	ldr	x0, [x20, x3, lsl #3]			// buf + 16
	SHOW	"ldr x [buf, x3=2, lsl 3]", x0		// 0123456789abcdef
	mov	w3, #3
	ldr	w0, [x20, w3, uxtw #2]			// buf + 12
	SHOW	"ldr w [buf, w3=3, uxtw 2]", x0		// 00000000fffefdfc
	mov	w5, #-2
	ldr	x0, [x4, w5, sxtw #3]			// buf + 24 - 16
	SHOW	"ldr x [buf+24, w5=-2, sxtw 3]", x0	// fffefdfcfbfaf9f8
	mov	x3, #2
	ldrh	w0, [x20, x3]				// unscaled register offset: buf + 2
	SHOW	"ldrh [buf, x3=2]", x0			// 0000000000004433
	mov	x5, #-3
	ldrsw	x0, [x4, x5, sxtx #2]			// buf + 24 - 12
	SHOW	"ldrsw [buf+24, x5=-3, sxtx 2]", x0	// fffffffffffefdfc
	mov	x3, #0xffffffff00000001			// UXTW ignores bits 63:32
	ldr	x0, [x20, w3, uxtw #3]			// buf + 8
	SHOW	"ldr x [buf, w3=1 (junk above), uxtw 3]", x0	// fffefdfcfbfaf9f8
	mov	w5, #-4
	ldrsh	w0, [x4, w5, sxtw #1]			// buf + 16: ef cd
	SHOW	"ldrsh w [buf+24, w5=-4, sxtw 1]", x0	// 00000000ffffcdef
	mov	x3, #16
	ldrb	w0, [x20, x3, lsl #0]
	SHOW	"ldrb [buf, x3=16, lsl 0]", x0		// ef

	SAY	"-- unscaled"
	ldur	x0, [x20, #1]				// bytes 1-8
	SHOW	"ldur x [buf+1]", x0			// f888776655443322
	ldur	w0, [x4, #-3]				// bytes 21-24: 45 23 01 00
	SHOW	"ldur w [buf+21]", x0			// 0000000000012345
	ldursh	x0, [x4, #-9]				// bytes 15-16: ff ef
	SHOW	"ldursh x [buf+15]", x0			// ffffffffffffefff
	ldursw	x0, [x4, #-13]				// bytes 11-14: fb fc fd fe
	SHOW	"ldursw [buf+11]", x0			// fffffffffefdfcfb
	ldurb	w0, [x20, #-256]				// the 0x5a padding
	SHOW	"ldurb [buf-256]", x0			// 5a
	ldursb	w0, [x20, #255]				// the 0xa5 padding
	SHOW	"ldursb w [buf+255]", x0		// 00000000ffffffa5

	SAY	"-- literal"
	ldr	x0, lit64
	SHOW	"ldr x lit64", x0			// 0102030405060708
	ldr	w0, lit32
	SHOW	"ldr w lit32", x0			// 0000000080000001
	ldrsw	x0, lit32
	SHOW	"ldrsw lit32", x0			// ffffffff80000001

	SAY	"-- stores"
	adrp	x6, out
	add	x6, x6, :lo12:out
	ldr	x0, =0x1122334455667788
	str	x0, [x6]				// 0-7:   88 77 66 55 44 33 22 11
	strb	w0, [x6, #8]				// 8:     88
	strh	w0, [x6, #10]				// 10-11: 88 77
	str	w0, [x6, #12]				// 12-15: 88 77 66 55
	stur	x0, [x6, #17]				// 17-24: 88 77 66 55 44 33 22 11
	ldr	x7, =0xaabbccdd
	ldr	x8, =0x11223344
	stp	w7, w8, [x6, #32]			// 32-39: dd cc bb aa 44 33 22 11
	str	xzr, [x6, #40]				// register 31 is XZR here, not SP
	mov	x3, #24
	strh	w0, [x6, x3, lsl #1]			// 48-49: 88 77
	mov	w12, #50
	strb	w0, [x6, w12, uxtw]			// 50:    88
	add	x12, x6, #56
	stur	w0, [x12, #-5]				// 51-54: 88 77 66 55
	mov	x11, x12				// out + 56
	str	x0, [x11, #8]!				// 64-71, x11 = out + 64
	mov	w13, #0x99
	strb	w13, [x11], #1				// 64: 99, x11 = out + 65
	sub	x13, x11, x6
	SHOW	"x11 - out after str pre / strb post", x13	// 0x41
	add	x11, x6, #72
	stp	x7, x8, [x11], #16			// 72-87, x11 = out + 88
	ldp	x9, x10, [x11, #-16]
	sub	x13, x11, x6
	SHOW	"x11 - out after stp post", x13		// 0x58
	SHOW	"  ldp [x11, #-16] first", x9		// 00000000aabbccdd
	SHOW	"  ldp [x11, #-16] second", x10		// 0000000011223344
	ldp	x9, x10, [x6]
	SHOW	"out q0", x9				// 1122334455667788
	SHOW	"out q1", x10				// 5566778877880088
	ldp	x9, x10, [x6, #16]
	SHOW	"out q2", x9				// 2233445566778800
	SHOW	"out q3", x10				// 0000000000000011
	ldp	x9, x10, [x6, #32]
	SHOW	"out q4", x9				// 11223344aabbccdd
	SHOW	"out q5 (was all ones)", x10		// 0000000000000000
	ldp	x9, x10, [x6, #48]
	SHOW	"out q6", x9				// 0055667788887788
	SHOW	"out q7", x10				// 0000000000000000
	ldr	x9, [x6, #64]
	SHOW	"out q8", x9				// 1122334455667799

	SAY	"-- pairs"
	mov	x12, sp
	stp	x7, x8, [sp, #-16]!
	mov	x15, sp					// SP is not allowed as Rm of SUB
	sub	x13, x12, x15
	SHOW	"stp [sp, #-16]!: old sp - sp", x13	// 0x10
	ldr	x9, [sp, #8]
	SHOW	"ldr [sp, #8]", x9			// 0000000011223344
	ldp	x9, x10, [sp], #16
	mov	x15, sp					// SP is not allowed as Rm of SUB
	sub	x13, x12, x15
	SHOW	"ldp [sp], #16: old sp - sp", x13	// 0
	SHOW	"  first", x9				// 00000000aabbccdd
	SHOW	"  second", x10				// 0000000011223344
	ldp	x9, x10, [x4, #-16]
	SHOW	"ldp x [buf+8]", x9			// fffefdfcfbfaf9f8
	SHOW	"  second", x10				// 0123456789abcdef
	add	x14, x20, #16
	ldp	w9, w10, [x14, #-8]!
	sub	x13, x14, x20
	SHOW	"ldp w [x14, #-8]!", x9			// 00000000fbfaf9f8
	SHOW	"  second", x10				// 00000000fffefdfc
	SHOW	"  x14 - buf", x13			// 8
	EXIT	0

	.balign	4
lit32:	.word	0x80000001
