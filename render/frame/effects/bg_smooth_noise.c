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

static void smooth_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    float t = (float)ctx->time;
    float gain = fx_param(ctx, P_BRI) * (0.7f + 0.6f * ctx->feat->rms_fast);
    float base_hue = fx_param(ctx, P_HUE);
    int octaves = (int)fx_param(ctx, P_OCTAVES);
    float k[SMOOTH_MAX_OCTAVES], phase[SMOOTH_MAX_OCTAVES], weight[SMOOTH_MAX_OCTAVES];
    for (int o = 0; o < octaves; o++) {
        k[o] = 0.05f * (float)(1 << o);
        phase[o] = t * (0.3f + 0.2f * (float)o);
        weight[o] = 0.5f / (float)(o + 1);
    }
    int n = g->rows * g->cols;
    for (int i = 0; i < n; i++) {
        float c = g->col[i], r = g->row[i], sum = 0.0f;
        for (int o = 0; o < octaves; o++)
            sum +=
                weight[o] * fx_sin(k[o] * c + phase[o]) * fx_cos(0.7f * k[o] * r - 0.5f * phase[o]);
        float v = fx_clamp01(fx_clamp01(0.5f * sum + 0.5f) * gain);
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
};
