/* Check suite for boards/system/semihosting.c: each operation driven
 * directly with a GuestMem, the console on temporary files. */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "system/semihosting.h"

#define RAM 0x40000000ull
#define ROM 0x0ull
#define BLOCK (RAM + 0x100)
#define BUF (RAM + 0x1000)
#define FAIL UINT64_MAX

static GuestMem *mem;
static Semihost sh;
static FILE *in, *out, *err;
static uint64_t fake_ns;
static int notes;

static uint64_t now(void *opaque)
{
    (void)opaque;
    return fake_ns;
}

static void note(void *opaque, bool unimp, const char *msg)
{
    (void)opaque;
    (void)unimp;
    (void)msg;
    notes++;
}

static void setup(void)
{
    mem = guest_mem_new();
    ck_assert(guest_mem_map(mem, RAM, 0x10000, GUEST_PROT_READ | GUEST_PROT_WRITE));
    ck_assert(guest_mem_map(mem, ROM, 0x1000, GUEST_PROT_READ | GUEST_PROT_EXEC));
    in = tmpfile();
    out = tmpfile();
    err = tmpfile();
    semihost_init(&sh, mem);
    sh.in = in;
    sh.out = out;
    sh.err = err;
    sh.now_ns = now;
    sh.note = note;
    fake_ns = 0;
    notes = 0;
}

static void teardown(void)
{
    fclose(in);
    fclose(out);
    fclose(err);
    guest_mem_free(mem);
}

static void put64(uint64_t addr, uint64_t v) { ck_assert(guest_mem_copy_in(mem, addr, &v, 8)); }
static uint64_t get64(uint64_t addr)
{
    uint64_t v;
    ck_assert(guest_mem_copy_out(mem, &v, addr, 8));
    return v;
}
static void put_str(uint64_t addr, const char *s)
{
    ck_assert(guest_mem_copy_in(mem, addr, s, strlen(s) + 1));
}
static void block3(uint64_t a, uint64_t b, uint64_t c)
{
    put64(BLOCK, a);
    put64(BLOCK + 8, b);
    put64(BLOCK + 16, c);
}
/* everything written to f so far */
static const char *contents(FILE *f)
{
    static char buf[4096];
    fflush(f);
    long n = ftell(f);
    rewind(f);
    size_t got = fread(buf, 1, (size_t)n, f);
    buf[got] = 0;
    return buf;
}
static uint64_t open_name(const char *name, uint64_t mode)
{
    put_str(BUF + 0x800, name);
    block3(BUF + 0x800, mode, strlen(name));
    return semihost_call(&sh, SYS_OPEN, BLOCK);
}

START_TEST(writec_write0)
{
    put_str(BUF, "X");
    ck_assert_uint_eq(semihost_call(&sh, SYS_WRITEC, BUF), 0);
    put_str(BUF, "hello\n");
    ck_assert_uint_eq(semihost_call(&sh, SYS_WRITE0, BUF), 0);
    ck_assert_str_eq(contents(out), "Xhello\n");
}
END_TEST

START_TEST(write0_crosses_pages_and_faults)
{
    /* a string that runs to the end of the mapping without a NUL */
    char fill[256];
    memset(fill, 'a', sizeof fill);
    ck_assert(guest_mem_copy_in(mem, RAM + 0x10000 - sizeof fill, fill, sizeof fill));
    ck_assert_uint_eq(semihost_call(&sh, SYS_WRITE0, RAM + 0x10000 - sizeof fill), FAIL);
    ck_assert_uint_eq(semihost_call(&sh, SYS_ERRNO, 0), EFAULT);
    ck_assert_str_eq(contents(out), ""); /* nothing printed */
    /* a string that crosses a page boundary inside the mapping */
    put_str(RAM + 0x1ffe, "abcd");
    ck_assert_uint_eq(semihost_call(&sh, SYS_WRITE0, RAM + 0x1ffe), 0);
    ck_assert_str_eq(contents(out), "abcd");
    ck_assert_int_ge(notes, 1);
}
END_TEST

START_TEST(bad_pointers_fail)
{
    ck_assert_uint_eq(semihost_call(&sh, SYS_WRITEC, 0x123456789ull), FAIL);
    ck_assert_uint_eq(semihost_call(&sh, SYS_ERRNO, 0), EFAULT);
    ck_assert_uint_eq(semihost_call(&sh, SYS_WRITE, 0xdead0000ull), FAIL);
    ck_assert_uint_eq(semihost_call(&sh, SYS_EXIT, ~0ull - 4), FAIL);
    ck_assert(!sh.exited);
    ck_assert_uint_eq(semihost_call(&sh, SYS_HEAPINFO, 1ull << 47), FAIL);
    ck_assert_uint_eq(semihost_call(&sh, SYS_OPEN, ~0ull), FAIL);
}
END_TEST

START_TEST(open_tt_and_write)
{
    uint64_t h_in = open_name(":tt", 0);
    uint64_t h_out = open_name(":tt", 4);
    uint64_t h_err = open_name(":tt", 8);
    ck_assert(h_in != FAIL && h_out != FAIL && h_err != FAIL);
    ck_assert(h_in != h_out && h_out != h_err && h_in != 0);
    put_str(BUF, "to out");
    block3(h_out, BUF, 6);
    ck_assert_uint_eq(semihost_call(&sh, SYS_WRITE, BLOCK), 0);
    put_str(BUF, "to err!");
    block3(h_err, BUF, 7);
    ck_assert_uint_eq(semihost_call(&sh, SYS_WRITE, BLOCK), 0);
    ck_assert_str_eq(contents(out), "to out");
    ck_assert_str_eq(contents(err), "to err!");
    /* writing to stdin or a bad handle fails with EBADF */
    block3(h_in, BUF, 2);
    ck_assert_uint_eq(semihost_call(&sh, SYS_WRITE, BLOCK), FAIL);
    ck_assert_uint_eq(semihost_call(&sh, SYS_ERRNO, 0), EBADF);
    block3(99, BUF, 2);
    ck_assert_uint_eq(semihost_call(&sh, SYS_WRITE, BLOCK), FAIL);
    /* ISTTY, CLOSE */
    put64(BLOCK, h_out);
    ck_assert_uint_eq(semihost_call(&sh, SYS_ISTTY, BLOCK), 1);
    ck_assert_uint_eq(semihost_call(&sh, SYS_CLOSE, BLOCK), 0);
    ck_assert_uint_eq(semihost_call(&sh, SYS_CLOSE, BLOCK), FAIL);
    ck_assert_uint_eq(semihost_call(&sh, SYS_ISTTY, BLOCK), FAIL);
}
END_TEST

START_TEST(read_console)
{
    fputs("line one\nrest", in);
    rewind(in);
    uint64_t h = open_name(":tt", 0);
    block3(h, BUF, 64);
    /* one line per call; the result is the number of bytes not read */
    ck_assert_uint_eq(semihost_call(&sh, SYS_READ, BLOCK), 64 - 9);
    char got[16] = {0};
    ck_assert(guest_mem_copy_out(mem, got, BUF, 9));
    ck_assert_mem_eq(got, "line one\n", 9);
    ck_assert_uint_eq(semihost_call(&sh, SYS_READC, 0), 'r');
    ck_assert_uint_eq(semihost_call(&sh, SYS_READ, BLOCK), 64 - 3);
    ck_assert_uint_eq(semihost_call(&sh, SYS_READ, BLOCK), 64); /* end of file */
    /* never into read-only memory */
    block3(h, ROM, 4);
    ck_assert_uint_eq(semihost_call(&sh, SYS_READ, BLOCK), FAIL);
    ck_assert_uint_eq(semihost_call(&sh, SYS_ERRNO, 0), EFAULT);
}
END_TEST

START_TEST(features_file)
{
    ck_assert_uint_eq(open_name(":semihosting-features", 4), FAIL); /* write mode */
    uint64_t h = open_name(":semihosting-features", 0);
    ck_assert_uint_ne(h, FAIL);
    put64(BLOCK, h);
    ck_assert_uint_eq(semihost_call(&sh, SYS_FLEN, BLOCK), 5);
    ck_assert_uint_eq(semihost_call(&sh, SYS_ISTTY, BLOCK), 0);
    block3(h, BUF, 16);
    ck_assert_uint_eq(semihost_call(&sh, SYS_READ, BLOCK), 16 - 5);
    uint8_t b[5];
    ck_assert(guest_mem_copy_out(mem, b, BUF, 5));
    ck_assert_mem_eq(b, "SHFB", 4);
    ck_assert_uint_eq(b[4], SH_EXT_EXIT_EXTENDED | SH_EXT_STDOUT_STDERR);
    /* seek back to the extension byte */
    block3(h, 4, 0);
    ck_assert_uint_eq(semihost_call(&sh, SYS_SEEK, BLOCK), 0);
    block3(h, BUF, 1);
    ck_assert_uint_eq(semihost_call(&sh, SYS_READ, BLOCK), 0);
    block3(h, 6, 0);
    ck_assert_uint_eq(semihost_call(&sh, SYS_SEEK, BLOCK), FAIL);
    /* host files are never opened */
    ck_assert_uint_eq(open_name("/etc/passwd", 0), FAIL);
    ck_assert_uint_eq(semihost_call(&sh, SYS_ERRNO, 0), ENOENT);
}
END_TEST

START_TEST(iserror_clock_time)
{
    put64(BLOCK, (uint64_t)-5);
    ck_assert_uint_eq(semihost_call(&sh, SYS_ISERROR, BLOCK), 1);
    put64(BLOCK, 7);
    ck_assert_uint_eq(semihost_call(&sh, SYS_ISERROR, BLOCK), 0);
    fake_ns = 2500000000ull; /* 2.5 s */
    ck_assert_uint_eq(semihost_call(&sh, SYS_CLOCK, 0), 250);
    sh.time_base = 1000;
    ck_assert_uint_eq(semihost_call(&sh, SYS_TIME, 0), 1002);
    ck_assert_uint_eq(semihost_call(&sh, SYS_ELAPSED, BUF), 0);
    ck_assert_uint_eq(get64(BUF), 2500000000ull);
    ck_assert_uint_eq(semihost_call(&sh, SYS_TICKFREQ, 0), 1000000000ull);
}
END_TEST

START_TEST(cmdline_heapinfo)
{
    sh.cmdline = "prog -v";
    put64(BLOCK, BUF);
    put64(BLOCK + 8, 4); /* too small */
    ck_assert_uint_eq(semihost_call(&sh, SYS_GET_CMDLINE, BLOCK), FAIL);
    put64(BLOCK + 8, 64);
    ck_assert_uint_eq(semihost_call(&sh, SYS_GET_CMDLINE, BLOCK), 0);
    ck_assert_uint_eq(get64(BLOCK + 8), 7);
    char got[8];
    ck_assert(guest_mem_copy_out(mem, got, BUF, 8));
    ck_assert_str_eq(got, "prog -v");

    sh.heap_base = 0x40100000;
    sh.heap_limit = 0x47f00000;
    sh.stack_base = 0x48000000;
    sh.stack_limit = 0x47f00000;
    put64(BLOCK, BUF + 0x100);
    ck_assert_uint_eq(semihost_call(&sh, SYS_HEAPINFO, BLOCK), 0);
    ck_assert_uint_eq(get64(BUF + 0x100), 0x40100000);
    ck_assert_uint_eq(get64(BUF + 0x108), 0x47f00000);
    ck_assert_uint_eq(get64(BUF + 0x110), 0x48000000);
    ck_assert_uint_eq(get64(BUF + 0x118), 0x47f00000);
}
END_TEST

START_TEST(exit_status)
{
    put64(BLOCK, ADP_STOPPED_APPLICATION_EXIT);
    put64(BLOCK + 8, 42);
    semihost_call(&sh, SYS_EXIT_EXTENDED, BLOCK);
    ck_assert(sh.exited);
    ck_assert_int_eq(sh.exit_status, 42);
    sh.exited = false;
    put64(BLOCK + 8, 0);
    semihost_call(&sh, SYS_EXIT, BLOCK);
    ck_assert(sh.exited);
    ck_assert_int_eq(sh.exit_status, 0);
    sh.exited = false;
    put64(BLOCK, 0x20023); /* ADP_Stopped_RunTimeErrorUnknown */
    semihost_call(&sh, SYS_EXIT, BLOCK);
    ck_assert(sh.exited);
    ck_assert_int_eq(sh.exit_status, 1);
}
END_TEST

START_TEST(unsupported_ops)
{
    ck_assert_uint_eq(semihost_call(&sh, SYS_SYSTEM, BLOCK), FAIL);
    ck_assert_uint_eq(semihost_call(&sh, SYS_ERRNO, 0), ENOSYS);
    ck_assert_uint_eq(semihost_call(&sh, 0x99, BLOCK), FAIL);
    ck_assert_str_eq(semihost_op_name(SYS_WRITE0), "SYS_WRITE0");
    ck_assert_ptr_null(semihost_op_name(0x99));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("semihosting");
    TCase *tc = tcase_create("ops");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, writec_write0);
    tcase_add_test(tc, write0_crosses_pages_and_faults);
    tcase_add_test(tc, bad_pointers_fail);
    tcase_add_test(tc, open_tt_and_write);
    tcase_add_test(tc, read_console);
    tcase_add_test(tc, features_file);
    tcase_add_test(tc, iserror_clock_time);
    tcase_add_test(tc, cmdline_heapinfo);
    tcase_add_test(tc, exit_status);
    tcase_add_test(tc, unsupported_ops);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
