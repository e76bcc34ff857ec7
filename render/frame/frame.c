#include "frame.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "combine.h"
#include "font.h"
#include "gfx_kernels.h"
#include "grid.h"
#include "masks.h"
#include "palette.h"
#include "shaders.h"
#include "sim_state.h"
#include "timeline.h"
#include "tonemap.h"
#include "video_cells.h"
#include "video_clip.h"
#include "transforms.h"

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
    float *field, *field_hue; /* a second field: a mask's, or a morph's outgoing one */
    uint8_t *mask;            /* a layer's or a transition's mask, per cell */
    uint8_t *video;           /* the clip's cell stats on this grid (on first need) */
    /* The grid seen through the last transform chain run on it, kept while
     * the chain's steps stay the same (a constant chain: built once). */
    gfx_grid_fields moved;
    gfx_transform_step moved_steps[GFX_MAX_TRANSFORMS];
    int n_moved_steps; /* 0: none built */
    /* the field combined into the layer's own (scene.h: combine) */
    float *combined, *combined_hue;
};

/* A section's feedback buffer and the frame it last stepped to. */
struct feedback_slot {
    gfx_feedback *fb;
    const gfx_segment *seg; /* NULL: free */
    int frame;
    unsigned used; /* for taking the least recently used */
};

struct gfx_renderer {
    gfx_render_config cfg;
    char *font_path;
    gfx_font *font;
    struct grid_slot grids[GFX_GRID_SIZES];
    struct grid_slot *current; /* the grid the last effect ran on */
    /* the built-in ramps and palettes, then the prepared scene's own */
    gfx_ramp_glyphs *ramps;
    unsigned char *ramp_ready;
    gfx_colour_lut *luts;
    unsigned char *lut_ready;
    int n_ramp_slots, n_lut_slots;
    gfx_shader_cache *shaders;
    gfx_image canvas, fade, layer;
    gfx_image scratch, replay;        /* masks and transitions; feedback replays (on first need) */
    uint8_t *mask_row;                /* a cell mask spread over one pixel row (on first need) */
    struct feedback_slot feedback[2]; /* a transition's two sections */
    unsigned feedback_clock;
    gfx_video_clip *clip;       /* NULL: no clip */
    gfx_text_backdrop backdrop; /* a backdrop layer's mask, reused */
    gfx_sim_states *sims;       /* the simulations' state (sim_state.h) */
    char err[256];              /* the last failure's line: gfx_renderer_error */
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
    if (cfg->video_path) {
        gfx_video_clip_config clip = {cfg->video_path, cfg->video_image_fps,         cfg->width,
                                      cfg->height,     (int)lround(cfg->fps * 1000), 1000};
        if (!(r->clip = gfx_video_clip_open(&clip, err, err_size))) {
            gfx_renderer_free(r);
            return NULL;
        }
    }
    int n_ramps = gfx_ramp_count(), n_luts = gfx_colours_count();
    r->ramps = calloc((size_t)n_ramps, sizeof *r->ramps);
    r->ramp_ready = calloc((size_t)n_ramps, 1);
    r->luts = calloc((size_t)n_luts, sizeof *r->luts);
    r->lut_ready = calloc((size_t)n_luts, 1);
    r->n_ramp_slots = n_ramps, r->n_lut_slots = n_luts;
    r->shaders = gfx_shader_cache_create(cfg->width, cfg->height);
    if (!r->ramps || !r->ramp_ready || !r->luts || !r->lut_ready || !r->shaders ||
        gfx_image_alloc(&r->canvas, cfg->width, cfg->height) ||
        gfx_image_alloc(&r->fade, cfg->width, cfg->height) ||
        gfx_image_alloc(&r->layer, cfg->width, cfg->height) ||
        !(r->sims = gfx_sim_states_create())) {
        snprintf(err, err_size, "out of memory for %dx%d canvases", cfg->width, cfg->height);
        gfx_renderer_free(r);
        return NULL;
    }
    return r;
}

static void free_slot(struct grid_slot *s)
{
    gfx_grid_fields_free(&s->fields);
    gfx_grid_fields_free(&s->moved);
    gfx_glyph_atlas_free(s->atlas);
    free(s->value);
    free(s->hue);
    free(s->cells);
    free(s->field);
    free(s->field_hue);
    free(s->combined);
    free(s->combined_hue);
    free(s->mask);
    free(s->video);
    memset(s, 0, sizeof *s);
}

void gfx_renderer_free(gfx_renderer *r)
{
    if (!r)
        return;
    for (int i = 0; i < GFX_GRID_SIZES; i++)
        free_slot(&r->grids[i]);
    gfx_shader_cache_free(r->shaders);
    gfx_video_clip_close(r->clip);
    gfx_text_backdrop_free(&r->backdrop);
    gfx_image_free(&r->canvas);
    gfx_image_free(&r->fade);
    gfx_image_free(&r->layer);
    gfx_image_free(&r->scratch);
    gfx_image_free(&r->replay);
    free(r->mask_row);
    for (int i = 0; i < 2; i++)
        gfx_feedback_free(r->feedback[i].fb);
    gfx_sim_states_free(r->sims);
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
                   gfx_image_bytes(&r->layer) + gfx_image_bytes(&r->scratch) +
                   gfx_image_bytes(&r->replay) + gfx_shader_cache_bytes(r->shaders) +
                   (size_t)r->n_ramp_slots * sizeof *r->ramps +
                   (size_t)r->n_lut_slots * sizeof *r->luts + gfx_sim_states_bytes(r->sims);
    for (int i = 0; i < GFX_GRID_SIZES; i++) {
        const struct grid_slot *s = &r->grids[i];
        if (!s->ready)
            continue;
        size_t cells = (size_t)s->fields.grid.rows * (size_t)s->fields.grid.cols;
        bytes +=
            /* value and hue, a second field's, a combined field's, and the grid's
             * dist, angle and dist_n */
            cells * (9 * sizeof(float) + sizeof(gfx_cell) + 1) + gfx_glyph_atlas_bytes(s->atlas);
        if (s->moved.storage)
            bytes += cells * 5 * sizeof(float);
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
    s->field = malloc(cells * sizeof *s->field);
    s->field_hue = malloc(cells * sizeof *s->field_hue);
    s->mask = malloc(cells);
    s->combined = malloc(cells * sizeof *s->combined);
    s->combined_hue = malloc(cells * sizeof *s->combined_hue);
    if (!s->value || !s->hue || !s->cells || !s->field || !s->field_hue || !s->mask ||
        !s->combined || !s->combined_hue) {
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

/* Grows a cache to n slots of `size` bytes (ready flags cleared). */
static int grow_cache(void **slots, unsigned char **ready, int *n_slots, int n, size_t size)
{
    if (n > *n_slots) {
        void *grown = realloc(*slots, (size_t)n * size);
        if (!grown)
            return -1;
        *slots = grown;
        unsigned char *flags = realloc(*ready, (size_t)n);
        if (!flags)
            return -1;
        *ready = flags;
        *n_slots = n;
    }
    return 0;
}

/* The scene's own ramps (resolved against the font) and palettes, in the
 * slots past the built-in ones; a later scene's replace them. */
static int prepare_scene_tables(gfx_renderer *r, const gfx_scene *scene)
{
    int builtin_ramps = gfx_ramp_count(), builtin_luts = gfx_colours_count();
    if (grow_cache((void **)&r->ramps, &r->ramp_ready, &r->n_ramp_slots,
                   builtin_ramps + scene->n_ramps, sizeof *r->ramps) ||
        grow_cache((void **)&r->luts, &r->lut_ready, &r->n_lut_slots,
                   builtin_luts + scene->n_colours, sizeof *r->luts))
        return -1;
    for (int k = 0; k < scene->n_ramps; k++) {
        gfx_ramp_resolve_chars(&r->ramps[builtin_ramps + k], scene->ramps[k].name,
                               scene->ramps[k].chars, r->font, r->cfg.warn);
        r->ramp_ready[builtin_ramps + k] = 1;
    }
    for (int k = 0; k < scene->n_colours; k++) {
        r->luts[builtin_luts + k] = scene->colours[k].lut;
        r->lut_ready[builtin_luts + k] = 1;
    }
    return 0;
}

static int ensure_image(gfx_renderer *r, gfx_image *img);

int gfx_renderer_prepare(gfx_renderer *r, const gfx_scene *scene, char *err, size_t err_size)
{
    gfx_sim_states_forget(r->sims);
    if (prepare_scene_tables(r, scene)) {
        snprintf(err, err_size, "out of memory for the scene's palettes");
        return -1;
    }
    for (int i = 0; i < scene->n; i++) {
        const gfx_segment *seg = &scene->segments[i];
        for (int l = 0; l < seg->n_layers; l++) {
            const gfx_layer *layer = &seg->layers[l];
            if (!grid_slot(r, layer->grid, err, err_size))
                return -1;
            ramp_of(r, layer->ramp);
            lut_of(r, layer->colours);
            for (int c = 0; c < layer->n_cycle_ramps; c++)
                ramp_of(r, layer->cycle_ramps[c]);
            for (int c = 0; c < layer->n_cycle_colours; c++)
                lut_of(r, layer->cycle_colours[c]);
        }
    }
    /* The canvases masks, transitions and feedback need, so memory peaks
     * here rather than mid-render. */
    int scratch = 0, feedback = 0;
    for (int i = 0; i < scene->n; i++) {
        const gfx_segment *seg = &scene->segments[i];
        scratch |= seg->n_masks > 0 || (seg->transition != GFX_TRANSITION_CUT &&
                                        seg->transition != GFX_TRANSITION_CROSSFADE);
        feedback |= seg->has_feedback;
    }
    if ((scratch && ensure_image(r, &r->scratch)) || (feedback && ensure_image(r, &r->replay))) {
        snprintf(err, err_size, "%s", r->err);
        return -1;
    }
    /* Every atlas must hold every character resolved so far. */
    for (int i = 0; i < GFX_GRID_SIZES; i++)
        if (r->grids[i].ready && !gfx_glyph_atlas_view(r->grids[i].atlas)) {
            snprintf(err, err_size, "out of memory for glyph atlases");
            return -1;
        }
    return 0;
}

gfx_param_inputs gfx_segment_inputs(const gfx_segment *seg, const gfx_feature_track *track,
                                    int frame, double fps)
{
    double time = frame / fps - seg->start;
    if (time < 0.0)
        time = 0.0;
    int first = gfx_time_frame(seg->start, fps);
    return (gfx_param_inputs){
        gfx_features_at(track, frame), time, (float)gfx_time_progress(time, seg->end - seg->start),
        frame >= first ? gfx_beats_between(track, first, frame + 1) : 0, NULL};
}

/* gfx_segment_inputs with the clip's features of its current picture,
 * which compose_layers made this frame's. */
static gfx_param_inputs inputs_at(gfx_renderer *r, const gfx_segment *seg,
                                  const gfx_feature_track *track, int frame)
{
    gfx_param_inputs in = gfx_segment_inputs(seg, track, frame, r->cfg.fps);
    if (r->clip)
        in.video = gfx_video_clip_features(r->clip);
    return in;
}

/* The clip's cell stats on grid slot s's grid at the current picture, or
 * NULL when out of memory (with the line in r->err). */
static const uint8_t *clip_stats(gfx_renderer *r, struct grid_slot *s)
{
    const gfx_grid *g = &s->fields.grid;
    if (!s->video && !(s->video = malloc((size_t)7 * (size_t)g->rows * (size_t)g->cols))) {
        gfx_fail(r->err, sizeof r->err, GFX_FAILED, "out of memory for the clip's cells");
        return NULL;
    }
    gfx_video_clip_stats(r->clip, g, s->video);
    return s->video;
}

/* What a simulation's steps are built from, for any frame of its section. */
struct sim_call {
    gfx_renderer *r;
    const gfx_grid *lattice;
    const gfx_segment *seg;
    const gfx_effect_desc *e;
    const gfx_param_value *params;
    const gfx_feature_track *track;
    uint32_t seed;
};

/* A simulation step's context at `frame`: on the slot's own grid (the
 * state lives on its cells; a transform moves only what render() reads),
 * with the section's inputs but not the clip's features, which exist only
 * for the picture being drawn. */
static void sim_ctx_at(const void *user, int frame, gfx_effect_ctx *ctx)
{
    const struct sim_call *call = user;
    gfx_param_inputs in = gfx_segment_inputs(call->seg, call->track, frame, call->r->cfg.fps);
    *ctx = (gfx_effect_ctx){
        .grid = call->lattice,
        .track = call->track,
        .feat = in.feat,
        .frame = frame,
        .time = frame / call->r->cfg.fps,
        .fps = call->r->cfg.fps,
        .seed = call->seed,
        .particle_cap = gfx_effect_particle_cap(call->e, call->r->cfg.particles_max),
    };
    for (int j = 0; j < call->e->n_params; j++)
        ctx->params[j] = gfx_param_eval(&call->params[j], &call->e->params[j], &in);
}

/* Runs an effect on grid slot s into value and hue, reading `grid`: the
 * slot's own, or the slot's seen through the layer's transforms. */
static int run_effect(gfx_renderer *r, struct grid_slot *s, const gfx_grid *grid,
                      const gfx_segment *seg, const gfx_effect_desc *e,
                      const gfx_param_value *params, const gfx_feature_track *track, int frame,
                      uint32_t seed, float *value, float *hue)
{
    gfx_param_inputs in = inputs_at(r, seg, track, frame);
    gfx_cell_planes video;
    if (e->reads_video && r->clip) {
        const uint8_t *planes = clip_stats(r, s);
        if (!planes)
            return -1;
        video = gfx_video_clip_planes((uint8_t *)planes, s->fields.grid.rows, s->fields.grid.cols);
    }
    gfx_effect_ctx ctx = {
        .grid = grid,
        .track = track,
        .feat = in.feat,
        .frame = frame,
        .time = frame / r->cfg.fps,
        .fps = r->cfg.fps,
        .seed = seed,
        .particle_cap = gfx_effect_particle_cap(e, r->cfg.particles_max),
        .video = e->reads_video && r->clip ? &video : NULL,
    };
    for (int j = 0; j < e->n_params; j++)
        ctx.params[j] = gfx_param_eval(&params[j], &e->params[j], &in);
    if (e->sim) { /* its state brought to this frame (sim_state.h) */
        struct sim_call call = {r, &s->fields.grid, seg, e, params, track, seed};
        gfx_sim_key key = {params, e,    &s->fields.grid,
                           track,  seed, gfx_time_frame(seg->start, r->cfg.fps)};
        ctx.state =
            gfx_sim_state_at(r->sims, &key, frame, sim_ctx_at, &call, r->err, sizeof r->err);
        if (!ctx.state)
            return -1;
    }
    e->render(&ctx, value, hue);
    return 0;
}

/* The grid the layer's effect reads: slot s's own, or seen through the
 * layer's transforms at this frame (rebuilt only when their steps change).
 * NULL when out of memory. */
static const gfx_grid *moved_grid(gfx_renderer *r, struct grid_slot *s, const gfx_segment *seg,
                                  const gfx_layer *layer, const gfx_feature_track *track, int frame)
{
    if (layer->n_transforms == 0)
        return &s->fields.grid;
    gfx_param_inputs in = inputs_at(r, seg, track, frame);
    gfx_transform_step steps[GFX_MAX_TRANSFORMS];
    for (int k = 0; k < layer->n_transforms; k++)
        steps[k] = gfx_transform_eval(&layer->transforms[k], &in);
    if (s->n_moved_steps == layer->n_transforms &&
        gfx_transform_steps_equal(steps, s->moved_steps, layer->n_transforms))
        return &s->moved.grid;
    s->n_moved_steps = 0;
    if (gfx_tgrid_build(&s->moved, &s->fields.grid, steps, layer->n_transforms)) {
        gfx_fail(r->err, sizeof r->err, GFX_FAILED, "out of memory for a transformed grid");
        return NULL;
    }
    memcpy(s->moved_steps, steps, (size_t)layer->n_transforms * sizeof *steps);
    s->n_moved_steps = layer->n_transforms;
    return &s->moved.grid;
}

int gfx_stage_effect(gfx_renderer *r, const gfx_segment *seg, const gfx_layer *layer,
                     const gfx_feature_track *track, int frame, uint32_t seed)
{
    struct grid_slot *s = grid_slot(r, layer->grid, r->err, sizeof r->err);
    if (!s)
        return -1;
    r->current = s;
    const gfx_grid *grid = moved_grid(r, s, seg, layer, track, frame);
    if (!grid)
        return -1;
    if (run_effect(r, s, grid, seg, layer->effect, layer->params, track, frame, seed, s->value,
                   s->hue))
        return -1;
    if (layer->combine_field) {
        /* on the same moved grid: the layer's transforms move both fields */
        if (run_effect(r, s, grid, seg, layer->combine_field, layer->combine_params, track, frame,
                       seed, s->combined, s->combined_hue))
            return -1;
        static const gfx_param_desc unit = {"amount", 0.5f, 0.0f, 1.0f, ""};
        gfx_param_inputs in = inputs_at(r, seg, track, frame);
        gfx_combine_apply(layer->combine_op, gfx_param_eval(&layer->combine_amount, &unit, &in),
                          s->value, s->combined, s->fields.grid.rows * s->fields.grid.cols);
    }
    return 0;
}

void gfx_stage_tonemap(gfx_renderer *r, const gfx_layer *layer)
{
    const gfx_grid *g = &r->current->fields.grid;
    int n = g->rows * g->cols;
    gfx_tonemap_apply(r->current->value, n, gfx_tonemap_measure(r->current->value, n),
                      layer->gamma);
}

static const gfx_param_desc saturation_desc = {"saturation", 1.0f, 0.0f, 2.0f, NULL};

void gfx_stage_colour(gfx_renderer *r, const gfx_segment *seg, const gfx_layer *layer,
                      const gfx_feature_track *track, int frame)
{
    struct grid_slot *s = r->current;
    gfx_param_inputs in = inputs_at(r, seg, track, frame);
    int ramp = layer->ramp, colours = layer->colours;
    if (layer->cycle_beats > 0) {
        int beat = in.beats / layer->cycle_beats;
        if (layer->n_cycle_ramps)
            ramp = layer->cycle_ramps[beat % layer->n_cycle_ramps];
        if (layer->n_cycle_colours)
            colours = layer->cycle_colours[beat % layer->n_cycle_colours];
    }
    gfx_colour_args a = {
        .grid = &s->fields.grid,
        .value = s->value,
        .hue = s->hue,
        .ramp = ramp_of(r, ramp),
        .lut = lut_of(r, colours),
        .hue_mapping = layer->hue,
        .centroid = in.feat->centroid,
        .time = frame / r->cfg.fps,
        .brightness_floor = BRIGHTNESS_FLOOR,
        .saturation = gfx_param_eval(&layer->saturation, &saturation_desc, &in),
        .cells = s->cells,
    };
    int n_hue_params = 0;
    const gfx_param_desc *hue_descs = gfx_hue_params(layer->hue, &n_hue_params);
    for (int j = 0; j < n_hue_params; j++)
        a.hue_params[j] = gfx_param_eval(&layer->hue_params[j], &hue_descs[j], &in);
    gfx_colour_cells(&a);
    float degrees = gfx_shaders_hue_degrees(seg->shaders, seg->n_shaders, r->cfg.shader_level, &in);
    if (degrees != 0.0f)
        gfx_hue_rotate_cells(s->cells, s->fields.grid.rows * s->fields.grid.cols, degrees);
}

/* The current grid's cells onto canvas by the blit's max rule, the canvas
 * not cleared first. */
static void draw_cells(gfx_renderer *r, gfx_image *canvas)
{
    struct grid_slot *s = r->current;
    const gfx_grid *g = &s->fields.grid;
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

void gfx_stage_blit(gfx_renderer *r, gfx_image *canvas)
{
    memset(canvas->px, 0, gfx_image_bytes(canvas));
    draw_cells(r, canvas);
}

int gfx_stage_shaders(gfx_renderer *r, const gfx_segment *seg, gfx_image *canvas,
                      const gfx_feature_track *track, int frame, uint32_t seed)
{
    gfx_param_inputs in = inputs_at(r, seg, track, frame);
    if (gfx_shaders_apply(r->shaders, canvas, seg->shaders, seg->n_shaders, r->cfg.shader_level,
                          &in, seed, frame)) {
        gfx_fail(r->err, sizeof r->err, GFX_FAILED, "out of memory for shader tables");
        return -1;
    }
    return 0;
}

/* A text layer's glyphs into its grid's cells. */
static int text_cells(gfx_renderer *r, const gfx_layer *layer, const gfx_feature_track *track,
                      int frame, uint32_t seed)
{
    struct grid_slot *s = grid_slot(r, layer->grid, r->err, sizeof r->err);
    if (!s)
        return -1;
    r->current = s;
    memset(s->cells, 0,
           (size_t)s->fields.grid.rows * (size_t)s->fields.grid.cols * sizeof *s->cells);
    gfx_text_ctx ctx = {&s->fields.grid, track, frame,  frame / r->cfg.fps,
                        r->cfg.fps,      seed,  r->font};
    gfx_text_render(layer->text, &ctx, s->cells);
    if (!gfx_glyph_atlas_view(s->atlas)) {
        gfx_fail(r->err, sizeof r->err, GFX_FAILED, "out of memory for glyph atlases");
        return -1;
    }
    return 0;
}

static unsigned unit_q8(gfx_renderer *r, const gfx_segment *seg, const gfx_param_value *p,
                        const gfx_feature_track *track, int frame)
{
    static const gfx_param_desc unit = {"unit", 1.0f, 0.0f, 1.0f, ""};
    gfx_param_inputs in = inputs_at(r, seg, track, frame);
    return (unsigned)lroundf(gfx_param_eval(p, &unit, &in) * 256.0f);
}

/* A video layer's cells: the clip's current picture on its grid. */
static int video_cells(gfx_renderer *r, const gfx_segment *seg, const gfx_layer *layer,
                       const gfx_feature_track *track, int frame)
{
    struct grid_slot *s = grid_slot(r, layer->grid, r->err, sizeof r->err);
    if (!s)
        return -1;
    r->current = s;
    const gfx_grid *g = &s->fields.grid;
    const uint8_t *planes = clip_stats(r, s);
    if (!planes)
        return -1;
    /* ─ ╱ │ ╲, in enum gfx_edge_dir's order */
    static const uint32_t strokes[4] = {0x2500, 0x2571, 0x2502, 0x2572};
    gfx_video_look look = {
        .ramp = ramp_of(r, layer->ramp),
        .edge_threshold = layer->video_edges ? GFX_VIDEO_EDGE_THRESHOLD : 0,
        .brightness_q8 = unit_q8(r, seg, &layer->video_brightness, track, frame),
    };
    for (int d = 0; d < 4; d++)
        look.edge_glyph[d] = gfx_font_glyph(r->font, strokes[d]);
    gfx_cell_planes stats = gfx_video_clip_planes((uint8_t *)planes, g->rows, g->cols);
    gfx_video_cells(&stats, g->rows, g->cols, &look, s->cells, g->cols);
    if (!gfx_glyph_atlas_view(s->atlas)) {
        gfx_fail(r->err, sizeof r->err, GFX_FAILED, "out of memory for glyph atlases");
        return -1;
    }
    return 0;
}

/* A backdrop layer (a text layer of kind text_backdrop): the canvas
 * darkened behind the glyphs of the first text layer above it in the
 * section, as the catalogue applies it after the background and before the
 * text; with no text layer above, nothing. That layer's cells are made
 * here, and again in its turn. */
static int draw_backdrop(gfx_renderer *r, const gfx_segment *seg, int l, gfx_image *canvas,
                         const gfx_feature_track *track, int frame, uint32_t seed)
{
    const float *params = seg->layers[l].text->params; /* padding, darkness */
    for (int above = l + 1; above < seg->n_layers; above++) {
        const gfx_layer *t = &seg->layers[above];
        if (!t->text || t->text->kind == GFX_TEXT_BACKDROP)
            continue;
        if (text_cells(r, t, track, frame, seed))
            return -1;
        if (gfx_text_backdrop_build(&r->backdrop, r->current->cells, &r->current->fields.grid,
                                    canvas->width, canvas->height, params[0], params[1])) {
            gfx_fail(r->err, sizeof r->err, GFX_FAILED, "out of memory for a text backdrop");
            return -1;
        }
        gfx_text_backdrop_apply(&r->backdrop, canvas);
        break;
    }
    return 0;
}

/* A layer's cells on its grid, which becomes r->current. */
static int layer_cells(gfx_renderer *r, const gfx_segment *seg, const gfx_layer *layer,
                       const gfx_feature_track *track, int frame, uint32_t seed)
{
    if (layer->text || layer->video) {
        if (layer->text ? text_cells(r, layer, track, frame, seed)
                        : video_cells(r, seg, layer, track, frame))
            return -1;
        gfx_param_inputs in = gfx_segment_inputs(seg, track, frame, r->cfg.fps);
        const gfx_grid *g = &r->current->fields.grid;
        gfx_cells_saturate(r->current->cells, g->rows * g->cols,
                           gfx_param_eval(&layer->saturation, &saturation_desc, &in));
        return 0;
    }
    if (gfx_stage_effect(r, seg, layer, track, frame, seed))
        return -1;
    gfx_stage_tonemap(r, layer);
    gfx_stage_colour(r, seg, layer, track, frame);
    return 0;
}

/* The bottom layer's cells in a field morph: the outgoing section's first
 * field blended into this one's by the transition's progress, then
 * coloured as this one's. Both lie on one grid (the scene parser checks). */
static int morph_cells(gfx_renderer *r, const gfx_segment *from, const gfx_segment *seg,
                       float progress, const gfx_feature_track *track, int frame, uint32_t seed)
{
    if (gfx_stage_effect(r, from, &from->layers[0], track, frame, seed))
        return -1;
    gfx_stage_tonemap(r, &from->layers[0]);
    struct grid_slot *s = r->current;
    int n = s->fields.grid.rows * s->fields.grid.cols;
    memcpy(s->field, s->value, (size_t)n * sizeof *s->field);
    if (gfx_stage_effect(r, seg, &seg->layers[0], track, frame, seed))
        return -1;
    gfx_stage_tonemap(r, &seg->layers[0]);
    for (int i = 0; i < n; i++)
        s->value[i] = s->field[i] + (s->value[i] - s->field[i]) * progress;
    gfx_stage_colour(r, seg, &seg->layers[0], track, frame);
    return 0;
}

/* An image the size of the frame, allocated on first need. */
static int ensure_image(gfx_renderer *r, gfx_image *img)
{
    if (img->px)
        return 0;
    if (gfx_image_alloc(img, r->cfg.width, r->cfg.height) == 0)
        return 0;
    gfx_fail(r->err, sizeof r->err, GFX_FAILED, "out of memory for %dx%d canvases", r->cfg.width,
             r->cfg.height);
    return -1;
}

/* The layer's mask into the current grid's mask bytes. The layer has just
 * been rendered, so the grid holds its tonemapped values. */
static int eval_layer_mask(gfx_renderer *r, const gfx_segment *seg, const gfx_layer *layer,
                           const gfx_feature_track *track, int frame, uint32_t seed)
{
    struct grid_slot *s = r->current;
    gfx_param_inputs in = inputs_at(r, seg, track, frame);
    gfx_mask_input mi = {
        .grid = &s->fields.grid,
        .progress = layer->mask_to > layer->mask_from
                        ? gfx_mask_progress(in.time, layer->mask_from, layer->mask_to)
                        : in.progress,
        .field = layer->effect ? s->value : NULL, /* text and video layers have no field */
        .font = r->font,
    };
    if (layer->mask_field) {
        if (run_effect(r, s, &s->fields.grid, seg, layer->mask_field, layer->mask_field_params,
                       track, frame, seed, s->field, s->field_hue))
            return -1;
        mi.field = s->field;
    }
    return gfx_mask_eval(seg->masks, seg->n_masks, layer->mask, &mi, s->mask, r->err, sizeof r->err)
               ? -1
               : 0;
}

/* The modes whose result is the base wherever the top is black (screen
 * and add of 0, max(a, 0), |a - 0|, a / (1 - 0)...): a layer in one of
 * them changes only the pixels of its non-blank cells, so only those are
 * drawn and blended. Gives the bytes the whole-frame blend gives. */
static int black_is_identity(int mode)
{
    switch (mode) {
    case GFX_BLEND_ADD:
    case GFX_BLEND_SUBTRACT:
    case GFX_BLEND_SCREEN:
    case GFX_BLEND_LIGHTEN:
    case GFX_BLEND_DIFFERENCE:
    case GFX_BLEND_EXCLUSION:
    case GFX_BLEND_COLORDODGE: return 1;
    default: return 0;
    }
}

/* A run of non-blank cells on one cell row, as a pixel rectangle. */
struct cell_run {
    int row, first, end; /* cells [first, end) of the row */
    int x, y, w, h;      /* pixels, clipped to the frame */
};

/* The next run at or after *at (row-major cell index); 0 when none is left. */
static int next_run(const struct grid_slot *s, int width, int height, int *at, struct cell_run *run)
{
    const gfx_grid *g = &s->fields.grid;
    int n = g->rows * g->cols, i = *at;
    while (i < n && s->cells[i].glyph == 0)
        i++;
    if (i >= n)
        return 0;
    run->row = i / g->cols;
    run->first = i % g->cols;
    int row_end = (run->row + 1) * g->cols;
    while (i < row_end && s->cells[i].glyph != 0)
        i++;
    *at = i;
    run->end = i - run->row * g->cols;
    run->x = g->origin_x + run->first * g->cell_w;
    run->y = g->origin_y + run->row * g->cell_h;
    int x1 = g->origin_x + run->end * g->cell_w, y1 = run->y + g->cell_h;
    run->w = (x1 < width ? x1 : width) - run->x;
    run->h = (y1 < height ? y1 : height) - run->y;
    return run->w > 0 && run->h > 0 ? 1 : next_run(s, width, height, at, run);
}

static uint8_t *pixel_at(gfx_image *img, int x, int y)
{
    return img->px + y * img->stride + 3 * (ptrdiff_t)x;
}

/* The current grid's layer blended onto canvas cell run by cell run, for
 * a mode whose black is the identity: the layer canvas is cleared and
 * drawn only under the runs, and a masked layer mixes only there. */
static int blend_runs(gfx_renderer *r, const gfx_layer *layer, gfx_image *canvas, unsigned opacity)
{
    const struct gfx_kernels *k = gfx_kernels_get();
    struct grid_slot *s = r->current;
    const gfx_grid *g = &s->fields.grid;
    int masked = layer->mask >= 0;
    if (masked && (ensure_image(r, &r->scratch) ||
                   (!r->mask_row && !(r->mask_row = malloc((size_t)r->cfg.width))))) {
        gfx_fail(r->err, sizeof r->err, GFX_FAILED, "out of memory for a mask row");
        return -1;
    }
    struct cell_run run;
    for (int at = 0; next_run(s, canvas->width, canvas->height, &at, &run);)
        for (int y = run.y; y < run.y + run.h; y++)
            memset(pixel_at(&r->layer, run.x, y), 0, 3 * (size_t)run.w);
    draw_cells(r, &r->layer);
    for (int at = 0; next_run(s, canvas->width, canvas->height, &at, &run);) {
        uint8_t *base = pixel_at(canvas, run.x, run.y);
        const uint8_t *top = pixel_at(&r->layer, run.x, run.y);
        if (!masked) {
            k->blend(base, canvas->stride, top, r->layer.stride, run.w, run.h, layer->blend,
                     opacity);
            continue;
        }
        uint8_t *mixed = pixel_at(&r->scratch, run.x, run.y);
        for (int y = 0; y < run.h; y++)
            memcpy(mixed + y * r->scratch.stride, base + y * canvas->stride, 3 * (size_t)run.w);
        k->blend(mixed, r->scratch.stride, top, r->layer.stride, run.w, run.h, layer->blend,
                 opacity);
        for (int c = run.first; c < run.end; c++) {
            int x0 = (c - run.first) * g->cell_w,
                w = g->cell_w < run.w - x0 ? g->cell_w : run.w - x0;
            memset(r->mask_row + x0, s->mask[run.row * g->cols + c], (size_t)w);
        }
        k->mask_mix(base, canvas->stride, mixed, r->scratch.stride, r->mask_row, 0, run.w, run.h);
    }
    return 0;
}

/* The layers merged bottom-up onto *canvas. The bottom layer lies on black:
 * fully opaque and unmasked it is drawn straight onto the canvas, which is
 * what a scene of one layer has always rendered. A layer is blended onto
 * what lies below by its mode at its opacity; a masked one shows that
 * where its mask is 1 and what lies below where it is 0. Opaque lighten
 * is the blit's own max rule, so such a layer is drawn straight on. With
 * morph_from, the bottom layer is a field morph from that section. */
static int compose_layers(gfx_renderer *r, const gfx_segment *seg, gfx_image *canvas,
                          const gfx_feature_track *track, int frame, uint32_t seed,
                          const gfx_segment *morph_from, float morph)
{
    const struct gfx_kernels *k = gfx_kernels_get();
    if (r->clip && gfx_video_clip_seek(r->clip, frame, r->err, sizeof r->err))
        return -1;
    for (int l = 0; l < seg->n_layers; l++) {
        const gfx_layer *layer = &seg->layers[l];
        if (layer->text && layer->text->kind == GFX_TEXT_BACKDROP) {
            if (l == 0)
                memset(canvas->px, 0, gfx_image_bytes(canvas));
            if (draw_backdrop(r, seg, l, canvas, track, frame, seed))
                return -1;
            continue;
        }
        unsigned opacity = unit_q8(r, seg, &layer->opacity, track, frame);
        int masked = layer->mask >= 0;
        if (l == 0 && morph_from ? morph_cells(r, morph_from, seg, morph, track, frame, seed)
                                 : layer_cells(r, seg, layer, track, frame, seed))
            return -1;
        if (l == 0 && opacity == 256 && !masked) {
            gfx_stage_blit(r, canvas);
            continue;
        }
        if (l == 0)
            memset(canvas->px, 0, gfx_image_bytes(canvas));
        if (masked && eval_layer_mask(r, seg, layer, track, frame, seed))
            return -1;
        if (layer->blend == GFX_BLEND_LIGHTEN && opacity == 256 && !masked) {
            draw_cells(r, canvas);
            continue;
        }
        if (black_is_identity(layer->blend)) {
            if (blend_runs(r, layer, canvas, opacity))
                return -1;
            continue;
        }
        gfx_stage_blit(r, &r->layer);
        if (!masked) {
            k->blend(canvas->px, canvas->stride, r->layer.px, r->layer.stride, canvas->width,
                     canvas->height, layer->blend, opacity);
            continue;
        }
        if (ensure_image(r, &r->scratch))
            return -1;
        memcpy(r->scratch.px, canvas->px, gfx_image_bytes(canvas));
        k->blend(r->scratch.px, r->scratch.stride, r->layer.px, r->layer.stride, canvas->width,
                 canvas->height, layer->blend, opacity);
        if (gfx_mask_apply_canvas(k, &r->current->fields.grid, r->current->mask, canvas->px,
                                  canvas->stride, r->scratch.px, r->scratch.stride, canvas->width,
                                  canvas->height, r->err, sizeof r->err))
            return -1;
    }
    return 0;
}

/* The slot holding seg's buffer, or the least recently used one, emptied
 * for it. NULL when out of memory. */
static struct feedback_slot *feedback_slot(gfx_renderer *r, const gfx_segment *seg)
{
    struct feedback_slot *slot = &r->feedback[0];
    for (int i = 0; i < 2; i++)
        if (r->feedback[i].seg == seg) {
            slot = &r->feedback[i];
            goto found;
        }
    if (r->feedback[1].used < slot->used)
        slot = &r->feedback[1];
    if (!slot->fb &&
        !(slot->fb = gfx_feedback_create(r->cfg.width, r->cfg.height, &seg->feedback))) {
        gfx_fail(r->err, sizeof r->err, GFX_FAILED, "out of memory for a feedback buffer");
        return NULL;
    }
    gfx_feedback_set_params(slot->fb, &seg->feedback);
    gfx_feedback_reset(slot->fb);
    slot->seg = seg;
    slot->frame = INT_MIN;
found:
    slot->used = ++r->feedback_clock;
    return slot;
}

/* The section's feedback buffer brought to frame - 1, ready to take
 * frame's merged layers. The buffer starts empty at the section's first
 * frame, so frame f's bytes depend on the section's frames before it:
 * they are composed again (no shaders, no output) from the last frame this
 * renderer stepped the buffer to, or from the section's start. In order
 * that costs nothing here; a frame rendered alone costs one composition per
 * frame of the section before it. It runs before frame's own composition,
 * so the section's simulations step forward through the replay rather than
 * start over, and the clip is left at frame's picture by that composition.
 * NULL when out of memory. */
static struct feedback_slot *feedback_catch_up(gfx_renderer *r, const gfx_segment *seg,
                                               const gfx_feature_track *track, int frame,
                                               uint32_t seed)
{
    struct feedback_slot *slot = feedback_slot(r, seg);
    if (!slot)
        return NULL;
    int first = gfx_time_frame(seg->start, r->cfg.fps);
    if (slot->frame >= frame || slot->frame < first - 1) {
        gfx_feedback_reset(slot->fb);
        slot->frame = first - 1;
    }
    if (slot->frame + 1 < frame && ensure_image(r, &r->replay))
        return NULL;
    for (int g = slot->frame + 1; g < frame; g++) {
        if (compose_layers(r, seg, &r->replay, track, g, seed, NULL, 0.0f))
            return NULL;
        gfx_feedback_step(slot->fb, &r->replay);
        slot->frame = g;
    }
    return slot;
}

static int render_segment(gfx_renderer *r, const gfx_segment *seg, gfx_image *canvas,
                          const gfx_feature_track *track, int frame, uint32_t seed,
                          const gfx_segment *morph_from, float morph)
{
    struct feedback_slot *feedback = NULL;
    if (seg->has_feedback && !morph_from &&
        !(feedback = feedback_catch_up(r, seg, track, frame, seed)))
        return -1;
    if (compose_layers(r, seg, canvas, track, frame, seed, morph_from, morph))
        return -1;
    if (feedback) {
        gfx_feedback_step(feedback->fb, canvas);
        feedback->frame = frame;
    }
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

/* canvas = canvas * (1 - mix) + outgoing * mix, mix in Q8. A mix outside
 * [0, 1] (an easing that overshoots: elastic) is held at its end; mixing past
 * it would extrapolate beyond 0..255 and wrap. */
static void crossfade(gfx_image *canvas, const gfx_image *outgoing, float mix)
{
    mix = mix < 0.0f ? 0.0f : mix > 1.0f ? 1.0f : mix;
    unsigned m = (unsigned)lroundf(mix * 256.0f);
    mix_bytes(canvas->px, outgoing->px, (size_t)canvas->stride * (size_t)canvas->height, 256 - m,
              m);
}

static void swap_images(gfx_image *a, gfx_image *b)
{
    gfx_image t = *a;
    *a = *b;
    *b = t;
}

/* The transition's cell mask on grid slot s (255: the incoming section).
 * The wipes, iris and dissolves are masks.h's; the radial and diagonal
 * wipes are hard edges, as the catalogue's tr_wipe. */
static int transition_mask(gfx_renderer *r, int transition, float b, int frame, struct grid_slot *s)
{
    const gfx_grid *g = &s->fields.grid;
    int rows = g->rows, cols = g->cols;
    if (transition == GFX_TRANSITION_WIPE_RADIAL || transition == GFX_TRANSITION_WIPE_DIAGONAL) {
        /* distances in cell widths, as the grid's own dist field */
        float half_w = 0.5f * cols, half_h = 0.5f * rows * g->aspect;
        float reach = b * sqrtf(half_w * half_w + half_h * half_h);
        for (int y = 0; y < rows; y++)
            for (int x = 0; x < cols; x++) {
                int i = y * cols + x;
                float d = transition == GFX_TRANSITION_WIPE_RADIAL
                              ? g->dist[i]
                              : 0.5f * ((x + 0.5f) / cols + (y + 0.5f) / rows);
                float edge = transition == GFX_TRANSITION_WIPE_RADIAL ? reach : b;
                s->mask[i] = d < edge ? 255 : 0;
            }
        return 0;
    }
    static const struct {
        int transition;
        const char *kind, *string;
    } kinds[] = {
        {GFX_TRANSITION_WIPE_LEFT, "mask_wipe_h", "left"},
        {GFX_TRANSITION_WIPE_RIGHT, "mask_wipe_h", "right"},
        {GFX_TRANSITION_WIPE_UP, "mask_wipe_v", "up"},
        {GFX_TRANSITION_WIPE_DOWN, "mask_wipe_v", "down"},
        {GFX_TRANSITION_DISSOLVE, "mask_dissolve", NULL},
        {GFX_TRANSITION_GLYPH_CROSSFADE, "mask_dissolve", NULL},
        {GFX_TRANSITION_IRIS, "mask_iris", NULL},
        {GFX_TRANSITION_IRIS_CLOSE, "mask_iris", NULL},
    };
    gfx_mask_node node;
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
        if (kinds[k].transition == transition) {
            gfx_mask_node_init(&node, gfx_mask_kind_find(kinds[k].kind));
            node.string = kinds[k].string;
        }
    if (transition == GFX_TRANSITION_GLYPH_CROSSFADE) /* new noise every frame: sparkle */
        node.params[gfx_mask_param_index(node.kind, "seed")] =
            (float)(gfx_hash32((uint32_t)frame) & 0xffffff);
    if (transition == GFX_TRANSITION_IRIS_CLOSE)
        b = 1.0f - b; /* A's circle closes: A shows where the mask is */
    gfx_mask_input in = {.grid = g, .progress = b, .field = NULL, .font = r->font};
    if (gfx_mask_eval(&node, 1, 0, &in, s->mask, r->err, sizeof r->err))
        return -1;
    if (transition == GFX_TRANSITION_IRIS_CLOSE)
        for (int i = 0; i < rows * cols; i++)
            s->mask[i] = (uint8_t)(255 - s->mask[i]);
    return 0;
}

/* The catalogue's tr_glitch_cut on the frame that already holds A or B:
 * floor(20 i) cell rows of `grid` rolled sideways by up to 20 i cells,
 * i = 1 - 4 |b - 1/2|, for 0.3 < b < 0.7. */
static int glitch_rows(gfx_renderer *r, gfx_image *canvas, const gfx_grid *g, float b, int frame,
                       uint32_t seed)
{
    float intensity = 1.0f - 4.0f * fabsf(b - 0.5f);
    if (!(b > 0.3f && b < 0.7f) || intensity <= 0.0f)
        return 0;
    if (ensure_image(r, &r->scratch))
        return -1;
    size_t row_bytes = 3 * (size_t)canvas->width;
    uint32_t key = gfx_noise_key(seed, (uint32_t)frame, 0x67c00000u);
    for (int k = 0; k < (int)floorf(20.0f * intensity); k++) {
        uint32_t h = gfx_hash32(key + 2u * (uint32_t)k), u = gfx_hash32(key + 2u * (uint32_t)k + 1);
        int row = (int)(h % (uint32_t)g->rows);
        float cells = ((float)(u >> 8) / 16777216.0f - 0.5f) * 40.0f * intensity;
        int shift = (int)lroundf(cells) * g->cell_w % canvas->width;
        if (shift < 0)
            shift += canvas->width;
        for (int y = g->origin_y + row * g->cell_h;
             y < g->origin_y + (row + 1) * g->cell_h && y < canvas->height; y++) {
            uint8_t *line = canvas->px + y * canvas->stride, *tmp = r->scratch.px;
            memcpy(tmp, line, row_bytes);
            memcpy(line + 3 * (size_t)shift, tmp, row_bytes - 3 * (size_t)shift);
            memcpy(line, tmp + row_bytes - 3 * (size_t)shift, 3 * (size_t)shift);
        }
    }
    return 0;
}

/* Mixes the outgoing section's frame (r->fade) and the incoming one's
 * (r->canvas) by the transition into r->canvas. */
static int run_transition(gfx_renderer *r, const gfx_segment *seg, float b, int frame,
                          uint32_t seed)
{
    const struct gfx_kernels *k = gfx_kernels_get();
    struct grid_slot *s = grid_slot(r, seg->layers[0].grid, r->err, sizeof r->err);
    if (!s)
        return -1;
    switch (seg->transition) {
    case GFX_TRANSITION_CROSSFADE: crossfade(&r->canvas, &r->fade, 1.0f - b); return 0;
    case GFX_TRANSITION_BLEND: /* B over A by the mode, its opacity rising; then to B alone */
        k->blend(r->fade.px, r->fade.stride, r->canvas.px, r->canvas.stride, r->canvas.width,
                 r->canvas.height, seg->transition_blend,
                 b < 0.5f ? (unsigned)lroundf(512.0f * b) : 256u);
        if (b < 0.5f)
            swap_images(&r->canvas, &r->fade);
        else
            crossfade(&r->canvas, &r->fade, 2.0f - 2.0f * b);
        return 0;
    case GFX_TRANSITION_GLITCH_CUT:
        if (b < 0.5f)
            swap_images(&r->canvas, &r->fade);
        return glitch_rows(r, &r->canvas, &s->fields.grid, b, frame, seed);
    default:
        if (transition_mask(r, seg->transition, b, frame, s) ||
            gfx_mask_apply_canvas(k, &s->fields.grid, s->mask, r->fade.px, r->fade.stride,
                                  r->canvas.px, r->canvas.stride, r->canvas.width, r->canvas.height,
                                  r->err, sizeof r->err))
            return -1;
        swap_images(&r->canvas, &r->fade);
        return 0;
    }
}

const gfx_image *gfx_render_frame(gfx_renderer *r, const gfx_scene *scene,
                                  const gfx_feature_track *track, int frame, uint32_t seed)
{
    int main, outgoing;
    float progress;
    gfx_scene_at(scene, frame / r->cfg.fps, &main, &outgoing, &progress);
    const gfx_segment *seg = &scene->segments[main];
    if (outgoing >= 0 && seg->transition == GFX_TRANSITION_FIELD_MORPH)
        return render_segment(r, seg, &r->canvas, track, frame, seed, &scene->segments[outgoing],
                              progress)
                   ? NULL
                   : &r->canvas;
    if (render_segment(r, seg, &r->canvas, track, frame, seed, NULL, 0.0f))
        return NULL;
    if (outgoing >= 0 &&
        (render_segment(r, &scene->segments[outgoing], &r->fade, track, frame, seed, NULL, 0.0f) ||
         run_transition(r, seg, progress, frame, seed)))
        return NULL;
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
