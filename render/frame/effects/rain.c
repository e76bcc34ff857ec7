/* Matrix rain: drops fall down each column leaving a fading trail.
 *
 * Closed form in time: drop d of column c has a hashed speed, trail length,
 * gap and phase; its head row is (phase + speed * t) mod (rows + trail + gap),
 * so any frame is computed without the ones before it. Audio lifts the trail
 * brightness (rms) and flashes the heads on beats; glyphs shimmer at 8 Hz.
 * Behind each trail a faint residue of glyphs lingers, as on a phosphor. */
#include "fx_common.h"

enum { RAIN_STREAM = 0x7261696e, RAIN_SHIMMER = 0x7368696d };
enum { P_SPEED, P_TRAIL, P_DROPS, P_REACT };

#define RAIN_RESIDUE 0.5f        /* faint glyphs stay this many trail lengths behind a trail */
#define RAIN_RESIDUE_LEVEL 0.15f /* ... at this fraction of the trail's brightness */

static const gfx_param_desc rain_params[] = {
    {"speed", 12.0f, 2.0f, 60.0f, "mean fall speed, rows per second"},
    {"trail", 0.45f, 0.05f, 1.0f, "mean trail length, fraction of the grid height"},
    {"drops", 4.0f, 1.0f, 4.0f, "drops per column (rounded down)"},
    {"reactivity", 0.7f, 0.0f, 1.0f, "how much loudness brightens the trails"},
};

static void rain_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    const gfx_features *ft = ctx->feat;
    float t = (float)ctx->time, react = fx_param(ctx, P_REACT);
    int drops = (int)fx_param(ctx, P_DROPS);
    float trail_level = 0.45f + 0.55f * (react * ft->rms_fast + (1.0f - react) * 0.5f);
    float head_level = fx_minf(1.0f, 0.8f + 0.2f * trail_level + 0.4f * ft->beat_env);
    int shimmer_tick = (int)(t * 8.0f);

    fx_clear(g, value, hue, 0.0f);
    for (int c = 0; c < g->cols; c++) {
        uint32_t column_flicker = fx_hash3(ctx->seed, RAIN_SHIMMER, (uint32_t)(shimmer_tick + c));
        for (int d = 0; d < drops; d++) {
            uint32_t h = fx_hash3(ctx->seed, RAIN_STREAM, (uint32_t)(c * 4 + d));
            float speed = fx_param(ctx, P_SPEED) * (0.45f + 1.1f * fx_draw(h, 0));
            float trail =
                fx_maxf(3.0f, fx_param(ctx, P_TRAIL) * (float)g->rows * (0.5f + fx_draw(h, 1)));
            float residue = RAIN_RESIDUE * trail;
            float period = (float)g->rows + trail + residue + (float)g->rows * 0.5f * fx_draw(h, 2);
            float travel = fx_draw(h, 3) * period + speed * t;
            float head = travel - period * (float)fx_floor(travel / period);
            float drop_hue = 0.25f + 0.1f * fx_draw(h, 4);
            int first = fx_floor(head - trail - residue) + 1, last = fx_floor(head);
            if (first < 0)
                first = 0;
            if (last > g->rows - 1)
                last = g->rows - 1;
            for (int r = first; r <= last; r++) {
                float behind = head - (float)r; /* rows behind the head */
                int i = r * g->cols + c;
                float flicker = 0.8f + 0.2f * fx_unit(gfx_hash32((uint32_t)i ^ column_flicker));
                float fade = fx_maxf(0.0f, 1.0f - behind / trail);
                float v, drop_h;
                if (behind < 1.0f) {
                    v = head_level;
                    drop_h = 0.5f; /* the head at the palette's bright end */
                } else if (fade > 0.0f) {
                    v = trail_level * fx_maxf(fade * fade, RAIN_RESIDUE_LEVEL) * flicker;
                    drop_h = drop_hue * fade;
                } else { /* faint glyphs left behind, fading out */
                    v = trail_level * RAIN_RESIDUE_LEVEL * (1.0f - (behind - trail) / residue) *
                        flicker;
                    drop_h = 0.0f;
                }
                if (v > value[i]) {
                    value[i] = v;
                    hue[i] = drop_h;
                }
            }
        }
    }
}

const gfx_effect_desc gfx_fx_rain = {
    .name = "rain",
    .summary = "matrix rain: falling glyph columns with fading trails",
    .render = rain_render,
    .params = rain_params,
    .n_params = sizeof rain_params / sizeof rain_params[0],
    .default_ramp = "katakana",
};
