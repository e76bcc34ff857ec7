/* Bloom stages, SSE4.1 (contracts and rounding: gfx_kernels.h).
 *
 * Rows are handled in whole vectors; the pieces of a row a vector would
 * overrun (its last bytes, and the clamped edge pixels of the blur) go
 * through small stack buffers, so nothing outside a row is read or written. */
#include <smmintrin.h>
#include <string.h>

#include "kernels_x86.h"
#include "box_blur3_ring.h"
#include "kernel_contracts.h"

static inline __m128i load16(const void *p)
{
    return _mm_loadu_si128((const __m128i *)p);
}
static inline void store16(void *p, __m128i v)
{
    _mm_storeu_si128((__m128i *)p, v);
}

/* ------------------------------------------------------ downsample4_threshold */

/* v > t ? v : 0 per byte: v > t exactly when v - t (saturating) is non-zero. */
static inline __m128i keep_above(__m128i v, __m128i threshold)
{
    __m128i at_most = _mm_cmpeq_epi8(_mm_subs_epu8(v, threshold), _mm_setzero_si128());
    return _mm_andnot_si128(at_most, v);
}

/* Four sampled pixels (every 4th) from the 40 canvas bytes at src, packed
 * into the low 12 bytes: each 16-byte load holds two samples, at 0 and 12. */
static inline __m128i sample4(const uint8_t *src)
{
    const __m128i first =
        _mm_setr_epi8(0, 1, 2, 12, 13, 14, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1);
    const __m128i second =
        _mm_setr_epi8(-1, -1, -1, -1, -1, -1, 0, 1, 2, 12, 13, 14, -1, -1, -1, -1);
    return _mm_or_si128(_mm_shuffle_epi8(load16(src), first),
                        _mm_shuffle_epi8(load16(src + 24), second));
}

#define SAMPLE_IN 40 /* canvas bytes sample4 reads */

static void downsample_row(uint8_t *dst, const uint8_t *src, int width, __m128i threshold)
{
    const int in_bytes = 3 * width, out_bytes = 3 * ((width + 3) / 4);
    int o = 0; /* output byte, a multiple of 12; its samples start at canvas byte 4 * o */
    /* 16-byte stores whose last 4 bytes the next step rewrites */
    for (; o + 16 <= out_bytes && 4 * o + SAMPLE_IN <= in_bytes; o += 12)
        store16(dst + o, keep_above(sample4(src + 4 * o), threshold));
    for (; o < out_bytes; o += 12) {
        uint8_t in[SAMPLE_IN] = {0}, out[16];
        int avail = in_bytes - 4 * o, count = out_bytes - o;
        memcpy(in, src + 4 * o, avail < SAMPLE_IN ? avail : SAMPLE_IN);
        store16(out, keep_above(sample4(in), threshold));
        memcpy(dst + o, out, count < 12 ? count : 12);
    }
}

void gfx_bloom_downsample4_threshold_sse41(uint8_t *small, ptrdiff_t small_stride,
                                           const uint8_t *canvas, ptrdiff_t stride, int width,
                                           int height, uint8_t threshold)
{
    gfx_check_bloom_down(small, small_stride, canvas, stride, width, height);
    const int small_h = (height + 3) / 4;
    const __m128i t = _mm_set1_epi8((char)threshold);
    for (int y = 0; y < small_h; y++)
        downsample_row(small + y * small_stride, canvas + 4 * y * stride, width, t);
}

/* ------------------------------------------------------------------ box_blur3 */

/* Each ring row holds 3 * width sums plus RING_PAD more, so a vector of sums
 * may run past the row; 3 * (3w + 16) fits GFX_BOX_BLUR3_SCRATCH(w). */
#define RING_PAD 16
#define CHUNK 16           /* bytes of a row per step */
#define WINDOW (CHUNK + 6) /* one pixel either side */

/* sum[0..15] = left + centre + right, the three 16-byte rows at window,
 * window + 3 and window + 6. */
static inline void sum3_chunk(uint16_t *sum, const uint8_t *window)
{
    const __m128i zero = _mm_setzero_si128();
    __m128i l = load16(window), c = load16(window + 3), r = load16(window + 6);
    __m128i lo =
        _mm_add_epi16(_mm_add_epi16(_mm_unpacklo_epi8(l, zero), _mm_unpacklo_epi8(c, zero)),
                      _mm_unpacklo_epi8(r, zero));
    __m128i hi =
        _mm_add_epi16(_mm_add_epi16(_mm_unpackhi_epi8(l, zero), _mm_unpackhi_epi8(c, zero)),
                      _mm_unpackhi_epi8(r, zero));
    store16(sum, lo);
    store16(sum + 8, hi);
}

/* Horizontal 3-pixel sums of one row, edges clamped; writes up to 15 sums
 * past 3 * width (into the ring row's pad). */
static void row_sum3(uint16_t *sum, const uint8_t *row, int row_bytes)
{
    for (int i = 0; i < row_bytes; i += CHUNK) {
        if (i >= 3 && i + CHUNK + 3 <= row_bytes) {
            sum3_chunk(sum + i, row + i - 3);
        } else {
            uint8_t win[WINDOW];
            gfx_box_blur3_edge_window(win, WINDOW, row, row_bytes, i);
            sum3_chunk(sum + i, win);
        }
    }
}

/* (sum9 * 3641 + 16384) >> 15 is exactly pmulhrsw by 3641. */
static inline __m128i mean9_chunk(const uint16_t *a, const uint16_t *b, const uint16_t *c)
{
    const __m128i ninth = _mm_set1_epi16(3641);
    __m128i lo = _mm_add_epi16(_mm_add_epi16(load16(a), load16(b)), load16(c));
    __m128i hi = _mm_add_epi16(_mm_add_epi16(load16(a + 8), load16(b + 8)), load16(c + 8));
    return _mm_packus_epi16(_mm_mulhrs_epi16(lo, ninth), _mm_mulhrs_epi16(hi, ninth));
}

static void mean9_row(uint8_t *out, const uint16_t *a, const uint16_t *b, const uint16_t *c,
                      int row_bytes)
{
    int i = 0;
    for (; i + CHUNK <= row_bytes; i += CHUNK)
        store16(out + i, mean9_chunk(a + i, b + i, c + i));
    if (i < row_bytes) {
        uint8_t tail[CHUNK];
        store16(tail, mean9_chunk(a + i, b + i, c + i));
        memcpy(out + i, tail, (size_t)(row_bytes - i));
    }
}

void gfx_box_blur3_sse41(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                         ptrdiff_t src_stride, int width, int height, uint16_t *scratch)
{
    gfx_box_blur3_ring(dst, dst_stride, src, src_stride, width, height, scratch,
                       3 * (ptrdiff_t)width + RING_PAD, row_sum3, mean9_row);
}

/* --------------------------------------------------------------- upsample4_add */

/* 48 canvas bytes (16 pixels) take their add from 12 small bytes (4 pixels):
 * canvas byte j of a group uses small byte 3 * (j / 12) + j % 3. */
#define GROUP 48
#define GROUP_SMALL 12

static void expansion_shuffles(__m128i shuffle[3])
{
    uint8_t index[GROUP];
    for (int j = 0; j < GROUP; j++)
        index[j] = (uint8_t)(3 * (j / 12) + j % 3);
    for (int k = 0; k < 3; k++)
        shuffle[k] = load16(index + 16 * k);
}

/* (s * strength_q8 + 128) >> 8 is pmulhrsw of s << 7 by strength_q8
 * (s << 7 <= 32640 and strength_q8 <= 256 stay within int16). */
static inline __m128i scale_small(const uint8_t *small_px, __m128i strength)
{
    uint32_t last;
    memcpy(&last, small_px + 8, sizeof last);
    __m128i s = _mm_insert_epi32(_mm_loadl_epi64((const __m128i *)small_px), (int)last, 2);
    const __m128i zero = _mm_setzero_si128();
    __m128i lo = _mm_slli_epi16(_mm_unpacklo_epi8(s, zero), 7);
    __m128i hi = _mm_slli_epi16(_mm_unpackhi_epi8(s, zero), 7);
    return _mm_packus_epi16(_mm_mulhrs_epi16(lo, strength), _mm_mulhrs_epi16(hi, strength));
}

static inline void add_group(uint8_t *px, const __m128i add[3])
{
    for (int k = 0; k < 3; k++)
        store16(px + 16 * k, _mm_adds_epu8(load16(px + 16 * k), add[k]));
}

void gfx_bloom_upsample4_add_sse41(uint8_t *canvas, ptrdiff_t stride, int width, int height,
                                   const uint8_t *small, ptrdiff_t small_stride,
                                   unsigned strength_q8)
{
    gfx_check_bloom_up(canvas, stride, width, height, small, small_stride, strength_q8);
    const int row_bytes = 3 * width, small_bytes = 3 * ((width + 3) / 4);
    const __m128i strength = _mm_set1_epi16((short)strength_q8);
    __m128i shuffle[3], add[3];
    expansion_shuffles(shuffle);
    /* each group's add is computed once and applied to the (up to) 4 rows
     * that share a small row */
    for (int y0 = 0; y0 < height; y0 += 4) {
        const int rows = height - y0 < 4 ? height - y0 : 4;
        const uint8_t *s = small + (y0 / 4) * small_stride;
        uint8_t *row0 = canvas + y0 * stride;
        int g = 0;
        for (; g + GROUP <= row_bytes; g += GROUP) {
            __m128i scaled = scale_small(s + g / 4, strength);
            for (int k = 0; k < 3; k++)
                add[k] = _mm_shuffle_epi8(scaled, shuffle[k]);
            for (int r = 0; r < rows; r++)
                add_group(row0 + r * stride + g, add);
        }
        if (g < row_bytes) {
            uint8_t small_tail[GROUP_SMALL] = {0}, tail[GROUP] = {0};
            const int count = row_bytes - g;
            memcpy(small_tail, s + g / 4, (size_t)(small_bytes - g / 4));
            __m128i scaled = scale_small(small_tail, strength);
            for (int k = 0; k < 3; k++)
                add[k] = _mm_shuffle_epi8(scaled, shuffle[k]);
            for (int r = 0; r < rows; r++) {
                uint8_t *px = row0 + r * stride + g;
                memcpy(tail, px, (size_t)count);
                add_group(tail, add);
                memcpy(px, tail, (size_t)count);
            }
        }
    }
}
