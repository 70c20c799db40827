// Allocation tag memory for FEAT_MTE2 (aarch64/functions/memory/tags,
// shared/functions/memory): the 4-bit allocation tag of every 16-byte
// granule, read and written by LDG, STG, STZG, ST2G, STZ2G, STGP, LDGM,
// STGM and STZGM.
//
// Tag storage is machinery beside guest memory (interp/guest_mem.c: one
// lazily allocated tag array per mapped page, freed with the page); the
// primitives below reach it (interp/mte_tags.c).
//
// IMPDEF: every mapped page is Normal Tagged memory (user mode has no
//   PROT_MTE yet; the guest page map carries no memory attributes), so tag
//   reads and writes always reach tag storage. A newly mapped page has all
//   tags 0.
// Not modelled yet: tag checking of ordinary loads and stores
//   (SCTLR_EL1.TCF0/TCF, TFSR_ELx, PSTATE.TCO's effect on checks). Linux
//   leaves tag checks off for a process unless it asks for them
//   (prctl(PR_SET_TAGGED_ADDR_CTRL, ... PR_MTE_TCF_SYNC)), so no tag check
//   fault is ever raised here.

constant integer TAG_GRANULE = 16;      // 1 << LOG2_TAG_GRANULE bytes

// AArch64.TranslateAccess(): the translation and permission check of an
// access that stays within the page holding `address` (an allocation tag
// access, an aligned 64-byte LS64 access): a data abort (translation fault
// if unmapped, permission fault if the page is not readable, or for a write
// not writable) with FAR = address. Until the MMU exists, the address is
// the guest page map's (interp/mte_tags.c).
__primitive AArch64.TranslateAccess(bits(64) address, boolean iswrite);

// PhysMemTagRead() / PhysMemTagWrite(): the allocation tag of the granule
// holding `address`, after AArch64.TranslateAccess() allowed the access.
__pure_primitive bits(4) PhysMemTagRead(bits(64) address);
__pure_primitive PhysMemTagWrite(bits(64) address, bits(4) tag);

// AArch64.MemTag[]: the allocation tag of the granule holding `address`.
// Without allocation tag access (AArch64.AllocationTagAccessIsEnabled(),
// lib/mte.asl) the access is still translated, reads give 0 and writes are
// ignored.
bits(4) AArch64.MemTag[bits(64) address, AccType acctype]
    AArch64.TranslateAccess(address, FALSE);
    if AArch64.AllocationTagAccessIsEnabled() then
        return PhysMemTagRead(address);
    return '0000';

AArch64.MemTag[bits(64) address, AccType acctype] = bits(4) value
    AArch64.TranslateAccess(address, TRUE);
    if AArch64.AllocationTagAccessIsEnabled() then
        PhysMemTagWrite(address, value);

// CheckTagGranuleAlignment(): STG, STZG, ST2G, STZ2G and STGP fault when
// the address is not aligned to a tag granule (whatever SCTLR_ELx.A says).
CheckTagGranuleAlignment(bits(64) address)
    if !IsZero(address<3:0>) then
        AArch64.AlignmentFault(address, TRUE);

// GMIDBlockSize(): the bytes LDGM and STGM transfer tags for,
// 4 << GMID_EL1.BS.
// IMPDEF: GMID_EL1.BS = 4 (64 bytes, four granules); GMID_EL1 is not
// modelled as a register yet. LDGM/STGM are UNDEFINED at EL0, so user mode
// never reaches this.
integer GMIDBlockSize()
    return 4 << 4;
