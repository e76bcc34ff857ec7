/* Affine remap, AVX2: 8 pixels per step inside a row's run
 * (kernels/remap_span.h), one 32-bit gather each. Source offsets are
 * sy * stride + 3 sx on 32-bit lanes; the gathered words are RGBX (X is the
 * next source byte, dropped by a shuffle). The source's last pixel is never
 * gathered, its word would reach past the buffer: its lanes are masked out
 * of the gather and take the pass-through, that pixel's RGB read once per
 * call. A step stores 32 bytes of which 24 are its pixels; the rest land
 * on pixels the run or the black after it rewrites, so steps go on while
 * 32 bytes fit in the row. */
#include <immintrin.h>
#include <string.h>

#include "gfx_kernels.h"
#include "kernels_x86.h"

#define STEP_PX 8

static int remap_run(uint8_t *out, const uint8_t *src, ptrdiff_t stride, uint32_t last, uint32_t u,
                     uint32_t v, int32_t a, int32_t d, int n, int room)
{
    const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    __m256i uu =
        _mm256_add_epi32(_mm256_set1_epi32((int)u), _mm256_mullo_epi32(_mm256_set1_epi32(a), lane));
    __m256i vv =
        _mm256_add_epi32(_mm256_set1_epi32((int)v), _mm256_mullo_epi32(_mm256_set1_epi32(d), lane));
    const __m256i du = _mm256_set1_epi32((int)((uint32_t)a * STEP_PX));
    const __m256i dv = _mm256_set1_epi32((int)((uint32_t)d * STEP_PX));
    const __m256i stride_v = _mm256_set1_epi32((int)stride), last_v = _mm256_set1_epi32((int)last);
    uint32_t last_rgb = 0;
    memcpy(&last_rgb, src + last, 3);
    const __m256i last_px = _mm256_set1_epi32((int)last_rgb), ones = _mm256_set1_epi32(-1);
    const __m256i drop_x = _mm256_broadcastsi128_si256(
        _mm_setr_epi8(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, -1, -1, -1, -1));
    const __m256i pack = _mm256_setr_epi32(0, 1, 2, 4, 5, 6, 7, 7);
    int i = 0;
    for (; i + STEP_PX <= n && 3 * i + 32 <= 3 * room; i += STEP_PX) {
        __m256i sx = _mm256_srli_epi32(uu, 16), sy = _mm256_srli_epi32(vv, 16);
        __m256i off = _mm256_add_epi32(_mm256_mullo_epi32(sy, stride_v),
                                       _mm256_add_epi32(sx, _mm256_add_epi32(sx, sx)));
        __m256i safe = _mm256_xor_si256(_mm256_cmpeq_epi32(off, last_v), ones);
        __m256i px = _mm256_mask_i32gather_epi32(last_px, (const int *)src, off, safe, 1);
        px = _mm256_permutevar8x32_epi32(_mm256_shuffle_epi8(px, drop_x), pack);
        _mm256_storeu_si256((__m256i *)(out + 3 * i), px);
        uu = _mm256_add_epi32(uu, du);
        vv = _mm256_add_epi32(vv, dv);
    }
    return i;
}

#define REMAP_GROUP(out, in, ctrl)                                                                 \
    _mm_storeu_si128((__m128i *)(out), _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(in)),    \
                                                        _mm_loadu_si128((const __m128i *)(ctrl))))
#include "remap_span.h"

void gfx_remap_affine_avx2(uint8_t *dst, ptrdiff_t dst_stride, int dst_width, int dst_height,
                           const uint8_t *src, ptrdiff_t src_stride, int src_width, int src_height,
                           const gfx_affine_q16 *t)
{
    remap_variant(dst, dst_stride, dst_width, dst_height, src, src_stride, src_width, src_height,
                  t);
}
