/* The C benchmark suite: kernels built for AArch64 (run under armature-user
 * and qemu-aarch64) and for the host (native), from the same source. */
#ifndef CSUITE_H
#define CSUITE_H
#include <stdint.h>

/* Each kernel does work proportional to scale (1.0 = the default size of
 * `make bench`) and returns a checksum of its results, printed so that runs
 * under different emulators can be compared. */
uint64_t bench_crc32(double scale);
uint64_t bench_sort(double scale);
uint64_t bench_matmul(double scale);
uint64_t bench_bytecode(double scale);
uint64_t bench_strings(double scale);

/* xorshift64: the suite's only source of data, so every run is identical. */
static inline uint64_t csuite_rand(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *s = x;
}

/* n scaled, at least 1 */
static inline long csuite_scaled(long n, double scale)
{
    long r = (long)(n * scale);
    return r < 1 ? 1 : r;
}

#endif
