/* freq_waves (catalogue section 4, waves: eff_freq_waves): one wavy line
 * per band, low bands long and slow, high bands short and fast. Band b
 * with energy e, spatial and temporal frequencies sf, tf and hue h (the
 * catalogue's table below) draws
 *   y = rows / 2 - A sin(sf c + tf t) + 0.2 A sin(2.3 sf c + 1.7 tf t),
 *   A = amplitude e rows, thickness th = 2 + 5 e,
 *   value = clip((1 - |r - y| / th) gain e);
 * a cell takes the brightest band's value and hue. Silence is dark. */
#include "fx_chars.h"

enum { P_AMPLITUDE, P_GAIN };

static const gfx_param_desc freq_waves_params[] = {
    {"amplitude", 0.4f, 0.05f, 1.0f, "swing of a band at full energy, fraction of the rows"},
    {"gain", 1.5f, 0.2f, 4.0f, "brightness per unit of band energy"},
};

/* sub, bass, lomid, mid, himid, hi */
static const float wave_spatial[GFX_BANDS] = {0.06f, 0.10f, 0.15f, 0.22f, 0.32f, 0.45f};
static const float wave_temporal[GFX_BANDS] = {1.2f, 2.0f, 3.0f, 4.5f, 6.5f, 8.5f};
static const float wave_hue[GFX_BANDS] = {0.0f, 0.08f, 0.16f, 0.25f, 0.4f, 0.55f};

/* Row of band b's line at column c. */
static float wave_row(int b, float amp, float mid, float c, float t)
{
    float sf = wave_spatial[b], tf = wave_temporal[b];
    return mid - amp * fx_sin(sf * c + tf * t) + 0.2f * amp * fx_sin(2.3f * sf * c + 1.7f * tf * t);
}

static void freq_waves_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    const gfx_features *ft = ctx->feat;
    float t = (float)ctx->time, mid = 0.5f * (float)g->rows;
    float amp[GFX_BANDS], inv_th[GFX_BANDS], level[GFX_BANDS];
    for (int b = 0; b < GFX_BANDS; b++) {
        float e = fx_clamp01(ft->bands_fast[b]);
        amp[b] = fx_param(ctx, P_AMPLITUDE) * e * (float)g->rows;
        inv_th[b] = 1.0f / (2.0f + 5.0f * e);
        level[b] = fx_param(ctx, P_GAIN) * e;
    }
    /* the lines' rows at whole columns, taken once per column: cells
     * reading a whole column in the grid (all of them on a plain grid)
     * look it up, others compute it the same way */
    int cols = g->cols < FX_MAX_COLS ? g->cols : FX_MAX_COLS;
    float line[GFX_BANDS][FX_MAX_COLS];
    for (int b = 0; b < GFX_BANDS; b++)
        for (int c = 0; c < cols; c++)
            line[b][c] = wave_row(b, amp[b], mid, (float)c, t);
    int n = g->rows * g->cols;
    for (int i = 0; i < n; i++) {
        float c = g->col[i], r = g->row[i], best = 0.0f, best_hue = 0.0f;
        int whole = c >= 0.0f && c < (float)cols && c == (float)(int)c;
        for (int b = 0; b < GFX_BANDS; b++) {
            if (level[b] <= 0.0f)
                continue;
            float y = whole ? line[b][(int)c] : wave_row(b, amp[b], mid, c, t);
            float d = r > y ? r - y : y - r;
            float v = fx_clamp01((1.0f - d * inv_th[b]) * level[b]);
            if (v > best) {
                best = v;
                best_hue = wave_hue[b];
            }
        }
        value[i] = best;
        hue[i] = best_hue;
    }
}

const gfx_effect_desc gfx_fx_freq_waves = {
    .name = "freq_waves",
    .summary = "one wavy line per frequency band, its swing and glow set by the band",
    .render = freq_waves_render,
    .params = freq_waves_params,
    .n_params = sizeof freq_waves_params / sizeof freq_waves_params[0],
    .default_ramp = "default",
    .group = GFX_EFFECT_CHARACTER,
};
