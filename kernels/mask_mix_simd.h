/* The mask mix on vectors of 16-bit lanes, written once for the x86 variants
 * (kernels/x86/mask_mix_*.c), as kernels/blend_simd.h is for blend. A block
 * of MIX_PIXELS pixels is three vectors of MIX_PIXELS bytes each of dst and
 * src; each byte vector splits into its even and odd bytes, widened in place
 * to 16 bits, and goes back the same way.
 *
 * The including file defines, for its vector type `vec`:
 *   MIX_PIXELS                 pixels per block (bytes per vector)
 *   V_LOAD(p), V_STORE(p, v)   MIX_PIXELS unaligned bytes
 *   V_SET(c)                   every 16-bit lane c
 *   V_ADD V_SUB                modulo 2^16
 *   V_ADDS                     signed, saturating
 *   V_MULHRS(x, y)             signed (x y + 2^14) >> 15 (pmulhrsw)
 *   V_SHL(x, n) V_SHR(x, n)    logical on 16-bit lanes, n a constant
 *   V_AND V_OR                 bitwise
 *   MIX_WEIGHTS(w, mask)       w[j][0], w[j][1] (j = 0..2): mix_weight_q15
 *                              of the mask bytes of the even and odd bytes
 *                              of byte vector j, from the block's
 *                              MIX_PIXELS mask bytes
 *   MIX_SHARED_WEIGHTS         1: spread a shared mask row's weights once
 *                              per call (below); 0: per block and row
 * and then includes this file, which defines
 *   static void mask_mix_variant(...)   the gfx_mask_mix_fn arguments
 *
 * The mix (d (256 - w) + s w + 128) >> 8 is d + (((s - d) w + 128) >> 8)
 * (256 d is a whole multiple of 256, the shift a floor), and for w <= 255
 * that is one rounding high multiply, (x y + 2^14) >> 15 with x = s - d in
 * [-255, 255] and y = 128 w. w = 256 (m = 255) would need y = 2^15, one past
 * int16; y = 2^15 - 1 gives (32767 x + 16384) >> 15 = x for every such x,
 * the same s, so the weight saturates there. */
#ifndef GFX_MASK_MIX_SIMD_H
#define GFX_MASK_MIX_SIMD_H

#include <string.h>

#include "kernel_contracts.h"

#define MIX_INLINE static inline __attribute__((always_inline))

/* 128 gfx_mask_weight(m), saturated to 32767, of mask bytes m in 16-bit
 * lanes: 128 m + 128 (m >> 7), where m >> 7 << 7 is m & 128. */
MIX_INLINE vec mix_weight_q15(vec m)
{
    return V_ADDS(V_SHL(m, 7), V_AND(m, V_SET(128)));
}

MIX_INLINE vec mix_vector(vec a, vec b, vec w_even, vec w_odd)
{
    const vec low = V_SET(0x00ff);
    vec d_even = V_AND(a, low), d_odd = V_SHR(a, 8);
    vec even = V_ADD(d_even, V_MULHRS(V_SUB(V_AND(b, low), d_even), w_even));
    vec odd = V_ADD(d_odd, V_MULHRS(V_SUB(V_SHR(b, 8), d_odd), w_odd));
    return V_OR(even, V_SHL(odd, 8));
}

/* Weights of one block: w[j][0], w[j][1] for its byte vectors j. */
typedef struct mix_weights {
    vec w[3][2];
} mix_weights;

MIX_INLINE void mix_block(uint8_t *d, const uint8_t *s, const mix_weights *w)
{
#pragma GCC unroll 3
    for (int j = 0; j < 3; j++) {
        uint8_t *dj = d + j * MIX_PIXELS;
        V_STORE(dj, mix_vector(V_LOAD(dj), V_LOAD(s + j * MIX_PIXELS), w->w[j][0], w->w[j][1]));
    }
}

MIX_INLINE void mix_block_masked(uint8_t *d, const uint8_t *s, const uint8_t *m)
{
    mix_weights w;
    MIX_WEIGHTS(w.w, m);
    mix_block(d, s, &w);
}

/* A row's last pixels (fewer than a block) through zeroed block-sized
 * copies, so nothing past the row or its mask is read or written. */
static void mix_tail(uint8_t *d, const uint8_t *s, const uint8_t *m, int count)
{
    uint8_t tail_d[3 * MIX_PIXELS] = {0}, tail_s[3 * MIX_PIXELS] = {0};
    uint8_t tail_m[MIX_PIXELS] = {0};
    memcpy(tail_d, d, 3 * (size_t)count);
    memcpy(tail_s, s, 3 * (size_t)count);
    memcpy(tail_m, m, (size_t)count);
    mix_block_masked(tail_d, tail_s, tail_m);
    memcpy(d, tail_d, 3 * (size_t)count);
}

/* A shared mask row (stride 0): the weights of a strip of MIX_STRIP pixels
 * (a whole 1080p row: row by row is the order memory wants) are spread once
 * and serve every row, which takes the shuffles out of the inner loop where
 * they cost more than loading their results (MIX_SHARED_WEIGHTS 1). */
#define MIX_STRIP 2048
static void mix_rows_shared_mask(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                                 ptrdiff_t src_stride, const uint8_t *mask, int full, int height)
{
    mix_weights strip[MIX_STRIP / MIX_PIXELS];
    for (int x0 = 0; x0 < full; x0 += MIX_STRIP) {
        const int x1 = x0 + MIX_STRIP < full ? x0 + MIX_STRIP : full;
        for (int x = x0; x < x1; x += MIX_PIXELS)
            MIX_WEIGHTS(strip[(x - x0) / MIX_PIXELS].w, mask + x);
        for (int y = 0; y < height; y++)
            for (int x = x0; x < x1; x += MIX_PIXELS)
                mix_block(dst + y * dst_stride + 3 * x, src + y * src_stride + 3 * x,
                          &strip[(x - x0) / MIX_PIXELS]);
    }
}

static void mask_mix_variant(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                             ptrdiff_t src_stride, const uint8_t *mask, ptrdiff_t mask_stride,
                             int width, int height)
{
    gfx_check_mask_mix(dst, dst_stride, src, src_stride, mask, mask_stride, width, height);
    const int full = width - width % MIX_PIXELS, rest = width - full;
    const int shared = MIX_SHARED_WEIGHTS && mask_stride == 0;
    if (shared)
        mix_rows_shared_mask(dst, dst_stride, src, src_stride, mask, full, height);
    for (int y = 0; y < height; y++) {
        uint8_t *d = dst + y * dst_stride;
        const uint8_t *s = src + y * src_stride;
        const uint8_t *m = mask + y * mask_stride;
        for (int x = 0; !shared && x < full; x += MIX_PIXELS)
            mix_block_masked(d + 3 * x, s + 3 * x, m + x);
        if (rest)
            mix_tail(d + 3 * full, s + 3 * full, m + full, rest);
    }
}

#endif
