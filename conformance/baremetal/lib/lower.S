// Bare-metal test runtime: running a function at a lower EL and coming back.
// bm_run_spsr(spsr, fn, arg) (at EL3) saves the callee-saved registers and
// SP, ERETs to fn(arg) at the EL and SP that spsr selects, and returns fn's
// result when fn returns: the lower EL then calls up with SVC #0xffff (EL0)
// or SMC #0xffff (EL1, EL2), which the handlers pass on up to EL3, where
// bm_resume_el3 restores the saved context.

	.text
	.global	bm_run_spsr
bm_run_spsr:
	ldr	x9, =bm_el3_ctx
	stp	x19, x20, [x9, #0]
	stp	x21, x22, [x9, #16]
	stp	x23, x24, [x9, #32]
	stp	x25, x26, [x9, #48]
	stp	x27, x28, [x9, #64]
	stp	x29, x30, [x9, #80]
	mov	x10, sp
	str	x10, [x9, #96]
	msr	spsr_el3, x0
	adr	x10, lower_entry
	msr	elr_el3, x10
	ldr	x10, =__stack_el0_top
	msr	sp_el0, x10
	ldr	x10, =__stack_el1_top
	msr	sp_el1, x10
	ldr	x10, =__stack_el2_top
	msr	sp_el2, x10
	and	x19, x0, #0xc		// the target EL (callee-saved across fn)
	mov	x0, x2
	eret

lower_entry:
	blr	x1
	cbz	x19, 1f			// EL0 cannot read CurrentEL
	smc	#0xffff
	b	.
1:	svc	#0xffff
	b	.

// bm_resume_el3(value): from the EL3 handler, back into bm_run_spsr's caller
	.global	bm_resume_el3
bm_resume_el3:
	ldr	x9, =bm_el3_ctx
	ldp	x19, x20, [x9, #0]
	ldp	x21, x22, [x9, #16]
	ldp	x23, x24, [x9, #32]
	ldp	x25, x26, [x9, #48]
	ldp	x27, x28, [x9, #64]
	ldp	x29, x30, [x9, #80]
	ldr	x10, [x9, #96]
	mov	sp, x10
	ret

// bm_escalate(value): from an EL1/EL2 handler, pass the return request up
	.global	bm_escalate
bm_escalate:
	smc	#0xffff
	b	.

// bm_semihost(op, param): HLT #0xF000, result in x0
	.global	bm_semihost
bm_semihost:
	hlt	#0xf000
	ret

	.bss
	.balign	16
bm_el3_ctx:
	.skip	112
