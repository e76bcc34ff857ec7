/* Grids: the six cell sizes and the per-grid cached coordinate fields.
 *
 * A grid size names a font pixel height (xs 8, sm 10, md 16, lg 20, xl 24,
 * xxl 40) that the quality profile scales (draft 0.5 .. max 2). The grid is
 * the largest whole number of cells that fits the frame, centred:
 * origin = ((W - cols*cell_w) / 2, (H - rows*cell_h) / 2). */
#ifndef GFX_GRID_H
#define GFX_GRID_H

#include "effect.h"

enum gfx_grid_size {
    GFX_GRID_XS = 0,
    GFX_GRID_SM,
    GFX_GRID_MD,
    GFX_GRID_LG,
    GFX_GRID_XL,
    GFX_GRID_XXL,
    GFX_GRID_SIZES
};

const char *gfx_grid_size_name(int size);
int gfx_grid_size_parse(const char *name); /* -1 if unknown */
/* "xs|sm|md|lg|xl|xxl", for error messages. */
const char *gfx_grid_size_choices(void);
/* round(base height * scale), at least 4. */
int gfx_grid_pixel_height(int size, float scale);

/* Owns the arrays a gfx_grid points to. */
typedef struct gfx_grid_fields {
    gfx_grid grid;
    float *storage;
} gfx_grid_fields;

/* Builds the grid for a frame and a cell size: rows, cols, origin and the
 * fields dist (in cell widths, rows scaled by cell_h / cell_w so that
 * circles are round on screen), angle (atan2(dy, dx)) and dist_n (dist /
 * max dist). Returns 0, or -1 when out of memory or the frame is smaller
 * than one cell. */
int gfx_grid_fields_build(gfx_grid_fields *g, int width, int height, int cell_w, int cell_h);
void gfx_grid_fields_free(gfx_grid_fields *g);

#endif
