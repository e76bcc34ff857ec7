/* Cell stats, AVX-512 (BW): 32 pixels per step, each 128-bit lane
 * deinterleaving 8 of them as the SSE4.1 variant does (lane loads 24 bytes
 * apart, and 8 bytes on from each). The body is kernels/cell_stats_simd.h. */
#include <immintrin.h>

#include "gfx_kernels.h"
#include "kernels_x86.h"

typedef __m512i vec;
#define CS_LANES 32
#define X 0x80
#define CS_MASK(...) _mm512_broadcast_i32x4(_mm_setr_epi8(__VA_ARGS__))

/* Four 16-byte loads, 24 bytes apart from p, as the lanes of one vector. */
static inline __m512i load_lanes(const uint8_t *p)
{
    __m512i v = _mm512_castsi128_si512(_mm_loadu_si128((const __m128i *)p));
    v = _mm512_inserti32x4(v, _mm_loadu_si128((const __m128i *)(p + 24)), 1);
    v = _mm512_inserti32x4(v, _mm_loadu_si128((const __m128i *)(p + 48)), 2);
    return _mm512_inserti32x4(v, _mm_loadu_si128((const __m128i *)(p + 72)), 3);
}

#define V_LOAD_RGB(p, r, g, b)                                                                     \
    do {                                                                                           \
        __m512i lo_ = load_lanes(p), hi_ = load_lanes((p) + 8);                                    \
        r = _mm512_or_si512(                                                                       \
            _mm512_shuffle_epi8(lo_, CS_MASK(0, X, 3, X, 6, X, 9, X, 12, X, 15, X, X, X, X, X)),   \
            _mm512_shuffle_epi8(hi_, CS_MASK(X, X, X, X, X, X, X, X, X, X, X, X, 10, X, 13, X)));  \
        g = _mm512_or_si512(                                                                       \
            _mm512_shuffle_epi8(lo_, CS_MASK(1, X, 4, X, 7, X, 10, X, 13, X, X, X, X, X, X, X)),   \
            _mm512_shuffle_epi8(hi_, CS_MASK(X, X, X, X, X, X, X, X, X, X, 8, X, 11, X, 14, X)));  \
        b = _mm512_or_si512(                                                                       \
            _mm512_shuffle_epi8(lo_, CS_MASK(2, X, 5, X, 8, X, 11, X, 14, X, X, X, X, X, X, X)),   \
            _mm512_shuffle_epi8(hi_, CS_MASK(X, X, X, X, X, X, X, X, X, X, 9, X, 12, X, 15, X)));  \
    } while (0)
#define V_SET(c) _mm512_set1_epi16((short)(c))
#define V_ADD _mm512_add_epi16
#define V_MUL _mm512_mullo_epi16
#define V_SHR8(v) _mm512_srli_epi16(v, 8)
#define V_ABSDIFF(x, y) _mm512_sub_epi16(_mm512_max_epu16(x, y), _mm512_min_epu16(x, y))
#define V_STORE(p, v) _mm512_storeu_si512((void *)(p), v)
#define V_LOAD16(p) _mm512_loadu_si512((const void *)(p))
#include "cell_stats_simd.h"

void gfx_cell_stats_avx512(const gfx_cell_stats_args *a)
{
    cell_stats_variant(a);
}
