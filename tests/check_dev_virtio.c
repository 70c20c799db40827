/* virtio-mmio (boards/dev/virtio_mmio.c) with virtio-blk and virtio-rng:
 * the test plays the driver, through the registers and a split virtqueue
 * in guest RAM (VIRTIO 1.x 4.2 and 2.7); bad descriptors make the device
 * need a reset, never touching memory outside RAM. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dev/virtio_blk.h"
#include "dev/virtio_rng.h"

#define RAM 0x40000000ull
#define RAM_SIZE (1ull << 20)
#define QDESC (RAM + 0x1000)
#define QAVAIL (RAM + 0x2000)
#define QUSED (RAM + 0x3000)
#define BUF (RAM + 0x10000)
#define QN 8

static GuestMem *mem;
static VirtioMmio t;
static VirtioBlk blk;
static VirtioRng rng;
static bool line;
static int errors;
static char img[64];

static void set_line(void *o, int n, bool level) { (void)o; (void)n; line = level; }
static void count_log(bool unimp, const char *msg) { (void)msg; if (!unimp) errors++; }

#define RD(off) virtio_mmio_ops.read(&t, (off), 4)
#define WR(off, v) virtio_mmio_ops.write(&t, (off), 4, (v))

static uint64_t peek(uint64_t a, unsigned size)
{
    uint64_t v = 0, f;
    ck_assert(guest_mem_read(mem, a, size, &v, &f));
    return v;
}

static void poke(uint64_t a, unsigned size, uint64_t v)
{
    uint64_t f;
    ck_assert(guest_mem_write(mem, a, size, v, &f));
}

static void desc(unsigned i, uint64_t addr, uint32_t len, uint16_t flags, uint16_t next)
{
    poke(QDESC + 16 * i, 8, addr);
    poke(QDESC + 16 * i + 8, 4, len);
    poke(QDESC + 16 * i + 12, 2, flags);
    poke(QDESC + 16 * i + 14, 2, next);
}

/* make chain `head` available and notify queue 0 */
static void offer(uint16_t head)
{
    uint16_t idx = (uint16_t)peek(QAVAIL + 2, 2);
    poke(QAVAIL + 4 + 2 * (idx % QN), 2, head);
    poke(QAVAIL + 2, 2, (uint16_t)(idx + 1));
    WR(0x050, 0);
}

/* the driver's initialisation (3.1.1) with queue 0 at QDESC/QAVAIL/QUSED */
static void driver_init(void)
{
    WR(0x070, 0);
    WR(0x070, 1);
    WR(0x070, 3);
    WR(0x024, 1);
    WR(0x020, 1); /* VERSION_1 */
    WR(0x024, 0);
    WR(0x020, 0);
    WR(0x070, 3 | 8);
    ck_assert_uint_eq(RD(0x070), 3 | 8);
    WR(0x030, 0);
    ck_assert_uint_eq(RD(0x034), VIRTIO_QUEUE_MAX);
    WR(0x038, QN);
    WR(0x080, (uint32_t)QDESC);
    WR(0x084, (uint32_t)(QDESC >> 32));
    WR(0x090, (uint32_t)QAVAIL);
    WR(0x094, 0);
    WR(0x0a0, (uint32_t)QUSED);
    WR(0x0a4, 0);
    WR(0x044, 1);
    ck_assert_uint_eq(RD(0x044), 1);
    WR(0x070, 3 | 8 | 4);
}

static void setup_common(void)
{
    mem = guest_mem_new();
    ck_assert(guest_mem_map(mem, RAM, RAM_SIZE, GUEST_PROT_READ | GUEST_PROT_WRITE));
    line = false;
    errors = 0;
    dev_log_hook = count_log;
}

static void setup_blk(void)
{
    setup_common();
    strcpy(img, "/tmp/check_virtio_XXXXXX");
    int fd = mkstemp(img);
    ck_assert_int_ge(fd, 0);
    uint8_t s[512];
    for (int sec = 0; sec < 8; sec++) { /* sector n: bytes n*16 + (i & 15) */
        for (int i = 0; i < 512; i++)
            s[i] = (uint8_t)(sec * 16 + (i & 15));
        ck_assert_int_eq(write(fd, s, 512), 512);
    }
    close(fd);
    char err[256];
    ck_assert_msg(virtio_blk_open(&blk, img, false, "disk0", err, sizeof err), "%s", err);
    virtio_mmio_init(&t, &virtio_blk_ops, &blk, mem, (IrqLine){set_line, NULL, 0});
}

static void teardown_blk(void)
{
    virtio_blk_close(&blk);
    unlink(img);
    guest_mem_free(mem);
}

static void setup_rng(void)
{
    setup_common();
    virtio_rng_init(&rng, 1);
    virtio_mmio_init(&t, &virtio_rng_ops, &rng, mem, (IrqLine){set_line, NULL, 0});
}

static void teardown_rng(void) { guest_mem_free(mem); }

/* a block request: header at BUF, data at BUF+0x100, status at BUF+0x80 */
static void blk_req(uint32_t type, uint64_t sector, uint32_t len, bool data_writable)
{
    poke(BUF, 4, type);
    poke(BUF + 4, 4, 0);
    poke(BUF + 8, 8, sector);
    poke(BUF + 0x80, 1, 0xff);
    desc(0, BUF, 16, VIRTQ_DESC_F_NEXT, 1);
    desc(1, BUF + 0x100, len, VIRTQ_DESC_F_NEXT | (data_writable ? VIRTQ_DESC_F_WRITE : 0), 2);
    desc(2, BUF + 0x80, 1, VIRTQ_DESC_F_WRITE, 0);
    offer(0);
}

START_TEST(test_registers)
{
    ck_assert_uint_eq(RD(0x000), 0x74726976);
    ck_assert_uint_eq(RD(0x004), 2);
    ck_assert_uint_eq(RD(0x008), 2);
    WR(0x014, 1);
    ck_assert_uint_eq(RD(0x010), 1); /* VERSION_1 (bit 32) */
    WR(0x014, 0);
    ck_assert_uint_eq(RD(0x010), 1u << 9); /* FLUSH */
    /* capacity: 8 sectors, read as two 32-bit halves */
    ck_assert_uint_eq(virtio_mmio_ops.read(&t, 0x100, 4), 8);
    ck_assert_uint_eq(virtio_mmio_ops.read(&t, 0x104, 4), 0);
    /* no VERSION_1: FEATURES_OK does not stick */
    WR(0x070, 1);
    WR(0x070, 3);
    WR(0x070, 3 | 8);
    ck_assert_uint_eq(RD(0x070), 3);
    /* queue 1 does not exist */
    WR(0x030, 1);
    ck_assert_uint_eq(RD(0x034), 0);
    ck_assert_int_eq(errors, 1);
    WR(0x038, 4);
    ck_assert_int_eq(errors, 2);
    /* a read-only disk offers VIRTIO_BLK_F_RO (bit 5) and fails writes */
    VirtioBlk ro;
    VirtioMmio rt;
    char err[256];
    ck_assert(virtio_blk_open(&ro, img, true, "ro", err, sizeof err));
    virtio_mmio_init(&rt, &virtio_blk_ops, &ro, mem, (IrqLine){0});
    virtio_mmio_ops.write(&rt, 0x014, 4, 0);
    ck_assert_uint_eq(virtio_mmio_ops.read(&rt, 0x010, 4), 1u << 9 | 1u << 5);
    virtio_blk_close(&ro);
    /* an empty transport */
    VirtioMmio e;
    virtio_mmio_init(&e, NULL, NULL, mem, (IrqLine){0});
    ck_assert_uint_eq(virtio_mmio_ops.read(&e, 0x000, 4), 0x74726976);
    ck_assert_uint_eq(virtio_mmio_ops.read(&e, 0x008, 4), 0);
}
END_TEST

START_TEST(test_blk_read_write)
{
    driver_init();
    blk_req(0 /* IN */, 2, 1024, true);
    ck_assert_uint_eq(peek(QUSED + 2, 2), 1);
    ck_assert_uint_eq(peek(QUSED + 4, 4), 0);        /* id: the head */
    ck_assert_uint_eq(peek(QUSED + 8, 4), 1024 + 1); /* data and status */
    ck_assert_uint_eq(peek(BUF + 0x80, 1), 0);       /* OK */
    ck_assert_uint_eq(peek(BUF + 0x100, 1), 2 * 16 + 0);
    ck_assert_uint_eq(peek(BUF + 0x100 + 512 + 7, 1), 3 * 16 + 7);
    ck_assert(line);
    ck_assert_uint_eq(RD(0x060), 1);
    WR(0x064, 1);
    ck_assert(!line);

    /* write sector 5 from RAM, then read the file */
    for (int i = 0; i < 512; i++)
        poke(BUF + 0x100 + i, 1, (uint8_t)(0xa0 ^ i));
    blk_req(1 /* OUT */, 5, 512, false);
    ck_assert_uint_eq(peek(QUSED + 2, 2), 2);
    ck_assert_uint_eq(peek(QUSED + 8 + 8, 4), 1);
    ck_assert_uint_eq(peek(BUF + 0x80, 1), 0);
    FILE *f = fopen(img, "rb");
    uint8_t s[512];
    ck_assert(f && fseek(f, 5 * 512, SEEK_SET) == 0 && fread(s, 1, 512, f) == 512);
    fclose(f);
    ck_assert_uint_eq(s[0], 0xa0);
    ck_assert_uint_eq(s[300], (uint8_t)(0xa0 ^ 300));

    /* beyond the end of the disk: IOERR, the device goes on */
    blk_req(0, 7, 1024, true);
    ck_assert_uint_eq(peek(QUSED + 2, 2), 3);
    ck_assert_uint_eq(peek(BUF + 0x80, 1), 1);
    ck_assert_uint_eq(RD(0x070) & VIRTIO_STATUS_NEEDS_RESET, 0);
    /* an unknown request type: UNSUPP */
    blk_req(99, 0, 512, true);
    ck_assert_uint_eq(peek(BUF + 0x80, 1), 2);
    /* GET_ID */
    blk_req(8, 0, 20, true);
    ck_assert_uint_eq(peek(BUF + 0x80, 1), 0);
    ck_assert_uint_eq(peek(BUF + 0x100, 4), 0x6b736964); /* "disk" */
}
END_TEST

START_TEST(test_bad_descriptors)
{
    driver_init();
    /* a buffer outside RAM */
    poke(BUF, 4, 0);
    poke(BUF + 8, 8, 0);
    desc(0, BUF, 16, VIRTQ_DESC_F_NEXT, 1);
    desc(1, RAM + RAM_SIZE - 256, 1024, VIRTQ_DESC_F_NEXT | VIRTQ_DESC_F_WRITE, 2);
    desc(2, BUF + 0x80, 1, VIRTQ_DESC_F_WRITE, 0);
    offer(0);
    ck_assert_uint_eq(peek(QUSED + 2, 2), 0);
    ck_assert_uint_eq(RD(0x070) & VIRTIO_STATUS_NEEDS_RESET, VIRTIO_STATUS_NEEDS_RESET);
    ck_assert_uint_eq(RD(0x060), 2); /* configuration change */
    ck_assert(line);
    ck_assert_int_ge(errors, 1);
    /* ignored until a reset */
    blk_req(0, 0, 512, true);
    ck_assert_uint_eq(peek(QUSED + 2, 2), 0);

    /* a chain that loops */
    driver_init();
    ck_assert_uint_eq(RD(0x070) & VIRTIO_STATUS_NEEDS_RESET, 0);
    poke(QAVAIL + 2, 2, 0);
    desc(0, BUF, 16, VIRTQ_DESC_F_NEXT, 1);
    desc(1, BUF + 0x100, 16, VIRTQ_DESC_F_NEXT, 0);
    offer(0);
    ck_assert_uint_eq(RD(0x070) & VIRTIO_STATUS_NEEDS_RESET, VIRTIO_STATUS_NEEDS_RESET);

    /* an address that wraps around 2^64, a next index out of range */
    driver_init();
    poke(QAVAIL + 2, 2, 0);
    desc(0, ~0ull - 7, 16, 0, 0);
    offer(0);
    ck_assert_uint_eq(RD(0x070) & VIRTIO_STATUS_NEEDS_RESET, VIRTIO_STATUS_NEEDS_RESET);
    driver_init();
    poke(QAVAIL + 2, 2, 0);
    desc(0, BUF, 16, VIRTQ_DESC_F_NEXT, QN);
    offer(0);
    ck_assert_uint_eq(RD(0x070) & VIRTIO_STATUS_NEEDS_RESET, VIRTIO_STATUS_NEEDS_RESET);

    /* rings outside RAM: QueueReady does not stick */
    WR(0x070, 0);
    WR(0x030, 0);
    WR(0x038, QN);
    WR(0x080, 0x1000);
    WR(0x044, 1);
    ck_assert_uint_eq(RD(0x044), 0);
}
END_TEST

START_TEST(test_rng)
{
    ck_assert_uint_eq(RD(0x008), 4);
    driver_init();
    desc(0, BUF, 8, VIRTQ_DESC_F_WRITE, 0);
    offer(0);
    ck_assert_uint_eq(peek(QUSED + 2, 2), 1);
    ck_assert_uint_eq(peek(QUSED + 8, 4), 8);
    /* SplitMix64 from seed 1: outputs 0x910a2dec89025cc1, 0xbeeb8da1658eec67, ...; their top bytes */
    static const uint8_t want[8] = {0x91, 0xbe, 0xf8, 0x71, 0x71, 0xc3, 0xe0, 0x85};
    for (int i = 0; i < 8; i++)
        ck_assert_uint_eq(peek(BUF + i, 1), want[i]);
    /* a reset restarts the sequence: deterministic runs */
    driver_init();
    poke(QAVAIL + 2, 2, 0);
    desc(0, BUF + 0x40, 2, VIRTQ_DESC_F_WRITE, 0);
    offer(0);
    ck_assert_uint_eq(peek(BUF + 0x40, 1), 0x91);
    ck_assert_uint_eq(peek(BUF + 0x41, 1), 0xbe);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("dev_virtio");
    TCase *tb = tcase_create("blk");
    tcase_add_checked_fixture(tb, setup_blk, teardown_blk);
    tcase_add_test(tb, test_registers);
    tcase_add_test(tb, test_blk_read_write);
    tcase_add_test(tb, test_bad_descriptors);
    suite_add_tcase(s, tb);
    TCase *tr = tcase_create("rng");
    tcase_add_checked_fixture(tr, setup_rng, teardown_rng);
    tcase_add_test(tr, test_rng);
    suite_add_tcase(s, tr);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
