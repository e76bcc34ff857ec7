/* RGB24 to yuv420p (BT.709 limited range), scalar reference (see gfx_kernels.h). */
#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "kernels_c.h"

static uint8_t luma(const uint8_t *p)
{
    return (uint8_t)((5983 * p[0] + 20127 * p[1] + 2032 * p[2] + (16 << 15) + (1 << 14)) >> 15);
}

void gfx_rgb_to_yuv420p_scalar(uint8_t *y, ptrdiff_t y_stride, uint8_t *u, uint8_t *v,
                               ptrdiff_t uv_stride, const uint8_t *rgb, ptrdiff_t stride, int width,
                               int height)
{
    gfx_check_yuv420p(y, y_stride, u, v, uv_stride, rgb, stride, width, height);
    for (int row = 0; row < height; row++)
        for (int x = 0; x < width; x++)
            y[row * y_stride + x] = luma(rgb + row * stride + 3 * x);
    for (int j = 0; j < (height + 1) / 2; j++) {
        const uint8_t *r0 = rgb + 2 * j * stride;
        const uint8_t *r1 = 2 * j + 1 < height ? r0 + stride : r0;
        for (int i = 0; i < (width + 1) / 2; i++) {
            int x0 = 2 * i, x1 = 2 * i + 1 < width ? 2 * i + 1 : 2 * i;
            int m[3];
            for (int ch = 0; ch < 3; ch++)
                m[ch] =
                    (r0[3 * x0 + ch] + r0[3 * x1 + ch] + r1[3 * x0 + ch] + r1[3 * x1 + ch] + 2) >>
                    2;
            u[j * uv_stride + i] =
                (uint8_t)((-3299 * m[0] - 11093 * m[1] + 14392 * m[2] + (128 << 15) + (1 << 14)) >>
                          15);
            v[j * uv_stride + i] =
                (uint8_t)((14392 * m[0] - 13074 * m[1] - 1318 * m[2] + (128 << 15) + (1 << 14)) >>
                          15);
        }
    }
}
