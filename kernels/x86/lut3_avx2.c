/* Per-channel LUT, AVX2: 32 pixels per block, each 128-bit lane its own 48
 * bytes (kernels/lut3_simd.h), as vpshufb works within lanes anyway. */
#include <immintrin.h>

#include "gfx_kernels.h"
#include "kernels_x86.h"

typedef __m256i vec;
#define LUT3_LANES 2
#define V_BCAST16(p) _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(p)))
#define V_LOAD_PIECE(p, j)                                                                         \
    _mm256_inserti128_si256(                                                                       \
        _mm256_castsi128_si256(_mm_loadu_si128((const __m128i *)((p) + 16 * (j)))),                \
        _mm_loadu_si128((const __m128i *)((p) + 48 + 16 * (j))), 1)
#define V_STORE_PIECE(p, j, v)                                                                     \
    do {                                                                                           \
        const __m256i v_ = (v);                                                                    \
        _mm_storeu_si128((__m128i *)((p) + 16 * (j)), _mm256_castsi256_si128(v_));                 \
        _mm_storeu_si128((__m128i *)((p) + 48 + 16 * (j)), _mm256_extracti128_si256(v_, 1));       \
    } while (0)
#define V_SHUF _mm256_shuffle_epi8
#define V_OR _mm256_or_si256
#define V_ADDS_U8 _mm256_adds_epu8
#define V_SUB_I8 _mm256_sub_epi8
#define V_SET1_I8(c) _mm256_set1_epi8((char)(c))
#include "lut3_simd.h"

void gfx_lut3_avx2(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src, ptrdiff_t src_stride,
                   int width, int height, const gfx_lut3 *lut)
{
    lut3_variant(dst, dst_stride, src, src_stride, width, height, lut);
}
