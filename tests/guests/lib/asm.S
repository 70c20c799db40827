// Shared helpers for the assembly guests, #included at the top of each guest.
// Uses only first-slice instructions. Routines preserve x2-x15 and x19-x28;
// they clobber x0, x1, x16, x17, x30 and the flags. SP stays 16-byte aligned throughout.
//
// Macros:
//   SAY  "text"          print text and a newline
//   SHOW  "text", xN     print "text = <16 hex digits>"
//   SHOWW "text", wN     print "text = <8 hex digits>"
//   SHOWF / SHOWFW       the same followed by the NZCV flags, upper case = set:
//                        "NzCv" means N=1 Z=0 C=1 V=0. The flags are read before
//                        the macro changes anything (MOV/ADRP/ADD/BL keep NZCV).
//   EXIT n               exit_group(n)

	.macro	RT_STR reg, text
	.pushsection .rodata.rtstr, "a"
9000\@:	.asciz	"\text"
	.popsection
	adrp	\reg, 9000\@b
	add	\reg, \reg, :lo12:9000\@b
	.endm

	.macro	SAY text
	RT_STR	x1, "\text"
	bl	rt_say
	.endm

	.macro	SHOW text, reg
	mov	x0, \reg
	RT_STR	x1, "\text"
	bl	rt_show64
	.endm

	.macro	SHOWW text, reg
	mov	w0, \reg
	RT_STR	x1, "\text"
	bl	rt_show32
	.endm

	.macro	SHOWF text, reg
	mov	x0, \reg
	RT_STR	x1, "\text"
	bl	rt_showf64
	.endm

	.macro	SHOWFW text, reg
	mov	w0, \reg
	RT_STR	x1, "\text"
	bl	rt_showf32
	.endm

	.macro	EXIT n
	mov	x0, #\n
	b	rt_exit
	.endm

	.text
// rt_write(x0 = buffer, x1 = length): write(1, buffer, length). Clobbers x0-x2, x8.
rt_write:
	mov	x2, x1
	mov	x1, x0
	mov	x0, #1
	mov	x8, #64			// __NR_write
	svc	#0
	ret

// rt_puts(x0 = NUL-terminated string). Clobbers x0-x2, x8.
rt_puts:
	mov	x1, #0
1:	ldrb	w2, [x0, x1]		// register-offset byte load
	cbz	w2, 2f
	add	x1, x1, #1
	b	1b
2:	b	rt_write		// tail call

// rt_say(x1 = string): print it and a newline, preserving x2-x15.
rt_say:
	stp	x29, x30, [sp, #-32]!
	stp	x2, x8, [sp, #16]
	mov	x0, x1
	bl	rt_puts
	adrp	x0, rt_nl
	add	x0, x0, :lo12:rt_nl
	mov	x1, #1
	bl	rt_write
	ldp	x2, x8, [sp, #16]
	ldp	x29, x30, [sp], #32
	ret

// rt_exit(x0 = status): exit_group(status).
rt_exit:
	mov	x8, #94			// __NR_exit_group
	svc	#0
	b	rt_exit

rt_show64:
	mov	x16, #16		// digits; bit 8 of x16 = print the flags
	b	rt_show
rt_show32:
	mov	x16, #8
	b	rt_show
rt_showf64:
	mov	x16, #0x110
	b	rt_show
rt_showf32:
	mov	x16, #0x108

// rt_show(x0 = value, x1 = text, x16 = digits | 0x100 if flags wanted)
rt_show:
	stp	x29, x30, [sp, #-160]!	// frame; 64..159 hold x2-x9 and a buffer
	mov	x29, sp
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	// Build "NZCV"/"nzcv" in x17 (4 bytes, little-endian) while NZCV is intact.
	mov	x17, #('n' | 'z' << 8)
	movk	x17, #('c' | 'v' << 8), lsl #16
	cset	w9, mi
	cset	w10, eq
	cset	w11, cs
	cset	w2, vs
	// Setting a flag upper-cases its letter: subtract 0x20 at its byte.
	lsl	w9, w9, #5
	sub	x17, x17, x9
	lsl	w10, w10, #13
	sub	x17, x17, x10
	lsl	w11, w11, #21
	sub	x17, x17, x11
	lsl	w2, w2, #29
	sub	x17, x17, x2
	mov	x9, x0			// value
	mov	x10, x16		// digits/flags
	mov	x0, x1
	bl	rt_puts
	adrp	x0, rt_eq
	add	x0, x0, :lo12:rt_eq
	mov	x1, #3
	bl	rt_write
	// Hex digits into the buffer at sp+96, most significant first.
	add	x3, sp, #96
	and	x4, x10, #0xff		// digit count
	mov	x5, x4
1:	sub	x5, x5, #1
	lsl	x6, x5, #2
	lsr	x7, x9, x6
	and	x7, x7, #15
	cmp	x7, #10
	add	x8, x7, #'0'
	add	x11, x7, #('a' - 10)
	csel	x8, x8, x11, lo
	strb	w8, [x3], #1		// post-index store
	cbnz	x5, 1b
	tbz	x10, #8, 2f
	mov	w8, #' '
	strb	w8, [x3], #1
	str	w17, [x3], #4		// the four flag letters
2:	mov	w8, #'\n'
	strb	w8, [x3], #1
	add	x0, sp, #96
	sub	x1, x3, x0
	bl	rt_write
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x29, x30, [sp], #160	// post-index restore
	ret

	.section .rodata.rtstr, "a"
rt_eq:	.ascii	" = "
rt_nl:	.ascii	"\n"
	.text
