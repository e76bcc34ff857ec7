/* Feedback buffer: see feedback.h. */
#include "feedback.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const transform_names[GFX_FEEDBACK_TRANSFORMS] = {
    "none", "zoom", "shrink", "rotate_cw", "rotate_ccw", "shift_up", "shift_down", "mirror_h",
};

const char *gfx_feedback_transform_name(enum gfx_feedback_transform t)
{
    return (unsigned)t < GFX_FEEDBACK_TRANSFORMS ? transform_names[t] : "unknown";
}

int gfx_feedback_transform_parse(const char *name)
{
    for (int i = 0; i < GFX_FEEDBACK_TRANSFORMS; i++)
        if (name && !strcmp(name, transform_names[i]))
            return i;
    return -1;
}

gfx_feedback_params gfx_feedback_defaults(void)
{
    return (gfx_feedback_params){.decay = 0.85f,
                                 .blend = GFX_BLEND_SCREEN,
                                 .opacity = 0.5f,
                                 .transform = GFX_FEEDBACK_NONE,
                                 .transform_amt = 0.02f,
                                 .hue_shift = 0.0f};
}

enum { P_DECAY, P_BLEND, P_OPACITY, P_TRANSFORM, P_TRANSFORM_AMT, P_HUE_SHIFT };

static const gfx_param_desc param_table[GFX_FEEDBACK_PARAMS] = {
    [P_DECAY] = {"decay", 0.85f, 0.0f, 1.0f, "share of the buffer kept each frame (keep >= 0.5)"},
    [P_BLEND] = {"blend", (float)GFX_BLEND_SCREEN, 0.0f, (float)(GFX_BLEND_COUNT - 1),
                 "blend mode of the buffer under the canvas: a name of catalogue section 10"},
    [P_OPACITY] = {"opacity", 0.5f, 0.0f, 1.0f, "opacity of the buffer's blend"},
    [P_TRANSFORM] = {"transform", (float)GFX_FEEDBACK_NONE, 0.0f,
                     (float)(GFX_FEEDBACK_TRANSFORMS - 1),
                     "none|zoom|shrink|rotate_cw|rotate_ccw|shift_up|shift_down|mirror_h"},
    [P_TRANSFORM_AMT] = {"transform_amt", 0.02f, 0.0f, 0.5f,
                         "transform strength: share of the frame, or radians / 10"},
    [P_HUE_SHIFT] = {"hue_shift", 0.0f, -1.0f, 1.0f, "turns of the hue wheel per frame"},
};

const gfx_param_desc *gfx_feedback_param_table(void)
{
    return param_table;
}

gfx_status gfx_feedback_param_set(gfx_feedback_params *p, const char *name, const char *value,
                                  char *err, size_t err_size)
{
    int i = 0;
    while (i < GFX_FEEDBACK_PARAMS && strcmp(param_table[i].name, name))
        i++;
    if (i == GFX_FEEDBACK_PARAMS)
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "feedback %s: not a parameter; expected one of decay, blend, opacity, "
                        "transform, transform_amt, hue_shift",
                        name);
    const gfx_param_desc *d = &param_table[i];
    if (i == P_BLEND || i == P_TRANSFORM) {
        int v = i == P_BLEND ? gfx_blend_mode_parse(value) : gfx_feedback_transform_parse(value);
        if (v < 0)
            return gfx_fail(err, err_size, GFX_BAD_INPUT, "feedback %s=%s: expected %s", name,
                            value, i == P_BLEND ? "a blend mode name (screen, add, ...)" : d->help);
        if (i == P_BLEND)
            p->blend = (enum gfx_blend_mode)v;
        else
            p->transform = (enum gfx_feedback_transform)v;
        return GFX_OK;
    }
    char *end = NULL;
    float v = strtof(value, &end);
    if (end == value || *end || !(v >= d->min && v <= d->max))
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "feedback %s=%s: expected a number in [%g, %g]", name, value, d->min,
                        d->max);
    float *slot = i == P_DECAY           ? &p->decay
                  : i == P_OPACITY       ? &p->opacity
                  : i == P_TRANSFORM_AMT ? &p->transform_amt
                                         : &p->hue_shift;
    *slot = v;
    return GFX_OK;
}

/* catalogue section 12's presets, in its order */
static const struct {
    const char *name;
    gfx_feedback_params p;
} presets[GFX_FEEDBACK_PRESETS] = {
    {"infinite_zoom_tunnel", {0.8f, GFX_BLEND_SCREEN, 0.4f, GFX_FEEDBACK_ZOOM, 0.015f, 0.0f}},
    {"rainbow_trails", {0.7f, GFX_BLEND_SCREEN, 0.3f, GFX_FEEDBACK_ZOOM, 0.01f, 0.02f}},
    {"ghostly_echo", {0.9f, GFX_BLEND_ADD, 0.15f, GFX_FEEDBACK_SHIFT_UP, 0.01f, 0.0f}},
    {"kaleidoscopic_recursion",
     {0.75f, GFX_BLEND_SCREEN, 0.35f, GFX_FEEDBACK_ROTATE_CW, 0.005f, 0.01f}},
    {"color_evolution", {0.8f, GFX_BLEND_DIFFERENCE, 0.4f, GFX_FEEDBACK_NONE, 0.02f, 0.03f}},
    {"multiplied_depth", {0.65f, GFX_BLEND_MULTIPLY, 0.3f, GFX_FEEDBACK_MIRROR_H, 0.02f, 0.0f}},
    {"rising_heat_haze", {0.5f, GFX_BLEND_ADD, 0.2f, GFX_FEEDBACK_SHIFT_UP, 0.02f, 0.0f}},
};

const char *gfx_feedback_preset_name(int i)
{
    return i >= 0 && i < GFX_FEEDBACK_PRESETS ? presets[i].name : NULL;
}

int gfx_feedback_preset(const char *name, gfx_feedback_params *p)
{
    for (int i = 0; i < GFX_FEEDBACK_PRESETS; i++)
        if (name && !strcmp(name, presets[i].name)) {
            *p = presets[i].p;
            return 0;
        }
    return -1;
}

gfx_affine_q16 gfx_feedback_transform_map(enum gfx_feedback_transform t, float amt, int width,
                                          int height)
{
    const double w = width, h = height, a = amt;
    /* the map takes dst pixel centres to source points (gfx_affine_q16_from);
     * zoom and shrink crop per side, leaving at least one pixel */
    int cols = (int)floor(a * w), rows = (int)floor(a * h);
    if (cols > (width - 1) / 2)
        cols = (width - 1) / 2;
    if (rows > (height - 1) / 2)
        rows = (height - 1) / 2;
    const double shift = a * h >= 1.0 ? floor(a * h) : 1.0;
    const double inner_w = w - 2 * cols, inner_h = h - 2 * rows;
    const double theta = 10.0 * a * (t == GFX_FEEDBACK_ROTATE_CCW ? -1.0 : 1.0);
    const double c = cos(theta), s = sin(theta), mx = 0.5 * w, my = 0.5 * h;
    switch (t) {
    case GFX_FEEDBACK_ZOOM: return gfx_affine_q16_from(inner_w / w, 0, cols, 0, inner_h / h, rows);
    case GFX_FEEDBACK_SHRINK:
        return gfx_affine_q16_from(w / inner_w, 0, -cols * w / inner_w, 0, h / inner_h,
                                   -rows * h / inner_h);
    case GFX_FEEDBACK_ROTATE_CW:
    case GFX_FEEDBACK_ROTATE_CCW:
        /* y points down, so the source of a clockwise turn by theta is the
         * point turned back: R(-theta) about the centre */
        return gfx_affine_q16_from(c, s, mx - c * mx - s * my, -s, c, my + s * mx - c * my);
    case GFX_FEEDBACK_SHIFT_UP: return gfx_affine_q16_from(1, 0, 0, 0, 1, shift);
    case GFX_FEEDBACK_SHIFT_DOWN: return gfx_affine_q16_from(1, 0, 0, 0, 1, -shift);
    case GFX_FEEDBACK_MIRROR_H: return gfx_affine_q16_from(-1, 0, w, 0, 1, 0);
    case GFX_FEEDBACK_NONE:
    case GFX_FEEDBACK_TRANSFORMS: break;
    }
    return gfx_affine_q16_from(1, 0, 0, 0, 1, 0);
}

struct gfx_feedback {
    gfx_image buffer, scratch;
    int seeded;
    gfx_colour_matrix decay_hue; /* decay x hue rotation, Q12, floored */
    gfx_affine_q16 map;
    int transform;
    enum gfx_blend_mode blend;
    unsigned opacity_q8;
};

gfx_feedback *gfx_feedback_create(int width, int height, const gfx_feedback_params *p)
{
    gfx_feedback *fb = calloc(1, sizeof *fb);
    if (!fb || gfx_image_alloc(&fb->buffer, width, height) ||
        gfx_image_alloc(&fb->scratch, width, height)) {
        gfx_feedback_free(fb);
        return NULL;
    }
    gfx_feedback_set_params(fb, p);
    return fb;
}

void gfx_feedback_free(gfx_feedback *fb)
{
    if (!fb)
        return;
    gfx_image_free(&fb->buffer);
    gfx_image_free(&fb->scratch);
    free(fb);
}

static float clamp01(float v)
{
    return v > 0.0f ? (v < 1.0f ? v : 1.0f) : 0.0f;
}

void gfx_feedback_set_params(gfx_feedback *fb, const gfx_feedback_params *p)
{
    /* an offset of -2048 turns the kernel's rounding into a floor */
    gfx_colour_matrix_hue(&fb->decay_hue, p->hue_shift, clamp01(p->decay), -2048);
    fb->transform = p->transform != GFX_FEEDBACK_NONE;
    fb->map = gfx_feedback_transform_map(p->transform, p->transform_amt, fb->buffer.width,
                                         fb->buffer.height);
    fb->blend = (unsigned)p->blend < GFX_BLEND_COUNT ? p->blend : GFX_BLEND_NORMAL;
    fb->opacity_q8 = (unsigned)lrintf(clamp01(p->opacity) * 256.0f);
}

void gfx_feedback_reset(gfx_feedback *fb)
{
    fb->seeded = 0;
}

void gfx_feedback_step(gfx_feedback *fb, gfx_image *canvas)
{
    gfx_image *buf = &fb->buffer;
    const struct gfx_kernels *k = gfx_kernels_get();
    assert(canvas->width == buf->width && canvas->height == buf->height &&
           canvas->stride == buf->stride);
    if (fb->seeded) {
        k->colour_matrix(buf->px, buf->stride, buf->px, buf->stride, buf->width, buf->height,
                         &fb->decay_hue);
        if (fb->transform) {
            k->remap_affine(fb->scratch.px, fb->scratch.stride, buf->width, buf->height, buf->px,
                            buf->stride, buf->width, buf->height, &fb->map);
            gfx_image swap = *buf;
            *buf = fb->scratch, fb->scratch = swap;
        }
        k->blend(canvas->px, canvas->stride, buf->px, buf->stride, buf->width, buf->height,
                 fb->blend, fb->opacity_q8);
    }
    memcpy(buf->px, canvas->px, gfx_image_bytes(canvas));
    fb->seeded = 1;
}
