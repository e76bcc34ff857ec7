/* Cell stats, AVX2: 16 pixels per step, each 128-bit lane deinterleaving 8
 * of them as the SSE4.1 variant does (lane loads at 0 and 24 bytes, and 8
 * bytes on from each). The body is kernels/cell_stats_simd.h. */
#include <immintrin.h>

#include "gfx_kernels.h"
#include "kernels_x86.h"

typedef __m256i vec;
#define CS_LANES 16
#define X 0x80
#define CS_MASK(...) _mm256_setr_epi8(__VA_ARGS__, __VA_ARGS__)
#define V_LOAD_RGB(p, r, g, b)                                                                     \
    do {                                                                                           \
        __m256i lo_ = _mm256_loadu2_m128i((const __m128i *)((p) + 24), (const __m128i *)(p));      \
        __m256i hi_ =                                                                              \
            _mm256_loadu2_m128i((const __m128i *)((p) + 32), (const __m128i *)((p) + 8));          \
        r = _mm256_or_si256(                                                                       \
            _mm256_shuffle_epi8(lo_, CS_MASK(0, X, 3, X, 6, X, 9, X, 12, X, 15, X, X, X, X, X)),   \
            _mm256_shuffle_epi8(hi_, CS_MASK(X, X, X, X, X, X, X, X, X, X, X, X, 10, X, 13, X)));  \
        g = _mm256_or_si256(                                                                       \
            _mm256_shuffle_epi8(lo_, CS_MASK(1, X, 4, X, 7, X, 10, X, 13, X, X, X, X, X, X, X)),   \
            _mm256_shuffle_epi8(hi_, CS_MASK(X, X, X, X, X, X, X, X, X, X, 8, X, 11, X, 14, X)));  \
        b = _mm256_or_si256(                                                                       \
            _mm256_shuffle_epi8(lo_, CS_MASK(2, X, 5, X, 8, X, 11, X, 14, X, X, X, X, X, X, X)),   \
            _mm256_shuffle_epi8(hi_, CS_MASK(X, X, X, X, X, X, X, X, X, X, 9, X, 12, X, 15, X)));  \
    } while (0)
#define V_SET(c) _mm256_set1_epi16((short)(c))
#define V_ADD _mm256_add_epi16
#define V_MUL _mm256_mullo_epi16
#define V_SHR8(v) _mm256_srli_epi16(v, 8)
#define V_ABSDIFF(x, y) _mm256_sub_epi16(_mm256_max_epu16(x, y), _mm256_min_epu16(x, y))
#define V_STORE(p, v) _mm256_storeu_si256((__m256i *)(p), v)
#define V_LOAD16(p) _mm256_loadu_si256((const __m256i *)(p))
#include "cell_stats_simd.h"

void gfx_cell_stats_avx2(const gfx_cell_stats_args *a)
{
    cell_stats_variant(a);
}
