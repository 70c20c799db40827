// Self-modifying code: a JIT-style buffer (mmap RWX) is written with a
// function, run, rewritten and run again, with and without the cache
// maintenance the architecture requires (DC CVAU, DSB, IC IVAU, DSB, ISB).
// After maintenance the new code must run (B2.4.4); Armature and QEMU also
// see code written without it. Expected output: "1 2 3 4\n", exit 0.
.global _start
_start:
    // buf = mmap(NULL, 4096, PROT_READ|WRITE|EXEC, MAP_PRIVATE|ANONYMOUS, -1, 0)
    mov x0, #0
    mov x1, #4096
    mov x2, #7
    mov x3, #0x22
    mov x4, #-1
    mov x5, #0
    mov x8, #222
    svc #0
    mov x19, x0                 // the code buffer
    adr x20, out                // output characters

    mov w1, #1
    bl emit_and_call            // "1": first code
    mov w1, #2
    bl emit_and_call            // "2": rewritten, with maintenance
    mov w1, #3
    bl emit_and_call            // "3"
    // rewrite without maintenance (QEMU and Armature both see the new code)
    movz w2, #0x5280, lsl #16   // MOVZ W0, #4: 0x52800080
    movk w2, #0x0080
    str w2, [x19]
    blr x19
    add w0, w0, #'0'
    strb w0, [x20, #6]

    // write(1, out, 8); exit(0)
    mov x0, #1
    mov x1, x20
    mov x2, #8
    mov x8, #64
    svc #0
    mov x0, #0
    mov x8, #93
    svc #0

// emit_and_call: buf[0] = MOVZ W0, #w1; buf[1] = RET; maintenance; call;
// store the digit at out[2*(w1-1)].
emit_and_call:
    stp x29, x30, [sp, #-16]!
    mov w2, #0x0000
    movk w2, #0x5280, lsl #16   // MOVZ W0, #0 = 0x52800000
    orr w2, w2, w1, lsl #5      // imm16 field at bit 5
    str w2, [x19]
    movz w3, #0x03c0
    movk w3, #0xd65f, lsl #16   // RET = 0xd65f03c0
    str w3, [x19, #4]
    dc cvau, x19
    dsb ish
    ic ivau, x19
    dsb ish
    isb
    blr x19
    add w0, w0, #'0'
    sub w4, w1, #1
    lsl w4, w4, #1
    strb w0, [x20, x4]
    ldp x29, x30, [sp], #16
    ret

.data
out: .ascii "? ? ? ?\n"
