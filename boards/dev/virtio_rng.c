/* virtio-rng: fills each device-writable buffer from a seeded generator (virtio_rng.h). */
#include "virtio_rng.h"

#define NAME "virtio-rng"
#define RNG_MAX_FILL 65536 /* bytes answered per request at most (the driver asks again) */

void virtio_rng_init(VirtioRng *r, uint64_t seed)
{
    r->seed = seed;
    r->state = seed;
}

/* SplitMix64 (Steele, Lea, Flood 2014): a 64-bit counter through a mixing
 * function; the byte is the output's top byte. */
uint8_t virtio_rng_next(VirtioRng *r)
{
    uint64_t z = (r->state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    return (uint8_t)(z >> 56);
}

static void rng_notify(void *dev, VirtioMmio *t, unsigned q)
{
    VirtioRng *r = dev;
    VirtioChain c;
    uint8_t buf[256];
    while (virtio_pop(t, q, &c) == 1) {
        uint64_t n = c.write_len < RNG_MAX_FILL ? c.write_len : RNG_MAX_FILL, done = 0;
        while (done < n) {
            unsigned k = n - done < sizeof buf ? (unsigned)(n - done) : (unsigned)sizeof buf;
            for (unsigned i = 0; i < k; i++)
                buf[i] = virtio_rng_next(r);
            if (!virtio_chain_write(t, &c, done, buf, k))
                break;
            done += k;
        }
        virtio_push(t, q, &c, (uint32_t)done);
    }
}

static void rng_reset(void *dev)
{
    VirtioRng *r = dev;
    r->state = r->seed;
}

const VirtioDeviceOps virtio_rng_ops = {
    .name = NAME, .device_id = 4, .features = 0, .nqueues = 1,
    .config_read = NULL, .notify = rng_notify, .reset = rng_reset,
};
