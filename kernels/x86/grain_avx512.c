/* Film grain, AVX-512 (F+BW): 32 noise blocks (64 pixels, 192 bytes of each
 * of the block row's two pixel rows) per step; the row tail is the same step
 * with byte-masked loads and stores. The arithmetic is the SSE4.1 variant's
 * (see there); what changes is the lane bookkeeping.
 *
 * The two hash vectors take blocks 8k..8k+3 and 8k+4..8k+7 in 128-bit lane
 * k, so after packing lane k holds the noise bytes of blocks 8k..8k+7. The
 * 16-byte channel vector k (bytes 16k..16k+15 of a row) needs blocks of
 * group k / 3 only; one cross-lane shuffle per output vector brings each
 * lane its group, then an in-lane byte shuffle spreads it. */
#include <immintrin.h>

#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "kernels_x86.h"

#define BLOCK_PX 64

struct spread {
    __m512i ctl[3];
};

static inline __m512i lanes4(__m128i a, __m128i b, __m128i c, __m128i d)
{
    __m512i v = _mm512_castsi128_si512(a);
    v = _mm512_inserti32x4(v, b, 1);
    v = _mm512_inserti32x4(v, c, 2);
    return _mm512_inserti32x4(v, d, 3);
}

/* Channel vector k takes byte (16k + i) / 6 - 8 (k / 3) of its lane's
 * group: the pattern of k % 3. */
static struct spread spread_controls(void)
{
    const __m128i c[3] = {
        _mm_setr_epi8(0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2),
        _mm_setr_epi8(2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 5, 5),
        _mm_setr_epi8(5, 5, 5, 5, 6, 6, 6, 6, 6, 6, 7, 7, 7, 7, 7, 7),
    };
    struct spread s;
    for (int v = 0; v < 3; v++) {
        int k = 4 * v;
        s.ctl[v] = lanes4(c[k % 3], c[(k + 1) % 3], c[(k + 2) % 3], c[(k + 3) % 3]);
    }
    return s;
}

/* Noise groups for channel vectors 0..3, 4..7, 8..11: (0,0,0,1), (1,1,2,2),
 * (2,3,3,3). */
static inline __m512i group_lanes(__m512i noise, int v)
{
    switch (v) {
    case 0: return _mm512_shuffle_i32x4(noise, noise, _MM_SHUFFLE(1, 0, 0, 0));
    case 1: return _mm512_shuffle_i32x4(noise, noise, _MM_SHUFFLE(2, 2, 1, 1));
    default: return _mm512_shuffle_i32x4(noise, noise, _MM_SHUFFLE(3, 3, 3, 2));
    }
}

struct grain_row {
    __m512i key;   /* the row key with the hash's first xor-shift folded in */
    __m512i range; /* 2 * amount + 1 in every 16-bit lane */
    __m512i amount;
};

static inline __m512i hash_tail(__m512i x)
{
    x = _mm512_mullo_epi32(x, _mm512_set1_epi32(0x7feb352d));
    x = _mm512_xor_si512(x, _mm512_srli_epi32(x, 15));
    x = _mm512_mullo_epi32(x, _mm512_set1_epi32((int)0x846ca68bU));
    return _mm512_xor_si512(x, _mm512_srli_epi32(x, 16));
}

/* Noise + amount (0 .. 2 amount) of blocks bx .. bx + 31; lane k holds
 * blocks 8k..8k+7 in its first (and again in its second) 8 bytes. */
static inline __m512i block_noise(const struct grain_row *g, uint32_t bx)
{
    const __m512i lanes =
        _mm512_setr_epi32(0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27);
    __m512i index = _mm512_add_epi32(_mm512_set1_epi32((int)bx), lanes);
    __m512i first = hash_tail(_mm512_xor_si512(g->key, index));
    index = _mm512_add_epi32(index, _mm512_set1_epi32(4));
    __m512i second = hash_tail(_mm512_xor_si512(g->key, index));
    __m512i words =
        _mm512_packus_epi32(_mm512_srli_epi32(first, 16), _mm512_srli_epi32(second, 16));
    words = _mm512_mulhi_epu16(words, g->range);
    return _mm512_packus_epi16(words, words);
}

static inline __m512i add_noise(__m512i px, __m512i up, __m512i down)
{
    return _mm512_subs_epu8(_mm512_adds_epu8(px, up), down);
}

static inline void grain_step(uint8_t *row0, uint8_t *row1, const struct grain_row *g,
                              const struct spread *s, uint32_t bx)
{
    __m512i noise = block_noise(g, bx);
#pragma GCC unroll 3
    for (int v = 0; v < 3; v++) {
        __m512i n = _mm512_shuffle_epi8(group_lanes(noise, v), s->ctl[v]);
        __m512i up = _mm512_subs_epu8(n, g->amount), down = _mm512_subs_epu8(g->amount, n);
        _mm512_storeu_si512(row0 + 64 * v, add_noise(_mm512_loadu_si512(row0 + 64 * v), up, down));
        if (row1)
            _mm512_storeu_si512(row1 + 64 * v,
                                add_noise(_mm512_loadu_si512(row1 + 64 * v), up, down));
    }
}

/* Bits for the first `bytes` bytes of a 64-byte vector (any count <= 0 is
 * none, >= 64 is all). */
static inline __mmask64 first_bytes(int bytes)
{
    return bytes <= 0 ? 0 : _bzhi_u64(~0ULL, (unsigned)(bytes > 64 ? 64 : bytes));
}

static inline void grain_tail(uint8_t *row0, uint8_t *row1, int pixels, const struct grain_row *g,
                              const struct spread *s, uint32_t bx)
{
    __m512i noise = block_noise(g, bx);
#pragma GCC unroll 3
    for (int v = 0; v < 3; v++) {
        __mmask64 k = first_bytes(3 * pixels - 64 * v);
        __m512i n = _mm512_shuffle_epi8(group_lanes(noise, v), s->ctl[v]);
        __m512i up = _mm512_subs_epu8(n, g->amount), down = _mm512_subs_epu8(g->amount, n);
        _mm512_mask_storeu_epi8(row0 + 64 * v, k,
                                add_noise(_mm512_maskz_loadu_epi8(k, row0 + 64 * v), up, down));
        if (row1)
            _mm512_mask_storeu_epi8(row1 + 64 * v, k,
                                    add_noise(_mm512_maskz_loadu_epi8(k, row1 + 64 * v), up, down));
    }
}

void gfx_grain_avx512(uint8_t *canvas, ptrdiff_t stride, int width, int height, uint32_t key,
                      int amount)
{
    gfx_check_grain(canvas, stride, width, height, amount);
    const struct spread s = spread_controls();
    const int full = width - width % BLOCK_PX, rest = width - full;
    struct grain_row g;
    g.range = _mm512_set1_epi16((short)(2 * amount + 1));
    g.amount = _mm512_set1_epi8((char)amount);
    for (int y = 0; y < height; y += 2) {
        uint8_t *row0 = canvas + y * stride;
        uint8_t *row1 = y + 1 < height ? row0 + stride : NULL;
        uint32_t row_key = key ^ (((uint32_t)y >> 1) << 16);
        g.key = _mm512_set1_epi32((int)(row_key ^ (row_key >> 16)));
        for (int x = 0; x < full; x += BLOCK_PX)
            grain_step(row0 + 3 * x, row1 ? row1 + 3 * x : NULL, &g, &s, (uint32_t)x >> 1);
        if (rest)
            grain_tail(row0 + 3 * full, row1 ? row1 + 3 * full : NULL, rest, &g, &s,
                       (uint32_t)full >> 1);
    }
}
