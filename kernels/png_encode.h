/* A PNG encoder built for speed (in the manner of fpnge): 8-bit RGB, no
 * interlace, one IDAT chunk holding a zlib stream with one dynamic-Huffman
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

/* The most bytes gfx_png_encode writes for a width x height frame, or 0 for
 * a size it does not take: width or height outside 1 .. 2^24 - 1, or a frame
 * whose worst-case IDAT chunk would pass 2^31 - 1 bytes (about 400
 * megapixels; 8K is 33). */
size_t gfx_png_encode_bound(int width, int height);

/* Writes the PNG file of the RGB24 frame px (rows stride bytes apart) into
 * out (cap >= gfx_png_encode_bound(width, height)). Returns the file's size,
 * or 0: a size the bound refuses, cap too small, or out of memory (scratch of
 * about 7 * width bytes). k = NULL uses gfx_kernels_get(). */
size_t gfx_png_encode(const struct gfx_kernels *k, uint8_t *out, size_t cap, const uint8_t *px,
                      ptrdiff_t stride, int width, int height);

#ifdef __cplusplus
}
#endif
#endif
