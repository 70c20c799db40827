// Integer helpers for the FEAT_CSSC pages (shared/functions/integer):
// Abs, Min, Max of unbounded integers.

integer Abs(integer x)
    return if x >= 0 then x else -x;

integer Min(integer a, integer b)
    return if a <= b then a else b;

integer Max(integer a, integer b)
    return if a >= b then a else b;
