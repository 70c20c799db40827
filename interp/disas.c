/* The generated disassembler, and the entry point tools use. */
#include <stdio.h>
#include <string.h>

#include "cpu_internal.h"
#include "a64_meta.h"

#include "asl_lib.h"
#include "a64_decode.h"
#include "a64_disas.c.inc"

Cpu *disas_cpu(uint64_t pc)
{
    /* Templates may read PC[] (labels); decode sees no other state. The
     * disassembler decodes every feature, as objdump does. */
    static __thread Cpu scratch;
    memset(&scratch.a, 0, sizeof scratch.a);
    scratch.a._PC = pc;
    scratch.disassembling = true;
    return &scratch;
}

bool cpu_disassemble(uint32_t insn, uint64_t pc, char *buf, unsigned len)
{
    DisasBuf b = { buf, 0, len };
    if (len)
        buf[0] = 0;
    int idx = a64_decode_index(insn);
    if (idx >= 0 && a64_disas_fns[idx](insn, pc, &b))
        return true;
    snprintf(buf, len, ".inst\t0x%08x ; undefined", insn);
    return false;
}

const char *cpu_decode_id(uint32_t insn)
{
    int idx = a64_decode_index(insn);
    return idx < 0 ? NULL : a64_encodings[idx].id;
}
