/* PL031 RTC (boards/dev/pl031.c): the counter from virtual time, LR, the
 * match interrupt, IDs, misuse. */
#include <check.h>
#include <stdlib.h>

#include "dev/pl031.h"

static uint64_t now;
static bool line;
static uint64_t clock_ns(void *o) { (void)o; return now; }
static void set_line(void *opaque, int n, bool level) { (void)opaque; (void)n; line = level; }

static Pl031 r;
#define RD(off) pl031_ops.read(&r, (off), 4)
#define WR(off, v) pl031_ops.write(&r, (off), 4, (v))

static void setup(void)
{
    now = 0;
    line = false;
    dev_log_hook = NULL;
    pl031_init(&r, (IrqLine){set_line, NULL, 0}, clock_ns, NULL, 1704067200);
}

START_TEST(test_counter)
{
    ck_assert_uint_eq(RD(0x00), 1704067200u);
    now = 2500000000ull;
    ck_assert_uint_eq(RD(0x00), 1704067202u);
    WR(0x08, 1000); /* LR */
    ck_assert_uint_eq(RD(0x00), 1000);
    now += 1000000000ull;
    ck_assert_uint_eq(RD(0x00), 1001);
    ck_assert_uint_eq(RD(0x0c), 1);
    static const uint8_t id[8] = {0x31, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};
    for (int i = 0; i < 8; i++)
        ck_assert_uint_eq(RD(0xfe0 + 4 * i), id[i]);
}
END_TEST

START_TEST(test_match)
{
    WR(0x04, 1704067205u); /* MR: 5 s from now */
    WR(0x10, 1);
    ck_assert_uint_eq(pl031_next_match_ns(&r), 5000000000ull);
    now = 4999999999ull;
    pl031_tick(&r);
    ck_assert(!line);
    now = 5000000000ull;
    pl031_tick(&r);
    ck_assert(line);
    ck_assert_uint_eq(RD(0x14), 1);
    ck_assert_uint_eq(RD(0x18), 1);
    WR(0x1c, 1);
    ck_assert(!line);
    ck_assert_uint_eq(RD(0x14), 0);
    now = 9000000000ull;
    pl031_tick(&r);
    ck_assert(!line); /* fires once */
    ck_assert_uint_eq(RD(0x1c), 0);  /* write-only: RAZ */
    WR(0x00, 5);                     /* DR is read-only: WI */
    ck_assert_uint_eq(RD(0x00), 1704067209u);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("dev_pl031");
    TCase *tc = tcase_create("pl031");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_counter);
    tcase_add_test(tc, test_match);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
