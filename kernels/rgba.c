/* RGB to straight RGBA, the scalar reference (gfx_kernels.h): one integer
 * division per channel. */
#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "kernels_c.h"
#include "rgba_rows.h"

void gfx_rgba_unpremultiply_scalar(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                                   ptrdiff_t src_stride, int width, int height)
{
    gfx_check_rgba_unpremultiply(dst, dst_stride, src, src_stride, width, height);
    for (int y = 0; y < height; y++)
        gfx_rgba_unpremultiply_pixels(dst + y * dst_stride, src + y * src_stride, 0, width);
}
