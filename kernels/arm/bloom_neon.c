/* Bloom stages, NEON (native on aarch64, through SIMDe elsewhere; contracts
 * and rounding: gfx_kernels.h).
 *
 * Rows are handled in whole vectors; the pieces of a row a vector would
 * overrun (its last bytes, and the clamped edge pixels of the blur) go
 * through small stack buffers, so nothing outside a row is read or written. */
#include <simde/arm/neon.h>
#include <string.h>

#include "kernels_arm.h"
#include "box_blur3_ring.h"
#include "kernel_contracts.h"

/* ------------------------------------------------------ downsample4_threshold */

/* Four sampled pixels (every 4th) from the 40 canvas bytes at src, packed
 * into the low 12 bytes: each 16-byte load holds two samples, at 0 and 12
 * (table indices past 15 give 0). */
static inline simde_uint8x16_t sample4(const uint8_t *src)
{
    static const uint8_t first[16] = {0,   1,   2,   12,  13,  14,  255, 255,
                                      255, 255, 255, 255, 255, 255, 255, 255};
    static const uint8_t second[16] = {255, 255, 255, 255, 255, 255, 0,   1,
                                       2,   12,  13,  14,  255, 255, 255, 255};
    return simde_vorrq_u8(simde_vqtbl1q_u8(simde_vld1q_u8(src), simde_vld1q_u8(first)),
                          simde_vqtbl1q_u8(simde_vld1q_u8(src + 24), simde_vld1q_u8(second)));
}

static inline simde_uint8x16_t keep_above(simde_uint8x16_t v, simde_uint8x16_t threshold)
{
    return simde_vandq_u8(simde_vcgtq_u8(v, threshold), v);
}

#define SAMPLE_IN 40 /* canvas bytes sample4 reads */

static void downsample_row(uint8_t *dst, const uint8_t *src, int width, simde_uint8x16_t threshold)
{
    const int in_bytes = 3 * width, out_bytes = 3 * ((width + 3) / 4);
    int o = 0; /* output byte, a multiple of 12; its samples start at canvas byte 4 * o */
    /* 16-byte stores whose last 4 bytes the next step rewrites */
    for (; o + 16 <= out_bytes && 4 * o + SAMPLE_IN <= in_bytes; o += 12)
        simde_vst1q_u8(dst + o, keep_above(sample4(src + 4 * o), threshold));
    for (; o < out_bytes; o += 12) {
        uint8_t in[SAMPLE_IN] = {0}, out[16];
        int avail = in_bytes - 4 * o, count = out_bytes - o;
        memcpy(in, src + 4 * o, (size_t)(avail < SAMPLE_IN ? avail : SAMPLE_IN));
        simde_vst1q_u8(out, keep_above(sample4(in), threshold));
        memcpy(dst + o, out, (size_t)(count < 12 ? count : 12));
    }
}

void gfx_bloom_downsample4_threshold_neon(uint8_t *small, ptrdiff_t small_stride,
                                          const uint8_t *canvas, ptrdiff_t stride, int width,
                                          int height, uint8_t threshold)
{
    gfx_check_bloom_down(small, small_stride, canvas, stride, width, height);
    const int small_h = (height + 3) / 4;
    const simde_uint8x16_t t = simde_vdupq_n_u8(threshold);
    for (int y = 0; y < small_h; y++)
        downsample_row(small + y * small_stride, canvas + 4 * y * stride, width, t);
}

/* ------------------------------------------------------------------ box_blur3 */

/* Each ring row holds 3 * width sums plus RING_PAD more, so a vector of sums
 * may run past the row; 3 * (3w + 16) fits GFX_BOX_BLUR3_SCRATCH(w). */
#define RING_PAD 16
#define CHUNK 16           /* bytes of a row per step */
#define WINDOW (CHUNK + 6) /* one pixel either side */

/* sum[0..15] = left + centre + right, the 16-byte rows at window,
 * window + 3 and window + 6. */
static inline void sum3_chunk(uint16_t *sum, const uint8_t *window)
{
    simde_uint8x16_t l = simde_vld1q_u8(window), c = simde_vld1q_u8(window + 3),
                     r = simde_vld1q_u8(window + 6);
    simde_vst1q_u16(sum, simde_vaddw_u8(simde_vaddl_u8(simde_vget_low_u8(l), simde_vget_low_u8(c)),
                                        simde_vget_low_u8(r)));
    simde_vst1q_u16(sum + 8,
                    simde_vaddw_u8(simde_vaddl_u8(simde_vget_high_u8(l), simde_vget_high_u8(c)),
                                   simde_vget_high_u8(r)));
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

/* (sum9 * 3641 + 16384) >> 15 is exactly vqrdmulh by 3641. */
static inline simde_uint8x8_t mean9_half(const uint16_t *a, const uint16_t *b, const uint16_t *c)
{
    simde_uint16x8_t sum9 = simde_vaddq_u16(simde_vaddq_u16(simde_vld1q_u16(a), simde_vld1q_u16(b)),
                                            simde_vld1q_u16(c));
    return simde_vqmovun_s16(
        simde_vqrdmulhq_s16(simde_vreinterpretq_s16_u16(sum9), simde_vdupq_n_s16(3641)));
}

static inline simde_uint8x16_t mean9_chunk(const uint16_t *a, const uint16_t *b, const uint16_t *c)
{
    return simde_vcombine_u8(mean9_half(a, b, c), mean9_half(a + 8, b + 8, c + 8));
}

static void mean9_row(uint8_t *out, const uint16_t *a, const uint16_t *b, const uint16_t *c,
                      int row_bytes)
{
    int i = 0;
    for (; i + CHUNK <= row_bytes; i += CHUNK)
        simde_vst1q_u8(out + i, mean9_chunk(a + i, b + i, c + i));
    if (i < row_bytes) {
        uint8_t tail[CHUNK];
        simde_vst1q_u8(tail, mean9_chunk(a + i, b + i, c + i));
        memcpy(out + i, tail, (size_t)(row_bytes - i));
    }
}

void gfx_box_blur3_neon(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
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

static void expansion_tables(simde_uint8x16_t table[3])
{
    uint8_t index[GROUP];
    for (int j = 0; j < GROUP; j++)
        index[j] = (uint8_t)(3 * (j / 12) + j % 3);
    for (int k = 0; k < 3; k++)
        table[k] = simde_vld1q_u8(index + 16 * k);
}

/* (s * strength_q8 + 128) >> 8: a 16-bit multiply (at most 65280) and a
 * rounding narrowing shift. */
static inline simde_uint8x16_t scale_small(const uint8_t *small_px, uint16_t strength)
{
    uint8_t group[16] = {0};
    memcpy(group, small_px, GROUP_SMALL);
    simde_uint8x16_t s = simde_vld1q_u8(group);
    simde_uint16x8_t lo = simde_vmulq_n_u16(simde_vmovl_u8(simde_vget_low_u8(s)), strength);
    simde_uint16x8_t hi = simde_vmulq_n_u16(simde_vmovl_u8(simde_vget_high_u8(s)), strength);
    return simde_vcombine_u8(simde_vrshrn_n_u16(lo, 8), simde_vrshrn_n_u16(hi, 8));
}

static inline void expand(simde_uint8x16_t add[3], simde_uint8x16_t scaled,
                          const simde_uint8x16_t table[3])
{
    for (int k = 0; k < 3; k++)
        add[k] = simde_vqtbl1q_u8(scaled, table[k]);
}

static inline void add_group(uint8_t *px, const simde_uint8x16_t add[3])
{
    for (int k = 0; k < 3; k++)
        simde_vst1q_u8(px + 16 * k, simde_vqaddq_u8(simde_vld1q_u8(px + 16 * k), add[k]));
}

void gfx_bloom_upsample4_add_neon(uint8_t *canvas, ptrdiff_t stride, int width, int height,
                                  const uint8_t *small, ptrdiff_t small_stride,
                                  unsigned strength_q8)
{
    gfx_check_bloom_up(canvas, stride, width, height, small, small_stride, strength_q8);
    const int row_bytes = 3 * width, small_bytes = 3 * ((width + 3) / 4);
    const uint16_t strength = (uint16_t)strength_q8;
    simde_uint8x16_t table[3], add[3];
    expansion_tables(table);
    /* each group's add is computed once and applied to the (up to) 4 rows
     * that share a small row */
    for (int y0 = 0; y0 < height; y0 += 4) {
        const int rows = height - y0 < 4 ? height - y0 : 4;
        const uint8_t *s = small + (y0 / 4) * small_stride;
        uint8_t *row0 = canvas + y0 * stride;
        int g = 0;
        for (; g + GROUP <= row_bytes; g += GROUP) {
            expand(add, scale_small(s + g / 4, strength), table);
            for (int r = 0; r < rows; r++)
                add_group(row0 + r * stride + g, add);
        }
        if (g < row_bytes) {
            uint8_t small_tail[GROUP_SMALL] = {0}, tail[GROUP] = {0};
            const int count = row_bytes - g;
            memcpy(small_tail, s + g / 4, (size_t)(small_bytes - g / 4));
            expand(add, scale_small(small_tail, strength), table);
            for (int r = 0; r < rows; r++) {
                uint8_t *px = row0 + r * stride + g;
                memcpy(tail, px, (size_t)count);
                add_group(tail, add);
                memcpy(px, tail, (size_t)count);
            }
        }
    }
}
