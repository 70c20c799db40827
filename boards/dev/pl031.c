/* PL031 RTC (pl031.h). */
#include "pl031.h"

#define NAME "pl031"

enum { RTCDR = 0x00, RTCMR = 0x04, RTCLR = 0x08, RTCCR = 0x0c, RTCIMSC = 0x10, RTCRIS = 0x14,
       RTCMIS = 0x18, RTCICR = 0x1c };

static const uint8_t pl031_id[8] = {0x31, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

static uint32_t counter(const Pl031 *r)
{
    return (uint32_t)(r->base + r->offset + (int64_t)(r->now_ns(r->clock_opaque) / 1000000000u));
}

static void update(Pl031 *r) { irq_set(&r->irq, (r->ris & r->imsc & 1) != 0); }

void pl031_tick(Pl031 *r)
{
    uint32_t now = counter(r);
    /* the match fires once when the counter passes MR */
    if (now != r->last && (uint32_t)(r->mr - r->last - 1) < (uint32_t)(now - r->last)) {
        r->ris |= 1;
        update(r);
    }
    r->last = now;
}

uint64_t pl031_next_match_ns(const Pl031 *r)
{
    if (!(r->imsc & 1))
        return UINT64_MAX;
    uint32_t now = counter(r);
    uint32_t ahead = r->mr - now;
    if (ahead == 0)
        return UINT64_MAX;
    uint64_t ns = r->now_ns(r->clock_opaque);
    return (ns / 1000000000u + ahead) * 1000000000u;
}

static void reset(void *opaque)
{
    Pl031 *r = opaque;
    r->offset = 0;
    r->mr = r->imsc = r->ris = 0;
    r->last = counter(r);
    update(r);
}

void pl031_init(Pl031 *r, IrqLine irq, uint64_t (*now_ns)(void *opaque), void *opaque, int64_t base)
{
    r->irq = irq;
    r->now_ns = now_ns;
    r->clock_opaque = opaque;
    r->base = base;
    reset(r);
}

static uint64_t pl031_read(void *opaque, uint64_t off, unsigned size)
{
    Pl031 *r = opaque;
    (void)size;
    if (off >= 0xfe0 && off < 0x1000 && !(off & 3))
        return pl031_id[(off - 0xfe0) / 4];
    switch (off) {
    case RTCDR: return counter(r);
    case RTCMR: return r->mr;
    case RTCLR: return counter(r);
    case RTCCR: return 1; /* always started */
    case RTCIMSC: return r->imsc;
    case RTCRIS: return r->ris;
    case RTCMIS: return r->ris & r->imsc;
    default: break;
    }
    dev_guest_error(NAME, "read of %s register at 0x%llx", off == RTCICR ? "write-only" : "unknown",
                    (unsigned long long)off);
    return 0;
}

static void pl031_write(void *opaque, uint64_t off, unsigned size, uint64_t value)
{
    Pl031 *r = opaque;
    uint32_t v = (uint32_t)value;
    (void)size;
    switch (off) {
    case RTCMR: r->mr = v; pl031_tick(r); break;
    case RTCLR:
        r->offset += (int64_t)v - (int64_t)counter(r);
        r->last = counter(r);
        break;
    case RTCCR: break; /* the counter cannot be stopped */
    case RTCIMSC: r->imsc = v & 1; break;
    case RTCICR: r->ris &= ~(v & 1); break;
    default:
        dev_guest_error(NAME, "write of 0x%x to read-only or unknown register at 0x%llx", v,
                        (unsigned long long)off);
        return;
    }
    update(r);
}

const DeviceOps pl031_ops = {
    .name = NAME,
    .read = pl031_read,
    .write = pl031_write,
    .reset = reset,
};
