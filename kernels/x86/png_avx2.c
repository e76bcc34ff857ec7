/* PNG kernels, AVX2: the SSE4.1 scheme (png_sse41.c) 32 bytes a step. The
 * loads at i - bpp are plain unaligned loads, so no lane crossing is needed.
 * CRC-32 uses the PCLMULQDQ fold of png_sse41.c. */
#include <immintrin.h>

#include "gfx_kernels.h"
#include "kernels_x86.h"
#include "png_rows.h"

#define V 32

static inline __m256i absdiff(__m256i x, __m256i y)
{
    return _mm256_sub_epi8(_mm256_max_epu8(x, y), _mm256_min_epu8(x, y));
}

static inline __m256i le_epu8(__m256i x, __m256i y)
{
    return _mm256_cmpeq_epi8(_mm256_min_epu8(x, y), x);
}

static inline __m256i paeth(__m256i a, __m256i b, __m256i c)
{
    __m256i pa = absdiff(b, c), pb = absdiff(a, c);
    __m256i b_ge = _mm256_cmpeq_epi8(_mm256_max_epu8(b, c), b);
    __m256i a_ge = _mm256_cmpeq_epi8(_mm256_max_epu8(a, c), a);
    __m256i pc = _mm256_blendv_epi8(absdiff(pa, pb), _mm256_adds_epu8(pa, pb),
                                    _mm256_cmpeq_epi8(b_ge, a_ge));
    __m256i use_a = _mm256_and_si256(le_epu8(pa, pb), le_epu8(pa, pc));
    return _mm256_blendv_epi8(_mm256_blendv_epi8(c, b, le_epu8(pb, pc)), a, use_a);
}

static inline __m256i cost(__m256i r)
{
    return _mm256_sad_epu8(_mm256_abs_epi8(r), _mm256_setzero_si256());
}

static inline uint64_t hsum64(__m256i v)
{
    __m128i s = _mm_add_epi64(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    return (uint64_t)_mm_cvtsi128_si64(s) + (uint64_t)_mm_extract_epi64(s, 1);
}

#define LOAD(p) _mm256_loadu_si256((const __m256i *)(p))

static inline void cost_step(void *acc_, const uint8_t *row, const uint8_t *prev, int i, int bpp)
{
    __m256i *acc = acc_;
    __m256i x = LOAD(row + i), a = LOAD(row + i - bpp), b = LOAD(prev + i),
            c = LOAD(prev + i - bpp);
    acc[0] = _mm256_add_epi64(acc[0], cost(x));
    acc[1] = _mm256_add_epi64(acc[1], cost(_mm256_sub_epi8(x, a)));
    acc[2] = _mm256_add_epi64(acc[2], cost(_mm256_sub_epi8(x, b)));
    acc[3] = _mm256_add_epi64(acc[3], cost(_mm256_sub_epi8(x, paeth(a, b, c))));
}

static inline void cost_sum(uint64_t c4[4], const void *acc)
{
    for (int f = 0; f < 4; f++)
        c4[f] += hsum64(((const __m256i *)acc)[f]);
}

static inline void apply_step(uint8_t *out, const uint8_t *row, const uint8_t *prev, int i, int bpp,
                              int pick)
{
    __m256i x = LOAD(row + i), r = x;
    if (pick == 1)
        r = _mm256_sub_epi8(x, LOAD(row + i - bpp));
    else if (pick == 2)
        r = _mm256_sub_epi8(x, LOAD(prev + i));
    else if (pick == 3)
        r = _mm256_sub_epi8(x, paeth(LOAD(row + i - bpp), LOAD(prev + i), LOAD(prev + i - bpp)));
    _mm256_storeu_si256((__m256i *)(out + i), r);
}

void gfx_png_filter_avx2(uint8_t *out, const uint8_t *row, const uint8_t *prev, int width, int bpp)
{
    __m256i acc[4] = {_mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256(),
                      _mm256_setzero_si256()};
    gfx_png_filter_row(out, row, prev, width, bpp, V, acc, cost_step, cost_sum, apply_step);
}

/* Adler-32 as png_sse41.c, 32-byte chunks (weights 32..1). */
uint32_t gfx_adler32_avx2(uint32_t adler, const uint8_t *p, size_t n)
{
    const __m256i weights =
        _mm256_setr_epi8(32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14,
                         13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1);
    const __m256i ones = _mm256_set1_epi16(1);
    while (n >= V) {
        size_t block = n < 5536 ? n - n % V : 5536;
        __m256i sum = _mm256_setzero_si256(), prefix = _mm256_setzero_si256(),
                weighted = _mm256_setzero_si256();
        for (size_t i = 0; i < block; i += V) {
            __m256i d = LOAD(p + i);
            prefix = _mm256_add_epi32(prefix, sum);
            sum = _mm256_add_epi32(sum, _mm256_sad_epu8(d, _mm256_setzero_si256()));
            weighted = _mm256_add_epi32(weighted,
                                        _mm256_madd_epi16(_mm256_maddubs_epi16(d, weights), ones));
        }
        /* sum and prefix hold 64-bit lanes (psadbw), weighted 32-bit ones */
        uint64_t s = hsum64(sum), pre = hsum64(prefix);
        __m128i w =
            _mm_add_epi32(_mm256_castsi256_si128(weighted), _mm256_extracti128_si256(weighted, 1));
        w = _mm_add_epi32(w, _mm_shuffle_epi32(w, 0x4e));
        w = _mm_add_epi32(w, _mm_shuffle_epi32(w, 0xb1));
        adler = gfx_adler32_combine(adler, block, s, pre * V, (uint32_t)_mm_cvtsi128_si32(w));
        p += block, n -= block;
    }
    return gfx_adler32_tail(adler, p, n);
}
