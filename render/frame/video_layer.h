/* The clip as ASCII over a rendered frame: video_source (the clip's frame
 * f at the render size) -> the cell stats kernel over a grid of its own ->
 * video_cells -> the blit kernel, drawn onto a canvas by the blit's
 * max(canvas, coverage x colour), so it composes with whatever the effects
 * drew in either order. A pure function of (clip, frame index, settings):
 * the source fetches frame f exactly on any worker (video_source.h).
 *
 * One layer per worker thread (it owns a font, an atlas and an ffmpeg pipe).
 * Where it goes (for the integrator): draw it on the canvas between the
 * blit and the shader chain, so bloom, CRT and the rest act on it too; a
 * scene layer of kind "video" with these settings is the natural home once
 * layers exist. Until then render/run/job.c draws it after the frame. */
#ifndef GFX_VIDEO_LAYER_H
#define GFX_VIDEO_LAYER_H

#include <stddef.h>

#include "image.h"
#include "status.h"

typedef struct gfx_video_layer_config {
    const char *path;       /* the clip, a still image or an image sequence */
    double image_fps;       /* a sequence's rate; 0: the default (video_source.h) */
    int width, height;      /* the render size */
    int fps_num, fps_den;   /* the render rate */
    int pixel_height;       /* the grid's font size (grid.h) */
    const char *font_path;  /* NULL: DejaVu Sans Mono */
    const char *ramp;       /* palette.h ramp name, NULL: "default" */
    unsigned brightness_q8; /* 256 the clip as is, 128 bg_video's backdrop */
    int edges;              /* box strokes on edges (video_cells.h) */
} gfx_video_layer_config;

typedef struct gfx_video_layer gfx_video_layer;

/* NULL with one line in err (the clip is not a video, no font, memory). */
gfx_video_layer *gfx_video_layer_create(const gfx_video_layer_config *cfg, char *err,
                                        size_t err_size);
/* Draws output frame `frame` onto canvas (the render size). */
gfx_status gfx_video_layer_draw(gfx_video_layer *l, int frame, gfx_image *canvas, char *err,
                                size_t err_size);
void gfx_video_layer_free(gfx_video_layer *l);

#endif
