/* PSCI 1.1 (Arm DEN 0022) answered by the board as firmware, over the
 * machine's CPUs: version, features, CPU_ON/CPU_OFF/AFFINITY_INFO for
 * -smp N, SYSTEM_OFF and SYSTEM_RESET. */
#include "system/system.h"

enum {
    PSCI_VERSION = 0x84000000, PSCI_CPU_SUSPEND = 0x84000001, PSCI_CPU_OFF = 0x84000002,
    PSCI_CPU_ON = 0x84000003, PSCI_AFFINITY_INFO = 0x84000004, PSCI_MIGRATE = 0x84000005,
    PSCI_MIGRATE_INFO_TYPE = 0x84000006, PSCI_MIGRATE_INFO_UP_CPU = 0x84000007,
    PSCI_SYSTEM_OFF = 0x84000008, PSCI_SYSTEM_RESET = 0x84000009, PSCI_FEATURES = 0x8400000a,
    SMC64 = 0x40000000,
};
enum { PSCI_SUCCESS = 0, PSCI_NOT_SUPPORTED = -1, PSCI_INVALID_PARAMETERS = -2, PSCI_DENIED = -3,
       PSCI_ALREADY_ON = -4 };
/* AFFINITY_INFO's answers */
enum { PSCI_AFF_ON = 0, PSCI_AFF_OFF = 1 };

#define MPIDR_AFF_MASK 0xff00ffffffull /* Aff3, Aff2, Aff1, Aff0 */

uint64_t sys_cpu_mpidr(const Cpu *cpu, unsigned index)
{
    uint64_t m = 0;
    cpu_get_sysreg(cpu, "MPIDR_EL1", &m);
    /* IMPDEF (spec/sysregs/MPIDR_EL1.xml): Aff0 is the PE number, as QEMU's virt */
    return m | (index & 0xff);
}

static bool psci_implemented(uint32_t fn)
{
    switch (fn) {
    case PSCI_VERSION: case PSCI_CPU_SUSPEND: case PSCI_CPU_SUSPEND | SMC64: case PSCI_CPU_OFF:
    case PSCI_CPU_ON: case PSCI_CPU_ON | SMC64: case PSCI_AFFINITY_INFO: case PSCI_AFFINITY_INFO | SMC64:
    case PSCI_MIGRATE_INFO_TYPE: case PSCI_SYSTEM_OFF: case PSCI_SYSTEM_RESET: case PSCI_FEATURES:
        return true;
    default:
        return false;
    }
}

/* The CPU whose affinity is `target`, or -1. */
static int psci_find(const SysCpus *s, uint64_t target)
{
    for (unsigned i = 0; i < s->n; i++)
        if ((s->mpidr[i] & MPIDR_AFF_MASK) == (target & MPIDR_AFF_MASK))
            return (int)i;
    return -1;
}

/* CPU_ON: the target leaves reset at the caller's EL, AArch64, MMU and
 * caches off, DAIF masked, at `entry` with x0 = `context` (DEN 0022 6.4). */
static int64_t psci_cpu_on(SysCpus *s, unsigned caller, uint64_t target, uint64_t entry, uint64_t context)
{
    int t = psci_find(s, target);
    if (t < 0)
        return PSCI_INVALID_PARAMETERS;
    if (s->on[t])
        return PSCI_ALREADY_ON;
    Cpu *c = s->cpu[t];
    unsigned el = cpu_get_el(s->cpu[caller]);
    cpu_reset(c);
    if (s->virt)
        virt_cpu_reset_done(s->virt, c);
    sys_firmware_state(c);
    if (el < 3 && !cpu_set_el(c, el))
        return PSCI_INVALID_PARAMETERS;
    for (int i = 0; i < 31; i++)
        cpu_set_x(c, i, 0);
    cpu_set_x(c, 0, context);
    cpu_set_pc(c, entry);
    s->on[t] = true;
    if (sys_log_on(LOG_INT))
        sys_log("psci: CPU %d on at 0x%llx (EL%u), context 0x%llx\n", t, (unsigned long long)entry, el,
                (unsigned long long)context);
    return PSCI_SUCCESS;
}

bool sys_psci_call(SysCpus *s, unsigned caller, bool *restart, int *status, bool no_reboot)
{
    Cpu *cpu = s->cpu[caller];
    uint32_t fn = (uint32_t)cpu_get_x(cpu, 0);
    uint64_t a1 = cpu_get_x(cpu, 1), a2 = cpu_get_x(cpu, 2), a3 = cpu_get_x(cpu, 3);
    if (!(fn & SMC64)) {
        a1 &= 0xffffffff;
        a2 &= 0xffffffff;
        a3 &= 0xffffffff;
    }
    int64_t ret;
    *restart = false;
    switch (fn) {
    case PSCI_VERSION: ret = 0x10001; break; /* 1.1 */
    case PSCI_CPU_SUSPEND:
    case PSCI_CPU_SUSPEND | SMC64:
        ret = PSCI_SUCCESS; /* a standby state: returns at once (a WFI's worth) */
        break;
    case PSCI_CPU_OFF: {
        s->on[caller] = false;
        bool any = false;
        for (unsigned i = 0; i < s->n; i++)
            any |= s->on[i];
        if (sys_log_on(LOG_INT))
            sys_log("psci: CPU %u off\n", caller);
        if (any)
            return true; /* the caller does not run again until CPU_ON */
        /* the last CPU going off: the machine stops */
        fflush(stdout);
        fprintf(stderr, "armature: PSCI CPU_OFF on the last running CPU: stopping\n");
        *status = 0;
        return false;
    }
    case PSCI_CPU_ON:
    case PSCI_CPU_ON | SMC64:
        ret = psci_cpu_on(s, caller, a1, a2, a3);
        break;
    case PSCI_AFFINITY_INFO:
    case PSCI_AFFINITY_INFO | SMC64: {
        int t = psci_find(s, a1);
        /* only affinity level 0 (a single PE) is described */
        ret = t < 0 || a2 != 0 ? PSCI_INVALID_PARAMETERS : s->on[t] ? PSCI_AFF_ON : PSCI_AFF_OFF;
        break;
    }
    case PSCI_MIGRATE_INFO_TYPE: ret = 2; break; /* no Trusted OS to migrate */
    case PSCI_SYSTEM_OFF:
        *status = 0;
        return false;
    case PSCI_SYSTEM_RESET:
        *status = 0;
        *restart = !no_reboot;
        return false;
    case PSCI_FEATURES: ret = psci_implemented((uint32_t)a1) ? 0 : PSCI_NOT_SUPPORTED; break;
    default:
        if (sys_log_on(LOG_UNIMP))
            sys_log("psci: function 0x%x is not implemented (NOT_SUPPORTED)\n", fn);
        ret = PSCI_NOT_SUPPORTED;
        break;
    }
    cpu_set_x(cpu, 0, (uint64_t)ret);
    return true;
}
