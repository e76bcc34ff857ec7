/* Coordinate transforms (../shared/catalogue.md section 6): they move the
 * position each cell of a grid reads, so any field that reads grid->col,
 * grid->row, dist, dist_n or angle (effect.h) comes out rotated, tiled,
 * twisted... without knowing it.
 *
 * A layer holds a chain of transforms, applied in order to the positions
 * of the plain grid: cell i reads position p_i = T_n(...T_1(col_i, row_i)).
 * gfx_make_tgrid then recomputes dist, angle and dist_n from the moved
 * positions with the plain grid's centre, aspect and normalisation, so a
 * chain that moves nothing gives the plain grid's fields bit for bit.
 *
 * Notation: cx = (cols - 1) / 2, cy = (rows - 1) / 2 (the grid's centre),
 * A = the grid's aspect (cell_h / cell_w); dx = c - cx, dy = (r - cy) A are
 * offsets in cell widths, D = the plain grid's largest dist. Angles are
 * radians; a rotation by a takes (dx, dy) to
 * (dx cos a - dy sin a, dx sin a + dy cos a), which on screen (rows
 * downwards) turns the picture counter-clockwise by a.
 *
 *   rotate (angle 0, speed 0)      rotation by angle + speed * t about the centre
 *   scale (sx 1, sy 1, x 0.5, y 0.5)  c' = X + (c - X) / sx, X = x (cols - 1);
 *                                  likewise r' with sy, y: > 1 zooms in
 *   skew (kx 0, ky 0)              c' = c + kx (r - cy), r' = r + ky (c - cx)
 *   tile (nx 3, ny 3, mirror false) with p = c + 1/2 (the cell's centre),
 *                                  u = nx p mod cols, c' = u - 1/2; mirror
 *                                  reflects odd tiles (u -> cols - u) so
 *                                  tiles join without a seam; r' likewise
 *   polar                          c' = (angle / 2pi + 1/2) cols, r' = dist / D rows:
 *                                  straight patterns become radial
 *   cartesian_from_polar           the inverse of polar: angle = 2pi (c / cols - 1/2),
 *                                  dist = D r / rows, c' = cx + dist cos angle,
 *                                  r' = cy + dist sin angle / A
 *   twist (amount 2)               rotation by amount * dist / D: a swirl
 *   fisheye (strength 1.5)         q = (dx / cx, (r - cy) / cy), rho = |q|,
 *                                  q' = q rho^(strength - 1)
 *   wave (freq 0.1, amp 3, axis x, speed 3)  axis x: c' = c + amp sin(freq r + speed t);
 *                                  axis y: r' = r + amp sin(freq c + speed t)
 *   mobius (a 1, b 0, c 0, d 1)    z = (dx + i dy) / D, w = (a z + b) / (c z + d),
 *                                  c' = cx + D Re w, r' = cy + D Im w / A
 *
 * t is the section's clock in seconds. Sines and cosines are fx_sin's
 * polynomial (the same bytes on every machine); atan2f and powf are libm's,
 * as in grid.c. */
#ifndef GFX_TRANSFORMS_H
#define GFX_TRANSFORMS_H

#include <stddef.h>

#include "effect.h"
#include "grid.h"
#include "params.h"

enum gfx_transform_kind {
    GFX_TRANSFORM_ROTATE = 0,
    GFX_TRANSFORM_SCALE,
    GFX_TRANSFORM_SKEW,
    GFX_TRANSFORM_TILE,
    GFX_TRANSFORM_POLAR,
    GFX_TRANSFORM_CARTESIAN_FROM_POLAR,
    GFX_TRANSFORM_TWIST,
    GFX_TRANSFORM_FISHEYE,
    GFX_TRANSFORM_WAVE,
    GFX_TRANSFORM_MOBIUS,
    GFX_TRANSFORMS
};

#define GFX_TRANSFORM_PARAMS 4 /* the most any transform takes */
#define GFX_MAX_TRANSFORMS 8   /* the longest chain a layer may hold */

typedef struct gfx_transform_desc {
    const char *name;
    const char *summary;
    const gfx_param_desc *params; /* n_params entries */
    int n_params;
    /* Per parameter: NULL, or the words a scene may write instead of a
     * number, "|"-separated, word k meaning k ("false|true" also takes
     * JSON's true and false). */
    const char *const *words;
} gfx_transform_desc;

const gfx_transform_desc *gfx_transform_at(int kind); /* NULL out of range */
int gfx_transform_find(const char *name);             /* -1 if unknown */
const char *gfx_transform_name(int kind);             /* "?" out of range */

/* A transform in a scene: its parameters may follow the music and the
 * clock (params.h). */
typedef struct gfx_transform {
    int kind;
    gfx_param_value params[GFX_TRANSFORM_PARAMS]; /* in the order of the desc's params */
} gfx_transform;

/* A transform at one frame: every parameter a number, the clock folded in
 * (rotate's p[0] is angle + speed t, wave's p[3] is speed t). Two equal
 * chains of steps move positions equally, so a renderer may keep the grid
 * a chain built while the steps stay the same. */
typedef struct gfx_transform_step {
    int kind;
    float p[GFX_TRANSFORM_PARAMS];
} gfx_transform_step;

gfx_transform_step gfx_transform_eval(const gfx_transform *t, const gfx_param_inputs *in);
/* 1 when two chains are the same steps. */
int gfx_transform_steps_equal(const gfx_transform_step *a, const gfx_transform_step *b, int n);

/* Rotates n points (x[k], y[k]) about (cx, cy) by `angle`, in a space
 * where a unit of y is `aspect` units of x on screen (the grid's aspect;
 * 1 for plain arrays): rotate and twist's shared step (the catalogue's
 * uv_rotate_raw). */
void gfx_rotate_raw(float *x, float *y, size_t n, float cx, float cy, float angle, float aspect);

/* Moves the positions col[i], row[i] (rows*cols of them, grid `plain`'s
 * shape) by one step. */
void gfx_transform_apply(const gfx_transform_step *step, const gfx_grid *plain, float *col,
                         float *row);

/* Recomputes dist, angle and dist_n from col and row in grid `out`'s
 * storage, with `plain`'s centre, aspect and largest distance (the
 * catalogue's make_tgrid). out->storage holds 5 rows*cols floats in
 * gfx_grid_fields_build's order (dist, angle, dist_n, col, row). */
void gfx_make_tgrid(gfx_grid_fields *out, const gfx_grid *plain);

/* Builds into `out` the grid `plain` seen through the chain: positions
 * moved by each step in order (and kept within a million cells of the
 * grid after each), fields by gfx_make_tgrid. Reuses out's
 * storage when it is already plain's size (out zeroed before first use).
 * 0, or -1 when out of memory. Free with gfx_grid_fields_free. */
int gfx_tgrid_build(gfx_grid_fields *out, const gfx_grid *plain, const gfx_transform_step *steps,
                    int n_steps);

#endif
