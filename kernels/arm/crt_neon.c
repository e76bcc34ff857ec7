/* CRT, NEON (native on aarch64, through SIMDe elsewhere): 16 pixels per
 * step. NEON has no gather: each pixel's RGB is copied (as one 32-bit word,
 * the fourth byte overwritten by the next pixel) into a 48-byte run, which
 * is then scaled as three plain byte vectors, since every byte of a row gets
 * the same gain. gfx_div255 of x = c * gain is (t + (t >> 8)) >> 8 with
 * t = x + 128: the high byte of t + vrshr(x, 8). */
#include <simde/arm/neon.h>
#include <string.h>

#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "kernels_arm.h"

#define STEP_PX 16
/* The source rows a barrel-distorted output row reads are curves that leave
 * the hardware prefetchers behind; one software prefetch per step for the
 * pixel about one output row ahead keeps the loads in cache (as on x86). */
#define PREFETCH_PX 2048

static inline simde_uint8x8_t div255_narrow(simde_uint16x8_t x)
{
    return simde_vaddhn_u16(simde_vaddq_u16(x, simde_vdupq_n_u16(128)), simde_vrshrq_n_u16(x, 8));
}

static inline simde_uint8x16_t scale_bytes(simde_uint8x16_t c, simde_uint8x8_t gain)
{
    simde_uint16x8_t lo = simde_vmull_u8(simde_vget_low_u8(c), gain);
    simde_uint16x8_t hi = simde_vmull_u8(simde_vget_high_u8(c), gain);
    return simde_vcombine_u8(div255_narrow(lo), div255_narrow(hi));
}

/* Copies each pixel's RGB into rgb[3x .. 3x+3); the byte after the last
 * pixel, and anything past it, never reach the output. */
static inline void gather_pixels(uint8_t rgb[3 * STEP_PX + 1], const uint32_t *t, int pixels,
                                 const uint8_t *src)
{
    static const uint8_t black[4];
    for (int x = 0; x < pixels; x++)
        memcpy(rgb + 3 * x, t[x] == GFX_CRT_BLACK ? black : src + t[x], 4);
}

static inline void prefetch_source(const uint8_t *src, const uint32_t *table, size_t at,
                                   size_t count)
{
    if (at < count && table[at] != GFX_CRT_BLACK)
        __builtin_prefetch(src + table[at]);
}

void gfx_crt_neon(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src, const uint32_t *table,
                  int width, int height, const uint8_t *row_gain)
{
    gfx_check_crt(dst, dst_stride, src, table, width, height, row_gain);
    uint8_t rgb[3 * STEP_PX + 1] = {0};
    const size_t count = (size_t)width * (size_t)height;
    for (int y = 0; y < height; y++) {
        uint8_t *out = dst + y * dst_stride;
        const uint32_t *t = table + (size_t)y * (size_t)width;
        const simde_uint8x8_t gain = simde_vdup_n_u8(row_gain[y]);
        for (int x = 0; x < width; x += STEP_PX) {
            int pixels = width - x < STEP_PX ? width - x : STEP_PX;
            prefetch_source(src, table, (size_t)y * (size_t)width + (size_t)x + PREFETCH_PX, count);
            gather_pixels(rgb, t + x, pixels, src);
            uint8_t *to = pixels == STEP_PX ? out + 3 * x : rgb;
            for (int v = 0; v < 3; v++)
                simde_vst1q_u8(to + 16 * v, scale_bytes(simde_vld1q_u8(rgb + 16 * v), gain));
            if (to == rgb)
                memcpy(out + 3 * x, rgb, 3 * (size_t)pixels);
        }
    }
}
