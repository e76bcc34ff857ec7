/* The colour shaders' arithmetic, apart from the chain that runs them: the
 * per-channel curves as gfx_lut3 tables (kernels/: one lookup per byte) and
 * the linear ones as gfx_colour_matrix (Q12). Each table entry is the
 * catalogue's formula in double precision, rounded to nearest (halves away
 * from zero) and clamped to 0..255, so a test can check any pixel against
 * the formula directly. */
#ifndef GFX_COLOUR_CURVES_H
#define GFX_COLOUR_CURVES_H

#include "gfx_kernels.h"

/* clip((x - black) / max(1, white - black), 0, 1)^(1 / midtone) * 255 */
void gfx_lut3_levels(gfx_lut3 *lut, double black, double white, double midtone);
/* (x - 128) factor + 128 */
void gfx_lut3_contrast(gfx_lut3 *lut, double factor);
/* 255 (x / 255)^(1 / gamma) */
void gfx_lut3_gamma(gfx_lut3 *lut, double gamma);
/* x factor */
void gfx_lut3_brightness(gfx_lut3 *lut, double factor);
/* x > threshold ? 255 - x : x */
void gfx_lut3_solarize(gfx_lut3 *lut, double threshold);
/* levels per channel (2..256): q = x L >> 8, then (q s + 128) >> 8 with
 * s = round(65280 / (L - 1)), all in 16 bits: the bytes the plain-C
 * posterize made before it ran on the table. */
void gfx_lut3_posterize(gfx_lut3 *lut, int levels);
/* (x (256 - m) + (255 - x) m + 128) >> 8 in 16 bits, m = round(256 mix):
 * the plain-C invert's bytes. */
void gfx_lut3_invert(gfx_lut3 *lut, double mix);
/* grey > threshold ? 255 : 0 on every channel. */
void gfx_lut3_threshold(gfx_lut3 *lut, int threshold);
/* A grey byte g onto n >= 2 evenly spaced colour stops, linear between
 * them: position g / 255 (n - 1). Applied after gfx_colour_matrix_mean_grey,
 * which puts the grey in all three channels. */
void gfx_lut3_ramp(gfx_lut3 *lut, const uint8_t (*stops)[3], int n);

/* Every channel the mean of the three rounded up, exactly: with 1366 / 4096
 * per channel and 3072 / 4096 added, the kernel's floor gives
 * ceil((r + g + b) / 3) for every sum 0..765 (checked by brute force). So
 * "mean > t" for a whole t is "grey > t" on the result. */
void gfx_colour_matrix_mean_grey(gfx_colour_matrix *cm);
/* Towards (factor < 1) or away from (> 1) the pixel's luma (weights 0.213,
 * 0.715, 0.072, as the hue rotation): (1 - f) luma + f x per channel. */
void gfx_colour_matrix_saturation(gfx_colour_matrix *cm, double factor);
/* Per-channel multipliers (a diagonal matrix). */
void gfx_colour_matrix_grade(gfx_colour_matrix *cm, double red, double green, double blue);
/* Output channel c takes input channel from[c] (0 red, 1 green, 2 blue). */
void gfx_colour_matrix_channels(gfx_colour_matrix *cm, const int from[3]);

#endif
