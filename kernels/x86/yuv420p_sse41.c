/* RGB24 to yuv420p, SSE4.1: a block is 16 pixels of a row pair, in four
 * steps of 4 pixels (one 16-byte load per row holds a step's 12 bytes).
 *
 * Luma: byte shuffles widen a step to words (R, G) and (B, 33); two pmaddwd
 * give 5983 R + 20127 G and 2032 B + 33 * 16384, the latter being the
 * rounding constant (16 << 15) + (1 << 14). Chroma: a shuffle puts each
 * block's horizontal neighbours side by side and pmaddubsw by 1 adds them;
 * the two rows' sums are added, then (s + 2) >> 2 gives the means, with a
 * 1028 in the fourth word making it 257, so that (mB, 257) times
 * (coefficient, 16384) carries the constant (128 << 15) + (1 << 14).
 * The row tail (and an odd width's replicated last column) goes through a
 * block-sized stack copy; an odd height's last row pairs with itself. */
#include <smmintrin.h>

#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "yuv420p_rows.h"
#include "kernels_x86.h"

#define BLOCK_PX 16

/* The (a, b) word pairs pmaddwd multiplies. */
#define PAIRS(a, b) _mm_set1_epi32((int)(((uint32_t)(uint16_t)(b) << 16) | (uint16_t)(a)))

struct yuv_consts {
    __m128i luma_rg, luma_b, luma_33, luma_c_rg, luma_c_b;
    __m128i block_pairs, ones, mean_bias;
    __m128i u_rg, u_b, v_rg, v_b;
};

static struct yuv_consts yuv_consts(void)
{
    return (struct yuv_consts){
        .luma_rg = _mm_setr_epi8(0, -1, 1, -1, 3, -1, 4, -1, 6, -1, 7, -1, 9, -1, 10, -1),
        .luma_b = _mm_setr_epi8(2, -1, -1, -1, 5, -1, -1, -1, 8, -1, -1, -1, 11, -1, -1, -1),
        .luma_33 = PAIRS(0, 33),
        .luma_c_rg = PAIRS(5983, 20127),
        .luma_c_b = PAIRS(2032, 16384),
        .block_pairs = _mm_setr_epi8(0, 3, 1, 4, 2, 5, -1, -1, 6, 9, 7, 10, 8, 11, -1, -1),
        .ones = _mm_set1_epi8(1),
        .mean_bias = _mm_setr_epi16(2, 2, 2, 1028, 2, 2, 2, 1028),
        .u_rg = PAIRS(-3299, -11093),
        .u_b = PAIRS(14392, 16384),
        .v_rg = PAIRS(14392, -13074),
        .v_b = PAIRS(-1318, 16384),
    };
}

/* Y of the 4 pixels in bytes 0..11, as 4 dwords. */
static inline __m128i luma4(__m128i px, const struct yuv_consts *k)
{
    __m128i rg = _mm_shuffle_epi8(px, k->luma_rg);
    __m128i b = _mm_or_si128(_mm_shuffle_epi8(px, k->luma_b), k->luma_33);
    __m128i sum = _mm_add_epi32(_mm_madd_epi16(rg, k->luma_c_rg), _mm_madd_epi16(b, k->luma_c_b));
    return _mm_srai_epi32(sum, 15);
}

/* Words (mR, mG, mB, 257) of the two 2x2 blocks of a step. */
static inline __m128i block_means(__m128i px0, __m128i px1, const struct yuv_consts *k)
{
    __m128i s0 = _mm_maddubs_epi16(_mm_shuffle_epi8(px0, k->block_pairs), k->ones);
    __m128i s1 = _mm_maddubs_epi16(_mm_shuffle_epi8(px1, k->block_pairs), k->ones);
    return _mm_srli_epi16(_mm_add_epi16(_mm_add_epi16(s0, s1), k->mean_bias), 2);
}

/* U or V (4 dwords) of the 4 blocks of two steps' means. */
static inline __m128i chroma4(__m128i rg, __m128i b, __m128i c_rg, __m128i c_b)
{
    return _mm_srai_epi32(_mm_add_epi32(_mm_madd_epi16(rg, c_rg), _mm_madd_epi16(b, c_b)), 15);
}

/* Step s of a block: its 12 bytes at 12 s; the last step loads from byte 32
 * and shifts, so no byte past the block is read. */
static inline __m128i load_step(const uint8_t *row, int s)
{
    if (s < 3)
        return _mm_loadu_si128((const __m128i *)(row + 12 * s));
    return _mm_srli_si128(_mm_loadu_si128((const __m128i *)(row + 32)), 4);
}

static inline void yuv_block(uint8_t *y0, uint8_t *y1, uint8_t *u, uint8_t *v, const uint8_t *r0,
                             const uint8_t *r1, const void *ctx)
{
    const struct yuv_consts *k = ctx;
    __m128i luma0[4], luma1[4], means[4];
    for (int s = 0; s < 4; s++) {
        __m128i px0 = load_step(r0, s), px1 = load_step(r1, s);
        luma0[s] = luma4(px0, k);
        luma1[s] = luma4(px1, k);
        means[s] = block_means(px0, px1, k);
    }
    _mm_storeu_si128((__m128i *)y0, _mm_packus_epi16(_mm_packs_epi32(luma0[0], luma0[1]),
                                                     _mm_packs_epi32(luma0[2], luma0[3])));
    _mm_storeu_si128((__m128i *)y1, _mm_packus_epi16(_mm_packs_epi32(luma1[0], luma1[1]),
                                                     _mm_packs_epi32(luma1[2], luma1[3])));
    __m128i cu[2], cv[2];
    for (int h = 0; h < 2; h++) {
        __m128 a = _mm_castsi128_ps(means[2 * h]), b = _mm_castsi128_ps(means[2 * h + 1]);
        __m128i rg = _mm_castps_si128(_mm_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0)));
        __m128i bk = _mm_castps_si128(_mm_shuffle_ps(a, b, _MM_SHUFFLE(3, 1, 3, 1)));
        cu[h] = chroma4(rg, bk, k->u_rg, k->u_b);
        cv[h] = chroma4(rg, bk, k->v_rg, k->v_b);
    }
    __m128i uv = _mm_packus_epi16(_mm_packs_epi32(cu[0], cu[1]), _mm_packs_epi32(cv[0], cv[1]));
    _mm_storel_epi64((__m128i *)u, uv);
    _mm_storel_epi64((__m128i *)v, _mm_unpackhi_epi64(uv, uv));
}

void gfx_rgb_to_yuv420p_sse41(uint8_t *y, ptrdiff_t y_stride, uint8_t *u, uint8_t *v,
                              ptrdiff_t uv_stride, const uint8_t *rgb, ptrdiff_t stride, int width,
                              int height)
{
    const struct yuv_consts k = yuv_consts();
    gfx_yuv420p_rows(y, y_stride, u, v, uv_stride, rgb, stride, width, height, BLOCK_PX, yuv_block,
                     0, NULL, &k);
}
