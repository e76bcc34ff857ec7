/* The affine remap's rows for every variant (kernels/x86/remap_*.c,
 * kernels/arm/remap_neon.c); the scalar reference (kernels/remap_affine.c)
 * is the per-pixel definition they must match.
 *
 * Along a dst row u and v are linear in x, so the pixels whose source lies
 * inside the image form one interval [x0, x1), found exactly in 64-bit
 * integers. Outside it the row is black; inside it every source coordinate
 * is valid and below 32768 * 65536, so a variant works on 32-bit lanes with
 * no bounds tests: lane values are computed modulo 2^32, which is exact
 * because the true values fit. A row with a = 65536 and d = 0 is a shifted
 * copy and goes through memcpy.
 *
 * The including file defines
 *   static int remap_run(uint8_t *out, const uint8_t *src, ptrdiff_t stride,
 *                        uint32_t last, uint32_t u, uint32_t v, int32_t a, int32_t d,
 *                        int n, int room)
 * which writes the first pixels of a run of n (u, v the Q16 source point
 * of the first, stepping by a and d), may store up to 3 * room bytes at out,
 * and returns how many it wrote; the rest of the run is done here. `last` is
 * the byte offset of the source's last pixel, which must not be read as a
 * 32-bit word. */
#ifndef GFX_REMAP_SPAN_H
#define GFX_REMAP_SPAN_H

#include <stdint.h>
#include <string.h>

#include "kernel_contracts.h"

static inline int64_t remap_floor_div(int64_t n, int64_t d)
{
    int64_t q = n / d;
    return (n % d != 0 && ((n < 0) != (d < 0))) ? q - 1 : q;
}

/* The x in [0, width) with 0 <= g0 + k x < limit, as [*lo, *hi). */
static inline void remap_interval(int64_t g0, int64_t k, int64_t limit, int width, int *lo, int *hi)
{
    int64_t first, last; /* inclusive */
    if (k == 0) {
        first = 0, last = (g0 >= 0 && g0 < limit) ? width - 1 : -1;
    } else if (k > 0) {
        first = -remap_floor_div(g0, k); /* ceil(-g0 / k) */
        last = remap_floor_div(limit - 1 - g0, k);
    } else {
        first = -remap_floor_div(g0 - (limit - 1), k); /* ceil((limit - 1 - g0) / k) */
        last = remap_floor_div(-g0, k);
    }
    if (first < 0)
        first = 0;
    if (last > width - 1)
        last = width - 1;
    *lo = (int)(first <= last ? first : 0);
    *hi = (int)(first <= last ? last + 1 : 0);
}

typedef struct remap_row {
    int x0, x1;   /* the run whose source is inside */
    int64_t u, v; /* at x0 */
} remap_row;

static inline remap_row remap_row_span(const gfx_affine_q16 *t, int y, int dst_width, int src_width,
                                       int src_height)
{
    const int64_t u0 = (int64_t)t->b * y + t->c, v0 = (int64_t)t->e * y + t->f;
    int ux0, ux1, vx0, vx1;
    remap_interval(u0, t->a, (int64_t)src_width << 16, dst_width, &ux0, &ux1);
    remap_interval(v0, t->d, (int64_t)src_height << 16, dst_width, &vx0, &vx1);
    remap_row r;
    r.x0 = ux0 > vx0 ? ux0 : vx0;
    r.x1 = ux1 < vx1 ? ux1 : vx1;
    if (r.x1 < r.x0)
        r.x0 = r.x1 = 0;
    r.u = u0 + (int64_t)t->a * r.x0;
    r.v = v0 + (int64_t)t->d * r.x0;
    return r;
}

/* Rows whose x map is the same for every row (b = d = 0: zoom, shrink,
 * mirror; the source row depends on y alone) with |a| <= 1.25 pixels:
 * four dst pixels come from at most five neighbouring source pixels, so
 * each group of four is one 16-byte load from the source row and one byte
 * shuffle, from a table of (source byte offset, shuffle) built once per
 * call and CHUNK groups at a time. The including file may define
 *   REMAP_GROUP(out, in, ctrl)   out[i] = in[ctrl[i]] for i < 16 (ctrl < 16)
 * to take this path; a group whose 16 bytes would leave the source row's
 * pixels or the dst row is copied pixel by pixel. */
#define REMAP_GROUP_CHUNK 512
#define REMAP_GROUP_MAX_STEP 81920 /* 1.25 pixels in Q16 */

typedef struct remap_group {
    uint8_t ctrl[16];
    int32_t base; /* byte offset in the source row; -1: pixel by pixel */
} remap_group;

static inline int remap_shares_x_map(const gfx_affine_q16 *t)
{
    return t->b == 0 && t->d == 0 && t->a != 0 && t->a >= -REMAP_GROUP_MAX_STEP &&
           t->a <= REMAP_GROUP_MAX_STEP;
}

/* sx of dst column x when the x map is shared */
static inline int remap_column(const gfx_affine_q16 *t, int x)
{
    return (int)(((int64_t)t->a * x + t->c) >> 16); /* >= 0 inside the run */
}

static void remap_group_build(remap_group *g, const gfx_affine_q16 *t, int x, int dst_width,
                              int src_width)
{
    int sx[4], lo = INT32_MAX, hi = 0;
    for (int i = 0; i < 4; i++) {
        sx[i] = remap_column(t, x + i);
        lo = sx[i] < lo ? sx[i] : lo;
        hi = sx[i] > hi ? sx[i] : hi;
    }
    g->base = -1;
    if (hi - lo > 4 || 3 * lo + 16 > 3 * src_width || 3 * x + 16 > 3 * dst_width)
        return;
    g->base = 3 * lo;
    for (int i = 0; i < 16; i++)
        g->ctrl[i] = (uint8_t)(i < 12 ? 3 * (sx[i / 3] - lo) + i % 3 : i);
}

#ifdef REMAP_GROUP
static void remap_shared_x(uint8_t *dst, ptrdiff_t dst_stride, int dst_width, int dst_height,
                           const uint8_t *src, ptrdiff_t src_stride, int src_width, int src_height,
                           const gfx_affine_q16 *t)
{
    int x0, x1;
    remap_interval(t->c, t->a, (int64_t)src_width << 16, dst_width, &x0, &x1);
    const int groups = (x1 - x0) / 4;
    remap_group table[REMAP_GROUP_CHUNK];
    for (int first = 0; first < groups; first += REMAP_GROUP_CHUNK) {
        const int count = groups - first < REMAP_GROUP_CHUNK ? groups - first : REMAP_GROUP_CHUNK;
        for (int g = 0; g < count; g++)
            remap_group_build(&table[g], t, x0 + 4 * (first + g), dst_width, src_width);
        for (int y = 0; y < dst_height; y++) {
            const int64_t sy = gfx_floor_q16((int64_t)t->e * y + t->f);
            if (sy < 0 || sy >= src_height)
                continue;
            const uint8_t *row = src + sy * src_stride;
            /* the next source row, fetched as this one is read: a mirror
             * reads rows backwards, which the hardware prefetchers leave
             * alone (1080p mirror 0.80 -> 0.45 ms on AVX-512) */
            const uint8_t *ahead = sy + 1 < src_height ? row + src_stride : row;
            uint8_t *out = dst + y * dst_stride + 3 * (x0 + 4 * first);
            for (int g = 0; g < count; g++, out += 12) {
                if (table[g].base >= 0) {
                    __builtin_prefetch(ahead + table[g].base);
                    REMAP_GROUP(out, row + table[g].base, table[g].ctrl);
                    continue;
                }
                for (int i = 0; i < 4; i++)
                    memcpy(out + 3 * i, row + 3 * remap_column(t, x0 + 4 * (first + g) + i), 3);
            }
        }
    }
    /* the black around the run, black rows, and the run's last pixels */
    for (int y = 0; y < dst_height; y++) {
        uint8_t *out = dst + y * dst_stride;
        const int64_t sy = gfx_floor_q16((int64_t)t->e * y + t->f);
        if (sy < 0 || sy >= src_height || x1 == x0) {
            memset(out, 0, 3 * (size_t)dst_width);
            continue;
        }
        const uint8_t *row = src + sy * src_stride;
        memset(out, 0, 3 * (size_t)x0);
        for (int x = x0 + 4 * groups; x < x1; x++)
            memcpy(out + 3 * x, row + 3 * remap_column(t, x), 3);
        memset(out + 3 * x1, 0, 3 * (size_t)(dst_width - x1));
    }
}
#endif

static void remap_variant(uint8_t *dst, ptrdiff_t dst_stride, int dst_width, int dst_height,
                          const uint8_t *src, ptrdiff_t src_stride, int src_width, int src_height,
                          const gfx_affine_q16 *t)
{
    gfx_check_remap_affine(dst, dst_stride, dst_width, dst_height, src, src_stride, src_width,
                           src_height, t);
    assert(src_width < 32768 && src_height < 32768);
    const int shifted_copy = t->a == 65536 && t->d == 0;
#ifdef REMAP_GROUP
    if (!shifted_copy && remap_shares_x_map(t)) {
        remap_shared_x(dst, dst_stride, dst_width, dst_height, src, src_stride, src_width,
                       src_height, t);
        return;
    }
#endif
    const uint32_t last = (uint32_t)((src_height - 1) * src_stride + 3 * (src_width - 1));
    for (int y = 0; y < dst_height; y++) {
        uint8_t *out = dst + y * dst_stride;
        const remap_row r = remap_row_span(t, y, dst_width, src_width, src_height);
        const int n = r.x1 - r.x0;
        memset(out, 0, 3 * (size_t)r.x0);
        if (n > 0 && shifted_copy) {
            memcpy(out + 3 * r.x0, src + (r.v >> 16) * src_stride + 3 * (r.u >> 16), 3 * (size_t)n);
        } else if (n > 0) {
            int done = remap_run(out + 3 * r.x0, src, src_stride, last, (uint32_t)r.u,
                                 (uint32_t)r.v, t->a, t->d, n, dst_width - r.x0);
            for (int i = done; i < n; i++) {
                const int64_t u = r.u + (int64_t)t->a * i, v = r.v + (int64_t)t->d * i;
                memcpy(out + 3 * (r.x0 + i), src + (v >> 16) * src_stride + 3 * (u >> 16), 3);
            }
        }
        memset(out + 3 * r.x1, 0, 3 * (size_t)(dst_width - r.x1));
    }
}

#endif
