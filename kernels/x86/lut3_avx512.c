/* Per-channel LUT, AVX-512 (BW): 64 pixels per block, each 128-bit lane its
 * own 48 bytes (kernels/lut3_simd.h). */
#include <immintrin.h>

#include "gfx_kernels.h"
#include "kernels_x86.h"

typedef __m512i vec;
#define LUT3_LANES 4
#define V_BCAST16(p) _mm512_broadcast_i32x4(_mm_loadu_si128((const __m128i *)(p)))
#define LOAD_LANE(p, l, j) _mm_loadu_si128((const __m128i *)((p) + 48 * (l) + 16 * (j)))
#define V_LOAD_PIECE(p, j)                                                                         \
    _mm512_inserti32x4(                                                                            \
        _mm512_inserti32x4(                                                                        \
            _mm512_inserti32x4(_mm512_castsi128_si512(LOAD_LANE(p, 0, j)), LOAD_LANE(p, 1, j), 1), \
            LOAD_LANE(p, 2, j), 2),                                                                \
        LOAD_LANE(p, 3, j), 3)
#define V_STORE_PIECE(p, j, v)                                                                     \
    do {                                                                                           \
        const __m512i v_ = (v);                                                                    \
        _mm_storeu_si128((__m128i *)((p) + 16 * (j)), _mm512_castsi512_si128(v_));                 \
        _mm_storeu_si128((__m128i *)((p) + 48 + 16 * (j)), _mm512_extracti32x4_epi32(v_, 1));      \
        _mm_storeu_si128((__m128i *)((p) + 96 + 16 * (j)), _mm512_extracti32x4_epi32(v_, 2));      \
        _mm_storeu_si128((__m128i *)((p) + 144 + 16 * (j)), _mm512_extracti32x4_epi32(v_, 3));     \
    } while (0)
#define V_SHUF _mm512_shuffle_epi8
#define V_OR _mm512_or_si512
#define V_ADDS_U8 _mm512_adds_epu8
#define V_SUB_I8 _mm512_sub_epi8
#define V_SET1_I8(c) _mm512_set1_epi8((char)(c))
#include "lut3_simd.h"

void gfx_lut3_avx512(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src, ptrdiff_t src_stride,
                     int width, int height, const gfx_lut3 *lut)
{
    lut3_variant(dst, dst_stride, src, src_stride, width, height, lut);
}
