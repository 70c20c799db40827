/* virtio-blk on a raw image file (virtio_blk.h): requests are done at once,
 * when the driver notifies the queue. */
#define _GNU_SOURCE
#include "virtio_blk.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NAME "virtio-blk"

/* request types and status (5.2.6) */
enum { BLK_T_IN = 0, BLK_T_OUT = 1, BLK_T_FLUSH = 4, BLK_T_GET_ID = 8 };
enum { BLK_S_OK = 0, BLK_S_IOERR = 1, BLK_S_UNSUPP = 2 };
/* feature bits (5.2.3) */
#define BLK_F_RO (1ull << 5)
#define BLK_F_FLUSH (1ull << 9)
#define BLK_ID_BYTES 20
#define CHUNK 65536

bool virtio_blk_open(VirtioBlk *b, const char *path, bool read_only, const char *id, char *err, size_t errlen)
{
    memset(b, 0, sizeof *b);
    b->fd = open(path, read_only ? O_RDONLY : O_RDWR);
    struct stat st;
    if (b->fd < 0 || fstat(b->fd, &st) != 0) {
        snprintf(err, errlen, "-drive file=%s: %s", path, strerror(errno));
        if (b->fd >= 0)
            close(b->fd);
        b->fd = -1;
        return false;
    }
    b->read_only = read_only;
    b->sectors = (uint64_t)st.st_size / VIRTIO_BLK_SECTOR;
    strncpy(b->id, id ? id : "", sizeof b->id);
    return true;
}

void virtio_blk_close(VirtioBlk *b)
{
    if (b->fd >= 0)
        close(b->fd);
    b->fd = -1;
}

/* config: capacity (le64) at 0; the rest reads as zero */
static uint64_t blk_config_read(void *dev, uint64_t off, unsigned size)
{
    VirtioBlk *b = dev;
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++)
        if (off + i < 8)
            v |= (b->sectors >> (8 * (off + i)) & 0xff) << (8 * i);
    return v;
}

/* Move `len` bytes between the image at byte `pos` and the chain (its
 * writable part from 0 for reads, its readable part from 16 for writes). */
static uint8_t blk_transfer(VirtioBlk *b, VirtioMmio *t, const VirtioChain *c, uint64_t pos, uint64_t len,
                            bool write)
{
    uint8_t buf[CHUNK];
    for (uint64_t done = 0; done < len;) {
        size_t k = len - done < CHUNK ? (size_t)(len - done) : CHUNK;
        if (write) {
            if (!virtio_chain_read(t, c, 16 + done, buf, k) || pwrite(b->fd, buf, k, (off_t)(pos + done)) != (ssize_t)k)
                return BLK_S_IOERR;
        } else {
            ssize_t n = pread(b->fd, buf, k, (off_t)(pos + done));
            if (n != (ssize_t)k || !virtio_chain_write(t, c, done, buf, k))
                return BLK_S_IOERR;
        }
        done += k;
    }
    return BLK_S_OK;
}

static void blk_request(VirtioBlk *b, VirtioMmio *t, unsigned q, const VirtioChain *c)
{
    uint8_t h[16];
    if (c->write_len < 1 || !virtio_chain_read(t, c, 0, h, 16)) {
        virtio_mmio_broken(t, "virtio-blk request without its header or status byte");
        return;
    }
    uint32_t type = (uint32_t)h[0] | (uint32_t)h[1] << 8 | (uint32_t)h[2] << 16 | (uint32_t)h[3] << 24;
    uint64_t sector = 0;
    for (int k = 15; k >= 8; k--)
        sector = sector << 8 | h[k];
    uint64_t data_in = c->write_len - 1; /* the writable part less the status byte */
    uint32_t written = 0;
    uint8_t st;
    switch (type) {
    case BLK_T_IN:
    case BLK_T_OUT: {
        uint64_t len = type == BLK_T_IN ? data_in : c->read_len - 16;
        if (len % VIRTIO_BLK_SECTOR || sector > b->sectors || len / VIRTIO_BLK_SECTOR > b->sectors - sector) {
            dev_guest_error(NAME, "request of %llu bytes at sector %llu: beyond the disk or not whole sectors",
                            (unsigned long long)len, (unsigned long long)sector);
            st = BLK_S_IOERR;
        } else if (type == BLK_T_OUT && b->read_only) {
            st = BLK_S_IOERR;
        } else {
            st = blk_transfer(b, t, c, sector * VIRTIO_BLK_SECTOR, len, type == BLK_T_OUT);
            if (type == BLK_T_IN && st == BLK_S_OK)
                written = (uint32_t)len;
        }
        break;
    }
    case BLK_T_FLUSH: st = b->read_only || fsync(b->fd) == 0 ? BLK_S_OK : BLK_S_IOERR; break;
    case BLK_T_GET_ID: {
        uint64_t n = data_in < BLK_ID_BYTES ? data_in : BLK_ID_BYTES;
        st = virtio_chain_write(t, c, 0, b->id, n) ? BLK_S_OK : BLK_S_IOERR;
        written = (uint32_t)n;
        break;
    }
    default:
        dev_unimp(NAME, "request type %u (UNSUPP)", type);
        st = BLK_S_UNSUPP;
        break;
    }
    virtio_chain_write(t, c, c->write_len - 1, &st, 1);
    virtio_push(t, q, c, written + 1);
}

static void blk_notify(void *dev, VirtioMmio *t, unsigned q)
{
    VirtioChain c;
    while (virtio_pop(t, q, &c) == 1)
        blk_request(dev, t, q, &c);
}

/* a read-only disk says so (the driver then does not write) */
static uint64_t blk_more_features(void *dev) { return ((VirtioBlk *)dev)->read_only ? BLK_F_RO : 0; }

const VirtioDeviceOps virtio_blk_ops = {
    .name = NAME, .device_id = 2, .features = BLK_F_FLUSH, .more_features = blk_more_features, .nqueues = 1,
    .config_read = blk_config_read, .notify = blk_notify, .reset = NULL,
};
