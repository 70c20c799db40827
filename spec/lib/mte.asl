// Memory Tagging Extension helpers for the FEAT_MTE instructions that work
// on registers only (ADDG, SUBG, IRG, GMI, SUBP, SUBPS): logical address
// tags live in address bits 59:56 (aarch64/functions/memory/tags).
//
// Not modelled yet: SCR_EL3.ATA, HCR_EL2.ATA, SCTLR_ELx.ATA/ATA0,
// GCR_EL1 and RGSR_EL1 (FEAT_MTE2 system registers). The choices made in
// their place are marked "IMPDEF:" below and listed in the CPU models.

constant integer LOG2_TAG_GRANULE = 4;

// The state of IRG's pseudo-random tag generator: plays the part of
// RGSR_EL1.SEED<15:0> (the 16-bit LFSR the Arm ARM uses when GCR_EL1.RRND
// is 0). Reset value 0 (see NextRandomTagBit()).
bits(16) _MTETagSeed;

// AArch64.AllocationTagFromAddress(): the logical tag of a tagged address.
bits(4) AArch64.AllocationTagFromAddress(bits(64) tagged_address)
    return tagged_address<59:56>;

// AArch64.AddressWithAllocationTag(): address with its logical tag replaced.
bits(64) AArch64.AddressWithAllocationTag(bits(64) address, bits(4) allocation_tag)
    bits(64) result = address;
    result<59:56> = allocation_tag;
    return result;

// AArch64.AllocationTagAccessIsEnabled(): may instructions see and change
// allocation tags? Without FEAT_MTE2 the ATA controls are RES0, so tags
// read and generated as 0.
// IMPDEF: with FEAT_MTE2 the unmodelled SCR_EL3.ATA, HCR_EL2.ATA and
// SCTLR_ELx.ATA/ATA0 are taken as 1 (Linux sets SCTLR_EL1.ATA0 on MTE
// systems), so tag access is enabled at every EL.
boolean AArch64.AllocationTagAccessIsEnabled()
    return IsFeatureImplemented(FEAT_MTE2);

// GCRExclude(): GCR_EL1.Exclude, the tags IRG, ADDG and SUBG never choose.
bits(16) GCRExclude()
    return GCR_EL1<15:0>;

// AArch64.ChooseNonExcludedTag(): starting from tag, step offset times to
// the next tag that exclude does not name (tags wrap modulo 16). With
// offset 0, the first non-excluded tag at or after tag. All tags
// excluded: 0.
bits(4) AArch64.ChooseNonExcludedTag(bits(4) tag_in, bits(4) offset_in, bits(16) exclude)
    bits(4) tag = tag_in;
    bits(4) offset = offset_in;
    if IsOnes(exclude) then
        return '0000';
    if offset == '0000' then
        while exclude<UInt(tag)> == '1' do
            tag = tag + '0001';
    while offset != '0000' do
        offset = offset - '0001';
        tag = tag + '0001';
        while exclude<UInt(tag)> == '1' do
            tag = tag + '0001';
    return tag;

// NextRandomTagBit(): one step of the 16-bit Fibonacci LFSR
// x^16 + x^14 + x^13 + x^11 + 1 that the Arm ARM runs over RGSR_EL1.SEED.
// IMPDEF: the seed is reset to 0 (RGSR_EL1 is UNKNOWN at reset and not
// modelled); an all-zero seed, on which the LFSR would stay 0, is replaced
// by 0x0001 before the step.
bit NextRandomTagBit()
    bits(16) lfsr = _MTETagSeed;
    if IsZero(lfsr) then
        lfsr = '0000000000000001';
    bit top = lfsr<5> EOR lfsr<3> EOR lfsr<2> EOR lfsr<0>;
    _MTETagSeed = top:lfsr<15:1>;
    return top;

// AArch64.RandomTag(): four bits from the generator, least significant first.
bits(4) AArch64.RandomTag()
    bits(4) tag;
    for i = 0 to 3
        tag<i> = NextRandomTagBit();
    return tag;

// AArch64.ChooseRandomNonExcludedTag(): IRG's tag.
// IMPDEF: GCR_EL1.RRND is taken as 0: the tag comes from the deterministic
// LFSR above, never from a hardware random source, so runs are repeatable.
bits(4) AArch64.ChooseRandomNonExcludedTag(bits(16) exclude)
    if IsOnes(exclude) then
        return '0000';
    bits(4) rtag = AArch64.RandomTag();
    return AArch64.ChooseNonExcludedTag(rtag, '0000', exclude);
