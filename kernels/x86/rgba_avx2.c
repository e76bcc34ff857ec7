/* RGB to straight RGBA, AVX2: rgba_sse41.c's scheme 8 pixels a step, 4 in
 * each 128-bit lane (so the byte shuffle stays in its lane). */
#include <immintrin.h>
#include <string.h>

#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "kernels_x86.h"
#include "rgba_rows.h"

static inline __m128i load_4_pixels(const uint8_t *p)
{
    int32_t last;
    memcpy(&last, p + 8, 4);
    return _mm_insert_epi32(_mm_loadl_epi64((const __m128i *)p), last, 2);
}

/* 1/d within 2^-21.5 relative: the estimate (error under 1.5 * 2^-12) and one
 * Newton step, r (2 - d r). */
static inline __m256 reciprocal(__m256 d)
{
    __m256 r = _mm256_rcp_ps(d);
    return _mm256_mul_ps(r, _mm256_sub_ps(_mm256_set1_ps(2.0f), _mm256_mul_ps(d, r)));
}

static inline __m256i quotient(__m256i c, __m256i half, __m256 inverse)
{
    __m256i n = _mm256_add_epi32(_mm256_sub_epi32(_mm256_slli_epi32(c, 8), c), half);
    __m256 q = _mm256_mul_ps(_mm256_cvtepi32_ps(n), inverse);
    return _mm256_cvttps_epi32(_mm256_add_ps(q, _mm256_set1_ps(1.0f / 512.0f)));
}

static inline __m256i unpremultiply(__m256i rgb)
{
    const __m256i byte = _mm256_set1_epi32(0xff);
    __m256i r = _mm256_and_si256(rgb, byte), g = _mm256_and_si256(_mm256_srli_epi32(rgb, 8), byte);
    __m256i b = _mm256_srli_epi32(rgb, 16);
    __m256i a = _mm256_max_epi32(_mm256_max_epi32(r, g), b), half = _mm256_srli_epi32(a, 1);
    __m256 inv = reciprocal(_mm256_cvtepi32_ps(_mm256_max_epi32(a, _mm256_set1_epi32(1))));
    __m256i out =
        _mm256_or_si256(quotient(r, half, inv), _mm256_slli_epi32(quotient(g, half, inv), 8));
    out = _mm256_or_si256(out, _mm256_slli_epi32(quotient(b, half, inv), 16));
    return _mm256_or_si256(out, _mm256_slli_epi32(a, 24));
}

void gfx_rgba_unpremultiply_avx2(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                                 ptrdiff_t src_stride, int width, int height)
{
    gfx_check_rgba_unpremultiply(dst, dst_stride, src, src_stride, width, height);
    const __m256i spread = _mm256_setr_epi8(0, 1, 2, -1, 3, 4, 5, -1, 6, 7, 8, -1, 9, 10, 11, -1, 0,
                                            1, 2, -1, 3, 4, 5, -1, 6, 7, 8, -1, 9, 10, 11, -1);
    for (int y = 0; y < height; y++) {
        const uint8_t *s = src + y * src_stride;
        uint8_t *d = dst + y * dst_stride;
        int x = 0;
        for (; x + 8 <= width; x += 8) {
            __m256i rgb = _mm256_inserti128_si256(_mm256_castsi128_si256(load_4_pixels(s + 3 * x)),
                                                  load_4_pixels(s + 3 * x + 12), 1);
            rgb = _mm256_shuffle_epi8(rgb, spread);
            _mm256_storeu_si256((__m256i *)(d + 4 * x), unpremultiply(rgb));
        }
        gfx_rgba_unpremultiply_pixels(d, s, x, width);
    }
}
