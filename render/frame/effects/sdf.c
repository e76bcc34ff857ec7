/* SDF (catalogue 3d): a signed-distance primitive, optionally combined with
 * a second one, drawn filled or as a glowing outline, times 0.5 + 0.8 rms.
 *
 * Units: distances are in frame heights (y = row / rows, x scaled by the
 * cell aspect so shapes are round on screen), negative inside, centred on
 * the grid's centre. The renderers work in rows of cells: fill is
 * 1 - clip(d rows / edge_width), glow exp(-glow_falloff |d| rows), so the
 * edge and the glow look alike on every grid (the catalogue's falloff in
 * frame heights would glow almost flat).
 *
 * Motion: the first shape turns at `spin` radians per second, the second
 * orbits the centre at 0.15 frame heights, as fast the other way. */
#include "fields_common.h"

enum { SDF_SHAPE, SDF_SHAPE2, SDF_OP, SDF_SIZE, SDF_EDGE, SDF_GLOW, SDF_FALLOFF, SDF_SPIN };
enum { SHAPE_CIRCLE, SHAPE_BOX, SHAPE_RING, SHAPE_LINE, SHAPE_TRIANGLE, SHAPE_STAR, SHAPE_HEART };
enum {
    OP_NONE,
    OP_UNION,
    OP_INTERSECT,
    OP_SUBTRACT,
    OP_SMOOTH_UNION,
    OP_SMOOTH_SUBTRACT,
    OP_REPEAT
};

static const gfx_param_desc sdf_params[] = {
    {"shape", 5.0f, 0.0f, 6.0f, "0 circle, 1 box, 2 ring, 3 line, 4 triangle, 5 star, 6 heart"},
    {"shape2", 0.0f, 0.0f, 6.0f, "the second shape, numbered as shape"},
    {"op", 0.0f, 0.0f, 6.0f,
     "0 none, 1 union, 2 intersect, 3 subtract, 4 smooth union, 5 smooth subtract, "
     "6 repeat (the shape alone at a quarter size, tiled every 0.25 frame heights)"},
    {"size", 1.0f, 0.2f, 3.0f, "scale of the shapes' catalogue sizes"},
    {"edge_width", 1.5f, 0.2f, 20.0f, "fill: width of the soft edge, rows of cells"},
    {"glow", 0.0f, 0.0f, 1.0f, "0 fill, 1 glowing outline (rounded)"},
    {"glow_falloff", 0.3f, 0.01f, 2.0f, "glow: decay per row of cells from the outline"},
    {"spin", 0.3f, -5.0f, 5.0f, "turn of the shapes, radians per second"},
};

static float length2(float x, float y)
{
    return sqrtf(x * x + y * y);
}

static float sdf_box(float x, float y, float bx, float by)
{
    float qx = fabsf(x) - bx, qy = fabsf(y) - by;
    return length2(fx_maxf(qx, 0.0f), fx_maxf(qy, 0.0f)) + fx_minf(fx_maxf(qx, qy), 0.0f);
}

static float sdf_segment(float x, float y, float ax, float bx)
{
    /* segment from (ax, 0) to (bx, 0) */
    float h = fx_clamp01((x - ax) / (bx - ax));
    return length2(x - ax - h * (bx - ax), y);
}

static float sdf_triangle(float x, float y, float r)
{
    const float k = 1.7320508f;
    x = fabsf(x) - r;
    y = y + r / k;
    if (x + k * y > 0.0f) {
        float nx = 0.5f * (x - k * y), ny = 0.5f * (-k * x - y);
        x = nx;
        y = ny;
    }
    x -= x < -2.0f * r ? -2.0f * r : x > 0.0f ? 0.0f : x;
    float d = length2(x, y);
    return y < 0.0f ? d : -d;
}

static float sdf_star(float x, float y, float outer, float inner)
{
    const float sector = FX_TAU / 5.0f;
    float theta = fld_atan2(y, x) + FX_PI; /* 0..2 pi */
    float a = fabsf(theta - sector * (float)fx_floor(theta / sector) - 0.5f * sector);
    float r = inner + (outer - inner) * fx_clamp01(0.5f * fx_cos(5.0f * a) + 0.5f);
    return length2(x, y) - r;
}

/* A heart of height about 1.1 with its tip at the origin, y up. */
static float sdf_heart_unit(float x, float y)
{
    x = fabsf(x);
    if (x + y > 1.0f)
        return length2(x - 0.25f, y - 0.75f) - 0.35355339f;
    float a = x * x + (y - 1.0f) * (y - 1.0f);
    float m = 0.5f * fx_maxf(x + y, 0.0f);
    float b = (x - m) * (x - m) + (y - m) * (y - m);
    float d = sqrtf(fx_minf(a, b));
    return x > y ? d : -d;
}

/* Shape `shape` at size scale s, centred on (0, 0), y up. */
static float sdf_shape(int shape, float x, float y, float s)
{
    switch (shape) {
    case SHAPE_CIRCLE: return length2(x, y) - 0.3f * s;
    case SHAPE_BOX: return sdf_box(x, y, 0.3f * s, 0.2f * s);
    case SHAPE_RING: return fabsf(length2(x, y) - 0.3f * s) - 0.03f * s;
    case SHAPE_LINE: return sdf_segment(x, y, -0.3f * s, 0.3f * s) - 0.01f * s;
    case SHAPE_TRIANGLE: return sdf_triangle(x, y, 0.25f * s);
    case SHAPE_STAR: return sdf_star(x, y, 0.25f * s, 0.12f * s);
    default: {
        /* the catalogue's centre (0.5, 0.45): a little above the middle */
        float scale = 0.45f * s;
        return sdf_heart_unit(x / scale, (y - 0.05f) / scale + 0.55f) * scale;
    }
    }
}

static float smooth_union(float d1, float d2, float k)
{
    float h = fx_clamp01(0.5f + 0.5f * (d2 - d1) / k);
    return d2 * (1.0f - h) + d1 * h - k * h * (1.0f - h);
}

static float combine(int op, float d1, float d2)
{
    const float k = 0.1f;
    switch (op) {
    case OP_UNION: return fx_minf(d1, d2);
    case OP_INTERSECT: return fx_maxf(d1, d2);
    case OP_SUBTRACT: return fx_maxf(d1, -d2);
    case OP_SMOOTH_UNION: return smooth_union(d1, d2, k);
    case OP_SMOOTH_SUBTRACT: return -smooth_union(-d1, d2, k);
    default: return d1;
    }
}

static void sdf_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    float t = (float)ctx->time;
    int shape = (int)fx_param(ctx, SDF_SHAPE), shape2 = (int)fx_param(ctx, SDF_SHAPE2);
    int op = (int)fx_param(ctx, SDF_OP), glow = fx_param(ctx, SDF_GLOW) >= 0.5f;
    float size = fx_param(ctx, SDF_SIZE), rows = (float)g->rows;
    float edge = rows / fx_param(ctx, SDF_EDGE), falloff = fx_param(ctx, SDF_FALLOFF) * rows;
    float turn = fx_param(ctx, SDF_SPIN) * t, cs = fx_cos(turn), sn = fx_sin(turn);
    float orbit_x = 0.15f * fx_cos(-turn), orbit_y = 0.15f * fx_sin(-turn);
    float cx = 0.5f * (float)(g->cols - 1), cy = 0.5f * (rows - 1.0f);
    float to_x = 1.0f / (rows * g->aspect), to_y = 1.0f / rows;
    float level = 0.5f + 0.8f * fld_rms(ctx->feat);
    const float tile = 0.25f;
    int n = g->rows * g->cols;
    for (int i = 0; i < n; i++) {
        float x = (g->col[i] - cx) * to_x, y = (cy - g->row[i]) * to_y;
        float d;
        if (op == OP_REPEAT) {
            float tx = x - tile * (float)fx_floor(x / tile + 0.5f);
            float ty = y - tile * (float)fx_floor(y / tile + 0.5f);
            d = sdf_shape(shape, cs * tx + sn * ty, cs * ty - sn * tx, 0.25f * size);
        } else {
            d = sdf_shape(shape, cs * x + sn * y, cs * y - sn * x, size);
            if (op != OP_NONE)
                d = combine(op, d, sdf_shape(shape2, x - orbit_x, y - orbit_y, size));
        }
        float v = glow ? fx_exp(-falloff * fabsf(d)) : 1.0f - fx_clamp01(d * edge);
        value[i] = fx_clamp01(v * level);
        hue[i] = fx_frac(0.5f + 1.5f * d + 0.02f * t);
    }
}

const gfx_effect_desc gfx_fx_sdf = {
    .name = "sdf",
    .summary = "sdf: signed-distance shapes, combined, filled or glowing",
    .render = sdf_render,
    .params = sdf_params,
    .n_params = sizeof sdf_params / sizeof sdf_params[0],
    .default_ramp = "default",
    .group = GFX_EFFECT_FIELD,
};
