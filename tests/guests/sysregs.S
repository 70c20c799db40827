// System registers EL0 reaches, hints, barriers and the flag-format
// instructions, run by armature-user and qemu-aarch64 alike. Only what the
// architecture fixes is printed, so that both must agree:
//  - MSR/MRS NZCV round trip (bits 31:28 only) and the flags it sets;
//  - FPCR: RMode/FZ/DN/AHP/FZ16 (mask 0x07c80000) keep what was written;
//    FPSR: QC and the cumulative exception flags (mask 0x0800009f);
//  - TPIDR_EL0 round trip; CTR_EL0 bit 31 (RES1);
//  - DC ZVA zeroes exactly the aligned block of 4 << DCZID_EL0.BS bytes
//    (the block size itself is IMPLEMENTATION DEFINED, so it is not printed);
//  - CNTVCT_EL0 never goes backwards; CNTFRQ_EL0 is not zero (the value is
//    the platform's: QEMU's and Armature's agree on 62.5 MHz, but a board may
//    choose another, so only "non-zero" is printed);
//  - CFINV, XAFLAG, AXFLAG (FEAT_FlagM, FEAT_FlagM2) on the four FCMP results;
//  - hints and barriers execute and change nothing.
#include "lib/asm.S"

	.arch	armv8.5-a
	.arch_extension	ssbs

	.macro	FLAGS nzcv
	mov	x0, #\nzcv
	lsl	x0, x0, #28
	msr	nzcv, x0
	.endm

	.text
	.globl	_start
_start:
	SAY	"-- NZCV"
	mov	x2, #-1
	msr	nzcv, x2
	mrs	x3, nzcv
	SHOW	"msr nzcv, -1; mrs", x3			// 00000000f0000000
	ldr	x2, =0xa5a5a5a5a5a5a5a5
	msr	nzcv, x2
	mrs	x3, nzcv
	SHOWF	"msr nzcv, 0xa5..; mrs", x3		// 00000000a0000000 NzCv
	mov	x2, #0x40000000
	msr	nzcv, x2				// Z only: eq holds
	cset	x3, eq
	SHOW	"msr nzcv, Z; cset eq", x3		// 0000000000000001

	SAY	"-- FPCR, FPSR"
	mrs	x20, fpcr				// keep Linux's values
	mrs	x21, fpsr
	mov	x2, #0x00c00000				// RMode = 11 (towards zero)
	msr	fpcr, x2
	mrs	x3, fpcr
	SHOW	"fpcr rmode=3", x3			// 0000000000c00000
	mov	x2, #-1
	msr	fpcr, x2
	mrs	x3, fpcr
	ldr	x4, =0x07c80000				// AHP DN FZ RMode FZ16
	and	x3, x3, x4
	SHOW	"fpcr all ones & 0x07c80000", x3	// 0000000007c80000
	msr	fpcr, xzr
	mrs	x3, fpcr
	SHOW	"fpcr zero", x3				// 0000000000000000
	mov	x2, #0x9f				// IDC IXC UFC OFC DZC IOC
	msr	fpsr, x2
	mrs	x3, fpsr
	SHOW	"fpsr 0x9f", x3				// 000000000000009f
	mov	x2, #-1
	msr	fpsr, x2
	mrs	x3, fpsr
	ldr	x4, =0x0800009f				// QC and the cumulative flags
	and	x3, x3, x4
	SHOW	"fpsr all ones & 0x0800009f", x3	// 000000000800009f
	msr	fpsr, xzr
	mrs	x3, fpsr
	SHOW	"fpsr zero", x3				// 0000000000000000
	msr	fpcr, x20
	msr	fpsr, x21

	SAY	"-- TPIDR_EL0, CTR_EL0, CNTFRQ_EL0, CNTVCT_EL0"
	mrs	x20, tpidr_el0
	ldr	x2, =0x0123456789abcdef
	msr	tpidr_el0, x2
	mrs	x3, tpidr_el0
	SHOW	"tpidr_el0", x3				// 0123456789abcdef
	msr	tpidr_el0, x20
	mrs	x3, ctr_el0
	ubfx	x3, x3, #31, #1
	SHOW	"ctr_el0 bit 31", x3			// 0000000000000001
	mrs	x3, cntfrq_el0
	cmp	x3, #0
	cset	x3, ne
	SHOW	"cntfrq_el0 != 0", x3			// 0000000000000001
	mrs	x4, cntvct_el0
	mov	x5, #100
1:	subs	x5, x5, #1
	b.ne	1b
	mrs	x6, cntvct_el0
	cmp	x6, x4
	cset	x3, hs
	SHOW	"cntvct_el0 monotonic", x3		// 0000000000000001

	SAY	"-- DC ZVA"
	// buf: 4096 bytes of 0xff, aligned to 2048 (the largest block size,
	// BS = 9). DC ZVA at buf + 2048 + 5 must zero [buf + 2048, + size).
	mrs	x2, dczid_el0
	ubfx	x3, x2, #4, #1
	SHOW	"dczid_el0.dzp", x3			// 0000000000000000
	and	x2, x2, #0xf
	mov	x4, #4
	lsl	x4, x4, x2				// x4 = block size in bytes
	adrp	x5, buf
	add	x5, x5, :lo12:buf
	mov	x6, #-1
	mov	x7, #0
2:	str	x6, [x5, x7]
	add	x7, x7, #8
	cmp	x7, #4096
	b.lo	2b
	add	x8, x5, #2048
	add	x9, x8, #5
	dc	zva, x9
	// Count zero bytes everywhere (x10) and in [x8, x8 + x4) (x11).
	mov	x7, #0
	mov	x10, #0
	mov	x11, #0
3:	ldrb	w12, [x5, x7]
	cbnz	w12, 4f
	add	x10, x10, #1
	add	x13, x5, x7
	sub	x13, x13, x8
	cmp	x13, x4
	cinc	x11, x11, lo
4:	add	x7, x7, #1
	cmp	x7, #4096
	b.lo	3b
	cmp	x10, x4
	ccmp	x11, x4, #0, eq
	cset	x3, eq
	SHOW	"dc zva zeroes exactly its block", x3	// 0000000000000001
	ldrb	w3, [x8, #-1]
	SHOWW	"byte before the block", w3		// 000000ff
	ldrb	w3, [x8, x4]
	SHOWW	"byte after the block", w3		// 000000ff

	SAY	"-- cache maintenance to the PoU/PoC (no visible effect)"
	ic	ivau, x5
	dc	cvau, x5
	dc	cvac, x5
	dc	civac, x5
	dsb	ish
	isb
	ldr	x3, [x5]
	SHOW	"buf[0] after ic/dc", x3		// ffffffffffffffff

	SAY	"-- CFINV, XAFLAG, AXFLAG"
	FLAGS	0x2
	cfinv
	mrs	x3, nzcv
	SHOWF	"cfinv nzCv", x3			// 0000000000000000 nzcv
	FLAGS	0x8
	cfinv
	mrs	x3, nzcv
	SHOWF	"cfinv Nzcv", x3			// 00000000a0000000 NzCv
	// AXFLAG: less 1000 -> 0000, equal 0110 -> 0110, greater 0010 -> 0010,
	// unordered 0011 -> 0100.
	FLAGS	0x8
	axflag
	mrs	x3, nzcv
	SHOWF	"axflag less", x3			// 0000000000000000 nzcv
	FLAGS	0x6
	axflag
	mrs	x3, nzcv
	SHOWF	"axflag equal", x3			// 0000000060000000 nZCv
	FLAGS	0x2
	axflag
	mrs	x3, nzcv
	SHOWF	"axflag greater", x3			// 0000000020000000 nzCv
	FLAGS	0x3
	axflag
	mrs	x3, nzcv
	SHOWF	"axflag unordered", x3			// 0000000040000000 nZcv
	// XAFLAG undoes it: 0000 -> 1000, 0110 -> 0110, 0010 -> 0010, 0100 -> 0011.
	FLAGS	0x0
	xaflag
	mrs	x3, nzcv
	SHOWF	"xaflag less", x3			// 0000000080000000 Nzcv
	FLAGS	0x6
	xaflag
	mrs	x3, nzcv
	SHOWF	"xaflag equal", x3			// 0000000060000000 nZCv
	FLAGS	0x2
	xaflag
	mrs	x3, nzcv
	SHOWF	"xaflag greater", x3			// 0000000020000000 nzCv
	FLAGS	0x4
	xaflag
	mrs	x3, nzcv
	SHOWF	"xaflag unordered", x3			// 0000000030000000 nzCV

	SAY	"-- hints and barriers"
	ldr	x2, =0x1122334455667788
	mov	x3, x2
	FLAGS	0x9
	nop
	yield
	sev
	sevl
	wfe						// the event from SEVL: no wait
	hint	#0x7f
	hint	#0x21
	csdb
	esb
	bti	c
	clrex
	dmb	ish
	dmb	ishld
	dmb	oshst
	dsb	sy
	dsb	nsh
	isb
	ssbb
	pssbb
	sb
	mrs	x4, nzcv
	SHOWF	"nzcv after hints", x4			// 0000000090000000 NzcV
	sub	x3, x3, x2
	SHOW	"x3 - x2 after hints", x3		// 0000000000000000
	EXIT	0

	// In .data, not .bss: armature-user's ELF loader rejects a PT_LOAD whose
	// file size is 0 at an offset past the end of the file (reported).
	.data
	.balign	4096
buf:	.fill	4096, 1, 0x5a
