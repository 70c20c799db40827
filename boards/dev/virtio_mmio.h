/* virtio over MMIO, version 2 (the "virtio-mmio" transport of the VIRTIO
 * 1.x specification, section 4.2) with split virtqueues (2.7), and what a
 * device behind it (virtio_blk.c, virtio_rng.c) implements. Every address
 * and length the guest gives (queue rings, descriptors) is checked against
 * the bus's RAM before it is used: a bad one is logged under -d
 * guest_errors and the device sets DEVICE_NEEDS_RESET, never touching host
 * memory outside the guest's RAM. */
#ifndef ARMATURE_VIRTIO_MMIO_H
#define ARMATURE_VIRTIO_MMIO_H

#include "device.h"
#include "guest_mem.h"

#define VIRTIO_MMIO_SIZE 0x200
#define VIRTIO_MAX_QUEUES 2
#define VIRTIO_QUEUE_MAX 256 /* QueueNumMax: descriptors per queue */
#define VIRTIO_MAX_SEGS VIRTIO_QUEUE_MAX

/* Device status bits (2.1) */
enum {
    VIRTIO_STATUS_ACKNOWLEDGE = 1, VIRTIO_STATUS_DRIVER = 2, VIRTIO_STATUS_DRIVER_OK = 4,
    VIRTIO_STATUS_FEATURES_OK = 8, VIRTIO_STATUS_NEEDS_RESET = 64, VIRTIO_STATUS_FAILED = 128,
};
#define VIRTIO_F_VERSION_1 (1ull << 32)

/* Descriptor flags (2.7.5) */
enum { VIRTQ_DESC_F_NEXT = 1, VIRTQ_DESC_F_WRITE = 2, VIRTQ_DESC_F_INDIRECT = 4 };

typedef struct VirtioMmio VirtioMmio;

/* One descriptor chain taken from a queue: its readable segments first,
 * then the writable ones (a readable one after a writable one is an error). */
typedef struct VirtioSeg {
    uint64_t addr;
    uint32_t len;
} VirtioSeg;

typedef struct VirtioChain {
    uint16_t head;
    unsigned nread, nwrite;     /* segments: seg[0..nread), then nwrite */
    uint64_t read_len, write_len; /* bytes in each part */
    VirtioSeg seg[VIRTIO_MAX_SEGS];
} VirtioChain;

/* A device type behind the transport. */
typedef struct VirtioDeviceOps {
    const char *name;
    uint32_t device_id;         /* 2 block, 4 entropy */
    uint64_t features;          /* device-specific bits; VERSION_1 is added */
    uint64_t (*more_features)(void *dev); /* bits this instance adds, or NULL */
    unsigned nqueues;
    /* the device-specific configuration space (offset from 0x100) */
    uint64_t (*config_read)(void *dev, uint64_t offset, unsigned size);
    /* the driver notified queue q: take chains (virtio_pop), answer them (virtio_push) */
    void (*notify)(void *dev, VirtioMmio *t, unsigned q);
    void (*reset)(void *dev);
} VirtioDeviceOps;

typedef struct VirtioQueue {
    uint32_t num;               /* QueueNum */
    bool ready;
    uint64_t desc, avail, used; /* guest physical addresses */
    uint16_t last_avail;        /* the next available entry the device takes */
    uint16_t used_idx;
} VirtioQueue;

struct VirtioMmio {
    const VirtioDeviceOps *dev_ops; /* NULL: an empty transport (DeviceID 0) */
    void *dev;
    GuestMem *ram;              /* the bus's RAM: the only memory the device reaches */
    IrqLine irq;
    void (*note_store)(void *opaque, uint64_t addr, uint64_t len); /* DMA writes (exclusives) */
    void *note_opaque;
    uint32_t status, isr;
    uint32_t dev_features_sel, drv_features_sel, queue_sel;
    uint64_t driver_features;
    uint32_t config_generation;
    VirtioQueue q[VIRTIO_MAX_QUEUES];
};

extern const DeviceOps virtio_mmio_ops; /* opaque: VirtioMmio */

/* A transport with device `ops`/`dev` (NULL: empty), its RAM and interrupt. */
void virtio_mmio_init(VirtioMmio *t, const VirtioDeviceOps *ops, void *dev, GuestMem *ram, IrqLine irq);
void virtio_mmio_reset(void *opaque);

/* Take the next available chain of queue q: 1 with *c filled, 0 when none,
 * -1 when the queue or chain is bad (logged; the device now needs a reset). */
int virtio_pop(VirtioMmio *t, unsigned q, VirtioChain *c);
/* Give chain c back as used with `written` bytes written, and interrupt. */
void virtio_push(VirtioMmio *t, unsigned q, const VirtioChain *c, uint32_t written);
/* Copy from the chain's readable part at `off` / into its writable part at
 * `off`; false if the part is shorter (nothing is copied past it). */
bool virtio_chain_read(VirtioMmio *t, const VirtioChain *c, uint64_t off, void *buf, uint64_t len);
bool virtio_chain_write(VirtioMmio *t, const VirtioChain *c, uint64_t off, const void *buf, uint64_t len);
/* The device found the driver's request malformed: log it and set NEEDS_RESET. */
void virtio_mmio_broken(VirtioMmio *t, const char *why);

#endif
