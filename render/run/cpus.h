/* The CPUs this process may use: what a worker plan counts, so that a shard
 * of a cluster job takes its own share of a node, not the node's cores. */
#ifndef GFX_CPUS_H
#define GFX_CPUS_H

#include <stddef.h>

/* SLURM_CPUS_PER_TASK when it is set to a positive number (a Slurm task on
 * a node it may share, where the affinity mask need not be confined), else
 * the number of CPUs in this process's affinity mask (sched_getaffinity), or
 * 0 when neither is known. `source` (may be NULL) gets what the number came
 * from, e.g. "SLURM_CPUS_PER_TASK=2" or "affinity mask". */
int gfx_cpus_available(char *source, size_t size);

#endif
