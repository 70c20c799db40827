/* Guest: glibc pthreads under stress: a mutex, LDXR/STXR and LSE atomics, a condition variable, a barrier, TLS, pthread_kill, timed waits, a pipe between threads, joins. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define NTHREADS 6
#define ITERS 20000
#define ITEMS 3000
#define QSIZE 4

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long locked_counter;
static uint64_t excl_counter, lse_counter;
static pthread_barrier_t barrier;
static int phase1[NTHREADS];
static __thread long tls_value;

/* LDXR/STXR loop: an exclusive pair, retried until the store succeeds. */
static void add_exclusive(uint64_t *p, uint64_t v)
{
    uint64_t old, nv;
    uint32_t fail;
    __asm__ volatile("1: ldaxr %0, [%3]\n"
                     "   add %1, %0, %4\n"
                     "   stlxr %w2, %1, [%3]\n"
                     "   cbnz %w2, 1b\n"
                     : "=&r"(old), "=&r"(nv), "=&r"(fail)
                     : "r"(p), "r"(v)
                     : "memory");
}

/* LSE: one LDADDAL. */
static void add_lse(uint64_t *p, uint64_t v)
{
    uint64_t old;
    __asm__ volatile(".arch_extension lse\n ldaddal %1, %0, [%2]"
                     : "=r"(old) : "r"(v), "r"(p) : "memory");
}

static void *worker(void *arg)
{
    int id = (int)(intptr_t)arg;
    tls_value = id * 100;
    for (int i = 0; i < ITERS; i++) {
        pthread_mutex_lock(&lock);
        locked_counter++;
        pthread_mutex_unlock(&lock);
        add_exclusive(&excl_counter, 1);
        add_lse(&lse_counter, 2);
        if (i % 1000 == 0)
            tls_value++;
    }
    phase1[id] = id + 1;
    /* After the barrier every worker sees every phase-1 store. */
    int r = pthread_barrier_wait(&barrier);
    int seen = 0;
    for (int k = 0; k < NTHREADS; k++)
        seen += phase1[k];
    return (void *)(intptr_t)((seen << 16) | (r == PTHREAD_BARRIER_SERIAL_THREAD ? 1 : 0) << 12 |
                              (int)(tls_value - id * 100));
}

/* Bounded queue: producer/consumer with two condition variables. */
static pthread_mutex_t qlock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER, not_full = PTHREAD_COND_INITIALIZER;
static int queue[QSIZE], qhead, qcount, produced_done;

static void *producer(void *arg)
{
    (void)arg;
    for (int i = 1; i <= ITEMS; i++) {
        pthread_mutex_lock(&qlock);
        while (qcount == QSIZE)
            pthread_cond_wait(&not_full, &qlock);
        queue[(qhead + qcount++) % QSIZE] = i;
        pthread_cond_signal(&not_empty);
        pthread_mutex_unlock(&qlock);
    }
    pthread_mutex_lock(&qlock);
    produced_done = 1;
    pthread_cond_broadcast(&not_empty);
    pthread_mutex_unlock(&qlock);
    return NULL;
}

static void *consumer(void *arg)
{
    long *sum = arg;
    for (;;) {
        pthread_mutex_lock(&qlock);
        while (qcount == 0 && !produced_done)
            pthread_cond_wait(&not_empty, &qlock);
        if (qcount == 0) {
            pthread_mutex_unlock(&qlock);
            return NULL;
        }
        int v = queue[qhead];
        qhead = (qhead + 1) % QSIZE;
        qcount--;
        pthread_cond_signal(&not_full);
        pthread_mutex_unlock(&qlock);
        *sum += v;
    }
}

/* pthread_kill: the handler runs in the target thread. */
static volatile sig_atomic_t got_usr1;
static volatile pid_t handler_tid;
static void on_usr1(int sig)
{
    (void)sig;
    handler_tid = gettid();
    got_usr1 = 1;
}

static void *sig_target(void *arg)
{
    pid_t *tid = arg;
    *tid = gettid();
    while (!got_usr1)
        sched_yield();
    return NULL;
}

static void *sleeper(void *arg)
{
    (void)arg;
    struct timespec ts = {0, 20 * 1000 * 1000};
    nanosleep(&ts, NULL);
    return (void *)42;
}

/* A pipe between two threads: each side blocks in turn. */
static int pipefd[2];
#define PIPE_BYTES (256 * 1024)

static void *pipe_writer(void *arg)
{
    (void)arg;
    static char buf[PIPE_BYTES];
    for (int i = 0; i < PIPE_BYTES; i++)
        buf[i] = (char)(i * 7);
    /* more than the pipe holds: the write waits for the reader */
    for (int done = 0; done < PIPE_BYTES;) {
        ssize_t n = write(pipefd[1], buf + done, PIPE_BYTES - done);
        if (n <= 0)
            return (void *)1;
        done += (int)n;
    }
    close(pipefd[1]);
    return NULL;
}

static void *pipe_reader(void *arg)
{
    long *sum = arg;
    char c[16];
    ssize_t n;
    /* the read waits until main writes */
    while ((n = read(pipefd[0], c, sizeof(c))) > 0)
        for (ssize_t i = 0; i < n; i++)
            *sum += c[i];
    return NULL;
}

int main(void)
{
    pthread_t t[NTHREADS];
    pthread_barrier_init(&barrier, NULL, NTHREADS);
    for (int i = 0; i < NTHREADS; i++)
        if (pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i) != 0) {
            printf("pthread_create failed\n");
            return 1;
        }
    int serial = 0, seen_ok = 1, tls_ok = 1;
    for (int i = 0; i < NTHREADS; i++) {
        void *rv;
        pthread_join(t[i], &rv);
        int v = (int)(intptr_t)rv;
        seen_ok &= (v >> 16) == NTHREADS * (NTHREADS + 1) / 2;
        serial += (v >> 12) & 1;
        tls_ok &= (v & 0xfff) == ITERS / 1000;
    }
    printf("mutex counter: %ld (expected %d)\n", locked_counter, NTHREADS * ITERS);
    printf("ldxr/stxr counter: %llu (expected %d)\n", (unsigned long long)excl_counter,
           NTHREADS * ITERS);
    printf("lse counter: %llu (expected %d)\n", (unsigned long long)lse_counter,
           2 * NTHREADS * ITERS);
    printf("barrier: all phase-1 stores seen: %s, serial threads: %d\n", seen_ok ? "yes" : "no",
           serial);
    printf("tls: each thread kept its own: %s\n", tls_ok ? "yes" : "no");

    pthread_t prod, cons[3];
    long sums[3] = {0, 0, 0};
    pthread_create(&prod, NULL, producer, NULL);
    for (int i = 0; i < 3; i++)
        pthread_create(&cons[i], NULL, consumer, &sums[i]);
    pthread_join(prod, NULL);
    for (int i = 0; i < 3; i++)
        pthread_join(cons[i], NULL);
    printf("condvar queue: sum %ld (expected %d)\n", sums[0] + sums[1] + sums[2],
           ITEMS * (ITEMS + 1) / 2);

    /* A timed wait nobody ends. */
    pthread_mutex_lock(&qlock);
    struct timespec dl;
    clock_gettime(CLOCK_REALTIME, &dl);
    dl.tv_nsec += 10 * 1000 * 1000;
    if (dl.tv_nsec >= 1000000000) {
        dl.tv_sec++;
        dl.tv_nsec -= 1000000000;
    }
    int r = pthread_cond_timedwait(&not_empty, &qlock, &dl);
    pthread_mutex_unlock(&qlock);
    printf("cond_timedwait: %s\n", r == ETIMEDOUT ? "ETIMEDOUT" : strerror(r));
    r = pthread_mutex_trylock(&lock);
    printf("trylock free mutex: %d\n", r);
    pthread_mutex_unlock(&lock);

    /* Signals aimed at one thread. */
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    pid_t target_tid = 0;
    pthread_t st, sl;
    pthread_create(&st, NULL, sig_target, &target_tid);
    while (!__atomic_load_n(&target_tid, __ATOMIC_SEQ_CST))
        sched_yield();
    pthread_kill(st, SIGUSR1);
    pthread_join(st, NULL);
    printf("pthread_kill: handler ran in the target thread: %s\n",
           handler_tid == target_tid && target_tid != getpid() ? "yes" : "no");

    pthread_create(&sl, NULL, sleeper, NULL);
    void *sv;
    pthread_join(sl, &sv);
    printf("nanosleep in a thread, join value: %d\n", (int)(intptr_t)sv);
    /* reader blocks first, main writes later */
    pipe(pipefd);
    long rsum = 0;
    pthread_t rd, wr;
    pthread_create(&rd, NULL, pipe_reader, &rsum);
    struct timespec pause = {0, 5 * 1000 * 1000};
    nanosleep(&pause, NULL);
    write(pipefd[1], "hello", 5);
    close(pipefd[1]);
    pthread_join(rd, NULL);
    printf("pipe to a blocked reader thread: sum %ld (expected %d)\n", rsum,
           'h' + 'e' + 'l' + 'l' + 'o');
    /* writer blocks on a full pipe, main drains it */
    pipe(pipefd);
    pthread_create(&wr, NULL, pipe_writer, NULL);
    nanosleep(&pause, NULL);
    static char in[PIPE_BYTES];
    long got = 0, bad = 0;
    ssize_t n;
    while ((n = read(pipefd[0], in + got, PIPE_BYTES - got)) > 0)
        got += n;
    for (long i = 0; i < got; i++)
        bad += in[i] != (char)(i * 7);
    void *wv;
    pthread_join(wr, &wv);
    printf("pipe from a blocked writer thread: %ld bytes, %ld wrong, writer %s\n", got, bad,
           wv ? "failed" : "ok");
    pthread_barrier_destroy(&barrier);
    printf("done\n");
    return 0;
}
