/* RGB to straight RGBA, NEON (native on aarch64, through SIMDe elsewhere):
 * 16 pixels a step, split into planes by vld3q and joined by vst4q.
 * Division without a divide (SIMDe has no vdivq_f32): r = 1/a from vrecpe
 * and two Newton steps (vrecps), relative error under 2^-20 however precise
 * the estimate (8 bits on ARM); q = N r, N = 255 c + (a >> 1), is then
 * within 256 * 2^-19.9 < 1/3800 of N / a. N / a is an integer k or at most
 * k + 1 - 1/255, so q + 1/512 truncated is k in both cases: the integer
 * division of gfx_kernels.h, whatever the float bits on the way. */
#include <simde/arm/neon.h>

#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "kernels_arm.h"
#include "rgba_rows.h"

static inline simde_uint32x4_t quotient(simde_uint16x4_t c, simde_uint16x4_t half,
                                        simde_float32x4_t reciprocal)
{
    simde_uint32x4_t n = simde_vmlal_n_u16(simde_vmovl_u16(half), c, 255);
    simde_float32x4_t q = simde_vmulq_f32(simde_vcvtq_f32_u32(n), reciprocal);
    return simde_vcvtq_u32_f32(simde_vaddq_f32(q, simde_vdupq_n_f32(1.0f / 512.0f)));
}

static inline simde_float32x4_t reciprocal_of(simde_float32x4_t d)
{
    simde_float32x4_t r = simde_vrecpeq_f32(d);
    r = simde_vmulq_f32(r, simde_vrecpsq_f32(d, r));
    return simde_vmulq_f32(r, simde_vrecpsq_f32(d, r));
}

static inline simde_uint16x4_t half_of(simde_uint16x8_t v, int high)
{
    return high ? simde_vget_high_u16(v) : simde_vget_low_u16(v);
}

/* 16 channel bytes over their pixels' alphas: four groups of 4 lanes. */
static inline simde_uint8x16_t channel(simde_uint8x16_t c, simde_uint8x16_t half,
                                       const simde_float32x4_t reciprocal[4])
{
    simde_uint16x8_t c16[2] = {simde_vmovl_u8(simde_vget_low_u8(c)),
                               simde_vmovl_u8(simde_vget_high_u8(c))};
    simde_uint16x8_t h16[2] = {simde_vmovl_u8(simde_vget_low_u8(half)),
                               simde_vmovl_u8(simde_vget_high_u8(half))};
    simde_uint16x4_t q[4];
    for (int i = 0; i < 4; i++)
        q[i] = simde_vmovn_u32(
            quotient(half_of(c16[i / 2], i & 1), half_of(h16[i / 2], i & 1), reciprocal[i]));
    return simde_vcombine_u8(simde_vmovn_u16(simde_vcombine_u16(q[0], q[1])),
                             simde_vmovn_u16(simde_vcombine_u16(q[2], q[3])));
}

void gfx_rgba_unpremultiply_neon(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                                 ptrdiff_t src_stride, int width, int height)
{
    gfx_check_rgba_unpremultiply(dst, dst_stride, src, src_stride, width, height);
    for (int y = 0; y < height; y++) {
        const uint8_t *s = src + y * src_stride;
        uint8_t *d = dst + y * dst_stride;
        int x = 0;
        for (; x + 16 <= width; x += 16) {
            simde_uint8x16x3_t rgb = simde_vld3q_u8(s + 3 * x);
            simde_uint8x16_t a = simde_vmaxq_u8(simde_vmaxq_u8(rgb.val[0], rgb.val[1]), rgb.val[2]);
            simde_uint16x8_t a16[2] = {
                simde_vmovl_u8(simde_vget_low_u8(simde_vmaxq_u8(a, simde_vdupq_n_u8(1)))),
                simde_vmovl_u8(simde_vget_high_u8(simde_vmaxq_u8(a, simde_vdupq_n_u8(1))))};
            simde_float32x4_t reciprocal[4];
            for (int i = 0; i < 4; i++)
                reciprocal[i] =
                    reciprocal_of(simde_vcvtq_f32_u32(simde_vmovl_u16(half_of(a16[i / 2], i & 1))));
            simde_uint8x16_t half = simde_vshrq_n_u8(a, 1);
            simde_uint8x16x4_t out = {{channel(rgb.val[0], half, reciprocal),
                                       channel(rgb.val[1], half, reciprocal),
                                       channel(rgb.val[2], half, reciprocal), a}};
            simde_vst4q_u8(d + 4 * x, out);
        }
        gfx_rgba_unpremultiply_pixels(d, s, x, width);
    }
}
