/* glyphfx selfcheck: what this CPU is, which variant each kernel runs, and
 * one quick timing per kernel on a 1920x1080 frame (median of a few runs;
 * the benchmark harness, glyphfx bench, is the real measurement). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "feedback.h"
#include "gfx_kernels.h"
#include "image.h"
#include "isa_report.h"
#include "machine.h"
#include "options.h"
#include "timing.h"

#define RUNS 15

struct selfcheck_frame {
    gfx_image canvas, out, small, small2;
    uint8_t *mask, *row_gain;
    uint32_t *crt_table;
    uint8_t *luma, *chroma_u, *chroma_v; /* yuv420p planes, strides W and (W+1)/2 */
    uint8_t *rgba;                       /* straight RGBA, stride 4 W */
    uint16_t *scratch, *cell_scratch;
    gfx_cell *cells;
    uint8_t *atlas_rgb;
    gfx_atlas atlas;
    gfx_blit_args blit;
    gfx_colour_matrix decay_hue; /* the feedback's decay and hue shift */
    gfx_affine_q16 rotate;       /* its rotate_cw transform */
    gfx_lut3 curves;             /* a colour shader's tables (inversion) */
};

/* A synthetic 10x19 atlas of soft blobs keeps this check free of fonts;
 * `glyphfx bench` times the blit on the real DejaVu atlas. */
static int frame_setup(struct selfcheck_frame *f)
{
    const int W = 1920, H = 1080, cw = 10, ch = 19, glyphs = 10;
    memset(f, 0, sizeof *f);
    if (gfx_image_alloc(&f->canvas, W, H) || gfx_image_alloc(&f->out, W, H) ||
        gfx_image_alloc(&f->small, (W + 3) / 4, (H + 3) / 4) ||
        gfx_image_alloc(&f->small2, (W + 3) / 4, (H + 3) / 4))
        return -1;
    f->mask = malloc((size_t)W * H);
    f->row_gain = malloc(H);
    f->crt_table = malloc(sizeof(uint32_t) * W * H);
    f->luma = malloc((size_t)W * H);
    f->chroma_u = malloc((size_t)((W + 1) / 2) * ((H + 1) / 2));
    f->chroma_v = malloc((size_t)((W + 1) / 2) * ((H + 1) / 2));
    f->scratch = malloc(sizeof(uint16_t) * GFX_BOX_BLUR3_SCRATCH(W / 4 + 1));
    f->rgba = malloc((size_t)4 * W * H);
    f->cell_scratch = malloc(sizeof(uint16_t) * GFX_CELL_STATS_SCRATCH(W));
    int rows = H / ch, cols = W / cw;
    f->cells = malloc(sizeof(gfx_cell) * rows * cols);
    f->atlas = (gfx_atlas){.cell_w = cw, .cell_h = ch, .glyph_count = glyphs, .row_bytes = 64};
    f->atlas.glyph_bytes = f->atlas.row_bytes * ch;
    f->atlas_rgb = calloc(glyphs, f->atlas.glyph_bytes);
    if (!f->mask || !f->row_gain || !f->crt_table || !f->scratch || !f->cell_scratch || !f->cells ||
        !f->atlas_rgb || !f->rgba || !f->luma || !f->chroma_u || !f->chroma_v)
        return -1;
    for (int g = 1; g < glyphs; g++)
        for (int y = 0; y < ch; y++)
            for (int x = 0; x < cw; x++) {
                int d = abs(2 * x - cw) + abs(2 * y - ch);
                uint8_t cov = (uint8_t)(d < 2 * g ? 255 - 10 * d : 0);
                memset(f->atlas_rgb + g * f->atlas.glyph_bytes + y * f->atlas.row_bytes + 3 * x,
                       cov, 3);
            }
    f->atlas.rgb = f->atlas_rgb;
    uint32_t s = 1;
    for (int i = 0; i < rows * cols; i++) {
        s = gfx_hash32(s + (uint32_t)i);
        f->cells[i] = (gfx_cell){.glyph = (uint16_t)(s % glyphs),
                                 .r = (uint8_t)(s >> 8),
                                 .g = (uint8_t)(s >> 16),
                                 .b = (uint8_t)(s >> 24)};
    }
    f->blit = (gfx_blit_args){.canvas = f->canvas.px,
                              .stride = f->canvas.stride,
                              .width = W,
                              .height = H,
                              .cells = f->cells,
                              .cells_stride = cols,
                              .rows = rows,
                              .cols = cols,
                              .origin_x = (W - cols * cw) / 2,
                              .origin_y = (H - rows * ch) / 2,
                              .atlas = &f->atlas};
    gfx_vignette_mask_build(f->mask, W, W, H, 0.5f);
    gfx_crt_table_build(f->crt_table, W, H, f->canvas.stride, 0.1f);
    gfx_scanline_gain_build(f->row_gain, H, 64);
    gfx_colour_matrix_hue(&f->decay_hue, 0.02, 0.85, -2048);
    f->rotate = gfx_feedback_transform_map(GFX_FEEDBACK_ROTATE_CW, 0.005f, W, H);
    for (int c = 0; c < 3; c++)
        for (int v = 0; v < 256; v++)
            f->curves.t[c][v] = (uint8_t)(255 - v);
    return 0;
}

static void frame_free(struct selfcheck_frame *f)
{
    gfx_image_free(&f->canvas);
    gfx_image_free(&f->out);
    gfx_image_free(&f->small);
    gfx_image_free(&f->small2);
    free(f->mask), free(f->row_gain), free(f->crt_table), free(f->scratch), free(f->cell_scratch);
    free(f->luma), free(f->chroma_u), free(f->chroma_v), free(f->rgba);
    free(f->cells), free(f->atlas_rgb);
}

/* The blit's grid of the canvas, `out` as the previous frame, the seven
 * planes in the luma buffer (which is far larger). */
static void cell_stats(const struct gfx_kernels *k, struct selfcheck_frame *f)
{
    const gfx_blit_args *g = &f->blit;
    const ptrdiff_t plane = (ptrdiff_t)g->rows * g->cols;
    uint8_t *p = f->luma;
    k->cell_stats(&(gfx_cell_stats_args){
        .frame = f->canvas.px,
        .stride = f->canvas.stride,
        .prev = f->out.px,
        .prev_stride = f->out.stride,
        .width = g->width,
        .height = g->height,
        .rows = g->rows,
        .cols = g->cols,
        .cell_w = f->atlas.cell_w,
        .cell_h = f->atlas.cell_h,
        .origin_x = g->origin_x,
        .origin_y = g->origin_y,
        .out = {p, p + plane, p + 2 * plane, p + 3 * plane, p + 4 * plane, p + 5 * plane,
                p + 6 * plane, g->cols},
        .scratch = f->cell_scratch,
    });
}

static double time_kernel(const struct gfx_kernels *k, enum gfx_kernel_id id,
                          struct selfcheck_frame *f)
{
    double t[RUNS];
    const int W = f->canvas.width, H = f->canvas.height;
    for (int run = 0; run < RUNS; run++) {
        double t0 = gfx_now_s();
        switch (id) {
        case GFX_K_BLIT: k->blit(&f->blit); break;
        case GFX_K_BLOOM_DOWN:
            k->bloom_downsample4_threshold(f->small.px, f->small.stride, f->canvas.px,
                                           f->canvas.stride, W, H, 100);
            break;
        case GFX_K_BOX_BLUR3:
            k->box_blur3(f->small2.px, f->small2.stride, f->small.px, f->small.stride,
                         f->small.width, f->small.height, f->scratch);
            break;
        case GFX_K_BLOOM_UP:
            k->bloom_upsample4_add(f->canvas.px, f->canvas.stride, W, H, f->small.px,
                                   f->small.stride, 200);
            break;
        case GFX_K_VIGNETTE: k->vignette(f->canvas.px, f->canvas.stride, W, H, f->mask, W); break;
        case GFX_K_GRAIN:
            k->grain(f->canvas.px, f->canvas.stride, W, H, gfx_noise_key(1, (uint32_t)run, 0), 12);
            break;
        case GFX_K_CRT:
            k->crt(f->out.px, f->out.stride, f->canvas.px, f->crt_table, W, H, f->row_gain);
            break;
        case GFX_K_YUV420P:
            k->rgb_to_yuv420p(f->luma, W, f->chroma_u, f->chroma_v, (W + 1) / 2, f->canvas.px,
                              f->canvas.stride, W, H);
            break;
        case GFX_K_BLEND:
            k->blend(f->canvas.px, f->canvas.stride, f->out.px, f->out.stride, W, H,
                     GFX_BLEND_SCREEN, 192);
            break;
        case GFX_K_MASK_MIX:
            k->mask_mix(f->canvas.px, f->canvas.stride, f->out.px, f->out.stride, f->mask, W, W, H);
            break;
        case GFX_K_COLOUR_MATRIX:
            k->colour_matrix(f->canvas.px, f->canvas.stride, f->canvas.px, f->canvas.stride, W, H,
                             &f->decay_hue);
            break;
        case GFX_K_REMAP_AFFINE:
            k->remap_affine(f->out.px, f->out.stride, W, H, f->canvas.px, f->canvas.stride, W, H,
                            &f->rotate);
            break;
        case GFX_K_RGBA_UNPREMULTIPLY:
            k->rgba_unpremultiply(f->rgba, 4 * (ptrdiff_t)W, f->canvas.px, f->canvas.stride, W, H);
            break;
        case GFX_K_CELL_STATS: cell_stats(k, f); break;
        case GFX_K_LUT3:
            k->lut3(f->canvas.px, f->canvas.stride, f->canvas.px, f->canvas.stride, W, H,
                    &f->curves);
            break;
        default: break;
        }
        t[run] = 1e3 * (gfx_now_s() - t0);
    }
    return gfx_sort_median(t, RUNS);
}

int cmd_selfcheck(int argc, char **argv)
{
    static const gfx_command_line cl = {
        .prog = "glyphfx selfcheck",
        .unknown = "'%s': expected no options besides the global --isa",
    };
    int rc = gfx_options_parse(&cl, argc, argv, NULL);
    if (rc == GFX_OPTIONS_HELP)
        printf("usage: glyphfx selfcheck   (no options besides the global --isa)\n");
    if (rc)
        return rc == GFX_OPTIONS_HELP ? 0 : 2;
    gfx_machine machine;
    gfx_machine_probe(&machine);
    const struct gfx_kernels *k = gfx_kernels_get();
    char built[128], avail[128];
    gfx_isa_list(built, sizeof built, gfx_isa_built());
    gfx_isa_list(avail, sizeof avail, gfx_isa_available());
    printf("CPU: %s\nISAs built in: %s\nISAs this CPU runs: %s\n", machine.cpu_model, built, avail);

    struct selfcheck_frame f;
    if (frame_setup(&f)) {
        fprintf(stderr, "glyphfx selfcheck: out of memory for a 1920x1080 frame\n");
        frame_free(&f);
        return 1;
    }
    double memcpy_t[RUNS];
    for (int run = 0; run < RUNS; run++) {
        double t0 = gfx_now_s();
        memcpy(f.out.px, f.canvas.px, gfx_image_bytes(&f.canvas));
        memcpy_t[run] = 1e3 * (gfx_now_s() - t0);
    }
    printf("1920x1080 RGB24, one core, median of %d runs:\n", RUNS);
    printf("  %-28s %-7s %7.3f ms\n", "memcpy (same frame)", "libc",
           gfx_sort_median(memcpy_t, RUNS));
    for (int id = 0; id < GFX_K_COUNT; id++)
        printf("  %-28s %-7s %7.3f ms\n", gfx_kernel_name((enum gfx_kernel_id)id),
               gfx_isa_name(k->isa_used[id]), time_kernel(k, (enum gfx_kernel_id)id, &f));
    frame_free(&f);
    return 0;
}
