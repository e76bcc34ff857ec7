/* Helpers shared by the effects (internal to render/effects/).
 *
 * Randomness: every random number is a hash of (seed, stream, index...), so an
 * effect is a pure function of its context. Each effect has its own stream
 * constant, so two effects with the same seed do not share patterns.
 *
 * Cheap maths: fx_sin is a branch-free polynomial (abs error < 1e-5 for
 * |x| < 100, < 1e-4 near 1e4) that the compiler can vectorize where libm's
 * sinf would be a call per cell. fx_sin and fx_exp use only +, *, exact
 * conversions and scaling, so (built with -ffp-contract=off, as the project
 * is) every machine computes the same bytes; libm's sinf/expf may differ by
 * an ulp between C libraries. sqrtf is exact (IEEE), so effects may use it.
 *
 * Hues: the colour stage reads a gradient palette at 1 - |2h - 1| (palette.h),
 * so hue 0 -> 0.5 walks the whole gradient and 0.5 -> 1 walks it back. Effects
 * with a sense of heat (fire, embers, rain heads) put cold at 0, hot at 0.5.
 *
 * Particle coordinates: x in cell widths (columns), y in cell widths too
 * (row * aspect), so velocities are round on screen; fx_splat converts back. */
#ifndef GFX_FX_COMMON_H
#define GFX_FX_COMMON_H

#include <math.h>
#include <stdint.h>

#include "effect.h"
#include "gfx_kernels.h"

#define FX_PI 3.14159265358979f
#define FX_TAU 6.28318530717959f
/* Column-table size: wider than any grid (7680 px / 4 px cells = 1920). */
#define FX_MAX_COLS 4096

/* The registry's table (registry.c) lists these, one per effect file. */
extern const gfx_effect_desc gfx_fx_rain, gfx_fx_fire, gfx_fx_plasma, gfx_fx_tunnel, gfx_fx_rings,
    gfx_fx_spiral, gfx_fx_bars, gfx_fx_waveform, gfx_fx_explosion, gfx_fx_embers, gfx_fx_starfield,
    gfx_fx_dissolve;
extern const gfx_effect_desc gfx_fx_bg_video;
extern const gfx_effect_desc gfx_fx_bg_sinefield;
extern const gfx_effect_desc gfx_fx_bg_noise;
extern const gfx_effect_desc gfx_fx_bg_smooth_noise;
extern const gfx_effect_desc gfx_fx_bg_cellular;
extern const gfx_effect_desc gfx_fx_rays;
extern const gfx_effect_desc gfx_fx_glow;
extern const gfx_effect_desc gfx_fx_freq_waves;
extern const gfx_effect_desc gfx_fx_glitch_displace;
extern const gfx_effect_desc gfx_fx_block_corrupt;
extern const gfx_effect_desc gfx_fx_scanbars;
extern const gfx_effect_desc gfx_fx_error_text;
extern const gfx_effect_desc gfx_fx_hex_stream;
extern const gfx_effect_desc gfx_fx_spectrum;
extern const gfx_effect_desc gfx_fx_ice_fire;
extern const gfx_effect_desc gfx_fx_shake;
extern const gfx_effect_desc gfx_fx_orbit;
extern const gfx_effect_desc gfx_fx_gravity_well;
extern const gfx_effect_desc gfx_fx_boids;
extern const gfx_effect_desc gfx_fx_flow_field;
extern const gfx_effect_desc gfx_fx_trails;
extern const gfx_effect_desc gfx_fx_sinefield, gfx_fx_smooth_noise, gfx_fx_vortex,
    gfx_fx_interference, gfx_fx_aurora, gfx_fx_ripple, gfx_fx_diamond, gfx_fx_noise_static;
extern const gfx_effect_desc gfx_fx_noise, gfx_fx_fbm, gfx_fx_domain_warp, gfx_fx_voronoi,
    gfx_fx_temporal_noise, gfx_fx_sdf;
extern const gfx_effect_desc gfx_fx_reaction_diffusion;
extern const gfx_effect_desc gfx_fx_game_of_life;
extern const gfx_effect_desc gfx_fx_strange_attractor;

static inline uint32_t fx_hash3(uint32_t seed, uint32_t stream, uint32_t index)
{
    return gfx_hash32(seed ^ gfx_hash32(index ^ gfx_hash32(stream + 0x9e3779b9U)));
}

/* Uniform in [0, 1) from the top 24 bits of a hash. */
static inline float fx_unit(uint32_t h)
{
    return (float)(h >> 8) * (1.0f / 16777216.0f);
}

/* n independent uniforms for one (seed, stream, index): draw k of them as
 * fx_unit(gfx_hash32(base + k)), base = fx_hash3(...). */
static inline float fx_draw(uint32_t base, uint32_t k)
{
    return fx_unit(gfx_hash32(base + k * 0x632be5abU));
}

static inline float fx_clamp01(float x)
{
    return x < 0.0f ? 0.0f : x > 1.0f ? 1.0f : x;
}
static inline float fx_maxf(float a, float b)
{
    return a > b ? a : b;
}
static inline float fx_minf(float a, float b)
{
    return a < b ? a : b;
}

/* floor for |x| < 2^31 without a libm call. */
static inline int fx_floor(float x)
{
    int i = (int)x;
    return i - (x < (float)i);
}

/* Fractional part in [0, 1); hue values must stay below 1. */
static inline float fx_frac(float x)
{
    float f = x - (float)fx_floor(x);
    return f < 1.0f ? f : 0.0f;
}

static inline float fx_sin(float x)
{
    /* reduce to [-pi, pi], then fold to [-pi/2, pi/2]; Taylor to x^9 */
    float k = x * (1.0f / FX_TAU);
    k = (float)(int)(k + (k >= 0.0f ? 0.5f : -0.5f));
    x -= k * FX_TAU;
    x = x > 0.5f * FX_PI ? FX_PI - x : x;
    x = x < -0.5f * FX_PI ? -FX_PI - x : x;
    float x2 = x * x;
    return x * (1.0f +
                x2 * (-1.0f / 6 + x2 * (1.0f / 120 + x2 * (-1.0f / 5040 + x2 * (1.0f / 362880)))));
}
static inline float fx_cos(float x)
{
    return fx_sin(x + 0.5f * FX_PI);
}

/* e^x for x >= -80 split as 2^n * p: n the integer part of x log2(e), p
 * 2^frac by its Taylor polynomial (relative error < 2e-5). */
static inline float fx_exp_parts(float x, int *n)
{
    float y = (x < -80.0f ? -80.0f : x) * 1.44269504f; /* log2(e) */
    *n = fx_floor(y);
    float f = y - (float)*n;
    return 1.0f +
           f * (0.693147f +
                f * (0.240227f +
                     f * (0.0555041f + f * (0.00961813f + f * (0.00133336f + f * 0.000154035f)))));
}

/* e^x for -80 <= x <= 0: the integer part exactly through ldexpf. */
static inline float fx_exp(float x)
{
    int n;
    float p = fx_exp_parts(x, &n);
    return ldexpf(p, n);
}

static inline float fx_smooth(float t)
{
    return t * t * (3.0f - 2.0f * t);
}

/* The rows r0..r1 and columns c0..c1 (inclusive, inside the grid) that hold
 * every cell within `reach` of (x0, y0), x in cell widths and y in rows
 * times the aspect. */
static inline void fx_cells_around(const gfx_grid *g, float x0, float y0, float reach, int *r0,
                                   int *r1, int *c0, int *c1)
{
    int rlo = fx_floor((y0 - reach) / g->aspect), rhi = fx_floor((y0 + reach) / g->aspect) + 1;
    int clo = fx_floor(x0 - reach), chi = fx_floor(x0 + reach) + 1;
    *r0 = rlo < 0 ? 0 : rlo;
    *c0 = clo < 0 ? 0 : clo;
    *r1 = rhi > g->rows - 1 ? g->rows - 1 : rhi;
    *c1 = chi > g->cols - 1 ? g->cols - 1 : chi;
}

/* Compact bump: 1 at 0, 0 for |x| >= 1, smooth in between (a cheap Gaussian). */
static inline float fx_bump(float x)
{
    float q = 1.0f - x * x;
    return q > 0.0f ? q * q : 0.0f;
}

/* Value noise in [0, 1): hashed lattice, smoothstep interpolation. */
static inline float fx_lattice(uint32_t key, int x, int y)
{
    return fx_unit(
        gfx_hash32(key ^ gfx_hash32((uint32_t)x * 0x8da6b343U ^ (uint32_t)y * 0xd8163841U)));
}
static inline float fx_noise2(uint32_t key, float x, float y)
{
    int ix = fx_floor(x), iy = fx_floor(y);
    float fx = fx_smooth(x - (float)ix), fy = fx_smooth(y - (float)iy);
    float a = fx_lattice(key, ix, iy), b = fx_lattice(key, ix + 1, iy);
    float c = fx_lattice(key, ix, iy + 1), d = fx_lattice(key, ix + 1, iy + 1);
    float top = a + (b - a) * fx, bottom = c + (d - c) * fx;
    return top + (bottom - top) * fy;
}

/* fx_noise2(key, c * x_scale, y) for c = 0..cols-1 at once: the lattice
 * hashes of the row are taken once per lattice column, not per cell. */
void fx_noise_row(uint32_t key, float x_scale, float y, int cols, float *out);

/* Parameter k of the effect, as the scene set it (already range-checked). */
static inline float fx_param(const gfx_effect_ctx *ctx, int k)
{
    return ctx->params[k];
}

/* Writes brightness v and hue h to the cell under particle position (x, y)
 * (y in cell widths, see above) where it is brighter than what is there. */
static inline void fx_splat(const gfx_grid *g, float *value, float *hue, float x, float y, float v,
                            float h)
{
    float row = y / g->aspect;
    if (!(x >= -0.5f && row >= -0.5f && x < (float)g->cols - 0.5f && row < (float)g->rows - 0.5f))
        return;
    int i = (int)(row + 0.5f) * g->cols + (int)(x + 0.5f);
    if (v > value[i]) {
        value[i] = v;
        hue[i] = h;
    }
}

/* fx_splat with a halo: the four neighbouring cells get `halo` times v, so
 * a particle reads as a small glowing blob rather than one glyph. */
static inline void fx_splat_glow(const gfx_grid *g, float *value, float *hue, float x, float y,
                                 float v, float h, float halo)
{
    fx_splat(g, value, hue, x, y, v, h);
    fx_splat(g, value, hue, x - 1.0f, y, halo * v, h);
    fx_splat(g, value, hue, x + 1.0f, y, halo * v, h);
    fx_splat(g, value, hue, x, y - g->aspect, halo * v, h);
    fx_splat(g, value, hue, x, y + g->aspect, halo * v, h);
}

void fx_clear(const gfx_grid *g, float *value, float *hue, float hue_fill);

/* A backdrop of soft clouds (value noise with gaps between, `scale` lattice
 * cells per cell width, shifted up by `rise` lattice cells, so a rise that
 * grows with time makes them drift upwards): value = level * cloud^2, hue
 * from hue0 to hue0 + hue_span across the cloud, times a per-cell grain
 * (0.45..1) that moves with the clouds. Writes every cell (a fresh start,
 * like fx_clear); effects draw their particles over it. */
typedef struct fx_cloud_style {
    float scale, rise, level, hue0, hue_span;
    float cover; /* 0..1: share of the screen under cloud, roughly */
} fx_cloud_style;
void fx_clouds(const gfx_grid *g, uint32_t key, const fx_cloud_style *style, float *value,
               float *hue);

/* Frames with a beat in (frame - window, frame], newest first, at most
 * max_beats of them (the cost bound of event replay). Returns the count. */
int fx_recent_beats(const gfx_effect_ctx *ctx, int window_frames, int *beat_frames, int max_beats);

/* Features of any frame (clamped to the track; silence without one). */
static inline const gfx_features *fx_features(const gfx_effect_ctx *ctx, int frame)
{
    return ctx->track ? gfx_features_at(ctx->track, frame) : ctx->feat;
}

/* Band energy at a continuous band position 0..GFX_BANDS-1 (linear between bands). */
float fx_band_at(const float *bands, float position);

/* Particle cap of this call: the context's, or the effect's standard one when unset. */
int fx_particle_cap(const gfx_effect_ctx *ctx, const gfx_effect_desc *desc);

/* Closed-form motion under linear drag k (1/s), x'' = a - k x', for tau
 * seconds: x = x0 + v0 * reach + a * (tau - reach) / k with
 * reach = (1 - e^{-k tau}) / k (the no-drag limits when k is ~0). */
typedef struct fx_drag {
    float reach, fall; /* multiply by v0 and by a */
} fx_drag;
fx_drag fx_drag_at(float k, float tau);

/* 1 when row r of the grid reads its own cells (col = c, row = r: no
 * transform moved it), so an effect may take its per-column tables there;
 * elsewhere it evaluates its formula at grid->col[i], grid->row[i]. Both
 * ways must give the same bytes on a plain row. */
static inline int fx_row_is_plain(const gfx_grid *g, int r)
{
    const float *col = g->col + (size_t)r * g->cols, *row = g->row + (size_t)r * g->cols;
    for (int c = 0; c < g->cols; c++)
        if (col[c] != (float)c || row[c] != (float)r)
            return 0;
    return 1;
}

#endif
