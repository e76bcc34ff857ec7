/* Vignette, scalar reference and mask builder (see gfx_kernels.h). */
#include <math.h>

#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "kernels_c.h"

void gfx_vignette_mask_build(uint8_t *mask, ptrdiff_t mask_stride, int width, int height,
                             float strength)
{
    gfx_check_image(mask, mask_stride, width, height, 1);
    for (int y = 0; y < height; y++) {
        float v = height > 1 ? -1.0f + 2.0f * (float)y / (float)(height - 1) : 0.0f;
        for (int x = 0; x < width; x++) {
            float u = width > 1 ? -1.0f + 2.0f * (float)x / (float)(width - 1) : 0.0f;
            float m = 1.0f - sqrtf(u * u + v * v) * strength;
            m = m < 0.15f ? 0.15f : m > 1.0f ? 1.0f : m;
            mask[y * mask_stride + x] = (uint8_t)(m * 255.0f + 0.5f);
        }
    }
}

void gfx_vignette_scalar(uint8_t *canvas, ptrdiff_t stride, int width, int height,
                         const uint8_t *mask, ptrdiff_t mask_stride)
{
    gfx_check_vignette(canvas, stride, width, height, mask, mask_stride);
    for (int y = 0; y < height; y++) {
        uint8_t *px = canvas + y * stride;
        const uint8_t *m = mask + y * mask_stride;
        for (int x = 0; x < width; x++)
            for (int ch = 0; ch < 3; ch++)
                px[3 * x + ch] = (uint8_t)gfx_div255(px[3 * x + ch] * m[x]);
    }
}
