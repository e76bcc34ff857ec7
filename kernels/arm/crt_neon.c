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
#include "table_gather_arm.h"

#define STEP_PX 16

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
            table_prefetch_ahead(src, table, (size_t)y * (size_t)width + (size_t)x, count,
                                 GFX_CRT_BLACK);
            table_gather_rgb(rgb, t + x, pixels, src, GFX_CRT_BLACK);
            uint8_t *to = pixels == STEP_PX ? out + 3 * x : rgb;
            for (int v = 0; v < 3; v++)
                simde_vst1q_u8(to + 16 * v, scale_bytes(simde_vld1q_u8(rgb + 16 * v), gain));
            if (to == rgb)
                memcpy(out + 3 * x, rgb, 3 * (size_t)pixels);
        }
    }
}
