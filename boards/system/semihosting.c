/* Arm semihosting v2, AArch64 form: operation in W0, X1 points at a block of
 * 64-bit fields, the result goes to X0 (Arm "Semihosting for AArch32 and
 * AArch64", version 2). Only the console and the features file can be
 * opened: a guest never reaches host files through this front end. */
#include "system/semihosting.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define SH_FAIL UINT64_MAX /* -1 */

/* A guest-given length is bounded so a bad one cannot make the host
 * allocate or loop without end. */
#define SH_MAX_STRING (1u << 20)
#define SH_MAX_NAME 4096u

static const uint8_t sh_features[] = {'S', 'H', 'F', 'B',
                                      SH_EXT_EXIT_EXTENDED | SH_EXT_STDOUT_STDERR};

void semihost_init(Semihost *s, GuestMem *mem)
{
    memset(s, 0, sizeof *s);
    s->mem = mem;
    s->in = stdin;
    s->out = stdout;
    s->err = stderr;
}

const char *semihost_op_name(uint32_t op)
{
    switch (op) {
    case SYS_OPEN: return "SYS_OPEN";
    case SYS_CLOSE: return "SYS_CLOSE";
    case SYS_WRITEC: return "SYS_WRITEC";
    case SYS_WRITE0: return "SYS_WRITE0";
    case SYS_WRITE: return "SYS_WRITE";
    case SYS_READ: return "SYS_READ";
    case SYS_READC: return "SYS_READC";
    case SYS_ISERROR: return "SYS_ISERROR";
    case SYS_ISTTY: return "SYS_ISTTY";
    case SYS_SEEK: return "SYS_SEEK";
    case SYS_FLEN: return "SYS_FLEN";
    case SYS_TMPNAM: return "SYS_TMPNAM";
    case SYS_REMOVE: return "SYS_REMOVE";
    case SYS_RENAME: return "SYS_RENAME";
    case SYS_CLOCK: return "SYS_CLOCK";
    case SYS_TIME: return "SYS_TIME";
    case SYS_SYSTEM: return "SYS_SYSTEM";
    case SYS_ERRNO: return "SYS_ERRNO";
    case SYS_GET_CMDLINE: return "SYS_GET_CMDLINE";
    case SYS_HEAPINFO: return "SYS_HEAPINFO";
    case SYS_EXIT: return "SYS_EXIT";
    case SYS_EXIT_EXTENDED: return "SYS_EXIT_EXTENDED";
    case SYS_ELAPSED: return "SYS_ELAPSED";
    case SYS_TICKFREQ: return "SYS_TICKFREQ";
    }
    return NULL;
}

static void sh_note(Semihost *s, bool unimp, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void sh_note(Semihost *s, bool unimp, const char *fmt, ...)
{
    if (!s->note)
        return;
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    s->note(s->opaque, unimp, msg);
}

static uint64_t sh_error(Semihost *s, int err)
{
    s->err_no = err;
    return SH_FAIL;
}

/* Guest memory. Addresses are physical today (the MMU is off in every
 * semihosting caller the front end supports); once the MMU exists these
 * two are where a virtual-to-physical debug access goes. */
static bool sh_read(Semihost *s, uint64_t addr, void *dst, size_t len)
{
    if (addr + len < addr)
        return false;
    return guest_mem_copy_out(s->mem, dst, addr, len);
}

static bool sh_write(Semihost *s, uint64_t addr, const void *src, size_t len)
{
    if (addr + len < addr)
        return false;
    if (len && !guest_mem_is_mapped(s->mem, addr, len, GUEST_PROT_WRITE))
        return false; /* never into ROM, even though the loader may */
    return guest_mem_copy_in(s->mem, addr, src, len);
}

/* Field i of the parameter block (64-bit fields in AArch64). */
static bool sh_arg(Semihost *s, uint64_t block, unsigned i, uint64_t *v)
{
    uint8_t b[8];
    if (!sh_read(s, block + 8ull * i, b, 8)) {
        sh_note(s, false, "semihosting: parameter block at 0x%llx is not in memory",
                (unsigned long long)block);
        return false;
    }
    *v = 0;
    for (int k = 7; k >= 0; k--)
        *v = *v << 8 | b[k];
    return true;
}

static bool sh_put64(Semihost *s, uint64_t addr, uint64_t v)
{
    uint8_t b[8];
    for (int k = 0; k < 8; k++)
        b[k] = (uint8_t)(v >> (8 * k));
    return sh_write(s, addr, b, 8);
}

static SemihostFile *sh_file(Semihost *s, uint64_t handle)
{
    if (handle == 0 || handle >= SEMIHOST_MAX_FILES || s->files[handle].kind == SH_FILE_FREE)
        return NULL;
    return &s->files[handle];
}

static FILE *sh_stream(Semihost *s, const SemihostFile *f)
{
    switch (f->kind) {
    case SH_FILE_STDIN: return s->in;
    case SH_FILE_STDOUT: return s->out;
    case SH_FILE_STDERR: return s->err;
    default: return NULL;
    }
}

static uint64_t sh_open(Semihost *s, uint64_t p)
{
    uint64_t name, mode, len;
    if (!sh_arg(s, p, 0, &name) || !sh_arg(s, p, 1, &mode) || !sh_arg(s, p, 2, &len))
        return sh_error(s, EFAULT);
    if (mode > 11 || len >= SH_MAX_NAME)
        return sh_error(s, EINVAL);
    char buf[SH_MAX_NAME];
    if (!sh_read(s, name, buf, len)) {
        sh_note(s, false, "semihosting: SYS_OPEN name at 0x%llx is not in memory",
                (unsigned long long)name);
        return sh_error(s, EFAULT);
    }
    buf[len] = 0;
    SemihostFileKind kind;
    if (strcmp(buf, ":tt") == 0) {
        /* modes r* are stdin, w* stdout, a* stderr (STDOUT_STDERR) */
        kind = mode < 4 ? SH_FILE_STDIN : mode < 8 ? SH_FILE_STDOUT : SH_FILE_STDERR;
    } else if (strcmp(buf, ":semihosting-features") == 0) {
        if (mode > 1) /* read-only: "r" or "rb" */
            return sh_error(s, EACCES);
        kind = SH_FILE_FEATURES;
    } else {
        sh_note(s, true, "semihosting: SYS_OPEN of host file '%s' is not supported", buf);
        return sh_error(s, ENOENT);
    }
    for (uint64_t h = 1; h < SEMIHOST_MAX_FILES; h++)
        if (s->files[h].kind == SH_FILE_FREE) {
            s->files[h] = (SemihostFile){.kind = kind};
            return h;
        }
    return sh_error(s, EMFILE);
}

static uint64_t sh_close(Semihost *s, uint64_t p)
{
    uint64_t h;
    if (!sh_arg(s, p, 0, &h))
        return sh_error(s, EFAULT);
    SemihostFile *f = sh_file(s, h);
    if (!f)
        return sh_error(s, EBADF);
    f->kind = SH_FILE_FREE;
    return 0;
}

/* SYS_WRITE0: the string is checked to its NUL before a byte is printed. */
static uint64_t sh_write0(Semihost *s, uint64_t addr)
{
    char *buf = malloc(SH_MAX_STRING);
    if (!buf)
        abort();
    size_t n = 0;
    for (;;) {
        /* copy up to the end of the current page, so an unmapped next
         * page only matters if the string goes on into it */
        size_t chunk = GUEST_PAGE_SIZE - ((addr + n) & (GUEST_PAGE_SIZE - 1));
        if (chunk > SH_MAX_STRING - n)
            chunk = SH_MAX_STRING - n;
        if (chunk == 0 || !sh_read(s, addr + n, buf + n, chunk)) {
            free(buf);
            sh_note(s, false, "semihosting: SYS_WRITE0 string at 0x%llx is not in memory",
                    (unsigned long long)addr);
            return sh_error(s, EFAULT);
        }
        char *nul = memchr(buf + n, 0, chunk);
        if (nul) {
            n = (size_t)(nul - buf);
            break;
        }
        n += chunk;
    }
    fwrite(buf, 1, n, s->out);
    fflush(s->out);
    free(buf);
    return 0;
}

/* SYS_WRITE: returns the number of bytes NOT written. */
static uint64_t sh_write_op(Semihost *s, uint64_t p)
{
    uint64_t h, buf, len;
    if (!sh_arg(s, p, 0, &h) || !sh_arg(s, p, 1, &buf) || !sh_arg(s, p, 2, &len))
        return sh_error(s, EFAULT);
    SemihostFile *f = sh_file(s, h);
    if (!f || f->kind == SH_FILE_STDIN || f->kind == SH_FILE_FEATURES)
        return sh_error(s, EBADF);
    FILE *out = sh_stream(s, f);
    char chunk[4096];
    for (uint64_t done = 0; done < len;) {
        size_t n = len - done < sizeof chunk ? (size_t)(len - done) : sizeof chunk;
        if (!sh_read(s, buf + done, chunk, n)) {
            sh_note(s, false, "semihosting: SYS_WRITE buffer at 0x%llx is not in memory",
                    (unsigned long long)(buf + done));
            fflush(out);
            return sh_error(s, EFAULT);
        }
        if (fwrite(chunk, 1, n, out) != n) {
            fflush(out);
            s->err_no = EIO;
            return len - done;
        }
        done += n;
    }
    fflush(out);
    return 0;
}

/* SYS_READ: returns the number of bytes NOT read (len means end of file).
 * The console gives at most one line per call, as a terminal does. */
static uint64_t sh_read_op(Semihost *s, uint64_t p)
{
    uint64_t h, buf, len;
    if (!sh_arg(s, p, 0, &h) || !sh_arg(s, p, 1, &buf) || !sh_arg(s, p, 2, &len))
        return sh_error(s, EFAULT);
    SemihostFile *f = sh_file(s, h);
    if (!f || f->kind == SH_FILE_STDOUT || f->kind == SH_FILE_STDERR)
        return sh_error(s, EBADF);
    if (len > SH_MAX_STRING)
        len = SH_MAX_STRING; /* a short read is allowed */
    if (!guest_mem_is_mapped(s->mem, buf, len, GUEST_PROT_WRITE) || buf + len < buf) {
        sh_note(s, false, "semihosting: SYS_READ buffer at 0x%llx is not writable memory",
                (unsigned long long)buf);
        return sh_error(s, EFAULT);
    }
    uint8_t *tmp = malloc(len ? len : 1);
    if (!tmp)
        abort();
    uint64_t n = 0;
    if (f->kind == SH_FILE_FEATURES) {
        while (n < len && f->pos < sizeof sh_features)
            tmp[n++] = sh_features[f->pos++];
    } else {
        int c;
        while (n < len && (c = getc(s->in)) != EOF) {
            tmp[n++] = (uint8_t)c;
            if (c == '\n')
                break;
        }
    }
    bool ok = sh_write(s, buf, tmp, n);
    free(tmp);
    if (!ok)
        return sh_error(s, EFAULT);
    return len - n;
}

static uint64_t sh_handle_query(Semihost *s, uint32_t op, uint64_t p)
{
    uint64_t h, pos = 0;
    if (!sh_arg(s, p, 0, &h) || (op == SYS_SEEK && !sh_arg(s, p, 1, &pos)))
        return sh_error(s, EFAULT);
    SemihostFile *f = sh_file(s, h);
    if (!f)
        return sh_error(s, EBADF);
    bool features = f->kind == SH_FILE_FEATURES;
    switch (op) {
    case SYS_ISTTY:
        return features ? 0 : 1;
    case SYS_SEEK:
        if (!features)
            return sh_error(s, ESPIPE);
        if (pos > sizeof sh_features)
            return sh_error(s, EINVAL);
        f->pos = pos;
        return 0;
    case SYS_FLEN:
        if (!features)
            return sh_error(s, ESPIPE); /* a console has no length */
        return sizeof sh_features;
    }
    abort(); /* only the three operations above come here */
}

static uint64_t sh_get_cmdline(Semihost *s, uint64_t p)
{
    uint64_t buf, len;
    if (!sh_arg(s, p, 0, &buf) || !sh_arg(s, p, 1, &len))
        return sh_error(s, EFAULT);
    const char *c = s->cmdline ? s->cmdline : "";
    size_t n = strlen(c);
    if (n + 1 > len)
        return sh_error(s, E2BIG);
    if (!sh_write(s, buf, c, n + 1) || !sh_put64(s, p + 8, n))
        return sh_error(s, EFAULT);
    return 0;
}

static uint64_t sh_heapinfo(Semihost *s, uint64_t p)
{
    /* X1 points at a field holding the address of the four-field block */
    uint64_t block;
    if (!sh_arg(s, p, 0, &block))
        return sh_error(s, EFAULT);
    const uint64_t v[4] = {s->heap_base, s->heap_limit, s->stack_base, s->stack_limit};
    for (unsigned i = 0; i < 4; i++)
        if (!sh_put64(s, block + 8ull * i, v[i]))
            return sh_error(s, EFAULT);
    return 0;
}

/* SYS_EXIT and SYS_EXIT_EXTENDED: in AArch64 both take a block {reason,
 * subcode}; for ADP_Stopped_ApplicationExit the subcode is the exit
 * status, any other reason is an abnormal stop (status 1). */
static uint64_t sh_exit(Semihost *s, uint64_t p)
{
    uint64_t reason, sub;
    if (!sh_arg(s, p, 0, &reason) || !sh_arg(s, p, 1, &sub))
        return sh_error(s, EFAULT);
    s->exited = true;
    s->exit_status = reason == ADP_STOPPED_APPLICATION_EXIT ? (int)(uint32_t)sub : 1;
    return 0;
}

uint64_t semihost_call(Semihost *s, uint32_t op, uint64_t p)
{
    switch (op) {
    case SYS_OPEN: return sh_open(s, p);
    case SYS_CLOSE: return sh_close(s, p);
    case SYS_WRITEC: {
        char c;
        if (!sh_read(s, p, &c, 1)) {
            sh_note(s, false, "semihosting: SYS_WRITEC character at 0x%llx is not in memory",
                    (unsigned long long)p);
            return sh_error(s, EFAULT);
        }
        fputc(c, s->out);
        fflush(s->out);
        return 0;
    }
    case SYS_WRITE0: return sh_write0(s, p);
    case SYS_WRITE: return sh_write_op(s, p);
    case SYS_READ: return sh_read_op(s, p);
    case SYS_READC: {
        int c = getc(s->in);
        return c == EOF ? SH_FAIL : (uint64_t)c;
    }
    case SYS_ISERROR: {
        uint64_t status;
        if (!sh_arg(s, p, 0, &status))
            return sh_error(s, EFAULT);
        return (int64_t)status < 0 ? 1 : 0;
    }
    case SYS_ISTTY:
    case SYS_SEEK:
    case SYS_FLEN: return sh_handle_query(s, op, p);
    case SYS_CLOCK:
        if (!s->now_ns)
            return SH_FAIL;
        return s->now_ns(s->opaque) / 10000000u; /* centiseconds */
    case SYS_TIME:
        return (uint64_t)(s->time_base + (int64_t)(s->now_ns ? s->now_ns(s->opaque) / 1000000000u : 0));
    case SYS_ELAPSED:
        if (!s->now_ns)
            return SH_FAIL;
        if (!sh_put64(s, p, s->now_ns(s->opaque)))
            return sh_error(s, EFAULT);
        return 0;
    case SYS_TICKFREQ: return s->now_ns ? 1000000000u : SH_FAIL; /* SYS_ELAPSED counts ns */
    case SYS_ERRNO: return (uint64_t)s->err_no;
    case SYS_GET_CMDLINE: return sh_get_cmdline(s, p);
    case SYS_HEAPINFO: return sh_heapinfo(s, p);
    case SYS_EXIT:
    case SYS_EXIT_EXTENDED: return sh_exit(s, p);
    case SYS_TMPNAM:
    case SYS_REMOVE:
    case SYS_RENAME:
    case SYS_SYSTEM:
        sh_note(s, true, "semihosting: %s (host files and commands) is not supported",
                semihost_op_name(op));
        return sh_error(s, ENOSYS);
    }
    sh_note(s, false, "semihosting: unknown operation 0x%x", op);
    return sh_error(s, ENOSYS);
}
