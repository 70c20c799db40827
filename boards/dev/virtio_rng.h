/* virtio-rng, the entropy device (VIRTIO 1.x section 5.4), behind a
 * virtio-mmio transport. Deterministic: its bytes come from a generator
 * with a fixed seed, so runs repeat. */
#ifndef ARMATURE_VIRTIO_RNG_H
#define ARMATURE_VIRTIO_RNG_H

#include "virtio_mmio.h"

typedef struct VirtioRng {
    uint64_t seed;  /* at reset the generator restarts from it */
    uint64_t state;
} VirtioRng;

extern const VirtioDeviceOps virtio_rng_ops; /* dev: VirtioRng */

void virtio_rng_init(VirtioRng *r, uint64_t seed);
/* The generator's next byte (for tests). */
uint8_t virtio_rng_next(VirtioRng *r);

#endif
