/* Per-channel LUT, scalar reference (see gfx_kernels.h). */
#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "kernels_c.h"

void gfx_lut3_scalar(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src, ptrdiff_t src_stride,
                     int width, int height, const gfx_lut3 *lut)
{
    gfx_check_lut3(dst, dst_stride, src, src_stride, width, height, lut);
    for (int y = 0; y < height; y++) {
        uint8_t *d = dst + y * dst_stride;
        const uint8_t *s = src + y * src_stride;
        for (int x = 0; x < width; x++)
            for (int c = 0; c < 3; c++)
                d[3 * x + c] = lut->t[c][s[3 * x + c]];
    }
}
