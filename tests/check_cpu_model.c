/* CPU models from spec/cpus: lookup, features, and feature gating of
 * encodings (an instruction whose feature the model lacks is UNDEFINED). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "a64_meta.h"
#include "cpu.h"
#include "cpu_model.h"

START_TEST(test_models_exist)
{
    ck_assert_ptr_nonnull(cpu_model_find("cortex-a57"));
    ck_assert_ptr_nonnull(cpu_model_find("neoverse-n1"));
    ck_assert_ptr_nonnull(cpu_model_find("max"));
    ck_assert_ptr_null(cpu_model_find("cortex-a999"));
    ck_assert_ptr_null(cpu_new("cortex-a999"));
}
END_TEST

START_TEST(test_features)
{
    const CpuModel *a57 = cpu_model_find("cortex-a57"), *n1 = cpu_model_find("neoverse-n1");
    /* Cortex-A57 is Armv8.0 with CRC32; LSE arrived with Armv8.1. */
    ck_assert(cpu_model_has(a57, "FEAT_CRC32"));
    ck_assert(!cpu_model_has(a57, "FEAT_LSE"));
    ck_assert(cpu_model_has(n1, "FEAT_LSE"));
    ck_assert(cpu_model_has(n1, "FEAT_DotProd"));
    ck_assert(!cpu_model_has(n1, "FEAT_SVE"));
    /* max has every feature some implemented encoding needs, and no more:
     * SVE has no pages yet. */
    const CpuModel *max = cpu_model_find("max");
    for (int i = 0; i < a64_n_encodings; i++)
        if (a64_encodings[i].feature[0])
            ck_assert_msg(cpu_model_has(max, a64_encodings[i].feature), "max lacks %s",
                          a64_encodings[i].feature);
    ck_assert(!cpu_model_has(max, "FEAT_SVE"));
}
END_TEST

START_TEST(test_id_registers)
{
    /* MIDR_EL1 values from the cores' Technical Reference Manuals. */
    const CpuModel *a57 = cpu_model_find("cortex-a57");
    bool found = false;
    for (int i = 0; i < a57->nregs; i++)
        if (strcmp(a57->regs[i].name, "MIDR_EL1") == 0) {
            ck_assert_uint_eq(a57->regs[i].value, 0x411fd070);
            found = true;
        }
    ck_assert(found);
}
END_TEST

/* max's ID registers advertise exactly the features it implements: each
 * field below (Arm ARM D19, ID_AA64PFR0_EL1 / ID_AA64ISAR0_EL1 /
 * ID_AA64ISAR1_EL1) is nonzero iff the model has the feature, and fields
 * with several levels give the level the features reach. */
static uint64_t model_reg(const CpuModel *m, const char *name)
{
    for (int i = 0; i < m->nregs; i++)
        if (strcmp(m->regs[i].name, name) == 0)
            return m->regs[i].value;
    ck_abort_msg("%s: no %s", m->name, name);
    return 0;
}

START_TEST(test_max_id_fields)
{
    static const struct {
        const char *reg;
        unsigned lsb;
        const char *feature;   /* present iff the field is nonzero */
        const char *level2;    /* present iff the field is 2 (NULL: no such level) */
    } fields[] = {
        { "ID_AA64ISAR0_EL1", 4, "FEAT_AES", "FEAT_PMULL" },
        { "ID_AA64ISAR0_EL1", 8, "FEAT_SHA1", NULL },
        { "ID_AA64ISAR0_EL1", 12, "FEAT_SHA256", "FEAT_SHA512" },
        { "ID_AA64ISAR0_EL1", 16, "FEAT_CRC32", NULL },
        { "ID_AA64ISAR0_EL1", 20, "FEAT_LSE", NULL },
        { "ID_AA64ISAR0_EL1", 28, "FEAT_RDM", NULL },
        { "ID_AA64ISAR0_EL1", 32, "FEAT_SHA3", NULL },
        { "ID_AA64ISAR0_EL1", 36, "FEAT_SM3", NULL },
        { "ID_AA64ISAR0_EL1", 40, "FEAT_SM4", NULL },
        { "ID_AA64ISAR0_EL1", 44, "FEAT_DotProd", NULL },
        { "ID_AA64ISAR0_EL1", 48, "FEAT_FHM", NULL },
        { "ID_AA64ISAR1_EL1", 12, "FEAT_JSCVT", NULL },
        { "ID_AA64ISAR1_EL1", 16, "FEAT_FCMA", NULL },
        { "ID_AA64ISAR1_EL1", 32, "FEAT_FRINTTS", NULL },
        { "ID_AA64ISAR1_EL1", 44, "FEAT_BF16", NULL },
        { "ID_AA64ISAR1_EL1", 52, "FEAT_I8MM", NULL },
    };
    const CpuModel *max = cpu_model_find("max");
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        unsigned v = (unsigned)(model_reg(max, fields[i].reg) >> fields[i].lsb & 0xf);
        ck_assert_msg((v != 0) == cpu_model_has(max, fields[i].feature), "%s<%u+:4> = %u, %s %s",
                      fields[i].reg, fields[i].lsb, v, fields[i].feature,
                      cpu_model_has(max, fields[i].feature) ? "implemented" : "absent");
        if (fields[i].level2)
            ck_assert_msg((v == 2) == cpu_model_has(max, fields[i].level2), "%s<%u+:4> = %u, %s",
                          fields[i].reg, fields[i].lsb, v, fields[i].level2);
    }
    /* FP and AdvSIMD: 0 = implemented, 1 = with half precision (FEAT_FP16) */
    ck_assert_uint_eq(model_reg(max, "ID_AA64PFR0_EL1") >> 16 & 0xff, cpu_model_has(max, "FEAT_FP16") ? 0x11 : 0);
}
END_TEST

/* Every encoding gated by a feature Cortex-A57 lacks is UNDEFINED there and
 * does not raise UNDEFINED-for-the-feature on max. */
START_TEST(test_gating)
{
    const CpuModel *a57 = cpu_model_find("cortex-a57");
    GuestMem *mem = guest_mem_new();
    ck_assert(guest_mem_map(mem, 0x10000, 0x1000, GUEST_PROT_READ | GUEST_PROT_EXEC));
    int tried = 0;
    for (int i = 0; i < a64_n_encodings; i++) {
        const A64EncodingInfo *e = &a64_encodings[i];
        if (!e->feature[0] || cpu_model_has(a57, e->feature))
            continue;
        uint32_t w = e->match | (e->sb_value & e->sb_mask);
        if (a64_decode_index(w) != i)
            continue;
        ck_assert(guest_mem_copy_in(mem, 0x10000, &w, 4));
        Cpu *cpu = cpu_new("cortex-a57");
        cpu_set_mem(cpu, mem);
        cpu_set_pc(cpu, 0x10000);
        ck_assert_int_eq(cpu_run(cpu, 1), CPU_STOP_EXCEPTION);
        ck_assert_msg(cpu_exception(cpu)->kind == CPU_EXC_UNDEFINED, "%s runs on cortex-a57", e->id);
        cpu_free(cpu);
        tried++;
    }
    guest_mem_free(mem);
    /* Nothing to check until the spec has post-Armv8.0 instructions. */
    (void)tried;
}
END_TEST

int main(void)
{
    Suite *s = suite_create("cpu_model");
    TCase *tc = tcase_create("models");
    tcase_add_test(tc, test_models_exist);
    tcase_add_test(tc, test_features);
    tcase_add_test(tc, test_id_registers);
    tcase_add_test(tc, test_max_id_fields);
    tcase_add_test(tc, test_gating);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
