/* Per-channel LUT, SSE4.1 (SSSE3's pshufb): 16 pixels per block
 * (kernels/lut3_simd.h). */
#include <smmintrin.h>

#include "gfx_kernels.h"
#include "kernels_x86.h"

typedef __m128i vec;
#define LUT3_LANES 1
#define V_BCAST16(p) _mm_loadu_si128((const __m128i *)(p))
#define V_LOAD_PIECE(p, j) _mm_loadu_si128((const __m128i *)((p) + 16 * (j)))
#define V_STORE_PIECE(p, j, v) _mm_storeu_si128((__m128i *)((p) + 16 * (j)), v)
#define V_SHUF _mm_shuffle_epi8
#define V_OR _mm_or_si128
#define V_ADDS_U8 _mm_adds_epu8
#define V_SUB_I8 _mm_sub_epi8
#define V_SET1_I8(c) _mm_set1_epi8((char)(c))
#include "lut3_simd.h"

void gfx_lut3_sse41(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src, ptrdiff_t src_stride,
                    int width, int height, const gfx_lut3 *lut)
{
    lut3_variant(dst, dst_stride, src, src_stride, width, height, lut);
}
