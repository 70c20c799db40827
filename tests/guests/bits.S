// Shifts, bitfield moves and bit operations:
//  - LSLV/LSRV/ASRV/RORV: the amount is taken modulo the data size
//    (ShiftReg(): UInt(Xm) MOD datasize), so 64 shifts by 0 and 65 by 1;
//  - UBFM/SBFM/BFM through their aliases UBFX/SBFX/UBFIZ/SBFIZ/BFI/BFXIL/LSL/
//    LSR/ASR/SXTB/SXTH/SXTW/UXTB/UXTH, and EXTR (ROR immediate is EXTR Rn=Rm);
//  - CLZ, CLS (leading bits equal to the sign bit, not counting it), RBIT,
//    REV, REV16 (bytes swapped in each halfword), REV32 (in each word).
// Operands: x2 = 0x0123456789abcdef, x3 = 0xfedcba9876543210 (= NOT x2).
#include "lib/asm.S"

	.text
	.globl	_start
_start:
	ldr	x2, =0x0123456789abcdef
	ldr	x3, =0xfedcba9876543210
	SAY	"-- variable shifts"
	mov	x4, #4
	lsl	x0, x2, x4
	SHOW	"lslv x2, 4", x0			// 123456789abcdef0
	mov	x4, #64					// 64 MOD 64 = 0
	lsl	x0, x2, x4
	SHOW	"lslv x2, 64", x0			// 0123456789abcdef
	mov	x4, #68					// 68 MOD 64 = 4
	lsr	x0, x3, x4
	SHOW	"lsrv x3, 68", x0			// 0fedcba987654321
	mov	x4, #-1					// 63
	asr	x0, x3, x4
	SHOW	"asrv x3, -1 (63)", x0			// ffffffffffffffff
	mov	x4, #8
	asr	x0, x3, x4
	SHOW	"asrv x3, 8", x0			// fffedcba98765432
	ror	x0, x2, x4
	SHOW	"rorv x2, 8", x0			// ef0123456789abcd
	mov	w4, #36					// W: 36 MOD 32 = 4
	lsl	w0, w2, w4
	SHOW	"lslv w2, 36", x0			// 000000009abcdef0
	asr	w0, w3, w4
	SHOW	"asrv w3, 36", x0			// 0000000007654321
	mov	w4, #33
	ror	w0, w2, w4
	SHOW	"rorv w2, 33", x0			// 00000000c4d5e6f7
	ldr	x4, =0x1000000000000001			// only the low 6 bits count: 1
	lsr	x0, x2, x4
	SHOW	"lsrv x2, 0x1000000000000001", x0	// 0091a2b3c4d5e6f7

	SAY	"-- bitfield"
	ubfx	x0, x2, #8, #12
	SHOW	"ubfx x2, 8, 12", x0			// 0000000000000bcd
	sbfx	x0, x2, #28, #8				// 0x78: positive
	SHOW	"sbfx x2, 28, 8", x0			// 0000000000000078
	sbfx	x0, x2, #4, #8				// 0xde: negative
	SHOW	"sbfx x2, 4, 8", x0			// ffffffffffffffde
	ubfiz	x0, x2, #56, #8
	SHOW	"ubfiz x2, 56, 8", x0			// ef00000000000000
	sbfiz	x0, x3, #16, #4				// field 0x0 = 0
	SHOW	"sbfiz x3, 16, 4", x0			// 0000000000000000
	sbfiz	x0, x2, #16, #4				// field 0xf = -1
	SHOW	"sbfiz x2, 16, 4", x0			// ffffffffffff0000
	mov	x0, x3
	bfi	x0, x2, #8, #16				// x3 with bits 23:8 = 0xcdef
	SHOW	"bfi x3, x2, 8, 16", x0			// fedcba9876cdef10
	mov	x0, x3
	bfxil	x0, x2, #32, #8				// x3 with bits 7:0 = 0x67
	SHOW	"bfxil x3, x2, 32, 8", x0		// fedcba9876543267
	mov	x0, x3
	bfi	w0, w2, #28, #4				// W: 0x76543210 -> 0xf6543210, upper cleared
	SHOW	"bfi w3, w2, 28, 4", x0			// 00000000f6543210
	lsl	x0, x2, #4				// UBFM
	SHOW	"lsl x2, 4", x0				// 123456789abcdef0
	lsr	w0, w3, #28
	SHOW	"lsr w3, 28", x0			// 0000000000000007
	asr	x0, x3, #60
	SHOW	"asr x3, 60", x0			// ffffffffffffffff
	sxtb	x0, w2
	SHOW	"sxtb x2", x0				// ffffffffffffffef
	sxth	w0, w3
	SHOW	"sxth w3", x0				// 0000000000003210
	sxtw	x0, w2
	SHOW	"sxtw x2", x0				// ffffffff89abcdef
	uxtb	w0, w2
	SHOW	"uxtb x2", x0				// 00000000000000ef
	uxth	w0, w2
	SHOW	"uxth x2", x0				// 000000000000cdef
	extr	x0, x2, x3, #16				// x2:x3 >> 16, low 64 bits
	SHOW	"extr x2, x3, 16", x0			// cdeffedcba987654
	extr	w0, w2, w3, #4				// w2:w3 >> 4, low 32 bits
	SHOW	"extr w2, w3, 4", x0			// 00000000f7654321
	ror	x0, x2, #12				// EXTR x2, x2, #12
	SHOW	"ror x2, 12", x0			// def0123456789abc

	SAY	"-- clz cls rbit rev"
	clz	x0, x2
	SHOW	"clz x2", x0				// 7
	clz	x0, xzr
	SHOW	"clz 0", x0				// 64
	clz	w0, w3
	SHOW	"clz w3", x0				// 1
	cls	x0, x3					// 1111 1110: 6 bits after the sign equal it
	SHOW	"cls x3", x0				// 6
	cls	x0, xzr
	SHOW	"cls 0", x0				// 63
	mov	x4, #-1
	cls	w0, w4
	SHOW	"cls w -1", x0				// 31
	rbit	x0, x2
	SHOW	"rbit x2", x0				// f7b3d591e6a2c480
	rbit	w0, w2
	SHOW	"rbit w2", x0				// 00000000f7b3d591
	rev	x0, x2
	SHOW	"rev x2", x0				// efcdab8967452301
	rev	w0, w2
	SHOW	"rev w2", x0				// 00000000efcdab89
	rev16	x0, x2
	SHOW	"rev16 x2", x0				// 23016745ab89efcd
	rev16	w0, w2
	SHOW	"rev16 w2", x0				// 00000000ab89efcd
	rev32	x0, x2
	SHOW	"rev32 x2", x0				// 67452301efcdab89
	EXIT	0
