/* Grain variants (internal to kernels/): one function per ISA, each
 * bit-exact with gfx_grain_scalar; gfx_grain_init installs the ones this
 * build compiled (GLYPHFX_HAVE_<ISA>). */
#ifndef GFX_GRAIN_VARIANTS_H
#define GFX_GRAIN_VARIANTS_H
#include "gfx_kernels.h"

void gfx_grain_scalar(uint8_t *canvas, ptrdiff_t stride, int width, int height, uint32_t key,
                      int amount);
void gfx_grain_sse41(uint8_t *canvas, ptrdiff_t stride, int width, int height, uint32_t key,
                     int amount);
void gfx_grain_avx2(uint8_t *canvas, ptrdiff_t stride, int width, int height, uint32_t key,
                    int amount);
void gfx_grain_avx512(uint8_t *canvas, ptrdiff_t stride, int width, int height, uint32_t key,
                      int amount);
void gfx_grain_neon(uint8_t *canvas, ptrdiff_t stride, int width, int height, uint32_t key,
                    int amount);
#endif
