// The state load and store around every test (conformance/semantics/README.md).
//
//   void sem_enter(const struct sem_state *in, u64 excl_addr, u64 excl_kind)
//
// saves the C context, clears the exclusive monitor (and, for a
// store-exclusive test, opens it with a load-exclusive of excl_addr), loads
// FPCR, FPSR, NZCV, SP, V0-V31 and X0-X30 from *in with TPIDR_EL0 = X30,
// and jumps to in->stub, which is (generated tests.S):
//
//   stub:  mrs  x30, tpidr_el0      // X30's value (harness.S used x30 as base)
//          .inst WORD               // the instruction under test
//          [add x17, x17, #1] x4    // branches only: landing pads
//          [mrs xT, <sysreg>]       // MSR only: read the register back
//   post:  msr  tpidr_el0, x0       // the state store needs one register
//          b    sem_save
//
// sem_save stores X0-X30, SP, NZCV, FPCR, FPSR, V0-V31 into sem_outstate
// and returns to sem_enter's caller. A signal handler that resumes at
// `post` gives the state at the fault (the faulting instruction did nothing).

#define CTX_SIZE 112

	.text
	.balign	4
	.globl	sem_enter
	.type	sem_enter, %function
sem_enter:
	adrp	x9, sem_ctx
	add	x9, x9, :lo12:sem_ctx
	stp	x19, x20, [x9, #0]
	stp	x21, x22, [x9, #16]
	stp	x23, x24, [x9, #32]
	stp	x25, x26, [x9, #48]
	stp	x27, x28, [x9, #64]
	stp	x29, x30, [x9, #80]
	mov	x10, sp
	str	x10, [x9, #96]
	mrs	x10, fpcr
	str	x10, [x9, #104]

	clrex
	cbz	x2, 9f
	cmp	x2, #1
	b.ne	1f
	ldxrb	w11, [x1]
	b	9f
1:	cmp	x2, #2
	b.ne	2f
	ldxrh	w11, [x1]
	b	9f
2:	cmp	x2, #3
	b.ne	3f
	ldxr	w11, [x1]
	b	9f
3:	cmp	x2, #4
	b.ne	4f
	ldxr	x11, [x1]
	b	9f
4:	cmp	x2, #5
	b.ne	5f
	ldxp	w11, w12, [x1]
	b	9f
5:	ldxp	x11, x12, [x1]
9:
	ldr	x10, [x0, #264]
	msr	fpcr, x10
	ldr	x10, [x0, #272]
	msr	fpsr, x10
	ldr	x10, [x0, #256]
	msr	nzcv, x10
	ldr	x10, [x0, #240]
	msr	tpidr_el0, x10
	ldr	x10, [x0, #248]
	mov	sp, x10
	add	x10, x0, #288
	ld1	{v0.2d-v3.2d}, [x10], #64
	ld1	{v4.2d-v7.2d}, [x10], #64
	ld1	{v8.2d-v11.2d}, [x10], #64
	ld1	{v12.2d-v15.2d}, [x10], #64
	ld1	{v16.2d-v19.2d}, [x10], #64
	ld1	{v20.2d-v23.2d}, [x10], #64
	ld1	{v24.2d-v27.2d}, [x10], #64
	ld1	{v28.2d-v31.2d}, [x10], #64
	mov	x30, x0
	ldp	x0, x1, [x30, #0]
	ldp	x2, x3, [x30, #16]
	ldp	x4, x5, [x30, #32]
	ldp	x6, x7, [x30, #48]
	ldp	x8, x9, [x30, #64]
	ldp	x10, x11, [x30, #80]
	ldp	x12, x13, [x30, #96]
	ldp	x14, x15, [x30, #112]
	ldp	x16, x17, [x30, #128]
	ldp	x18, x19, [x30, #144]
	ldp	x20, x21, [x30, #160]
	ldp	x22, x23, [x30, #176]
	ldp	x24, x25, [x30, #192]
	ldp	x26, x27, [x30, #208]
	ldp	x28, x29, [x30, #224]
	ldr	x30, [x30, #280]
	br	x30
	.size	sem_enter, . - sem_enter

	.globl	sem_save
	.type	sem_save, %function
sem_save:
	adrp	x0, sem_outstate
	add	x0, x0, :lo12:sem_outstate
	str	x1, [x0, #8]
	str	xzr, [x0, #280]
	// conformance/difftest's checkpoints enter here with x0 = sem_outstate,
	// x1 stored and the resume address stored in the stub slot
	.globl	sem_save_x2
sem_save_x2:
	stp	x2, x3, [x0, #16]
	stp	x4, x5, [x0, #32]
	stp	x6, x7, [x0, #48]
	stp	x8, x9, [x0, #64]
	stp	x10, x11, [x0, #80]
	stp	x12, x13, [x0, #96]
	stp	x14, x15, [x0, #112]
	stp	x16, x17, [x0, #128]
	stp	x18, x19, [x0, #144]
	stp	x20, x21, [x0, #160]
	stp	x22, x23, [x0, #176]
	stp	x24, x25, [x0, #192]
	stp	x26, x27, [x0, #208]
	stp	x28, x29, [x0, #224]
	str	x30, [x0, #240]
	mrs	x1, tpidr_el0
	str	x1, [x0, #0]
	mov	x1, sp
	str	x1, [x0, #248]
	mrs	x1, nzcv
	str	x1, [x0, #256]
	mrs	x1, fpcr
	str	x1, [x0, #264]
	mrs	x1, fpsr
	str	x1, [x0, #272]
	add	x1, x0, #288
	st1	{v0.2d-v3.2d}, [x1], #64
	st1	{v4.2d-v7.2d}, [x1], #64
	st1	{v8.2d-v11.2d}, [x1], #64
	st1	{v12.2d-v15.2d}, [x1], #64
	st1	{v16.2d-v19.2d}, [x1], #64
	st1	{v20.2d-v23.2d}, [x1], #64
	st1	{v24.2d-v27.2d}, [x1], #64
	st1	{v28.2d-v31.2d}, [x1], #64
	clrex
	adrp	x9, sem_ctx
	add	x9, x9, :lo12:sem_ctx
	ldr	x10, [x9, #104]
	msr	fpcr, x10
	msr	nzcv, xzr
	ldr	x10, [x9, #96]
	mov	sp, x10
	ldp	x19, x20, [x9, #0]
	ldp	x21, x22, [x9, #16]
	ldp	x23, x24, [x9, #32]
	ldp	x25, x26, [x9, #48]
	ldp	x27, x28, [x9, #64]
	ldp	x29, x30, [x9, #80]
	ret
	.size	sem_save, . - sem_save

	// The signal return trampoline (SA_RESTORER).
	.globl	sem_sigreturn
	.type	sem_sigreturn, %function
sem_sigreturn:
	mov	x8, #139		// rt_sigreturn
	svc	#0
	.size	sem_sigreturn, . - sem_sigreturn

	.bss
	.balign	16
	.globl	sem_outstate
sem_outstate:
	.skip	800
sem_ctx:
	.skip	CTX_SIZE
