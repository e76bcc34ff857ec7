/* Vignette variants (internal to kernels/): one function per ISA, each
 * bit-exact with gfx_vignette_scalar; gfx_vignette_init installs the ones
 * this build compiled (GLYPHFX_HAVE_<ISA>). */
#ifndef GFX_VIGNETTE_VARIANTS_H
#define GFX_VIGNETTE_VARIANTS_H
#include "gfx_kernels.h"

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
