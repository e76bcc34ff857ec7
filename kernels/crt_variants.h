/* CRT variants (internal to kernels/): gfx_crt_init installs each one whose
 * ISA is built (GLYPHFX_HAVE_<ISA>). */
#ifndef GFX_CRT_VARIANTS_H
#define GFX_CRT_VARIANTS_H
#include "gfx_kernels.h"

void gfx_crt_scalar(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src, const uint32_t *table,
                    int width, int height, const uint8_t *row_gain);
void gfx_crt_sse41(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src, const uint32_t *table,
                   int width, int height, const uint8_t *row_gain);
void gfx_crt_avx2(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src, const uint32_t *table,
                  int width, int height, const uint8_t *row_gain);
void gfx_crt_avx512(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src, const uint32_t *table,
                    int width, int height, const uint8_t *row_gain);
void gfx_crt_neon(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src, const uint32_t *table,
                  int width, int height, const uint8_t *row_gain);
#endif
