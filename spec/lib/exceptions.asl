// Synchronous exceptions raised by instructions (aarch64/exceptions).
// The instruction ends with the record in _Exception; the run loop then
// takes it (system mode) or hands it to the board (user mode).

ExceptionRecord ExceptionSyndrome(Exception exceptype)
    ExceptionRecord r;
    r.exceptype = exceptype;
    r.syndrome = Zeros(25);
    r.vaddress = Zeros(64);
    r.write = FALSE;
    r.target_el = EL0;     // no explicit target: the usual routing
    r.ipavalid = FALSE;
    r.ipaddress = Zeros(64);
    return r;

// AArch64.CallSupervisor(): SVC #imm16.
AArch64.CallSupervisor(bits(16) immediate)
    ExceptionRecord exception = ExceptionSyndrome(Exception_SupervisorCall);
    exception.syndrome<15:0> = immediate;
    _Exception = exception;
    RaiseException();

// AArch64.CallHypervisor(): HVC #imm16, taken to EL2 (to EL3 when executed
// there); the preferred return address is the next instruction.
AArch64.CallHypervisor(bits(16) immediate)
    ExceptionRecord exception = ExceptionSyndrome(Exception_HypervisorCall);
    exception.syndrome<15:0> = immediate;
    exception.target_el = if PSTATE.EL == EL3 then EL3 else EL2;
    _Exception = exception;
    RaiseException();

// AArch64.CallSecureMonitor(): SMC #imm16, taken to EL3; the preferred
// return address is the next instruction.
AArch64.CallSecureMonitor(bits(16) immediate)
    ExceptionRecord exception = ExceptionSyndrome(Exception_MonitorCall);
    exception.syndrome<15:0> = immediate;
    exception.target_el = EL3;
    _Exception = exception;
    RaiseException();

// AArch64.SoftwareBreakpoint(): BRK #imm16.
AArch64.SoftwareBreakpoint(bits(16) immediate)
    ExceptionRecord exception = ExceptionSyndrome(Exception_SoftwareBreakpoint);
    exception.syndrome<15:0> = immediate;
    _Exception = exception;
    RaiseException();

// Semihosting: HLT #0xF000 with -semihosting ends the instruction with a
// request the board carries out (operation in W0, parameter in X1); the
// board then resumes at the next instruction.
__pure_primitive boolean SemihostingEnabled();

AArch64.SemihostingCall()
    ExceptionRecord exception = ExceptionSyndrome(Exception_Semihosting);
    _Exception = exception;
    RaiseException();

// Firmware calls answered by the board: with no firmware at EL2/EL3, the
// board plays the firmware's part (PSCI), as QEMU does for -kernel boots.
// FirmwareConduit() says which instruction reaches it: 0 none, 1 HVC,
// 2 SMC (cpu_set_psci_conduit()). Such an HVC or SMC at EL1 or above ends
// with a request the board carries out (function in W0, arguments in
// X1-X3, results in X0-X3); the board then resumes at the next
// instruction. ISS<15:0> is the immediate, ISS<16> is 1 for SMC.
__pure_primitive integer FirmwareConduit();

AArch64.FirmwareCall(bits(16) immediate, boolean smc)
    ExceptionRecord exception = ExceptionSyndrome(Exception_FirmwareCall);
    exception.syndrome<15:0> = immediate;
    exception.syndrome<16> = if smc then '1' else '0';
    _Exception = exception;
    RaiseException();

// Faults found by the machinery rather than by pseudocode: the memory and
// instruction-fetch primitives and the run loop (interp/cpu.c) record them
// through these, so the syndromes are written here.

// A memory access or instruction fetch that failed with fault status code
// fsc (ESR_ELx.ISS.DFSC/IFSC), e.g. '010000' synchronous external abort
// (nothing at the address), '000111' translation fault at level 3.
AArch64.MemoryFault(bits(64) vaddress, boolean iswrite, boolean ifetch, bits(6) fsc)
    ExceptionRecord exception = ExceptionSyndrome(if ifetch then Exception_InstructionAbort else Exception_DataAbort);
    exception.vaddress = vaddress;
    exception.write = iswrite;
    exception.syndrome<5:0> = fsc;
    if iswrite then
        exception.syndrome<6> = '1';    // WnR
    _Exception = exception;
    RaiseException();

// AArch64.CheckPCAlignment(): a misaligned PC faults on the fetch.
AArch64.PCAlignmentFault(bits(64) vaddress)
    ExceptionRecord exception = ExceptionSyndrome(Exception_PCAlignment);
    exception.vaddress = vaddress;
    _Exception = exception;
    RaiseException();

// UNDEFINED (and UNPREDICTABLE, IMPDEF: UNDEFINED) taken by the PE: EC 0x00.
AArch64.UndefinedFault()
    _Exception = ExceptionSyndrome(Exception_Uncategorized);
    RaiseException();
