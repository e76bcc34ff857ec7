/* Remap through a table of source offsets, scalar reference (see gfx_kernels.h). */
#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "kernels_c.h"

void gfx_remap_table_scalar(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                            const uint32_t *table, int width, int height)
{
    gfx_check_remap_table(dst, dst_stride, src, table, width, height);
    for (int y = 0; y < height; y++) {
        uint8_t *out = dst + y * dst_stride;
        const uint32_t *t = table + (size_t)y * (size_t)width;
        for (int x = 0; x < width; x++) {
            if (t[x] == GFX_REMAP_BLACK) {
                out[3 * x] = out[3 * x + 1] = out[3 * x + 2] = 0;
                continue;
            }
            const uint8_t *p = src + t[x];
            out[3 * x] = p[0], out[3 * x + 1] = p[1], out[3 * x + 2] = p[2];
        }
    }
}
