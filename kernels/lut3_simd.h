/* Per-channel LUT, the x86 body shared by SSE4.1, AVX2 and AVX-512 (BW).
 * Included by kernels/x86/lut3_<isa>.c after it defines:
 *   vec, LUT3_LANES            the vector type and its 128-bit lanes
 *   V_BCAST16(p)               16 bytes at p in every lane
 *   V_LOAD_PIECE(p, j)         lane l: bytes [48 l + 16 j, + 16) of p
 *   V_STORE_PIECE(p, j, v)     the inverse
 *   V_SHUF V_OR V_ADDS_U8 V_SUB_I8 V_SET1_I8
 * Every 128-bit lane works on its own 48 bytes (16 pixels), so the lane-local
 * pshufb does everything:
 *   1. the three 16-byte pieces are split into R, G and B planes (9 shuffles);
 *   2. each plane goes through its 256-byte table as 16 sub-tables of 16:
 *      at step k the index is v - 16 k (wrapping), and a saturating + 0x70
 *      leaves it below 0x80 (pshufb reads entry v & 15) exactly when
 *      16 k <= v < 16 k + 16, and at 0x80 or above (pshufb gives 0) for every
 *      other v; the 16 results are OR-ed;
 *   3. the planes are woven back into pieces (9 shuffles).
 * When the three tables are the same (every curve shader's) steps 1 and 3
 * are skipped: the pieces go through the one table as they are.
 * A lookup has no arithmetic to round: bytes equal the scalar reference's. */
#include <string.h>

#include "kernel_contracts.h"

enum { LUT3_BLOCK = 48 * LUT3_LANES }; /* bytes per block: 16 pixels a lane */

struct lut3_consts {
    vec split[3][3]; /* [plane][piece] */
    vec join[3][3];  /* [piece][plane] */
    vec table[3][16];
};

static void lut3_consts_build(struct lut3_consts *k, const gfx_lut3 *lut)
{
    uint8_t m[16];
    for (int c = 0; c < 3; c++)
        for (int s = 0; s < 3; s++) {
            for (int i = 0; i < 16; i++) {
                int b = 3 * i + c;
                m[i] = (uint8_t)(b / 16 == s ? b % 16 : 0x80);
            }
            k->split[c][s] = V_BCAST16(m);
        }
    for (int s = 0; s < 3; s++)
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 16; i++) {
                int b = 16 * s + i;
                m[i] = (uint8_t)(b % 3 == c ? b / 3 : 0x80);
            }
            k->join[s][c] = V_BCAST16(m);
        }
    for (int c = 0; c < 3; c++)
        for (int j = 0; j < 16; j++)
            k->table[c][j] = V_BCAST16(&lut->t[c][16 * j]);
}

static inline vec lut3_lookup(vec v, const vec *table)
{
    const vec bias = V_SET1_I8(0x70), step = V_SET1_I8(16);
    vec r = V_SHUF(table[0], V_ADDS_U8(v, bias));
    for (int k = 1; k < 16; k++) {
        v = V_SUB_I8(v, step);
        r = V_OR(r, V_SHUF(table[k], V_ADDS_U8(v, bias)));
    }
    return r;
}

static inline void lut3_block(uint8_t *d, const uint8_t *s, const struct lut3_consts *k)
{
    vec piece[3], plane[3];
    for (int j = 0; j < 3; j++)
        piece[j] = V_LOAD_PIECE(s, j);
    for (int c = 0; c < 3; c++)
        plane[c] = lut3_lookup(
            V_OR(V_OR(V_SHUF(piece[0], k->split[c][0]), V_SHUF(piece[1], k->split[c][1])),
                 V_SHUF(piece[2], k->split[c][2])),
            k->table[c]);
    for (int j = 0; j < 3; j++)
        V_STORE_PIECE(d, j,
                      V_OR(V_OR(V_SHUF(plane[0], k->join[j][0]), V_SHUF(plane[1], k->join[j][1])),
                           V_SHUF(plane[2], k->join[j][2])));
}

static inline void lut3_block_one_table(uint8_t *d, const uint8_t *s, const vec *table)
{
    for (int j = 0; j < 3; j++)
        V_STORE_PIECE(d, j, lut3_lookup(V_LOAD_PIECE(s, j), table));
}

static void lut3_variant(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                         ptrdiff_t src_stride, int width, int height, const gfx_lut3 *lut)
{
    gfx_check_lut3(dst, dst_stride, src, src_stride, width, height, lut);
    struct lut3_consts k;
    lut3_consts_build(&k, lut);
    const int one_table = !memcmp(lut->t[0], lut->t[1], 256) && !memcmp(lut->t[0], lut->t[2], 256);
    const size_t row = 3 * (size_t)width, full = row - row % LUT3_BLOCK, rest = row - full;
    for (int y = 0; y < height; y++) {
        uint8_t *d = dst + y * dst_stride;
        const uint8_t *s = src + y * src_stride;
        if (one_table)
            for (size_t x = 0; x < full; x += LUT3_BLOCK)
                lut3_block_one_table(d + x, s + x, k.table[0]);
        else
            for (size_t x = 0; x < full; x += LUT3_BLOCK)
                lut3_block(d + x, s + x, &k);
        if (rest) { /* through a copy: nothing past the row is read or written */
            uint8_t tail[LUT3_BLOCK] = {0};
            memcpy(tail, s + full, rest);
            lut3_block(tail, tail, &k);
            memcpy(d + full, tail, rest);
        }
    }
}
