/* Glyph blit, NEON (through SIMDe: native on aarch64, SSE2 elsewhere).
 *
 * A span row of n bytes is covered by 16-byte chunks, the last one moved
 * back to end exactly at n, so no byte outside the span is touched. The
 * overlap is exact: both chunks write max(c, v) for the bytes they share,
 * c being the canvas before the row. Rows of 8..15 bytes use two
 * overlapping 8-byte chunks; shorter slivers go byte by byte.
 * Products come from the widening multiply-accumulate, and
 *   gfx_div255(x) = (y + (y >> 8)) >> 8,  y = x + 128,
 * is one add-high-narrow (the same value: y*257 >> 16 = (y + y/256) / 256
 * rounded down, and y + (y >> 8) <= 65407 does not wrap). */
#include <simde/arm/neon.h>

#include "blit_span.h"
#include "kernels_arm.h"

/* R,G,B,R,... starting at byte phase p (mod 3): bytes + p, 16 bytes. */
struct colour_pattern {
    uint8_t bytes[18];
};

static struct colour_pattern colour_pattern_of(const uint8_t colour[3])
{
    struct colour_pattern cp;
    for (int i = 0; i < 18; i++)
        cp.bytes[i] = colour[i % 3];
    return cp;
}

static inline simde_uint8x8_t scale_div255(simde_uint8x8_t cov, simde_uint8x8_t colour)
{
    simde_uint16x8_t y = simde_vmlal_u8(simde_vdupq_n_u16(128), cov, colour);
    return simde_vaddhn_u16(y, simde_vshrq_n_u16(y, 8));
}

/* max(canvas, product) for the 16 or 8 bytes at px; the caller stores. */
static inline simde_uint8x16_t blended16(const uint8_t *px, const uint8_t *cov,
                                         simde_uint8x16_t colour)
{
    simde_uint8x16_t c = simde_vld1q_u8(cov);
    simde_uint8x16_t v =
        simde_vcombine_u8(scale_div255(simde_vget_low_u8(c), simde_vget_low_u8(colour)),
                          scale_div255(simde_vget_high_u8(c), simde_vget_high_u8(colour)));
    return simde_vmaxq_u8(simde_vld1q_u8(px), v);
}

static inline simde_uint8x8_t blended8(const uint8_t *px, const uint8_t *cov,
                                       simde_uint8x8_t colour)
{
    return simde_vmax_u8(simde_vld1_u8(px), scale_div255(simde_vld1_u8(cov), colour));
}

/* In every row the overlapping last chunk is loaded before any store of
 * the row, so no load waits on a store it half-overlaps. Each span size
 * has its own loop, which sets up only the colour vectors it uses. */
static void blit_rows16(const struct gfx_blit_span *s)
{
    const int n = s->bytes;
    const struct colour_pattern cp = colour_pattern_of(s->colour);
    const simde_uint8x16_t colour[3] = {simde_vld1q_u8(cp.bytes), simde_vld1q_u8(cp.bytes + 1),
                                        simde_vld1q_u8(cp.bytes + 2)};
    const simde_uint8x16_t last_colour = colour[(n - 16) % 3];
    for (int y = 0; y < s->rows; y++) {
        uint8_t *px = s->px + y * s->px_stride;
        const uint8_t *cov = s->cov + y * s->cov_stride;
        simde_uint8x16_t last = blended16(px + n - 16, cov + n - 16, last_colour);
        /* 16 = 1 mod 3: the chunk at byte 16k starts at phase k mod 3 */
        for (int o = 0, p = 0; o + 16 < n; o += 16, p = (p + 1) % 3)
            simde_vst1q_u8(px + o, blended16(px + o, cov + o, colour[p]));
        simde_vst1q_u8(px + n - 16, last);
    }
}

static void blit_rows8(const struct gfx_blit_span *s)
{
    const int n = s->bytes;
    const struct colour_pattern cp = colour_pattern_of(s->colour);
    const simde_uint8x8_t first_colour = simde_vld1_u8(cp.bytes);
    const simde_uint8x8_t last_colour = simde_vld1_u8(cp.bytes + (n - 8) % 3);
    for (int y = 0; y < s->rows; y++) {
        uint8_t *px = s->px + y * s->px_stride;
        const uint8_t *cov = s->cov + y * s->cov_stride;
        simde_uint8x8_t last = blended8(px + n - 8, cov + n - 8, last_colour);
        simde_vst1_u8(px, blended8(px, cov, first_colour));
        simde_vst1_u8(px + n - 8, last);
    }
}

static void blit_span(const struct gfx_blit_span *s)
{
    if (s->bytes >= 16)
        blit_rows16(s);
    else if (s->bytes >= 8)
        blit_rows8(s);
    else
        gfx_blit_rows_scalar(s);
}

void gfx_blit_neon(const gfx_blit_args *a)
{
    gfx_blit_cells(a, blit_span);
}
