// Exclusive access monitors and alignment checking for exclusive, atomic
// and ordered accesses (shared/functions/exclusive,
// aarch64/functions/exclusive, aarch64/functions/memory).
//
// Two monitors decide whether a Store-Exclusive succeeds (Arm ARM B2.9):
// - the LOCAL monitor belongs to one PE: it is architectural per-PE state,
//   declared here, and becomes fields of the generated ArchState;
// - the GLOBAL monitor is shared by every PE that shares memory: it is C
//   machinery (interp/monitor.c, a GlobalMonitor that several CPUs may point
//   at) reached through the primitives below. Any store, by any PE, to a
//   marked granule clears the marks of that granule (monitor_note_store(),
//   called by the Mem[] write primitive).
//
// IMPDEF: the Exclusives Reservation Granule is 64 bytes (CTR_EL0.ERG = 4 in
//   every CPU model); the global monitor marks the aligned 64-byte granule.
// IMPDEF: the local monitor records the exact address and size of the
//   Load-Exclusive; a Store-Exclusive passes it only with the same address
//   and size (a different address or size fails).
// IMPDEF: a non-exclusive store by the same PE to the marked granule clears
//   both its local and its global monitor (interp/monitor.c).
// IMPDEF: every Store-Exclusive, passing or failing, leaves this PE's local
//   and global monitors open (cleared).
// IMPDEF: a Load-Exclusive that faults (alignment) marks nothing.
//
// Until the MMU exists the physical address is the virtual address; with
// the MMU the translation (AArch64.TranslateAddress()) goes where the
// functions below say "paddress".

// ------------------------------------------------------------ local monitor

boolean _ExclusiveLocalValid;       // the local monitor is in Exclusive Access state
bits(64) _ExclusiveLocalAddress;    // the address the Load-Exclusive used
integer _ExclusiveLocalSize;        // and its size in bytes

// ProcessorID(): this PE's number among the PEs sharing its global monitor.
__pure_primitive integer ProcessorID();

// MarkExclusiveLocal(): the local monitor of PE processorid records
// [paddress, paddress+size). Only the executing PE's own monitor is here.
MarkExclusiveLocal(bits(64) paddress, integer processorid, integer size)
    _ExclusiveLocalValid = TRUE;
    _ExclusiveLocalAddress = paddress;
    _ExclusiveLocalSize = size;

// IsExclusiveLocal(): does the local monitor still record this access?
boolean IsExclusiveLocal(bits(64) paddress, integer processorid, integer size)
    return _ExclusiveLocalValid && _ExclusiveLocalAddress == paddress && _ExclusiveLocalSize == size;

// ClearExclusiveLocal(): the local monitor goes to Open Access state
// (CLREX, every Store-Exclusive, and later exception return).
ClearExclusiveLocal(integer processorid)
    _ExclusiveLocalValid = FALSE;

// ----------------------------------------------------------- global monitor
// C primitives (interp/monitor.c). They cannot fault.

// MarkExclusiveGlobal(): PE processorid marks the granule holding
// [paddress, paddress+size) in its global monitor (one mark per PE: a new
// mark replaces the old one).
__pure_primitive MarkExclusiveGlobal(bits(64) paddress, integer processorid, integer size);

// IsExclusiveGlobal(): does PE processorid still have the granule holding
// [paddress, paddress+size) marked (no store has cleared it since)?
__pure_primitive boolean IsExclusiveGlobal(bits(64) paddress, integer processorid, integer size);

// ClearExclusiveGlobal(): PE processorid's global mark goes to Open Access.
__pure_primitive ClearExclusiveGlobal(integer processorid);

// ---------------------------------------------------------------- alignment

// AArch64.AlignmentFault(): the access to `address` is not suitably aligned:
// a data abort with DFSC = '100001' (alignment fault) and WnR = iswrite.
AArch64.AlignmentFault(bits(64) address, boolean iswrite)
    ExceptionRecord exception = ExceptionSyndrome(Exception_DataAbort);
    exception.syndrome<6> = if iswrite then '1' else '0';     // WnR
    exception.syndrome<5:0> = '100001';                        // DFSC: alignment fault
    exception.vaddress = address;
    exception.write = iswrite;
    _Exception = exception;
    RaiseException();

// AArch64.CheckAlignment(): fault an access of `alignment` bytes at
// `address` that must be aligned. Exclusive and atomic accesses
// (AccType_ATOMIC) and ordered ones (AccType_ORDERED, LIMITEDORDERED) must
// be; with FEAT_LSE2 only those that cross a 16-byte boundary fault.
// (Arm's function also returns whether the address is aligned; no caller
// here needs that.) SCTLR_ELx.A (check every access) and SCTLR_ELx.nAA are
// not modelled yet and read as 0.
AArch64.CheckAlignment(bits(64) address, integer alignment, AccType acctype, boolean iswrite)
    boolean aligned = (address == Align(address, alignment));
    boolean atomic = (acctype == AccType_ATOMIC);
    boolean ordered = (acctype == AccType_ORDERED || acctype == AccType_LIMITEDORDERED);
    boolean check;
    if IsFeatureImplemented(FEAT_LSE2) then
        check = (UInt(address<3:0>) + alignment > 16) && (ordered || atomic);
    else
        check = atomic || ordered;
    if check && !aligned then
        AArch64.AlignmentFault(address, iswrite);

// ------------------------------------------------------ the instructions' view

// AArch64.SetExclusiveMonitors(): a Load-Exclusive of `size` bytes at
// `address` marks the local and the global monitor.
AArch64.SetExclusiveMonitors(bits(64) address, integer size)
    AArch64.CheckAlignment(address, size, AccType_ATOMIC, FALSE);
    bits(64) paddress = address;
    MarkExclusiveLocal(paddress, ProcessorID(), size);
    MarkExclusiveGlobal(paddress, ProcessorID(), size);

// AArch64.ExclusiveMonitorsPass(): may a Store-Exclusive of `size` bytes at
// `address` write? Both monitors must still record the access; afterwards
// both are open.
boolean AArch64.ExclusiveMonitorsPass(bits(64) address, integer size)
    AArch64.CheckAlignment(address, size, AccType_ATOMIC, TRUE);
    bits(64) paddress = address;
    boolean passed = IsExclusiveLocal(paddress, ProcessorID(), size);
    ClearExclusiveLocal(ProcessorID());
    if passed then
        passed = IsExclusiveGlobal(paddress, ProcessorID(), size);
    ClearExclusiveGlobal(ProcessorID());
    return passed;
