/* virtio-mmio version 2 with -device virtio-rng-device on -M virt: the
 * device sits in the last transport (0x0a003e00, where QEMU puts the first
 * -device), the others read DeviceID 0. The driver's initialisation (status,
 * VERSION_1 negotiated, queue 0 of 8 in RAM), one 16-byte device-writable
 * buffer answered through the used ring with the used-buffer interrupt
 * status, InterruptACK; then a descriptor whose next index is out of
 * range makes the device set DEVICE_NEEDS_RESET with a configuration-change
 * interrupt status, and a reset (status 0) clears it. Polled, no GIC. The bytes are not checked
 * (QEMU's come from the host's entropy).
 *
 * QEMU 7.2 needs -global virtio-mmio.force-legacy=false for version 2.
 *
 * BM-ARGS: -M virt,gic-version=3,secure=on,virtualization=on -global virtio-mmio.force-legacy=false -device virtio-rng-device
 */
#include "bm.h"

#define VT(i) (0x0a000000ul + 0x200ul * (i))
#define DEV VT(31)
#define R32(a) (*(volatile uint32_t *)(a))
#define QN 8

struct desc { uint64_t addr; uint32_t len; uint16_t flags, next; };
static volatile struct desc descs[QN] __attribute__((aligned(16)));
static volatile struct { uint16_t flags, idx, ring[QN], used_event; } avail __attribute__((aligned(4)));
static volatile struct { uint16_t flags, idx; struct { uint32_t id, len; } ring[QN]; uint16_t avail_event; } used
    __attribute__((aligned(8)));
static volatile uint8_t buf[16];

#define dmb() __asm__ volatile("dmb sy" ::: "memory")

static void driver_init(void)
{
    R32(DEV + 0x70) = 0;
    R32(DEV + 0x70) = 1;
    R32(DEV + 0x70) = 3;
    R32(DEV + 0x24) = 1;
    R32(DEV + 0x20) = 1; /* VERSION_1 */
    R32(DEV + 0x24) = 0;
    R32(DEV + 0x20) = 0;
    R32(DEV + 0x70) = 3 | 8;
    R32(DEV + 0x30) = 0;
    R32(DEV + 0x38) = QN;
    R32(DEV + 0x80) = (uint32_t)(uint64_t)descs;
    R32(DEV + 0x84) = (uint32_t)((uint64_t)descs >> 32);
    R32(DEV + 0x90) = (uint32_t)(uint64_t)&avail;
    R32(DEV + 0x94) = (uint32_t)((uint64_t)&avail >> 32);
    R32(DEV + 0xa0) = (uint32_t)(uint64_t)&used;
    R32(DEV + 0xa4) = (uint32_t)((uint64_t)&used >> 32);
    avail.flags = avail.idx = 0;
    used.idx = 0;
    dmb();
    R32(DEV + 0x44) = 1;
    R32(DEV + 0x70) = 3 | 8 | 4;
}

static void offer(uint64_t addr, uint32_t len, uint16_t flags, uint16_t next)
{
    descs[0].addr = addr;
    descs[0].len = len;
    descs[0].flags = flags;
    descs[0].next = next;
    avail.ring[avail.idx % QN] = 0;
    dmb();
    avail.idx = avail.idx + 1;
    dmb();
    R32(DEV + 0x50) = 0;
}

int main(void)
{
    bm_check_eq("magic", R32(DEV + 0x00), 0x74726976);
    bm_check_eq("version 2", R32(DEV + 0x04), 2);
    bm_check_eq("DeviceID 4 (entropy) in the last transport", R32(DEV + 0x08), 4);
    bm_check_eq("the transport below is empty", R32(VT(30) + 0x08), 0);
    bm_check_eq("the first transport is empty", R32(VT(0) + 0x08), 0);
    bm_check_eq("an empty transport has the magic too", R32(VT(0) + 0x00), 0x74726976);
    R32(DEV + 0x14) = 1;
    bm_check_eq("VERSION_1 offered", R32(DEV + 0x10) & 1, 1);

    driver_init();
    bm_check_eq("FEATURES_OK and DRIVER_OK kept", R32(DEV + 0x70), 0xf);
    bm_check("QueueNumMax is at least 8", R32(DEV + 0x34) >= QN);
    bm_check_eq("queue 0 ready", R32(DEV + 0x44), 1);
    offer((uint64_t)buf, sizeof buf, 2 /* WRITE */, 0);
    for (int i = 0; i < 10000000 && used.idx != 1; i++)
        dmb();
    bm_check_eq("the buffer came back (used idx 1)", used.idx, 1);
    bm_check_eq("used id: the head descriptor", used.ring[0].id, 0);
    bm_check("used len: 1 to 16 bytes written", used.ring[0].len >= 1 && used.ring[0].len <= 16);
    bm_check_eq("used-buffer interrupt status", R32(DEV + 0x60) & 1, 1);
    R32(DEV + 0x64) = R32(DEV + 0x60);
    bm_check_eq("InterruptACK clears it", R32(DEV + 0x60), 0);

    /* a chain whose next index is beyond the queue (a buffer outside RAM
     * does the same on Armature, tests/check_dev_virtio.c; QEMU 7.2 takes
     * it as writes to nowhere) */
    offer((uint64_t)buf, sizeof buf, 2 | 1 /* WRITE, NEXT */, QN);
    for (int i = 0; i < 10000000 && !(R32(DEV + 0x70) & 0x40); i++)
        dmb();
    bm_check_eq("bad descriptor: DEVICE_NEEDS_RESET", R32(DEV + 0x70) & 0x40, 0x40);
    bm_check_eq("configuration-change interrupt status", R32(DEV + 0x60) & 2, 2);
    bm_check_eq("nothing used", used.idx, 1);
    R32(DEV + 0x70) = 0;
    bm_check_eq("reset clears the status", R32(DEV + 0x70), 0);
    bm_check_eq("and the interrupt status", R32(DEV + 0x60), 0);
    driver_init();
    offer((uint64_t)buf, sizeof buf, 2 /* WRITE */, 0);
    for (int i = 0; i < 10000000 && used.idx != 1; i++)
        dmb();
    bm_check_eq("after the reset it works again", used.idx, 1);
    return 0;
}
