// Transactional Memory Extension (FEAT_TME): TSTART, TCOMMIT, TCANCEL,
// TTEST (aarch64/functions/tme).
//
// The model is the architecture's trivial implementation: every TSTART
// fails at once with cause TRIVIAL, which the Arm ARM defines for
// SCTLR_ELx.TMT/TMT0 == 1 ("forces a trivial implementation of the
// Transactional Memory Extension"). No transaction is ever started, so no
// register checkpoint or transactional write buffer is needed, TTEST reads
// 0, TCOMMIT is UNDEFINED (Non-transactional state) and TCANCEL does
// nothing.
// IMPDEF: SCTLR_EL1 and SCTLR_EL2..3 are not modelled yet; their TME/TME0
//   fields are taken as 1 (TSTART is not trapped) and TMT/TMT0 as 1
//   (trivial implementation) at every EL. SCR_EL3.TME and HCR_EL2.TME are
//   not modelled either (EL2 and EL3 are not implemented), so
//   IsTMEEnabled() is TRUE. (Linux has no TME support and leaves
//   SCTLR_EL1.TME0 at 0, which would make TSTART trap at EL0.)

enumeration TMFailure {
    TMFailure_CNCL,     // TCANCEL
    TMFailure_DBG,      // debug event
    TMFailure_ERR,      // a non-permissible operation
    TMFailure_NEST,     // nesting depth exceeded
    TMFailure_SIZE,     // read or write set limit exceeded
    TMFailure_MEM,      // memory conflict
    TMFailure_TRIVIAL,  // trivial implementation
    TMFailure_IMP       // IMPLEMENTATION DEFINED reason
};

// TSTATE: the transactional state of the PE. depth is the nesting depth
// (0: Non-transactional state), Rt the TSTART destination register of the
// outer transaction and nPC the address after that TSTART.
integer TSTATE_depth;
integer TSTATE_Rt;
bits(64) TSTATE_nPC;

// IsTMEEnabled(): SCR_EL3.TME and HCR_EL2.TME enable TME below EL3/EL2;
// with neither EL implemented, TME is enabled.
boolean IsTMEEnabled()
    if PSTATE.EL != EL3 && HaveEL(EL3) then
        return FALSE;      // SCR_EL3.TME would decide; EL3 is not implemented
    if (PSTATE.EL == EL0 || PSTATE.EL == EL1) && HaveEL(EL2) then
        return FALSE;      // HCR_EL2.TME would decide; EL2 is not implemented
    return TRUE;

// TMEStartEnabled() / TMETrivial(): SCTLR_ELx.TME/TME0 and TMT/TMT0 of the
// current EL (IMPDEF values above).
boolean TMEStartEnabled()
    return TRUE;

boolean TMETrivial()
    return TRUE;

// FailTransaction(): the transaction fails with `cause`: Transactional
// state is left, Xt of the outer TSTART receives the cause and execution
// goes on after that TSTART. With no transaction ever started (trivial
// implementation) there is no checkpoint to restore.
FailTransaction(TMFailure cause, boolean retry, bits(15) reason)
    ClearExclusiveLocal(ProcessorID());
    bits(64) result = Zeros(64);
    result<15> = if retry then '1' else '0';
    case cause of
        when TMFailure_TRIVIAL result<24> = '1';
        when TMFailure_DBG     result<22> = '1';
        when TMFailure_NEST    result<21> = '1';
        when TMFailure_SIZE    result<20> = '1';
        when TMFailure_ERR     result<19> = '1';
        when TMFailure_IMP     result<18> = '1';
        when TMFailure_MEM     result<17> = '1';
        when TMFailure_CNCL
            result<16> = '1';
            result<14:0> = reason;
    TSTATE_depth = 0;
    X[TSTATE_Rt, 64] = result;
    BranchTo(TSTATE_nPC, BranchType_UNKNOWN, FALSE);
