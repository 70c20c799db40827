/* armature-disas: disassemble raw little-endian A64 words, one line per word
 * in GNU objdump's layout ("ADDR:\tWORD \tTEXT"). Usage:
 *   armature-disas [--base ADDR] FILE     words from a binary file
 *   armature-disas -x [--base ADDR]       hex words from stdin */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu.h"

static void print_word(uint64_t addr, uint32_t w)
{
    char text[256];
    cpu_disassemble(w, addr, text, sizeof text);
    printf("%8" PRIx64 ":\t%08x \t%s\n", addr, w, text);
}

static int usage(void)
{
    fputs("usage: armature-disas [--base ADDR] FILE\n"
          "       armature-disas -x [--base ADDR] < hex-words\n", stderr);
    return 2;
}

int main(int argc, char **argv)
{
    bool hex = false;
    uint64_t base = 0;
    const char *file = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-x") == 0) {
            hex = true;
        } else if (strcmp(argv[i], "--base") == 0 && i + 1 < argc) {
            char *end;
            errno = 0;
            base = strtoull(argv[++i], &end, 0);
            if (errno || *end) {
                fprintf(stderr, "armature-disas: bad address '%s'\n", argv[i]);
                return 2;
            }
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return usage();
        } else if (!file) {
            file = argv[i];
        } else {
            return usage();
        }
    }
    if (hex == (file != NULL))
        return usage();
    uint64_t addr = base;
    if (hex) {
        char tok[64];
        while (scanf("%63s", tok) == 1) {
            char *end;
            errno = 0;
            unsigned long long v = strtoull(tok, &end, 16);
            if (errno || *end || v > 0xffffffffull) {
                fprintf(stderr, "armature-disas: <stdin>: '%s' is not a 32-bit hex word\n", tok);
                return 1;
            }
            print_word(addr, (uint32_t)v);
            addr += 4;
        }
        return 0;
    }
    FILE *f = fopen(file, "rb");
    if (!f) {
        fprintf(stderr, "armature-disas: %s: %s\n", file, strerror(errno));
        return 1;
    }
    unsigned char b[4];
    size_t n;
    while ((n = fread(b, 1, 4, f)) == 4) {
        print_word(addr, (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24);
        addr += 4;
    }
    fclose(f);
    if (n) {
        fprintf(stderr, "armature-disas: %s: %zu trailing bytes ignored (not a whole word)\n", file, n);
        return 1;
    }
    return 0;
}
