/* Sorting: quicksort (median of three, insertion sort below 16 elements) of
 * 64-bit keys, then merge sort of 32-bit keys, each checked for order. */
#include <stdlib.h>
#include <string.h>

#include "csuite.h"

static void insertion(uint64_t *a, long n)
{
    for (long i = 1; i < n; i++) {
        uint64_t v = a[i];
        long j = i;
        for (; j > 0 && a[j - 1] > v; j--)
            a[j] = a[j - 1];
        a[j] = v;
    }
}

static void quick(uint64_t *a, long n)
{
    while (n > 16) {
        uint64_t x = a[0], y = a[n / 2], z = a[n - 1];
        uint64_t pivot = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
        long i = 0, j = n - 1;
        for (;;) {
            while (a[i] < pivot)
                i++;
            while (a[j] > pivot)
                j--;
            if (i >= j)
                break;
            uint64_t t = a[i];
            a[i++] = a[j];
            a[j--] = t;
        }
        /* recurse into the smaller part, loop on the larger */
        if (j + 1 < n - j - 1) {
            quick(a, j + 1);
            a += j + 1;
            n -= j + 1;
        } else {
            quick(a + j + 1, n - j - 1);
            n = j + 1;
        }
    }
    insertion(a, n);
}

static void merge_sort(uint32_t *a, uint32_t *tmp, long n)
{
    for (long width = 1; width < n; width *= 2) {
        for (long lo = 0; lo < n; lo += 2 * width) {
            long mid = lo + width < n ? lo + width : n;
            long hi = lo + 2 * width < n ? lo + 2 * width : n;
            long i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
            while (i < mid)
                tmp[k++] = a[i++];
            while (j < hi)
                tmp[k++] = a[j++];
        }
        memcpy(a, tmp, (size_t)n * sizeof *a);
    }
}

uint64_t bench_sort(double scale)
{
    long n = csuite_scaled(1000000, scale);
    uint64_t *a = malloc((size_t)n * sizeof *a);
    uint32_t *b = malloc((size_t)n * sizeof *b), *tmp = malloc((size_t)n * sizeof *tmp);
    uint64_t s = 12345, sum = 0;
    for (long i = 0; i < n; i++) {
        a[i] = csuite_rand(&s);
        b[i] = (uint32_t)csuite_rand(&s) % 100000; /* many duplicates */
    }
    quick(a, n);
    merge_sort(b, tmp, n);
    for (long i = 0; i < n; i++) {
        if ((i && (a[i - 1] > a[i] || b[i - 1] > b[i])))
            return 0; /* not sorted: a wrong checksum */
        sum = sum * 1000003 + (a[i] >> 40) + b[i];
    }
    free(a);
    free(b);
    free(tmp);
    return sum;
}
