/* shake (catalogue section 4, screen shake: eff_shake): the whole picture
 * jolted by whole cells, wrapping at the edges. An effect makes a field
 * rather than moving pixels, so this one renders a base effect (fx_chars.h:
 * `base` picks it, with the base's default parameters) and rolls the grid
 * by, fresh each frame,
 *   floor(x_amp sub U + 4 bdecay U') columns and floor(y_amp bass U'') rows,
 * U, U', U'' uniform in (-1, 1). Still in silence; kicks and beats jolt it. */
#include "fx_chars.h"

enum { SHAKE_STREAM = 0x7368616b };
enum { P_X_AMP, P_Y_AMP, P_BASE };

static const gfx_param_desc shake_params[] = {
    {"x_amp", 6.0f, 0.0f, 40.0f, "sideways jolt at full sub-bass, columns"},
    {"y_amp", 3.0f, 0.0f, 20.0f, "vertical jolt at full bass, rows"},
    {"base", 2.0f, 0.0f, (float)(FX_BASES - 1), FX_BASE_HELP},
};

static void shake_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    const gfx_features *ft = ctx->feat;
    fx_render_base(ctx, (int)fx_param(ctx, P_BASE), value, hue);

    uint32_t h = fx_hash3(ctx->seed, SHAKE_STREAM, (uint32_t)ctx->frame);
    float u0 = 2.0f * fx_draw(h, 0) - 1.0f, u1 = 2.0f * fx_draw(h, 1) - 1.0f;
    float u2 = 2.0f * fx_draw(h, 2) - 1.0f;
    int dx = fx_floor(fx_param(ctx, P_X_AMP) * ft->bands_fast[GFX_BAND_SUB] * u0 +
                      4.0f * ft->beat_env * u1);
    int dy = fx_floor(fx_param(ctx, P_Y_AMP) * ft->bands_fast[GFX_BAND_BASS] * u2);
    int n = g->rows * g->cols;
    /* rows: the row-major array rotated by whole rows; then each row */
    fx_roll(value, n, dy * g->cols);
    fx_roll(hue, n, dy * g->cols);
    for (int r = 0; dx && r < g->rows; r++) {
        fx_roll(value + (size_t)r * g->cols, g->cols, dx);
        fx_roll(hue + (size_t)r * g->cols, g->cols, dx);
    }
}

const gfx_effect_desc gfx_fx_shake = {
    .name = "shake",
    .summary = "screen shake: a base picture jolted by whole cells on kicks and beats",
    .render = shake_render,
    .params = shake_params,
    .n_params = sizeof shake_params / sizeof shake_params[0],
    .default_ramp = "default",
    .group = GFX_EFFECT_CHARACTER,
};
