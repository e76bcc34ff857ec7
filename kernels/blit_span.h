/* The clipped span of one cell that every SIMD blit variant walks, so that
 * they all clip the way the scalar reference does. Internal to kernels/. */
#ifndef GFX_BLIT_SPAN_H
#define GFX_BLIT_SPAN_H
#include "gfx_kernels.h"
#include "kernel_contracts.h"

/* The visible part of one cell: `rows` canvas rows of `bytes` bytes
 * (3 per pixel, so the colour of byte i is colour[i % 3]) starting at `px`,
 * each drawn from the atlas row starting at `cov` (rows `cov_stride` apart).
 * `cov` may sit inside an atlas row (left-clipped cell); a variant may read
 * only the `bytes` bytes there, plus whatever stays inside the atlas row. */
struct gfx_blit_span {
    uint8_t *px;
    ptrdiff_t px_stride;
    const uint8_t *cov;
    ptrdiff_t cov_stride;
    int bytes, rows;
    uint8_t colour[3];
};

/* Fills *s for cell (r, c); returns 0 if there is nothing to draw (a space,
 * or a cell clipped away entirely). */
static inline int gfx_blit_span_of(const gfx_blit_args *a, int r, int c, struct gfx_blit_span *s)
{
    const gfx_atlas *at = a->atlas;
    const gfx_cell *cell = &a->cells[r * a->cells_stride + c];
    if (cell->glyph == 0)
        return 0;
    gfx_check_glyph(at, cell->glyph);
    int x0, x1, y0, y1;
    gfx_cell_span(a->origin_x, c, at->cell_w, a->width, &x0, &x1);
    gfx_cell_span(a->origin_y, r, at->cell_h, a->height, &y0, &y1);
    if (x1 <= x0 || y1 <= y0)
        return 0;
    int gx0 = x0 - a->origin_x - c * at->cell_w, gy0 = y0 - a->origin_y - r * at->cell_h;
    s->px = a->canvas + y0 * a->stride + 3 * x0;
    s->px_stride = a->stride;
    s->cov = at->rgb + cell->glyph * at->glyph_bytes + gy0 * at->row_bytes + 3 * gx0;
    s->cov_stride = at->row_bytes;
    s->bytes = 3 * (x1 - x0);
    s->rows = y1 - y0;
    s->colour[0] = cell->r, s->colour[1] = cell->g, s->colour[2] = cell->b;
    return 1;
}

/* One row of a span, byte by byte as the reference does it: for the few
 * bytes too short for any vector. */
static inline void gfx_blit_bytes_scalar(uint8_t *px, const uint8_t *cov, int bytes,
                                         const uint8_t colour[3])
{
    for (int i = 0; i < bytes; i++) {
        uint8_t v = (uint8_t)gfx_div255(cov[i] * colour[i % 3]);
        if (v > px[i])
            px[i] = v;
    }
}

/* Every row of a span too short for any vector, byte by byte. */
static inline void gfx_blit_rows_scalar(const struct gfx_blit_span *s)
{
    for (int y = 0; y < s->rows; y++)
        gfx_blit_bytes_scalar(s->px + y * s->px_stride, s->cov + y * s->cov_stride, s->bytes,
                              s->colour);
}

typedef void (*gfx_blit_span_fn)(const struct gfx_blit_span *s);

/* The cell walk every SIMD variant shares: checks the arguments, then hands
 * each visible cell's span to the variant's blit_span. Inlined into each
 * variant, so blit_span is a direct call. */
static inline void gfx_blit_cells(const gfx_blit_args *a, gfx_blit_span_fn blit_span)
{
    gfx_check_blit(a);
    struct gfx_blit_span s;
    for (int r = 0; r < a->rows; r++)
        for (int c = 0; c < a->cols; c++)
            if (gfx_blit_span_of(a, r, c, &s))
                blit_span(&s);
}

#endif
