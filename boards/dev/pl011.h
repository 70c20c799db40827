/* Arm PrimeCell UART (PL011, DDI 0183): the registers Linux, U-Boot and
 * EDK2 use, a 16-byte receive FIFO (1 byte with LCR_H.FEN clear), a
 * transmitter that sends each byte at once, the RX/RT/TX interrupts with
 * their mask, and the PrimeCell ID registers. Line settings (IBRD, FBRD,
 * LCR_H) are stored and have no effect. */
#ifndef ARMATURE_PL011_H
#define ARMATURE_PL011_H

#include "device.h"

#define PL011_SIZE 0x1000
#define PL011_FIFO 16

typedef struct Pl011 {
    /* wiring */
    IrqLine irq;
    void (*tx)(void *opaque, uint8_t byte); /* where sent bytes go */
    void *tx_opaque;
    /* registers */
    uint32_t ibrd, fbrd, lcr_h, cr, ifls, imsc, ris, dmacr, ilpr, rsr;
    uint8_t rx[PL011_FIFO];
    unsigned rx_head, rx_count;
} Pl011;

void pl011_init(Pl011 *u, IrqLine irq, void (*tx)(void *opaque, uint8_t byte), void *tx_opaque);
/* Receive a byte from the outside; false when the FIFO is full (try later). */
bool pl011_receive(Pl011 *u, uint8_t byte);
bool pl011_can_receive(const Pl011 *u);

extern const DeviceOps pl011_ops; /* opaque: Pl011 */

#endif
