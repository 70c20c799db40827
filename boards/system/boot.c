/* Booting a kernel without firmware, as QEMU's -kernel does: the arm64
 * Linux Image (Documentation/arch/arm64/booting.rst) or an ELF, -initrd,
 * the DTB, the EL the kernel enters at, and PSCI 1.1 answered by the board. */
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
static void firmware_state(Cpu *cpu)
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

bool sys_boot(SysMachine *m, VirtBoard *v, Cpu *cpu, const SysBoardConfig *cfg, SysImage *img, char *err,
              size_t errlen)
{
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
            virt_cpu_reset_done(v);
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
    virt_cpu_reset_done(v);
    firmware_state(cpu);
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

/* ------------------------------------------------------------ PSCI 1.1 */

enum {
    PSCI_VERSION = 0x84000000, PSCI_CPU_SUSPEND = 0x84000001, PSCI_CPU_OFF = 0x84000002,
    PSCI_CPU_ON = 0x84000003, PSCI_AFFINITY_INFO = 0x84000004, PSCI_MIGRATE = 0x84000005,
    PSCI_MIGRATE_INFO_TYPE = 0x84000006, PSCI_MIGRATE_INFO_UP_CPU = 0x84000007,
    PSCI_SYSTEM_OFF = 0x84000008, PSCI_SYSTEM_RESET = 0x84000009, PSCI_FEATURES = 0x8400000a,
    SMC64 = 0x40000000,
};
enum { PSCI_SUCCESS = 0, PSCI_NOT_SUPPORTED = -1, PSCI_INVALID_PARAMETERS = -2, PSCI_DENIED = -3,
       PSCI_ALREADY_ON = -4 };

static bool psci_implemented(uint32_t fn)
{
    switch (fn) {
    case PSCI_VERSION: case PSCI_CPU_SUSPEND: case PSCI_CPU_SUSPEND | SMC64: case PSCI_CPU_OFF:
    case PSCI_CPU_ON: case PSCI_CPU_ON | SMC64: case PSCI_AFFINITY_INFO: case PSCI_AFFINITY_INFO | SMC64:
    case PSCI_MIGRATE_INFO_TYPE: case PSCI_SYSTEM_OFF: case PSCI_SYSTEM_RESET: case PSCI_FEATURES:
        return true;
    default:
        return false;
    }
}

bool sys_psci_call(Cpu *cpu, bool *restart, int *status, bool no_reboot)
{
    uint32_t fn = (uint32_t)cpu_get_x(cpu, 0);
    uint64_t a1 = cpu_get_x(cpu, 1);
    bool is64 = fn & SMC64;
    if (!is64)
        a1 &= 0xffffffff;
    int64_t ret;
    uint64_t mpidr = 0;
    cpu_get_sysreg(cpu, "MPIDR_EL1", &mpidr);
    mpidr &= 0xff00ffffffull;
    *restart = false;
    switch (fn) {
    case PSCI_VERSION: ret = 0x10001; break; /* 1.1 */
    case PSCI_CPU_SUSPEND:
    case PSCI_CPU_SUSPEND | SMC64:
        ret = PSCI_SUCCESS; /* a standby state: returns at once (a WFI's worth) */
        break;
    case PSCI_CPU_OFF:
        /* the last CPU going off: the machine stops */
        fflush(stdout);
        fprintf(stderr, "armature: PSCI CPU_OFF on the only CPU: stopping\n");
        *status = 0;
        return false;
    case PSCI_CPU_ON:
    case PSCI_CPU_ON | SMC64:
        /* one CPU only (-smp 1): the target is us or does not exist */
        ret = (a1 & 0xff00ffffffull) == mpidr ? PSCI_ALREADY_ON : PSCI_INVALID_PARAMETERS;
        break;
    case PSCI_AFFINITY_INFO:
    case PSCI_AFFINITY_INFO | SMC64:
        ret = (a1 & 0xff00ffffffull) == mpidr && cpu_get_x(cpu, 2) == 0 ? 0 /* ON */ : PSCI_INVALID_PARAMETERS;
        break;
    case PSCI_MIGRATE_INFO_TYPE: ret = 2; break; /* no Trusted OS to migrate */
    case PSCI_SYSTEM_OFF:
        *status = 0;
        return false;
    case PSCI_SYSTEM_RESET:
        *status = 0;
        *restart = !no_reboot;
        return false;
    case PSCI_FEATURES: ret = psci_implemented((uint32_t)a1) ? 0 : PSCI_NOT_SUPPORTED; break;
    default:
        if (sys_log_on(LOG_UNIMP))
            sys_log("psci: function 0x%x is not implemented (NOT_SUPPORTED)\n", fn);
        ret = PSCI_NOT_SUPPORTED;
        break;
    }
    cpu_set_x(cpu, 0, (uint64_t)ret);
    return true;
}
