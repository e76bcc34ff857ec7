/* The catalogue's noise fields (sections 3b and 3c.4): noise, fbm,
 * domain_warp and temporal_noise, all on its hashed value noise
 * (fields_common.h). Octave amplitudes and frequencies are taken once per
 * frame; cells go through in chunks, one octave at a time, in branch-free
 * loops the compiler vectorizes (render/CMakeLists.txt lets GCC's cost
 * model do so): the same operations in the same order as cell by cell, so
 * the same bytes on every machine. */
#include "fields_common.h"

enum {
    NOISE_STREAM = 0x6e6f6973,
    FBM_STREAM = 0x66626d00,
    WARP_STREAM = 0x77617270,
    TEMPORAL_STREAM = 0x74656d70
};

#define FLD_MAX_OCTAVES 8

static uint32_t field_key(const gfx_effect_ctx *ctx, uint32_t stream)
{
    return fx_hash3(ctx->seed, stream, 0);
}

#define FLD_CHUNK 128

/* acc[i] += amp * noise(key, x[i] * sx + ox, y[i] * sy + oy), i < n. */
static void noise_accumulate(uint32_t key, const float *restrict x, const float *restrict y,
                             float sx, float ox, float sy, float oy, float amp, float *restrict acc,
                             int n)
{
    for (int i = 0; i < n; i++)
        acc[i] += amp * fld_noise(key, x[i] * sx + ox, y[i] * sy + oy);
}

/* ---------------------------------------------------------------- noise */

enum { NOISE_FREQ, NOISE_SPEED, NOISE_BRI, NOISE_REACT };
static const gfx_param_desc noise_params[] = {
    {"freq", 0.08f, 0.005f, 1.0f, "lattice cells per cell"},
    {"speed", 0.3f, 0.0f, 5.0f, "drift, lattice cells per second"},
    {"bri", 0.7f, 0.0f, 2.0f, "brightness"},
    {"react", 1.0f, 0.0f, 1.0f, FLD_REACT_DOC},
};

static void noise_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    float t = (float)ctx->time, freq = fx_param(ctx, NOISE_FREQ);
    float speed = fx_param(ctx, NOISE_SPEED);
    float level =
        fx_param(ctx, NOISE_BRI) * fld_react_level(fx_param(ctx, NOISE_REACT), fld_rms(ctx->feat));
    float ox = speed * t, oy = -0.4f * speed * t;
    uint32_t key = field_key(ctx, NOISE_STREAM);
    float v[FLD_CHUNK];
    int n = g->rows * g->cols;
    for (int start = 0; start < n; start += FLD_CHUNK) {
        int m = n - start < FLD_CHUNK ? n - start : FLD_CHUNK;
        for (int i = 0; i < m; i++)
            v[i] = 0.0f;
        noise_accumulate(key, g->col + start, g->row + start, freq, ox, 0.8f * freq, oy, 1.0f, v,
                         m);
        for (int i = 0; i < m; i++) {
            value[start + i] = fx_clamp01(v[i] * level);
            hue[start + i] = fx_frac(v[i] + 0.02f * t);
        }
    }
}

const gfx_effect_desc gfx_fx_noise = {
    .name = "noise",
    .summary = "noise: drifting smooth value noise",
    .render = noise_render,
    .params = noise_params,
    .n_params = sizeof noise_params / sizeof noise_params[0],
    .default_ramp = "default",
    .group = GFX_EFFECT_FIELD,
};

/* ------------------------------------------------------------------ fbm */

enum { FBM_OCTAVES, FBM_FREQ, FBM_LACUNARITY, FBM_GAIN, FBM_SPEED, FBM_BRI };
static const gfx_param_desc fbm_params[] = {
    {"octaves", 5.0f, 1.0f, 8.0f, "noise octaves (rounded down)"},
    {"freq", 0.06f, 0.005f, 1.0f, "first octave's lattice cells per cell"},
    {"lacunarity", 2.0f, 1.2f, 4.0f, "frequency ratio between octaves"},
    {"gain", 0.5f, 0.1f, 0.9f, "amplitude ratio between octaves (below 0.5: smoother)"},
    {"speed", 0.2f, 0.0f, 5.0f, "drift, lattice cells per second"},
    {"bri", 0.8f, 0.0f, 2.0f, "brightness"},
};

static void fbm_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    float t = (float)ctx->time, speed = fx_param(ctx, FBM_SPEED);
    int octaves = (int)fx_param(ctx, FBM_OCTAVES);
    float gain = fx_param(ctx, FBM_GAIN), lac = fx_param(ctx, FBM_LACUNARITY);
    float fx_k[FLD_MAX_OCTAVES], fy_k[FLD_MAX_OCTAVES], ox[FLD_MAX_OCTAVES], oy[FLD_MAX_OCTAVES];
    float amp[FLD_MAX_OCTAVES];
    float f = fx_param(ctx, FBM_FREQ), a = 1.0f, total = 0.0f;
    for (int k = 0; k < octaves; k++) {
        float drift = speed * t * (1.0f + 0.3f * (float)k);
        fx_k[k] = f;
        fy_k[k] = 0.85f * f; /* against lining up with the grid */
        ox[k] = drift + 17.3f * (float)k;
        oy[k] = -0.6f * drift + 31.7f * (float)k;
        amp[k] = a;
        total += a;
        f *= lac;
        a *= gain;
    }
    float level = fx_param(ctx, FBM_BRI) * (0.6f + 0.6f * fld_rms(ctx->feat)) / total;
    uint32_t key = field_key(ctx, FBM_STREAM);
    float sum[FLD_CHUNK];
    int n = g->rows * g->cols;
    for (int start = 0; start < n; start += FLD_CHUNK) {
        int m = n - start < FLD_CHUNK ? n - start : FLD_CHUNK;
        for (int i = 0; i < m; i++)
            sum[i] = 0.0f;
        for (int k = 0; k < octaves; k++)
            noise_accumulate(key, g->col + start, g->row + start, fx_k[k], ox[k], fy_k[k], oy[k],
                             amp[k], sum, m);
        for (int i = 0; i < m; i++) {
            value[start + i] = fx_clamp01(sum[i] * level);
            hue[start + i] = fx_frac(sum[i] / total + 0.02f * t);
        }
    }
}

const gfx_effect_desc gfx_fx_fbm = {
    .name = "fbm",
    .summary = "fbm: octaves of value noise, clouds and smoke",
    .render = fbm_render,
    .params = fbm_params,
    .n_params = sizeof fbm_params / sizeof fbm_params[0],
    .default_ramp = "default",
    .group = GFX_EFFECT_FIELD,
};

/* ---------------------------------------------------------- domain_warp */

enum { WARP_STRENGTH, WARP_FREQ, WARP_SPEED, WARP_BRI, WARP_REACT };
static const gfx_param_desc domain_warp_params[] = {
    {"warp_strength", 15.0f, 0.0f, 60.0f, "how far the noise pushes the lookup, cells"},
    {"freq", 0.06f, 0.005f, 1.0f, "lattice cells per cell"},
    {"speed", 0.2f, 0.0f, 5.0f, "drift, lattice cells per second"},
    {"bri", 0.8f, 0.0f, 2.0f, "brightness"},
    {"react", 1.0f, 0.0f, 1.0f, FLD_REACT_DOC},
};

static void domain_warp_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    const gfx_features *ft = ctx->feat;
    float t = (float)ctx->time, freq = fx_param(ctx, WARP_FREQ), speed = fx_param(ctx, WARP_SPEED);
    float warp = fx_param(ctx, WARP_STRENGTH);
    float warp_x = warp * (0.5f + fld_rms(ft)), warp_y = warp * (0.5f + 0.8f * fld_band(ft, 1));
    float level =
        fx_param(ctx, WARP_BRI) * fld_react_level(fx_param(ctx, WARP_REACT), fld_rms(ft)) / 1.875f;
    float wx_off = speed * t, wy_off = 0.7f * speed * t + 3.2f;
    float fx_k[4], fy_k[4], ox[4], oy[4], amp[4];
    for (int k = 0; k < 4; k++) {
        float scale = (float)(1 << k);
        fx_k[k] = 0.8f * freq * scale;
        fy_k[k] = 0.7f * freq * scale;
        ox[k] = 0.5f * speed * t + 13.7f * (float)k;
        oy[k] = -0.3f * speed * t + 27.3f * (float)k;
        amp[k] = 1.0f / scale;
    }
    uint32_t key = field_key(ctx, WARP_STREAM);
    uint32_t key_x = key ^ 0x5bd1e995u, key_y = key ^ 0x27d4eb2fu;
    float nx[FLD_CHUNK], ny[FLD_CHUNK], x[FLD_CHUNK], y[FLD_CHUNK], sum[FLD_CHUNK];
    int n = g->rows * g->cols;
    for (int start = 0; start < n; start += FLD_CHUNK) {
        int m = n - start < FLD_CHUNK ? n - start : FLD_CHUNK;
        const float *c = g->col + start, *r = g->row + start;
        for (int i = 0; i < m; i++)
            nx[i] = ny[i] = sum[i] = 0.0f;
        noise_accumulate(key_x, c, r, 1.3f * freq, wx_off, freq, 7.1f, 1.0f, nx, m);
        noise_accumulate(key_y, c, r, freq, wy_off, 1.1f * freq, -11.8f, 1.0f, ny, m);
        for (int i = 0; i < m; i++) {
            nx[i] = (nx[i] - 0.5f) * warp_x; /* the warp, in cells */
            ny[i] = (ny[i] - 0.5f) * warp_y;
            x[i] = c[i] + nx[i];
            y[i] = r[i] + ny[i];
        }
        for (int k = 0; k < 4; k++)
            noise_accumulate(key, x, y, fx_k[k], ox[k], fy_k[k], oy[k], amp[k], sum, m);
        for (int i = 0; i < m; i++) {
            value[start + i] = fx_clamp01(sum[i] * level);
            hue[start + i] = fx_frac(sum[i] * (1.0f / 1.875f) + 0.01f * (nx[i] - ny[i]));
        }
    }
}

const gfx_effect_desc gfx_fx_domain_warp = {
    .name = "domain_warp",
    .summary = "domain_warp: noise read through noise, melting and flowing forms",
    .render = domain_warp_render,
    .params = domain_warp_params,
    .n_params = sizeof domain_warp_params / sizeof domain_warp_params[0],
    .default_ramp = "default",
    .group = GFX_EFFECT_FIELD,
};

/* ------------------------------------------------------- temporal_noise */

enum { TEMPORAL_FREQ, TEMPORAL_TFREQ, TEMPORAL_OCTAVES, TEMPORAL_BRI };
static const gfx_param_desc temporal_noise_params[] = {
    {"freq", 0.06f, 0.005f, 1.0f, "first octave's lattice cells per cell"},
    {"t_freq", 0.3f, 0.0f, 5.0f, "new noise slices per second"},
    {"octaves", 4.0f, 1.0f, 8.0f, "noise octaves (rounded down)"},
    {"bri", 0.8f, 0.0f, 2.0f, "brightness"},
};

/* Morphs in place without drifting: two fBM slices at the integer steps
 * around T = t * t_freq, mixed by smootherstep of T's fraction. The
 * catalogue moves each step's slice by (7.3, 3.1) lattice cells; here the
 * step keys the hash instead: an independent slice just the same. */
static void temporal_noise_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    float t = (float)ctx->time, freq = fx_param(ctx, TEMPORAL_FREQ);
    int octaves = (int)fx_param(ctx, TEMPORAL_OCTAVES);
    float big_t = t * fx_param(ctx, TEMPORAL_TFREQ);
    int step = fx_floor(big_t);
    float mix = fld_smootherstep(big_t - (float)step);
    float f_k[FLD_MAX_OCTAVES], ox[FLD_MAX_OCTAVES], oy[FLD_MAX_OCTAVES], amp[FLD_MAX_OCTAVES];
    float total = 0.0f;
    for (int k = 0; k < octaves; k++) {
        f_k[k] = freq * (float)(1 << k);
        amp[k] = 1.0f / (float)(1 << k);
        total += amp[k];
        ox[k] = 13.0f * (float)k;
        oy[k] = 29.0f * (float)k;
    }
    float level = fx_param(ctx, TEMPORAL_BRI) * (0.6f + 0.6f * fld_rms(ctx->feat)) / total;
    uint32_t key_a = fx_hash3(ctx->seed, TEMPORAL_STREAM, (uint32_t)step);
    uint32_t key_b = fx_hash3(ctx->seed, TEMPORAL_STREAM, (uint32_t)step + 1u);
    float a[FLD_CHUNK], b[FLD_CHUNK];
    int n = g->rows * g->cols;
    for (int start = 0; start < n; start += FLD_CHUNK) {
        int m = n - start < FLD_CHUNK ? n - start : FLD_CHUNK;
        const float *c = g->col + start, *r = g->row + start;
        for (int i = 0; i < m; i++)
            a[i] = b[i] = 0.0f;
        for (int k = 0; k < octaves; k++) {
            noise_accumulate(key_a, c, r, f_k[k], ox[k], f_k[k], oy[k], amp[k], a, m);
            noise_accumulate(key_b, c, r, f_k[k], ox[k], f_k[k], oy[k], amp[k], b, m);
        }
        for (int i = 0; i < m; i++) {
            float v = a[i] + (b[i] - a[i]) * mix;
            value[start + i] = fx_clamp01(v * level);
            hue[start + i] = fx_frac(v / total + 0.1f * big_t);
        }
    }
}

const gfx_effect_desc gfx_fx_temporal_noise = {
    .name = "temporal_noise",
    .summary = "temporal_noise: noise that morphs in place without drifting",
    .render = temporal_noise_render,
    .params = temporal_noise_params,
    .n_params = sizeof temporal_noise_params / sizeof temporal_noise_params[0],
    .default_ramp = "default",
    .group = GFX_EFFECT_FIELD,
};
