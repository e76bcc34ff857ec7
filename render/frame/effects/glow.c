/* glow (catalogue section 4, radial: eff_glow): a pulsing core,
 *   value = clamp(intensity e^(-spread dist_n) (0.5 + 2 rms + 0.2 sin 1.2 t), 0, 0.9),
 *   hue = 0.5 - 0.4 dist_n (the palette's bright end at the core). */
#include "fx_chars.h"

enum { P_INTENSITY, P_SPREAD };

static const gfx_param_desc glow_params[] = {
    {"intensity", 0.6f, 0.05f, 1.0f, "brightness at the centre"},
    {"spread", 2.0f, 0.2f, 10.0f, "how fast the glow falls off (larger: smaller core)"},
};

static void glow_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    float pulse = fx_param(ctx, P_INTENSITY) *
                  (0.5f + 2.0f * ctx->feat->rms_fast + 0.2f * fx_sin(1.2f * (float)ctx->time));
    float spread = fx_param(ctx, P_SPREAD);
    int n = g->rows * g->cols;
    for (int i = 0; i < n; i++) {
        float v = pulse * fx_exp(-spread * g->dist_n[i]);
        value[i] = v < 0.0f ? 0.0f : v > 0.9f ? 0.9f : v;
        hue[i] = fx_frac(0.5f - 0.4f * g->dist_n[i]);
    }
}

const gfx_effect_desc gfx_fx_glow = {
    .name = "glow",
    .summary = "a pulsing core of light, swelling with loudness",
    .render = glow_render,
    .params = glow_params,
    .n_params = sizeof glow_params / sizeof glow_params[0],
    .default_ramp = "default",
    .group = GFX_EFFECT_CHARACTER,
};
