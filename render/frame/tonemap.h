/* Tonemap: a percentile stretch of an effect's cell values with a gamma
 * lift, so a quiet or timid effect still fills the brightness range (the
 * seed's targets: mean above 15 in active scenes, above 5 in quiet ones).
 *
 * It works on the cell values (about 10K per frame) rather than on the
 * 2M pixels: the same effect on the picture for a thousandth of the work.
 * Empty cells (value <= 0) stay empty: the stretch only spreads what the
 * effect drew. */
#ifndef GFX_TONEMAP_H
#define GFX_TONEMAP_H

typedef struct gfx_tonemap_range {
    float lo, hi; /* value mapped to 0 and to 1 */
} gfx_tonemap_range;

/* The 1st and 99.5th percentiles of the visible values (v > 1/512) of a
 * subsample (every ceil(n / 4096)-th cell), on a 1024-bin histogram, so
 * the result is exact and cheap. hi is at least 0.15 (at most a 6.7x
 * gain: silence is not blown up into noise) and lo at most hi / 2.
 * With fewer than 8 visible samples the range is the identity [0, 1]. */
gfx_tonemap_range gfx_tonemap_measure(const float *value, int n);

/* The tonemap's floor for the mean: a sparse effect (sparks, stars,
 * trails: few cells lit, most of them faint) has its gamma lowered until
 * the mean of all cells after the tonemap (empty cells count as 0) reaches
 * GFX_TONEMAP_MEAN_TARGET, so its trails and halos read as glyphs and
 * colour rather than specks; never below GFX_TONEMAP_MIN_GAMMA, so the
 * picture keeps its contrast. An effect that already fills the screen
 * keeps the scene's gamma.
 *
 * The target is a mean of cell values, not of pixels, so by itself it
 * does not meet `glyphfx verify`'s targets (a pixel mean above 15 where
 * the music is active): a cell's pixels are its glyph's ink, a part of the
 * cell that depends on the ramp and the glyph size, times its colour,
 * dimmed for faint values (frame.c's brightness floor). Rain in matrix
 * green, at or above the target, read about 8 at draft's small glyphs.
 * What carries the built-in show over 15 is each look's ramp, palette,
 * gamma and shader chain (scene.c), checked on the RGB canvas by
 * tests/test_brightness.c and on the encoded video by
 * tests/test_show_verify.sh. The two differ: verify reads the video after
 * yuv420p and x264, where chroma subsampling spreads thin coloured glyphs
 * into the black around them and the conversion back to RGB clips the
 * negative side at 0, so it reads about 1.0-1.1 times the canvas's mean
 * on full-screen colour (plasma) and up to 1.3 times on one colour on
 * black (rain); the canvas is the stricter of the two. */
#define GFX_TONEMAP_MEAN_TARGET 0.3f
#define GFX_TONEMAP_MIN_GAMMA 0.35f

/* In place: v <= 0 stays 0, else clamp((v - lo) / (hi - lo), 0, 1)^e.
 * e is gamma, or lower when that misses the mean target: the largest e in
 * [GFX_TONEMAP_MIN_GAMMA, gamma] (to 1/256, by bisection) whose mean over
 * the subsample of gfx_tonemap_measure, read on a 64-bin histogram (each
 * bin's cells at their mean value), reaches the target; the minimum when none does. The power is
 * read from a 1025-entry table with linear interpolation. */
void gfx_tonemap_apply(float *value, int n, gfx_tonemap_range range, float gamma);

#endif
