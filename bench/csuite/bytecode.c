/* A small bytecode interpreter: a stack machine with locals, jumps and
 * calls, dispatched by a switch, running a sieve of Eratosthenes and a
 * recursive Fibonacci written in its bytecode. */
#include <stdlib.h>
#include <string.h>

#include "csuite.h"

enum Op {
    PUSH, LOAD, STORE, ADD, SUB, MUL, LT, JMP, JZ, ALOAD, ASTORE, CALL, RET, ARG, DROP, HALT,
};

typedef struct {
    int64_t stack[4096];
    int64_t frames[1024]; /* (return pc, arg) pairs */
    int64_t locals[16];
    int64_t *mem;
} Vm;

static int64_t run(Vm *vm, const int32_t *code, int pc)
{
    int64_t *sp = vm->stack, *fp = vm->frames;
    for (;;) {
        int32_t op = code[pc++];
        switch (op) {
        case PUSH: *sp++ = code[pc++]; break;
        case LOAD: *sp++ = vm->locals[code[pc++]]; break;
        case STORE: vm->locals[code[pc++]] = *--sp; break;
        case ADD: sp--; sp[-1] += sp[0]; break;
        case SUB: sp--; sp[-1] -= sp[0]; break;
        case MUL: sp--; sp[-1] *= sp[0]; break;
        case LT: sp--; sp[-1] = sp[-1] < sp[0]; break;
        case JMP: pc = code[pc]; break;
        case JZ: pc = *--sp ? pc + 1 : code[pc]; break;
        case ALOAD: sp[-1] = vm->mem[sp[-1]]; break;
        case ASTORE: sp -= 2; vm->mem[sp[0]] = sp[1]; break;
        case CALL: fp[0] = pc + 1; fp[1] = *--sp; fp += 2; pc = code[pc]; break;
        case RET: fp -= 2; pc = (int)fp[0]; break;
        case ARG: *sp++ = fp[-1]; break;
        case DROP: sp--; break;
        case HALT: return sp > vm->stack ? sp[-1] : 0;
        default: abort();
        }
    }
}

/* sieve(n): count the primes below n, with mem[] as the flags.
 * locals: 0 = i, 1 = n, 2 = count, 3 = j */
static const int32_t sieve[] = {
    /*  0 */ PUSH, 2, STORE, 0,                        /* i = 2 */
    /*  4 */ LOAD, 0, LOAD, 1, LT, JZ, 63,             /* while i < n */
    /* 11 */ LOAD, 0, ALOAD, PUSH, 1, LT, JZ, 54,      /*   if mem[i] == 0 */
    /* 19 */ LOAD, 2, PUSH, 1, ADD, STORE, 2,          /*     count++ */
    /* 26 */ LOAD, 0, LOAD, 0, MUL, STORE, 3,          /*     j = i * i */
    /* 33 */ LOAD, 3, LOAD, 1, LT, JZ, 54,             /*     while j < n */
    /* 40 */ LOAD, 3, PUSH, 1, ASTORE,                 /*       mem[j] = 1 */
    /* 45 */ LOAD, 3, LOAD, 0, ADD, STORE, 3, JMP, 33, /*       j += i */
    /* 54 */ LOAD, 0, PUSH, 1, ADD, STORE, 0, JMP, 4,  /*   i++ */
    /* 63 */ LOAD, 2, HALT,
};

/* fib(n) = n < 2 ? n : fib(n-1) + fib(n-2), recursive through CALL/ARG. */
static const int32_t fib[] = {
    /*  0 */ PUSH, 0, CALL, 5, HALT, /* fib(code[1]) */
    /*  5 */ ARG, PUSH, 2, LT, JZ, 13,
    /* 11 */ ARG, RET,
    /* 13 */ ARG, PUSH, 1, SUB, CALL, 5,
    /* 19 */ ARG, PUSH, 2, SUB, CALL, 5,
    /* 25 */ ADD, RET,
};

uint64_t bench_bytecode(double scale)
{
    static Vm vm;
    long n = csuite_scaled(600000, scale);
    vm.mem = calloc((size_t)n, sizeof *vm.mem);
    vm.locals[1] = n;
    uint64_t sum = (uint64_t)run(&vm, sieve, 0);
    int32_t code[sizeof fib / sizeof fib[0]];
    memcpy(code, fib, sizeof code);
    long reps = csuite_scaled(6, scale);
    for (long r = 0; r < reps; r++) {
        code[1] = 18 + (int32_t)(r % 6);
        sum = sum * 1000003 + (uint64_t)run(&vm, code, 0);
    }
    free(vm.mem);
    return sum;
}
