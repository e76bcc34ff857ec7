/* 3D starfield: stars fly at the viewer from a fixed field of positions,
 * projected by 1 / depth, drawn with streaks that stretch with loudness and
 * beats. A star's depth is a sawtooth in time (phase + speed * t, wrapped),
 * and every wrap draws it a fresh position from the hash: no state. */
#include "fx_common.h"

enum { STAR_STREAM = 0x73746172, STAR_NEBULA = 0x6e656275 };
enum { P_STARS, P_SPEED, P_FOV, P_STREAK, P_REACT, P_NEBULA };

static const gfx_param_desc starfield_params[] = {
    {"stars", 800.0f, 50.0f, 3000.0f, "number of stars (capped by the quality profile)"},
    {"speed", 0.35f, 0.05f, 3.0f, "flights per second through the field"},
    {"fov", 0.5f, 0.2f, 2.0f, "spread of the field, half-widths of the screen"},
    {"streak", 1.0f, 0.0f, 4.0f, "streak length"},
    {"reactivity", 0.7f, 0.0f, 1.0f, "how much loudness and beats stretch and light them"},
    {"nebula", 0.14f, 0.0f, 0.35f, "brightness of the faint drifting clouds behind the stars"},
};

#define STAR_NEAREST 0.03f
#define STAR_MAX_STREAK_STEPS 16

/* Faint clouds of value noise drifting slowly behind the stars (kept below
 * the faintest star). */
static void nebula(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    float level = fx_param(ctx, P_NEBULA), t = (float)ctx->time;
    uint32_t key = fx_hash3(ctx->seed, STAR_NEBULA, 0);
    for (int r = 0; r < g->rows; r++) {
        float *v = value + (size_t)r * g->cols, *h = hue + (size_t)r * g->cols;
        fx_noise_row(key, 0.07f, (float)r * g->aspect * 0.07f + 0.05f * t, g->cols, v);
        for (int c = 0; c < g->cols; c++) {
            float cloud = fx_clamp01(1.7f * v[c] - 0.5f); /* clouds with gaps between */
            h[c] = fx_frac(0.6f + 0.25f * v[c]);
            v[c] = level * cloud * cloud;
        }
    }
}

static void starfield_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    const gfx_features *ft = ctx->feat;
    float react = fx_param(ctx, P_REACT);
    float drive = react * (0.5f * ft->rms_fast + ft->beat_env);
    float cx = 0.5f * (float)(g->cols - 1), cy = 0.5f * (float)(g->rows - 1) * g->aspect;
    float scale = fx_param(ctx, P_FOV) * 0.5f * (float)g->cols;
    float speed = fx_param(ctx, P_SPEED);
    float trail_depth = fx_param(ctx, P_STREAK) * speed * (0.04f + 0.25f * drive);
    float level = 0.65f + 0.35f * drive;
    int cap = fx_particle_cap(ctx, &gfx_fx_starfield);
    int stars = (int)fx_param(ctx, P_STARS);
    if (stars > cap)
        stars = cap;

    nebula(ctx, value, hue);
    for (int j = 0; j < stars; j++) {
        uint32_t h = fx_hash3(ctx->seed, STAR_STREAM, (uint32_t)j);
        double travel = fx_draw(h, 0) + ctx->time * speed * (0.7 + 0.6 * fx_draw(h, 1));
        int64_t flight = (int64_t)travel;
        float progress = (float)(travel - (double)flight);
        uint32_t hf = gfx_hash32(h ^ (uint32_t)flight * 0x2545f491U);
        float x = 2.0f * fx_draw(hf, 0) - 1.0f, y = 2.0f * fx_draw(hf, 1) - 1.0f;
        float z = 1.0f - (1.0f - STAR_NEAREST) * progress;
        float z_tail = fx_minf(1.0f, z + trail_depth);
        float near = 1.0f - z;
        float glow = level * (0.3f + 0.7f * near);
        float star_hue = fx_frac(0.55f + 0.15f * fx_draw(hf, 2));
        float hx = cx + x * scale / z, hy = cy + y * scale / z;
        float tx = cx + x * scale / z_tail, ty = cy + y * scale / z_tail;
        float len = fx_maxf(fx_maxf(hx - tx, tx - hx), fx_maxf(hy - ty, ty - hy) / g->aspect);
        int steps = len < 1.0f ? 0 : len > STAR_MAX_STREAK_STEPS ? STAR_MAX_STREAK_STEPS : (int)len;
        for (int s = steps; s >= 1; s--) {
            float w = (float)s / (float)(steps + 1); /* 0 head .. 1 tail */
            fx_splat(g, value, hue, hx + (tx - hx) * w, hy + (ty - hy) * w,
                     glow * (1.0f - w) * 0.8f, star_hue);
        }
        fx_splat_glow(g, value, hue, hx, hy, glow, star_hue, 0.4f * near);
    }
}

const gfx_effect_desc gfx_fx_starfield = {
    .name = "starfield",
    .summary = "3D starfield: stars rushing at the viewer, streaking on beats",
    .render = starfield_render,
    .params = starfield_params,
    .n_params = sizeof starfield_params / sizeof starfield_params[0],
    .default_ramp = "stars",
    .particle_caps = {300, 800, 1500},
    .group = GFX_EFFECT_PARTICLES,
};
