/* RGB to yuv420p variants (internal to kernels/): gfx_yuv420p_init installs
 * each one whose ISA is built (GLYPHFX_HAVE_<ISA>). */
#ifndef GFX_YUV420P_VARIANTS_H
#define GFX_YUV420P_VARIANTS_H
#include "gfx_kernels.h"

void gfx_rgb_to_yuv420p_scalar(uint8_t *y, ptrdiff_t y_stride, uint8_t *u, uint8_t *v,
                               ptrdiff_t uv_stride, const uint8_t *rgb, ptrdiff_t stride, int width,
                               int height);
void gfx_rgb_to_yuv420p_sse41(uint8_t *y, ptrdiff_t y_stride, uint8_t *u, uint8_t *v,
                              ptrdiff_t uv_stride, const uint8_t *rgb, ptrdiff_t stride, int width,
                              int height);
void gfx_rgb_to_yuv420p_avx2(uint8_t *y, ptrdiff_t y_stride, uint8_t *u, uint8_t *v,
                             ptrdiff_t uv_stride, const uint8_t *rgb, ptrdiff_t stride, int width,
                             int height);
void gfx_rgb_to_yuv420p_avx512(uint8_t *y, ptrdiff_t y_stride, uint8_t *u, uint8_t *v,
                               ptrdiff_t uv_stride, const uint8_t *rgb, ptrdiff_t stride, int width,
                               int height);
void gfx_rgb_to_yuv420p_neon(uint8_t *y, ptrdiff_t y_stride, uint8_t *u, uint8_t *v,
                             ptrdiff_t uv_stride, const uint8_t *rgb, ptrdiff_t stride, int width,
                             int height);
#endif
