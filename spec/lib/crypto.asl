// Cryptographic extension helpers: AES (FEAT_AES), SHA-1/SHA-256
// (FEAT_SHA1, FEAT_SHA256), SHA-512 (FEAT_SHA512), SM3 and SM4 (FEAT_SM3,
// FEAT_SM4), polynomial multiplication (PMULL); shared/functions/crypto.
//
// The 128-bit AES state is held as in FIPS-197 3.4: byte i of the vector
// register is state byte s[r, c] with i = r + 4*c (columns of four bytes).

// ROL(): rotate left, the inverse of ROR().
bits(N) ROL(bits(N) x, integer shift)
    assert shift >= 0 && shift <= N;
    if shift == 0 || shift == N then
        return x;
    return ROR(x, N - shift);

// ------------------------------------------------------------ AES

// the AES S-box, FIPS-197 Figure 7 (SubBytes, 5.1.1): row = high nibble
constant array bits(8) AES_SBOX[0..255] = (
    0x63, 0x7c, 0x77, 0x7b, 0xf2, 0x6b, 0x6f, 0xc5, 0x30, 0x01, 0x67, 0x2b, 0xfe, 0xd7, 0xab, 0x76,
    0xca, 0x82, 0xc9, 0x7d, 0xfa, 0x59, 0x47, 0xf0, 0xad, 0xd4, 0xa2, 0xaf, 0x9c, 0xa4, 0x72, 0xc0,
    0xb7, 0xfd, 0x93, 0x26, 0x36, 0x3f, 0xf7, 0xcc, 0x34, 0xa5, 0xe5, 0xf1, 0x71, 0xd8, 0x31, 0x15,
    0x04, 0xc7, 0x23, 0xc3, 0x18, 0x96, 0x05, 0x9a, 0x07, 0x12, 0x80, 0xe2, 0xeb, 0x27, 0xb2, 0x75,
    0x09, 0x83, 0x2c, 0x1a, 0x1b, 0x6e, 0x5a, 0xa0, 0x52, 0x3b, 0xd6, 0xb3, 0x29, 0xe3, 0x2f, 0x84,
    0x53, 0xd1, 0x00, 0xed, 0x20, 0xfc, 0xb1, 0x5b, 0x6a, 0xcb, 0xbe, 0x39, 0x4a, 0x4c, 0x58, 0xcf,
    0xd0, 0xef, 0xaa, 0xfb, 0x43, 0x4d, 0x33, 0x85, 0x45, 0xf9, 0x02, 0x7f, 0x50, 0x3c, 0x9f, 0xa8,
    0x51, 0xa3, 0x40, 0x8f, 0x92, 0x9d, 0x38, 0xf5, 0xbc, 0xb6, 0xda, 0x21, 0x10, 0xff, 0xf3, 0xd2,
    0xcd, 0x0c, 0x13, 0xec, 0x5f, 0x97, 0x44, 0x17, 0xc4, 0xa7, 0x7e, 0x3d, 0x64, 0x5d, 0x19, 0x73,
    0x60, 0x81, 0x4f, 0xdc, 0x22, 0x2a, 0x90, 0x88, 0x46, 0xee, 0xb8, 0x14, 0xde, 0x5e, 0x0b, 0xdb,
    0xe0, 0x32, 0x3a, 0x0a, 0x49, 0x06, 0x24, 0x5c, 0xc2, 0xd3, 0xac, 0x62, 0x91, 0x95, 0xe4, 0x79,
    0xe7, 0xc8, 0x37, 0x6d, 0x8d, 0xd5, 0x4e, 0xa9, 0x6c, 0x56, 0xf4, 0xea, 0x65, 0x7a, 0xae, 0x08,
    0xba, 0x78, 0x25, 0x2e, 0x1c, 0xa6, 0xb4, 0xc6, 0xe8, 0xdd, 0x74, 0x1f, 0x4b, 0xbd, 0x8b, 0x8a,
    0x70, 0x3e, 0xb5, 0x66, 0x48, 0x03, 0xf6, 0x0e, 0x61, 0x35, 0x57, 0xb9, 0x86, 0xc1, 0x1d, 0x9e,
    0xe1, 0xf8, 0x98, 0x11, 0x69, 0xd9, 0x8e, 0x94, 0x9b, 0x1e, 0x87, 0xe9, 0xce, 0x55, 0x28, 0xdf,
    0x8c, 0xa1, 0x89, 0x0d, 0xbf, 0xe6, 0x42, 0x68, 0x41, 0x99, 0x2d, 0x0f, 0xb0, 0x54, 0xbb, 0x16
);

// AESSubBytes(): SubBytes, FIPS-197 5.1.1, the S-box applied to each byte.
bits(128) AESSubBytes(bits(128) op)
    bits(128) out;
    for i = 0 to 15
        out<8*i+7:8*i> = AES_SBOX[UInt(op<8*i+7:8*i>)];
    return out;

// AESShiftRows(): ShiftRows, FIPS-197 5.1.2: row r turns left by r columns,
// s'[r, c] = s[r, (c + r) MOD 4].
bits(128) AESShiftRows(bits(128) op)
    bits(128) out;
    for c = 0 to 3
        for r = 0 to 3
            integer i = r + 4*c;
            integer j = r + 4*((c + r) MOD 4);
            out<8*i+7:8*i> = op<8*j+7:8*j>;
    return out;

// its inverse, FIPS-197 Figure 14 (InvSubBytes, 5.3.2)
constant array bits(8) AES_INV_SBOX[0..255] = (
    0x52, 0x09, 0x6a, 0xd5, 0x30, 0x36, 0xa5, 0x38, 0xbf, 0x40, 0xa3, 0x9e, 0x81, 0xf3, 0xd7, 0xfb,
    0x7c, 0xe3, 0x39, 0x82, 0x9b, 0x2f, 0xff, 0x87, 0x34, 0x8e, 0x43, 0x44, 0xc4, 0xde, 0xe9, 0xcb,
    0x54, 0x7b, 0x94, 0x32, 0xa6, 0xc2, 0x23, 0x3d, 0xee, 0x4c, 0x95, 0x0b, 0x42, 0xfa, 0xc3, 0x4e,
    0x08, 0x2e, 0xa1, 0x66, 0x28, 0xd9, 0x24, 0xb2, 0x76, 0x5b, 0xa2, 0x49, 0x6d, 0x8b, 0xd1, 0x25,
    0x72, 0xf8, 0xf6, 0x64, 0x86, 0x68, 0x98, 0x16, 0xd4, 0xa4, 0x5c, 0xcc, 0x5d, 0x65, 0xb6, 0x92,
    0x6c, 0x70, 0x48, 0x50, 0xfd, 0xed, 0xb9, 0xda, 0x5e, 0x15, 0x46, 0x57, 0xa7, 0x8d, 0x9d, 0x84,
    0x90, 0xd8, 0xab, 0x00, 0x8c, 0xbc, 0xd3, 0x0a, 0xf7, 0xe4, 0x58, 0x05, 0xb8, 0xb3, 0x45, 0x06,
    0xd0, 0x2c, 0x1e, 0x8f, 0xca, 0x3f, 0x0f, 0x02, 0xc1, 0xaf, 0xbd, 0x03, 0x01, 0x13, 0x8a, 0x6b,
    0x3a, 0x91, 0x11, 0x41, 0x4f, 0x67, 0xdc, 0xea, 0x97, 0xf2, 0xcf, 0xce, 0xf0, 0xb4, 0xe6, 0x73,
    0x96, 0xac, 0x74, 0x22, 0xe7, 0xad, 0x35, 0x85, 0xe2, 0xf9, 0x37, 0xe8, 0x1c, 0x75, 0xdf, 0x6e,
    0x47, 0xf1, 0x1a, 0x71, 0x1d, 0x29, 0xc5, 0x89, 0x6f, 0xb7, 0x62, 0x0e, 0xaa, 0x18, 0xbe, 0x1b,
    0xfc, 0x56, 0x3e, 0x4b, 0xc6, 0xd2, 0x79, 0x20, 0x9a, 0xdb, 0xc0, 0xfe, 0x78, 0xcd, 0x5a, 0xf4,
    0x1f, 0xdd, 0xa8, 0x33, 0x88, 0x07, 0xc7, 0x31, 0xb1, 0x12, 0x10, 0x59, 0x27, 0x80, 0xec, 0x5f,
    0x60, 0x51, 0x7f, 0xa9, 0x19, 0xb5, 0x4a, 0x0d, 0x2d, 0xe5, 0x7a, 0x9f, 0x93, 0xc9, 0x9c, 0xef,
    0xa0, 0xe0, 0x3b, 0x4d, 0xae, 0x2a, 0xf5, 0xb0, 0xc8, 0xeb, 0xbb, 0x3c, 0x83, 0x53, 0x99, 0x61,
    0x17, 0x2b, 0x04, 0x7e, 0xba, 0x77, 0xd6, 0x26, 0xe1, 0x69, 0x14, 0x63, 0x55, 0x21, 0x0c, 0x7d
);

// AESInvSubBytes(): InvSubBytes, FIPS-197 5.3.2.
bits(128) AESInvSubBytes(bits(128) op)
    bits(128) out;
    for i = 0 to 15
        out<8*i+7:8*i> = AES_INV_SBOX[UInt(op<8*i+7:8*i>)];
    return out;

// AESInvShiftRows(): InvShiftRows, FIPS-197 5.3.1: row r turns right by r
// columns, s'[r, c] = s[r, (c - r) MOD 4].
bits(128) AESInvShiftRows(bits(128) op)
    bits(128) out;
    for c = 0 to 3
        for r = 0 to 3
            integer i = r + 4*c;
            integer j = r + 4*((c - r) MOD 4);
            out<8*i+7:8*i> = op<8*j+7:8*j>;
    return out;

// Multiplication in GF(2^8) modulo m(x) = x^8 + x^4 + x^3 + x + 1
// (FIPS-197 4.2). FFmul02 is xtime() of 4.2.1; the other constants are
// sums of powers of x, as FIPS-197 computes {57} * {13}.
bits(8) FFmul02(bits(8) b)
    bits(8) shifted = b<6:0> : '0';
    return if b<7> == '1' then shifted EOR '00011011' else shifted;

bits(8) FFmul03(bits(8) b)
    return FFmul02(b) EOR b;

bits(8) FFmul09(bits(8) b)
    return FFmul02(FFmul02(FFmul02(b))) EOR b;

bits(8) FFmul0B(bits(8) b)
    return FFmul02(FFmul02(FFmul02(b))) EOR FFmul02(b) EOR b;

bits(8) FFmul0D(bits(8) b)
    return FFmul02(FFmul02(FFmul02(b))) EOR FFmul02(FFmul02(b)) EOR b;

bits(8) FFmul0E(bits(8) b)
    return FFmul02(FFmul02(FFmul02(b))) EOR FFmul02(FFmul02(b)) EOR FFmul02(b);

// AESMixColumns(): MixColumns, FIPS-197 5.1.3: each column times
// {03}x^3 + {01}x^2 + {01}x + {02} modulo x^4 + 1.
bits(128) AESMixColumns(bits(128) op)
    bits(128) out;
    for c = 0 to 3
        bits(8) s0 = op<32*c+7:32*c>;
        bits(8) s1 = op<32*c+15:32*c+8>;
        bits(8) s2 = op<32*c+23:32*c+16>;
        bits(8) s3 = op<32*c+31:32*c+24>;
        out<32*c+7:32*c> = FFmul02(s0) EOR FFmul03(s1) EOR s2 EOR s3;
        out<32*c+15:32*c+8> = s0 EOR FFmul02(s1) EOR FFmul03(s2) EOR s3;
        out<32*c+23:32*c+16> = s0 EOR s1 EOR FFmul02(s2) EOR FFmul03(s3);
        out<32*c+31:32*c+24> = FFmul03(s0) EOR s1 EOR s2 EOR FFmul02(s3);
    return out;

// AESInvMixColumns(): InvMixColumns, FIPS-197 5.3.3: each column times
// {0b}x^3 + {0d}x^2 + {09}x + {0e}.
bits(128) AESInvMixColumns(bits(128) op)
    bits(128) out;
    for c = 0 to 3
        bits(8) s0 = op<32*c+7:32*c>;
        bits(8) s1 = op<32*c+15:32*c+8>;
        bits(8) s2 = op<32*c+23:32*c+16>;
        bits(8) s3 = op<32*c+31:32*c+24>;
        out<32*c+7:32*c> = FFmul0E(s0) EOR FFmul0B(s1) EOR FFmul0D(s2) EOR FFmul09(s3);
        out<32*c+15:32*c+8> = FFmul09(s0) EOR FFmul0E(s1) EOR FFmul0B(s2) EOR FFmul0D(s3);
        out<32*c+23:32*c+16> = FFmul0D(s0) EOR FFmul09(s1) EOR FFmul0E(s2) EOR FFmul0B(s3);
        out<32*c+31:32*c+24> = FFmul0B(s0) EOR FFmul0D(s1) EOR FFmul09(s2) EOR FFmul0E(s3);
    return out;

// ------------------------------------------------------------ polynomial multiply

// PolynomialMult(): the carry-less product of two polynomials over GF(2)
// (bit i the coefficient of x^i), as wide as both operands together.
bits(M+N) PolynomialMult(bits(M) op1, bits(N) op2)
    bits(M+N) result = Zeros(M+N);
    bits(M+N) extended_op2 = ZeroExtend(op2, M+N);
    for i = 0 to M-1
        if op1<i> == '1' then
            result = result EOR LSL(extended_op2, i);
    return result;

// ------------------------------------------------------------ SHA-1, SHA-256

// The logical functions of FIPS 180-4 4.1.1 (Ch, Maj, Parity) and 4.1.2.
bits(32) SHAchoose(bits(32) x, bits(32) y, bits(32) z)
    return ((y EOR z) AND x) EOR z;

bits(32) SHAmajority(bits(32) x, bits(32) y, bits(32) z)
    return (x AND y) OR ((x OR y) AND z);

bits(32) SHAparity(bits(32) x, bits(32) y, bits(32) z)
    return x EOR y EOR z;

// SHA-256 Sigma0 and Sigma1 (FIPS 180-4 4.1.2, (4.4) and (4.5)).
bits(32) SHAhashSIGMA0(bits(32) x)
    return ROR(x, 2) EOR ROR(x, 13) EOR ROR(x, 22);

bits(32) SHAhashSIGMA1(bits(32) x)
    return ROR(x, 6) EOR ROR(x, 11) EOR ROR(x, 25);

// SHA256hash(): four rounds of the SHA-256 compression (FIPS 180-4 6.2.2
// step 3) on the working variables a..d in x (a in the low word) and e..h
// in y (e in the low word), with the four words W+K of w. part1 returns
// the new a..d (SHA256H), otherwise the new e..h (SHA256H2).
bits(128) SHA256hash(bits(128) x_in, bits(128) y_in, bits(128) w, boolean part1)
    bits(128) x = x_in;
    bits(128) y = y_in;
    for e = 0 to 3
        bits(32) chs = SHAchoose(y<31:0>, y<63:32>, y<95:64>);
        bits(32) maj = SHAmajority(x<31:0>, x<63:32>, x<95:64>);
        bits(32) t = y<127:96> + SHAhashSIGMA1(y<31:0>) + chs + w<32*e+31:32*e>;
        x<127:96> = t + x<127:96>;
        y<127:96> = t + SHAhashSIGMA0(x<31:0>) + maj;
        // the 256-bit y:x turns left by one word: each variable moves up one
        // place, the top word of x becoming the bottom word of y and vice versa
        bits(32) top_x = x<127:96>;
        x = x<95:0> : y<127:96>;
        y = y<95:0> : top_x;
    return if part1 then x else y;

// SHA1hash(): four rounds of the SHA-1 compression (FIPS 180-4 6.1.2 step 3)
// on a..d in x (a in the low word) and e in y, with the four words W+K of
// w; f is 0 for Ch (SHA1C), 1 for Parity (SHA1P), 2 for Maj (SHA1M).
bits(128) SHA1hash(bits(128) x_in, bits(32) y_in, bits(128) w, integer f)
    bits(128) x = x_in;
    bits(32) y = y_in;
    for e = 0 to 3
        bits(32) t;
        if f == 0 then
            t = SHAchoose(x<63:32>, x<95:64>, x<127:96>);
        elsif f == 1 then
            t = SHAparity(x<63:32>, x<95:64>, x<127:96>);
        else
            t = SHAmajority(x<63:32>, x<95:64>, x<127:96>);
        y = y + ROL(x<31:0>, 5) + t + w<32*e+31:32*e>;
        x<63:32> = ROL(x<63:32>, 30);
        // the 160-bit y:x turns left by one word
        bits(32) top_x = x<127:96>;
        x = x<95:0> : y;
        y = top_x;
    return x;

// ------------------------------------------------------------ SHA-512

// SHA-512 Sigma0/Sigma1 (FIPS 180-4 (4.10), (4.11)) and sigma0/sigma1
// ((4.12), (4.13)).
bits(64) SHA512SIGMA0(bits(64) x)
    return ROR(x, 28) EOR ROR(x, 34) EOR ROR(x, 39);

bits(64) SHA512SIGMA1(bits(64) x)
    return ROR(x, 14) EOR ROR(x, 18) EOR ROR(x, 41);

bits(64) SHA512sigma0(bits(64) x)
    return ROR(x, 1) EOR ROR(x, 8) EOR LSR(x, 7);

bits(64) SHA512sigma1(bits(64) x)
    return ROR(x, 19) EOR ROR(x, 61) EOR LSR(x, 6);

