/* Remap table, AVX-512 (F+BW): 16 pixels per step, one 32-bit gather each.
 * The gathered words are RGBX (X is the next source byte, dropped by the
 * shuffle); black pixels are masked out of the gather and read as zero. A
 * step stores 64 bytes of which 48 are its pixels; the 16 extra land on the
 * next pixels, which the next step rewrites, so plain steps run while 64
 * bytes fit in the row. The last steps use masked table loads and
 * byte-masked stores, so nothing past the row is read or written.
 *
 * Gather indices are signed 32-bit, table offsets unsigned: indexing from
 * src + 2^31 with offset ^ 2^31 (= offset - 2^31 as a signed value) reaches
 * every offset below GFX_REMAP_BLACK. */
#include <immintrin.h>

#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "kernels_x86.h"
#include "table_gather_x86.h"

#define STEP_PX 16
#define STORE_PX 22 /* pixels a 64-byte store needs to stay inside the row */

struct remap_consts {
    __m512i black, bias, drop_x, pack_dwords;
};

static struct remap_consts remap_consts(void)
{
    const __m128i drop_x = _mm_setr_epi8(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, -1, -1, -1, -1);
    return (struct remap_consts){
        .black = _mm512_set1_epi32((int)GFX_REMAP_BLACK),
        .bias = _mm512_set1_epi32((int)TABLE_INDEX_BIAS),
        .drop_x = _mm512_broadcast_i32x4(drop_x),
        .pack_dwords = _mm512_setr_epi32(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 15, 15, 15, 15),
    };
}

/* The RGB of `pixels` (1..16) pixels in the low 3 * pixels bytes. */
static inline __m512i remap_step(const uint32_t *t, const void *gather_base, unsigned pixels,
                                 const struct remap_consts *k)
{
    __m512i px = table_gather16(t, gather_base, pixels, k->black, k->bias);
    return _mm512_permutexvar_epi32(k->pack_dwords, _mm512_shuffle_epi8(px, k->drop_x));
}

void gfx_remap_table_avx512(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
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
            _mm512_storeu_si512(out + 3 * x, remap_step(t + x, gather_base, STEP_PX, &k));
        }
        for (; x < width; x += STEP_PX) {
            unsigned pixels = width - x < STEP_PX ? (unsigned)(width - x) : STEP_PX;
            _mm512_mask_storeu_epi8(out + 3 * x, _bzhi_u64(~0ULL, 3 * pixels),
                                    remap_step(t + x, gather_base, pixels, &k));
        }
    }
}
