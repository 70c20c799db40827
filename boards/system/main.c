/* armature: the system emulator, with qemu-system-aarch64's command line. */
#define _GNU_SOURCE /* timegm() */
#include "system/system.h"

#include "monitor.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DEFAULT_RAM (128ull << 20)
/* Stack size SYS_HEAPINFO reports at the top of RAM. */
#define SEMIHOST_STACK (1ull << 20)
/* IMPDEF of this front end: SYS_TIME counts from this fixed date
 * (2024-01-01T00:00:00Z) unless -rtc base=utc|DATE, so runs are repeatable. */
#define DEFAULT_TIME_BASE 1704067200

typedef struct Options {
    const char *machine, *cpu, *kernel, *append, *log_file, *initrd, *dtb, *serial;
    uint64_t ram_size;
    bool semihosting, virt_secure, virt_secure_off, virt_virtualization, nographic, no_reboot;
    unsigned smp;
    unsigned gic_version;
    unsigned icount_shift;
    int64_t time_base;
    char *semi_args; /* -semihosting-config arg=... joined by spaces */
    /* -drive and -device: the drives by id, and the virtio devices in order
     * (a disk names its drive until the end of the command line) */
    struct { char *id, *file; bool read_only, used; } drives[SYS_MAX_VIRTIO];
    unsigned ndrives;
    struct { bool rng; char *drive; } devs[SYS_MAX_VIRTIO];
    unsigned ndevs;
} Options;

static _Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static _Noreturn void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("armature: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static void usage(FILE *f)
{
    fputs("usage: armature [options]\n"
          "Run a bare-metal AArch64 program on an emulated machine.\n"
          "\n"
          "  -M, -machine NAME[,gic-version=3][,secure=on|off][,virtualization=on|off]\n"
          "                        machine type: none, virt (default none; -M help)\n"
          "  -cpu NAME             CPU model (default max; -cpu help)\n"
          "  -m SIZE               RAM size, in MiB or with a K/M/G suffix (default 128M)\n"
          "  -smp [cpus=]N         N CPUs (-M virt; default 1), run in turn in one thread;\n"
          "                        CPU 0 starts, the others wait for PSCI CPU_ON\n"
          "  -kernel FILE          arm64 Linux Image (-M virt: entered at EL1, or EL2 with\n"
          "                        virtualization=on, x0 = the DTB) or an ELF image loaded at\n"
          "                        its physical addresses, entered at the highest EL\n"
          "  -initrd FILE          initial RAM disk for a Linux Image\n"
          "  -append STR           kernel command line (/chosen/bootargs; SYS_GET_CMDLINE)\n"
          "  -dtb FILE             use this device tree instead of the generated one\n"
          "  -serial stdio|null|file:PATH   where the UART goes (default stdio)\n"
          "  -drive file=IMG,format=raw[,if=virtio|none][,id=ID][,readonly=on]\n"
          "                        a raw disk image (-M virt): if=virtio (the default)\n"
          "                        adds a virtio-blk disk, if=none waits for a -device\n"
          "  -device virtio-blk-device,drive=ID | virtio-rng-device\n"
          "                        a virtio-mmio device (-M virt); virtio-rng's bytes\n"
          "                        come from a generator with a fixed seed\n"
          "  -global virtio-mmio.force-legacy=false   accepted: the transports are\n"
          "                        always virtio-mmio version 2\n"
          "  -semihosting          enable Arm semihosting (HLT #0xF000)\n"
          "  -semihosting-config enable=on|off[,target=native|auto][,arg=STR]...\n"
          "  -nographic            console on the terminal in raw mode (Ctrl-A x quits)\n"
          "  -d ITEM[,ITEM...]     log: in_asm, exec, int, guest_errors, unimp (-d help)\n"
          "  -D FILE               write the log to FILE instead of stderr\n"
          "  -icount shift=N       virtual time: each instruction is 2^N ns (default 0)\n"
          "  -rtc base=utc|DATE    SYS_TIME start: host time or YYYY-MM-DDTHH:MM:SS\n"
          "                        (default 2024-01-01T00:00:00, for repeatable runs)\n"
          "  -no-reboot            a guest reset (PSCI SYSTEM_RESET) ends the run\n"
          "  -h, -help             show this help\n",
          f);
}

static bool on_off(const char *v, const char *what)
{
    if (!strcmp(v, "on") || !strcmp(v, "yes") || !strcmp(v, "true"))
        return true;
    if (!strcmp(v, "off") || !strcmp(v, "no") || !strcmp(v, "false"))
        return false;
    die("%s: expected on or off, got '%s'", what, v);
}

/* -m [size=]N[K|M|G|T]: a bare number is MiB, as in QEMU. */
static uint64_t parse_size(const char *s)
{
    const char *v = strncmp(s, "size=", 5) == 0 ? s + 5 : s;
    char *end;
    errno = 0;
    unsigned long long n = strtoull(v, &end, 10);
    if (errno || end == v || *v == '-')
        die("-m: bad size '%s'", s);
    unsigned shift = 20;
    if (*end) {
        switch (*end) {
        case 'k': case 'K': shift = 10; break;
        case 'm': case 'M': shift = 20; break;
        case 'g': case 'G': shift = 30; break;
        case 't': case 'T': shift = 40; break;
        default: die("-m: bad size '%s' (use a K, M or G suffix)", s);
        }
        if (end[1] && strcmp(end + 1, "B") && strcmp(end + 1, "iB"))
            die("-m: bad size '%s'", s);
    }
    if (n == 0 || n > (1ull << (47 - shift)))
        die("-m: size '%s' is out of range", s);
    uint64_t bytes = (uint64_t)n << shift;
    if (bytes & (GUEST_PAGE_SIZE - 1))
        die("-m: size '%s' is not a whole number of 4 KiB pages", s);
    return bytes;
}

static void parse_machine(Options *o, const char *arg)
{
    char *copy = strdup(arg);
    if (!copy)
        abort();
    char *save, *name = strtok_r(copy, ",", &save);
    if (!name)
        die("-M: no machine name");
    if (!strcmp(name, "help")) {
        sys_machine_list(stdout);
        exit(0);
    }
    const SysMachineType *t = sys_machine_find(name);
    if (!t)
        die("unknown machine '%s' (try -M help)", name);
    o->machine = t->name;
    for (char *p = strtok_r(NULL, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(p, '=');
        if (!eq)
            die("-M: bad property '%s' (expected NAME=VALUE)", p);
        *eq = 0;
        if (!strcmp(p, "secure")) {
            o->virt_secure = on_off(eq + 1, "-M secure");
            o->virt_secure_off = !o->virt_secure;
        }
        else if (!strcmp(p, "virtualization"))
            o->virt_virtualization = on_off(eq + 1, "-M virtualization");
        else if (!strcmp(p, "gic-version")) {
            if (strcmp(eq + 1, "3") && strcmp(eq + 1, "host") && strcmp(eq + 1, "max"))
                die("-M gic-version=%s: only GICv3 is implemented", eq + 1);
            o->gic_version = 3;
        }
        else
            die("-M: property '%s' is not implemented yet", p);
    }
    free(copy);
}

static void add_semi_arg(Options *o, const char *a)
{
    size_t old = o->semi_args ? strlen(o->semi_args) : 0;
    char *n = realloc(o->semi_args, old + strlen(a) + 2);
    if (!n)
        abort();
    if (old)
        n[old++] = ' ';
    strcpy(n + old, a);
    o->semi_args = n;
}

static void parse_semihosting_config(Options *o, const char *arg)
{
    char *copy = strdup(arg);
    if (!copy)
        abort();
    bool enable = true;
    char *save;
    for (char *p = strtok_r(copy, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(p, '=');
        if (!eq)
            die("-semihosting-config: bad item '%s' (expected NAME=VALUE)", p);
        *eq = 0;
        const char *v = eq + 1;
        if (!strcmp(p, "enable"))
            enable = on_off(v, "-semihosting-config enable");
        else if (!strcmp(p, "target")) {
            if (strcmp(v, "native") && strcmp(v, "auto"))
                die("-semihosting-config target=%s is not implemented yet (no gdb stub)", v);
        } else if (!strcmp(p, "arg"))
            add_semi_arg(o, v);
        else
            die("-semihosting-config: '%s' is not implemented yet", p);
    }
    o->semihosting = enable;
    free(copy);
}

static void parse_icount(Options *o, const char *arg)
{
    const char *v = strncmp(arg, "shift=", 6) == 0 ? arg + 6 : arg;
    char *end;
    errno = 0;
    unsigned long n = strtoul(v, &end, 10);
    /* further ",item=..." (align, sleep) are accepted and ignored */
    if (errno || end == v || (*end && *end != ',') || n > 10)
        die("-icount: bad value '%s' (expected shift=N, N from 0 to 10)", arg);
    o->icount_shift = (unsigned)n;
}

/* -smp [cpus=]N[,maxcpus=N][,sockets=1,clusters=1,cores=N,threads=1] */
static void parse_smp(Options *o, const char *arg)
{
    char *copy = strdup(arg);
    if (!copy)
        abort();
    unsigned n = 0;
    char *save;
    for (char *p = strtok_r(copy, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(p, '=');
        const char *v = eq ? eq + 1 : p;
        if (eq)
            *eq = 0;
        char *end;
        unsigned long k = strtoul(v, &end, 10);
        if (*end || end == v)
            die("-smp: bad value '%s'", arg);
        if (!eq || !strcmp(p, "cpus") || !strcmp(p, "cores"))
            n = (unsigned)k;
        else if (!strcmp(p, "maxcpus") || ((!strcmp(p, "sockets") || !strcmp(p, "clusters") ||
                                            !strcmp(p, "threads") || !strcmp(p, "dies")) && k == 1))
            continue;
        else
            die("-smp: '%s' is not implemented (cpus=N only)", p);
    }
    free(copy);
    if (n < 1 || n > SYS_MAX_CPUS)
        die("-smp %s: from 1 to %d CPUs", arg, SYS_MAX_CPUS);
    o->smp = n;
}

/* -drive file=IMG[,format=raw][,if=none|virtio][,id=ID][,readonly=on|off][,media=disk][,cache=...] */
static void parse_drive(Options *o, const char *arg)
{
    if (o->ndrives == SYS_MAX_VIRTIO)
        die("-drive: more than %d drives", SYS_MAX_VIRTIO);
    char *copy = strdup(arg), *save, *file = NULL, *id = NULL;
    bool ro = false, virtio = true; /* if= defaults to virtio on virt, as on QEMU */
    if (!copy)
        abort();
    for (char *p = strtok_r(copy, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(p, '=');
        if (!eq)
            die("-drive: bad item '%s' (expected NAME=VALUE)", p);
        *eq = 0;
        const char *v = eq + 1;
        if (!strcmp(p, "file"))
            file = strdup(v);
        else if (!strcmp(p, "id"))
            id = strdup(v);
        else if (!strcmp(p, "format")) {
            if (strcmp(v, "raw"))
                die("-drive format=%s: only raw images are implemented", v);
        } else if (!strcmp(p, "if")) {
            if (strcmp(v, "none") && strcmp(v, "virtio"))
                die("-drive if=%s: only if=virtio and if=none are implemented", v);
            virtio = !strcmp(v, "virtio");
        } else if (!strcmp(p, "readonly"))
            ro = on_off(v, "-drive readonly");
        else if (!strcmp(p, "media")) {
            if (strcmp(v, "disk"))
                die("-drive media=%s: only disks are implemented", v);
        } else if (strcmp(p, "cache") && strcmp(p, "aio") && strcmp(p, "discard"))
            die("-drive: '%s' is not implemented", p);
    }
    free(copy);
    if (!file)
        die("-drive %s: no file=", arg);
    unsigned d = o->ndrives++;
    o->drives[d].file = file;
    o->drives[d].id = id ? id : strdup(file);
    o->drives[d].read_only = ro;
    if (virtio) {
        if (o->ndevs == SYS_MAX_VIRTIO)
            die("more than %d virtio devices", SYS_MAX_VIRTIO);
        o->devs[o->ndevs].rng = false;
        o->devs[o->ndevs++].drive = strdup(o->drives[d].id);
    }
}

/* -device virtio-blk-device,drive=ID | virtio-rng-device */
static void parse_device(Options *o, const char *arg)
{
    if (!strcmp(arg, "help")) {
        printf("virtio-blk-device   a disk (drive=ID of a -drive)\nvirtio-rng-device   an entropy source\n");
        exit(0);
    }
    if (o->ndevs == SYS_MAX_VIRTIO)
        die("more than %d virtio devices", SYS_MAX_VIRTIO);
    char *copy = strdup(arg), *save;
    if (!copy)
        abort();
    char *name = strtok_r(copy, ",", &save);
    bool rng = name && !strcmp(name, "virtio-rng-device");
    if (!name || (!rng && strcmp(name, "virtio-blk-device")))
        die("-device %s: only virtio-blk-device and virtio-rng-device are implemented", arg);
    char *drive = NULL;
    for (char *p = strtok_r(NULL, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
        if (!strncmp(p, "drive=", 6) && !rng)
            drive = strdup(p + 6);
        else if (strncmp(p, "id=", 3))
            die("-device %s: property '%s' is not implemented", name, p);
    }
    if (!rng && !drive)
        die("-device %s: needs drive=ID", arg);
    o->devs[o->ndevs].rng = rng;
    o->devs[o->ndevs++].drive = drive;
    free(copy);
}

/* The devices in order, their drives resolved. */
static void resolve_devices(Options *o, SysBoardConfig *cfg)
{
    for (unsigned k = 0; k < o->ndevs; k++) {
        SysVirtioDev *d = &cfg->virtio[cfg->nvirtio++];
        d->rng = o->devs[k].rng;
        if (d->rng)
            continue;
        unsigned i = 0;
        while (i < o->ndrives && strcmp(o->drives[i].id, o->devs[k].drive))
            i++;
        if (i == o->ndrives)
            die("-device virtio-blk-device,drive=%s: no -drive with id=%s", o->devs[k].drive, o->devs[k].drive);
        if (o->drives[i].used)
            die("-drive id=%s is used by two devices", o->drives[i].id);
        o->drives[i].used = true;
        d->file = o->drives[i].file;
        d->read_only = o->drives[i].read_only;
        d->serial = o->drives[i].id;
    }
}

static void parse_rtc(Options *o, const char *arg)
{
    if (strncmp(arg, "base=", 5) != 0)
        die("-rtc: only base=utc or base=YYYY-MM-DDTHH:MM:SS is implemented");
    const char *v = arg + 5;
    if (!strcmp(v, "utc") || !strcmp(v, "localtime")) {
        o->time_base = (int64_t)time(NULL);
        return;
    }
    struct tm tm = {0};
    const char *end = strptime(v, "%Y-%m-%dT%H:%M:%S", &tm);
    if (!end || (*end && *end != ','))
        die("-rtc: bad date '%s' (expected YYYY-MM-DDTHH:MM:SS)", v);
    o->time_base = (int64_t)timegm(&tm);
}

static void parse_options(Options *o, int argc, char **argv)
{
    static const char *const with_arg[] = {
        "M", "machine", "cpu", "m", "kernel", "append", "semihosting-config", "d", "D",
        "icount", "rtc", "smp", "bios", "initrd", "dtb", "serial", "gdb", "drive", "device", "global", NULL};
    for (int i = 1; i < argc;) {
        const char *raw = argv[i++];
        if (raw[0] != '-' || !raw[1])
            die("unexpected argument '%s' (try -h)", raw);
        const char *opt = raw + 1 + (raw[1] == '-');
        const char *arg = NULL;
        for (int k = 0; with_arg[k]; k++)
            if (!strcmp(opt, with_arg[k])) {
                if (i >= argc)
                    die("option %s needs an argument", raw);
                arg = argv[i++];
            }
        if (!strcmp(opt, "h") || !strcmp(opt, "help")) {
            usage(stdout);
            exit(0);
        } else if (!strcmp(opt, "M") || !strcmp(opt, "machine")) {
            parse_machine(o, arg);
        } else if (!strcmp(opt, "cpu")) {
            if (!strcmp(arg, "help")) {
                printf("Available CPUs:\n");
                for (int k = 0; cpu_model_list(k); k++)
                    printf("  %s\n", cpu_model_list(k));
                exit(0);
            }
            o->cpu = arg;
        } else if (!strcmp(opt, "m")) {
            o->ram_size = parse_size(arg);
        } else if (!strcmp(opt, "kernel")) {
            o->kernel = arg;
        } else if (!strcmp(opt, "append")) {
            o->append = arg;
        } else if (!strcmp(opt, "semihosting")) {
            o->semihosting = true;
        } else if (!strcmp(opt, "semihosting-config")) {
            parse_semihosting_config(o, arg);
        } else if (!strcmp(opt, "nographic")) {
            o->nographic = true;
        } else if (!strcmp(opt, "no-reboot")) {
            o->no_reboot = true;
        } else if (!strcmp(opt, "initrd")) {
            o->initrd = arg;
        } else if (!strcmp(opt, "dtb")) {
            o->dtb = arg;
        } else if (!strcmp(opt, "serial")) {
            o->serial = arg;
        } else if (!strcmp(opt, "d")) {
            bool help;
            char err[128];
            if (!sys_log_parse(arg, &help, err, sizeof err))
                die("%s", err);
            if (help) {
                sys_log_help(stdout);
                exit(0);
            }
        } else if (!strcmp(opt, "D")) {
            o->log_file = arg;
        } else if (!strcmp(opt, "icount")) {
            parse_icount(o, arg);
        } else if (!strcmp(opt, "rtc")) {
            parse_rtc(o, arg);
        } else if (!strcmp(opt, "drive")) {
            parse_drive(o, arg);
        } else if (!strcmp(opt, "device")) {
            parse_device(o, arg);
        } else if (!strcmp(opt, "global")) {
            /* the transports are always version 2 (QEMU 7.2's virt defaults
             * to the legacy version 1 unless told this) */
            if (strcmp(arg, "virtio-mmio.force-legacy=false") && strcmp(arg, "virtio-mmio.force-legacy=off"))
                die("-global %s: only virtio-mmio.force-legacy=false is implemented", arg);
        } else if (!strcmp(opt, "smp")) {
            parse_smp(o, arg);
        } else if (!strcmp(opt, "S") || !strcmp(opt, "s") || !strcmp(opt, "gdb")) {
            die("option %s: the gdb stub is not implemented yet", raw);
        } else if (arg) {
            die("option %s is not implemented yet", raw);
        } else {
            die("unknown option '%s' (try -h)", raw);
        }
    }
}

/* Virtual time for semihosting: the board's clock (system.h). */
static uint64_t virtual_ns(void *opaque)
{
    SysRun *r = opaque;
    return sys_time_ns(r->time);
}

static void semihost_note(void *opaque, bool unimp, const char *msg)
{
    (void)opaque;
    if (sys_log_on(unimp ? LOG_UNIMP : LOG_GUEST_ERRORS))
        sys_log("%s\n", msg);
}

int main(int argc, char **argv)
{
    Options o = {.machine = "none", .cpu = "max", .ram_size = DEFAULT_RAM, .smp = 1,
                 .time_base = DEFAULT_TIME_BASE, .gic_version = 3};
    parse_options(&o, argc, argv);
    if (!o.kernel)
        die("no -kernel image given (try -h)");
    if (o.log_file && !sys_log_open(o.log_file))
        die("-D %s: %s", o.log_file, strerror(errno));

    if (o.smp > 1 && strcmp(o.machine, "virt"))
        die("-smp %u needs -M virt", o.smp);
    /* the CPUs, attached in order to one exclusives monitor: CPU i is
     * ProcessorID() i, so MPIDR_EL1.Aff0 = i */
    SysCpus cpus = {.n = o.smp};
    GlobalMonitor *monitor = global_monitor_new();
    for (unsigned i = 0; i < o.smp; i++) {
        cpus.cpu[i] = cpu_new(o.cpu);
        if (!cpus.cpu[i])
            die("unknown CPU model '%s' (try -cpu help)", o.cpu);
        monitor_attach(monitor, cpus.cpu[i]);
        cpus.mpidr[i] = sys_cpu_mpidr(cpus.cpu[i], i);
        cpu_set_system_mode(cpus.cpu[i], true);
    }
    cpu_link_peers(cpus.cpu, o.smp);
    SysMachine m;
    char err[512];
    if (!sys_machine_init(&m, sys_machine_find(o.machine), o.ram_size, err, sizeof err))
        die("%s", err);
    SysBoardConfig cfg = {.secure = o.virt_secure, .secure_off = o.virt_secure_off,
                          .virtualization = o.virt_virtualization, .smp = o.smp,
                          .gic_version = o.gic_version, .kernel = o.kernel, .initrd = o.initrd,
                          .append = o.append, .dtb = o.dtb, .serial = o.serial,
                          .nographic = o.nographic, .no_reboot = o.no_reboot,
                          .time_base = o.time_base, .monitor = monitor};
    resolve_devices(&o, &cfg);
    if (cfg.nvirtio && strcmp(o.machine, "virt"))
        die("-drive and -device need -M virt");
    SysTime clock = {.cpus = cpus.cpu, .ncpus = o.smp, .shift = o.icount_shift};
    VirtBoard *virt = NULL;
    if (!strcmp(o.machine, "virt")) {
        virt = virt_new(&m, cpus.cpu, o.smp, &clock, &cfg, err, sizeof err);
        if (!virt)
            die("%s", err);
        for (unsigned i = 0; i < o.smp; i++)
            cpu_set_bus(cpus.cpu[i], m.bus);
    } else if (o.initrd || o.dtb) {
        die("-initrd and -dtb need -M virt");
    }
    cpus.virt = virt;
    SysImage img;
    /* reset at the highest EL of the model at an ELF's entry, or as QEMU
     * enters a Linux Image */
    if (!sys_boot(&m, virt, &cpus, &cfg, &img, err, sizeof err))
        die("%s", err);
    for (unsigned i = 0; i < o.smp; i++) {
        cpu_set_mem(cpus.cpu[i], m.mem);
        cpu_set_semihosting(cpus.cpu[i], o.semihosting);
    }

    SysRun r = {.cpus = &cpus, .machine = &m, .icount_shift = o.icount_shift, .time = &clock,
                .virt = virt, .cfg = &cfg};
    Semihost semi;
    char *cmdline = NULL;
    if (o.semihosting) {
        semihost_init(&semi, m.mem);
        /* as QEMU: arg= items, else the kernel's name and -append */
        if (o.semi_args) {
            cmdline = strdup(o.semi_args);
        } else {
            cmdline = malloc(strlen(o.kernel) + (o.append ? strlen(o.append) : 0) + 2);
            if (cmdline)
                sprintf(cmdline, "%s%s%s", o.kernel, o.append ? " " : "", o.append ? o.append : "");
        }
        if (!cmdline)
            abort();
        semi.cmdline = cmdline;
        uint64_t ram_end = m.ram_base + m.ram_size;
        uint64_t heap = img.highest > m.ram_base && img.highest < ram_end ? img.highest : m.ram_base;
        heap = (heap + 15) & ~15ull;
        semi.stack_base = ram_end;
        semi.stack_limit = ram_end - SEMIHOST_STACK > heap ? ram_end - SEMIHOST_STACK : heap;
        semi.heap_base = heap;
        semi.heap_limit = semi.stack_limit;
        semi.now_ns = virtual_ns;
        semi.opaque = &r;
        semi.time_base = o.time_base;
        semi.note = semihost_note;
        r.semi = &semi;
    }

    int status = sys_run(&r);
    virt_free(virt);
    fflush(stdout);
    sys_log_close();
    for (unsigned i = 0; i < o.smp; i++)
        cpu_free(cpus.cpu[i]);
    global_monitor_free(monitor);
    sys_machine_free(&m);
    free(cmdline);
    free(o.semi_args);
    return status;
}
