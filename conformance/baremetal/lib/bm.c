/* Bare-metal test runtime: exception recording, lower-EL calls, checks. */
#include "bm.h"

#include <stdarg.h>

volatile unsigned bm_exc_count;
volatile BmExc bm_exc_log[BM_MAX_LOG];
BmHook bm_hook;
volatile bool bm_resume_at_lr;
static unsigned n_pass, n_fail;

void bm_resume_el3(uint64_t v) __attribute__((noreturn));
void bm_escalate(uint64_t v) __attribute__((noreturn));
void bm_exception(BmFrame *f, uint64_t offset, uint64_t el);

void *memset(void *d, int c, unsigned long n)
{
    volatile unsigned char *p = d;
    while (n--)
        *p++ = (unsigned char)c;
    return d;
}

void *memcpy(void *d, const void *s, unsigned long n)
{
    volatile unsigned char *p = d;
    const unsigned char *q = s;
    while (n--)
        *p++ = *q++;
    return d;
}

unsigned bm_current_el(void) { return (unsigned)(read_sysreg(CurrentEL) >> 2) & 3; }

void bm_exc_reset(void)
{
    bm_exc_count = 0;
    for (int i = 0; i < BM_MAX_LOG; i++)
        bm_exc_log[i] = (BmExc){0};
    bm_hook = 0;
    bm_resume_at_lr = false;
}

uint64_t bm_run_el(unsigned el, BmFn fn, uint64_t arg)
{
    return bm_run_spsr(SPSR_DAIF | (el << 2) | (el ? 1 : 0), fn, arg);
}

uint64_t bm_run_el_sp0(unsigned el, BmFn fn, uint64_t arg)
{
    return bm_run_spsr(SPSR_DAIF | (el << 2), fn, arg);
}

void bm_exception(BmFrame *f, uint64_t offset, uint64_t el)
{
    unsigned ec = ESR_EC(f->esr);
    bool sync = (offset & 0x180) == VEC_SYNC;
    /* the way back from bm_run_spsr: SVC/HVC/SMC #0xffff */
    if (sync && (ec == EC_SVC || ec == EC_HVC || ec == EC_SMC) && (f->esr & 0xffff) == 0xffff) {
        if (el == 3)
            bm_resume_el3(f->x[0]);
        bm_escalate(f->x[0]);
    }
    unsigned n = bm_exc_count;
    if (n < BM_MAX_LOG)
        bm_exc_log[n] = (BmExc){.el = (unsigned)el, .offset = (unsigned)offset, .esr = f->esr,
                                .far = f->far, .elr = f->elr, .spsr = f->spsr};
    bm_exc_count = n + 1;
    if (n > 64) {
        bm_print("FAIL runaway: exception %u at EL%u, offset %x, ESR %lx, ELR %lx\n", n,
                 (unsigned)el, (unsigned)offset, f->esr, f->elr);
        bm_exit(1);
    }
    if (bm_hook && bm_hook(f, (unsigned)offset, (unsigned)el))
        return;
    if (!sync) {
        /* mask what was taken, so the return does not take it again */
        f->spsr |= (offset & 0x180) == VEC_IRQ ? 0x80 : (offset & 0x180) == VEC_FIQ ? 0x40 : 0x100;
        return;
    }
    if (ec == EC_SVC || ec == EC_HVC || (ec == EC_SMC && el == 3))
        return; /* preferred return address: the next instruction */
    if (bm_resume_at_lr)
        f->elr = f->x[30];
    else
        f->elr += 4;
}

/* ------------------------------------------------------------ output */

#define SYS_WRITE0 0x04
#define SYS_EXIT_EXTENDED 0x20

void bm_puts(const char *s) { bm_semihost(SYS_WRITE0, (uint64_t)s); }

static char *put_hex(char *p, uint64_t v)
{
    char tmp[16];
    int n = 0;
    do {
        tmp[n++] = "0123456789abcdef"[v & 15];
        v >>= 4;
    } while (v);
    *p++ = '0';
    *p++ = 'x';
    while (n)
        *p++ = tmp[--n];
    return p;
}

static char *put_dec(char *p, int64_t v, bool is_signed)
{
    char tmp[24];
    int n = 0;
    uint64_t u = (uint64_t)v;
    if (is_signed && v < 0) {
        *p++ = '-';
        u = (uint64_t)-v;
    }
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    while (n)
        *p++ = tmp[--n];
    return p;
}

void bm_print(const char *fmt, ...)
{
    char buf[512];
    char *p = buf, *end = buf + sizeof buf - 32;
    va_list ap;
    va_start(ap, fmt);
    for (; *fmt && p < end; fmt++) {
        if (*fmt != '%') {
            *p++ = *fmt;
            continue;
        }
        int longs = 0;
        while (fmt[1] == 'l') {
            longs++;
            fmt++;
        }
        switch (*++fmt) {
        case 's':
            for (const char *s = va_arg(ap, const char *); *s && p < end; s++)
                *p++ = *s;
            break;
        case 'd': p = put_dec(p, longs ? va_arg(ap, int64_t) : va_arg(ap, int), true); break;
        case 'u': p = put_dec(p, (int64_t)(longs ? va_arg(ap, uint64_t) : va_arg(ap, unsigned)), false); break;
        case 'x': p = put_hex(p, longs ? va_arg(ap, uint64_t) : va_arg(ap, unsigned)); break;
        case '%': *p++ = '%'; break;
        default: *p++ = '?'; break;
        }
    }
    va_end(ap);
    *p = 0;
    bm_puts(buf);
}

void bm_check(const char *what, bool ok)
{
    if (ok) {
        n_pass++;
        bm_print("PASS %s\n", what);
    } else {
        n_fail++;
        bm_print("FAIL %s\n", what);
    }
}

void bm_check_eq(const char *what, uint64_t got, uint64_t want)
{
    if (got == want) {
        n_pass++;
        bm_print("PASS %s\n", what);
    } else {
        n_fail++;
        bm_print("FAIL %s: got %lx, want %lx\n", what, got, want);
    }
}

void bm_check_exc(const char *what, unsigned i, unsigned el, unsigned offset, unsigned ec,
                  uint64_t elr)
{
    char name[160];
    const char *parts[] = {": taken", ": EL", ": vector offset", ": EC", ": ELR"};
    for (int k = 0; k < 5; k++) {
        char *p = name;
        for (const char *s = what; *s && p < name + 120; s++)
            *p++ = *s;
        for (const char *s = parts[k]; *s; s++)
            *p++ = *s;
        *p = 0;
        volatile BmExc *e = &bm_exc_log[i];
        switch (k) {
        case 0: bm_check(name, bm_exc_count > i); break;
        case 1: bm_check_eq(name, e->el, el); break;
        case 2: bm_check_eq(name, e->offset, offset); break;
        case 3: bm_check_eq(name, ESR_EC(e->esr), ec); break;
        case 4: bm_check_eq(name, e->elr, elr); break;
        }
    }
}

int bm_done(void)
{
    if (n_pass + n_fail == 0)
        bm_puts("FAIL no checks ran\n");
    return n_fail || n_pass == 0 ? 1 : 0;
}

_Noreturn void bm_exit(int status)
{
    uint64_t block[2] = {0x20026, (uint64_t)status}; /* ADP_Stopped_ApplicationExit */
    bm_semihost(SYS_EXIT_EXTENDED, (uint64_t)block);
    for (;;)
        ;
}

/* The EL a test expects to start at: EL3, unless the test defines
 * bm_start_el (a test run with BM-ARGS on a machine without EL3). */
extern const unsigned bm_start_el __attribute__((weak));

/* boot.S: main() at the EL the machine started in. */
int bm_start(void);
int bm_start(void)
{
    unsigned want = &bm_start_el ? bm_start_el : 3;
    if (bm_current_el() != want) {
        bm_print("FAIL started at EL%u: the test needs EL%u\n", bm_current_el(), want);
        return 1;
    }
    return main();
}
