/* armature-user: run an AArch64 Linux program, with qemu-aarch64's command line. */
#include "linux_user.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

typedef struct Options {
    const char *cpu;
    const char *sysroot; /* -L or QEMU_LD_PREFIX */
    const char *argv0;   /* -0: the guest's argv[0] when not the program path */
    bool strace, stats, unimp, seeded;
    uint64_t seed;
} Options;

static void usage(FILE *f)
{
    fputs("usage: armature-user [options] PROGRAM [ARGS...]\n"
          "Run an AArch64 Linux executable (static or dynamic, PIE or not).\n"
          "\n"
          "  -cpu NAME    CPU model (default: max)\n"
          "  -L DIR       sysroot: the interpreter and absolute paths are looked up\n"
          "               there first (default: $QEMU_LD_PREFIX)\n"
          "  -0 ARGV0     the program's argv[0] (default: PROGRAM)\n"
          "  -strace      print each system call and its result on stderr\n"
          "  -d unimp     report every unsupported system call, not only the first\n"
          "  -seed N      make AT_RANDOM and getrandom() reproducible\n"
          "  -stats       print instruction count, time and MIPS on exit\n"
          "  -h, -help    show this help\n",
          f);
}

static _Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static _Noreturn void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("armature-user: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static void parse_debug(Options *o, const char *items)
{
    char *copy = strdup(items);
    if (!copy)
        abort();
    for (char *save, *it = strtok_r(copy, ",", &save); it; it = strtok_r(NULL, ",", &save)) {
        if (strcmp(it, "unimp") == 0) {
            o->unimp = true;
        } else if (strcmp(it, "help") == 0) {
            puts("Log items (comma separated):\nunimp    report every unsupported system call");
            exit(0);
        } else {
            fprintf(stderr, "armature-user: unknown -d item '%s' (try -d help)\n", it);
            free(copy);
            exit(1);
        }
    }
    free(copy);
}

/* Options stop at the first non-option, so the guest's own options pass
 * through untouched; "-opt" and "--opt" mean the same, as in qemu. */
static int parse_options(Options *o, int argc, char **argv)
{
    int i = 1;
    while (i < argc && argv[i][0] == '-' && argv[i][1]) {
        const char *opt = argv[i++] + 1;
        if (strcmp(opt, "-") == 0)
            break;
        if (opt[0] == '-')
            opt++;
        bool takes_arg = !strcmp(opt, "cpu") || !strcmp(opt, "d") || !strcmp(opt, "seed") ||
                         !strcmp(opt, "L") || !strcmp(opt, "0");
        if (takes_arg && i >= argc)
            die("option -%s needs an argument", opt);
        if (!strcmp(opt, "h") || !strcmp(opt, "help")) {
            usage(stdout);
            exit(0);
        } else if (!strcmp(opt, "cpu")) {
            o->cpu = argv[i++];
            if (!strcmp(o->cpu, "help")) {
                /* as qemu-aarch64 -cpu help */
                printf("Available CPUs:\n");
                for (int k = 0; cpu_model_list(k); k++)
                    printf("  %s\n", cpu_model_list(k));
                exit(0);
            }
        } else if (!strcmp(opt, "L")) {
            o->sysroot = argv[i++];
        } else if (!strcmp(opt, "0")) {
            o->argv0 = argv[i++];
        } else if (!strcmp(opt, "strace")) {
            o->strace = true;
        } else if (!strcmp(opt, "stats")) {
            o->stats = true;
        } else if (!strcmp(opt, "d")) {
            parse_debug(o, argv[i++]);
        } else if (!strcmp(opt, "seed")) {
            char *endp;
            errno = 0;
            o->seed = strtoull(argv[i], &endp, 0);
            if (errno || !*argv[i] || *endp)
                die("bad -seed value '%s' (expected a number)", argv[i]);
            o->seeded = true;
            i++;
        } else {
            die("unknown option '%s' (try -h)", argv[i - 1]);
        }
    }
    if (i >= argc)
        die("no program given (try -h)");
    return i;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    Options o = {.cpu = "max", .sysroot = getenv("QEMU_LD_PREFIX")};
    int first = parse_options(&o, argc, argv);
    const char *prog = argv[first];
    if (o.sysroot && !*o.sysroot)
        o.sysroot = NULL;

    Cpu *cpu = cpu_new(o.cpu);
    if (!cpu)
        die("unknown CPU model '%s' (try -cpu help)", o.cpu);
    GuestMem *mem = guest_mem_new();
    LuImage img;
    char err[LU_ERR_LEN];
    if (!lu_load_program(mem, prog, o.sysroot, &img, err, sizeof(err)))
        die("%s", err);

    LuProcess proc;
    lu_process_init(&proc, mem, &img);
    proc.sysroot = o.sysroot;
    proc.cpu_name = o.cpu;
    /* /proc/self/exe shows the program's absolute path, as Linux would. */
    char *abs = realpath(prog, NULL);
    proc.exe_host = abs ? abs : prog;
    proc.exe_path = proc.exe_host;
    if (abs && o.sysroot) {
        char *root = realpath(o.sysroot, NULL);
        size_t n = root ? strlen(root) : 0;
        if (root && n > 1 && strncmp(abs, root, n) == 0 && abs[n] == '/')
            proc.exe_path = abs + n;
        free(root);
    }
    proc.strace = o.strace;
    proc.unimp_every = o.unimp;
    proc.seeded = o.seeded;
    proc.rng = o.seed;

    if (o.argv0)
        argv[first] = (char *)o.argv0;
    LuStackArgs sa = {
        .argc = argc - first,
        .argv = argv + first,
        .envp = environ,
        .execfn = prog,
        .uid = getuid(),
        .euid = geteuid(),
        .gid = getgid(),
        .egid = getegid(),
    };
    lu_hwcaps(cpu, &sa.hwcap, &sa.hwcap2);
    lu_random_fill(&proc, sa.random, sizeof(sa.random));
    uint64_t sp;
    if (!lu_stack_setup(mem, &img, &sa, &sp, err, sizeof(err))) {
        fprintf(stderr, "armature-user: %s: %s\n", prog, err);
        return 1;
    }

    cpu_reset(cpu);
    cpu_set_mem(cpu, mem);
    cpu_set_pc(cpu, img.interp_base ? img.interp_entry : img.entry);
    cpu_set_sp(cpu, sp);

    double t0 = now();
    LuEnd end;
    lu_run(&proc, cpu, &end);
    if (o.stats) {
        double t = now() - t0;
        uint64_t n = lu_icount(&proc);
        fprintf(stderr, "armature-user: %llu instructions, %.3f s, %.1f MIPS\n",
                (unsigned long long)n, t, t > 0 ? (double)n / t / 1e6 : 0.0);
    }
    if (end.signal)
        lu_die_by_signal(&end);
    cpu_free(cpu);
    guest_mem_free(mem);
    return end.status;
}
