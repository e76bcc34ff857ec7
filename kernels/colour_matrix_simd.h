/* The colour matrix on x86 vectors, written once for SSE4.1, AVX2 and
 * AVX-512 (kernels/x86/colour_matrix_*.c). Each 128-bit lane takes four
 * pixels: a byte shuffle spreads them into 16-bit (r, g) pairs and (b, 0)
 * pairs, pmaddwd forms m0 r + m1 g and m2 b in 32 bits, and the sum plus
 * offset + 2048, shifted right arithmetically by 12, is the scalar
 * reference's t >> 12 (kernels/colour_matrix.c); packs to 16 bits and then
 * to unsigned bytes saturate exactly as its clamp to 0..255 does. A shuffle
 * puts the twelve bytes back in RGB order.
 *
 * A lane loads 16 bytes for its 12, so a step stores whole vectors whose
 * last bytes (past the step's pixels) are the source bytes it loaded there:
 * unchanged in place, and rewritten by the next step out of place. Rows
 * step while a vector fits in the row; the last pixels go through a stack
 * copy, so nothing outside the rows is read or written.
 *
 * The including file defines its vector type `vec`, CM_STEP_PX (pixels per
 * step, 4 per lane), CM_VEC_BYTES, and
 *   CM_LOAD(p)             CM_VEC_BYTES unaligned bytes
 *   CM_SPREAD(raw)         lane i gets bytes 12 i .. 12 i + 15 of raw
 *   CM_STORE(p, px, raw)   lane i's bytes 0..11 of px to p + 12 i, the
 *                          rest of the vector from raw, one store
 *   CM_SHUF(x, idx)        pshufb within lanes
 *   CM_BCAST128(x)         a 128-bit constant in every lane
 *   CM_SET32(c)            every 32-bit lane c
 *   CM_MADD CM_ADD32 CM_SRAI32(x, n) CM_PACKS32 CM_PACKUS16 */
#ifndef GFX_COLOUR_MATRIX_SIMD_H
#define GFX_COLOUR_MATRIX_SIMD_H

#include <string.h>

#include "kernel_contracts.h"

#define CM_INLINE static inline __attribute__((always_inline))

struct cm_consts {
    vec pick_rg, pick_b, interleave;
    vec m_rg[3], m_b[3], bias[3];
};

CM_INLINE struct cm_consts cm_consts(const gfx_colour_matrix *cm)
{
    struct cm_consts k;
    k.pick_rg = CM_BCAST128(_mm_setr_epi8(0, -1, 1, -1, 3, -1, 4, -1, 6, -1, 7, -1, 9, -1, 10, -1));
    k.pick_b =
        CM_BCAST128(_mm_setr_epi8(2, -1, -1, -1, 5, -1, -1, -1, 8, -1, -1, -1, 11, -1, -1, -1));
    /* after the packs each lane holds R0..R3 G0..G3 B0..B3 B0..B3 */
    k.interleave = CM_BCAST128(_mm_setr_epi8(0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11, -1, -1, -1, -1));
    for (int c = 0; c < 3; c++) {
        k.m_rg[c] = CM_SET32(
            (int)((uint32_t)(uint16_t)cm->m[c][0] | ((uint32_t)(uint16_t)cm->m[c][1] << 16)));
        k.m_b[c] = CM_SET32((int)(uint16_t)cm->m[c][2]);
        k.bias[c] = CM_SET32(cm->offset[c] + 2048);
    }
    return k;
}

CM_INLINE vec cm_channel(vec rg, vec b, const struct cm_consts *k, int c)
{
    vec t = CM_ADD32(CM_ADD32(CM_MADD(rg, k->m_rg[c]), CM_MADD(b, k->m_b[c])), k->bias[c]);
    return CM_SRAI32(t, 12);
}

CM_INLINE void cm_step(uint8_t *d, vec raw, const struct cm_consts *k)
{
    vec in = CM_SPREAD(raw);
    vec rg = CM_SHUF(in, k->pick_rg), b = CM_SHUF(in, k->pick_b);
    vec r_out = cm_channel(rg, b, k, 0), g_out = cm_channel(rg, b, k, 1);
    vec b_out = cm_channel(rg, b, k, 2);
    vec bytes = CM_PACKUS16(CM_PACKS32(r_out, g_out), CM_PACKS32(b_out, b_out));
    CM_STORE(d, CM_SHUF(bytes, k->interleave), raw);
}

/* Pixels [0, n) of a row, stepping while a whole vector stays in it. Each
 * step's source is loaded before the previous step's store: in place, a
 * load overlapping the last bytes of a store just made cannot be forwarded
 * from it and waits for the store to retire (6x slower at 1080p). */
CM_INLINE int cm_row_steps(uint8_t *d, const uint8_t *s, int n, const struct cm_consts *k)
{
    if (CM_VEC_BYTES > 3 * n)
        return 0;
    int x = 0;
    vec raw = CM_LOAD(s);
    for (; 3 * (x + CM_STEP_PX) + CM_VEC_BYTES <= 3 * n; x += CM_STEP_PX) {
        vec next = CM_LOAD(s + 3 * (x + CM_STEP_PX));
        cm_step(d + 3 * x, raw, k);
        raw = next;
    }
    cm_step(d + 3 * x, raw, k);
    return x + CM_STEP_PX;
}

static void colour_matrix_variant(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                                  ptrdiff_t src_stride, int width, int height,
                                  const gfx_colour_matrix *cm)
{
    gfx_check_colour_matrix(dst, dst_stride, src, src_stride, width, height, cm);
    const struct cm_consts k = cm_consts(cm);
    for (int y = 0; y < height; y++) {
        uint8_t *d = dst + y * dst_stride;
        const uint8_t *s = src + y * src_stride;
        int x = cm_row_steps(d, s, width, &k);
        if (x < width) {
            /* fewer than CM_STEP_PX + CM_VEC_BYTES / 3 pixels are left */
            uint8_t tail[4 * CM_VEC_BYTES] = {0};
            const size_t bytes = 3 * (size_t)(width - x);
            memcpy(tail, s + 3 * x, bytes);
            for (int t = 0; 3 * t < (int)bytes; t += CM_STEP_PX)
                cm_step(tail + 3 * t, CM_LOAD(tail + 3 * t), &k);
            memcpy(d + 3 * x, tail, bytes);
        }
    }
}

#endif
