/* Check suite for armature-user's ELF loader, initial stack and syscall layer. */
#include <check.h>
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "linux-user/linux_user.h"

#define PG GUEST_PAGE_SIZE
#define BASE 0x400000ull
#define CODE_OFF 0x180u /* after the header and room for 4 program headers */

/* mov x0, #42; mov x8, #93; svc #0; brk #0 */
static const uint32_t code[] = {0xd2800540, 0xd2800ba8, 0xd4000001, 0xd4200000};

static char tmpdir[64];
static char path[128];
static char err[LU_ERR_LEN];
static GuestMem *m;

static void setup(void)
{
    strcpy(tmpdir, "/tmp/check_elf.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
    snprintf(path, sizeof(path), "%s/prog", tmpdir);
    m = guest_mem_new();
    err[0] = 0;
}

static void teardown(void)
{
    guest_mem_free(m);
    unlink(path);
    rmdir(tmpdir);
}

/* A minimal static executable: one R+X PT_LOAD covering the whole file
 * (headers included, so AT_PHDR is inside it) plus 0x100 bytes of bss. */
typedef struct Image {
    uint8_t b[1024];
    size_t len;
    Elf64_Ehdr *eh;
    Elf64_Phdr *ph; /* room for 4 program headers after the first */
} Image;

static void image_init(Image *im)
{
    memset(im, 0, sizeof(*im));
    im->eh = (Elf64_Ehdr *)im->b;
    im->ph = (Elf64_Phdr *)(im->b + sizeof(Elf64_Ehdr));
    Elf64_Ehdr *eh = im->eh;
    memcpy(eh->e_ident, ELFMAG, SELFMAG);
    eh->e_ident[EI_CLASS] = ELFCLASS64;
    eh->e_ident[EI_DATA] = ELFDATA2LSB;
    eh->e_ident[EI_VERSION] = EV_CURRENT;
    eh->e_type = ET_EXEC;
    eh->e_machine = EM_AARCH64;
    eh->e_version = EV_CURRENT;
    eh->e_entry = BASE + CODE_OFF;
    eh->e_phoff = sizeof(Elf64_Ehdr);
    eh->e_ehsize = sizeof(Elf64_Ehdr);
    eh->e_phentsize = sizeof(Elf64_Phdr);
    eh->e_phnum = 1;
    memcpy(im->b + CODE_OFF, code, sizeof(code));
    im->len = CODE_OFF + sizeof(code);
    im->ph[0] = (Elf64_Phdr){
        .p_type = PT_LOAD,
        .p_flags = PF_R | PF_X,
        .p_offset = 0,
        .p_vaddr = BASE,
        .p_paddr = BASE,
        .p_filesz = im->len,
        .p_memsz = im->len + 0x100,
        .p_align = PG,
    };
}

static void image_write(const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(data, 1, len, f), len);
    fclose(f);
}

/* The load must fail, the message must name the file and contain `what`. */
static void expect_error(const Image *im, size_t len, const char *what)
{
    LuImage img;
    image_write(im->b, len);
    ck_assert_msg(!lu_elf_load_file(m, path, &img, err, sizeof(err)), "loaded: want '%s'", what);
    ck_assert_msg(strstr(err, path) == err, "message does not start with the path: %s", err);
    ck_assert_msg(strstr(err, what), "message '%s' lacks '%s'", err, what);
    ck_assert_msg(!strchr(err, '\n'), "message is not one line: %s", err);
}

/* ------------------------------------------------------------ error paths */

START_TEST(err_not_found)
{
    LuImage img;
    ck_assert(!lu_elf_load_file(m, "/nonexistent/prog", &img, err, sizeof(err)));
    ck_assert_str_eq(err, "/nonexistent/prog: No such file or directory");
}
END_TEST

START_TEST(err_directory)
{
    LuImage img;
    ck_assert(!lu_elf_load_file(m, tmpdir, &img, err, sizeof(err)));
    ck_assert(strstr(err, "is a directory"));
}
END_TEST

START_TEST(err_not_elf)
{
    Image im;
    image_init(&im);
    expect_error(&im, 0, "not an ELF file");
    expect_error(&im, 40, "truncated ELF header");
    expect_error(&im, 10, "truncated ELF header");
    memcpy(im.b, "#!/bin/sh\n", 10);
    expect_error(&im, im.len, "not an ELF file");
}
END_TEST

START_TEST(err_ident_fields)
{
    Image im;
    image_init(&im);
    im.b[EI_CLASS] = ELFCLASS32;
    expect_error(&im, im.len, "not a 64-bit ELF file (ELFCLASS32)");
    image_init(&im);
    im.b[EI_DATA] = ELFDATA2MSB;
    expect_error(&im, im.len, "not a little-endian ELF file");
    image_init(&im);
    im.eh->e_machine = EM_X86_64;
    expect_error(&im, im.len, "not an AArch64 executable (e_machine 62)");
    image_init(&im);
    im.eh->e_type = ET_REL;
    expect_error(&im, im.len, "not an executable");
}
END_TEST

START_TEST(err_phdr_out_of_range)
{
    Image im;
    image_init(&im);
    im.eh->e_phoff = 0x10000;
    expect_error(&im, im.len, "program header table");
    image_init(&im);
    im.eh->e_phoff = UINT64_MAX - 8; /* offset + size overflows */
    expect_error(&im, im.len, "beyond end of file");
    image_init(&im);
    im.eh->e_phnum = 60; /* table runs past the end of a small file */
    expect_error(&im, im.len, "beyond end of file");
}
END_TEST

START_TEST(err_phentsize)
{
    Image im;
    image_init(&im);
    im.eh->e_phentsize = 32;
    expect_error(&im, im.len, "bad program header size 32");
    image_init(&im);
    im.eh->e_phnum = 0;
    expect_error(&im, im.len, "no program headers");
    image_init(&im);
    im.eh->e_phnum = 0xffff;
    expect_error(&im, im.len, "too many program headers");
}
END_TEST

START_TEST(err_filesz_gt_memsz)
{
    Image im;
    image_init(&im);
    im.ph[0].p_memsz = im.ph[0].p_filesz - 1;
    expect_error(&im, im.len, "p_filesz");
}
END_TEST

START_TEST(err_segment_beyond_file)
{
    Image im;
    image_init(&im);
    im.ph[0].p_filesz = im.len + 1;
    im.ph[0].p_memsz = im.len + 1;
    expect_error(&im, im.len, "program header 0: file range");
    image_init(&im);
    im.ph[0].p_offset = UINT64_MAX - 4;
    expect_error(&im, im.len, "beyond end of file");
    image_init(&im);
    expect_error(&im, im.len - 8, "beyond end of file"); /* file cut short */
}
END_TEST

START_TEST(err_no_load)
{
    Image im;
    image_init(&im);
    im.ph[0].p_type = PT_NOTE;
    expect_error(&im, im.len, "no loadable segments");
    image_init(&im);
    im.ph[0].p_memsz = im.ph[0].p_filesz = 0;
    expect_error(&im, im.len, "no loadable segments");
}
END_TEST

START_TEST(err_interp)
{
    Image im;
    image_init(&im);
    im.eh->e_phnum = 2;
    im.ph[1] = (Elf64_Phdr){.p_type = PT_INTERP, .p_offset = 0, .p_filesz = 4};
    expect_error(&im, im.len, "dynamic executable (PT_INTERP)");
}
END_TEST

START_TEST(err_address_range)
{
    Image im;
    image_init(&im);
    im.ph[0].p_vaddr = 1ull << 48;
    im.eh->e_entry = (1ull << 48) + CODE_OFF;
    expect_error(&im, im.len, "outside the 48-bit address space");
    image_init(&im);
    im.ph[0].p_vaddr = (1ull << 48) - 0x40;
    expect_error(&im, im.len, "outside the 48-bit address space");
    image_init(&im);
    im.ph[0].p_vaddr = UINT64_MAX - 0x10;
    expect_error(&im, im.len, "outside the 48-bit address space");
    image_init(&im);
    im.ph[0].p_memsz = 1ull << 40;
    expect_error(&im, im.len, "too large");
    image_init(&im);
    im.ph[0].p_vaddr = 0;
    im.eh->e_entry = CODE_OFF;
    expect_error(&im, im.len, "below the lowest mappable address 0x10000");
}
END_TEST

START_TEST(err_overlap)
{
    Image im;
    image_init(&im);
    im.eh->e_phnum = 2;
    im.ph[1] = im.ph[0];
    im.ph[1].p_vaddr = BASE + 0x40;
    im.ph[1].p_flags = PF_R | PF_W;
    expect_error(&im, im.len, "program headers 0 and 1 overlap");
}
END_TEST

START_TEST(err_entry)
{
    Image im;
    image_init(&im);
    im.eh->e_entry = 0x500000;
    expect_error(&im, im.len, "entry point 0x500000 is not in an executable segment");
    image_init(&im);
    im.ph[0].p_flags = PF_R | PF_W;
    expect_error(&im, im.len, "not in an executable segment");
}
END_TEST

/* ------------------------------------------------------------ good images */

START_TEST(good_minimal)
{
    Image im;
    LuImage img;
    image_init(&im);
    image_write(im.b, im.len);
    ck_assert_msg(lu_elf_load_file(m, path, &img, err, sizeof(err)), "%s", err);
    ck_assert_uint_eq(img.entry, BASE + CODE_OFF);
    ck_assert_uint_eq(img.load_bias, 0);
    ck_assert_uint_eq(img.phdr, BASE + sizeof(Elf64_Ehdr));
    ck_assert_uint_eq(img.phnum, 1);
    ck_assert_uint_eq(img.phent, sizeof(Elf64_Phdr));
    ck_assert_uint_eq(img.lo, BASE);
    ck_assert_uint_eq(img.hi, BASE + im.len + 0x100);
    ck_assert_uint_eq(img.brk, BASE + PG);
    for (unsigned i = 0; i < 4; i++) {
        uint32_t insn;
        ck_assert(guest_mem_fetch(m, img.entry + 4 * i, &insn));
        ck_assert_uint_eq(insn, code[i]);
    }
    /* bss is zero, the segment is R+X: readable, not writable. */
    uint64_t v, f;
    ck_assert(guest_mem_read(m, BASE + im.len + 8, 8, &v, &f));
    ck_assert_uint_eq(v, 0);
    ck_assert(!guest_mem_write(m, BASE + im.len, 8, 1, &f));
    ck_assert(!guest_mem_is_mapped(m, BASE + PG, 1, 0));
}
END_TEST

START_TEST(good_two_segments)
{
    Image im;
    LuImage img;
    image_init(&im);
    /* A data segment: 8 bytes from the file, the rest bss, on another page
     * and also one sharing the text's last page to check protections merge. */
    static const uint8_t data[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    memcpy(im.b + 0x200, data, 8);
    im.len = 0x208;
    im.eh->e_phnum = 2;
    im.ph[0].p_filesz = CODE_OFF + sizeof(code);
    im.ph[0].p_memsz = CODE_OFF + sizeof(code);
    im.ph[1] = (Elf64_Phdr){
        .p_type = PT_LOAD,
        .p_flags = PF_R | PF_W,
        .p_offset = 0x200,
        .p_vaddr = BASE + 0x10200,
        .p_filesz = 8,
        .p_memsz = 0x2000,
    };
    image_write(im.b, im.len);
    ck_assert_msg(lu_elf_load_file(m, path, &img, err, sizeof(err)), "%s", err);
    uint64_t v, f;
    ck_assert(guest_mem_read(m, BASE + 0x10200, 8, &v, &f));
    ck_assert_uint_eq(v, 0x0807060504030201ull);
    ck_assert(guest_mem_read(m, BASE + 0x10208, 8, &v, &f));
    ck_assert_uint_eq(v, 0);
    ck_assert(guest_mem_write(m, BASE + 0x121f8, 8, 1, &f));
    ck_assert(!guest_mem_is_mapped(m, BASE + 0x10200, 1, GUEST_PROT_EXEC));
    ck_assert(!guest_mem_is_mapped(m, BASE + 0x1000, 1, 0));
    ck_assert_uint_eq(img.brk, BASE + 0x13000);
}
END_TEST

/* A .bss-only segment (p_filesz 0) may name an offset past the end of the
 * file, as linkers emit it: regression for a loader that rejected it. */
START_TEST(good_bss_only_segment)
{
    Image im;
    LuImage img;
    image_init(&im);
    im.eh->e_phnum = 2;
    im.ph[1] = (Elf64_Phdr){
        .p_type = PT_LOAD,
        .p_flags = PF_R | PF_W,
        .p_offset = 0x10000,
        .p_vaddr = BASE + 0x20000,
        .p_filesz = 0,
        .p_memsz = 0x1000,
    };
    image_write(im.b, im.len);
    ck_assert_msg(lu_elf_load_file(m, path, &img, err, sizeof(err)), "%s", err);
    uint64_t v, f;
    ck_assert(guest_mem_read(m, BASE + 0x20ff8, 8, &v, &f));
    ck_assert_uint_eq(v, 0);
    ck_assert(guest_mem_write(m, BASE + 0x20000, 8, 7, &f));
}
END_TEST

START_TEST(good_shared_page_merges_prot)
{
    Image im;
    LuImage img;
    image_init(&im);
    im.eh->e_phnum = 2;
    im.ph[0].p_memsz = im.ph[0].p_filesz;
    im.ph[1] = (Elf64_Phdr){
        .p_type = PT_LOAD,
        .p_flags = PF_R | PF_W,
        .p_vaddr = BASE + 0x800,
        .p_memsz = 0x1000,
    };
    image_write(im.b, im.len);
    ck_assert_msg(lu_elf_load_file(m, path, &img, err, sizeof(err)), "%s", err);
    ck_assert(guest_mem_is_mapped(m, BASE, PG,
                                  GUEST_PROT_READ | GUEST_PROT_WRITE | GUEST_PROT_EXEC));
    ck_assert(guest_mem_is_mapped(m, BASE + PG, PG, GUEST_PROT_READ | GUEST_PROT_WRITE));
    ck_assert(!guest_mem_is_mapped(m, BASE + PG, PG, GUEST_PROT_EXEC));
    uint32_t insn;
    ck_assert(guest_mem_fetch(m, img.entry, &insn));
    ck_assert_uint_eq(insn, code[0]);
}
END_TEST

START_TEST(good_static_pie)
{
    Image im;
    LuImage img;
    image_init(&im);
    im.eh->e_type = ET_DYN;
    im.ph[0].p_vaddr = 0;
    im.eh->e_entry = CODE_OFF;
    image_write(im.b, im.len);
    ck_assert_msg(lu_elf_load_file(m, path, &img, err, sizeof(err)), "%s", err);
    ck_assert_uint_eq(img.load_bias, LU_ET_DYN_BASE);
    ck_assert_uint_eq(img.entry, LU_ET_DYN_BASE + CODE_OFF);
    ck_assert_uint_eq(img.phdr, LU_ET_DYN_BASE + sizeof(Elf64_Ehdr));
    uint32_t insn;
    ck_assert(guest_mem_fetch(m, img.entry, &insn));
    ck_assert_uint_eq(insn, code[0]);
}
END_TEST

/* ------------------------------------------------------------ initial stack */

static uint64_t rd64(uint64_t a)
{
    uint64_t v, f;
    ck_assert_msg(guest_mem_read(m, a, 8, &v, &f), "cannot read 0x%llx", (unsigned long long)a);
    return v;
}

static void rdstr(uint64_t a, char *buf, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        ck_assert(guest_mem_copy_out(m, &buf[i], a + i, 1));
        if (!buf[i])
            return;
    }
    ck_abort_msg("unterminated guest string");
}

static void load_good(LuImage *img)
{
    Image im;
    image_init(&im);
    ck_assert(lu_elf_load_buf(m, "good", im.b, im.len, img, err, sizeof(err)));
}

START_TEST(stack_layout)
{
    LuImage img;
    load_good(&img);
    char *argv[] = {"prog", "first arg", "", NULL};
    char *envp[] = {"A=1", "LONGER=value two", NULL};
    LuStackArgs sa = {.argc = 3, .argv = argv, .envp = envp, .execfn = "/path/to/prog",
                      .uid = 1001, .euid = 1002, .gid = 1003, .egid = 1004};
    for (int i = 0; i < 16; i++)
        sa.random[i] = (uint8_t)(0xa0 + i);
    uint64_t sp;
    ck_assert_msg(lu_stack_setup(m, &img, &sa, &sp, err, sizeof(err)), "%s", err);
    ck_assert_uint_eq(sp % 16, 0);
    ck_assert(sp < LU_STACK_TOP && sp > LU_STACK_TOP - LU_STACK_SIZE);
    ck_assert(guest_mem_is_mapped(m, LU_STACK_TOP - LU_STACK_SIZE, LU_STACK_SIZE,
                                  GUEST_PROT_READ | GUEST_PROT_WRITE));
    ck_assert(!guest_mem_is_mapped(m, LU_STACK_TOP - LU_STACK_SIZE, LU_STACK_SIZE,
                                   GUEST_PROT_EXEC));

    char s[64];
    uint64_t a = sp;
    ck_assert_uint_eq(rd64(a), 3);
    a += 8;
    for (int i = 0; i < 3; i++, a += 8) {
        rdstr(rd64(a), s, sizeof(s));
        ck_assert_str_eq(s, argv[i]);
    }
    ck_assert_uint_eq(rd64(a), 0);
    a += 8;
    for (int i = 0; i < 2; i++, a += 8) {
        rdstr(rd64(a), s, sizeof(s));
        ck_assert_str_eq(s, envp[i]);
    }
    ck_assert_uint_eq(rd64(a), 0);
    a += 8;

    uint64_t aux[64] = {0};
    bool seen[64] = {false};
    for (int n = 0;; n++, a += 16) {
        ck_assert_int_lt(n, 40);
        uint64_t tag = rd64(a), val = rd64(a + 8);
        if (tag == LU_AT_NULL)
            break;
        ck_assert_uint_lt(tag, 64);
        ck_assert_msg(!seen[tag], "auxv tag %llu twice", (unsigned long long)tag);
        seen[tag] = true;
        aux[tag] = val;
    }
    static const int want[] = {LU_AT_PHDR, LU_AT_PHENT, LU_AT_PHNUM, LU_AT_PAGESZ, LU_AT_BASE,
                               LU_AT_FLAGS, LU_AT_ENTRY, LU_AT_UID, LU_AT_EUID, LU_AT_GID,
                               LU_AT_EGID, LU_AT_HWCAP, LU_AT_CLKTCK, LU_AT_RANDOM,
                               LU_AT_SECURE, LU_AT_EXECFN, LU_AT_PLATFORM};
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
        ck_assert_msg(seen[want[i]], "auxv lacks tag %d", want[i]);
    ck_assert_uint_eq(aux[LU_AT_PHDR], img.phdr);
    ck_assert_uint_eq(aux[LU_AT_PHENT], 56);
    ck_assert_uint_eq(aux[LU_AT_PHNUM], 1);
    ck_assert_uint_eq(aux[LU_AT_PAGESZ], 4096);
    ck_assert_uint_eq(aux[LU_AT_BASE], 0);
    ck_assert_uint_eq(aux[LU_AT_ENTRY], BASE + CODE_OFF);
    ck_assert_uint_eq(aux[LU_AT_UID], 1001);
    ck_assert_uint_eq(aux[LU_AT_EUID], 1002);
    ck_assert_uint_eq(aux[LU_AT_GID], 1003);
    ck_assert_uint_eq(aux[LU_AT_EGID], 1004);
    ck_assert_uint_eq(aux[LU_AT_CLKTCK], 100);
    ck_assert_uint_eq(aux[LU_AT_SECURE], 0);
    uint8_t rnd[16];
    ck_assert(guest_mem_copy_out(m, rnd, aux[LU_AT_RANDOM], 16));
    ck_assert_mem_eq(rnd, sa.random, 16);
    rdstr(aux[LU_AT_EXECFN], s, sizeof(s));
    ck_assert_str_eq(s, "/path/to/prog");
    rdstr(aux[LU_AT_PLATFORM], s, sizeof(s));
    ck_assert_str_eq(s, "aarch64");
    /* Everything the tables point at lies between them and the top. */
    ck_assert(aux[LU_AT_RANDOM] > a && aux[LU_AT_EXECFN] < LU_STACK_TOP);
}
END_TEST

START_TEST(stack_no_env)
{
    LuImage img;
    load_good(&img);
    char *argv[] = {"p", NULL};
    LuStackArgs sa = {.argc = 1, .argv = argv, .envp = NULL};
    uint64_t sp;
    ck_assert(lu_stack_setup(m, &img, &sa, &sp, err, sizeof(err)));
    ck_assert_uint_eq(rd64(sp), 1);
    ck_assert_uint_eq(rd64(sp + 16), 0); /* argv terminator */
    ck_assert_uint_eq(rd64(sp + 24), 0); /* empty envp */
    ck_assert_uint_ne(rd64(sp + 32), 0); /* first auxv tag */
}
END_TEST

START_TEST(stack_errors)
{
    LuImage img;
    load_good(&img);
    size_t big = LU_STACK_SIZE / 4 + 1;
    char *huge = malloc(big + 1);
    memset(huge, 'x', big);
    huge[big] = 0;
    char *argv[] = {huge, NULL};
    LuStackArgs sa = {.argc = 1, .argv = argv};
    uint64_t sp;
    ck_assert(!lu_stack_setup(m, &img, &sa, &sp, err, sizeof(err)));
    ck_assert(strstr(err, "argument list too long"));
    free(huge);
    /* An image in the stack's place is refused, not overwritten. */
    ck_assert(guest_mem_map(m, LU_STACK_TOP - PG, PG, GUEST_PROT_READ));
    argv[0] = "p";
    ck_assert(!lu_stack_setup(m, &img, &sa, &sp, err, sizeof(err)));
    ck_assert(strstr(err, "overlaps the stack"));
}
END_TEST

/* ------------------------------------------------------------ syscalls */

/* arm64 syscall numbers used below. */
enum {
    SYS_read = 63, SYS_write = 64, SYS_writev = 66, SYS_fstat = 80, SYS_exit_group = 94,
    SYS_clock_gettime = 113, SYS_uname = 160, SYS_getpid = 172, SYS_brk = 214,
    SYS_munmap = 215, SYS_mmap = 222, SYS_mprotect = 226, SYS_getrandom = 278,
};

static LuProcess proc;
static LuImage pimg;
static FILE *sys_log;

static void sys_setup(void)
{
    setup();
    load_good(&pimg);
    lu_process_init(&proc, m, &pimg);
    sys_log = tmpfile();
    ck_assert_ptr_nonnull(sys_log);
    proc.log = sys_log;
}

static void sys_teardown(void)
{
    fclose(sys_log);
    teardown();
}

static int64_t sys(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
                   uint64_t a4, uint64_t a5)
{
    const uint64_t a[6] = {a0, a1, a2, a3, a4, a5};
    return lu_syscall(&proc, nr, a);
}

static const char *log_text(void)
{
    static char buf[4096];
    fflush(sys_log);
    rewind(sys_log);
    size_t n = fread(buf, 1, sizeof(buf) - 1, sys_log);
    buf[n] = 0;
    return buf;
}

START_TEST(sys_brk)
{
    uint64_t start = pimg.brk, f, v;
    ck_assert_uint_eq(sys(SYS_brk, 0, 0, 0, 0, 0, 0), start);
    ck_assert_uint_eq(sys(SYS_brk, start + 0x1800, 0, 0, 0, 0, 0), start + 0x1800);
    ck_assert(guest_mem_write(m, start + 0x17f8, 8, 77, &f));
    ck_assert(guest_mem_write(m, start + 0x1ff8, 8, 77, &f)); /* rest of the page */
    ck_assert(!guest_mem_read(m, start + 0x2000, 8, &v, &f));
    ck_assert_uint_eq(sys(SYS_brk, start + 0x10, 0, 0, 0, 0, 0), start + 0x10);
    ck_assert(!guest_mem_is_mapped(m, start + PG, 1, 0));
    ck_assert_uint_eq(sys(SYS_brk, start - PG, 0, 0, 0, 0, 0), start + 0x10); /* refused */
    /* Growing into an existing mapping is refused with the old break. */
    ck_assert(guest_mem_map(m, start + 4 * PG, PG, GUEST_PROT_READ));
    ck_assert_uint_eq(sys(SYS_brk, start + 8 * PG, 0, 0, 0, 0, 0), start + 0x10);
}
END_TEST

START_TEST(sys_mmap)
{
    uint64_t f, v;
    int64_t a = sys(SYS_mmap, 0, 3 * PG, 3, 0x22, (uint64_t)-1, 0);
    ck_assert_int_ge(a, (int64_t)LU_MMAP_BASE);
    ck_assert_uint_eq((uint64_t)a % PG, 0);
    ck_assert(guest_mem_read(m, (uint64_t)a + 2 * PG, 8, &v, &f));
    ck_assert_uint_eq(v, 0);
    ck_assert(guest_mem_write(m, (uint64_t)a, 8, 5, &f));
    int64_t b = sys(SYS_mmap, 0, 1, 1, 0x22, (uint64_t)-1, 0);
    ck_assert_int_eq(b, a + 3 * PG);
    ck_assert(!guest_mem_write(m, (uint64_t)b, 8, 5, &f));
    /* MAP_FIXED replaces, MAP_FIXED_NOREPLACE refuses. */
    ck_assert_int_eq(sys(SYS_mmap, (uint64_t)a, PG, 3, 0x32, (uint64_t)-1, 0), a);
    ck_assert(guest_mem_read(m, (uint64_t)a, 8, &v, &f));
    ck_assert_uint_eq(v, 0);
    ck_assert_int_eq(sys(SYS_mmap, (uint64_t)a, PG, 3, 0x100022, (uint64_t)-1, 0), -EEXIST);
    /* A free hint is used as is. */
    ck_assert_int_eq(sys(SYS_mmap, 0x20000000, PG, 3, 0x22, (uint64_t)-1, 0), 0x20000000);
    ck_assert_int_eq(sys(SYS_mmap, 0, PG, 3, 0x02, 999, 0), -EBADF); /* file maps: check_linux_user.c */
    ck_assert_int_eq(sys(SYS_mmap, 0, 0, 3, 0x22, (uint64_t)-1, 0), -EINVAL);
    ck_assert_int_eq(sys(SYS_mmap, 0, PG, 3, 0x20, (uint64_t)-1, 0), -EINVAL);
    ck_assert_int_eq(sys(SYS_mmap, 0x1001, PG, 3, 0x32, (uint64_t)-1, 0), -EINVAL);
    ck_assert_int_eq(sys(SYS_mmap, 0x1000, PG, 3, 0x32, (uint64_t)-1, 0), -EPERM);
    ck_assert_int_ge(sys(SYS_mmap, 0x1000, PG, 3, 0x22, (uint64_t)-1, 0), (int64_t)LU_MMAP_BASE);
    ck_assert_int_eq(sys(SYS_mmap, 1ull << 48, PG, 3, 0x32, (uint64_t)-1, 0), -ENOMEM);
    ck_assert_int_eq(sys(SYS_mmap, 0, 1ull << 46, 3, 0x22, (uint64_t)-1, 0), -ENOMEM);
    ck_assert_int_eq(sys(SYS_munmap, (uint64_t)a, 3 * PG, 0, 0, 0, 0), 0);
    ck_assert(!guest_mem_is_mapped(m, (uint64_t)a, 1, 0));
    ck_assert_int_eq(sys(SYS_munmap, (uint64_t)a + 1, PG, 0, 0, 0, 0), -EINVAL);
    ck_assert_int_eq(sys(SYS_mprotect, (uint64_t)b, PG, 3, 0, 0, 0), 0);
    ck_assert(guest_mem_write(m, (uint64_t)b, 8, 5, &f));
    ck_assert_int_eq(sys(SYS_mprotect, (uint64_t)a, PG, 3, 0, 0, 0), -ENOMEM);
}
END_TEST

START_TEST(sys_read_write)
{
    int fds[2];
    ck_assert_int_eq(pipe(fds), 0);
    uint64_t buf = (uint64_t)sys(SYS_mmap, 0, 2 * PG, 3, 0x22, (uint64_t)-1, 0);
    ck_assert(guest_mem_copy_in(m, buf + PG - 3, "hello!", 6));
    ck_assert_int_eq(sys(SYS_write, (uint64_t)fds[1], buf + PG - 3, 6, 0, 0, 0), 6);
    char host[16] = {0};
    ck_assert_int_eq(read(fds[0], host, sizeof(host)), 6);
    ck_assert_str_eq(host, "hello!");
    /* Bad guest pointers are EFAULT, never a host crash. */
    ck_assert_int_eq(sys(SYS_write, (uint64_t)fds[1], 0x10, 4, 0, 0, 0), -EFAULT);
    ck_assert_int_eq(sys(SYS_write, (uint64_t)fds[1], buf + PG, 2 * PG, 0, 0, 0), -EFAULT);
    ck_assert_int_eq(sys(SYS_write, (uint64_t)fds[1], 1ull << 60, 4, 0, 0, 0), -EFAULT);
    ck_assert_int_eq(sys(SYS_write, 1000, buf, 4, 0, 0, 0), -EBADF);
    /* writev gathers; one bad vector fails the call. */
    uint64_t iov[3][2] = {{buf + PG - 3, 5}, {buf + PG - 3, 0}, {buf + PG + 2, 1}};
    ck_assert(guest_mem_copy_in(m, buf + 16, iov, sizeof(iov)));
    ck_assert_int_eq(sys(SYS_writev, (uint64_t)fds[1], buf + 16, 3, 0, 0, 0), 6);
    memset(host, 0, sizeof(host));
    ck_assert_int_eq(read(fds[0], host, sizeof(host)), 6);
    ck_assert_str_eq(host, "hello!");
    iov[1][0] = 0x10;
    iov[1][1] = 1;
    ck_assert(guest_mem_copy_in(m, buf + 16, iov, sizeof(iov)));
    ck_assert_int_eq(sys(SYS_writev, (uint64_t)fds[1], buf + 16, 3, 0, 0, 0), -EFAULT);
    ck_assert_int_eq(sys(SYS_writev, (uint64_t)fds[1], buf + 16, 5000, 0, 0, 0), -EINVAL);
    /* read lands in guest memory; read-only destinations are EFAULT. */
    ck_assert_int_eq(write(fds[1], "xyz", 3), 3);
    ck_assert_int_eq(sys(SYS_read, (uint64_t)fds[0], pimg.entry, 3, 0, 0, 0), -EFAULT);
    ck_assert_int_eq(sys(SYS_read, (uint64_t)fds[0], buf + PG - 1, 3, 0, 0, 0), 3);
    char back[4] = {0};
    ck_assert(guest_mem_copy_out(m, back, buf + PG - 1, 3));
    ck_assert_str_eq(back, "xyz");
    close(fds[0]);
    close(fds[1]);
}
END_TEST

START_TEST(sys_info_calls)
{
    uint64_t buf = (uint64_t)sys(SYS_mmap, 0, PG, 3, 0x22, (uint64_t)-1, 0);
    char u[6][65];
    ck_assert_int_eq(sys(SYS_uname, buf, 0, 0, 0, 0, 0), 0);
    ck_assert(guest_mem_copy_out(m, u, buf, sizeof(u)));
    ck_assert_str_eq(u[0], "Linux");
    ck_assert_str_eq(u[4], "aarch64");
    ck_assert_int_eq(sys(SYS_uname, buf + PG - 100, 0, 0, 0, 0, 0), -EFAULT);
    ck_assert_int_eq(sys(SYS_uname, pimg.entry, 0, 0, 0, 0, 0), -EFAULT); /* read-only */
    ck_assert_int_eq(sys(SYS_getpid, 0, 0, 0, 0, 0, 0), getpid());
    ck_assert_int_eq(sys(SYS_clock_gettime, 1, buf, 0, 0, 0, 0), 0);
    int64_t ts[2];
    ck_assert(guest_mem_copy_out(m, ts, buf, sizeof(ts)));
    ck_assert(ts[0] > 0 || ts[1] > 0);
    ck_assert_int_lt(ts[1], 1000000000);
    ck_assert_int_eq(sys(SYS_clock_gettime, 1, 8, 0, 0, 0, 0), -EFAULT);
    ck_assert_int_eq(sys(SYS_clock_gettime, 99, buf, 0, 0, 0, 0), -EINVAL);
    ck_assert_int_eq(sys(SYS_fstat, 0, 8, 0, 0, 0, 0), -EFAULT);
    ck_assert_int_eq(sys(SYS_fstat, 1000, buf, 0, 0, 0, 0), -EBADF);
    /* -seed makes getrandom reproducible. */
    uint8_t r1[32], r2[32];
    proc.seeded = true;
    proc.rng = 7;
    ck_assert_int_eq(sys(SYS_getrandom, buf, 32, 0, 0, 0, 0), 32);
    ck_assert(guest_mem_copy_out(m, r1, buf, 32));
    proc.rng = 7;
    ck_assert_int_eq(sys(SYS_getrandom, buf, 32, 0, 0, 0, 0), 32);
    ck_assert(guest_mem_copy_out(m, r2, buf, 32));
    ck_assert_mem_eq(r1, r2, 32);
}
END_TEST

START_TEST(sys_unknown_reported_once)
{
    ck_assert_int_eq(sys(4000, 0, 0, 0, 0, 0, 0), -ENOSYS);
    ck_assert_int_eq(sys(999, 0, 0, 0, 0, 0, 0), -ENOSYS);
    ck_assert_int_eq(sys(999, 0, 0, 0, 0, 0, 0), -ENOSYS);
    ck_assert_str_eq(log_text(), "armature-user: unsupported syscall 4000\n"
                                 "armature-user: unsupported syscall 999\n");
}
END_TEST

START_TEST(sys_strace_and_exit)
{
    char want[128];
    proc.strace = true;
    int64_t pid = sys(SYS_getpid, 0, 0, 0, 0, 0, 0);
    ck_assert_int_eq(sys(SYS_write, 1000, 0x4100a0, 13, 0, 0, 0), -EFAULT);
    ck_assert(!proc.exited);
    sys(SYS_exit_group, 0x103, 0, 0, 0, 0, 0);
    ck_assert(proc.exited);
    ck_assert_int_eq(proc.exit_status, 3);
    snprintf(want, sizeof(want),
             "%d getpid() = %d\n"
             "%d write(1000,0x4100a0,13) = -1 errno=14 (Bad address)\n"
             "%d exit_group(259)\n",
             getpid(), (int)pid, getpid(), getpid());
    ck_assert_str_eq(log_text(), want);
}
END_TEST

static Suite *elf_suite(void)
{
    Suite *s = suite_create("linux-user elf");
    TCase *tc = tcase_create("errors");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, err_not_found);
    tcase_add_test(tc, err_directory);
    tcase_add_test(tc, err_not_elf);
    tcase_add_test(tc, err_ident_fields);
    tcase_add_test(tc, err_phdr_out_of_range);
    tcase_add_test(tc, err_phentsize);
    tcase_add_test(tc, err_filesz_gt_memsz);
    tcase_add_test(tc, err_segment_beyond_file);
    tcase_add_test(tc, err_no_load);
    tcase_add_test(tc, err_interp);
    tcase_add_test(tc, err_address_range);
    tcase_add_test(tc, err_overlap);
    tcase_add_test(tc, err_entry);
    suite_add_tcase(s, tc);

    tc = tcase_create("good");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, good_minimal);
    tcase_add_test(tc, good_two_segments);
    tcase_add_test(tc, good_bss_only_segment);
    tcase_add_test(tc, good_shared_page_merges_prot);
    tcase_add_test(tc, good_static_pie);
    suite_add_tcase(s, tc);

    tc = tcase_create("stack");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, stack_layout);
    tcase_add_test(tc, stack_no_env);
    tcase_add_test(tc, stack_errors);
    suite_add_tcase(s, tc);
    return s;
}

static Suite *syscall_suite(void)
{
    Suite *s = suite_create("linux-user syscalls");
    TCase *tc = tcase_create("syscalls");
    tcase_add_checked_fixture(tc, sys_setup, sys_teardown);
    tcase_add_test(tc, sys_brk);
    tcase_add_test(tc, sys_mmap);
    tcase_add_test(tc, sys_read_write);
    tcase_add_test(tc, sys_info_calls);
    tcase_add_test(tc, sys_unknown_reported_once);
    tcase_add_test(tc, sys_strace_and_exit);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(elf_suite());
    srunner_add_suite(sr, syscall_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
