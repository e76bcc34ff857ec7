/* Vignette variants (internal to kernels/). A GFX_VIGNETTE_<ISA> of 1 says the variant
 * exists; its init only installs what exists and is built. */
#ifndef GFX_VIGNETTE_VARIANTS_H
#define GFX_VIGNETTE_VARIANTS_H
#include "gfx_kernels.h"

#define GFX_VIGNETTE_SSE41 0
#define GFX_VIGNETTE_AVX2 0
#define GFX_VIGNETTE_AVX512 0
#define GFX_VIGNETTE_NEON 0

void gfx_vignette_scalar(uint8_t *canvas, ptrdiff_t stride, int width, int height,
                       const uint8_t *mask, ptrdiff_t mask_stride);
void gfx_vignette_sse41(uint8_t *canvas, ptrdiff_t stride, int width, int height,
                       const uint8_t *mask, ptrdiff_t mask_stride);
void gfx_vignette_avx2(uint8_t *canvas, ptrdiff_t stride, int width, int height,
                       const uint8_t *mask, ptrdiff_t mask_stride);
void gfx_vignette_avx512(uint8_t *canvas, ptrdiff_t stride, int width, int height,
                       const uint8_t *mask, ptrdiff_t mask_stride);
void gfx_vignette_neon(uint8_t *canvas, ptrdiff_t stride, int width, int height,
                       const uint8_t *mask, ptrdiff_t mask_stride);
#endif
