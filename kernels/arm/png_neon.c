/* PNG kernels, NEON (native on aarch64, through SIMDe elsewhere): the
 * filter and Adler-32 16 bytes a step, in the scheme of
 * kernels/x86/png_sse41.c (Paeth in bytes, costs as |signed residual|).
 * CRC-32: the ARMv8 CRC32 instructions where the compiler targets them
 * (same polynomial as PNG's); elsewhere, SIMDe included, the scalar table,
 * as SIMDe has no 64-bit polynomial multiply. */
#include <simde/arm/neon.h>

#include "gfx_kernels.h"
#include "kernels_c.h"
#include "kernels_arm.h"
#include "png_rows.h"
#if defined(__ARM_FEATURE_CRC32)
#include <arm_acle.h>
#endif

#define V 16

static inline simde_uint8x16_t paeth(simde_uint8x16_t a, simde_uint8x16_t b, simde_uint8x16_t c)
{
    simde_uint8x16_t pa = simde_vabdq_u8(b, c), pb = simde_vabdq_u8(a, c);
    simde_uint8x16_t same_sign = simde_vceqq_u8(simde_vcgeq_u8(b, c), simde_vcgeq_u8(a, c));
    simde_uint8x16_t pc =
        simde_vbslq_u8(same_sign, simde_vqaddq_u8(pa, pb), simde_vabdq_u8(pa, pb));
    simde_uint8x16_t use_a = simde_vandq_u8(simde_vcleq_u8(pa, pb), simde_vcleq_u8(pa, pc));
    return simde_vbslq_u8(use_a, a, simde_vbslq_u8(simde_vcleq_u8(pb, pc), b, c));
}

static inline simde_uint32x4_t add_cost(simde_uint32x4_t acc, simde_uint8x16_t r)
{
    simde_uint8x16_t abs = simde_vreinterpretq_u8_s8(simde_vabsq_s8(simde_vreinterpretq_s8_u8(r)));
    return simde_vpadalq_u16(acc, simde_vpaddlq_u8(abs));
}

static inline void cost_step(void *acc_, const uint8_t *row, const uint8_t *prev, int i, int bpp)
{
    simde_uint32x4_t *acc = acc_;
    simde_uint8x16_t x = simde_vld1q_u8(row + i), a = simde_vld1q_u8(row + i - bpp);
    simde_uint8x16_t b = simde_vld1q_u8(prev + i), c = simde_vld1q_u8(prev + i - bpp);
    acc[0] = add_cost(acc[0], x);
    acc[1] = add_cost(acc[1], simde_vsubq_u8(x, a));
    acc[2] = add_cost(acc[2], simde_vsubq_u8(x, b));
    acc[3] = add_cost(acc[3], simde_vsubq_u8(x, paeth(a, b, c)));
}

static inline void cost_sum(uint64_t c4[4], const void *acc)
{
    for (int f = 0; f < 4; f++)
        c4[f] += simde_vaddlvq_u32(((const simde_uint32x4_t *)acc)[f]);
}

static inline void apply_step(uint8_t *out, const uint8_t *row, const uint8_t *prev, int i, int bpp,
                              int pick)
{
    simde_uint8x16_t x = simde_vld1q_u8(row + i), r = x;
    if (pick == 1)
        r = simde_vsubq_u8(x, simde_vld1q_u8(row + i - bpp));
    else if (pick == 2)
        r = simde_vsubq_u8(x, simde_vld1q_u8(prev + i));
    else if (pick == 3)
        r = simde_vsubq_u8(x, paeth(simde_vld1q_u8(row + i - bpp), simde_vld1q_u8(prev + i),
                                    simde_vld1q_u8(prev + i - bpp)));
    simde_vst1q_u8(out + i, r);
}

void gfx_png_filter_neon(uint8_t *out, const uint8_t *row, const uint8_t *prev, int width, int bpp)
{
    simde_uint32x4_t acc[4];
    for (int f = 0; f < 4; f++)
        acc[f] = simde_vdupq_n_u32(0);
    gfx_png_filter_row(out, row, prev, width, bpp, V, acc, cost_step, cost_sum, apply_step);
}

/* Adler-32 as png_sse41.c: weights 16..9 on the low half, 8..1 on the high
 * half (vmull/vmlal to 16 bits), widened into 32-bit lanes. */
uint32_t gfx_adler32_neon(uint32_t adler, const uint8_t *p, size_t n)
{
    static const uint8_t w[16] = {16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
    const simde_uint8x8_t w_lo = simde_vld1_u8(w), w_hi = simde_vld1_u8(w + 8);
    while (n >= V) {
        size_t block = n < 5536 ? n - n % V : 5536;
        simde_uint32x4_t sum = simde_vdupq_n_u32(0), prefix = sum, weighted = sum;
        for (size_t i = 0; i < block; i += V) {
            simde_uint8x16_t d = simde_vld1q_u8(p + i);
            prefix = simde_vaddq_u32(prefix, sum);
            sum = simde_vpadalq_u16(sum, simde_vpaddlq_u8(d));
            simde_uint16x8_t t = simde_vmull_u8(simde_vget_low_u8(d), w_lo);
            t = simde_vmlal_u8(t, simde_vget_high_u8(d), w_hi);
            weighted = simde_vpadalq_u16(weighted, t);
        }
        adler = gfx_adler32_combine(adler, block, simde_vaddlvq_u32(sum),
                                    simde_vaddlvq_u32(prefix) * V, simde_vaddlvq_u32(weighted));
        p += block, n -= block;
    }
    return gfx_adler32_tail(adler, p, n);
}

uint32_t gfx_crc32_neon(uint32_t crc, const uint8_t *p, size_t n)
{
#if defined(__ARM_FEATURE_CRC32)
    uint32_t c = ~crc;
    for (; n >= 8; n -= 8, p += 8) {
        uint64_t v;
        __builtin_memcpy(&v, p, 8);
        c = __crc32d(c, v);
    }
    while (n--)
        c = __crc32b(c, *p++);
    return ~c;
#else
    return gfx_crc32_scalar(crc, p, n);
#endif
}
