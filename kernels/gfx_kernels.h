/* glyphfx pixel kernels: the contracts every ISA variant honours.
 *
 * Pixel format: packed RGB24 (R, G, B bytes per pixel, rows `stride` bytes
 * apart, stride >= 3 * width). Chosen over RGBX32 after measuring both with
 * the same loops (`glyphfx bench --filter 'format_'`, bench/canvas_format.cc;
 * 1080p, one core: memcpy 0.099 vs 0.139 ms, a vignette-like multiply 1.16
 * vs 1.19 ms, a blit-like max 0.69 vs 0.94 ms): full-frame passes are bound
 * by memory traffic and RGB24 moves 25% fewer bytes; libpng and ffmpeg
 * (rgb24) take it without conversion. The cost is 3-byte pixels in SIMD
 * code, which the variants handle with byte shuffles.
 *
 * Exactness: all arithmetic is integer. The scalar function of each kernel
 * (kernels/<kernel>.c) is the specification; every SIMD variant produces the
 * same bytes for every input (tests/checkasm_*.c prove it per ISA).
 *
 * Shared rounding:
 *   gfx_div255(x) = ((x + 128) * 257) >> 16   for 0 <= x <= 255*255,
 * the product of two bytes divided by 255, rounded to nearest (ties up);
 * it is exact for x = c*255, so scaling by 255 is the identity.
 *
 * Aliasing: outputs never alias inputs unless a kernel says "in place".
 * Alignment: none required anywhere; variants use unaligned loads.
 * Reading past the end: only where a kernel says so (CRT source padding).
 */
#ifndef GFX_KERNELS_H
#define GFX_KERNELS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

static inline unsigned gfx_div255(unsigned x)
{
    return ((x + 128u) * 257u) >> 16;
}
static inline uint8_t gfx_sat_u8(int v)
{
    return (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
}

/* Bytes every canvas allocation carries past its last row, so that gather
 * kernels may read a whole 32-bit word at any pixel. */
#define GFX_CANVAS_PAD 64

/* Each kernel's signature is written once, as gfx_decl_<kernel>_fn(name),
 * which declares a function `name` of that signature (after dav1d's
 * decl_*_fn): the pointer types below, the scalar references and every ISA's
 * declarations (kernels/x86/kernels_x86.h, kernels/arm/kernels_arm.h) use it.
 *
 * ---------------------------------------------------------------- glyph blit
 * A grid of cells is drawn from a coverage atlas:
 *   canvas[y][x].c = max(canvas[y][x].c, gfx_div255(coverage(x, y) * colour.c))
 * Cells with glyph 0 (space) are skipped. Cell (r, c) covers pixels
 * [origin_x + c*cell_w, +cell_w) x [origin_y + r*cell_h, +cell_h); anything
 * outside the canvas [0, width) x [0, height) is clipped, so origins may be
 * negative and edge cells partial. Cell sizes 1x1 .. 64x128 are accepted
 * (the renderer uses 4x8 .. 40x80). */
typedef struct gfx_cell {
    uint16_t glyph; /* index into the atlas; 0 is the blank glyph */
    uint8_t r, g, b;
    uint8_t reserved; /* keeps the struct 6 bytes with no padding */
} gfx_cell;

/* Coverage of glyph g, pixel row y, is expanded to RGB order so a row can be
 * multiplied bytewise by a colour pattern:
 *   atlas->rgb + g * glyph_bytes + y * row_bytes + 3*x + {0,1,2}
 * all three bytes equal to the glyph's 8-bit coverage at (x, y).
 * row_bytes >= 3 * cell_w and is a multiple of 64; the bytes past 3*cell_w in
 * each row are zero, so a variant may load a whole vector of a row.
 * Glyph 0 is all zero. */
typedef struct gfx_atlas {
    const uint8_t *rgb;
    int cell_w, cell_h, glyph_count;
    ptrdiff_t row_bytes, glyph_bytes;
} gfx_atlas;

typedef struct gfx_blit_args {
    uint8_t *canvas;
    ptrdiff_t stride;
    int width, height;
    const gfx_cell *cells;  /* rows*cols, row-major, cells_stride apart per row */
    ptrdiff_t cells_stride; /* in cells */
    int rows, cols;
    int origin_x, origin_y;
    const gfx_atlas *atlas;
} gfx_blit_args;

#define gfx_decl_blit_fn(name) void(name)(const gfx_blit_args *a)
typedef gfx_decl_blit_fn(*gfx_blit_fn);

/* --------------------------------------------------------------------- bloom
 * bloom = downsample4_threshold -> 3 x box_blur3 -> upsample4_add.
 * The small image is ceil(w/4) x ceil(h/4) RGB24.
 *
 * downsample4_threshold: small[y][x].c = v > threshold ? v : 0,
 *   v = canvas[4y][4x].c (point sample, as the seed's canvas[::4, ::4]). */
#define gfx_decl_bloom_down_fn(name)                                                               \
    void(name)(uint8_t * small, ptrdiff_t small_stride, const uint8_t *canvas, ptrdiff_t stride,   \
               int width, int height, uint8_t threshold)
typedef gfx_decl_bloom_down_fn(*gfx_bloom_down_fn);

/* box_blur3: dst = 3x3 box mean of src per channel, edges clamped
 * (replicated), rounded as  (sum9 * 3641 + 16384) >> 15  (sum9 <= 2295, the
 * Q15 reciprocal of 9; the form of x86 pmulhrsw and NEON vqrdmulh).
 * dst and src must not alias. `scratch` holds GFX_BOX_BLUR3_SCRATCH(w)
 * uint16_t values for the fused horizontal pass (ring of row sums). */
#define GFX_BOX_BLUR3_SCRATCH(w) ((size_t)3 * 3 * (size_t)(w) + 64)
#define gfx_decl_box_blur3_fn(name)                                                                \
    void(name)(uint8_t * dst, ptrdiff_t dst_stride, const uint8_t *src, ptrdiff_t src_stride,      \
               int width, int height, uint16_t *scratch)
typedef gfx_decl_box_blur3_fn(*gfx_box_blur3_fn);

/* upsample4_add (in place on canvas), strength_q8 in [0, 256] (256 = 1.0):
 *   canvas[y][x].c = min(255, canvas[y][x].c + ((s * strength_q8 + 128) >> 8)),
 *   s = small[y/4][x/4].c */
#define gfx_decl_bloom_up_fn(name)                                                                 \
    void(name)(uint8_t * canvas, ptrdiff_t stride, int width, int height, const uint8_t *small,    \
               ptrdiff_t small_stride, unsigned strength_q8)
typedef gfx_decl_bloom_up_fn(*gfx_bloom_up_fn);

/* ------------------------------------------------------------------ vignette
 * In place: canvas[y][x].c = gfx_div255(canvas[y][x].c * mask[y][x]).
 * The mask (one byte per pixel) comes from gfx_vignette_mask_build. */
#define gfx_decl_vignette_fn(name)                                                                 \
    void(name)(uint8_t * canvas, ptrdiff_t stride, int width, int height, const uint8_t *mask,     \
               ptrdiff_t mask_stride)
typedef gfx_decl_vignette_fn(*gfx_vignette_fn);

/* mask[y][x] = round(255 * clamp(1 - r * strength, 0.15, 1)),
 * r = sqrt(X^2 + Y^2), X and Y spaced evenly over [-1, 1] across the frame
 * (the seed's linspace). Built once per (width, height, strength) by the
 * caller's cache; scalar only, identical for every ISA. */
void gfx_vignette_mask_build(uint8_t *mask, ptrdiff_t mask_stride, int width, int height,
                             float strength);

/* --------------------------------------------------------------------- grain
 * In place. Noise lives on a half-resolution grid of 2x2 pixel blocks:
 *   n(bx, by) = ((h >> 16) * (2*amount + 1) >> 16) - amount,
 *   h = gfx_hash32(key ^ ((uint32_t)by << 16 | (uint32_t)bx))
 * uniform in [-amount, amount]; every channel of the block's pixels gets
 *   c = clamp(c + n(x/2, y/2), 0, 255).
 * amount in [0, 127]; width and height below 65536*2.
 * key = gfx_noise_key(seed, frame, stream): no state carries between frames. */
static inline uint32_t gfx_hash32(uint32_t x)
{
    /* lowbias32 (C. Wellons): full avalanche, two 32-bit multiplies, SIMD-friendly */
    x ^= x >> 16;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    x *= 0x846ca68bU;
    x ^= x >> 16;
    return x;
}
static inline uint32_t gfx_noise_key(uint32_t seed, uint32_t frame, uint32_t stream)
{
    return gfx_hash32(seed ^ gfx_hash32(frame ^ gfx_hash32(stream + 0x9e3779b9U)));
}
#define gfx_decl_grain_fn(name)                                                                    \
    void(name)(uint8_t * canvas, ptrdiff_t stride, int width, int height, uint32_t key, int amount)
typedef gfx_decl_grain_fn(*gfx_grain_fn);

/* ----------------------------------------------------------------------- CRT
 * Out of place. For output pixel i = y*width + x:
 *   o = table[i];  p = (o == GFX_CRT_BLACK) ? (0,0,0) : src[o], src[o+1], src[o+2]
 *   dst[y][x].c = gfx_div255(p.c * row_gain[y])
 * The table holds source byte offsets (barrel distortion, nearest pixel) for
 * one (width, height, src_stride, curvature) and comes from
 * gfx_crt_table_build; row_gain gives the scanlines (255 = untouched).
 * src must stay readable GFX_CANVAS_PAD bytes past its last pixel (variants
 * gather whole 32-bit words). */
#define GFX_CRT_BLACK 0xffffffffu
#define gfx_decl_crt_fn(name)                                                                      \
    void(name)(uint8_t * dst, ptrdiff_t dst_stride, const uint8_t *src, const uint32_t *table,     \
               int width, int height, const uint8_t *row_gain)
typedef gfx_decl_crt_fn(*gfx_crt_fn);

/* Barrel distortion: for the centre of output pixel (x, y),
 * u = (2x + 1) / width - 1 and v = (2y + 1) / height - 1 (both in (-1, 1)),
 * the source point is (u, v) * (1 + k * (u^2 + v^2)), k = curvature
 * (0 = none, 0.1 typical, at most 1), and the source pixel is
 * (floor((su + 1) * width / 2), floor((sv + 1) * height / 2)); a source
 * outside the frame is GFX_CRT_BLACK (the rounded dark corners of a tube).
 * Computed in float with contraction off, once per key. Scalar only. */
void gfx_crt_table_build(uint32_t *table, int width, int height, ptrdiff_t src_stride,
                         float curvature);
/* row_gain[y] = 255 on even rows, 255 - depth on odd rows (depth 0..255). */
void gfx_scanline_gain_build(uint8_t *row_gain, int height, int depth);

/* ---------------------------------------------------------- RGB to yuv420p
 * BT.709, limited range, Q15 fixed point, for the encoder pipe (half the
 * bytes of RGB24, and ffmpeg does no colour conversion). Per pixel:
 *   Y = (5983 R + 20127 G + 2032 B + (16 << 15) + (1 << 14)) >> 15
 * Per 2x2 block (columns 2i, 2i+1; rows 2j, 2j+1; a column or row past the
 * edge repeats the last one), channel means rounded, m = (a + b + c + d + 2) >> 2:
 *   U = (-3299 mR - 11093 mG + 14392 mB + (128 << 15) + (1 << 14)) >> 15
 *   V = (14392 mR - 13074 mG -  1318 mB + (128 << 15) + (1 << 14)) >> 15
 * (>> on a non-negative sum; the coefficient rows sum to 219/255 and 0, so
 * Y stays in 16..235 and U, V in 16..240.) Planes are ceil(w/2) x ceil(h/2)
 * for U and V. */
#define gfx_decl_yuv420p_fn(name)                                                                  \
    void(name)(uint8_t * y, ptrdiff_t y_stride, uint8_t * u, uint8_t * v, ptrdiff_t uv_stride,     \
               const uint8_t *rgb, ptrdiff_t stride, int width, int height)
typedef gfx_decl_yuv420p_fn(*gfx_yuv420p_fn);

/* ----------------------------------------------------------------------- PNG
 * The SIMD parts of the PNG encoder (kernels/png_encode.h has the encoder).
 * png_filter: out[0] = the chosen filter type, out[1 + i] = byte i of the row
 * (n = bpp * width bytes; bpp 3 for RGB, 4 for RGBA) filtered by it, the
 * left neighbour of a byte being bpp bytes back; prev is the row above (a
 * zero row for the first). Filter f's cost is the sum over i of min(r_i, 256 - r_i), r_i
 * its residual byte; the cheapest wins, ties to the lower of None (0),
 * Sub (1), Up (2), Paeth (4).
 * crc32 and adler32 continue a running value exactly as zlib's crc32() and
 * adler32() do (start from 0 and 1). */
#define gfx_decl_png_filter_fn(name)                                                               \
    void(name)(uint8_t * out, const uint8_t *row, const uint8_t *prev, int width, int bpp)
typedef gfx_decl_png_filter_fn(*gfx_png_filter_fn);
#define gfx_decl_crc32_fn(name) uint32_t(name)(uint32_t crc, const uint8_t *p, size_t n)
typedef gfx_decl_crc32_fn(*gfx_crc32_fn);
#define gfx_decl_adler32_fn(name) uint32_t(name)(uint32_t adler, const uint8_t *p, size_t n)
typedef gfx_decl_adler32_fn(*gfx_adler32_fn);

/* --------------------------------------------------------------------- blend
 * In place on dst, the base layer, with src the top one:
 *   dst[y][x].c = mix(a, f(a, b)),  a = dst[y][x].c, b = src[y][x].c,
 *   mix(a, r) = (a * (256 - opacity_q8) + r * opacity_q8 + 128) >> 8
 * per channel byte, opacity_q8 in [0, 256] (256 = 1.0: r itself; 0: a).
 * dst and src must not overlap. The modes are ../shared/catalogue.md section
 * 10's, with a, b read as bytes (0..255 for 0..1), ½ taken as 128 wherever a
 * threshold or an offset needs a byte, and D(x) = gfx_div255(x) (x/255 to
 * nearest) as the only rounding unless a line says otherwise:
 *   normal        b
 *   add           min(255, a + b)
 *   subtract      max(0, a - b)
 *   multiply      D(a b)
 *   screen        255 - D((255 - a)(255 - b))
 *   overlay       a < 128 ? D(2 a b) : 255 - D(2 (255 - a)(255 - b))
 *   softlight     D(a (a + E(b (255 - a))))         Pegtop's (1 - 2b)a² + 2ab,
 *                 the catalogue's formula, as a (a + 2b (1 - a)); E(x) =
 *                 (t + (t >> 8)) >> 7, t = x + 64, is 2x/255 to nearest but
 *                 for 126 of the 65026 x (one less there): two roundings
 *   hardlight     overlay with a and b swapped (the test is b < 128)
 *   difference    |a - b|
 *   exclusion     a + b - 2 D(a b)                   (D once, doubled)
 *   colordodge    Q(a, 255 - b)
 *   colorburn     255 - Q(255 - a, b)
 *   linearlight   clamp(a + 2b - 255)
 *   vividlight    b < 128 ? 255 - Q(255 - a, 2b) : Q(a, 2 (255 - b))
 *   pin_light     b < 128 ? min(a, 2b) : max(a, 2b - 255)
 *   hard_mix      a + b >= 255 ? 255 : 0
 *   lighten       max(a, b)
 *   darken        min(a, b)
 *   grain_extract clamp(a - b + 128)                 (GIMP's ½)
 *   grain_merge   clamp(a + b - 128)
 * clamp() is to [0, 255]. The divisions (the catalogue's x / (d + ε)) are
 *   Q(x, d) = x == 0 ? 0 : x >= d ? 255 : (255 x + (d >> 1)) / d
 * in integers: 255 x / d rounded half up and clipped to 255; x / 0 is 255
 * and 0 / 0 is 0, as ε makes them. Against the catalogue's formula in real
 * numbers on the same bytes (clipped, times 255) every mode is within 0.5
 * (the divisions 0.52: ε itself moves them), softlight and exclusion within
 * 1; tests/spec_blend.c checks all 65536 pairs of every mode, and a
 * table of hand-worked values.
 * One table entry takes the mode; every variant switches once per call. */
enum gfx_blend_mode {
    GFX_BLEND_NORMAL = 0,
    GFX_BLEND_ADD,
    GFX_BLEND_SUBTRACT,
    GFX_BLEND_MULTIPLY,
    GFX_BLEND_SCREEN,
    GFX_BLEND_OVERLAY,
    GFX_BLEND_SOFTLIGHT,
    GFX_BLEND_HARDLIGHT,
    GFX_BLEND_DIFFERENCE,
    GFX_BLEND_EXCLUSION,
    GFX_BLEND_COLORDODGE,
    GFX_BLEND_COLORBURN,
    GFX_BLEND_LINEARLIGHT,
    GFX_BLEND_VIVIDLIGHT,
    GFX_BLEND_PIN_LIGHT,
    GFX_BLEND_HARD_MIX,
    GFX_BLEND_LIGHTEN,
    GFX_BLEND_DARKEN,
    GFX_BLEND_GRAIN_EXTRACT,
    GFX_BLEND_GRAIN_MERGE,
    GFX_BLEND_COUNT
};
#define gfx_decl_blend_fn(name)                                                                    \
    void(name)(uint8_t * dst, ptrdiff_t dst_stride, const uint8_t *src, ptrdiff_t src_stride,      \
               int width, int height, enum gfx_blend_mode mode, unsigned opacity_q8)
typedef gfx_decl_blend_fn(*gfx_blend_fn);

/* The catalogue's name of a mode ("pin_light"), or "unknown". */
const char *gfx_blend_mode_name(enum gfx_blend_mode mode);
/* The mode of a catalogue name; -1 for anything else (the catalogue's
 * "unknown names act as normal" is the caller's choice to make). */
int gfx_blend_mode_parse(const char *name);

/* ------------------------------------------------------------------ mask mix
 * In place on dst (RGB24), with src the layer shown where the mask is set and
 * one mask byte per pixel:
 *   dst[y][x].c = (dst[y][x].c * (256 - w) + src[y][x].c * w + 128) >> 8,
 *   w = m + (m >> 7),  m = mask[y][x]
 * so m in 0..255 maps to w in 0..256: m = 255 gives src exactly, m = 0 dst
 * exactly, and w / 256 is within 1/512 of m / 255 everywhere between; every
 * result is within 1 of the real dst + (src - dst) m / 255 and between dst
 * and src (tests/spec_mask_mix.c checks every byte triple).
 * mask_stride may be 0: every row then reads the same mask row (a cell
 * mask expanded to one pixel row serves all cell_h rows of its cells).
 * dst and src must not overlap; the mask may be anything readable. */
#define gfx_decl_mask_mix_fn(name)                                                                 \
    void(name)(uint8_t * dst, ptrdiff_t dst_stride, const uint8_t *src, ptrdiff_t src_stride,      \
               const uint8_t *mask, ptrdiff_t mask_stride, int width, int height)
typedef gfx_decl_mask_mix_fn(*gfx_mask_mix_fn);

/* The weight of a mask byte, 0..256 (the mix above). */
static inline unsigned gfx_mask_weight(unsigned m)
{
    return m + (m >> 7);
}
/* ------------------------------------------------------------- colour matrix
 * Per pixel, each output channel an affine function of the input's three:
 *   t_c = m[c][0] r + m[c][1] g + m[c][2] b + offset[c] + 2048
 *   out_c = clamp(floor(t_c / 4096), 0, 255)
 * m is Q12 (4096 = 1.0, so |m| < 8) and offset Q12 too (a byte offset k is
 * k << 12), |offset| <= 2^24: t fits 32 bits. The + 2048 rounds to nearest
 * with ties up; an offset of -2048 makes the whole thing a floor (what a
 * float-to-byte cast of the product does, so a decay reaches 0). floor is
 * an arithmetic shift right by 12. One kernel serves decay (m = d I), hue
 * rotation, saturation, tints, channel swaps and colour grades.
 * In place (dst == src, same stride) or out of place (no overlap). */
typedef struct gfx_colour_matrix {
    int16_t m[3][3]; /* [output channel][input channel], Q12 */
    int32_t offset[3];
} gfx_colour_matrix;
#define GFX_COLOUR_MATRIX_ONE 4096
#define gfx_decl_colour_matrix_fn(name)                                                            \
    void(name)(uint8_t * dst, ptrdiff_t dst_stride, const uint8_t *src, ptrdiff_t src_stride,      \
               int width, int height, const gfx_colour_matrix *cm)
typedef gfx_decl_colour_matrix_fn(*gfx_colour_matrix_fn);

/* The luma-preserving hue rotation (SVG's feColorMatrix hueRotate; greys stay
 * grey, positive angles move red towards yellow as HSV hue does) by `turns`
 * of a full turn, times `scale`, rounded to Q12, with offset[c] = `offset`.
 * Float, scalar only, so callers share one coefficient computation. */
void gfx_colour_matrix_hue(gfx_colour_matrix *cm, double turns, double scale, int32_t offset);
/* That rotation's real coefficients, m[output][input], by `radians`. */
void gfx_hue_rotation(double m[3][3], double radians);

/* -------------------------------------------------------------- remap affine
 * Nearest-neighbour affine resampling, out of place (dst and src must not
 * overlap). For every dst pixel (x, y), in 64-bit integers:
 *   u = a x + b y + c,  v = d x + e y + f     (Q16: 65536 = one pixel)
 *   sx = floor(u / 65536),  sy = floor(v / 65536)
 * (floor also for negative u, v: an arithmetic shift right by 16), and
 *   dst[y][x] = 0 <= sx < src_width && 0 <= sy < src_height ? src[sy][sx] : black.
 * gfx_affine_q16_from builds (a..f) from a real map of pixel centres.
 * |c|, |f| < 2^60 and src_stride * src_height < 2^31. Nothing is read
 * outside the source's pixels: gather variants never load a 32-bit word at
 * the last pixel, whose fourth byte lies past the buffer. */
/* floor(v / 65536) for any v, without relying on >> of a negative value */
static inline int64_t gfx_floor_q16(int64_t v)
{
    return v >= 0 ? v >> 16 : ~(~v >> 16);
}
typedef struct gfx_affine_q16 {
    int32_t a, b, d, e;
    int64_t c, f;
} gfx_affine_q16;
#define gfx_decl_remap_affine_fn(name)                                                             \
    void(name)(uint8_t * dst, ptrdiff_t dst_stride, int dst_width, int dst_height,                 \
               const uint8_t *src, ptrdiff_t src_stride, int src_width, int src_height,            \
               const gfx_affine_q16 *t)
typedef gfx_decl_remap_affine_fn(*gfx_remap_affine_fn);

/* The Q16 form of the real map that takes a dst pixel centre (x + 0.5,
 * y + 0.5) to the source point (sx, sy) =
 *   (ax (x + 0.5) + bx (y + 0.5) + cx,  ay (x + 0.5) + by (y + 0.5) + cy),
 * each coefficient rounded to nearest (a, b, d, e = round(65536 coeff),
 * c, f likewise for the centre terms). Float, scalar only. */
gfx_affine_q16 gfx_affine_q16_from(double ax, double bx, double cx, double ay, double by,
                                   double cy);
/* ------------------------------------------------ RGB to straight RGBA
 * For outputs with transparency (PNG colour type 6, ProRes 4444, VP9 alpha).
 * The canvas is glyph light drawn over black (blit: coverage times colour,
 * shaders add light), so a pixel's coverage is recovered from its light:
 *   a = max(R, G, B)
 *   dst[y][x] = (U(R), U(G), U(B), a),
 *   U(c) = a == 0 ? 0 : (255 c + (a >> 1)) / a       (integer division)
 * U(c) is 255 c / a rounded to nearest, ties up (a tie needs an even a,
 * where a >> 1 is exact); c <= a, so U(c) <= 255, and the brightest channel
 * becomes 255.
 * Bound: composited over black, U(c) a / 255 = c + e a / 255 with |e| <= 1/2
 * (the rounding of U), so it is within a / 510 of c in real numbers: below
 * 1/2 (a tie, |e| = 1/2, needs an even a <= 254). So rounded to a byte it
 * is within 1 of c with any rounding (floor, ceiling), and exactly c with
 * rounding to nearest (gfx_div255(U(c) * a)); black stays black, a = 0.
 * tests/spec_rgba.c checks all of it over every pair (c, a), c <= a.
 * The variants divide without a divide, in binary32: r is 1 / a to within
 * 2^-20 relative (a reciprocal estimate, rcpps or vrecpe, refined by Newton
 * steps), q = N r with N = 255 c + (a >> 1) < 2^16, and U(c) = trunc(q +
 * 1/512). Exact for every input, whatever the estimate's bits (they differ
 * between CPUs): N / a is an integer k, or lies in [k + 1/a, k + 1 - 1/a];
 * q is within N / a * (2^-20 + 2^-23) < 1/3000 of it (N / a <= 256), so
 * q + 1/512 (rounded by at most 2^-16) lies in (k, k + 1) in both cases.
 * a = 0 takes r = 1 (N = 0).
 * dst rows hold 4 * width bytes (R, G, B, A); dst and src must not overlap. */
#define gfx_decl_rgba_unpremultiply_fn(name)                                                       \
    void(name)(uint8_t * dst, ptrdiff_t dst_stride, const uint8_t *src, ptrdiff_t src_stride,      \
               int width, int height)
typedef gfx_decl_rgba_unpremultiply_fn(*gfx_rgba_unpremultiply_fn);
/* ---------------------------------------------------------------- cell stats
 * Video input reduced to a grid of cells, one byte per cell per feature, for
 * video-to-ASCII (catalogue section 1: luminance mapping, edge-weighted
 * ramps, the motion map). Cell (r, c) covers pixels
 * [origin_x + c*cell_w, +cell_w) x [origin_y + r*cell_h, +cell_h) of the
 * RGB24 frame; the whole grid must lie inside the frame (no clipping).
 * Cell sizes 1x1 .. 64x128. Per pixel, the luma is BT.601 (the catalogue's
 * 0.299, 0.587, 0.114) in 8-bit weights that sum to 256:
 *   Y = (77 R + 150 G + 29 B + 128) >> 8              (0..255, white is 255)
 * With N = cell_w * cell_h and mean(S, n) = (S + n/2) / n (integer division,
 * halves up), each cell gets
 *   r, g, b, luma  mean of R, G, B, Y over the cell's N pixels
 *   motion         mean of |Y - Y_prev| over the cell (prev: the previous
 *                  frame, same geometry); 0 when prev is NULL
 *   edge           min(255, |gx| + |gy|), the luma step across the cell:
 *                  hw = cell_w/2, hh = cell_h/2 (halves; an odd middle
 *                  column or row belongs to neither),
 *                  Sx = sum Y over columns [cell_w - hw, cell_w) minus sum Y
 *                       over columns [0, hw), all rows;
 *                  Sy = sum Y over rows [cell_h - hh, cell_h) minus sum Y
 *                       over rows [0, hh), all columns;
 *                  gx = sign(Sx) mean(|Sx|, hw cell_h), gy = sign(Sy)
 *                  mean(|Sy|, hh cell_w) (0 for a half of size 0): the
 *                  differences of the half means, in luma steps (-255..255)
 *   edge_dir       the orientation of the edge line, for box-drawing glyphs
 *                  (enum gfx_edge_dir), from gx, gy (y grows downward):
 *                  128 |gx| <= 53 |gy|  horizontal  (53/128 ~ tan 22.5 deg;
 *                                       also every cell with gx = gy = 0)
 *                  128 |gy| <= 53 |gx|  vertical
 *                  gx, gy same sign     rising  '/'
 *                  otherwise            falling '\'
 * All sums are exact integers, so the order of summation is free: variants
 * add columns of pixels first and cells' columns after. `scratch` holds
 * GFX_CELL_STATS_SCRATCH(cols * cell_w) uint16_t values (per-column sums of
 * one row of cells). Outputs are planes of rows x cols bytes, `stride` bytes
 * from one row of cells to the next; they must not overlap the inputs. */
enum gfx_edge_dir {
    GFX_EDGE_HORIZONTAL = 0, /* '-': luma changes from top to bottom */
    GFX_EDGE_RISING,         /* '/' */
    GFX_EDGE_VERTICAL,       /* '|': luma changes from left to right */
    GFX_EDGE_FALLING,        /* '\' */
};
typedef struct gfx_cell_planes {
    uint8_t *r, *g, *b, *luma, *edge, *edge_dir, *motion;
    ptrdiff_t stride;
} gfx_cell_planes;
typedef struct gfx_cell_stats_args {
    const uint8_t *frame;
    ptrdiff_t stride;
    const uint8_t *prev; /* the previous frame, or NULL for no motion */
    ptrdiff_t prev_stride;
    int width, height; /* of both frames */
    int rows, cols, cell_w, cell_h, origin_x, origin_y;
    gfx_cell_planes out;
    uint16_t *scratch;
} gfx_cell_stats_args;
#define GFX_CELL_STATS_SCRATCH(w) ((size_t)7 * (size_t)(w))
#define gfx_decl_cell_stats_fn(name) void(name)(const gfx_cell_stats_args *a)
typedef gfx_decl_cell_stats_fn(*gfx_cell_stats_fn);

/* ------------------------------------------------------- per-channel LUT
 * One 256-entry byte table per channel, RGB24:
 *   dst[y][x].c = lut->t[c][src[y][x].c]
 * Every per-channel tone curve (levels, contrast, gamma, brightness,
 * solarize, posterize, invert) is one such table, built once per parameter
 * value; the pass itself is exact by construction (a lookup has no rounding).
 * In place (dst == src, same stride) or out of place (no overlap). */
typedef struct gfx_lut3 {
    uint8_t t[3][256]; /* [channel][input byte] */
} gfx_lut3;
#define gfx_decl_lut3_fn(name)                                                                     \
    void(name)(uint8_t * dst, ptrdiff_t dst_stride, const uint8_t *src, ptrdiff_t src_stride,      \
               int width, int height, const gfx_lut3 *lut)
typedef gfx_decl_lut3_fn(*gfx_lut3_fn);
/* --------------------------------------------------------------- remap table
 * Out of place (dst and src must not overlap). For output pixel
 * i = y*width + x:
 *   o = table[i];  dst[y][x] = (o == GFX_REMAP_BLACK) ? (0,0,0) : src[o], src[o+1], src[o+2]
 * The table holds source byte offsets, one per output pixel, built by the
 * caller (mirrors, kaleidoscope, pixelate, displacement: any nearest-pixel
 * geometry fixed for a size and its parameters) and cached. Offsets must
 * lie below GFX_REMAP_BLACK; src must stay readable GFX_CANVAS_PAD bytes
 * past its last pixel (variants gather whole 32-bit words). A plain copy:
 * no arithmetic, so every variant is exact by construction. */
#define GFX_REMAP_BLACK 0xffffffffu
#define gfx_decl_remap_table_fn(name)                                                              \
    void(name)(uint8_t * dst, ptrdiff_t dst_stride, const uint8_t *src, const uint32_t *table,     \
               int width, int height)
typedef gfx_decl_remap_table_fn(*gfx_remap_table_fn);

/* ---------------------------------------------------------------- dispatch */
enum gfx_isa {
    GFX_ISA_SCALAR = 0,
    GFX_ISA_SSE41,
    GFX_ISA_AVX2,
    GFX_ISA_AVX512,
    GFX_ISA_NEON,
    GFX_ISA_COUNT
};

enum gfx_kernel_id {
    GFX_K_BLIT = 0,
    GFX_K_BLOOM_DOWN,
    GFX_K_BOX_BLUR3,
    GFX_K_BLOOM_UP,
    GFX_K_VIGNETTE,
    GFX_K_GRAIN,
    GFX_K_CRT,
    GFX_K_YUV420P,
    GFX_K_PNG_FILTER,
    GFX_K_CRC32,
    GFX_K_ADLER32,
    GFX_K_BLEND,
    GFX_K_MASK_MIX,
    GFX_K_COLOUR_MATRIX,
    GFX_K_REMAP_AFFINE,
    GFX_K_RGBA_UNPREMULTIPLY,
    GFX_K_CELL_STATS,
    GFX_K_LUT3,
    GFX_K_REMAP_TABLE,
    GFX_K_COUNT
};

struct gfx_kernels {
    gfx_blit_fn blit;
    gfx_bloom_down_fn bloom_downsample4_threshold;
    gfx_box_blur3_fn box_blur3;
    gfx_bloom_up_fn bloom_upsample4_add;
    gfx_vignette_fn vignette;
    gfx_grain_fn grain;
    gfx_crt_fn crt;
    gfx_yuv420p_fn rgb_to_yuv420p;
    gfx_png_filter_fn png_filter;
    gfx_crc32_fn crc32;
    gfx_adler32_fn adler32;
    gfx_blend_fn blend;
    gfx_mask_mix_fn mask_mix;
    gfx_colour_matrix_fn colour_matrix;
    gfx_remap_affine_fn remap_affine;
    gfx_rgba_unpremultiply_fn rgba_unpremultiply;
    gfx_cell_stats_fn cell_stats;
    gfx_lut3_fn lut3;
    gfx_remap_table_fn remap_table;
    enum gfx_isa isa_used[GFX_K_COUNT]; /* which variant each pointer is */
};

const char *gfx_isa_name(enum gfx_isa isa);
const char *gfx_kernel_name(enum gfx_kernel_id k);
/* Parses "scalar|sse41|avx2|avx512|neon"; returns -1 for anything else. */
int gfx_isa_parse(const char *name);

/* Bit (1u << isa) set for each ISA built into this binary. */
unsigned gfx_isa_built(void);
/* Bit set for each ISA this CPU can run (cpuid + xgetbv; NEON on aarch64,
 * and everywhere NEON is built through SIMDe). Scalar is always set. */
unsigned gfx_isa_cpu(void);
/* Built and runnable. */
unsigned gfx_isa_available(void);
/* The level dispatch picks without a request: the widest available x86
 * level, or NEON on ARM. */
enum gfx_isa gfx_isa_best(void);

/* Fills k for a requested level: scalar first, then each wider x86 level up
 * to `isa` that is available, in order (kernels/x86/init_x86.c); `neon` puts
 * the NEON variants over scalar (kernels/arm/init_arm.c). A kernel with no
 * variant at some level keeps the best one below it (scalar at worst), and
 * isa_used says which one each pointer is. Returns the level actually used
 * (the request capped by gfx_isa_available). */
enum gfx_isa gfx_kernels_init(struct gfx_kernels *k, enum gfx_isa isa);

/* Checks a level asked for by name (origin: where it came from, "--isa" or
 * "GLYPHFX_ISA"). Returns the level if this CPU and build can run it;
 * otherwise -1, with one line in msg (no prefix, no newline):
 *   ORIGIN=VALUE is not an ISA level; expected one of scalar|sse41|... (this CPU and build)
 *   ORIGIN=VALUE is not available here; expected one of ... (this CPU and build) */
int gfx_isa_request(const char *origin, const char *value, char *msg, size_t size);

/* Process-wide table, filled once on first use from GLYPHFX_ISA (or the best
 * level). An unknown or unavailable GLYPHFX_ISA leaves the best level in use;
 * gfx_kernels_env_status says so. Nothing here prints. */
const struct gfx_kernels *gfx_kernels_get(void);
/* 0 if GLYPHFX_ISA is unset or was used; -1 if it was rejected, with the
 * reason in msg as gfx_isa_request writes it (the table then holds
 * gfx_isa_best()). Fills the table first if nobody has yet. */
int gfx_kernels_env_status(char *msg, size_t size);
/* Forces the process-wide level before or after first use (the --isa
 * option). Returns the level used, or -1 if the level is not available (the
 * table is then left as it was; gfx_isa_request gives the reason). */
int gfx_kernels_force(enum gfx_isa isa);
/* The level GLYPHFX_ISA or gfx_kernels_force fixed for every kernel, or -1
 * if none was forced (the table then holds the best level, or what
 * gfx_kernels_choose put in it). */
int gfx_kernels_forced(void);

/* Puts variant `isa` of kernel `id` into the process-wide table, leaving the
 * other kernels as they are: how wisdom (probe/wisdom.h, `glyphfx tune`)
 * picks per kernel. Every variant computes the same bytes, so this changes
 * speed only. Returns 0, or -1 if this CPU and build have no such variant
 * (the table is then unchanged). Call it before other threads run kernels. */
int gfx_kernels_choose(enum gfx_kernel_id id, enum gfx_isa isa);

#ifdef __cplusplus
}
#endif
#endif
