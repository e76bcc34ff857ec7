/* Spectrum bars: the six bands spread over N bars (interpolated, with a little
 * per-bar noise so neighbours differ), and falling peak caps. A cap is the
 * highest point of the bar over the last second minus the fall under
 * gravity since then, recomputed from the track each frame: no state. */
#include "fx_common.h"

#include <math.h>

enum { BARS_STREAM = 0x62617273 };
enum { P_BARS, P_GAP, P_FALL, P_MIRROR };

static const gfx_param_desc bars_params[] = {
    {"bars", 24.0f, 4.0f, 96.0f, "number of bars (rounded down)"},
    {"gap", 0.25f, 0.0f, 0.6f, "gap between bars, fraction of a bar's width"},
    {"fall", 1.5f, 0.2f, 10.0f, "peak cap gravity, grid heights per second squared"},
    {"mirror", 0.0f, 0.0f, 1.0f, "1: bars grow up and down from the middle"},
};

#define BARS_MAX 96
#define BARS_PEAK_SECONDS 1.5
#define BARS_SLOT_LEVEL 0.06f

/* Height of every bar at frame f as a fraction of the available height. */
static void bar_heights(const gfx_effect_ctx *ctx, int frame, int n_bars, float *height)
{
    const gfx_features *ft = fx_features(ctx, frame);
    uint32_t key = fx_hash3(ctx->seed, BARS_STREAM, 0);
    float t = (float)(frame / ctx->fps);
    for (int b = 0; b < n_bars; b++) {
        float band = fx_band_at(ft->bands_fast, (float)b * (GFX_BANDS - 1) / (float)(n_bars - 1));
        float jitter = 0.8f + 0.4f * fx_noise2(key, (float)b * 0.9f, t * 4.0f);
        height[b] =
            fx_clamp01((0.05f + 0.95f * sqrtf(band)) * jitter); /* sqrt: quiet bands still show */
    }
}

static void bars_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    int n_bars = (int)fx_param(ctx, P_BARS);
    float gap = fx_param(ctx, P_GAP), fall = fx_param(ctx, P_FALL);
    int mirror = fx_param(ctx, P_MIRROR) >= 0.5f;
    /* rows available to a bar: the whole grid, or each half when mirrored */
    float span = mirror ? 0.5f * (float)g->rows : (float)g->rows;
    int half_rows = g->rows / 2; /* mirrored: rows above it grow up, the rest down */
    float height[BARS_MAX], peak[BARS_MAX], past[BARS_MAX];

    bar_heights(ctx, ctx->frame, n_bars, height);
    for (int b = 0; b < n_bars; b++)
        peak[b] = height[b];
    int window = (int)(BARS_PEAK_SECONDS * ctx->fps);
    for (int k = 1; k <= window && ctx->frame - k >= 0; k++) {
        float age = (float)(k / ctx->fps);
        float drop = 0.5f * fall * age * age;
        bar_heights(ctx, ctx->frame - k, n_bars, past);
        for (int b = 0; b < n_bars; b++)
            peak[b] = fx_maxf(peak[b], past[b] - drop);
    }

    for (int c = 0; c < g->cols; c++) {
        float pos = ((float)c + 0.5f) * (float)n_bars / (float)g->cols;
        int b = (int)pos;
        float across = pos - (float)b;
        int in_gap = across < 0.5f * gap || across > 1.0f - 0.5f * gap;
        float top = height[b] * span, cap = peak[b] * span;
        float bar_hue = 0.75f * (float)b / (float)n_bars;
        for (int r = 0; r < g->rows; r++) {
            int i = r * g->cols + c;
            /* y: cells from the bar's base (bottom row, or the middle) */
            float y = mirror ? (r < half_rows ? (float)(half_rows - 1 - r) : (float)(r - half_rows))
                             : (float)(g->rows - 1 - r);
            float v = 0.0f;
            if (!in_gap) {
                v = BARS_SLOT_LEVEL; /* the empty part of the bar's slot */
                if (y < top)
                    v = fx_maxf(v, (0.35f + 0.65f * y / span) * fx_clamp01(top - y));
                if (cap > 1.0f && y >= cap - 1.0f && y < cap)
                    v = fx_maxf(v, 0.95f);
            }
            value[i] = v;
            hue[i] = bar_hue;
        }
    }
}

const gfx_effect_desc gfx_fx_bars = {
    .name = "bars",
    .summary = "spectrum bars with falling peak caps",
    .render = bars_render,
    .params = bars_params,
    .n_params = sizeof bars_params / sizeof bars_params[0],
    .default_ramp = "blocks",
    .group = GFX_EFFECT_CLASSIC,
};
