#include "video_layer.h"

#include <stdlib.h>
#include <string.h>

#include "font.h"
#include "gfx_kernels.h"
#include "palette.h"
#include "video_cells.h"
#include "video_source.h"

struct gfx_video_layer {
    gfx_video_source *source;
    gfx_font *font;
    gfx_glyph_atlas *atlas;
    gfx_ramp_glyphs ramp;
    gfx_video_look look;
    gfx_image frame; /* the clip's frame at the render size */
    int rows, cols, cell_w, cell_h, origin_x, origin_y;
    uint8_t *planes; /* the cell stats, seven planes */
    uint16_t *scratch;
    gfx_cell *cells;
};

static int layout(gfx_video_layer *l, const gfx_video_layer_config *cfg)
{
    if (gfx_font_cell_size(l->font, cfg->pixel_height, &l->cell_w, &l->cell_h))
        return -1;
    l->cols = cfg->width / l->cell_w, l->rows = cfg->height / l->cell_h;
    l->origin_x = (cfg->width - l->cols * l->cell_w) / 2;
    l->origin_y = (cfg->height - l->rows * l->cell_h) / 2;
    const size_t cells = (size_t)l->rows * (size_t)l->cols;
    l->planes = malloc(7 * cells + 1);
    l->scratch = malloc(sizeof(uint16_t) * (GFX_CELL_STATS_SCRATCH(l->cols * l->cell_w) + 1));
    l->cells = malloc(sizeof(gfx_cell) * (cells + 1));
    return l->planes && l->scratch && l->cells &&
                   !gfx_image_alloc(&l->frame, cfg->width, cfg->height)
               ? 0
               : -1;
}

gfx_video_layer *gfx_video_layer_create(const gfx_video_layer_config *cfg, char *err,
                                        size_t err_size)
{
    gfx_video_layer *l = calloc(1, sizeof *l);
    if (!l) {
        gfx_fail(err, err_size, GFX_FAILED, "%s: out of memory for the video layer", cfg->path);
        return NULL;
    }
    if (gfx_video_open(&l->source, cfg->path, cfg->image_fps, cfg->width, cfg->height, cfg->fps_num,
                       cfg->fps_den, err, err_size) ||
        !(l->font = gfx_font_open(cfg->font_path, err, err_size))) {
        gfx_video_layer_free(l);
        return NULL;
    }
    int ramp = gfx_ramp_find(cfg->ramp ? cfg->ramp : "default");
    gfx_ramp_resolve(&l->ramp, ramp < 0 ? gfx_ramp_find("default") : ramp, l->font, NULL);
    /* ─ ╱ │ ╲, in enum gfx_edge_dir's order */
    static const uint32_t strokes[4] = {0x2500, 0x2571, 0x2502, 0x2572};
    for (int d = 0; d < 4; d++)
        l->look.edge_glyph[d] = gfx_font_glyph(l->font, strokes[d]);
    l->look.ramp = &l->ramp;
    l->look.edge_threshold = cfg->edges ? GFX_VIDEO_EDGE_THRESHOLD : 0;
    l->look.brightness_q8 = cfg->brightness_q8;
    if (layout(l, cfg)) {
        gfx_fail(err, err_size, GFX_FAILED, "%s: out of memory for the video layer", cfg->path);
        gfx_video_layer_free(l);
        return NULL;
    }
    if (!(l->atlas = gfx_glyph_atlas_create(l->font, cfg->pixel_height, err, err_size))) {
        gfx_video_layer_free(l);
        return NULL;
    }
    return l;
}

gfx_status gfx_video_layer_draw(gfx_video_layer *l, int frame, gfx_image *canvas, char *err,
                                size_t err_size)
{
    gfx_status status =
        gfx_video_frame(l->source, frame, l->frame.px, l->frame.stride, err, err_size);
    if (status)
        return status;
    const struct gfx_kernels *k = gfx_kernels_get();
    const ptrdiff_t n = (ptrdiff_t)l->rows * l->cols;
    uint8_t *p = l->planes;
    const gfx_cell_planes stats = {p,         p + n,     p + 2 * n, p + 3 * n,
                                   p + 4 * n, p + 5 * n, p + 6 * n, l->cols};
    /* no previous frame: the cells do not use motion */
    k->cell_stats(&(gfx_cell_stats_args){.frame = l->frame.px,
                                         .stride = l->frame.stride,
                                         .width = l->frame.width,
                                         .height = l->frame.height,
                                         .rows = l->rows,
                                         .cols = l->cols,
                                         .cell_w = l->cell_w,
                                         .cell_h = l->cell_h,
                                         .origin_x = l->origin_x,
                                         .origin_y = l->origin_y,
                                         .out = stats,
                                         .scratch = l->scratch});
    gfx_video_cells(&stats, l->rows, l->cols, &l->look, l->cells, l->cols);
    const gfx_atlas *atlas = gfx_glyph_atlas_view(l->atlas);
    if (!atlas)
        return gfx_fail(err, err_size, GFX_FAILED, "out of memory for the video layer's glyphs");
    k->blit(&(gfx_blit_args){canvas->px, canvas->stride, canvas->width, canvas->height, l->cells,
                             l->cols, l->rows, l->cols, l->origin_x, l->origin_y, atlas});
    return GFX_OK;
}

void gfx_video_layer_free(gfx_video_layer *l)
{
    if (!l)
        return;
    gfx_video_close(l->source);
    if (l->atlas)
        gfx_glyph_atlas_free(l->atlas);
    if (l->font)
        gfx_font_close(l->font);
    gfx_image_free(&l->frame);
    free(l->planes), free(l->scratch), free(l->cells);
    free(l);
}
