/* bg_noise (catalogue section 4, backgrounds): static, a fresh uniform per
 * cell per frame: value = U density (0.5 + 0.5 rms), hue = hue_drift t.
 * The cell is the one under the grid's (col, row), so a coordinate
 * transform moves the grain with it. */
#include "fx_chars.h"

enum { NOISE_STREAM = 0x6e6f6973 };
enum { P_DENSITY, P_HUE_DRIFT };

static const gfx_param_desc noise_params[] = {
    {"density", 0.3f, 0.0f, 1.0f, "value of the brightest grain"},
    {"hue_drift", 0.02f, 0.0f, 0.5f, "hue turns per second"},
};

static void noise_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    float level = fx_param(ctx, P_DENSITY) * (0.5f + 0.5f * ctx->feat->rms_fast);
    float h = fx_frac(fx_param(ctx, P_HUE_DRIFT) * (float)ctx->time);
    uint32_t key = fx_hash3(ctx->seed, NOISE_STREAM, (uint32_t)ctx->frame);
    int n = g->rows * g->cols;
    for (int i = 0; i < n; i++) {
        uint32_t c = (uint32_t)fx_floor(g->col[i]), r = (uint32_t)fx_floor(g->row[i]);
        value[i] = fx_unit(gfx_hash32(key ^ (c * 0x8da6b343U + r * 0xd8163841U))) * level;
        hue[i] = h;
    }
}

const gfx_effect_desc gfx_fx_bg_noise = {
    .name = "bg_noise",
    .summary = "background: random static, a fresh grain every frame",
    .render = noise_render,
    .params = noise_params,
    .n_params = sizeof noise_params / sizeof noise_params[0],
    .default_ramp = "blocks",
    .group = GFX_EFFECT_CHARACTER,
};
