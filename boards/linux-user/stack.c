/* Initial process stack for armature-user: argc, argv, envp and auxv per the arm64 Linux ABI. */
#include "linux_user.h"

#include <stdlib.h>
#include <string.h>

#define PAGE_MASK ((uint64_t)GUEST_PAGE_SIZE - 1)

/* Strings may take a quarter of the stack, as Linux allows (_STK_LIM / 4). */
#define STACK_MAX_STRINGS (LU_STACK_SIZE / 4)

static const char stack_platform[] = "aarch64";

/* Copy a NUL-terminated string just below *p; returns its guest address. */
static uint64_t stack_push_str(GuestMem *m, uint64_t *p, const char *s)
{
    size_t n = strlen(s) + 1;
    *p -= n;
    if (!guest_mem_copy_in(m, *p, s, n))
        abort(); /* inside the stack we just mapped and sized: a bug if it fails */
    return *p;
}

bool lu_stack_setup(GuestMem *m, const LuImage *img, const LuStackArgs *a, uint64_t *sp,
                    char *err, size_t errlen)
{
    const uint64_t top = LU_STACK_TOP, base = LU_STACK_TOP - LU_STACK_SIZE;
    const char *execfn = a->execfn ? a->execfn : (a->argc > 0 ? a->argv[0] : "");
    size_t envc = 0;
    uint64_t strbytes = strlen(execfn) + 1 + sizeof(stack_platform) + 16;
    for (int i = 0; i < a->argc; i++)
        strbytes += strlen(a->argv[i]) + 1;
    for (; a->envp && a->envp[envc]; envc++)
        strbytes += strlen(a->envp[envc]) + 1;
    /* Pointer slots count against the limit too, or a huge environment of
     * empty strings would overflow the stack. */
    if (strbytes + 8 * (envc + (size_t)a->argc) > STACK_MAX_STRINGS) {
        snprintf(err, errlen, "argument list too long (%llu bytes of arguments and environment)",
                 (unsigned long long)strbytes);
        return false;
    }
    if (guest_mem_find_free(m, base, LU_STACK_SIZE) != base) {
        snprintf(err, errlen, "the program image overlaps the stack at 0x%llx-0x%llx",
                 (unsigned long long)base, (unsigned long long)top);
        return false;
    }
    if (!guest_mem_map(m, base, LU_STACK_SIZE, GUEST_PROT_READ | GUEST_PROT_WRITE))
        abort();

    /* From the top down, as Linux lays it out: an 8-byte end marker, the
     * file name, env strings, argv strings, then platform and random bytes. */
    uint64_t p = top - 8;
    uint64_t execfn_va = stack_push_str(m, &p, execfn);
    uint64_t *env_va = calloc(envc + 1, sizeof(uint64_t));
    uint64_t *arg_va = calloc((size_t)a->argc + 1, sizeof(uint64_t));
    if (!env_va || !arg_va)
        abort();
    for (size_t i = envc; i-- > 0;)
        env_va[i] = stack_push_str(m, &p, a->envp[i]);
    for (int i = a->argc; i-- > 0;)
        arg_va[i] = stack_push_str(m, &p, a->argv[i]);
    uint64_t platform_va = stack_push_str(m, &p, stack_platform);
    p = (p - 16) & ~15ull;
    uint64_t random_va = p;
    if (!guest_mem_copy_in(m, random_va, a->random, 16))
        abort();

    const uint64_t auxv[][2] = {
        {LU_AT_PHDR, img->phdr},
        {LU_AT_PHENT, img->phent},
        {LU_AT_PHNUM, img->phnum},
        {LU_AT_PAGESZ, GUEST_PAGE_SIZE},
        {LU_AT_BASE, img->interp_base}, /* 0 without an interpreter */
        {LU_AT_FLAGS, 0},
        {LU_AT_ENTRY, img->entry},
        {LU_AT_UID, a->uid},
        {LU_AT_EUID, a->euid},
        {LU_AT_GID, a->gid},
        {LU_AT_EGID, a->egid},
        {LU_AT_HWCAP, a->hwcap},
        {LU_AT_HWCAP2, a->hwcap2},
        {LU_AT_CLKTCK, 100},
        {LU_AT_RANDOM, random_va},
        {LU_AT_SECURE, 0},
        {LU_AT_EXECFN, execfn_va},
        {LU_AT_PLATFORM, platform_va},
        {LU_AT_MINSIGSTKSZ, LU_MINSIGSTKSZ},
        {LU_AT_NULL, 0},
    };
    size_t naux = sizeof(auxv) / sizeof(auxv[0]);
    size_t nwords = 1 + (size_t)a->argc + 1 + envc + 1 + 2 * naux;
    uint64_t *w = calloc(nwords, sizeof(uint64_t));
    if (!w)
        abort();
    size_t k = 0;
    w[k++] = (uint64_t)a->argc;
    for (int i = 0; i < a->argc; i++)
        w[k++] = arg_va[i];
    w[k++] = 0;
    for (size_t i = 0; i < envc; i++)
        w[k++] = env_va[i];
    w[k++] = 0;
    for (size_t i = 0; i < naux; i++) {
        w[k++] = auxv[i][0];
        w[k++] = auxv[i][1];
    }
    /* The ABI wants SP 16-byte aligned at entry, pointing at argc. */
    p = (p - nwords * 8) & ~15ull;
    if (!guest_mem_copy_in(m, p, w, nwords * 8)) /* host is little-endian, as the guest */
        abort();
    free(w);
    free(env_va);
    free(arg_va);
    *sp = p;
    return true;
}
