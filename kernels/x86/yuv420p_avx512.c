/* RGB24 to yuv420p, AVX-512 (F+BW): a block is 64 pixels of a row pair, in
 * four steps of 16 pixels. A step's 48 bytes are loaded as 64 (the last
 * step's from 16 bytes earlier, so nothing past the block is read) and
 * spread by vpermd so that each 128-bit lane holds 4 pixels (12 bytes) at
 * its start; from there the arithmetic is the SSE4.1 variant's, lane by
 * lane (see that file for how the rounding constants ride in pmaddwd). The
 * in-lane packs leave the outputs in lane order: vpermd puts Y back in pixel
 * order, vpermw U and V.
 * The row tail is the same block with masked loads and stores; for an odd
 * width, a blend repeats the last pixel into the missing column. Whole
 * blocks use plain loads and stores: masked ones made a 1080p frame coming
 * from memory about 1.5x slower on this AMD Zen. An odd height's last row
 * pairs with itself. */
#include <immintrin.h>

#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "kernels_x86.h"

#define PREFETCH_PX 256
#define BLOCK_PX 64
#define STEP_BYTES 48

/* The (a, b) word pairs pmaddwd multiplies. */
#define PAIRS(a, b) _mm512_set1_epi32((int)(((uint32_t)(uint16_t)(b) << 16) | (uint16_t)(a)))

struct yuv_consts {
    __m512i spread, spread_last, rgb_period3;
    __m512i luma_rg, luma_b, luma_33, luma_c_rg, luma_c_b, luma_order;
    __m512i block_pairs, ones, mean_bias;
    __m512i u_rg, u_b, v_rg, v_b, chroma_order;
};

static inline __m512i all_lanes(__m128i x)
{
    return _mm512_broadcast_i32x4(x);
}

static struct yuv_consts yuv_consts(void)
{
    /* packed U and V hold, in lane k, the words (blocks 2p, 2p+1) p = k,
     * k+4, k+8, k+12 of U, then the same of V */
    int8_t period3[64];
    for (int b = 0; b < 64; b++)
        period3[b] = (int8_t)(b % 3); /* as a lane-local index: bytes 0..2 */
    int16_t chroma_order[32];
    for (int w = 0; w < 32; w++) {
        int p = w % 16;
        chroma_order[w] = (int16_t)(8 * (p % 4) + 4 * (w / 16) + p / 4);
    }
    return (struct yuv_consts){
        .spread = _mm512_setr_epi32(0, 1, 2, 3, 3, 4, 5, 6, 6, 7, 8, 9, 9, 10, 11, 12),
        .spread_last = _mm512_setr_epi32(4, 5, 6, 7, 7, 8, 9, 10, 10, 11, 12, 13, 13, 14, 15, 15),
        .rgb_period3 = _mm512_loadu_si512(period3),
        .luma_rg =
            all_lanes(_mm_setr_epi8(0, -1, 1, -1, 3, -1, 4, -1, 6, -1, 7, -1, 9, -1, 10, -1)),
        .luma_b =
            all_lanes(_mm_setr_epi8(2, -1, -1, -1, 5, -1, -1, -1, 8, -1, -1, -1, 11, -1, -1, -1)),
        .luma_33 = PAIRS(0, 33),
        .luma_c_rg = PAIRS(5983, 20127),
        .luma_c_b = PAIRS(2032, 16384),
        /* packed luma holds, in lane k, the 4-pixel groups k, k+4, k+8, k+12 */
        .luma_order = _mm512_setr_epi32(0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15),
        .block_pairs =
            all_lanes(_mm_setr_epi8(0, 3, 1, 4, 2, 5, -1, -1, 6, 9, 7, 10, 8, 11, -1, -1)),
        .ones = _mm512_set1_epi8(1),
        .mean_bias = all_lanes(_mm_setr_epi16(2, 2, 2, 1028, 2, 2, 2, 1028)),
        .u_rg = PAIRS(-3299, -11093),
        .u_b = PAIRS(14392, 16384),
        .v_rg = PAIRS(14392, -13074),
        .v_b = PAIRS(-1318, 16384),
        .chroma_order = _mm512_loadu_si512(chroma_order),
    };
}

static inline __m512i luma16(__m512i px, const struct yuv_consts *k)
{
    __m512i rg = _mm512_shuffle_epi8(px, k->luma_rg);
    __m512i b = _mm512_or_si512(_mm512_shuffle_epi8(px, k->luma_b), k->luma_33);
    __m512i sum =
        _mm512_add_epi32(_mm512_madd_epi16(rg, k->luma_c_rg), _mm512_madd_epi16(b, k->luma_c_b));
    return _mm512_srai_epi32(sum, 15);
}

static inline __m512i block_means(__m512i px0, __m512i px1, const struct yuv_consts *k)
{
    __m512i s0 = _mm512_maddubs_epi16(_mm512_shuffle_epi8(px0, k->block_pairs), k->ones);
    __m512i s1 = _mm512_maddubs_epi16(_mm512_shuffle_epi8(px1, k->block_pairs), k->ones);
    return _mm512_srli_epi16(_mm512_add_epi16(_mm512_add_epi16(s0, s1), k->mean_bias), 2);
}

static inline __m512i chroma16(__m512i rg, __m512i b, __m512i c_rg, __m512i c_b)
{
    return _mm512_srai_epi32(
        _mm512_add_epi32(_mm512_madd_epi16(rg, c_rg), _mm512_madd_epi16(b, c_b)), 15);
}

/* Bits [lo, hi) of a 64-bit mask, the bounds clamped to 0..64. */
static inline __mmask64 byte_range(int lo, int hi)
{
    lo = lo < 0 ? 0 : lo > 64 ? 64 : lo;
    hi = hi < 0 ? 0 : hi > 64 ? 64 : hi;
    return _bzhi_u64(~0ULL, (unsigned)hi) & ~_bzhi_u64(~0ULL, (unsigned)lo);
}

/* Step s of a block whose row has `pixels` pixels left (BLOCK_PX or more: a
 * whole block); in the tail, a column past an odd last pixel repeats it. */
static inline __m512i load_step(const uint8_t *row, int s, int pixels, const struct yuv_consts *k)
{
    const int first = STEP_BYTES * s, end = 3 * pixels - first;
    if (pixels >= BLOCK_PX)
        return s < 3
                   ? _mm512_permutexvar_epi32(k->spread, _mm512_loadu_si512(row + first))
                   : _mm512_permutexvar_epi32(k->spread_last, _mm512_loadu_si512(row + first - 16));
    __m512i px =
        _mm512_maskz_loadu_epi8(byte_range(0, end < STEP_BYTES ? end : STEP_BYTES), row + first);
    if (pixels < BLOCK_PX && pixels % 2) {
        /* end is a multiple of 3, so the missing column's bytes are where a
         * vector of the last pixel repeated from byte 0 has its R, G, B */
        const uint8_t *last = row + 3 * (pixels - 1);
        __m512i repeated = _mm512_shuffle_epi8(
            _mm512_set1_epi32((int)(last[0] | last[1] << 8 | last[2] << 16)), k->rgb_period3);
        px = _mm512_mask_mov_epi8(px, byte_range(end, end + 3), repeated);
    }
    return _mm512_permutexvar_epi32(k->spread, px);
}

static inline __m512i pack_luma(const __m512i luma[4], const struct yuv_consts *k)
{
    __m512i bytes = _mm512_packus_epi16(_mm512_packs_epi32(luma[0], luma[1]),
                                        _mm512_packs_epi32(luma[2], luma[3]));
    return _mm512_permutexvar_epi32(k->luma_order, bytes);
}

/* The first `bytes` bytes of v (all 64 with a plain store). */
static inline void store_first64(uint8_t *p, __m512i v, int bytes)
{
    if (bytes >= 64)
        _mm512_storeu_si512(p, v);
    else
        _mm512_mask_storeu_epi8(p, byte_range(0, bytes), v);
}

static inline void store_first32(uint8_t *p, __m256i v, int bytes)
{
    if (bytes >= 32)
        _mm256_storeu_si256((__m256i *)p, v);
    else
        _mm256_mask_storeu_epi8(p, (__mmask32)byte_range(0, bytes), v);
}

/* `pixels` of the row pair are left: BLOCK_PX or more for a whole block. */
/* inlined into both callers, so that a whole block folds its masks away */
static inline __attribute__((always_inline)) void yuv_block(uint8_t *y0, uint8_t *y1, uint8_t *u,
                                                            uint8_t *v, const uint8_t *r0,
                                                            const uint8_t *r1, int pixels,
                                                            const struct yuv_consts *k)
{
    __m512i luma0[4], luma1[4], means[4];
    for (int s = 0; s < 4; s++) {
        __m512i px0 = load_step(r0, s, pixels, k), px1 = load_step(r1, s, pixels, k);
        luma0[s] = luma16(px0, k);
        luma1[s] = luma16(px1, k);
        means[s] = block_means(px0, px1, k);
    }
    store_first64(y0, pack_luma(luma0, k), pixels);
    store_first64(y1, pack_luma(luma1, k), pixels);
    __m512i cu[2], cv[2];
    for (int h = 0; h < 2; h++) {
        __m512 a = _mm512_castsi512_ps(means[2 * h]), b = _mm512_castsi512_ps(means[2 * h + 1]);
        __m512i rg = _mm512_castps_si512(_mm512_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0)));
        __m512i bk = _mm512_castps_si512(_mm512_shuffle_ps(a, b, _MM_SHUFFLE(3, 1, 3, 1)));
        cu[h] = chroma16(rg, bk, k->u_rg, k->u_b);
        cv[h] = chroma16(rg, bk, k->v_rg, k->v_b);
    }
    __m512i uv =
        _mm512_packus_epi16(_mm512_packs_epi32(cu[0], cu[1]), _mm512_packs_epi32(cv[0], cv[1]));
    uv = _mm512_permutexvar_epi16(k->chroma_order, uv);
    store_first32(u, _mm512_castsi512_si256(uv), (pixels + 1) / 2);
    store_first32(v, _mm512_extracti64x4_epi64(uv, 1), (pixels + 1) / 2);
}

/* Two interleaved row streams at this rate outrun the hardware prefetcher:
 * with the frame in memory rather than in cache, prefetching 256 pixels
 * ahead takes a 1080p frame from about 0.85 to 0.47 ms with AVX-512 and from
 * 0.65 to 0.52 ms with AVX2 here. */
static inline void prefetch_block(const uint8_t *r0, const uint8_t *r1)
{
    for (int line = 0; line < 3 * BLOCK_PX; line += 64) {
        _mm_prefetch((const char *)r0 + line, _MM_HINT_T0);
        _mm_prefetch((const char *)r1 + line, _MM_HINT_T0);
    }
}

void gfx_rgb_to_yuv420p_avx512(uint8_t *y, ptrdiff_t y_stride, uint8_t *u, uint8_t *v,
                               ptrdiff_t uv_stride, const uint8_t *rgb, ptrdiff_t stride, int width,
                               int height)
{
    gfx_check_yuv420p(y, y_stride, u, v, uv_stride, rgb, stride, width, height);
    const struct yuv_consts k = yuv_consts();
    const int full = width - width % BLOCK_PX, rest = width - full;
    for (int j = 0; j < (height + 1) / 2; j++) {
        /* a missing second row repeats the first, and so do its Y values:
         * writing them to the first row's place again is harmless */
        const int pair = 2 * j + 1 < height;
        const uint8_t *r0 = rgb + 2 * j * stride, *r1 = pair ? r0 + stride : r0;
        uint8_t *y0 = y + 2 * j * y_stride, *y1 = pair ? y0 + y_stride : y0;
        uint8_t *uj = u + j * uv_stride, *vj = v + j * uv_stride;
        for (int x = 0; x < full; x += BLOCK_PX) {
            if (x + PREFETCH_PX + BLOCK_PX <= width)
                prefetch_block(r0 + 3 * (x + PREFETCH_PX), r1 + 3 * (x + PREFETCH_PX));
            yuv_block(y0 + x, y1 + x, uj + x / 2, vj + x / 2, r0 + 3 * x, r1 + 3 * x, BLOCK_PX, &k);
        }
        if (rest)
            yuv_block(y0 + full, y1 + full, uj + full / 2, vj + full / 2, r0 + 3 * full,
                      r1 + 3 * full, rest, &k);
    }
}
