/* Fixtures the effect tests share: a grid carrying the coordinate fields
 * effect.h defines, and an effect's context with its default parameters. */
#ifndef GFX_TEST_EFFECT_FIXTURE_H
#define GFX_TEST_EFFECT_FIXTURE_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "effect.h"

typedef struct test_grid {
    gfx_grid grid;
    float *dist, *angle, *dist_n, *col, *row;
} test_grid;

/* Coordinate fields as effect.h defines them: from the centre, x in cell
 * widths, y in rows scaled by the aspect; col shifted by `col_shift`
 * columns (a coordinate transform's simplest case). */
static inline test_grid grid_make_shifted(int rows, int cols, float aspect, float col_shift)
{
    test_grid t = {0};
    size_t n = (size_t)rows * cols;
    t.dist = malloc(n * sizeof(float));
    t.angle = malloc(n * sizeof(float));
    t.dist_n = malloc(n * sizeof(float));
    t.col = malloc(n * sizeof(float));
    t.row = malloc(n * sizeof(float));
    if (!t.dist || !t.angle || !t.dist_n || !t.col || !t.row) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    float max_dist = 0.0f;
    for (size_t i = 0; i < n; i++) {
        int r = (int)(i / (size_t)cols), c = (int)(i % (size_t)cols);
        float dx = (float)c - 0.5f * (float)(cols - 1);
        float dy = ((float)r - 0.5f * (float)(rows - 1)) * aspect;
        t.dist[i] = sqrtf(dx * dx + dy * dy);
        t.angle[i] = atan2f(dy, dx);
        t.col[i] = (float)c + col_shift;
        t.row[i] = (float)r;
        max_dist = t.dist[i] > max_dist ? t.dist[i] : max_dist;
    }
    for (size_t i = 0; i < n; i++)
        t.dist_n[i] = max_dist > 0.0f ? t.dist[i] / max_dist : 0.0f;
    t.grid = (gfx_grid){.rows = rows,
                        .cols = cols,
                        .cell_w = 10,
                        .cell_h = (int)(10 * aspect),
                        .aspect = aspect,
                        .dist = t.dist,
                        .angle = t.angle,
                        .dist_n = t.dist_n,
                        .col = t.col,
                        .row = t.row};
    return t;
}

static inline test_grid grid_make(int rows, int cols, float aspect)
{
    return grid_make_shifted(rows, cols, aspect, 0.0f);
}

static inline void grid_free(test_grid *t)
{
    free(t->dist);
    free(t->angle);
    free(t->dist_n);
    free(t->col);
    free(t->row);
}

/* A context at `frame` with the effect's default parameters; `track` may be
 * NULL when the test hands the features in directly. */
static inline gfx_effect_ctx ctx_with_defaults(const gfx_effect_desc *e, const gfx_grid *g,
                                               const gfx_feature_track *track,
                                               const gfx_features *feat, int frame, double fps,
                                               uint32_t seed)
{
    gfx_effect_ctx ctx = {.grid = g,
                          .track = track,
                          .feat = feat,
                          .frame = frame,
                          .time = frame / fps,
                          .fps = fps,
                          .seed = seed};
    for (int p = 0; p < e->n_params; p++)
        ctx.params[p] = e->params[p].def;
    return ctx;
}

/* A context at `frame` of a feature track, default parameters. */
static inline gfx_effect_ctx ctx_at(const gfx_effect_desc *e, const gfx_grid *g,
                                    const gfx_feature_track *tr, int frame, uint32_t seed)
{
    return ctx_with_defaults(e, g, tr, gfx_features_at(tr, frame), frame, tr->fps, seed);
}

/* The index of the effect's parameter `name`; a failed check (and index 0,
 * so the caller stays in bounds) when it has none. */
static inline int param_index(const gfx_effect_desc *e, const char *name)
{
    for (int p = 0; p < e->n_params; p++)
        if (!strcmp(e->params[p].name, name))
            return p;
    CHECK(0, "%s has no parameter %s", e->name, name);
    return 0;
}

#endif
