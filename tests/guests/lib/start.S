// Process entry for the freestanding C guests: main(argc, argv, envp), then exit.
//
// The Linux AArch64 initial stack (ELF ABI, and what armature-user builds):
//   [sp] = argc, [sp+8 ...] = argv[0..argc-1], NULL, envp..., NULL, auxv...
// SP is 16-byte aligned on entry, as AAPCS64 requires at a public interface.

	.text
	.globl	_start
	.type	_start, %function
_start:
	mov	x29, #0			// terminate the frame chain for debuggers
	mov	x30, #0
	ldr	x0, [sp]		// argc
	add	x1, sp, #8		// argv
	add	x2, x1, x0, lsl #3	// &argv[argc] (the NULL)
	add	x2, x2, #8		// envp
	bl	main
	bl	rt_exit			// flushes buffered output, never returns
	.size	_start, . - _start
