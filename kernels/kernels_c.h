/* The scalar references (kernels/<kernel>.c): the specification every SIMD
 * variant matches byte for byte, and what the table holds before any ISA's
 * init runs. Internal to kernels/. */
#ifndef GFX_KERNELS_C_H
#define GFX_KERNELS_C_H
#include "gfx_kernels.h"

gfx_decl_blit_fn(gfx_blit_scalar);
gfx_decl_bloom_down_fn(gfx_bloom_downsample4_threshold_scalar);
gfx_decl_box_blur3_fn(gfx_box_blur3_scalar);
gfx_decl_bloom_up_fn(gfx_bloom_upsample4_add_scalar);
gfx_decl_vignette_fn(gfx_vignette_scalar);
gfx_decl_grain_fn(gfx_grain_scalar);
gfx_decl_crt_fn(gfx_crt_scalar);
gfx_decl_yuv420p_fn(gfx_rgb_to_yuv420p_scalar);
gfx_decl_png_filter_fn(gfx_png_filter_scalar);
gfx_decl_crc32_fn(gfx_crc32_scalar);
gfx_decl_adler32_fn(gfx_adler32_scalar);
gfx_decl_blend_fn(gfx_blend_scalar);
gfx_decl_mask_mix_fn(gfx_mask_mix_scalar);
gfx_decl_colour_matrix_fn(gfx_colour_matrix_scalar);
gfx_decl_remap_affine_fn(gfx_remap_affine_scalar);
gfx_decl_rgba_unpremultiply_fn(gfx_rgba_unpremultiply_scalar);
gfx_decl_cell_stats_fn(gfx_cell_stats_scalar);
gfx_decl_lut3_fn(gfx_lut3_scalar);

/* Points table entry `field` at gfx_<field>_<isa> and records the level, which
 * is what isa_used (and so `glyphfx probe`) reports. The per-arch inits use
 * it once per variant that exists: a kernel with no variant at a level has no
 * line there and keeps what the level below installed. */
#define GFX_INSTALL(k, field, id, isa, level)                                                      \
    ((k)->field = gfx_##field##_##isa, (k)->isa_used[id] = (level))

/* Every kernel at its scalar reference. */
void gfx_kernels_init_c(struct gfx_kernels *k);

#endif
