/* Fire columns: a flame front whose height per column follows the spectrum
 * (bass in the middle, treble at the sides), torn by value noise that rises
 * with time. Hue runs with heat over the first half of the hue circle, which
 * a gradient palette reads as its whole length (palette.h): cool tips at the
 * palette's start, the hot base at its end.
 *
 * Plain rows take the flame heights per column and the noise a row at a
 * time; rows a transform moved (fx_row_is_plain) evaluate the same flame
 * at the column and row each cell reads. */
#include "fx_common.h"

enum { FIRE_STREAM = 0x66697265, FIRE_FLICKER = 0x666c6963 };
enum { P_HEIGHT, P_TURBULENCE, P_RISE, P_REACT };

static const gfx_param_desc fire_params[] = {
    {"height", 0.95f, 0.1f, 1.0f, "flame height at full energy, fraction of the grid"},
    {"turbulence", 0.7f, 0.0f, 1.0f, "how ragged the flames are"},
    {"rise", 12.0f, 1.0f, 40.0f, "speed of the rising texture, rows per second"},
    {"reactivity", 0.8f, 0.0f, 1.0f, "how much the spectrum drives the height"},
};

/* 1 / the flame's height in rows at column position x. */
static float flame_inv_height(const gfx_effect_ctx *ctx, uint32_t flicker_key, float x)
{
    const gfx_grid *g = ctx->grid;
    const gfx_features *ft = ctx->feat;
    float t = (float)ctx->time, react = fx_param(ctx, P_REACT);
    float half = 0.5f * (float)(g->cols - 1);
    float side = fx_maxf(x - half, half - x) / fx_maxf(half, 1.0f); /* 0 centre, 1 edge */
    float band = fx_band_at(ft->bands_fast, side * (GFX_BANDS - 1));
    float energy = react * (0.5f * ft->rms_fast + 0.5f * band) + (1.0f - react) * 0.5f;
    float flicker = fx_noise2(flicker_key, x * 0.3f, t * 2.2f);
    float height = (float)g->rows * fx_param(ctx, P_HEIGHT) *
                   (0.45f + 0.6f * energy + 0.25f * ft->beat_env) * (0.45f + 1.1f * flicker);
    return 1.0f / fx_maxf(height, 1.0f);
}

/* Brightness of the flame at `up` (rows above the base / its height)
 * with the two noises there. */
static inline float flame(float up, float tongues, float grain, float turbulence)
{
    /* turbulence grows with height: a solid core, ragged tongues */
    float v = 1.0f - up * up + turbulence * (tongues - 0.5f) * (0.3f + 1.4f * up);
    return fx_clamp01(v) * (0.78f + 0.22f * grain);
}

/* A row a transform moved: the flame at each cell's own position. */
static void fire_moved_row(const gfx_effect_ctx *ctx, uint32_t tex_key, uint32_t flicker_key, int r,
                           float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    float t = (float)ctx->time, rise = fx_param(ctx, P_RISE);
    float turbulence = fx_param(ctx, P_TURBULENCE);
    for (int c = 0; c < g->cols; c++) {
        int i = r * g->cols + c;
        float x = g->col[i], y = (float)(g->rows - 1) - g->row[i];
        float tongues = fx_noise2(tex_key, x * 0.3f, (y + t * rise) * 0.28f);
        float grain = fx_noise2(tex_key ^ 0x5bd1e995U, x * 0.9f, (y + t * rise * 1.6f) * 0.7f);
        float v = flame(y * flame_inv_height(ctx, flicker_key, x), tongues, grain, turbulence);
        value[i] = v;
        hue[i] = 0.5f * v;
    }
}

static void fire_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    float t = (float)ctx->time;
    float turbulence = fx_param(ctx, P_TURBULENCE), rise = fx_param(ctx, P_RISE);
    uint32_t tex_key = fx_hash3(ctx->seed, FIRE_STREAM, 0);
    uint32_t flicker_key = fx_hash3(ctx->seed, FIRE_FLICKER, 0);
    float inv_height[FX_MAX_COLS];
    int cols = g->cols < FX_MAX_COLS ? g->cols : FX_MAX_COLS;

    for (int c = 0; c < cols; c++)
        inv_height[c] = flame_inv_height(ctx, flicker_key, (float)c);
    for (int r = 0; r < g->rows; r++) {
        if (!fx_row_is_plain(g, r)) {
            fire_moved_row(ctx, tex_key, flicker_key, r, value, hue);
            continue;
        }
        float y = (float)(g->rows - 1 - r); /* rows above the bottom */
        float *tongues = value + (size_t)r * g->cols, *grain = hue + (size_t)r * g->cols;
        fx_noise_row(tex_key, 0.3f, (y + t * rise) * 0.28f, cols, tongues);
        fx_noise_row(tex_key ^ 0x5bd1e995U, 0.9f, (y + t * rise * 1.6f) * 0.7f, cols, grain);
        for (int c = 0; c < cols; c++) {
            float up = y * inv_height[c]; /* 0 at the base, 1 at this column's flame top */
            float v = flame(up, tongues[c], grain[c], turbulence);
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
    .group = GFX_EFFECT_CLASSIC,
};
