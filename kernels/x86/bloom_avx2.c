/* Bloom stages, AVX2 (contracts and rounding: gfx_kernels.h).
 *
 * Rows are handled in whole vectors; the pieces of a row a vector would
 * overrun (its last bytes, and the clamped edge pixels of the blur) go
 * through small stack buffers, so nothing outside a row is read or written. */
#include <immintrin.h>
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
static inline __m256i load32(const void *p)
{
    return _mm256_loadu_si256((const __m256i *)p);
}
static inline void store32(void *p, __m256i v)
{
    _mm256_storeu_si256((__m256i *)p, v);
}

/* Two 16-byte loads, `apart` bytes apart, as the two lanes of one vector. */
static inline __m256i load_lanes(const uint8_t *p, int apart)
{
    return _mm256_inserti128_si256(_mm256_castsi128_si256(load16(p)), load16(p + apart), 1);
}

/* ------------------------------------------------------ downsample4_threshold */

/* v > t ? v : 0 per byte: v > t exactly when v - t (saturating) is non-zero. */
static inline __m256i keep_above(__m256i v, __m256i threshold)
{
    __m256i at_most = _mm256_cmpeq_epi8(_mm256_subs_epu8(v, threshold), _mm256_setzero_si256());
    return _mm256_andnot_si256(at_most, v);
}

/* Eight sampled pixels (every 4th) from the 88 canvas bytes at src, packed
 * into the low 24 bytes. Each lane covers 4 samples (48 canvas bytes) with
 * two loads holding two samples each, at bytes 0 and 12. */
static inline __m256i sample8(const uint8_t *src)
{
    const __m256i first =
        _mm256_setr_epi8(0, 1, 2, 12, 13, 14, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 1, 2, 12,
                         13, 14, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1);
    const __m256i second =
        _mm256_setr_epi8(-1, -1, -1, -1, -1, -1, 0, 1, 2, 12, 13, 14, -1, -1, -1, -1, -1, -1, -1,
                         -1, -1, -1, 0, 1, 2, 12, 13, 14, -1, -1, -1, -1);
    const __m256i pack_lanes = _mm256_setr_epi32(0, 1, 2, 4, 5, 6, 7, 7);
    __m256i both = _mm256_or_si256(_mm256_shuffle_epi8(load_lanes(src, 48), first),
                                   _mm256_shuffle_epi8(load_lanes(src + 24, 48), second));
    return _mm256_permutevar8x32_epi32(both, pack_lanes);
}

#define SAMPLE_IN 88 /* canvas bytes sample8 reads */

static void downsample_row(uint8_t *dst, const uint8_t *src, int width, __m256i threshold)
{
    const int in_bytes = 3 * width, out_bytes = 3 * ((width + 3) / 4);
    int o = 0; /* output byte, a multiple of 24; its samples start at canvas byte 4 * o */
    /* 32-byte stores whose last 8 bytes the next step rewrites */
    for (; o + 32 <= out_bytes && 4 * o + SAMPLE_IN <= in_bytes; o += 24)
        store32(dst + o, keep_above(sample8(src + 4 * o), threshold));
    for (; o < out_bytes; o += 24) {
        uint8_t in[SAMPLE_IN] = {0}, out[32];
        int avail = in_bytes - 4 * o, count = out_bytes - o;
        memcpy(in, src + 4 * o, (size_t)(avail < SAMPLE_IN ? avail : SAMPLE_IN));
        store32(out, keep_above(sample8(in), threshold));
        memcpy(dst + o, out, (size_t)(count < 24 ? count : 24));
    }
}

void gfx_bloom_downsample4_threshold_avx2(uint8_t *small, ptrdiff_t small_stride,
                                          const uint8_t *canvas, ptrdiff_t stride, int width,
                                          int height, uint8_t threshold)
{
    gfx_check_bloom_down(small, small_stride, canvas, stride, width, height);
    const int small_h = (height + 3) / 4;
    const __m256i t = _mm256_set1_epi8((char)threshold);
    for (int y = 0; y < small_h; y++)
        downsample_row(small + y * small_stride, canvas + 4 * y * stride, width, t);
}

/* ------------------------------------------------------------------ box_blur3 */

/* Rows go in 32-byte chunks, then 16-byte ones for what is left. Each ring
 * row holds 3 * width sums plus RING_PAD more, so a 16-byte chunk's sums may
 * run past the row; 3 * (3w + 16) fits GFX_BOX_BLUR3_SCRATCH(w). */
#define RING_PAD 16

/* sum[0..n) = left + centre + right: the rows at window, window + 3 and
 * window + 6 (window starts one pixel before the chunk). */
static inline __m256i widened_sum3(const uint8_t *window)
{
    return _mm256_add_epi16(_mm256_add_epi16(_mm256_cvtepu8_epi16(load16(window)),
                                             _mm256_cvtepu8_epi16(load16(window + 3))),
                            _mm256_cvtepu8_epi16(load16(window + 6)));
}

static inline void sum3_chunk32(uint16_t *sum, const uint8_t *window)
{
    store32(sum, widened_sum3(window));
    store32(sum + 16, widened_sum3(window + 16));
}

/* Horizontal 3-pixel sums of one row, edges clamped; writes up to 15 sums
 * past 3 * width (into the ring row's pad). */
static void row_sum3(uint16_t *sum, const uint8_t *row, int row_bytes)
{
    int i = 0;
    for (; i + 32 <= row_bytes; i += 32) {
        if (i >= 3 && i + 32 + 3 <= row_bytes) {
            sum3_chunk32(sum + i, row + i - 3);
        } else {
            uint8_t win[32 + 6];
            gfx_box_blur3_edge_window(win, (int)sizeof win, row, row_bytes, i);
            sum3_chunk32(sum + i, win);
        }
    }
    for (; i < row_bytes; i += 16) {
        uint8_t win[16 + 6];
        gfx_box_blur3_edge_window(win, (int)sizeof win, row, row_bytes, i);
        store32(sum + i, widened_sum3(win));
    }
}

/* (sum9 * 3641 + 16384) >> 15 is exactly pmulhrsw by 3641. */
static inline __m256i mean9(__m256i sum9)
{
    return _mm256_mulhrs_epi16(sum9, _mm256_set1_epi16(3641));
}

static inline __m256i sum_rows(const uint16_t *a, const uint16_t *b, const uint16_t *c)
{
    return _mm256_add_epi16(_mm256_add_epi16(load32(a), load32(b)), load32(c));
}

static void mean9_row(uint8_t *out, const uint16_t *a, const uint16_t *b, const uint16_t *c,
                      int row_bytes)
{
    int i = 0;
    for (; i + 32 <= row_bytes; i += 32) {
        __m256i lo = mean9(sum_rows(a + i, b + i, c + i));
        __m256i hi = mean9(sum_rows(a + i + 16, b + i + 16, c + i + 16));
        /* packus works per lane: put the 8-byte quarters back in order */
        store32(out + i, _mm256_permute4x64_epi64(_mm256_packus_epi16(lo, hi), 0xd8));
    }
    for (; i < row_bytes; i += 16) {
        __m256i m = mean9(sum_rows(a + i, b + i, c + i));
        __m128i bytes = _mm_packus_epi16(_mm256_castsi256_si128(m), _mm256_extracti128_si256(m, 1));
        if (i + 16 <= row_bytes) {
            store16(out + i, bytes);
        } else {
            uint8_t tail[16];
            store16(tail, bytes);
            memcpy(out + i, tail, (size_t)(row_bytes - i));
        }
    }
}

void gfx_box_blur3_avx2(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                        ptrdiff_t src_stride, int width, int height, uint16_t *scratch)
{
    gfx_box_blur3_ring(dst, dst_stride, src, src_stride, width, height, scratch,
                       3 * (ptrdiff_t)width + RING_PAD, row_sum3, mean9_row);
}

/* --------------------------------------------------------------- upsample4_add */

/* 96 canvas bytes (32 pixels) take their add from 24 small bytes (8 pixels):
 * canvas byte j of a group uses small byte 3 * (j / 12) + j % 3. Each 16-byte
 * lane of the three add vectors is a byte shuffle of 4 dwords of the scaled
 * small bytes that a dword permute brings into that lane. */
#define GROUP 96
#define GROUP_SMALL 24

struct expansion {
    __m256i permute[3], shuffle[3];
};

static void expansion_init(struct expansion *e)
{
    int32_t dwords[3][8];
    uint8_t bytes[3][32];
    for (int lane = 0; lane < 6; lane++) {
        const int first = 3 * (16 * lane / 12); /* the lane's first small byte */
        const int base = first / 4;
        for (int d = 0; d < 4; d++)
            dwords[lane / 2][4 * (lane % 2) + d] = base + d;
        for (int k = 0; k < 16; k++) {
            int j = 16 * lane + k;
            bytes[lane / 2][16 * (lane % 2) + k] = (uint8_t)(3 * (j / 12) + j % 3 - 4 * base);
        }
    }
    for (int v = 0; v < 3; v++) {
        e->permute[v] = load32(dwords[v]);
        e->shuffle[v] = load32(bytes[v]);
    }
}

/* (s * strength_q8 + 128) >> 8 is pmulhrsw of s << 7 by strength_q8
 * (s << 7 <= 32640 and strength_q8 <= 256 stay within int16). The 24 small
 * bytes come in as lane 0 = bytes 0..15, lane 1 = bytes 16..23. */
static inline __m256i scale_small(const uint8_t *small_px, __m256i strength)
{
    __m256i s = _mm256_inserti128_si256(_mm256_castsi128_si256(load16(small_px)),
                                        _mm_loadl_epi64((const __m128i *)(small_px + 16)), 1);
    const __m256i zero = _mm256_setzero_si256();
    __m256i lo = _mm256_slli_epi16(_mm256_unpacklo_epi8(s, zero), 7);
    __m256i hi = _mm256_slli_epi16(_mm256_unpackhi_epi8(s, zero), 7);
    return _mm256_packus_epi16(_mm256_mulhrs_epi16(lo, strength),
                               _mm256_mulhrs_epi16(hi, strength));
}

static inline void expand(__m256i add[3], __m256i scaled, const struct expansion *e)
{
    for (int k = 0; k < 3; k++)
        add[k] =
            _mm256_shuffle_epi8(_mm256_permutevar8x32_epi32(scaled, e->permute[k]), e->shuffle[k]);
}

static inline void add_group(uint8_t *px, const __m256i add[3])
{
    for (int k = 0; k < 3; k++)
        store32(px + 32 * k, _mm256_adds_epu8(load32(px + 32 * k), add[k]));
}

void gfx_bloom_upsample4_add_avx2(uint8_t *canvas, ptrdiff_t stride, int width, int height,
                                  const uint8_t *small, ptrdiff_t small_stride,
                                  unsigned strength_q8)
{
    gfx_check_bloom_up(canvas, stride, width, height, small, small_stride, strength_q8);
    const int row_bytes = 3 * width, small_bytes = 3 * ((width + 3) / 4);
    const __m256i strength = _mm256_set1_epi16((short)strength_q8);
    struct expansion e;
    expansion_init(&e);
    __m256i add[3];
    /* each group's add is computed once and applied to the (up to) 4 rows
     * that share a small row */
    for (int y0 = 0; y0 < height; y0 += 4) {
        const int rows = height - y0 < 4 ? height - y0 : 4;
        const uint8_t *s = small + (y0 / 4) * small_stride;
        uint8_t *row0 = canvas + y0 * stride;
        int g = 0;
        for (; g + GROUP <= row_bytes; g += GROUP) {
            expand(add, scale_small(s + g / 4, strength), &e);
            for (int r = 0; r < rows; r++)
                add_group(row0 + r * stride + g, add);
        }
        if (g < row_bytes) {
            uint8_t small_tail[GROUP_SMALL] = {0}, tail[GROUP] = {0};
            const int count = row_bytes - g;
            memcpy(small_tail, s + g / 4, (size_t)(small_bytes - g / 4));
            expand(add, scale_small(small_tail, strength), &e);
            for (int r = 0; r < rows; r++) {
                uint8_t *px = row0 + r * stride + g;
                memcpy(tail, px, (size_t)count);
                add_group(tail, add);
                memcpy(px, tail, (size_t)count);
            }
        }
    }
}
