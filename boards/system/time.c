/* Deterministic virtual time (system.h, SysTime). */
#include "system/system.h"

uint64_t sys_time_ns(void *time)
{
    SysTime *t = time;
    uint64_t n = 0;
    for (unsigned i = 0; i < t->ncpus; i++)
        n += cpu_icount(t->cpus[i]);
    return (n << t->shift) + t->skipped_ns;
}

uint64_t sys_time_count(void *time) { return sys_time_ns(time) / SYS_NS_PER_TICK; }

uint64_t sys_time_insns_until(const SysTime *t, uint64_t ns)
{
    uint64_t now = sys_time_ns((void *)t);
    if (ns <= now)
        return 1;
    uint64_t n = (ns - now + (1ull << t->shift) - 1) >> t->shift;
    return n ? n : 1;
}
