/* CRT barrel distortion and scanlines, scalar reference (see gfx_kernels.h). */
#include <math.h>

#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "kernels_c.h"

void gfx_crt_table_build(uint32_t *table, int width, int height, ptrdiff_t src_stride,
                         float curvature)
{
    assert(width > 0 && height > 0 && src_stride >= 3 * (ptrdiff_t)width);
    assert(curvature >= 0.0f && curvature <= 1.0f);
    assert((uint64_t)src_stride * (uint64_t)height < GFX_CRT_BLACK);
    for (int y = 0; y < height; y++) {
        float v = (2.0f * (float)y + 1.0f) / (float)height - 1.0f;
        for (int x = 0; x < width; x++) {
            float u = (2.0f * (float)x + 1.0f) / (float)width - 1.0f;
            float scale = 1.0f + curvature * (u * u + v * v);
            float sx = floorf((u * scale + 1.0f) * 0.5f * (float)width);
            float sy = floorf((v * scale + 1.0f) * 0.5f * (float)height);
            uint32_t off = GFX_CRT_BLACK;
            if (sx >= 0.0f && sx < (float)width && sy >= 0.0f && sy < (float)height)
                off = (uint32_t)((ptrdiff_t)sy * src_stride + 3 * (ptrdiff_t)sx);
            table[(size_t)y * (size_t)width + (size_t)x] = off;
        }
    }
}

void gfx_scanline_gain_build(uint8_t *row_gain, int height, int depth)
{
    assert(depth >= 0 && depth <= 255);
    for (int y = 0; y < height; y++)
        row_gain[y] = (uint8_t)((y & 1) ? 255 - depth : 255);
}

void gfx_crt_scalar(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src, const uint32_t *table,
                    int width, int height, const uint8_t *row_gain)
{
    gfx_check_crt(dst, dst_stride, src, table, width, height, row_gain);
    for (int y = 0; y < height; y++) {
        uint8_t *out = dst + y * dst_stride;
        const uint32_t *t = table + (size_t)y * (size_t)width;
        unsigned gain = row_gain[y];
        for (int x = 0; x < width; x++) {
            if (t[x] == GFX_CRT_BLACK) {
                out[3 * x] = out[3 * x + 1] = out[3 * x + 2] = 0;
                continue;
            }
            const uint8_t *p = src + t[x];
            for (int ch = 0; ch < 3; ch++)
                out[3 * x + ch] = (uint8_t)gfx_div255(p[ch] * gain);
        }
    }
}
