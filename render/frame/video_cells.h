/* Video-to-ASCII at the cell level (../shared/catalogue.md section 1: the
 * luminance mapping `frame_to_ascii`, the edge-weighted `frame_to_ascii_edges`
 * and the dim backdrop `bg_video`): the cell stats kernel's planes
 * (gfx_kernels.h, GFX_K_CELL_STATS) become glyph cells for the blit.
 *
 * Per cell, in integers, with L the cell's luma (0..255):
 *   v       = (L * brightness_q8 + 128) >> 8            (256 = the clip as is;
 *                                                       bg_video's 0.5 is 128)
 *   glyph   0 (blank) when v <= 5 (the catalogue's 0.02 of 255);
 *           else edge_glyph[edge_dir] when edge > edge_threshold (0: edges
 *           off; the catalogue's 0.15 is 38); else ramp->glyph[i],
 *           i = min(n - 1, v * n / 255) over the ramp's n glyphs (glyph 0
 *           included, as the catalogue's val2char)
 *   colour  each channel of the cell's mean colour times
 *           f = clamp((384 v + 127) / 255 + 77, 77, 256) / 256,
 *           the catalogue's clamp(1.5 v + 0.3, 0.3, 1) in Q8, rounded:
 *           (c f + 128) >> 8 (dimmed in shadows, never below 30 %).
 * Motion is left to the caller (an overlay's or glitch's intensity). */
#ifndef GFX_VIDEO_CELLS_H
#define GFX_VIDEO_CELLS_H

#include <stdint.h>

#include "gfx_kernels.h"
#include "palette.h"

typedef struct gfx_video_look {
    const gfx_ramp_glyphs *ramp; /* the luminance ramp */
    uint16_t edge_glyph[4];      /* per enum gfx_edge_dir: - / | \ (e.g. ─ ╱ │ ╲) */
    int edge_threshold;          /* 0..255; 0 turns edge glyphs off */
    unsigned brightness_q8;      /* 0..256 */
} gfx_video_look;

/* The catalogue's defaults: edges at 38, full brightness. */
#define GFX_VIDEO_EDGE_THRESHOLD 38
#define GFX_VIDEO_BLANK_LUMA 5

/* Writes rows x cols cells (cells_stride cells from one row to the next). */
void gfx_video_cells(const gfx_cell_planes *stats, int rows, int cols, const gfx_video_look *look,
                     gfx_cell *cells, ptrdiff_t cells_stride);

#endif
