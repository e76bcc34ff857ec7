/* Embers: sparks rise from the bottom, swaying, flickering and cooling.
 *
 * Spawning is a fixed clock of `rate` slots per second; slot k (at time
 * k / rate) spawns an ember when its hash falls under a probability set by
 * the features of the frame it falls in, so loud passages are dense and
 * quiet ones sparse. Position and glow are closed-form in the ember's age.
 * Slots are visited newest first, so the particle cap drops the oldest. */
#include "fx_common.h"

enum { EMBER_STREAM = 0x656d6272, EMBER_GLOW = 0x676c6f77, EMBER_SMOKE = 0x736d6f6b };
enum { P_RATE, P_RISE, P_LIFE, P_SWAY, P_REACT, P_GLOW };

static const gfx_param_desc embers_params[] = {
    {"rate", 900.0f, 10.0f, 2000.0f, "spawn slots per second (loudness decides which spawn)"},
    {"rise", 24.0f, 1.0f, 60.0f, "mean rise speed, cell widths per second"},
    {"life", 3.5f, 0.5f, 10.0f, "longest ember life, seconds"},
    {"sway", 2.0f, 0.0f, 10.0f, "side-to-side sway, cell widths"},
    {"reactivity", 0.8f, 0.0f, 1.0f, "how much loudness sets the density"},
    {"glow", 0.5f, 0.0f, 0.6f, "brightness of the bed of coals along the bottom"},
};

#define GLOW_ROWS 0.65f       /* share of the grid the heat glow rises into */
#define GLOW_TOP_OFFSET 0.08f /* glow cut below the top of that band, unevenly */

/* A dim, slowly flowing glow along the bottom, brighter when loud: the bed
 * of coals the embers rise from; above it, faint smoke rising over the
 * whole screen (a third of the glow's brightness). */
static void heat_glow(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    const gfx_features *ft = ctx->feat;
    float react = fx_param(ctx, P_REACT), t = (float)ctx->time;
    float level =
        fx_param(ctx, P_GLOW) * (0.5f + 0.5f * (react * ft->rms_fast + (1.0f - react) * 0.5f));
    float glow_rows = fx_maxf(1.0f, GLOW_ROWS * (float)g->rows);
    uint32_t key = fx_hash3(ctx->seed, EMBER_GLOW, 0);
    fx_cloud_style smoke = {.scale = 0.08f,
                            .rise = 0.6f * t,
                            .level = 0.35f * level,
                            .hue0 = 0.0f,
                            .hue_span = 0.1f,
                            .cover = 0.5f};
    fx_clouds(g, fx_hash3(ctx->seed, EMBER_SMOKE, 0), &smoke, value, hue);
    for (int r = g->rows - 1; r >= 0 && (float)(g->rows - 1 - r) < glow_rows; r--) {
        float up = (float)(g->rows - 1 - r) / glow_rows;
        float *row = value + (size_t)r * g->cols, noise[FX_MAX_COLS];
        int cols = g->cols < FX_MAX_COLS ? g->cols : FX_MAX_COLS;
        fx_noise_row(key, 0.15f, (float)(g->rows - 1 - r) * 0.35f + t * 1.2f, cols, noise);
        for (int c = 0; c < cols; c++) {
            /* the offset ends the glow below the band's top, at a height
             * the noise varies: a ragged top, not a straight line */
            float v = level * fx_maxf(0.0f, (1.0f - up) * (1.0f - up) * (0.4f + 0.6f * noise[c]) -
                                                GLOW_TOP_OFFSET);
            if (v > row[c]) { /* over the smoke */
                row[c] = v;
                hue[(size_t)r * g->cols + c] = 0.05f + 0.3f * (1.0f - up);
            }
        }
    }
}

static void embers_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    double rate = fx_param(ctx, P_RATE), t = ctx->time;
    float life = fx_param(ctx, P_LIFE), rise = fx_param(ctx, P_RISE), sway = fx_param(ctx, P_SWAY);
    float react = fx_param(ctx, P_REACT);
    float height = (float)g->rows * g->aspect;
    int64_t newest = (int64_t)(t * rate), oldest = (int64_t)((t - life) * rate);
    int budget = fx_particle_cap(ctx, &gfx_fx_embers);

    heat_glow(ctx, value, hue);
    for (int64_t k = newest; k >= 0 && k >= oldest && budget > 0; k--) {
        double born = (double)k / rate;
        float age = (float)(t - born);
        const gfx_features *at = fx_features(ctx, (int)(born * ctx->fps));
        float energy = react * (0.6f * at->rms_fast + 0.4f * at->bands_fast[GFX_BAND_HIGHMID]) +
                       (1.0f - react) * 0.5f;
        uint32_t h = fx_hash3(ctx->seed, EMBER_STREAM, (uint32_t)k);
        if (fx_draw(h, 0) >= 0.3f + 0.7f * energy + 0.4f * at->beat_env)
            continue;
        float ember_life = life * (0.4f + 0.6f * fx_draw(h, 1));
        if (age >= ember_life)
            continue;
        budget--;
        float x0 = (float)g->cols * fx_draw(h, 2);
        float y0 = height * (1.0f - 0.12f * fx_draw(h, 3) * fx_draw(h, 3));
        float vy = rise * (0.5f + fx_draw(h, 4)) * (0.7f + 0.6f * energy);
        float drift = rise * 0.3f * (fx_draw(h, 5) - 0.5f);
        float phase = FX_TAU * fx_draw(h, 6), wobble = 1.5f + 2.0f * fx_draw(h, 7);
        float x = x0 + drift * age + sway * fx_sin(age * wobble + phase);
        float y = y0 - vy * age * (1.0f - 0.2f * age / ember_life); /* slows as it cools */
        float heat = 1.0f - age / ember_life;
        float fade_in = fx_minf(1.0f, age * 5.0f);
        float flicker = 0.75f + 0.25f * fx_sin(age * 17.0f + phase);
        float glow = fade_in * (0.3f + 0.7f * heat) * (0.7f + 0.3f * energy) * flicker;
        float ember_hue = 0.05f + 0.45f * heat; /* hot end of the palette when young */
        fx_splat_glow(g, value, hue, x, y, glow, ember_hue, 0.45f);
        fx_splat(g, value, hue, x - drift * 0.08f, y + g->aspect, 0.4f * glow, ember_hue);
    }
}

const gfx_effect_desc gfx_fx_embers = {
    .name = "embers",
    .summary = "embers: rising, swaying sparks, denser when loud",
    .render = embers_render,
    .params = embers_params,
    .n_params = sizeof embers_params / sizeof embers_params[0],
    .default_ramp = "stars",
    .particle_caps = {500, 1500, 3000},
    .group = GFX_EFFECT_PARTICLES,
};
