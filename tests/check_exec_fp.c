/* Scalar floating-point instructions through the CPU: one or more cases
 * per spec encoding (named by its id), with hand-computed results, FPSR
 * flags and NZCV. FPCR comes in per case. */
#include <check.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cpu.h"

#define CODE 0x10000u

typedef struct FpCase {
    const char *id, *asm_;
    uint32_t insn;
    uint64_t v1, v2, v3, x1; /* inputs: d1/s1/h1, 2, 3 and x1 */
    uint32_t fpcr, nzcv;     /* FPCR and NZCV before */
    char kind;               /* result in 'V' (v0), 'X' (x0) or 'F' (NZCV) */
    uint64_t want;
    uint32_t fpsr;           /* FPSR after (from 0) */
} FpCase;

static const FpCase cases[] = {
    { "FADD_D_floatdp2", "fadd d0, d1, d2", 0x1e622820, 0x3ff0000000000000ull, 0x4000000000000000ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0x4008000000000000ull, 0x0 },
    { "FADD_S_floatdp2", "fadd s0, s1, s2", 0x1e222820, 0x3f800000ull, 0x40000000ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0x40400000ull, 0x0 },
    { "FADD_H_floatdp2", "fadd h0, h1, h2", 0x1ee22820, 0x3c00ull, 0x4000ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0x4200ull, 0x0 },
    { "FSUB_D_floatdp2", "fsub d0, d1, d2", 0x1e623820, 0x4008000000000000ull, 0x3ff0000000000000ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0x4000000000000000ull, 0x0 },
    { "FMUL_S_floatdp2", "fmul s0, s1, s2", 0x1e220820, 0x3fc00000ull, 0x40000000ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0x40400000ull, 0x0 },
    { "FNMUL_D_floatdp2", "fnmul d0, d1, d2", 0x1e628820, 0x3ff8000000000000ull, 0x4000000000000000ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0xc008000000000000ull, 0x0 },
    { "FDIV_D_floatdp2", "fdiv d0, d1, d2", 0x1e621820, 0x3ff0000000000000ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0x7ff0000000000000ull, 0x2 },
    { "FDIV_S_floatdp2", "fdiv s0, s1, s2", 0x1e221820, 0x3f800000ull, 0x40400000ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0x3eaaaaabull, 0x10 },
    { "FMAX_S_floatdp2", "fmax s0, s1, s2", 0x1e224820, 0x3f800000ull, 0x40000000ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0x40000000ull, 0x0 },
    { "FMIN_D_floatdp2", "fmin d0, d1, d2", 0x1e625820, 0x8000000000000000ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0x8000000000000000ull, 0x0 },
    { "FMAXNM_D_floatdp2", "fmaxnm d0, d1, d2", 0x1e626820, 0x7ff8000000000000ull, 0x3ff0000000000000ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0x3ff0000000000000ull, 0x0 },
    { "FMINNM_S_floatdp2", "fminnm s0, s1, s2", 0x1e227820, 0x3f800000ull, 0x40000000ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0x3f800000ull, 0x0 },
    { "FSQRT_D_floatdp1", "fsqrt d0, d1", 0x1e61c020, 0x4010000000000000ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0x4000000000000000ull, 0x0 },
    { "FSQRT_S_floatdp1", "fsqrt s0, s1", 0x1e21c020, 0x40000000ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0x3fb504f3ull, 0x10 },
    { "FABS_D_floatdp1", "fabs d0, d1", 0x1e60c020, 0xbff8000000000000ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0x3ff8000000000000ull, 0x0 },
    { "FNEG_S_floatdp1", "fneg s0, s1", 0x1e214020, 0x3f800000ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0xbf800000ull, 0x0 },
    { "FMOV_D_floatdp1", "fmov d0, d1", 0x1e604020, 0x123456789abcdef0ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0x123456789abcdef0ull, 0x0 },
    { "FMOV_S_floatimm", "fmov s0, #1.0", 0x1e2e1000, 0x0ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0x3f800000ull, 0x0 },
    { "FMOV_D_floatimm", "fmov d0, #-0.125", 0x1e781000, 0x0ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0xbfc0000000000000ull, 0x0 },
    { "FMOV_H_floatimm", "fmov h0, #31.0", 0x1ee7f000, 0x0ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0x4fc0ull, 0x0 },
    { "FRINTN_D_floatdp1", "frintn d0, d1", 0x1e644020, 0x4004000000000000ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0x4000000000000000ull, 0x0 },
    { "FRINTA_D_floatdp1", "frinta d0, d1", 0x1e664020, 0x4004000000000000ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0x4008000000000000ull, 0x0 },
    { "FRINTP_S_floatdp1", "frintp s0, s1", 0x1e24c020, 0x3fc00000ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0x40000000ull, 0x0 },
    { "FRINTM_S_floatdp1", "frintm s0, s1", 0x1e254020, 0xbfc00000ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0xc0000000ull, 0x0 },
    { "FRINTZ_D_floatdp1", "frintz d0, d1", 0x1e65c020, 0xc004000000000000ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0xc000000000000000ull, 0x0 },
    { "FRINTX_D_floatdp1", "frintx d0, d1", 0x1e674020, 0x4004000000000000ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0x4000000000000000ull, 0x10 },
    { "FRINTI_D_floatdp1", "frinti d0, d1", 0x1e67c020, 0x4004000000000000ull, 0x0ull, 0x0ull, 0x0ull, 0x400000, 0x0, 'V', 0x4008000000000000ull, 0x0 },
    { "FRINT32Z_S_floatdp1", "frint32z s0, s1", 0x1e284020, 0x4f000000ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0xcf000000ull, 0x1 },
    { "FRINT32X_D_floatdp1", "frint32x d0, d1", 0x1e68c020, 0x4004000000000000ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0x4000000000000000ull, 0x10 },
    { "FRINT64Z_D_floatdp1", "frint64z d0, d1", 0x1e694020, 0x3ff8000000000000ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0x3ff0000000000000ull, 0x10 },
    { "FRINT64X_S_floatdp1", "frint64x s0, s1", 0x1e29c020, 0x3f000000ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0x0ull, 0x10 },
    { "FCVT_DS_floatdp1", "fcvt d0, s1", 0x1e22c020, 0x3fc00000ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0x3ff8000000000000ull, 0x0 },
    { "FCVT_SD_floatdp1", "fcvt s0, d1", 0x1e624020, 0x3fd5555555555555ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0x3eaaaaabull, 0x10 },
    { "FCVT_HS_floatdp1", "fcvt h0, s1", 0x1e23c020, 0x3fc00000ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0x3e00ull, 0x0 },
    { "FCVT_SH_floatdp1", "fcvt s0, h1", 0x1ee24020, 0x3e00ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0x3fc00000ull, 0x0 },
    { "FCVT_DH_floatdp1", "fcvt d0, h1", 0x1ee2c020, 0x3c00ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0x3ff0000000000000ull, 0x0 },
    { "FCVT_HD_floatdp1", "fcvt h0, d1", 0x1e63c020, 0x40f0000000000000ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0x7c00ull, 0x14 },
    { "FMADD_D_floatdp3", "fmadd d0, d1, d2, d3", 0x1f420c20, 0x3ff8000000000000ull, 0x4000000000000000ull, 0x4008000000000000ull, 0x0ull, 0x0, 0x0, 'V', 0x4018000000000000ull, 0x0 },
    { "FMADD_H_floatdp3", "fmadd h0, h1, h2, h3", 0x1fc20c20, 0x3e00ull, 0x4000ull, 0x4200ull, 0x0ull, 0x0, 0x0, 'V', 0x4600ull, 0x0 },
    { "FMSUB_S_floatdp3", "fmsub s0, s1, s2, s3", 0x1f028c20, 0x3fc00000ull, 0x40000000ull, 0x40400000ull, 0x0ull, 0x0, 0x0, 'V', 0x0ull, 0x0 },
    { "FNMADD_D_floatdp3", "fnmadd d0, d1, d2, d3", 0x1f620c20, 0x3ff8000000000000ull, 0x4000000000000000ull, 0x4008000000000000ull, 0x0ull, 0x0, 0x0, 'V', 0xc018000000000000ull, 0x0 },
    { "FNMSUB_S_floatdp3", "fnmsub s0, s1, s2, s3", 0x1f228c20, 0x3fc00000ull, 0x40000000ull, 0x40400000ull, 0x0ull, 0x0, 0x0, 'V', 0x0ull, 0x0 },
    { "FCMP_D_floatcmp", "fcmp d1, d2", 0x1e622020, 0x3ff0000000000000ull, 0x4000000000000000ull, 0x0ull, 0x0ull, 0x0, 0x0, 'F', 0x80000000ull, 0x0 },
    { "FCMP_SZ_floatcmp", "fcmp s1, #0.0", 0x1e202028, 0x0ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'F', 0x60000000ull, 0x0 },
    { "FCMP_H_floatcmp", "fcmp h1, h2", 0x1ee22020, 0x4000ull, 0x3c00ull, 0x0ull, 0x0ull, 0x0, 0x0, 'F', 0x20000000ull, 0x0 },
    { "FCMPE_D_floatcmp", "fcmpe d1, d2", 0x1e622030, 0x7ff8000000000000ull, 0x3ff0000000000000ull, 0x0ull, 0x0ull, 0x0, 0x0, 'F', 0x30000000ull, 0x1 },
    { "FCMPE_SZ_floatcmp", "fcmpe s1, #0.0", 0x1e202038, 0xbf800000ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'F', 0x80000000ull, 0x0 },
    { "FCCMP_S_floatccmp", "fccmp s1, s2, #0x4, eq", 0x1e220424, 0x3f800000ull, 0x40000000ull, 0x0ull, 0x0ull, 0x0, 0x0, 'F', 0x40000000ull, 0x0 },
    { "FCCMPE_D_floatccmp", "fccmpe d1, d2, #0xf, cs", 0x1e62243f, 0x3ff0000000000000ull, 0x3ff0000000000000ull, 0x0ull, 0x0ull, 0x0, 0x20000000, 'F', 0x60000000ull, 0x0 },
    { "FCSEL_D_floatsel", "fcsel d0, d1, d2, eq", 0x1e620c20, 0x3ff0000000000000ull, 0x4000000000000000ull, 0x0ull, 0x0ull, 0x0, 0x40000000, 'V', 0x3ff0000000000000ull, 0x0 },
    { "FCSEL_S_floatsel", "fcsel s0, s1, s2, eq", 0x1e220c20, 0x3f800000ull, 0x40000000ull, 0x0ull, 0x0ull, 0x0, 0x0, 'V', 0x40000000ull, 0x0 },
    { "FCVTZS_32S_float2int", "fcvtzs w0, s1", 0x1e380020, 0xc0200000ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'X', 0xfffffffeull, 0x10 },
    { "FCVTZS_64D_float2int", "fcvtzs x0, d1", 0x9e780020, 0x43e158e460913d00ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'X', 0x7fffffffffffffffull, 0x1 },
    { "FCVTZU_32H_float2int", "fcvtzu w0, h1", 0x1ef90020, 0x4200ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'X', 0x3ull, 0x0 },
    { "FCVTZU_64D_float2int", "fcvtzu x0, d1", 0x9e790020, 0xbff0000000000000ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'X', 0x0ull, 0x1 },
    { "FCVTNS_64S_float2int", "fcvtns x0, s1", 0x9e200020, 0x40200000ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'X', 0x2ull, 0x10 },
    { "FCVTNU_32D_float2int", "fcvtnu w0, d1", 0x1e610020, 0x400c000000000000ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'X', 0x4ull, 0x10 },
    { "FCVTAS_32D_float2int", "fcvtas w0, d1", 0x1e640020, 0xc004000000000000ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'X', 0xfffffffdull, 0x10 },
    { "FCVTAU_64S_float2int", "fcvtau x0, s1", 0x9e250020, 0x40200000ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'X', 0x3ull, 0x10 },
    { "FCVTPS_32D_float2int", "fcvtps w0, d1", 0x1e680020, 0x3ff8000000000000ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'X', 0x2ull, 0x10 },
    { "FCVTPU_64S_float2int", "fcvtpu x0, s1", 0x9e290020, 0x3fc00000ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'X', 0x2ull, 0x10 },
    { "FCVTMS_64D_float2int", "fcvtms x0, d1", 0x9e700020, 0xbff8000000000000ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'X', 0xfffffffffffffffeull, 0x10 },
    { "FCVTMU_32S_float2int", "fcvtmu w0, s1", 0x1e310020, 0x3fc00000ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'X', 0x1ull, 0x10 },
    { "SCVTF_D64_float2int", "scvtf d0, x1", 0x9e620020, 0x0ull, 0x0ull, 0x0ull, 0xffffffffffffffffull, 0x0, 0x0, 'V', 0xbff0000000000000ull, 0x0 },
    { "UCVTF_S32_float2int", "ucvtf s0, w1", 0x1e230020, 0x0ull, 0x0ull, 0x0ull, 0xffffffffull, 0x0, 0x0, 'V', 0x4f800000ull, 0x10 },
    { "SCVTF_H32_float2int", "scvtf h0, w1", 0x1ee20020, 0x0ull, 0x0ull, 0x0ull, 0x3ull, 0x0, 0x0, 'V', 0x4200ull, 0x0 },
    { "UCVTF_D64_float2int", "ucvtf d0, x1", 0x9e630020, 0x0ull, 0x0ull, 0x0ull, 0xffffffffffffffffull, 0x0, 0x0, 'V', 0x43f0000000000000ull, 0x10 },
    { "FCVTZS_32S_float2fix", "fcvtzs w0, s1, #4", 0x1e18f020, 0x3fe00000ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'X', 0x1cull, 0x0 },
    { "FCVTZU_64D_float2fix", "fcvtzu x0, d1, #64", 0x9e590020, 0x3fe0000000000000ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'X', 0x8000000000000000ull, 0x0 },
    { "SCVTF_D32_float2fix", "scvtf d0, w1, #32", 0x1e428020, 0x0ull, 0x0ull, 0x0ull, 0x80000000ull, 0x0, 0x0, 'V', 0xbfe0000000000000ull, 0x0 },
    { "UCVTF_S64_float2fix", "ucvtf s0, x1, #1", 0x9e03fc20, 0x0ull, 0x0ull, 0x0ull, 0x3ull, 0x0, 0x0, 'V', 0x3fc00000ull, 0x0 },
    { "FJCVTZS_32D_float2int", "fjcvtzs w0, d1", 0x1e7e0020, 0xc004000000000000ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'X', 0xfffffffeull, 0x10 },
    { "FJCVTZS_32D_float2int", "fjcvtzs w0, d1", 0x1e7e0020, 0x4008000000000000ull, 0x0ull, 0x0ull, 0x0ull, 0x0, 0x0, 'F', 0x40000000ull, 0x0 },
};

/* Half-precision data processing needs FEAT_FP16: those cases run on a
 * model that has it ("max" gets only the features that gate pages). */
static const char *model_for(const char *id)
{
    const char *p = strchr(id, '_');
    bool half = p && strncmp(id, "FCVT_", 5) != 0 && (p[1] == 'H' || p[2] == 'H' || p[3] == 'H');
    return half ? "neoverse-n1" : "max";
}

START_TEST(fp_case)
{
    const FpCase *c = &cases[_i];
    GuestMem *mem = guest_mem_new();
    ck_assert(guest_mem_map(mem, CODE, 0x1000, GUEST_PROT_READ | GUEST_PROT_EXEC));
    Cpu *cpu = cpu_new(model_for(c->id));
    cpu_set_mem(cpu, mem);
    ck_assert(guest_mem_copy_in(mem, CODE, &c->insn, 4));
    cpu_set_v(cpu, 0, 0x5555555555555555ull, 0x6666666666666666ull);
    cpu_set_v(cpu, 1, c->v1, 0x7777777777777777ull);
    cpu_set_v(cpu, 2, c->v2, 0);
    cpu_set_v(cpu, 3, c->v3, 0);
    cpu_set_x(cpu, 0, 0xaaaaaaaaaaaaaaaaull);
    cpu_set_x(cpu, 1, c->x1);
    cpu_set_nzcv(cpu, c->nzcv);
    ck_assert(cpu_set_sysreg(cpu, "FPCR", c->fpcr));
    ck_assert(cpu_set_sysreg(cpu, "FPSR", 0));
    cpu_set_pc(cpu, CODE);
    ck_assert_msg(cpu_run(cpu, 1) == CPU_STOP_BUDGET && cpu_get_pc(cpu) == CODE + 4, "%s (%s): did not execute",
                  c->id, c->asm_);
    uint64_t got, lo, hi, fpsr;
    switch (c->kind) {
    case 'V':
        cpu_get_v(cpu, 0, &lo, &hi);
        ck_assert_msg(hi == 0, "%s: upper half of v0 not zeroed", c->id);
        got = lo;
        break;
    case 'X':
        got = cpu_get_x(cpu, 0);
        break;
    default:
        got = cpu_get_nzcv(cpu);
        break;
    }
    ck_assert(cpu_get_sysreg(cpu, "FPSR", &fpsr));
    ck_assert_msg(got == c->want && fpsr == c->fpsr, "%s (%s): got %llx FPSR %llx, want %llx FPSR %x", c->id,
                  c->asm_, (unsigned long long)got, (unsigned long long)fpsr, (unsigned long long)c->want, c->fpsr);
    cpu_free(cpu);
    guest_mem_free(mem);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("exec_fp");
    TCase *tc = tcase_create("scalar");
    tcase_add_loop_test(tc, fp_case, 0, (int)(sizeof cases / sizeof cases[0]));
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
