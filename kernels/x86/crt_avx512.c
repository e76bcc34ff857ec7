/* CRT, AVX-512 (F+BW): 16 pixels per step, one 32-bit gather each. The
 * gathered words are RGBX (X is the next source byte, dropped after the
 * arithmetic); black pixels are masked out of the gather and read as zero.
 * A step stores 64 bytes of which 48 are its pixels; the 16 extra land on
 * the next pixels, which the next step rewrites, so plain steps run while 64
 * bytes fit in the row. The last steps use masked table loads and byte-masked
 * stores, so nothing past the row is read or written (masked loads and
 * stores throughout were 5-10% slower on this AMD Zen).
 *
 * Gather indices are signed 32-bit, table offsets unsigned: indexing from
 * src + 2^31 with offset ^ 2^31 (= offset - 2^31 as a signed value) reaches
 * every offset below GFX_CRT_BLACK. */
#include <immintrin.h>

#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "kernels_x86.h"
#include "table_gather_x86.h"

#define STEP_PX 16
#define STORE_PX 22 /* pixels a 64-byte store needs to stay inside the row */

struct crt_consts {
    __m512i black, bias, round, recip255, drop_x, pack_dwords;
};

static struct crt_consts crt_consts(void)
{
    const __m128i drop_x = _mm_setr_epi8(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, -1, -1, -1, -1);
    return (struct crt_consts){
        .black = _mm512_set1_epi32((int)GFX_CRT_BLACK),
        .bias = _mm512_set1_epi32((int)TABLE_INDEX_BIAS),
        .round = _mm512_set1_epi16(128),
        .recip255 = _mm512_set1_epi16(257),
        .drop_x = _mm512_broadcast_i32x4(drop_x),
        .pack_dwords = _mm512_setr_epi32(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 15, 15, 15, 15),
    };
}

/* gfx_div255(c * gain) for every byte: (t * 257) >> 16 with t = c*gain + 128. */
static inline __m512i scale_bytes(__m512i px, __m512i gain, const struct crt_consts *k)
{
    const __m512i zero = _mm512_setzero_si512();
    __m512i lo =
        _mm512_add_epi16(_mm512_mullo_epi16(_mm512_unpacklo_epi8(px, zero), gain), k->round);
    __m512i hi =
        _mm512_add_epi16(_mm512_mullo_epi16(_mm512_unpackhi_epi8(px, zero), gain), k->round);
    return _mm512_packus_epi16(_mm512_mulhi_epu16(lo, k->recip255),
                               _mm512_mulhi_epu16(hi, k->recip255));
}

/* The RGB of `pixels` (1..16) pixels in the low 3 * pixels bytes. */
static inline __m512i crt_step(const uint32_t *t, const void *gather_base, unsigned pixels,
                               __m512i gain, const struct crt_consts *k)
{
    __m512i px = table_gather16(t, gather_base, pixels, k->black, k->bias);
    __m512i rgb = _mm512_shuffle_epi8(scale_bytes(px, gain, k), k->drop_x);
    return _mm512_permutexvar_epi32(k->pack_dwords, rgb);
}

void gfx_crt_avx512(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src, const uint32_t *table,
                    int width, int height, const uint8_t *row_gain)
{
    gfx_check_crt(dst, dst_stride, src, table, width, height, row_gain);
    const struct crt_consts k = crt_consts();
    const void *gather_base = table_gather_base(src);
    const size_t count = (size_t)width * (size_t)height;
    for (int y = 0; y < height; y++) {
        uint8_t *out = dst + y * dst_stride;
        const uint32_t *t = table + (size_t)y * (size_t)width;
        const __m512i gain = _mm512_set1_epi16(row_gain[y]);
        int x = 0;
        for (; x + STORE_PX <= width; x += STEP_PX) {
            table_prefetch_ahead(src, table, (size_t)y * (size_t)width + (size_t)x, count,
                                 GFX_CRT_BLACK);
            _mm512_storeu_si512(out + 3 * x, crt_step(t + x, gather_base, STEP_PX, gain, &k));
        }
        for (; x < width; x += STEP_PX) {
            unsigned pixels = width - x < STEP_PX ? (unsigned)(width - x) : STEP_PX;
            _mm512_mask_storeu_epi8(out + 3 * x, _bzhi_u64(~0ULL, 3 * pixels),
                                    crt_step(t + x, gather_base, pixels, gain, &k));
        }
    }
}
