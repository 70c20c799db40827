/* Matrix multiply in double: C = A x B for N x N matrices, i-k-j order,
 * then a checksum of C rounded to integers. */
#include <math.h>
#include <stdlib.h>

#include "csuite.h"

uint64_t bench_matmul(double scale)
{
    enum { N = 160 };
    double *a = malloc(N * N * sizeof *a), *b = malloc(N * N * sizeof *b);
    double *c = malloc(N * N * sizeof *c);
    uint64_t s = 777;
    for (int i = 0; i < N * N; i++) {
        a[i] = (double)(csuite_rand(&s) % 2001) / 1000.0 - 1.0;
        b[i] = (double)(csuite_rand(&s) % 2001) / 1000.0 - 1.0;
    }
    long reps = csuite_scaled(6, scale);
    uint64_t sum = 0;
    for (long r = 0; r < reps; r++) {
        for (int i = 0; i < N * N; i++)
            c[i] = 0.0;
        for (int i = 0; i < N; i++)
            for (int k = 0; k < N; k++) {
                double aik = a[i * N + k];
                for (int j = 0; j < N; j++)
                    c[i * N + j] += aik * b[k * N + j];
            }
        for (int i = 0; i < N * N; i++)
            sum = sum * 31 + (uint64_t)(int64_t)llround(c[i] * 1000.0);
        a[r % (N * N)] += 0.5;
    }
    free(a);
    free(b);
    free(c);
    return sum;
}
