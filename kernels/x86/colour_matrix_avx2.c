/* Colour matrix, AVX2: 8 pixels per step (kernels/colour_matrix_simd.h);
 * one dword permute spreads a 32-byte load over the two lanes (bytes 0..15
 * and 12..27) and another gathers their 12-byte results. */
#include <immintrin.h>

#include "gfx_kernels.h"
#include "kernels_x86.h"

typedef __m256i vec;
#define CM_STEP_PX 8
#define CM_VEC_BYTES 32
#define CM_LOAD(p) _mm256_loadu_si256((const __m256i *)(p))
#define CM_SPREAD(raw) _mm256_permutevar8x32_epi32(raw, _mm256_setr_epi32(0, 1, 2, 3, 3, 4, 5, 6))
/* dwords 0-2 and 4-6 are the 24 result bytes; 6 and 7 (bytes 24..31) from raw */
#define CM_STORE(p, px, raw)                                                                       \
    _mm256_storeu_si256((__m256i *)(p),                                                            \
                        _mm256_blend_epi32(_mm256_permutevar8x32_epi32(                            \
                                               px, _mm256_setr_epi32(0, 1, 2, 4, 5, 6, 6, 7)),     \
                                           raw, 0xc0))
#define CM_SHUF _mm256_shuffle_epi8
#define CM_BCAST128(x) _mm256_broadcastsi128_si256(x)
#define CM_SET32 _mm256_set1_epi32
#define CM_MADD _mm256_madd_epi16
#define CM_ADD32 _mm256_add_epi32
#define CM_SRAI32 _mm256_srai_epi32
#define CM_PACKS32 _mm256_packs_epi32
#define CM_PACKUS16 _mm256_packus_epi16
#include "colour_matrix_simd.h"

void gfx_colour_matrix_avx2(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                            ptrdiff_t src_stride, int width, int height,
                            const gfx_colour_matrix *cm)
{
    colour_matrix_variant(dst, dst_stride, src, src_stride, width, height, cm);
}
