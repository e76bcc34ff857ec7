/* Remap table, SSE4.1: 4 pixels per step. SSE has no gather, so each pixel
 * is one 32-bit scalar load (RGBX: X is the next source byte, dropped by the
 * shuffle) inserted into a vector; black pixels load from offset 0 and are
 * cleared afterwards. A step stores 16 bytes of which 12 are its pixels; the
 * 4 extra land on the next pixels, which the next step rewrites, so full
 * steps run while 16 bytes fit in the row and the last few pixels go
 * through a stack copy. */
#include <smmintrin.h>
#include <string.h>

#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "kernels_x86.h"
#include "table_gather_x86.h"

#define STEP_PX 4
#define STORE_PX 6 /* pixels a 16-byte store needs to stay inside the row */

/* 4 pixels' RGB in the low 12 bytes, zero above. */
static inline __m128i remap_step(const uint32_t *t, const uint8_t *src)
{
    const __m128i drop_x = _mm_setr_epi8(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, -1, -1, -1, -1);
    __m128i px = table_gather4(t, src, GFX_REMAP_BLACK);
    return _mm_shuffle_epi8(px, drop_x);
}

static void remap_tail(uint8_t *out, const uint32_t *t, int pixels, const uint8_t *src)
{
    uint32_t offsets[STEP_PX];
    uint8_t rgb[16];
    for (int x = 0; x < STEP_PX; x++)
        offsets[x] = x < pixels ? t[x] : GFX_REMAP_BLACK;
    _mm_storeu_si128((__m128i *)rgb, remap_step(offsets, src));
    memcpy(out, rgb, 3 * (size_t)pixels);
}

void gfx_remap_table_sse41(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                           const uint32_t *table, int width, int height)
{
    gfx_check_remap_table(dst, dst_stride, src, table, width, height);
    const size_t count = (size_t)width * (size_t)height;
    for (int y = 0; y < height; y++) {
        uint8_t *out = dst + y * dst_stride;
        const uint32_t *t = table + (size_t)y * (size_t)width;
        int x = 0;
        for (; x + STORE_PX <= width; x += STEP_PX) {
            table_prefetch_ahead(src, table, (size_t)y * (size_t)width + (size_t)x, count,
                                 GFX_REMAP_BLACK);
            _mm_storeu_si128((__m128i *)(out + 3 * x), remap_step(t + x, src));
        }
        for (; x < width; x += STEP_PX)
            remap_tail(out + 3 * x, t + x, width - x < STEP_PX ? width - x : STEP_PX, src);
    }
}
