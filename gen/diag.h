/* Generator diagnostics: every problem is reported as file:line:col: error: ... */
#ifndef GEN_DIAG_H
#define GEN_DIAG_H

#include <stdio.h>

typedef struct SrcLoc {
    const char *file; /* path as given on the command line (interned, never freed) */
    int line;         /* 1-based */
    int col;          /* 1-based; 0 if unknown */
} SrcLoc;

/* Print "file:line:col: error: msg" to stderr and count it. */
void diag_error(SrcLoc loc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void diag_note(SrcLoc loc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int diag_count(void);

/* Checked allocation: out of memory is a bug-class failure, abort with a message. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t sz);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Growable arrays: T *items; int n, cap; */
#define VEC_PUSH(arr, n, cap, item)                                   \
    do {                                                              \
        if ((n) == (cap)) {                                           \
            (cap) = (cap) ? 2 * (cap) : 8;                            \
            (arr) = xrealloc((arr), (size_t)(cap) * sizeof(*(arr)));  \
        }                                                             \
        (arr)[(n)++] = (item);                                        \
    } while (0)

#endif
