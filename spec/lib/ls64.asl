// Single-copy atomic 64-byte loads and stores (FEAT_LS64, FEAT_LS64_V,
// FEAT_LS64_ACCDATA): LD64B, ST64B, ST64BV, ST64BV0
// (shared/functions/memory MemLoad64B, MemStore64B, MemStore64BWithRet;
// aarch64/functions/system CheckLDST64BEnabled, CheckST64BVEnabled,
// CheckST64BV0Enabled).
//
// The architecture supports these accesses only to Device memory and to
// Normal Inner Non-cacheable, Outer Non-cacheable memory; an access to any
// other memory type takes a Data Abort with DFSC 0b110101 (unsupported
// Exclusive or atomic access).
// IMPDEF: the user-mode guest page map is Normal Write-Back cacheable memory
//   (what Linux gives a process), so every LS64 access to it that passes the
//   alignment and translation checks takes that Data Abort, as a Linux
//   program using LS64 on ordinary memory does. The data path below is for
//   the system emulator, whose device ranges will make
//   LS64MemorySupported() TRUE.
// IMPDEF: SCTLR_EL1.EnALS, EnASR and EnAS0 and HCRX_EL2 (the EL0 traps of
//   these instructions) are not modelled; the instructions are enabled at
//   every EL.

constant integer LS64_BYTES = 64;

// LS64MemorySupported(): is the memory at `address` Device or Normal
// Non-cacheable, where a 64-byte single-copy atomic access is supported?
boolean LS64MemorySupported(bits(64) address)
    return FALSE;

// AArch64.UnsupportedAtomicFault(): Data Abort, DFSC = 0b110101
// (unsupported Exclusive or atomic access), WnR = iswrite.
AArch64.UnsupportedAtomicFault(bits(64) address, boolean iswrite)
    ExceptionRecord exception = ExceptionSyndrome(Exception_DataAbort);
    exception.syndrome<6> = if iswrite then '1' else '0';     // WnR
    exception.syndrome<5:0> = '110101';                        // DFSC
    exception.vaddress = address;
    exception.write = iswrite;
    _Exception = exception;
    RaiseException();

// AArch64.CheckLS64Access(): the checks every LS64 access makes, in the
// Arm ARM's order: the address must be 64-byte aligned (alignment fault
// whatever SCTLR_ELx.A says), translate (the 64 bytes are in one page), and
// the memory type must support the access.
AArch64.CheckLS64Access(bits(64) address, boolean iswrite)
    if !IsZero(address<5:0>) then
        AArch64.AlignmentFault(address, iswrite);
    AArch64.TranslateAccess(address, iswrite);
    if !LS64MemorySupported(address) then
        AArch64.UnsupportedAtomicFault(address, iswrite);

// ACCDATA_EL1<31:0>, which ST64BV0 puts in the low word of its first
// doubleword. IMPDEF: ACCDATA_EL1 is not modelled yet and reads as 0.
bits(32) ACCDATAValue()
    return Zeros(32);

// ST64BV's status when the completer returns none: all ones.
// IMPDEF: no device in this model returns an ST64BV status.
bits(64) LS64StoreStatus(bits(64) address)
    return Ones(64);
