/* Vignette, SSE4.1: 16 pixels (48 bytes, three vectors) per step.
 *
 * Each mask byte serves three channel bytes. The even and the odd bytes of a
 * channel vector are multiplied in separate 16-bit lanes (an and and a
 * shift, not unpacks), and a byte shuffle spreads the mask straight into
 * matching 16-bit lanes (zero high bytes). gfx_div255(x) = ((x + 128) * 257) >> 16 is a 16-bit
 * add and an unsigned multiply-high (x + 128 <= 65153 fits in 16 bits). */
#include <smmintrin.h>
#include <string.h>

#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "vignette_rows.h"
#include "kernels_x86.h"

#define BLOCK_PX 16

#define WORDS(a, b, c, d, e, f, g, h)                                                              \
    _mm_setr_epi8(a, -1, b, -1, c, -1, d, -1, e, -1, f, -1, g, -1, h, -1)

struct spread {
    __m128i even[3], odd[3];
};

/* Channel vector k (bytes 16k..16k+15) needs mask byte (16k + i) / 3 at
 * byte i: even bytes i = 2j go to 16-bit lane j of one control, odd bytes
 * i = 2j + 1 to lane j of the other. */
static struct spread spread_controls(void)
{
    struct spread s;
    s.even[0] = WORDS(0, 0, 1, 2, 2, 3, 4, 4);
    s.odd[0] = WORDS(0, 1, 1, 2, 3, 3, 4, 5);
    s.even[1] = WORDS(5, 6, 6, 7, 8, 8, 9, 10);
    s.odd[1] = WORDS(5, 6, 7, 7, 8, 9, 9, 10);
    s.even[2] = WORDS(10, 11, 12, 12, 13, 14, 14, 15);
    s.odd[2] = WORDS(11, 11, 12, 13, 13, 14, 15, 15);
    return s;
}

static inline __m128i div255_u16(__m128i x)
{
    x = _mm_add_epi16(x, _mm_set1_epi16(128));
    return _mm_mulhi_epu16(x, _mm_set1_epi16(257));
}

/* Even and odd bytes are scaled in separate 16-bit lanes and merged back
 * with a shift and an or, which leaves the shuffle unit to the mask. */
static inline __m128i scale_bytes(__m128i px, __m128i mask, __m128i even_ctl, __m128i odd_ctl)
{
    __m128i even = _mm_and_si128(px, _mm_set1_epi16(0xff));
    __m128i odd = _mm_srli_epi16(px, 8);
    even = div255_u16(_mm_mullo_epi16(even, _mm_shuffle_epi8(mask, even_ctl)));
    odd = div255_u16(_mm_mullo_epi16(odd, _mm_shuffle_epi8(mask, odd_ctl)));
    return _mm_or_si128(even, _mm_slli_epi16(odd, 8));
}

static inline void vignette_block(uint8_t *px, const uint8_t *m, const void *ctx)
{
    const struct spread *s = ctx;
    __m128i mask = _mm_loadu_si128((const __m128i *)m);
#pragma GCC unroll 3
    for (int k = 0; k < 3; k++) {
        __m128i *p = (__m128i *)(px + 16 * k);
        _mm_storeu_si128(p, scale_bytes(_mm_loadu_si128(p), mask, s->even[k], s->odd[k]));
    }
}

void gfx_vignette_sse41(uint8_t *canvas, ptrdiff_t stride, int width, int height,
                        const uint8_t *mask, ptrdiff_t mask_stride)
{
    const struct spread s = spread_controls();
    gfx_vignette_rows(canvas, stride, width, height, mask, mask_stride, BLOCK_PX, vignette_block,
                      &s);
}
