/* Bloom stages, scalar reference (the specification; see gfx_kernels.h). */
#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "kernels_c.h"

void gfx_bloom_downsample4_threshold_scalar(uint8_t *small, ptrdiff_t small_stride,
                                            const uint8_t *canvas, ptrdiff_t stride, int width,
                                            int height, uint8_t threshold)
{
    gfx_check_bloom_down(small, small_stride, canvas, stride, width, height);
    int sw = (width + 3) / 4, sh = (height + 3) / 4;
    for (int y = 0; y < sh; y++) {
        const uint8_t *src = canvas + 4 * y * stride;
        uint8_t *dst = small + y * small_stride;
        for (int x = 0; x < sw; x++)
            for (int ch = 0; ch < 3; ch++) {
                uint8_t v = src[12 * x + ch];
                dst[3 * x + ch] = v > threshold ? v : 0;
            }
    }
}

/* Sum of one row's 3 horizontal neighbours per channel, edges clamped. */
static void row_sum3(uint16_t *sum, const uint8_t *row, int width)
{
    for (int x = 0; x < width; x++) {
        int l = x > 0 ? x - 1 : 0, r = x < width - 1 ? x + 1 : width - 1;
        for (int ch = 0; ch < 3; ch++)
            sum[3 * x + ch] = (uint16_t)(row[3 * l + ch] + row[3 * x + ch] + row[3 * r + ch]);
    }
}

void gfx_box_blur3_scalar(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                          ptrdiff_t src_stride, int width, int height, uint16_t *scratch)
{
    gfx_check_box_blur3(dst, dst_stride, src, src_stride, width, height, scratch);
    /* ring of three horizontal row sums: rows y-1, y, y+1 (clamped) */
    uint16_t *ring[3] = {scratch, scratch + 3 * width, scratch + 6 * width};
    row_sum3(ring[0], src, width);                                 /* row -1 = row 0 */
    row_sum3(ring[1], src, width);                                 /* row 0 */
    row_sum3(ring[2], src + (height > 1 ? src_stride : 0), width); /* row 1 */
    for (int y = 0; y < height; y++) {
        uint8_t *out = dst + y * dst_stride;
        for (int i = 0; i < 3 * width; i++) {
            unsigned sum9 = ring[0][i] + ring[1][i] + ring[2][i];
            out[i] = (uint8_t)((sum9 * 3641u + 16384u) >> 15);
        }
        uint16_t *oldest = ring[0];
        ring[0] = ring[1];
        ring[1] = ring[2];
        ring[2] = oldest;
        int next = y + 2 < height ? y + 2 : height - 1;
        row_sum3(ring[2], src + next * src_stride, width);
    }
}

void gfx_bloom_upsample4_add_scalar(uint8_t *canvas, ptrdiff_t stride, int width, int height,
                                    const uint8_t *small, ptrdiff_t small_stride,
                                    unsigned strength_q8)
{
    gfx_check_bloom_up(canvas, stride, width, height, small, small_stride, strength_q8);
    for (int y = 0; y < height; y++) {
        uint8_t *px = canvas + y * stride;
        const uint8_t *s = small + (y / 4) * small_stride;
        for (int x = 0; x < width; x++)
            for (int ch = 0; ch < 3; ch++) {
                unsigned add = (s[3 * (x / 4) + ch] * strength_q8 + 128) >> 8;
                unsigned v = px[3 * x + ch] + add;
                px[3 * x + ch] = (uint8_t)(v > 255 ? 255 : v);
            }
    }
}
