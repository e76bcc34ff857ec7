#include "frame_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The shader parameters of a typical scene. */
#define BLOOM_THRESHOLD 100
#define BLOOM_STRENGTH_Q8 160
#define VIGNETTE_STRENGTH 0.5f
#define GRAIN_AMOUNT 12
#define CRT_CURVATURE 0.1f
#define SCANLINE_DEPTH 64

/* The 95 printable ASCII characters at 16 px: space is glyph 0 and the
 * others 1..94, in the order the font hands out indices. */
static int build_atlas(gfx_frame_fixture *f)
{
    char err[256];
    f->font = gfx_font_open(NULL, err, sizeof err);
    if (!f->font) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    for (uint32_t c = 33; c < 127; c++)
        gfx_font_glyph(f->font, c);
    f->glyph_atlas = gfx_glyph_atlas_create(f->font, GFX_FIXTURE_PIXEL_HEIGHT, err, sizeof err);
    if (!f->glyph_atlas) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    f->atlas = gfx_glyph_atlas_view(f->glyph_atlas);
    return f->atlas ? 0 : -1;
}

/* Random printable glyphs (about one in a hundred a space) in random
 * bright colours, as an effect's output looks. */
static void fill_cells(gfx_frame_fixture *f, uint32_t seed)
{
    for (int i = 0; i < f->rows * f->cols; i++) {
        uint32_t h = gfx_hash32(seed ^ gfx_hash32((uint32_t)i));
        uint32_t c = gfx_hash32(h);
        f->cells[i] = (gfx_cell){
            .glyph = (uint16_t)(h % (uint32_t)f->atlas->glyph_count),
            .r = (uint8_t)(64 + (c & 0xff) * 3 / 4),
            .g = (uint8_t)(64 + ((c >> 8) & 0xff) * 3 / 4),
            .b = (uint8_t)(64 + ((c >> 16) & 0xff) * 3 / 4),
        };
    }
}

static int allocate(gfx_frame_fixture *f, int width, int height)
{
    if (build_atlas(f))
        return -1;
    int sw = (width + 3) / 4, sh = (height + 3) / 4;
    size_t pixels = (size_t)width * (size_t)height;
    f->rows = height / f->atlas->cell_h;
    f->cols = width / f->atlas->cell_w;
    f->uv_stride = (width + 1) / 2;
    size_t uv_bytes = (size_t)f->uv_stride * (size_t)((height + 1) / 2);
    if (gfx_image_alloc(&f->canvas, width, height) || gfx_image_alloc(&f->crt_out, width, height) ||
        gfx_image_alloc(&f->small, sw, sh) || gfx_image_alloc(&f->small_tmp, sw, sh))
        return -1;
    f->vignette_mask = malloc(pixels);
    f->row_gain = malloc((size_t)height);
    f->crt_table = malloc(pixels * sizeof *f->crt_table);
    f->blur_scratch = malloc(GFX_BOX_BLUR3_SCRATCH(sw) * sizeof *f->blur_scratch);
    f->yuv_y = malloc(pixels);
    f->yuv_u = malloc(uv_bytes);
    f->yuv_v = malloc(uv_bytes);
    f->cells = malloc((size_t)f->rows * (size_t)f->cols * sizeof *f->cells);
    f->rgba = malloc(4 * pixels);
    f->cell_planes = malloc(7 * (size_t)f->rows * (size_t)f->cols);
    f->cell_scratch = malloc(GFX_CELL_STATS_SCRATCH(f->cols * f->atlas->cell_w) * sizeof(uint16_t));
    return f->vignette_mask && f->row_gain && f->crt_table && f->blur_scratch && f->yuv_y &&
                   f->yuv_u && f->yuv_v && f->cells && f->rgba && f->cell_planes && f->cell_scratch
               ? 0
               : -1;
}

int gfx_frame_fixture_init(gfx_frame_fixture *f, int width, int height, uint32_t seed)
{
    memset(f, 0, sizeof *f);
    f->width = width;
    f->height = height;
    if (allocate(f, width, height)) {
        gfx_frame_fixture_free(f);
        return -1;
    }
    fill_cells(f, seed);
    f->blit = (gfx_blit_args){
        .canvas = f->canvas.px,
        .stride = f->canvas.stride,
        .width = width,
        .height = height,
        .cells = f->cells,
        .cells_stride = f->cols,
        .rows = f->rows,
        .cols = f->cols,
        .origin_x = (width - f->cols * f->atlas->cell_w) / 2,
        .origin_y = (height - f->rows * f->atlas->cell_h) / 2,
        .atlas = f->atlas,
    };
    gfx_vignette_mask_build(f->vignette_mask, width, width, height, VIGNETTE_STRENGTH);
    gfx_crt_table_build(f->crt_table, width, height, f->canvas.stride, CRT_CURVATURE);
    gfx_scanline_gain_build(f->row_gain, height, SCANLINE_DEPTH);
    gfx_kernels_get()->blit(&f->blit);
    return 0;
}

void gfx_frame_fixture_free(gfx_frame_fixture *f)
{
    gfx_image_free(&f->canvas);
    gfx_image_free(&f->crt_out);
    gfx_image_free(&f->small);
    gfx_image_free(&f->small_tmp);
    free(f->vignette_mask);
    free(f->row_gain);
    free(f->crt_table);
    free(f->blur_scratch);
    free(f->yuv_y);
    free(f->yuv_u);
    free(f->rgba);
    free(f->yuv_v);
    free(f->cells);
    free(f->cell_planes);
    free(f->cell_scratch);
    if (f->glyph_atlas)
        gfx_glyph_atlas_free(f->glyph_atlas);
    if (f->font)
        gfx_font_close(f->font);
    memset(f, 0, sizeof *f);
}

void gfx_fixture_blit(gfx_frame_fixture *f, const struct gfx_kernels *k)
{
    k->blit(&f->blit);
}

void gfx_fixture_bloom(gfx_frame_fixture *f, const struct gfx_kernels *k)
{
    gfx_image *a = &f->small, *b = &f->small_tmp;
    k->bloom_downsample4_threshold(a->px, a->stride, f->canvas.px, f->canvas.stride, f->width,
                                   f->height, BLOOM_THRESHOLD);
    for (int pass = 0; pass < 3; pass++) {
        k->box_blur3(b->px, b->stride, a->px, a->stride, a->width, a->height, f->blur_scratch);
        gfx_image *t = a;
        a = b, b = t;
    }
    k->bloom_upsample4_add(f->canvas.px, f->canvas.stride, f->width, f->height, a->px, a->stride,
                           BLOOM_STRENGTH_Q8);
}

void gfx_fixture_vignette(gfx_frame_fixture *f, const struct gfx_kernels *k)
{
    k->vignette(f->canvas.px, f->canvas.stride, f->width, f->height, f->vignette_mask, f->width);
}

void gfx_fixture_grain(gfx_frame_fixture *f, const struct gfx_kernels *k, uint32_t frame)
{
    k->grain(f->canvas.px, f->canvas.stride, f->width, f->height, gfx_noise_key(1, frame, 0),
             GRAIN_AMOUNT);
}

void gfx_fixture_crt(gfx_frame_fixture *f, const struct gfx_kernels *k)
{
    k->crt(f->crt_out.px, f->crt_out.stride, f->canvas.px, f->crt_table, f->width, f->height,
           f->row_gain);
}

void gfx_fixture_yuv420p(gfx_frame_fixture *f, const struct gfx_kernels *k, const gfx_image *from)
{
    k->rgb_to_yuv420p(f->yuv_y, f->width, f->yuv_u, f->yuv_v, f->uv_stride, from->px, from->stride,
                      f->width, f->height);
}

void gfx_fixture_rgba(gfx_frame_fixture *f, const struct gfx_kernels *k)
{
    k->rgba_unpremultiply(f->rgba, 4 * (ptrdiff_t)f->width, f->canvas.px, f->canvas.stride,
                          f->width, f->height);
}

void gfx_fixture_blend(gfx_frame_fixture *f, const struct gfx_kernels *k, enum gfx_blend_mode mode,
                       unsigned opacity_q8)
{
    k->blend(f->canvas.px, f->canvas.stride, f->crt_out.px, f->crt_out.stride, f->width, f->height,
             mode, opacity_q8);
}

void gfx_fixture_mask_mix(gfx_frame_fixture *f, const struct gfx_kernels *k)
{
    const int band = f->atlas->cell_h;
    for (int y = 0; y < f->height; y += band)
        k->mask_mix(f->canvas.px + y * f->canvas.stride, f->canvas.stride,
                    f->crt_out.px + y * f->crt_out.stride, f->crt_out.stride,
                    f->vignette_mask + (size_t)y * (size_t)f->width, 0, f->width,
                    f->height - y < band ? f->height - y : band);
}

void gfx_fixture_mask_mix_pixels(gfx_frame_fixture *f, const struct gfx_kernels *k)
{
    k->mask_mix(f->canvas.px, f->canvas.stride, f->crt_out.px, f->crt_out.stride, f->vignette_mask,
                f->width, f->width, f->height);
}

void gfx_fixture_colour_matrix(gfx_frame_fixture *f, const struct gfx_kernels *k)
{
    gfx_colour_matrix cm;
    gfx_colour_matrix_hue(&cm, 0.02, 0.7, -2048);
    k->colour_matrix(f->canvas.px, f->canvas.stride, f->canvas.px, f->canvas.stride, f->width,
                     f->height, &cm);
}

void gfx_fixture_remap(gfx_frame_fixture *f, const struct gfx_kernels *k,
                       enum gfx_feedback_transform t, float amt)
{
    gfx_affine_q16 map = gfx_feedback_transform_map(t, amt, f->width, f->height);
    k->remap_affine(f->crt_out.px, f->crt_out.stride, f->width, f->height, f->canvas.px,
                    f->canvas.stride, f->width, f->height, &map);
}

void gfx_fixture_cell_stats(gfx_frame_fixture *f, const struct gfx_kernels *k)
{
    const ptrdiff_t plane = (ptrdiff_t)f->rows * f->cols;
    uint8_t *p = f->cell_planes;
    gfx_cell_stats_args a = {
        .frame = f->canvas.px,
        .stride = f->canvas.stride,
        .prev = f->crt_out.px,
        .prev_stride = f->crt_out.stride,
        .width = f->width,
        .height = f->height,
        .rows = f->rows,
        .cols = f->cols,
        .cell_w = f->atlas->cell_w,
        .cell_h = f->atlas->cell_h,
        .origin_x = f->blit.origin_x,
        .origin_y = f->blit.origin_y,
        .out = {p, p + plane, p + 2 * plane, p + 3 * plane, p + 4 * plane, p + 5 * plane,
                p + 6 * plane, f->cols},
        .scratch = f->cell_scratch,
    };
    k->cell_stats(&a);
}

void gfx_fixture_lut3(gfx_frame_fixture *f, const struct gfx_kernels *k)
{
    gfx_lut3 lut;
    for (int c = 0; c < 3; c++)
        for (int v = 0; v < 256; v++) {
            int x = (v - 128) * 3 / 2 + 128;
            lut.t[c][v] = (uint8_t)(x < 0 ? 0 : x > 255 ? 255 : x);
        }
    k->lut3(f->canvas.px, f->canvas.stride, f->canvas.px, f->canvas.stride, f->width, f->height,
            &lut);
}

void gfx_fixture_lut3_split(gfx_frame_fixture *f, const struct gfx_kernels *k)
{
    static const uint8_t low[3] = {20, 0, 60}, high[3] = {255, 200, 80};
    gfx_lut3 lut;
    for (int c = 0; c < 3; c++)
        for (int v = 0; v < 256; v++)
            lut.t[c][v] = (uint8_t)(low[c] + ((high[c] - low[c]) * v + 127) / 255);
    k->lut3(f->canvas.px, f->canvas.stride, f->canvas.px, f->canvas.stride, f->width, f->height,
            &lut);
}
