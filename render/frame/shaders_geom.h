/* Geometry, channel, blur, tone, noise, lines and glitch shaders (the
 * catalogue's section 9 beyond the first nine), run by gfx_shaders_apply.
 *
 * Geometry that is fixed for a frame size and constant parameters
 * (mirrors, kaleidoscope, pixelate, displacement_map, and the offsets of
 * rgb_split_radial and radial_blur) is a table of source offsets built
 * once and cached; the copies run on the remap_table kernel (gfx_kernels.h),
 * radial_blur's two samples too, and rgb_split_radial, which mixes
 * channels, is a plain C loop over its tables. Everything else is plain
 * integer C over the canvas.
 *
 * Randomness (displacement_map's field, static, the glitches) comes only
 * from gfx_hash32 of the step's key, which gfx_shaders_apply derives from
 * (seed, frame, step index) (displacement_map: from the seed alone, so its
 * field holds still): a frame is a pure function of its inputs. */
#ifndef GFX_SHADERS_GEOM_H
#define GFX_SHADERS_GEOM_H

#include <stddef.h>
#include <stdint.h>

#include "image.h"
#include "params.h"

typedef struct gfx_geom_cache gfx_geom_cache;
gfx_geom_cache *gfx_geom_cache_create(int width, int height);
void gfx_geom_cache_free(gfx_geom_cache *cache);
size_t gfx_geom_cache_bytes(const gfx_geom_cache *cache);

/* What one step gets: its evaluated parameters (the shader's table order),
 * the frame's inputs, and keys for its noise. */
typedef struct gfx_geom_step {
    int shader; /* a GFX_SHADER_* id of this module */
    const float *p;
    const gfx_param_inputs *in;
    uint32_t frame_key; /* varies per frame: static and the glitches */
    uint32_t seed_key;  /* fixed for the run: displacement_map's field */
} gfx_geom_step;

/* Returns 1 if `shader` is one of this module's. */
int gfx_geom_shader_owns(int shader);

/* Runs the step on *canvas (the cache's size). Out-of-place shaders write
 * *spare and swap the two images, so afterwards *canvas holds the result.
 * Returns 0, or -1 when a table cannot be allocated. */
int gfx_geom_shader_apply(gfx_geom_cache *cache, const gfx_geom_step *step, gfx_image *canvas,
                          gfx_image *spare);

#endif
