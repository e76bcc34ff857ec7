/* Glyph blit, AVX2: 32 bytes of a cell row at a time.
 *
 * A span row of n bytes is covered by 32-byte chunks, the last one moved
 * back to end exactly at n, so no byte outside the span is touched. The
 * overlap is exact: both chunks write max(c, v) for the bytes they share,
 * c being the canvas before the row. Rows of 16..31 bytes (cells of 6..10
 * pixels, the renderer's usual) use two overlapping 16-byte chunks, each
 * computed as one 256-bit vector of 16-bit products; rows of 8..15 bytes
 * two 8-byte chunks; shorter slivers go byte by byte. */
#include <immintrin.h>

#include "blit_span.h"
#include "kernels_x86.h"

/* byte i of the colour pattern of phase p is colour[rgb_index[i + p]] */
static const uint8_t rgb_index[34] = {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1,
                                      2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0};

/* R,G,B,R,... for a chunk starting at byte phase p (mod 3) of a span row. */
static inline __m256i colour_pattern(const uint8_t colour[3], int p)
{
    /* every lane holds R,G,B in its bytes 0-2, so in-lane shuffles can pick */
    const __m256i rgb = _mm256_set1_epi32(colour[0] | colour[1] << 8 | colour[2] << 16);
    return _mm256_shuffle_epi8(rgb, _mm256_loadu_si256((const __m256i *)(rgb_index + p)));
}

/* The pattern's bytes 0-15 as 16-bit words, in order. */
static inline __m256i colour_words16(const uint8_t colour[3], int p)
{
    return _mm256_cvtepu8_epi16(_mm256_castsi256_si128(colour_pattern(colour, p)));
}

/* gfx_div255(cov * colour) on 16-bit lanes. */
static inline __m256i scale_div255(__m256i cov16, __m256i colour16)
{
    __m256i x = _mm256_add_epi16(_mm256_mullo_epi16(cov16, colour16), _mm256_set1_epi16(128));
    return _mm256_mulhi_epu16(x, _mm256_set1_epi16(257));
}

static inline __m128i scale_div255_x8(__m128i cov16, __m128i colour16)
{
    __m128i x = _mm_add_epi16(_mm_mullo_epi16(cov16, colour16), _mm_set1_epi16(128));
    return _mm_mulhi_epu16(x, _mm_set1_epi16(257));
}

/* max(canvas, product) for the 32, 16 or 8 bytes at px; the caller stores.
 * A 32-byte chunk widens in-lane (bytes 0-7|16-23 and 8-15|24-31), so its
 * colour words come in that layout too. */
static inline __m256i blended32(const uint8_t *px, const uint8_t *cov, __m256i colour_lo,
                                __m256i colour_hi)
{
    __m256i c = _mm256_loadu_si256((const __m256i *)cov);
    __m256i lo = scale_div255(_mm256_unpacklo_epi8(c, _mm256_setzero_si256()), colour_lo);
    __m256i hi = scale_div255(_mm256_unpackhi_epi8(c, _mm256_setzero_si256()), colour_hi);
    return _mm256_max_epu8(_mm256_loadu_si256((const __m256i *)px), _mm256_packus_epi16(lo, hi));
}

static inline __m128i blended16(const uint8_t *px, const uint8_t *cov, __m256i colour16)
{
    __m256i c16 = _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *)cov));
    __m256i v16 = scale_div255(c16, colour16);
    __m128i v = _mm_packus_epi16(_mm256_castsi256_si128(v16), _mm256_extracti128_si256(v16, 1));
    return _mm_max_epu8(_mm_loadu_si128((const __m128i *)px), v);
}

static inline __m128i blended8(const uint8_t *px, const uint8_t *cov, __m128i colour16)
{
    __m128i c16 = _mm_cvtepu8_epi16(_mm_loadl_epi64((const __m128i *)cov));
    __m128i v16 = scale_div255_x8(c16, colour16);
    return _mm_max_epu8(_mm_loadl_epi64((const __m128i *)px), _mm_packus_epi16(v16, v16));
}

/* In every row the overlapping last chunk is loaded before any store of
 * the row: a load that half-overlaps a store still in flight cannot be
 * forwarded and stalls (it made the 1080p blit 3x slower on this machine).
 * Each span size has its own loop, which sets up only the colour words it
 * uses: with small cells that setup is a good part of the work. */
static void blit_rows32(const struct gfx_blit_span *s)
{
    const int n = s->bytes, last_phase = (n - 32) % 3;
    __m256i lo[3], hi[3];
    for (int p = 0; p < 3; p++) {
        __m256i pattern = colour_pattern(s->colour, p);
        lo[p] = _mm256_unpacklo_epi8(pattern, _mm256_setzero_si256());
        hi[p] = _mm256_unpackhi_epi8(pattern, _mm256_setzero_si256());
    }
    for (int y = 0; y < s->rows; y++) {
        uint8_t *px = s->px + y * s->px_stride;
        const uint8_t *cov = s->cov + y * s->cov_stride;
        __m256i last = blended32(px + n - 32, cov + n - 32, lo[last_phase], hi[last_phase]);
        /* 32 = 2 mod 3: the chunk at byte 32k starts at phase 2k mod 3 */
        for (int o = 0, p = 0; o + 32 < n; o += 32, p = (p + 2) % 3)
            _mm256_storeu_si256((__m256i *)(px + o), blended32(px + o, cov + o, lo[p], hi[p]));
        _mm256_storeu_si256((__m256i *)(px + n - 32), last);
    }
}

static void blit_rows16(const struct gfx_blit_span *s)
{
    const int n = s->bytes;
    const __m256i first_colour = colour_words16(s->colour, 0);
    const __m256i last_colour = colour_words16(s->colour, (n - 16) % 3);
    for (int y = 0; y < s->rows; y++) {
        uint8_t *px = s->px + y * s->px_stride;
        const uint8_t *cov = s->cov + y * s->cov_stride;
        __m128i last = blended16(px + n - 16, cov + n - 16, last_colour);
        _mm_storeu_si128((__m128i *)px, blended16(px, cov, first_colour));
        _mm_storeu_si128((__m128i *)(px + n - 16), last);
    }
}

static void blit_rows8(const struct gfx_blit_span *s)
{
    const int n = s->bytes;
    const __m128i first_colour = _mm256_castsi256_si128(colour_words16(s->colour, 0));
    const __m128i last_colour = _mm256_castsi256_si128(colour_words16(s->colour, (n - 8) % 3));
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
    if (s->bytes >= 32)
        blit_rows32(s);
    else if (s->bytes >= 16)
        blit_rows16(s);
    else if (s->bytes >= 8)
        blit_rows8(s);
    else
        gfx_blit_rows_scalar(s);
}

void gfx_blit_avx2(const gfx_blit_args *a)
{
    gfx_blit_cells(a, blit_span);
}
