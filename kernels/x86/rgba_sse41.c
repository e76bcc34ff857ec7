/* RGB to straight RGBA, SSE4.1: 4 pixels a step, one 32-bit lane per pixel.
 * Each channel's numerator 255 c + (a >> 1) times a reciprocal of a (rcpps
 * and a Newton step), plus 1/512, truncated: gfx_kernels.h shows this is
 * the integer division. */
#include <immintrin.h>
#include <string.h>

#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "kernels_x86.h"
#include "rgba_rows.h"

/* 12 bytes (4 pixels), never reading past them. */
static inline __m128i load_4_pixels(const uint8_t *p)
{
    int32_t last;
    memcpy(&last, p + 8, 4);
    return _mm_insert_epi32(_mm_loadl_epi64((const __m128i *)p), last, 2);
}

/* 1/d within 2^-21.5 relative: the estimate (error under 1.5 * 2^-12) and one
 * Newton step, r (2 - d r). */
static inline __m128 reciprocal(__m128 d)
{
    __m128 r = _mm_rcp_ps(d);
    return _mm_mul_ps(r, _mm_sub_ps(_mm_set1_ps(2.0f), _mm_mul_ps(d, r)));
}

static inline __m128i quotient(__m128i c, __m128i half, __m128 inverse)
{
    __m128i n = _mm_add_epi32(_mm_sub_epi32(_mm_slli_epi32(c, 8), c), half);
    __m128 q = _mm_mul_ps(_mm_cvtepi32_ps(n), inverse);
    return _mm_cvttps_epi32(_mm_add_ps(q, _mm_set1_ps(1.0f / 512.0f)));
}

/* Lanes R | G << 8 | B << 16 in, R' | G' << 8 | B' << 16 | A << 24 out. */
static inline __m128i unpremultiply(__m128i rgb)
{
    const __m128i byte = _mm_set1_epi32(0xff);
    __m128i r = _mm_and_si128(rgb, byte), g = _mm_and_si128(_mm_srli_epi32(rgb, 8), byte);
    __m128i b = _mm_srli_epi32(rgb, 16);
    __m128i a = _mm_max_epi32(_mm_max_epi32(r, g), b), half = _mm_srli_epi32(a, 1);
    __m128 inv = reciprocal(_mm_cvtepi32_ps(_mm_max_epi32(a, _mm_set1_epi32(1))));
    __m128i out = _mm_or_si128(quotient(r, half, inv), _mm_slli_epi32(quotient(g, half, inv), 8));
    out = _mm_or_si128(out, _mm_slli_epi32(quotient(b, half, inv), 16));
    return _mm_or_si128(out, _mm_slli_epi32(a, 24));
}

void gfx_rgba_unpremultiply_sse41(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                                  ptrdiff_t src_stride, int width, int height)
{
    gfx_check_rgba_unpremultiply(dst, dst_stride, src, src_stride, width, height);
    const __m128i spread = _mm_setr_epi8(0, 1, 2, -1, 3, 4, 5, -1, 6, 7, 8, -1, 9, 10, 11, -1);
    for (int y = 0; y < height; y++) {
        const uint8_t *s = src + y * src_stride;
        uint8_t *d = dst + y * dst_stride;
        int x = 0;
        for (; x + 4 <= width; x += 4) {
            __m128i rgb = _mm_shuffle_epi8(load_4_pixels(s + 3 * x), spread);
            _mm_storeu_si128((__m128i *)(d + 4 * x), unpremultiply(rgb));
        }
        gfx_rgba_unpremultiply_pixels(d, s, x, width);
    }
}
