/* Blend modes, AVX-512 (BW): 64 bytes per step, as two vectors of 32 16-bit
 * lanes (even and odd bytes). Compares give mask registers; they are turned
 * into all-ones lanes so kernels/blend_simd.h, which holds the modes, reads
 * the same as for the other ISAs (the compiler folds the round trip into
 * masked blends, but not into the division's adds: V_DEC_IF_EQ is a
 * masked subtract). */
#include <immintrin.h>

#include "gfx_kernels.h"
#include "kernels_x86.h"

typedef __m512i vec;
#define BLEND_BLOCK 64
#define V_LOAD(p) _mm512_loadu_si512((const void *)(p))
#define V_STORE(p, v) _mm512_storeu_si512((void *)(p), v)
#define V_SET(c) _mm512_set1_epi16((short)(c))
#define V_ADD _mm512_add_epi16
#define V_SUB _mm512_sub_epi16
#define V_MUL _mm512_mullo_epi16
#define V_SHL _mm512_slli_epi16
#define V_SHR _mm512_srli_epi16
#define V_AND _mm512_and_si512
#define V_OR _mm512_or_si512
#define V_MINU _mm512_min_epu16
#define V_MAXU _mm512_max_epu16
#define V_MINS _mm512_min_epi16
#define V_MAXS _mm512_max_epi16
#define V_EQ(x, y) _mm512_movm_epi16(_mm512_cmpeq_epi16_mask(x, y))
#define V_GTS(x, y) _mm512_movm_epi16(_mm512_cmpgt_epi16_mask(x, y))
#define V_SEL(m, x, y) _mm512_mask_blend_epi16(_mm512_movepi16_mask(m), y, x)
#define V_DEC_IF_EQ(q, x, y) _mm512_mask_sub_epi16(q, _mm512_cmpeq_epi16_mask(x, y), q, V_SET(1))
#define V_MULHRS _mm512_mulhrs_epi16
#define V_XOR _mm512_xor_si512
#define V_ANY(m) (_mm512_test_epi16_mask(m, m) != 0)
#include "blend_simd.h"

void gfx_blend_avx512(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src, ptrdiff_t src_stride,
                      int width, int height, enum gfx_blend_mode mode, unsigned opacity_q8)
{
    blend_variant(dst, dst_stride, src, src_stride, width, height, mode, opacity_q8);
}
