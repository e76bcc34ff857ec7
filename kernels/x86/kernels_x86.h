/* The x86 variants of every kernel, one set per ISA level, each bit-exact
 * with the scalar reference; gfx_kernels_init_x86 installs them. Internal to
 * kernels/. */
#ifndef GFX_KERNELS_X86_H
#define GFX_KERNELS_X86_H
#include "gfx_kernels.h"

#define GFX_DECL_X86_KERNELS(isa)                                                                  \
    gfx_decl_blit_fn(gfx_blit_##isa);                                                              \
    gfx_decl_bloom_down_fn(gfx_bloom_downsample4_threshold_##isa);                                 \
    gfx_decl_box_blur3_fn(gfx_box_blur3_##isa);                                                    \
    gfx_decl_bloom_up_fn(gfx_bloom_upsample4_add_##isa);                                           \
    gfx_decl_vignette_fn(gfx_vignette_##isa);                                                      \
    gfx_decl_grain_fn(gfx_grain_##isa);                                                            \
    gfx_decl_crt_fn(gfx_crt_##isa);                                                                \
    gfx_decl_yuv420p_fn(gfx_rgb_to_yuv420p_##isa);                                                 \
    gfx_decl_png_filter_fn(gfx_png_filter_##isa);                                                  \
    gfx_decl_adler32_fn(gfx_adler32_##isa);                                                        \
    gfx_decl_blend_fn(gfx_blend_##isa);                                                            \
    gfx_decl_mask_mix_fn(gfx_mask_mix_##isa);                                                      \
    gfx_decl_colour_matrix_fn(gfx_colour_matrix_##isa);                                            \
    gfx_decl_remap_affine_fn(gfx_remap_affine_##isa);                                              \
    gfx_decl_rgba_unpremultiply_fn(gfx_rgba_unpremultiply_##isa);                                  \
    gfx_decl_cell_stats_fn(gfx_cell_stats_##isa);                                                  \
    gfx_decl_lut3_fn(gfx_lut3_##isa)

GFX_DECL_X86_KERNELS(sse41);
GFX_DECL_X86_KERNELS(avx2);
GFX_DECL_X86_KERNELS(avx512);

/* CRC-32 by PCLMULQDQ folding (x86/png_sse41.c, built for -mpclmul by a
 * target attribute), one 128-bit loop for every level: it runs at memory
 * speed for the few MB of a frame's IDAT. Installed from SSE4.1 up where
 * cpuid says PCLMULQDQ. */
gfx_decl_crc32_fn(gfx_crc32_pclmul);
int gfx_cpu_has_pclmul(void);

/* The per-channel LUT by AVX-512 VBMI's byte permutes (x86/lut3_avx512.c,
 * built for VBMI by a target attribute): installed at the AVX-512 level
 * where cpuid says VBMI, in place of the AVX-512BW pshufb variant. */
gfx_decl_lut3_fn(gfx_lut3_avx512vbmi);
int gfx_cpu_has_avx512vbmi(void);

/* Fills k over what it holds, level by level: SSE4.1, then AVX2, then
 * AVX-512, stopping at the first level missing from `flags` (bits
 * 1u << GFX_ISA_*: the levels available and requested) or not built. */
void gfx_kernels_init_x86(struct gfx_kernels *k, unsigned flags);

#endif
