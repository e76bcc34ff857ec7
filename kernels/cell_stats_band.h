/* Cell stats (gfx_kernels.h): the rounding helpers of the specification, and
 * the two steps every variant shares around its SIMD column sums. A variant
 * reduces one row of cells ("band") at a time:
 *   1. per pixel column x of the band, sums over the band's pixel rows of
 *      R, G, B, Y (top half, odd middle row, bottom half) and |Y - Y_prev|,
 *      in seven uint16_t planes of the scratch (cell_h * 255 fits);
 *   2. per cell, those columns summed (cs_finish_band), which is exact
 *      integer arithmetic and so gives the scalar reference's bytes.
 * Step 1's SIMD part does whole vectors of columns; cs_columns_scalar does
 * the rest. Internal to kernels/. */
#ifndef GFX_CELL_STATS_BAND_H
#define GFX_CELL_STATS_BAND_H

#include <stdint.h>

#include "gfx_kernels.h"

enum { CS_R, CS_G, CS_B, CS_Y_TOP, CS_Y_MID, CS_Y_BOTTOM, CS_MOTION, CS_PLANES };

static inline int cs_luma(int r, int g, int b)
{
    return (77 * r + 150 * g + 29 * b + 128) >> 8;
}

/* mean(S, n) of the specification: halves up. */
static inline uint8_t cs_mean(uint32_t sum, uint32_t n)
{
    return (uint8_t)((sum + n / 2) / n);
}

/* sign(s) mean(|s|, n), 0 for n = 0. */
static inline int cs_signed_mean(int32_t s, uint32_t n)
{
    if (n == 0)
        return 0;
    int m = (int)(((uint32_t)(s < 0 ? -s : s) + n / 2) / n);
    return s < 0 ? -m : m;
}

/* edge and edge_dir of a cell from its half-sum differences Sx, Sy. */
static inline void cs_edge(int32_t sx, int32_t sy, int cell_w, int cell_h, uint8_t *edge,
                           uint8_t *dir)
{
    int gx = cs_signed_mean(sx, (uint32_t)(cell_w / 2 * cell_h));
    int gy = cs_signed_mean(sy, (uint32_t)(cell_h / 2 * cell_w));
    int ax = gx < 0 ? -gx : gx, ay = gy < 0 ? -gy : gy;
    *edge = (uint8_t)(ax + ay > 255 ? 255 : ax + ay);
    if (128 * ax <= 53 * ay)
        *dir = GFX_EDGE_HORIZONTAL;
    else if (128 * ay <= 53 * ax)
        *dir = GFX_EDGE_VERTICAL;
    else
        *dir = (gx > 0) == (gy > 0) ? GFX_EDGE_RISING : GFX_EDGE_FALLING;
}

/* Where a band's row y (0 .. cell_h-1) puts its luma. */
static inline int cs_luma_plane(int y, int cell_h)
{
    return y < cell_h / 2 ? CS_Y_TOP : y < cell_h - cell_h / 2 ? CS_Y_MID : CS_Y_BOTTOM;
}

/* Step 1 for pixel columns [x_begin, x_end) of band `row`, one at a time;
 * acc is the scratch, plane p at acc + p * band_w. */
static inline void cs_columns_scalar(const gfx_cell_stats_args *a, int row, int x_begin, int x_end,
                                     uint16_t *acc)
{
    const int band_w = a->cols * a->cell_w, y0 = a->origin_y + row * a->cell_h;
    for (int x = x_begin; x < x_end; x++) {
        unsigned sum[CS_PLANES] = {0};
        for (int y = 0; y < a->cell_h; y++) {
            const uint8_t *p = a->frame + (y0 + y) * a->stride + 3 * (a->origin_x + x);
            int luma = cs_luma(p[0], p[1], p[2]);
            sum[CS_R] += p[0], sum[CS_G] += p[1], sum[CS_B] += p[2];
            sum[cs_luma_plane(y, a->cell_h)] += (unsigned)luma;
            if (a->prev) {
                const uint8_t *q = a->prev + (y0 + y) * a->prev_stride + 3 * (a->origin_x + x);
                int d = luma - cs_luma(q[0], q[1], q[2]);
                sum[CS_MOTION] += (unsigned)(d < 0 ? -d : d);
            }
        }
        for (int k = 0; k < CS_PLANES; k++)
            acc[k * band_w + x] = (uint16_t)sum[k];
    }
}

/* Step 2: every cell of band `row` from the column sums. */
static inline void cs_finish_band(const gfx_cell_stats_args *a, int row, const uint16_t *acc)
{
    const int band_w = a->cols * a->cell_w, cw = a->cell_w, half_w = a->cell_w / 2;
    const uint32_t n = (uint32_t)(a->cell_w * a->cell_h);
    const ptrdiff_t o = row * a->out.stride;
    const uint16_t *pr = acc + CS_R * band_w, *pg = acc + CS_G * band_w, *pb = acc + CS_B * band_w;
    const uint16_t *pt = acc + CS_Y_TOP * band_w, *pm = acc + CS_Y_MID * band_w;
    const uint16_t *pbot = acc + CS_Y_BOTTOM * band_w, *pd = acc + CS_MOTION * band_w;
    for (int c = 0; c < a->cols; c++) {
        uint32_t r = 0, g = 0, b = 0, top = 0, bottom = 0, luma = 0, left = 0, right = 0, d = 0;
        for (int i = 0, x = c * cw; i < cw; i++, x++) {
            uint32_t column_luma = (uint32_t)pt[x] + pm[x] + pbot[x];
            r += pr[x], g += pg[x], b += pb[x], d += pd[x];
            top += pt[x], bottom += pbot[x], luma += column_luma;
            if (i < half_w)
                left += column_luma;
            if (i >= cw - half_w)
                right += column_luma;
        }
        a->out.r[o + c] = cs_mean(r, n), a->out.g[o + c] = cs_mean(g, n);
        a->out.b[o + c] = cs_mean(b, n), a->out.luma[o + c] = cs_mean(luma, n);
        a->out.motion[o + c] = cs_mean(d, n);
        cs_edge((int32_t)right - (int32_t)left, (int32_t)bottom - (int32_t)top, a->cell_w,
                a->cell_h, &a->out.edge[o + c], &a->out.edge_dir[o + c]);
    }
}

#endif
