/* PNG kernels, scalar references: the row filter, CRC-32 (slicing by 8) and
 * Adler-32 (see gfx_kernels.h). */
#include <pthread.h>
#include <string.h>

#include "gfx_kernels.h"
#include "kernels_c.h"
#include "png_rows.h"

void gfx_png_filter_scalar(uint8_t *out, const uint8_t *row, const uint8_t *prev, int width,
                           int bpp)
{
    const int n = bpp * width;
    uint64_t cost[4] = {0, 0, 0, 0};
    gfx_png_costs_scalar(cost, row, prev, 0, n, bpp);
    int type = gfx_png_type(gfx_png_pick(cost));
    out[0] = (uint8_t)type;
    gfx_png_apply_scalar(out + 1, type, row, prev, 0, n, bpp);
}

/* crc_table[k][b]: the CRC of byte b followed by k zero bytes (reflected
 * polynomial 0xedb88320), so eight bytes take eight lookups. */
static uint32_t crc_table[8][256];
static pthread_once_t crc_once = PTHREAD_ONCE_INIT;

static void crc_table_build(void)
{
    for (uint32_t b = 0; b < 256; b++) {
        uint32_t c = b;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[0][b] = c;
    }
    for (uint32_t b = 0; b < 256; b++)
        for (int k = 1; k < 8; k++)
            crc_table[k][b] = (crc_table[k - 1][b] >> 8) ^ crc_table[0][crc_table[k - 1][b] & 0xff];
}

uint32_t gfx_crc32_scalar(uint32_t crc, const uint8_t *p, size_t n)
{
    pthread_once(&crc_once, crc_table_build);
    uint32_t c = ~crc;
    for (; n >= 8; n -= 8, p += 8) {
        uint32_t lo = c ^ ((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
                           (uint32_t)p[3] << 24);
        c = crc_table[7][lo & 0xff] ^ crc_table[6][(lo >> 8) & 0xff] ^
            crc_table[5][(lo >> 16) & 0xff] ^ crc_table[4][lo >> 24] ^ crc_table[3][p[4]] ^
            crc_table[2][p[5]] ^ crc_table[1][p[6]] ^ crc_table[0][p[7]];
    }
    while (n--)
        c = crc_table[0][(c ^ *p++) & 0xff] ^ (c >> 8);
    return ~c;
}

uint32_t gfx_adler32_scalar(uint32_t adler, const uint8_t *p, size_t n)
{
    while (n) {
        size_t block = n < 5552 ? n : 5552;
        adler = gfx_adler32_tail(adler, p, block);
        p += block, n -= block;
    }
    return adler;
}
