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
#define V_LOAD_PAIRS(p, rg, bg)                                                                    \
    do {                                                                                           \
        __m256i lo_ = _mm256_loadu2_m128i((const __m128i *)((p) + 24), (const __m128i *)(p));      \
        __m256i hi_ =                                                                              \
            _mm256_loadu2_m128i((const __m128i *)((p) + 32), (const __m128i *)((p) + 8));          \
        rg = _mm256_or_si256(                                                                      \
            _mm256_shuffle_epi8(lo_, CS_MASK(0, 1, 3, 4, 6, 7, 9, 10, 12, 13, X, X, X, X, X, X)),  \
            _mm256_shuffle_epi8(hi_,                                                               \
                                CS_MASK(X, X, X, X, X, X, X, X, X, X, 7, 8, 10, 11, 13, 14)));     \
        bg = _mm256_or_si256(                                                                      \
            _mm256_shuffle_epi8(lo_, CS_MASK(2, 1, 5, 4, 8, 7, 11, 10, 14, 13, X, X, X, X, X, X)), \
            _mm256_shuffle_epi8(hi_,                                                               \
                                CS_MASK(X, X, X, X, X, X, X, X, X, X, 9, 8, 12, 11, 15, 14)));     \
    } while (0)
#define V_SET(c) _mm256_set1_epi16((short)(c))
#define V_ADD _mm256_add_epi16
#define V_MADDUBS _mm256_maddubs_epi16
#define V_AND _mm256_and_si256
#define V_SHR8(v) _mm256_srli_epi16(v, 8)
#define V_ABSDIFF(x, y) _mm256_sub_epi16(_mm256_max_epu16(x, y), _mm256_min_epu16(x, y))
#define V_STORE(p, v) _mm256_storeu_si256((__m256i *)(p), v)
#define V_LOAD16(p) _mm256_loadu_si256((const __m256i *)(p))
#include "cell_stats_simd.h"

void gfx_cell_stats_avx2(const gfx_cell_stats_args *a)
{
    cell_stats_variant(a);
}
