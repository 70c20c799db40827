/* AT_HWCAP and AT_HWCAP2 for armature-user: Linux's bits for the features of the CPU model. */
#include "linux_user.h"


/* arch/arm64/include/uapi/asm/hwcap.h: which FEAT_ sets which bit. A bit
 * is set only when the model has the feature; the model lists only what
 * the spec implements, so a program that trusts HWCAP gets instructions
 * that run. HWCAP_CPUID is left clear: EL0 reads of the ID registers are
 * not trapped and emulated as Linux does. */
static const struct {
    const char *feat;
    int word; /* 1: AT_HWCAP, 2: AT_HWCAP2 */
    unsigned bit;
} hwcap_map[] = {
    {"FEAT_FP", 1, 0},       {"FEAT_AdvSIMD", 1, 1},  {"FEAT_AES", 1, 3},
    {"FEAT_PMULL", 1, 4},    {"FEAT_SHA1", 1, 5},     {"FEAT_SHA256", 1, 6},
    {"FEAT_CRC32", 1, 7},    {"FEAT_LSE", 1, 8},      {"FEAT_FP16", 1, 9},
    {"FEAT_FP16", 1, 10},    {"FEAT_RDM", 1, 12},     {"FEAT_JSCVT", 1, 13},
    {"FEAT_FCMA", 1, 14},    {"FEAT_LRCPC", 1, 15},   {"FEAT_DPB", 1, 16},
    {"FEAT_SHA3", 1, 17},    {"FEAT_SM3", 1, 18},     {"FEAT_SM4", 1, 19},
    {"FEAT_DotProd", 1, 20}, {"FEAT_SHA512", 1, 21},  {"FEAT_SVE", 1, 22},
    {"FEAT_FHM", 1, 23},     {"FEAT_DIT", 1, 24},     {"FEAT_LSE2", 1, 25},
    {"FEAT_LRCPC2", 1, 26},  {"FEAT_FlagM", 1, 27},   {"FEAT_SSBS", 1, 28},
    {"FEAT_SB", 1, 29},      {"FEAT_PAuth", 1, 30},   {"FEAT_PAuth", 1, 31},
    {"FEAT_DPB2", 2, 0},     {"FEAT_SVE2", 2, 1},     {"FEAT_FlagM2", 2, 7},
    {"FEAT_FRINTTS", 2, 8},  {"FEAT_I8MM", 2, 13},    {"FEAT_BF16", 2, 14},
    {"FEAT_DGH", 2, 15},     {"FEAT_RNG", 2, 16},     {"FEAT_BTI", 2, 17},
    {"FEAT_MTE2", 2, 18},    {"FEAT_ECV", 2, 19},     {"FEAT_AFP", 2, 20},
    {"FEAT_RPRES", 2, 21},   {"FEAT_MTE3", 2, 22},    {"FEAT_SME", 2, 23},
    {"FEAT_WFxT", 2, 31},    {"FEAT_EBF16", 2, 32},   {"FEAT_CSSC", 2, 34},
    {"FEAT_RPRFM", 2, 35},   {"FEAT_SVE2p1", 2, 36},  {"FEAT_SME2", 2, 37},
    {"FEAT_MOPS", 2, 43},    {"FEAT_HBC", 2, 44},
};

void lu_hwcaps(const Cpu *cpu, uint64_t *hwcap, uint64_t *hwcap2)
{
    *hwcap = *hwcap2 = 0;
    for (size_t i = 0; i < sizeof(hwcap_map) / sizeof(hwcap_map[0]); i++) {
        if (!cpu_has_feature(cpu, hwcap_map[i].feat))
            continue;
        if (hwcap_map[i].word == 1)
            *hwcap |= 1ull << hwcap_map[i].bit;
        else
            *hwcap2 |= 1ull << hwcap_map[i].bit;
    }
}
