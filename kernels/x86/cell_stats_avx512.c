/* Cell stats, AVX-512 (BW): 32 pixels per step, each 128-bit lane
 * deinterleaving 8 of them as the SSE4.1 variant does (its two loads, 24
 * bytes apart from lane to lane, gathered from two wide loads by quadword
 * permutes). The body is kernels/cell_stats_simd.h. */
#include <immintrin.h>

#include "gfx_kernels.h"
#include "kernels_x86.h"

typedef __m512i vec;
#define CS_LANES 32
#define X 0x80
#define CS_MASK(...) _mm512_broadcast_i32x4(_mm_setr_epi8(__VA_ARGS__))

/* The 32 pixels at p (96 bytes: one 64-byte and one 32-byte load), as four
 * 128-bit lanes of 8 pixels each (bytes 24k .. 24k+15 in lane k: quadwords
 * 3k and 3k+1) and the same 8 bytes on (quadwords 3k+1 and 3k+2). */
#define CS_LOAD_LANES(p, lo, hi)                                                                   \
    do {                                                                                           \
        __m512i a_ = _mm512_loadu_si512((const void *)(p));                                        \
        __m512i b_ = _mm512_castsi256_si512(_mm256_loadu_si256((const __m256i *)((p) + 64)));      \
        lo = _mm512_permutex2var_epi64(a_, _mm512_setr_epi64(0, 1, 3, 4, 6, 7, 9, 10), b_);        \
        hi = _mm512_permutex2var_epi64(a_, _mm512_setr_epi64(1, 2, 4, 5, 7, 8, 10, 11), b_);       \
    } while (0)

#define V_LOAD_PAIRS(p, rg, bg)                                                                    \
    do {                                                                                           \
        __m512i lo_, hi_;                                                                          \
        CS_LOAD_LANES(p, lo_, hi_);                                                                \
        rg = _mm512_or_si512(                                                                      \
            _mm512_shuffle_epi8(lo_, CS_MASK(0, 1, 3, 4, 6, 7, 9, 10, 12, 13, X, X, X, X, X, X)),  \
            _mm512_shuffle_epi8(hi_,                                                               \
                                CS_MASK(X, X, X, X, X, X, X, X, X, X, 7, 8, 10, 11, 13, 14)));     \
        bg = _mm512_or_si512(                                                                      \
            _mm512_shuffle_epi8(lo_, CS_MASK(2, 1, 5, 4, 8, 7, 11, 10, 14, 13, X, X, X, X, X, X)), \
            _mm512_shuffle_epi8(hi_,                                                               \
                                CS_MASK(X, X, X, X, X, X, X, X, X, X, 9, 8, 12, 11, 15, 14)));     \
    } while (0)
#define V_SET(c) _mm512_set1_epi16((short)(c))
#define V_ADD _mm512_add_epi16
#define V_MADDUBS _mm512_maddubs_epi16
#define V_AND _mm512_and_si512
#define V_SHR8(v) _mm512_srli_epi16(v, 8)
#define V_ABSDIFF(x, y) _mm512_sub_epi16(_mm512_max_epu16(x, y), _mm512_min_epu16(x, y))
#define V_STORE(p, v) _mm512_storeu_si512((void *)(p), v)
#define V_LOAD16(p) _mm512_loadu_si512((const void *)(p))
#include "cell_stats_simd.h"

void gfx_cell_stats_avx512(const gfx_cell_stats_args *a)
{
    cell_stats_variant(a);
}
