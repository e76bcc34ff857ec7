/* bg_smooth_noise (catalogue section 4, backgrounds): section 3a.2's cheap
 * Perlin stand-in,
 *   sum = sum_i (0.5 / (i + 1)) sin(k_i c + p_i) cos(0.7 k_i r - 0.5 p_i),
 *   k_i = 0.05 * 2^i, p_i = t (0.3 + 0.2 i),
 *   value = clip(0.5 sum + 0.5) bri (0.7 + 0.6 rms), hue = hue + 0.1 value.
 * The loudness term is glyphfx's (the catalogue's backdrop ignores the
 * audio): quiet passages dim it a little, loud ones lift it. */
#include "fx_chars.h"

enum { P_HUE, P_BRI, P_OCTAVES };

#define SMOOTH_MAX_OCTAVES 6

static const gfx_param_desc smooth_params[] = {
    {"hue", 0.5f, 0.0f, 1.0f, "base hue"},
    {"bri", 0.5f, 0.05f, 1.0f, "brightness"},
    {"octaves", 3.0f, 1.0f, (float)SMOOTH_MAX_OCTAVES, "octaves (rounded down)"},
};

/* sin(k x + phase) at whole x in [0, n), for cells reading a whole
 * position (all of them on a plain grid). */
static void whole_sines(float *out, int n, float k, float phase)
{
    for (int x = 0; x < n; x++)
        out[x] = fx_sin(k * (float)x + phase);
}

static int whole_in(float x, int n)
{
    return x >= 0.0f && x < (float)n && x == (float)(int)x;
}

static void smooth_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    float t = (float)ctx->time;
    float gain = fx_param(ctx, P_BRI) * (0.7f + 0.6f * ctx->feat->rms_fast);
    float base_hue = fx_param(ctx, P_HUE);
    int octaves = (int)fx_param(ctx, P_OCTAVES);
    int n = g->rows * g->cols;
    int cols = g->cols < FX_MAX_COLS ? g->cols : FX_MAX_COLS;
    int rows = g->rows < FX_MAX_COLS ? g->rows : FX_MAX_COLS;
    float col_sin[FX_MAX_COLS], row_cos[FX_MAX_COLS];

    /* each octave is a column term times a row term: taken once per whole
     * column and row, summed into value[] */
    for (int i = 0; i < n; i++)
        value[i] = 0.0f;
    for (int o = 0; o < octaves; o++) {
        float k = 0.05f * (float)(1 << o), phase = t * (0.3f + 0.2f * (float)o);
        float weight = 0.5f / (float)(o + 1);
        whole_sines(col_sin, cols, k, phase);
        whole_sines(row_cos, rows, 0.7f * k,
                    0.5f * FX_PI - 0.5f * phase); /* cos(a) = sin(a + pi/2) */
        for (int i = 0; i < n; i++) {
            float c = g->col[i], r = g->row[i];
            float sc = whole_in(c, cols) ? col_sin[(int)c] : fx_sin(k * c + phase);
            float cr = whole_in(r, rows) ? row_cos[(int)r]
                                         : fx_sin(0.7f * k * r + 0.5f * FX_PI - 0.5f * phase);
            value[i] += weight * sc * cr;
        }
    }
    for (int i = 0; i < n; i++) {
        float v = fx_clamp01(fx_clamp01(0.5f * value[i] + 0.5f) * gain);
        value[i] = v;
        hue[i] = fx_frac(base_hue + 0.1f * v);
    }
}

const gfx_effect_desc gfx_fx_bg_smooth_noise = {
    .name = "bg_smooth_noise",
    .summary = "background: smooth drifting noise from summed sine octaves",
    .render = smooth_render,
    .params = smooth_params,
    .n_params = sizeof smooth_params / sizeof smooth_params[0],
    .default_ramp = "dots",
    .group = GFX_EFFECT_CHARACTER,
};
