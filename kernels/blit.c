/* Glyph blit, scalar reference (the specification; see gfx_kernels.h). */
#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "kernels_c.h"

void gfx_blit_scalar(const gfx_blit_args *a)
{
    gfx_check_blit(a);
    const gfx_atlas *at = a->atlas;
    for (int r = 0; r < a->rows; r++) {
        int y0, y1;
        gfx_cell_span(a->origin_y, r, at->cell_h, a->height, &y0, &y1);
        const gfx_cell *row = a->cells + r * a->cells_stride;
        for (int c = 0; c < a->cols; c++) {
            const gfx_cell *cell = &row[c];
            if (cell->glyph == 0)
                continue;
            gfx_check_glyph(at, cell->glyph);
            int x0, x1;
            gfx_cell_span(a->origin_x, c, at->cell_w, a->width, &x0, &x1);
            const uint8_t colour[3] = {cell->r, cell->g, cell->b};
            for (int y = y0; y < y1; y++) {
                const uint8_t *cov = at->rgb + cell->glyph * at->glyph_bytes +
                                     (y - a->origin_y - r * at->cell_h) * at->row_bytes;
                uint8_t *px = a->canvas + y * a->stride;
                for (int x = x0; x < x1; x++) {
                    int gx = x - a->origin_x - c * at->cell_w;
                    for (int ch = 0; ch < 3; ch++) {
                        uint8_t v = (uint8_t)gfx_div255(cov[3 * gx + ch] * colour[ch]);
                        if (v > px[3 * x + ch])
                            px[3 * x + ch] = v;
                    }
                }
            }
        }
    }
}
