/* bg_sinefield (catalogue section 4, backgrounds): the sine field of
 * section 3a.1 plus a slow radial sweep, as a quiet backdrop:
 *   v1 = 0.5 sin(0.13 c + 0.5 t) sin(0.17 r + 0.4 t) + 0.5
 *   v2 = 0.4 sin(0.07 c + 0.3 t + 0.09 r) + 0.5
 *   v3 = 0.3 sin(5 dist_n + 0.2 t) + 0.4
 *   v4 = 0.15 cos(3 angle - 0.6 t) + 0.5
 *   value = max(floor, clip((0.3 v1 + 0.25 v2 + 0.25 v3 + 0.2 v4) bri (0.6 + 0.6 rms)))
 *   hue = hue + 0.1 cent + 0.08 value
 * (the catalogue's saturation 0.35 + 0.4 flat is the palette's to give). */
#include "fx_chars.h"

enum { P_HUE, P_BRI, P_FLOOR };

static const gfx_param_desc sinefield_params[] = {
    {"hue", 0.6f, 0.0f, 1.0f, "base hue"},
    {"bri", 0.5f, 0.05f, 1.0f, "brightness"},
    {"floor", 0.06f, 0.0f, 0.3f, "value everywhere, so the backdrop never goes black"},
};

static void sinefield_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    const gfx_features *ft = ctx->feat;
    float t = (float)ctx->time;
    float gain = fx_param(ctx, P_BRI) * (0.6f + 0.6f * ft->rms_fast);
    float floor_v = fx_param(ctx, P_FLOOR);
    float base_hue = fx_param(ctx, P_HUE) + 0.1f * ft->centroid;
    int n = g->rows * g->cols;
    for (int i = 0; i < n; i++) {
        float c = g->col[i], r = g->row[i];
        float v1 = 0.5f * fx_sin(0.13f * c + 0.5f * t) * fx_sin(0.17f * r + 0.4f * t) + 0.5f;
        float v2 = 0.4f * fx_sin(0.07f * c + 0.3f * t + 0.09f * r) + 0.5f;
        float v3 = 0.3f * fx_sin(5.0f * g->dist_n[i] + 0.2f * t) + 0.4f;
        float v4 = 0.15f * fx_cos(3.0f * g->angle[i] - 0.6f * t) + 0.5f;
        float v = fx_clamp01((0.3f * v1 + 0.25f * v2 + 0.25f * v3 + 0.2f * v4) * gain);
        v = fx_maxf(v, floor_v);
        value[i] = v;
        hue[i] = fx_frac(base_hue + 0.08f * v);
    }
}

const gfx_effect_desc gfx_fx_bg_sinefield = {
    .name = "bg_sinefield",
    .summary = "background: layered sine waves with a slow radial sweep",
    .render = sinefield_render,
    .params = sinefield_params,
    .n_params = sizeof sinefield_params / sizeof sinefield_params[0],
    .default_ramp = "default",
    .group = GFX_EFFECT_CHARACTER,
};
