/* Glyph blit, SSE4.1: 16 bytes of a cell row at a time.
 *
 * A span row of n bytes is covered by 16-byte chunks; the last chunk is
 * moved back to end exactly at n, overlapping the one before. That is exact
 * (both chunks write max(c, v) for the bytes they share, c being the canvas
 * before the row), and it never touches a byte outside the span. Rows shorter than 16 bytes use two overlapping 8-byte
 * chunks, and rows under 8 bytes (1-2 pixel slivers) go byte by byte. */
#include <smmintrin.h>

#include "blit_variants.h"

/* The colour as 16-bit words for a chunk starting at byte phase p (mod 3):
 * lo covers the chunk's bytes 0-7, hi its bytes 8-15. */
struct colour_words {
    __m128i lo[3], hi[3];
};

static struct colour_words colour_words_of(const uint8_t colour[3])
{
    const __m128i rgb = _mm_cvtsi32_si128(colour[0] | colour[1] << 8 | colour[2] << 16);
    const __m128i phase_index[3] = {
        _mm_setr_epi8(0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0),
        _mm_setr_epi8(1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1),
        _mm_setr_epi8(2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2),
    };
    struct colour_words w;
    for (int p = 0; p < 3; p++) {
        __m128i pattern = _mm_shuffle_epi8(rgb, phase_index[p]);
        w.lo[p] = _mm_cvtepu8_epi16(pattern);
        w.hi[p] = _mm_unpackhi_epi8(pattern, _mm_setzero_si128());
    }
    return w;
}

/* gfx_div255(cov * colour) on eight 16-bit lanes. */
static inline __m128i scale_div255(__m128i cov16, __m128i colour16)
{
    __m128i x = _mm_add_epi16(_mm_mullo_epi16(cov16, colour16), _mm_set1_epi16(128));
    return _mm_mulhi_epu16(x, _mm_set1_epi16(257));
}

/* max(canvas, product) for the 16 bytes at px; stored by the caller. */
static inline __m128i blended16(const uint8_t *px, const uint8_t *cov,
                                const struct colour_words *w, int p)
{
    __m128i c = _mm_loadu_si128((const __m128i *)cov);
    __m128i lo = scale_div255(_mm_cvtepu8_epi16(c), w->lo[p]);
    __m128i hi = scale_div255(_mm_unpackhi_epi8(c, _mm_setzero_si128()), w->hi[p]);
    return _mm_max_epu8(_mm_loadu_si128((const __m128i *)px), _mm_packus_epi16(lo, hi));
}

static inline __m128i blended8(const uint8_t *px, const uint8_t *cov,
                               const struct colour_words *w, int p)
{
    __m128i lo = scale_div255(_mm_cvtepu8_epi16(_mm_loadl_epi64((const __m128i *)cov)), w->lo[p]);
    return _mm_max_epu8(_mm_loadl_epi64((const __m128i *)px), _mm_packus_epi16(lo, lo));
}

/* The overlapping last chunk is loaded before any store of the row: a load
 * that half-overlaps a store still in flight cannot be forwarded and stalls
 * the row (it made the 1080p blit 3x slower on this machine). */
static void blend_row(uint8_t *px, const uint8_t *cov, int n, const struct colour_words *w)
{
    if (n >= 16) {
        __m128i last = blended16(px + n - 16, cov + n - 16, w, (n - 16) % 3);
        for (int o = 0; o + 16 < n; o += 16)
            _mm_storeu_si128((__m128i *)(px + o), blended16(px + o, cov + o, w, o % 3));
        _mm_storeu_si128((__m128i *)(px + n - 16), last);
    } else {
        __m128i last = blended8(px + n - 8, cov + n - 8, w, (n - 8) % 3);
        _mm_storel_epi64((__m128i *)px, blended8(px, cov, w, 0));
        _mm_storel_epi64((__m128i *)(px + n - 8), last);
    }
}

static void blit_span(const struct gfx_blit_span *s)
{
    if (s->bytes < 8) {
        for (int y = 0; y < s->rows; y++)
            gfx_blit_bytes_scalar(s->px + y * s->px_stride, s->cov + y * s->cov_stride, s->bytes,
                                  s->colour);
        return;
    }
    const struct colour_words w = colour_words_of(s->colour);
    for (int y = 0; y < s->rows; y++)
        blend_row(s->px + y * s->px_stride, s->cov + y * s->cov_stride, s->bytes, &w);
}

void gfx_blit_sse41(const gfx_blit_args *a)
{
    gfx_check_blit(a);
    struct gfx_blit_span s;
    for (int r = 0; r < a->rows; r++)
        for (int c = 0; c < a->cols; c++)
            if (gfx_blit_span_of(a, r, c, &s))
                blit_span(&s);
}
