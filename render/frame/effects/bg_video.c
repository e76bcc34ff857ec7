/* bg_video: the clip as a dim backdrop field (catalogue section 1.6): each
 * cell's value is its mean luma / 255 times `brightness` (0.5, the
 * catalogue's), its hue that of its mean colour, so "hue": "effect" colours
 * it as the clip is. A value field like any other: a layer, a mask's field
 * (mask_from_vf), a blend under other layers; it reads the cell at each
 * cell's position (grid->col, row), so a coordinate transform samples the
 * clip or still image as a texture. Without a clip it is black;
 * the scene check refuses a render that uses it without one. */
#include "fx_common.h"

#include <math.h>

#include "gfx_kernels.h"
#include "palette.h"

enum { P_BRIGHTNESS };

static const gfx_param_desc bg_video_params[] = {
    {"brightness", 0.5f, 0.0f, 1.0f, "the clip's luma scale: 0.5 a backdrop, 1 as is"},
};

/* The cell nearest a position, wrapped: a coordinate transform (tile,
 * polar, twist...) samples the picture as a texture. */
static int nearest(float at, int n)
{
    int k = (int)floorf(at + 0.5f) % n;
    return k < 0 ? k + n : k;
}

static void bg_video_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    const int n = g->rows * g->cols;
    const gfx_cell_planes *v = ctx->video;
    if (!v) {
        for (int i = 0; i < n; i++)
            value[i] = 0.0f, hue[i] = 0.0f;
        return;
    }
    const float scale = fx_param(ctx, P_BRIGHTNESS) / 255.0f;
    for (int i = 0; i < n; i++) {
        const ptrdiff_t o = nearest(g->row[i], g->rows) * v->stride + nearest(g->col[i], g->cols);
        value[i] = (float)v->luma[o] * scale;
        const uint8_t rgb[3] = {v->r[o], v->g[o], v->b[o]};
        float hsv[3];
        gfx_rgb_to_hsv(rgb, hsv);
        hue[i] = hsv[0];
    }
}

const gfx_effect_desc gfx_fx_bg_video = {
    .name = "bg_video",
    .summary = "bg_video: the clip (--video) as a dim field, hued as its colours",
    .render = bg_video_render,
    .params = bg_video_params,
    .n_params = sizeof bg_video_params / sizeof bg_video_params[0],
    .default_ramp = "default",
    .reads_video = 1,
    .group = GFX_EFFECT_VIDEO,
};
