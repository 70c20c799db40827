/* virtio-blk (VIRTIO 1.x section 5.2) on a raw image file, behind a
 * virtio-mmio transport: read, write, flush and get-id requests. */
#ifndef ARMATURE_VIRTIO_BLK_H
#define ARMATURE_VIRTIO_BLK_H

#include "virtio_mmio.h"

#define VIRTIO_BLK_SECTOR 512

typedef struct VirtioBlk {
    int fd;              /* the image, open read-write (or read-only) */
    bool read_only;
    uint64_t sectors;    /* capacity in 512-byte sectors */
    char id[20];         /* the serial GET_ID answers */
} VirtioBlk;

extern const VirtioDeviceOps virtio_blk_ops; /* dev: VirtioBlk */

/* Open `path` as the disk; false with a message in err. */
bool virtio_blk_open(VirtioBlk *b, const char *path, bool read_only, const char *id, char *err, size_t errlen);
void virtio_blk_close(VirtioBlk *b);

#endif
