/* The ARM part of the kernel table: the NEON variants over scalar. */
#include "kernels_arm.h"
#include "kernels_c.h"

void gfx_kernels_init_arm(struct gfx_kernels *k, unsigned flags)
{
    (void)k, (void)flags;
#if GLYPHFX_HAVE_NEON
    if (!(flags & (1u << GFX_ISA_NEON)))
        return;
    GFX_INSTALL(k, blit, GFX_K_BLIT, neon, GFX_ISA_NEON);
    GFX_INSTALL(k, bloom_downsample4_threshold, GFX_K_BLOOM_DOWN, neon, GFX_ISA_NEON);
    GFX_INSTALL(k, box_blur3, GFX_K_BOX_BLUR3, neon, GFX_ISA_NEON);
    GFX_INSTALL(k, bloom_upsample4_add, GFX_K_BLOOM_UP, neon, GFX_ISA_NEON);
    GFX_INSTALL(k, vignette, GFX_K_VIGNETTE, neon, GFX_ISA_NEON);
    GFX_INSTALL(k, grain, GFX_K_GRAIN, neon, GFX_ISA_NEON);
    GFX_INSTALL(k, crt, GFX_K_CRT, neon, GFX_ISA_NEON);
    GFX_INSTALL(k, rgb_to_yuv420p, GFX_K_YUV420P, neon, GFX_ISA_NEON);
    GFX_INSTALL(k, png_filter, GFX_K_PNG_FILTER, neon, GFX_ISA_NEON);
    GFX_INSTALL(k, crc32, GFX_K_CRC32, neon, GFX_ISA_NEON);
    GFX_INSTALL(k, adler32, GFX_K_ADLER32, neon, GFX_ISA_NEON);
    GFX_INSTALL(k, blend, GFX_K_BLEND, neon, GFX_ISA_NEON);
    GFX_INSTALL(k, mask_mix, GFX_K_MASK_MIX, neon, GFX_ISA_NEON);
    GFX_INSTALL(k, colour_matrix, GFX_K_COLOUR_MATRIX, neon, GFX_ISA_NEON);
    GFX_INSTALL(k, remap_affine, GFX_K_REMAP_AFFINE, neon, GFX_ISA_NEON);
    GFX_INSTALL(k, rgba_unpremultiply, GFX_K_RGBA_UNPREMULTIPLY, neon, GFX_ISA_NEON);
    GFX_INSTALL(k, cell_stats, GFX_K_CELL_STATS, neon, GFX_ISA_NEON);
    GFX_INSTALL(k, lut3, GFX_K_LUT3, neon, GFX_ISA_NEON);
#endif
}
