/* Helpers of the character-level effects (catalogue section 4), internal to
 * render/frame/effects/.
 *
 * Features: the catalogue's keys read glyphfx's smoothed features: rms ->
 * rms_fast, a band -> bands_fast[band], cent -> centroid, flat ->
 * flatness, flux -> flux, bdecay -> beat_env, beat -> beat; a band ratio
 * (sub_r ... hi_r) is the band's share of the six (0 in silence).
 *
 * Exact glyphs: effects that draw particular characters (block glyphs,
 * scan bars, hex digits, error words) use effect.h's glyph pick with a
 * ramp made of exactly those characters (palette.c: "corrupt", "scan",
 * "terminal"), which is their default ramp: pick k shows the ramp's k-th
 * character. Another ramp still works and shows its own glyphs.
 *
 * Moving a whole picture (glitch_displace's sideways bands, shake's roll):
 * an effect produces a field, so these two render a base effect from a
 * fixed list (fx_base_names) with its default parameters and then roll
 * its rows in place; the `base` parameter picks it. */
#ifndef GFX_FX_CHARS_H
#define GFX_FX_CHARS_H

#include "fx_common.h"

/* Share of band b in the six bands (the catalogue's sub_r ... hi_r). */
static inline float fx_band_ratio(const gfx_features *ft, int band)
{
    float sum = 0.0f;
    for (int b = 0; b < GFX_BANDS; b++)
        sum += ft->bands_fast[b];
    return sum > 1e-6f ? ft->bands_fast[band] / sum : 0.0f;
}

/* A hue carrying glyph pick k (1 <= k < GFX_GLYPH_PICKS): ramp glyph k. */
static inline float fx_pick(int k, float hue)
{
    float f = fx_frac(hue);
    return (float)k + (f < 0.999f ? f : 0.999f); /* k + 0.99999 would round to k + 1 */
}

/* Index in the "terminal" ramp (palette.c) of an ASCII character it holds,
 * for fx_pick; 0 (blank) for others. */
int fx_terminal_glyph(char ch);

/* Bases that glitch_displace and shake can move, by `base` parameter
 * (rounded down): stateless registered effects. */
#define FX_BASES 8
extern const char *const fx_base_names[FX_BASES];
/* "0 name, 1 name, ...": the list for a parameter's help. */
#define FX_BASE_HELP                                                                               \
    "picture to move: 0 bg_sinefield, 1 plasma, 2 tunnel, 3 rings, 4 spectrum, 5 freq_waves, "     \
    "6 rain, 7 bars"

/* Renders base `index` into value/hue with its default parameters, in the
 * context's grid, features, frame and seed. */
void fx_render_base(const gfx_effect_ctx *ctx, int index, float *value, float *hue);

/* Rotates a[0..n) right by `shift` (any integer; wraps): a[(k + shift) mod n]
 * takes a[k]. In place (three reversals). */
void fx_roll(float *a, int n, int shift);

#endif
