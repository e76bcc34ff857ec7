#include "plan.h"

#include <stdio.h>
#include <string.h>

#include "workers.h"
#include "timing.h"

const double gfx_plan_durations_s[GFX_PLAN_DURATIONS] = {30, 210, 600};

/* Frames to time per profile: enough for a median, few enough that the
 * whole probe stays near a second (4K frames cost 4x 1080p ones). */
static int frames_for(int profile_index)
{
    return profile_index == GFX_PROFILE_MAX ? 5 : 11;
}

gfx_status gfx_plan_make(gfx_plan *plan, char *err, size_t err_size)
{
    memset(plan, 0, sizeof *plan);
    gfx_worker_plan workers;
    gfx_worker_plan_make(&workers, 0, GFX_PIN_CORE,
                         gfx_profile_worker_bytes(gfx_profile_at(GFX_PROFILE_PRODUCTION)));
    plan->workers = workers.workers > 0 ? workers.workers : 1;
    snprintf(plan->workers_why, sizeof plan->workers_why, "%s", workers.why);
    double start = gfx_now_s(), ms[GFX_PROFILES];
    for (int i = 0; i < GFX_PROFILES; i++) {
        gfx_profile_timing *t = &plan->timing[i];
        t->profile = gfx_profile_at(i);
        t->frames_measured = frames_for(i);
        t->ms_per_frame = ms[i] = gfx_profile_measure_ms(t->profile, t->frames_measured);
        if (t->ms_per_frame < 0)
            return gfx_fail(err, err_size, GFX_FAILED, "cannot make a %s renderer (%dx%d)",
                            t->profile->name, t->profile->width, t->profile->height);
        for (int d = 0; d < GFX_PLAN_DURATIONS; d++)
            t->estimate_s[d] =
                gfx_plan_durations_s[d] * t->profile->fps * t->ms_per_frame / 1e3 / plan->workers;
    }
    plan->measure_s = gfx_now_s() - start;
    plan->profile = gfx_profile_choose(ms, plan->workers, GFX_PLAN_TARGET_S, GFX_PLAN_BUDGET_S,
                                       plan->profile_why, (int)sizeof plan->profile_why);
    return GFX_OK;
}

cJSON *gfx_plan_to_json(const gfx_plan *plan)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *w = cJSON_AddObjectToObject(o, "workers");
    cJSON_AddNumberToObject(w, "count", plan->workers);
    cJSON_AddStringToObject(w, "why", plan->workers_why);
    cJSON *p = cJSON_AddObjectToObject(o, "profile");
    cJSON_AddStringToObject(p, "name", plan->profile->name);
    cJSON_AddStringToObject(p, "why", plan->profile_why);
    cJSON *m = cJSON_AddObjectToObject(o, "micro_render");
    cJSON_AddNumberToObject(m, "seconds", plan->measure_s);
    cJSON *profiles = cJSON_AddArrayToObject(m, "profiles");
    for (int i = 0; i < GFX_PROFILES; i++) {
        const gfx_profile_timing *t = &plan->timing[i];
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "name", t->profile->name);
        cJSON_AddNumberToObject(e, "width", t->profile->width);
        cJSON_AddNumberToObject(e, "height", t->profile->height);
        cJSON_AddNumberToObject(e, "fps", t->profile->fps);
        cJSON_AddNumberToObject(e, "frames_measured", t->frames_measured);
        cJSON_AddNumberToObject(e, "ms_per_frame", t->ms_per_frame);
        cJSON_AddNumberToObject(e, "encoder_bytes", (double)gfx_profile_encoder_bytes(t->profile));
        cJSON *est = cJSON_AddObjectToObject(e, "estimate_s");
        for (int d = 0; d < GFX_PLAN_DURATIONS; d++) {
            char key[16];
            snprintf(key, sizeof key, "%.0f", gfx_plan_durations_s[d]);
            cJSON_AddNumberToObject(est, key, t->estimate_s[d]);
        }
        cJSON_AddItemToArray(profiles, e);
    }
    return o;
}
