/* Vignette, NEON (native on aarch64, through SIMDe elsewhere): 16 pixels per
 * step. vld3 splits R, G and B into their own vectors, so the mask multiplies
 * each plane as loaded, with no spreading. gfx_div255 of x = c * m is
 * (t + (t >> 8)) >> 8 with t = x + 128: the high byte of t + vrshr(x, 8)
 * (the rounding shift gives t >> 8; SIMDe has no vraddhn to fold the +128). */
#include <simde/arm/neon.h>
#include <string.h>

#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "kernels_arm.h"

#define BLOCK_PX 16

static inline simde_uint8x8_t div255_narrow(simde_uint16x8_t x)
{
    return simde_vaddhn_u16(simde_vaddq_u16(x, simde_vdupq_n_u16(128)), simde_vrshrq_n_u16(x, 8));
}

static inline simde_uint8x16_t scale_plane(simde_uint8x16_t c, simde_uint8x16_t m)
{
    simde_uint16x8_t lo = simde_vmull_u8(simde_vget_low_u8(c), simde_vget_low_u8(m));
    simde_uint16x8_t hi = simde_vmull_u8(simde_vget_high_u8(c), simde_vget_high_u8(m));
    return simde_vcombine_u8(div255_narrow(lo), div255_narrow(hi));
}

static inline void vignette_block(uint8_t *px, const uint8_t *m)
{
    simde_uint8x16_t mask = simde_vld1q_u8(m);
    simde_uint8x16x3_t rgb = simde_vld3q_u8(px);
#pragma GCC unroll 3
    for (int ch = 0; ch < 3; ch++)
        rgb.val[ch] = scale_plane(rgb.val[ch], mask);
    simde_vst3q_u8(px, rgb);
}

void gfx_vignette_neon(uint8_t *canvas, ptrdiff_t stride, int width, int height,
                       const uint8_t *mask, ptrdiff_t mask_stride)
{
    gfx_check_vignette(canvas, stride, width, height, mask, mask_stride);
    const int full = width - width % BLOCK_PX, rest = width - full;
    for (int y = 0; y < height; y++) {
        uint8_t *px = canvas + y * stride;
        const uint8_t *m = mask + y * mask_stride;
        for (int x = 0; x < full; x += BLOCK_PX)
            vignette_block(px + 3 * x, m + x);
        if (rest) {
            /* the tail goes through a block-sized copy: no byte past the
             * row is read or written */
            uint8_t tail_px[3 * BLOCK_PX] = {0}, tail_m[BLOCK_PX] = {0};
            memcpy(tail_px, px + 3 * full, 3 * (size_t)rest);
            memcpy(tail_m, m + full, (size_t)rest);
            vignette_block(tail_px, tail_m);
            memcpy(px + 3 * full, tail_px, 3 * (size_t)rest);
        }
    }
}
