/* armature's -kernel ELF loader: PT_LOAD segments at their physical addresses. */
#include "system/system.h"

#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
               "the ELF loader reads headers as the host lays them out");

#define ELF_MAX_FILE (1ull << 31)

static bool fail(char *err, size_t errlen, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static bool fail(char *err, size_t errlen, const char *path, const char *fmt, ...)
{
    int n = snprintf(err, errlen, "%s: ", path);
    if (n < 0 || (size_t)n >= errlen)
        return false;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
    va_end(ap);
    return false;
}

static uint8_t *read_file(const char *path, size_t *size, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fail(err, errlen, path, "%s", strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) ||
        (uint64_t)st.st_size > ELF_MAX_FILE) {
        fail(err, errlen, path, "not a regular file of a sensible size");
        fclose(f);
        return NULL;
    }
    uint8_t *data = malloc(st.st_size ? (size_t)st.st_size : 1);
    if (!data)
        abort();
    *size = fread(data, 1, (size_t)st.st_size, f);
    fclose(f);
    if (*size != (size_t)st.st_size) {
        fail(err, errlen, path, "read error");
        free(data);
        return NULL;
    }
    return data;
}

static bool check_header(const char *path, const uint8_t *d, size_t size, Elf64_Ehdr *eh,
                         char *err, size_t errlen)
{
    if (size < sizeof *eh || memcmp(d, ELFMAG, SELFMAG) != 0)
        return fail(err, errlen, path, "not an ELF file");
    memcpy(eh, d, sizeof *eh);
    if (eh->e_ident[EI_CLASS] != ELFCLASS64)
        return fail(err, errlen, path, "not a 64-bit ELF file");
    if (eh->e_ident[EI_DATA] != ELFDATA2LSB)
        return fail(err, errlen, path, "not a little-endian ELF file");
    if (eh->e_machine != EM_AARCH64)
        return fail(err, errlen, path, "not an AArch64 ELF file (e_machine %u)", eh->e_machine);
    if (eh->e_type != ET_EXEC)
        return fail(err, errlen, path, "not an executable (ET_EXEC) ELF file");
    if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum == 0 ||
        eh->e_phoff > size || (size - eh->e_phoff) / sizeof(Elf64_Phdr) < eh->e_phnum)
        return fail(err, errlen, path, "bad program header table");
    return true;
}

bool sys_elf_load(SysMachine *m, const char *path, SysImage *img, char *err, size_t errlen)
{
    size_t size;
    uint8_t *d = read_file(path, &size, err, errlen);
    if (!d)
        return false;
    Elf64_Ehdr eh = {0};
    bool ok = check_header(path, d, size, &eh, err, errlen);
    img->entry = eh.e_entry;
    img->lowest = UINT64_MAX;
    img->highest = 0;
    int loaded = 0;
    for (unsigned i = 0; ok && i < eh.e_phnum; i++) {
        Elf64_Phdr ph;
        memcpy(&ph, d + eh.e_phoff + i * sizeof ph, sizeof ph);
        if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
            continue;
        uint64_t base, rsize;
        if (ph.p_filesz > ph.p_memsz || ph.p_offset > size || size - ph.p_offset < ph.p_filesz) {
            ok = fail(err, errlen, path, "segment %u lies outside the file", i);
        } else if (!sys_machine_region(m, ph.p_paddr, ph.p_memsz, &base, &rsize)) {
            ok = fail(err, errlen, path,
                      "segment %u at 0x%llx..0x%llx is not inside the machine's RAM or flash", i,
                      (unsigned long long)ph.p_paddr,
                      (unsigned long long)(ph.p_paddr + ph.p_memsz));
        } else {
            /* copy_in ignores protections: segments may go into flash */
            ok = guest_mem_copy_in(m->mem, ph.p_paddr, d + ph.p_offset, ph.p_filesz);
            for (uint64_t z = ph.p_filesz; ok && z < ph.p_memsz;) {
                static const uint8_t zeros[4096];
                uint64_t n = ph.p_memsz - z < sizeof zeros ? ph.p_memsz - z : sizeof zeros;
                ok = guest_mem_copy_in(m->mem, ph.p_paddr + z, zeros, n);
                z += n;
            }
            if (!ok)
                fail(err, errlen, path, "segment %u could not be copied", i);
            if (ph.p_paddr < img->lowest)
                img->lowest = ph.p_paddr;
            if (ph.p_paddr + ph.p_memsz > img->highest)
                img->highest = ph.p_paddr + ph.p_memsz;
            loaded++;
        }
    }
    if (ok && loaded == 0)
        ok = fail(err, errlen, path, "no loadable segment");
    free(d);
    return ok;
}
