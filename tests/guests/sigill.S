// An UNDEFINED instruction must kill the guest with SIGILL, as on Linux:
// the all-zero word is UDF #0 (permanently undefined, Arm ARM C6.2 "UDF"), the
// kernel delivers SIGILL, and with no handler installed the process dies by
// signal 4. The line printed first must still appear; the one after must not.
// (The Makefile skips the mnemonic check for this guest: udf is the point.)
#include "lib/asm.S"

	.text
	.globl	_start
_start:
	SAY	"sigill: executing udf #0"
	.inst	0x00000000
	SAY	"sigill: still alive (wrong)"
	EXIT	1
