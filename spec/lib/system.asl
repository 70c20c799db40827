// System instructions: exception levels, events and WFE/WFI, barriers, the
// generic timer's count, and names for the disassembler of MRS/MSR/SYS
// (shared/functions/system, aarch64/functions/system, shared/functions/
// memory barriers, the Generic Timer chapter D11).

// ------------------------------------------------------------ Exception levels

// HaveEL(): is Exception level `el` implemented? The CPU model says which
// ELs exist (its ID_AA64PFR0_EL1.EL0-EL3 fields, spec/cpus); the board
// chooses the mode: user mode has only EL0 and the EL1 it stands in for
// (HVC and SMC are UNDEFINED there), system mode every EL of the model
// (ImplementedEL(), interp/cpu.c).
__pure_primitive boolean ImplementedEL(integer el);

boolean HaveEL(bits(2) el)
    return ImplementedEL(UInt(el));

// HighestEL(): the highest implemented Exception level.
bits(2) HighestEL()
    if HaveEL(EL3) then
        return EL3;
    elsif HaveEL(EL2) then
        return EL2;
    return EL1;

// ------------------------------------------------------------ Events (D1.6.1)

// The Event register of the PE: set by SEV/SEVL, by a store of another PE
// that clears this PE's global monitor (interp/monitor.c), and later by
// exception return and the event stream; consumed by WFE.
bits(1) EventRegister;

// SendEventOtherPEs(): set the Event register of every other PE.
__pure_primitive SendEventOtherPEs();

// SendEvent(): SEV signals an event to every PE of the system, this one
// included: our own Event register, and through the machine
// (cpu_link_peers, interp/cpu_board.c) those of the other PEs.
SendEvent()
    EventRegister = '1';
    SendEventOtherPEs();

SendEventLocal()
    EventRegister = '1';

boolean IsEventRegisterSet()
    return EventRegister == '1';

ClearEventRegister()
    EventRegister = '0';

// WaitForEvent() / WaitForInterrupt(): the PE may enter a low-power state
// until an event (WFE) or a WFI wake-up event (an interrupt, pending whatever
// PSTATE masks say). The architecture allows either to complete at any time
// (a spurious wake-up): user mode returns at once; in system mode the run
// loop idles the CPU (cpu_run returns CPU_STOP_IDLE) until an interrupt
// input is asserted (spec/lib/exceptions_sys.asl).
WaitForEvent()
    _WaitingForEvent = TRUE;

WaitForInterrupt()
    _WaitingForInterrupt = TRUE;

// ------------------------------------------------------------ Barriers (B2.3)

enumeration MBReqDomain {
    MBReqDomain_Nonshareable, MBReqDomain_InnerShareable,
    MBReqDomain_OuterShareable, MBReqDomain_FullSystem
};

enumeration MBReqTypes { MBReqTypes_Reads, MBReqTypes_Writes, MBReqTypes_All };

// One PE executing in program order, every access completing before the
// next instruction starts: the barriers have nothing to order or complete.
// With several PEs on host threads (SMP issue) DMB/DSB become host fences;
// ISB then also resynchronizes the decoded-instruction cache (JIT issue).
DataMemoryBarrier(MBReqDomain domain, MBReqTypes types)
    return;

DataSynchronizationBarrier(MBReqDomain domain, MBReqTypes types, boolean nXS)
    return;

InstructionSynchronizationBarrier()
    return;

// SpeculationBarrier(), SSBB, PSSBB, CSDB: Armature does not speculate.
SpeculationBarrier()
    return;

// ------------------------------------------------------------ Generic Timer

// The physical count (CNTPCT_EL0), from deterministic virtual time: by
// default one instruction takes 1 ns and the counter runs at CNTFRQ_EL0's
// reset value, 62.5 MHz, so the count is the instruction count divided by
// 16; a board that owns time (-icount, idle skipping) supplies the count
// itself (interp/timer_count.c, cpu_set_clock()).
__pure_primitive bits(64) PhysicalCountInt();

// ------------------------------------------------------------ Disassembly

// SysRegName(): the system register name objdump prints for MRS (read) or
// MSR, lower case ("tpidr_el0"), from spec/sysregs/names.xml, or the generic
// "s3_3_c13_c0_7" form for an encoding the architecture does not name
// (interp/disas_sysreg.c).
__primitive string SysRegName(integer op0, integer op1, integer crn, integer crm, integer op2, boolean read);

// SysInstrName(): the SYS instruction as objdump prints it, mnemonic and
// operands: "dc\tzva, x0", "ic\tiallu" (names.xml), else the generic
// "sys\t#3, C7, C5, #1, x0" (the register omitted when t is 31).
__primitive string SysInstrName(integer op1, integer crn, integer crm, integer op2, integer t);

// ------------------------------------------------------------ Debug state

// Halted(): is the PE in Debug state? External debug is not modelled, so
// never; DCPS1-3 and DRPS are then UNDEFINED and HLT cannot halt.
boolean Halted()
    return FALSE;

// ------------------------------------------------------------ PSTATE fields

// The PSTATE fields MSR (immediate) writes (C5.2.x, MSR_SI_pstate).
enumeration PSTATEField {
    PSTATEField_DAIFSet, PSTATEField_DAIFClr, PSTATEField_PAN, PSTATEField_UAO,
    PSTATEField_DIT, PSTATEField_SSBS, PSTATEField_TCO, PSTATEField_SP,
    PSTATEField_ALLINT
};
