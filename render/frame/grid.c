#include "grid.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    int pixel_height;
} grid_sizes[GFX_GRID_SIZES] = {
    {"xs", 8}, {"sm", 10}, {"md", 16}, {"lg", 20}, {"xl", 24}, {"xxl", 40},
};

const char *gfx_grid_size_name(int size)
{
    return size >= 0 && size < GFX_GRID_SIZES ? grid_sizes[size].name : "?";
}

int gfx_grid_size_parse(const char *name)
{
    for (int i = 0; i < GFX_GRID_SIZES; i++)
        if (!strcmp(name, grid_sizes[i].name))
            return i;
    return -1;
}

const char *gfx_grid_size_choices(void)
{
    return "xs|sm|md|lg|xl|xxl";
}

int gfx_grid_pixel_height(int size, float scale)
{
    int px = (int)lroundf((float)grid_sizes[size].pixel_height * scale);
    return px < 4 ? 4 : px;
}

int gfx_grid_fields_build(gfx_grid_fields *g, int width, int height, int cell_w, int cell_h)
{
    memset(g, 0, sizeof *g);
    int cols = width / cell_w, rows = height / cell_h;
    if (cols < 1 || rows < 1)
        return -1;
    size_t n = (size_t)rows * (size_t)cols;
    g->storage = malloc(5 * n * sizeof *g->storage);
    if (!g->storage)
        return -1;
    float *dist = g->storage, *angle = dist + n, *dist_n = angle + n;
    float *col = dist_n + n, *row = col + n;
    float aspect = (float)cell_h / (float)cell_w;
    float cx = 0.5f * (float)(cols - 1), cy = 0.5f * (float)(rows - 1);
    float max_dist = 0.0f;
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++) {
            float dx = (float)c - cx, dy = ((float)r - cy) * aspect;
            size_t i = (size_t)r * (size_t)cols + (size_t)c;
            col[i] = (float)c;
            row[i] = (float)r;
            dist[i] = sqrtf(dx * dx + dy * dy);
            angle[i] = atan2f(dy, dx);
            if (dist[i] > max_dist)
                max_dist = dist[i];
        }
    float inv = max_dist > 0.0f ? 1.0f / max_dist : 0.0f;
    for (size_t i = 0; i < n; i++)
        dist_n[i] = dist[i] * inv;
    g->grid = (gfx_grid){
        .rows = rows,
        .cols = cols,
        .cell_w = cell_w,
        .cell_h = cell_h,
        .origin_x = (width - cols * cell_w) / 2,
        .origin_y = (height - rows * cell_h) / 2,
        .aspect = aspect,
        .dist = dist,
        .angle = angle,
        .dist_n = dist_n,
        .col = col,
        .row = row,
    };
    return 0;
}

void gfx_grid_fields_free(gfx_grid_fields *g)
{
    free(g->storage);
    memset(g, 0, sizeof *g);
}
