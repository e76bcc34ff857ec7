/* Cell stats, NEON (native on aarch64, through SIMDe elsewhere): 8 pixels
 * per step, deinterleaved by vld3 and widened to 16-bit lanes. The body is
 * kernels/cell_stats_simd.h. */
#include <simde/arm/neon.h>

#include "gfx_kernels.h"
#include "kernels_arm.h"

typedef simde_uint16x8_t vec;
#define CS_LANES 8
#define V_LOAD_RGB(p, r, g, b)                                                                     \
    do {                                                                                           \
        simde_uint8x8x3_t px_ = simde_vld3_u8(p);                                                  \
        r = simde_vmovl_u8(px_.val[0]);                                                            \
        g = simde_vmovl_u8(px_.val[1]);                                                            \
        b = simde_vmovl_u8(px_.val[2]);                                                            \
    } while (0)
#define V_SET(c) simde_vdupq_n_u16((uint16_t)(c))
#define V_ADD simde_vaddq_u16
#define V_MUL simde_vmulq_u16
#define V_SHR8(v) simde_vshrq_n_u16(v, 8)
#define V_ABSDIFF simde_vabdq_u16
#define V_STORE simde_vst1q_u16
#define V_LOAD16 simde_vld1q_u16
#include "cell_stats_simd.h"

void gfx_cell_stats_neon(const gfx_cell_stats_args *a)
{
    cell_stats_variant(a);
}
