/* rays (catalogue section 4, radial: eff_rays): spokes from the centre that
 * flash on beats. n = floor(n_base + 25 hi_r) spokes;
 *   value = clamp((idle + 0.6 bdecay) cos(n angle + 3 t) (1 - dist_n), 0, 0.7),
 *   hue = 0.5 - 0.35 dist_n (the palette's bright end at the centre).
 * `idle` is glyphfx's: the catalogue's spokes (idle 0) vanish between
 * beats; a little idle level keeps them faintly turning. */
#include "fx_chars.h"

enum { P_N_BASE, P_IDLE, P_SPEED };

static const gfx_param_desc rays_params[] = {
    {"n_base", 8.0f, 1.0f, 48.0f, "spokes in silence (rounded down; treble adds up to 25)"},
    {"idle", 0.12f, 0.0f, 0.6f, "spoke level between beats (0: the catalogue's, dark)"},
    {"speed", 3.0f, 0.0f, 12.0f, "turning phase, radians per second"},
};

static void rays_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    const gfx_features *ft = ctx->feat;
    float spokes =
        (float)fx_floor(fx_param(ctx, P_N_BASE) + 25.0f * fx_band_ratio(ft, GFX_BAND_HIGH));
    float level = fx_param(ctx, P_IDLE) + 0.6f * ft->beat_env;
    float phase = fx_param(ctx, P_SPEED) * (float)ctx->time;
    int n = g->rows * g->cols;
    for (int i = 0; i < n; i++) {
        float fade = 1.0f - g->dist_n[i];
        float v = level * fx_cos(spokes * g->angle[i] + phase) * fade;
        value[i] = v < 0.0f ? 0.0f : v > 0.7f ? 0.7f : v;
        hue[i] = fx_frac(0.5f - 0.35f * g->dist_n[i]);
    }
}

const gfx_effect_desc gfx_fx_rays = {
    .name = "rays",
    .summary = "radial spokes that flash on beats, more of them with treble",
    .render = rays_render,
    .params = rays_params,
    .n_params = sizeof rays_params / sizeof rays_params[0],
    .default_ramp = "default",
    .group = GFX_EFFECT_CHARACTER,
};
