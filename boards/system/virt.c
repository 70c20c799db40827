/* -M virt: QEMU's virt board (hw/arm/virt.c's memory map and interrupt
 * numbers), so software built for QEMU's virt runs unchanged. The table
 * below is the board: the GuestMem maps its RAM and ROM rows, the bus its
 * device rows, and the device tree is generated from it.
 *
 *   0x00000000 .. 0x04000000  flash bank 0 (64 MiB): boot ROM (plain ROM:
 *                             the loader may put an image there; no CFI
 *                             flash device yet, so no DTB node)
 *   0x04000000 .. 0x08000000  flash bank 1 (64 MiB, ROM)
 *   0x08000000 .. 0x08010000  GICv3 distributor
 *   0x080a0000 .. 0x09000000  GICv3 redistributors (two 64 KiB frames per PE)
 *   0x09000000 .. 0x09001000  PL011 UART (SPI 1): the console
 *   0x09010000 .. 0x09011000  PL031 RTC (SPI 2)
 *   0x09020000 .. 0x09020018  fw_cfg: absent for now (no DTB node)
 *   0x09030000 .. 0x09031000  PL061 GPIO (SPI 7): absent for now
 *   0x09040000 .. 0x09041000  secure PL011 UART (SPI 8): secure=on only
 *   0x0a000000 .. 0x0a004000  32 virtio-mmio transports at 0x200 strides
 *                             (SPI 16..47); as on QEMU the first -device
 *                             sits in the last one (0x0a003e00), the next
 *                             below it; the empty ones read DeviceID 0
 *   0x0e000000 .. 0x0f000000  secure RAM: absent for now
 *   0x40000000 .. +RAM        RAM (-m, default 128 MiB)
 *
 * Interrupts: SPI n is GIC INTID 32 + n; the generic timer's PPIs are
 * INTID 30 (EL1 physical), 27 (virtual), 26 (EL2 physical) and 29 (secure
 * physical), as QEMU's DT says (PPI 14, 11, 10, 13). An absent row is a
 * hole: an access there is an external abort, as at any unmapped address.
 */
#define _GNU_SOURCE
#include "system/system.h"

#include <errno.h>
#include <fcntl.h>
#include <libfdt.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "dev/generic_timer.h"
#include "dev/gicv3.h"
#include "dev/pl011.h"
#include "dev/pl031.h"
#include "dev/virtio_blk.h"
#include "dev/virtio_rng.h"
#include "monitor.h"

enum {
    VIRT_FLASH, VIRT_GIC_DIST, VIRT_GIC_REDIST, VIRT_UART, VIRT_RTC, VIRT_FW_CFG, VIRT_GPIO,
    VIRT_SECURE_UART, VIRT_MMIO, VIRT_SECURE_MEM, VIRT_MEM,
};

const SysRegion virt_memmap[] = {
    /*                  name           base         size       kind               SPI  count */
    [VIRT_FLASH]       = {"flash",      0x00000000, 0x08000000, SYS_REGION_ROM,    -1, 0},
    [VIRT_GIC_DIST]    = {"gic-dist",   0x08000000, 0x00010000, SYS_REGION_DEVICE, -1, 0},
    [VIRT_GIC_REDIST]  = {"gic-redist", 0x080a0000, 0x00f60000, SYS_REGION_DEVICE, -1, 0},
    [VIRT_UART]        = {"pl011",      0x09000000, 0x00001000, SYS_REGION_DEVICE,  1, 0},
    [VIRT_RTC]         = {"pl031",      0x09010000, 0x00001000, SYS_REGION_DEVICE,  2, 0},
    [VIRT_FW_CFG]      = {"fw-cfg",     0x09020000, 0x00000018, SYS_REGION_ABSENT, -1, 0},
    [VIRT_GPIO]        = {"pl061",      0x09030000, 0x00001000, SYS_REGION_ABSENT,  7, 0},
    [VIRT_SECURE_UART] = {"pl011-s",    0x09040000, 0x00001000, SYS_REGION_DEVICE,  8, 0},
    [VIRT_MMIO]        = {"virtio-mmio",0x0a000000, 0x00000200, SYS_REGION_DEVICE, 16, 32},
    [VIRT_SECURE_MEM]  = {"secure-ram", 0x0e000000, 0x01000000, SYS_REGION_ABSENT, -1, 0},
    [VIRT_MEM]         = {"ram",        0x40000000, 0,          SYS_REGION_RAM,    -1, 0},
};
const int virt_memmap_len = sizeof virt_memmap / sizeof virt_memmap[0];

#define VIRT_NIRQ 288 /* INTIDs: 32 SGI/PPI + 256 SPIs, as QEMU's virt */
#define PPI_TIMER_PHYS 30
#define PPI_TIMER_VIRT 27
#define PPI_TIMER_HYP 26
#define PPI_TIMER_SEC 29
#define CLK_24MHZ 24000000

/* One PE's generic timer, and the board it belongs to (the timer hook). */
typedef struct VirtCpu {
    VirtBoard *v;
    GenericTimer gt;
} VirtCpu;

struct VirtBoard {
    SysMachine *m;
    unsigned ncpu;
    Cpu *cpus[SYS_MAX_CPUS];
    VirtCpu vcpu[SYS_MAX_CPUS];
    SysTime *time;
    SysBoardConfig cfg;
    GicV3 *gic;
    Pl011 uart, suart;
    Pl031 rtc;
    VirtioMmio vio[SYS_MAX_VIRTIO];   /* transport i at 0x0a000000 + 0x200 i */
    VirtioBlk blk[SYS_MAX_VIRTIO];
    VirtioRng rng[SYS_MAX_VIRTIO];
    CpuPsciConduit psci;
    FILE *serial;      /* where the UARTs send */
    int in_fd;         /* console input, -1 when none */
    bool raw_tty;      /* we put the terminal in raw mode */
    bool ctrl_a, quit; /* Ctrl-A x */
};

static struct termios saved_tty;
static bool tty_saved;

static void restore_tty(void)
{
    if (tty_saved)
        tcsetattr(0, TCSANOW, &saved_tty);
}

static void cpu_line(void *opaque, int n, bool level) { cpu_set_irq(opaque, (CpuIrqLine)n, level); }

static void serial_tx(void *opaque, uint8_t byte)
{
    VirtBoard *v = opaque;
    if (v->serial) {
        fputc(byte, v->serial);
        if (byte == '\n' && v->raw_tty)
            fflush(v->serial);
    }
}

static void timer_changed(void *opaque)
{
    VirtCpu *c = opaque;
    gtimer_update(&c->gt, sys_time_count(c->v->time));
}

/* The deterministic default seed of virtio-rng ("armature"), plus the device's index. */
#define VIRT_RNG_SEED 0x61726d6174757265ull

static void dma_store(void *opaque, uint64_t addr, uint64_t len)
{
    if (opaque)
        global_monitor_note_store(opaque, addr, len);
}

/* The virtio-mmio transports, the devices from -device/-drive in them. */
static bool add_virtio(VirtBoard *v, char *err, size_t errlen)
{
    const SysRegion *r = &virt_memmap[VIRT_MMIO];
    if (v->cfg.nvirtio > r->count) {
        snprintf(err, errlen, "more than %u virtio devices", r->count);
        return false;
    }
    for (unsigned i = 0; i < r->count; i++) {
        VirtioMmio *t = &v->vio[i];
        unsigned k = r->count - 1 - i; /* the k-th device goes in transport count-1-k */
        IrqLine irq = gicv3_spi_line(v->gic, 32 + (unsigned)r->irq + i);
        if (k >= v->cfg.nvirtio) {
            virtio_mmio_init(t, NULL, NULL, v->m->mem, irq);
        } else if (v->cfg.virtio[k].rng) {
            virtio_rng_init(&v->rng[i], VIRT_RNG_SEED + k);
            virtio_mmio_init(t, &virtio_rng_ops, &v->rng[i], v->m->mem, irq);
        } else {
            const SysVirtioDev *d = &v->cfg.virtio[k];
            v->blk[i].fd = -1;
            if (!virtio_blk_open(&v->blk[i], d->file, d->read_only, d->serial, err, errlen))
                return false;
            virtio_mmio_init(t, &virtio_blk_ops, &v->blk[i], v->m->mem, irq);
        }
        t->note_store = dma_store;
        t->note_opaque = v->cfg.monitor;
        bus_add_device(v->m->bus, r->name, r->base + (uint64_t)i * r->size, r->size, &virtio_mmio_ops, t);
    }
    return true;
}

static void unassigned(void *opaque, uint64_t addr, unsigned size, bool write)
{
    (void)opaque;
    if (sys_log_on(LOG_GUEST_ERRORS))
        sys_log("bus: %s of %u bytes at 0x%llx: nothing there (external abort)\n",
                write ? "write" : "read", size, (unsigned long long)addr);
}

static void dev_log(bool unimp, const char *msg)
{
    if (sys_log_on(unimp ? LOG_UNIMP : LOG_GUEST_ERRORS))
        sys_log("%s\n", msg);
}

static bool open_serial(VirtBoard *v, char *err, size_t errlen)
{
    const char *s = v->cfg.serial ? v->cfg.serial : "stdio";
    v->in_fd = -1;
    if (!strcmp(s, "stdio") || !strcmp(s, "mon:stdio")) {
        v->serial = stdout;
        v->in_fd = 0;
    } else if (!strcmp(s, "null") || !strcmp(s, "none")) {
        v->serial = NULL;
    } else if (!strncmp(s, "file:", 5)) {
        v->serial = fopen(s + 5, "w");
        if (!v->serial) {
            snprintf(err, errlen, "-serial %s: %s", s, strerror(errno));
            return false;
        }
    } else {
        snprintf(err, errlen, "-serial %s: only stdio, file:PATH and null are implemented", s);
        return false;
    }
    if (v->in_fd == 0) {
        if (isatty(0) && v->cfg.nographic) {
            struct termios t;
            if (tcgetattr(0, &saved_tty) == 0) {
                tty_saved = true;
                atexit(restore_tty);
                t = saved_tty;
                t.c_iflag &= ~(unsigned)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
                t.c_lflag &= ~(unsigned)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
                t.c_cflag |= CS8;
                t.c_cc[VMIN] = 1;
                t.c_cc[VTIME] = 0;
                tcsetattr(0, TCSANOW, &t);
                v->raw_tty = true;
            }
        }
        int fl = fcntl(0, F_GETFL);
        if (fl < 0 || fcntl(0, F_SETFL, fl | O_NONBLOCK) < 0)
            v->in_fd = -1;
    }
    return true;
}

VirtBoard *virt_new(SysMachine *m, Cpu *const *cpus, unsigned ncpus, SysTime *time, const SysBoardConfig *cfg,
                    char *err, size_t errlen)
{
    if (ncpus < 1 || ncpus > SYS_MAX_CPUS || ncpus > GIC_MAX_CPUS) {
        snprintf(err, errlen, "-smp %u: from 1 to %d CPUs", ncpus, SYS_MAX_CPUS);
        return NULL;
    }
    if (cfg->gic_version != 3) {
        snprintf(err, errlen, "-M virt,gic-version=%u: only GICv3 is implemented", cfg->gic_version);
        return NULL;
    }
    VirtBoard *v = calloc(1, sizeof *v);
    if (!v)
        abort();
    v->m = m;
    v->ncpu = ncpus;
    for (unsigned i = 0; i < ncpus; i++)
        v->cpus[i] = cpus[i];
    v->time = time;
    v->cfg = *cfg;
    dev_log_hook = dev_log;
    bus_set_unassigned_hook(m->bus, unassigned, v);
    if (!open_serial(v, err, errlen)) {
        free(v);
        return NULL;
    }

    /* GICv3, its CPU interfaces wired to the PEs: one redistributor each */
    v->gic = gicv3_new(ncpus, VIRT_NIRQ);
    const SysRegion *r = virt_memmap;
    bus_add_device(m->bus, r[VIRT_GIC_DIST].name, r[VIRT_GIC_DIST].base, GICD_SIZE, &gicv3_dist_ops, v->gic);
    bus_add_device(m->bus, r[VIRT_GIC_REDIST].name, r[VIRT_GIC_REDIST].base, GICR_FRAME_SIZE * ncpus,
                   &gicv3_redist_ops, v->gic);
    for (unsigned i = 0; i < ncpus; i++) {
        Cpu *cpu = cpus[i];
        gicv3_connect_cpu(v->gic, i, cpu, sys_cpu_mpidr(cpu, i), (IrqLine){cpu_line, cpu, CPU_IRQ},
                          (IrqLine){cpu_line, cpu, CPU_FIQ});
        cpu_set_gic(cpu, v->gic, &gicv3_cpuif_ops);
        /* its generic timer's outputs to its PPIs */
        IrqLine gt[GT_NTIMERS] = {
            [GT_PHYS] = gicv3_ppi_line(v->gic, i, PPI_TIMER_PHYS),
            [GT_VIRT] = gicv3_ppi_line(v->gic, i, PPI_TIMER_VIRT),
            [GT_HYP] = gicv3_ppi_line(v->gic, i, PPI_TIMER_HYP),
            [GT_SEC] = gicv3_ppi_line(v->gic, i, PPI_TIMER_SEC),
        };
        v->vcpu[i].v = v;
        gtimer_init(&v->vcpu[i].gt, cpu, gt);
        cpu_set_clock(cpu, sys_time_count, time);
        cpu_set_timer_hook(cpu, timer_changed, &v->vcpu[i]);
    }

    pl011_init(&v->uart, gicv3_spi_line(v->gic, 32 + (unsigned)r[VIRT_UART].irq), serial_tx, v);
    bus_add_device(m->bus, r[VIRT_UART].name, r[VIRT_UART].base, r[VIRT_UART].size, &pl011_ops, &v->uart);
    pl031_init(&v->rtc, gicv3_spi_line(v->gic, 32 + (unsigned)r[VIRT_RTC].irq), sys_time_ns, time,
               cfg->time_base);
    bus_add_device(m->bus, r[VIRT_RTC].name, r[VIRT_RTC].base, r[VIRT_RTC].size, &pl031_ops, &v->rtc);
    if (cfg->secure) {
        /* the secure UART shares the console (QEMU gives it -serial's second chardev) */
        pl011_init(&v->suart, gicv3_spi_line(v->gic, 32 + (unsigned)r[VIRT_SECURE_UART].irq), serial_tx, v);
        bus_add_device(m->bus, r[VIRT_SECURE_UART].name, r[VIRT_SECURE_UART].base, r[VIRT_SECURE_UART].size,
                       &pl011_ops, &v->suart);
    }

    if (!add_virtio(v, err, errlen)) {
        virt_free(v);
        return NULL;
    }

    for (unsigned i = 0; i < ncpus; i++)
        virt_cpu_reset_done(v, cpus[i]);
    return v;
}

void virt_cpu_reset_done(VirtBoard *v, Cpu *cpu)
{
    (void)v;
    /* the PE has a GICv3 CPU interface: ID_AA64PFR0_EL1.GIC = 1 */
    uint64_t pfr0;
    if (cpu_get_sysreg(cpu, "ID_AA64PFR0_EL1", &pfr0))
        cpu_set_sysreg(cpu, "ID_AA64PFR0_EL1", (pfr0 & ~(0xfull << 24)) | 1ull << 24);
}

void virt_free(VirtBoard *v)
{
    if (!v)
        return;
    virt_flush_output(v);
    if (v->serial && v->serial != stdout)
        fclose(v->serial);
    for (unsigned i = 0; i < SYS_MAX_VIRTIO; i++)
        if (v->vio[i].dev_ops == &virtio_blk_ops)
            virtio_blk_close(&v->blk[i]);
    gicv3_free(v->gic);
    free(v);
}

void virt_flush_output(VirtBoard *v)
{
    if (v->serial)
        fflush(v->serial);
}

void virt_set_psci(VirtBoard *v, CpuPsciConduit conduit)
{
    v->psci = conduit;
    for (unsigned i = 0; i < v->ncpu; i++)
        cpu_set_psci_conduit(v->cpus[i], conduit);
}

CpuPsciConduit virt_psci_conduit(const VirtBoard *v) { return v->psci; }
bool virt_quit_requested(const VirtBoard *v) { return v->quit; }

/* Console input: bytes to the UART while it has room; Ctrl-A x quits and
 * Ctrl-A Ctrl-A sends one Ctrl-A, as QEMU's -nographic console. */
static void poll_input(VirtBoard *v)
{
    while (v->in_fd >= 0 && pl011_can_receive(&v->uart)) {
        uint8_t c;
        ssize_t n = read(v->in_fd, &c, 1);
        if (n == 0) {
            v->in_fd = -1; /* end of input */
            return;
        }
        if (n < 0) {
            if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
                v->in_fd = -1;
            return;
        }
        if (v->raw_tty) {
            if (v->ctrl_a) {
                v->ctrl_a = false;
                if (c == 'x') {
                    v->quit = true;
                    return;
                }
                if (c != 1)
                    continue;
            } else if (c == 1) {
                v->ctrl_a = true;
                continue;
            }
        }
        pl011_receive(&v->uart, c);
    }
}

uint64_t virt_poll(VirtBoard *v)
{
    uint64_t count = sys_time_count(v->time);
    pl031_tick(&v->rtc);
    poll_input(v);
    uint64_t next = UINT64_MAX, d;
    for (unsigned i = 0; i < v->ncpu; i++) {
        gtimer_update(&v->vcpu[i].gt, count);
        d = gtimer_next_deadline(&v->vcpu[i].gt, count);
        if (d != UINT64_MAX && d <= UINT64_MAX / SYS_NS_PER_TICK && d * SYS_NS_PER_TICK < next)
            next = d * SYS_NS_PER_TICK;
    }
    d = pl031_next_match_ns(&v->rtc);
    if (d < next)
        next = d;
    return next;
}

bool virt_wait_input(VirtBoard *v)
{
    if (v->in_fd < 0)
        return false;
    virt_flush_output(v);
    struct pollfd p = {.fd = v->in_fd, .events = POLLIN};
    while (poll(&p, 1, -1) < 0)
        if (errno != EINTR)
            return false;
    poll_input(v);
    return true;
}

/* ------------------------------------------------------------ device tree */

#define FDT_TRY(x)                                                                                   \
    do {                                                                                             \
        int _e = (x);                                                                                \
        if (_e < 0) {                                                                                \
            snprintf(err, errlen, "device tree: %s: %s", #x, fdt_strerror(_e));                     \
            free(fdt);                                                                               \
            return NULL;                                                                             \
        }                                                                                            \
    } while (0)

static int prop_reg(void *fdt, uint64_t base, uint64_t size)
{
    fdt64_t r[2] = {cpu_to_fdt64(base), cpu_to_fdt64(size)};
    return fdt_property(fdt, "reg", r, sizeof r);
}

static int prop_cells(void *fdt, const char *name, const uint32_t *c, int n)
{
    fdt32_t b[12];
    for (int i = 0; i < n; i++)
        b[i] = cpu_to_fdt32(c[i]);
    return fdt_property(fdt, name, b, (int)(n * sizeof b[0]));
}

static int prop_strings(void *fdt, const char *name, const char *a, const char *b)
{
    char buf[128];
    size_t la = strlen(a) + 1, lb = b ? strlen(b) + 1 : 0;
    memcpy(buf, a, la);
    if (b)
        memcpy(buf + la, b, lb);
    return fdt_property(fdt, name, buf, (int)(la + lb));
}

static const char *cpu_compatible(const char *model)
{
    if (!strcmp(model, "cortex-a57"))
        return "arm,cortex-a57";
    if (!strcmp(model, "neoverse-n1"))
        return "arm,neoverse-n1";
    return "arm,arm-v8";
}

static void *load_dtb_file(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "-dtb %s: %s", path, strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 20;
    char *buf = malloc(cap);
    size_t n = buf ? fread(buf, 1, cap, f) : 0;
    fclose(f);
    if (!buf || n < sizeof(struct fdt_header) || fdt_check_header(buf) != 0 || fdt_totalsize(buf) > n) {
        snprintf(err, errlen, "-dtb %s: not a valid flattened device tree", path);
        free(buf);
        return NULL;
    }
    return buf;
}

/* Copy a loaded DTB with room to add /chosen properties. */
static void *chosen_into(void *dtb, const SysBoardConfig *cfg, uint64_t is, uint64_t ie, char *err, size_t errlen)
{
    size_t size = fdt_totalsize(dtb) + 4096 + (cfg->append ? strlen(cfg->append) : 0);
    void *fdt = malloc(size);
    if (!fdt)
        abort();
    FDT_TRY(fdt_open_into(dtb, fdt, (int)size));
    int chosen = fdt_path_offset(fdt, "/chosen");
    if (chosen < 0)
        chosen = fdt_add_subnode(fdt, 0, "chosen");
    FDT_TRY(chosen);
    if (cfg->append)
        FDT_TRY(fdt_setprop_string(fdt, chosen, "bootargs", cfg->append));
    if (ie > is) {
        FDT_TRY(fdt_setprop_u64(fdt, chosen, "linux,initrd-start", is));
        FDT_TRY(fdt_setprop_u64(fdt, chosen, "linux,initrd-end", ie));
    }
    FDT_TRY(fdt_pack(fdt));
    return fdt;
}

void *virt_fdt(VirtBoard *v, uint64_t initrd_start, uint64_t initrd_end, char *err, size_t errlen)
{
    const SysBoardConfig *cfg = &v->cfg;
    if (cfg->dtb) {
        void *dtb = load_dtb_file(cfg->dtb, err, errlen);
        if (!dtb)
            return NULL;
        void *r = chosen_into(dtb, cfg, initrd_start, initrd_end, err, errlen);
        free(dtb);
        return r;
    }
    const SysRegion *r = virt_memmap;
    size_t size = 64 * 1024 + (cfg->append ? strlen(cfg->append) : 0);
    void *fdt = malloc(size);
    if (!fdt)
        abort();
    enum { PH_GIC = 1, PH_CLK = 2 };
    char name[64];
    FDT_TRY(fdt_create(fdt, (int)size));
    FDT_TRY(fdt_finish_reservemap(fdt));
    FDT_TRY(fdt_begin_node(fdt, ""));
    FDT_TRY(fdt_property_string(fdt, "compatible", "linux,dummy-virt"));
    FDT_TRY(fdt_property_string(fdt, "model", "armature,virt"));
    FDT_TRY(fdt_property_u32(fdt, "#address-cells", 2));
    FDT_TRY(fdt_property_u32(fdt, "#size-cells", 2));
    FDT_TRY(fdt_property_u32(fdt, "interrupt-parent", PH_GIC));

    /* /chosen: command line, initrd, console */
    FDT_TRY(fdt_begin_node(fdt, "chosen"));
    if (cfg->append)
        FDT_TRY(fdt_property_string(fdt, "bootargs", cfg->append));
    if (initrd_end > initrd_start) {
        FDT_TRY(fdt_property_u64(fdt, "linux,initrd-start", initrd_start));
        FDT_TRY(fdt_property_u64(fdt, "linux,initrd-end", initrd_end));
    }
    snprintf(name, sizeof name, "/pl011@%llx", (unsigned long long)r[VIRT_UART].base);
    FDT_TRY(fdt_property_string(fdt, "stdout-path", name));
    FDT_TRY(fdt_end_node(fdt));

    /* /psci: the board answers through HVC or SMC (QEMU's function ids) */
    if (v->psci != CPU_PSCI_NONE) {
        FDT_TRY(fdt_begin_node(fdt, "psci"));
        static const char compat[] = "arm,psci-1.0\0arm,psci-0.2\0arm,psci";
        FDT_TRY(fdt_property(fdt, "compatible", compat, sizeof compat));
        FDT_TRY(fdt_property_string(fdt, "method", v->psci == CPU_PSCI_HVC ? "hvc" : "smc"));
        FDT_TRY(fdt_property_u32(fdt, "cpu_suspend", 0xc4000001));
        FDT_TRY(fdt_property_u32(fdt, "cpu_off", 0x84000002));
        FDT_TRY(fdt_property_u32(fdt, "cpu_on", 0xc4000003));
        FDT_TRY(fdt_property_u32(fdt, "migrate", 0xc4000005));
        FDT_TRY(fdt_end_node(fdt));
    }

    /* /cpus */
    FDT_TRY(fdt_begin_node(fdt, "cpus"));
    FDT_TRY(fdt_property_u32(fdt, "#address-cells", 1));
    FDT_TRY(fdt_property_u32(fdt, "#size-cells", 0));
    for (unsigned i = 0; i < v->ncpu; i++) {
        uint64_t mpidr = sys_cpu_mpidr(v->cpus[i], i);
        snprintf(name, sizeof name, "cpu@%llx", (unsigned long long)(mpidr & 0xffffff));
        FDT_TRY(fdt_begin_node(fdt, name));
        FDT_TRY(fdt_property_string(fdt, "device_type", "cpu"));
        FDT_TRY(fdt_property_string(fdt, "compatible", cpu_compatible(cpu_model_name(v->cpus[i]))));
        FDT_TRY(fdt_property_u32(fdt, "reg", (uint32_t)(mpidr & 0xffffff)));
        if (v->psci != CPU_PSCI_NONE)
            FDT_TRY(fdt_property_string(fdt, "enable-method", "psci"));
        FDT_TRY(fdt_end_node(fdt));
    }
    FDT_TRY(fdt_end_node(fdt));

    /* /memory */
    snprintf(name, sizeof name, "memory@%llx", (unsigned long long)v->m->ram_base);
    FDT_TRY(fdt_begin_node(fdt, name));
    FDT_TRY(fdt_property_string(fdt, "device_type", "memory"));
    FDT_TRY(prop_reg(fdt, v->m->ram_base, v->m->ram_size));
    FDT_TRY(fdt_end_node(fdt));

    /* the APB clock of the PrimeCells */
    FDT_TRY(fdt_begin_node(fdt, "apb-pclk"));
    FDT_TRY(fdt_property_string(fdt, "compatible", "fixed-clock"));
    FDT_TRY(fdt_property_u32(fdt, "#clock-cells", 0));
    FDT_TRY(fdt_property_u32(fdt, "clock-frequency", CLK_24MHZ));
    FDT_TRY(fdt_property_string(fdt, "clock-output-names", "clk24mhz"));
    FDT_TRY(fdt_property_u32(fdt, "phandle", PH_CLK));
    FDT_TRY(fdt_end_node(fdt));

    /* the GICv3: distributor and one redistributor region */
    snprintf(name, sizeof name, "intc@%llx", (unsigned long long)r[VIRT_GIC_DIST].base);
    FDT_TRY(fdt_begin_node(fdt, name));
    FDT_TRY(fdt_property_string(fdt, "compatible", "arm,gic-v3"));
    FDT_TRY(fdt_property_u32(fdt, "#interrupt-cells", 3));
    FDT_TRY(fdt_property(fdt, "interrupt-controller", NULL, 0));
    FDT_TRY(fdt_property_u32(fdt, "#redistributor-regions", 1));
    {
        fdt64_t reg[4] = {cpu_to_fdt64(r[VIRT_GIC_DIST].base), cpu_to_fdt64(r[VIRT_GIC_DIST].size),
                          cpu_to_fdt64(r[VIRT_GIC_REDIST].base), cpu_to_fdt64(r[VIRT_GIC_REDIST].size)};
        FDT_TRY(fdt_property(fdt, "reg", reg, sizeof reg));
    }
    FDT_TRY(fdt_property_u32(fdt, "phandle", PH_GIC));
    FDT_TRY(fdt_end_node(fdt));

    /* the generic timer: PPIs (INTID - 16), level high */
    FDT_TRY(fdt_begin_node(fdt, "timer"));
    FDT_TRY(prop_strings(fdt, "compatible", "arm,armv8-timer", "arm,armv7-timer"));
    {
        const uint32_t irqs[] = {1, PPI_TIMER_SEC - 16, 4, 1, PPI_TIMER_PHYS - 16, 4,
                                 1, PPI_TIMER_VIRT - 16, 4, 1, PPI_TIMER_HYP - 16, 4};
        FDT_TRY(prop_cells(fdt, "interrupts", irqs, 12));
    }
    FDT_TRY(fdt_property(fdt, "always-on", NULL, 0));
    FDT_TRY(fdt_end_node(fdt));

    /* PL011 and PL031 */
    snprintf(name, sizeof name, "pl011@%llx", (unsigned long long)r[VIRT_UART].base);
    FDT_TRY(fdt_begin_node(fdt, name));
    FDT_TRY(prop_strings(fdt, "compatible", "arm,pl011", "arm,primecell"));
    FDT_TRY(prop_reg(fdt, r[VIRT_UART].base, r[VIRT_UART].size));
    {
        const uint32_t irq[] = {0, (uint32_t)r[VIRT_UART].irq, 4}, clk[] = {PH_CLK, PH_CLK};
        FDT_TRY(prop_cells(fdt, "interrupts", irq, 3));
        FDT_TRY(prop_cells(fdt, "clocks", clk, 2));
    }
    FDT_TRY(prop_strings(fdt, "clock-names", "uartclk", "apb_pclk"));
    FDT_TRY(fdt_end_node(fdt));

    snprintf(name, sizeof name, "pl031@%llx", (unsigned long long)r[VIRT_RTC].base);
    FDT_TRY(fdt_begin_node(fdt, name));
    FDT_TRY(prop_strings(fdt, "compatible", "arm,pl031", "arm,primecell"));
    FDT_TRY(prop_reg(fdt, r[VIRT_RTC].base, r[VIRT_RTC].size));
    {
        const uint32_t irq[] = {0, (uint32_t)r[VIRT_RTC].irq, 4}, clk[] = {PH_CLK};
        FDT_TRY(prop_cells(fdt, "interrupts", irq, 3));
        FDT_TRY(prop_cells(fdt, "clocks", clk, 1));
    }
    FDT_TRY(fdt_property_string(fdt, "clock-names", "apb_pclk"));
    FDT_TRY(fdt_end_node(fdt));

    /* the virtio-mmio transports, every one (an empty one has DeviceID 0) */
    for (unsigned i = 0; i < r[VIRT_MMIO].count; i++) {
        uint64_t base = r[VIRT_MMIO].base + (uint64_t)i * r[VIRT_MMIO].size;
        snprintf(name, sizeof name, "virtio_mmio@%llx", (unsigned long long)base);
        FDT_TRY(fdt_begin_node(fdt, name));
        FDT_TRY(fdt_property(fdt, "dma-coherent", NULL, 0));
        const uint32_t irq[] = {0, (uint32_t)r[VIRT_MMIO].irq + i, 1 /* edge rising */};
        FDT_TRY(prop_cells(fdt, "interrupts", irq, 3));
        FDT_TRY(prop_reg(fdt, base, r[VIRT_MMIO].size));
        FDT_TRY(fdt_property_string(fdt, "compatible", "virtio,mmio"));
        FDT_TRY(fdt_end_node(fdt));
    }

    if (cfg->secure) {
        snprintf(name, sizeof name, "pl011@%llx", (unsigned long long)r[VIRT_SECURE_UART].base);
        FDT_TRY(fdt_begin_node(fdt, name));
        FDT_TRY(prop_strings(fdt, "compatible", "arm,pl011", "arm,primecell"));
        FDT_TRY(prop_reg(fdt, r[VIRT_SECURE_UART].base, r[VIRT_SECURE_UART].size));
        const uint32_t irq[] = {0, (uint32_t)r[VIRT_SECURE_UART].irq, 4}, clk[] = {PH_CLK, PH_CLK};
        FDT_TRY(prop_cells(fdt, "interrupts", irq, 3));
        FDT_TRY(prop_cells(fdt, "clocks", clk, 2));
        FDT_TRY(prop_strings(fdt, "clock-names", "uartclk", "apb_pclk"));
        FDT_TRY(fdt_property_string(fdt, "status", "disabled"));
        FDT_TRY(fdt_property_string(fdt, "secure-status", "okay"));
        FDT_TRY(fdt_end_node(fdt));
    }

    FDT_TRY(fdt_end_node(fdt));
    FDT_TRY(fdt_finish(fdt));
    return fdt;
}
