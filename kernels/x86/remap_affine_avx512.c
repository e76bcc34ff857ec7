/* Affine remap, AVX-512 (F+BW): 16 pixels per step inside a row's run
 * (kernels/remap_span.h), one 32-bit gather each, as the AVX2 variant: the
 * source's last pixel is masked out of the gather (its word would reach
 * past the buffer) and comes from the pass-through. A step stores 64 bytes
 * of which 48 are its pixels, so steps go on while 64 bytes fit in the row. */
#include <immintrin.h>
#include <string.h>

#include "gfx_kernels.h"
#include "kernels_x86.h"

#define STEP_PX 16

static int remap_run(uint8_t *out, const uint8_t *src, ptrdiff_t stride, uint32_t last, uint32_t u,
                     uint32_t v, int32_t a, int32_t d, int n, int room)
{
    const __m512i lane = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    __m512i uu =
        _mm512_add_epi32(_mm512_set1_epi32((int)u), _mm512_mullo_epi32(_mm512_set1_epi32(a), lane));
    __m512i vv =
        _mm512_add_epi32(_mm512_set1_epi32((int)v), _mm512_mullo_epi32(_mm512_set1_epi32(d), lane));
    const __m512i du = _mm512_set1_epi32((int)((uint32_t)a * STEP_PX));
    const __m512i dv = _mm512_set1_epi32((int)((uint32_t)d * STEP_PX));
    const __m512i stride_v = _mm512_set1_epi32((int)stride), last_v = _mm512_set1_epi32((int)last);
    uint32_t last_rgb = 0;
    memcpy(&last_rgb, src + last, 3);
    const __m512i last_px = _mm512_set1_epi32((int)last_rgb);
    const __m512i drop_x = _mm512_broadcast_i32x4(
        _mm_setr_epi8(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, -1, -1, -1, -1));
    const __m512i pack = _mm512_setr_epi32(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 15, 15, 15, 15);
    int i = 0;
    for (; i + STEP_PX <= n && 3 * i + 64 <= 3 * room; i += STEP_PX) {
        __m512i sx = _mm512_srli_epi32(uu, 16), sy = _mm512_srli_epi32(vv, 16);
        __m512i off = _mm512_add_epi32(_mm512_mullo_epi32(sy, stride_v),
                                       _mm512_add_epi32(sx, _mm512_add_epi32(sx, sx)));
        __mmask16 safe = _mm512_cmpneq_epi32_mask(off, last_v);
        __m512i px = _mm512_mask_i32gather_epi32(last_px, safe, off, src, 1);
        px = _mm512_permutexvar_epi32(pack, _mm512_shuffle_epi8(px, drop_x));
        _mm512_storeu_si512(out + 3 * i, px);
        uu = _mm512_add_epi32(uu, du);
        vv = _mm512_add_epi32(vv, dv);
    }
    return i;
}

#define REMAP_GROUP(out, in, ctrl)                                                                 \
    _mm_storeu_si128((__m128i *)(out), _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(in)),    \
                                                        _mm_loadu_si128((const __m128i *)(ctrl))))
#include "remap_span.h"

void gfx_remap_affine_avx512(uint8_t *dst, ptrdiff_t dst_stride, int dst_width, int dst_height,
                             const uint8_t *src, ptrdiff_t src_stride, int src_width,
                             int src_height, const gfx_affine_q16 *t)
{
    remap_variant(dst, dst_stride, dst_width, dst_height, src, src_stride, src_width, src_height,
                  t);
}
