/* Generic timer outputs (generic_timer.h): a timer's output is
 * CTL.ENABLE AND NOT CTL.IMASK AND (count >= CVAL), the virtual timer
 * counting physical count - CNTVOFF_EL2. */
#include "generic_timer.h"

static const char *const ctl_name[GT_NTIMERS] = {"CNTP_CTL_EL0", "CNTV_CTL_EL0", "CNTHP_CTL_EL2",
                                                 "CNTPS_CTL_EL1"};
static const char *const cval_name[GT_NTIMERS] = {"CNTP_CVAL_EL0", "CNTV_CVAL_EL0", "CNTHP_CVAL_EL2",
                                                  "CNTPS_CVAL_EL1"};

void gtimer_init(GenericTimer *t, Cpu *cpu, const IrqLine out[GT_NTIMERS])
{
    t->cpu = cpu;
    for (int i = 0; i < GT_NTIMERS; i++) {
        t->out[i] = out[i];
        t->level[i] = false;
    }
}

/* The timer's compare value as a physical count (UINT64_MAX if disabled
 * or masked). */
static uint64_t physical_deadline(const GenericTimer *t, int i)
{
    uint64_t ctl = 0, cval = 0, off = 0;
    cpu_get_sysreg(t->cpu, ctl_name[i], &ctl);
    if ((ctl & 3) != 1)
        return UINT64_MAX;
    cpu_get_sysreg(t->cpu, cval_name[i], &cval);
    if (i == GT_VIRT) {
        cpu_get_sysreg(t->cpu, "CNTVOFF_EL2", &off);
        uint64_t p = cval + off;
        return p < cval ? UINT64_MAX : p; /* beyond the end of time */
    }
    return cval;
}

void gtimer_update(GenericTimer *t, uint64_t count)
{
    for (int i = 0; i < GT_NTIMERS; i++) {
        bool level = count >= physical_deadline(t, i) && physical_deadline(t, i) != UINT64_MAX;
        if (level != t->level[i]) {
            t->level[i] = level;
            irq_set(&t->out[i], level);
        }
    }
}

uint64_t gtimer_next_deadline(const GenericTimer *t, uint64_t count)
{
    uint64_t next = UINT64_MAX;
    for (int i = 0; i < GT_NTIMERS; i++) {
        uint64_t d = physical_deadline(t, i);
        if (d > count && d < next)
            next = d;
    }
    return next;
}
