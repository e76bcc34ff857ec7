#include "frame.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "font.h"
#include "gfx_kernels.h"
#include "grid.h"
#include "palette.h"
#include "shaders.h"
#include "tonemap.h"

/* Brightness of the faintest visible glyph's colour: dim cells stay
 * readable instead of fading into the black. */
#define BRIGHTNESS_FLOOR 0.5f

/* Everything one grid size needs, built on first use. */
struct grid_slot {
    int ready;
    gfx_grid_fields fields;
    gfx_glyph_atlas *atlas;
    float *value, *hue;
    gfx_cell *cells;
};

struct gfx_renderer {
    gfx_render_config cfg;
    char *font_path;
    gfx_font *font;
    struct grid_slot grids[GFX_GRID_SIZES];
    struct grid_slot *current;        /* the grid the last effect ran on */
    const gfx_features *current_feat; /* and that frame's features */
    gfx_ramp_glyphs *ramps;
    unsigned char *ramp_ready;
    gfx_colour_lut *luts;
    unsigned char *lut_ready;
    gfx_shader_cache *shaders;
    gfx_image canvas, fade;
    char err[256]; /* the last failure's line: gfx_renderer_error */
};

gfx_renderer *gfx_renderer_create(const gfx_render_config *cfg, char *err, size_t err_size)
{
    gfx_renderer *r = calloc(1, sizeof *r);
    if (!r) {
        snprintf(err, err_size, "out of memory creating a renderer");
        return NULL;
    }
    r->cfg = *cfg;
    if (cfg->font_path && !(r->font_path = strdup(cfg->font_path))) {
        free(r);
        snprintf(err, err_size, "out of memory creating a renderer");
        return NULL;
    }
    r->cfg.font_path = r->font_path;
    r->font = gfx_font_open(r->font_path, err, err_size);
    if (!r->font) {
        gfx_renderer_free(r);
        return NULL;
    }
    gfx_font_set_warn(r->font, cfg->warn);
    int n_ramps = gfx_ramp_count(), n_luts = gfx_colours_count();
    r->ramps = calloc((size_t)n_ramps, sizeof *r->ramps);
    r->ramp_ready = calloc((size_t)n_ramps, 1);
    r->luts = calloc((size_t)n_luts, sizeof *r->luts);
    r->lut_ready = calloc((size_t)n_luts, 1);
    r->shaders = gfx_shader_cache_create(cfg->width, cfg->height);
    if (!r->ramps || !r->ramp_ready || !r->luts || !r->lut_ready || !r->shaders ||
        gfx_image_alloc(&r->canvas, cfg->width, cfg->height) ||
        gfx_image_alloc(&r->fade, cfg->width, cfg->height)) {
        snprintf(err, err_size, "out of memory for %dx%d canvases", cfg->width, cfg->height);
        gfx_renderer_free(r);
        return NULL;
    }
    return r;
}

static void free_slot(struct grid_slot *s)
{
    gfx_grid_fields_free(&s->fields);
    gfx_glyph_atlas_free(s->atlas);
    free(s->value);
    free(s->hue);
    free(s->cells);
    memset(s, 0, sizeof *s);
}

void gfx_renderer_free(gfx_renderer *r)
{
    if (!r)
        return;
    for (int i = 0; i < GFX_GRID_SIZES; i++)
        free_slot(&r->grids[i]);
    gfx_shader_cache_free(r->shaders);
    gfx_image_free(&r->canvas);
    gfx_image_free(&r->fade);
    free(r->ramps);
    free(r->ramp_ready);
    free(r->luts);
    free(r->lut_ready);
    gfx_font_close(r->font);
    free(r->font_path);
    free(r);
}

size_t gfx_renderer_bytes(const gfx_renderer *r)
{
    size_t bytes = sizeof *r + gfx_image_bytes(&r->canvas) + gfx_image_bytes(&r->fade) +
                   gfx_shader_cache_bytes(r->shaders) +
                   (size_t)gfx_ramp_count() * sizeof *r->ramps +
                   (size_t)gfx_colours_count() * sizeof *r->luts;
    for (int i = 0; i < GFX_GRID_SIZES; i++) {
        const struct grid_slot *s = &r->grids[i];
        if (!s->ready)
            continue;
        size_t cells = (size_t)s->fields.grid.rows * (size_t)s->fields.grid.cols;
        bytes += cells * (5 * sizeof(float) + sizeof(gfx_cell)) + gfx_glyph_atlas_bytes(s->atlas);
    }
    return bytes;
}

const char *gfx_renderer_error(const gfx_renderer *r)
{
    return r->err;
}

gfx_image *gfx_renderer_canvas(gfx_renderer *r)
{
    return &r->canvas;
}

const gfx_cell *gfx_renderer_text_cells(gfx_renderer *r, int *rows, int *cols,
                                        const gfx_font **font)
{
    if (!r->current)
        return NULL;
    *rows = r->current->fields.grid.rows;
    *cols = r->current->fields.grid.cols;
    *font = r->font;
    return r->current->cells;
}

static struct grid_slot *grid_slot(gfx_renderer *r, int size, char *err, size_t err_size)
{
    struct grid_slot *s = &r->grids[size];
    if (s->ready)
        return s;
    int px = gfx_grid_pixel_height(size, r->cfg.grid_scale);
    s->atlas = gfx_glyph_atlas_create(r->font, px, err, err_size);
    if (!s->atlas)
        return NULL;
    const gfx_atlas *view = gfx_glyph_atlas_view(s->atlas);
    if (gfx_grid_fields_build(&s->fields, r->cfg.width, r->cfg.height, view->cell_w,
                              view->cell_h)) {
        snprintf(err, err_size,
                 "a %dx%d frame cannot hold one %dx%d cell of grid %s; expected "
                 "at least %dx%d (or a smaller grid)",
                 r->cfg.width, r->cfg.height, view->cell_w, view->cell_h, gfx_grid_size_name(size),
                 view->cell_w, view->cell_h);
        free_slot(s);
        return NULL;
    }
    size_t cells = (size_t)s->fields.grid.rows * (size_t)s->fields.grid.cols;
    s->value = malloc(cells * sizeof *s->value);
    s->hue = malloc(cells * sizeof *s->hue);
    s->cells = malloc(cells * sizeof *s->cells);
    if (!s->value || !s->hue || !s->cells) {
        snprintf(err, err_size, "out of memory for grid %s", gfx_grid_size_name(size));
        free_slot(s);
        return NULL;
    }
    s->ready = 1;
    return s;
}

static const gfx_ramp_glyphs *ramp_of(gfx_renderer *r, int ramp)
{
    if (!r->ramp_ready[ramp]) {
        gfx_ramp_resolve(&r->ramps[ramp], ramp, r->font, r->cfg.warn);
        r->ramp_ready[ramp] = 1;
    }
    return &r->ramps[ramp];
}

static const gfx_colour_lut *lut_of(gfx_renderer *r, int colours)
{
    if (!r->lut_ready[colours]) {
        gfx_colours_lut(&r->luts[colours], colours);
        r->lut_ready[colours] = 1;
    }
    return &r->luts[colours];
}

int gfx_renderer_prepare(gfx_renderer *r, const gfx_scene *scene, char *err, size_t err_size)
{
    for (int i = 0; i < scene->n; i++) {
        const gfx_segment *seg = &scene->segments[i];
        if (!grid_slot(r, seg->grid, err, err_size))
            return -1;
        ramp_of(r, seg->ramp);
        lut_of(r, seg->colours);
    }
    /* Every atlas must hold every character resolved so far. */
    for (int i = 0; i < GFX_GRID_SIZES; i++)
        if (r->grids[i].ready && !gfx_glyph_atlas_view(r->grids[i].atlas)) {
            snprintf(err, err_size, "out of memory for glyph atlases");
            return -1;
        }
    return 0;
}

int gfx_stage_effect(gfx_renderer *r, const gfx_segment *seg, const gfx_feature_track *track,
                     int frame, uint32_t seed)
{
    struct grid_slot *s = grid_slot(r, seg->grid, r->err, sizeof r->err);
    if (!s)
        return -1;
    r->current = s;
    r->current_feat = gfx_features_at(track, frame);
    const gfx_effect_desc *e = seg->effect;
    gfx_effect_ctx ctx = {
        .grid = &s->fields.grid,
        .track = track,
        .feat = gfx_features_at(track, frame),
        .frame = frame,
        .time = frame / r->cfg.fps,
        .fps = r->cfg.fps,
        .seed = seed,
        .particle_cap = gfx_effect_particle_cap(e, r->cfg.particles_max),
    };
    for (int j = 0; j < e->n_params; j++)
        ctx.params[j] = gfx_param_eval(&seg->params[j], &e->params[j], ctx.feat);
    e->render(&ctx, s->value, s->hue);
    return 0;
}

void gfx_stage_tonemap(gfx_renderer *r, const gfx_segment *seg)
{
    const gfx_grid *g = &r->current->fields.grid;
    int n = g->rows * g->cols;
    gfx_tonemap_apply(r->current->value, n, gfx_tonemap_measure(r->current->value, n), seg->gamma);
}

void gfx_stage_colour(gfx_renderer *r, const gfx_segment *seg, int frame)
{
    struct grid_slot *s = r->current;
    gfx_colour_args a = {
        .grid = &s->fields.grid,
        .value = s->value,
        .hue = s->hue,
        .ramp = ramp_of(r, seg->ramp),
        .lut = lut_of(r, seg->colours),
        .hue_mapping = seg->hue,
        .time = frame / r->cfg.fps,
        .brightness_floor = BRIGHTNESS_FLOOR,
        .cells = s->cells,
    };
    gfx_colour_cells(&a);
    float degrees =
        gfx_shaders_hue_degrees(seg->shaders, seg->n_shaders, r->cfg.shader_level, r->current_feat);
    if (degrees != 0.0f)
        gfx_hue_rotate_cells(s->cells, s->fields.grid.rows * s->fields.grid.cols, degrees);
}

void gfx_stage_blit(gfx_renderer *r, gfx_image *canvas)
{
    struct grid_slot *s = r->current;
    const gfx_grid *g = &s->fields.grid;
    memset(canvas->px, 0, gfx_image_bytes(canvas));
    gfx_blit_args a = {
        .canvas = canvas->px,
        .stride = canvas->stride,
        .width = canvas->width,
        .height = canvas->height,
        .cells = s->cells,
        .cells_stride = g->cols,
        .rows = g->rows,
        .cols = g->cols,
        .origin_x = g->origin_x,
        .origin_y = g->origin_y,
        .atlas = gfx_glyph_atlas_view(s->atlas),
    };
    gfx_kernels_get()->blit(&a);
}

int gfx_stage_shaders(gfx_renderer *r, const gfx_segment *seg, gfx_image *canvas,
                      const gfx_feature_track *track, int frame, uint32_t seed)
{
    if (gfx_shaders_apply(r->shaders, canvas, seg->shaders, seg->n_shaders, r->cfg.shader_level,
                          gfx_features_at(track, frame), seed, frame)) {
        gfx_fail(r->err, sizeof r->err, GFX_FAILED, "out of memory for shader tables");
        return -1;
    }
    return 0;
}

static int render_segment(gfx_renderer *r, const gfx_segment *seg, gfx_image *canvas,
                          const gfx_feature_track *track, int frame, uint32_t seed)
{
    if (gfx_stage_effect(r, seg, track, frame, seed))
        return -1;
    gfx_stage_tonemap(r, seg);
    gfx_stage_colour(r, seg, frame);
    gfx_stage_blit(r, canvas);
    return gfx_stage_shaders(r, seg, canvas, track, frame, seed);
}

/* a = (a * keep + b * m + 128) >> 8 with keep + m = 256. The inner loop
 * has a fixed trip count and the pointers are restrict, so the compiler
 * vectorizes it even at -O2. */
static void mix_bytes(uint8_t *restrict a, const uint8_t *restrict b, size_t n, unsigned keep,
                      unsigned m)
{
    enum { BLOCK = 64 };
    size_t i = 0;
    for (; i + BLOCK <= n; i += BLOCK)
        for (int k = 0; k < BLOCK; k++)
            a[i + k] = (uint8_t)((uint16_t)(a[i + k] * keep + b[i + k] * m + 128) >> 8);
    for (; i < n; i++)
        a[i] = (uint8_t)((uint16_t)(a[i] * keep + b[i] * m + 128) >> 8);
}

/* canvas = canvas * (1 - mix) + outgoing * mix, mix in Q8. */
static void crossfade(gfx_image *canvas, const gfx_image *outgoing, float mix)
{
    unsigned m = (unsigned)lroundf(mix * 256.0f);
    mix_bytes(canvas->px, outgoing->px, (size_t)canvas->stride * (size_t)canvas->height, 256 - m,
              m);
}

const gfx_image *gfx_render_frame(gfx_renderer *r, const gfx_scene *scene,
                                  const gfx_feature_track *track, int frame, uint32_t seed)
{
    int main, outgoing;
    float mix;
    gfx_scene_at(scene, frame / r->cfg.fps, &main, &outgoing, &mix);
    if (render_segment(r, &scene->segments[main], &r->canvas, track, frame, seed))
        return NULL;
    if (outgoing >= 0) {
        if (render_segment(r, &scene->segments[outgoing], &r->fade, track, frame, seed))
            return NULL;
        crossfade(&r->canvas, &r->fade, mix);
    }
    return &r->canvas;
}

void gfx_image_brightness(const gfx_image *img, double *mean, int *max)
{
    uint64_t sum = 0;
    int top = 0;
    for (int y = 0; y < img->height; y++) {
        const uint8_t *p = img->px + y * img->stride;
        for (int x = 0; x < 3 * img->width; x++) {
            sum += p[x];
            top = p[x] > top ? p[x] : top;
        }
    }
    *mean = (double)sum / (3.0 * img->width * img->height);
    *max = top;
}
