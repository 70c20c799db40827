/* Booting a kernel without firmware, as QEMU's -kernel does: the arm64
 * Linux Image (Documentation/arch/arm64/booting.rst) or an ELF, -initrd,
 * the DTB and the EL the kernel enters at (PSCI: psci.c). */
#include "system/system.h"

#include <errno.h>
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

#define IMAGE_MAGIC 0x644d5241u /* "ARM\x64" at offset 0x38 */
#define SZ_2M (2ull << 20)
#define ALIGN_UP(x, a) (((x) + (a) - 1) & ~((a) - 1))

static unsigned char *read_file(const char *path, size_t *len, char *err, size_t errlen, const char *what)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s %s: %s", what, path, strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 20, n = 0;
    unsigned char *buf = malloc(cap);
    for (;;) {
        if (!buf)
            abort();
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        buf = realloc(buf, cap *= 2);
    }
    bool bad = ferror(f);
    fclose(f);
    if (bad) {
        snprintf(err, errlen, "%s %s: read error", what, path);
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

static uint64_t le64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

bool sys_is_linux_image(const char *path)
{
    unsigned char h[64];
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    bool ok = fread(h, 1, sizeof h, f) == sizeof h && (uint32_t)le64(h + 0x38) == IMAGE_MAGIC;
    fclose(f);
    return ok;
}

static bool put(SysMachine *m, uint64_t addr, const void *data, size_t len, const char *what, char *err,
                size_t errlen)
{
    if (addr < m->ram_base || addr + len > m->ram_base + m->ram_size || !guest_mem_copy_in(m->mem, addr, data, len)) {
        snprintf(err, errlen, "%s (%zu bytes) does not fit in RAM at 0x%llx (-m %llu MiB)", what, len,
                 (unsigned long long)addr, (unsigned long long)(m->ram_size >> 20));
        return false;
    }
    return true;
}

/* The EL-above state a kernel below EL3 expects firmware to have left:
 * EL3 hands Non-secure EL2/EL1 an AArch64 world with HVC enabled and the
 * pointer authentication and MTE controls untrapped; EL2 (when the kernel
 * enters at EL1) runs EL1 in AArch64 with the counters and FP untrapped. */
void sys_firmware_state(Cpu *cpu)
{
    uint64_t scr = 1u << 0 /* NS */ | 1u << 8 /* HCE */ | 1u << 10 /* RW */;
    if (cpu_has_feature(cpu, "FEAT_PAuth"))
        scr |= 1ull << 16 | 1ull << 17; /* APK, API */
    if (cpu_has_feature(cpu, "FEAT_MTE2"))
        scr |= 1ull << 26; /* ATA */
    cpu_set_sysreg(cpu, "SCR_EL3", scr);
    cpu_set_sysreg(cpu, "CPTR_EL3", 0);
    uint64_t hcr = 1ull << 31; /* RW */
    if (cpu_has_feature(cpu, "FEAT_PAuth"))
        hcr |= 1ull << 40 | 1ull << 41; /* APK, API */
    cpu_set_sysreg(cpu, "HCR_EL2", hcr);
    cpu_set_sysreg(cpu, "CPTR_EL2", 0x33ff);
    cpu_set_sysreg(cpu, "CNTHCTL_EL2", 3);
    cpu_set_sysreg(cpu, "CNTVOFF_EL2", 0);
}

bool sys_boot(SysMachine *m, VirtBoard *v, SysCpus *cpus, const SysBoardConfig *cfg, SysImage *img, char *err,
              size_t errlen)
{
    Cpu *cpu = cpus->cpu[0];
    /* the secondary CPUs start powered off (PSCI CPU_ON starts them) */
    for (unsigned i = 0; i < cpus->n; i++)
        cpus->on[i] = i == 0;
    bool linux_image = sys_is_linux_image(cfg->kernel);
    if (linux_image && !v) {
        snprintf(err, errlen, "-kernel %s: a Linux Image needs -M virt", cfg->kernel);
        return false;
    }
    if (!linux_image) {
        if (cfg->initrd) {
            snprintf(err, errlen, "-initrd needs an arm64 Linux Image as -kernel");
            return false;
        }
        /* a bare-metal ELF: its entry, at the highest EL of the model */
        if (!sys_elf_load(m, cfg->kernel, img, err, errlen))
            return false;
        cpu_set_rvbar(cpu, img->entry);
        cpu_reset(cpu);
        if (v)
            virt_cpu_reset_done(v, cpu);
        /* with secure=off (virtualization=off) QEMU's virt has no EL3
         * (EL2): the image starts at EL2 (EL1), and the board answers PSCI
         * through SMC (HVC), a conduit above the image's EL */
        if (v && cfg->secure_off) {
            unsigned el = cfg->virtualization ? 2 : 1;
            sys_firmware_state(cpu);
            if (!cpu_set_el(cpu, el)) {
                snprintf(err, errlen, "-M virt,secure=off: the CPU model has no EL%u", el);
                return false;
            }
            virt_set_psci(v, el == 2 ? CPU_PSCI_SMC : CPU_PSCI_HVC);
        }
        cpu_set_pc(cpu, img->entry);
        return true;
    }

    size_t klen;
    unsigned char *k = read_file(cfg->kernel, &klen, err, errlen, "-kernel");
    if (!k)
        return false;
    uint64_t text_offset = le64(k + 0x08), image_size = le64(k + 0x10);
    if (image_size == 0) /* kernels before 3.17: text_offset is 0x80000 */
        text_offset = 0x80000;
    if (image_size < klen)
        image_size = klen;
    uint64_t kbase = ALIGN_UP(m->ram_base, SZ_2M) + text_offset;
    if (!put(m, kbase, k, klen, "-kernel", err, errlen)) {
        free(k);
        return false;
    }
    free(k);
    img->entry = kbase;
    img->lowest = kbase;
    img->highest = kbase + image_size;

    /* the DTB after the kernel's image_size, at a 2 MiB boundary (Linux: 8-byte
     * aligned, at most 2 MiB, not crossing a 2 MiB boundary), then the initrd */
    uint64_t dtb_addr = ALIGN_UP(kbase + image_size, SZ_2M);
    uint64_t initrd_start = 0, initrd_end = 0;
    unsigned char *initrd = NULL;
    size_t ilen = 0;
    if (cfg->initrd) {
        initrd = read_file(cfg->initrd, &ilen, err, errlen, "-initrd");
        if (!initrd)
            return false;
        initrd_start = dtb_addr + SZ_2M;
        initrd_end = initrd_start + ilen;
        if (!put(m, initrd_start, initrd, ilen, "-initrd", err, errlen)) {
            free(initrd);
            return false;
        }
        free(initrd);
    }

    /* enter at EL2 with virtualization=on, else EL1; PSCI from the board
     * through SMC (a kernel at EL2 owns HVC) or HVC */
    unsigned el = cfg->virtualization ? 2 : 1;
    virt_set_psci(v, cfg->virtualization ? CPU_PSCI_SMC : CPU_PSCI_HVC);
    void *fdt = virt_fdt(v, initrd_start, initrd_end, err, errlen);
    if (!fdt)
        return false;
    if (fdt_totalsize(fdt) > SZ_2M) {
        snprintf(err, errlen, "the device tree is larger than 2 MiB");
        free(fdt);
        return false;
    }
    bool ok = put(m, dtb_addr, fdt, fdt_totalsize(fdt), "the device tree", err, errlen);
    free(fdt);
    if (!ok)
        return false;

    cpu_set_rvbar(cpu, kbase);
    cpu_reset(cpu);
    virt_cpu_reset_done(v, cpu);
    sys_firmware_state(cpu);
    if (!cpu_set_el(cpu, el)) {
        snprintf(err, errlen, "-M virt,virtualization=%s: the CPU model has no EL%u", el == 2 ? "on" : "off", el);
        return false;
    }
    for (int i = 0; i < 31; i++)
        cpu_set_x(cpu, i, 0);
    cpu_set_x(cpu, 0, dtb_addr);
    cpu_set_pc(cpu, kbase);
    return true;
}
