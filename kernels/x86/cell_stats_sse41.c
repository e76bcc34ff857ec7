/* Cell stats, SSE4.1: 8 pixels per step, deinterleaved by pshufb from two
 * overlapping loads (bytes 0-15 and 8-23) into 16-bit lanes of byte pairs.
 * The body is kernels/cell_stats_simd.h. */
#include <immintrin.h>

#include "gfx_kernels.h"
#include "kernels_x86.h"

typedef __m128i vec;
#define CS_LANES 8
/* Pixel k of 8 is bytes 3k .. 3k+2: pixels 0-4 are whole in the first load,
 * 5-7 in the second (8 bytes on). The body wants (R, G) and (B, G) byte pairs
 * per 16-bit lane, for pmaddubsw. */
#define X 0x80
#define V_LOAD_PAIRS(p, rg, bg)                                                                    \
    do {                                                                                           \
        __m128i lo_ = _mm_loadu_si128((const __m128i *)(p));                                       \
        __m128i hi_ = _mm_loadu_si128((const __m128i *)((p) + 8));                                 \
        rg = _mm_or_si128(_mm_shuffle_epi8(lo_, _mm_setr_epi8(0, 1, 3, 4, 6, 7, 9, 10, 12, 13, X,  \
                                                              X, X, X, X, X)),                     \
                          _mm_shuffle_epi8(hi_, _mm_setr_epi8(X, X, X, X, X, X, X, X, X, X, 7, 8,  \
                                                              10, 11, 13, 14)));                   \
        bg = _mm_or_si128(_mm_shuffle_epi8(lo_, _mm_setr_epi8(2, 1, 5, 4, 8, 7, 11, 10, 14, 13, X, \
                                                              X, X, X, X, X)),                     \
                          _mm_shuffle_epi8(hi_, _mm_setr_epi8(X, X, X, X, X, X, X, X, X, X, 9, 8,  \
                                                              12, 11, 15, 14)));                   \
    } while (0)
#define V_MADDUBS _mm_maddubs_epi16
#define V_AND _mm_and_si128
#define V_SET(c) _mm_set1_epi16((short)(c))
#define V_ADD _mm_add_epi16
#define V_SHR8(v) _mm_srli_epi16(v, 8)
#define V_ABSDIFF(x, y) _mm_sub_epi16(_mm_max_epu16(x, y), _mm_min_epu16(x, y))
#define V_STORE(p, v) _mm_storeu_si128((__m128i *)(p), v)
#define V_LOAD16(p) _mm_loadu_si128((const __m128i *)(p))
#include "cell_stats_simd.h"

void gfx_cell_stats_sse41(const gfx_cell_stats_args *a)
{
    cell_stats_variant(a);
}
