// Constant arrays: the element count must match the bounds, every element
// must fit the element type and be known at generation time, and elements
// are at most 64 bits wide.
constant array bits(4) SHORT_TABLE[0..3] = (1, 2, 3);
constant array bits(4) BAD_TABLE[0..3] = (1, 16, '101', FALSE);
constant array bits(128) WIDE_TABLE[0..1] = (0, 1);
constant array bits(4) STATE_TABLE[0..0] = (FPSR<3:0>);
constant array bits(8) GOOD_TABLE[0..1] = ('00000001', 0xff);
