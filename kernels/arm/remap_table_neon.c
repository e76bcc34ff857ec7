/* Remap table, NEON (native on aarch64, through SIMDe elsewhere): 16 pixels
 * per step. NEON has no gather: each pixel's RGB is copied (as one 32-bit
 * word, the fourth byte overwritten by the next pixel) into a 48-byte run,
 * which goes out as three byte vectors (a partial run through memcpy). */
#include <simde/arm/neon.h>
#include <string.h>

#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "kernels_arm.h"
#include "table_gather_arm.h"

#define STEP_PX 16

void gfx_remap_table_neon(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                          const uint32_t *table, int width, int height)
{
    gfx_check_remap_table(dst, dst_stride, src, table, width, height);
    const size_t count = (size_t)width * (size_t)height;
    uint8_t rgb[3 * STEP_PX + 1] = {0};
    for (int y = 0; y < height; y++) {
        uint8_t *out = dst + y * dst_stride;
        const uint32_t *t = table + (size_t)y * (size_t)width;
        for (int x = 0; x < width; x += STEP_PX) {
            int pixels = width - x < STEP_PX ? width - x : STEP_PX;
            table_prefetch_ahead(src, table, (size_t)y * (size_t)width + (size_t)x, count,
                                 GFX_REMAP_BLACK);
            table_gather_rgb(rgb, t + x, pixels, src, GFX_REMAP_BLACK);
            if (pixels < STEP_PX) {
                memcpy(out + 3 * x, rgb, 3 * (size_t)pixels);
                continue;
            }
            for (int v = 0; v < 3; v++)
                simde_vst1q_u8(out + 3 * x + 16 * v, simde_vld1q_u8(rgb + 16 * v));
        }
    }
}
