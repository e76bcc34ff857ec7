/* The PNG filter's and Adler-32's scalar steps, shared by the reference and
 * every variant (internal to kernels/). */
#ifndef GFX_PNG_ROWS_H
#define GFX_PNG_ROWS_H
#include "gfx_kernels.h"

/* Shared by every variant: the scalar steps for the bytes a vector loop
 * leaves (the first pixel, which has no left neighbour, and the tail). */
static inline uint8_t gfx_paeth_predict(uint8_t a, uint8_t b, uint8_t c)
{
    /* PNG's rule (p = a + b - c; the nearest of a, b, c to p, ties in that
     * order), written with & so the compiler picks with cmov, not jumps */
    int pa = b - c, pb = a - c, pc = pa + pb;
    pa = pa < 0 ? -pa : pa, pb = pb < 0 ? -pb : pb, pc = pc < 0 ? -pc : pc;
    int use_a = (pa <= pb) & (pa <= pc);
    uint8_t b_or_c = pb <= pc ? b : c;
    return use_a ? a : b_or_c;
}

static inline unsigned gfx_png_byte_cost(uint8_t r)
{
    return r < 128 ? r : 256u - r;
}

/* The four costs of one byte, x with neighbours a (left), b (up), c (up
 * left), added to cost. */
static inline void gfx_png_costs_byte(uint64_t cost[4], uint8_t x, uint8_t a, uint8_t b, uint8_t c)
{
    cost[0] += gfx_png_byte_cost(x);
    cost[1] += gfx_png_byte_cost((uint8_t)(x - a));
    cost[2] += gfx_png_byte_cost((uint8_t)(x - b));
    cost[3] += gfx_png_byte_cost((uint8_t)(x - gfx_paeth_predict(a, b, c)));
}

/* Costs of None, Sub, Up, Paeth over bytes [from, to) of a row of bpp
 * bytes a pixel, added to cost; the first pixel's left and upper-left
 * neighbours are 0. The sums
 * run in a local array: the rows are bytes, which may alias anything, so
 * sums kept behind the caller's pointer would be stored every byte. */
static inline void gfx_png_costs_scalar(uint64_t cost[4], const uint8_t *row, const uint8_t *prev,
                                        int from, int to, int bpp)
{
    uint64_t sum[4] = {0, 0, 0, 0};
    int i = from;
    for (; i < to && i < bpp; i++)
        gfx_png_costs_byte(sum, row[i], 0, prev[i], 0);
    for (; i < to; i++)
        gfx_png_costs_byte(sum, row[i], row[i - bpp], prev[i], prev[i - bpp]);
    for (int f = 0; f < 4; f++)
        cost[f] += sum[f];
}

static inline uint8_t gfx_png_predict(int type, uint8_t a, uint8_t b, uint8_t c)
{
    return type == 0 ? 0 : type == 1 ? a : type == 2 ? b : gfx_paeth_predict(a, b, c);
}

static inline void gfx_png_apply_scalar(uint8_t *out, int type, const uint8_t *row,
                                        const uint8_t *prev, int from, int to, int bpp)
{
    int i = from;
    for (; i < to && i < bpp; i++)
        out[i] = (uint8_t)(row[i] - gfx_png_predict(type, 0, prev[i], 0));
    for (; i < to; i++)
        out[i] = (uint8_t)(row[i] - gfx_png_predict(type, row[i - bpp], prev[i], prev[i - bpp]));
}

/* The rule of gfx_kernels.h: the cheapest, ties to the lower type. Returns
 * the index 0..3 (None, Sub, Up, Paeth). */
static inline int gfx_png_pick(const uint64_t cost[4])
{
    int best = 0;
    for (int f = 1; f < 4; f++)
        if (cost[f] < cost[best])
            best = f;
    return best;
}

static inline int gfx_png_type(int pick)
{
    return pick == 3 ? 4 : pick;
}

/* The row loop of the filter variants (kernels/x86/png_sse41.c, png_avx2.c,
 * png_avx512.c, kernels/arm/png_neon.c): the four costs over whole steps
 * of step_bytes from byte bpp (the first pixel and the tail go through the
 * scalar steps), the pick, then the chosen filter over the same steps.
 * A step loads its left neighbours bpp bytes back (an unaligned load), so
 * any bpp works; every load stays inside row and prev, so no copy is
 * needed. */

/* Adds the costs of None, Sub, Up and Paeth of the step at byte i of the
 * row (i >= bpp) to the variant's accumulators acc. */
typedef void (*gfx_png_cost_step_fn)(void *acc, const uint8_t *row, const uint8_t *prev, int i,
                                     int bpp);
/* Adds the accumulators' four totals to cost. */
typedef void (*gfx_png_cost_sum_fn)(uint64_t cost[4], const void *acc);
/* Writes to out + i the residuals of filter pick (0..3: None, Sub, Up,
 * Paeth) of the step at byte i. */
typedef void (*gfx_png_apply_step_fn)(uint8_t *out, const uint8_t *row, const uint8_t *prev, int i,
                                      int bpp, int pick);

/* Inlined into each variant, so the three functions are direct calls; acc
 * is the variant's accumulators, zeroed. */
static inline void gfx_png_filter_row(uint8_t *out, const uint8_t *row, const uint8_t *prev,
                                      int width, int bpp, int step_bytes, void *acc,
                                      gfx_png_cost_step_fn cost_step, gfx_png_cost_sum_fn cost_sum,
                                      gfx_png_apply_step_fn apply_step)
{
    const int n = bpp * width;
    uint64_t c4[4] = {0, 0, 0, 0};
    const int first = n < bpp ? n : bpp;
    gfx_png_costs_scalar(c4, row, prev, 0, first, bpp);
    int i = bpp;
    for (; i + step_bytes <= n; i += step_bytes)
        cost_step(acc, row, prev, i, bpp);
    cost_sum(c4, acc);
    if (i < n)
        gfx_png_costs_scalar(c4, row, prev, i > first ? i : first, n, bpp);
    const int pick = gfx_png_pick(c4), type = gfx_png_type(pick);
    out[0] = (uint8_t)type;
    out++;
    gfx_png_apply_scalar(out, type, row, prev, 0, first, bpp);
    for (i = bpp; i + step_bytes <= n; i += step_bytes)
        apply_step(out, row, prev, i, bpp, pick);
    if (i < n)
        gfx_png_apply_scalar(out, type, row, prev, i > first ? i : first, n, bpp);
}

/* Adler-32 over a few bytes, no reduction needed for n < 5552. */
#define GFX_ADLER_MOD 65521u
static inline uint32_t gfx_adler32_tail(uint32_t adler, const uint8_t *p, size_t n)
{
    uint32_t s1 = adler & 0xffff, s2 = adler >> 16;
    for (size_t i = 0; i < n; i++) {
        s1 += p[i];
        s2 += s1;
    }
    return (s2 % GFX_ADLER_MOD) << 16 | (s1 % GFX_ADLER_MOD);
}

/* Folds one block's SIMD lane sums into (s1, s2): n bytes, sum = their sum,
 * prefix = the sum over chunks of the bytes in earlier chunks (times the
 * chunk size already), weighted = the sum of each byte times its distance
 * from its chunk's end (1 for the last). */
static inline uint32_t gfx_adler32_combine(uint32_t adler, uint64_t n, uint64_t sum,
                                           uint64_t prefix, uint64_t weighted)
{
    uint64_t s1 = adler & 0xffff, s2 = adler >> 16;
    s2 += n * s1 + prefix + weighted;
    s1 += sum;
    return (uint32_t)(s2 % GFX_ADLER_MOD) << 16 | (uint32_t)(s1 % GFX_ADLER_MOD);
}

#endif
