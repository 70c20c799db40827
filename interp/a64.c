/* The generated A64 decoder and instruction semantics, compiled here. */
#include "cpu_internal.h"
#include "a64_meta.h"

#include <string.h>

#include "mem_access.h" /* before asl_lib.h: Mem[] inline */
#include "sysreg.h"
#include "asl_lib.h"
#include "sysregs.c.inc"
#include "a64_decode.h"
#include "a64_exec.c.inc"
#include "a64_tree.c.inc"
#include "a64_meta.c.inc"
