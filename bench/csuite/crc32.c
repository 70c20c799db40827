/* CRC-32 (IEEE 802.3, reflected, as zlib and gzip) with a 256-entry table,
 * one byte at a time, over a 1 MiB pseudo-random buffer. */
#include <stdlib.h>

#include "csuite.h"

uint64_t bench_crc32(double scale)
{
    static uint32_t table[256];
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    enum { SIZE = 1 << 20 };
    unsigned char *buf = malloc(SIZE);
    uint64_t s = 0x9e3779b97f4a7c15ull;
    for (long i = 0; i < SIZE; i += 8) {
        uint64_t r = csuite_rand(&s);
        for (int k = 0; k < 8; k++)
            buf[i + k] = (unsigned char)(r >> (8 * k));
    }
    long passes = csuite_scaled(48, scale);
    uint64_t sum = 0;
    for (long p = 0; p < passes; p++) {
        uint32_t crc = 0xffffffffu;
        buf[p % SIZE] ^= (unsigned char)p; /* each pass sees different data */
        for (long i = 0; i < SIZE; i++)
            crc = table[(crc ^ buf[i]) & 0xff] ^ (crc >> 8);
        sum = sum * 31 + (crc ^ 0xffffffffu);
    }
    free(buf);
    return sum;
}
