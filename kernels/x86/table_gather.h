/* What the table-driven x86 variants share (remap_table_*.c, crt_*.c): the
 * software prefetch ahead of the table's reads, and the base their 32-bit
 * gathers index from. */
#ifndef GFX_TABLE_GATHER_H
#define GFX_TABLE_GATHER_H

#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>

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

#endif
