/* Per-channel LUT, AVX-512: with BW alone, 64 pixels per block, each 128-bit
 * lane its own 48 bytes (kernels/lut3_simd.h); with VBMI, 64 bytes at a time
 * through byte permutes (below). */
#include <cpuid.h>
#include <immintrin.h>
#include <string.h>

#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "kernels_x86.h"

typedef __m512i vec;
#define LUT3_LANES 4
#define V_BCAST16(p) _mm512_broadcast_i32x4(_mm_loadu_si128((const __m128i *)(p)))
#define LOAD_LANE(p, l, j) _mm_loadu_si128((const __m128i *)((p) + 48 * (l) + 16 * (j)))
#define V_LOAD_PIECE(p, j)                                                                         \
    _mm512_inserti32x4(                                                                            \
        _mm512_inserti32x4(                                                                        \
            _mm512_inserti32x4(_mm512_castsi128_si512(LOAD_LANE(p, 0, j)), LOAD_LANE(p, 1, j), 1), \
            LOAD_LANE(p, 2, j), 2),                                                                \
        LOAD_LANE(p, 3, j), 3)
#define V_STORE_PIECE(p, j, v)                                                                     \
    do {                                                                                           \
        const __m512i v_ = (v);                                                                    \
        _mm_storeu_si128((__m128i *)((p) + 16 * (j)), _mm512_castsi512_si128(v_));                 \
        _mm_storeu_si128((__m128i *)((p) + 48 + 16 * (j)), _mm512_extracti32x4_epi32(v_, 1));      \
        _mm_storeu_si128((__m128i *)((p) + 96 + 16 * (j)), _mm512_extracti32x4_epi32(v_, 2));      \
        _mm_storeu_si128((__m128i *)((p) + 144 + 16 * (j)), _mm512_extracti32x4_epi32(v_, 3));     \
    } while (0)
#define V_SHUF _mm512_shuffle_epi8
#define V_OR _mm512_or_si512
#define V_ADDS_U8 _mm512_adds_epu8
#define V_SUB_I8 _mm512_sub_epi8
#define V_SET1_I8(c) _mm512_set1_epi8((char)(c))
#include "lut3_simd.h"

void gfx_lut3_avx512(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src, ptrdiff_t src_stride,
                     int width, int height, const gfx_lut3 *lut)
{
    lut3_variant(dst, dst_stride, src, src_stride, width, height, lut);
}

/* With VBMI the rows stay interleaved: vpermi2b looks a byte up in 128
 * table bytes (its low 7 bits), so two of them and a blend on bit 7 do a
 * whole channel's table for 64 bytes at once. Each vector runs all three
 * tables and keeps each byte from its own channel's: byte i of the vector at
 * row offset 64 n belongs to channel (64 n + i) mod 3, so the three masks
 * cycle with n mod 3; when the three tables are the same (every curve
 * shader's) one lookup serves all bytes. The row's last partial vector is a
 * masked load and store: nothing past the row is touched. */
__attribute__((target("avx512f,avx512bw,avx512vbmi,bmi2"))) static inline __m512i
lookup_vbmi(__m512i v, const __m512i quarter[4])
{
    const __m512i low = _mm512_permutex2var_epi8(quarter[0], v, quarter[1]);
    const __m512i high = _mm512_permutex2var_epi8(quarter[2], v, quarter[3]);
    return _mm512_mask_blend_epi8(_mm512_movepi8_mask(v), low, high);
}

__attribute__((target("avx512f,avx512bw,avx512vbmi,bmi2"))) void
gfx_lut3_avx512vbmi(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src, ptrdiff_t src_stride,
                    int width, int height, const gfx_lut3 *lut)
{
    gfx_check_lut3(dst, dst_stride, src, src_stride, width, height, lut);
    __m512i quarter[3][4];
    for (int c = 0; c < 3; c++)
        for (int q = 0; q < 4; q++)
            quarter[c][q] = _mm512_loadu_si512((const void *)&lut->t[c][64 * q]);
    __mmask64 green[3] = {0}, blue[3] = {0}; /* [vector n mod 3]; the rest is red */
    for (int n = 0; n < 3; n++)
        for (int i = 0; i < 64; i++) {
            int channel = (64 * n + i) % 3;
            green[n] |= (__mmask64)(channel == 1) << i;
            blue[n] |= (__mmask64)(channel == 2) << i;
        }
    const int one_table = !memcmp(lut->t[0], lut->t[1], 256) && !memcmp(lut->t[0], lut->t[2], 256);
    const size_t row = 3 * (size_t)width;
    for (int y = 0; y < height; y++) {
        uint8_t *d = dst + y * dst_stride;
        const uint8_t *s = src + y * src_stride;
        for (size_t x = 0, n = 0; x < row; x += 64, n = n == 2 ? 0 : n + 1) {
            const __mmask64 live = row - x >= 64 ? ~(__mmask64)0 : _bzhi_u64(~0ull, row - x);
            const __m512i v = _mm512_maskz_loadu_epi8(live, s + x);
            __m512i out = lookup_vbmi(v, quarter[0]);
            if (!one_table) {
                out = _mm512_mask_mov_epi8(out, green[n], lookup_vbmi(v, quarter[1]));
                out = _mm512_mask_mov_epi8(out, blue[n], lookup_vbmi(v, quarter[2]));
            }
            _mm512_mask_storeu_epi8(d + x, live, out);
        }
    }
}

int gfx_cpu_has_avx512vbmi(void)
{
    unsigned a, b, c, d;
    return __get_cpuid_count(7, 0, &a, &b, &c, &d) && (c & bit_AVX512VBMI);
}
