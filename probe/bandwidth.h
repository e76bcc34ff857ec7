/* This machine's memory bandwidths, measured: a STREAM-like triad
 * (a[i] = b[i] + s * c[i], doubles) and copy (a[i] = b[i]) with working sets
 * sized from the caches hwloc reports, so each row is the bandwidth of one
 * level (L1, L2, L3 ... and DRAM), on one core and on every core at once
 * (one thread per core, bound to it). Bytes are counted the STREAM way:
 * 24 per triad element, 16 per copy element (no write-allocate traffic).
 * Each figure is the best of a few repetitions: noise on a shared machine
 * only ever takes bandwidth away.
 *
 * The roofline of `glyphfx bench` divides what a stage achieves by the row
 * its working set fits in. */
#ifndef GFX_BANDWIDTH_H
#define GFX_BANDWIDTH_H

#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "machine.h"

#define GFX_BW_MAX_LEVELS 6

typedef struct gfx_bw_level {
    char name[8];           /* "L1", "L2", "L3", "DRAM" */
    uint64_t cache_bytes;   /* the size of one instance of the level; 0 for DRAM */
    uint64_t working_set;   /* bytes of the three arrays on one core */
    double triad_1, copy_1; /* GB/s, one core */
    double triad_n, copy_n; /* GB/s, `threads` cores together */
} gfx_bw_level;

typedef struct gfx_bandwidth {
    gfx_bw_level levels[GFX_BW_MAX_LEVELS]; /* caches first, innermost first; DRAM last */
    int n_levels;
    int threads;    /* cores measured together (the all-cores columns) */
    int pinned;     /* 1 when every thread was bound to its own core */
    int quick;      /* measured with --quick's smaller repetitions */
    double seconds; /* how long the measurement took */
} gfx_bandwidth;

/* Measures every level of `m` (gfx_machine_probe's caches; a machine without
 * cache information gets DRAM only). quick: fewer repetitions and a smaller
 * DRAM array (about half a second on a small machine instead of a few).
 * Returns 0, or GFX_FAILED with one line in err (out of memory, threads). */
int gfx_bandwidth_measure(gfx_bandwidth *bw, const gfx_machine *m, int quick, char *err,
                          size_t err_size);

/* The level whose cache a working set of `bytes` fits in (the whole cache:
 * the level it is served from), DRAM for anything larger; NULL if empty. */
const gfx_bw_level *gfx_bandwidth_level_for(const gfx_bandwidth *bw, double bytes);

/* {"threads":2,"pinned":true,"quick":false,"seconds":1.2,"levels":[{"level":"L1",
 *  "cache_bytes":..,"working_set_bytes":..,"triad_gbps_1core":..,"copy_gbps_1core":..,
 *  "triad_gbps_all":..,"copy_gbps_all":..},...]} */
cJSON *gfx_bandwidth_to_json(const gfx_bandwidth *bw);
/* The reverse; returns 0, or -1 when `o` is not such an object. */
int gfx_bandwidth_from_json(gfx_bandwidth *bw, const cJSON *o);

#endif
