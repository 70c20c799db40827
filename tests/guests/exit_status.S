// Exit status: the guest's exit_group(42) must become the emulator's exit status,
// and output written before it must appear. Also checks that SP is 16-byte
// aligned and argc is at [sp] on entry (the initial stack armature-user builds).

#include "lib/asm.S"

	.text
	.globl	_start
_start:
	mov	x19, sp
	ldr	x20, [sp]		// argc: 1 (the runner passes no arguments)
	SAY	"exit_status: about to exit with 42"
	and	x0, x19, #15		// SP mod 16 = 0
	SHOW	"sp & 15", x0
	SHOW	"argc", x20
	EXIT	42
