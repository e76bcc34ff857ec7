/* PNG kernels, SSE4.1: the row filter and Adler-32 16 bytes a step, and the
 * CRC-32 by carry-less multiplication (PCLMULQDQ, enabled for that function
 * alone by a target attribute; dispatch checks the cpuid bit).
 *
 * Filter: all four residuals of 16 bytes come from four unaligned loads
 * (x = row[i], a = row[i-bpp], b = prev[i], c = prev[i-bpp]); the Paeth choice
 * stays in bytes: pa = |b - c|, pb = |a - c|, and pc = |(b - c) + (a - c)|
 * is pa + pb (saturated: it is only compared with pa and pb) when b - c and
 * a - c have the same sign, else |pa - pb|. A residual's cost is its
 * absolute value as a signed byte (|-128| = 128), summed by psadbw. */
#include <cpuid.h>
#include <immintrin.h>

#include "gfx_kernels.h"
#include "kernels_c.h"
#include "kernels_x86.h"
#include "png_rows.h"

#define V 16

static inline __m128i absdiff(__m128i x, __m128i y)
{
    return _mm_sub_epi8(_mm_max_epu8(x, y), _mm_min_epu8(x, y));
}

static inline __m128i le_epu8(__m128i x, __m128i y)
{
    return _mm_cmpeq_epi8(_mm_min_epu8(x, y), x);
}

static inline __m128i paeth(__m128i a, __m128i b, __m128i c)
{
    __m128i pa = absdiff(b, c), pb = absdiff(a, c);
    __m128i b_ge = _mm_cmpeq_epi8(_mm_max_epu8(b, c), b),
            a_ge = _mm_cmpeq_epi8(_mm_max_epu8(a, c), a);
    __m128i pc =
        _mm_blendv_epi8(absdiff(pa, pb), _mm_adds_epu8(pa, pb), _mm_cmpeq_epi8(b_ge, a_ge));
    __m128i use_a = _mm_and_si128(le_epu8(pa, pb), le_epu8(pa, pc));
    return _mm_blendv_epi8(_mm_blendv_epi8(c, b, le_epu8(pb, pc)), a, use_a);
}

static inline __m128i cost(__m128i r)
{
    return _mm_sad_epu8(_mm_abs_epi8(r), _mm_setzero_si128());
}

static inline uint64_t hsum64(__m128i v)
{
    return (uint64_t)_mm_cvtsi128_si64(v) + (uint64_t)_mm_extract_epi64(v, 1);
}

#define LOAD(p) _mm_loadu_si128((const __m128i *)(p))

static inline void cost_step(void *acc_, const uint8_t *row, const uint8_t *prev, int i, int bpp)
{
    __m128i *acc = acc_;
    __m128i x = LOAD(row + i), a = LOAD(row + i - bpp), b = LOAD(prev + i),
            c = LOAD(prev + i - bpp);
    acc[0] = _mm_add_epi64(acc[0], cost(x));
    acc[1] = _mm_add_epi64(acc[1], cost(_mm_sub_epi8(x, a)));
    acc[2] = _mm_add_epi64(acc[2], cost(_mm_sub_epi8(x, b)));
    acc[3] = _mm_add_epi64(acc[3], cost(_mm_sub_epi8(x, paeth(a, b, c))));
}

static inline void cost_sum(uint64_t c4[4], const void *acc)
{
    for (int f = 0; f < 4; f++)
        c4[f] += hsum64(((const __m128i *)acc)[f]);
}

static inline void apply_step(uint8_t *out, const uint8_t *row, const uint8_t *prev, int i, int bpp,
                              int pick)
{
    __m128i x = LOAD(row + i), r = x;
    __m128i a = LOAD(row + i - bpp), b = LOAD(prev + i);
    if (pick == 1)
        r = _mm_sub_epi8(x, a);
    else if (pick == 2)
        r = _mm_sub_epi8(x, b);
    else if (pick == 3)
        r = _mm_sub_epi8(x, paeth(a, b, LOAD(prev + i - bpp)));
    _mm_storeu_si128((__m128i *)(out + i), r);
}

void gfx_png_filter_sse41(uint8_t *out, const uint8_t *row, const uint8_t *prev, int width, int bpp)
{
    __m128i acc[4] = {_mm_setzero_si128(), _mm_setzero_si128(), _mm_setzero_si128(),
                      _mm_setzero_si128()};
    gfx_png_filter_row(out, row, prev, width, bpp, V, acc, cost_step, cost_sum, apply_step);
}

/* Adler-32: per 16-byte chunk, sum += psadbw, prefix += sum so far (each
 * earlier byte counts 16 more times per later chunk), weighted += bytes
 * times 16..1 (pmaddubsw, then pmaddwd to 32 bits). 5536 bytes a block keep
 * every lane inside 32 bits. */
uint32_t gfx_adler32_sse41(uint32_t adler, const uint8_t *p, size_t n)
{
    const __m128i weights = _mm_setr_epi8(16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1);
    const __m128i ones = _mm_set1_epi16(1);
    while (n >= V) {
        size_t block = n < 5536 ? n - n % V : 5536;
        __m128i sum = _mm_setzero_si128(), prefix = _mm_setzero_si128(),
                weighted = _mm_setzero_si128();
        for (size_t i = 0; i < block; i += V) {
            __m128i d = _mm_loadu_si128((const __m128i *)(p + i));
            prefix = _mm_add_epi32(prefix, sum);
            sum = _mm_add_epi32(sum, _mm_sad_epu8(d, _mm_setzero_si128()));
            weighted = _mm_add_epi32(weighted, _mm_madd_epi16(_mm_maddubs_epi16(d, weights), ones));
        }
        __m128i w = _mm_add_epi32(weighted, _mm_shuffle_epi32(weighted, 0x4e));
        w = _mm_add_epi32(w, _mm_shuffle_epi32(w, 0xb1));
        uint64_t s = (uint64_t)_mm_cvtsi128_si32(sum) + (uint64_t)_mm_extract_epi32(sum, 2);
        uint64_t pre = (uint64_t)_mm_cvtsi128_si32(prefix) + (uint64_t)_mm_extract_epi32(prefix, 2);
        adler = gfx_adler32_combine(adler, block, s, pre * V, (uint32_t)_mm_cvtsi128_si32(w));
        p += block, n -= block;
    }
    return gfx_adler32_tail(adler, p, n);
}

/* CRC-32 by folding (Intel, "Fast CRC Computation for Generic Polynomials
 * Using PCLMULQDQ"): four 128-bit accumulators fold 64 bytes ahead at a
 * time, then one folds 16 bytes at a time. The constants are x^(k*32 +- ...)
 * mod P in the reflected domain, as in zlib-ng and Linux. The last 16-byte
 * accumulator has the same CRC as all the bytes folded into it, so the
 * slicing table finishes it (no Barrett reduction). */
__attribute__((target("pclmul,sse4.1"))) static inline __m128i fold(__m128i x, __m128i k)
{
    return _mm_xor_si128(_mm_clmulepi64_si128(x, k, 0x00), _mm_clmulepi64_si128(x, k, 0x11));
}

__attribute__((target("pclmul,sse4.1"))) uint32_t gfx_crc32_pclmul(uint32_t crc, const uint8_t *p,
                                                                   size_t n)
{
    if (n < 64)
        return gfx_crc32_scalar(crc, p, n);
    const __m128i k4 = _mm_set_epi64x(0x1c6e41596, 0x154442bd4);
    const __m128i k1 = _mm_set_epi64x(0x0ccaa009e, 0x1751997d0);
    __m128i x0 = _mm_loadu_si128((const __m128i *)p);
    __m128i x1 = _mm_loadu_si128((const __m128i *)(p + 16));
    __m128i x2 = _mm_loadu_si128((const __m128i *)(p + 32));
    __m128i x3 = _mm_loadu_si128((const __m128i *)(p + 48));
    x0 = _mm_xor_si128(x0, _mm_cvtsi32_si128((int)~crc));
    p += 64, n -= 64;
    for (; n >= 64; p += 64, n -= 64) {
        x0 = _mm_xor_si128(fold(x0, k4), _mm_loadu_si128((const __m128i *)p));
        x1 = _mm_xor_si128(fold(x1, k4), _mm_loadu_si128((const __m128i *)(p + 16)));
        x2 = _mm_xor_si128(fold(x2, k4), _mm_loadu_si128((const __m128i *)(p + 32)));
        x3 = _mm_xor_si128(fold(x3, k4), _mm_loadu_si128((const __m128i *)(p + 48)));
    }
    x0 = _mm_xor_si128(fold(x0, k1), x1);
    x0 = _mm_xor_si128(fold(x0, k1), x2);
    x0 = _mm_xor_si128(fold(x0, k1), x3);
    for (; n >= 16; p += 16, n -= 16)
        x0 = _mm_xor_si128(fold(x0, k1), _mm_loadu_si128((const __m128i *)p));
    uint8_t last[16];
    _mm_storeu_si128((__m128i *)last, x0);
    /* the raw CRC (no inversions) of the accumulator from state 0 is
     * ~gfx_crc32_scalar(~0, ...); continue through the tail from there */
    uint32_t state = gfx_crc32_scalar(0xffffffffu, last, 16);
    return gfx_crc32_scalar(state, p, n);
}

int gfx_cpu_has_pclmul(void)
{
    unsigned a, b, c, d;
    return __get_cpuid(1, &a, &b, &c, &d) && (c & bit_PCLMUL);
}
