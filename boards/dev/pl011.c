/* PL011 UART (pl011.h). */
#include "pl011.h"

#define NAME "pl011"

enum {
    UARTDR = 0x000, UARTRSR = 0x004, UARTFR = 0x018, UARTILPR = 0x020, UARTIBRD = 0x024,
    UARTFBRD = 0x028, UARTLCR_H = 0x02c, UARTCR = 0x030, UARTIFLS = 0x034, UARTIMSC = 0x038,
    UARTRIS = 0x03c, UARTMIS = 0x040, UARTICR = 0x044, UARTDMACR = 0x048,
};

/* interrupt bits (RIS, MIS, IMSC, ICR) */
enum { INT_RX = 1u << 4, INT_TX = 1u << 5, INT_RT = 1u << 6, INT_ALL = 0x7ff };
/* FR */
enum { FR_BUSY = 1u << 3, FR_RXFE = 1u << 4, FR_TXFF = 1u << 5, FR_RXFF = 1u << 6, FR_TXFE = 1u << 7 };
#define LCR_FEN (1u << 4)

/* PeriphID0..3 then PCellID0..3, at 0xfe0..0xffc: part 0x011, designer
 * Arm (0x41), revision 1. */
static const uint8_t pl011_id[8] = {0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

static void update(Pl011 *u) { irq_set(&u->irq, (u->ris & u->imsc) != 0); }

static unsigned fifo_depth(const Pl011 *u) { return u->lcr_h & LCR_FEN ? PL011_FIFO : 1; }

/* The RX interrupt fires when the FIFO holds at least the IFLS level
 * (1/8 .. 7/8 of 16); without the FIFO, on every byte. */
static unsigned rx_trigger(const Pl011 *u)
{
    static const unsigned level[8] = {2, 4, 8, 12, 14, 14, 14, 14};
    return u->lcr_h & LCR_FEN ? level[u->ifls >> 3 & 7] : 1;
}

static void reset(void *opaque)
{
    Pl011 *u = opaque;
    u->ibrd = u->fbrd = u->lcr_h = u->imsc = u->ris = u->dmacr = u->ilpr = u->rsr = 0;
    u->cr = 0x300; /* TXE, RXE */
    u->ifls = 0x12;
    u->rx_head = u->rx_count = 0;
    update(u);
}

void pl011_init(Pl011 *u, IrqLine irq, void (*tx)(void *opaque, uint8_t byte), void *tx_opaque)
{
    u->irq = irq;
    u->tx = tx;
    u->tx_opaque = tx_opaque;
    reset(u);
}

bool pl011_can_receive(const Pl011 *u) { return u->rx_count < fifo_depth(u); }

bool pl011_receive(Pl011 *u, uint8_t byte)
{
    if (!pl011_can_receive(u))
        return false;
    u->rx[(u->rx_head + u->rx_count) % PL011_FIFO] = byte;
    u->rx_count++;
    u->ris |= INT_RT;
    if (u->rx_count >= rx_trigger(u))
        u->ris |= INT_RX;
    update(u);
    return true;
}

static uint64_t pl011_read(void *opaque, uint64_t off, unsigned size)
{
    Pl011 *u = opaque;
    (void)size;
    if (off >= 0xfe0 && off < 0x1000 && !(off & 3))
        return pl011_id[(off - 0xfe0) / 4];
    switch (off) {
    case UARTDR: {
        if (u->rx_count == 0)
            return 0;
        uint8_t c = u->rx[u->rx_head];
        u->rx_head = (u->rx_head + 1) % PL011_FIFO;
        u->rx_count--;
        if (u->rx_count < rx_trigger(u))
            u->ris &= ~INT_RX;
        if (u->rx_count == 0)
            u->ris &= ~INT_RT;
        update(u);
        return c;
    }
    case UARTRSR: return u->rsr;
    case UARTFR: {
        uint32_t fr = FR_TXFE;
        if (u->rx_count == 0)
            fr |= FR_RXFE;
        if (u->rx_count >= fifo_depth(u))
            fr |= FR_RXFF;
        return fr;
    }
    case UARTILPR: return u->ilpr;
    case UARTIBRD: return u->ibrd;
    case UARTFBRD: return u->fbrd;
    case UARTLCR_H: return u->lcr_h;
    case UARTCR: return u->cr;
    case UARTIFLS: return u->ifls;
    case UARTIMSC: return u->imsc;
    case UARTRIS: return u->ris;
    case UARTMIS: return u->ris & u->imsc;
    case UARTDMACR: return u->dmacr;
    default: break;
    }
    dev_guest_error(NAME, "read of %s register at 0x%llx", off == UARTICR ? "write-only" : "unknown",
                    (unsigned long long)off);
    return 0;
}

static void pl011_write(void *opaque, uint64_t off, unsigned size, uint64_t value)
{
    Pl011 *u = opaque;
    uint32_t v = (uint32_t)value;
    (void)size;
    switch (off) {
    case UARTDR:
        /* sent at once: the transmit FIFO is empty again, which raises TX */
        if (u->tx)
            u->tx(u->tx_opaque, (uint8_t)v);
        u->ris |= INT_TX;
        break;
    case UARTRSR: u->rsr = 0; break; /* UARTECR: clears the errors */
    case UARTILPR: u->ilpr = v & 0xff; break;
    case UARTIBRD: u->ibrd = v & 0xffff; break;
    case UARTFBRD: u->fbrd = v & 0x3f; break;
    case UARTLCR_H:
        if ((v ^ u->lcr_h) & LCR_FEN) { /* switching the FIFOs flushes them */
            u->rx_head = u->rx_count = 0;
            u->ris &= ~(INT_RX | INT_RT);
        }
        u->lcr_h = v & 0xff;
        break;
    case UARTCR: u->cr = v & 0xff87; break;
    case UARTIFLS: u->ifls = v & 0x3f; break;
    case UARTIMSC: u->imsc = v & INT_ALL; break;
    case UARTICR: u->ris &= ~v; break;
    case UARTDMACR:
        u->dmacr = v & 7;
        if (v & 3)
            dev_unimp(NAME, "DMA is not implemented (DMACR = 0x%x)", v);
        break;
    default:
        dev_guest_error(NAME, "write of 0x%x to read-only or unknown register at 0x%llx", v,
                        (unsigned long long)off);
        return;
    }
    update(u);
}

const DeviceOps pl011_ops = {
    .name = NAME,
    .read = pl011_read,
    .write = pl011_write,
    .reset = reset,
};
