/* Film grain, NEON (native on aarch64, through SIMDe elsewhere): 16 noise
 * blocks (32 pixels, 96 bytes of each of the block row's two pixel rows) per
 * step.
 *
 * The hashes run in 32-bit lanes (vmulq_u32), with the hash's first
 * xor-shift folded into the row key as in the x86 variants (the block index
 * is below 65536). A table lookup spreads each noise byte over its 2 pixels x
 * 3 channels, and vsqadd (unsigned plus signed, saturating) adds it in one
 * instruction per vector. */
#include <simde/arm/neon.h>

#include "gfx_kernels.h"
#include "grain_rows.h"
#include "kernel_contracts.h"
#include "kernels_arm.h"

#define BLOCK_PX 32

/* Channel vector k (bytes 16k..16k+15 of the step) takes noise byte
 * (16k + i) / 6 at byte i. */
static const uint8_t spread_table[6][16] = {
    {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2},
    {2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 5, 5},
    {5, 5, 5, 5, 6, 6, 6, 6, 6, 6, 7, 7, 7, 7, 7, 7},
    {8, 8, 8, 8, 8, 8, 9, 9, 9, 9, 9, 9, 10, 10, 10, 10},
    {10, 10, 11, 11, 11, 11, 11, 11, 12, 12, 12, 12, 12, 12, 13, 13},
    {13, 13, 13, 13, 14, 14, 14, 14, 14, 14, 15, 15, 15, 15, 15, 15},
};

struct grain_row {
    uint32_t key; /* the row key with the hash's first xor-shift folded in */
    uint32_t range;
    simde_uint8x16_t amount;
    simde_uint8x16_t spread[6];
};

/* The low 32 bits of a * b. SIMDe 0.7 emulates vmulq_u32 with a signed
 * multiply, undefined on overflow (UBSan stops on it; SIMDe issue 1295), so
 * off ARM the products are taken widened, which is defined. */
static inline simde_uint32x4_t mul_low32(simde_uint32x4_t a, uint32_t b)
{
#if defined(SIMDE_ARM_NEON_A32V7_NATIVE)
    return simde_vmulq_n_u32(a, b);
#else
    simde_uint32x2_t k = simde_vdup_n_u32(b);
    simde_uint64x2_t lo = simde_vmull_u32(simde_vget_low_u32(a), k);
    simde_uint64x2_t hi = simde_vmull_u32(simde_vget_high_u32(a), k);
    return simde_vcombine_u32(simde_vmovn_u64(lo), simde_vmovn_u64(hi));
#endif
}

static inline simde_uint32x4_t hash_tail(simde_uint32x4_t x)
{
    x = mul_low32(x, 0x7feb352dU);
    x = simde_veorq_u32(x, simde_vshrq_n_u32(x, 15));
    x = mul_low32(x, 0x846ca68bU);
    return simde_veorq_u32(x, simde_vshrq_n_u32(x, 16));
}

/* (h >> 16) * range >> 16 (0 .. 2 amount) of four consecutive blocks; the
 * product is below 2^24, so the plain multiply cannot overflow. */
static inline simde_uint16x4_t noise4(const struct grain_row *g, uint32_t bx)
{
    static const uint32_t lanes[4] = {0, 1, 2, 3};
    simde_uint32x4_t index = simde_vaddq_u32(simde_vdupq_n_u32(bx), simde_vld1q_u32(lanes));
    simde_uint32x4_t h = hash_tail(simde_veorq_u32(simde_vdupq_n_u32(g->key), index));
    return simde_vshrn_n_u32(simde_vmulq_n_u32(simde_vshrq_n_u32(h, 16), g->range), 16);
}

/* Signed noise n of blocks bx .. bx + 15, one per byte. */
static inline simde_int8x16_t block_noise(const struct grain_row *g, uint32_t bx)
{
    simde_uint16x8_t lo = simde_vcombine_u16(noise4(g, bx), noise4(g, bx + 4));
    simde_uint16x8_t hi = simde_vcombine_u16(noise4(g, bx + 8), noise4(g, bx + 12));
    simde_uint8x16_t biased = simde_vcombine_u8(simde_vmovn_u16(lo), simde_vmovn_u16(hi));
    return simde_vreinterpretq_s8_u8(simde_vsubq_u8(biased, g->amount));
}

static inline void grain_step(uint8_t *row0, uint8_t *row1, const void *ctx, uint32_t bx)
{
    const struct grain_row *g = ctx;
    simde_uint8x16_t noise = simde_vreinterpretq_u8_s8(block_noise(g, bx));
#pragma GCC unroll 6
    for (int k = 0; k < 6; k++) {
        simde_int8x16_t n = simde_vreinterpretq_s8_u8(simde_vqtbl1q_u8(noise, g->spread[k]));
        simde_vst1q_u8(row0 + 16 * k, simde_vsqaddq_u8(simde_vld1q_u8(row0 + 16 * k), n));
        if (row1)
            simde_vst1q_u8(row1 + 16 * k, simde_vsqaddq_u8(simde_vld1q_u8(row1 + 16 * k), n));
    }
}

static inline void set_row_key(void *ctx, uint32_t folded_key)
{
    ((struct grain_row *)ctx)->key = folded_key;
}

void gfx_grain_neon(uint8_t *canvas, ptrdiff_t stride, int width, int height, uint32_t key,
                    int amount)
{
    struct grain_row g;
    g.range = 2u * (uint32_t)amount + 1u;
    g.amount = simde_vdupq_n_u8((uint8_t)amount);
    for (int k = 0; k < 6; k++)
        g.spread[k] = simde_vld1q_u8(spread_table[k]);
    gfx_grain_rows(canvas, stride, width, height, key, amount, BLOCK_PX, set_row_key, grain_step,
                   &g);
}
