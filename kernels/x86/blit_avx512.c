/* Glyph blit, AVX-512 (F+BW+VL): a cell row in one or a few masked chunks.
 *
 * Byte masks make the tails exact: a span row of n bytes is read and
 * written through the mask of its n bytes, so nothing outside the span is
 * read or written, in the canvas or in the atlas. Rows of up to 32 bytes
 * (cells of up to 10 pixels, the renderer's usual) are one 256-bit chunk
 * widened to 32 16-bit lanes; longer rows go 64 bytes at a time. */
#include <immintrin.h>

#include "blit_variants.h"

/* The colour pattern R,G,B,R,... as 16-bit words: for a 32-byte chunk in
 * byte order, and for a 64-byte chunk starting at byte phase p (mod 3) in
 * the in-lane unpack layout (bytes 0-7 of each 128-bit lane in lo64, 8-15
 * in hi64). */
struct colour_words {
    __m512i all32;
    __m512i lo64[3], hi64[3];
};

/* byte i of a pattern of phase p is colour[rgb_index[i + p]] */
static const uint8_t rgb_index[66] = {
    0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0,
    1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1,
    2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2,
};

static struct colour_words colour_words_of(const uint8_t colour[3], int bytes)
{
    /* every 128-bit lane holds R,G,B in its bytes 0-2 for in-lane shuffles */
    const __m512i rgb = _mm512_set1_epi32(colour[0] | colour[1] << 8 | colour[2] << 16);
    struct colour_words w;
    __m512i pattern0 = _mm512_shuffle_epi8(rgb, _mm512_loadu_si512(rgb_index));
    w.all32 = _mm512_cvtepu8_epi16(_mm512_castsi512_si256(pattern0));
    if (bytes <= 32)
        return w;
    for (int p = 0; p < 3; p++) {
        __m512i pattern = _mm512_shuffle_epi8(rgb, _mm512_loadu_si512(rgb_index + p));
        w.lo64[p] = _mm512_unpacklo_epi8(pattern, _mm512_setzero_si512());
        w.hi64[p] = _mm512_unpackhi_epi8(pattern, _mm512_setzero_si512());
    }
    return w;
}

/* gfx_div255(cov * colour) on 16-bit lanes. */
static inline __m512i scale_div255(__m512i cov16, __m512i colour16)
{
    __m512i x = _mm512_add_epi16(_mm512_mullo_epi16(cov16, colour16), _mm512_set1_epi16(128));
    return _mm512_mulhi_epu16(x, _mm512_set1_epi16(257));
}

static inline void blend32(uint8_t *px, const uint8_t *cov, const struct colour_words *w,
                           __mmask32 m)
{
    __m512i c16 = _mm512_cvtepu8_epi16(_mm256_maskz_loadu_epi8(m, cov));
    __m256i v = _mm512_cvtepi16_epi8(scale_div255(c16, w->all32));
    _mm256_mask_storeu_epi8(px, m, _mm256_max_epu8(_mm256_maskz_loadu_epi8(m, px), v));
}

static inline void blend64(uint8_t *px, const uint8_t *cov, const struct colour_words *w, int p,
                           __mmask64 m)
{
    __m512i c = _mm512_maskz_loadu_epi8(m, cov);
    __m512i lo = scale_div255(_mm512_unpacklo_epi8(c, _mm512_setzero_si512()), w->lo64[p]);
    __m512i hi = scale_div255(_mm512_unpackhi_epi8(c, _mm512_setzero_si512()), w->hi64[p]);
    __m512i v = _mm512_packus_epi16(lo, hi);
    _mm512_mask_storeu_epi8(px, m, _mm512_max_epu8(_mm512_maskz_loadu_epi8(m, px), v));
}

static void blit_span(const struct gfx_blit_span *s)
{
    const struct colour_words w = colour_words_of(s->colour, s->bytes);
    if (s->bytes <= 32) {
        const __mmask32 m = _bzhi_u32(~0u, (unsigned)s->bytes);
        for (int y = 0; y < s->rows; y++)
            blend32(s->px + y * s->px_stride, s->cov + y * s->cov_stride, &w, m);
        return;
    }
    for (int y = 0; y < s->rows; y++) {
        uint8_t *px = s->px + y * s->px_stride;
        const uint8_t *cov = s->cov + y * s->cov_stride;
        /* 64 = 1 mod 3: the chunk at byte 64k starts at phase k */
        for (int o = 0, p = 0; o < s->bytes; o += 64, p++)
            blend64(px + o, cov + o, &w, p, _bzhi_u64(~0ull, (unsigned)(s->bytes - o)));
    }
}

void gfx_blit_avx512(const gfx_blit_args *a)
{
    gfx_check_blit(a);
    struct gfx_blit_span s;
    for (int r = 0; r < a->rows; r++)
        for (int c = 0; c < a->cols; c++)
            if (gfx_blit_span_of(a, r, c, &s))
                blit_span(&s);
}
