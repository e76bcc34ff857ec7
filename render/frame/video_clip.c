#include "video_clip.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "image.h"
#include "palette.h"
#include "video_cells.h"
#include "video_source.h"

struct gfx_video_clip {
    gfx_video_source *source;
    gfx_image picture, previous; /* output frames `at` and at - 1 */
    int at;                      /* -1: none yet */
    int previous_valid;
    uint16_t *scratch;
    gfx_grid analysis; /* only the geometry: stats read no fields */
    uint8_t *analysis_planes;
    float features[GFX_VIDEO_FEATURES];
    int features_ready;
};

gfx_video_clip *gfx_video_clip_open(const gfx_video_clip_config *cfg, char *err, size_t err_size)
{
    gfx_video_clip *c = calloc(1, sizeof *c);
    if (!c) {
        gfx_fail(err, err_size, GFX_FAILED, "%s: out of memory for the clip", cfg->path);
        return NULL;
    }
    c->at = -1;
    if (gfx_video_open(&c->source, cfg->path, cfg->image_fps, cfg->width, cfg->height, cfg->fps_num,
                       cfg->fps_den, err, err_size)) {
        gfx_video_clip_close(c);
        return NULL;
    }
    const int cell = GFX_VIDEO_ANALYSIS_CELL;
    int cols = cfg->width / cell, rows = cfg->height / cell;
    cols = cols < 1 ? 1 : cols, rows = rows < 1 ? 1 : rows;
    int cw = cfg->width < cell ? cfg->width : cell, ch = cfg->height < cell ? cfg->height : cell;
    c->analysis = (gfx_grid){.rows = rows,
                             .cols = cols,
                             .cell_w = cw,
                             .cell_h = ch,
                             .origin_x = (cfg->width - cols * cw) / 2,
                             .origin_y = (cfg->height - rows * ch) / 2};
    c->scratch = malloc(sizeof(uint16_t) * (GFX_CELL_STATS_SCRATCH(cfg->width) + 1));
    c->analysis_planes = malloc((size_t)7 * (size_t)rows * (size_t)cols);
    if (!c->scratch || !c->analysis_planes ||
        gfx_image_alloc(&c->picture, cfg->width, cfg->height) ||
        gfx_image_alloc(&c->previous, cfg->width, cfg->height)) {
        gfx_fail(err, err_size, GFX_FAILED, "%s: out of memory for the clip", cfg->path);
        gfx_video_clip_close(c);
        return NULL;
    }
    return c;
}

void gfx_video_clip_close(gfx_video_clip *c)
{
    if (!c)
        return;
    gfx_video_close(c->source);
    gfx_image_free(&c->picture);
    gfx_image_free(&c->previous);
    free(c->scratch);
    free(c->analysis_planes);
    free(c);
}

static gfx_status fetch(gfx_video_clip *c, int frame, gfx_image *into, char *err, size_t err_size)
{
    return gfx_video_frame(c->source, frame, into->px, into->stride, err, err_size);
}

gfx_status gfx_video_clip_seek(gfx_video_clip *c, int frame, char *err, size_t err_size)
{
    if (frame == c->at)
        return GFX_OK;
    gfx_status status;
    if (frame == c->at + 1 && c->at >= 0) {
        gfx_image t = c->previous;
        c->previous = c->picture, c->picture = t;
    } else if (frame > 0 && (status = fetch(c, frame - 1, &c->previous, err, err_size))) {
        c->at = -1;
        return status;
    }
    c->previous_valid = frame > 0;
    c->features_ready = 0;
    if ((status = fetch(c, frame, &c->picture, err, err_size))) {
        c->at = -1;
        return status;
    }
    c->at = frame;
    return GFX_OK;
}

gfx_cell_planes gfx_video_clip_planes(uint8_t *planes, int rows, int cols)
{
    const ptrdiff_t n = (ptrdiff_t)rows * cols;
    uint8_t *p = planes;
    return (gfx_cell_planes){p, p + n, p + 2 * n, p + 3 * n, p + 4 * n, p + 5 * n, p + 6 * n, cols};
}

static void stats(gfx_video_clip *c, const gfx_grid *g, uint8_t *planes, int motion)
{
    gfx_kernels_get()->cell_stats(&(gfx_cell_stats_args){
        .frame = c->picture.px,
        .stride = c->picture.stride,
        .prev = motion && c->previous_valid ? c->previous.px : NULL,
        .prev_stride = c->previous.stride,
        .width = c->picture.width,
        .height = c->picture.height,
        .rows = g->rows,
        .cols = g->cols,
        .cell_w = g->cell_w,
        .cell_h = g->cell_h,
        .origin_x = g->origin_x,
        .origin_y = g->origin_y,
        .out = gfx_video_clip_planes(planes, g->rows, g->cols),
        .scratch = c->scratch,
    });
}

void gfx_video_clip_stats(gfx_video_clip *c, const gfx_grid *g, uint8_t *planes)
{
    stats(c, g, planes, 0);
}

static float clamp01(double x)
{
    return (float)(x < 0.0 ? 0.0 : x > 1.0 ? 1.0 : x);
}

static void compute_features(gfx_video_clip *c)
{
    const gfx_grid *g = &c->analysis;
    stats(c, g, c->analysis_planes, 1);
    gfx_cell_planes p = gfx_video_clip_planes(c->analysis_planes, g->rows, g->cols);
    const int n = g->rows * g->cols;
    double sum_y = 0, sum_yy = 0, motion = 0, hx = 0, hy = 0;
    double sum_c[3] = {0}, sum_cc[3] = {0};
    int edges = 0;
    for (int i = 0; i < n; i++) {
        double y = p.luma[i];
        sum_y += y, sum_yy += y * y;
        edges += p.edge[i] > GFX_VIDEO_EDGE_THRESHOLD;
        double m = p.motion[i] / 30.0;
        motion += m > 1.0 ? 1.0 : m;
        const uint8_t rgb[3] = {p.r[i], p.g[i], p.b[i]};
        for (int k = 0; k < 3; k++)
            sum_c[k] += rgb[k], sum_cc[k] += (double)rgb[k] * rgb[k];
        float hsv[3];
        gfx_rgb_to_hsv(rgb, hsv);
        const double w = (double)hsv[1] * hsv[2]; /* greys do not vote */
        hx += w * cos(2.0 * M_PI * hsv[0]), hy += w * sin(2.0 * M_PI * hsv[0]);
    }
    double mean_y = sum_y / n, var_y = sum_yy / n - mean_y * mean_y;
    double colour_sd = 0;
    for (int k = 0; k < 3; k++) {
        double m = sum_c[k] / n, v = sum_cc[k] / n - m * m;
        colour_sd += sqrt(v > 0 ? v : 0) / 3.0;
    }
    double hue = hx == 0.0 && hy == 0.0 ? 0.0 : atan2(hy, hx) / (2.0 * M_PI);
    float *f = c->features;
    f[GFX_FEAT_VIDEO_BRIGHTNESS - GFX_FEAT_VIDEO_BRIGHTNESS] = clamp01(mean_y / 255.0);
    f[GFX_FEAT_VIDEO_CONTRAST - GFX_FEAT_VIDEO_BRIGHTNESS] =
        clamp01(sqrt(var_y > 0 ? var_y : 0) / 128.0);
    f[GFX_FEAT_VIDEO_EDGE_DENSITY - GFX_FEAT_VIDEO_BRIGHTNESS] = clamp01((double)edges / n);
    f[GFX_FEAT_VIDEO_MOTION - GFX_FEAT_VIDEO_BRIGHTNESS] = clamp01(motion / n);
    f[GFX_FEAT_VIDEO_DOMINANT_HUE - GFX_FEAT_VIDEO_BRIGHTNESS] =
        clamp01(hue < 0.0 ? hue + 1.0 : hue);
    f[GFX_FEAT_VIDEO_COLOR_VARIANCE - GFX_FEAT_VIDEO_BRIGHTNESS] = clamp01(colour_sd / 128.0);
}

const float *gfx_video_clip_features(gfx_video_clip *c)
{
    if (c->at < 0)
        return NULL;
    if (!c->features_ready) {
        compute_features(c);
        c->features_ready = 1;
    }
    return c->features;
}
