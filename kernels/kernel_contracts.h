/* Argument checks shared by every variant of a kernel (assert: live in every
 * build but Release). Internal to kernels/. */
#ifndef GFX_KERNEL_CONTRACTS_H
#define GFX_KERNEL_CONTRACTS_H

#include <assert.h>

#include "gfx_kernels.h"

static inline void gfx_check_image(const void *px, ptrdiff_t stride, int width, int height,
                                   int bytes_per_px)
{
    assert(width > 0 && height > 0);
    assert(px != NULL);
    assert(stride >= (ptrdiff_t)width * bytes_per_px);
    (void)px, (void)stride, (void)width, (void)height, (void)bytes_per_px;
}

static inline void gfx_check_blit(const gfx_blit_args *a)
{
    gfx_check_image(a->canvas, a->stride, a->width, a->height, 3);
    assert(a->atlas && a->atlas->rgb);
    assert(a->atlas->cell_w >= 1 && a->atlas->cell_w <= 64);
    assert(a->atlas->cell_h >= 1 && a->atlas->cell_h <= 128);
    assert(a->atlas->row_bytes >= 3 * a->atlas->cell_w && a->atlas->row_bytes % 64 == 0);
    assert(a->atlas->glyph_bytes >= a->atlas->row_bytes * a->atlas->cell_h);
    assert(a->rows >= 0 && a->cols >= 0 && a->cells_stride >= a->cols);
    assert(a->rows == 0 || a->cols == 0 || a->cells);
    (void)a;
}

/* Every glyph index must name an atlas entry; checked per cell only in
 * debug builds because it walks the grid. */
static inline void gfx_check_glyph(const gfx_atlas *atlas, unsigned glyph)
{
    assert(glyph < (unsigned)atlas->glyph_count);
    (void)atlas, (void)glyph;
}

/* Clips cell column range to the canvas. Returns the pixel span [x0, x1). */
static inline void gfx_cell_span(int origin, int index, int size, int limit, int *p0, int *p1)
{
    int a = origin + index * size, b = a + size;
    *p0 = a < 0 ? 0 : a;
    *p1 = b > limit ? limit : b;
}

#endif
