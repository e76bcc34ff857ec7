/* The row loop of the grain variants that work in whole steps
 * (kernels/x86/grain_sse41.c, grain_avx2.c, kernels/arm/grain_neon.c): block
 * rows (two pixel rows sharing their noise) top to bottom, each with its row
 * key, full steps in place, and the last partial step through a zeroed
 * step-sized copy, so no byte past the row is read or written. Internal to
 * kernels/. */
#ifndef GFX_GRAIN_ROWS_H
#define GFX_GRAIN_ROWS_H

#include <string.h>

#include "kernel_contracts.h"

#define GFX_GRAIN_MAX_BLOCK_PX 64

/* Sets the variant's row key: key ^ (by << 16) with the hash's first
 * xor-shift already folded in (gfx_hash32 of key ^ index then needs only
 * the rest once the index, below 1 << 16, is xored in). */
typedef void (*gfx_grain_row_key_fn)(void *ctx, uint32_t folded_key);
/* Adds the noise of blocks bx, bx + 1, ... to block_px pixels of both rows
 * of a block row (row1 is NULL for a last row on its own). */
typedef void (*gfx_grain_step_fn)(uint8_t *row0, uint8_t *row1, const void *ctx, uint32_t bx);

/* Inlined into each variant, so the two functions are direct calls. */
static inline void gfx_grain_rows(uint8_t *canvas, ptrdiff_t stride, int width, int height,
                                  uint32_t key, int amount, int block_px,
                                  gfx_grain_row_key_fn set_row_key, gfx_grain_step_fn step,
                                  void *ctx)
{
    gfx_check_grain(canvas, stride, width, height, amount);
    assert(block_px > 0 && block_px % 2 == 0 && block_px <= GFX_GRAIN_MAX_BLOCK_PX);
    const int full = width - width % block_px, rest = width - full;
    for (int y = 0; y < height; y += 2) {
        uint8_t *row0 = canvas + y * stride;
        uint8_t *row1 = y + 1 < height ? row0 + stride : NULL;
        uint32_t row_key = key ^ (((uint32_t)y >> 1) << 16);
        set_row_key(ctx, row_key ^ (row_key >> 16));
        for (int x = 0; x < full; x += block_px)
            step(row0 + 3 * x, row1 ? row1 + 3 * x : NULL, ctx, (uint32_t)x >> 1);
        if (rest) {
            uint8_t copy[2][3 * GFX_GRAIN_MAX_BLOCK_PX] = {{0}};
            size_t bytes = 3 * (size_t)rest;
            memcpy(copy[0], row0 + 3 * full, bytes);
            if (row1)
                memcpy(copy[1], row1 + 3 * full, bytes);
            step(copy[0], row1 ? copy[1] : NULL, ctx, (uint32_t)full >> 1);
            memcpy(row0 + 3 * full, copy[0], bytes);
            if (row1)
                memcpy(row1 + 3 * full, copy[1], bytes);
        }
    }
}

#endif
