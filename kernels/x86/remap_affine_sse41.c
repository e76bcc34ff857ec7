/* Affine remap, SSE4.1: 4 pixels per step inside a row's run
 * (kernels/remap_span.h). SSE has no gather: the offsets
 * sy * stride + 3 sx are computed on a vector and each pixel is one 32-bit
 * scalar load (RGBX: X is the next source byte, dropped by a shuffle), but
 * the source's last pixel, whose word would reach past the buffer, is read
 * once per call into a local word. A step stores 16 bytes of which 12 are
 * its pixels, so steps go on while 16 bytes fit in the row. */
#include <smmintrin.h>
#include <string.h>

#include "gfx_kernels.h"
#include "kernels_x86.h"

#define STEP_PX 4

static inline int load_px(const uint8_t *src, uint32_t off, uint32_t last, const uint8_t *last_word)
{
    uint32_t w;
    memcpy(&w, off == last ? last_word : src + off, sizeof w);
    return (int)w;
}

static int remap_run(uint8_t *out, const uint8_t *src, ptrdiff_t stride, uint32_t last, uint32_t u,
                     uint32_t v, int32_t a, int32_t d, int n, int room)
{
    const __m128i lane = _mm_setr_epi32(0, 1, 2, 3);
    __m128i uu = _mm_add_epi32(_mm_set1_epi32((int)u), _mm_mullo_epi32(_mm_set1_epi32(a), lane));
    __m128i vv = _mm_add_epi32(_mm_set1_epi32((int)v), _mm_mullo_epi32(_mm_set1_epi32(d), lane));
    const __m128i du = _mm_set1_epi32((int)((uint32_t)a * STEP_PX));
    const __m128i dv = _mm_set1_epi32((int)((uint32_t)d * STEP_PX));
    const __m128i stride_v = _mm_set1_epi32((int)stride);
    const __m128i drop_x = _mm_setr_epi8(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, -1, -1, -1, -1);
    uint8_t last_word[4] = {0};
    memcpy(last_word, src + last, 3);
    int i = 0;
    for (; i + STEP_PX <= n && 3 * i + 16 <= 3 * room; i += STEP_PX) {
        __m128i sx = _mm_srli_epi32(uu, 16), sy = _mm_srli_epi32(vv, 16);
        __m128i off =
            _mm_add_epi32(_mm_mullo_epi32(sy, stride_v), _mm_add_epi32(sx, _mm_add_epi32(sx, sx)));
        __m128i px =
            _mm_cvtsi32_si128(load_px(src, (uint32_t)_mm_cvtsi128_si32(off), last, last_word));
        px = _mm_insert_epi32(
            px, load_px(src, (uint32_t)_mm_extract_epi32(off, 1), last, last_word), 1);
        px = _mm_insert_epi32(
            px, load_px(src, (uint32_t)_mm_extract_epi32(off, 2), last, last_word), 2);
        px = _mm_insert_epi32(
            px, load_px(src, (uint32_t)_mm_extract_epi32(off, 3), last, last_word), 3);
        _mm_storeu_si128((__m128i *)(out + 3 * i), _mm_shuffle_epi8(px, drop_x));
        uu = _mm_add_epi32(uu, du);
        vv = _mm_add_epi32(vv, dv);
    }
    return i;
}

#define REMAP_GROUP(out, in, ctrl)                                                                 \
    _mm_storeu_si128((__m128i *)(out), _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(in)),    \
                                                        _mm_loadu_si128((const __m128i *)(ctrl))))
#include "remap_span.h"

void gfx_remap_affine_sse41(uint8_t *dst, ptrdiff_t dst_stride, int dst_width, int dst_height,
                            const uint8_t *src, ptrdiff_t src_stride, int src_width, int src_height,
                            const gfx_affine_q16 *t)
{
    remap_variant(dst, dst_stride, dst_width, dst_height, src, src_stride, src_width, src_height,
                  t);
}
