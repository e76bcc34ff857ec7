/* Film grain, AVX2: 32 noise blocks (64 pixels, 192 bytes of each of the
 * block row's two pixel rows) per step. The arithmetic is the SSE4.1
 * variant's (see there); what changes is the lane bookkeeping.
 *
 * Packs work inside 128-bit lanes, so the hash vectors take blocks
 * {4i..4i+3 | 16+4i..16+4i+3}: after the two pack steps the 32 noise bytes
 * come out in block order, blocks 0..15 in the low lane and 16..31 in the
 * high. Byte shuffles also stay in their lane, so the first three output
 * vectors read the low lane broadcast and the last three the high one. */
#include <immintrin.h>

#include "gfx_kernels.h"
#include "grain_rows.h"
#include "kernel_contracts.h"
#include "kernels_x86.h"

#define BLOCK_PX 64

/* Output vector j covers 16-byte channel vectors 2j and 2j + 1; channel
 * vector k takes noise byte (16k + i) / 6 at byte i, relative to its half. */
struct spread {
    __m256i ctl[3];
};

static struct spread spread_controls(void)
{
    const __m128i c[3] = {
        _mm_setr_epi8(0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2),
        _mm_setr_epi8(2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 5, 5),
        _mm_setr_epi8(5, 5, 5, 5, 6, 6, 6, 6, 6, 6, 7, 7, 7, 7, 7, 7),
    };
    const __m128i eight = _mm_set1_epi8(8);
    struct spread s;
    s.ctl[0] = _mm256_set_m128i(c[1], c[0]);
    s.ctl[1] = _mm256_set_m128i(_mm_add_epi8(c[0], eight), c[2]);
    s.ctl[2] = _mm256_set_m128i(_mm_add_epi8(c[2], eight), _mm_add_epi8(c[1], eight));
    return s;
}

struct grain_row {
    __m256i key;   /* the row key with the hash's first xor-shift folded in */
    __m256i range; /* 2 * amount + 1 in every 16-bit lane */
    __m256i amount;
};

static inline __m256i hash_tail(__m256i x)
{
    x = _mm256_mullo_epi32(x, _mm256_set1_epi32(0x7feb352d));
    x = _mm256_xor_si256(x, _mm256_srli_epi32(x, 15));
    x = _mm256_mullo_epi32(x, _mm256_set1_epi32((int)0x846ca68bU));
    return _mm256_xor_si256(x, _mm256_srli_epi32(x, 16));
}

/* Noise + amount (0 .. 2 amount) of blocks bx .. bx + 31, one per byte. */
static inline __m256i block_noise(const struct grain_row *g, uint32_t bx)
{
    const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 16, 17, 18, 19);
    __m256i high[4];
#pragma GCC unroll 4
    for (int i = 0; i < 4; i++) {
        __m256i index = _mm256_add_epi32(_mm256_set1_epi32((int)(bx + 4u * (uint32_t)i)), lanes);
        high[i] = _mm256_srli_epi32(hash_tail(_mm256_xor_si256(g->key, index)), 16);
    }
    __m256i lo = _mm256_mulhi_epu16(_mm256_packus_epi32(high[0], high[1]), g->range);
    __m256i hi = _mm256_mulhi_epu16(_mm256_packus_epi32(high[2], high[3]), g->range);
    return _mm256_packus_epi16(lo, hi);
}

static inline void add_noise(uint8_t *p, __m256i up, __m256i down)
{
    __m256i v = _mm256_loadu_si256((const __m256i *)p);
    _mm256_storeu_si256((__m256i *)p, _mm256_subs_epu8(_mm256_adds_epu8(v, up), down));
}

static inline void grain_step(uint8_t *row0, uint8_t *row1, const struct grain_row *g,
                              const struct spread *s, uint32_t bx)
{
    __m256i noise = block_noise(g, bx);
    const __m256i half[2] = {_mm256_permute2x128_si256(noise, noise, 0x00),
                             _mm256_permute2x128_si256(noise, noise, 0x11)};
#pragma GCC unroll 6
    for (int j = 0; j < 6; j++) {
        __m256i n = _mm256_shuffle_epi8(half[j / 3], s->ctl[j % 3]);
        __m256i up = _mm256_subs_epu8(n, g->amount), down = _mm256_subs_epu8(g->amount, n);
        add_noise(row0 + 32 * j, up, down);
        if (row1)
            add_noise(row1 + 32 * j, up, down);
    }
}

struct grain_ctx {
    struct grain_row g;
    struct spread s;
};

static inline void set_row_key(void *ctx, uint32_t folded_key)
{
    ((struct grain_ctx *)ctx)->g.key = _mm256_set1_epi32((int)folded_key);
}

static inline void grain_block(uint8_t *row0, uint8_t *row1, const void *ctx, uint32_t bx)
{
    const struct grain_ctx *c = ctx;
    grain_step(row0, row1, &c->g, &c->s, bx);
}

void gfx_grain_avx2(uint8_t *canvas, ptrdiff_t stride, int width, int height, uint32_t key,
                    int amount)
{
    struct grain_ctx c;
    c.s = spread_controls();
    c.g.range = _mm256_set1_epi16((short)(2 * amount + 1));
    c.g.amount = _mm256_set1_epi8((char)amount);
    gfx_grain_rows(canvas, stride, width, height, key, amount, BLOCK_PX, set_row_key, grain_block,
                   &c);
}
