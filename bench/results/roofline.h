/* The roofline and worker-scaling parts of a results file, as `glyphfx bench`
 * adds them (tools/bench_roofline.c):
 *   context.glyphfx_bandwidth  this machine's bandwidths per level (probe/bandwidth.h's JSON)
 *   context.glyphfx_scaling    {"command", "duration_s", "points": [{"workers", "fps",
 *                              "speedup", "efficiency"}...]}
 *   per benchmark with GB/s:   "bytes_per_frame", "roofline_level" (the level its working set
 *                              fits in), "roofline_gbps" (that level's one-core ceiling: the
 *                              better of triad and copy) and "roofline_share" (GB/s / ceiling)
 * Read here without probe/, so the report draws them from a file alone. */
#ifndef GFX_ROOFLINE_H
#define GFX_ROOFLINE_H

#include "bench_results.h"

#define GFX_ROOFLINE_MAX_LEVELS 8
#define GFX_ROOFLINE_MAX_WORKERS 512

typedef struct gfx_roofline_ceiling {
    char level[8];      /* "L1" ... "DRAM" */
    double cache_bytes; /* 0 for DRAM */
    double gbps_1;      /* one core: max(triad, copy) */
    double gbps_all;    /* every core together: max(triad, copy) */
} gfx_roofline_ceiling;

typedef struct gfx_roofline_stage {
    const char *name; /* stage/isa/size, pointing into the results */
    double bytes_per_frame, gbps, ceiling_gbps, share;
    double working_set; /* the bench's working_set_bytes, else bytes_per_frame */
    char level[8];
} gfx_roofline_stage;

typedef struct gfx_scaling_point {
    int workers;
    double fps, speedup, efficiency;
} gfx_scaling_point;

typedef struct gfx_roofline {
    gfx_roofline_ceiling ceilings[GFX_ROOFLINE_MAX_LEVELS]; /* innermost first, DRAM last */
    int n_ceilings, threads;
    gfx_roofline_stage *stages; /* one per benchmark that has a share, in file order */
    int n_stages;
    gfx_scaling_point points[GFX_ROOFLINE_MAX_WORKERS];
    int n_points;
    double scaling_duration_s;
    const char *scaling_command; /* "" if none */
} gfx_roofline;

/* Reads what the file has (any part may be absent: n_ceilings, n_stages or
 * n_points is then 0). Returns 0, or -1 when out of memory. */
int gfx_roofline_read(const gfx_bench_results *r, gfx_roofline *rl);
void gfx_roofline_free(gfx_roofline *rl);

/* The stages a reader wants to see: the best ISA of the file (context
 * isa_best) and the plain-C stages ("c"), not the reference copies. */
int gfx_roofline_stage_shown(const gfx_bench_results *r, const char *name);

#endif
