// The GICv3 CPU interface (Arm IHI 0069): the ICC_* system registers of
// spec/sysregs are views of state held by the board's interrupt controller
// (boards/dev/gicv3_cpuif.c), reached through these primitives
// (interp/cpu_board.c). The order of GICRegister is the order of CpuGicReg
// in interp/cpu.h.

enumeration GICRegister {
    GICReg_PMR_EL1, GICReg_IAR0_EL1, GICReg_EOIR0_EL1, GICReg_HPPIR0_EL1, GICReg_BPR0_EL1,
    GICReg_AP0R0_EL1, GICReg_AP1R0_EL1, GICReg_DIR_EL1, GICReg_RPR_EL1, GICReg_SGI1R_EL1,
    GICReg_ASGI1R_EL1, GICReg_SGI0R_EL1, GICReg_IAR1_EL1, GICReg_EOIR1_EL1, GICReg_HPPIR1_EL1,
    GICReg_BPR1_EL1, GICReg_CTLR_EL1, GICReg_SRE_EL1, GICReg_IGRPEN0_EL1, GICReg_IGRPEN1_EL1,
    GICReg_SRE_EL2, GICReg_CTLR_EL3, GICReg_SRE_EL3, GICReg_IGRPEN1_EL3
};

// Is a GICv3 CPU interface attached to this PE (the board has a GICv3)?
__pure_primitive boolean GICCPUInterfacePresent();
__pure_primitive bits(64) GICCPUInterfaceRead(GICRegister reg);
__pure_primitive GICCPUInterfaceWrite(GICRegister reg, bits(64) value);

// GICCPUInterfaceAccess(): the access checks of an ICC_* register of `el`:
// UNDEFINED without a GIC CPU interface, below the register's EL, and for
// an EL2/EL3 register where that EL is not implemented. The traps of
// ICH_HCR_EL2 and ICC_SRE_ELx.Enable are not modelled (system register
// access is always enabled: ICC_SRE_ELx.SRE is RAO/WI).
GICCPUInterfaceAccess(bits(2) el)
    if !GICCPUInterfacePresent() then
        UNDEFINED;
    if el == EL1 then
        SysRegAccessEL1();
    elsif el == EL2 then
        SysRegAccessEL2();
    else
        SysRegAccessEL3();
