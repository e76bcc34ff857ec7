/* What glyphfx would do on this machine, from a measurement rather than the
 * seed's fixed 180 ms a frame: a short micro-render of each quality profile
 * (render/run/profile.h's gfx_profile_measure_ms: the whole pipeline), the
 * worker count (render/run/workers.h's rule), the profile `auto` picks
 * (gfx_profile_choose), and the render time it predicts for videos of
 * typical lengths. */
#ifndef GFX_PLAN_H
#define GFX_PLAN_H

#include <cjson/cJSON.h>

#include "profile.h"
#include "status.h"

#define GFX_PLAN_DURATIONS 3
/* 30 s, 3.5 min and 10 min. */
extern const double gfx_plan_durations_s[GFX_PLAN_DURATIONS];
/* The length `auto` plans for (a song), and the seed's limit: downgrade when
 * the render would take over an hour. */
#define GFX_PLAN_TARGET_S 210.0
#define GFX_PLAN_BUDGET_S 3600.0

typedef struct gfx_profile_timing {
    const gfx_profile *profile;
    int frames_measured;
    double ms_per_frame;                   /* median over the measured frames, one worker */
    double estimate_s[GFX_PLAN_DURATIONS]; /* render time with the planned workers */
} gfx_profile_timing;

typedef struct gfx_plan {
    int workers;
    char workers_why[256];
    const gfx_profile *profile; /* what `auto` picks */
    char profile_why[256];
    double measure_s; /* wall time the micro-render took */
    gfx_profile_timing timing[GFX_PROFILES];
} gfx_plan;

/* Runs the micro-render (about a second: a few frames per profile).
 * Returns GFX_OK, or GFX_FAILED with one line in err (a renderer could not
 * be made). */
gfx_status gfx_plan_make(gfx_plan *plan, char *err, size_t err_size);
cJSON *gfx_plan_to_json(const gfx_plan *plan);

#endif
