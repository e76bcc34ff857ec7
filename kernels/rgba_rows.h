/* RGB to straight RGBA, one pixel (gfx_kernels.h): the scalar reference's
 * step, and every variant's for the pixels left after its vector loop.
 * Internal to kernels/. */
#ifndef GFX_RGBA_ROWS_H
#define GFX_RGBA_ROWS_H
#include "gfx_kernels.h"

static inline uint8_t gfx_unpremultiply_channel(unsigned c, unsigned a)
{
    return (uint8_t)(a ? (255u * c + (a >> 1)) / a : 0u);
}

static inline void gfx_rgba_unpremultiply_pixels(uint8_t *dst, const uint8_t *src, int from, int to)
{
    for (int x = from; x < to; x++) {
        const uint8_t *p = src + 3 * x;
        unsigned a = p[0] > p[1] ? p[0] : p[1];
        a = a > p[2] ? a : p[2];
        uint8_t *q = dst + 4 * x;
        q[0] = gfx_unpremultiply_channel(p[0], a);
        q[1] = gfx_unpremultiply_channel(p[1], a);
        q[2] = gfx_unpremultiply_channel(p[2], a);
        q[3] = (uint8_t)a;
    }
}

#endif
