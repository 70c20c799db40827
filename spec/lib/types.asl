// Types shared by the whole description: enumerations and records named as
// in the Arm ARM (shared pseudocode, J1).

enumeration BranchType {
    BranchType_DIRCALL,     // direct branch with link
    BranchType_INDCALL,     // indirect branch with link
    BranchType_ERET,        // exception return
    BranchType_DBGEXIT,     // exit from debug state
    BranchType_RET,         // indirect branch with function return hint
    BranchType_DIR,         // direct branch
    BranchType_INDIR,       // indirect branch
    BranchType_EXCEPTION,   // exception entry
    BranchType_RESET,       // reset
    BranchType_UNKNOWN
};

enumeration AccType {
    AccType_NORMAL, AccType_STREAM, AccType_VEC, AccType_ATOMIC,
    AccType_ORDERED, AccType_LIMITEDORDERED, AccType_UNPRIV, AccType_IFETCH,
    AccType_AT              // address translation instructions (AT S1E1R, ...)
};

enumeration MemOp { MemOp_LOAD, MemOp_STORE, MemOp_PREFETCH };

enumeration ShiftType { ShiftType_LSL, ShiftType_LSR, ShiftType_ASR, ShiftType_ROR };

enumeration ExtendType {
    ExtendType_UXTB, ExtendType_UXTH, ExtendType_UXTW, ExtendType_UXTX,
    ExtendType_SXTB, ExtendType_SXTH, ExtendType_SXTW, ExtendType_SXTX
};

enumeration LogicalOp { LogicalOp_AND, LogicalOp_EOR, LogicalOp_ORR };

enumeration MoveWideOp { MoveWideOp_N, MoveWideOp_Z, MoveWideOp_K };

enumeration CountOp { CountOp_CLZ, CountOp_CLS, CountOp_CNT };

enumeration RevOp { RevOp_RBIT, RevOp_REV16, RevOp_REV32, RevOp_REV64 };

enumeration Exception {
    Exception_None,
    Exception_Uncategorized,       // EC 0x00
    Exception_WFxTrap,             // EC 0x01
    Exception_AdvSIMDFPAccessTrap, // EC 0x07
    Exception_IllegalState,        // EC 0x0E
    Exception_SupervisorCall,      // EC 0x15
    Exception_HypervisorCall,      // EC 0x16
    Exception_MonitorCall,         // EC 0x17
    Exception_SystemRegisterTrap,  // EC 0x18
    Exception_InstructionAbort,    // EC 0x20/0x21
    Exception_PCAlignment,         // EC 0x22
    Exception_DataAbort,           // EC 0x24/0x25
    Exception_SPAlignment,         // EC 0x26
    Exception_SError,              // EC 0x2F
    Exception_SoftwareBreakpoint,  // EC 0x3C
    Exception_IRQ,                 // asynchronous: no syndrome
    Exception_FIQ,                 // asynchronous: no syndrome
    Exception_Semihosting,         // not an exception: a semihosting request to the board
    Exception_FirmwareCall         // not an exception: HVC/SMC answered by the board's firmware (PSCI)
};

// The state of the PE that PSTATE collects (D1.4).
type ProcState is (
    bits(1) N, bits(1) Z, bits(1) C, bits(1) V,
    bits(1) D, bits(1) A, bits(1) I, bits(1) F,
    bits(1) PAN, bits(1) UAO, bits(1) DIT, bits(1) TCO,
    bits(2) BTYPE, bits(1) SS, bits(1) IL, bits(2) EL,
    bits(1) nRW, bits(1) SP, bits(1) SSBS
)

// What an exception carries to its handler (AArch64.TakeException()).
type ExceptionRecord is (
    Exception exceptype,
    bits(25) syndrome,
    bits(64) vaddress,
    boolean write,
    bits(2) target_el,     // EL0: route as AArch64.TakePendingException() says
    boolean ipavalid,      // a stage 2 fault: ipaddress goes to HPFAR_EL2
    bits(64) ipaddress
)
