/* ELF loader for armature-user: AArch64 executables and their PT_INTERP into guest memory. */
#include "linux_user.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The headers are copied out of the file image with memcpy, field by field
 * as the host lays them out; that is only right on a little-endian host. */
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
               "the ELF loader assumes a little-endian host");

/* Refuse absurd inputs before allocating for them. */
#define ELF_MAX_FILE (1ull << 30)
/* Linux refuses program header tables larger than this (elf_read_phdrs). */
#define ELF_MAX_PHDRS_BYTES 65536u

#define PAGE_MASK ((uint64_t)GUEST_PAGE_SIZE - 1)
#define VA_SIZE (1ull << GUEST_VA_BITS)

static bool elf_fail(char *err, size_t errlen, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static bool elf_fail(char *err, size_t errlen, const char *name, const char *fmt, ...)
{
    int n = snprintf(err, errlen, "%s: ", name);
    if (n < 0 || (size_t)n >= errlen)
        return false;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
    va_end(ap);
    return false;
}

static unsigned elf_prot(uint32_t flags)
{
    return (flags & PF_R ? GUEST_PROT_READ : 0) | (flags & PF_W ? GUEST_PROT_WRITE : 0) |
           (flags & PF_X ? GUEST_PROT_EXEC : 0);
}

static const char *elf_class_name(unsigned c)
{
    return c == ELFCLASS32 ? "ELFCLASS32" : c == ELFCLASS64 ? "ELFCLASS64" : "invalid class";
}

static bool elf_check_ehdr(const char *name, const uint8_t *data, size_t size, Elf64_Ehdr *eh,
                           char *err, size_t errlen)
{
    size_t n = size < SELFMAG ? size : SELFMAG;
    if (size == 0)
        return elf_fail(err, errlen, name, "not an ELF file (empty)");
    if (memcmp(data, ELFMAG, n) != 0)
        return elf_fail(err, errlen, name, "not an ELF file (bad magic)");
    if (size < EI_NIDENT)
        return elf_fail(err, errlen, name, "truncated ELF header (%zu bytes)", size);
    if (data[EI_CLASS] != ELFCLASS64)
        return elf_fail(err, errlen, name, "not a 64-bit ELF file (%s)",
                        elf_class_name(data[EI_CLASS]));
    if (data[EI_DATA] != ELFDATA2LSB)
        return elf_fail(err, errlen, name, "not a little-endian ELF file (%s)",
                        data[EI_DATA] == ELFDATA2MSB ? "big-endian" : "invalid data encoding");
    if (size < sizeof(*eh))
        return elf_fail(err, errlen, name, "truncated ELF header (%zu bytes)", size);
    memcpy(eh, data, sizeof(*eh));
    if (data[EI_VERSION] != EV_CURRENT || eh->e_version != EV_CURRENT)
        return elf_fail(err, errlen, name, "unsupported ELF version %u", eh->e_version);
    if (eh->e_machine != EM_AARCH64)
        return elf_fail(err, errlen, name, "not an AArch64 executable (e_machine %u)",
                        eh->e_machine);
    if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
        return elf_fail(err, errlen, name, "not an executable (e_type %u)", eh->e_type);
    if (eh->e_phnum == 0)
        return elf_fail(err, errlen, name, "no program headers");
    if (eh->e_phentsize != sizeof(Elf64_Phdr))
        return elf_fail(err, errlen, name, "bad program header size %u (expected %zu)",
                        eh->e_phentsize, sizeof(Elf64_Phdr));
    uint64_t tbl = (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr);
    if (tbl > ELF_MAX_PHDRS_BYTES)
        return elf_fail(err, errlen, name, "too many program headers (%u)", eh->e_phnum);
    if (eh->e_phoff > size || tbl > size - eh->e_phoff)
        return elf_fail(err, errlen, name,
                        "program header table (offset 0x%llx, %llu bytes) beyond end of file",
                        (unsigned long long)eh->e_phoff, (unsigned long long)tbl);
    return true;
}

/* Everything about one PT_LOAD that does not need the others. */
static bool elf_check_load(const char *name, unsigned i, const Elf64_Phdr *ph, uint64_t bias,
                           size_t size, char *err, size_t errlen)
{
    if (ph->p_filesz > ph->p_memsz)
        return elf_fail(err, errlen, name,
                        "program header %u: p_filesz 0x%llx > p_memsz 0x%llx", i,
                        (unsigned long long)ph->p_filesz, (unsigned long long)ph->p_memsz);
    /* a segment with no file bytes (.bss only) may give any offset */
    if (ph->p_filesz && (ph->p_offset > size || ph->p_filesz > size - ph->p_offset))
        return elf_fail(err, errlen, name,
                        "program header %u: file range 0x%llx+0x%llx beyond end of file", i,
                        (unsigned long long)ph->p_offset, (unsigned long long)ph->p_filesz);
    if (ph->p_memsz > LU_MAX_MAPPING)
        return elf_fail(err, errlen, name, "program header %u: p_memsz 0x%llx too large", i,
                        (unsigned long long)ph->p_memsz);
    uint64_t va = ph->p_vaddr + bias;
    if (ph->p_vaddr >= VA_SIZE || va >= VA_SIZE || ph->p_memsz > VA_SIZE - va)
        return elf_fail(err, errlen, name,
                        "program header %u: address range 0x%llx+0x%llx outside the 48-bit "
                        "address space", i, (unsigned long long)ph->p_vaddr,
                        (unsigned long long)ph->p_memsz);
    if (ph->p_memsz && va < LU_MIN_ADDR)
        return elf_fail(err, errlen, name,
                        "program header %u: address 0x%llx is below the lowest mappable "
                        "address 0x%llx", i, (unsigned long long)va, LU_MIN_ADDR);
    return true;
}

/* Union of the protections of every segment touching page `pg`: neighbours
 * that share a page both keep their access (Linux instead lets the later
 * mapping win; a union never faults where Linux would not). */
static unsigned elf_page_prot(const Elf64_Phdr *ph, unsigned n, uint64_t bias, uint64_t pg)
{
    unsigned prot = 0;
    for (unsigned j = 0; j < n; j++) {
        if (ph[j].p_type != PT_LOAD || ph[j].p_memsz == 0)
            continue;
        uint64_t lo = (ph[j].p_vaddr + bias) & ~PAGE_MASK;
        uint64_t hi = ph[j].p_vaddr + bias + ph[j].p_memsz;
        if (pg >= lo && pg < hi)
            prot |= elf_prot(ph[j].p_flags);
    }
    return prot;
}

static bool elf_map_segments(GuestMem *m, const uint8_t *data, const Elf64_Phdr *ph, unsigned n,
                             uint64_t bias)
{
    /* Map everything first, then copy: mapping a shared page again zeroes it. */
    for (unsigned i = 0; i < n; i++) {
        if (ph[i].p_type != PT_LOAD || ph[i].p_memsz == 0)
            continue;
        uint64_t va = ph[i].p_vaddr + bias;
        uint64_t lo = va & ~PAGE_MASK;
        if (!guest_mem_map(m, lo, va + ph[i].p_memsz - lo, 0))
            return false;
    }
    for (unsigned i = 0; i < n; i++) {
        if (ph[i].p_type != PT_LOAD || ph[i].p_filesz == 0)
            continue;
        if (!guest_mem_copy_in(m, ph[i].p_vaddr + bias, data + ph[i].p_offset, ph[i].p_filesz))
            return false;
    }
    for (unsigned i = 0; i < n; i++) {
        if (ph[i].p_type != PT_LOAD || ph[i].p_memsz == 0)
            continue;
        uint64_t va = ph[i].p_vaddr + bias;
        uint64_t first = va & ~PAGE_MASK;
        uint64_t last = (va + ph[i].p_memsz - 1) & ~PAGE_MASK;
        if (last > first + GUEST_PAGE_SIZE &&
            !guest_mem_protect(m, first + GUEST_PAGE_SIZE, last - first - GUEST_PAGE_SIZE,
                               elf_prot(ph[i].p_flags)))
            return false;
        if (!guest_mem_protect(m, first, GUEST_PAGE_SIZE, elf_page_prot(ph, n, bias, first)) ||
            !guest_mem_protect(m, last, GUEST_PAGE_SIZE, elf_page_prot(ph, n, bias, last)))
            return false;
    }
    return true;
}

/* interp: NULL to refuse PT_INTERP, else gets the interpreter's path
 * (a PATH_MAX buffer; empty if the image has none). */
static bool elf_load(GuestMem *m, const char *name, const uint8_t *data, size_t size,
                     uint64_t dyn_base, LuImage *img, char *interp, char *err, size_t errlen)
{
    Elf64_Ehdr eh;
    if (!elf_check_ehdr(name, data, size, &eh, err, errlen))
        return false;

    unsigned n = eh.e_phnum;
    Elf64_Phdr *ph = malloc(n * sizeof(*ph));
    if (!ph)
        abort();
    memcpy(ph, data + eh.e_phoff, n * sizeof(*ph));

    uint64_t bias = eh.e_type == ET_DYN ? dyn_base : 0;
    if (interp)
        interp[0] = 0;
    uint64_t lo = UINT64_MAX, hi = 0, phdr_va = 0;
    bool ok = false, have_phdr = false;
    unsigned nload = 0;
    for (unsigned i = 0; i < n; i++) {
        if (ph[i].p_type == PT_INTERP) {
            if (!interp) {
                elf_fail(err, errlen, name, "dynamic executable (PT_INTERP): load it with its interpreter");
                goto out;
            }
            if (ph[i].p_filesz < 2 || ph[i].p_filesz > 4095 || ph[i].p_offset > size ||
                ph[i].p_filesz > size - ph[i].p_offset ||
                data[ph[i].p_offset + ph[i].p_filesz - 1] != 0) {
                elf_fail(err, errlen, name, "bad PT_INTERP (program header %u)", i);
                goto out;
            }
            memcpy(interp, data + ph[i].p_offset, ph[i].p_filesz);
        }
        if (ph[i].p_type == PT_PHDR) {
            phdr_va = ph[i].p_vaddr + bias;
            have_phdr = true;
        }
        if (ph[i].p_type != PT_LOAD)
            continue;
        if (!elf_check_load(name, i, &ph[i], bias, size, err, errlen))
            goto out;
        if (ph[i].p_memsz == 0)
            continue;
        nload++;
        uint64_t a = ph[i].p_vaddr + bias, b = a + ph[i].p_memsz;
        for (unsigned j = 0; j < i; j++) {
            if (ph[j].p_type != PT_LOAD || ph[j].p_memsz == 0)
                continue;
            uint64_t c = ph[j].p_vaddr + bias, d = c + ph[j].p_memsz;
            if (a < d && c < b) {
                elf_fail(err, errlen, name, "program headers %u and %u overlap", j, i);
                goto out;
            }
        }
        if (a < lo)
            lo = a;
        if (b > hi)
            hi = b;
    }
    if (nload == 0) {
        elf_fail(err, errlen, name, "no loadable segments (PT_LOAD)");
        goto out;
    }

    uint64_t entry = eh.e_entry + bias;
    bool entry_ok = false;
    uint64_t phsize = (uint64_t)n * sizeof(Elf64_Phdr);
    for (unsigned i = 0; i < n; i++) {
        if (ph[i].p_type != PT_LOAD || ph[i].p_memsz == 0)
            continue;
        uint64_t a = ph[i].p_vaddr + bias;
        if ((ph[i].p_flags & PF_X) && entry >= a && entry - a < ph[i].p_memsz)
            entry_ok = true;
        /* Without PT_PHDR, the headers are wherever a segment maps their bytes. */
        if (!have_phdr && eh.e_phoff >= ph[i].p_offset &&
            eh.e_phoff - ph[i].p_offset + phsize <= ph[i].p_filesz) {
            phdr_va = a + (eh.e_phoff - ph[i].p_offset);
            have_phdr = true;
        }
    }
    if (!entry_ok) {
        elf_fail(err, errlen, name, "entry point 0x%llx is not in an executable segment",
                 (unsigned long long)entry);
        goto out;
    }

    if (!elf_map_segments(m, data, ph, n, bias)) {
        elf_fail(err, errlen, name, "cannot map segments"); /* checked above: a bug if hit */
        goto out;
    }
    *img = (LuImage){
        .entry = entry,
        .load_bias = bias,
        .phdr = phdr_va,
        .phent = eh.e_phentsize,
        .phnum = eh.e_phnum,
        .lo = lo,
        .hi = hi,
        .brk = (hi + PAGE_MASK) & ~PAGE_MASK,
    };
    ok = true;
out:
    free(ph);
    return ok;
}

bool lu_elf_load_buf(GuestMem *m, const char *name, const uint8_t *data, size_t size,
                     LuImage *img, char *err, size_t errlen)
{
    return elf_load(m, name, data, size, LU_ET_DYN_BASE, img, NULL, err, errlen);
}

/* Read the whole file so every later offset is checked against its real size. */
static uint8_t *elf_read_file(const char *path, size_t *size, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        elf_fail(err, errlen, path, "%s", strerror(errno));
        return NULL;
    }
    struct stat st;
    uint8_t *buf = NULL;
    if (fstat(fd, &st) != 0) {
        elf_fail(err, errlen, path, "%s", strerror(errno));
        goto fail;
    }
    if (S_ISDIR(st.st_mode)) {
        elf_fail(err, errlen, path, "is a directory");
        goto fail;
    }
    if (!S_ISREG(st.st_mode)) {
        elf_fail(err, errlen, path, "not a regular file");
        goto fail;
    }
    if ((uint64_t)st.st_size > ELF_MAX_FILE) {
        elf_fail(err, errlen, path, "file too large (%lld bytes)", (long long)st.st_size);
        goto fail;
    }
    size_t len = (size_t)st.st_size, got = 0;
    buf = malloc(len ? len : 1);
    if (!buf)
        abort();
    while (got < len) {
        ssize_t r = read(fd, buf + got, len - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            elf_fail(err, errlen, path, "read error: %s", strerror(errno));
            goto fail;
        }
        if (r == 0)
            break; /* shrank while we read: check what we have */
        got += (size_t)r;
    }
    close(fd);
    *size = got;
    return buf;
fail:
    free(buf);
    close(fd);
    return NULL;
}

bool lu_elf_load_file(GuestMem *m, const char *path, LuImage *img, char *err, size_t errlen)
{
    size_t size;
    uint8_t *data = elf_read_file(path, &size, err, errlen);
    if (!data)
        return false;
    bool ok = lu_elf_load_buf(m, path, data, size, img, err, errlen);
    free(data);
    return ok;
}

bool lu_load_program(GuestMem *m, const char *path, const char *sysroot, LuImage *img,
                     char *err, size_t errlen)
{
    char interp[4096], ipath[8192];
    size_t size;
    uint8_t *data = elf_read_file(path, &size, err, errlen);
    if (!data)
        return false;
    bool ok = elf_load(m, path, data, size, LU_ET_DYN_BASE, img, interp, err, errlen);
    free(data);
    if (!ok || !interp[0])
        return ok;
    /* As the kernel does, the interpreter is found by its path; with a
     * sysroot, there first (qemu-aarch64 -L). */
    struct stat st;
    const char *ip = interp;
    if (sysroot && interp[0] == '/' &&
        (size_t)snprintf(ipath, sizeof(ipath), "%s%s", sysroot, interp) < sizeof(ipath) &&
        stat(ipath, &st) == 0)
        ip = ipath;
    data = elf_read_file(ip, &size, err, errlen);
    if (!data) {
        if (!sysroot)
            snprintf(err + strlen(err), errlen - strlen(err),
                     " (the program's interpreter; give a sysroot with -L or QEMU_LD_PREFIX)");
        return false;
    }
    LuImage ii;
    ok = elf_load(m, ip, data, size, LU_INTERP_BASE, &ii, NULL, err, errlen);
    free(data);
    if (!ok)
        return false;
    if (ii.lo < img->hi && img->lo < ii.hi)
        return elf_fail(err, errlen, ip, "interpreter overlaps the program");
    img->interp_base = ii.load_bias;
    img->interp_entry = ii.entry;
    return true;
}
