/* Blend modes, SSE4.1: 16 bytes per step, as two vectors of eight 16-bit
 * lanes (even and odd bytes). The modes themselves are kernels/blend_simd.h. */
#include <smmintrin.h>

#include "gfx_kernels.h"
#include "kernels_x86.h"

typedef __m128i vec;
#define BLEND_BLOCK 16
#define V_LOAD(p) _mm_loadu_si128((const __m128i *)(p))
#define V_STORE(p, v) _mm_storeu_si128((__m128i *)(p), v)
#define V_SET(c) _mm_set1_epi16((short)(c))
#define V_ADD _mm_add_epi16
#define V_SUB _mm_sub_epi16
#define V_MUL _mm_mullo_epi16
#define V_SHL _mm_slli_epi16
#define V_SHR _mm_srli_epi16
#define V_AND _mm_and_si128
#define V_OR _mm_or_si128
#define V_MINU _mm_min_epu16
#define V_MAXU _mm_max_epu16
#define V_MINS _mm_min_epi16
#define V_MAXS _mm_max_epi16
#define V_EQ _mm_cmpeq_epi16
#define V_GTS _mm_cmpgt_epi16
#define V_SEL(m, x, y) _mm_blendv_epi8(y, x, m)
#define V_MULHRS _mm_mulhrs_epi16
#define V_XOR _mm_xor_si128
#define V_ANY(m) (!_mm_testz_si128(m, m))
#include "blend_simd.h"

void gfx_blend_sse41(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src, ptrdiff_t src_stride,
                     int width, int height, enum gfx_blend_mode mode, unsigned opacity_q8)
{
    blend_variant(dst, dst_stride, src, src_stride, width, height, mode, opacity_q8);
}
