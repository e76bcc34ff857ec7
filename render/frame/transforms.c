#include "transforms.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fx_common.h"

static const gfx_param_desc rotate_params[] = {
    {"angle", 0.0f, -1000.0f, 1000.0f, "radians, counter-clockwise on screen"},
    {"speed", 0.0f, -20.0f, 20.0f, "radians per second of the section's clock, added"},
};
static const gfx_param_desc scale_params[] = {
    {"sx", 1.0f, 0.05f, 20.0f, "horizontal zoom: > 1 zooms in"},
    {"sy", 1.0f, 0.05f, 20.0f, "vertical zoom: > 1 zooms in"},
    {"x", 0.5f, 0.0f, 1.0f, "centre of the zoom, fraction of the width"},
    {"y", 0.5f, 0.0f, 1.0f, "centre of the zoom, fraction of the height"},
};
static const gfx_param_desc skew_params[] = {
    {"kx", 0.0f, -5.0f, 5.0f, "columns moved per row from the centre"},
    {"ky", 0.0f, -5.0f, 5.0f, "rows moved per column from the centre"},
};
static const gfx_param_desc tile_params[] = {
    {"nx", 3.0f, 1.0f, 32.0f, "tiles across"},
    {"ny", 3.0f, 1.0f, 32.0f, "tiles down"},
    {"mirror", 0.0f, 0.0f, 1.0f, "true: odd tiles reflected, seamless joins"},
};
static const gfx_param_desc twist_params[] = {
    {"amount", 2.0f, -20.0f, 20.0f, "radians of turn at the farthest cell, none at the centre"},
};
static const gfx_param_desc fisheye_params[] = {
    {"strength", 1.5f, 0.1f, 5.0f, "> 1 bulges the middle out, < 1 pinches it"},
};
static const gfx_param_desc wave_params[] = {
    {"freq", 0.1f, 0.0f, 2.0f, "radians per cell along the other axis"},
    {"amp", 3.0f, 0.0f, 50.0f, "displacement, cells"},
    {"axis", 0.0f, 0.0f, 1.0f, "x: columns sway, y: rows sway"},
    {"speed", 3.0f, -20.0f, 20.0f, "phase, radians per second of the section's clock"},
};
static const gfx_param_desc mobius_params[] = {
    {"a", 1.0f, -10.0f, 10.0f, "w = (a z + b) / (c z + d)"},
    {"b", 0.0f, -10.0f, 10.0f, "w = (a z + b) / (c z + d)"},
    {"c", 0.0f, -10.0f, 10.0f, "w = (a z + b) / (c z + d)"},
    {"d", 1.0f, -10.0f, 10.0f, "w = (a z + b) / (c z + d)"},
};
static const char *const tile_words[] = {NULL, NULL, "false|true"};
static const char *const wave_words[] = {NULL, NULL, "x|y", NULL};

#define N_OF(a) (int)(sizeof a / sizeof a[0])

static const gfx_transform_desc transforms[GFX_TRANSFORMS] = {
    {"rotate", "rotation about the centre", rotate_params, N_OF(rotate_params), NULL},
    {"scale", "zoom about a point", scale_params, N_OF(scale_params), NULL},
    {"skew", "shear about the centre", skew_params, N_OF(skew_params), NULL},
    {"tile", "repeat the grid nx by ny times", tile_params, N_OF(tile_params), tile_words},
    {"polar", "angle across, distance down: straight patterns become radial", NULL, 0, NULL},
    {"cartesian_from_polar", "the inverse of polar: columns as angle, rows as radius", NULL, 0,
     NULL},
    {"twist", "rotation growing with the distance: a swirl", twist_params, N_OF(twist_params),
     NULL},
    {"fisheye", "radial lens distortion", fisheye_params, N_OF(fisheye_params), NULL},
    {"wave", "sine displacement of columns or rows", wave_params, N_OF(wave_params), wave_words},
    {"mobius", "Mobius map of the plane, real coefficients", mobius_params, N_OF(mobius_params),
     NULL},
};

const gfx_transform_desc *gfx_transform_at(int kind)
{
    return kind >= 0 && kind < GFX_TRANSFORMS ? &transforms[kind] : NULL;
}

int gfx_transform_find(const char *name)
{
    for (int i = 0; i < GFX_TRANSFORMS; i++)
        if (!strcmp(name, transforms[i].name))
            return i;
    return -1;
}

const char *gfx_transform_name(int kind)
{
    return kind >= 0 && kind < GFX_TRANSFORMS ? transforms[kind].name : "?";
}

gfx_transform_step gfx_transform_eval(const gfx_transform *t, const gfx_param_inputs *in)
{
    gfx_transform_step s = {.kind = t->kind};
    const gfx_transform_desc *d = &transforms[t->kind];
    for (int j = 0; j < d->n_params; j++)
        s.p[j] = gfx_param_eval(&t->params[j], &d->params[j], in);
    if (t->kind == GFX_TRANSFORM_ROTATE) {
        s.p[0] += s.p[1] * (float)in->time;
        s.p[1] = 0.0f;
    } else if (t->kind == GFX_TRANSFORM_WAVE)
        s.p[3] *= (float)in->time;
    return s;
}

int gfx_transform_steps_equal(const gfx_transform_step *a, const gfx_transform_step *b, int n)
{
    for (int k = 0; k < n; k++) {
        if (a[k].kind != b[k].kind)
            return 0;
        for (int j = 0; j < GFX_TRANSFORM_PARAMS; j++)
            if (a[k].p[j] != b[k].p[j])
                return 0;
    }
    return 1;
}

void gfx_rotate_raw(float *x, float *y, size_t n, float cx, float cy, float angle, float aspect)
{
    float ca = fx_cos(angle), sa = fx_sin(angle);
    for (size_t k = 0; k < n; k++) {
        float dx = x[k] - cx, dy = (y[k] - cy) * aspect;
        x[k] = cx + (dx * ca - dy * sa);
        y[k] = cy + (dx * sa + dy * ca) / aspect;
    }
}

/* Parameters under which a step moves nothing: skipped, so that a chain
 * of them gives the plain grid exactly (fx_cos(0) is 1 only to 1e-7). */
static int step_moves_nothing(const gfx_transform_step *s)
{
    const float *p = s->p;
    switch (s->kind) {
    case GFX_TRANSFORM_ROTATE: return p[0] == 0.0f;
    case GFX_TRANSFORM_SCALE: return p[0] == 1.0f && p[1] == 1.0f;
    case GFX_TRANSFORM_SKEW: return p[0] == 0.0f && p[1] == 0.0f;
    case GFX_TRANSFORM_TILE: return p[0] == 1.0f && p[1] == 1.0f && p[2] < 0.5f;
    case GFX_TRANSFORM_TWIST: return p[0] == 0.0f;
    case GFX_TRANSFORM_FISHEYE: return p[0] == 1.0f;
    case GFX_TRANSFORM_WAVE: return p[1] == 0.0f;
    case GFX_TRANSFORM_MOBIUS: return p[0] == 1.0f && p[1] == 0.0f && p[2] == 0.0f && p[3] == 1.0f;
    default: return 0;
    }
}

/* The largest dist of the plain grid: D in transforms.h. */
static float plain_max_dist(const gfx_grid *g)
{
    float m = 0.0f;
    size_t n = (size_t)g->rows * (size_t)g->cols;
    for (size_t i = 0; i < n; i++)
        if (g->dist[i] > m)
            m = g->dist[i];
    return m > 0.0f ? m : 1.0f;
}

/* One axis of tile: p = x + 1/2 repeated `count` times over `size` cells. */
static float tile_axis(float x, float count, float size, int mirror)
{
    float t = count * (x + 0.5f);
    int k = fx_floor(t / size);
    float u = t - (float)k * size;
    if (mirror && (k & 1))
        u = size - u;
    return u - 0.5f;
}

void gfx_transform_apply(const gfx_transform_step *step, const gfx_grid *plain, float *col,
                         float *row)
{
    if (step_moves_nothing(step))
        return;
    size_t n = (size_t)plain->rows * (size_t)plain->cols;
    float cx = 0.5f * (float)(plain->cols - 1), cy = 0.5f * (float)(plain->rows - 1);
    float a = plain->aspect, max_dist = plain_max_dist(plain);
    float cols = (float)plain->cols, rows = (float)plain->rows;
    const float *p = step->p;
    switch (step->kind) {
    case GFX_TRANSFORM_ROTATE: gfx_rotate_raw(col, row, n, cx, cy, p[0], a); break;
    case GFX_TRANSFORM_SCALE: {
        float x0 = p[2] * (cols - 1.0f), y0 = p[3] * (rows - 1.0f);
        for (size_t i = 0; i < n; i++) {
            col[i] = x0 + (col[i] - x0) / p[0];
            row[i] = y0 + (row[i] - y0) / p[1];
        }
        break;
    }
    case GFX_TRANSFORM_SKEW:
        for (size_t i = 0; i < n; i++) {
            float c = col[i], r = row[i];
            col[i] = c + p[0] * (r - cy);
            row[i] = r + p[1] * (c - cx);
        }
        break;
    case GFX_TRANSFORM_TILE: {
        int mirror = p[2] >= 0.5f;
        for (size_t i = 0; i < n; i++) {
            col[i] = tile_axis(col[i], p[0], cols, mirror);
            row[i] = tile_axis(row[i], p[1], rows, mirror);
        }
        break;
    }
    case GFX_TRANSFORM_POLAR:
        for (size_t i = 0; i < n; i++) {
            float dx = col[i] - cx, dy = (row[i] - cy) * a;
            col[i] = (atan2f(dy, dx) * (1.0f / FX_TAU) + 0.5f) * cols;
            row[i] = sqrtf(dx * dx + dy * dy) / max_dist * rows;
        }
        break;
    case GFX_TRANSFORM_CARTESIAN_FROM_POLAR:
        for (size_t i = 0; i < n; i++) {
            float angle = FX_TAU * (col[i] / cols - 0.5f), dist = max_dist * row[i] / rows;
            col[i] = cx + dist * fx_cos(angle);
            row[i] = cy + dist * fx_sin(angle) / a;
        }
        break;
    case GFX_TRANSFORM_TWIST:
        for (size_t i = 0; i < n; i++) {
            float dx = col[i] - cx, dy = (row[i] - cy) * a;
            float turn = p[0] * sqrtf(dx * dx + dy * dy) / max_dist;
            gfx_rotate_raw(&col[i], &row[i], 1, cx, cy, turn, a);
        }
        break;
    case GFX_TRANSFORM_FISHEYE: {
        float hx = fx_maxf(cx, 0.5f), hy = fx_maxf(cy, 0.5f);
        for (size_t i = 0; i < n; i++) {
            float qx = (col[i] - cx) / hx, qy = (row[i] - cy) / hy;
            float rho = sqrtf(qx * qx + qy * qy);
            float f = rho > 0.0f ? powf(rho, p[0] - 1.0f) : 0.0f;
            col[i] = cx + qx * f * hx;
            row[i] = cy + qy * f * hy;
        }
        break;
    }
    case GFX_TRANSFORM_WAVE:
        for (size_t i = 0; i < n; i++) {
            if (p[2] < 0.5f)
                col[i] += p[1] * fx_sin(p[0] * row[i] + p[3]);
            else
                row[i] += p[1] * fx_sin(p[0] * col[i] + p[3]);
        }
        break;
    case GFX_TRANSFORM_MOBIUS:
        for (size_t i = 0; i < n; i++) {
            float zx = (col[i] - cx) / max_dist, zy = (row[i] - cy) * a / max_dist;
            float nx = p[0] * zx + p[1], ny = p[0] * zy;
            float dx = p[2] * zx + p[3], dy = p[2] * zy;
            float den = dx * dx + dy * dy;
            /* the pole goes far off the grid rather than to infinity */
            float wx = den > 1e-12f ? (nx * dx + ny * dy) / den : 1e4f;
            float wy = den > 1e-12f ? (ny * dx - nx * dy) / den : 0.0f;
            col[i] = cx + max_dist * wx;
            row[i] = cy + max_dist * wy / a;
        }
        break;
    default: break;
    }
}

void gfx_make_tgrid(gfx_grid_fields *out, const gfx_grid *plain)
{
    size_t n = (size_t)plain->rows * (size_t)plain->cols;
    float *dist = out->storage, *angle = dist + n, *dist_n = angle + n;
    const float *col = dist_n + n, *row = col + n;
    float cx = 0.5f * (float)(plain->cols - 1), cy = 0.5f * (float)(plain->rows - 1);
    /* grid.c's arithmetic, so unmoved positions give its bytes */
    float inv = 1.0f / plain_max_dist(plain);
    for (size_t i = 0; i < n; i++) {
        float dx = col[i] - cx, dy = (row[i] - cy) * plain->aspect;
        dist[i] = sqrtf(dx * dx + dy * dy);
        angle[i] = atan2f(dy, dx);
        dist_n[i] = dist[i] * inv;
    }
    out->grid = *plain;
    out->grid.dist = dist;
    out->grid.angle = angle;
    out->grid.dist_n = dist_n;
    out->grid.col = col;
    out->grid.row = row;
}

/* Positions stay within a million cells of the grid (NaN goes to the
 * edge of that): far off any grid, yet small enough for the effects'
 * integer floors and polynomial sines, however long the chain of zooms. */
#define FAR_CELLS 1e6f
static float keep_near(float x)
{
    return !(x >= -FAR_CELLS) ? -FAR_CELLS : x > FAR_CELLS ? FAR_CELLS : x;
}

int gfx_tgrid_build(gfx_grid_fields *out, const gfx_grid *plain, const gfx_transform_step *steps,
                    int n_steps)
{
    size_t n = (size_t)plain->rows * (size_t)plain->cols;
    if (!out->storage || out->grid.rows != plain->rows || out->grid.cols != plain->cols) {
        free(out->storage);
        memset(out, 0, sizeof *out);
        out->storage = malloc(5 * n * sizeof *out->storage);
        if (!out->storage)
            return -1;
        out->grid.rows = plain->rows;
        out->grid.cols = plain->cols;
    }
    float *col = out->storage + 3 * n, *row = col + n;
    memcpy(col, plain->col, n * sizeof *col);
    memcpy(row, plain->row, n * sizeof *row);
    for (int k = 0; k < n_steps; k++) {
        gfx_transform_apply(&steps[k], plain, col, row);
        for (size_t i = 0; i < n; i++) {
            col[i] = keep_near(col[i]);
            row[i] = keep_near(row[i]);
        }
    }
    gfx_make_tgrid(out, plain);
    return 0;
}
