/* hex_stream (catalogue section 4, glitch: hex stream): runs of 8-20 hex
 * digits at random places, in the catalogue's green (0, 160, 80): hue 150/360
 * and value 160/255, the value scaled by 0.7 + 0.6 rms. Run k keeps its place
 * for `hold` seconds (the runs staggered) while its digits scroll left at
 * `rate` digits per second; there are floor(count_base + 8 flux + 4 bdecay)
 * runs this frame. Digits are glyph picks on the "terminal" ramp. */
#include "fx_chars.h"

enum { HEX_STREAM = 0x68657873 };
enum { P_COUNT_BASE, P_HOLD, P_RATE };

#define HEX_MAX_RUNS 96
#define HEX_HUE (150.0f / 360.0f)
#define HEX_VALUE (160.0f / 255.0f)

static const gfx_param_desc hex_params[] = {
    {"count_base", 8.0f, 0.0f, 64.0f, "runs on screen in silence (flux and beats add up to 12)"},
    {"hold", 0.8f, 0.05f, 5.0f, "seconds a run stays in place"},
    {"rate", 12.0f, 0.0f, 60.0f, "digits per second scrolling through a run"},
};

static void hex_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    const gfx_features *ft = ctx->feat;
    fx_clear(g, value, hue, 0.0f);
    int runs = fx_floor(fx_param(ctx, P_COUNT_BASE) + 8.0f * ft->flux + 4.0f * ft->beat_env);
    runs = runs > HEX_MAX_RUNS ? HEX_MAX_RUNS : runs;
    float steps = (float)ctx->time / fx_param(ctx, P_HOLD);
    int scroll = fx_floor((float)ctx->time * fx_param(ctx, P_RATE));
    float v = fx_clamp01(HEX_VALUE * (0.7f + 0.6f * ft->rms_fast));

    for (int k = 0; k < runs; k++) {
        uint32_t run = fx_hash3(ctx->seed, HEX_STREAM, (uint32_t)k);
        uint32_t step = (uint32_t)fx_floor(steps + fx_unit(run));
        uint32_t h = gfx_hash32(run ^ gfx_hash32(step));
        int len = 8 + (int)(fx_draw(h, 0) * 13.0f);
        int c0 = (int)(fx_draw(h, 1) * (float)g->cols), r = (int)(fx_draw(h, 2) * (float)g->rows);
        for (int j = 0; j < len && c0 + j < g->cols; j++) {
            uint32_t d = gfx_hash32(h + (uint32_t)(j + scroll) * 0x632be5abU);
            int i = r * g->cols + c0 + j;
            value[i] = v;
            hue[i] = fx_pick(1 + (int)(d & 15u), HEX_HUE);
        }
    }
}

const gfx_effect_desc gfx_fx_hex_stream = {
    .name = "hex_stream",
    .summary = "glitch: runs of scrolling green hex digits at random places",
    .render = hex_render,
    .params = hex_params,
    .n_params = sizeof hex_params / sizeof hex_params[0],
    .default_ramp = "terminal",
    .group = GFX_EFFECT_CHARACTER,
};
