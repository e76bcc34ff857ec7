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

#include "blit_variants.h"

/* The colour pattern R,G,B,R,... for a chunk starting at byte phase p
 * (mod 3), as 16-bit words laid out the way each chunk size widens it. */
struct colour_words {
    __m256i lo32[3], hi32[3]; /* 32-byte chunk: in-lane unpack of bytes 0-7|16-23, 8-15|24-31 */
    __m256i all16[3];         /* 16-byte chunk: bytes 0-15 in order */
};

/* byte i of a pattern of phase p is colour[rgb_index[i + p]] */
static const uint8_t rgb_index[34] = {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1,
                                      2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0};

static struct colour_words colour_words_of(const uint8_t colour[3])
{
    /* every lane holds R,G,B in its bytes 0-2, so in-lane shuffles can pick */
    const __m256i rgb = _mm256_set1_epi32(colour[0] | colour[1] << 8 | colour[2] << 16);
    struct colour_words w;
    for (int p = 0; p < 3; p++) {
        __m256i pattern = _mm256_shuffle_epi8(
            rgb, _mm256_loadu_si256((const __m256i *)(rgb_index + p)));
        w.lo32[p] = _mm256_unpacklo_epi8(pattern, _mm256_setzero_si256());
        w.hi32[p] = _mm256_unpackhi_epi8(pattern, _mm256_setzero_si256());
        w.all16[p] = _mm256_cvtepu8_epi16(_mm256_castsi256_si128(pattern));
    }
    return w;
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

/* max(canvas, product) for the 32, 16 or 8 bytes at px; the caller stores. */
static inline __m256i blended32(const uint8_t *px, const uint8_t *cov,
                                const struct colour_words *w, int p)
{
    __m256i c = _mm256_loadu_si256((const __m256i *)cov);
    __m256i lo = scale_div255(_mm256_unpacklo_epi8(c, _mm256_setzero_si256()), w->lo32[p]);
    __m256i hi = scale_div255(_mm256_unpackhi_epi8(c, _mm256_setzero_si256()), w->hi32[p]);
    return _mm256_max_epu8(_mm256_loadu_si256((const __m256i *)px), _mm256_packus_epi16(lo, hi));
}

static inline __m128i blended16(const uint8_t *px, const uint8_t *cov,
                                const struct colour_words *w, int p)
{
    __m256i c16 = _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *)cov));
    __m256i v16 = scale_div255(c16, w->all16[p]);
    __m128i v = _mm_packus_epi16(_mm256_castsi256_si128(v16), _mm256_extracti128_si256(v16, 1));
    return _mm_max_epu8(_mm_loadu_si128((const __m128i *)px), v);
}

static inline __m128i blended8(const uint8_t *px, const uint8_t *cov,
                               const struct colour_words *w, int p)
{
    __m128i c16 = _mm_cvtepu8_epi16(_mm_loadl_epi64((const __m128i *)cov));
    __m128i v16 = scale_div255_x8(c16, _mm256_castsi256_si128(w->all16[p]));
    return _mm_max_epu8(_mm_loadl_epi64((const __m128i *)px), _mm_packus_epi16(v16, v16));
}

/* The overlapping last chunk is loaded before any store of the row: a load
 * that half-overlaps a store still in flight cannot be forwarded and stalls
 * the row (it made the 1080p blit 3x slower on this machine). */
static void blend_row(uint8_t *px, const uint8_t *cov, int n, const struct colour_words *w)
{
    if (n >= 32) {
        __m256i last = blended32(px + n - 32, cov + n - 32, w, (n - 32) % 3);
        for (int o = 0; o + 32 < n; o += 32)
            _mm256_storeu_si256((__m256i *)(px + o), blended32(px + o, cov + o, w, o % 3));
        _mm256_storeu_si256((__m256i *)(px + n - 32), last);
    } else if (n >= 16) {
        __m128i last = blended16(px + n - 16, cov + n - 16, w, (n - 16) % 3);
        _mm_storeu_si128((__m128i *)px, blended16(px, cov, w, 0));
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

void gfx_blit_avx2(const gfx_blit_args *a)
{
    gfx_check_blit(a);
    struct gfx_blit_span s;
    for (int r = 0; r < a->rows; r++)
        for (int c = 0; c < a->cols; c++)
            if (gfx_blit_span_of(a, r, c, &s))
                blit_span(&s);
}
