/* Masks: which cells of a layer show, the catalogue's section 13.
 *
 * A mask is a value per grid cell in [0, 1] (1 = visible), evaluated in
 * floats and quantized to bytes as round(255 m); gfx_mask_apply_canvas
 * spreads the bytes over the pixels and mixes two layers through them with
 * the mask_mix kernel (gfx_kernels.h holds its rounding).
 *
 * A mask is a small flat array of nodes. A node is one of the 18 kinds,
 * its float parameters (in the order of the kind's gfx_param_desc table,
 * defaults from gfx_mask_node_init), its one string setting where the kind
 * has one (the text, or a wipe's direction), and for the combining kinds
 * (select and the booleans) the indices of its operand nodes, which must
 * come earlier in the array. So the scene parser fills nodes from the kind
 * table alone, and `--list` prints the same table.
 *
 * Coordinates: cell (r, c) sits at its centre, x = (c + 0.5) / cols,
 * y = (r + 0.5) / rows, both 0..1 over the grid. Where the catalogue says
 * y is scaled by the cell aspect (circle, ring, radial gradient, iris),
 * distances are measured on screen in units of the grid's width: dy is
 * (y - cy) * rows cell_h / (cols cell_w), so circles are round. clip() is to
 * [0, 1]; a feather of 0 gives a hard edge.
 *
 * Kinds (catalogue name: what it is, with its parameters and defaults):
 *   mask_circle        clip(1 - (d - radius) / feather): cx 0.5, cy 0.5,
 *                      radius 0.3, feather 0.05
 *   mask_rect          clip(1 - e / feather), e = max(x0 - x, x - x1,
 *                      y0 - y, y - y1) (Chebyshev): 0.2, 0.2 - 0.8, 0.8,
 *                      feather 0.03
 *   mask_ring          clip(circle(outer) - circle(inner)): inner 0.15,
 *                      outer 0.35, feather 0.03
 *   mask_gradient_h    clip(start + (end - start) x): start 0, end 1
 *   mask_gradient_v    the same over y
 *   mask_gradient_radial  clip(1 - (d - inner) / (outer - inner)): 1 at the
 *                      centre to 0 at outer: inner 0, outer 0.5
 *   mask_from_vf       clip((v - threshold + feather) / (2 feather)) of the
 *                      value field v: threshold 0.5, feather 0.1
 *   mask_select        a m + b (1 - m) of its operands m, a and b
 *   mask_text          the text rasterized (gfx_font_render_line) across
 *                      the grid's pixels, `height` of the grid high, centred
 *                      on x and on y = row_frac (0.5), shrunk to fit 0.9 of
 *                      the width; each cell's ink coverage (the mean of the
 *                      cell's pixels) is the mask, below 0.1 dropped, then
 *                      each cell takes the largest value within `thicken`
 *                      rows above and below (thin strokes survive)
 *   mask_text_block    the text's lines ('\n') stacked from row_frac 0.3
 *                      (the top of the first line), line_spacing times the
 *                      line height apart, all at one size
 *   mask_iris          a circle of radius smoothstep(p) max_radius: max_radius
 *                      0.7, feather 0.03
 *   mask_wipe_h        clip((e - x) / softness + 0.5) with the edge e =
 *                      p (1 + softness) - softness / 2 (so p = 0 shows nothing
 *                      and p = 1 everything): softness 0.1, direction "right"
 *                      (revealed from the left) or "left" (x read as 1 - x)
 *   mask_wipe_v        the same over y: "down" (from the top) or "up"
 *   mask_dissolve      1 where the cell's noise n < p, else 0: n = (h >> 8)
 *                      / 2^24, h = gfx_hash32(gfx_hash32(seed) ^ cell index)
 *                      (row-major), seed 42; about a fraction p shows
 *   mask_union, mask_intersect, mask_subtract   max(a, b), min(a, b),
 *                      clip(a - b)
 *   mask_invert        1 - a
 * p is gfx_mask_input.progress.
 *
 * Pure: the same nodes, grid, progress, field and font give the same bytes
 * on any thread or ISA; nothing is kept between calls. */
#ifndef GFX_MASKS_H
#define GFX_MASKS_H

#include <stddef.h>
#include <stdint.h>

#include "effect.h"
#include "font.h"
#include "gfx_kernels.h"
#include "status.h"

#define GFX_MASK_MAX_OPERANDS 3

typedef struct gfx_mask_kind {
    const char *name;    /* the catalogue's: "mask_circle" */
    const char *summary; /* one line for --list */
    const gfx_param_desc *params;
    int n_params; /* at most GFX_MAX_PARAMS */
    /* operand masks it combines (0 for the rest), named for messages and
     * --list: {"a", "b"}, {"m", "a", "b"} for select */
    int n_operands;
    const char *const *operand_names;
    /* its one string setting, or NULL: "text" (any UTF-8) or "direction"
     * (one of string_choices, a NULL-terminated list) */
    const char *string_name;
    const char *string_default;
    const char *const *string_choices; /* NULL: any text */
    const char *string_help;
    int needs_font;  /* the text kinds: gfx_mask_input.font must be set */
    int reads_field; /* mask_from_vf: reads gfx_mask_input.field */
    int animated;    /* reads gfx_mask_input.progress */
} gfx_mask_kind;

/* Registry of the 18 kinds, in the catalogue's order. */
int gfx_mask_kind_count(void);
const gfx_mask_kind *gfx_mask_kind_at(int i);
const gfx_mask_kind *gfx_mask_kind_find(const char *name); /* NULL if unknown */
/* The index of a parameter of a kind by name, -1 if it has none so named. */
int gfx_mask_param_index(const gfx_mask_kind *kind, const char *name);

typedef struct gfx_mask_node {
    const gfx_mask_kind *kind;
    float params[GFX_MAX_PARAMS];        /* in the order of kind->params */
    const char *string;                  /* NULL: kind->string_default; not copied */
    int operands[GFX_MASK_MAX_OPERANDS]; /* indices of earlier nodes */
} gfx_mask_node;

/* A node of `kind` with every parameter at its default and no operands. */
void gfx_mask_node_init(gfx_mask_node *node, const gfx_mask_kind *kind);

/* Checks nodes[0..count) for evaluation from `root`: every kind set, every
 * parameter within its range, every string one of its choices, every
 * operand an earlier node. GFX_OK, or GFX_BAD_INPUT with one line in err
 * naming the node, the value and what was expected. */
gfx_status gfx_mask_check(const gfx_mask_node *nodes, int count, int root, char *err,
                          size_t err_size);

/* What a mask is evaluated against. */
typedef struct gfx_mask_input {
    const gfx_grid *grid;
    float progress;     /* p in [0, 1] of the animated kinds (gfx_mask_progress) */
    const float *field; /* rows*cols values for mask_from_vf; NULL reads as 0 */
    gfx_font *font;     /* for the text kinds (FreeType: not shared between threads) */
} gfx_mask_input;

/* The catalogue's p = clip((t - t0) / (t1 - t0)); t >= t1 gives 1 when
 * t1 <= t0. */
float gfx_mask_progress(double time, double t0, double t1);

/* Evaluates nodes[root] (and the nodes it reads) over in->grid into
 * rows*cols values, row-major: floats in [0, 1], or bytes round(255 m).
 * The nodes must pass gfx_mask_check. GFX_OK, GFX_BAD_INPUT (a text kind
 * without a font), or GFX_FAILED (memory, FreeType), err written. */
gfx_status gfx_mask_eval_float(const gfx_mask_node *nodes, int count, int root,
                               const gfx_mask_input *in, float *out, char *err, size_t err_size);
gfx_status gfx_mask_eval(const gfx_mask_node *nodes, int count, int root, const gfx_mask_input *in,
                         uint8_t *out, char *err, size_t err_size);

/* round(255 m) of m clipped to [0, 1]. */
uint8_t gfx_mask_quantize(float m);

/* The catalogue's apply_mask_canvas: in place on dst (width x height RGB24),
 * dst = mix(dst, src, cell mask) per pixel with k->mask_mix, the cell mask
 * (rows*cols bytes from gfx_mask_eval) spread over the pixels by nearest
 * cell; pixels outside the grid's area take the nearest cell. dst is what
 * shows where the mask is 0 (the background, black in the catalogue), src
 * where it is 255 (the canvas). GFX_OK, or GFX_FAILED when memory for one
 * pixel row of mask runs out. */
gfx_status gfx_mask_apply_canvas(const struct gfx_kernels *k, const gfx_grid *grid,
                                 const uint8_t *cell_mask, uint8_t *dst, ptrdiff_t dst_stride,
                                 const uint8_t *src, ptrdiff_t src_stride, int width, int height,
                                 char *err, size_t err_size);

#endif
