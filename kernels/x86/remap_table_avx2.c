/* Remap table, AVX2: 8 pixels per step, one 32-bit gather each. The
 * gathered words are RGBX (X is the next source byte, dropped by the
 * shuffle); black pixels are masked out of the gather and read as zero. A
 * step stores 32 bytes of which 24 are its pixels; the 8 extra land on the
 * next pixels, which the next step rewrites, so full steps run while 32
 * bytes fit in the row and the last few pixels go through a stack copy.
 *
 * Gather indices are signed 32-bit, table offsets unsigned: indexing from
 * src + 2^31 with offset ^ 2^31 (= offset - 2^31 as a signed value) reaches
 * every offset below GFX_REMAP_BLACK. */
#include <immintrin.h>
#include <string.h>

#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "kernels_x86.h"
#include "table_gather_x86.h"

#define STEP_PX 8
#define STORE_PX 11 /* pixels a 32-byte store needs to stay inside the row */

struct remap_consts {
    __m256i black, bias, drop_x, pack_dwords;
};

static struct remap_consts remap_consts(void)
{
    const __m128i drop_x = _mm_setr_epi8(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, -1, -1, -1, -1);
    return (struct remap_consts){
        .black = _mm256_set1_epi32((int)GFX_REMAP_BLACK),
        .bias = _mm256_set1_epi32((int)TABLE_INDEX_BIAS),
        .drop_x = _mm256_broadcastsi128_si256(drop_x),
        .pack_dwords = _mm256_setr_epi32(0, 1, 2, 4, 5, 6, 7, 7),
    };
}

/* 8 pixels' RGB in the low 24 bytes. */
static inline __m256i remap_step(const uint32_t *t, const void *gather_base,
                                 const struct remap_consts *k)
{
    __m256i px = table_gather8(t, gather_base, k->black, k->bias);
    return _mm256_permutevar8x32_epi32(_mm256_shuffle_epi8(px, k->drop_x), k->pack_dwords);
}

static void remap_tail(uint8_t *out, const uint32_t *t, int pixels, const void *gather_base,
                       const struct remap_consts *k)
{
    uint32_t offsets[STEP_PX];
    uint8_t rgb[32];
    for (int x = 0; x < STEP_PX; x++)
        offsets[x] = x < pixels ? t[x] : GFX_REMAP_BLACK;
    _mm256_storeu_si256((__m256i *)rgb, remap_step(offsets, gather_base, k));
    memcpy(out, rgb, 3 * (size_t)pixels);
}

void gfx_remap_table_avx2(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                          const uint32_t *table, int width, int height)
{
    gfx_check_remap_table(dst, dst_stride, src, table, width, height);
    const size_t count = (size_t)width * (size_t)height;
    const struct remap_consts k = remap_consts();
    const void *gather_base = table_gather_base(src);
    for (int y = 0; y < height; y++) {
        uint8_t *out = dst + y * dst_stride;
        const uint32_t *t = table + (size_t)y * (size_t)width;
        int x = 0;
        for (; x + STORE_PX <= width; x += STEP_PX) {
            table_prefetch_ahead(src, table, (size_t)y * (size_t)width + (size_t)x, count,
                                 GFX_REMAP_BLACK);
            _mm256_storeu_si256((__m256i *)(out + 3 * x), remap_step(t + x, gather_base, &k));
        }
        for (; x < width; x += STEP_PX)
            remap_tail(out + 3 * x, t + x, width - x < STEP_PX ? width - x : STEP_PX, gather_base,
                       &k);
    }
}
