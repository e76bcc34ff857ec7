/* Spiral: arms wound around the centre (phase = arms * angle + twist *
 * distance - time), with a fainter counter-rotating spiral for moire. Bass
 * winds the arms tighter, loudness brightens them; hue sweeps by angle. */
#include "fx_common.h"

enum { P_ARMS, P_TWIST, P_SPEED, P_SHARPNESS, P_REACT };

static const gfx_param_desc spiral_params[] = {
    {"arms", 3.0f, 1.0f, 12.0f, "number of arms (rounded down)"},
    {"twist", 0.25f, 0.02f, 1.5f, "winding, radians per cell width"},
    {"speed", 2.0f, -10.0f, 10.0f, "rotation, radians per second"},
    {"sharpness", 2.0f, 1.0f, 6.0f, "how thin the arms are (power, rounded down)"},
    {"reactivity", 0.7f, 0.0f, 1.0f, "how much bass and loudness move it"},
};

static void spiral_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    const gfx_features *ft = ctx->feat;
    float t = (float)ctx->time, react = fx_param(ctx, P_REACT);
    float arms = (float)(int)fx_param(ctx, P_ARMS);
    float twist = fx_param(ctx, P_TWIST) * (1.0f + 0.5f * react * ft->bands_slow[GFX_BAND_BASS]);
    float spin = t * fx_param(ctx, P_SPEED);
    int sharp = (int)fx_param(ctx, P_SHARPNESS);
    float level =
        0.65f + 0.35f * (react * ft->rms_fast + (1.0f - react) * 0.6f) + 0.2f * ft->beat_env;
    int n = g->rows * g->cols;

    for (int i = 0; i < n; i++) {
        float a = g->angle[i], d = g->dist[i];
        float arm = 0.5f + 0.5f * fx_sin(arms * a + twist * d - spin);
        float counter = 0.5f + 0.5f * fx_sin((arms + 2.0f) * a - 0.6f * twist * d + 0.7f * spin);
        float thin = arm; /* arm^sharpness: thinner arms */
        for (int k = 1; k < sharp; k++)
            thin *= arm;
        float core = fx_clamp01(g->dist_n[i] * 5.0f); /* no glyph soup at the singular centre */
        float v = (0.85f * thin + 0.15f * counter * counter) * core;
        value[i] = fx_clamp01(v * level);
        hue[i] = fx_frac(a * (1.0f / FX_TAU) + 0.5f + 0.05f * t + 0.2f * g->dist_n[i]);
    }
}

const gfx_effect_desc gfx_fx_spiral = {
    .name = "spiral",
    .summary = "spiral: rotating arms with a counter-rotating moire",
    .render = spiral_render,
    .params = spiral_params,
    .n_params = sizeof spiral_params / sizeof spiral_params[0],
    .default_ramp = "default",
    .group = GFX_EFFECT_CLASSIC,
};
