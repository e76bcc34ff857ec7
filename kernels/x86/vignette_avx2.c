/* Vignette, AVX2: 32 pixels (96 bytes, three vectors) per step.
 *
 * As the SSE4.1 variant, but a byte shuffle stays inside its 128-bit lane, so
 * each lane must hold the 16 mask bytes its channel bytes need: the first
 * vector (pixels 0..10) takes mask 0..15 in both lanes, the second (pixels
 * 10..21) mask 0..15 and 16..31, the third (pixels 21..31) mask 16..31 in
 * both. Broadcast loads build these without a shuffle. */
#include <immintrin.h>
#include <string.h>

#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "vignette_rows.h"
#include "kernels_x86.h"

#define BLOCK_PX 32

#define WORDS(a, b, c, d, e, f, g, h)                                                              \
    _mm_setr_epi8(a, -1, b, -1, c, -1, d, -1, e, -1, f, -1, g, -1, h, -1)

struct spread {
    __m256i even[3], odd[3];
};

/* Channel vector k (bytes 16k..16k+15) needs mask byte (16k + i) / 3 at
 * byte i; the pattern repeats every three vectors (48 bytes, 16 pixels),
 * relative to the lane's own 16 mask bytes. Even bytes i = 2j go to 16-bit
 * lane j of one control, odd bytes i = 2j + 1 to lane j of the other. */
static struct spread spread_controls(void)
{
    const __m128i even[3] = {WORDS(0, 0, 1, 2, 2, 3, 4, 4), WORDS(5, 6, 6, 7, 8, 8, 9, 10),
                             WORDS(10, 11, 12, 12, 13, 14, 14, 15)};
    const __m128i odd[3] = {WORDS(0, 1, 1, 2, 3, 3, 4, 5), WORDS(5, 6, 7, 7, 8, 9, 9, 10),
                            WORDS(11, 11, 12, 13, 13, 14, 15, 15)};
    struct spread s;
    for (int v = 0; v < 3; v++) {
        int first = (2 * v) % 3, second = (2 * v + 1) % 3;
        s.even[v] = _mm256_set_m128i(even[second], even[first]);
        s.odd[v] = _mm256_set_m128i(odd[second], odd[first]);
    }
    return s;
}

static inline __m256i div255_u16(__m256i x)
{
    x = _mm256_add_epi16(x, _mm256_set1_epi16(128));
    return _mm256_mulhi_epu16(x, _mm256_set1_epi16(257));
}

/* Even and odd bytes are scaled in separate 16-bit lanes and merged back
 * with a shift and an or, which leaves the shuffle unit to the mask. */
static inline __m256i scale_bytes(__m256i px, __m256i mask, __m256i even_ctl, __m256i odd_ctl)
{
    __m256i even = _mm256_and_si256(px, _mm256_set1_epi16(0xff));
    __m256i odd = _mm256_srli_epi16(px, 8);
    even = div255_u16(_mm256_mullo_epi16(even, _mm256_shuffle_epi8(mask, even_ctl)));
    odd = div255_u16(_mm256_mullo_epi16(odd, _mm256_shuffle_epi8(mask, odd_ctl)));
    return _mm256_or_si256(even, _mm256_slli_epi16(odd, 8));
}

static inline void vignette_block(uint8_t *px, const uint8_t *m, const void *ctx)
{
    const struct spread *s = ctx;
    const __m256i mask[3] = {
        _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)m)),
        _mm256_loadu_si256((const __m256i *)m),
        _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(m + 16))),
    };
#pragma GCC unroll 3
    for (int v = 0; v < 3; v++) {
        __m256i *p = (__m256i *)(px + 32 * v);
        _mm256_storeu_si256(p, scale_bytes(_mm256_loadu_si256(p), mask[v], s->even[v], s->odd[v]));
    }
}

void gfx_vignette_avx2(uint8_t *canvas, ptrdiff_t stride, int width, int height,
                       const uint8_t *mask, ptrdiff_t mask_stride)
{
    const struct spread s = spread_controls();
    gfx_vignette_rows(canvas, stride, width, height, mask, mask_stride, BLOCK_PX, vignette_block,
                      &s);
}
