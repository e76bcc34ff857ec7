/* The row loop of the vignette variants that work in whole blocks
 * (kernels/x86/vignette_sse41.c, vignette_avx2.c, kernels/arm/vignette_neon.c):
 * full blocks in place, and the row's tail through a zeroed block-sized copy,
 * so no byte past the row is read or written. Internal to kernels/. */
#ifndef GFX_VIGNETTE_ROWS_H
#define GFX_VIGNETTE_ROWS_H

#include <string.h>

#include "kernel_contracts.h"

#define GFX_VIGNETTE_MAX_BLOCK_PX 32

/* Scales block_px pixels at px by the block_px mask bytes at m; ctx is the
 * variant's own constants. */
typedef void (*gfx_vignette_block_fn)(uint8_t *px, const uint8_t *m, const void *ctx);

/* Inlined into each variant, so `block` is a direct call. */
static inline void gfx_vignette_rows(uint8_t *canvas, ptrdiff_t stride, int width, int height,
                                     const uint8_t *mask, ptrdiff_t mask_stride, int block_px,
                                     gfx_vignette_block_fn block, const void *ctx)
{
    gfx_check_vignette(canvas, stride, width, height, mask, mask_stride);
    assert(block_px > 0 && block_px <= GFX_VIGNETTE_MAX_BLOCK_PX);
    const int full = width - width % block_px, rest = width - full;
    for (int y = 0; y < height; y++) {
        uint8_t *px = canvas + y * stride;
        const uint8_t *m = mask + y * mask_stride;
        for (int x = 0; x < full; x += block_px)
            block(px + 3 * x, m + x, ctx);
        if (rest) {
            uint8_t tail_px[3 * GFX_VIGNETTE_MAX_BLOCK_PX] = {0};
            uint8_t tail_m[GFX_VIGNETTE_MAX_BLOCK_PX] = {0};
            memcpy(tail_px, px + 3 * full, 3 * (size_t)rest);
            memcpy(tail_m, m + full, (size_t)rest);
            block(tail_px, tail_m, ctx);
            memcpy(px + 3 * full, tail_px, 3 * (size_t)rest);
        }
    }
}

#endif
