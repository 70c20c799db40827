// Taking and returning from exceptions at EL1-EL3 (aarch64/exceptions,
// aarch64/functions/exceptionreturn, shared/functions/interrupts; Arm ARM
// D1.3 "Exceptions", D1.4 "Exception entry", D1.5 "Exception return",
// D1.3.6 "Asynchronous exception types, routing, masking and priorities").
// In system mode the run loop calls AArch64.TakePendingException() when an
// instruction ends with an exception (or UNDEFINED), and
// AArch64.TakeUnmaskedInterrupt() between instructions while an interrupt
// input is asserted. User mode never comes here: the board stands in for EL1.

// ------------------------------------------------------------ state

// ThisInstr(): the instruction word being executed (the run loop stores it
// before each instruction); trapped system instructions take their
// syndrome from it.
bits(32) _ThisInstr;

bits(32) ThisInstr()
    return _ThisInstr;

// The interrupt inputs of the PE, driven by the board (cpu_set_irq). IRQ and
// FIQ are levels; an SError stays pending until it is taken.
boolean IRQPending;
boolean FIQPending;
boolean SErrorPending;

// Set by WFI/WFE when the PE may enter a low-power state; the run loop then
// idles until a wake-up event (system mode) or ignores it (user mode: a
// spurious wake-up, which the architecture allows).
boolean _WaitingForInterrupt;
boolean _WaitingForEvent;

// The reset vector of the highest EL (RVBAR_ELx), set by the board.
bits(64) _RVBAR;

// ------------------------------------------------------------ EL helpers

// EL2Enabled(): EL2 is implemented and enabled in the current Security
// state. Without FEAT_SEL2, EL2 exists only in Non-secure state
// (SCR_EL3.NS == '1' when EL3 is implemented).
boolean EL2Enabled()
    return HaveEL(EL2) && (!HaveEL(EL3) || SCR_EL3<0> == '1');

// IsSecure(): with EL3, the Security state is SCR_EL3.NS (EL3 itself is
// always Secure); without EL3 the PE is Non-secure (IMPDEF choice of the
// models here: all have EL3 or run in Non-secure state).
boolean IsSecure()
    if !HaveEL(EL3) then
        return FALSE;
    return PSTATE.EL == EL3 || SCR_EL3<0> == '0';

// ELUsingAArch32(): no EL of the models here runs AArch32 (IMPDEF: the
// AArch32 Execution state is not implemented even where ID_AA64PFR0_EL1
// says the real CPU has it).
boolean ELUsingAArch32(bits(2) el)
    return FALSE;

// ------------------------------------------------------------ banked registers

bits(64) SCTLR_ELx(bits(2) el)
    case el of
        when EL1 return SCTLR_EL1;
        when EL2 return SCTLR_EL2;
        otherwise return SCTLR_EL3;

bits(64) VBAR_ELx(bits(2) el)
    case el of
        when EL1 return VBAR_EL1;
        when EL2 return VBAR_EL2;
        otherwise return VBAR_EL3;

bits(64) ELR_ELx(bits(2) el)
    case el of
        when EL1 return ELR_EL1;
        when EL2 return ELR_EL2;
        otherwise return ELR_EL3;

bits(64) SPSR_ELx(bits(2) el)
    case el of
        when EL1 return SPSR_EL1;
        when EL2 return SPSR_EL2;
        otherwise return SPSR_EL3;

SetExceptionRegisters(bits(2) el, bits(64) spsr, bits(64) elr)
    case el of
        when EL1
            SPSR_EL1 = spsr;
            ELR_EL1 = elr;
        when EL2
            SPSR_EL2 = spsr;
            ELR_EL2 = elr;
        otherwise
            SPSR_EL3 = spsr;
            ELR_EL3 = elr;

SetSyndromeRegisters(bits(2) el, bits(64) esr, boolean far_valid, bits(64) far)
    case el of
        when EL1
            ESR_EL1 = esr;
            if far_valid then
                FAR_EL1 = far;
        when EL2
            ESR_EL2 = esr;
            if far_valid then
                FAR_EL2 = far;
        otherwise
            ESR_EL3 = esr;
            if far_valid then
                FAR_EL3 = far;

// ------------------------------------------------------------ PSTATE <-> SPSR

// GetPSRFromPSTATE(): the SPSR an exception to AArch64 saves (C5.2.18,
// SPSR_ELx for exceptions taken from AArch64 state).
bits(64) GetPSRFromPSTATE()
    bits(64) spsr = Zeros(64);
    spsr<31:28> = PSTATE.<N,Z,C,V>;
    spsr<25> = PSTATE.TCO;
    spsr<24> = PSTATE.DIT;
    spsr<23> = PSTATE.UAO;
    spsr<22> = PSTATE.PAN;
    spsr<21> = PSTATE.SS;
    spsr<20> = PSTATE.IL;
    spsr<12> = PSTATE.SSBS;
    spsr<11:10> = PSTATE.BTYPE;
    spsr<9:6> = PSTATE.<D,A,I,F>;
    spsr<4> = PSTATE.nRW;
    spsr<3:2> = PSTATE.EL;
    spsr<0> = PSTATE.SP;
    return spsr;

// SetPSTATEFromPSR(): the fields an exception return restores; fields of
// features the PE lacks stay 0. PSTATE.SS: software step is not modelled,
// so the step state machine stays inactive (SS = 0).
SetPSTATEFromPSR(bits(64) spsr)
    PSTATE.<N,Z,C,V> = spsr<31:28>;
    PSTATE.<D,A,I,F> = spsr<9:6>;
    PSTATE.IL = spsr<20>;
    PSTATE.SS = '0';
    PSTATE.nRW = '0';
    PSTATE.EL = spsr<3:2>;
    PSTATE.SP = spsr<0>;
    if IsFeatureImplemented(FEAT_PAN) then
        PSTATE.PAN = spsr<22>;
    if IsFeatureImplemented(FEAT_UAO) then
        PSTATE.UAO = spsr<23>;
    if IsFeatureImplemented(FEAT_DIT) then
        PSTATE.DIT = spsr<24>;
    if IsFeatureImplemented(FEAT_MTE) then
        PSTATE.TCO = spsr<25>;
    if IsFeatureImplemented(FEAT_SSBS) then
        PSTATE.SSBS = spsr<12>;
    if IsFeatureImplemented(FEAT_BTI) then
        PSTATE.BTYPE = spsr<11:10>;
    else
        PSTATE.BTYPE = '00';

// ------------------------------------------------------------ syndromes

// AArch64.ExceptionClass(): ESR_ELx.EC for an exception taken to target_el
// (D17.2.37). Aborts have a lower-EL and a same-EL class.
bits(6) AArch64.ExceptionClass(Exception exceptype, bits(2) target_el)
    boolean same = target_el == PSTATE.EL;
    case exceptype of
        when Exception_Uncategorized return '000000';
        when Exception_WFxTrap return '000001';
        when Exception_AdvSIMDFPAccessTrap return '000111';
        when Exception_IllegalState return '001110';
        when Exception_SupervisorCall return '010101';
        when Exception_HypervisorCall return '010110';
        when Exception_MonitorCall return '010111';
        when Exception_SystemRegisterTrap return '011000';
        when Exception_InstructionAbort return if same then '100001' else '100000';
        when Exception_PCAlignment return '100010';
        when Exception_DataAbort return if same then '100101' else '100100';
        when Exception_SPAlignment return '100110';
        when Exception_SError return '101111';
        when Exception_SoftwareBreakpoint return '111100';
        otherwise return '000000';

// AArch64.FARValid(): exceptions that write FAR_ELx with the faulting
// virtual address (for other classes FAR_ELx is UNKNOWN: left unchanged).
boolean AArch64.FARValid(Exception exceptype)
    return (exceptype == Exception_InstructionAbort || exceptype == Exception_DataAbort ||
            exceptype == Exception_PCAlignment);

// ------------------------------------------------------------ exception entry

// AArch64.TakeException(): take `exception` to target_el, returning to
// preferred_exception_return; vect_offset is 0x0 (synchronous), 0x80
// (IRQ), 0x100 (FIQ) or 0x180 (SError) within the vector quarter the
// current EL and SP select (D1.10.2).
AArch64.TakeException(bits(2) target_el, ExceptionRecord exception, bits(64) preferred_exception_return, integer vect_offset)
    assert HaveEL(target_el) && UInt(target_el) >= UInt(PSTATE.EL);
    integer offset = vect_offset;
    if UInt(target_el) > UInt(PSTATE.EL) then
        offset = offset + 0x400;     // from a lower EL, which is using AArch64
    elsif PSTATE.SP == '1' then
        offset = offset + 0x200;     // current EL with SP_ELx
    bits(64) spsr = GetPSRFromPSTATE();
    boolean interrupt = (exception.exceptype == Exception_IRQ || exception.exceptype == Exception_FIQ);
    if !interrupt then
        // IL is 1: every A64 instruction is 32 bits, and the classes that
        // have no instruction (aborts, SError, illegal state, ...) set it too.
        bits(64) esr = Zeros(64);
        esr<31:26> = AArch64.ExceptionClass(exception.exceptype, target_el);
        esr<25> = '1';
        esr<24:0> = exception.syndrome;
        SetSyndromeRegisters(target_el, esr, AArch64.FARValid(exception.exceptype), exception.vaddress);
        // A stage 2 abort also gives EL2 the faulting IPA: HPFAR_EL2.FIPA
        // (bits 43:4) = IPA<51:12>.
        if target_el == EL2 && exception.ipavalid then
            HPFAR_EL2 = ZeroExtend(exception.ipaddress<51:12> : '0000', 64);
    PSTATE.EL = target_el;
    PSTATE.nRW = '0';
    PSTATE.SP = '1';
    SetExceptionRegisters(target_el, spsr, preferred_exception_return);
    PSTATE.SS = '0';
    PSTATE.<D,A,I,F> = '1111';
    PSTATE.IL = '0';
    PSTATE.BTYPE = '00';
    // PAN is set on entry to EL1 unless SCTLR_EL1.SPAN says otherwise (and
    // to EL2 with HCR_EL2.{E2H,TGE} == '11', which needs FEAT_VHE).
    if IsFeatureImplemented(FEAT_PAN) && target_el == EL1 && SCTLR_EL1<23> == '0' then
        PSTATE.PAN = '1';
    if IsFeatureImplemented(FEAT_UAO) then
        PSTATE.UAO = '0';
    if IsFeatureImplemented(FEAT_SSBS) then
        PSTATE.SSBS = SCTLR_ELx(target_el)<44>;    // SCTLR_ELx.DSSBS
    if IsFeatureImplemented(FEAT_MTE) then
        PSTATE.TCO = '1';
    // PSTATE.DIT is unchanged by an exception to AArch64.
    BranchTo(VBAR_ELx(target_el)<63:11>:Zeros(11) + offset, BranchType_EXCEPTION, FALSE);

// AArch64.SyncExceptionTarget(): where a synchronous exception with no
// explicit target goes: to EL1 from EL0 (to EL2 when HCR_EL2.TGE routes
// EL0 exceptions there), otherwise to the current EL.
bits(2) AArch64.SyncExceptionTarget()
    if PSTATE.EL == EL0 then
        if EL2Enabled() && HCR_EL2<27> == '1' then
            return EL2;
        return EL1;
    return PSTATE.EL;

// AArch64.TakePendingException(): the instruction at PC[] ended with the
// exception in _Exception (the run loop fills in Exception_Uncategorized
// for UNDEFINED). The preferred return address is the next instruction for
// SVC, HVC and SMC (taken to EL3), and the instruction itself otherwise.
AArch64.TakePendingException()
    ExceptionRecord exception = _Exception;
    bits(64) preferred = PC[];
    bits(2) target_el = exception.target_el;
    if target_el == EL0 then
        target_el = AArch64.SyncExceptionTarget();
    if (exception.exceptype == Exception_SupervisorCall || exception.exceptype == Exception_HypervisorCall ||
        (exception.exceptype == Exception_MonitorCall && target_el == EL3)) then
        preferred = preferred + 4;
    if exception.exceptype == Exception_IllegalState then
        exception.syndrome = Zeros(25);
    AArch64.TakeException(target_el, exception, preferred, 0x0);

// AArch64.IllegalStateException(): an instruction executed with PSTATE.IL
// set (after an illegal exception return) takes this instead of executing.
AArch64.IllegalStateException()
    ExceptionRecord exception = ExceptionSyndrome(Exception_IllegalState);
    _Exception = exception;
    AArch64.TakePendingException();

// ------------------------------------------------------------ traps

// AArch64.SystemAccessTrap(): a trapped MRS, MSR or SYS instruction (EC
// 0x18). The ISS repeats the instruction's operands: Op0, Op2, Op1, CRn,
// Rt, CRm and the direction (1 = read), all fields of ThisInstr().
AArch64.SystemAccessTrap(bits(2) target_el)
    bits(32) instr = ThisInstr();
    ExceptionRecord exception = ExceptionSyndrome(Exception_SystemRegisterTrap);
    exception.syndrome<21:20> = instr<20:19>;   // Op0
    exception.syndrome<19:17> = instr<7:5>;     // Op2
    exception.syndrome<16:14> = instr<18:16>;   // Op1
    exception.syndrome<13:10> = instr<15:12>;   // CRn
    exception.syndrome<9:5> = instr<4:0>;       // Rt
    exception.syndrome<4:1> = instr<11:8>;      // CRm
    exception.syndrome<0> = instr<21>;          // Direction: L
    exception.target_el = target_el;
    _Exception = exception;
    RaiseException();

// AArch64.WFxTrap(): WFI (ti = '00') or WFE (ti = '01') trapped to
// target_el (EC 0x01). Trapped A64 instructions report CV = 1 and
// COND = '1110'.
AArch64.WFxTrap(bits(2) target_el, bits(2) ti)
    ExceptionRecord exception = ExceptionSyndrome(Exception_WFxTrap);
    exception.syndrome<24> = '1';
    exception.syndrome<23:20> = '1110';
    exception.syndrome<1:0> = ti;
    exception.target_el = target_el;
    _Exception = exception;
    RaiseException();

// AArch64.CheckForWFxTrap(): the WFx traps of SCTLR_EL1.nTWI/nTWE (EL0),
// HCR_EL2.TWI/TWE (EL0 and EL1) and SCR_EL3.TWI/TWE (below EL3), checked in
// that order: the first that applies takes the exception.
AArch64.CheckForWFxTrap(bits(2) ti)
    boolean is_wfe = ti == '01';
    if PSTATE.EL == EL0 && !(EL2Enabled() && HCR_EL2<27> == '1') then
        bit n = if is_wfe then SCTLR_EL1<18> else SCTLR_EL1<16>;
        if n == '0' then
            AArch64.WFxTrap(EL1, ti);
    if (PSTATE.EL == EL0 || PSTATE.EL == EL1) && EL2Enabled() then
        bit t = if is_wfe then HCR_EL2<14> else HCR_EL2<13>;
        if t == '1' then
            AArch64.WFxTrap(EL2, ti);
    if PSTATE.EL != EL3 && HaveEL(EL3) then
        bit t3 = if is_wfe then SCR_EL3<13> else SCR_EL3<12>;
        if t3 == '1' then
            AArch64.WFxTrap(EL3, ti);

// AArch64.CheckEL0SysTrap(): an EL0 access that SCTLR_EL1 enables with
// `enable` (UCT, UCI, DZE, UMA) traps to EL1 (to EL2 when HCR_EL2.TGE is
// set, where the EL2 controls apply instead: without FEAT_VHE they trap
// nothing, IMPDEF here).
AArch64.CheckEL0SysTrap(bit enable)
    if PSTATE.EL == EL0 && enable == '0' then
        if EL2Enabled() && HCR_EL2<27> == '1' then
            return;
        AArch64.SystemAccessTrap(EL1);

// SysRegAccessEL1() / EL2 / EL3: the access checks of a register that
// belongs to an Exception level: UNDEFINED below it (EC 0x00), and for EL2
// registers at EL3 when EL2 does not exist.
SysRegAccessEL1()
    if PSTATE.EL == EL0 then
        UNDEFINED;

SysRegAccessEL2()
    if !HaveEL(EL2) || PSTATE.EL == EL0 || PSTATE.EL == EL1 then
        UNDEFINED;

SysRegAccessEL3()
    if !HaveEL(EL3) || PSTATE.EL != EL3 then
        UNDEFINED;

// AArch64.CheckFPAccessTraps(): SIMD&FP access traps (D1.12.x): CPACR_EL1.FPEN
// at EL0/EL1, CPTR_EL2.TFP below EL3 when EL2 is enabled, CPTR_EL3.TFP
// below EL3 (EC 0x07, CV = 1, COND = '1110').
AArch64.CheckFPAccessTraps()
    bits(2) fpen = CPACR_EL1<21:20>;
    if PSTATE.EL == EL0 && !(EL2Enabled() && HCR_EL2<27> == '1') && fpen != '11' then
        AArch64.AdvSIMDFPAccessTrap(EL1);
    if PSTATE.EL == EL1 && (fpen == '00' || fpen == '10') then
        AArch64.AdvSIMDFPAccessTrap(EL1);
    if PSTATE.EL != EL3 && EL2Enabled() && CPTR_EL2<10> == '1' then
        AArch64.AdvSIMDFPAccessTrap(EL2);
    if PSTATE.EL != EL3 && HaveEL(EL3) && CPTR_EL3<10> == '1' then
        AArch64.AdvSIMDFPAccessTrap(EL3);

AArch64.AdvSIMDFPAccessTrap(bits(2) target_el)
    ExceptionRecord exception = ExceptionSyndrome(Exception_AdvSIMDFPAccessTrap);
    exception.syndrome<24> = '1';
    exception.syndrome<23:20> = '1110';
    exception.target_el = target_el;
    _Exception = exception;
    RaiseException();

// ------------------------------------------------------------ exception return

// IllegalExceptionReturn(): is returning with `spsr` an illegal exception
// return (D1.5.2)? Then PSTATE.IL is set and EL, SP and nRW are kept.
boolean IllegalExceptionReturn(bits(64) spsr)
    if spsr<4> == '1' then
        return TRUE;                 // AArch32: not implemented (IMPDEF)
    if spsr<1> == '1' then
        return TRUE;                 // M[1] is reserved in AArch64
    bits(2) target = spsr<3:2>;
    if !HaveEL(target) || UInt(target) > UInt(PSTATE.EL) then
        return TRUE;
    if target == EL0 && spsr<0> == '1' then
        return TRUE;                 // EL0 has no SP_EL0 / SP_ELx choice
    if target == EL2 && HaveEL(EL3) && SCR_EL3<0> == '0' then
        return TRUE;                 // Secure EL2 needs FEAT_SEL2
    if target == EL1 && EL2Enabled() && HCR_EL2<27> == '1' then
        return TRUE;                 // HCR_EL2.TGE: EL1 is not in use
    // The target EL would be AArch32 (SCR_EL3.RW, HCR_EL2.RW) while SPSR says AArch64.
    if target != EL3 && HaveEL(EL3) && SCR_EL3<10> == '0' then
        return TRUE;
    if (target == EL0 || target == EL1) && EL2Enabled() && HCR_EL2<31> == '0' && !(target == EL0 && HCR_EL2<27> == '1') then
        return TRUE;
    return FALSE;

// AArch64.ExceptionReturn(): ERET. Restores PSTATE from the SPSR and
// branches to the ELR; an illegal return keeps EL and SP and sets PSTATE.IL.
// Returning clears the local exclusive monitor and sets the Event register.
AArch64.ExceptionReturn(bits(64) new_pc, bits(64) spsr)
    if IllegalExceptionReturn(spsr) then
        bits(2) el = PSTATE.EL;
        bit sp = PSTATE.SP;
        SetPSTATEFromPSR(spsr);
        PSTATE.EL = el;
        PSTATE.SP = sp;
        PSTATE.IL = '1';
    else
        SetPSTATEFromPSR(spsr);
    ClearExclusiveLocal(ProcessorID());
    SendEventLocal();
    // BranchTo() applies the top-byte-ignore of the new EL (AArch64.BranchAddr()).
    BranchTo(new_pc, BranchType_ERET, FALSE);

// ------------------------------------------------------------ interrupts

// AArch64.InterruptTarget(): the EL a physical interrupt is routed to
// (SCR_EL3.IRQ/FIQ/EA, then HCR_EL2.IMO/FMO/AMO or TGE, else EL1).
bits(2) AArch64.InterruptTarget(bit scr_route, bit hcr_route)
    if HaveEL(EL3) && scr_route == '1' then
        return EL3;
    if EL2Enabled() && (hcr_route == '1' || HCR_EL2<27> == '1') then
        return EL2;
    return EL1;

// AArch64.PhysicalInterruptTaken(): an interrupt for target_el is taken at
// the current EL when it targets a higher EL (not masked by PSTATE), or
// this EL with its PSTATE mask bit clear; never when it targets a lower EL.
boolean AArch64.PhysicalInterruptTaken(bits(2) target_el, bit mask)
    if UInt(target_el) < UInt(PSTATE.EL) then
        return FALSE;
    return UInt(target_el) > UInt(PSTATE.EL) || mask == '0';

// AArch64.VirtualInterruptTaken(): virtual interrupts (HCR_EL2.VI/VF/VSE)
// reach EL0 and EL1 when EL2 routes the physical ones to itself
// (HCR_EL2.IMO/FMO/AMO) and TGE is clear, masked by PSTATE.
boolean AArch64.VirtualInterruptTaken(bit pending, bit hcr_route, bit mask)
    if pending == '0' || !EL2Enabled() || HCR_EL2<27> == '1' || hcr_route == '0' then
        return FALSE;
    return (PSTATE.EL == EL0 || PSTATE.EL == EL1) && mask == '0';

// InterruptPending(): a WFI wake-up event: any interrupt input or virtual
// interrupt is pending, whether or not PSTATE masks it.
boolean InterruptPending()
    return (IRQPending || FIQPending || SErrorPending ||
            (EL2Enabled() && HCR_EL2<8:6> != '000'));

// AArch64.TakeUnmaskedInterrupt(): between instructions, take the
// highest-priority pending interrupt that is not masked; TRUE if one was
// taken. IMPDEF: the priority is SError, virtual SError, FIQ, virtual FIQ,
// IRQ, virtual IRQ. The preferred return address is the next instruction.
boolean AArch64.TakeUnmaskedInterrupt()
    bits(64) ret = PC[];
    if SErrorPending then
        bits(2) target = AArch64.InterruptTarget(SCR_EL3<3>, HCR_EL2<5>);
        if AArch64.PhysicalInterruptTaken(target, PSTATE.A) then
            SErrorPending = FALSE;
            // IMPDEF: the SError syndrome (ISS) is 0 (FEAT_RAS is not modelled).
            AArch64.TakeException(target, ExceptionSyndrome(Exception_SError), ret, 0x180);
            return TRUE;
    if AArch64.VirtualInterruptTaken(HCR_EL2<8>, HCR_EL2<5>, PSTATE.A) then
        HCR_EL2<8> = '0';            // taking a virtual SError clears HCR_EL2.VSE
        ExceptionRecord vexception = ExceptionSyndrome(Exception_SError);
        AArch64.TakeException(EL1, vexception, ret, 0x180);
        return TRUE;
    if FIQPending then
        bits(2) target = AArch64.InterruptTarget(SCR_EL3<2>, HCR_EL2<3>);
        if AArch64.PhysicalInterruptTaken(target, PSTATE.F) then
            AArch64.TakeException(target, ExceptionSyndrome(Exception_FIQ), ret, 0x100);
            return TRUE;
    if AArch64.VirtualInterruptTaken(HCR_EL2<6>, HCR_EL2<3>, PSTATE.F) then
        AArch64.TakeException(EL1, ExceptionSyndrome(Exception_FIQ), ret, 0x100);
        return TRUE;
    if IRQPending then
        bits(2) target = AArch64.InterruptTarget(SCR_EL3<1>, HCR_EL2<4>);
        if AArch64.PhysicalInterruptTaken(target, PSTATE.I) then
            AArch64.TakeException(target, ExceptionSyndrome(Exception_IRQ), ret, 0x80);
            return TRUE;
    if AArch64.VirtualInterruptTaken(HCR_EL2<7>, HCR_EL2<4>, PSTATE.I) then
        AArch64.TakeException(EL1, ExceptionSyndrome(Exception_IRQ), ret, 0x80);
        return TRUE;
    return FALSE;

// ------------------------------------------------------------ reset

// AArch64.TakeReset(): reset into the highest implemented EL, using SP_ELx,
// with every asynchronous exception masked (D1.9 "Reset"); the board then
// sets the PC to the reset vector (RVBAR_ELx). Register reset values come
// from spec/sysregs.
AArch64.TakeReset()
    PSTATE.nRW = '0';
    PSTATE.EL = HighestEL();
    PSTATE.SP = '1';
    PSTATE.<D,A,I,F> = '1111';
    PSTATE.SS = '0';
    PSTATE.IL = '0';
    PSTATE.BTYPE = '00';
    if IsFeatureImplemented(FEAT_MTE) then
        PSTATE.TCO = '1';
