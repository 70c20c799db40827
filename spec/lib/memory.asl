// Memory access. Mem[] is a C primitive: the address goes through the
// board's address space (user mode: the guest page map; later the MMU).

__primitive bits(8*size) Mem[bits(64) address, integer size, AccType acctype];
__primitive Mem[bits(64) address, integer size, AccType acctype] = bits(8*size) value;
