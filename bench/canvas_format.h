/* The canvas-format measurement behind gfx_kernels.h's choice of RGB24:
 * the same two representative passes written once per pixel format, packed
 * RGB24 (3 bytes a pixel) and RGBX32 (4 bytes, what ffmpeg reads as rgb0).
 * Compiled with -O3 -mavx2 so the compiler vectorizes both the same way;
 * callers check the CPU has AVX2 first.
 *
 *   vignette-like: c = gfx_div255(c * mask[pixel]) on every channel byte
 *   blit-like:     c = max(c, gfx_div255(coverage[x] * colour[x]))
 *                  (coverage and colour rows repeat every `period` rows, so
 *                  they stay in cache as an atlas does)
 * Bytes per pixel `bpp` is 3 or 4; the X byte of RGBX32 is processed like
 * the others (a SIMD kernel would not skip it). */
#ifndef GFX_CANVAS_FORMAT_H
#define GFX_CANVAS_FORMAT_H

#include <stddef.h>
#include <stdint.h>

void gfx_format_vignette(uint8_t *canvas, const uint8_t *mask, size_t pixels, int bpp);
void gfx_format_blit(uint8_t *canvas, const uint8_t *coverage_rows, const uint8_t *colour_row,
                     int width, int height, int period, int bpp);

#endif
