/* The machine as hwloc and /proc/meminfo describe it, read once per process
 * (the first call reads it, behind pthread_once; every later call, on any
 * thread, gets the same snapshot). The worker plan and pool (workers.h) and
 * `glyphfx probe` (probe/machine.h) all read it from here. */
#ifndef GFX_TOPOLOGY_H
#define GFX_TOPOLOGY_H

#include <stdint.h>

typedef struct gfx_cache_info {
    int level;           /* 1, 2, 3 ... */
    const char *kind;    /* "data", "instruction" or "unified" */
    uint64_t size_bytes; /* of one instance */
    int count;           /* instances in the machine */
} gfx_cache_info;

#define GFX_MAX_CACHE_KINDS 8

typedef struct gfx_topology {
    int loaded; /* hwloc read the machine; when 0 the counts and caches are 0 */
    int packages, numa_nodes, cores, pus; /* as hwloc counts them */
    gfx_cache_info caches[GFX_MAX_CACHE_KINDS];
    int n_caches;
    /* MemTotal and MemAvailable at the first read, in bytes (0: unknown);
     * hwloc does not give MemAvailable: what a render can use without
     * pushing the page cache out */
    uint64_t mem_total_bytes, mem_available_bytes;
} gfx_topology;

/* The snapshot; never NULL. */
const gfx_topology *gfx_topology_get(void);

/* The loaded hwloc topology behind it, for binding threads (hwloc allows
 * concurrent read-only use once loaded); NULL when hwloc could not load it.
 * Owned here: do not destroy it. */
struct hwloc_topology *gfx_topology_hwloc(void);

/* MemTotal and MemAvailable from /proc/meminfo, in bytes, read now; each
 * left as it was when the file or its line is missing. */
void gfx_meminfo_read(uint64_t *total_bytes, uint64_t *available_bytes);

#endif
