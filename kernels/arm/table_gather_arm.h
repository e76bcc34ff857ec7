/* What the table-driven NEON variants share (remap_table_neon.c,
 * crt_neon.c): the software prefetch ahead of the table's reads and the
 * copy of a step's source pixels (NEON has no gather). */
#ifndef GFX_TABLE_GATHER_ARM_H
#define GFX_TABLE_GATHER_ARM_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Tables of curved geometry (barrel, kaleidoscope) read source rows the
 * hardware prefetchers cannot follow; one software prefetch per step for
 * the pixel about one output row ahead keeps the loads in cache (as on
 * x86, where it halves the time of a 1080p CRT frame). */
#define TABLE_PREFETCH_PX 2048

/* Prefetches the source of table entry `at` + TABLE_PREFETCH_PX, if the
 * table (`count` entries) has it and it is not `black`. */
static inline void table_prefetch_ahead(const uint8_t *src, const uint32_t *table, size_t at,
                                        size_t count, uint32_t black)
{
    at += TABLE_PREFETCH_PX;
    if (at < count && table[at] != black)
        __builtin_prefetch(src + table[at]);
}

/* Copies the RGB of the `pixels` entries at t into rgb[3x .. 3x+3), zero for
 * `black` ones, each as a 32-bit word: rgb holds 3 * pixels + 1 bytes, and
 * the byte after the last pixel, and anything past it, never reach the
 * output. */
static inline void table_gather_rgb(uint8_t *rgb, const uint32_t *t, int pixels, const uint8_t *src,
                                    uint32_t black)
{
    static const uint8_t zero[4];
    for (int x = 0; x < pixels; x++)
        memcpy(rgb + 3 * x, t[x] == black ? zero : src + t[x], 4);
}

#endif
