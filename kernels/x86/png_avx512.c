/* PNG kernels, AVX-512 (F + BW): the SSE4.1 scheme (png_sse41.c) 64 bytes a
 * step, with the Paeth and filter choices in mask registers. CRC-32 uses the
 * PCLMULQDQ fold of png_sse41.c. */
#include <immintrin.h>

#include "gfx_kernels.h"
#include "kernels_x86.h"
#include "png_rows.h"

#define V 64

static inline __m512i absdiff(__m512i x, __m512i y)
{
    return _mm512_sub_epi8(_mm512_max_epu8(x, y), _mm512_min_epu8(x, y));
}

static inline __m512i paeth(__m512i a, __m512i b, __m512i c)
{
    __m512i pa = absdiff(b, c), pb = absdiff(a, c);
    __mmask64 same_sign = ~(_mm512_cmpge_epu8_mask(b, c) ^ _mm512_cmpge_epu8_mask(a, c));
    __m512i pc = _mm512_mask_blend_epi8(same_sign, absdiff(pa, pb), _mm512_adds_epu8(pa, pb));
    __mmask64 use_a = _mm512_cmple_epu8_mask(pa, pb) & _mm512_cmple_epu8_mask(pa, pc);
    __m512i t = _mm512_mask_blend_epi8(_mm512_cmple_epu8_mask(pb, pc), c, b);
    return _mm512_mask_blend_epi8(use_a, t, a);
}

static inline __m512i cost(__m512i r)
{
    return _mm512_sad_epu8(_mm512_abs_epi8(r), _mm512_setzero_si512());
}

#define LOAD(p) _mm512_loadu_si512((const void *)(p))

static inline void cost_step(void *acc_, const uint8_t *row, const uint8_t *prev, int i, int bpp)
{
    __m512i *acc = acc_;
    __m512i x = LOAD(row + i), a = LOAD(row + i - bpp), b = LOAD(prev + i),
            c = LOAD(prev + i - bpp);
    acc[0] = _mm512_add_epi64(acc[0], cost(x));
    acc[1] = _mm512_add_epi64(acc[1], cost(_mm512_sub_epi8(x, a)));
    acc[2] = _mm512_add_epi64(acc[2], cost(_mm512_sub_epi8(x, b)));
    acc[3] = _mm512_add_epi64(acc[3], cost(_mm512_sub_epi8(x, paeth(a, b, c))));
}

static inline void cost_sum(uint64_t c4[4], const void *acc)
{
    for (int f = 0; f < 4; f++)
        c4[f] += (uint64_t)_mm512_reduce_add_epi64(((const __m512i *)acc)[f]);
}

static inline void apply_step(uint8_t *out, const uint8_t *row, const uint8_t *prev, int i, int bpp,
                              int pick)
{
    __m512i x = LOAD(row + i), r = x;
    if (pick == 1)
        r = _mm512_sub_epi8(x, LOAD(row + i - bpp));
    else if (pick == 2)
        r = _mm512_sub_epi8(x, LOAD(prev + i));
    else if (pick == 3)
        r = _mm512_sub_epi8(x, paeth(LOAD(row + i - bpp), LOAD(prev + i), LOAD(prev + i - bpp)));
    _mm512_storeu_si512((void *)(out + i), r);
}

void gfx_png_filter_avx512(uint8_t *out, const uint8_t *row, const uint8_t *prev, int width,
                           int bpp)
{
    __m512i acc[4] = {_mm512_setzero_si512(), _mm512_setzero_si512(), _mm512_setzero_si512(),
                      _mm512_setzero_si512()};
    gfx_png_filter_row(out, row, prev, width, bpp, V, acc, cost_step, cost_sum, apply_step);
}

/* Adler-32 as png_sse41.c, 64-byte chunks (weights 64..1; pmaddubsw's
 * signed weights stop at 127, and 64 * 255 * 2 fits its 16-bit sums). */
uint32_t gfx_adler32_avx512(uint32_t adler, const uint8_t *p, size_t n)
{
    __m512i weights = _mm512_set_epi8(
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
        26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48,
        49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64);
    const __m512i ones = _mm512_set1_epi16(1);
    while (n >= V) {
        size_t block = n < 5504 ? n - n % V : 5504;
        __m512i sum = _mm512_setzero_si512(), prefix = _mm512_setzero_si512(),
                weighted = _mm512_setzero_si512();
        for (size_t i = 0; i < block; i += V) {
            __m512i d = LOAD(p + i);
            prefix = _mm512_add_epi64(prefix, sum);
            sum = _mm512_add_epi64(sum, _mm512_sad_epu8(d, _mm512_setzero_si512()));
            weighted = _mm512_add_epi32(weighted,
                                        _mm512_madd_epi16(_mm512_maddubs_epi16(d, weights), ones));
        }
        adler = gfx_adler32_combine(adler, block, (uint64_t)_mm512_reduce_add_epi64(sum),
                                    (uint64_t)_mm512_reduce_add_epi64(prefix) * V,
                                    (uint32_t)_mm512_reduce_add_epi32(weighted));
        p += block, n -= block;
    }
    return gfx_adler32_tail(adler, p, n);
}
