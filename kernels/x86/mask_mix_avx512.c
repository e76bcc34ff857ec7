/* Mask mix, AVX-512 (BW): 64 pixels per block. The block's 64 mask bytes
 * are widened to two vectors of 16-bit weights once; each byte vector j,
 * parity p (even 0, odd 1), gathers its lanes from them with one two-source
 * word permute (vpermt2w): lane i belongs to pixel (64 j + 2 i + p) / 3.
 * The mix is kernels/mask_mix_simd.h. */
#include <immintrin.h>

#include "gfx_kernels.h"
#include "kernels_x86.h"

typedef __m512i vec;
#define MIX_PIXELS 64
#define V_LOAD(p) _mm512_loadu_si512((const void *)(p))
#define V_STORE(p, v) _mm512_storeu_si512((void *)(p), v)
#define V_SET(c) _mm512_set1_epi16((short)(c))
#define V_ADD _mm512_add_epi16
#define V_SUB _mm512_sub_epi16
#define V_ADDS _mm512_adds_epi16
#define V_MULHRS _mm512_mulhrs_epi16
#define V_SHL _mm512_slli_epi16
#define V_SHR _mm512_srli_epi16
#define V_AND _mm512_and_si512
#define V_OR _mm512_or_si512

static const uint16_t spread[6][32] __attribute__((aligned(64))) = {
    {0,  0,  1,  2,  2,  3,  4,  4,  5,  6,  6,  7,  8,  8,  9,  10,
     10, 11, 12, 12, 13, 14, 14, 15, 16, 16, 17, 18, 18, 19, 20, 20},
    {0,  1,  1,  2,  3,  3,  4,  5,  5,  6,  7,  7,  8,  9,  9,  10,
     11, 11, 12, 13, 13, 14, 15, 15, 16, 17, 17, 18, 19, 19, 20, 21},
    {21, 22, 22, 23, 24, 24, 25, 26, 26, 27, 28, 28, 29, 30, 30, 31,
     32, 32, 33, 34, 34, 35, 36, 36, 37, 38, 38, 39, 40, 40, 41, 42},
    {21, 22, 23, 23, 24, 25, 25, 26, 27, 27, 28, 29, 29, 30, 31, 31,
     32, 33, 33, 34, 35, 35, 36, 37, 37, 38, 39, 39, 40, 41, 41, 42},
    {42, 43, 44, 44, 45, 46, 46, 47, 48, 48, 49, 50, 50, 51, 52, 52,
     53, 54, 54, 55, 56, 56, 57, 58, 58, 59, 60, 60, 61, 62, 62, 63},
    {43, 43, 44, 45, 45, 46, 47, 47, 48, 49, 49, 50, 51, 51, 52, 53,
     53, 54, 55, 55, 56, 57, 57, 58, 59, 59, 60, 61, 61, 62, 63, 63},
};

#define MIX_WEIGHTS(w, mask)                                                                       \
    do {                                                                                           \
        const __m512i bytes_ = V_LOAD(mask);                                                       \
        const __m512i lo_ = mix_weight_q15(_mm512_cvtepu8_epi16(_mm512_castsi512_si256(bytes_)));  \
        const __m512i hi_ =                                                                        \
            mix_weight_q15(_mm512_cvtepu8_epi16(_mm512_extracti64x4_epi64(bytes_, 1)));            \
        for (int j_ = 0; j_ < 3; j_++)                                                             \
            for (int p_ = 0; p_ < 2; p_++)                                                         \
                (w)[j_][p_] = _mm512_permutex2var_epi16(                                           \
                    lo_, _mm512_load_si512((const void *)spread[2 * j_ + p_]), hi_);               \
    } while (0)
#define MIX_SHARED_WEIGHTS 0 /* its permutes cost less than reloading six vectors a block */
#include "mask_mix_simd.h"

void gfx_mask_mix_avx512(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                         ptrdiff_t src_stride, const uint8_t *mask, ptrdiff_t mask_stride,
                         int width, int height)
{
    mask_mix_variant(dst, dst_stride, src, src_stride, mask, mask_stride, width, height);
}
