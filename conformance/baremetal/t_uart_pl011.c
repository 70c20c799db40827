/* The virt board's PL011 UART at 0x09000000: the PrimeCell ID registers,
 * reset values, the flag register with no input, sending a line, the TX
 * interrupt status and its clear, IMSC/MIS. Needs -M virt (not -M none). */
#include "bm.h"

#define UART 0x09000000ul
#define REG(off) (*(volatile uint32_t *)(UART + (off)))
enum { DR = 0x00, FR = 0x18, IBRD = 0x24, LCR_H = 0x2c, CR = 0x30, IMSC = 0x38, RIS = 0x3c,
       MIS = 0x40, ICR = 0x44 };
#define FR_RXFE (1u << 4)
#define FR_TXFF (1u << 5)
#define INT_TX (1u << 5)

static void putc_uart(char c)
{
    while (REG(FR) & FR_TXFF)
        ;
    REG(DR) = (uint8_t)c;
}

int main(void)
{
    static const uint8_t id[8] = {0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};
    for (int i = 0; i < 8; i++)
        bm_check_eq("PrimeCell ID register", REG(0xfe0 + 4 * i) & 0xff, id[i]);
    bm_check_eq("RX FIFO empty (no input)", REG(FR) & FR_RXFE, FR_RXFE);
    bm_check_eq("TX FIFO not full", REG(FR) & FR_TXFF, 0);

    REG(IBRD) = 13;
    bm_check_eq("IBRD reads back", REG(IBRD), 13);
    REG(LCR_H) = 0x70; /* 8 bits, FIFOs on */
    bm_check_eq("LCR_H reads back", REG(LCR_H), 0x70);
    REG(CR) = 0x301; /* UARTEN, TXE, RXE */
    bm_check_eq("CR reads back", REG(CR), 0x301);

    REG(ICR) = 0x7ff;
    REG(IMSC) = 0;
    for (const char *s = "uart: hello from the PL011\n"; *s; s++)
        putc_uart(*s);
    while (REG(FR) & (1u << 3)) /* BUSY: wait until sent */
        ;
    bm_check_eq("masked: MIS is 0", REG(MIS), 0);
    REG(IMSC) = INT_TX;
    bm_check_eq("IMSC reads back", REG(IMSC), INT_TX);
    REG(ICR) = INT_TX;
    bm_check_eq("ICR clears TX", REG(RIS) & INT_TX, 0);
    bm_check_eq("nothing was received", REG(FR) & FR_RXFE, FR_RXFE);
    REG(IMSC) = 0;
    return bm_done();
}
