/* Cell stats, the SIMD body every variant instantiates (see
 * cell_stats_band.h for the two steps). A variant defines, then includes:
 *   vec                 a vector of CS_LANES uint16_t lanes
 *   CS_LANES            pixels per step
 *   V_LOAD_RGB(p, r, g, b)  the CS_LANES pixels at p (3 * CS_LANES bytes,
 *                       read no further) as R, G, B lanes, zero-extended
 *   V_ZERO(), V_SET(c), V_ADD, V_MUL (low 16 bits), V_SHR8 (logical),
 *   V_ABSDIFF (|x - y| of unsigned lanes), V_STORE(uint16_t *p, v)
 * The luma's weighted sum is below 65536, so 16-bit lanes hold it. */
#include "cell_stats_band.h"
#include "kernel_contracts.h"
/* A step walks down the band's rows, then moves one step right: the hardware
 * prefetchers miss that pattern (AVX2 took 7.5 ms at 1080p without this,
 * 1.3 with it), so each row asks for its bytes a few steps ahead. */
#define CS_PREFETCH 384

static inline vec cs_vec_luma(vec r, vec g, vec b)
{
    vec s = V_ADD(V_ADD(V_MUL(r, V_SET(77)), V_MUL(g, V_SET(150))),
                  V_ADD(V_MUL(b, V_SET(29)), V_SET(128)));
    return V_SHR8(s);
}

/* The running column sums of one step of CS_LANES columns. */
typedef struct cs_sums {
    vec r, g, b, luma[3], motion; /* luma: top half, odd middle row, bottom half */
} cs_sums;

/* Adds pixel rows [y, y_end) of the step at p (and q, the previous frame's,
 * when there is one) to the sums, the luma into luma[part]. */
static inline __attribute__((always_inline)) void cs_add_rows(cs_sums *s, int part, int y,
                                                              int y_end, const uint8_t *p,
                                                              ptrdiff_t stride, const uint8_t *q,
                                                              ptrdiff_t q_stride)
{
    for (; y < y_end; y++) {
        vec r, g, b;
        __builtin_prefetch(p + y * stride + CS_PREFETCH);
        V_LOAD_RGB(p + y * stride, r, g, b);
        s->r = V_ADD(s->r, r), s->g = V_ADD(s->g, g), s->b = V_ADD(s->b, b);
        vec luma = cs_vec_luma(r, g, b);
        s->luma[part] = V_ADD(s->luma[part], luma);
        if (q) {
            __builtin_prefetch(q + y * q_stride + CS_PREFETCH);
            V_LOAD_RGB(q + y * q_stride, r, g, b);
            s->motion = V_ADD(s->motion, V_ABSDIFF(luma, cs_vec_luma(r, g, b)));
        }
    }
}

/* Step 1 for CS_LANES columns from x: the seven column sums, stored. */
static inline void cs_columns_simd(const gfx_cell_stats_args *a, int row, int x, uint16_t *acc)
{
    const int band_w = a->cols * a->cell_w, y0 = a->origin_y + row * a->cell_h;
    const int top_end = a->cell_h / 2, mid_end = a->cell_h - a->cell_h / 2;
    const uint8_t *p = a->frame + y0 * a->stride + 3 * (a->origin_x + x);
    const uint8_t *q = a->prev ? a->prev + y0 * a->prev_stride + 3 * (a->origin_x + x) : NULL;
    cs_sums s = {V_ZERO(), V_ZERO(), V_ZERO(), {V_ZERO(), V_ZERO(), V_ZERO()}, V_ZERO()};
    cs_add_rows(&s, 0, 0, top_end, p, a->stride, q, a->prev_stride);
    cs_add_rows(&s, 1, top_end, mid_end, p, a->stride, q, a->prev_stride);
    cs_add_rows(&s, 2, mid_end, a->cell_h, p, a->stride, q, a->prev_stride);
    V_STORE(acc + CS_R * band_w + x, s.r);
    V_STORE(acc + CS_G * band_w + x, s.g);
    V_STORE(acc + CS_B * band_w + x, s.b);
    V_STORE(acc + CS_Y_TOP * band_w + x, s.luma[0]);
    V_STORE(acc + CS_Y_MID * band_w + x, s.luma[1]);
    V_STORE(acc + CS_Y_BOTTOM * band_w + x, s.luma[2]);
    V_STORE(acc + CS_MOTION * band_w + x, s.motion);
}

static void cell_stats_variant(const gfx_cell_stats_args *a)
{
    gfx_check_cell_stats(a);
    const int band_w = a->cols * a->cell_w;
    for (int row = 0; row < a->rows; row++) {
        int x = 0;
        for (; x + CS_LANES <= band_w; x += CS_LANES)
            cs_columns_simd(a, row, x, a->scratch);
        cs_columns_scalar(a, row, x, band_w, a->scratch);
        cs_finish_band(a, row, a->scratch);
    }
}
