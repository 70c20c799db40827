/* The C runtime of the generated pseudocode (interp/asl_runtime.h):
 * integer shifts follow ASL's definition, a * 2^s and RoundDown(a / 2^s),
 * for every amount, negative ones included (expected values by hand). */
#include <check.h>
#include <stdlib.h>

#include "asl_runtime.h"

START_TEST(test_integer_shifts)
{
    ck_assert(asl_ishl(3, 4) == 48);
    ck_assert(asl_ishl(-3, 4) == -48);
    ck_assert(asl_ishl(48, -4) == 3);     /* 48 * 2^-4 */
    ck_assert(asl_ishl(-7, -1) == -4);    /* RoundDown(-3.5) */
    ck_assert(asl_ishr(-7, 1) == -4);
    ck_assert(asl_ishr(3, -4) == 48);     /* RoundDown(3 / 2^-4) */
    ck_assert(asl_ishr(-1, 200) == -1);
    ck_assert(asl_ishl(1, 200) == 0);
    ck_assert(asl_ishl((asl_int)1, 100) == (asl_int)1 << 100);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("asl_runtime");
    TCase *tc = tcase_create("integers");
    tcase_add_test(tc, test_integer_shifts);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
