/* The row loop of the fused 3x3 box blur, shared by the SIMD variants
 * (kernels/x86/bloom_*.c, kernels/arm/bloom_neon.c); each supplies its own
 * row_sum3 (horizontal 3-sums of one row, edges clamped) and mean9_row
 * (three sum rows to bytes, rounded as gfx_kernels.h says). A ring of three
 * sum rows (y-1, y, y+1, clamped at the edges) slides down the image, so
 * every source row is summed once and nothing frame-sized is written in
 * between, as in the scalar reference. The edge window, which feeds a
 * row_sum3 step that reaches past either end of a row, is shared too.
 * Internal to kernels/. */
#ifndef GFX_BOX_BLUR3_RING_H
#define GFX_BOX_BLUR3_RING_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "kernel_contracts.h"

typedef void (*gfx_row_sum3_fn)(uint16_t *sum, const uint8_t *row, int row_bytes);
typedef void (*gfx_mean9_row_fn)(uint8_t *out, const uint16_t *above, const uint16_t *mid,
                                 const uint16_t *below, int row_bytes);

/* win[k] = row byte start - 3 + k for k < len, with the pixels past either
 * end of the row replaced by the edge pixel (the clamp of the scalar): the
 * input of a row_sum3 step near an edge. */
static inline void gfx_box_blur3_edge_window(uint8_t *win, int len, const uint8_t *row,
                                             int row_bytes, int start)
{
    const int first = start - 3;
    const int lo = first < 0 ? 0 : first;
    const int hi = first + len < row_bytes ? first + len : row_bytes;
    memcpy(win + (lo - first), row + lo, (size_t)(hi - lo));
    for (int pos = first; pos < lo; pos++)
        win[pos - first] = row[pos + 3];
    for (int pos = hi; pos < first + len; pos++)
        win[pos - first] = row[row_bytes - 3 + (pos - row_bytes) % 3];
}

/* `pitch`: uint16 elements between ring rows (>= 3 * width; 3 ring rows must
 * fit GFX_BOX_BLUR3_SCRATCH(width)). Inlined into each variant, so the two
 * row functions are direct calls. */
static inline void gfx_box_blur3_ring(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                                      ptrdiff_t src_stride, int width, int height,
                                      uint16_t *scratch, ptrdiff_t pitch, gfx_row_sum3_fn row_sum3,
                                      gfx_mean9_row_fn mean9_row)
{
    gfx_check_box_blur3(dst, dst_stride, src, src_stride, width, height, scratch);
    assert(pitch >= 3 * (ptrdiff_t)width && (size_t)(3 * pitch) <= GFX_BOX_BLUR3_SCRATCH(width));
    const int row_bytes = 3 * width;
    uint16_t *ring[3] = {scratch, scratch + pitch, scratch + 2 * pitch};
    row_sum3(ring[0], src, row_bytes);
    row_sum3(ring[1], src, row_bytes);
    row_sum3(ring[2], src + (height > 1 ? src_stride : 0), row_bytes);
    for (int y = 0; y < height; y++) {
        mean9_row(dst + y * dst_stride, ring[0], ring[1], ring[2], row_bytes);
        if (y + 1 == height)
            break;
        uint16_t *oldest = ring[0];
        ring[0] = ring[1];
        ring[1] = ring[2];
        ring[2] = oldest;
        int next = y + 2 < height ? y + 2 : height - 1;
        row_sum3(ring[2], src + next * src_stride, row_bytes);
    }
}

#endif
