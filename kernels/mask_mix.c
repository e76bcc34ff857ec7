/* Mask mix, scalar reference (see gfx_kernels.h). */
#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "kernels_c.h"

void gfx_mask_mix_scalar(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                         ptrdiff_t src_stride, const uint8_t *mask, ptrdiff_t mask_stride,
                         int width, int height)
{
    gfx_check_mask_mix(dst, dst_stride, src, src_stride, mask, mask_stride, width, height);
    for (int y = 0; y < height; y++) {
        uint8_t *d = dst + y * dst_stride;
        const uint8_t *s = src + y * src_stride;
        const uint8_t *m = mask + y * mask_stride;
        for (int x = 0; x < width; x++) {
            unsigned w = gfx_mask_weight(m[x]);
            for (int c = 3 * x; c < 3 * x + 3; c++)
                d[c] = (uint8_t)((d[c] * (256 - w) + s[c] * w + 128) >> 8);
        }
    }
}
