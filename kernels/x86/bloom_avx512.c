/* Bloom stages, AVX-512 F+BW (contracts and rounding: gfx_kernels.h).
 *
 * The end of each row is handled with masked loads and stores, so nothing
 * outside a row is read or written; only the clamped edge pixels of the blur
 * go through a small stack window. */
#include <immintrin.h>
#include <string.h>

#include "kernels_x86.h"
#include "box_blur3_ring.h"
#include "kernel_contracts.h"

/* The first n bytes (n may be <= 0 or >= 64). */
static inline __mmask64 byte_mask(int n)
{
    return n <= 0 ? 0 : _bzhi_u64(~0ULL, (unsigned)(n < 64 ? n : 64));
}

/* The first n 16-bit words (n may be <= 0 or >= 32). */
static inline __mmask32 word_mask(int n)
{
    return n <= 0 ? 0 : _bzhi_u32(~0U, (unsigned)(n < 32 ? n : 32));
}

static inline __m512i load64(const void *p)
{
    return _mm512_loadu_si512(p);
}
static inline void store64(void *p, __m512i v)
{
    _mm512_storeu_si512(p, v);
}

/* ------------------------------------------------------ downsample4_threshold */

/* Sixteen sampled pixels (every 4th) from the canvas bytes at src, of which
 * `avail` may be read, packed into the low 48 bytes. Sample p sits in the
 * dword 3p of the canvas bytes: two-source dword permutes gather them, then
 * a byte shuffle and a dword permute squeeze out every 4th byte. */
static inline __m512i sample16(const uint8_t *src, int avail)
{
    const __m512i from_ab =
        _mm512_setr_epi32(0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30, 0, 0, 0, 0, 0);
    const __m512i from_bc = _mm512_setr_epi32(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 17, 20, 23, 26, 29);
    const __m512i squeeze = _mm512_broadcast_i32x4(
        _mm_setr_epi8(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, -1, -1, -1, -1));
    const __m512i pack_lanes =
        _mm512_setr_epi32(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 15, 15, 15, 15);
    __m512i a = _mm512_maskz_loadu_epi8(byte_mask(avail), src);
    __m512i b = _mm512_maskz_loadu_epi8(byte_mask(avail - 64), src + 64);
    __m512i c = _mm512_maskz_loadu_epi8(byte_mask(avail - 128), src + 128);
    __m512i samples = _mm512_mask_blend_epi32(0xf800, _mm512_permutex2var_epi32(a, from_ab, b),
                                              _mm512_permutex2var_epi32(b, from_bc, c));
    return _mm512_permutexvar_epi32(pack_lanes, _mm512_shuffle_epi8(samples, squeeze));
}

void gfx_bloom_downsample4_threshold_avx512(uint8_t *small, ptrdiff_t small_stride,
                                            const uint8_t *canvas, ptrdiff_t stride, int width,
                                            int height, uint8_t threshold)
{
    gfx_check_bloom_down(small, small_stride, canvas, stride, width, height);
    const int small_h = (height + 3) / 4;
    const int in_bytes = 3 * width, out_bytes = 3 * ((width + 3) / 4);
    const __m512i t = _mm512_set1_epi8((char)threshold);
    for (int y = 0; y < small_h; y++) {
        const uint8_t *src = canvas + 4 * y * stride;
        uint8_t *dst = small + y * small_stride;
        /* output byte o (a multiple of 48) samples from canvas byte 4 * o */
        for (int o = 0; o < out_bytes; o += 48) {
            __m512i v = sample16(src + 4 * o, in_bytes - 4 * o);
            v = _mm512_maskz_mov_epi8(_mm512_cmpgt_epu8_mask(v, t), v);
            const int count = out_bytes - o;
            _mm512_mask_storeu_epi8(dst + o, byte_mask(count < 48 ? count : 48), v);
        }
    }
}

/* ------------------------------------------------------------------ box_blur3 */

#define CHUNK 64           /* bytes of a row per step */
#define WINDOW (CHUNK + 6) /* one pixel either side */

/* 32 sums left + centre + right: the rows at window, window + 3, window + 6. */
static inline __m512i widened_sum3(const uint8_t *window)
{
    return _mm512_add_epi16(
        _mm512_add_epi16(_mm512_cvtepu8_epi16(_mm256_loadu_si256((const __m256i *)window)),
                         _mm512_cvtepu8_epi16(_mm256_loadu_si256((const __m256i *)(window + 3)))),
        _mm512_cvtepu8_epi16(_mm256_loadu_si256((const __m256i *)(window + 6))));
}

/* Horizontal 3-pixel sums of one row, edges clamped; exactly 3 * width sums. */
static void row_sum3(uint16_t *sum, const uint8_t *row, int row_bytes)
{
    for (int i = 0; i < row_bytes; i += CHUNK) {
        const uint8_t *window = row + i - 3;
        uint8_t win[WINDOW];
        if (i < 3 || i + CHUNK + 3 > row_bytes) {
            gfx_box_blur3_edge_window(win, WINDOW, row, row_bytes, i);
            window = win;
        }
        __m512i lo = widened_sum3(window), hi = widened_sum3(window + 32);
        const int n = row_bytes - i;
        if (n >= CHUNK) {
            store64(sum + i, lo);
            store64(sum + i + 32, hi);
        } else {
            _mm512_mask_storeu_epi16(sum + i, word_mask(n), lo);
            _mm512_mask_storeu_epi16(sum + i + 32, word_mask(n - 32), hi);
        }
    }
}

/* (sum9 * 3641 + 16384) >> 15 is exactly vpmulhrsw by 3641. */
static inline __m512i mean9(__m512i a, __m512i b, __m512i c)
{
    return _mm512_mulhrs_epi16(_mm512_add_epi16(_mm512_add_epi16(a, b), c),
                               _mm512_set1_epi16(3641));
}

static void mean9_row(uint8_t *out, const uint16_t *a, const uint16_t *b, const uint16_t *c,
                      int row_bytes)
{
    /* packus works per 128-bit lane: put the 8-byte pieces back in order */
    const __m512i in_order = _mm512_setr_epi64(0, 2, 4, 6, 1, 3, 5, 7);
    for (int i = 0; i < row_bytes; i += CHUNK) {
        const int n = row_bytes - i;
        __m512i lo, hi;
        if (n >= CHUNK) {
            lo = mean9(load64(a + i), load64(b + i), load64(c + i));
            hi = mean9(load64(a + i + 32), load64(b + i + 32), load64(c + i + 32));
        } else {
            __mmask32 m_lo = word_mask(n), m_hi = word_mask(n - 32);
            lo = mean9(_mm512_maskz_loadu_epi16(m_lo, a + i), _mm512_maskz_loadu_epi16(m_lo, b + i),
                       _mm512_maskz_loadu_epi16(m_lo, c + i));
            hi = mean9(_mm512_maskz_loadu_epi16(m_hi, a + i + 32),
                       _mm512_maskz_loadu_epi16(m_hi, b + i + 32),
                       _mm512_maskz_loadu_epi16(m_hi, c + i + 32));
        }
        __m512i bytes = _mm512_permutexvar_epi64(in_order, _mm512_packus_epi16(lo, hi));
        _mm512_mask_storeu_epi8(out + i, byte_mask(n), bytes);
    }
}

void gfx_box_blur3_avx512(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                          ptrdiff_t src_stride, int width, int height, uint16_t *scratch)
{
    gfx_box_blur3_ring(dst, dst_stride, src, src_stride, width, height, scratch,
                       3 * (ptrdiff_t)width, row_sum3, mean9_row);
}

/* --------------------------------------------------------------- upsample4_add */

/* 192 canvas bytes (64 pixels) take their add from 48 small bytes (16
 * pixels): canvas byte j of a group uses small byte 3 * (j / 12) + j % 3.
 * Each 16-byte lane of the three add vectors is a byte shuffle of 4 dwords
 * of the scaled small bytes that a dword permute brings into that lane. */
#define GROUP 192
#define GROUP_SMALL 48

struct expansion {
    __m512i permute[3], shuffle[3];
};

static void expansion_init(struct expansion *e)
{
    int32_t dwords[3][16];
    uint8_t bytes[3][64];
    for (int lane = 0; lane < 12; lane++) {
        const int first = 3 * (16 * lane / 12); /* the lane's first small byte */
        const int base = first / 4;
        for (int d = 0; d < 4; d++)
            dwords[lane / 4][4 * (lane % 4) + d] = base + d;
        for (int k = 0; k < 16; k++) {
            int j = 16 * lane + k;
            bytes[lane / 4][16 * (lane % 4) + k] = (uint8_t)(3 * (j / 12) + j % 3 - 4 * base);
        }
    }
    for (int v = 0; v < 3; v++) {
        e->permute[v] = load64(dwords[v]);
        e->shuffle[v] = load64(bytes[v]);
    }
}

/* (s * strength_q8 + 128) >> 8 is vpmulhrsw of s << 7 by strength_q8
 * (s << 7 <= 32640 and strength_q8 <= 256 stay within int16). */
static inline __m512i scale_small(const uint8_t *small_px, int avail, __m512i strength)
{
    __m512i s =
        _mm512_maskz_loadu_epi8(byte_mask(avail < GROUP_SMALL ? avail : GROUP_SMALL), small_px);
    const __m512i zero = _mm512_setzero_si512();
    __m512i lo = _mm512_slli_epi16(_mm512_unpacklo_epi8(s, zero), 7);
    __m512i hi = _mm512_slli_epi16(_mm512_unpackhi_epi8(s, zero), 7);
    return _mm512_packus_epi16(_mm512_mulhrs_epi16(lo, strength),
                               _mm512_mulhrs_epi16(hi, strength));
}

static inline void expand(__m512i add[3], __m512i scaled, const struct expansion *e)
{
    for (int k = 0; k < 3; k++)
        add[k] =
            _mm512_shuffle_epi8(_mm512_permutexvar_epi32(e->permute[k], scaled), e->shuffle[k]);
}

static inline void add_group(uint8_t *px, const __m512i add[3])
{
    for (int k = 0; k < 3; k++)
        store64(px + 64 * k, _mm512_adds_epu8(load64(px + 64 * k), add[k]));
}

/* The first `count` (< GROUP) bytes of a group. */
static inline void add_group_part(uint8_t *px, const __m512i add[3], int count)
{
    for (int k = 0; k < 3; k++) {
        __mmask64 m = byte_mask(count - 64 * k);
        __m512i v = _mm512_maskz_loadu_epi8(m, px + 64 * k);
        _mm512_mask_storeu_epi8(px + 64 * k, m, _mm512_adds_epu8(v, add[k]));
    }
}

void gfx_bloom_upsample4_add_avx512(uint8_t *canvas, ptrdiff_t stride, int width, int height,
                                    const uint8_t *small, ptrdiff_t small_stride,
                                    unsigned strength_q8)
{
    gfx_check_bloom_up(canvas, stride, width, height, small, small_stride, strength_q8);
    const int row_bytes = 3 * width, small_bytes = 3 * ((width + 3) / 4);
    const __m512i strength = _mm512_set1_epi16((short)strength_q8);
    struct expansion e;
    expansion_init(&e);
    __m512i add[3];
    /* each group's add is computed once and applied to the (up to) 4 rows
     * that share a small row */
    for (int y0 = 0; y0 < height; y0 += 4) {
        const int rows = height - y0 < 4 ? height - y0 : 4;
        const uint8_t *s = small + (y0 / 4) * small_stride;
        uint8_t *row0 = canvas + y0 * stride;
        int g = 0;
        for (; g + GROUP <= row_bytes; g += GROUP) {
            expand(add, scale_small(s + g / 4, GROUP_SMALL, strength), &e);
            for (int r = 0; r < rows; r++)
                add_group(row0 + r * stride + g, add);
        }
        if (g < row_bytes) {
            expand(add, scale_small(s + g / 4, small_bytes - g / 4, strength), &e);
            for (int r = 0; r < rows; r++)
                add_group_part(row0 + r * stride + g, add, row_bytes - g);
        }
    }
}
