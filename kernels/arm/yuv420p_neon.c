/* RGB24 to yuv420p, NEON (native on aarch64, through SIMDe elsewhere): a
 * block is 16 pixels of a row pair. vld3 splits R, G and B; luma is a
 * widening multiply-accumulate in 32 bits starting from the rounding
 * constant; the 2x2 sums come from pairwise widening adds (vpaddl, vpadal)
 * and vrshr by 2 is exactly (s + 2) >> 2. U and V accumulate in unsigned
 * 32-bit lanes with multiply-subtract for the negative coefficients: the
 * exact sums are non-negative and below 2^23, so the wrapping arithmetic
 * ends on the right value. The row tail (and an odd width's replicated last
 * column) goes through a block-sized stack copy; an odd height's last row
 * pairs with itself. */
#include <simde/arm/neon.h>

#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "yuv420p_rows.h"
#include "kernels_arm.h"

#define BLOCK_PX 16
#define LUMA_BIAS ((16u << 15) + (1u << 14))
#define CHROMA_BIAS ((128u << 15) + (1u << 14))

static inline simde_uint16x4_t luma4(simde_uint16x4_t r, simde_uint16x4_t g, simde_uint16x4_t b)
{
    simde_uint32x4_t acc = simde_vmlal_n_u16(simde_vdupq_n_u32(LUMA_BIAS), r, 5983);
    acc = simde_vmlal_n_u16(acc, g, 20127);
    acc = simde_vmlal_n_u16(acc, b, 2032);
    return simde_vshrn_n_u32(acc, 15);
}

static inline simde_uint8x16_t luma16(simde_uint8x16x3_t px)
{
    simde_uint16x8_t r[2] = {simde_vmovl_u8(simde_vget_low_u8(px.val[0])),
                             simde_vmovl_u8(simde_vget_high_u8(px.val[0]))};
    simde_uint16x8_t g[2] = {simde_vmovl_u8(simde_vget_low_u8(px.val[1])),
                             simde_vmovl_u8(simde_vget_high_u8(px.val[1]))};
    simde_uint16x8_t b[2] = {simde_vmovl_u8(simde_vget_low_u8(px.val[2])),
                             simde_vmovl_u8(simde_vget_high_u8(px.val[2]))};
    simde_uint8x8_t half[2];
    for (int h = 0; h < 2; h++) {
        simde_uint16x4_t lo =
            luma4(simde_vget_low_u16(r[h]), simde_vget_low_u16(g[h]), simde_vget_low_u16(b[h]));
        simde_uint16x4_t hi =
            luma4(simde_vget_high_u16(r[h]), simde_vget_high_u16(g[h]), simde_vget_high_u16(b[h]));
        half[h] = simde_vmovn_u16(simde_vcombine_u16(lo, hi));
    }
    return simde_vcombine_u8(half[0], half[1]);
}

/* CHROMA_BIAS + c_pos * pos - c_neg1 * neg1 - c_neg2 * neg2, >> 15. */
static inline simde_uint16x4_t chroma4(simde_uint16x4_t pos, uint16_t c_pos, simde_uint16x4_t neg1,
                                       uint16_t c_neg1, simde_uint16x4_t neg2, uint16_t c_neg2)
{
    simde_uint32x4_t acc = simde_vmlal_n_u16(simde_vdupq_n_u32(CHROMA_BIAS), pos, c_pos);
    acc = simde_vmlsl_n_u16(acc, neg1, c_neg1);
    acc = simde_vmlsl_n_u16(acc, neg2, c_neg2);
    return simde_vshrn_n_u32(acc, 15);
}

static inline void yuv_block(uint8_t *y0, uint8_t *y1, uint8_t *u, uint8_t *v, const uint8_t *r0,
                             const uint8_t *r1, const void *unused)
{
    (void)unused;
    simde_uint8x16x3_t px0 = simde_vld3q_u8(r0), px1 = simde_vld3q_u8(r1);
    simde_vst1q_u8(y0, luma16(px0));
    simde_vst1q_u8(y1, luma16(px1));
    simde_uint16x8_t mean[3];
    for (int ch = 0; ch < 3; ch++)
        mean[ch] =
            simde_vrshrq_n_u16(simde_vpadalq_u8(simde_vpaddlq_u8(px0.val[ch]), px1.val[ch]), 2);
    simde_uint16x4_t u_half[2], v_half[2];
    for (int h = 0; h < 2; h++) {
        simde_uint16x4_t mr = h ? simde_vget_high_u16(mean[0]) : simde_vget_low_u16(mean[0]);
        simde_uint16x4_t mg = h ? simde_vget_high_u16(mean[1]) : simde_vget_low_u16(mean[1]);
        simde_uint16x4_t mb = h ? simde_vget_high_u16(mean[2]) : simde_vget_low_u16(mean[2]);
        u_half[h] = chroma4(mb, 14392, mr, 3299, mg, 11093);
        v_half[h] = chroma4(mr, 14392, mg, 13074, mb, 1318);
    }
    simde_vst1_u8(u, simde_vmovn_u16(simde_vcombine_u16(u_half[0], u_half[1])));
    simde_vst1_u8(v, simde_vmovn_u16(simde_vcombine_u16(v_half[0], v_half[1])));
}

void gfx_rgb_to_yuv420p_neon(uint8_t *y, ptrdiff_t y_stride, uint8_t *u, uint8_t *v,
                             ptrdiff_t uv_stride, const uint8_t *rgb, ptrdiff_t stride, int width,
                             int height)
{
    gfx_yuv420p_rows(y, y_stride, u, v, uv_stride, rgb, stride, width, height, BLOCK_PX, yuv_block,
                     0, NULL, NULL);
}
