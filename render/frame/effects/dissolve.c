/* Dissolve: a glowing disc forms, holds, then crumbles from its rim inwards
 * into particles that drift up and away; then it forms again.
 *
 * Every cycle of `period` seconds has the same schedule: form (0-20%), hold,
 * dissolve (45-95%: the front runs from the rim to the centre), empty. A body
 * cell is released when the front passes it (plus a hashed jitter: a ragged
 * edge); particle k of a cycle is released at the front at a hashed angle,
 * at time 45% + 50% * k / K, and flies in closed form from there. The disc's
 * rim wobbles and swells with the bass. Newest particles first under the cap.
 * Behind it all, dust clouds rise slowly, and the rim's outline glows
 * faintly even while the disc is gone, pulsing on the beats: the mould it
 * reforms in. */
#include "fx_common.h"

#include <math.h>

enum { DISSOLVE_STREAM = 0x6469736f, DISSOLVE_CELLS = 0x63656c6c, DISSOLVE_DUST = 0x64757374 };
enum { P_PERIOD, P_RADIUS, P_PARTICLES, P_DRIFT, P_LIFE, P_REACT, P_DUST };

static const gfx_param_desc dissolve_params[] = {
    {"period", 6.0f, 2.0f, 20.0f, "seconds per form-hold-dissolve cycle"},
    {"radius", 0.95f, 0.2f, 1.0f, "disc radius, fraction of the half short side"},
    {"particles", 1500.0f, 50.0f, 3000.0f, "particles released per cycle"},
    {"drift", 12.0f, 1.0f, 60.0f, "particle speed, cell widths per second"},
    {"life", 2.0f, 0.3f, 6.0f, "longest particle life, seconds"},
    {"reactivity", 0.7f, 0.0f, 1.0f, "how much the bass swells the disc"},
    {"dust", 0.3f, 0.0f, 0.8f, "brightness of the dust clouds and the rim's outline"},
};

#define FORM_END 0.2f
#define DISSOLVE_START 0.45f
#define DISSOLVE_SPAN 0.5f
#define EDGE_JITTER 0.15f /* share of the dissolve span taken by the ragged edge */

typedef struct disc {
    float radius, swell, cx, cy, t, period;
} disc;

static float rim_radius(const disc *d, float angle)
{
    return d->radius * (1.0f + 0.06f * fx_sin(5.0f * angle + 2.0f * d->t) + d->swell);
}

static void draw_body(const gfx_effect_ctx *ctx, const disc *d, float phase, uint32_t cycle,
                      float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    float span = DISSOLVE_SPAN * d->period, start = DISSOLVE_START * d->period;
    float form = fx_clamp01(phase / (FORM_END * d->period));
    float level = (0.5f + 0.5f * ctx->feat->rms_fast) * form;
    float outline = 0.6f * fx_param(ctx, P_DUST) * (0.7f + 0.6f * ctx->feat->beat_env);
    uint32_t key = fx_hash3(ctx->seed, DISSOLVE_CELLS, cycle);
    int n = g->rows * g->cols;
    for (int i = 0; i < n; i++) {
        float rim = rim_radius(d, g->angle[i]);
        float inside = 1.0f - g->dist[i] / rim;
        float ring = outline * fx_bump((g->dist[i] - rim) * 0.4f);
        /* the front reaches the rim (inside 0) first and the centre (inside 1) last */
        float release = start + span * ((1.0f - EDGE_JITTER) * inside +
                                        EDGE_JITTER * fx_unit(gfx_hash32(key ^ (uint32_t)i)));
        float v = 0.0f;
        if (inside > 0.0f && phase < release) {
            float texture = 0.5f + 0.5f * fx_sin(g->dist[i] * 0.6f - 3.0f * d->t);
            float heating = fx_clamp01(1.0f - (release - phase) * 3.0f); /* glows before it goes */
            v = fx_clamp01(level * (0.25f + 0.6f * texture) + 0.5f * heating);
        }
        v = fx_maxf(v, ring);
        if (v > value[i]) { /* over the dust */
            value[i] = v;
            hue[i] = fx_frac(g->angle[i] * (1.0f / FX_TAU) + 0.05f * d->t + 0.5f);
        }
    }
}

/* Particles of one cycle released at or before `phase`, newest first;
 * `age_offset` is added to the ages (one period for the previous cycle). */
static int draw_particles(const gfx_effect_ctx *ctx, const disc *d, float phase, float age_offset,
                          uint32_t cycle, int budget, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    int per_cycle = (int)fx_param(ctx, P_PARTICLES);
    float life = fx_param(ctx, P_LIFE), drift = fx_param(ctx, P_DRIFT);
    float span = DISSOLVE_SPAN * d->period, start = DISSOLVE_START * d->period;
    int newest = (int)((phase - start) / span * (float)per_cycle);
    if (newest > per_cycle - 1)
        newest = per_cycle - 1;
    uint32_t key = fx_hash3(ctx->seed, DISSOLVE_STREAM, cycle);
    for (int k = newest; k >= 0 && budget > 0; k--) {
        float s = (float)k / (float)per_cycle;
        float age = phase - (start + span * s) + age_offset;
        if (age > life)
            break; /* older ones are older still */
        uint32_t h = gfx_hash32(key + (uint32_t)k * 0x9e3779b9U);
        float particle_life = life * (0.5f + 0.5f * fx_draw(h, 0));
        if (age >= particle_life)
            continue;
        budget--;
        float angle = FX_TAU * fx_draw(h, 1) - FX_PI;
        float ca = fx_cos(angle), sa = fx_sin(angle);
        float home = rim_radius(d, angle) * (1.0f - s);
        float speed = drift * (0.3f + 0.7f * fx_draw(h, 2));
        float vx = ca * speed + drift * 0.3f * (fx_draw(h, 3) - 0.5f);
        float vy = sa * speed * 0.6f - drift * 0.5f;
        fx_drag m = fx_drag_at(1.2f, age);
        float x = d->cx + ca * home + vx * m.reach;
        float y = d->cy + sa * home + vy * m.reach - 6.0f * m.fall; /* buoyant: drifts up */
        float fade = 1.0f - age / particle_life;
        fx_splat_glow(g, value, hue, x, y, 0.9f * fade * (0.5f + 0.5f * fade),
                      fx_frac(angle * (1.0f / FX_TAU) + 0.05f * d->t + 0.5f + 0.15f * age), 0.5f);
    }
    return budget;
}

static void dissolve_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    float react = fx_param(ctx, P_REACT);
    float height = (float)g->rows * g->aspect;
    disc d;
    d.t = (float)ctx->time;
    d.period = fx_param(ctx, P_PERIOD);
    d.radius = fx_param(ctx, P_RADIUS) * 0.5f * fx_minf((float)g->cols, height);
    d.swell = 0.12f * react * ctx->feat->bands_fast[GFX_BAND_BASS];
    d.cx = 0.5f * (float)(g->cols - 1);
    d.cy = 0.5f * (float)(g->rows - 1) * g->aspect;
    double cycles = ctx->time / d.period;
    uint32_t cycle = (uint32_t)(int64_t)floor(cycles);
    float phase = (float)(cycles - floor(cycles)) * d.period;
    int budget = fx_particle_cap(ctx, &gfx_fx_dissolve);

    fx_cloud_style dust = {.scale = 0.06f,
                           .rise = 0.15f * d.t,
                           .level = fx_param(ctx, P_DUST) * (0.6f + 0.4f * ctx->feat->rms_fast),
                           .hue0 = 0.0f,
                           .hue_span = 0.3f,
                           .cover = 0.62f};
    fx_clouds(g, fx_hash3(ctx->seed, DISSOLVE_DUST, 0), &dust, value, hue);
    draw_body(ctx, &d, phase, cycle, value, hue);
    budget = draw_particles(ctx, &d, phase, 0.0f, cycle, budget, value, hue);
    if (cycle > 0)
        draw_particles(ctx, &d, d.period, phase, cycle - 1, budget, value, hue);
}

const gfx_effect_desc gfx_fx_dissolve = {
    .name = "dissolve",
    .summary = "dissolve: a glowing disc crumbles into drifting particles and reforms",
    .render = dissolve_render,
    .params = dissolve_params,
    .n_params = sizeof dissolve_params / sizeof dissolve_params[0],
    .default_ramp = "default",
    .particle_caps = {200, 600, 1200},
    .group = GFX_EFFECT_PARTICLES,
};
