/* The virtio-mmio transport (version 2) and split virtqueues: see virtio_mmio.h. */
#include <stddef.h>
#include <string.h>

#include "virtio_mmio.h"

#define NAME "virtio-mmio"
#define VIRTIO_MAGIC 0x74726976u  /* "virt" */
#define VIRTIO_VENDOR 0x554d4551u /* "QEMU", the vendor QEMU's devices report */

enum {
    R_MAGIC = 0x000, R_VERSION = 0x004, R_DEVICE_ID = 0x008, R_VENDOR_ID = 0x00c,
    R_DEV_FEATURES = 0x010, R_DEV_FEATURES_SEL = 0x014, R_DRV_FEATURES = 0x020,
    R_DRV_FEATURES_SEL = 0x024, R_QUEUE_SEL = 0x030, R_QUEUE_NUM_MAX = 0x034, R_QUEUE_NUM = 0x038,
    R_QUEUE_READY = 0x044, R_QUEUE_NOTIFY = 0x050, R_ISR = 0x060, R_ISR_ACK = 0x064,
    R_STATUS = 0x070, R_DESC_LO = 0x080, R_DESC_HI = 0x084, R_AVAIL_LO = 0x090, R_AVAIL_HI = 0x094,
    R_USED_LO = 0x0a0, R_USED_HI = 0x0a4, R_CONFIG_GEN = 0x0fc, R_CONFIG = 0x100,
};

static const char *tname(const VirtioMmio *t) { return t->dev_ops ? t->dev_ops->name : NAME; }

static void update_irq(VirtioMmio *t) { irq_set(&t->irq, t->isr != 0); }

void virtio_mmio_init(VirtioMmio *t, const VirtioDeviceOps *ops, void *dev, GuestMem *ram, IrqLine irq)
{
    memset(t, 0, sizeof *t);
    t->dev_ops = ops;
    t->dev = dev;
    t->ram = ram;
    t->irq = irq;
    virtio_mmio_reset(t);
}

void virtio_mmio_reset(void *opaque)
{
    VirtioMmio *t = opaque;
    t->status = t->isr = 0;
    t->dev_features_sel = t->drv_features_sel = t->queue_sel = 0;
    t->driver_features = 0;
    memset(t->q, 0, sizeof t->q);
    if (t->dev_ops && t->dev_ops->reset)
        t->dev_ops->reset(t->dev);
    update_irq(t);
}

void virtio_mmio_broken(VirtioMmio *t, const char *why)
{
    dev_guest_error(tname(t), "%s: the device needs a reset", why);
    t->status |= VIRTIO_STATUS_NEEDS_RESET;
    t->isr |= 2; /* a configuration change notification */
    update_irq(t);
}

static uint64_t offered(const VirtioMmio *t)
{
    if (!t->dev_ops)
        return 0;
    uint64_t f = t->dev_ops->features | VIRTIO_F_VERSION_1;
    return t->dev_ops->more_features ? f | t->dev_ops->more_features(t->dev) : f;
}

static unsigned nqueues(const VirtioMmio *t) { return t->dev_ops ? t->dev_ops->nqueues : 0; }

/* [addr, addr+len) is guest RAM with `prot`. */
static bool in_ram(const VirtioMmio *t, uint64_t addr, uint64_t len, unsigned prot)
{
    if (len == 0)
        return true;
    return addr + len > addr && guest_mem_is_mapped(t->ram, addr, len, prot);
}

static uint64_t mmio_read(void *opaque, uint64_t off, unsigned size)
{
    VirtioMmio *t = opaque;
    if (off >= R_CONFIG) {
        if (t->dev_ops && t->dev_ops->config_read)
            return t->dev_ops->config_read(t->dev, off - R_CONFIG, size);
        return 0;
    }
    if (size != 4 || (off & 3)) {
        dev_guest_error(tname(t), "read of %u bytes at 0x%llx", size, (unsigned long long)off);
        return 0;
    }
    VirtioQueue *q = t->queue_sel < VIRTIO_MAX_QUEUES ? &t->q[t->queue_sel] : NULL;
    switch (off) {
    case R_MAGIC: return VIRTIO_MAGIC;
    case R_VERSION: return 2;
    case R_DEVICE_ID: return t->dev_ops ? t->dev_ops->device_id : 0;
    case R_VENDOR_ID: return VIRTIO_VENDOR;
    case R_DEV_FEATURES: return t->dev_features_sel < 2 ? (uint32_t)(offered(t) >> (32 * t->dev_features_sel)) : 0;
    case R_QUEUE_NUM_MAX: return t->queue_sel < nqueues(t) ? VIRTIO_QUEUE_MAX : 0;
    case R_QUEUE_READY: return q && t->queue_sel < nqueues(t) ? q->ready : 0;
    case R_ISR: return t->isr;
    case R_STATUS: return t->status;
    case R_CONFIG_GEN: return t->config_generation;
    default: break;
    }
    dev_guest_error(tname(t), "read of a write-only or unknown register at 0x%llx", (unsigned long long)off);
    return 0;
}

/* QueueReady = 1: the rings must lie in RAM, aligned (2.7: descriptor
 * table 16, available ring 2, used ring 4). */
static void queue_ready(VirtioMmio *t, VirtioQueue *q)
{
    uint64_t n = q->num;
    if (n == 0 || (q->desc & 15) || (q->avail & 1) || (q->used & 3) ||
        !in_ram(t, q->desc, 16 * n, GUEST_PROT_READ) || !in_ram(t, q->avail, 6 + 2 * n, GUEST_PROT_READ) ||
        !in_ram(t, q->used, 6 + 8 * n, GUEST_PROT_READ | GUEST_PROT_WRITE)) {
        virtio_mmio_broken(t, "queue rings outside RAM, misaligned or of size 0");
        return;
    }
    q->ready = true;
    q->last_avail = q->used_idx = 0;
}

static void set_status(VirtioMmio *t, uint32_t v)
{
    if (v == 0) {
        virtio_mmio_reset(t);
        return;
    }
    /* FEATURES_OK only for a subset of what was offered, with VERSION_1 */
    if ((v & VIRTIO_STATUS_FEATURES_OK) && !(t->status & VIRTIO_STATUS_FEATURES_OK) &&
        ((t->driver_features & ~offered(t)) || !(t->driver_features & VIRTIO_F_VERSION_1))) {
        dev_guest_error(tname(t), "driver features 0x%llx not acceptable", (unsigned long long)t->driver_features);
        v &= ~(uint32_t)VIRTIO_STATUS_FEATURES_OK;
    }
    t->status = (t->status & VIRTIO_STATUS_NEEDS_RESET) | (v & ~(uint32_t)VIRTIO_STATUS_NEEDS_RESET);
}

static void set_half(uint64_t *r, bool hi, uint32_t v)
{
    *r = hi ? (*r & 0xffffffffull) | (uint64_t)v << 32 : (*r & ~0xffffffffull) | v;
}

static void mmio_write(void *opaque, uint64_t off, unsigned size, uint64_t value)
{
    VirtioMmio *t = opaque;
    if (off >= R_CONFIG || size != 4 || (off & 3)) {
        /* the block and entropy devices have no writable configuration */
        dev_guest_error(tname(t), "write of %u bytes at 0x%llx ignored", size, (unsigned long long)off);
        return;
    }
    uint32_t v = (uint32_t)value;
    bool qok = t->queue_sel < nqueues(t);
    VirtioQueue *q = qok ? &t->q[t->queue_sel] : NULL;
    switch (off) {
    case R_DEV_FEATURES_SEL: t->dev_features_sel = v; return;
    case R_DRV_FEATURES:
        if (t->drv_features_sel < 2)
            set_half(&t->driver_features, t->drv_features_sel == 1, v);
        return;
    case R_DRV_FEATURES_SEL: t->drv_features_sel = v; return;
    case R_QUEUE_SEL: t->queue_sel = v; return;
    case R_QUEUE_NOTIFY:
        if (v < nqueues(t) && t->q[v].ready && (t->status & VIRTIO_STATUS_DRIVER_OK) &&
            !(t->status & VIRTIO_STATUS_NEEDS_RESET))
            t->dev_ops->notify(t->dev, t, v);
        return;
    case R_ISR_ACK:
        t->isr &= ~v;
        update_irq(t);
        return;
    case R_STATUS: set_status(t, v); return;
    case R_QUEUE_NUM: case R_QUEUE_READY: case R_DESC_LO: case R_DESC_HI: case R_AVAIL_LO:
    case R_AVAIL_HI: case R_USED_LO: case R_USED_HI:
        break;
    default:
        dev_guest_error(tname(t), "write to a read-only or unknown register at 0x%llx", (unsigned long long)off);
        return;
    }
    if (!q) {
        dev_guest_error(tname(t), "queue register 0x%llx with QueueSel %u: no such queue", (unsigned long long)off,
                        t->queue_sel);
        return;
    }
    if (off == R_QUEUE_READY) {
        if (v & 1)
            queue_ready(t, q);
        else
            q->ready = false;
        return;
    }
    if (q->ready) {
        dev_guest_error(tname(t), "queue register 0x%llx written while the queue is ready", (unsigned long long)off);
        return;
    }
    switch (off) {
    case R_QUEUE_NUM:
        if (v == 0 || v > VIRTIO_QUEUE_MAX) {
            dev_guest_error(tname(t), "QueueNum %u is out of range", v);
            return;
        }
        q->num = v;
        return;
    case R_DESC_LO: case R_DESC_HI: set_half(&q->desc, off == R_DESC_HI, v); return;
    case R_AVAIL_LO: case R_AVAIL_HI: set_half(&q->avail, off == R_AVAIL_HI, v); return;
    case R_USED_LO: case R_USED_HI: set_half(&q->used, off == R_USED_HI, v); return;
    }
}

const DeviceOps virtio_mmio_ops = {NAME, mmio_read, mmio_write, virtio_mmio_reset};

/* ------------------------------------------------------------ virtqueues */

static bool rd(VirtioMmio *t, uint64_t addr, unsigned size, uint64_t *v)
{
    uint64_t fault;
    return guest_mem_read(t->ram, addr, size, v, &fault);
}

int virtio_pop(VirtioMmio *t, unsigned qi, VirtioChain *c)
{
    if (qi >= nqueues(t) || !t->q[qi].ready || (t->status & VIRTIO_STATUS_NEEDS_RESET))
        return 0;
    VirtioQueue *q = &t->q[qi];
    uint64_t idx, head;
    if (!rd(t, q->avail + 2, 2, &idx))
        goto bad_ring;
    if ((uint16_t)idx == q->last_avail)
        return 0;
    if ((uint16_t)((uint16_t)idx - q->last_avail) > q->num) {
        virtio_mmio_broken(t, "available index moved by more than the queue size");
        return -1;
    }
    if (!rd(t, q->avail + 4 + 2 * (q->last_avail % q->num), 2, &head))
        goto bad_ring;
    memset(c, 0, offsetof(VirtioChain, seg));
    c->head = (uint16_t)head;
    for (unsigned n = 0, i = (unsigned)head;; n++) {
        uint8_t d[16];
        if (i >= q->num || n >= q->num) {
            virtio_mmio_broken(t, i >= q->num ? "descriptor index out of range" : "descriptor chain loops");
            return -1;
        }
        if (!guest_mem_copy_out(t->ram, d, q->desc + 16 * (uint64_t)i, 16))
            goto bad_ring;
        uint64_t addr = 0;
        for (int k = 7; k >= 0; k--)
            addr = addr << 8 | d[k];
        uint32_t len = (uint32_t)d[8] | (uint32_t)d[9] << 8 | (uint32_t)d[10] << 16 | (uint32_t)d[11] << 24;
        unsigned flags = d[12] | d[13] << 8, next = d[14] | d[15] << 8;
        bool w = flags & VIRTQ_DESC_F_WRITE;
        if (flags & VIRTQ_DESC_F_INDIRECT) {
            virtio_mmio_broken(t, "indirect descriptor (the feature was not offered)");
            return -1;
        }
        if (!in_ram(t, addr, len, w ? GUEST_PROT_READ | GUEST_PROT_WRITE : GUEST_PROT_READ)) {
            dev_guest_error(tname(t), "descriptor %u: 0x%llx+0x%x is not RAM", i, (unsigned long long)addr, len);
            virtio_mmio_broken(t, "buffer outside RAM");
            return -1;
        }
        if (!w && c->nwrite) {
            virtio_mmio_broken(t, "a device-readable descriptor after a device-writable one");
            return -1;
        }
        c->seg[c->nread + c->nwrite] = (VirtioSeg){addr, len};
        if (w) {
            c->nwrite++;
            c->write_len += len;
        } else {
            c->nread++;
            c->read_len += len;
        }
        if (!(flags & VIRTQ_DESC_F_NEXT))
            break;
        i = next;
    }
    q->last_avail++;
    return 1;
bad_ring:
    virtio_mmio_broken(t, "virtqueue ring not readable");
    return -1;
}

void virtio_push(VirtioMmio *t, unsigned qi, const VirtioChain *c, uint32_t written)
{
    VirtioQueue *q = &t->q[qi];
    uint64_t fault, e = q->used + 4 + 8 * (uint64_t)(q->used_idx % q->num);
    q->used_idx++;
    if (!guest_mem_write(t->ram, e, 4, c->head, &fault) || !guest_mem_write(t->ram, e + 4, 4, written, &fault) ||
        !guest_mem_write(t->ram, q->used + 2, 2, q->used_idx, &fault)) {
        virtio_mmio_broken(t, "used ring not writable");
        return;
    }
    if (t->note_store) {
        t->note_store(t->note_opaque, e, 8);
        t->note_store(t->note_opaque, q->used + 2, 2);
    }
    t->isr |= 1; /* used buffer notification */
    update_irq(t);
}

/* Copy between buf and the segments [first, first+n) of c from byte `off`. */
static bool chain_copy(VirtioMmio *t, const VirtioChain *c, unsigned first, unsigned n, uint64_t off, void *buf,
                       uint64_t len, bool to_guest)
{
    uint8_t *b = buf;
    for (unsigned i = first; i < first + n && len; i++) {
        const VirtioSeg *s = &c->seg[i];
        if (off >= s->len) {
            off -= s->len;
            continue;
        }
        uint64_t k = s->len - off < len ? s->len - off : len;
        bool ok = to_guest ? guest_mem_copy_in(t->ram, s->addr + off, b, k)
                           : guest_mem_copy_out(t->ram, b, s->addr + off, k);
        if (!ok)
            return false;
        if (to_guest && t->note_store)
            t->note_store(t->note_opaque, s->addr + off, k);
        b += k;
        len -= k;
        off = 0;
    }
    return len == 0;
}

bool virtio_chain_read(VirtioMmio *t, const VirtioChain *c, uint64_t off, void *buf, uint64_t len)
{
    return off + len <= c->read_len && chain_copy(t, c, 0, c->nread, off, buf, len, false);
}

bool virtio_chain_write(VirtioMmio *t, const VirtioChain *c, uint64_t off, const void *buf, uint64_t len)
{
    return off + len <= c->write_len && chain_copy(t, c, c->nread, c->nwrite, off, (void *)buf, len, true);
}
