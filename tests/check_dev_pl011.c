/* PL011 UART (boards/dev/pl011.c): IDs, flags, TX to the backend, the RX
 * FIFO and its interrupts, masks and clears, misuse is RAZ/WI and logged. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "dev/pl011.h"

static char sent[64];
static unsigned nsent;
static bool line;
static int logged;

static void tx(void *opaque, uint8_t b)
{
    (void)opaque;
    if (nsent < sizeof sent - 1)
        sent[nsent++] = (char)b;
}
static void set_line(void *opaque, int n, bool level) { (void)opaque; (void)n; line = level; }
static void log_hook(bool unimp, const char *msg) { (void)unimp; (void)msg; logged++; }

static Pl011 u;
#define RD(off) pl011_ops.read(&u, (off), 4)
#define WR(off, v) pl011_ops.write(&u, (off), 4, (v))

static void setup(void)
{
    nsent = 0;
    memset(sent, 0, sizeof sent);
    line = false;
    logged = 0;
    dev_log_hook = log_hook;
    pl011_init(&u, (IrqLine){set_line, NULL, 0}, tx, NULL);
}

START_TEST(test_ids_and_reset)
{
    static const uint8_t id[8] = {0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};
    for (int i = 0; i < 8; i++)
        ck_assert_uint_eq(RD(0xfe0 + 4 * i), id[i]);
    ck_assert_uint_eq(RD(0x30), 0x300); /* CR: TXE, RXE */
    ck_assert_uint_eq(RD(0x34), 0x12);  /* IFLS */
    ck_assert_uint_eq(RD(0x18) & 0x90, 0x90); /* FR: TXFE, RXFE */
    ck_assert(!line);
}
END_TEST

START_TEST(test_tx)
{
    const char *s = "hi\n";
    for (const char *p = s; *p; p++)
        WR(0x00, (uint8_t)*p);
    ck_assert_str_eq(sent, "hi\n");
    ck_assert_uint_eq(RD(0x3c) & 0x20, 0x20); /* RIS.TX */
    ck_assert(!line);                          /* masked */
    WR(0x38, 0x20);
    ck_assert(line);
    ck_assert_uint_eq(RD(0x40), 0x20); /* MIS */
    WR(0x44, 0x20);
    ck_assert(!line);
    ck_assert_uint_eq(RD(0x3c) & 0x20, 0);
}
END_TEST

START_TEST(test_rx_fifo)
{
    WR(0x38, 0x50); /* RX and RT interrupts */
    /* without the FIFO: one byte */
    ck_assert(pl011_receive(&u, 'a'));
    ck_assert(!pl011_can_receive(&u));
    ck_assert(!pl011_receive(&u, 'b'));
    ck_assert(line);
    ck_assert_uint_eq(RD(0x18) & 0x50, 0x40); /* RXFF, not RXFE */
    ck_assert_uint_eq(RD(0x00), 'a');
    ck_assert(!line);
    ck_assert_uint_eq(RD(0x18) & 0x10, 0x10);
    /* with the FIFO: 16 bytes, RX at the 1/2 level (IFLS reset), RT for any */
    WR(0x2c, 0x70);
    for (int i = 0; i < 16; i++)
        ck_assert(pl011_receive(&u, (uint8_t)('0' + i)));
    ck_assert(!pl011_receive(&u, 'x'));
    ck_assert_uint_eq(RD(0x3c) & 0x50, 0x50);
    for (int i = 0; i < 16; i++)
        ck_assert_uint_eq(RD(0x00), (unsigned)('0' + i));
    ck_assert_uint_eq(RD(0x3c) & 0x50, 0);
    ck_assert(!line);
    ck_assert_uint_eq(RD(0x00), 0); /* empty: reads 0 */
}
END_TEST

START_TEST(test_misuse)
{
    ck_assert_uint_eq(RD(0x44), 0); /* ICR is write-only */
    ck_assert_uint_eq(RD(0x800), 0);
    WR(0x18, 0xff);                  /* FR is read-only */
    WR(0x900, 1);
    ck_assert_int_eq(logged, 4);
    ck_assert_uint_eq(RD(0x18) & 0x90, 0x90);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("dev_pl011");
    TCase *tc = tcase_create("pl011");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_ids_and_reset);
    tcase_add_test(tc, test_tx);
    tcase_add_test(tc, test_rx_fifo);
    tcase_add_test(tc, test_misuse);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
