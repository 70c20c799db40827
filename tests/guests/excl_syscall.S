// A store-exclusive after a system call fails: returning from the exception
// (the syscall) clears the local exclusive monitor, as on Linux.
// Expected: exit status 1 (STXR's status register), no output.
.global _start
_start:
    adr x1, word
    ldxr x2, [x1]
    mov x8, #172        // getpid between LDXR and STXR
    svc #0
    stxr w3, x2, [x1]   // fails: status 1
    mov x0, x3
    mov x8, #93         // exit(status)
    svc #0

.data
.balign 8
word: .quad 5
