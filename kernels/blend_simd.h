/* The blend modes on vectors of 16-bit lanes, written once for every SIMD
 * variant (kernels/x86/blend_*.c, kernels/arm/blend_neon.c), after dav1d's
 * templates. Blending is per byte, so pixels never need regrouping: a block
 * of BLEND_BLOCK bytes splits into its even and odd bytes, each widened in
 * place to 16 bits (and, shift), and is put back the same way.
 *
 * The including file defines, for its vector type `vec` of unsigned 16-bit
 * lanes (BLEND_BLOCK / 2 of them):
 *   V_LOAD(p), V_STORE(p, v)   BLEND_BLOCK unaligned bytes
 *   V_SET(c)                   every lane c
 *   V_ADD V_SUB V_MUL          modulo 2^16 (V_MUL keeps the low half)
 *   V_SHL(x, n) V_SHR(x, n)    logical, n a constant
 *   V_AND V_OR V_XOR           bitwise
 *   V_MINU V_MAXU              unsigned; V_MINS V_MAXS signed
 *   V_EQ(x, y) V_GTS(x, y)     all-ones lanes where x == y, x > y (signed)
 *   V_SEL(m, x, y)             m ? x : y for an all-ones/zero mask m
 *   V_MULHRS(x, y)             signed (x y + 2^14) >> 15 (pmulhrsw)
 *   V_ANY(m)                   nonzero if any lane of m is nonzero
 * (and may define V_DEC_IF_EQ, below, where a masked subtract is cheaper)
 * and then includes this file, which defines
 *   static void blend_variant(dst, dst_stride, src, src_stride, width,
 *                             height, mode, opacity_q8)
 * Each mode gets its own row loop (the switch folds away), picked once per
 * call. Every step computes the scalar reference's values (kernels/blend.c),
 * a few by an equivalent form that says why it is one, on values that fit
 * 16 bits, so the bytes are the same (checkasm_blend compares them). */
#ifndef GFX_BLEND_SIMD_H
#define GFX_BLEND_SIMD_H

#include <string.h>

#include "kernel_contracts.h"

#define BLEND_INLINE static inline __attribute__((always_inline))

/* q - 1 where x == y: an ISA with a masked subtract may define its own */
#ifndef V_DEC_IF_EQ
#define V_DEC_IF_EQ(q, x, y) V_ADD(q, V_EQ(x, y))
#endif

/* gfx_div255 of x <= 255*255: (t + (t >> 8)) >> 8 with t = x + 128, the
 * same value as ((x + 128) * 257) >> 16 without a 32-bit product. */
BLEND_INLINE vec blend_div255(vec x)
{
    vec t = V_ADD(x, V_SET(128));
    return V_SHR(V_ADD(t, V_SHR(t, 8)), 8);
}

BLEND_INLINE vec blend_clamp255(vec x)
{
    return V_MINS(V_MAXS(x, V_SET(0)), V_SET(255));
}

/* Q(x, d) of gfx_kernels.h for x, d in 0..255. Where x < d the quotient
 * n / d, n = 255 x + (d >> 1) < 256 d, has 8 bits, found by restoring long
 * division: n - (d << i) wraps above n when it would go negative, so
 * min(n, n - (d << i)) subtracts exactly when the bit is set. Each step adds
 * -1 (no subtraction) or 0 to q, doubled: 255 + q is the quotient. */
BLEND_INLINE vec blend_quotient(vec x, vec d)
{
    /* x >= max(d, 1): 255 (x / 0 too); 0 / 0 falls through to q = 0 */
    vec saturated = V_GTS(x, V_SUB(V_MAXU(d, V_SET(1)), V_SET(1)));
    /* only 0 < x < d divides: dark or saturating blocks (most of an ASCII
     * frame) skip the eight steps, with the same bytes */
    if (!V_ANY(V_AND(V_GTS(d, x), V_GTS(x, V_SET(0)))))
        return V_AND(saturated, V_SET(255));
    vec n = V_ADD(V_SUB(V_SHL(x, 8), x), V_SHR(d, 1));
    vec t = V_SHL(d, 7), q = V_SET(0);
#pragma GCC unroll 8
    for (int i = 0; i < 8; i++) {
        vec m = V_MINU(n, V_SUB(n, t));
        q = V_DEC_IF_EQ(V_ADD(q, q), m, n);
        n = m;
        t = V_SHR(t, 1);
    }
    q = V_ADD(q, V_SET(255));
    return V_SEL(saturated, V_SET(255), q);
}

/* overlay's two halves; hardlight is the same with the test on b */
/* The upper half is the lower one on 255 - a, 255 - b, turned back by
 * 255 - r; on bytes 255 - v is v ^ 255, so one product serves both halves:
 * m = 0 below the threshold and 255 above, r = D(2 (a ^ m)(b ^ m)) ^ m. */
BLEND_INLINE vec blend_overlay_halves(vec a, vec b, vec upper_half)
{
    vec m = V_AND(upper_half, V_SET(255));
    return V_XOR(blend_div255(V_SHL(V_MUL(V_XOR(a, m), V_XOR(b, m)), 1)), m);
}

BLEND_INLINE vec blend_mode_vec(enum gfx_blend_mode mode, vec a, vec b)
{
    const vec c255 = V_SET(255), c128 = V_SET(128), c127 = V_SET(127);
    switch (mode) {
    case GFX_BLEND_NORMAL: return b;
    case GFX_BLEND_ADD: return V_MINU(V_ADD(a, b), c255);
    case GFX_BLEND_SUBTRACT: return V_SUB(a, V_MINU(a, b));
    case GFX_BLEND_MULTIPLY: return blend_div255(V_MUL(a, b));
    case GFX_BLEND_SCREEN: return V_SUB(c255, blend_div255(V_MUL(V_SUB(c255, a), V_SUB(c255, b))));
    case GFX_BLEND_OVERLAY: return blend_overlay_halves(a, b, V_GTS(a, c127));
    case GFX_BLEND_SOFTLIGHT: {
        vec t = V_ADD(V_MUL(b, V_SUB(c255, a)), V_SET(64));
        vec s = V_ADD(a, V_SHR(V_ADD(t, V_SHR(t, 8)), 7));
        return blend_div255(V_MUL(a, s));
    }
    case GFX_BLEND_HARDLIGHT: return blend_overlay_halves(a, b, V_GTS(b, c127));
    case GFX_BLEND_DIFFERENCE: return V_SUB(V_MAXU(a, b), V_MINU(a, b));
    case GFX_BLEND_EXCLUSION:
        return blend_clamp255(V_SUB(V_ADD(a, b), V_SHL(blend_div255(V_MUL(a, b)), 1)));
    case GFX_BLEND_COLORDODGE: return blend_quotient(a, V_SUB(c255, b));
    case GFX_BLEND_COLORBURN: return V_SUB(c255, blend_quotient(V_SUB(c255, a), b));
    case GFX_BLEND_LINEARLIGHT: return blend_clamp255(V_SUB(V_ADD(a, V_SHL(b, 1)), c255));
    case GFX_BLEND_VIVIDLIGHT: {
        /* one division serves both halves: b < 128 divides 255 - a by 2b,
         * b >= 128 divides a by 2 (255 - b) */
        vec burn = V_GTS(c128, b);
        vec x = V_SEL(burn, V_SUB(c255, a), a);
        vec d = V_SHL(V_SEL(burn, b, V_SUB(c255, b)), 1);
        vec q = blend_quotient(x, d);
        return V_SEL(burn, V_SUB(c255, q), q);
    }
    case GFX_BLEND_PIN_LIGHT: {
        vec b2 = V_SHL(b, 1);
        vec dark = V_MINU(a, b2);
        vec light = V_MAXS(a, V_SUB(b2, c255));
        return V_SEL(V_GTS(b, c127), light, dark);
    }
    case GFX_BLEND_HARD_MIX: return V_AND(V_GTS(V_ADD(a, b), V_SET(254)), c255);
    case GFX_BLEND_LIGHTEN: return V_MAXU(a, b);
    case GFX_BLEND_DARKEN: return V_MINU(a, b);
    case GFX_BLEND_GRAIN_EXTRACT: return blend_clamp255(V_ADD(V_SUB(a, b), c128));
    case GFX_BLEND_GRAIN_MERGE: return blend_clamp255(V_SUB(V_ADD(a, b), c128));
    case GFX_BLEND_COUNT: break;
    }
    return b;
}

/* mix(a, r) = (a (256 - op) + r op + 128) >> 8 = a + (((r - a) op + 128) >> 8)
 * (256 a is a whole multiple of 256, the shift a floor): for op < 256 that
 * is one rounding high multiply, (x y + 2^14) >> 15 with x = r - a in
 * [-255, 255] and y = op << 7 (x86 pmulhrsw, NEON vqrdmulh, which never
 * saturate on these). opacity 256 is r itself and skips it. */
BLEND_INLINE vec blend_lanes(enum gfx_blend_mode mode, vec a, vec b, vec op7, int opaque)
{
    vec r = blend_mode_vec(mode, a, b);
    return opaque ? r : V_ADD(a, V_MULHRS(V_SUB(r, a), op7));
}

BLEND_INLINE void blend_block(enum gfx_blend_mode mode, uint8_t *d, const uint8_t *s, vec op7,
                              int opaque)
{
    const vec low = V_SET(0xff);
    vec a = V_LOAD(d), b = V_LOAD(s);
    vec even = blend_lanes(mode, V_AND(a, low), V_AND(b, low), op7, opaque);
    vec odd = blend_lanes(mode, V_SHR(a, 8), V_SHR(b, 8), op7, opaque);
    V_STORE(d, V_OR(even, V_SHL(odd, 8)));
}

/* Whole blocks in place; a row's last bytes through zeroed block-sized
 * copies, so nothing past the row is read or written. */
BLEND_INLINE void blend_rows_at(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                                ptrdiff_t src_stride, int width, int height,
                                enum gfx_blend_mode mode, unsigned opacity_q8, int opaque)
{
    const vec op7 = V_SET((int)(opaque ? 0 : opacity_q8 << 7));
    const int bytes = 3 * width, full = bytes - bytes % BLEND_BLOCK, rest = bytes - full;
    for (int y = 0; y < height; y++) {
        uint8_t *d = dst + y * dst_stride;
        const uint8_t *s = src + y * src_stride;
        for (int x = 0; x < full; x += BLEND_BLOCK)
            blend_block(mode, d + x, s + x, op7, opaque);
        if (rest) {
            uint8_t tail_d[BLEND_BLOCK] = {0}, tail_s[BLEND_BLOCK] = {0};
            memcpy(tail_d, d + full, (size_t)rest);
            memcpy(tail_s, s + full, (size_t)rest);
            blend_block(mode, tail_d, tail_s, op7, opaque);
            memcpy(d + full, tail_d, (size_t)rest);
        }
    }
}

/* opacity 0 leaves dst as it is (mix(a, r) = a) */
BLEND_INLINE void blend_rows(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                             ptrdiff_t src_stride, int width, int height, enum gfx_blend_mode mode,
                             unsigned opacity_q8)
{
    if (opacity_q8 == 256)
        blend_rows_at(dst, dst_stride, src, src_stride, width, height, mode, opacity_q8, 1);
    else if (opacity_q8 > 0)
        blend_rows_at(dst, dst_stride, src, src_stride, width, height, mode, opacity_q8, 0);
}

typedef void (*blend_rows_fn)(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                              ptrdiff_t src_stride, int width, int height, unsigned opacity_q8);

#define BLEND_ROWS_OF(name, mode)                                                                  \
    static void blend_rows_##name(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,          \
                                  ptrdiff_t src_stride, int width, int height,                     \
                                  unsigned opacity_q8)                                             \
    {                                                                                              \
        blend_rows(dst, dst_stride, src, src_stride, width, height, mode, opacity_q8);             \
    }
BLEND_ROWS_OF(normal, GFX_BLEND_NORMAL)
BLEND_ROWS_OF(add, GFX_BLEND_ADD)
BLEND_ROWS_OF(subtract, GFX_BLEND_SUBTRACT)
BLEND_ROWS_OF(multiply, GFX_BLEND_MULTIPLY)
BLEND_ROWS_OF(screen, GFX_BLEND_SCREEN)
BLEND_ROWS_OF(overlay, GFX_BLEND_OVERLAY)
BLEND_ROWS_OF(softlight, GFX_BLEND_SOFTLIGHT)
BLEND_ROWS_OF(hardlight, GFX_BLEND_HARDLIGHT)
BLEND_ROWS_OF(difference, GFX_BLEND_DIFFERENCE)
BLEND_ROWS_OF(exclusion, GFX_BLEND_EXCLUSION)
BLEND_ROWS_OF(colordodge, GFX_BLEND_COLORDODGE)
BLEND_ROWS_OF(colorburn, GFX_BLEND_COLORBURN)
BLEND_ROWS_OF(linearlight, GFX_BLEND_LINEARLIGHT)
BLEND_ROWS_OF(vividlight, GFX_BLEND_VIVIDLIGHT)
BLEND_ROWS_OF(pin_light, GFX_BLEND_PIN_LIGHT)
BLEND_ROWS_OF(hard_mix, GFX_BLEND_HARD_MIX)
BLEND_ROWS_OF(lighten, GFX_BLEND_LIGHTEN)
BLEND_ROWS_OF(darken, GFX_BLEND_DARKEN)
BLEND_ROWS_OF(grain_extract, GFX_BLEND_GRAIN_EXTRACT)
BLEND_ROWS_OF(grain_merge, GFX_BLEND_GRAIN_MERGE)

static const blend_rows_fn blend_rows_by_mode[GFX_BLEND_COUNT] = {
    blend_rows_normal,      blend_rows_add,        blend_rows_subtract,      blend_rows_multiply,
    blend_rows_screen,      blend_rows_overlay,    blend_rows_softlight,     blend_rows_hardlight,
    blend_rows_difference,  blend_rows_exclusion,  blend_rows_colordodge,    blend_rows_colorburn,
    blend_rows_linearlight, blend_rows_vividlight, blend_rows_pin_light,     blend_rows_hard_mix,
    blend_rows_lighten,     blend_rows_darken,     blend_rows_grain_extract, blend_rows_grain_merge,
};

static void blend_variant(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                          ptrdiff_t src_stride, int width, int height, enum gfx_blend_mode mode,
                          unsigned opacity_q8)
{
    gfx_check_blend(dst, dst_stride, src, src_stride, width, height, mode, opacity_q8);
    blend_rows_by_mode[mode](dst, dst_stride, src, src_stride, width, height, opacity_q8);
}

#endif
