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
 *   V_ADD V_SUB V_MUL          modulo 2^16 (V_MUL keeps the low half)
 *   V_SHL(x, n) V_SHR(x, n)    logical on 16-bit lanes, n a constant
 *   V_AND V_OR                 bitwise
 *   MIX_WEIGHTS(w, mask)       w[j][0], w[j][1] (j = 0..2): the weights
 *                              gfx_mask_weight(m) of the even and odd bytes
 *                              of byte vector j, as 16-bit lanes, from the
 *                              block's MIX_PIXELS mask bytes
 * and then includes this file, which defines
 *   static void mask_mix_variant(...)   the gfx_mask_mix_fn arguments
 *
 * The mix (d (256 - w) + s w + 128) >> 8 equals ((d << 8) + (s - d) w + 128)
 * >> 8 and its true value is at most 255 * 256 + 128 < 2^16, so it is exact
 * in 16-bit lanes modulo 2^16 (s - d wraps, the sum comes back). An odd
 * byte's result is the high byte of its lane already, where the merge puts
 * it; an even byte's is shifted down. */
#ifndef GFX_MASK_MIX_SIMD_H
#define GFX_MASK_MIX_SIMD_H

#include <string.h>

#include "kernel_contracts.h"

#define MIX_INLINE static inline __attribute__((always_inline))

/* gfx_mask_weight on 16-bit lanes holding mask bytes */
MIX_INLINE vec mix_weight(vec m)
{
    return V_ADD(m, V_SHR(m, 7));
}

MIX_INLINE vec mix_vector(vec a, vec b, vec w_even, vec w_odd)
{
    const vec low = V_SET(0x00ff), high = V_SET((short)0xff00), half = V_SET(128);
    vec even = V_ADD(V_ADD(V_SHL(a, 8), V_MUL(V_SUB(V_AND(b, low), V_AND(a, low)), w_even)), half);
    vec odd = V_ADD(V_ADD(V_AND(a, high), V_MUL(V_SUB(V_SHR(b, 8), V_SHR(a, 8)), w_odd)), half);
    return V_OR(V_SHR(even, 8), V_AND(odd, high));
}

MIX_INLINE void mix_block(uint8_t *d, const uint8_t *s, const uint8_t *m)
{
    vec w[3][2];
    MIX_WEIGHTS(w, m);
#pragma GCC unroll 3
    for (int j = 0; j < 3; j++) {
        uint8_t *dj = d + j * MIX_PIXELS;
        V_STORE(dj, mix_vector(V_LOAD(dj), V_LOAD(s + j * MIX_PIXELS), w[j][0], w[j][1]));
    }
}

/* Whole blocks in place; a row's last pixels through zeroed block-sized
 * copies, so nothing past the row (or its mask) is read or written. */
static void mask_mix_variant(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                             ptrdiff_t src_stride, const uint8_t *mask, ptrdiff_t mask_stride,
                             int width, int height)
{
    gfx_check_mask_mix(dst, dst_stride, src, src_stride, mask, mask_stride, width, height);
    const int full = width - width % MIX_PIXELS, rest = width - full;
    for (int y = 0; y < height; y++) {
        uint8_t *d = dst + y * dst_stride;
        const uint8_t *s = src + y * src_stride;
        const uint8_t *m = mask + y * mask_stride;
        for (int x = 0; x < full; x += MIX_PIXELS)
            mix_block(d + 3 * x, s + 3 * x, m + x);
        if (rest) {
            uint8_t tail_d[3 * MIX_PIXELS] = {0}, tail_s[3 * MIX_PIXELS] = {0};
            uint8_t tail_m[MIX_PIXELS] = {0};
            memcpy(tail_d, d + 3 * full, 3 * (size_t)rest);
            memcpy(tail_s, s + 3 * full, 3 * (size_t)rest);
            memcpy(tail_m, m + full, (size_t)rest);
            mix_block(tail_d, tail_s, tail_m);
            memcpy(d + 3 * full, tail_d, 3 * (size_t)rest);
        }
    }
}

#endif
