// CRC-32 helpers for CRC32* and CRC32C* (shared/functions/crc).
//
// The Arm ARM defines the CRC as polynomial division over GF(2) of
// bit-reflected operands: the accumulator and the data are bit-reversed,
// aligned one above the other, XORed, and the remainder modulo the
// (non-reflected) polynomial is bit-reversed back.

// CRC32Update(): the new accumulator after `size` bits of val, for the
// CRC-32 (ISO-HDLC, 0x04C11DB7) or, when crc32c, the CRC-32C (Castagnoli,
// 0x1EDC6F41) polynomial.
//
// The Arm ARM writes this as
//     tempacc = BitReverse(acc):Zeros(size);
//     tempval = BitReverse(val):Zeros(32);
//     result  = BitReverse(Poly32Mod2(tempacc EOR tempval, poly));
// where Poly32Mod2(data, poly) is the remainder of data, read as a
// polynomial over GF(2) (bit i the coefficient of x^i), divided by
// x^32 + poly. The dividend is size+32 bits wide (96 for CRC32X), so it is
// divided here by the same long division one dividend bit at a time, from
// the top, keeping only the 32-bit partial remainder: shift the next
// dividend bit in, and subtract (EOR) the divisor whenever x^32 would
// appear. (Generator note: functions with a width parameter are limited
// to 64 bits, see .gen-bugs.txt.)
bits(32) CRC32Update(bits(32) acc, bits(size) val, boolean crc32c)
    integer polynomial = if crc32c then 0x1EDC6F41 else 0x04C11DB7;
    bits(32) poly = polynomial<31:0>;
    bits(32) rev_acc = BitReverse(acc);
    bits(size) rev_val = BitReverse(val);
    bits(32) remainder = Zeros(32);
    for i = size + 31 downto 0
        // bit i of the dividend tempacc EOR tempval
        bit a = if i >= size then rev_acc<i - size> else '0';
        bit v = if i >= 32 then rev_val<i - 32> else '0';
        bit x32 = remainder<31>;
        remainder = remainder<30:0> : (a EOR v);
        if x32 == '1' then
            remainder = remainder EOR poly;
    return BitReverse(remainder);
