/* Crt variants (internal to kernels/). A GFX_CRT_<ISA> of 1 says the variant
 * exists; its init only installs what exists and is built. */
#ifndef GFX_CRT_VARIANTS_H
#define GFX_CRT_VARIANTS_H
#include "gfx_kernels.h"

#define GFX_CRT_SSE41 0
#define GFX_CRT_AVX2 0
#define GFX_CRT_AVX512 0
#define GFX_CRT_NEON 0

void gfx_crt_scalar(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                  const uint32_t *table, int width, int height, const uint8_t *row_gain);
void gfx_crt_sse41(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                  const uint32_t *table, int width, int height, const uint8_t *row_gain);
void gfx_crt_avx2(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                  const uint32_t *table, int width, int height, const uint8_t *row_gain);
void gfx_crt_avx512(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                  const uint32_t *table, int width, int height, const uint8_t *row_gain);
void gfx_crt_neon(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                  const uint32_t *table, int width, int height, const uint8_t *row_gain);
#endif
