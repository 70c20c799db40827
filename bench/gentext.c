/* gentext: deterministic English-like text for the benchmarks (bench/run.sh).
 * usage: gentext BYTES [SEED] > FILE
 * Words are drawn from a fixed vocabulary with a skewed (roughly Zipf)
 * distribution by a 64-bit xorshift generator, so gzip sees text about as
 * compressible as prose; the same BYTES and SEED give the same file. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const vocab[] = {
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was",
    "with", "be", "by", "on", "not", "he", "this", "are", "or", "his", "from",
    "at", "which", "but", "have", "an", "had", "they", "you", "were", "their",
    "one", "all", "we", "can", "her", "has", "there", "been", "if", "more",
    "when", "will", "would", "who", "so", "no", "register", "exception",
    "instruction", "memory", "translation", "table", "level", "processor",
    "architecture", "implementation", "defined", "behaviour", "execution",
    "state", "value", "field", "bits", "address", "access", "permission",
    "cache", "maintenance", "barrier", "system", "control", "feature", "vector",
    "floating", "point", "rounding", "mode", "signed", "unsigned", "integer",
    "saturating", "element", "pseudocode", "encoding", "operand", "result",
    "condition", "flags", "carry", "overflow", "zero", "negative", "branch",
    "target", "return", "stack", "pointer", "load", "store", "exclusive",
    "acquire", "release", "ordering", "observer", "shareability", "domain",
    "physical", "virtual", "stage", "walk", "descriptor", "page", "block",
    "granule", "context", "identifier", "hypervisor", "secure", "realm",
    "monitor", "interrupt", "timer", "counter", "debug", "watchpoint",
    "breakpoint", "trace", "profiling", "statistical", "extension", "optional",
    "mandatory", "reserved", "unpredictable", "constrained", "however", "because",
    "therefore", "although", "between", "through", "without", "within", "under",
    "after", "before", "during", "against", "among", "river", "mountain",
    "village", "morning", "evening", "winter", "summer", "garden", "window",
    "letter", "journey", "history", "question", "answer", "people", "children",
};
#define NWORDS (sizeof vocab / sizeof vocab[0])

static uint64_t rng;
static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* Skewed choice: the minimum of two uniform draws favours low indices. */
static const char *word(void)
{
    uint64_t r = next();
    uint32_t a = (uint32_t)r % NWORDS, b = (uint32_t)(r >> 32) % NWORDS;
    return vocab[a < b ? a : b];
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: gentext BYTES [SEED]\n");
        return 2;
    }
    long long want = strtoll(argv[1], NULL, 0);
    rng = argc == 3 ? strtoull(argv[2], NULL, 0) : 0x41524d41545552ULL; /* "ARMATUR" */
    if (rng == 0)
        rng = 1;
    static char buf[1 << 16];
    size_t n = 0;
    long long total = 0;
    int col = 0, sentence = 1, lines = 0;
    while (total < want) {
        const char *w = word();
        size_t len = strlen(w);
        if (col + len + 2 > 72) {
            buf[n++] = '\n';
            col = 0;
            if (++lines % 9 == 0 && next() % 2)
                buf[n++] = '\n'; /* paragraph */
        } else if (col) {
            buf[n++] = ' ';
            col++;
        }
        memcpy(buf + n, w, len);
        if (sentence && w[0] >= 'a' && w[0] <= 'z')
            buf[n] = (char)(w[0] - 'a' + 'A');
        n += len;
        col += (int)len;
        sentence = 0;
        uint64_t p = next() % 16;
        if (p == 0) {
            buf[n++] = '.';
            col++;
            sentence = 1;
        } else if (p == 1) {
            buf[n++] = ',';
            col++;
        } else if (p == 2) {
            /* a number now and then, as in technical text */
            n += (size_t)sprintf(buf + n, " %u", (unsigned)(next() % 100000));
            col += 6;
        }
        if (n > sizeof buf - 256) {
            size_t out = n;
            if (total + (long long)out > want)
                out = (size_t)(want - total);
            fwrite(buf, 1, out, stdout);
            total += (long long)out;
            n = 0;
        }
    }
    if (n && total < want) {
        size_t out = n;
        if (total + (long long)out > want)
            out = (size_t)(want - total);
        fwrite(buf, 1, out, stdout);
    }
    return ferror(stdout) ? 1 : 0;
}
