/* A PNG encoder built for speed (in the manner of fpnge): 8-bit RGB or
 * RGBA (colour types 2 and 6), no interlace, one IDAT chunk holding a zlib stream with one dynamic-Huffman
 * deflate block.
 *
 * Rows: each filtered by the kernel table's png_filter (the cheapest of
 * None/Sub/Up/Paeth by the sum of |signed residual|).
 * Deflate: literals, plus runs of zero bytes as a literal 0 and matches at
 * distance 1 (a run that starts with 8 zero bytes at the parse position,
 * which moves 8 bytes at a time; see png_encode.c). Grain survives
 * filtering as small residuals, so longer matches would rarely pay for
 * their search.
 * Huffman code: from a histogram of the tokens of a sample of rows (rows
 * y % 8 == 0 and y % 8 == 5, both parities of the 2x2 grain; every row of a
 * frame under 16 rows), plus one for every symbol, so any token has a code;
 * lengths limited to 14 bits (four literals between two stores).
 * Checksums: Adler-32 and CRC-32 from the table's adler32 and crc32.
 *
 * Every table gives the same filter choices, the same histogram and the same
 * bits, so the file is byte for byte the same on every ISA. */
#ifndef GFX_PNG_ENCODE_H
#define GFX_PNG_ENCODE_H

#include <stddef.h>
#include <stdint.h>

#include "gfx_kernels.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Pixels: channels 3 is RGB24 (colour type 2), 4 is RGBA, straight alpha
 * (colour type 6), one byte each. */

/* The most bytes gfx_png_encode writes for a width x height frame of
 * `channels` bytes a pixel, or 0 for what it does not take: channels other
 * than 3 or 4, width or height outside 1 .. 2^24 - 1, or a frame whose
 * worst-case IDAT chunk would pass 2^31 - 1 bytes (about 300 megapixels of
 * RGBA; 8K is 33). */
size_t gfx_png_encode_bound(int width, int height, int channels);

/* Writes the PNG file of the frame px (rows stride bytes apart, `channels`
 * bytes a pixel) into out (cap >= gfx_png_encode_bound(width, height,
 * channels)). Returns the file's size, or 0: a size the bound refuses, cap
 * too small, or out of memory (scratch of 2 * channels * width bytes). k = NULL
 * uses gfx_kernels_get(). */
size_t gfx_png_encode(const struct gfx_kernels *k, uint8_t *out, size_t cap, const uint8_t *px,
                      ptrdiff_t stride, int width, int height, int channels);

#ifdef __cplusplus
}
#endif
#endif
