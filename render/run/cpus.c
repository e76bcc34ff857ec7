/* The CPUs this process may use: see cpus.h. */
#include "cpus.h"

#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>

int gfx_cpus_available(char *source, size_t size)
{
    const char *slurm = getenv("SLURM_CPUS_PER_TASK");
    if (slurm && *slurm) {
        char *end;
        errno = 0;
        long n = strtol(slurm, &end, 10);
        if (!errno && *end == '\0' && n > 0 && n <= INT_MAX) {
            if (source)
                snprintf(source, size, "SLURM_CPUS_PER_TASK=%ld", n);
            return (int)n;
        }
    }
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0) {
        if (source)
            snprintf(source, size, "affinity mask");
        return CPU_COUNT(&set);
    }
    if (source)
        snprintf(source, size, "unknown");
    return 0;
}
