/* What glyphfx would do on this machine, from a measurement rather than the
 * seed's fixed 180 ms a frame: a short micro-render of each quality profile,
 * the worker count (render/workers.h's rule), the profile `auto` picks, and
 * the render time it predicts for videos of typical lengths. */
#ifndef GFX_PLAN_H
#define GFX_PLAN_H

#include <cjson/cJSON.h>

#include "frame_fixture.h"
#include "gfx_kernels.h"

#define GFX_PLAN_DURATIONS 3
/* 30 s, 3.5 min and 10 min. */
extern const double gfx_plan_durations_s[GFX_PLAN_DURATIONS];
/* The length `auto` plans for (a song): 3.5 min. */
#define GFX_PLAN_TARGET_INDEX 1

typedef struct gfx_profile_timing {
    const gfx_frame_size *profile;
    int frames_measured;
    double ms_per_frame;      /* median CPU time over the measured frames, one worker */
    double estimate_s[GFX_PLAN_DURATIONS]; /* render time with the planned workers */
} gfx_profile_timing;

typedef struct gfx_plan {
    int workers;
    char workers_why[256];
    const gfx_frame_size *profile; /* what `auto` picks */
    char profile_why[256];
    const char *measured_what;     /* which pipeline the micro-render ran */
    double measure_s;              /* CPU seconds the micro-render took */
    gfx_profile_timing timing[GFX_FRAME_SIZE_COUNT];
} gfx_plan;

/* Runs the micro-render (about budget_s seconds in all, at least 3 frames
 * per profile) with kernel table k. Returns 0, or -1 after a line on stderr
 * (out of memory, font missing). */
int gfx_plan_make(gfx_plan *plan, const struct gfx_kernels *k, double budget_s,
                  double mem_total_bytes);
cJSON *gfx_plan_to_json(const gfx_plan *plan);

#endif
