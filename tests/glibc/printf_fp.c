/* glibc, statically linked, on the model: printf's floating-point
 * conversions (%f %e %g %a and exact %.17g, which exercise glibc's
 * multi-precision code and the FP/SIMD instructions it uses), strtod, and
 * the string functions glibc implements with AdvSIMD (strlen, strchr,
 * memchr, memcmp, strcmp, memcpy, memset, strstr) at every alignment. The
 * expected output (printf_fp.expected) is written by hand from C's
 * definitions of the conversions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int string_checks(void)
{
    static char buf[256], copy[256];
    int bad = 0;
    for (int align = 0; align < 16; align++) {
        for (int len = 0; len < 70; len++) {
            char *s = buf + align;
            memset(buf, 'x', sizeof buf);
            for (int i = 0; i < len; i++)
                s[i] = (char)('a' + i % 26);
            s[len] = 0;
            bad += strlen(s) != (size_t)len;
            bad += len > 3 && strchr(s, 'd') != s + 3;
            bad += strchr(s, '#') != NULL;
            bad += len > 0 && memchr(s, s[len - 1], (size_t)len) != s + (len - 1 < 26 ? len - 1 : (len - 1) % 26);
            memcpy(copy + (15 - align), s, (size_t)len + 1);
            bad += strcmp(copy + (15 - align), s) != 0;
            bad += memcmp(copy + (15 - align), s, (size_t)len) != 0;
            if (len > 5) {
                copy[15 - align + len - 1] ^= 1;
                bad += memcmp(copy + (15 - align), s, (size_t)len) == 0;
                bad += strcmp(copy + (15 - align), s) == 0;
            }
            bad += len >= 28 && strstr(s, "xyzab") != s + 23;
        }
    }
    return bad;
}

int main(void)
{
    printf("%f %f %f\n", 0.1, -2.5, 1e10);
    printf("%.17g %.17g\n", 0.1, 1.0 / 3.0);
    printf("%e %E\n", 12345.678, -0.000123);
    printf("%g %g %g\n", 1e-5, 123456789.0, 100000.0);
    printf("%a %a\n", 1.0, -0.75);
    printf("%.3f %.0f %.0f\n", 2.0625, 0.5, 1.5); /* ties to even */
    printf("%f %f\n", 1.0 / 0.0, -(0.0 / 0.0) == 0.0 ? 0.0 : 1.0);
    printf("%.5f\n", strtod("3.14159", NULL) * 2);
    printf("%.20f\n", strtod("0.1", NULL));
    float f = 16777217.0f;   /* rounds to 2^24 in single precision */
    printf("%.1f %.9g\n", f, (double)(1.0f / 3.0f));
    int bad = string_checks();
    printf("string checks failed: %d\n", bad);
    return bad != 0;
}
