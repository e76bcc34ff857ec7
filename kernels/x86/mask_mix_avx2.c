/* Mask mix, AVX2: 32 pixels per block. pshufb stays within 128-bit lanes,
 * so byte vector j reads its weights from a 16-byte window of the block's
 * mask, starting at pixel {0, 10, 16}[j], copied to both lanes: lane i of
 * byte vector j, parity p, belongs to pixel (32 j + 2 i + p) / 3 (i counts
 * over both 128-bit lanes), which lies within that window; index 0x80
 * zeroes the high byte, which widens the weight to 16 bits. The mix is
 * kernels/mask_mix_simd.h. */
#include <immintrin.h>

#include "gfx_kernels.h"
#include "kernels_x86.h"

typedef __m256i vec;
#define MIX_PIXELS 32
#define V_LOAD(p) _mm256_loadu_si256((const __m256i *)(p))
#define V_STORE(p, v) _mm256_storeu_si256((__m256i *)(p), v)
#define V_SET(c) _mm256_set1_epi16((short)(c))
#define V_ADD _mm256_add_epi16
#define V_SUB _mm256_sub_epi16
#define V_ADDS _mm256_adds_epi16
#define V_MULHRS _mm256_mulhrs_epi16
#define V_SHL _mm256_slli_epi16
#define V_SHR _mm256_srli_epi16
#define V_AND _mm256_and_si256
#define V_OR _mm256_or_si256

static const int window_start[3] = {0, 10, 16};
static const uint8_t spread[6][32] __attribute__((aligned(32))) = {
    {0, 0x80, 0, 0x80, 1, 0x80, 2, 0x80, 2, 0x80, 3, 0x80, 4, 0x80, 4,  0x80,
     5, 0x80, 6, 0x80, 6, 0x80, 7, 0x80, 8, 0x80, 8, 0x80, 9, 0x80, 10, 0x80},
    {0, 0x80, 1, 0x80, 1, 0x80, 2, 0x80, 3, 0x80, 3, 0x80, 4, 0x80, 5,  0x80,
     5, 0x80, 6, 0x80, 7, 0x80, 7, 0x80, 8, 0x80, 9, 0x80, 9, 0x80, 10, 0x80},
    {0, 0x80, 1, 0x80, 2, 0x80, 2, 0x80, 3, 0x80, 4, 0x80, 4,  0x80, 5,  0x80,
     6, 0x80, 6, 0x80, 7, 0x80, 8, 0x80, 8, 0x80, 9, 0x80, 10, 0x80, 10, 0x80},
    {1, 0x80, 1, 0x80, 2, 0x80, 3, 0x80, 3, 0x80, 4, 0x80, 5,  0x80, 5,  0x80,
     6, 0x80, 7, 0x80, 7, 0x80, 8, 0x80, 9, 0x80, 9, 0x80, 10, 0x80, 11, 0x80},
    {5,  0x80, 6,  0x80, 6,  0x80, 7,  0x80, 8,  0x80, 8,  0x80, 9,  0x80, 10, 0x80,
     10, 0x80, 11, 0x80, 12, 0x80, 12, 0x80, 13, 0x80, 14, 0x80, 14, 0x80, 15, 0x80},
    {5,  0x80, 6,  0x80, 7,  0x80, 7,  0x80, 8,  0x80, 9,  0x80, 9,  0x80, 10, 0x80,
     11, 0x80, 11, 0x80, 12, 0x80, 13, 0x80, 13, 0x80, 14, 0x80, 15, 0x80, 15, 0x80},
};

#define MIX_WEIGHTS(w, mask)                                                                       \
    do {                                                                                           \
        for (int j_ = 0; j_ < 3; j_++) {                                                           \
            const __m256i window = _mm256_broadcastsi128_si256(                                    \
                _mm_loadu_si128((const __m128i *)((mask) + window_start[j_])));                    \
            for (int p_ = 0; p_ < 2; p_++)                                                         \
                (w)[j_][p_] = mix_weight_q15(_mm256_shuffle_epi8(                                  \
                    window, _mm256_load_si256((const __m256i *)spread[2 * j_ + p_])));             \
        }                                                                                          \
    } while (0)
#define MIX_SHARED_WEIGHTS 1
#include "mask_mix_simd.h"

void gfx_mask_mix_avx2(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src, ptrdiff_t src_stride,
                       const uint8_t *mask, ptrdiff_t mask_stride, int width, int height)
{
    mask_mix_variant(dst, dst_stride, src, src_stride, mask, mask_stride, width, height);
}
