/* Glyph blit variants (internal to kernels/). A GFX_BLIT_<ISA> of 1 says the
 * variant exists; gfx_blit_init only installs what exists and is built. */
#ifndef GFX_BLIT_VARIANTS_H
#define GFX_BLIT_VARIANTS_H
#include "gfx_kernels.h"

#define GFX_BLIT_SSE41 0
#define GFX_BLIT_AVX2 0
#define GFX_BLIT_AVX512 0
#define GFX_BLIT_NEON 0

void gfx_blit_scalar(const gfx_blit_args *a);
void gfx_blit_sse41(const gfx_blit_args *a);
void gfx_blit_avx2(const gfx_blit_args *a);
void gfx_blit_avx512(const gfx_blit_args *a);
void gfx_blit_neon(const gfx_blit_args *a);
#endif
