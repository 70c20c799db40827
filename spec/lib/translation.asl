// VMSAv8-64 address translation (aarch64/translation: AArch64.TranslateAddress,
// AArch64.FirstStageTranslate, AArch64.SecondStageTranslate, the table walk,
// AArch64.CheckPermission, AArch64.Abort; Arm ARM D8 "The AArch64 Virtual
// Memory System Architecture").
//
// In system mode Mem[] and instruction fetch look the virtual address up in
// the soft TLB (interp/tlb.c) and call AArch64.TranslateAddress() only on a
// miss; the result record carries what the TLB keeps: the output address,
// the permissions of every kind of access (so a hit needs no pseudocode) and
// what TLB maintenance matches on (ASID, nG, VMID, block sizes, IPA).
// User mode never translates: its GuestMem is the flat virtual address space.
//
// Implemented: stage 1 for the EL1&0, EL2 and EL3 regimes, stage 2 for EL1&0
// (HCR_EL2.VM), 4K/16K/64K granules, VA and IPA sizes of 25 to 48 bits,
// block and page descriptors, hierarchical APTable/UXNTable/PXNTable,
// access flag faults, AP/UXN/PXN/WXN/PAN permissions, S2AP/XN, MAIR
// attributes, address size faults, external aborts on table walks.
// IMPDEF choices (D8 and the CPU models):
//   - TnSZ below 16 is treated as 16, above 39 as 39.
//   - A reserved TGx encoding is treated as the 4K granule; every granule is
//     supported whatever ID_AA64MMFR0_EL1.TGranx says.
//   - The contiguous bit is ignored (it is only a hint to cache the range).
//   - Hardware AF/DBM update (FEAT_HAFDBS) is not implemented: AF == 0 faults.
//   - One physical address space: the NS/NSTable bits do not select another.
//   - TTBR BADDR bits below the table alignment are treated as 0.
// Not modelled: 52-bit VA/PA (FEAT_LVA/LPA/LPA2), VHE's EL2&0 regime,
// FEAT_HPDS, FEAT_XNX, HCR_EL2.DC/PTW/TEA, the ISV instruction syndrome of
// stage 2 data aborts, SCTLR_ELx.A alignment checks.

enumeration Fault {
    Fault_None,
    Fault_AddressSize,          // DFSC/IFSC 0b0000LL
    Fault_Translation,          // 0b0001LL
    Fault_AccessFlag,           // 0b0010LL
    Fault_Permission,           // 0b0011LL
    Fault_SyncExternal,         // 0b010000
    Fault_SyncExternalOnWalk,   // 0b0101LL
    Fault_Alignment             // 0b100001
};

// The access permissions a translation grants, for each kind of access:
// unprivileged (EL0, LDTR/STTR at EL1) and privileged read/write/execute,
// and the privileged data accesses when PSTATE.PAN is set.
type Permissions is (
    boolean ur, boolean uw, boolean ux,
    boolean pr, boolean pw, boolean px,
    boolean panr, boolean panw
)

// The result of a translation (Arm's AddressDescriptor with its FaultRecord
// folded in, plus what the TLB records about the entry).
type AddressDescriptor is (
    Fault fault,
    integer level,              // the lookup level of the fault
    boolean secondstage,        // the fault is a stage 2 fault
    boolean s2fs1walk,          // ... on a stage 1 translation table walk
    bits(64) ipaddress,         // stage 1 output (the IPA of a stage 2 fault)
    bits(64) paddress,          // the output address
    bits(8) memattrs,           // the MAIR_ELx attribute of the stage 1 entry
    boolean device,             // data accesses see Device memory
    bits(2) shareability,
    boolean ns,
    Permissions perms,
    boolean global,             // stage 1 nG == 0 (or a regime without ASIDs)
    bits(16) asid,
    bits(16) vmid,
    integer s1size,             // log2 of the stage 1 block or page size
    integer s2size              // log2 of the stage 2 block or page size (0: none)
)

// PhysMemValid() / PhysMemRead64(): the physical address space the board
// attached (a table walk's descriptor reads; nothing mapped there is an
// external abort on the walk). interp/tlb.c.
__pure_primitive boolean PhysMemValid(bits(64) paddress, integer size);
__pure_primitive bits(64) PhysMemRead64(bits(64) paddress);

// ------------------------------------------------------------ regime registers

// S1TranslationRegime(): the stage 1 regime of an EL (the EL2&0 regime of
// FEAT_VHE is not modelled).
bits(2) S1TranslationRegime(bits(2) el)
    if el == EL0 then
        return EL1;
    return el;

bits(64) TCR_ELx(bits(2) regime)
    case regime of
        when EL1 return TCR_EL1;
        when EL2 return TCR_EL2;
        otherwise return TCR_EL3;

bits(64) MAIR_ELx(bits(2) regime)
    case regime of
        when EL1 return MAIR_EL1;
        when EL2 return MAIR_EL2;
        otherwise return MAIR_EL3;

// AddrTop(): the most significant bit of an address that translation uses:
// 55 when the top byte is ignored (TCR_ELx.TBI; for instruction addresses
// only if TCR_ELx.TBID is clear, where FEAT_PAuth gives TBID), else 63.
integer AddrTop(bits(64) address, boolean IsInstr, bits(2) el)
    bits(2) regime = S1TranslationRegime(el);
    bit tbi;
    bit tbid;
    if regime == EL1 then
        tbi = if address<55> == '1' then TCR_EL1<38> else TCR_EL1<37>;
        tbid = if address<55> == '1' then TCR_EL1<52> else TCR_EL1<51>;
    elsif regime == EL2 then
        tbi = TCR_EL2<20>;
        tbid = TCR_EL2<29>;
    else
        tbi = TCR_EL3<20>;
        tbid = TCR_EL3<29>;
    if tbi == '1' && (!IsFeatureImplemented(FEAT_PAuth) || tbid == '0' || !IsInstr) then
        return 55;
    return 63;

// AArch64.BranchAddr(): a branch target with the top byte made canonical
// when it is ignored: sign-extended from bit 55 in the EL1&0 regime,
// zero-extended in the one-range regimes.
bits(64) AArch64.BranchAddr(bits(64) vaddress, bits(2) el)
    integer msbit = AddrTop(vaddress, TRUE, el);
    if msbit == 63 then
        return vaddress;
    if S1TranslationRegime(el) == EL1 && vaddress<55> == '1' then
        return '11111111' : vaddress<55:0>;
    return '00000000' : vaddress<55:0>;

// DecodePASize(): an IPS/PS field in bits, at most PAMax().
integer DecodePASize(bits(3) ps)
    integer size;
    case ps of
        when '000' size = 32;
        when '001' size = 36;
        when '010' size = 40;
        when '011' size = 42;
        when '100' size = 44;
        otherwise size = 48;
    if size > PAMax() then
        return PAMax();
    return size;

// PAMax(): the physical address size of the CPU model
// (ID_AA64MMFR0_EL1.PARange; 52 bits are not modelled: 48).
integer PAMax()
    case ID_AA64MMFR0_EL1<3:0> of
        when '0000' return 32;
        when '0001' return 36;
        when '0010' return 40;
        when '0011' return 42;
        when '0100' return 44;
        otherwise return 48;

// HighBitsZero(): are bits hi:lo of x zero (true when hi < lo)?
boolean HighBitsZero(bits(64) x, integer hi, integer lo)
    if hi < lo then
        return TRUE;
    return ((UInt(x) >> lo) MOD (1 << (hi - lo + 1))) == 0;

boolean HighBitsOnes(bits(64) x, integer hi, integer lo)
    if hi < lo then
        return TRUE;
    return ((UInt(x) >> lo) MOD (1 << (hi - lo + 1))) == (1 << (hi - lo + 1)) - 1;

// ClearLowBits(): x with bits n-1:0 cleared.
bits(64) ClearLowBits(bits(64) x, integer n)
    return ((UInt(x) >> n) << n)<63:0>;

// LowBits(): x with only bits n-1:0 kept.
bits(64) LowBits(bits(64) x, integer n)
    return (UInt(x) MOD (1 << n))<63:0>;

// GranuleBits(): log2 of the granule of a TCR_ELx.TG0 (tg1 FALSE) or TG1
// encoding. IMPDEF: a reserved encoding is the 4K granule.
integer GranuleBits(bits(2) tg, boolean tg1)
    if tg1 then
        case tg of
            when '01' return 14;
            when '11' return 16;
            otherwise return 12;
    case tg of
        when '01' return 16;
        when '10' return 14;
        otherwise return 12;

// ClampTxSZ(): IMPDEF: TnSZ values outside 16..39 are treated as the
// nearest of them.
integer ClampTxSZ(bits(6) tsz)
    integer t = UInt(tsz);
    if t < 16 then
        return 16;
    if t > 39 then
        return 39;
    return t;

// BlockAllowed(): may a descriptor at `level` be a block (D8.3)? 4K: levels
// 1 and 2; 16K and 64K: level 2 (level 1 needs 52-bit addresses).
boolean BlockAllowed(integer grainsize, integer level)
    if grainsize == 12 then
        return level == 1 || level == 2;
    return level == 2;

// MAIRAttr(): attribute `index` of a MAIR_ELx value.
bits(8) MAIRAttr(bits(64) mair, bits(3) index)
    case index of
        when '000' return mair<7:0>;
        when '001' return mair<15:8>;
        when '010' return mair<23:16>;
        when '011' return mair<31:24>;
        when '100' return mair<39:32>;
        when '101' return mair<47:40>;
        when '110' return mair<55:48>;
        otherwise return mair<63:56>;

// ------------------------------------------------------------ results

Permissions AllPermissions()
    Permissions p;
    p.ur = TRUE;
    p.uw = TRUE;
    p.ux = TRUE;
    p.pr = TRUE;
    p.pw = TRUE;
    p.px = TRUE;
    p.panr = TRUE;
    p.panw = TRUE;
    return p;

AddressDescriptor NewAddressDescriptor()
    AddressDescriptor d;
    d.fault = Fault_None;
    d.level = 0;
    d.secondstage = FALSE;
    d.s2fs1walk = FALSE;
    d.ipaddress = Zeros(64);
    d.paddress = Zeros(64);
    d.memattrs = Zeros(8);
    d.device = FALSE;
    d.shareability = '00';
    d.ns = FALSE;
    d.perms = AllPermissions();
    d.global = TRUE;
    d.asid = Zeros(16);
    d.vmid = Zeros(16);
    d.s1size = 12;
    d.s2size = 0;
    return d;

AddressDescriptor FaultDescriptor(Fault f, integer level, boolean secondstage, boolean s2fs1walk, bits(64) ipaddress)
    AddressDescriptor d = NewAddressDescriptor();
    d.fault = f;
    d.level = level;
    d.secondstage = secondstage;
    d.s2fs1walk = s2fs1walk;
    d.ipaddress = ipaddress;
    return d;

// ------------------------------------------------------------ regime state

// AArch64.CurrentASID(): the ASID of the EL1&0 regime (TCR_EL1.A1 chooses
// the TTBR that holds it; TCR_EL1.AS == 0: 8 bits).
bits(16) AArch64.CurrentASID()
    bits(16) asid = if TCR_EL1<22> == '1' then TTBR1_EL1<63:48> else TTBR0_EL1<63:48>;
    if TCR_EL1<36> == '0' then
        asid<15:8> = Zeros(8);
    return asid;

// AArch64.CurrentVMID(): VTTBR_EL2.VMID when EL2 is enabled (8 bits unless
// FEAT_VMID16 and VTCR_EL2.VS), else 0.
bits(16) AArch64.CurrentVMID()
    if !EL2Enabled() then
        return Zeros(16);
    bits(16) vmid = VTTBR_EL2<63:48>;
    if !(IsFeatureImplemented(FEAT_VMID16) && VTCR_EL2<19> == '1') then
        vmid<15:8> = Zeros(8);
    return vmid;

// AArch64.Stage2Enabled(): stage 2 translation of the EL1&0 regime.
boolean AArch64.Stage2Enabled(bits(2) regime)
    return regime == EL1 && EL2Enabled() && HCR_EL2<0> == '1';

// ------------------------------------------------------------ permissions

// AArch64.S1Permissions(): stage 1 access permissions of a leaf (D8.4):
// AP[2:1] with APTable restrictions, UXN/PXN (XN in one-range regimes)
// with UXNTable/PXNTable, WXN (SCTLR_ELx.WXN: writable means not
// executable), privileged execution never from EL0-writable memory, and
// PAN's view (privileged data access to EL0-accessible memory forbidden).
Permissions AArch64.S1Permissions(bits(2) regime, bits(2) ap, bit xn, bit pxn, bits(2) aptable, bit xntable, bit pxntable)
    Permissions p;
    boolean wxn = SCTLR_ELx(regime)<19> == '1';
    bit ap2 = ap<1> OR aptable<1>;
    if regime == EL1 then
        bit ap1 = ap<0> AND NOT(aptable<0>);
        p.pr = TRUE;
        p.pw = ap2 == '0';
        p.ur = ap1 == '1';
        p.uw = ap1 == '1' && ap2 == '0';
        p.ux = !(xn == '1' || xntable == '1' || (wxn && p.uw));
        p.px = !(pxn == '1' || pxntable == '1' || p.uw || (wxn && p.pw));
        p.panr = p.pr && ap1 == '0';
        p.panw = p.pw && ap1 == '0';
    else
        // One privilege level: AP[1] and the PXN bits are ignored (RES1/RES0).
        p.pr = TRUE;
        p.pw = ap2 == '0';
        p.px = !(xn == '1' || xntable == '1' || (wxn && p.pw));
        p.ur = FALSE;
        p.uw = FALSE;
        p.ux = FALSE;
        p.panr = p.pr;
        p.panw = p.pw;
    return p;

// AArch64.S2Permissions(): stage 2 S2AP (bit 0 read, bit 1 write) and XN,
// the same for every privilege.
Permissions AArch64.S2Permissions(bits(2) s2ap, bit xn)
    Permissions p;
    p.ur = s2ap<0> == '1';
    p.pr = p.ur;
    p.panr = p.ur;
    p.uw = s2ap<1> == '1';
    p.pw = p.uw;
    p.panw = p.uw;
    p.ux = xn == '0';
    p.px = p.ux;
    return p;

Permissions CombinePermissions(Permissions a, Permissions b)
    Permissions p;
    p.ur = a.ur && b.ur;
    p.uw = a.uw && b.uw;
    p.ux = a.ux && b.ux;
    p.pr = a.pr && b.pr;
    p.pw = a.pw && b.pw;
    p.px = a.px && b.px;
    p.panr = a.panr && b.panr;
    p.panw = a.panw && b.panw;
    return p;

// AArch64.IsPrivileged(): an access made with the permissions of a
// privileged EL: not from EL0, and not LDTR/STTR (AccType_UNPRIV) at EL1.
boolean AArch64.IsPrivileged(bits(2) el, AccType acctype)
    return el != EL0 && acctype != AccType_UNPRIV;

// AArch64.PANApplies(): PSTATE.PAN restricts this access: a privileged
// data access in the EL1&0 regime (not an instruction fetch or AT
// S1E1R/W).
boolean AArch64.PANApplies(bits(2) el, AccType acctype)
    return (IsFeatureImplemented(FEAT_PAN) && PSTATE.PAN == '1' && el == EL1 &&
            acctype != AccType_IFETCH && acctype != AccType_AT && acctype != AccType_UNPRIV);

// AArch64.CheckPermission(): does `p` allow this access?
boolean AArch64.CheckPermission(Permissions p, bits(2) el, AccType acctype, boolean iswrite)
    boolean priv = AArch64.IsPrivileged(el, acctype);
    if acctype == AccType_IFETCH then
        return if priv then p.px else p.ux;
    if !priv then
        return if iswrite then p.uw else p.ur;
    if AArch64.PANApplies(el, acctype) then
        return if iswrite then p.panw else p.panr;
    return if iswrite then p.pw else p.pr;

// ------------------------------------------------------------ stage 2

// AArch64.SecondStageWalk(): the stage 2 table walk of `ipaddress`
// (VTTBR_EL2, VTCR_EL2). s2fs1walk: the IPA is that of a stage 1
// translation table. Returns the output address, stage 2 permissions and
// memory type, or a stage 2 fault.
AddressDescriptor AArch64.SecondStageWalk(bits(64) ipaddress, boolean s2fs1walk)
    bits(64) vtcr = VTCR_EL2;
    integer tsz = ClampTxSZ(vtcr<5:0>);
    integer inputsize = 64 - tsz;
    integer grainsize = GranuleBits(vtcr<15:14>, FALSE);
    integer stride = grainsize - 3;
    integer outputsize = DecodePASize(vtcr<18:16>);
    // The start level (VTCR_EL2.SL0) and its concatenated tables.
    integer startlevel;
    bits(2) sl0 = vtcr<7:6>;
    boolean slvalid = TRUE;
    if grainsize == 12 then
        case sl0 of
            when '00' startlevel = 2;
            when '01' startlevel = 1;
            when '10' startlevel = 0;
            otherwise
                startlevel = 0;
                slvalid = FALSE;
    else
        case sl0 of
            when '00' startlevel = 3;
            when '01' startlevel = 2;
            when '10'
                startlevel = 1;
                slvalid = grainsize == 14;
            otherwise
                startlevel = 0;
                slvalid = FALSE;
    integer firstbits = inputsize - (grainsize + (3 - startlevel) * stride);
    if !slvalid || firstbits < 1 || firstbits > stride + 4 then
        return FaultDescriptor(Fault_Translation, 0, TRUE, s2fs1walk, ipaddress);
    if !HighBitsZero(ipaddress, 63, inputsize) then
        return FaultDescriptor(Fault_Translation, 0, TRUE, s2fs1walk, ipaddress);
    bits(64) baseaddr = ClearLowBits(ZeroExtend(VTTBR_EL2<47:1> : '0', 64), firstbits + 3);
    if !HighBitsZero(baseaddr, 63, outputsize) then
        return FaultDescriptor(Fault_AddressSize, 0, TRUE, s2fs1walk, ipaddress);
    integer level = startlevel;
    bits(64) desc;
    while TRUE do
        integer lsb = grainsize + (3 - level) * stride;
        integer nbits = if level == startlevel then firstbits else stride;
        integer index = (UInt(ipaddress) >> lsb) MOD (1 << nbits);
        bits(64) descaddr = baseaddr + 8 * index;
        if !PhysMemValid(descaddr, 8) then
            return FaultDescriptor(Fault_SyncExternalOnWalk, level, TRUE, s2fs1walk, ipaddress);
        desc = PhysMemRead64(descaddr);
        if desc<0> == '0' || (level == 3 && desc<1> == '0') then
            return FaultDescriptor(Fault_Translation, level, TRUE, s2fs1walk, ipaddress);
        if desc<1> == '0' && !BlockAllowed(grainsize, level) then
            return FaultDescriptor(Fault_Translation, level, TRUE, s2fs1walk, ipaddress);
        bits(64) oa = ClearLowBits(ZeroExtend(desc<47:0>, 64), if level == 3 || desc<1> == '0' then lsb else grainsize);
        if !HighBitsZero(oa, 63, outputsize) then
            return FaultDescriptor(Fault_AddressSize, level, TRUE, s2fs1walk, ipaddress);
        if level == 3 || desc<1> == '0' then
            // a page or a block
            if desc<10> == '0' then
                return FaultDescriptor(Fault_AccessFlag, level, TRUE, s2fs1walk, ipaddress);
            AddressDescriptor d = NewAddressDescriptor();
            d.paddress = oa OR LowBits(ipaddress, lsb);
            d.ipaddress = ipaddress;
            d.perms = AArch64.S2Permissions(desc<7:6>, desc<54>);
            d.device = desc<5:4> == '00';          // MemAttr[3:2] == '00': Device
            d.shareability = desc<9:8>;
            d.s2size = lsb;
            d.level = level;
            return d;
        baseaddr = oa;
        level = level + 1;

// AArch64.SecondStageTranslate(): stage 2 of an access whose stage 1 gave
// `s1`: the walk, then the stage 2 permission check. Permissions and memory
// type are combined with stage 1's.
AddressDescriptor AArch64.SecondStageTranslate(AddressDescriptor s1, bits(2) el, AccType acctype, boolean iswrite)
    AddressDescriptor s2 = AArch64.SecondStageWalk(s1.paddress, FALSE);
    if s2.fault != Fault_None then
        return s2;
    if !AArch64.CheckPermission(s2.perms, el, acctype, iswrite) then
        return FaultDescriptor(Fault_Permission, s2.level, TRUE, FALSE, s1.paddress);
    AddressDescriptor d = s1;
    d.ipaddress = s1.paddress;
    d.paddress = s2.paddress;
    d.perms = CombinePermissions(s1.perms, s2.perms);
    d.device = s1.device || s2.device;
    d.s2size = s2.s2size;
    return d;

// AArch64.WalkReadAddress(): the physical address of a stage 1 descriptor
// read: through stage 2 when it is enabled (a fault there is a stage 2
// fault on the stage 1 walk, S1PTW).
AddressDescriptor AArch64.WalkReadAddress(bits(64) descaddr, boolean s2)
    if !s2 then
        AddressDescriptor d = NewAddressDescriptor();
        d.paddress = descaddr;
        return d;
    AddressDescriptor w = AArch64.SecondStageWalk(descaddr, TRUE);
    if w.fault != Fault_None then
        return w;
    if !w.perms.pr then
        return FaultDescriptor(Fault_Permission, w.level, TRUE, TRUE, descaddr);
    return w;

// ------------------------------------------------------------ stage 1

// AArch64.TranslationTableWalk(): the stage 1 walk of `vaddress` in
// `regime` (TTBR0/TTBR1 by VA bit 55 in the EL1&0 regime), with `top` the
// highest address bit that translation uses (AddrTop()).
AddressDescriptor AArch64.TranslationTableWalk(bits(64) vaddress, bits(2) regime, integer top, boolean s2)
    bits(64) tcr = TCR_ELx(regime);
    boolean upper = regime == EL1 && vaddress<55> == '1';
    integer tsz;
    integer grainsize;
    boolean disabled = FALSE;
    bits(64) ttbr;
    bits(3) ps;
    if regime == EL1 then
        ps = tcr<34:32>;
        if upper then
            tsz = ClampTxSZ(tcr<21:16>);
            grainsize = GranuleBits(tcr<31:30>, TRUE);
            disabled = tcr<23> == '1';
            ttbr = TTBR1_EL1;
        else
            tsz = ClampTxSZ(tcr<5:0>);
            grainsize = GranuleBits(tcr<15:14>, FALSE);
            disabled = tcr<7> == '1';
            ttbr = TTBR0_EL1;
    else
        ps = tcr<18:16>;
        tsz = ClampTxSZ(tcr<5:0>);
        grainsize = GranuleBits(tcr<15:14>, FALSE);
        ttbr = if regime == EL2 then TTBR0_EL2 else TTBR0_EL3;
    integer inputsize = 64 - tsz;
    integer stride = grainsize - 3;
    integer outputsize = DecodePASize(ps);
    // The VA must lie in the range of its TTBR: bits top:inputsize all equal
    // to bit 55 (EL1&0) or all zero (one-range regimes).
    boolean inrange = if upper then HighBitsOnes(vaddress, top, inputsize) else HighBitsZero(vaddress, top, inputsize);
    if !inrange || disabled then
        return FaultDescriptor(Fault_Translation, 0, FALSE, FALSE, Zeros(64));
    integer levels = (inputsize - grainsize + stride - 1) DIV stride;
    integer startlevel = 4 - levels;
    integer firstbits = inputsize - (grainsize + (3 - startlevel) * stride);
    bits(64) baseaddr = ClearLowBits(ZeroExtend(ttbr<47:1> : '0', 64), if firstbits + 3 < 6 then 6 else firstbits + 3);
    if !HighBitsZero(baseaddr, 63, outputsize) then
        return FaultDescriptor(Fault_AddressSize, 0, FALSE, FALSE, Zeros(64));
    bits(2) aptable = '00';
    bit xntable = '0';
    bit pxntable = '0';
    integer level = startlevel;
    bits(64) desc;
    while TRUE do
        integer lsb = grainsize + (3 - level) * stride;
        integer nbits = if level == startlevel then firstbits else stride;
        integer index = (UInt(vaddress) >> lsb) MOD (1 << nbits);
        AddressDescriptor w = AArch64.WalkReadAddress(baseaddr + 8 * index, s2);
        if w.fault != Fault_None then
            return w;
        if !PhysMemValid(w.paddress, 8) then
            return FaultDescriptor(Fault_SyncExternalOnWalk, level, FALSE, FALSE, Zeros(64));
        desc = PhysMemRead64(w.paddress);
        if desc<0> == '0' || (level == 3 && desc<1> == '0') then
            return FaultDescriptor(Fault_Translation, level, FALSE, FALSE, Zeros(64));
        if desc<1> == '0' && !BlockAllowed(grainsize, level) then
            return FaultDescriptor(Fault_Translation, level, FALSE, FALSE, Zeros(64));
        boolean leaf = level == 3 || desc<1> == '0';
        bits(64) oa = ClearLowBits(ZeroExtend(desc<47:0>, 64), if leaf then lsb else grainsize);
        if !HighBitsZero(oa, 63, outputsize) then
            return FaultDescriptor(Fault_AddressSize, level, FALSE, FALSE, Zeros(64));
        if leaf then
            if desc<10> == '0' then
                return FaultDescriptor(Fault_AccessFlag, level, FALSE, FALSE, Zeros(64));
            AddressDescriptor d = NewAddressDescriptor();
            d.paddress = oa OR LowBits(vaddress, lsb);
            d.memattrs = MAIRAttr(MAIR_ELx(regime), desc<4:2>);
            d.device = d.memattrs<7:4> == '0000';
            d.shareability = desc<9:8>;
            d.ns = desc<5> == '1';
            d.perms = AArch64.S1Permissions(regime, desc<7:6>, desc<54>, desc<53>, aptable, xntable, pxntable);
            d.global = regime != EL1 || desc<11> == '0';
            d.asid = if regime == EL1 then AArch64.CurrentASID() else Zeros(16);
            d.s1size = lsb;
            d.level = level;
            return d;
        aptable = aptable OR desc<62:61>;
        xntable = xntable OR desc<60>;
        pxntable = pxntable OR desc<59>;
        baseaddr = oa;
        level = level + 1;

// AArch64.FirstStageTranslate(): stage 1 of an access by `el`: the walk
// (or the flat mapping when SCTLR_ELx.M is 0), then the alignment check of
// Device memory and the permission check.
AddressDescriptor AArch64.FirstStageTranslate(bits(64) vaddress, bits(2) el, AccType acctype, boolean iswrite, boolean aligned)
    bits(2) regime = S1TranslationRegime(el);
    boolean s2 = AArch64.Stage2Enabled(regime);
    integer top = AddrTop(vaddress, acctype == AccType_IFETCH, el);
    AddressDescriptor d;
    if SCTLR_ELx(regime)<0> == '0' then
        // MMU off: VA == PA; data accesses are Device-nGnRnE, instruction
        // fetches Normal (D8.2.10 "The effects of disabling a stage of translation").
        if !HighBitsZero(vaddress, top, PAMax()) then
            return FaultDescriptor(Fault_AddressSize, 0, FALSE, FALSE, Zeros(64));
        d = NewAddressDescriptor();
        d.paddress = LowBits(vaddress, PAMax());
        d.device = TRUE;
        d.memattrs = if acctype == AccType_IFETCH then '01000100' else '00000000';
        d.shareability = '10';
        d.s1size = 12;
        d.level = 0;
    else
        d = AArch64.TranslationTableWalk(vaddress, regime, top, s2);
        if d.fault != Fault_None then
            return d;
    if !aligned && d.device && acctype != AccType_IFETCH && acctype != AccType_AT then
        return FaultDescriptor(Fault_Alignment, 0, FALSE, FALSE, Zeros(64));
    if !AArch64.CheckPermission(d.perms, el, acctype, iswrite) then
        return FaultDescriptor(Fault_Permission, d.level, FALSE, FALSE, Zeros(64));
    return d;

// AArch64.FullTranslate(): both stages for an access by `el`.
AddressDescriptor AArch64.FullTranslate(bits(64) vaddress, bits(2) el, AccType acctype, boolean iswrite, boolean aligned, boolean stage2)
    bits(2) regime = S1TranslationRegime(el);
    AddressDescriptor d = AArch64.FirstStageTranslate(vaddress, el, acctype, iswrite, aligned);
    if d.fault != Fault_None then
        return d;
    if stage2 && AArch64.Stage2Enabled(regime) then
        d = AArch64.SecondStageTranslate(d, el, acctype, iswrite);
        if d.fault != Fault_None then
            return d;
        d.vmid = AArch64.CurrentVMID();
    elsif regime == EL1 then
        d.vmid = AArch64.CurrentVMID();
    return d;

// AArch64.TranslateAddress(): translate the access of Mem[] or an
// instruction fetch by the current EL (the soft TLB calls this on a miss).
// A fault ends the instruction with an Instruction or Data Abort.
AddressDescriptor AArch64.TranslateAddress(bits(64) vaddress, AccType acctype, boolean iswrite, boolean aligned)
    AddressDescriptor d = AArch64.FullTranslate(vaddress, PSTATE.EL, acctype, iswrite, aligned, TRUE);
    if d.fault != Fault_None then
        AArch64.Abort(vaddress, d, acctype, iswrite);
    return d;

// ------------------------------------------------------------ faults

// AArch64.FaultStatusCode(): ESR_ELx.ISS.{DFSC,IFSC} and PAR_EL1.FST.
bits(6) AArch64.FaultStatusCode(Fault f, integer level)
    bits(2) lvl = level<1:0>;
    case f of
        when Fault_AddressSize return '0000' : lvl;
        when Fault_Translation return '0001' : lvl;
        when Fault_AccessFlag return '0010' : lvl;
        when Fault_Permission return '0011' : lvl;
        when Fault_SyncExternal return '010000';
        when Fault_SyncExternalOnWalk return '0101' : lvl;
        when Fault_Alignment return '100001';
        otherwise return '000000';

boolean IsExternalAbort(Fault f)
    return f == Fault_SyncExternal || f == Fault_SyncExternalOnWalk;

// AArch64.Abort(): end the access with an Instruction Abort (fetch) or a
// Data Abort. Stage 2 faults go to EL2 with the IPA (HPFAR_EL2); external
// aborts to EL3 when SCR_EL3.EA is set; otherwise the usual routing
// (AArch64.SyncExceptionTarget()). WnR is 0 for a fault on a stage 1 walk.
AArch64.Abort(bits(64) vaddress, AddressDescriptor d, AccType acctype, boolean iswrite)
    boolean ifetch = acctype == AccType_IFETCH;
    ExceptionRecord exception = ExceptionSyndrome(if ifetch then Exception_InstructionAbort else Exception_DataAbort);
    exception.syndrome<5:0> = AArch64.FaultStatusCode(d.fault, d.level);
    if !ifetch && iswrite && !d.s2fs1walk then
        exception.syndrome<6> = '1';
    if d.s2fs1walk then
        exception.syndrome<7> = '1';
    exception.vaddress = vaddress;
    exception.write = iswrite;
    if HaveEL(EL3) && SCR_EL3<3> == '1' && IsExternalAbort(d.fault) then
        exception.target_el = EL3;
    elsif d.secondstage then
        exception.target_el = EL2;
        exception.ipavalid = TRUE;
        exception.ipaddress = d.ipaddress;
    _Exception = exception;
    RaiseException();

// ------------------------------------------------------------ AT

// AArch64.AT(): the address translation instructions: translate
// `vaddress` as an access by `el` (AT S1E0*: EL0, S1E1*: EL1, ...) with
// stage 2 when `stage2` (AT S12E*), and write PAR_EL1: the output address
// and attributes, or F = 1 with the fault status. A stage 2 fault on the
// stage 1 walk of a stage-1-only AT is taken as a Data Abort to EL2.
AArch64.AT(bits(64) vaddress, bits(2) el, boolean iswrite, boolean stage2)
    AddressDescriptor d = AArch64.FullTranslate(vaddress, el, AccType_AT, iswrite, TRUE, stage2);
    if d.fault != Fault_None && d.secondstage && !stage2 then
        AArch64.Abort(vaddress, d, AccType_AT, FALSE);
    bits(64) par = Zeros(64);
    par<11> = '1';                                  // RES1
    if d.fault != Fault_None then
        par<0> = '1';
        par<6:1> = AArch64.FaultStatusCode(d.fault, d.level);
        par<8> = if d.s2fs1walk then '1' else '0';  // PTW
        par<9> = if d.secondstage then '1' else '0'; // S
    else
        par<47:12> = d.paddress<47:12>;
        par<63:56> = d.memattrs;
        // Device and Non-cacheable memory report Outer Shareable.
        par<8:7> = if d.device || d.memattrs == '01000100' then '10' else d.shareability;
        par<9> = if !IsSecure() || d.ns then '1' else '0';
    PAR_EL1 = par;

// AArch64.CheckATAccess(): AT at `minel`: UNDEFINED below it.
AArch64.CheckATAccess(bits(2) minel)
    if UInt(PSTATE.EL) < UInt(minel) then
        UNDEFINED;
    if !HaveEL(minel) then
        UNDEFINED;

// ------------------------------------------------------------ TLB maintenance

// What a TLBI operation invalidates in `regime`'s entries (interp/tlb.c):
// all of them, those of one VA (for one ASID or any), of one ASID, of the
// current VMID, or of one IPA (stage 2).
enumeration TLBIScope {
    TLBIScope_All, TLBIScope_VA, TLBIScope_VAA, TLBIScope_ASID,
    TLBIScope_VMID, TLBIScope_IPA
};

// TLBInvalidate(): invalidate the soft TLB's entries of `regime` (EL1 =
// EL1&0) that `scope` selects: for EL1&0 only those of `vmid` unless
// allvmids; `asid` for VA and ASID scopes; `address` the VA (bits 55:12)
// or IPA (bits 47:12). Any entry covering the address (a block too) goes.
// Invalidating more than asked is always allowed (the TLB is a cache).
__pure_primitive TLBInvalidate(bits(2) regime, TLBIScope scope, boolean allvmids, bits(16) vmid, bits(16) asid, bits(64) address);

// TLBFlushAll(): writes to the registers that control translation
// (SCTLR_ELx, TCR_ELx, TTBRn_ELx, MAIR_ELx, HCR_EL2, VTCR_EL2, VTTBR_EL2,
// SCR_EL3) drop every cached translation: more than the architecture
// requires (it lets stale entries live until a TLBI), and always correct.
__pure_primitive TLBFlushAll();

// TLBIAddress(): the VA of a TLBI by VA operand: Xt<43:0> = VA<55:12>.
bits(64) TLBIAddress(bits(64) xt)
    return ZeroExtend(xt<43:0> : Zeros(12), 64);

// TLBIASID(): Xt<63:48>, 8 bits with TCR_EL1.AS == 0.
bits(16) TLBIASID(bits(64) xt)
    bits(16) asid = xt<63:48>;
    if TCR_EL1<36> == '0' then
        asid<15:8> = Zeros(8);
    return asid;

// AArch64.TLBI_EL1(): a TLBI operation on the EL1&0 regime (the current
// VMID): UNDEFINED at EL0, trapped to EL2 by HCR_EL2.TTLB at EL1.
AArch64.TLBI_EL1(TLBIScope scope, bits(64) xt)
    if PSTATE.EL == EL0 then
        UNDEFINED;
    if PSTATE.EL == EL1 && EL2Enabled() && HCR_EL2<25> == '1' then
        AArch64.SystemAccessTrap(EL2);
    TLBInvalidate(EL1, scope, FALSE, AArch64.CurrentVMID(), TLBIASID(xt), TLBIAddress(xt));

// AArch64.TLBI_EL2(): the EL2 operations: on the EL2 regime, or on the
// EL1&0 regime for every VMID (ALLE1) or the current one (VMALLS12E1,
// IPAS2E1: the IPA in Xt<35:0>).
AArch64.TLBI_EL2(bits(2) regime, TLBIScope scope, boolean allvmids, bits(64) xt)
    SysRegAccessEL2();
    bits(64) address = if scope == TLBIScope_IPA then ZeroExtend(xt<35:0> : Zeros(12), 64) else TLBIAddress(xt);
    bits(16) vmid = VTTBR_EL2<63:48>;
    if !(IsFeatureImplemented(FEAT_VMID16) && VTCR_EL2<19> == '1') then
        vmid<15:8> = Zeros(8);
    TLBInvalidate(regime, scope, allvmids, vmid, Zeros(16), address);

// AArch64.TLBI_EL3(): the EL3 operations, on the EL3 regime.
AArch64.TLBI_EL3(TLBIScope scope, bits(64) xt)
    SysRegAccessEL3();
    TLBInvalidate(EL3, scope, TRUE, Zeros(16), Zeros(16), TLBIAddress(xt));

// AArch64.CheckTVM(): HCR_EL2.TVM (writes) / TRVM (reads) trap EL1's
// accesses to the virtual memory control registers to EL2.
AArch64.CheckTVM(boolean isread)
    if PSTATE.EL == EL1 && EL2Enabled() then
        if (isread && HCR_EL2<30> == '1') || (!isread && HCR_EL2<26> == '1') then
            AArch64.SystemAccessTrap(EL2);
