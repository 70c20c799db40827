/* csuite: run one kernel of the C benchmark suite.
 * usage: csuite KERNEL [SCALE]    KERNEL = crc32 sort matmul bytecode strings */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csuite.h"

static const struct {
    const char *name;
    uint64_t (*run)(double scale);
} kernels[] = {
    {"crc32", bench_crc32},       {"sort", bench_sort},       {"matmul", bench_matmul},
    {"bytecode", bench_bytecode}, {"strings", bench_strings},
};

int main(int argc, char **argv)
{
    if (argc >= 2) {
        double scale = argc >= 3 ? strtod(argv[2], NULL) : 1.0;
        for (size_t i = 0; i < sizeof kernels / sizeof kernels[0]; i++)
            if (!strcmp(argv[1], kernels[i].name)) {
                printf("%s %016llx\n", kernels[i].name, (unsigned long long)kernels[i].run(scale));
                return 0;
            }
    }
    fprintf(stderr, "usage: csuite KERNEL [SCALE]; KERNEL:");
    for (size_t i = 0; i < sizeof kernels / sizeof kernels[0]; i++)
        fprintf(stderr, " %s", kernels[i].name);
    fputc('\n', stderr);
    return 2;
}
