/* The NEON variants of every kernel (native on aarch64, through SIMDe
 * elsewhere), each bit-exact with the scalar reference; gfx_kernels_init_arm
 * installs them. Internal to kernels/. */
#ifndef GFX_KERNELS_ARM_H
#define GFX_KERNELS_ARM_H
#include "gfx_kernels.h"

gfx_decl_blit_fn(gfx_blit_neon);
gfx_decl_bloom_down_fn(gfx_bloom_downsample4_threshold_neon);
gfx_decl_box_blur3_fn(gfx_box_blur3_neon);
gfx_decl_bloom_up_fn(gfx_bloom_upsample4_add_neon);
gfx_decl_vignette_fn(gfx_vignette_neon);
gfx_decl_grain_fn(gfx_grain_neon);
gfx_decl_crt_fn(gfx_crt_neon);
gfx_decl_yuv420p_fn(gfx_rgb_to_yuv420p_neon);
gfx_decl_png_filter_fn(gfx_png_filter_neon);
gfx_decl_crc32_fn(gfx_crc32_neon);
gfx_decl_adler32_fn(gfx_adler32_neon);
gfx_decl_blend_fn(gfx_blend_neon);
gfx_decl_mask_mix_fn(gfx_mask_mix_neon);
gfx_decl_colour_matrix_fn(gfx_colour_matrix_neon);
gfx_decl_remap_affine_fn(gfx_remap_affine_neon);
gfx_decl_rgba_unpremultiply_fn(gfx_rgba_unpremultiply_neon);
gfx_decl_cell_stats_fn(gfx_cell_stats_neon);
gfx_decl_lut3_fn(gfx_lut3_neon);

/* Puts the NEON variants over what k holds if `flags` (bits
 * 1u << GFX_ISA_*) has NEON and it is built. */
void gfx_kernels_init_arm(struct gfx_kernels *k, unsigned flags);

#endif
