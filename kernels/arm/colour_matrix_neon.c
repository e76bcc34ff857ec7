/* Colour matrix, NEON (native on aarch64, through SIMDe elsewhere): 16
 * pixels per step. vld3 splits them into R, G and B planes; each output
 * channel is m0 r + m1 g + m2 b accumulated in 32 bits on top of
 * offset + 2048, and vqshrn by 12 (an arithmetic shift, saturated to 16
 * bits) then vqmovun (to 0..255) are exactly the reference's floor and
 * clamp (kernels/colour_matrix.c). The last pixels of a row go through a
 * stack copy. */
#include <simde/arm/neon.h>
#include <string.h>

#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "kernels_arm.h"

#define STEP_PX 16

/* One output channel of 4 pixels. */
static inline simde_int16x4_t channel4(simde_int16x4_t r, simde_int16x4_t g, simde_int16x4_t b,
                                       const int16_t m[3], int32_t bias)
{
    simde_int32x4_t t = simde_vdupq_n_s32(bias);
    t = simde_vmlal_n_s16(t, r, m[0]);
    t = simde_vmlal_n_s16(t, g, m[1]);
    t = simde_vmlal_n_s16(t, b, m[2]);
    return simde_vqshrn_n_s32(t, 12);
}

/* One output channel of 8 pixels (16-bit planes), as bytes. */
static inline simde_uint8x8_t channel8(simde_int16x8_t r, simde_int16x8_t g, simde_int16x8_t b,
                                       const int16_t m[3], int32_t bias)
{
    simde_int16x4_t lo =
        channel4(simde_vget_low_s16(r), simde_vget_low_s16(g), simde_vget_low_s16(b), m, bias);
    simde_int16x4_t hi =
        channel4(simde_vget_high_s16(r), simde_vget_high_s16(g), simde_vget_high_s16(b), m, bias);
    return simde_vqmovun_s16(simde_vcombine_s16(lo, hi));
}

static inline simde_int16x8_t widen(simde_uint8x8_t x)
{
    return simde_vreinterpretq_s16_u16(simde_vmovl_u8(x));
}

static inline void step16(uint8_t *d, const uint8_t *s, const gfx_colour_matrix *cm)
{
    simde_uint8x16x3_t in = simde_vld3q_u8(s), out;
    for (int half = 0; half < 2; half++) {
        simde_uint8x8_t r8 = half ? simde_vget_high_u8(in.val[0]) : simde_vget_low_u8(in.val[0]);
        simde_uint8x8_t g8 = half ? simde_vget_high_u8(in.val[1]) : simde_vget_low_u8(in.val[1]);
        simde_uint8x8_t b8 = half ? simde_vget_high_u8(in.val[2]) : simde_vget_low_u8(in.val[2]);
        simde_int16x8_t r = widen(r8), g = widen(g8), b = widen(b8);
        simde_uint8x8_t c[3];
        for (int ch = 0; ch < 3; ch++)
            c[ch] = channel8(r, g, b, cm->m[ch], cm->offset[ch] + 2048);
        for (int ch = 0; ch < 3; ch++)
            out.val[ch] = half ? simde_vcombine_u8(simde_vget_low_u8(out.val[ch]), c[ch])
                               : simde_vcombine_u8(c[ch], c[ch]);
    }
    simde_vst3q_u8(d, out);
}

void gfx_colour_matrix_neon(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                            ptrdiff_t src_stride, int width, int height,
                            const gfx_colour_matrix *cm)
{
    gfx_check_colour_matrix(dst, dst_stride, src, src_stride, width, height, cm);
    for (int y = 0; y < height; y++) {
        uint8_t *d = dst + y * dst_stride;
        const uint8_t *s = src + y * src_stride;
        int x = 0;
        for (; x + STEP_PX <= width; x += STEP_PX)
            step16(d + 3 * x, s + 3 * x, cm);
        if (x < width) {
            uint8_t tail[3 * STEP_PX] = {0};
            memcpy(tail, s + 3 * x, 3 * (size_t)(width - x));
            step16(tail, tail, cm);
            memcpy(d + 3 * x, tail, 3 * (size_t)(width - x));
        }
    }
}
