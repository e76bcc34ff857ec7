/* The x86 part of the kernel table (after dav1d's x86 init): each level in
 * order, returning at the first one that is missing or not built, so a
 * kernel without a variant at a level keeps the best one below it. */
#include "kernels_c.h"
#include "kernels_x86.h"

void gfx_kernels_init_x86(struct gfx_kernels *k, unsigned flags)
{
    (void)k, (void)flags;
#if GLYPHFX_HAVE_SSE41
    if (!(flags & (1u << GFX_ISA_SSE41)))
        return;
    GFX_INSTALL(k, blit, GFX_K_BLIT, sse41, GFX_ISA_SSE41);
    GFX_INSTALL(k, bloom_downsample4_threshold, GFX_K_BLOOM_DOWN, sse41, GFX_ISA_SSE41);
    GFX_INSTALL(k, box_blur3, GFX_K_BOX_BLUR3, sse41, GFX_ISA_SSE41);
    GFX_INSTALL(k, bloom_upsample4_add, GFX_K_BLOOM_UP, sse41, GFX_ISA_SSE41);
    GFX_INSTALL(k, vignette, GFX_K_VIGNETTE, sse41, GFX_ISA_SSE41);
    GFX_INSTALL(k, grain, GFX_K_GRAIN, sse41, GFX_ISA_SSE41);
    GFX_INSTALL(k, crt, GFX_K_CRT, sse41, GFX_ISA_SSE41);
    GFX_INSTALL(k, rgb_to_yuv420p, GFX_K_YUV420P, sse41, GFX_ISA_SSE41);
    GFX_INSTALL(k, png_filter, GFX_K_PNG_FILTER, sse41, GFX_ISA_SSE41);
    GFX_INSTALL(k, adler32, GFX_K_ADLER32, sse41, GFX_ISA_SSE41);
    if (gfx_cpu_has_pclmul())
        GFX_INSTALL(k, crc32, GFX_K_CRC32, pclmul, GFX_ISA_SSE41);
    GFX_INSTALL(k, blend, GFX_K_BLEND, sse41, GFX_ISA_SSE41);
    GFX_INSTALL(k, mask_mix, GFX_K_MASK_MIX, sse41, GFX_ISA_SSE41);
    GFX_INSTALL(k, colour_matrix, GFX_K_COLOUR_MATRIX, sse41, GFX_ISA_SSE41);
    GFX_INSTALL(k, remap_affine, GFX_K_REMAP_AFFINE, sse41, GFX_ISA_SSE41);
    GFX_INSTALL(k, rgba_unpremultiply, GFX_K_RGBA_UNPREMULTIPLY, sse41, GFX_ISA_SSE41);
    GFX_INSTALL(k, cell_stats, GFX_K_CELL_STATS, sse41, GFX_ISA_SSE41);
    GFX_INSTALL(k, lut3, GFX_K_LUT3, sse41, GFX_ISA_SSE41);
#else
    return;
#endif

#if GLYPHFX_HAVE_AVX2
    if (!(flags & (1u << GFX_ISA_AVX2)))
        return;
    GFX_INSTALL(k, blit, GFX_K_BLIT, avx2, GFX_ISA_AVX2);
    GFX_INSTALL(k, bloom_downsample4_threshold, GFX_K_BLOOM_DOWN, avx2, GFX_ISA_AVX2);
    GFX_INSTALL(k, box_blur3, GFX_K_BOX_BLUR3, avx2, GFX_ISA_AVX2);
    GFX_INSTALL(k, bloom_upsample4_add, GFX_K_BLOOM_UP, avx2, GFX_ISA_AVX2);
    GFX_INSTALL(k, vignette, GFX_K_VIGNETTE, avx2, GFX_ISA_AVX2);
    GFX_INSTALL(k, grain, GFX_K_GRAIN, avx2, GFX_ISA_AVX2);
    GFX_INSTALL(k, crt, GFX_K_CRT, avx2, GFX_ISA_AVX2);
    GFX_INSTALL(k, rgb_to_yuv420p, GFX_K_YUV420P, avx2, GFX_ISA_AVX2);
    GFX_INSTALL(k, png_filter, GFX_K_PNG_FILTER, avx2, GFX_ISA_AVX2);
    GFX_INSTALL(k, adler32, GFX_K_ADLER32, avx2, GFX_ISA_AVX2);
    GFX_INSTALL(k, blend, GFX_K_BLEND, avx2, GFX_ISA_AVX2);
    GFX_INSTALL(k, mask_mix, GFX_K_MASK_MIX, avx2, GFX_ISA_AVX2);
    GFX_INSTALL(k, colour_matrix, GFX_K_COLOUR_MATRIX, avx2, GFX_ISA_AVX2);
    GFX_INSTALL(k, remap_affine, GFX_K_REMAP_AFFINE, avx2, GFX_ISA_AVX2);
    GFX_INSTALL(k, rgba_unpremultiply, GFX_K_RGBA_UNPREMULTIPLY, avx2, GFX_ISA_AVX2);
    GFX_INSTALL(k, cell_stats, GFX_K_CELL_STATS, avx2, GFX_ISA_AVX2);
    GFX_INSTALL(k, lut3, GFX_K_LUT3, avx2, GFX_ISA_AVX2);
#else
    return;
#endif

#if GLYPHFX_HAVE_AVX512
    if (!(flags & (1u << GFX_ISA_AVX512)))
        return;
    GFX_INSTALL(k, blit, GFX_K_BLIT, avx512, GFX_ISA_AVX512);
    GFX_INSTALL(k, bloom_downsample4_threshold, GFX_K_BLOOM_DOWN, avx512, GFX_ISA_AVX512);
    GFX_INSTALL(k, box_blur3, GFX_K_BOX_BLUR3, avx512, GFX_ISA_AVX512);
    GFX_INSTALL(k, bloom_upsample4_add, GFX_K_BLOOM_UP, avx512, GFX_ISA_AVX512);
    GFX_INSTALL(k, vignette, GFX_K_VIGNETTE, avx512, GFX_ISA_AVX512);
    GFX_INSTALL(k, grain, GFX_K_GRAIN, avx512, GFX_ISA_AVX512);
    GFX_INSTALL(k, crt, GFX_K_CRT, avx512, GFX_ISA_AVX512);
    GFX_INSTALL(k, rgb_to_yuv420p, GFX_K_YUV420P, avx512, GFX_ISA_AVX512);
    GFX_INSTALL(k, png_filter, GFX_K_PNG_FILTER, avx512, GFX_ISA_AVX512);
    GFX_INSTALL(k, adler32, GFX_K_ADLER32, avx512, GFX_ISA_AVX512);
    GFX_INSTALL(k, blend, GFX_K_BLEND, avx512, GFX_ISA_AVX512);
    GFX_INSTALL(k, mask_mix, GFX_K_MASK_MIX, avx512, GFX_ISA_AVX512);
    GFX_INSTALL(k, colour_matrix, GFX_K_COLOUR_MATRIX, avx512, GFX_ISA_AVX512);
    GFX_INSTALL(k, remap_affine, GFX_K_REMAP_AFFINE, avx512, GFX_ISA_AVX512);
    GFX_INSTALL(k, rgba_unpremultiply, GFX_K_RGBA_UNPREMULTIPLY, avx512, GFX_ISA_AVX512);
    GFX_INSTALL(k, cell_stats, GFX_K_CELL_STATS, avx512, GFX_ISA_AVX512);
    GFX_INSTALL(k, lut3, GFX_K_LUT3, avx512, GFX_ISA_AVX512);
    if (gfx_cpu_has_avx512vbmi())
        GFX_INSTALL(k, lut3, GFX_K_LUT3, avx512vbmi, GFX_ISA_AVX512);
#endif
}
