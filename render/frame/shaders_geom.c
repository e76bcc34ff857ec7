#include "shaders_geom.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gfx_kernels.h"
#include "palette.h"
#include "shaders.h"

/* --------------------------------------------------------------- caches */
/* Tables for four steps at once: a crossfade alternates two segments'
 * chains, each of which may hold a couple of table shaders. */
#define GEOM_SLOTS 4
#define GLITCH_MAX_BLOCK 256 /* block_glitch's max_size maximum */

struct geom_slot {
    int shader; /* -1: empty */
    float key[3];
    uint32_t seed_key;
    uint32_t *tables; /* n_tables * width * height */
    int n_tables;     /* how many the allocation holds */
    unsigned last_use;
};

struct gfx_geom_cache {
    int width, height;
    struct geom_slot slots[GEOM_SLOTS];
    unsigned use_clock;
    uint8_t *mask;          /* reverse_vignette's gain; allocated on first use */
    float mask_key;         /* its strength; NAN = none */
    gfx_image half, half2;  /* soft_focus at half size; allocated on first use */
    gfx_image far;          /* radial_blur's outer samples; allocated on first use */
    uint16_t *blur_scratch; /* box_blur3's for the half size */
    uint8_t *grey;          /* edge_glow: three rows of luma, one of edge strengths */
    uint8_t *row;           /* one row or column of pixels */
    uint64_t *sort;         /* pixel_sort's keys, one row or column */
    uint8_t *block;         /* block_glitch's rectangle */
    uint32_t *scratch;      /* 3 W: halftone's column sums, wave_distort's column shifts */
    uint8_t *rot;           /* channel_shift: three rotated rows */
    size_t bytes;
};

gfx_geom_cache *gfx_geom_cache_create(int width, int height)
{
    gfx_geom_cache *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->width = width, c->height = height;
    int longest = width > height ? width : height;
    c->grey = malloc(4 * (size_t)width);
    c->row = malloc(3 * (size_t)longest);
    c->sort = malloc((size_t)longest * sizeof *c->sort);
    c->block = malloc(3 * (size_t)GLITCH_MAX_BLOCK * GLITCH_MAX_BLOCK);
    c->scratch = malloc(3 * (size_t)width * sizeof *c->scratch);
    c->rot = malloc(9 * (size_t)width);
    if (!c->grey || !c->row || !c->sort || !c->block || !c->scratch || !c->rot) {
        gfx_geom_cache_free(c);
        return NULL;
    }
    c->mask_key = NAN;
    for (int i = 0; i < GEOM_SLOTS; i++)
        c->slots[i].shader = -1;
    c->bytes = sizeof *c + 4 * (size_t)width + 3 * (size_t)longest +
               (size_t)longest * sizeof *c->sort + 3 * (size_t)GLITCH_MAX_BLOCK * GLITCH_MAX_BLOCK +
               3 * (size_t)width * sizeof *c->scratch + 9 * (size_t)width;
    return c;
}

void gfx_geom_cache_free(gfx_geom_cache *c)
{
    if (!c)
        return;
    for (int i = 0; i < GEOM_SLOTS; i++)
        free(c->slots[i].tables);
    free(c->mask), free(c->blur_scratch), free(c->grey), free(c->row), free(c->sort);
    free(c->block), free(c->scratch), free(c->rot);
    gfx_image_free(&c->half);
    gfx_image_free(&c->half2);
    gfx_image_free(&c->far);
    free(c);
}

size_t gfx_geom_cache_bytes(const gfx_geom_cache *c)
{
    return c->bytes;
}

static inline int clampi(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* Source pixel (sx, sy), clamped into the frame, as a byte offset. */
static inline uint32_t clamped_offset(const gfx_geom_cache *c, ptrdiff_t stride, double sx,
                                      double sy)
{
    int x = clampi((int)floor(sx), 0, c->width - 1), y = clampi((int)floor(sy), 0, c->height - 1);
    return (uint32_t)(y * stride + 3 * x);
}

/* ------------------------------------------------------- table builders */
/* Each fills n tables of width * height offsets into a canvas of `stride`
 * for its parameters p (and the seed key where it draws noise). */
typedef void (*table_build_fn)(const gfx_geom_cache *c, uint32_t *t, ptrdiff_t stride,
                               const float *p, uint32_t seed_key);

/* Polar fold around the centre: angle θ in [0, 2π) folded into one wedge
 * of 2π/folds and reflected about the wedge's middle, radius kept. */
static void build_kaleidoscope(const gfx_geom_cache *c, uint32_t *t, ptrdiff_t stride,
                               const float *p, uint32_t seed_key)
{
    (void)seed_key;
    int folds = (int)lroundf(p[0]);
    double wedge = 2.0 * M_PI / folds, cx = c->width / 2.0, cy = c->height / 2.0;
    for (int y = 0; y < c->height; y++)
        for (int x = 0; x < c->width; x++) {
            double dx = x + 0.5 - cx, dy = y + 0.5 - cy, rho = sqrt(dx * dx + dy * dy);
            double theta = atan2(dy, dx);
            if (theta < 0.0)
                theta += 2.0 * M_PI;
            double a = fabs(fmod(theta, wedge) - wedge / 2.0);
            *t++ = clamped_offset(c, stride, cx + rho * cos(a), cy + rho * sin(a));
        }
}

/* side 0 keeps the left (top) half and reflects it over the other; 1 the
 * right (bottom). */
static inline int mirror_coord(int v, int n, int keep_far)
{
    int r = n - 1 - v;
    return keep_far ? (v > r ? v : r) : (v < r ? v : r);
}

static void build_mirror_h(const gfx_geom_cache *c, uint32_t *t, ptrdiff_t stride, const float *p,
                           uint32_t seed_key)
{
    (void)seed_key;
    int far = lroundf(p[0]) != 0;
    for (int y = 0; y < c->height; y++)
        for (int x = 0; x < c->width; x++)
            *t++ = (uint32_t)(y * stride + 3 * mirror_coord(x, c->width, far));
}

static void build_mirror_v(const gfx_geom_cache *c, uint32_t *t, ptrdiff_t stride, const float *p,
                           uint32_t seed_key)
{
    (void)seed_key;
    int far = lroundf(p[0]) != 0;
    for (int y = 0; y < c->height; y++)
        for (int x = 0; x < c->width; x++)
            *t++ = (uint32_t)(mirror_coord(y, c->height, far) * stride + 3 * x);
}

/* quadrant: 0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right. */
static void build_mirror_quad(const gfx_geom_cache *c, uint32_t *t, ptrdiff_t stride,
                              const float *p, uint32_t seed_key)
{
    (void)seed_key;
    int q = (int)lroundf(p[0]), right = q & 1, bottom = q >> 1;
    for (int y = 0; y < c->height; y++)
        for (int x = 0; x < c->width; x++)
            *t++ = (uint32_t)(mirror_coord(y, c->height, bottom) * stride +
                              3 * mirror_coord(x, c->width, right));
}

/* v folded into [lo, hi] by reflecting off both ends (a triangle wave), so
 * a reflection that runs past the frame's edge bounces back instead of
 * repeating the edge pixel. */
static int fold_into(int v, int lo, int hi)
{
    int span = hi - lo;
    if (span == 0)
        return lo;
    int m = (v - lo) % (2 * span);
    m = m < 0 ? m + 2 * span : m;
    return lo + (m <= span ? m : 2 * span - m);
}

/* Row y is reflected about d = floor(W y / H): side 0 replaces the pixels
 * right of d by the ones to its left (2d - x, folded back into [0, d] where
 * it runs past the left edge), side 1 the reverse (folded into
 * [d, W - 1]). */
static void build_mirror_diag(const gfx_geom_cache *c, uint32_t *t, ptrdiff_t stride,
                              const float *p, uint32_t seed_key)
{
    (void)seed_key;
    int right_of = lroundf(p[0]) == 0;
    for (int y = 0; y < c->height; y++) {
        int d = (int)((int64_t)c->width * y / c->height);
        for (int x = 0; x < c->width; x++) {
            int sx = x;
            if (right_of && x > d)
                sx = fold_into(2 * d - x, 0, d);
            else if (!right_of && x < d)
                sx = fold_into(2 * d - x, d, c->width - 1);
            *t++ = (uint32_t)(y * stride + 3 * sx);
        }
    }
}

/* Each block x block square takes its top-left pixel. */
static void build_pixelate(const gfx_geom_cache *c, uint32_t *t, ptrdiff_t stride, const float *p,
                           uint32_t seed_key)
{
    (void)seed_key;
    int b = (int)lroundf(p[0]);
    for (int y = 0; y < c->height; y++)
        for (int x = 0; x < c->width; x++)
            *t++ = (uint32_t)((y - y % b) * stride + 3 * (x - x % b));
}

/* One noise field and the lattice cell it last read: neighbouring pixels
 * share a cell, so its four corner hashes are taken once per cell. */
struct noise_field {
    uint32_t key;
    int ix, iy; /* the cell v[] holds; INT_MIN: none yet */
    double v[4];
};

/* Value noise in [-1, 1]: hashed lattice values at integer (x, y),
 * blended with smoothstep weights. */
static double value_noise(struct noise_field *n, double x, double y)
{
    int ix = (int)floor(x), iy = (int)floor(y);
    if (ix != n->ix || iy != n->iy) {
        for (int k = 0; k < 4; k++) {
            uint32_t h = gfx_hash32(n->key ^ gfx_hash32((uint32_t)(ix + (k & 1)) * 0x9e3779b1u ^
                                                        (uint32_t)(iy + (k >> 1))));
            n->v[k] = (double)h / 2147483647.5 - 1.0;
        }
        n->ix = ix, n->iy = iy;
    }
    double fx = x - ix, fy = y - iy;
    fx = fx * fx * (3.0 - 2.0 * fx), fy = fy * fy * (3.0 - 2.0 * fy);
    const double *v = n->v;
    double top = v[0] + (v[1] - v[0]) * fx, bottom = v[2] + (v[3] - v[2]) * fx;
    return top + (bottom - top) * fy;
}

/* Sampled at p + floor(strength * n), n two smooth noise fields (one per
 * axis) of feature size `scale` pixels, clamped to the frame. */
static void build_displacement(const gfx_geom_cache *c, uint32_t *t, ptrdiff_t stride,
                               const float *p, uint32_t seed_key)
{
    double strength = p[0], scale = p[1];
    struct noise_field nx = {.key = gfx_hash32(seed_key ^ 0x5851f42du), .ix = INT_MIN};
    struct noise_field ny = {.key = gfx_hash32(seed_key ^ 0x14057b7eu), .ix = INT_MIN};
    for (int y = 0; y < c->height; y++)
        for (int x = 0; x < c->width; x++) {
            double u = x / scale, v = y / scale;
            double dx = floor(strength * value_noise(&nx, u, v));
            double dy = floor(strength * value_noise(&ny, u, v));
            *t++ = clamped_offset(c, stride, x + dx, y + dy);
        }
}

/* Two tables: red's source at p + o and blue's at p - o, with
 * o = (p - centre) strength / (the centre's distance to a corner). */
static void build_rgb_split(const gfx_geom_cache *c, uint32_t *t, ptrdiff_t stride, const float *p,
                            uint32_t seed_key)
{
    (void)seed_key;
    double cx = c->width / 2.0, cy = c->height / 2.0, k = p[0] / sqrt(cx * cx + cy * cy);
    uint32_t *blue = t + (size_t)c->width * (size_t)c->height;
    for (int y = 0; y < c->height; y++)
        for (int x = 0; x < c->width; x++) {
            double px = x + 0.5, py = y + 0.5, ox = (px - cx) * k, oy = (py - cy) * k;
            *t++ = clamped_offset(c, stride, px + ox, py + oy);
            *blue++ = clamped_offset(c, stride, px - ox, py - oy);
        }
}

/* Two tables: the samples at p + s (p - centre) and p + 2 s (p - centre). */
static void build_radial(const gfx_geom_cache *c, uint32_t *t, ptrdiff_t stride, const float *p,
                         uint32_t seed_key)
{
    (void)seed_key;
    double s = p[0], cx = c->width / 2.0, cy = c->height / 2.0;
    uint32_t *far = t + (size_t)c->width * (size_t)c->height;
    for (int y = 0; y < c->height; y++)
        for (int x = 0; x < c->width; x++) {
            double px = x + 0.5, py = y + 0.5, ox = s * (px - cx), oy = s * (py - cy);
            *t++ = clamped_offset(c, stride, px + ox, py + oy);
            *far++ = clamped_offset(c, stride, px + 2.0 * ox, py + 2.0 * oy);
        }
}

/* The slot for this shader and key (the LRU one rebuilt otherwise). */
static const uint32_t *table_lookup(gfx_geom_cache *c, int shader, const float *p, int n_keys,
                                    int n_tables, uint32_t seed_key, ptrdiff_t stride,
                                    table_build_fn build)
{
    float key[3] = {0};
    for (int i = 0; i < n_keys; i++)
        key[i] = p[i];
    struct geom_slot *victim = &c->slots[0];
    for (int i = 0; i < GEOM_SLOTS; i++) {
        struct geom_slot *s = &c->slots[i];
        if (s->shader == shader && s->seed_key == seed_key && !memcmp(s->key, key, sizeof key)) {
            s->last_use = ++c->use_clock;
            return s->tables;
        }
        if (s->shader < 0 || s->last_use < victim->last_use)
            victim = s;
    }
    size_t one = (size_t)c->width * (size_t)c->height * sizeof(uint32_t);
    if (victim->n_tables < n_tables) {
        uint32_t *grown = realloc(victim->tables, (size_t)n_tables * one);
        if (!grown)
            return NULL;
        victim->tables = grown;
        c->bytes += (size_t)(n_tables - victim->n_tables) * one;
        victim->n_tables = n_tables;
    }
    build(c, victim->tables, stride, p, seed_key);
    victim->shader = shader;
    memcpy(victim->key, key, sizeof key);
    victim->seed_key = seed_key;
    victim->last_use = ++c->use_clock;
    return victim->tables;
}

static void swap_images(gfx_image *a, gfx_image *b)
{
    gfx_image t = *a;
    *a = *b;
    *b = t;
}

/* ------------------------------------------------------------- per frame */
/* Axis 0: row y rolled right by floor(amp sin(freq y + 3 t)) pixels,
 * wrapping; axis 1: column x rolled down likewise by its own x. */
static void run_wave(gfx_geom_cache *c, gfx_image *img, gfx_image *out, const float *p, double time)
{
    double freq = p[0], amp = p[1];
    int w = c->width, h = c->height;
    if (lroundf(p[2]) == 0) {
        for (int y = 0; y < h; y++) {
            int s = (int)floor(amp * sin(freq * y + 3.0 * time)) % w;
            s = s < 0 ? s + w : s;
            const uint8_t *src = img->px + y * img->stride;
            uint8_t *dst = out->px + y * out->stride;
            memcpy(dst + 3 * s, src, 3 * (size_t)(w - s));
            memcpy(dst, src + 3 * (w - s), 3 * (size_t)s);
        }
        return;
    }
    uint32_t *shift = c->scratch; /* per column, written row by row below */
    for (int x = 0; x < w; x++) {
        int s = (int)floor(amp * sin(freq * x + 3.0 * time)) % h;
        shift[x] = (uint32_t)(s < 0 ? s + h : s);
    }
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            int sy = y - (int)shift[x] < 0 ? y - (int)shift[x] + h : y - (int)shift[x];
            memcpy(out->px + y * out->stride + 3 * x, img->px + sy * img->stride + 3 * x, 3);
        }
}

/* dst[(i + by) mod n] = src[i]. */
static void rotate_bytes(uint8_t *dst, const uint8_t *src, size_t n, size_t by)
{
    memcpy(dst + by, src, n - by);
    memcpy(dst, src + n - by, by);
}

/* out's R, G and B bytes from r, g and b: byte masks over blocks of 48 (a
 * multiple of 3 and of the vector widths), which the compiler vectorizes. */
enum { CHANNEL_BLOCK = 48 };
static void merge_channels(uint8_t *restrict out, const uint8_t *restrict r,
                           const uint8_t *restrict g, const uint8_t *restrict b, size_t n)
{
    uint8_t mr[CHANNEL_BLOCK], mg[CHANNEL_BLOCK], mb[CHANNEL_BLOCK];
    for (int k = 0; k < CHANNEL_BLOCK; k++) {
        mr[k] = k % 3 == 0 ? 0xff : 0;
        mg[k] = k % 3 == 1 ? 0xff : 0;
        mb[k] = k % 3 == 2 ? 0xff : 0;
    }
    size_t i = 0;
    for (; i + CHANNEL_BLOCK <= n; i += CHANNEL_BLOCK)
        for (int k = 0; k < CHANNEL_BLOCK; k++)
            out[i + k] = (uint8_t)((r[i + k] & mr[k]) | (g[i + k] & mg[k]) | (b[i + k] & mb[k]));
    for (; i < n; i++)
        out[i] = i % 3 == 0 ? r[i] : i % 3 == 1 ? g[i] : b[i];
}

/* Channel ch of pixel (x, y) from ((x - sx) mod W, (y - sy) mod H): per
 * row, each channel's source row rotated by 3 sx bytes (which keeps the
 * channels in place), then the three merged. */
static void run_channel_shift(gfx_geom_cache *c, gfx_image *img, gfx_image *out, const float *p)
{
    int w = c->width, h = c->height;
    size_t n = 3 * (size_t)w;
    size_t by[3];
    int sy[3];
    for (int ch = 0; ch < 3; ch++) {
        int sx = (int)lroundf(p[2 * ch]) % w;
        sy[ch] = (int)lroundf(p[2 * ch + 1]) % h;
        by[ch] = 3 * (size_t)(sx < 0 ? sx + w : sx);
        sy[ch] = sy[ch] < 0 ? sy[ch] + h : sy[ch];
    }
    uint8_t *rows[3] = {c->rot, c->rot + n, c->rot + 2 * n};
    for (int y = 0; y < h; y++) {
        for (int ch = 0; ch < 3; ch++) {
            int yy = y - sy[ch] < 0 ? y - sy[ch] + h : y - sy[ch];
            rotate_bytes(rows[ch], img->px + yy * img->stride, n, by[ch]);
        }
        merge_channels(out->px + y * out->stride, rows[0], rows[1], rows[2], n);
    }
}

static void run_rgb_split(const gfx_geom_cache *c, const uint32_t *red, gfx_image *img,
                          gfx_image *out)
{
    const uint32_t *blue = red + (size_t)c->width * (size_t)c->height;
    for (int y = 0; y < c->height; y++) {
        uint8_t *dst = out->px + y * out->stride;
        const uint8_t *mid = img->px + y * img->stride;
        for (int x = 0; x < c->width; x++, red++, blue++) {
            dst[3 * x] = img->px[*red];
            dst[3 * x + 1] = mid[3 * x + 1];
            dst[3 * x + 2] = img->px[*blue + 2];
        }
    }
}

/* Loops over bytes in blocks with a fixed trip count, which the compiler
 * vectorizes at -O2. */
enum { BYTE_BLOCK = 64 };

/* dst = (dst + a + b + 1) / 3 per byte, rounded with ties up, as
 * ((s + 1) 21846) >> 16: exact for s + 1 <= 766 (the error, under 0.008,
 * never carries a fraction of at most 2/3 past the next integer). */
static void mean3_bytes(uint8_t *restrict dst, const uint8_t *restrict a, const uint8_t *restrict b,
                        size_t n)
{
    size_t i = 0;
    for (; i + BYTE_BLOCK <= n; i += BYTE_BLOCK)
        for (int k = 0; k < BYTE_BLOCK; k++)
            dst[i + k] =
                (uint8_t)(((uint32_t)(dst[i + k] + a[i + k] + b[i + k] + 1) * 21846) >> 16);
    for (; i < n; i++)
        dst[i] = (uint8_t)((dst[i] + a[i] + b[i] + 1) / 3);
}

/* The two outer samples through the remap_table kernel, into out and
 * c->far (allocated on first use), then the mean of three into out. */
static int run_radial(gfx_geom_cache *c, const uint32_t *near, gfx_image *img, gfx_image *out)
{
    if (!c->far.px) {
        if (gfx_image_alloc(&c->far, c->width, c->height))
            return -1;
        c->bytes += gfx_image_bytes(&c->far);
    }
    const struct gfx_kernels *k = gfx_kernels_get();
    const uint32_t *far = near + (size_t)c->width * (size_t)c->height;
    k->remap_table(out->px, out->stride, img->px, near, c->width, c->height);
    k->remap_table(c->far.px, c->far.stride, img->px, far, c->width, c->height);
    for (int y = 0; y < c->height; y++)
        mean3_bytes(out->px + y * out->stride, img->px + y * img->stride,
                    c->far.px + y * c->far.stride, 3 * (size_t)c->width);
    return 0;
}

static inline uint8_t luma(const uint8_t *px)
{
    return (uint8_t)((77 * px[0] + 150 * px[1] + 29 * px[2] + 128) >> 8);
}

static void luma_row(uint8_t *grey, const uint8_t *row, int width)
{
    for (int x = 0; x < width; x++)
        grey[x] = luma(row + 3 * x);
}

static inline uint8_t edge_at(const uint8_t *up, const uint8_t *mid, const uint8_t *down, int left,
                              int x, int right)
{
    int e = 2 * (abs(mid[right] - mid[left]) + abs(down[x] - up[x]));
    return (uint8_t)(e > 255 ? 255 : e);
}

static void edge_row(uint8_t *restrict e, const uint8_t *restrict up, const uint8_t *restrict mid,
                     const uint8_t *restrict down, int w)
{
    e[0] = edge_at(up, mid, down, 0, 0, w > 1 ? 1 : 0);
    int x = 1;
    for (; x + BYTE_BLOCK < w; x += BYTE_BLOCK)
        for (int k = 0; k < BYTE_BLOCK; k++) {
            int v = 2 * (abs(mid[x + k + 1] - mid[x + k - 1]) + abs(down[x + k] - up[x + k]));
            e[x + k] = (uint8_t)(v > 255 ? 255 : v);
        }
    for (; x < w; x++)
        e[x] = edge_at(up, mid, down, x - 1, x, x + 1 < w ? x + 1 : x);
}

static void add_saturate(uint8_t *restrict dst, const uint8_t *restrict add, size_t n)
{
    size_t i = 0;
    for (; i + BYTE_BLOCK <= n; i += BYTE_BLOCK)
        for (int k = 0; k < BYTE_BLOCK; k++) {
            unsigned v = (unsigned)dst[i + k] + add[i + k];
            dst[i + k] = (uint8_t)(v > 255 ? 255 : v);
        }
    for (; i < n; i++)
        dst[i] = gfx_sat_u8(dst[i] + add[i]);
}

/* e = min(255, 2 (|g(x+1) - g(x-1)| + |g(y+1) - g(y-1)|)) on the luma g
 * (edges clamped), and (colour * e + 255) / 510 added with saturation:
 * HSV(hue, 0.8, 0.5 e) in bytes, looked up per e. In place: the luma of the
 * rows around y is taken before row y changes. */
static void run_edge_glow(gfx_geom_cache *c, gfx_image *img, float hue)
{
    int w = c->width, h = c->height;
    uint8_t colour[3], glow[256][3];
    const float full = 1.0f;
    gfx_hsv_to_rgb(colour, &hue, 0.8f, &full, 1);
    for (int e = 0; e < 256; e++)
        for (int ch = 0; ch < 3; ch++)
            glow[e][ch] = (uint8_t)((colour[ch] * e + 255) / 510);
    uint8_t *rows[3] = {c->grey, c->grey + w, c->grey + 2 * w}, *edge = c->grey + 3 * w;
    luma_row(rows[1], img->px, w);
    memcpy(rows[0], rows[1], (size_t)w);
    for (int y = 0; y < h; y++) {
        uint8_t *row = img->px + y * img->stride;
        if (y + 1 < h)
            luma_row(rows[2], row + img->stride, w);
        else
            memcpy(rows[2], rows[1], (size_t)w);
        edge_row(edge, rows[0], rows[1], rows[2], w);
        for (int x = 0; x < w; x++)
            memcpy(c->row + 3 * x, glow[edge[x]], 3);
        add_saturate(row, c->row, 3 * (size_t)w);
        uint8_t *t = rows[0];
        rows[0] = rows[1], rows[1] = rows[2], rows[2] = t;
    }
}

/* dst = (dst keep + src s + 128) >> 8, keep + s = 256: the sum is at most
 * 255 * 256 + 128, so it fits 16-bit lanes. */
static void mix_bytes(uint8_t *restrict dst, const uint8_t *restrict src, size_t n, uint16_t keep,
                      uint16_t s)
{
    size_t i = 0;
    for (; i + BYTE_BLOCK <= n; i += BYTE_BLOCK)
        for (int k = 0; k < BYTE_BLOCK; k++)
            dst[i + k] = (uint8_t)((uint16_t)(dst[i + k] * keep + src[i + k] * s + 128) >> 8);
    for (; i < n; i++)
        dst[i] = (uint8_t)((uint16_t)(dst[i] * keep + src[i] * s + 128) >> 8);
}

/* Every second pixel, one 3x3 box blur (the bloom kernel's), back up by
 * nearest neighbour and mixed in: (x (256 - s) + blur s + 128) >> 8. */
/* soft_focus's half-size images and blur scratch, allocated on its first
 * use (most scenes never ask for it). */
static int ensure_half(gfx_geom_cache *c)
{
    if (c->blur_scratch)
        return 0;
    int hw = (c->width + 1) / 2, hh = (c->height + 1) / 2;
    size_t scratch = GFX_BOX_BLUR3_SCRATCH(hw) * sizeof *c->blur_scratch;
    if (gfx_image_alloc(&c->half, hw, hh) || gfx_image_alloc(&c->half2, hw, hh) ||
        !(c->blur_scratch = malloc(scratch))) {
        gfx_image_free(&c->half);
        gfx_image_free(&c->half2);
        return -1;
    }
    c->bytes += 2 * gfx_image_bytes(&c->half) + scratch;
    return 0;
}

static void run_soft_focus(gfx_geom_cache *c, gfx_image *img, float strength)
{
    const struct gfx_kernels *kernels = gfx_kernels_get();
    gfx_image *half = &c->half, *blur = &c->half2;
    for (int y = 0; y < half->height; y++)
        for (int x = 0; x < half->width; x++)
            memcpy(half->px + y * half->stride + 3 * x, img->px + 2 * y * img->stride + 6 * x, 3);
    kernels->box_blur3(blur->px, blur->stride, half->px, half->stride, half->width, half->height,
                       c->blur_scratch);
    uint16_t s = (uint16_t)lroundf(strength * 256.0f), keep = (uint16_t)(256 - s);
    size_t n = 3 * (size_t)c->width;
    for (int y = 0; y < c->height; y++) {
        uint8_t *row = img->px + y * img->stride, *up = c->row;
        const uint8_t *b = blur->px + (y / 2) * blur->stride;
        if (y % 2 == 0) /* the blurred row at full width, shared by rows y and y + 1 */
            for (int x = 0; x < c->width; x++)
                memcpy(up + 3 * x, b + 3 * (x / 2), 3);
        mix_bytes(row, up, n, keep, s);
    }
}

/* The vignette's coordinates (X, Y evenly over [-1, 1]) with the gain
 * clamp(1 - strength (1 - 0.7 r), 0.2, 1): darkest in the middle. */
static int build_reverse_vignette(gfx_geom_cache *c, float strength)
{
    if (!c->mask) { /* allocated on first use */
        if (!(c->mask = malloc((size_t)c->width * (size_t)c->height)))
            return -1;
        c->bytes += (size_t)c->width * (size_t)c->height;
    }
    int w = c->width, h = c->height;
    for (int y = 0; y < h; y++) {
        float v = h > 1 ? -1.0f + 2.0f * (float)y / (float)(h - 1) : 0.0f;
        for (int x = 0; x < w; x++) {
            float u = w > 1 ? -1.0f + 2.0f * (float)x / (float)(w - 1) : 0.0f;
            float m = 1.0f - strength * (1.0f - 0.7f * sqrtf(u * u + v * v));
            m = m < 0.2f ? 0.2f : m > 1.0f ? 1.0f : m;
            c->mask[(size_t)y * (size_t)w + (size_t)x] = (uint8_t)(m * 255.0f + 0.5f);
        }
    }
    c->mask_key = strength;
    return 0;
}

/* A print halftone: per dot x dot block (clipped at the edges), the mean
 * colour (R, G, B) of its pixels (each rounded) and m = max(R, G, B); a
 * disc around the block's centre whose area follows the brightness,
 * radius dot / 2 sqrt(m / 255), takes the mean colour at full brightness,
 * (255 c + m / 2) / m, and the rest of the block goes black. (The
 * catalogue's radius m dot / 2 with the pixels' own colour inside leaves
 * glyph art, mostly black between strokes, all but black.) In doubled
 * integer coordinates from the centre: 255 (dx^2 + dy^2) <= m dot^2. */
static void add_row_u32(uint32_t *restrict sums, const uint8_t *restrict row, size_t n)
{
    size_t i = 0;
    for (; i + BYTE_BLOCK <= n; i += BYTE_BLOCK)
        for (int k = 0; k < BYTE_BLOCK; k++)
            sums[i + k] += row[i + k];
    for (; i < n; i++)
        sums[i] += row[i];
}

static void run_halftone(const gfx_geom_cache *c, gfx_image *img, int dot)
{
    size_t n_bytes = 3 * (size_t)c->width;
    for (int by = 0; by < c->height; by += dot) {
        int bh = c->height - by < dot ? c->height - by : dot;
        /* the band's column sums per byte, then each block's from them */
        memset(c->scratch, 0, n_bytes * sizeof *c->scratch);
        for (int y = by; y < by + bh; y++)
            add_row_u32(c->scratch, img->px + y * img->stride, n_bytes);
        for (int bx = 0; bx < c->width; bx += dot) {
            int bw = c->width - bx < dot ? c->width - bx : dot;
            uint64_t sum[3] = {0};
            for (int x = bx; x < bx + bw; x++)
                for (int ch = 0; ch < 3; ch++)
                    sum[ch] += c->scratch[3 * x + ch];
            uint64_t n = (uint64_t)bw * (uint64_t)bh, mean[3], m = 0;
            for (int ch = 0; ch < 3; ch++) {
                mean[ch] = (sum[ch] + n / 2) / n;
                m = mean[ch] > m ? mean[ch] : m;
            }
            uint8_t ink[3] = {0};
            for (int ch = 0; ch < 3 && m > 0; ch++)
                ink[ch] = (uint8_t)((255 * mean[ch] + m / 2) / m);
            int64_t reach = (int64_t)m * dot * dot; /* 255 (dx^2 + dy^2) <= reach */
            for (int y = by; y < by + bh; y++) {
                uint8_t *row = img->px + y * img->stride + 3 * bx;
                memset(row, 0, 3 * (size_t)bw);
                int64_t dy = 2 * (y - by) + 1 - bh, left = reach - 255 * dy * dy;
                if (m == 0 || left < 0)
                    continue;
                /* the disc's span on this row, symmetric about the centre */
                int x0 = 0;
                while (x0 < bw && 255 * (int64_t)(2 * x0 + 1 - bw) * (2 * x0 + 1 - bw) > left)
                    x0++;
                for (int x = x0; x < bw - x0; x++)
                    memcpy(row + 3 * x, ink, 3);
            }
        }
    }
}

/* 2x2 blocks: h = hash(key, block); when its low 16 bits fall below
 * density * 65536 the block becomes hash(h)'s bytes (R = G = B = the first
 * one unless colour). */
static void run_static(const gfx_geom_cache *c, gfx_image *img, float density, int colour,
                       uint32_t key)
{
    uint32_t limit = (uint32_t)lroundf(density * 65536.0f);
    for (int by = 0; 2 * by < c->height; by++)
        for (int bx = 0; 2 * bx < c->width; bx++) {
            uint32_t h = gfx_hash32(key ^ ((uint32_t)by << 16 | (uint32_t)bx));
            if ((h & 0xffffu) >= limit)
                continue;
            uint32_t v = gfx_hash32(h);
            uint8_t rgb[3] = {(uint8_t)v, (uint8_t)(colour ? v >> 8 : v),
                              (uint8_t)(colour ? v >> 16 : v)};
            for (int y = 2 * by; y < 2 * by + 2 && y < c->height; y++)
                for (int x = 2 * bx; x < 2 * bx + 2 && x < c->width; x++)
                    memcpy(img->px + y * img->stride + 3 * x, rgb, 3);
        }
}

/* A uniform integer in [lo, hi] from a hash. */
static inline int uniform(uint32_t h, int lo, int hi)
{
    return lo + (int)(((uint64_t)h * (uint64_t)(hi - lo + 1)) >> 32);
}

/* Rolls row y of img right by s pixels (wrapping), through c->row. */
static void roll_row(gfx_geom_cache *c, gfx_image *img, int y, int s)
{
    int w = c->width;
    s %= w;
    s = s < 0 ? s + w : s;
    uint8_t *row = img->px + y * img->stride;
    memcpy(c->row, row, 3 * (size_t)w);
    memcpy(row + 3 * s, c->row, 3 * (size_t)(w - s));
    memcpy(row, c->row + 3 * (w - s), 3 * (size_t)s);
}

/* floor(3 + 10 bdecay) bands at hashed rows, each of height U[1, max(2,
 * floor(4 + 12 sub))], rolled sideways by (U - 0.5) shift bdecay pixels
 * (bdecay: the beat envelope, sub: the sub band). */
static void run_glitch_bands(gfx_geom_cache *c, gfx_image *img, float shift,
                             const gfx_param_inputs *in, uint32_t key)
{
    float bdecay = in->feat ? in->feat->beat_env : 0.0f;
    float sub = in->feat ? in->feat->bands[GFX_BAND_SUB] : 0.0f;
    int bands = (int)floorf(3.0f + 10.0f * bdecay), tallest = (int)floorf(4.0f + 12.0f * sub);
    tallest = tallest < 2 ? 2 : tallest;
    for (int b = 0; b < bands; b++) {
        uint32_t h = gfx_hash32(key ^ gfx_hash32(0x100u + (uint32_t)b));
        int top = uniform(h, 0, c->height - 1), height = uniform(gfx_hash32(h), 1, tallest);
        double u = gfx_hash32(h ^ 0xa5a5a5a5u) / 4294967296.0;
        int s = (int)floor((u - 0.5) * shift * bdecay);
        for (int y = top; y < top + height && y < c->height; y++)
            roll_row(c, img, y, s);
    }
}

/* n rectangles, w U[10, max], h U[5, max / 2], each copied (whole, through
 * a buffer) from a hashed place to another, clipped to the frame. */
static void run_block_glitch(gfx_geom_cache *c, gfx_image *img, int n, int max_size, uint32_t key)
{
    for (int i = 0; i < n; i++) {
        uint32_t h = gfx_hash32(key ^ gfx_hash32(0x200u + (uint32_t)i));
        int w = uniform(h, 10, max_size), hgt = uniform(gfx_hash32(h ^ 1u), 5, max_size / 2);
        w = w > c->width ? c->width : w, hgt = hgt > c->height ? c->height : hgt;
        int sx = uniform(gfx_hash32(h ^ 2u), 0, c->width - w);
        int sy = uniform(gfx_hash32(h ^ 3u), 0, c->height - hgt);
        int dx = uniform(gfx_hash32(h ^ 4u), 0, c->width - w);
        int dy = uniform(gfx_hash32(h ^ 5u), 0, c->height - hgt);
        for (int y = 0; y < hgt; y++)
            memcpy(c->block + 3 * (size_t)w * (size_t)y, img->px + (sy + y) * img->stride + 3 * sx,
                   3 * (size_t)w);
        for (int y = 0; y < hgt; y++)
            memcpy(img->px + (dy + y) * img->stride + 3 * dx, c->block + 3 * (size_t)w * (size_t)y,
                   3 * (size_t)w);
    }
}

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Ascending; keys are distinct (the position is part of each), so any
 * sort gives the same order: insertion for the short runs glyph strokes
 * make, qsort for long ones. */
static void sort_keys(uint64_t *keys, int n)
{
    if (n > 32) {
        qsort(keys, (size_t)n, sizeof *keys, compare_u64);
        return;
    }
    for (int i = 1; i < n; i++) {
        uint64_t k = keys[i];
        int j = i;
        for (; j > 0 && keys[j - 1] > k; j--)
            keys[j] = keys[j - 1];
        keys[j] = k;
    }
}

/* One line of n pixels `step` bytes apart: each run of more than 2 pixels
 * with R + G + B > 3 threshold sorted by R + G + B, darkest first (ties
 * keep their order: the position is part of the key). */
static void sort_line(gfx_geom_cache *c, uint8_t *line, ptrdiff_t step, int n, int threshold)
{
    int x = 0;
    while (x < n) {
        int start = x;
        while (x < n) {
            const uint8_t *px = line + x * step;
            if (px[0] + px[1] + px[2] <= 3 * threshold)
                break;
            x++;
        }
        int len = x - start;
        if (len > 2) {
            for (int i = 0; i < len; i++) {
                const uint8_t *px = line + (start + i) * step;
                uint64_t sum = (uint64_t)(px[0] + px[1] + px[2]);
                c->sort[i] = sum << 48 | (uint64_t)i << 24 | (uint64_t)px[0] << 16 |
                             (uint64_t)px[1] << 8 | px[2];
            }
            sort_keys(c->sort, len);
            for (int i = 0; i < len; i++) {
                uint8_t *px = line + (start + i) * step;
                px[0] = (uint8_t)(c->sort[i] >> 16), px[1] = (uint8_t)(c->sort[i] >> 8);
                px[2] = (uint8_t)c->sort[i];
            }
        }
        x++;
    }
}

/* Every third row (direction 0) or column (1), from the first. */
static void run_pixel_sort(gfx_geom_cache *c, gfx_image *img, int threshold, int columns)
{
    if (columns)
        for (int x = 0; x < c->width; x += 3)
            sort_line(c, img->px + 3 * x, img->stride, c->height, threshold);
    else
        for (int y = 0; y < c->height; y += 3)
            sort_line(c, img->px + y * img->stride, 3, c->width, threshold);
}

/* The frame as bytes: `count` chunks of `chunk` bytes, each at a hashed
 * offset, copied 3 chunks further on (clipped to the frame); the copies
 * land off the pixel grid, so colours shift channel-wise. */
static void run_data_bend(const gfx_geom_cache *c, gfx_image *img, int chunk, int count,
                          uint32_t key)
{
    size_t bytes = (size_t)img->stride * (size_t)c->height;
    if ((size_t)chunk * 4 >= bytes)
        return;
    for (int i = 0; i < count; i++) {
        uint32_t h = gfx_hash32(key ^ gfx_hash32(0x300u + (uint32_t)i));
        size_t from = (size_t)(((uint64_t)h * (uint64_t)(bytes - 4 * (size_t)chunk)) >> 32);
        memmove(img->px + from + 3 * (size_t)chunk, img->px + from, (size_t)chunk);
    }
}

int gfx_geom_shader_owns(int shader)
{
    switch (shader) {
    case GFX_SHADER_KALEIDOSCOPE:
    case GFX_SHADER_MIRROR_H:
    case GFX_SHADER_MIRROR_V:
    case GFX_SHADER_MIRROR_QUAD:
    case GFX_SHADER_MIRROR_DIAG:
    case GFX_SHADER_PIXELATE:
    case GFX_SHADER_DISPLACEMENT_MAP:
    case GFX_SHADER_WAVE_DISTORT:
    case GFX_SHADER_CHANNEL_SHIFT:
    case GFX_SHADER_RGB_SPLIT_RADIAL:
    case GFX_SHADER_EDGE_GLOW:
    case GFX_SHADER_SOFT_FOCUS:
    case GFX_SHADER_RADIAL_BLUR:
    case GFX_SHADER_REVERSE_VIGNETTE:
    case GFX_SHADER_HALFTONE:
    case GFX_SHADER_STATIC:
    case GFX_SHADER_GLITCH_BANDS:
    case GFX_SHADER_BLOCK_GLITCH:
    case GFX_SHADER_PIXEL_SORT:
    case GFX_SHADER_DATA_BEND: return 1;
    default: return 0;
    }
}

/* Table shaders: the builder and how many leading parameters key it. */
static const struct {
    int shader;
    table_build_fn build;
    int n_keys, n_tables;
} table_shaders[] = {
    {GFX_SHADER_KALEIDOSCOPE, build_kaleidoscope, 1, 1},
    {GFX_SHADER_MIRROR_H, build_mirror_h, 1, 1},
    {GFX_SHADER_MIRROR_V, build_mirror_v, 1, 1},
    {GFX_SHADER_MIRROR_QUAD, build_mirror_quad, 1, 1},
    {GFX_SHADER_MIRROR_DIAG, build_mirror_diag, 1, 1},
    {GFX_SHADER_PIXELATE, build_pixelate, 1, 1},
    {GFX_SHADER_DISPLACEMENT_MAP, build_displacement, 2, 1},
    {GFX_SHADER_RGB_SPLIT_RADIAL, build_rgb_split, 1, 2},
    {GFX_SHADER_RADIAL_BLUR, build_radial, 1, 2},
};

int gfx_geom_shader_apply(gfx_geom_cache *c, const gfx_geom_step *step, gfx_image *canvas,
                          gfx_image *spare)
{
    const float *p = step->p;
    for (size_t i = 0; i < sizeof table_shaders / sizeof table_shaders[0]; i++) {
        if (table_shaders[i].shader != step->shader)
            continue;
        uint32_t seed_key = step->shader == GFX_SHADER_DISPLACEMENT_MAP ? step->seed_key : 0;
        const uint32_t *t =
            table_lookup(c, step->shader, p, table_shaders[i].n_keys, table_shaders[i].n_tables,
                         seed_key, canvas->stride, table_shaders[i].build);
        if (!t)
            return -1;
        if (step->shader == GFX_SHADER_RGB_SPLIT_RADIAL)
            run_rgb_split(c, t, canvas, spare);
        else if (step->shader == GFX_SHADER_RADIAL_BLUR) {
            if (run_radial(c, t, canvas, spare))
                return -1;
        } else
            gfx_kernels_get()->remap_table(spare->px, spare->stride, canvas->px, t, c->width,
                                           c->height);
        swap_images(canvas, spare);
        return 0;
    }
    switch (step->shader) {
    case GFX_SHADER_WAVE_DISTORT:
        run_wave(c, canvas, spare, p, step->in->time);
        swap_images(canvas, spare);
        break;
    case GFX_SHADER_CHANNEL_SHIFT:
        run_channel_shift(c, canvas, spare, p);
        swap_images(canvas, spare);
        break;
    case GFX_SHADER_EDGE_GLOW: run_edge_glow(c, canvas, p[0]); break;
    case GFX_SHADER_SOFT_FOCUS:
        if (ensure_half(c))
            return -1;
        run_soft_focus(c, canvas, p[0]);
        break;
    case GFX_SHADER_REVERSE_VIGNETTE:
        if (c->mask_key != p[0] && build_reverse_vignette(c, p[0]))
            return -1;
        gfx_kernels_get()->vignette(canvas->px, canvas->stride, c->width, c->height, c->mask,
                                    c->width);
        break;
    case GFX_SHADER_HALFTONE: run_halftone(c, canvas, (int)lroundf(p[0])); break;
    case GFX_SHADER_STATIC: run_static(c, canvas, p[0], lroundf(p[1]) != 0, step->frame_key); break;
    case GFX_SHADER_GLITCH_BANDS:
        run_glitch_bands(c, canvas, p[0], step->in, step->frame_key);
        break;
    case GFX_SHADER_BLOCK_GLITCH:
        run_block_glitch(c, canvas, (int)lroundf(p[0]), (int)lroundf(p[1]), step->frame_key);
        break;
    case GFX_SHADER_PIXEL_SORT:
        run_pixel_sort(c, canvas, (int)lroundf(p[0]), lroundf(p[1]) != 0);
        break;
    case GFX_SHADER_DATA_BEND:
        run_data_bend(c, canvas, (int)lroundf(p[0]), (int)lroundf(p[1]), step->frame_key);
        break;
    default: break;
    }
    return 0;
}
