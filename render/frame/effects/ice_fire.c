/* ice_fire (catalogue section 4, fire: the ice variant of eff_fire):
 * the catalogue's fire columns, in blue to cyan, dimmer and slower.
 * (glyphfx's `fire` is a noise-torn flame front of its own; this effect is
 * the catalogue's column fire: with hue_base 0.02, hue_range 0.12,
 * brightness 1, speed 1 and jitter 0 it draws eff_fire itself.)
 *   n = floor(n_base + 30 bass + 20 sub_r) columns, 3 cells wide, column i
 *   at (i cols / n + 3 sin(2 speed t + 0.7 i)) mod cols;
 *   height H = (0.4 bass + 0.3 sub_r + 0.3 rms) 0.7 rows from the bottom,
 *   times 1 - jitter n_i (n_i slow value noise per column) and, per cell
 *   column, 1 - jitter n_c / 2 (faster noise: ragged tips); both glyphfx's,
 *   the catalogue's columns are all one height;
 *   at height fraction q: █ (q < 0.2), ▓ (< 0.4), ▒ (< 0.6), ░ (glyph picks
 *   on the "gradient" ramp), hue = hue_base + q hue_range,
 *   value = brightness max(0.1, (1 - 0.6 q)(0.5 + 0.5 rms)). */
#include "fx_chars.h"

enum { ICE_STREAM = 0x69636566 };
enum { P_N_BASE, P_HUE_BASE, P_HUE_RANGE, P_BRIGHTNESS, P_SPEED, P_JITTER };

#define ICE_MAX_COLUMNS 128
#define ICE_COLUMN_WIDTH 3

static const gfx_param_desc ice_params[] = {
    {"n_base", 20.0f, 1.0f, 60.0f, "columns in silence (rounded down; bass adds up to 50)"},
    {"hue_base", 0.55f, 0.0f, 1.0f, "hue at the base of the flames"},
    {"hue_range", 0.15f, 0.0f, 0.5f, "hue added from base to tip"},
    {"brightness", 0.7f, 0.1f, 1.0f, "brightness (1: the catalogue's fire)"},
    {"speed", 0.5f, 0.0f, 2.0f, "sway speed (1: the catalogue's fire)"},
    {"jitter", 0.5f, 0.0f, 0.9f, "how much column heights differ (0: one height)"},
};

/* █ ▓ ▒ ░ as places in the "gradient" ramp " ░▒▓█" */
static int ice_glyph(float q)
{
    return q < 0.2f ? 4 : q < 0.4f ? 3 : q < 0.6f ? 2 : 1;
}

static void ice_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    const gfx_features *ft = ctx->feat;
    fx_clear(g, value, hue, 0.0f);
    float t = (float)ctx->time * fx_param(ctx, P_SPEED);
    float bass = ft->bands_fast[GFX_BAND_BASS], sub_r = fx_band_ratio(ft, GFX_BAND_SUB);
    int n = fx_floor(fx_param(ctx, P_N_BASE) + 30.0f * bass + 20.0f * sub_r);
    n = n > ICE_MAX_COLUMNS ? ICE_MAX_COLUMNS : n;
    float height = (0.4f * bass + 0.3f * sub_r + 0.3f * ft->rms_fast) * 0.7f * (float)g->rows;
    float hue_base = fx_param(ctx, P_HUE_BASE), hue_range = fx_param(ctx, P_HUE_RANGE);
    float bright = fx_param(ctx, P_BRIGHTNESS), jitter = fx_param(ctx, P_JITTER);
    float loud = 0.5f + 0.5f * ft->rms_fast;
    uint32_t key = fx_hash3(ctx->seed, ICE_STREAM, 0);

    for (int k = 0; k < n; k++) {
        float x = (float)k * (float)g->cols / (float)n + 3.0f * fx_sin(2.0f * t + 0.7f * (float)k);
        float h = height * (1.0f - jitter * fx_noise2(key, (float)k * 0.7f, 3.0f * t));
        int left = fx_floor(x);
        for (int w = 0; w < ICE_COLUMN_WIDTH; w++) {
            int c = (left + w) % g->cols;
            c = c < 0 ? c + g->cols : c;
            /* each cell column its own flickering tip: ragged tongues */
            float tip =
                h * (1.0f - 0.5f * jitter * fx_noise2(key ^ 0x746970U, (float)c * 0.6f, 4.0f * t));
            for (int dy = 0; (float)dy < tip && dy < g->rows; dy++) {
                float q = (float)dy / tip;
                int i = (g->rows - 1 - dy) * g->cols + c;
                value[i] = bright * fx_maxf(0.1f, (1.0f - 0.6f * q) * loud);
                hue[i] = fx_pick(ice_glyph(q), hue_base + q * hue_range);
            }
        }
    }
}

const gfx_effect_desc gfx_fx_ice_fire = {
    .name = "ice_fire",
    .summary = "fire columns in blue and cyan, dimmer and slower (the catalogue's column fire)",
    .render = ice_render,
    .params = ice_params,
    .n_params = sizeof ice_params / sizeof ice_params[0],
    .default_ramp = "gradient",
    .group = GFX_EFFECT_CHARACTER,
};
