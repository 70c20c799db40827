// Helpers for the load/store pages that are neither exclusive nor atomic:
// unprivileged accesses (LDTR/STTR) and prefetch (PRFM/PRFUM).

// AArch64.UnprivAccType(): the access type of LDTR/STTR and their byte,
// halfword and signed forms. At EL1 the access is made with EL0's
// permissions (AccType_UNPRIV) unless PSTATE.UAO overrides it; at EL0 (and
// EL3) it is an ordinary access. The Arm ARM also makes the access
// unprivileged at EL2 when HCR_EL2.{E2H,TGE} == '11', and ordinary at EL1
// when HCR_EL2.{NV,NV1} == '11': HCR_EL2 is not modelled yet, so both read
// as disabled. (Arm writes this inline in each page's decode; here it reads
// PSTATE, which is only known at run time.)
AccType AArch64.UnprivAccType()
    boolean unpriv_at_el1 = (PSTATE.EL == EL1);
    boolean user_access_override = IsFeatureImplemented(FEAT_UAO) && PSTATE.UAO == '1';
    if unpriv_at_el1 && !user_access_override then
        return AccType_UNPRIV;
    return AccType_NORMAL;

// Prefetch(): the hint of PRFM/PRFUM. A prefetch has no architecturally
// visible effect (it cannot fault either); this model ignores it.
Prefetch(bits(64) address, bits(5) prfop)
    return;

// PrefetchOpNamed(): does GNU objdump print <prfop> as a name
// (pld/pli/pst, l1/l2/l3, keep/strm) rather than as #imm5? Type '11' and
// target '11' (FEAT_PRFMSLC's SLC, unknown to binutils 2.40) have no name.
boolean PrefetchOpNamed(bits(5) prfop)
    return prfop<4:3> != '11' && prfop<2:1> != '11';

// PrefetchOpName(): the name objdump prints for a named <prfop>.
string PrefetchOpName(bits(5) prfop)
    case prfop of
        when '00000' return "pldl1keep";
        when '00001' return "pldl1strm";
        when '00010' return "pldl2keep";
        when '00011' return "pldl2strm";
        when '00100' return "pldl3keep";
        when '00101' return "pldl3strm";
        when '01000' return "plil1keep";
        when '01001' return "plil1strm";
        when '01010' return "plil2keep";
        when '01011' return "plil2strm";
        when '01100' return "plil3keep";
        when '01101' return "plil3strm";
        when '10000' return "pstl1keep";
        when '10001' return "pstl1strm";
        when '10010' return "pstl2keep";
        when '10011' return "pstl2strm";
        when '10100' return "pstl3keep";
        when '10101' return "pstl3strm";
        otherwise return "";
