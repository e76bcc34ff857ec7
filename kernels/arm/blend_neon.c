/* Blend modes, NEON (native on aarch64, through SIMDe elsewhere): 16 bytes
 * per step, as two vectors of eight 16-bit lanes (even and odd bytes). The
 * modes themselves are kernels/blend_simd.h. */
#include <simde/arm/neon.h>

#include "gfx_kernels.h"
#include "kernels_arm.h"

typedef simde_uint16x8_t vec;
#define BLEND_BLOCK 16
#define V_LOAD(p) simde_vreinterpretq_u16_u8(simde_vld1q_u8(p))
#define V_STORE(p, v) simde_vst1q_u8(p, simde_vreinterpretq_u8_u16(v))
#define V_SET(c) simde_vdupq_n_u16((uint16_t)(c))
#define V_ADD simde_vaddq_u16
#define V_SUB simde_vsubq_u16
#define V_MUL simde_vmulq_u16
#define V_SHL simde_vshlq_n_u16
#define V_SHR simde_vshrq_n_u16
#define V_AND simde_vandq_u16
#define V_OR simde_vorrq_u16
#define V_MINU simde_vminq_u16
#define V_MAXU simde_vmaxq_u16
#define V_MINS(x, y)                                                                               \
    simde_vreinterpretq_u16_s16(                                                                   \
        simde_vminq_s16(simde_vreinterpretq_s16_u16(x), simde_vreinterpretq_s16_u16(y)))
#define V_MAXS(x, y)                                                                               \
    simde_vreinterpretq_u16_s16(                                                                   \
        simde_vmaxq_s16(simde_vreinterpretq_s16_u16(x), simde_vreinterpretq_s16_u16(y)))
#define V_EQ simde_vceqq_u16
#define V_GTS(x, y) simde_vcgtq_s16(simde_vreinterpretq_s16_u16(x), simde_vreinterpretq_s16_u16(y))
#define V_SEL simde_vbslq_u16
#define V_MULHRS(x, y)                                                                             \
    simde_vreinterpretq_u16_s16(                                                                   \
        simde_vqrdmulhq_s16(simde_vreinterpretq_s16_u16(x), simde_vreinterpretq_s16_u16(y)))
#define V_XOR simde_veorq_u16
#define V_ANY(m) (simde_vmaxvq_u16(m) != 0)
#include "blend_simd.h"

void gfx_blend_neon(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src, ptrdiff_t src_stride,
                    int width, int height, enum gfx_blend_mode mode, unsigned opacity_q8)
{
    blend_variant(dst, dst_stride, src, src_stride, width, height, mode, opacity_q8);
}
