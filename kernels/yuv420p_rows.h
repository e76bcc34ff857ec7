/* The row loop of the RGB to yuv420p variants that work in whole blocks
 * (kernels/x86/yuv420p_sse41.c, yuv420p_avx2.c, kernels/arm/yuv420p_neon.c):
 * row pairs top to bottom (a missing second row repeats the first), full
 * blocks in place, and the last partial block through a block-sized copy
 * whose missing columns repeat the last pixel, so no byte past a row is read
 * or written. Internal to kernels/. */
#ifndef GFX_YUV420P_ROWS_H
#define GFX_YUV420P_ROWS_H

#include <string.h>

#include "kernel_contracts.h"

#define GFX_YUV420P_MAX_BLOCK_PX 32

/* Converts block_px pixels of rows r0 and r1 into Y rows y0, y1 and
 * block_px / 2 bytes of U and V; ctx is the variant's own constants. */
typedef void (*gfx_yuv420p_block_fn)(uint8_t *y0, uint8_t *y1, uint8_t *u, uint8_t *v,
                                     const uint8_t *r0, const uint8_t *r1, const void *ctx);
/* Prefetches the block_px pixels at r0 and r1. */
typedef void (*gfx_yuv420p_prefetch_fn)(const uint8_t *r0, const uint8_t *r1);

/* prefetch_px: how far ahead `prefetch` (NULL for none) reaches. Inlined
 * into each variant, so the calls are direct and an absent prefetch
 * disappears. */
static inline void gfx_yuv420p_rows(uint8_t *y, ptrdiff_t y_stride, uint8_t *u, uint8_t *v,
                                    ptrdiff_t uv_stride, const uint8_t *rgb, ptrdiff_t stride,
                                    int width, int height, int block_px, gfx_yuv420p_block_fn block,
                                    int prefetch_px, gfx_yuv420p_prefetch_fn prefetch,
                                    const void *ctx)
{
    gfx_check_yuv420p(y, y_stride, u, v, uv_stride, rgb, stride, width, height);
    assert(block_px > 0 && block_px % 2 == 0 && block_px <= GFX_YUV420P_MAX_BLOCK_PX);
    const int full = width - width % block_px, rest = width - full;
    for (int j = 0; j < (height + 1) / 2; j++) {
        /* a missing second row repeats the first, and so do its Y values:
         * writing them to the first row's place again is harmless */
        const int pair = 2 * j + 1 < height;
        const uint8_t *r0 = rgb + 2 * j * stride, *r1 = pair ? r0 + stride : r0;
        uint8_t *y0 = y + 2 * j * y_stride, *y1 = pair ? y0 + y_stride : y0;
        uint8_t *uj = u + j * uv_stride, *vj = v + j * uv_stride;
        for (int x = 0; x < full; x += block_px) {
            if (prefetch && x + prefetch_px + block_px <= width)
                prefetch(r0 + 3 * (x + prefetch_px), r1 + 3 * (x + prefetch_px));
            block(y0 + x, y1 + x, uj + x / 2, vj + x / 2, r0 + 3 * x, r1 + 3 * x, ctx);
        }
        if (rest) {
            const uint8_t *t0 = r0 + 3 * full, *t1 = r1 + 3 * full;
            uint8_t in0[3 * GFX_YUV420P_MAX_BLOCK_PX], in1[3 * GFX_YUV420P_MAX_BLOCK_PX];
            uint8_t out0[GFX_YUV420P_MAX_BLOCK_PX], out1[GFX_YUV420P_MAX_BLOCK_PX];
            uint8_t out_u[GFX_YUV420P_MAX_BLOCK_PX / 2], out_v[GFX_YUV420P_MAX_BLOCK_PX / 2];
            memcpy(in0, t0, 3 * (size_t)rest);
            memcpy(in1, t1, 3 * (size_t)rest);
            for (int x = rest; x < block_px; x++) {
                memcpy(in0 + 3 * x, t0 + 3 * (rest - 1), 3);
                memcpy(in1 + 3 * x, t1 + 3 * (rest - 1), 3);
            }
            block(out0, out1, out_u, out_v, in0, in1, ctx);
            memcpy(y0 + full, out0, (size_t)rest);
            memcpy(y1 + full, out1, (size_t)rest);
            memcpy(uj + full / 2, out_u, (size_t)(rest + 1) / 2);
            memcpy(vj + full / 2, out_v, (size_t)(rest + 1) / 2);
        }
    }
}

#endif
