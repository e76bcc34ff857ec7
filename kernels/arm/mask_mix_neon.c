/* Mask mix, NEON (native on aarch64, through SIMDe elsewhere): 16 pixels per
 * step. vld3q splits them into R, G and B vectors, which line up with the 16
 * mask bytes, so no weight shuffling is needed. Each half widens to 16-bit
 * lanes, where ((d << 8) + (s - d) w + 128) >> 8 is exact modulo 2^16 (see
 * kernels/mask_mix_simd.h); vrshrn adds the 128 and narrows. */
#include <string.h>

#include <simde/arm/neon.h>

#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "kernels_arm.h"

static inline simde_uint8x8_t mix_half(simde_uint8x8_t d, simde_uint8x8_t s, simde_uint16x8_t w)
{
    simde_uint16x8_t d16 = simde_vmovl_u8(d);
    simde_uint16x8_t diff = simde_vsubq_u16(simde_vmovl_u8(s), d16);
    return simde_vrshrn_n_u16(simde_vaddq_u16(simde_vshlq_n_u16(d16, 8), simde_vmulq_u16(diff, w)),
                              8);
}

static inline simde_uint8x16_t mix_channel(simde_uint8x16_t d, simde_uint8x16_t s,
                                           simde_uint16x8_t w_low, simde_uint16x8_t w_high)
{
    return simde_vcombine_u8(mix_half(simde_vget_low_u8(d), simde_vget_low_u8(s), w_low),
                             mix_half(simde_vget_high_u8(d), simde_vget_high_u8(s), w_high));
}

static inline simde_uint16x8_t weight(simde_uint8x8_t m)
{
    simde_uint16x8_t m16 = simde_vmovl_u8(m);
    return simde_vaddq_u16(m16, simde_vshrq_n_u16(m16, 7));
}

static void mix_block(uint8_t *d, const uint8_t *s, const uint8_t *m)
{
    simde_uint8x16_t mask = simde_vld1q_u8(m);
    simde_uint16x8_t w_low = weight(simde_vget_low_u8(mask));
    simde_uint16x8_t w_high = weight(simde_vget_high_u8(mask));
    simde_uint8x16x3_t a = simde_vld3q_u8(d), b = simde_vld3q_u8(s);
    for (int c = 0; c < 3; c++)
        a.val[c] = mix_channel(a.val[c], b.val[c], w_low, w_high);
    simde_vst3q_u8(d, a);
}

void gfx_mask_mix_neon(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src, ptrdiff_t src_stride,
                       const uint8_t *mask, ptrdiff_t mask_stride, int width, int height)
{
    gfx_check_mask_mix(dst, dst_stride, src, src_stride, mask, mask_stride, width, height);
    const int full = width - width % 16, rest = width - full;
    for (int y = 0; y < height; y++) {
        uint8_t *d = dst + y * dst_stride;
        const uint8_t *s = src + y * src_stride;
        const uint8_t *m = mask + y * mask_stride;
        for (int x = 0; x < full; x += 16)
            mix_block(d + 3 * x, s + 3 * x, m + x);
        if (rest) { /* through zeroed copies: nothing past the row is touched */
            uint8_t tail_d[48] = {0}, tail_s[48] = {0}, tail_m[16] = {0};
            memcpy(tail_d, d + 3 * full, 3 * (size_t)rest);
            memcpy(tail_s, s + 3 * full, 3 * (size_t)rest);
            memcpy(tail_m, m + full, (size_t)rest);
            mix_block(tail_d, tail_s, tail_m);
            memcpy(d + 3 * full, tail_d, 3 * (size_t)rest);
        }
    }
}
