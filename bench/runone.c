/* runone: run one benchmark command, measuring wall time and peak RSS, with
 * a time limit (bench/run.sh).
 * usage: runone SECONDS OUTFILE ERRFILE PROGRAM [ARGS...]
 * Runs PROGRAM in its own process group with stdin from /dev/null and
 * stdout/stderr to the files; prints one line "STATUS WALL_S MAXRSS_KB" with
 * STATUS = ok | exit:N | signal:N | timeout (the group is killed at the
 * limit). The peak RSS is getrusage's ru_maxrss of the child, from wait4. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t expired;

static void on_alarm(int sig)
{
    (void)sig;
    expired = 1;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int open_or_die(const char *path, int flags)
{
    int fd = open(path, flags, 0644);
    if (fd < 0) {
        perror(path);
        _exit(127);
    }
    return fd;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: runone SECONDS OUTFILE ERRFILE PROGRAM [ARGS...]\n");
        return 2;
    }
    double limit = strtod(argv[1], NULL);
    struct sigaction sa = {.sa_handler = on_alarm}; /* no SA_RESTART: wait4 returns EINTR */
    sigaction(SIGALRM, &sa, NULL);

    double t0 = now();
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 2;
    }
    if (pid == 0) {
        setpgid(0, 0);
        dup2(open_or_die("/dev/null", O_RDONLY), 0);
        dup2(open_or_die(argv[2], O_WRONLY | O_CREAT | O_TRUNC), 1);
        dup2(open_or_die(argv[3], O_WRONLY | O_CREAT | O_TRUNC), 2);
        execvp(argv[4], argv + 4);
        fprintf(stderr, "runone: cannot run %s\n", argv[4]);
        _exit(127);
    }
    setpgid(pid, pid); /* also here, so the kill below cannot miss the group */
    struct itimerval it = {.it_value = {.tv_sec = (time_t)limit,
                                        .tv_usec = (long)((limit - (double)(time_t)limit) * 1e6)}};
    if (limit > 0)
        setitimer(ITIMER_REAL, &it, NULL);

    int status;
    struct rusage ru;
    pid_t r;
    while ((r = wait4(pid, &status, 0, &ru)) < 0 && errno == EINTR) {
        if (expired) {
            kill(-pid, SIGKILL);
            kill(pid, SIGKILL);
        }
    }
    double wall = now() - t0;
    if (r < 0) {
        perror("wait4");
        return 2;
    }
    if (expired)
        printf("timeout");
    else if (WIFSIGNALED(status))
        printf("signal:%d", WTERMSIG(status));
    else if (WEXITSTATUS(status))
        printf("exit:%d", WEXITSTATUS(status));
    else
        printf("ok");
    printf(" %.6f %ld\n", wall, ru.ru_maxrss);
    return 0;
}
