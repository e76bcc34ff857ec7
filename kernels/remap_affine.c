/* Affine remap, scalar reference (the per-pixel definition of
 * gfx_kernels.h), and the Q16 coefficients of a real map. */
#include <math.h>
#include <string.h>

#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "kernels_c.h"

gfx_affine_q16 gfx_affine_q16_from(double ax, double bx, double cx, double ay, double by, double cy)
{
    /* the centre terms: the map at pixel centres (x + 0.5, y + 0.5) */
    return (gfx_affine_q16){
        .a = (int32_t)lround(ax * 65536.0),
        .b = (int32_t)lround(bx * 65536.0),
        .d = (int32_t)lround(ay * 65536.0),
        .e = (int32_t)lround(by * 65536.0),
        .c = (int64_t)llround((0.5 * ax + 0.5 * bx + cx) * 65536.0),
        .f = (int64_t)llround((0.5 * ay + 0.5 * by + cy) * 65536.0),
    };
}

void gfx_remap_affine_scalar(uint8_t *dst, ptrdiff_t dst_stride, int dst_width, int dst_height,
                             const uint8_t *src, ptrdiff_t src_stride, int src_width,
                             int src_height, const gfx_affine_q16 *t)
{
    gfx_check_remap_affine(dst, dst_stride, dst_width, dst_height, src, src_stride, src_width,
                           src_height, t);
    for (int y = 0; y < dst_height; y++) {
        uint8_t *out = dst + y * dst_stride;
        for (int x = 0; x < dst_width; x++) {
            int64_t sx = gfx_floor_q16((int64_t)t->a * x + (int64_t)t->b * y + t->c);
            int64_t sy = gfx_floor_q16((int64_t)t->d * x + (int64_t)t->e * y + t->f);
            if (sx >= 0 && sx < src_width && sy >= 0 && sy < src_height)
                memcpy(out + 3 * x, src + sy * src_stride + 3 * sx, 3);
            else
                memset(out + 3 * x, 0, 3);
        }
    }
}
