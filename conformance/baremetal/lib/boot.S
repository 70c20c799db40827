// Bare-metal test runtime: reset entry. Starts at the highest EL the machine
// gives (EL3 on QEMU -M virt,secure=on,virtualization=on and on armature
// -cpu max), gives every EL a stack and a vector table, puts the lower ELs in
// a known state (Non-secure, AArch64, no traps), zeroes .bss, runs main()
// and exits through semihosting with its result.
#include "sysregs.h"

	.section .text.boot, "ax"
	.global _start
_start:
	msr	spsel, #1
	mrs	x0, CurrentEL
	ubfx	x0, x0, #2, #2
	cmp	x0, #3
	b.ne	not_el3
	ldr	x1, =__stack_el3_top
	mov	sp, x1

	// EL3: the reset values of these are UNKNOWN (Arm ARM D1.9.1)
	ldr	x1, =vectors_el3
	msr	vbar_el3, x1
	ldr	x1, =SCR_EL3_INIT
	msr	scr_el3, x1
	msr	cptr_el3, xzr
	ldr	x1, =SCTLR_EL3_INIT
	msr	sctlr_el3, x1
	msr	mdcr_el3, xzr

	// EL2 (Non-secure, non-VHE), entered only by ERET from EL3
	ldr	x1, =vectors_el2
	msr	vbar_el2, x1
	ldr	x1, =HCR_EL2_INIT
	msr	hcr_el2, x1
	ldr	x1, =CPTR_EL2_INIT
	msr	cptr_el2, x1
	ldr	x1, =SCTLR_EL2_INIT
	msr	sctlr_el2, x1
	mov	x1, #3			// EL1PCTEN | EL1PCEN: counters and timers to EL1
	msr	cnthctl_el2, x1
	msr	cntvoff_el2, xzr
	msr	mdcr_el2, xzr
	msr	hstr_el2, xzr
	mrs	x1, midr_el1
	msr	vpidr_el2, x1
	mrs	x1, mpidr_el1
	msr	vmpidr_el2, x1

	// EL1 and EL0
	ldr	x1, =vectors_el1
	msr	vbar_el1, x1
	ldr	x1, =SCTLR_EL1_INIT
	msr	sctlr_el1, x1
	mov	x1, #(3 << 20)		// CPACR_EL1.FPEN: no FP/SIMD traps
	msr	cpacr_el1, x1
	msr	mdscr_el1, xzr
	isb
	b	zero_bss

not_el3:
	// started lower (a machine without EL3): only this EL's vectors
	ldr	x1, =__stack_el1_top
	cmp	x0, #2
	ldr	x2, =__stack_el2_top
	csel	x1, x2, x1, eq
	mov	sp, x1
	b.ne	1f
	ldr	x1, =vectors_el2
	msr	vbar_el2, x1
	b	2f
1:	ldr	x1, =vectors_el1
	msr	vbar_el1, x1
2:	isb

zero_bss:
	ldr	x1, =__bss_start
	ldr	x2, =__bss_end
1:	cmp	x1, x2
	b.hs	2f
	str	xzr, [x1], #8
	b	1b
2:	bl	bm_start
	b	bm_exit
