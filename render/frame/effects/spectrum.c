/* spectrum (catalogue section 4, spectrum: eff_spectrum): 64 thin bars, the
 * six bands interpolated linearly across them, mirrored about the middle
 * row. Unlike `bars` (per-bar jitter, square-root heights, falling peak
 * caps, one colour per bar) each bar is a gradient: glyph, brightness and
 * hue rise from its base to its tip.
 *   e = 1 - exp(-1.8 interp) (the catalogue's min(1, 1.8 interp) with a soft
 *   knee: as steep near silence, but loud passages still move the bars
 *   instead of pinning them all at full height), height = e (rows / 2 - 2) cells up and down
 *   from the middle (e (rows - 2) up from the bottom when unmirrored);
 *   bars wider than 2 cells leave their last column as a gap;
 *   at cell dy of a bar of height H, q = dy / H:
 *   value = 0.2 + 0.7 q (the catalogue's glyph index (0.7 q + 0.2) n; the
 *   brightness follows the glyph), hue = 0.3 cent + 0.3 b / bars + 0.15 q. */
#include "fx_chars.h"

enum { P_BARS, P_MIRROR, P_GAIN };

static const gfx_param_desc spectrum_params[] = {
    {"bars", 64.0f, 4.0f, 128.0f, "number of bars (rounded down)"},
    {"mirror", 1.0f, 0.0f, 1.0f, "1: bars grow up and down from the middle; 0: up from the bottom"},
    {"gain", 1.8f, 0.5f, 4.0f, "bar height per unit of band energy"},
};

static void spectrum_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    const gfx_features *ft = ctx->feat;
    int n_bars = (int)fx_param(ctx, P_BARS);
    int mirror = fx_param(ctx, P_MIRROR) >= 0.5f;
    float gain = fx_param(ctx, P_GAIN);
    int mid = g->rows / 2;
    float span = mirror ? (float)mid - 2.0f : (float)g->rows - 2.0f;
    span = fx_maxf(span, 1.0f);
    float bar_w = (float)g->cols / (float)n_bars;
    float hue0 = 0.3f * ft->centroid;

    for (int c = 0; c < g->cols; c++) {
        int b = (int)((float)c / bar_w);
        b = b >= n_bars ? n_bars - 1 : b;
        int gap = bar_w > 2.0f && (int)((float)(c + 1) / bar_w) > b; /* the bar's last column */
        float band = fx_band_at(ft->bands_fast, (float)b * (GFX_BANDS - 1) / (float)(n_bars - 1));
        float e = 1.0f - fx_exp(-gain * fx_maxf(band, 0.0f));
        float height = e * span;
        float bar_hue = hue0 + 0.3f * (float)b / (float)n_bars;
        for (int r = 0; r < g->rows; r++) {
            int i = r * g->cols + c;
            /* dy: cells from the base, 1 at the base */
            int dy = mirror ? (r < mid ? mid - r : r - mid + 1) : g->rows - r;
            float q = (float)dy / fx_maxf(height, 1e-6f);
            int lit = !gap && (float)dy <= height + 0.5f;
            q = fx_minf(q, 1.0f);
            value[i] = lit ? 0.2f + 0.7f * q : 0.0f;
            hue[i] = fx_frac(bar_hue + 0.15f * q);
        }
    }
}

const gfx_effect_desc gfx_fx_spectrum = {
    .name = "spectrum",
    .summary = "64 thin mirrored spectrum bars, each a gradient from base to tip",
    .render = spectrum_render,
    .params = spectrum_params,
    .n_params = sizeof spectrum_params / sizeof spectrum_params[0],
    .default_ramp = "blocks",
    .group = GFX_EFFECT_CHARACTER,
};
