/* Plasma: the seed's sin(c*k + t) * cos(r*k - t), plus a diagonal wave and a
 * radial ripple. The first two terms are separable, so their sines are taken
 * once per column and once per row (sin(a + b) = sin a cos b + cos a sin b);
 * only the ripple costs a (polynomial) sine per cell. Rows a transform
 * moved (fx_row_is_plain) take the same sines per cell at the position the
 * cell reads. Bass widens the pattern, loudness brightens it, beats push
 * the ripple. */
#include "fx_common.h"

enum { P_SCALE, P_SPEED, P_CONTRAST, P_REACT };

static const gfx_param_desc plasma_params[] = {
    {"scale", 0.14f, 0.02f, 0.5f, "spatial frequency, radians per cell"},
    {"speed", 1.0f, 0.0f, 5.0f, "time scale"},
    {"contrast", 1.8f, 0.5f, 4.0f, "steepness of the value curve"},
    {"reactivity", 0.7f, 0.0f, 1.0f, "how much bass and loudness move it"},
};

typedef struct plasma_look {
    float k, t, contrast, level, ripple_phase;
} plasma_look;

/* One cell from its terms (wave and diag: -1..1 each). */
static inline void plasma_cell(const plasma_look *p, float wave, float diag, float dist,
                               float *value, float *hue)
{
    float ripple = fx_sin(dist * p->k * 1.3f - p->ripple_phase);
    float s = (wave + diag + ripple) * (1.0f / 3.0f); /* -1..1 */
    float v = fx_clamp01(0.5f + 0.5f * s * p->contrast);
    *value = v * p->level;
    *hue = fx_frac(0.5f * s + 0.5f + 0.03f * p->t);
}

/* A row a transform moved: the separable terms' sines per cell. */
static void plasma_moved_row(const gfx_grid *g, const plasma_look *p, int r, float *value,
                             float *hue)
{
    float k = p->k, t = p->t;
    for (int c = 0; c < g->cols; c++) {
        int i = r * g->cols + c;
        float x = g->col[i], y = g->row[i] * g->aspect;
        float wave = fx_sin(x * k + t) * fx_cos(y * k - t);
        float diag = fx_sin(x * k * 0.7f + 1.3f * t) * fx_cos(y * k * 0.7f) +
                     fx_cos(x * k * 0.7f + 1.3f * t) * fx_sin(y * k * 0.7f);
        plasma_cell(p, wave, diag, g->dist[i], &value[i], &hue[i]);
    }
}

static void plasma_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    const gfx_features *ft = ctx->feat;
    float react = fx_param(ctx, P_REACT);
    float t = (float)ctx->time * fx_param(ctx, P_SPEED);
    float k = fx_param(ctx, P_SCALE) * (1.0f - 0.35f * react * ft->bands_slow[GFX_BAND_BASS]);
    plasma_look look = {
        .k = k,
        .t = t,
        .contrast = fx_param(ctx, P_CONTRAST),
        .level = 0.7f + 0.3f * (react * ft->rms_fast + (1.0f - react) * 0.6f),
        .ripple_phase = 2.0f * t + 2.5f * react * ft->beat_env,
    };
    float col_sin[FX_MAX_COLS], diag_sin_c[FX_MAX_COLS], diag_cos_c[FX_MAX_COLS];
    int cols = g->cols < FX_MAX_COLS ? g->cols : FX_MAX_COLS;

    for (int c = 0; c < cols; c++) {
        col_sin[c] = fx_sin((float)c * k + t);
        diag_sin_c[c] = fx_sin((float)c * k * 0.7f + 1.3f * t);
        diag_cos_c[c] = fx_cos((float)c * k * 0.7f + 1.3f * t);
    }
    for (int r = 0; r < g->rows; r++) {
        if (!fx_row_is_plain(g, r)) {
            plasma_moved_row(g, &look, r, value, hue);
            continue;
        }
        float y = (float)r * g->aspect; /* rows in cell widths: round blobs */
        float row_cos = fx_cos(y * k - t);
        float diag_sin_r = fx_sin(y * k * 0.7f), diag_cos_r = fx_cos(y * k * 0.7f);
        const float *dist = g->dist + (size_t)r * g->cols;
        for (int c = 0; c < g->cols; c++) {
            int cc = c < cols ? c : cols - 1;
            float wave = col_sin[cc] * row_cos;
            float diag = diag_sin_c[cc] * diag_cos_r + diag_cos_c[cc] * diag_sin_r;
            int i = r * g->cols + c;
            plasma_cell(&look, wave, diag, dist[c], &value[i], &hue[i]);
        }
    }
}

const gfx_effect_desc gfx_fx_plasma = {
    .name = "plasma",
    .summary = "plasma: interfering sine waves, widened by bass",
    .render = plasma_render,
    .params = plasma_params,
    .n_params = sizeof plasma_params / sizeof plasma_params[0],
    .default_ramp = "default",
    .group = GFX_EFFECT_CLASSIC,
};
