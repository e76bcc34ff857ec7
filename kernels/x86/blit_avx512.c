/* Glyph blit, AVX-512 (F+BW+VL): a cell row in one or a few masked chunks.
 *
 * Byte masks make the tails exact: a span row of n bytes is read and
 * written through the mask of its n bytes, so nothing outside the span is
 * read or written, in the canvas or in the atlas. Rows of up to 32 bytes
 * (cells of up to 10 pixels, the renderer's usual) are one 128- or 256-bit
 * chunk widened to 16-bit lanes in one step; longer rows go 64 bytes at a
 * time. */
#include <immintrin.h>

#include "blit_span.h"
#include "kernels_x86.h"

/* byte i of the colour pattern of phase p is colour[rgb_index[i + p]] */
static const uint8_t rgb_index[66] = {
    0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0,
    1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1,
    2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2,
};

/* R,G,B,R,... for a chunk starting at byte phase p (mod 3) of a span row. */
static inline __m512i colour_pattern(const uint8_t colour[3], int p)
{
    /* every 128-bit lane holds R,G,B in its bytes 0-2 for in-lane shuffles */
    const __m512i rgb = _mm512_set1_epi32(colour[0] | colour[1] << 8 | colour[2] << 16);
    return _mm512_shuffle_epi8(rgb, _mm512_loadu_si512(rgb_index + p));
}

/* gfx_div255(cov * colour) on 16-bit lanes. */
static inline __m512i scale_div255(__m512i cov16, __m512i colour16)
{
    __m512i x = _mm512_add_epi16(_mm512_mullo_epi16(cov16, colour16), _mm512_set1_epi16(128));
    return _mm512_mulhi_epu16(x, _mm512_set1_epi16(257));
}

static inline __m256i scale_div255_x16(__m256i cov16, __m256i colour16)
{
    __m256i x = _mm256_add_epi16(_mm256_mullo_epi16(cov16, colour16), _mm256_set1_epi16(128));
    return _mm256_mulhi_epu16(x, _mm256_set1_epi16(257));
}

/* Each span size has its own loop, which sets up only the colour words it
 * uses: with small cells that setup is a good part of the work. */
static void blit_rows16(const struct gfx_blit_span *s)
{
    const __mmask16 m = (__mmask16)_bzhi_u32(~0u, (unsigned)s->bytes);
    const __m256i colour16 =
        _mm256_cvtepu8_epi16(_mm512_castsi512_si128(colour_pattern(s->colour, 0)));
    for (int y = 0; y < s->rows; y++) {
        uint8_t *px = s->px + y * s->px_stride;
        __m256i c16 = _mm256_cvtepu8_epi16(_mm_maskz_loadu_epi8(m, s->cov + y * s->cov_stride));
        __m128i v = _mm256_cvtepi16_epi8(scale_div255_x16(c16, colour16));
        _mm_mask_storeu_epi8(px, m, _mm_max_epu8(_mm_maskz_loadu_epi8(m, px), v));
    }
}

static void blit_rows32(const struct gfx_blit_span *s)
{
    const __mmask32 m = _bzhi_u32(~0u, (unsigned)s->bytes);
    const __m512i colour16 =
        _mm512_cvtepu8_epi16(_mm512_castsi512_si256(colour_pattern(s->colour, 0)));
    for (int y = 0; y < s->rows; y++) {
        uint8_t *px = s->px + y * s->px_stride;
        __m512i c16 = _mm512_cvtepu8_epi16(_mm256_maskz_loadu_epi8(m, s->cov + y * s->cov_stride));
        __m256i v = _mm512_cvtepi16_epi8(scale_div255(c16, colour16));
        _mm256_mask_storeu_epi8(px, m, _mm256_max_epu8(_mm256_maskz_loadu_epi8(m, px), v));
    }
}

/* 64-byte chunks widen in-lane (bytes 0-7 of each 128-bit lane in lo,
 * 8-15 in hi), so their colour words come in that layout too. */
static void blit_rows64(const struct gfx_blit_span *s)
{
    __m512i lo[3], hi[3];
    for (int p = 0; p < 3; p++) {
        __m512i pattern = colour_pattern(s->colour, p);
        lo[p] = _mm512_unpacklo_epi8(pattern, _mm512_setzero_si512());
        hi[p] = _mm512_unpackhi_epi8(pattern, _mm512_setzero_si512());
    }
    for (int y = 0; y < s->rows; y++) {
        uint8_t *px = s->px + y * s->px_stride;
        const uint8_t *cov = s->cov + y * s->cov_stride;
        /* 64 = 1 mod 3: the chunk at byte 64k starts at phase k (bytes <= 192) */
        for (int o = 0, p = 0; o < s->bytes; o += 64, p++) {
            const __mmask64 m = _bzhi_u64(~0ull, (unsigned)(s->bytes - o));
            __m512i c = _mm512_maskz_loadu_epi8(m, cov + o);
            __m512i vlo = scale_div255(_mm512_unpacklo_epi8(c, _mm512_setzero_si512()), lo[p]);
            __m512i vhi = scale_div255(_mm512_unpackhi_epi8(c, _mm512_setzero_si512()), hi[p]);
            __m512i v = _mm512_packus_epi16(vlo, vhi);
            _mm512_mask_storeu_epi8(px + o, m,
                                    _mm512_max_epu8(_mm512_maskz_loadu_epi8(m, px + o), v));
        }
    }
}

static void blit_span(const struct gfx_blit_span *s)
{
    if (s->bytes <= 16)
        blit_rows16(s);
    else if (s->bytes <= 32)
        blit_rows32(s);
    else
        blit_rows64(s);
}

void gfx_blit_avx512(const gfx_blit_args *a)
{
    gfx_blit_cells(a, blit_span);
}
