/* The renderer: one frame from (scene, features, frame index, seed).
 *
 *   for each layer: effect -> tonemap -> colour -> blit -> blend (and mask)
 *   -> feedback -> shader chain
 *
 * and, while a transition runs, the same for the outgoing section, mixed
 * by the transition.
 * A renderer owns everything a frame needs (font and atlases, grids, cell
 * arrays, canvases, shader tables), allocated once and reused; it has no
 * global mutable state, so each worker thread owns one.
 *
 * Determinism: a frame is a pure function of its inputs. Caches (atlases,
 * grids, masks, tables) hold only functions of their keys, effects keep no
 * state (a simulation's is replayed from its section's first frame:
 * sim_state.h), noise is keyed by (seed, frame, stream), and everything
 * outside the kernels is plain C compiled once; the kernels are bit-exact
 * across ISAs. So frame f is the same bytes rendered alone or in sequence,
 * on any ISA. */
#ifndef GFX_FRAME_H
#define GFX_FRAME_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "audio_features.h"
#include "font.h"
#include "image.h"
#include "scene.h"
#include "status.h"

typedef struct gfx_render_config {
    int width, height;
    double fps;
    float grid_scale;      /* the profile's: 0.5 draft .. 2 max */
    int shader_level;      /* enum gfx_shader_level: steps above it are skipped */
    int particles_max;     /* the profile's particle budget */
    const char *font_path; /* NULL: DejaVu Sans Mono */
    const gfx_warn *warn;  /* notes on dropped characters; NULL: silent */
    /* The clip video layers, bg_video and the video features show
     * (video_clip.h); NULL: none. Each renderer opens its own. */
    const char *video_path;
    double video_image_fps; /* an image sequence's rate; 0: the default */
} gfx_render_config;

typedef struct gfx_renderer gfx_renderer;

/* NULL with one line in err (font missing or not a font, cells too big,
 * the clip not a video or image, out of memory). */
gfx_renderer *gfx_renderer_create(const gfx_render_config *cfg, char *err, size_t err_size);
void gfx_renderer_free(gfx_renderer *r);
/* Heap bytes the renderer holds now (grows as grids and tables are first
 * used; gfx_renderer_prepare makes it reach its peak up front). */
size_t gfx_renderer_bytes(const gfx_renderer *r);

/* Builds the atlases, grids and palettes every segment of the scene needs,
 * so problems show before frame 0 and render times are steady, and forgets
 * the simulation state kept for an earlier scene. 0, or -1 with one line
 * in err. */
int gfx_renderer_prepare(gfx_renderer *r, const gfx_scene *scene, char *err, size_t err_size);

/* Renders frame `frame` (time frame / fps). The image belongs to the
 * renderer and stays valid until its next call. NULL only when out of
 * memory, with the line in gfx_renderer_error. */
const gfx_image *gfx_render_frame(gfx_renderer *r, const gfx_scene *scene,
                                  const gfx_feature_track *track, int frame, uint32_t seed);

/* ----------------------------------------------------- the stages, one by one
 * For the benchmark: each stage of one layer's frame, in pipeline order.
 * A section's frame is, for each layer, effect -> tonemap -> colour -> blit
 * (onto the canvas for an opaque bottom layer, else onto a layer canvas
 * blended down), then the section's shaders. Stages after the first act on
 * the grid the effect ran on. */
int gfx_stage_effect(gfx_renderer *r, const gfx_segment *seg, const gfx_layer *layer,
                     const gfx_feature_track *track, int frame, uint32_t seed);
void gfx_stage_tonemap(gfx_renderer *r, const gfx_layer *layer);
/* Glyphs and colours of the cells, then the section chain's hue rotation
 * on them. */
void gfx_stage_colour(gfx_renderer *r, const gfx_segment *seg, const gfx_layer *layer,
                      const gfx_feature_track *track, int frame);
/* Clears the canvas and draws the cells. */
void gfx_stage_blit(gfx_renderer *r, gfx_image *canvas);
int gfx_stage_shaders(gfx_renderer *r, const gfx_segment *seg, gfx_image *canvas,
                      const gfx_feature_track *track, int frame, uint32_t seed);
/* What a section's parameters follow at a frame: the track's features and
 * the section's clock (params.h). */
gfx_param_inputs gfx_segment_inputs(const gfx_segment *seg, const gfx_feature_track *track,
                                    int frame, double fps);
/* The line of the last failed gfx_render_frame, gfx_stage_effect or
 * gfx_stage_shaders ("" before any failure). */
const char *gfx_renderer_error(const gfx_renderer *r);
/* The renderer's main canvas (what gfx_render_frame returns). */
gfx_image *gfx_renderer_canvas(gfx_renderer *r);
/* The main grid's cells of the last frame: the grid the last effect ran on
 * (during a crossfade gfx_render_frame runs the outgoing segment last, so
 * its grid), rows x cols row-major, and in *font the font whose glyph
 * indices they hold (gfx_font_codepoint). NULL before the first effect.
 * Valid until the renderer's next frame. For text views (the terminal). */
const gfx_cell *gfx_renderer_text_cells(gfx_renderer *r, int *rows, int *cols,
                                        const gfx_font **font);

/* Mean (over all channel bytes) and max brightness of an image: the seed's
 * check (mean above 15 active, above 5 quiet). */
void gfx_image_brightness(const gfx_image *img, double *mean, int *max);

#endif
