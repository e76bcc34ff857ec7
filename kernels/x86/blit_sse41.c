/* Glyph blit, SSE4.1: 16 bytes of a cell row at a time.
 *
 * A span row of n bytes is covered by 16-byte chunks, the last one moved
 * back to end exactly at n, so no byte outside the span is touched. The
 * overlap is exact: both chunks write max(c, v) for the bytes they share,
 * c being the canvas before the row. Rows of 8..15 bytes use two
 * overlapping 8-byte chunks; rows under 8 bytes (1-2 pixel slivers) go
 * byte by byte. */
#include <smmintrin.h>

#include "blit_span.h"
#include "kernels_x86.h"

/* R,G,B,R,... for a chunk starting at byte phase p (mod 3) of a span row. */
static inline __m128i colour_pattern(const uint8_t colour[3], int p)
{
    static const uint8_t rgb_index[18] = {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2};
    const __m128i rgb = _mm_cvtsi32_si128(colour[0] | colour[1] << 8 | colour[2] << 16);
    return _mm_shuffle_epi8(rgb, _mm_loadu_si128((const __m128i *)(rgb_index + p)));
}

/* gfx_div255(cov * colour) on eight 16-bit lanes. */
static inline __m128i scale_div255(__m128i cov16, __m128i colour16)
{
    __m128i x = _mm_add_epi16(_mm_mullo_epi16(cov16, colour16), _mm_set1_epi16(128));
    return _mm_mulhi_epu16(x, _mm_set1_epi16(257));
}

/* max(canvas, product) for the 16 or 8 bytes at px; the caller stores.
 * colour_lo holds the colour words of the chunk's bytes 0-7, colour_hi of
 * bytes 8-15. */
static inline __m128i blended16(const uint8_t *px, const uint8_t *cov, __m128i colour_lo,
                                __m128i colour_hi)
{
    __m128i c = _mm_loadu_si128((const __m128i *)cov);
    __m128i lo = scale_div255(_mm_cvtepu8_epi16(c), colour_lo);
    __m128i hi = scale_div255(_mm_unpackhi_epi8(c, _mm_setzero_si128()), colour_hi);
    return _mm_max_epu8(_mm_loadu_si128((const __m128i *)px), _mm_packus_epi16(lo, hi));
}

static inline __m128i blended8(const uint8_t *px, const uint8_t *cov, __m128i colour_lo)
{
    __m128i lo = scale_div255(_mm_cvtepu8_epi16(_mm_loadl_epi64((const __m128i *)cov)), colour_lo);
    return _mm_max_epu8(_mm_loadl_epi64((const __m128i *)px), _mm_packus_epi16(lo, lo));
}

/* In every row the overlapping last chunk is loaded before any store of
 * the row: a load that half-overlaps a store still in flight cannot be
 * forwarded and stalls (it made the 1080p blit 3x slower on this machine).
 * Each span size has its own loop, which sets up only the colour words it
 * uses: with small cells that setup is a good part of the work. */
static void blit_rows16(const struct gfx_blit_span *s)
{
    const int n = s->bytes, last_phase = (n - 16) % 3;
    __m128i lo[3], hi[3];
    for (int p = 0; p < 3; p++) {
        __m128i pattern = colour_pattern(s->colour, p);
        lo[p] = _mm_cvtepu8_epi16(pattern);
        hi[p] = _mm_unpackhi_epi8(pattern, _mm_setzero_si128());
    }
    for (int y = 0; y < s->rows; y++) {
        uint8_t *px = s->px + y * s->px_stride;
        const uint8_t *cov = s->cov + y * s->cov_stride;
        __m128i last = blended16(px + n - 16, cov + n - 16, lo[last_phase], hi[last_phase]);
        /* 16 = 1 mod 3: the chunk at byte 16k starts at phase k mod 3 */
        for (int o = 0, p = 0; o + 16 < n; o += 16, p = (p + 1) % 3)
            _mm_storeu_si128((__m128i *)(px + o), blended16(px + o, cov + o, lo[p], hi[p]));
        _mm_storeu_si128((__m128i *)(px + n - 16), last);
    }
}

static void blit_rows8(const struct gfx_blit_span *s)
{
    const int n = s->bytes;
    const __m128i first_colour = _mm_cvtepu8_epi16(colour_pattern(s->colour, 0));
    const __m128i last_colour = _mm_cvtepu8_epi16(colour_pattern(s->colour, (n - 8) % 3));
    for (int y = 0; y < s->rows; y++) {
        uint8_t *px = s->px + y * s->px_stride;
        const uint8_t *cov = s->cov + y * s->cov_stride;
        __m128i last = blended8(px + n - 8, cov + n - 8, last_colour);
        _mm_storel_epi64((__m128i *)px, blended8(px, cov, first_colour));
        _mm_storel_epi64((__m128i *)(px + n - 8), last);
    }
}

static void blit_span(const struct gfx_blit_span *s)
{
    if (s->bytes >= 16)
        blit_rows16(s);
    else if (s->bytes >= 8)
        blit_rows8(s);
    else
        gfx_blit_rows_scalar(s);
}

void gfx_blit_sse41(const gfx_blit_args *a)
{
    gfx_blit_cells(a, blit_span);
}
