/* Per-channel LUT, NEON (native on aarch64, through SIMDe elsewhere): 16
 * pixels per step. vld3q splits them into R, G and B; each plane goes
 * through its table as four 64-byte quarters: vqtbl4q for the first, then
 * vqtbx4q with the index lowered by 64 each time (an index past 63 leaves
 * the lane as it was, so each lane is written by its own quarter only).
 * When the three tables are the same (every curve shader's) the bytes go
 * through the one table without the split into planes. */
#include <string.h>

#include <simde/arm/neon.h>

#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "kernels_arm.h"

static inline simde_uint8x16_t lookup(simde_uint8x16_t v, const simde_uint8x16x4_t *quarter)
{
    const simde_uint8x16_t step = simde_vdupq_n_u8(64);
    simde_uint8x16_t r = simde_vqtbl4q_u8(quarter[0], v);
    for (int q = 1; q < 4; q++) {
        v = simde_vsubq_u8(v, step);
        r = simde_vqtbx4q_u8(r, quarter[q], v);
    }
    return r;
}

static void lut3_block(uint8_t *d, const uint8_t *s, const simde_uint8x16x4_t quarter[3][4])
{
    simde_uint8x16x3_t px = simde_vld3q_u8(s);
    for (int c = 0; c < 3; c++)
        px.val[c] = lookup(px.val[c], quarter[c]);
    simde_vst3q_u8(d, px);
}

static void one_table_block(uint8_t *d, const uint8_t *s, const simde_uint8x16x4_t quarter[4])
{
    for (int j = 0; j < 3; j++)
        simde_vst1q_u8(d + 16 * j, lookup(simde_vld1q_u8(s + 16 * j), quarter));
}

void gfx_lut3_neon(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src, ptrdiff_t src_stride,
                   int width, int height, const gfx_lut3 *lut)
{
    gfx_check_lut3(dst, dst_stride, src, src_stride, width, height, lut);
    simde_uint8x16x4_t quarter[3][4];
    for (int c = 0; c < 3; c++)
        for (int q = 0; q < 4; q++)
            quarter[c][q] = simde_vld1q_u8_x4(&lut->t[c][64 * q]);
    const int one_table = !memcmp(lut->t[0], lut->t[1], 256) && !memcmp(lut->t[0], lut->t[2], 256);
    const int full = width - width % 16, rest = width - full;
    for (int y = 0; y < height; y++) {
        uint8_t *d = dst + y * dst_stride;
        const uint8_t *s = src + y * src_stride;
        if (one_table)
            for (int x = 0; x < full; x += 16)
                one_table_block(d + 3 * x, s + 3 * x, quarter[0]);
        else
            for (int x = 0; x < full; x += 16)
                lut3_block(d + 3 * x, s + 3 * x, quarter);
        if (rest) { /* through a copy: nothing past the row is read or written */
            uint8_t tail[48] = {0};
            memcpy(tail, s + 3 * full, 3 * (size_t)rest);
            lut3_block(tail, tail, quarter);
            memcpy(d + 3 * full, tail, 3 * (size_t)rest);
        }
    }
}
