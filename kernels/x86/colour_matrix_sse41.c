/* Colour matrix, SSE4.1: 4 pixels per step (kernels/colour_matrix_simd.h). */
#include <smmintrin.h>

#include "gfx_kernels.h"
#include "kernels_x86.h"

typedef __m128i vec;
#define CM_STEP_PX 4
#define CM_VEC_BYTES 16
#define CM_LOAD(p) _mm_loadu_si128((const __m128i *)(p))
#define CM_SPREAD(raw) (raw)
/* bytes 12..15 (words 6, 7) from raw */
#define CM_STORE(p, px, raw) _mm_storeu_si128((__m128i *)(p), _mm_blend_epi16(px, raw, 0xc0))
#define CM_SHUF _mm_shuffle_epi8
#define CM_BCAST128(x) (x)
#define CM_SET32 _mm_set1_epi32
#define CM_MADD _mm_madd_epi16
#define CM_ADD32 _mm_add_epi32
#define CM_SRAI32 _mm_srai_epi32
#define CM_PACKS32 _mm_packs_epi32
#define CM_PACKUS16 _mm_packus_epi16
#include "colour_matrix_simd.h"

void gfx_colour_matrix_sse41(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                             ptrdiff_t src_stride, int width, int height,
                             const gfx_colour_matrix *cm)
{
    colour_matrix_variant(dst, dst_stride, src, src_stride, width, height, cm);
}
