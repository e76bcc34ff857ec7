/* Waveform: an oscilloscope trace synthesized from the bands (band i is a
 * sine of rising frequency with the band's energy as amplitude), scaled so
 * its peak swing follows the loudness, with a faint fill down to the centre
 * line, fading ghost traces of earlier frames read from the track, a dim
 * mirror image of the trace (as on a stereo scope), and the scope's
 * graticule behind it all. */
#include "fx_common.h"

enum { WAVE_STREAM = 0x77617665 };
enum { P_CYCLES, P_AMPLITUDE, P_THICKNESS, P_GHOSTS, P_FILL, P_GRID };

static const gfx_param_desc waveform_params[] = {
    {"cycles", 3.0f, 0.5f, 12.0f, "cycles of the lowest band across the screen"},
    {"amplitude", 0.8f, 0.1f, 1.0f, "swing at full loudness, fraction of the half height"},
    {"thickness", 3.5f, 0.5f, 6.0f, "trace half-thickness, rows"},
    {"ghosts", 3.0f, 0.0f, 6.0f, "fading earlier traces (rounded down)"},
    {"fill", 0.4f, 0.0f, 0.6f, "brightness of the area between the trace and the centre line"},
    {"graticule", 0.3f, 0.0f, 0.5f, "brightness of the scope's grid lines (and the mirror trace)"},
};

#define WAVE_GRID_COLS 12 /* graticule divisions across */
#define WAVE_GRID_ROWS 8  /* ... and down */

#define WAVE_GHOST_STEP 2 /* frames between ghost traces */

/* Row of the trace at every column (plus one past the end) for frame f. */
static void trace_rows(const gfx_effect_ctx *ctx, int frame, float *row)
{
    const gfx_grid *g = ctx->grid;
    const gfx_features *ft = fx_features(ctx, frame);
    float t = (float)(frame / ctx->fps);
    float phase[GFX_BANDS], freq[GFX_BANDS], weight[GFX_BANDS];
    for (int b = 0; b < GFX_BANDS; b++) {
        uint32_t h = fx_hash3(ctx->seed, WAVE_STREAM, (uint32_t)b);
        weight[b] =
            ft->bands_fast[b] / (1.0f + 0.5f * (float)b); /* treble: finer, smaller ripples */
        freq[b] = FX_TAU * fx_param(ctx, P_CYCLES) * (1.0f + 0.7f * (float)b) / (float)g->cols;
        phase[b] = FX_TAU * fx_unit(h) + t * (1.5f + 0.8f * (float)b);
    }
    float mid = 0.5f * (float)(g->rows - 1);
    float peak = 1e-6f;
    for (int c = 0; c <= g->cols; c++) {
        float s = 0.0f;
        for (int b = 0; b < GFX_BANDS; b++)
            s += weight[b] * fx_sin((float)c * freq[b] + phase[b]);
        row[c] = s;
        peak = fx_maxf(peak, fx_maxf(s, -s));
    }
    /* the bands shape the trace, the loudness sets its swing */
    float swing =
        0.5f * (float)g->rows * fx_param(ctx, P_AMPLITUDE) * (0.2f + 0.8f * ft->rms_fast) / peak;
    for (int c = 0; c <= g->cols; c++)
        row[c] = mid - swing * row[c];
}

/* Lights the trace: each column covers the rows between its neighbours'
 * midpoints (no gaps on steep slopes), with a glow of `thickness` rows. */
static void draw_trace(const gfx_grid *g, const float *row, float level, float thickness,
                       float hue_shift, float *value, float *hue)
{
    for (int c = 0; c < g->cols; c++) {
        float left = c > 0 ? 0.5f * (row[c - 1] + row[c]) : row[c];
        float right = 0.5f * (row[c] + row[c + 1]);
        float lo = fx_minf(left, right), hi = fx_maxf(left, right);
        int first = fx_floor(lo - thickness), last = fx_floor(hi + thickness) + 1;
        first = first < 0 ? 0 : first;
        last = last > g->rows - 1 ? g->rows - 1 : last;
        for (int r = first; r <= last; r++) {
            float y = (float)r;
            float off = y < lo ? lo - y : y > hi ? y - hi : 0.0f;
            float v = level * fx_bump(off / (thickness + 0.5f));
            int i = r * g->cols + c;
            if (v > value[i]) {
                value[i] = v;
                hue[i] = fx_frac((float)c / (float)g->cols * 0.5f + hue_shift);
            }
        }
    }
}

/* The area between the trace and the centre line, faint and fading away
 * from the trace: the filled look of an envelope display. */
static void fill_under(const gfx_grid *g, const float *row, float level, float hue_shift,
                       float *value, float *hue)
{
    float mid = 0.5f * (float)(g->rows - 1);
    for (int c = 0; c < g->cols; c++) {
        float lo = fx_minf(row[c], mid), hi = fx_maxf(row[c], mid), depth = fx_maxf(hi - lo, 1.0f);
        int first = fx_floor(lo) + 1, last = fx_floor(hi);
        first = first < 0 ? 0 : first;
        last = last > g->rows - 1 ? g->rows - 1 : last;
        for (int r = first; r <= last; r++) {
            float from_mid = ((float)r > mid ? (float)r - mid : mid - (float)r) / depth;
            int i = r * g->cols + c;
            float v = level * (0.4f + 0.6f * from_mid);
            if (v > value[i]) {
                value[i] = v;
                hue[i] = fx_frac((float)c / (float)g->cols * 0.5f + hue_shift);
            }
        }
    }
}

/* The scope's grid: lines at the divisions, the centre lines brighter,
 * pulsing a little on the beats. Clears the rest of the grid. */
static void graticule(const gfx_effect_ctx *ctx, float hue_shift, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    float level = fx_param(ctx, P_GRID) * (0.8f + 0.4f * ctx->feat->beat_env);
    int mid_r = (g->rows - 1) / 2, mid_c = (g->cols - 1) / 2;
    int step_r = g->rows / WAVE_GRID_ROWS, step_c = g->cols / WAVE_GRID_COLS;
    step_r = step_r < 2 ? 2 : step_r;
    step_c = step_c < 2 ? 2 : step_c;
    for (int r = 0; r < g->rows; r++) {
        int on_row = (r - mid_r) % step_r == 0;
        for (int c = 0; c < g->cols; c++) {
            int on_col = (c - mid_c) % step_c == 0;
            float v = on_row || on_col ? 0.6f : 0.0f;
            if (r == mid_r || c == mid_c)
                v = 1.0f;
            value[r * g->cols + c] = level * v;
            hue[r * g->cols + c] = hue_shift + 0.5f;
        }
    }
}

static void waveform_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    float row[FX_MAX_COLS + 1];
    float thickness = fx_param(ctx, P_THICKNESS);
    float hue_shift = 0.03f * (float)ctx->time;
    int ghosts = (int)fx_param(ctx, P_GHOSTS);

    if (g->cols > FX_MAX_COLS) {
        fx_clear(g, value, hue, 0.0f);
        return;
    }
    graticule(ctx, hue_shift, value, hue);
    for (int k = ghosts; k >= 0; k--) {
        int frame = ctx->frame - k * WAVE_GHOST_STEP;
        if (frame < 0)
            continue;
        trace_rows(ctx, frame, row);
        if (k == 0) {
            float mirror[FX_MAX_COLS + 1], mid = (float)(g->rows - 1);
            for (int c = 0; c <= g->cols; c++)
                mirror[c] = mid - row[c];
            draw_trace(g, mirror, 1.6f * fx_param(ctx, P_GRID), thickness, hue_shift + 0.25f, value,
                       hue);
            fill_under(g, row, fx_param(ctx, P_FILL), hue_shift, value, hue);
        }
        float level = k == 0 ? 1.0f : 0.5f * (1.0f - (float)k / (float)(ghosts + 1));
        draw_trace(g, row, level, k == 0 ? thickness : 0.6f * thickness,
                   hue_shift + 0.08f * (float)k, value, hue);
    }
}

const gfx_effect_desc gfx_fx_waveform = {
    .name = "waveform",
    .summary = "waveform: an oscilloscope trace of the bands with ghost traces",
    .render = waveform_render,
    .params = waveform_params,
    .n_params = sizeof waveform_params / sizeof waveform_params[0],
    .default_ramp = "default",
    .group = GFX_EFFECT_CLASSIC,
};
