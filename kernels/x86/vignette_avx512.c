/* Vignette, AVX-512 (F+BW): 64 pixels (192 bytes, three vectors) per step;
 * the row tail is the same step with byte-masked loads and stores.
 *
 * Byte shuffles stay inside 128-bit lanes, so each lane first receives the
 * 16 mask bytes its channel bytes need: the 16-byte channel vector k (bytes
 * 16k..16k+15) covers pixels of mask lane k / 3, in the spread pattern k % 3
 * (see the SSE4.1 variant). One cross-lane shuffle per vector places them. */
#include <immintrin.h>

#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "kernels_x86.h"

#define BLOCK_PX 64

#define WORDS(a, b, c, d, e, f, g, h)                                                              \
    _mm_setr_epi8(a, -1, b, -1, c, -1, d, -1, e, -1, f, -1, g, -1, h, -1)

struct spread {
    __m512i even[3], odd[3];
};

static inline __m512i lanes4(__m128i a, __m128i b, __m128i c, __m128i d)
{
    __m512i v = _mm512_castsi128_si512(a);
    v = _mm512_inserti32x4(v, b, 1);
    v = _mm512_inserti32x4(v, c, 2);
    return _mm512_inserti32x4(v, d, 3);
}

static struct spread spread_controls(void)
{
    const __m128i even[3] = {WORDS(0, 0, 1, 2, 2, 3, 4, 4), WORDS(5, 6, 6, 7, 8, 8, 9, 10),
                             WORDS(10, 11, 12, 12, 13, 14, 14, 15)};
    const __m128i odd[3] = {WORDS(0, 1, 1, 2, 3, 3, 4, 5), WORDS(5, 6, 7, 7, 8, 9, 9, 10),
                            WORDS(11, 11, 12, 13, 13, 14, 15, 15)};
    struct spread s;
    for (int v = 0; v < 3; v++) {
        int k = 4 * v;
        s.even[v] = lanes4(even[k % 3], even[(k + 1) % 3], even[(k + 2) % 3], even[(k + 3) % 3]);
        s.odd[v] = lanes4(odd[k % 3], odd[(k + 1) % 3], odd[(k + 2) % 3], odd[(k + 3) % 3]);
    }
    return s;
}

/* Mask lanes for channel vectors 0..3, 4..7, 8..11: (0,0,0,1), (1,1,2,2),
 * (2,3,3,3). */
static inline void mask_lanes(__m512i m, __m512i out[3])
{
    out[0] = _mm512_shuffle_i32x4(m, m, _MM_SHUFFLE(1, 0, 0, 0));
    out[1] = _mm512_shuffle_i32x4(m, m, _MM_SHUFFLE(2, 2, 1, 1));
    out[2] = _mm512_shuffle_i32x4(m, m, _MM_SHUFFLE(3, 3, 3, 2));
}

static inline __m512i div255_u16(__m512i x)
{
    x = _mm512_add_epi16(x, _mm512_set1_epi16(128));
    return _mm512_mulhi_epu16(x, _mm512_set1_epi16(257));
}

/* Even and odd bytes are scaled in separate 16-bit lanes and merged back
 * with a shift and an or, which keeps the shuffle unit for the mask. */
static inline __m512i scale_bytes(__m512i px, __m512i mask, __m512i even_ctl, __m512i odd_ctl)
{
    __m512i even = _mm512_and_si512(px, _mm512_set1_epi16(0xff));
    __m512i odd = _mm512_srli_epi16(px, 8);
    even = div255_u16(_mm512_mullo_epi16(even, _mm512_shuffle_epi8(mask, even_ctl)));
    odd = div255_u16(_mm512_mullo_epi16(odd, _mm512_shuffle_epi8(mask, odd_ctl)));
    return _mm512_or_si512(even, _mm512_slli_epi16(odd, 8));
}

static inline void vignette_block(uint8_t *px, const uint8_t *m, const struct spread *s)
{
    __m512i mask[3];
    mask_lanes(_mm512_loadu_si512(m), mask);
#pragma GCC unroll 3
    for (int v = 0; v < 3; v++) {
        __m512i p = _mm512_loadu_si512(px + 64 * v);
        _mm512_storeu_si512(px + 64 * v, scale_bytes(p, mask[v], s->even[v], s->odd[v]));
    }
}

/* Bits for the first `bytes` bytes of a 64-byte vector (any count <= 0 is
 * none, >= 64 is all). */
static inline __mmask64 first_bytes(int bytes)
{
    return bytes <= 0 ? 0 : _bzhi_u64(~0ULL, (unsigned)(bytes > 64 ? 64 : bytes));
}

static inline void vignette_tail(uint8_t *px, const uint8_t *m, int pixels, const struct spread *s)
{
    __m512i mask[3];
    mask_lanes(_mm512_maskz_loadu_epi8(first_bytes(pixels), m), mask);
#pragma GCC unroll 3
    for (int v = 0; v < 3; v++) {
        __mmask64 k = first_bytes(3 * pixels - 64 * v);
        __m512i p = _mm512_maskz_loadu_epi8(k, px + 64 * v);
        _mm512_mask_storeu_epi8(px + 64 * v, k, scale_bytes(p, mask[v], s->even[v], s->odd[v]));
    }
}

void gfx_vignette_avx512(uint8_t *canvas, ptrdiff_t stride, int width, int height,
                         const uint8_t *mask, ptrdiff_t mask_stride)
{
    gfx_check_vignette(canvas, stride, width, height, mask, mask_stride);
    const struct spread s = spread_controls();
    const int full = width - width % BLOCK_PX, rest = width - full;
    for (int y = 0; y < height; y++) {
        uint8_t *px = canvas + y * stride;
        const uint8_t *m = mask + y * mask_stride;
        for (int x = 0; x < full; x += BLOCK_PX)
            vignette_block(px + 3 * x, m + x, &s);
        if (rest)
            vignette_tail(px + 3 * full, m + full, rest, &s);
    }
}
