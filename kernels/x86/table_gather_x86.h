/* What the table-driven x86 variants share (remap_table_*.c, crt_*.c): the
 * software prefetch ahead of the table's reads, the base their 32-bit
 * gathers index from, and the gathers of a step's source pixels. */
#ifndef GFX_TABLE_GATHER_X86_H
#define GFX_TABLE_GATHER_X86_H

#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Tables of curved geometry (barrel, kaleidoscope) read source rows the
 * hardware prefetchers cannot follow; one software prefetch per step for
 * the pixel about one output row ahead (its source is rarely in cache yet)
 * halves the time of a 1080p CRT frame. */
#define TABLE_PREFETCH_PX 2048

/* Prefetches the source of table entry `at` + TABLE_PREFETCH_PX, if the
 * table (`count` entries) has it and it is not `black`. */
static inline void table_prefetch_ahead(const uint8_t *src, const uint32_t *table, size_t at,
                                        size_t count, uint32_t black)
{
    at += TABLE_PREFETCH_PX;
    if (at < count && table[at] != black)
        _mm_prefetch((const char *)src + table[at], _MM_HINT_T0);
}

/* Gather indices are signed 32-bit, table offsets unsigned: indexing from
 * src + 2^31 with offset ^ 2^31 (= offset - 2^31 as a signed value) reaches
 * every offset below 2^32 - 1. */
#define TABLE_INDEX_BIAS 0x80000000u

static inline const void *table_gather_base(const uint8_t *src)
{
    /* src + 2^31 may point outside any object: integer, not pointer, arithmetic */
    return (const void *)((uintptr_t)src + TABLE_INDEX_BIAS); // NOLINT(performance-no-int-to-ptr)
}

/* The RGBX words at the table's offsets (X is the next source byte, for
 * the caller to drop), zero for `black` entries: one per ISA, each in the
 * files built for it. */
#ifdef __SSE4_1__
static inline int table_load_word(const uint8_t *src, uint32_t offset, uint32_t black)
{
    uint32_t w;
    memcpy(&w, src + (offset == black ? 0 : offset), sizeof w);
    return (int)w;
}

/* 4 entries; SSE has no gather: one scalar load each, black ones from
 * offset 0, cleared afterwards. */
static inline __m128i table_gather4(const uint32_t *t, const uint8_t *src, uint32_t black)
{
    __m128i is_black =
        _mm_cmpeq_epi32(_mm_loadu_si128((const __m128i *)t), _mm_set1_epi32((int)black));
    __m128i px = _mm_cvtsi32_si128(table_load_word(src, t[0], black));
    px = _mm_insert_epi32(px, table_load_word(src, t[1], black), 1);
    px = _mm_insert_epi32(px, table_load_word(src, t[2], black), 2);
    px = _mm_insert_epi32(px, table_load_word(src, t[3], black), 3);
    return _mm_andnot_si128(is_black, px);
}
#endif

#ifdef __AVX2__
/* 8 entries; black ones are masked out of the gather. `black` and `bias`
 * hold the black offset and TABLE_INDEX_BIAS in every lane. */
static inline __m256i table_gather8(const uint32_t *t, const void *gather_base, __m256i black,
                                    __m256i bias)
{
    __m256i off = _mm256_loadu_si256((const __m256i *)t);
    __m256i lit = _mm256_xor_si256(_mm256_cmpeq_epi32(off, black), _mm256_set1_epi32(-1));
    return _mm256_mask_i32gather_epi32(_mm256_setzero_si256(), gather_base,
                                       _mm256_xor_si256(off, bias), lit, 1);
}
#endif

#if defined(__AVX512F__) && defined(__AVX512BW__) && defined(__BMI2__)
/* `pixels` (1..16) entries, zero above; a short step loads only its
 * entries (masked), so nothing past the row's table is read. */
static inline __m512i table_gather16(const uint32_t *t, const void *gather_base, unsigned pixels,
                                     __m512i black, __m512i bias)
{
    __m512i off;
    __mmask16 lit;
    if (pixels == 16) {
        off = _mm512_loadu_si512(t);
        lit = _mm512_cmpneq_epi32_mask(off, black);
    } else {
        const __mmask16 live = (__mmask16)_bzhi_u32(0xffff, pixels);
        off = _mm512_maskz_loadu_epi32(live, t);
        lit = _mm512_mask_cmpneq_epi32_mask(live, off, black);
    }
    return _mm512_mask_i32gather_epi32(_mm512_setzero_si512(), lit, _mm512_xor_si512(off, bias),
                                       gather_base, 1);
}
#endif

#endif
