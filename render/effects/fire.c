/* Fire columns: a flame front whose height per column follows the spectrum
 * (bass in the middle, treble at the sides), torn by value noise that rises
 * with time. Hue runs from yellow at the base to red at the tips. */
#include "fx_common.h"

enum { FIRE_STREAM = 0x66697265, FIRE_FLICKER = 0x666c6963 };
enum { P_HEIGHT, P_TURBULENCE, P_RISE, P_REACT };

static const gfx_param_desc fire_params[] = {
    {"height", 0.6f, 0.1f, 1.0f, "flame height at full energy, fraction of the grid"},
    {"turbulence", 0.55f, 0.0f, 1.0f, "how ragged the flames are"},
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
        float side = (float)(c > half ? c - half : half - c) / (half > 0 ? half : 1.0f);
        float band = fx_band_at(ft->bands_fast, side * (GFX_BANDS - 1));
        float energy = react * (0.5f * ft->rms_fast + 0.5f * band) + (1.0f - react) * 0.5f;
        float flicker = fx_noise2(flicker_key, (float)c * 0.11f, t * 1.7f);
        float height = (float)g->rows * fx_param(ctx, P_HEIGHT) *
                       (0.3f + 0.7f * energy + 0.25f * ft->beat_env) * (0.65f + 0.7f * flicker);
        inv_height[c] = 1.0f / fx_maxf(height, 1.0f);
    }
    for (int r = 0; r < g->rows; r++) {
        float y = (float)(g->rows - 1 - r); /* rows above the bottom */
        float tex_y = (y + t * rise) * 0.23f;
        for (int c = 0; c < g->cols; c++) {
            int i = r * g->cols + c;
            float base = 1.0f - y * inv_height[c < cols ? c : cols - 1];
            float tex = fx_noise2(tex_key, (float)c * 0.19f, tex_y);
            float v = fx_clamp01(base + turbulence * (tex - 0.5f) * 1.1f);
            value[i] = v * (0.75f + 0.25f * v);
            hue[i] = 0.01f + 0.13f * v;
        }
    }
}

const gfx_effect_desc gfx_fx_fire = {
    .name = "fire",
    .summary = "fire columns: spectrum-driven flames with rising turbulence",
    .render = fire_render,
    .params = fire_params,
    .n_params = sizeof fire_params / sizeof fire_params[0],
    .default_ramp = "blocks",
};
