/* Feedback buffer (../shared/catalogue.md section 12): each frame the
 * previous output, decayed, hue-shifted and moved by a transform, is
 * blended under the new canvas, and the result recirculates.
 *
 *   first step after create or reset: the canvas passes through and seeds
 *   the buffer. Every later step:
 *     buffer = colour_matrix(buffer)        decay x hue rotation, floored
 *     buffer = remap_affine(buffer)         the transform (none: skipped)
 *     canvas = blend(a = canvas, b = buffer, blend, opacity)
 *     buffer = canvas
 *
 * The catalogue applies the hue rotation after the transform; a nearest-
 * neighbour remap copies pixels and fills black, which the matrix keeps
 * black, so the order gives the same bytes. Hue shift is the luma-preserving
 * hue rotation matrix (gfx_colour_matrix_hue), not an HSV round trip: greys
 * stay grey, colours turn the same way. The decay is floored (a float-to-
 * byte cast, as the original's), so trails reach black.
 *
 * Determinism: the floats (decay, opacity, angles) become Q12/Q16/Q8
 * integers once, in gfx_feedback_set_params; every step after that is
 * integer kernels, bit-exact across ISAs. So the same parameters and the same
 * sequence of canvases since the last reset give the same bytes on any
 * machine; a renderer that starts mid-scene must replay the canvases from
 * the scene's start (the catalogue resets the buffer at scene cuts).
 *
 * Transforms (W x H canvas, amt = transform_amt, nearest pixel):
 *   none        the buffer stays put
 *   zoom        crops floor(amt H) rows and floor(amt W) columns per side
 *               and stretches the rest back: trails expand
 *   shrink      scales to (W - 2 floor(amt W), H - 2 floor(amt H)), centred
 *               on black: trails collapse
 *   rotate_cw   turns by 10 amt radians about the centre (the original's
 *   rotate_ccw  degrees-as-radians), clockwise or counter-clockwise on screen
 *   shift_up    moves by max(1, floor(amt H)) rows; vacated rows black
 *   shift_down
 *   mirror_h    flips left to right, every frame
 * Cost per step: colour_matrix, remap_affine (only with a transform) and
 * blend, plus one frame copy; `glyphfx bench` times each kernel on its own
 * (colour_matrix, remap_zoom, remap_rotate, ..., blend_screen). */
#ifndef GFX_FEEDBACK_H
#define GFX_FEEDBACK_H

#include <stddef.h>

#include "effect.h"
#include "gfx_kernels.h"
#include "image.h"
#include "status.h"

enum gfx_feedback_transform {
    GFX_FEEDBACK_NONE = 0,
    GFX_FEEDBACK_ZOOM,
    GFX_FEEDBACK_SHRINK,
    GFX_FEEDBACK_ROTATE_CW,
    GFX_FEEDBACK_ROTATE_CCW,
    GFX_FEEDBACK_SHIFT_UP,
    GFX_FEEDBACK_SHIFT_DOWN,
    GFX_FEEDBACK_MIRROR_H,
    GFX_FEEDBACK_TRANSFORMS
};
/* "zoom", or "unknown"; the name's transform, or -1. */
const char *gfx_feedback_transform_name(enum gfx_feedback_transform t);
int gfx_feedback_transform_parse(const char *name);

typedef struct gfx_feedback_params {
    float decay;                           /* 0 gone .. 1 permanent; default 0.85 */
    enum gfx_blend_mode blend;             /* default screen */
    float opacity;                         /* 0..1, default 0.5 */
    enum gfx_feedback_transform transform; /* default none */
    float transform_amt;                   /* default 0.02 */
    float hue_shift;                       /* turns of the hue wheel per frame, default 0 */
} gfx_feedback_params;

/* The catalogue's defaults. */
gfx_feedback_params gfx_feedback_defaults(void);

/* The parameters as a scene file or `--list` names them, in this order:
 * decay, blend, opacity, transform, transform_amt, hue_shift. The two named
 * ones (blend, transform) have def/min/max as their enum's index range and
 * name their choices in help; the others are numbers in [min, max]. */
#define GFX_FEEDBACK_PARAMS 6
const gfx_param_desc *gfx_feedback_param_table(void);
/* Sets parameter `name` from its text ("0.7", "screen", "zoom"). A name or
 * value outside the table is GFX_BAD_INPUT with one line in err, e.g.
 *   feedback decay=1.5: expected a number in [0, 1] */
gfx_status gfx_feedback_param_set(gfx_feedback_params *p, const char *name, const char *value,
                                  char *err, size_t err_size);

/* The catalogue's seven presets, by snake_case name: infinite_zoom_tunnel,
 * rainbow_trails, ghostly_echo, kaleidoscopic_recursion, color_evolution,
 * multiplied_depth, rising_heat_haze. */
#define GFX_FEEDBACK_PRESETS 7
const char *gfx_feedback_preset_name(int i); /* NULL past the end */
/* 0 and *p set, or -1 (p untouched) for an unknown name. */
int gfx_feedback_preset(const char *name, gfx_feedback_params *p);

/* The source map of a transform on a width x height buffer, as
 * gfx_kernels.h's remap_affine takes it (none: the identity). */
gfx_affine_q16 gfx_feedback_transform_map(enum gfx_feedback_transform t, float amt, int width,
                                          int height);

typedef struct gfx_feedback gfx_feedback;
/* A buffer for width x height canvases with parameters p (copied and
 * turned into fixed point). NULL when out of memory. */
gfx_feedback *gfx_feedback_create(int width, int height, const gfx_feedback_params *p);
void gfx_feedback_free(gfx_feedback *fb);
/* New parameters; the buffer is kept (a preset change mid-scene). */
void gfx_feedback_set_params(gfx_feedback *fb, const gfx_feedback_params *p);
/* Forgets the buffer: the next step passes its canvas through. */
void gfx_feedback_reset(gfx_feedback *fb);
/* One frame, in place on canvas (the create size). */
void gfx_feedback_step(gfx_feedback *fb, gfx_image *canvas);

#endif
