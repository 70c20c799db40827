// System register access. MRS/MSR and SYS/SYSL reach every register and
// system instruction of spec/sysregs through these two functions; the
// generator builds them from the register files (build/gen/sysregs.c.inc).
// An encoding with no register behind it is UNDEFINED.

__primitive bits(64) AArch64.SysRegRead(integer op0, integer op1, integer crn, integer crm, integer op2);
__primitive AArch64.SysRegWrite(integer op0, integer op1, integer crn, integer crm, integer op2, bits(64) value);
