#include "interrupt.h"

#include <signal.h>
#include <string.h>

static int interrupt_flag;

static void on_interrupt(int sig)
{
    if (__atomic_load_n(&interrupt_flag, __ATOMIC_RELAXED)) {
        /* Second Ctrl-C: the user wants out now. */
        signal(sig, SIG_DFL);
        raise(sig);
    }
    __atomic_store_n(&interrupt_flag, 1, __ATOMIC_RELAXED);
}

void gfx_interrupt_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
}

int gfx_interrupted(void)
{
    return __atomic_load_n(&interrupt_flag, __ATOMIC_RELAXED);
}

int *gfx_interrupt_flag(void)
{
    return &interrupt_flag;
}
