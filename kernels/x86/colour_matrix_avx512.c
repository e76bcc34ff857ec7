/* Colour matrix, AVX-512 (F+BW): 16 pixels per step
 * (kernels/colour_matrix_simd.h); one dword permute spreads a 64-byte load
 * over the four lanes and another gathers their 12-byte results. */
#include <immintrin.h>

#include "gfx_kernels.h"
#include "kernels_x86.h"

typedef __m512i vec;
#define CM_STEP_PX 16
#define CM_VEC_BYTES 64
#define CM_LOAD(p) _mm512_loadu_si512((const void *)(p))
#define CM_SPREAD(raw)                                                                             \
    _mm512_permutexvar_epi32(_mm512_setr_epi32(0, 1, 2, 3, 3, 4, 5, 6, 6, 7, 8, 9, 9, 10, 11, 12), \
                             raw)
/* 48 result bytes, then dwords 12..15 from raw */
#define CM_STORE(p, px, raw)                                                                       \
    _mm512_storeu_si512(                                                                           \
        (void *)(p),                                                                               \
        _mm512_mask_blend_epi32(                                                                   \
            0xf000,                                                                                \
            _mm512_permutexvar_epi32(                                                              \
                _mm512_setr_epi32(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 15, 15, 15, 15), px),    \
            raw))
#define CM_SHUF _mm512_shuffle_epi8
#define CM_BCAST128(x) _mm512_broadcast_i32x4(x)
#define CM_SET32 _mm512_set1_epi32
#define CM_MADD _mm512_madd_epi16
#define CM_ADD32 _mm512_add_epi32
#define CM_SRAI32 _mm512_srai_epi32
#define CM_PACKS32 _mm512_packs_epi32
#define CM_PACKUS16 _mm512_packus_epi16
#include "colour_matrix_simd.h"

void gfx_colour_matrix_avx512(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                              ptrdiff_t src_stride, int width, int height,
                              const gfx_colour_matrix *cm)
{
    colour_matrix_variant(dst, dst_stride, src, src_stride, width, height, cm);
}
