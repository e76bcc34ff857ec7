/* The shader chain: post effects on the finished canvas, in scene order.
 *
 * bloom, vignette, crt, scanlines and grain run on the SIMD kernels
 * (gfx_kernels.h) with their masks and tables cached per size and
 * parameter; chromatic is plain C. The per-channel colour
 * curves (levels, contrast, gamma, brightness, solarize, posterize, invert)
 * run as one lookup per byte on the lut3 kernel, the linear colour changes
 * (saturation, color_grade, channel_swap, color_wobble) on the colour
 * matrix kernel, and threshold and color_ramp on both: the mean grey by the
 * matrix, then the grey through the tables (colour_curves.h builds them).
 * A crt step directly followed by scanlines runs as one pass (the kernel's
 * row gain), which gives the same bytes as the two steps apart.
 *
 * hue_rotate is linear in the colour, so it turns the glyph colours before
 * the blit (10K cells instead of 2M pixels: 0.05 ms instead of 6-14 ms at
 * 1080p); gfx_shaders_apply skips it and its place in the chain does not
 * matter. Several hue_rotate steps add up.
 *
 * Every shader has a level (0 minimal, 1 standard, 2 full); a quality
 * profile runs the steps at or below its level. */
#ifndef GFX_SHADERS_H
#define GFX_SHADERS_H

#include <stddef.h>
#include <stdint.h>

#include "audio_features.h"
#include "effect.h"
#include "gfx_kernels.h"
#include "image.h"
#include "params.h"

enum gfx_shader_id {
    GFX_SHADER_BLOOM = 0,
    GFX_SHADER_VIGNETTE,
    GFX_SHADER_CRT,
    GFX_SHADER_SCANLINES,
    GFX_SHADER_GRAIN,
    GFX_SHADER_CHROMATIC,
    GFX_SHADER_POSTERIZE,
    GFX_SHADER_INVERT,
    GFX_SHADER_HUE_ROTATE,
    GFX_SHADER_LEVELS,
    GFX_SHADER_CONTRAST,
    GFX_SHADER_GAMMA,
    GFX_SHADER_BRIGHTNESS,
    GFX_SHADER_SOLARIZE,
    GFX_SHADER_THRESHOLD,
    GFX_SHADER_SATURATION,
    GFX_SHADER_COLOR_GRADE,
    GFX_SHADER_CHANNEL_SWAP,
    GFX_SHADER_COLOR_WOBBLE,
    GFX_SHADER_COLOR_RAMP,
    GFX_SHADERS
};

enum gfx_shader_level { GFX_SHADERS_MINIMAL = 0, GFX_SHADERS_STANDARD, GFX_SHADERS_FULL };

typedef struct gfx_shader_desc {
    const char *name;
    const char *summary;
    const gfx_param_desc *params;
    int n_params;
    int level;
    /* Bit i set: param i sizes a cached table and must stay constant
     * (no "feature"), so the table is not rebuilt every frame. */
    unsigned constant_params;
} gfx_shader_desc;

const gfx_shader_desc *gfx_shader_at(int id);
int gfx_shader_find(const char *name); /* -1 if unknown */
const char *gfx_shader_level_name(int level);

#define GFX_MAX_SHADERS 12
/* A step runs on every frame, or, with beats_every > 0, only while
 * (beats / beats_every) mod beats_of == beats_at (beats: the section's
 * count, params.h): two steps at 0 and 1 of 2 switch on every beat. */
typedef struct gfx_shader_step {
    int shader;
    gfx_param_value params[GFX_MAX_PARAMS];
    int beats_every, beats_of, beats_at;
} gfx_shader_step;

/* The chain's total hue rotation in degrees for this frame (steps above
 * max_level skipped), and the rotation itself on cells (Q10 fixed point,
 * luma-preserving matrix, rounded to nearest, clamped to bytes). */
float gfx_shaders_hue_degrees(const gfx_shader_step *steps, int n, int max_level,
                              const gfx_param_inputs *in);
void gfx_hue_rotate_cells(gfx_cell *cells, int n, float degrees);

/* A step with every parameter at its default. */
gfx_shader_step gfx_shader_step_default(int shader);

/* Per-renderer scratch and caches for one frame size. */
typedef struct gfx_shader_cache gfx_shader_cache;
gfx_shader_cache *gfx_shader_cache_create(int width, int height);
void gfx_shader_cache_free(gfx_shader_cache *cache);
size_t gfx_shader_cache_bytes(const gfx_shader_cache *cache);

/* Runs steps[0..n) with level <= max_level on *canvas (the cache's size).
 * Out-of-place stages swap canvas->px with the cache's spare buffer, so
 * afterwards *canvas holds the result either way. Noise is keyed by
 * (seed, frame, step index): a pure function of its inputs.
 * Returns 0, or -1 when a table cannot be allocated. */
int gfx_shaders_apply(gfx_shader_cache *cache, gfx_image *canvas, const gfx_shader_step *steps,
                      int n, int max_level, const gfx_param_inputs *in, uint32_t seed, int frame);

#endif
