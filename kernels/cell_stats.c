/* Cell stats, scalar reference (see gfx_kernels.h): each cell straight from
 * its pixels, as the header defines it. */
#include "cell_stats_band.h"
#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "kernels_c.h"

static int pixel_luma(const uint8_t *frame, ptrdiff_t stride, int x, int y)
{
    const uint8_t *p = frame + y * stride + 3 * x;
    return cs_luma(p[0], p[1], p[2]);
}

static void one_cell(const gfx_cell_stats_args *a, int row, int col)
{
    const int x0 = a->origin_x + col * a->cell_w, y0 = a->origin_y + row * a->cell_h;
    const int half_w = a->cell_w / 2, half_h = a->cell_h / 2;
    uint32_t sum_r = 0, sum_g = 0, sum_b = 0, sum_luma = 0, sum_motion = 0;
    int32_t sx = 0, sy = 0;
    for (int y = 0; y < a->cell_h; y++)
        for (int x = 0; x < a->cell_w; x++) {
            const uint8_t *p = a->frame + (y0 + y) * a->stride + 3 * (x0 + x);
            int luma = pixel_luma(a->frame, a->stride, x0 + x, y0 + y);
            sum_r += p[0], sum_g += p[1], sum_b += p[2], sum_luma += (uint32_t)luma;
            sx += (x >= a->cell_w - half_w ? luma : 0) - (x < half_w ? luma : 0);
            sy += (y >= a->cell_h - half_h ? luma : 0) - (y < half_h ? luma : 0);
            if (a->prev) {
                int d = luma - pixel_luma(a->prev, a->prev_stride, x0 + x, y0 + y);
                sum_motion += (uint32_t)(d < 0 ? -d : d);
            }
        }
    const uint32_t n = (uint32_t)(a->cell_w * a->cell_h);
    const ptrdiff_t o = row * a->out.stride + col;
    a->out.r[o] = cs_mean(sum_r, n), a->out.g[o] = cs_mean(sum_g, n);
    a->out.b[o] = cs_mean(sum_b, n), a->out.luma[o] = cs_mean(sum_luma, n);
    a->out.motion[o] = cs_mean(sum_motion, n);
    cs_edge(sx, sy, a->cell_w, a->cell_h, &a->out.edge[o], &a->out.edge_dir[o]);
}

void gfx_cell_stats_scalar(const gfx_cell_stats_args *a)
{
    gfx_check_cell_stats(a);
    for (int row = 0; row < a->rows; row++)
        for (int col = 0; col < a->cols; col++)
            one_cell(a, row, col);
}
