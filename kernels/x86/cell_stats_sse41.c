/* Cell stats, SSE4.1: 8 pixels per step, deinterleaved by pshufb from two
 * overlapping loads (bytes 0-15 and 8-23), straight into 16-bit lanes. The
 * body is kernels/cell_stats_simd.h. */
#include <immintrin.h>

#include "gfx_kernels.h"
#include "kernels_x86.h"

typedef __m128i vec;
#define CS_LANES 8
/* For channel c, pixel k of 8 sits at byte 3k + c: in the first load while
 * that is below 16, else in the second (8 bytes on). */
#define X 0x80
#define V_LOAD_RGB(p, r, g, b)                                                                     \
    do {                                                                                           \
        __m128i lo_ = _mm_loadu_si128((const __m128i *)(p));                                       \
        __m128i hi_ = _mm_loadu_si128((const __m128i *)((p) + 8));                                 \
        r = _mm_or_si128(_mm_shuffle_epi8(lo_, _mm_setr_epi8(0, X, 3, X, 6, X, 9, X, 12, X, 15, X, \
                                                             X, X, X, X)),                         \
                         _mm_shuffle_epi8(hi_, _mm_setr_epi8(X, X, X, X, X, X, X, X, X, X, X, X,   \
                                                             10, X, 13, X)));                      \
        g = _mm_or_si128(_mm_shuffle_epi8(lo_, _mm_setr_epi8(1, X, 4, X, 7, X, 10, X, 13, X, X, X, \
                                                             X, X, X, X)),                         \
                         _mm_shuffle_epi8(hi_, _mm_setr_epi8(X, X, X, X, X, X, X, X, X, X, 8, X,   \
                                                             11, X, 14, X)));                      \
        b = _mm_or_si128(_mm_shuffle_epi8(lo_, _mm_setr_epi8(2, X, 5, X, 8, X, 11, X, 14, X, X, X, \
                                                             X, X, X, X)),                         \
                         _mm_shuffle_epi8(hi_, _mm_setr_epi8(X, X, X, X, X, X, X, X, X, X, 9, X,   \
                                                             12, X, 15, X)));                      \
    } while (0)
#define V_SET(c) _mm_set1_epi16((short)(c))
#define V_ADD _mm_add_epi16
#define V_MUL _mm_mullo_epi16
#define V_SHR8(v) _mm_srli_epi16(v, 8)
#define V_ABSDIFF(x, y) _mm_sub_epi16(_mm_max_epu16(x, y), _mm_min_epu16(x, y))
#define V_STORE(p, v) _mm_storeu_si128((__m128i *)(p), v)
#define V_LOAD16(p) _mm_loadu_si128((const __m128i *)(p))
#include "cell_stats_simd.h"

void gfx_cell_stats_sse41(const gfx_cell_stats_args *a)
{
    cell_stats_variant(a);
}
