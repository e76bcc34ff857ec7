/* Fire columns: a flame front whose height per column follows the spectrum
 * (bass in the middle, treble at the sides), torn by value noise that rises
 * with time. Hue runs with heat over the first half of the hue circle, which
 * a gradient palette reads as its whole length (palette.h): cool tips at the
 * palette's start, the hot base at its end. */
#include "fx_common.h"

enum { FIRE_STREAM = 0x66697265, FIRE_FLICKER = 0x666c6963 };
enum { P_HEIGHT, P_TURBULENCE, P_RISE, P_REACT };

static const gfx_param_desc fire_params[] = {
    {"height", 0.95f, 0.1f, 1.0f, "flame height at full energy, fraction of the grid"},
    {"turbulence", 0.7f, 0.0f, 1.0f, "how ragged the flames are"},
    {"rise", 12.0f, 1.0f, 40.0f, "speed of the rising texture, rows per second"},
    {"reactivity", 0.8f, 0.0f, 1.0f, "how much the spectrum drives the height"},
};

static void fire_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    const gfx_features *ft = ctx->feat;
    float t = (float)ctx->time, react = fx_param(ctx, P_REACT);
    float turbulence = fx_param(ctx, P_TURBULENCE), rise = fx_param(ctx, P_RISE);
    uint32_t tex_key = fx_hash3(ctx->seed, FIRE_STREAM, 0);
    uint32_t flicker_key = fx_hash3(ctx->seed, FIRE_FLICKER, 0);
    float half = 0.5f * (float)(g->cols - 1);
    float inv_height[FX_MAX_COLS];
    int cols = g->cols < FX_MAX_COLS ? g->cols : FX_MAX_COLS;

    for (int c = 0; c < cols; c++) {
        float side =
            fx_maxf((float)c - half, half - (float)c) / fx_maxf(half, 1.0f); /* 0 centre, 1 edge */
        float band = fx_band_at(ft->bands_fast, side * (GFX_BANDS - 1));
        float energy = react * (0.5f * ft->rms_fast + 0.5f * band) + (1.0f - react) * 0.5f;
        float flicker = fx_noise2(flicker_key, (float)c * 0.3f, t * 2.2f);
        float height = (float)g->rows * fx_param(ctx, P_HEIGHT) *
                       (0.45f + 0.6f * energy + 0.25f * ft->beat_env) * (0.45f + 1.1f * flicker);
        inv_height[c] = 1.0f / fx_maxf(height, 1.0f);
    }
    for (int r = 0; r < g->rows; r++) {
        float y = (float)(g->rows - 1 - r); /* rows above the bottom */
        float *tongues = value + (size_t)r * g->cols, *grain = hue + (size_t)r * g->cols;
        fx_noise_row(tex_key, 0.3f, (y + t * rise) * 0.28f, cols, tongues);
        fx_noise_row(tex_key ^ 0x5bd1e995U, 0.9f, (y + t * rise * 1.6f) * 0.7f, cols, grain);
        for (int c = 0; c < cols; c++) {
            float up = y * inv_height[c]; /* 0 at the base, 1 at this column's flame top */
            /* turbulence grows with height: a solid core, ragged tongues */
            float v = 1.0f - up * up + turbulence * (tongues[c] - 0.5f) * (0.3f + 1.4f * up);
            v = fx_clamp01(v) * (0.78f + 0.22f * grain[c]);
            tongues[c] = v;
            grain[c] = 0.5f * v; /* along the palette: tips at its start, the base at its end */
        }
        for (int c = cols; c < g->cols; c++)
            tongues[c] = grain[c] = 0.0f;
    }
}

const gfx_effect_desc gfx_fx_fire = {
    .name = "fire",
    .summary = "fire columns: spectrum-driven flames with rising turbulence",
    .render = fire_render,
    .params = fire_params,
    .n_params = sizeof fire_params / sizeof fire_params[0],
    .default_ramp = "default",
};
