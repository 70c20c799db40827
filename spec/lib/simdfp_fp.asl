// Advanced SIMD floating-point helpers shared by several spec/a64/simdfp
// pages (shared/functions/vector Reduce, shared/functions/float
// RecipEstimate, RecipSqrtEstimate, UnsignedRecipEstimate, UnsignedRSqrtEstimate).

enumeration ReduceOp {
    ReduceOp_FMINNUM, ReduceOp_FMAXNUM, ReduceOp_FMIN, ReduceOp_FMAX
};

// ReduceStep(): one combination of Reduce(): op(lo, hi), lo the lower half.
bits(N) ReduceStep(ReduceOp op, bits(N) lo, bits(N) hi)
    case op of
        when ReduceOp_FMINNUM return FPMinNum(lo, hi, FPCR);
        when ReduceOp_FMAXNUM return FPMaxNum(lo, hi, FPCR);
        when ReduceOp_FMIN return FPMin(lo, hi, FPCR);
        otherwise return FPMax(lo, hi, FPCR);

// Reduce(): the across-lanes reductions (FMAXV ...). Arm writes it
// recursively, op(Reduce(lower half), Reduce(upper half)), a pairwise tree;
// here the same tree is walked level by level: at each level element i
// becomes op(element 2i, element 2i+1) until one element is left.
bits(esize) Reduce(ReduceOp op, bits(N) input, integer esize)
    bits(N) work = input;
    integer count = N DIV esize;
    while count > 1 do
        count = count DIV 2;
        for i = 0 to count-1
            bits(esize) lo = Elem[work, 2*i, esize];
            bits(esize) hi = Elem[work, 2*i+1, esize];
            work<(i+1)*esize-1:i*esize> = ReduceStep(op, lo, hi);
    return work<esize-1:0>;

// RecipEstimate(): the 9-bit reciprocal estimate: a in [256, 512)
// represents [0.5, 1.0), the result in [256, 512) represents [1.0, 2.0).
// (Only the standard precision: FEAT_RPRES's increased precision is not
// implemented.)
integer RecipEstimate(integer a_in)
    assert 256 <= a_in && a_in < 512;
    integer a = a_in * 2 + 1;            // in units of 1/1024, rounded to nearest
    integer b = (1 << 19) DIV a;
    integer r = (b + 1) DIV 2;           // round to nearest
    assert 256 <= r && r < 512;
    return r;

// RecipSqrtEstimate(): the 9-bit reciprocal square root estimate: a in
// [128, 512) represents [0.25, 1.0), the result in [256, 512) represents
// [1.0, 2.0).
integer RecipSqrtEstimate(integer a_in)
    assert 128 <= a_in && a_in < 512;
    integer a = a_in;
    if a < 256 then
        a = a * 2 + 1;                   // [0.25, 0.5): units of 1/512, rounded to nearest
    else
        a = (a >> 1) << 1;               // [0.5, 1.0): drop the bottom bit,
        a = (a + 1) * 2;                 // units of 1/256, rounded to nearest
    integer b = 512;
    while a * (b + 1) * (b + 1) < (1 << 28) do
        b = b + 1;
    // b is the largest integer with b < 2^14 / sqrt(a)
    integer r = (b + 1) DIV 2;           // round to nearest
    assert 256 <= r && r < 512;
    return r;

// UnsignedRecipEstimate(): URECPE. The operand is a fraction in [0, 1)
// (bit 31 weighs 1/2); operands below 0.5 give all ones.
bits(N) UnsignedRecipEstimate(bits(N) operand)
    assert N == 32;
    if operand<N-1> == '0' then
        return Ones(N);
    integer estimate = RecipEstimate(UInt(operand<31:23>));
    // [1.0, 2.0) with bit 31 weighing 1
    return estimate<8:0> : Zeros(N-9);

// UnsignedRSqrtEstimate(): URSQRTE. Operands below 0.25 give all ones.
bits(N) UnsignedRSqrtEstimate(bits(N) operand)
    assert N == 32;
    if operand<N-1:N-2> == '00' then
        return Ones(N);
    integer estimate = RecipSqrtEstimate(UInt(operand<31:23>));
    return estimate<8:0> : Zeros(N-9);
