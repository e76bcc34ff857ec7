/* Blend modes, AVX2: 32 bytes per step, as two vectors of sixteen 16-bit
 * lanes (even and odd bytes, so no lane crossing). The modes themselves are
 * kernels/blend_simd.h. */
#include <immintrin.h>

#include "gfx_kernels.h"
#include "kernels_x86.h"

typedef __m256i vec;
#define BLEND_BLOCK 32
#define V_LOAD(p) _mm256_loadu_si256((const __m256i *)(p))
#define V_STORE(p, v) _mm256_storeu_si256((__m256i *)(p), v)
#define V_SET(c) _mm256_set1_epi16((short)(c))
#define V_ADD _mm256_add_epi16
#define V_SUB _mm256_sub_epi16
#define V_MUL _mm256_mullo_epi16
#define V_SHL _mm256_slli_epi16
#define V_SHR _mm256_srli_epi16
#define V_AND _mm256_and_si256
#define V_OR _mm256_or_si256
#define V_MINU _mm256_min_epu16
#define V_MAXU _mm256_max_epu16
#define V_MINS _mm256_min_epi16
#define V_MAXS _mm256_max_epi16
#define V_EQ _mm256_cmpeq_epi16
#define V_GTS _mm256_cmpgt_epi16
#define V_SEL(m, x, y) _mm256_blendv_epi8(y, x, m)
#define V_MULHRS _mm256_mulhrs_epi16
#define V_XOR _mm256_xor_si256
#define V_ANY(m) (!_mm256_testz_si256(m, m))
#include "blend_simd.h"

void gfx_blend_avx2(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src, ptrdiff_t src_stride,
                    int width, int height, enum gfx_blend_mode mode, unsigned opacity_q8)
{
    blend_variant(dst, dst_stride, src, src_stride, width, height, mode, opacity_q8);
}
