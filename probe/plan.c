#include "plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "workers.h"

const double gfx_plan_durations_s[GFX_PLAN_DURATIONS] = {30, 210, 600};

/* CPU time of this thread: what one core delivers, whatever else the
 * machine is running at the moment (the wall clock would count that). */
static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

#define MAX_FRAMES 256

/* Median CPU ms of whole frames rendered for about `seconds` (at least 3, after
 * one untimed frame that faults the buffers in). */
static int time_profile(gfx_profile_timing *t, const gfx_frame_size *p,
                        const struct gfx_kernels *k, double seconds)
{
    gfx_frame_fixture f;
    if (gfx_frame_fixture_init(&f, p->width, p->height, 1)) {
        fprintf(stderr, "glyphfx probe: cannot set up a %dx%d frame\n", p->width, p->height);
        return -1;
    }
    double ms[MAX_FRAMES];
    int n = 0;
    gfx_frame_fixture_render(&f, k, p->shaders, 0);
    double start = now_s();
    while (n < MAX_FRAMES && (n < 3 || now_s() - start < seconds)) {
        double t0 = now_s();
        gfx_frame_fixture_render(&f, k, p->shaders, (uint32_t)n + 1);
        ms[n++] = (now_s() - t0) * 1e3;
    }
    gfx_frame_fixture_free(&f);
    qsort(ms, (size_t)n, sizeof ms[0], cmp_double);
    t->profile = p;
    t->frames_measured = n;
    t->ms_per_frame = ms[n / 2];
    return 0;
}

/* What one worker holds per frame size: two frames, the bloom images, the
 * vignette mask, the CRT table and the yuv planes (about 13 bytes a pixel),
 * doubled for the frames queued to the writer. */
static size_t bytes_per_worker(const gfx_frame_size *p)
{
    return (size_t)p->width * (size_t)p->height * 13 * 2;
}

static void pick_profile(gfx_plan *plan, double mem_total_bytes)
{
    const gfx_frame_size *production = &gfx_frame_sizes[gfx_frame_size_find("production")];
    const gfx_frame_size *preview = &gfx_frame_sizes[gfx_frame_size_find("preview")];
    const gfx_profile_timing *t = &plan->timing[production - gfx_frame_sizes];
    double est = t->estimate_s[GFX_PLAN_TARGET_INDEX];
    double mem_gib = mem_total_bytes / (1 << 30);
    if (mem_gib < 4) {
        plan->profile = preview;
        snprintf(plan->profile_why, sizeof plan->profile_why,
                 "preview: %.1f GiB of memory is under the 4 GiB production needs", mem_gib);
    } else if (est > 3600) {
        plan->profile = preview;
        snprintf(plan->profile_why, sizeof plan->profile_why,
                 "preview: production would take %.0f min for a 3.5 min video (over an hour)",
                 est / 60);
    } else {
        plan->profile = production;
        snprintf(plan->profile_why, sizeof plan->profile_why,
                 "production: a 3.5 min video renders in about %.1f min here (under an hour), "
                 "with %.1f GiB of memory",
                 est / 60, mem_gib);
    }
}

int gfx_plan_make(gfx_plan *plan, const struct gfx_kernels *k, double budget_s,
                  double mem_total_bytes)
{
    memset(plan, 0, sizeof *plan);
    gfx_worker_plan workers;
    const gfx_frame_size *production = &gfx_frame_sizes[gfx_frame_size_find("production")];
    gfx_worker_plan_make(&workers, 0, GFX_PIN_CORE, bytes_per_worker(production));
    plan->workers = workers.workers > 0 ? workers.workers : 1;
    snprintf(plan->workers_why, sizeof plan->workers_why, "%s", workers.why);
    plan->measured_what = "kernel chain: clear, blit, the profile's shaders, rgb_to_yuv420p "
                          "(effects, colour and encode not included)";
    double start = now_s();
    for (int i = 0; i < GFX_FRAME_SIZE_COUNT; i++) {
        gfx_profile_timing *t = &plan->timing[i];
        if (time_profile(t, &gfx_frame_sizes[i], k, budget_s / GFX_FRAME_SIZE_COUNT))
            return -1;
        for (int d = 0; d < GFX_PLAN_DURATIONS; d++)
            t->estimate_s[d] = gfx_plan_durations_s[d] * t->profile->fps * t->ms_per_frame
                               / 1e3 / plan->workers;
    }
    plan->measure_s = now_s() - start;
    pick_profile(plan, mem_total_bytes);
    return 0;
}

cJSON *gfx_plan_to_json(const gfx_plan *plan)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *w = cJSON_AddObjectToObject(o, "workers");
    cJSON_AddNumberToObject(w, "count", plan->workers);
    cJSON_AddStringToObject(w, "why", plan->workers_why);
    cJSON *p = cJSON_AddObjectToObject(o, "profile");
    cJSON_AddStringToObject(p, "name", plan->profile->profile);
    cJSON_AddStringToObject(p, "why", plan->profile_why);
    cJSON *m = cJSON_AddObjectToObject(o, "micro_render");
    cJSON_AddStringToObject(m, "pipeline", plan->measured_what);
    cJSON_AddNumberToObject(m, "seconds", plan->measure_s);
    cJSON *profiles = cJSON_AddArrayToObject(m, "profiles");
    for (int i = 0; i < GFX_FRAME_SIZE_COUNT; i++) {
        const gfx_profile_timing *t = &plan->timing[i];
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "name", t->profile->profile);
        cJSON_AddNumberToObject(e, "width", t->profile->width);
        cJSON_AddNumberToObject(e, "height", t->profile->height);
        cJSON_AddNumberToObject(e, "fps", t->profile->fps);
        cJSON_AddNumberToObject(e, "frames_measured", t->frames_measured);
        cJSON_AddNumberToObject(e, "ms_per_frame", t->ms_per_frame);
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
