/* Affine remap, NEON (native on aarch64, through SIMDe elsewhere): 16
 * pixels per step inside a row's run (kernels/remap_span.h). NEON has no
 * gather: the offsets sy * stride + 3 sx are computed on vectors, and each
 * pixel's three bytes are copied from its offset (never a fourth byte, so
 * the source's last pixel needs nothing special). */
#include <simde/arm/neon.h>
#include <string.h>

#include "gfx_kernels.h"
#include "kernels_arm.h"

#define STEP_PX 16

static int remap_run(uint8_t *out, const uint8_t *src, ptrdiff_t stride, uint32_t last, uint32_t u,
                     uint32_t v, int32_t a, int32_t d, int n, int room)
{
    (void)last, (void)room; /* 3-byte copies: nothing past a pixel is read or written */
    static const uint32_t lane_index[4] = {0, 1, 2, 3};
    const simde_uint32x4_t lane = simde_vld1q_u32(lane_index);
    simde_uint32x4_t uu[4], vv[4];
    for (int q = 0; q < 4; q++) {
        uu[q] = simde_vmlaq_n_u32(simde_vdupq_n_u32(u + (uint32_t)a * 4u * (uint32_t)q), lane,
                                  (uint32_t)a);
        vv[q] = simde_vmlaq_n_u32(simde_vdupq_n_u32(v + (uint32_t)d * 4u * (uint32_t)q), lane,
                                  (uint32_t)d);
    }
    const simde_uint32x4_t du = simde_vdupq_n_u32((uint32_t)a * STEP_PX);
    const simde_uint32x4_t dv = simde_vdupq_n_u32((uint32_t)d * STEP_PX);
    uint32_t off[STEP_PX];
    int i = 0;
    for (; i + STEP_PX <= n; i += STEP_PX) {
        for (int q = 0; q < 4; q++) {
            simde_uint32x4_t row =
                simde_vmulq_n_u32(simde_vshrq_n_u32(vv[q], 16), (uint32_t)stride);
            simde_vst1q_u32(off + 4 * q, simde_vmlaq_n_u32(row, simde_vshrq_n_u32(uu[q], 16), 3));
            uu[q] = simde_vaddq_u32(uu[q], du);
            vv[q] = simde_vaddq_u32(vv[q], dv);
        }
        for (int p = 0; p < STEP_PX; p++)
            memcpy(out + 3 * (i + p), src + off[p], 3);
    }
    return i;
}

#define REMAP_GROUP(out, in, ctrl)                                                                 \
    simde_vst1q_u8(out, simde_vqtbl1q_u8(simde_vld1q_u8(in), simde_vld1q_u8(ctrl)))
#include "remap_span.h"

void gfx_remap_affine_neon(uint8_t *dst, ptrdiff_t dst_stride, int dst_width, int dst_height,
                           const uint8_t *src, ptrdiff_t src_stride, int src_width, int src_height,
                           const gfx_affine_q16 *t)
{
    remap_variant(dst, dst_stride, dst_width, dst_height, src, src_stride, src_width, src_height,
                  t);
}
