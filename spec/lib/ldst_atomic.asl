// Atomic memory operations (FEAT_LSE): LD<op>/ST<op>, SWP, CAS and CASP
// (shared/functions/memory, MemAtomic and MemAtomicCompareAndSwap).
//
// Each is a read and a write of one location that no other access can come
// between. One PE runs at a time (vCPUs are scheduled in quanta), so a read
// followed by a write inside one instruction is single-copy atomic. The
// write goes through Mem[] and so clears the exclusive monitors' marks of
// that granule, as any store does.
//
// Acquire (A) and release (R) semantics order this access against the
// PE's other accesses as observed by other observers; a single PE executing
// in program order observes them anyway, so the pages only record them.
// IMPDEF: a CAS/CASP whose comparison fails performs no write (and so does
// not clear any exclusive monitor).

enumeration MemAtomicOp {
    MemAtomicOp_ADD, MemAtomicOp_BIC, MemAtomicOp_EOR, MemAtomicOp_ORR,
    MemAtomicOp_SMAX, MemAtomicOp_SMIN, MemAtomicOp_UMAX, MemAtomicOp_UMIN,
    MemAtomicOp_SWP
};

// MemAtomic(): atomically read the N-bit value at `address`, combine it
// with `value` by `op`, write the result back, and return the value read.
bits(N) MemAtomic(bits(64) address, MemAtomicOp op, bits(N) value, AccType acctype)
    constant integer bytes = N DIV 8;
    AArch64.CheckAlignment(address, bytes, AccType_ATOMIC, TRUE);
    bits(N) oldvalue = Mem[address, bytes, acctype];
    bits(N) newvalue;
    case op of
        when MemAtomicOp_ADD  newvalue = oldvalue + value;
        when MemAtomicOp_BIC  newvalue = oldvalue AND NOT(value);
        when MemAtomicOp_EOR  newvalue = oldvalue EOR value;
        when MemAtomicOp_ORR  newvalue = oldvalue OR value;
        when MemAtomicOp_SMAX newvalue = if SInt(oldvalue) > SInt(value) then oldvalue else value;
        when MemAtomicOp_SMIN newvalue = if SInt(oldvalue) > SInt(value) then value else oldvalue;
        when MemAtomicOp_UMAX newvalue = if UInt(oldvalue) > UInt(value) then oldvalue else value;
        when MemAtomicOp_UMIN newvalue = if UInt(oldvalue) > UInt(value) then value else oldvalue;
        when MemAtomicOp_SWP  newvalue = value;
    Mem[address, bytes, acctype] = newvalue;
    return oldvalue;

// MemAtomicCompareAndSwap(): atomically read the N-bit value at `address`;
// if it equals `expectedvalue`, write `newvalue`. Returns the value read.
bits(N) MemAtomicCompareAndSwap(bits(64) address, bits(N) expectedvalue, bits(N) newvalue, AccType acctype)
    constant integer bytes = N DIV 8;
    AArch64.CheckAlignment(address, bytes, AccType_ATOMIC, TRUE);
    bits(N) oldvalue = Mem[address, bytes, acctype];
    if oldvalue == expectedvalue then
        Mem[address, bytes, acctype] = newvalue;
    return oldvalue;

// MemAtomicCompareAndSwapPair(): CASP. The architecture compares and swaps
// one 2N-bit little-endian value: (expected2:expected1) with the memory at
// `address` and writes (new2:new1). bits(128) is beyond this language, so
// the two N-bit halves are read and written separately; the alignment check
// covers the whole pair first, both reads come before any write, and one
// PE runs at a time, which makes that equivalent. Returns the two halves
// read (lower address first). Big-endian data is not modelled yet.
(bits(N), bits(N)) MemAtomicCompareAndSwapPair(bits(64) address, bits(N) expected1, bits(N) expected2, bits(N) new1, bits(N) new2, AccType acctype)
    constant integer bytes = N DIV 8;
    AArch64.CheckAlignment(address, 2 * bytes, AccType_ATOMIC, TRUE);
    bits(N) old1 = Mem[address, bytes, acctype];
    bits(N) old2 = Mem[address + bytes, bytes, acctype];
    if old1 == expected1 && old2 == expected2 then
        Mem[address, bytes, acctype] = new1;
        Mem[address + bytes, bytes, acctype] = new2;
    return (old1, old2);
