/* glitch_displace (catalogue section 4, glitch: eff_glitch_displace):
 * bands of rows torn sideways. An effect makes a field rather than moving
 * pixels, so this one renders a base effect (fx_chars.h: `base` picks it,
 * with the base's default parameters) and rolls bands of its rows, wrapping
 * at the edges. Each frame draws anew:
 *   floor(8 + 25 flux + 15 bdecay) bands, each at a random row, 1 ..
 *   floor(3 + 8 sub) rows tall, rolled by
 *   intensity ((U - 0.5) 40 rms + 20 bdecay (U' - 0.5)) columns.
 * Beats tear more bands, further. */
#include "fx_chars.h"

enum { GLITCH_STREAM = 0x676c6974 };
enum { P_INTENSITY, P_BASE };

static const gfx_param_desc glitch_params[] = {
    {"intensity", 1.0f, 0.0f, 3.0f, "scale of the sideways shifts"},
    {"base", 4.0f, 0.0f, (float)(FX_BASES - 1), FX_BASE_HELP},
};

static void glitch_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    const gfx_features *ft = ctx->feat;
    fx_render_base(ctx, (int)fx_param(ctx, P_BASE), value, hue);

    float intensity = fx_param(ctx, P_INTENSITY);
    int bands = fx_floor(8.0f + 25.0f * ft->flux + 15.0f * ft->beat_env);
    int tallest = fx_floor(3.0f + 8.0f * ft->bands_fast[GFX_BAND_SUB]);
    uint32_t key = fx_hash3(ctx->seed, GLITCH_STREAM, (uint32_t)ctx->frame);
    for (int k = 0; k < bands; k++) {
        uint32_t h = gfx_hash32(key + (uint32_t)k * 0x9e3779b9U);
        int top = (int)(fx_draw(h, 0) * (float)g->rows);
        int height = 1 + (int)(fx_draw(h, 1) * (float)tallest);
        float shift = (fx_draw(h, 2) - 0.5f) * 40.0f * ft->rms_fast +
                      20.0f * ft->beat_env * (fx_draw(h, 3) - 0.5f);
        int cols = fx_floor(intensity * shift + 0.5f);
        for (int r = top; r < top + height && r < g->rows; r++) {
            fx_roll(value + (size_t)r * g->cols, g->cols, cols);
            fx_roll(hue + (size_t)r * g->cols, g->cols, cols);
        }
    }
}

const gfx_effect_desc gfx_fx_glitch_displace = {
    .name = "glitch_displace",
    .summary = "glitch: bands of a base picture torn sideways, more and further on beats",
    .render = glitch_render,
    .params = glitch_params,
    .n_params = sizeof glitch_params / sizeof glitch_params[0],
    .default_ramp = "blocks",
    .group = GFX_EFFECT_CHARACTER,
};
