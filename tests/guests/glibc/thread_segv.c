/* Guest: a SIGSEGV in a second thread kills the whole process (status: signal 11). */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static void *crash(void *arg)
{
    int *volatile bad = arg; /* NULL + 16: unmapped */
    bad[4] = 1;
    return NULL;
}

int main(void)
{
    pthread_t t;
    printf("before\n");
    fflush(stdout);
    pthread_create(&t, NULL, crash, NULL);
    pthread_join(t, NULL);
    printf("not reached\n");
    return 0;
}
