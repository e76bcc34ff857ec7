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

#include "gfx_kernels.h"
#include "grain_rows.h"
#include "kernel_contracts.h"
#include "kernels_x86.h"

#define BLOCK_PX 32

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

struct grain_ctx {
    struct grain_row g;
    struct spread s;
};

static inline void set_row_key(void *ctx, uint32_t folded_key)
{
    ((struct grain_ctx *)ctx)->g.key = _mm_set1_epi32((int)folded_key);
}

static inline void grain_block(uint8_t *row0, uint8_t *row1, const void *ctx, uint32_t bx)
{
    const struct grain_ctx *c = ctx;
    grain_step(row0, row1, &c->g, &c->s, bx);
}

void gfx_grain_sse41(uint8_t *canvas, ptrdiff_t stride, int width, int height, uint32_t key,
                     int amount)
{
    struct grain_ctx c;
    c.s = spread_controls();
    c.g.range = _mm_set1_epi16((short)(2 * amount + 1));
    c.g.amount = _mm_set1_epi8((char)amount);
    gfx_grain_rows(canvas, stride, width, height, key, amount, BLOCK_PX, set_row_key, grain_block,
                   &c);
}
