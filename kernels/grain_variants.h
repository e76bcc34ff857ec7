/* Grain variants (internal to kernels/). A GFX_GRAIN_<ISA> of 1 says the variant
 * exists; its init only installs what exists and is built. */
#ifndef GFX_GRAIN_VARIANTS_H
#define GFX_GRAIN_VARIANTS_H
#include "gfx_kernels.h"

#define GFX_GRAIN_SSE41 0
#define GFX_GRAIN_AVX2 0
#define GFX_GRAIN_AVX512 0
#define GFX_GRAIN_NEON 0

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
