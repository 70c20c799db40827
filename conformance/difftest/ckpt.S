// The shared tail of every checkpoint (conformance/difftest/README.md).
// A checkpoint after instruction k of a sequence (generated seqs.S) is
//
//   ckpt_k:   msr  tpidr_el0, x0          // x0 for the state store
//             adrp x0, sem_outstate
//             add  x0, x0, :lo12:sem_outstate
//             str  x1, [x0, #8]
//             adr  x1, resume_k
//             b    dt_ckpt
//   resume_k: mrs  x30, tpidr_el0         // sem_enter passes X30 in TPIDR_EL0
//
// dt_ckpt stores the resume address in the state's stub slot and finishes
// the state store in semantics/harness.S, which returns from sem_enter to
// the driver; the driver records the state and resumes with sem_enter.
	.text
	.balign	4
	.globl	dt_ckpt
	.type	dt_ckpt, %function
dt_ckpt:
	str	x1, [x0, #280]
	b	sem_save_x2
	.size	dt_ckpt, . - dt_ckpt
