// The architectural state of one PE. Every global variable here becomes a
// field of the generated C ArchState structure.

array bits(64) _R[0..30];       // X0-X30
array bits(128) _V[0..31];      // V0-V31 (SIMD&FP registers)
bits(64) SP_EL0;
bits(64) SP_EL1;
bits(64) SP_EL2;
bits(64) SP_EL3;
bits(64) _PC;
ProcState PSTATE;
// System registers with storage (FPCR, TPIDR_EL0, ...) are declared by
// their files in spec/sysregs.

// Set by BranchTo(): the PC was written and must not advance by 4.
boolean BranchTaken;

// The exception an instruction ended with (see RaiseException()).
ExceptionRecord _Exception;

constant bits(2) EL0 = '00';
constant bits(2) EL1 = '01';
constant bits(2) EL2 = '10';
constant bits(2) EL3 = '11';
