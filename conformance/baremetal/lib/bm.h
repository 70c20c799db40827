/* Bare-metal test runtime: checks, printing, running code at lower ELs and
 * recording the exceptions it takes. Tests run at EL3; code at lower ELs
 * must not print (QEMU allows semihosting only at EL1 and above), it leaves
 * results in globals for main() to check. */
#ifndef BM_H
#define BM_H

#include <stdbool.h>
#include <stdint.h>

#include "sysregs.h"

#define read_sysreg(r) ({ uint64_t _v; __asm__ volatile("mrs %0, " #r : "=r"(_v)); _v; })
#define write_sysreg(r, v) __asm__ volatile("msr " #r ", %0" ::"r"((uint64_t)(v)) : "memory")
#define isb() __asm__ volatile("isb" ::: "memory")

/* ESR_ELx fields (Arm ARM D17.2.37) */
#define ESR_EC(esr) (((esr) >> 26) & 0x3f)
#define ESR_IL(esr) (((esr) >> 25) & 1)
#define ESR_ISS(esr) ((esr) & 0x1ffffff)
enum {
    EC_UNKNOWN = 0x00, EC_WFX = 0x01, EC_FP = 0x07, EC_PAC = 0x09, EC_ILLEGAL = 0x0e,
    EC_SVC = 0x15, EC_HVC = 0x16, EC_SMC = 0x17, EC_SYSREG = 0x18,
    EC_IABT_LOWER = 0x20, EC_IABT_CUR = 0x21, EC_PC_ALIGN = 0x22,
    EC_DABT_LOWER = 0x24, EC_DABT_CUR = 0x25, EC_SP_ALIGN = 0x26, EC_SERROR = 0x2f,
    EC_BKPT_LOWER = 0x30, EC_BKPT_CUR = 0x31, EC_STEP_LOWER = 0x32, EC_STEP_CUR = 0x33,
    EC_WPT_LOWER = 0x34, EC_WPT_CUR = 0x35, EC_BRK = 0x3c,
};

/* Vector offsets (D1.10.2): current EL with SP0, with SPx, lower EL AArch64 */
enum {
    VEC_CUR_SP0 = 0x000, VEC_CUR_SPX = 0x200, VEC_LOWER64 = 0x400, VEC_LOWER32 = 0x600,
    VEC_SYNC = 0x000, VEC_IRQ = 0x080, VEC_FIQ = 0x100, VEC_SERROR = 0x180,
};

/* SPSR.M[3:0] values */
enum { M_EL0T = 0x0, M_EL1T = 0x4, M_EL1H = 0x5, M_EL2T = 0x8, M_EL2H = 0x9, M_EL3H = 0xd };
#define SPSR_DAIF (0xfull << 6)

/* The frame the vectors save (vectors.S). */
typedef struct BmFrame {
    uint64_t x[31];
    uint64_t elr, spsr, esr, far;
    uint64_t pad;
} BmFrame;

/* One taken exception. */
typedef struct BmExc {
    unsigned el;     /* EL it was taken to */
    unsigned offset; /* vector offset */
    uint64_t esr, far, elr, spsr;
} BmExc;

#define BM_MAX_LOG 8
extern volatile unsigned bm_exc_count; /* exceptions taken since bm_exc_reset() */
extern volatile BmExc bm_exc_log[BM_MAX_LOG]; /* the first BM_MAX_LOG of them */
#define bm_exc (bm_exc_log[0])

/* Called first for every exception (after it is logged); return true if it
 * dealt with it. Otherwise: SVC, HVC and SMC (not trapped) return to the
 * next instruction, other synchronous exceptions skip the instruction (ELR
 * + 4), or return to the caller (ELR = X30) if bm_resume_at_lr is set; an
 * interrupt is masked in SPSR so it is not taken again on return. */
typedef bool (*BmHook)(BmFrame *f, unsigned offset, unsigned el);
extern BmHook bm_hook;
extern volatile bool bm_resume_at_lr;
void bm_exc_reset(void);

/* Run fn(arg) at a lower EL (from EL3) and return its result. */
typedef uint64_t (*BmFn)(uint64_t);
uint64_t bm_run_spsr(uint64_t spsr, BmFn fn, uint64_t arg);
/* ELn with SP_ELn (h), or ELn with SP_EL0 (t); DAIF all masked. */
uint64_t bm_run_el(unsigned el, BmFn fn, uint64_t arg);
uint64_t bm_run_el_sp0(unsigned el, BmFn fn, uint64_t arg);
unsigned bm_current_el(void);

/* Output (EL1 and above) and checks. */
void bm_puts(const char *s);
void bm_print(const char *fmt, ...); /* %s %d %u %x %lx %llx (hex is 0x-prefixed) */
void bm_check(const char *what, bool ok);
/* Define it (= 1 or 2) in a test whose BM-ARGS machine starts it below EL3. */
extern const unsigned bm_start_el;
void bm_check_eq(const char *what, uint64_t got, uint64_t want);
/* Check one recorded exception: EL, vector offset, EC, and ELR. */
void bm_check_exc(const char *what, unsigned i, unsigned el, unsigned offset, unsigned ec,
                  uint64_t elr);
int bm_done(void); /* the exit status: 0 if every check passed */
_Noreturn void bm_exit(int status);
uint64_t bm_semihost(uint64_t op, uint64_t param);

/* The test's entry, run at the EL the machine started in. */
int main(void);

void *memset(void *d, int c, unsigned long n);
void *memcpy(void *d, const void *s, unsigned long n);

/* The address of the next instruction after the label: for ELR checks.
 * Use as: uint64_t at; asm volatile(BM_HERE(%0) "svc #1" : "=r"(at));  */
#define BM_HERE(reg) "adr " #reg ", 1f\n1: "

#endif
