/* Vignette, NEON (native on aarch64, through SIMDe elsewhere): 16 pixels per
 * step. vld3 splits R, G and B into their own vectors, so the mask multiplies
 * each plane as loaded, with no spreading. gfx_div255 of x = c * m is
 * (t + (t >> 8)) >> 8 with t = x + 128: the high byte of t + vrshr(x, 8)
 * (the rounding shift gives t >> 8; SIMDe has no vraddhn to fold the +128). */
#include <simde/arm/neon.h>
#include <string.h>

#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "vignette_rows.h"
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

static inline void vignette_block(uint8_t *px, const uint8_t *m, const void *unused)
{
    (void)unused;
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
    gfx_vignette_rows(canvas, stride, width, height, mask, mask_stride, BLOCK_PX, vignette_block,
                      NULL);
}
