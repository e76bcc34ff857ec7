/* Cell stats, the SIMD body every variant instantiates (see
 * cell_stats_band.h for the two steps). A variant defines, then includes:
 *   vec                 a vector of CS_LANES uint16_t lanes
 *   CS_LANES            pixels per step
 *   V_SET(c), V_ADD, V_SHR8 (logical), V_ABSDIFF (|x - y| of unsigned
 *   lanes), V_LOAD16(const uint16_t *p), V_STORE(uint16_t *p, v)
 * and either
 *   V_LOAD_RGB(p, r, g, b)  the CS_LANES pixels at p (3 * CS_LANES bytes,
 *                       read no further) as R, G, B lanes, zero-extended,
 *   V_MUL (low 16 bits)
 * or, where there is a pmaddubsw (unsigned bytes times signed bytes, pairs
 * summed to 16 bits),
 *   V_LOAD_PAIRS(p, rg, bg)  the same pixels as (R, G) and (B, G) byte
 *                       pairs, R and B in the low bytes,
 *   V_MADDUBS(pairs, coefficients), V_AND
 * which takes the luma in fewer operations: two pmaddubsw instead of three
 * multiplies and an add, and two shuffled vectors a pixel instead of three
 * (1080p, 10x19 cells, with a previous frame, one core, medians of 7: SSE4.1
 * 1.6 -> 1.28 ms, AVX2 1.07 -> 0.86, AVX-512 0.85 -> 0.72, about 11, 7.7
 * and 6.5 times a memcpy of one frame; the AVX2 inner loop is then about 62
 * instructions for 16 pixels of both frames, of which the sums' loads and
 * stores are 10).
 * The luma's weighted sum is below 65536, so 16-bit lanes hold it.
 * Rows are read in order, each adding to the column sums in the scratch
 * (L1-resident: 7 x 2 bytes a column): the frames stream past the hardware
 * prefetchers. Walking a vector of columns down the band's rows instead,
 * with the sums in registers, saved the loads and stores of the sums but
 * stalled on memory (AVX2 7.5 ms a 1080p frame, 1.3 with software prefetch,
 * against 1.26 this way; AVX-512 1.5 against 0.99). Adding two rows per
 * load and store of the sums did not pay either (no faster; at AVX2 barely
 * fewer instructions), nor did step 2 by multiplies for its divisions or
 * without its per-column branches, nor AVX2 lanes blended from two 32-byte
 * loads instead of the four 16-byte ones. */
#include <string.h>

#include "cell_stats_band.h"
#include "kernel_contracts.h"

#ifdef V_LOAD_PAIRS
/* From (R, G) and (B, G) byte pairs, unsigned times signed with 16-bit
 * sums (pmaddubsw): 77 R + 51 G and 29 B + 99 G stay below 32768, and their
 * total, 77 R + 150 G + 29 B + 128, below 65536. */
static inline vec cs_pairs_luma(vec rg, vec bg)
{
    vec s = V_ADD(V_MADDUBS(rg, V_SET(77 | 51 << 8)), V_MADDUBS(bg, V_SET(29 | 99 << 8)));
    return V_SHR8(V_ADD(s, V_SET(128)));
}

static inline __attribute__((always_inline)) void cs_load_rgb_luma(const uint8_t *p, vec *r, vec *g,
                                                                   vec *b, vec *luma)
{
    vec rg, bg;
    V_LOAD_PAIRS(p, rg, bg);
    *r = V_AND(rg, V_SET(0xff)), *g = V_SHR8(rg), *b = V_AND(bg, V_SET(0xff));
    *luma = cs_pairs_luma(rg, bg);
}

static inline __attribute__((always_inline)) vec cs_load_luma(const uint8_t *p)
{
    vec rg, bg;
    V_LOAD_PAIRS(p, rg, bg);
    return cs_pairs_luma(rg, bg);
}
#else
static inline vec cs_vec_luma(vec r, vec g, vec b)
{
    vec s = V_ADD(V_ADD(V_MUL(r, V_SET(77)), V_MUL(g, V_SET(150))),
                  V_ADD(V_MUL(b, V_SET(29)), V_SET(128)));
    return V_SHR8(s);
}

static inline __attribute__((always_inline)) void cs_load_rgb_luma(const uint8_t *p, vec *r, vec *g,
                                                                   vec *b, vec *luma)
{
    V_LOAD_RGB(p, *r, *g, *b);
    *luma = cs_vec_luma(*r, *g, *b);
}

static inline __attribute__((always_inline)) vec cs_load_luma(const uint8_t *p)
{
    vec r, g, b;
    V_LOAD_RGB(p, r, g, b);
    return cs_vec_luma(r, g, b);
}
#endif

/* Adds pixel row y of band `row` to the column sums, step by step. */
static inline __attribute__((always_inline)) void
cs_row_simd(const gfx_cell_stats_args *a, int row, int y, int band_w_steps, uint16_t *acc)
{
    const int band_w = a->cols * a->cell_w, y0 = a->origin_y + row * a->cell_h;
    const int part = cs_luma_plane(y, a->cell_h);
    const uint8_t *p = a->frame + (y0 + y) * a->stride + 3 * a->origin_x;
    const uint8_t *q = a->prev ? a->prev + (y0 + y) * a->prev_stride + 3 * a->origin_x : NULL;
    uint16_t *pr = acc + CS_R * band_w, *pg = acc + CS_G * band_w, *pb = acc + CS_B * band_w;
    uint16_t *pl = acc + part * band_w, *pd = acc + CS_MOTION * band_w;
    for (int x = 0; x < band_w_steps; x += CS_LANES) {
        vec r, g, b, luma;
        cs_load_rgb_luma(p + 3 * x, &r, &g, &b, &luma);
        V_STORE(pr + x, V_ADD(V_LOAD16(pr + x), r));
        V_STORE(pg + x, V_ADD(V_LOAD16(pg + x), g));
        V_STORE(pb + x, V_ADD(V_LOAD16(pb + x), b));
        V_STORE(pl + x, V_ADD(V_LOAD16(pl + x), luma));
        if (q)
            V_STORE(pd + x, V_ADD(V_LOAD16(pd + x), V_ABSDIFF(luma, cs_load_luma(q + 3 * x))));
    }
}

/* Per band: the column sums (SIMD steps, then the scalar tail), then the
 * cells. */
static void cell_stats_variant(const gfx_cell_stats_args *a)
{
    gfx_check_cell_stats(a);
    const int band_w = a->cols * a->cell_w, steps_w = band_w / CS_LANES * CS_LANES;
    for (int row = 0; row < a->rows; row++) {
        memset(a->scratch, 0, sizeof(uint16_t) * CS_PLANES * (size_t)band_w);
        for (int y = 0; y < a->cell_h; y++)
            cs_row_simd(a, row, y, steps_w, a->scratch);
        cs_columns_scalar(a, row, steps_w, band_w, a->scratch);
        cs_finish_band(a, row, a->scratch);
    }
}
