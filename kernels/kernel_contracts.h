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

/* One check per kernel: what gfx_kernels.h promises about its arguments,
 * asserted the same way by the reference and every variant. */
static inline void gfx_check_bloom_down(const uint8_t *small, ptrdiff_t small_stride,
                                        const uint8_t *canvas, ptrdiff_t stride, int width,
                                        int height)
{
    gfx_check_image(canvas, stride, width, height, 3);
    gfx_check_image(small, small_stride, (width + 3) / 4, (height + 3) / 4, 3);
}

static inline void gfx_check_box_blur3(const uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                                       ptrdiff_t src_stride, int width, int height,
                                       const uint16_t *scratch)
{
    gfx_check_image(src, src_stride, width, height, 3);
    gfx_check_image(dst, dst_stride, width, height, 3);
    assert(scratch);
    (void)scratch;
}

static inline void gfx_check_bloom_up(const uint8_t *canvas, ptrdiff_t stride, int width,
                                      int height, const uint8_t *small, ptrdiff_t small_stride,
                                      unsigned strength_q8)
{
    gfx_check_image(canvas, stride, width, height, 3);
    gfx_check_image(small, small_stride, (width + 3) / 4, (height + 3) / 4, 3);
    assert(strength_q8 <= 256);
    (void)strength_q8;
}

static inline void gfx_check_vignette(const uint8_t *canvas, ptrdiff_t stride, int width,
                                      int height, const uint8_t *mask, ptrdiff_t mask_stride)
{
    gfx_check_image(canvas, stride, width, height, 3);
    gfx_check_image(mask, mask_stride, width, height, 1);
}

static inline void gfx_check_grain(const uint8_t *canvas, ptrdiff_t stride, int width, int height,
                                   int amount)
{
    gfx_check_image(canvas, stride, width, height, 3);
    assert(amount >= 0 && amount <= 127);
    assert(width < 131072 && height < 131072);
    (void)amount;
}

static inline void gfx_check_crt(const uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                                 const uint32_t *table, int width, int height,
                                 const uint8_t *row_gain)
{
    gfx_check_image(dst, dst_stride, width, height, 3);
    assert(src && table && row_gain);
    (void)src, (void)table, (void)row_gain;
}

static inline void gfx_check_yuv420p(const uint8_t *y, ptrdiff_t y_stride, const uint8_t *u,
                                     const uint8_t *v, ptrdiff_t uv_stride, const uint8_t *rgb,
                                     ptrdiff_t stride, int width, int height)
{
    gfx_check_image(rgb, stride, width, height, 3);
    gfx_check_image(y, y_stride, width, height, 1);
    gfx_check_image(u, uv_stride, (width + 1) / 2, (height + 1) / 2, 1);
    gfx_check_image(v, uv_stride, (width + 1) / 2, (height + 1) / 2, 1);
}

static inline void gfx_check_blend(const uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                                   ptrdiff_t src_stride, int width, int height, int mode,
                                   unsigned opacity_q8)
{
    gfx_check_image(dst, dst_stride, width, height, 3);
    gfx_check_image(src, src_stride, width, height, 3);
    assert(mode >= 0 && mode < GFX_BLEND_COUNT);
    assert(opacity_q8 <= 256);
    (void)mode, (void)opacity_q8;
}

static inline void gfx_check_mask_mix(const uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                                      ptrdiff_t src_stride, const uint8_t *mask,
                                      ptrdiff_t mask_stride, int width, int height)
{
    gfx_check_image(dst, dst_stride, width, height, 3);
    gfx_check_image(src, src_stride, width, height, 3);
    assert(mask != NULL);
    assert(mask_stride == 0 || mask_stride >= width);
    (void)mask, (void)mask_stride;
}

static inline void gfx_check_colour_matrix(const uint8_t *dst, ptrdiff_t dst_stride,
                                           const uint8_t *src, ptrdiff_t src_stride, int width,
                                           int height, const gfx_colour_matrix *cm)
{
    gfx_check_image(dst, dst_stride, width, height, 3);
    gfx_check_image(src, src_stride, width, height, 3);
    assert(dst != src || dst_stride == src_stride);
    assert(cm);
    for (int c = 0; c < 3; c++)
        assert(cm->offset[c] >= -(1 << 24) && cm->offset[c] <= (1 << 24));
    (void)dst, (void)src, (void)dst_stride, (void)src_stride, (void)cm;
}

static inline void gfx_check_lut3(const uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                                  ptrdiff_t src_stride, int width, int height, const gfx_lut3 *lut)
{
    gfx_check_image(dst, dst_stride, width, height, 3);
    gfx_check_image(src, src_stride, width, height, 3);
    assert(dst != src || dst_stride == src_stride);
    assert(lut);
    (void)dst, (void)src, (void)dst_stride, (void)src_stride, (void)lut;
}

static inline void gfx_check_remap_affine(const uint8_t *dst, ptrdiff_t dst_stride, int dst_width,
                                          int dst_height, const uint8_t *src, ptrdiff_t src_stride,
                                          int src_width, int src_height, const gfx_affine_q16 *t)
{
    gfx_check_image(dst, dst_stride, dst_width, dst_height, 3);
    gfx_check_image(src, src_stride, src_width, src_height, 3);
    assert(src_stride * (ptrdiff_t)src_height < ((ptrdiff_t)1 << 31));
    assert(t);
    assert(t->c > -((int64_t)1 << 60) && t->c < ((int64_t)1 << 60));
    assert(t->f > -((int64_t)1 << 60) && t->f < ((int64_t)1 << 60));
    (void)dst, (void)src, (void)dst_stride, (void)src_stride, (void)t;
}

static inline void gfx_check_rgba_unpremultiply(const uint8_t *dst, ptrdiff_t dst_stride,
                                                const uint8_t *src, ptrdiff_t src_stride, int width,
                                                int height)
{
    gfx_check_image(src, src_stride, width, height, 3);
    gfx_check_image(dst, dst_stride, width, height, 4);
}

static inline void gfx_check_cell_stats(const gfx_cell_stats_args *a)
{
    gfx_check_image(a->frame, a->stride, a->width, a->height, 3);
    if (a->prev)
        gfx_check_image(a->prev, a->prev_stride, a->width, a->height, 3);
    assert(a->cell_w >= 1 && a->cell_w <= 64 && a->cell_h >= 1 && a->cell_h <= 128);
    assert(a->rows >= 0 && a->cols >= 0 && a->origin_x >= 0 && a->origin_y >= 0);
    assert(a->origin_x + a->cols * a->cell_w <= a->width);
    assert(a->origin_y + a->rows * a->cell_h <= a->height);
    assert(a->out.stride >= a->cols && a->scratch);
    assert(a->out.r && a->out.g && a->out.b && a->out.luma && a->out.edge && a->out.edge_dir &&
           a->out.motion);
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
