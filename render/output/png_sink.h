/* PNG output, and a sink that discards frames.
 *
 * Fast mode writes through the SIMD encoder of kernels/png_encode.h unless
 * GLYPHFX_PNG=libpng (png_writer.h). libpng's fast settings: zlib level 1
 * with the Z_RLE strategy and the single "up" filter (libpng's default is
 * level 6 with adaptive filtering, five filters tried per row). Measured on 1920x1080 frames of the built-in scene (grain
 * on, 6 frames, this 2-core machine under load): default 807 ms/frame,
 * 1761 KB; level 1 + sub 173 ms, 2212 KB; level 1 + up 170 ms, 2037 KB;
 * RLE + up 86 ms, 2595 KB. So about 9x faster than the default for files
 * about 1.5x larger: grain is incompressible, and a PNG sequence is an
 * intermediate, not an archive. */
#ifndef GFX_PNG_SINK_H
#define GFX_PNG_SINK_H

#include <stddef.h>

#include "files.h"
#include "image.h"
#include "sink.h"

/* Writes img to `path` through a temporary file in the same directory,
 * renamed into place only when complete. fast = 1: the settings above;
 * 0: libpng's defaults (for comparison). 0, or -1 with one line in err. */
int gfx_png_write(const char *path, const gfx_image *img, int fast, char *err, size_t err_size);

/* gfx_png_write in two steps, for a caller that must know the destination
 * is writable before it computes the image: gfx_atomic_open(out, path,
 * GFX_ATOMIC_STREAM, ...) first, then this encodes img into out and commits
 * it (or aborts it on failure: the destination is untouched). 0, or -1 with
 * one line in err and errno set. */
int gfx_png_commit(gfx_atomic *out, const gfx_image *img, int fast, char *err, size_t err_size);

/* A PNG sequence DIR/frame_000000.png ... (the index is the frame number);
 * alpha = 1 writes RGBA files (colour type 6), each frame turned into
 * straight RGBA by the kernel table's rgba_unpremultiply (gfx_kernels.h:
 * alpha is the brightest channel), 0 RGB.
 * Frames go to a hidden staging directory DIR/.glyphfx-tmp.HOST.PID.XXXXXX/ (files.h)
 * and are renamed into DIR by finish(), all or none; abort() deletes them, so
 * a failed run leaves no PNG under a final name. NULL with one line in err when DIR is missing,
 * not a directory or not writable. */
gfx_sink *gfx_png_sink_open(const char *dir, int alpha, char *err, size_t err_size);

/* Accepts and drops every frame (for benchmarks). */
gfx_sink *gfx_null_sink_open(void);

#endif
