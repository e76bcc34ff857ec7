/* Rings: soft concentric waves, plus a bright ring launched from the centre
 * by every beat of the last `life` seconds (replayed from the feature track:
 * radius = speed * age, fading with age, strength from the bass at the beat). */
#include "fx_common.h"

#include <math.h>

enum { RINGS_STREAM = 0x72696e67 };
enum { P_SPEED, P_LIFE, P_WIDTH, P_WAVES, P_REACT };

static const gfx_param_desc rings_params[] = {
    {"speed", 30.0f, 5.0f, 120.0f, "beat ring growth, cell widths per second"},
    {"life", 2.0f, 0.3f, 6.0f, "seconds a beat ring lasts"},
    {"width", 4.0f, 0.5f, 12.0f, "beat ring half-width, cell widths"},
    {"waves", 0.95f, 0.0f, 1.0f, "brightness of the background waves"},
    {"reactivity", 0.7f, 0.0f, 1.0f, "how much bass drives waves and rings"},
};

#define RINGS_MAX_EVENTS 16

typedef struct beat_ring {
    float radius, inv_width, strength, hue;
} beat_ring;

static int collect_rings(const gfx_effect_ctx *ctx, beat_ring *out)
{
    float life = fx_param(ctx, P_LIFE), react = fx_param(ctx, P_REACT);
    int beats[RINGS_MAX_EVENTS];
    int n = fx_recent_beats(ctx, (int)(life * ctx->fps) + 1, beats, RINGS_MAX_EVENTS);
    for (int e = 0; e < n; e++) {
        float age = (float)((ctx->frame - beats[e]) / ctx->fps);
        const gfx_features *at = fx_features(ctx, beats[e]);
        float fade = 1.0f - age / life;
        out[e].radius = age * fx_param(ctx, P_SPEED);
        out[e].inv_width = 1.0f / (fx_param(ctx, P_WIDTH) * (1.0f + 0.5f * age));
        out[e].strength =
            sqrtf(fade) * (0.7f + 0.3f * (react * at->bands[GFX_BAND_BASS] + 1.0f - react));
        out[e].hue = fx_unit(fx_hash3(ctx->seed, RINGS_STREAM, (uint32_t)beats[e]));
    }
    return n;
}

static void rings_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    const gfx_features *ft = ctx->feat;
    float t = (float)ctx->time, react = fx_param(ctx, P_REACT);
    float waves = fx_param(ctx, P_WAVES) * (0.6f + 0.4f * (react * ft->rms_fast + 1.0f - react));
    float freq = 0.45f - 0.15f * react * ft->bands_slow[GFX_BAND_BASS];
    beat_ring ring[RINGS_MAX_EVENTS];
    int n_rings = collect_rings(ctx, ring);
    int n = g->rows * g->cols;

    for (int i = 0; i < n; i++) {
        float d = g->dist[i];
        float crest = 0.5f + 0.5f * fx_sin(d * freq - 3.0f * t);
        float v = waves * crest * (1.0f - 0.3f * g->dist_n[i]);
        float h = fx_frac(0.55f + 0.3f * g->dist_n[i] + 0.02f * t);
        for (int e = 0; e < n_rings; e++) {
            float lit = ring[e].strength * fx_bump((d - ring[e].radius) * ring[e].inv_width);
            if (lit > v) {
                v = lit;
                h = ring[e].hue;
            }
        }
        value[i] = fx_clamp01(v);
        hue[i] = h;
    }
}

const gfx_effect_desc gfx_fx_rings = {
    .name = "rings",
    .summary = "rings: concentric waves and a ring launched by every beat",
    .render = rings_render,
    .params = rings_params,
    .n_params = sizeof rings_params / sizeof rings_params[0],
    .default_ramp = "default",
    .group = GFX_EFFECT_CLASSIC,
};
