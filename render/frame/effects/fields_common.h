/* Helpers of the value fields (../shared/catalogue.md section 3): the
 * catalogue's names for the audio features, its lattice hash and value
 * noise, and a polynomial atan2. Internal to render/frame/effects/.
 *
 * Feature names: rms is the fast-smoothed loudness, bass and sub the fast
 * band energies, bdecay the beat envelope; a band's ratio (`bass_r`,
 * `lomid_r`, ...) is its slow energy over the six bands' sum, which fades
 * to 0 in silence rather than dividing noise by nothing.
 *
 * Coordinates: a field reads grid->col and grid->row (cells) and the grid's
 * dist, dist_n and angle, never its loop indices. The catalogue's dist_n is
 * about 0.5 at the frame's edges; the grid's is 1 at its farthest cell, so
 * the fields read half of it (fld_dist_n). */
#ifndef GFX_FIELDS_COMMON_H
#define GFX_FIELDS_COMMON_H

#include <string.h>

#include "fx_common.h"

static inline float fld_rms(const gfx_features *ft)
{
    return ft->rms_fast;
}
static inline float fld_band(const gfx_features *ft, int band)
{
    return ft->bands_fast[band];
}
static inline float fld_ratio(const gfx_features *ft, int band)
{
    float sum = 0.0f;
    for (int b = 0; b < GFX_BANDS; b++)
        sum += ft->bands_slow[b];
    return ft->bands_slow[band] / (sum + 0.05f);
}
static inline float fld_dist_n(const gfx_grid *g, int i)
{
    return 0.5f * g->dist_n[i];
}

/* The brightness factor of the fields whose catalogue formula has no audio
 * term: react 0 keeps the catalogue's formula (factor 1), react 1 makes it
 * the other fields' 0.6 + 0.6 rms. */
static inline float fld_react_level(float react, float rms)
{
    return 1.0f - react * (0.4f - 0.6f * rms);
}

/* What their `react` parameter (fld_react_level's argument) does. */
#define FLD_REACT_DOC "0: the catalogue's formula; 1: brightness x (0.6 + 0.6 rms)"

/* The catalogue's lattice hash, in 32-bit wrapping arithmetic (the
 * catalogue wraps at 64 bits: only the distribution matters here), with the
 * seed mixed in; 23 bits of it as a float in [0, 1]. */
static inline float fld_hash(uint32_t key, int ix, int iy)
{
    uint32_t n = (uint32_t)ix * 374761393u + (uint32_t)iy * 668265263u + key;
    n = (n ^ (n >> 13)) * 1274126177u;
    return (float)((n ^ (n >> 16)) & 0x7fffffu) * (1.0f / 8388607.0f);
}

static inline float fld_smootherstep(float u)
{
    return u * u * u * (u * (6.0f * u - 15.0f) + 10.0f);
}

/* Value noise in [0, 1]: the four lattice hashes around (x, y), mixed
 * bilinearly with smootherstep weights. */
static inline float fld_noise(uint32_t key, float x, float y)
{
    int ix = fx_floor(x), iy = fx_floor(y);
    float u = fld_smootherstep(x - (float)ix), v = fld_smootherstep(y - (float)iy);
    float a = fld_hash(key, ix, iy), b = fld_hash(key, ix + 1, iy);
    float c = fld_hash(key, ix, iy + 1), d = fld_hash(key, ix + 1, iy + 1);
    float top = a + (b - a) * u, bottom = c + (d - c) * u;
    return top + (bottom - top) * v;
}

/* sin(x) with no branch, so loops of it vectorize (fx_sin folds its range
 * with selects that GCC keeps as branches): reduced to [-pi, pi] by 2 pi
 * in two parts (the first exact in 8 bits, so n times it is exact), then
 * Taylor to x^15. Abs error < 2e-6 for |x| < 1e4. */
static inline float fld_sin(float x)
{
    float n = (float)fx_floor(x * (1.0f / FX_TAU) + 0.5f);
    x = (x - n * 6.28125f) - n * 1.9353071795864769e-3f;
    float x2 = x * x;
    return x * (1.0f + x2 * (-1.0f / 6 +
                             x2 * (1.0f / 120 +
                                   x2 * (-1.0f / 5040 +
                                         x2 * (1.0f / 362880 +
                                               x2 * (-1.0f / 39916800 +
                                                     x2 * (1.0f / 6227020800.0f +
                                                           x2 * (-1.0f / 1307674368000.0f))))))));
}

/* fx_exp (the same values) for x <= 0, with 2^n made from its bits
 * instead of by ldexpf, a call in the inner loop. */
static inline float fld_exp(float x)
{
    int n;
    float p = fx_exp_parts(x, &n);
    uint32_t bits = (uint32_t)(n + 127) << 23; /* n >= -116: a normal power of two */
    float scale;
    memcpy(&scale, &bits, sizeof scale);
    return p * scale;
}

/* atan2 in [-pi, pi] (abs error < 1e-5) from +, *, / only, so every
 * machine computes the same bytes (libm's atan2f may differ by an ulp). */
static inline float fld_atan2(float y, float x)
{
    float ax = fabsf(x), ay = fabsf(y);
    float hi = fx_maxf(ax, ay), lo = fx_minf(ax, ay);
    float q = hi > 0.0f ? lo / hi : 0.0f, q2 = q * q;
    float a =
        q *
        (0.99997726f +
         q2 * (-0.33262347f +
               q2 * (0.19354346f + q2 * (-0.11643287f + q2 * (0.05265332f + q2 * -0.01172120f)))));
    a = ay > ax ? 0.5f * FX_PI - a : a;
    a = x < 0.0f ? FX_PI - a : a;
    return y < 0.0f ? -a : a;
}

#endif
