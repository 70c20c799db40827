// The generic timer (Arm ARM D11): the counters are PhysicalCountInt()
// (spec/lib/system.asl) and the virtual count below; the timers are their
// CTL/CVAL/TVAL registers in spec/sysregs. The interrupt outputs are
// computed by the board from the same registers and virtual time; a write
// that can change them tells it at once.

// GenericTimerChanged(): a timer control, compare value or offset was
// written: the board recomputes the timer interrupt outputs and deadlines
// (interp/cpu_board.c).
__pure_primitive GenericTimerChanged();

// VirtualCountInt(): CNTVCT_EL0, the physical count minus CNTVOFF_EL2
// (which applies whenever EL2 is implemented: IMPDEF here, for EL3 too).
bits(64) VirtualCountInt()
    if HaveEL(EL2) then
        return PhysicalCountInt() - CNTVOFF_EL2;
    return PhysicalCountInt();

// TimerCTLRead(): a timer's CTL register as software reads it: ENABLE and
// IMASK as written, ISTATUS set when the timer is enabled and its
// condition (count >= CVAL, unsigned) is met.
bits(64) TimerCTLRead(bits(64) ctl, bits(64) cval, bits(64) count)
    bits(64) r = ctl AND ZeroExtend('011', 64);
    if ctl<0> == '1' && UInt(count) >= UInt(cval) then
        r<2> = '1';
    return r;

// EL0 access to the EL1 physical timer: CNTKCTL_EL1.EL0PTEN; EL0/EL1 under
// an enabled EL2 (non-VHE): CNTHCTL_EL2.EL1PCEN.
CheckPhysTimerAccess()
    if PSTATE.EL == EL0 && !(EL2Enabled() && HCR_EL2<27> == '1') && CNTKCTL_EL1<9> == '0' then
        AArch64.SystemAccessTrap(EL1);
    if (PSTATE.EL == EL0 || PSTATE.EL == EL1) && EL2Enabled() && CNTHCTL_EL2<1> == '0' then
        AArch64.SystemAccessTrap(EL2);

// EL0 access to the virtual timer: CNTKCTL_EL1.EL0VTEN.
CheckVirtTimerAccess()
    if PSTATE.EL == EL0 && !(EL2Enabled() && HCR_EL2<27> == '1') && CNTKCTL_EL1<8> == '0' then
        AArch64.SystemAccessTrap(EL1);

// The secure physical timer: EL3, and Secure EL1 when SCR_EL3.ST is 1
// (trapped to EL3 when it is 0); UNDEFINED at EL0, EL2 and Non-secure EL1.
CheckSecurePhysTimerAccess()
    if PSTATE.EL == EL0 || PSTATE.EL == EL2 then
        UNDEFINED;
    if PSTATE.EL == EL1 then
        if !IsSecure() then
            UNDEFINED;
        if SCR_EL3<11> == '0' then
            AArch64.SystemAccessTrap(EL3);
