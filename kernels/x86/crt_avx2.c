/* CRT, AVX2: 8 pixels per step, one 32-bit gather each. The gathered words
 * are RGBX (X is the next source byte, dropped after the arithmetic); black
 * pixels are masked out of the gather and read as zero. A step stores 32
 * bytes of which 24 are its pixels; the 8 extra land on the next pixels,
 * which the next step rewrites, so full steps run while 32 bytes fit in the
 * row and the last few pixels go through a stack copy.
 *
 * Gather indices are signed 32-bit, table offsets unsigned: indexing from
 * src + 2^31 with offset ^ 2^31 (= offset - 2^31 as a signed value) reaches
 * every offset below GFX_CRT_BLACK. */
#include <immintrin.h>
#include <string.h>

#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "kernels_x86.h"
#include "table_gather_x86.h"

#define STEP_PX 8
#define STORE_PX 11 /* pixels a 32-byte store needs to stay inside the row */

struct crt_consts {
    __m256i black, bias, round, recip255, drop_x, pack_dwords;
};

static struct crt_consts crt_consts(void)
{
    const __m128i drop_x = _mm_setr_epi8(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, -1, -1, -1, -1);
    return (struct crt_consts){
        .black = _mm256_set1_epi32((int)GFX_CRT_BLACK),
        .bias = _mm256_set1_epi32((int)TABLE_INDEX_BIAS),
        .round = _mm256_set1_epi16(128),
        .recip255 = _mm256_set1_epi16(257),
        .drop_x = _mm256_broadcastsi128_si256(drop_x),
        .pack_dwords = _mm256_setr_epi32(0, 1, 2, 4, 5, 6, 7, 7),
    };
}

/* gfx_div255(c * gain) for every byte: (t * 257) >> 16 with t = c*gain + 128. */
static inline __m256i scale_bytes(__m256i px, __m256i gain, const struct crt_consts *k)
{
    const __m256i zero = _mm256_setzero_si256();
    __m256i lo =
        _mm256_add_epi16(_mm256_mullo_epi16(_mm256_unpacklo_epi8(px, zero), gain), k->round);
    __m256i hi =
        _mm256_add_epi16(_mm256_mullo_epi16(_mm256_unpackhi_epi8(px, zero), gain), k->round);
    return _mm256_packus_epi16(_mm256_mulhi_epu16(lo, k->recip255),
                               _mm256_mulhi_epu16(hi, k->recip255));
}

/* 8 pixels' RGB in the low 24 bytes. */
static inline __m256i crt_step(const uint32_t *t, const void *gather_base, __m256i gain,
                               const struct crt_consts *k)
{
    __m256i px = table_gather8(t, gather_base, k->black, k->bias);
    __m256i rgb = _mm256_shuffle_epi8(scale_bytes(px, gain, k), k->drop_x);
    return _mm256_permutevar8x32_epi32(rgb, k->pack_dwords);
}

static void crt_tail(uint8_t *out, const uint32_t *t, int pixels, const void *gather_base,
                     __m256i gain, const struct crt_consts *k)
{
    uint32_t offsets[STEP_PX];
    uint8_t rgb[32];
    for (int x = 0; x < STEP_PX; x++)
        offsets[x] = x < pixels ? t[x] : GFX_CRT_BLACK;
    _mm256_storeu_si256((__m256i *)rgb, crt_step(offsets, gather_base, gain, k));
    memcpy(out, rgb, 3 * (size_t)pixels);
}

void gfx_crt_avx2(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src, const uint32_t *table,
                  int width, int height, const uint8_t *row_gain)
{
    gfx_check_crt(dst, dst_stride, src, table, width, height, row_gain);
    const struct crt_consts k = crt_consts();
    const void *gather_base = table_gather_base(src);
    const size_t count = (size_t)width * (size_t)height;
    for (int y = 0; y < height; y++) {
        uint8_t *out = dst + y * dst_stride;
        const uint32_t *t = table + (size_t)y * (size_t)width;
        const __m256i gain = _mm256_set1_epi16(row_gain[y]);
        int x = 0;
        for (; x + STORE_PX <= width; x += STEP_PX) {
            table_prefetch_ahead(src, table, (size_t)y * (size_t)width + (size_t)x, count,
                                 GFX_CRT_BLACK);
            _mm256_storeu_si256((__m256i *)(out + 3 * x), crt_step(t + x, gather_base, gain, &k));
        }
        for (; x < width; x += STEP_PX)
            crt_tail(out + 3 * x, t + x, width - x < STEP_PX ? width - x : STEP_PX, gather_base,
                     gain, &k);
    }
}
