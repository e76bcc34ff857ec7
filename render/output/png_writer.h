/* Which encoder writes the PNG files of the sink and gfx_png_write (fast
 * mode): the SIMD encoder of kernels/png_encode.h by default, libpng with
 * GLYPHFX_PNG=libpng (zlib level 1, as before it). Measured with
 * `glyphfx_bench --benchmark_filter='png_(encode|zlib1)/'`. */
#ifndef GFX_PNG_WRITER_H
#define GFX_PNG_WRITER_H

#include <stddef.h>
#include <stdio.h>

#include "image.h"

enum gfx_png_writer { GFX_PNG_WRITER_GLYPHFX, GFX_PNG_WRITER_LIBPNG };

/* From GLYPHFX_PNG: unset, empty or "glyphfx" is the SIMD encoder, "libpng"
 * libpng; anything else is -1 with one line in err. */
int gfx_png_writer_from_env(char *err, size_t err_size);

/* Encodes img with the SIMD encoder (the process-wide kernel table) and
 * writes the file to f: RGB when channels is 3, RGBA (straight alpha) when
 * 4, img->px then holding 4 bytes a pixel. 0, or -1 with the reason in err. */
int gfx_png_write_glyphfx(FILE *f, const gfx_image *img, int channels, char *err, size_t err_size);

#endif
