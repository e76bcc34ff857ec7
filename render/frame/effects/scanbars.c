/* scanbars (catalogue section 4, glitch: eff_scanbars): thin vertical bars
 * sweeping across. floor(n_base + 12 himid_r) bars; bar i stands at column
 *   (speed t (1 + 0.3 i) + 37 i) mod cols,
 * `width` columns wide, and each of its cells shows, with probability 0.7
 * fresh every frame, one of "|║|!1l" (glyph picks on the "scan" ramp) at
 * value 0.6 + 0.3 rms + 0.1 U, hue = hue + 0.07 i. */
#include "fx_chars.h"

enum { SCAN_STREAM = 0x7363616e };
enum { P_N_BASE, P_SPEED, P_WIDTH, P_HUE };

static const gfx_param_desc scan_params[] = {
    {"n_base", 4.0f, 1.0f, 32.0f, "bars in silence (rounded down; upper mids add up to 12)"},
    {"speed", 50.0f, 0.0f, 300.0f, "sweep speed of the first bar, columns per second"},
    {"width", 1.0f, 1.0f, 8.0f, "bar width, columns (rounded down)"},
    {"hue", 0.45f, 0.0f, 1.0f, "hue of the first bar"},
};

/* "|║|!1l" as places in the "scan" ramp " |║!1l" */
static const int scan_glyphs[6] = {1, 2, 1, 3, 4, 5};

static void scan_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    const gfx_features *ft = ctx->feat;
    fx_clear(g, value, hue, 0.0f);
    int bars = fx_floor(fx_param(ctx, P_N_BASE) + 12.0f * fx_band_ratio(ft, GFX_BAND_HIGHMID));
    int width = (int)fx_param(ctx, P_WIDTH);
    float t = (float)ctx->time, speed = fx_param(ctx, P_SPEED);
    uint32_t key = fx_hash3(ctx->seed, SCAN_STREAM, (uint32_t)ctx->frame);
    for (int b = 0; b < bars; b++) {
        double pos = fmod((double)(speed * t * (1.0f + 0.3f * (float)b) + 37.0f * (float)b),
                          (double)g->cols);
        int col = (int)pos;
        float bar_hue = fx_param(ctx, P_HUE) + 0.07f * (float)b;
        for (int r = 0; r < g->rows; r++)
            for (int w = 0; w < width; w++) {
                int c = (col + w) % g->cols;
                uint32_t h = gfx_hash32(key ^ (uint32_t)(r * 4099 + c) * 0x9e3779b9U);
                if (fx_draw(h, 0) >= 0.7f)
                    continue;
                int i = r * g->cols + c;
                value[i] = fx_clamp01(0.6f + 0.3f * ft->rms_fast + 0.1f * fx_draw(h, 1));
                hue[i] = fx_pick(scan_glyphs[(int)(fx_draw(h, 2) * 6.0f)], bar_hue);
            }
    }
}

const gfx_effect_desc gfx_fx_scanbars = {
    .name = "scanbars",
    .summary = "glitch: thin bars of strokes sweeping across, more with upper mids",
    .render = scan_render,
    .params = scan_params,
    .n_params = sizeof scan_params / sizeof scan_params[0],
    .default_ramp = "scan",
    .group = GFX_EFFECT_CHARACTER,
};
