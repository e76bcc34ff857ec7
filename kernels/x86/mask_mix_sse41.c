/* Mask mix, SSE4.1: 16 pixels per block. Each of the block's three byte
 * vectors takes its weights from the block's 16 mask bytes by one pshufb
 * per parity: lane i of byte vector j, parity p (even 0, odd 1) belongs to
 * pixel (16 j + 2 i + p) / 3, and index 0x80 zeroes the high byte, which
 * widens the weight to 16 bits. The mix is kernels/mask_mix_simd.h. */
#include <smmintrin.h>

#include "gfx_kernels.h"
#include "kernels_x86.h"

typedef __m128i vec;
#define MIX_PIXELS 16
#define V_LOAD(p) _mm_loadu_si128((const __m128i *)(p))
#define V_STORE(p, v) _mm_storeu_si128((__m128i *)(p), v)
#define V_SET(c) _mm_set1_epi16((short)(c))
#define V_ADD _mm_add_epi16
#define V_SUB _mm_sub_epi16
#define V_ADDS _mm_adds_epi16
#define V_MULHRS _mm_mulhrs_epi16
#define V_SHL _mm_slli_epi16
#define V_SHR _mm_srli_epi16
#define V_AND _mm_and_si128
#define V_OR _mm_or_si128

static const uint8_t spread[6][16] __attribute__((aligned(16))) = {
    {0, 0x80, 0, 0x80, 1, 0x80, 2, 0x80, 2, 0x80, 3, 0x80, 4, 0x80, 4, 0x80},
    {0, 0x80, 1, 0x80, 1, 0x80, 2, 0x80, 3, 0x80, 3, 0x80, 4, 0x80, 5, 0x80},
    {5, 0x80, 6, 0x80, 6, 0x80, 7, 0x80, 8, 0x80, 8, 0x80, 9, 0x80, 10, 0x80},
    {5, 0x80, 6, 0x80, 7, 0x80, 7, 0x80, 8, 0x80, 9, 0x80, 9, 0x80, 10, 0x80},
    {10, 0x80, 11, 0x80, 12, 0x80, 12, 0x80, 13, 0x80, 14, 0x80, 14, 0x80, 15, 0x80},
    {11, 0x80, 11, 0x80, 12, 0x80, 13, 0x80, 13, 0x80, 14, 0x80, 15, 0x80, 15, 0x80},
};

#define MIX_WEIGHTS(w, mask)                                                                       \
    do {                                                                                           \
        const __m128i m16 = V_LOAD(mask);                                                          \
        for (int j_ = 0; j_ < 3; j_++)                                                             \
            for (int p_ = 0; p_ < 2; p_++)                                                         \
                (w)[j_][p_] = mix_weight_q15(                                                      \
                    _mm_shuffle_epi8(m16, _mm_load_si128((const __m128i *)spread[2 * j_ + p_])));  \
    } while (0)
#define MIX_SHARED_WEIGHTS 1
#include "mask_mix_simd.h"

void gfx_mask_mix_sse41(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                        ptrdiff_t src_stride, const uint8_t *mask, ptrdiff_t mask_stride, int width,
                        int height)
{
    mask_mix_variant(dst, dst_stride, src, src_stride, mask, mask_stride, width, height);
}
