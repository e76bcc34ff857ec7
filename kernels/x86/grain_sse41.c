/* Film grain, SSE4.1: 16 noise blocks (32 pixels, 96 bytes of each of the
 * block row's two pixel rows) per step.
 *
 * The 16 hashes run in 32-bit lanes (pmulld). Because the block index bx is
 * below 65536, the hash's first step x ^= x >> 16 only sees the row's key:
 * (k ^ bx) ^ ((k ^ bx) >> 16) = (k ^ (k >> 16)) ^ bx, folded once per row.
 * The noise (h >> 16) * (2 amount + 1) >> 16 is a 16-bit multiply-high after
 * packing. Each noise byte then covers 2 pixels x 3 channels = 6 bytes of
 * both rows: byte shuffles spread it, and the signed add with saturation is
 * an unsigned add of max(n, 0) then subtract of max(-n, 0). */
#include <smmintrin.h>
#include <string.h>

#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "kernels_x86.h"

#define BLOCK_PX 32
#define BLOCK_BYTES (3 * BLOCK_PX)

/* Channel vector k (bytes 16k..16k+15 of the step) takes noise byte
 * (16k + i) / 6 at byte i. */
struct spread {
    __m128i ctl[6];
};

static struct spread spread_controls(void)
{
    struct spread s;
    s.ctl[0] = _mm_setr_epi8(0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2);
    s.ctl[1] = _mm_setr_epi8(2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 5, 5);
    s.ctl[2] = _mm_setr_epi8(5, 5, 5, 5, 6, 6, 6, 6, 6, 6, 7, 7, 7, 7, 7, 7);
    for (int k = 3; k < 6; k++)
        s.ctl[k] = _mm_add_epi8(s.ctl[k - 3], _mm_set1_epi8(8));
    return s;
}

struct grain_row {
    __m128i key;   /* the row key with the hash's first xor-shift folded in */
    __m128i range; /* 2 * amount + 1 in every 16-bit lane */
    __m128i amount;
};

static inline __m128i hash_tail(__m128i x)
{
    x = _mm_mullo_epi32(x, _mm_set1_epi32(0x7feb352d));
    x = _mm_xor_si128(x, _mm_srli_epi32(x, 15));
    x = _mm_mullo_epi32(x, _mm_set1_epi32((int)0x846ca68bU));
    return _mm_xor_si128(x, _mm_srli_epi32(x, 16));
}

/* Noise + amount (0 .. 2 amount) of blocks bx .. bx + 15, one per byte. */
static inline __m128i block_noise(const struct grain_row *g, uint32_t bx)
{
    const __m128i lanes = _mm_setr_epi32(0, 1, 2, 3);
    __m128i high[4];
#pragma GCC unroll 4
    for (int i = 0; i < 4; i++) {
        __m128i index = _mm_add_epi32(_mm_set1_epi32((int)(bx + 4u * (uint32_t)i)), lanes);
        high[i] = _mm_srli_epi32(hash_tail(_mm_xor_si128(g->key, index)), 16);
    }
    __m128i lo = _mm_mulhi_epu16(_mm_packus_epi32(high[0], high[1]), g->range);
    __m128i hi = _mm_mulhi_epu16(_mm_packus_epi32(high[2], high[3]), g->range);
    return _mm_packus_epi16(lo, hi);
}

static inline void grain_step(uint8_t *row0, uint8_t *row1, const struct grain_row *g,
                              const struct spread *s, uint32_t bx)
{
    __m128i noise = block_noise(g, bx);
#pragma GCC unroll 6
    for (int k = 0; k < 6; k++) {
        __m128i n = _mm_shuffle_epi8(noise, s->ctl[k]);
        __m128i up = _mm_subs_epu8(n, g->amount), down = _mm_subs_epu8(g->amount, n);
        __m128i *p = (__m128i *)(row0 + 16 * k);
        _mm_storeu_si128(p, _mm_subs_epu8(_mm_adds_epu8(_mm_loadu_si128(p), up), down));
        if (row1) {
            p = (__m128i *)(row1 + 16 * k);
            _mm_storeu_si128(p, _mm_subs_epu8(_mm_adds_epu8(_mm_loadu_si128(p), up), down));
        }
    }
}

/* The last partial step of a block row goes through a step-sized copy: no
 * byte past the row is read or written. */
static void grain_tail(uint8_t *row0, uint8_t *row1, int pixels, const struct grain_row *g,
                       const struct spread *s, uint32_t bx)
{
    uint8_t copy[2][BLOCK_BYTES] = {{0}};
    size_t bytes = 3 * (size_t)pixels;
    memcpy(copy[0], row0, bytes);
    if (row1)
        memcpy(copy[1], row1, bytes);
    grain_step(copy[0], row1 ? copy[1] : NULL, g, s, bx);
    memcpy(row0, copy[0], bytes);
    if (row1)
        memcpy(row1, copy[1], bytes);
}

void gfx_grain_sse41(uint8_t *canvas, ptrdiff_t stride, int width, int height, uint32_t key,
                     int amount)
{
    gfx_check_grain(canvas, stride, width, height, amount);
    const struct spread s = spread_controls();
    const int full = width - width % BLOCK_PX, rest = width - full;
    struct grain_row g;
    g.range = _mm_set1_epi16((short)(2 * amount + 1));
    g.amount = _mm_set1_epi8((char)amount);
    for (int y = 0; y < height; y += 2) {
        uint8_t *row0 = canvas + y * stride;
        uint8_t *row1 = y + 1 < height ? row0 + stride : NULL;
        uint32_t row_key = key ^ (((uint32_t)y >> 1) << 16);
        g.key = _mm_set1_epi32((int)(row_key ^ (row_key >> 16)));
        for (int x = 0; x < full; x += BLOCK_PX)
            grain_step(row0 + 3 * x, row1 ? row1 + 3 * x : NULL, &g, &s, (uint32_t)x >> 1);
        if (rest)
            grain_tail(row0 + 3 * full, row1 ? row1 + 3 * full : NULL, rest, &g, &s,
                       (uint32_t)full >> 1);
    }
}
