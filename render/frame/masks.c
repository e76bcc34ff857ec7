#include "masks.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ the kinds */

static const gfx_param_desc circle_params[] = {
    {"cx", 0.5f, -1.0f, 2.0f, "centre x, 0..1 across the grid"},
    {"cy", 0.5f, -1.0f, 2.0f, "centre y, 0..1 down the grid"},
    {"radius", 0.3f, 0.0f, 2.0f, "radius in grid widths"},
    {"feather", 0.05f, 0.0f, 1.0f, "soft edge outside the radius, grid widths (0: hard)"},
};
static const gfx_param_desc rect_params[] = {
    {"x0", 0.2f, -1.0f, 2.0f, "left edge, 0..1 across the grid"},
    {"y0", 0.2f, -1.0f, 2.0f, "top edge, 0..1 down the grid"},
    {"x1", 0.8f, -1.0f, 2.0f, "right edge"},
    {"y1", 0.8f, -1.0f, 2.0f, "bottom edge"},
    {"feather", 0.03f, 0.0f, 1.0f, "soft edge outside the rectangle (0: hard)"},
};
static const gfx_param_desc ring_params[] = {
    {"cx", 0.5f, -1.0f, 2.0f, "centre x"},
    {"cy", 0.5f, -1.0f, 2.0f, "centre y"},
    {"inner", 0.15f, 0.0f, 2.0f, "inner radius in grid widths"},
    {"outer", 0.35f, 0.0f, 2.0f, "outer radius in grid widths"},
    {"feather", 0.03f, 0.0f, 1.0f, "soft edge of both circles (0: hard)"},
};
static const gfx_param_desc gradient_params[] = {
    {"start", 0.0f, 0.0f, 1.0f, "value at the start (left or top)"},
    {"end", 1.0f, 0.0f, 1.0f, "value at the end (right or bottom)"},
};
static const gfx_param_desc radial_params[] = {
    {"cx", 0.5f, -1.0f, 2.0f, "centre x"},
    {"cy", 0.5f, -1.0f, 2.0f, "centre y"},
    {"inner", 0.0f, 0.0f, 2.0f, "radius where the fall from 1 starts, grid widths"},
    {"outer", 0.5f, 0.0f, 2.0f, "radius where it reaches 0"},
};
static const gfx_param_desc from_vf_params[] = {
    {"threshold", 0.5f, 0.0f, 1.0f, "field value that is half visible"},
    {"feather", 0.1f, 0.0f, 1.0f, "half width of the soft band (0: hard)"},
};
static const gfx_param_desc text_params[] = {
    {"row_frac", 0.5f, 0.0f, 1.0f, "where the line's middle sits, 0..1 down the grid"},
    {"height", 0.25f, 0.01f, 1.0f, "text height as a fraction of the grid's"},
    {"thicken", 1.0f, 0.0f, 4.0f, "rows above and below each cell takes the largest of"},
};
static const gfx_param_desc text_block_params[] = {
    {"row_frac", 0.3f, 0.0f, 1.0f, "where the first line's top sits, 0..1 down the grid"},
    {"height", 0.12f, 0.01f, 1.0f, "line height as a fraction of the grid's"},
    {"line_spacing", 1.2f, 0.5f, 4.0f, "distance of lines in line heights"},
    {"thicken", 1.0f, 0.0f, 4.0f, "rows above and below each cell takes the largest of"},
};
static const gfx_param_desc iris_params[] = {
    {"cx", 0.5f, -1.0f, 2.0f, "centre x"},
    {"cy", 0.5f, -1.0f, 2.0f, "centre y"},
    {"max_radius", 0.7f, 0.0f, 2.0f, "radius at p = 1, grid widths"},
    {"feather", 0.03f, 0.0f, 1.0f, "soft edge (0: hard)"},
};
static const gfx_param_desc wipe_params[] = {
    {"softness", 0.1f, 0.0f, 1.0f, "width of the soft edge (0: hard)"},
};
static const gfx_param_desc dissolve_params[] = {
    {"seed", 42.0f, 0.0f, 16777215.0f, "noise seed (whole number)"},
};

static const char *const operands_ab[] = {"a", "b"};
static const char *const operands_a[] = {"a"};
static const char *const operands_select[] = {"m", "a", "b"};
static const char *const wipe_h_choices[] = {"right", "left", NULL};
static const char *const wipe_v_choices[] = {"down", "up", NULL};

#define PARAMS(table) table, (int)(sizeof table / sizeof table[0])
#define NO_PARAMS NULL, 0
#define TEXT_SETTING "text", "TEXT", NULL, "the UTF-8 text"

enum kind_index {
    K_CIRCLE,
    K_RECT,
    K_RING,
    K_GRADIENT_H,
    K_GRADIENT_V,
    K_GRADIENT_RADIAL,
    K_FROM_VF,
    K_SELECT,
    K_TEXT,
    K_TEXT_BLOCK,
    K_IRIS,
    K_WIPE_H,
    K_WIPE_V,
    K_DISSOLVE,
    K_UNION,
    K_INTERSECT,
    K_SUBTRACT,
    K_INVERT,
    K_COUNT
};

static const gfx_mask_kind kinds[K_COUNT] = {
    [K_CIRCLE] = {"mask_circle", "a soft-edged disc", PARAMS(circle_params), 0, NULL},
    [K_RECT] = {"mask_rect", "a soft-edged rectangle", PARAMS(rect_params), 0, NULL},
    [K_RING] = {"mask_ring", "a ring: the outer disc less the inner", PARAMS(ring_params), 0, NULL},
    [K_GRADIENT_H] = {"mask_gradient_h", "a left-to-right ramp", PARAMS(gradient_params), 0, NULL},
    [K_GRADIENT_V] = {"mask_gradient_v", "a top-to-bottom ramp", PARAMS(gradient_params), 0, NULL},
    [K_GRADIENT_RADIAL] = {"mask_gradient_radial", "1 at the centre falling to 0 at outer",
                           PARAMS(radial_params), 0, NULL},
    [K_FROM_VF] = {"mask_from_vf", "the value field thresholded with a soft band",
                   PARAMS(from_vf_params), 0, NULL, .reads_field = 1},
    [K_SELECT] = {"mask_select", "a m + b (1 - m): m picks between a and b", NO_PARAMS, 3,
                  operands_select},
    [K_TEXT] = {"mask_text", "a line of text: shows only through the letters", PARAMS(text_params),
                0, NULL, TEXT_SETTING, .needs_font = 1},
    [K_TEXT_BLOCK] = {"mask_text_block", "lines of text stacked down from row_frac",
                      PARAMS(text_block_params), 0, NULL, TEXT_SETTING, .needs_font = 1},
    [K_IRIS] = {"mask_iris", "a disc opening with p (smoothstep)", PARAMS(iris_params), 0, NULL,
                .animated = 1},
    [K_WIPE_H] = {"mask_wipe_h", "a soft edge sweeping across with p", PARAMS(wipe_params), 0, NULL,
                  "direction", "right", wipe_h_choices, "right or left", .animated = 1},
    [K_WIPE_V] = {"mask_wipe_v", "a soft edge sweeping down or up with p", PARAMS(wipe_params), 0,
                  NULL, "direction", "down", wipe_v_choices, "down or up", .animated = 1},
    [K_DISSOLVE] = {"mask_dissolve", "cells appearing in a fixed random order with p",
                    PARAMS(dissolve_params), 0, NULL, .animated = 1},
    [K_UNION] = {"mask_union", "max(a, b)", NO_PARAMS, 2, operands_ab},
    [K_INTERSECT] = {"mask_intersect", "min(a, b)", NO_PARAMS, 2, operands_ab},
    [K_SUBTRACT] = {"mask_subtract", "clip(a - b)", NO_PARAMS, 2, operands_ab},
    [K_INVERT] = {"mask_invert", "1 - a", NO_PARAMS, 1, operands_a},
};

int gfx_mask_kind_count(void)
{
    return K_COUNT;
}

const gfx_mask_kind *gfx_mask_kind_at(int i)
{
    return i >= 0 && i < K_COUNT ? &kinds[i] : NULL;
}

const gfx_mask_kind *gfx_mask_kind_find(const char *name)
{
    for (int i = 0; name && i < K_COUNT; i++)
        if (!strcmp(kinds[i].name, name))
            return &kinds[i];
    return NULL;
}

int gfx_mask_param_index(const gfx_mask_kind *kind, const char *name)
{
    for (int i = 0; kind && name && i < kind->n_params; i++)
        if (!strcmp(kind->params[i].name, name))
            return i;
    return -1;
}

void gfx_mask_node_init(gfx_mask_node *node, const gfx_mask_kind *kind)
{
    memset(node, 0, sizeof *node);
    node->kind = kind;
    for (int i = 0; kind && i < kind->n_params; i++)
        node->params[i] = kind->params[i].def;
}

static int kind_index(const gfx_mask_kind *kind)
{
    return kind >= kinds && kind < kinds + K_COUNT ? (int)(kind - kinds) : -1;
}

static const char *node_string(const gfx_mask_node *node)
{
    return node->string ? node->string : node->kind->string_default;
}

/* The index of the node's string among its kind's choices, -1 if none. */
static int string_choice(const gfx_mask_node *node)
{
    const char *s = node_string(node);
    for (int i = 0; node->kind->string_choices && node->kind->string_choices[i]; i++)
        if (!strcmp(s, node->kind->string_choices[i]))
            return i;
    return -1;
}

static gfx_status check_node(const gfx_mask_node *nodes, int at, char *err, size_t err_size)
{
    const gfx_mask_node *n = &nodes[at];
    if (kind_index(n->kind) < 0)
        return gfx_fail(err, err_size, GFX_BAD_INPUT, "mask node %d: no mask kind set", at);
    const gfx_mask_kind *k = n->kind;
    for (int i = 0; i < k->n_params; i++) {
        const gfx_param_desc *d = &k->params[i];
        if (!(n->params[i] >= d->min && n->params[i] <= d->max))
            return gfx_fail(err, err_size, GFX_BAD_INPUT,
                            "%s (mask node %d): %s = %g, expected %g..%g", k->name, at, d->name,
                            (double)n->params[i], (double)d->min, (double)d->max);
    }
    if (k->string_choices && string_choice(n) < 0)
        return gfx_fail(err, err_size, GFX_BAD_INPUT, "%s (mask node %d): %s = \"%s\", expected %s",
                        k->name, at, k->string_name, node_string(n), k->string_help);
    for (int i = 0; i < k->n_operands; i++)
        if (n->operands[i] < 0 || n->operands[i] >= at)
            return gfx_fail(err, err_size, GFX_BAD_INPUT,
                            "%s (mask node %d): operand %s = %d, expected an earlier node 0..%d",
                            k->name, at, k->operand_names[i], n->operands[i], at - 1);
    return GFX_OK;
}

gfx_status gfx_mask_check(const gfx_mask_node *nodes, int count, int root, char *err,
                          size_t err_size)
{
    if (root < 0 || root >= count)
        return gfx_fail(err, err_size, GFX_BAD_INPUT, "mask root %d: expected a node 0..%d", root,
                        count - 1);
    for (int i = 0; i <= root; i++) {
        gfx_status st = check_node(nodes, i, err, err_size);
        if (st)
            return st;
    }
    return GFX_OK;
}

float gfx_mask_progress(double time, double t0, double t1)
{
    if (t1 <= t0)
        return time >= t1 ? 1.0f : 0.0f;
    double p = (time - t0) / (t1 - t0);
    return (float)(p < 0.0 ? 0.0 : p > 1.0 ? 1.0 : p);
}

uint8_t gfx_mask_quantize(float m)
{
    float c = m > 0.0f ? (m < 1.0f ? m : 1.0f) : 0.0f;
    return (uint8_t)(255.0f * c + 0.5f);
}

/* -------------------------------------------------------- the functions */

typedef struct mask_env {
    const gfx_mask_input *in;
    int rows, cols;
    float y_scale; /* rows cell_h / (cols cell_w): y units to grid widths */
    char *err;
    size_t err_size;
} mask_env;

static float clip01(float v)
{
    return v > 0.0f ? (v < 1.0f ? v : 1.0f) : 0.0f;
}

static float cell_x(const mask_env *e, int c)
{
    return ((float)c + 0.5f) / (float)e->cols;
}

static float cell_y(const mask_env *e, int r)
{
    return ((float)r + 0.5f) / (float)e->rows;
}

/* 1 inside (excess <= 0), falling to 0 over `feather` outside. */
static float feathered(float excess, float feather)
{
    if (feather > 0.0f)
        return clip01(1.0f - excess / feather);
    return excess <= 0.0f ? 1.0f : 0.0f;
}

/* Distance of cell (r, c) from (cx, cy), on screen, in grid widths. */
static float round_distance(const mask_env *e, int r, int c, float cx, float cy)
{
    float dx = cell_x(e, c) - cx, dy = (cell_y(e, r) - cy) * e->y_scale;
    return sqrtf(dx * dx + dy * dy);
}

static float disc(const mask_env *e, int r, int c, float cx, float cy, float radius, float feather)
{
    return feathered(round_distance(e, r, c, cx, cy) - radius, feather);
}

typedef gfx_status (*mask_fn)(const mask_env *e, const gfx_mask_node *n, const float *const *ops,
                              float *out);

/* Every cell (r, c), i its row-major index. */
#define FOR_CELLS(e, r, c, i)                                                                      \
    for (int r = 0, i = 0; r < (e)->rows; r++)                                                     \
        for (int c = 0; c < (e)->cols; c++, i++)

static gfx_status eval_circle(const mask_env *e, const gfx_mask_node *n, const float *const *ops,
                              float *out)
{
    (void)ops;
    const float *p = n->params;
    FOR_CELLS(e, r, c, i) out[i] = disc(e, r, c, p[0], p[1], p[2], p[3]);
    return GFX_OK;
}

static gfx_status eval_rect(const mask_env *e, const gfx_mask_node *n, const float *const *ops,
                            float *out)
{
    (void)ops;
    const float *p = n->params;
    FOR_CELLS(e, r, c, i)
    {
        float x = cell_x(e, c), y = cell_y(e, r);
        float excess = fmaxf(fmaxf(p[0] - x, x - p[2]), fmaxf(p[1] - y, y - p[3]));
        out[i] = feathered(excess, p[4]);
    }
    return GFX_OK;
}

static gfx_status eval_ring(const mask_env *e, const gfx_mask_node *n, const float *const *ops,
                            float *out)
{
    (void)ops;
    const float *p = n->params;
    FOR_CELLS(e, r, c, i)
    {
        out[i] =
            clip01(disc(e, r, c, p[0], p[1], p[3], p[4]) - disc(e, r, c, p[0], p[1], p[2], p[4]));
    }
    return GFX_OK;
}

static gfx_status eval_gradient_h(const mask_env *e, const gfx_mask_node *n,
                                  const float *const *ops, float *out)
{
    (void)ops;
    const float *p = n->params;
    FOR_CELLS(e, r, c, i) out[i] = clip01(p[0] + (p[1] - p[0]) * cell_x(e, c));
    return GFX_OK;
}

static gfx_status eval_gradient_v(const mask_env *e, const gfx_mask_node *n,
                                  const float *const *ops, float *out)
{
    (void)ops;
    const float *p = n->params;
    FOR_CELLS(e, r, c, i) out[i] = clip01(p[0] + (p[1] - p[0]) * cell_y(e, r));
    return GFX_OK;
}

static gfx_status eval_gradient_radial(const mask_env *e, const gfx_mask_node *n,
                                       const float *const *ops, float *out)
{
    (void)ops;
    const float *p = n->params;
    const float inner = p[2], outer = p[3];
    FOR_CELLS(e, r, c, i)
    {
        float d = round_distance(e, r, c, p[0], p[1]);
        out[i] = outer > inner ? clip01(1.0f - (d - inner) / (outer - inner))
                               : (d <= inner ? 1.0f : 0.0f);
    }
    return GFX_OK;
}

static gfx_status eval_from_vf(const mask_env *e, const gfx_mask_node *n, const float *const *ops,
                               float *out)
{
    (void)ops;
    const float threshold = n->params[0], feather = n->params[1];
    const float *v = e->in->field;
    FOR_CELLS(e, r, c, i)
    {
        float value = v ? v[i] : 0.0f;
        out[i] = feather > 0.0f ? clip01((value - threshold + feather) / (2.0f * feather))
                                : (value >= threshold ? 1.0f : 0.0f);
    }
    return GFX_OK;
}

static gfx_status eval_select(const mask_env *e, const gfx_mask_node *n, const float *const *ops,
                              float *out)
{
    (void)n;
    const float *m = ops[0], *a = ops[1], *b = ops[2];
    FOR_CELLS(e, r, c, i) out[i] = clip01(a[i] * m[i] + b[i] * (1.0f - m[i]));
    return GFX_OK;
}

static float smoothstep01(float p)
{
    float t = clip01(p);
    return t * t * (3.0f - 2.0f * t);
}

static gfx_status eval_iris(const mask_env *e, const gfx_mask_node *n, const float *const *ops,
                            float *out)
{
    (void)ops;
    const float *p = n->params;
    const float radius = smoothstep01(e->in->progress) * p[2];
    FOR_CELLS(e, r, c, i) out[i] = disc(e, r, c, p[0], p[1], radius, p[3]);
    return GFX_OK;
}

/* The wipe at position t (0..1 along its direction): the edge moves from
 * just before 0 at p = 0 to just past 1 at p = 1. */
static float wipe(float t, float p, float softness)
{
    if (softness <= 0.0f)
        return t < p ? 1.0f : 0.0f;
    float edge = clip01(p) * (1.0f + softness) - 0.5f * softness;
    return clip01((edge - t) / softness + 0.5f);
}

static gfx_status eval_wipe_h(const mask_env *e, const gfx_mask_node *n, const float *const *ops,
                              float *out)
{
    (void)ops;
    const int reverse = string_choice(n) == 1; /* "left" */
    FOR_CELLS(e, r, c, i)
    {
        float x = cell_x(e, c);
        out[i] = wipe(reverse ? 1.0f - x : x, e->in->progress, n->params[0]);
    }
    return GFX_OK;
}

static gfx_status eval_wipe_v(const mask_env *e, const gfx_mask_node *n, const float *const *ops,
                              float *out)
{
    (void)ops;
    const int reverse = string_choice(n) == 1; /* "up" */
    FOR_CELLS(e, r, c, i)
    {
        float y = cell_y(e, r);
        out[i] = wipe(reverse ? 1.0f - y : y, e->in->progress, n->params[0]);
    }
    return GFX_OK;
}

static gfx_status eval_dissolve(const mask_env *e, const gfx_mask_node *n, const float *const *ops,
                                float *out)
{
    (void)ops;
    const uint32_t key = gfx_hash32((uint32_t)n->params[0]);
    const float p = e->in->progress;
    FOR_CELLS(e, r, c, i)
    {
        float noise = (float)(gfx_hash32(key ^ (uint32_t)i) >> 8) * (1.0f / 16777216.0f);
        out[i] = noise < p ? 1.0f : 0.0f;
    }
    return GFX_OK;
}

static gfx_status eval_union(const mask_env *e, const gfx_mask_node *n, const float *const *ops,
                             float *out)
{
    (void)n;
    FOR_CELLS(e, r, c, i) out[i] = fmaxf(ops[0][i], ops[1][i]);
    return GFX_OK;
}

static gfx_status eval_intersect(const mask_env *e, const gfx_mask_node *n, const float *const *ops,
                                 float *out)
{
    (void)n;
    FOR_CELLS(e, r, c, i) out[i] = fminf(ops[0][i], ops[1][i]);
    return GFX_OK;
}

static gfx_status eval_subtract(const mask_env *e, const gfx_mask_node *n, const float *const *ops,
                                float *out)
{
    (void)n;
    FOR_CELLS(e, r, c, i) out[i] = clip01(ops[0][i] - ops[1][i]);
    return GFX_OK;
}

static gfx_status eval_invert(const mask_env *e, const gfx_mask_node *n, const float *const *ops,
                              float *out)
{
    (void)n;
    FOR_CELLS(e, r, c, i) out[i] = 1.0f - clip01(ops[0][i]);
    return GFX_OK;
}

/* ---------------------------------------------------------------- text */

#define TEXT_MAX_LINES 64
#define TEXT_FIT_WIDTH 0.9f /* of the grid's width */
#define TEXT_MIN_COVERAGE 0.1f

typedef struct text_layout {
    gfx_text_bitmap lines[TEXT_MAX_LINES];
    int count;
} text_layout;

static void text_layout_free(text_layout *t)
{
    for (int i = 0; i < t->count; i++)
        gfx_text_bitmap_free(&t->lines[i]);
    t->count = 0;
}

/* Renders each '\n'-separated line of s (one line when !split) at
 * pixel_height; the widest one's width in *widest. */
static gfx_status render_lines(const mask_env *e, const char *s, int split, int pixel_height,
                               text_layout *t, int *widest)
{
    *widest = 0;
    t->count = 0;
    for (const char *line = s; t->count < TEXT_MAX_LINES;) {
        const char *end = split ? strchr(line, '\n') : NULL;
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (gfx_font_render_line(e->in->font, line, len, pixel_height, &t->lines[t->count], e->err,
                                 e->err_size)) {
            text_layout_free(t);
            return GFX_FAILED;
        }
        if (t->lines[t->count].width > *widest)
            *widest = t->lines[t->count].width;
        t->count++;
        if (!end)
            break;
        line = end + 1;
    }
    return GFX_OK;
}

/* Adds a line's coverage, its top-left at grid pixel (left, top), to the
 * sums of the cells its pixels fall in. */
static void add_coverage(const mask_env *e, const gfx_text_bitmap *b, int left, int top,
                         uint32_t *sums)
{
    const gfx_grid *g = e->in->grid;
    const int grid_w = e->cols * g->cell_w, grid_h = e->rows * g->cell_h;
    if (!b->px) /* an empty line */
        return;
    for (int by = 0; by < b->height; by++) {
        int y = top + by;
        if (y < 0 || y >= grid_h)
            continue;
        uint32_t *row = sums + (size_t)(y / g->cell_h) * (size_t)e->cols;
        const uint8_t *src = b->px + (size_t)by * (size_t)b->width;
        for (int bx = 0; bx < b->width; bx++) {
            int x = left + bx;
            if (x >= 0 && x < grid_w)
                row[x / g->cell_w] += src[bx];
        }
    }
}

/* Each cell the largest coverage within `reach` rows of it. */
static void thicken_rows(const mask_env *e, const float *in, int reach, float *out)
{
    FOR_CELLS(e, r, c, i)
    {
        float m = 0.0f;
        for (int k = r - reach; k <= r + reach; k++)
            if (k >= 0 && k < e->rows)
                m = fmaxf(m, in[(size_t)k * (size_t)e->cols + (size_t)c]);
        out[i] = m;
    }
}

/* The text kinds: block stacks lines from top_frac, otherwise one line is
 * centred on it. */
static gfx_status eval_text_at(const mask_env *e, const gfx_mask_node *n, int block, float row_frac,
                               float height, float spacing, float thicken, float *out)
{
    if (!e->in->font)
        return gfx_fail(e->err, e->err_size, GFX_BAD_INPUT, "%s: no font to draw the text with",
                        n->kind->name);
    const gfx_grid *g = e->in->grid;
    const int grid_w = e->cols * g->cell_w, grid_h = e->rows * g->cell_h;
    const size_t cells = (size_t)e->rows * (size_t)e->cols;
    int pixel_height = (int)lroundf(height * (float)grid_h);
    pixel_height = pixel_height < 1 ? 1 : pixel_height;
    text_layout t;
    int widest;
    gfx_status st = render_lines(e, node_string(n), block, pixel_height, &t, &widest);
    if (!st && (float)widest > TEXT_FIT_WIDTH * (float)grid_w) {
        text_layout_free(&t);
        pixel_height = (int)((float)pixel_height * TEXT_FIT_WIDTH * (float)grid_w / (float)widest);
        st = render_lines(e, node_string(n), block, pixel_height < 1 ? 1 : pixel_height, &t,
                          &widest);
    }
    if (st)
        return st;
    uint32_t *sums = calloc(cells, sizeof *sums);
    float *coverage = malloc(cells * sizeof *coverage);
    if (!sums || !coverage) {
        free(sums), free(coverage), text_layout_free(&t);
        return gfx_fail(e->err, e->err_size, GFX_FAILED, "%s: out of memory", n->kind->name);
    }
    const int line_h = t.lines[0].height;
    const float step = spacing * (float)line_h;
    const float top = block ? row_frac * (float)grid_h : row_frac * (float)grid_h - 0.5f * line_h;
    for (int i = 0; i < t.count; i++)
        add_coverage(e, &t.lines[i], (grid_w - t.lines[i].width) / 2,
                     (int)lroundf(top + (float)i * step), sums);
    const float full = 255.0f * (float)g->cell_w * (float)g->cell_h;
    for (size_t i = 0; i < cells; i++) {
        float m = (float)sums[i] / full;
        coverage[i] = m < TEXT_MIN_COVERAGE ? 0.0f : m;
    }
    thicken_rows(e, coverage, (int)thicken, out);
    free(sums), free(coverage), text_layout_free(&t);
    return GFX_OK;
}

static gfx_status eval_text(const mask_env *e, const gfx_mask_node *n, const float *const *ops,
                            float *out)
{
    (void)ops;
    const float *p = n->params;
    return eval_text_at(e, n, 0, p[0], p[1], 1.0f, p[2], out);
}

static gfx_status eval_text_block(const mask_env *e, const gfx_mask_node *n,
                                  const float *const *ops, float *out)
{
    (void)ops;
    const float *p = n->params;
    return eval_text_at(e, n, 1, p[0], p[1], p[2], p[3], out);
}

static const mask_fn functions[K_COUNT] = {
    [K_CIRCLE] = eval_circle,
    [K_RECT] = eval_rect,
    [K_RING] = eval_ring,
    [K_GRADIENT_H] = eval_gradient_h,
    [K_GRADIENT_V] = eval_gradient_v,
    [K_GRADIENT_RADIAL] = eval_gradient_radial,
    [K_FROM_VF] = eval_from_vf,
    [K_SELECT] = eval_select,
    [K_TEXT] = eval_text,
    [K_TEXT_BLOCK] = eval_text_block,
    [K_IRIS] = eval_iris,
    [K_WIPE_H] = eval_wipe_h,
    [K_WIPE_V] = eval_wipe_v,
    [K_DISSOLVE] = eval_dissolve,
    [K_UNION] = eval_union,
    [K_INTERSECT] = eval_intersect,
    [K_SUBTRACT] = eval_subtract,
    [K_INVERT] = eval_invert,
};

/* ------------------------------------------------------------ evaluation */

gfx_status gfx_mask_eval_float(const gfx_mask_node *nodes, int count, int root,
                               const gfx_mask_input *in, float *out, char *err, size_t err_size)
{
    gfx_status st = gfx_mask_check(nodes, count, root, err, err_size);
    if (st)
        return st;
    const gfx_grid *g = in->grid;
    mask_env e = {in,      g->rows,
                  g->cols, (float)(g->rows * g->cell_h) / (float)(g->cols * g->cell_w),
                  err,     err_size};
    const size_t cells = (size_t)g->rows * (size_t)g->cols;
    /* which nodes the root reads: operands come earlier, so one pass down */
    char *needed = calloc((size_t)root + 1, 1);
    float *values = malloc((size_t)root * cells * sizeof *values + 1);
    if (!needed || !values) {
        free(needed), free(values);
        return gfx_fail(err, err_size, GFX_FAILED, "out of memory evaluating a mask");
    }
    needed[root] = 1;
    for (int i = root; i >= 0; i--)
        for (int k = 0; needed[i] && k < nodes[i].kind->n_operands; k++)
            needed[nodes[i].operands[k]] = 1;
    for (int i = 0; i <= root && !st; i++) {
        if (!needed[i])
            continue;
        const float *ops[GFX_MASK_MAX_OPERANDS] = {0};
        for (int k = 0; k < nodes[i].kind->n_operands; k++)
            ops[k] = values + (size_t)nodes[i].operands[k] * cells;
        float *dst = i == root ? out : values + (size_t)i * cells;
        st = functions[kind_index(nodes[i].kind)](&e, &nodes[i], ops, dst);
    }
    free(needed), free(values);
    return st;
}

gfx_status gfx_mask_eval(const gfx_mask_node *nodes, int count, int root, const gfx_mask_input *in,
                         uint8_t *out, char *err, size_t err_size)
{
    const size_t cells = (size_t)in->grid->rows * (size_t)in->grid->cols;
    float *values = malloc(cells * sizeof *values);
    if (!values)
        return gfx_fail(err, err_size, GFX_FAILED, "out of memory evaluating a mask");
    gfx_status st = gfx_mask_eval_float(nodes, count, root, in, values, err, err_size);
    for (size_t i = 0; !st && i < cells; i++)
        out[i] = gfx_mask_quantize(values[i]);
    free(values);
    return st;
}

/* --------------------------------------------------------------- apply */

/* The grid cell (row or column) of pixel p: nearest, so clamped. */
static int nearest_cell(int p, int origin, int size, int count)
{
    int i = p < origin ? 0 : (p - origin) / size;
    return i < count ? i : count - 1;
}

gfx_status gfx_mask_apply_canvas(const struct gfx_kernels *k, const gfx_grid *grid,
                                 const uint8_t *cell_mask, uint8_t *dst, ptrdiff_t dst_stride,
                                 const uint8_t *src, ptrdiff_t src_stride, int width, int height,
                                 char *err, size_t err_size)
{
    if (width <= 0 || height <= 0)
        return GFX_OK;
    uint8_t *row_mask = malloc((size_t)width);
    if (!row_mask)
        return gfx_fail(err, err_size, GFX_FAILED, "out of memory for a %d-pixel mask row", width);
    /* one pixel row of mask per cell row, shared (stride 0) by its pixel rows */
    for (int y = 0; y < height;) {
        const int r = nearest_cell(y, grid->origin_y, grid->cell_h, grid->rows);
        int y_end = y + 1;
        while (y_end < height && nearest_cell(y_end, grid->origin_y, grid->cell_h, grid->rows) == r)
            y_end++;
        const uint8_t *cells = cell_mask + (size_t)r * (size_t)grid->cols;
        for (int x = 0; x < width; x++)
            row_mask[x] = cells[nearest_cell(x, grid->origin_x, grid->cell_w, grid->cols)];
        k->mask_mix(dst + y * dst_stride, dst_stride, src + y * src_stride, src_stride, row_mask, 0,
                    width, y_end - y);
        y = y_end;
    }
    free(row_mask);
    return GFX_OK;
}
