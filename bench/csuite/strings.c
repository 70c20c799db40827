/* String processing over generated text: split into words, count them in an
 * open-addressing hash table (FNV-1a), search substrings, change case,
 * format and parse numbers with the C library. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csuite.h"

static const char *const syllables[] = {
    "ar", "ma", "tu", "re", "ex", "cep", "tion", "reg", "is", "ter", "tran", "sla",
    "in", "struc", "mem", "o", "ry", "ta", "ble", "lev", "el", "pro", "ces", "sor",
};
#define NSYL (sizeof syllables / sizeof syllables[0])

typedef struct {
    char *word; /* NULL: empty slot */
    long count;
} Slot;

static uint32_t fnv1a(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static uint32_t find(const Slot *table, long tsize, const char *w, size_t len)
{
    uint32_t h = fnv1a(w, len) & (uint32_t)(tsize - 1);
    while (table[h].word && (strncmp(table[h].word, w, len) || table[h].word[len]))
        h = (h + 1) & (uint32_t)(tsize - 1);
    return h;
}

/* doubles the table, keeping it at most half full */
static Slot *grow(Slot *old, long *tsize)
{
    long n = *tsize * 2;
    Slot *t = calloc((size_t)n, sizeof *t);
    for (long i = 0; i < *tsize; i++)
        if (old[i].word)
            t[find(t, n, old[i].word, strlen(old[i].word))] = old[i];
    free(old);
    *tsize = n;
    return t;
}

uint64_t bench_strings(double scale)
{
    /* text: words of 1-4 syllables, lines of up to 70 characters */
    long size = csuite_scaled(2 << 20, scale);
    char *text = malloc((size_t)size + 64);
    uint64_t s = 4242;
    long n = 0, col = 0;
    while (n < size) {
        int k = 1 + (int)(csuite_rand(&s) % 4);
        for (int i = 0; i < k; i++) {
            const char *syl = syllables[csuite_rand(&s) % NSYL];
            size_t len = strlen(syl);
            memcpy(text + n, syl, len);
            n += (long)len;
            col += (long)len;
        }
        text[n++] = col > 70 ? '\n' : ' ';
        if (col > 70)
            col = 0;
    }
    text[n] = 0;

    /* count the words */
    long tsize = 1 << 12;
    Slot *table = calloc((size_t)tsize, sizeof *table);
    long words = 0, distinct = 0;
    for (char *p = text; *p;) {
        size_t len = strcspn(p, " \n");
        if (len) {
            uint32_t h = find(table, tsize, p, len);
            if (!table[h].word) {
                table[h].word = strndup(p, len);
                if (++distinct * 2 > tsize) {
                    table = grow(table, &tsize);
                    h = find(table, tsize, p, len);
                }
            }
            table[h].count++;
            words++;
        }
        p += len;
        p += strspn(p, " \n");
    }
    uint64_t sum = (uint64_t)words * 1000003 + (uint64_t)distinct;
    long best = 0;
    for (long i = 0; i < tsize; i++)
        if (table[i].word && table[i].count > best)
            best = table[i].count;
    sum = sum * 31 + (uint64_t)best;

    /* substring search */
    static const char *const needles[] = {"struction", "armature", "tablelev", "exreg", "oo"};
    for (size_t i = 0; i < sizeof needles / sizeof needles[0]; i++) {
        long hits = 0;
        for (char *p = text; (p = strstr(p, needles[i])) != NULL; p++)
            hits++;
        sum = sum * 31 + (uint64_t)hits;
    }

    /* upper case each line and reverse it, then checksum */
    for (char *line = text; *line;) {
        char *end = strchr(line, '\n');
        if (!end)
            end = line + strlen(line);
        for (char *a = line, *b = end - 1; a < b; a++, b--) {
            char t = *a;
            *a = (char)(*b >= 'a' && *b <= 'z' ? *b - 32 : *b);
            *b = (char)(t >= 'a' && t <= 'z' ? t - 32 : t);
        }
        line = *end ? end + 1 : end;
    }
    sum = sum * 31 + fnv1a(text, (size_t)n);

    /* numbers to text and back */
    char buf[64];
    long rounds = csuite_scaled(200000, scale);
    for (long i = 0; i < rounds; i++) {
        snprintf(buf, sizeof buf, "%ld:%lx", i * 7919, (long)csuite_rand(&s) & 0xffffff);
        char *colon = strchr(buf, ':');
        sum += (uint64_t)strtol(buf, NULL, 10) + (uint64_t)strtol(colon + 1, NULL, 16) + strlen(buf);
    }

    for (long i = 0; i < tsize; i++)
        free(table[i].word);
    free(table);
    free(text);
    return sum;
}
