/* The catalogue's trigonometric value fields (section 3a) that the seed's
 * rings, spiral, tunnel and plasma did not already cover: sinefield,
 * smooth_noise, vortex, interference, aurora, ripple, diamond and
 * noise_static. Each follows the catalogue's formula with its defaults;
 * where the catalogue has no audio term, a `react` parameter (default 1)
 * scales brightness by 0.6 + 0.6 rms (0 gives the catalogue's formula). */
#include "fields_common.h"

enum { STATIC_STREAM = 0x73746174, RIPPLE_STREAM = 0x7269706c };

/* The sums of waves run over chunks of cells, one wave at a time, in
 * branch-free loops the compiler vectorizes (render/CMakeLists.txt). */
#define TRIG_CHUNK 128

/* acc[i] += w sin(x[i] kx + y[i] ky + phase), i < n: a plane wave. */
static void wave_accumulate(const float *restrict x, const float *restrict y, float kx, float ky,
                            float phase, float w, float *restrict acc, int n)
{
    for (int i = 0; i < n; i++)
        acc[i] += w * fld_sin(x[i] * kx + y[i] * ky + phase);
}

/* acc[i] += w sin(x[i] kx + px) sin(y[i] ky + py), i < n: crossed waves. */
static void cross_accumulate(const float *restrict x, const float *restrict y, float kx, float px,
                             float ky, float py, float w, float *restrict acc, int n)
{
    for (int i = 0; i < n; i++)
        acc[i] += w * fld_sin(x[i] * kx + px) * fld_sin(y[i] * ky + py);
}

static int chunk_at(int start, int n)
{
    return n - start < TRIG_CHUNK ? n - start : TRIG_CHUNK;
}

/* ------------------------------------------------------------ sinefield */

enum { SINE_BRI, SINE_FREQ, SINE_SPEED };
static const gfx_param_desc sinefield_params[] = {
    {"bri", 0.5f, 0.0f, 2.0f, "brightness"},
    {"freq", 1.0f, 0.1f, 5.0f, "scale of the frequencies (0.13, 0.17, 0.07, 0.09)"},
    {"speed", 1.0f, 0.0f, 5.0f, "scale of the speeds (0.5, -0.4, -0.3, 0.2)"},
};

static void sinefield_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    float t = (float)ctx->time, k = fx_param(ctx, SINE_FREQ), s = fx_param(ctx, SINE_SPEED);
    float level = fx_param(ctx, SINE_BRI) * (0.6f + 0.6f * fld_rms(ctx->feat));
    float f0 = 0.13f * k, f1 = 0.17f * k, f2 = 0.07f * k, f3 = 0.09f * k;
    float p0 = 0.5f * s * t, p1 = -0.4f * s * t, p2 = -0.3f * s * t;
    float v1[TRIG_CHUNK], v2[TRIG_CHUNK];
    int n = g->rows * g->cols;
    for (int start = 0; start < n; start += TRIG_CHUNK) {
        int m = chunk_at(start, n);
        const float *c = g->col + start, *r = g->row + start;
        for (int i = 0; i < m; i++)
            v1[i] = v2[i] = 0.0f;
        cross_accumulate(c, r, f0, p0, f1, -p1, 0.5f, v1, m);
        wave_accumulate(c, r, f2, f3, -p2, 0.4f, v2, m);
        for (int i = 0; i < m; i++) {
            float v3 = 0.3f * fld_sin(5.0f * fld_dist_n(g, start + i) + 0.2f * t) + 0.4f;
            float mix = 0.35f * (v1[i] + 0.5f) + 0.35f * (v2[i] + 0.5f) + 0.3f * v3;
            value[start + i] = fx_clamp01(mix * level);
            hue[start + i] = fx_frac(1.5f * mix + 0.02f * t);
        }
    }
}

const gfx_effect_desc gfx_fx_sinefield = {
    .name = "sinefield",
    .summary = "sinefield: layered sine waves and a radial swell, brightened by loudness",
    .render = sinefield_render,
    .params = sinefield_params,
    .n_params = sizeof sinefield_params / sizeof sinefield_params[0],
    .default_ramp = "default",
    .group = GFX_EFFECT_FIELD,
};

/* --------------------------------------------------------- smooth_noise */

enum { SMOOTH_OCTAVES, SMOOTH_BRI, SMOOTH_REACT };
static const gfx_param_desc smooth_noise_params[] = {
    {"octaves", 3.0f, 1.0f, 6.0f, "sine octaves (rounded down), k = 0.05 * 2^i"},
    {"bri", 0.5f, 0.0f, 2.0f, "brightness"},
    {"react", 1.0f, 0.0f, 1.0f, FLD_REACT_DOC},
};

static void smooth_noise_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    float t = (float)ctx->time;
    int octaves = (int)fx_param(ctx, SMOOTH_OCTAVES);
    float level = fx_param(ctx, SMOOTH_BRI) *
                  fld_react_level(fx_param(ctx, SMOOTH_REACT), fld_rms(ctx->feat));
    float k[6], phase[6], weight[6];
    for (int o = 0; o < octaves; o++) {
        k[o] = 0.05f * (float)(1 << o);
        phase[o] = t * (0.3f + 0.2f * (float)o);
        weight[o] = 0.5f / (float)(o + 1);
    }
    float sum[TRIG_CHUNK];
    int n = g->rows * g->cols;
    for (int start = 0; start < n; start += TRIG_CHUNK) {
        int m = chunk_at(start, n);
        for (int i = 0; i < m; i++)
            sum[i] = 0.0f;
        /* cos(y) as sin(y + pi/2) */
        for (int o = 0; o < octaves; o++)
            cross_accumulate(g->col + start, g->row + start, k[o], phase[o], 0.7f * k[o],
                             0.5f * FX_PI - 0.5f * phase[o], weight[o], sum, m);
        for (int i = 0; i < m; i++) {
            float v = fx_clamp01(0.5f * sum[i] + 0.5f);
            value[start + i] = fx_clamp01(v * level);
            hue[start + i] = fx_frac(v + 0.03f * t);
        }
    }
}

const gfx_effect_desc gfx_fx_smooth_noise = {
    .name = "smooth_noise",
    .summary = "smooth_noise: octaves of crossed sines, a cheap stand-in for Perlin noise",
    .render = smooth_noise_render,
    .params = smooth_noise_params,
    .n_params = sizeof smooth_noise_params / sizeof smooth_noise_params[0],
    .default_ramp = "default",
    .group = GFX_EFFECT_FIELD,
};

/* --------------------------------------------------------------- vortex */

enum { VORTEX_TWIST };
static const gfx_param_desc vortex_params[] = {
    {"twist", 3.0f, 0.0f, 12.0f, "how far the arms wind with distance, swinging with time"},
};

static void vortex_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    float t = (float)ctx->time;
    float swing = fx_param(ctx, VORTEX_TWIST) * fx_sin(0.5f * t);
    float level = 0.5f + 0.8f * fld_band(ctx->feat, GFX_BAND_BASS);
    int n = g->rows * g->cols;
    for (int i = 0; i < n; i++) {
        float dn = fld_dist_n(g, i);
        float theta = g->angle[i] + swing * dn;
        float v = 0.5f * fld_sin(4.0f * theta - 2.0f * t) + 0.5f;
        value[i] = fx_clamp01(v * level);
        hue[i] = fx_frac(theta * (1.0f / FX_TAU) + dn + 0.5f);
    }
}

const gfx_effect_desc gfx_fx_vortex = {
    .name = "vortex",
    .summary = "vortex: four arms twisting back and forth around the centre, lit by bass",
    .render = vortex_render,
    .params = vortex_params,
    .n_params = sizeof vortex_params / sizeof vortex_params[0],
    .default_ramp = "default",
    .group = GFX_EFFECT_FIELD,
};

/* --------------------------------------------------------- interference */

enum { INTER_WAVES, INTER_REACT };
static const gfx_param_desc interference_params[] = {
    {"n_waves", 6.0f, 1.0f, 12.0f, "plane waves (rounded down), each driven by a band's share"},
    {"react", 1.0f, 0.0f, 1.0f, FLD_REACT_DOC},
};

#define INTER_MAX_WAVES 12

static void interference_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    static const int drivers[GFX_BANDS] = {GFX_BAND_MID,    GFX_BAND_HIGHMID, GFX_BAND_BASS,
                                           GFX_BAND_LOWMID, GFX_BAND_HIGH,    GFX_BAND_SUB};
    const gfx_grid *g = ctx->grid;
    float t = (float)ctx->time;
    int waves = (int)fx_param(ctx, INTER_WAVES);
    float level = fld_react_level(fx_param(ctx, INTER_REACT), fld_rms(ctx->feat));
    float kx[INTER_MAX_WAVES], ky[INTER_MAX_WAVES], phase[INTER_MAX_WAVES], w[INTER_MAX_WAVES];
    for (int k = 0; k < waves; k++) {
        float orient = (float)k * FX_PI / (float)waves, freq = 0.06f + 0.03f * (float)k;
        kx[k] = freq * fx_cos(orient);
        ky[k] = freq * fx_sin(orient);
        phase[k] = (0.5f + 0.3f * (float)k) * t;
        w[k] = 2.5f * fld_ratio(ctx->feat, drivers[k % GFX_BANDS]);
    }
    float sum[TRIG_CHUNK];
    int n = g->rows * g->cols;
    for (int start = 0; start < n; start += TRIG_CHUNK) {
        int m = chunk_at(start, n);
        for (int i = 0; i < m; i++)
            sum[i] = 0.0f;
        for (int k = 0; k < waves; k++)
            wave_accumulate(g->col + start, g->row + start, kx[k], ky[k], -phase[k], w[k], sum, m);
        for (int i = 0; i < m; i++) {
            float v = 0.12f * sum[i] + 0.45f;
            value[start + i] = fx_clamp01(fx_maxf(0.1f, fx_minf(v, 1.0f)) * level);
            hue[start + i] = fx_frac(0.5f + 0.25f * sum[i]);
        }
    }
}

const gfx_effect_desc gfx_fx_interference = {
    .name = "interference",
    .summary = "interference: moire of plane waves weighted by the bands' shares",
    .render = interference_render,
    .params = interference_params,
    .n_params = sizeof interference_params / sizeof interference_params[0],
    .default_ramp = "default",
    .group = GFX_EFFECT_FIELD,
};

/* --------------------------------------------------------------- aurora */

enum { AURORA_BANDS };
static const gfx_param_desc aurora_params[] = {
    {"n_bands", 3.0f, 1.0f, 8.0f, "curtain bands (rounded down)"},
};

#define AURORA_MAX_BANDS 8

static void aurora_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    float t = (float)ctx->time;
    int bands = (int)fx_param(ctx, AURORA_BANDS);
    float fr[AURORA_MAX_BANDS], pr[AURORA_MAX_BANDS], fc[AURORA_MAX_BANDS], pc[AURORA_MAX_BANDS];
    for (int k = 0; k < bands; k++) {
        fr[k] = 0.08f + 0.04f * (float)k;
        pr[k] = t * (0.7f + 0.3f * (float)k);
        fc[k] = 0.012f + 0.008f * (float)k;
        pc[k] = t * (0.18f + 0.12f * (float)k);
    }
    float amp = 0.6f / (float)bands;
    float gain = 3.0f * fld_ratio(ctx->feat, GFX_BAND_LOWMID) + 0.2f;
    float inv_rows = 1.0f / (float)g->rows;
    float sum[TRIG_CHUNK];
    int n = g->rows * g->cols;
    for (int start = 0; start < n; start += TRIG_CHUNK) {
        int m = chunk_at(start, n);
        for (int i = 0; i < m; i++)
            sum[i] = 0.0f;
        for (int k = 0; k < bands; k++)
            cross_accumulate(g->row + start, g->col + start, fr[k], pr[k], fc[k], pc[k], 1.0f, sum,
                             m);
        for (int i = 0; i < m; i++) {
            value[start + i] = fx_maxf(0.0f, fx_minf(amp * sum[i] * gain, 0.7f));
            /* green low, violet high, as curtains are */
            hue[start + i] = fx_frac(0.3f + 0.25f * fx_clamp01(g->row[start + i] * inv_rows) +
                                     0.3f * amp * sum[i]);
        }
    }
}

const gfx_effect_desc gfx_fx_aurora = {
    .name = "aurora",
    .summary = "aurora: slow horizontal curtains, swelling with the low mids",
    .render = aurora_render,
    .params = aurora_params,
    .n_params = sizeof aurora_params / sizeof aurora_params[0],
    .default_ramp = "default",
    .group = GFX_EFFECT_FIELD,
};

/* --------------------------------------------------------------- ripple */

enum { RIPPLE_FREQ, RIPPLE_DAMPING, RIPPLE_ROW, RIPPLE_COL, RIPPLE_SOURCES, RIPPLE_REACT };
static const gfx_param_desc ripple_params[] = {
    {"freq", 0.3f, 0.02f, 2.0f, "radians per cell width"},
    {"damping", 0.02f, 0.0f, 0.5f, "amplitude falls as e^(-damping d), d in cell widths"},
    {"row", 0.5f, 0.0f, 1.0f, "first source's row, as a fraction of the rows"},
    {"col", 0.5f, 0.0f, 1.0f, "first source's column, as a fraction of the columns"},
    {"sources", 1.0f, 1.0f, 6.0f, "sources (rounded down); the others at places from the seed"},
    {"react", 1.0f, 0.0f, 1.0f, FLD_REACT_DOC},
};

#define RIPPLE_MAX_SOURCES 6

static void ripple_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    float t = (float)ctx->time, freq = fx_param(ctx, RIPPLE_FREQ);
    float damping = fx_param(ctx, RIPPLE_DAMPING);
    int sources = (int)fx_param(ctx, RIPPLE_SOURCES);
    float level = fld_react_level(fx_param(ctx, RIPPLE_REACT), fld_rms(ctx->feat));
    float sr[RIPPLE_MAX_SOURCES], sc[RIPPLE_MAX_SOURCES];
    for (int s = 0; s < sources; s++) {
        uint32_t h = fx_hash3(ctx->seed, RIPPLE_STREAM, (uint32_t)s);
        float fr = s ? 0.15f + 0.7f * fx_draw(h, 0) : fx_param(ctx, RIPPLE_ROW);
        float fc = s ? 0.15f + 0.7f * fx_draw(h, 1) : fx_param(ctx, RIPPLE_COL);
        sr[s] = fr * (float)(g->rows - 1);
        sc[s] = fc * (float)(g->cols - 1);
    }
    float phase = 4.0f * t, aspect = g->aspect;
    float sum[TRIG_CHUNK];
    int n = g->rows * g->cols;
    for (int start = 0; start < n; start += TRIG_CHUNK) {
        int m = chunk_at(start, n);
        const float *restrict c = g->col + start, *restrict r = g->row + start;
        for (int i = 0; i < m; i++)
            sum[i] = 0.0f;
        for (int s = 0; s < sources; s++)
            for (int i = 0; i < m; i++) {
                float dx = c[i] - sc[s], dy = (r[i] - sr[s]) * aspect; /* round on screen */
                float d = sqrtf(dx * dx + dy * dy);
                sum[i] += 0.5f * fld_sin(freq * d - phase) * fld_exp(-damping * d);
            }
        for (int i = 0; i < m; i++) {
            float v = fx_clamp01(sum[i] + 0.5f);
            value[start + i] = fx_clamp01(v * level);
            hue[start + i] = fx_frac(0.6f + 0.4f * sum[i]);
        }
    }
}

const gfx_effect_desc gfx_fx_ripple = {
    .name = "ripple",
    .summary = "ripple: damped circular waves from one or more sources",
    .render = ripple_render,
    .params = ripple_params,
    .n_params = sizeof ripple_params / sizeof ripple_params[0],
    .default_ramp = "default",
    .group = GFX_EFFECT_FIELD,
};

/* -------------------------------------------------------------- diamond */

enum { DIAMOND_FREQ };
static const gfx_param_desc diamond_params[] = {
    {"freq", 0.15f, 0.02f, 1.0f, "radians per cell"},
};

static void diamond_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    float t = (float)ctx->time, freq = fx_param(ctx, DIAMOND_FREQ);
    float level = 0.6f + 0.8f * fld_rms(ctx->feat);
    int n = g->rows * g->cols;
    for (int i = 0; i < n; i++) {
        float a = fld_sin(freq * g->col[i] + 0.5f * t),
              b = fld_sin(1.2f * freq * g->row[i] - 0.3f * t);
        float v = fabsf(a) * fabsf(b);
        value[i] = fx_clamp01(v * level);
        hue[i] = fx_frac(0.25f * (a + b) + 0.5f);
    }
}

const gfx_effect_desc gfx_fx_diamond = {
    .name = "diamond",
    .summary = "diamond: a drifting lattice of diamonds, brightened by loudness",
    .render = diamond_render,
    .params = diamond_params,
    .n_params = sizeof diamond_params / sizeof diamond_params[0],
    .default_ramp = "default",
    .group = GFX_EFFECT_FIELD,
};

/* --------------------------------------------------------- noise_static */

enum { STATIC_DENSITY };
static const gfx_param_desc noise_static_params[] = {
    {"density", 0.4f, 0.0f, 1.0f, "brightness of the static"},
};

static void noise_static_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    float level = fx_param(ctx, STATIC_DENSITY) * (0.5f + 0.5f * fld_rms(ctx->feat));
    uint32_t key = fx_hash3(ctx->seed, STATIC_STREAM, (uint32_t)ctx->frame);
    int n = g->rows * g->cols;
    for (int i = 0; i < n; i++) {
        float u = fld_hash(key, fx_floor(g->col[i] + 0.5f), fx_floor(g->row[i] + 0.5f));
        value[i] = fx_clamp01(u * level);
        hue[i] = fx_frac(0.5f * u);
    }
}

const gfx_effect_desc gfx_fx_noise_static = {
    .name = "noise_static",
    .summary = "noise_static: fresh random brightness in every cell, every frame",
    .render = noise_static_render,
    .params = noise_static_params,
    .n_params = sizeof noise_static_params / sizeof noise_static_params[0],
    .default_ramp = "default",
    .group = GFX_EFFECT_FIELD,
};
