/* Bloom stage variants (internal to kernels/): one set per ISA, each
 * bit-exact with the scalar; gfx_bloom_init installs the ones this build
 * compiled (GLYPHFX_HAVE_<ISA>). */
#ifndef GFX_BLOOM_VARIANTS_H
#define GFX_BLOOM_VARIANTS_H
#include "gfx_kernels.h"

#define GFX_BLOOM_DECLARE(isa)                                                                     \
    void gfx_bloom_downsample4_threshold_##isa(uint8_t *small, ptrdiff_t small_stride,             \
                                               const uint8_t *canvas, ptrdiff_t stride, int width, \
                                               int height, uint8_t threshold);                     \
    void gfx_box_blur3_##isa(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,               \
                             ptrdiff_t src_stride, int width, int height, uint16_t *scratch);      \
    void gfx_bloom_upsample4_add_##isa(uint8_t *canvas, ptrdiff_t stride, int width, int height,   \
                                       const uint8_t *small, ptrdiff_t small_stride,               \
                                       unsigned strength_q8);
GFX_BLOOM_DECLARE(scalar)
GFX_BLOOM_DECLARE(sse41)
GFX_BLOOM_DECLARE(avx2)
GFX_BLOOM_DECLARE(avx512)
GFX_BLOOM_DECLARE(neon)
#endif
