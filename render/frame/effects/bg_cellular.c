/* bg_cellular (catalogue section 4, backgrounds): Worley cells around
 * swaying centres. Centre k sits at a hashed spot and sways +-5 columns and
 * +-3 rows at its own slow pace; d_min is the distance to the nearest
 * centre in cell widths (rows scaled by the aspect, so cells are round);
 *   value = clip(1 - d_min / (0.3 cols)) bri (0.7 + 0.6 rms),
 *   hue = hue + 0.005 d_min.
 * The loudness term is glyphfx's (the catalogue's backdrop ignores the
 * audio). */
#include "fx_chars.h"

enum { CELL_STREAM = 0x63656c6c };
enum { P_CENTRES, P_HUE, P_BRI };

#define CELL_MAX_CENTRES 32

static const gfx_param_desc cellular_params[] = {
    {"centres", 12.0f, 2.0f, (float)CELL_MAX_CENTRES, "cell centres (rounded down)"},
    {"hue", 0.5f, 0.0f, 1.0f, "base hue"},
    {"bri", 0.6f, 0.05f, 1.0f, "brightness"},
};

static void cellular_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    float t = (float)ctx->time;
    int n_centres = (int)fx_param(ctx, P_CENTRES);
    float gain = fx_param(ctx, P_BRI) * (0.7f + 0.6f * ctx->feat->rms_fast);
    float base_hue = fx_param(ctx, P_HUE);
    float reach = 1.0f / fx_maxf(0.3f * (float)g->cols, 1.0f);
    float cx[CELL_MAX_CENTRES], cy[CELL_MAX_CENTRES];
    for (int k = 0; k < n_centres; k++) {
        uint32_t h = fx_hash3(ctx->seed, CELL_STREAM, (uint32_t)k);
        float sway_x = 5.0f * fx_sin(t * (0.3f + 0.6f * fx_draw(h, 2)) + FX_TAU * fx_draw(h, 3));
        float sway_y = 3.0f * fx_sin(t * (0.3f + 0.6f * fx_draw(h, 4)) + FX_TAU * fx_draw(h, 5));
        cx[k] = fx_draw(h, 0) * (float)g->cols + sway_x;
        cy[k] = (fx_draw(h, 1) * (float)g->rows + sway_y) * g->aspect;
    }
    int n = g->rows * g->cols;
    for (int i = 0; i < n; i++) {
        float x = g->col[i], y = g->row[i] * g->aspect, best = 1e30f;
        for (int k = 0; k < n_centres; k++) {
            float dx = x - cx[k], dy = y - cy[k];
            best = fx_minf(best, dx * dx + dy * dy);
        }
        float d_min = sqrtf(best);
        value[i] = fx_clamp01(fx_clamp01(1.0f - d_min * reach) * gain);
        hue[i] = fx_frac(base_hue + 0.005f * d_min);
    }
}

const gfx_effect_desc gfx_fx_bg_cellular = {
    .name = "bg_cellular",
    .summary = "background: glowing Worley cells around slowly swaying centres",
    .render = cellular_render,
    .params = cellular_params,
    .n_params = sizeof cellular_params / sizeof cellular_params[0],
    .default_ramp = "blocks",
    .group = GFX_EFFECT_CHARACTER,
};
