/* A clip (--video: a video, a still image or an image sequence) as the
 * renderer sees it: its picture at output frame f (video_source.h fetches
 * it exactly, whoever asks), that picture's cell stats on any grid (the
 * cell stats kernel), and the six video features parameters may follow.
 *
 * Features of frame f, each in [0, 1], over the analysis grid (cells of
 * GFX_VIDEO_ANALYSIS_CELL pixels square, centred; the catalogue's
 * per-pixel measures taken per cell, 130x more cheaply at 1080p):
 *   brightness      mean cell luma / 255
 *   contrast        standard deviation of the cell lumas / 128, clamped
 *   edge_density    the share of cells whose edge is above
 *                   GFX_VIDEO_EDGE_THRESHOLD (those drawn as strokes)
 *   motion          mean over cells of min(1, |Y - Y(f-1)| / 30): the
 *                   catalogue's motion map against the previous frame
 *                   itself rather than a running reference, so frame f's
 *                   value depends on frames f-1 and f alone (0 at frame 0)
 *   dominant_hue    the hue of the cells' colours averaged as vectors on
 *                   the hue circle, each weighted by saturation x value
 *                   (greys do not vote); 0 for a grey picture
 *   color_variance  the mean over R, G, B of the cell colours' standard
 *                   deviation / 128, clamped
 * Floats summed in a fixed order: the same on every machine and ISA.
 *
 * Not thread safe: each renderer opens its own clip. */
#ifndef GFX_VIDEO_CLIP_H
#define GFX_VIDEO_CLIP_H

#include <stddef.h>

#include "effect.h"
#include "gfx_kernels.h"
#include "params.h"
#include "status.h"

#define GFX_VIDEO_ANALYSIS_CELL 16

typedef struct gfx_video_clip_config {
    const char *path;
    double image_fps;     /* an image sequence's rate; 0: video_source.h's default */
    int width, height;    /* the render size */
    int fps_num, fps_den; /* the render rate */
} gfx_video_clip_config;

typedef struct gfx_video_clip gfx_video_clip;

/* NULL with one line in err (not a video or image, memory). */
gfx_video_clip *gfx_video_clip_open(const gfx_video_clip_config *cfg, char *err, size_t err_size);
void gfx_video_clip_close(gfx_video_clip *c);

/* Makes output frame `frame` the current picture (free when it already
 * is; one frame on when the last was frame - 1). */
gfx_status gfx_video_clip_seek(gfx_video_clip *c, int frame, char *err, size_t err_size);
/* The current picture's cell stats on grid g, without motion, into
 * planes of g->rows x g->cols (stride g->cols) starting at `planes`
 * (7 x rows x cols bytes: r, g, b, luma, edge, edge_dir, motion). */
void gfx_video_clip_stats(gfx_video_clip *c, const gfx_grid *g, uint8_t *planes);
/* The planes of gfx_video_clip_stats's layout. */
gfx_cell_planes gfx_video_clip_planes(uint8_t *planes, int rows, int cols);
/* GFX_VIDEO_FEATURES values of the current picture (params.h's order),
 * computed on first request; valid until the next seek. */
const float *gfx_video_clip_features(gfx_video_clip *c);

#endif
