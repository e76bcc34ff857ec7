/* The catalogue's noise fields (sections 3b and 3c.4): noise, fbm,
 * domain_warp and temporal_noise, all on its hashed value noise
 * (fields_common.h). Octave amplitudes and frequencies are taken once per
 * frame, so a cell costs its noise lookups alone. */
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

/* ---------------------------------------------------------------- noise */

enum { NOISE_FREQ, NOISE_SPEED, NOISE_BRI, NOISE_REACT };
static const gfx_param_desc noise_params[] = {
    {"freq", 0.08f, 0.005f, 1.0f, "lattice cells per cell"},
    {"speed", 0.3f, 0.0f, 5.0f, "drift, lattice cells per second"},
    {"bri", 0.7f, 0.0f, 2.0f, "brightness"},
    {"react", 1.0f, 0.0f, 1.0f, "0: the catalogue's formula; 1: brightness x (0.6 + 0.6 rms)"},
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
    fld_lattice cache = fld_lattice_none;
    int n = g->rows * g->cols;
    for (int i = 0; i < n; i++) {
        float v =
            fld_noise_cached(key, freq * g->col[i] + ox, 0.8f * freq * g->row[i] + oy, &cache);
        value[i] = fx_clamp01(v * level);
        hue[i] = fx_frac(v + 0.02f * t);
    }
}

const gfx_effect_desc gfx_fx_noise = {
    .name = "noise",
    .summary = "noise: drifting smooth value noise",
    .render = noise_render,
    .params = noise_params,
    .n_params = sizeof noise_params / sizeof noise_params[0],
    .default_ramp = "default",
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
    fld_lattice cache[FLD_MAX_OCTAVES];
    for (int k = 0; k < octaves; k++)
        cache[k] = fld_lattice_none;
    int n = g->rows * g->cols;
    for (int i = 0; i < n; i++) {
        float c = g->col[i], r = g->row[i], sum = 0.0f;
        for (int k = 0; k < octaves; k++)
            sum +=
                amp[k] * fld_noise_cached(key, c * fx_k[k] + ox[k], r * fy_k[k] + oy[k], &cache[k]);
        value[i] = fx_clamp01(sum * level);
        hue[i] = fx_frac(sum / total + 0.02f * t);
    }
}

const gfx_effect_desc gfx_fx_fbm = {
    .name = "fbm",
    .summary = "fbm: octaves of value noise, clouds and smoke",
    .render = fbm_render,
    .params = fbm_params,
    .n_params = sizeof fbm_params / sizeof fbm_params[0],
    .default_ramp = "default",
};

/* ---------------------------------------------------------- domain_warp */

enum { WARP_STRENGTH, WARP_FREQ, WARP_SPEED, WARP_BRI, WARP_REACT };
static const gfx_param_desc domain_warp_params[] = {
    {"warp_strength", 15.0f, 0.0f, 60.0f, "how far the noise pushes the lookup, cells"},
    {"freq", 0.06f, 0.005f, 1.0f, "lattice cells per cell"},
    {"speed", 0.2f, 0.0f, 5.0f, "drift, lattice cells per second"},
    {"bri", 0.8f, 0.0f, 2.0f, "brightness"},
    {"react", 1.0f, 0.0f, 1.0f, "0: the catalogue's formula; 1: brightness x (0.6 + 0.6 rms)"},
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
    fld_lattice cache_x = fld_lattice_none, cache_y = fld_lattice_none, cache[4];
    for (int k = 0; k < 4; k++)
        cache[k] = fld_lattice_none;
    int n = g->rows * g->cols;
    for (int i = 0; i < n; i++) {
        float c = g->col[i], r = g->row[i];
        float nx = fld_noise_cached(key_x, 1.3f * freq * c + wx_off, freq * r + 7.1f, &cache_x);
        float ny = fld_noise_cached(key_y, freq * c + wy_off, 1.1f * freq * r - 11.8f, &cache_y);
        float wx = (nx - 0.5f) * warp_x, wy = (ny - 0.5f) * warp_y;
        float x = c + wx, y = r + wy, sum = 0.0f;
        for (int k = 0; k < 4; k++)
            sum +=
                amp[k] * fld_noise_cached(key, x * fx_k[k] + ox[k], y * fy_k[k] + oy[k], &cache[k]);
        value[i] = fx_clamp01(sum * level);
        hue[i] = fx_frac(sum * (1.0f / 1.875f) + 0.01f * (wx - wy));
    }
}

const gfx_effect_desc gfx_fx_domain_warp = {
    .name = "domain_warp",
    .summary = "domain_warp: noise read through noise, melting and flowing forms",
    .render = domain_warp_render,
    .params = domain_warp_params,
    .n_params = sizeof domain_warp_params / sizeof domain_warp_params[0],
    .default_ramp = "default",
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
 * step keys the hash instead, an independent slice just the same, so both
 * slices share their lattice cell and weights and cost one lookup. */
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
    fld_lattice cache_a[FLD_MAX_OCTAVES], cache_b[FLD_MAX_OCTAVES];
    for (int k = 0; k < octaves; k++)
        cache_a[k] = cache_b[k] = fld_lattice_none;
    int n = g->rows * g->cols;
    for (int i = 0; i < n; i++) {
        float c = g->col[i], r = g->row[i], a = 0.0f, b = 0.0f;
        for (int k = 0; k < octaves; k++) {
            float na, nb;
            fld_noise_pair_cached(key_a, key_b, c * f_k[k] + ox[k], r * f_k[k] + oy[k], &cache_a[k],
                                  &cache_b[k], &na, &nb);
            a += amp[k] * na;
            b += amp[k] * nb;
        }
        float v = a + (b - a) * mix;
        value[i] = fx_clamp01(v * level);
        hue[i] = fx_frac(v / total + 0.1f * big_t);
    }
}

const gfx_effect_desc gfx_fx_temporal_noise = {
    .name = "temporal_noise",
    .summary = "temporal_noise: noise that morphs in place without drifting",
    .render = temporal_noise_render,
    .params = temporal_noise_params,
    .n_params = sizeof temporal_noise_params / sizeof temporal_noise_params[0],
    .default_ramp = "default",
};
