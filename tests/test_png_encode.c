/* The PNG encoder (kernels/png_encode.h): every file it writes, RGB or RGBA,
 * decodes with libpng to the exact pixels, and every ISA writes the same bytes as the
 * scalar table. Frames: random, black, noisy (a gradient under 2x2 grain, as
 * the shader chain leaves it) and rendered (the production look cropped to
 * each size), widths 1..130 by heights 1..20 at odd strides and unaligned
 * starts, and a whole rendered 1080p frame. Each file's chunk CRCs and its
 * zlib stream (inflated, Adler-32 checked) are also checked through zlib
 * itself, and the scalar CRC-32 and Adler-32 against zlib's. */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "frame.h"
#include "gfx_kernels.h"
#include "grid.h"
#include "palette.h"
#include "png_encode.h"
#include "scene.h"
#include "shaders.h"
#include "synth_features.h"

static int failures;
static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint32_t rnd(void)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}

#define FAIL(...)                                                                                  \
    do {                                                                                           \
        if (++failures <= 10) {                                                                    \
            fprintf(stderr, "test_png_encode: ");                                                  \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
        }                                                                                          \
    } while (0)

/* Decodes with libpng's simplified API; 0 when the pixels equal px. */
static int decodes_to(const uint8_t *png, size_t size, const uint8_t *px, ptrdiff_t stride,
                      int width, int height, int channels, char *why, size_t why_size)
{
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&img, png, size)) {
        snprintf(why, why_size, "libpng: %s", img.message);
        return -1;
    }
    if ((int)img.width != width || (int)img.height != height) {
        snprintf(why, why_size, "libpng reads %ux%u", img.width, img.height);
        png_image_free(&img);
        return -1;
    }
    if ((img.format & PNG_FORMAT_FLAG_ALPHA) != (channels == 4 ? PNG_FORMAT_FLAG_ALPHA : 0u)) {
        snprintf(why, why_size, "libpng reads %s alpha channel", channels == 4 ? "no" : "an");
        png_image_free(&img);
        return -1;
    }
    img.format = channels == 4 ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB;
    uint8_t *got = malloc(PNG_IMAGE_SIZE(img));
    if (!got || !png_image_finish_read(&img, NULL, got, 0, NULL)) {
        snprintf(why, why_size, "libpng: %s", got ? img.message : "out of memory");
        free(got);
        return -1;
    }
    const size_t row = (size_t)channels * (size_t)width;
    for (int y = 0; y < height; y++)
        if (memcmp(got + (size_t)y * row, px + y * stride, row) != 0) {
            snprintf(why, why_size, "row %d decodes to other pixels", y);
            free(got);
            return -1;
        }
    free(got);
    return 0;
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Checks the file's structure apart from libpng's reading: the chunks
 * IHDR, IDAT, IEND with zlib's CRC of each, and an IDAT that zlib inflates
 * to exactly height * (1 + channels * width) bytes, its Adler-32 checked. */
static int structure_ok(const uint8_t *png, size_t size, int width, int height, int channels,
                        char *why, size_t why_size)
{
    static const char *const order[3] = {"IHDR", "IDAT", "IEND"};
    size_t at = 8;
    const uint8_t *idat = NULL;
    uint32_t idat_len = 0;
    for (int c = 0; c < 3; c++) {
        if (at + 12 > size) {
            snprintf(why, why_size, "the file ends before %s", order[c]);
            return 0;
        }
        uint32_t len = be32(png + at);
        if (memcmp(png + at + 4, order[c], 4) != 0 || at + 12 + len > size) {
            snprintf(why, why_size, "chunk %d is not a whole %s", c, order[c]);
            return 0;
        }
        if (be32(png + at + 8 + len) != (uint32_t)crc32(0, png + at + 4, len + 4)) {
            snprintf(why, why_size, "%s has a wrong CRC", order[c]);
            return 0;
        }
        if (c == 1)
            idat = png + at + 8, idat_len = len;
        at += 12 + len;
    }
    if (at != size) {
        snprintf(why, why_size, "%zu bytes after IEND", size - at);
        return 0;
    }
    size_t raw = (size_t)height * (1 + (size_t)channels * (size_t)width);
    uint8_t *out = malloc(raw + 1);
    z_stream z;
    memset(&z, 0, sizeof z);
    int rc = out ? inflateInit(&z) : Z_MEM_ERROR;
    if (rc == Z_OK) {
        z.next_in = (Bytef *)idat, z.avail_in = idat_len;
        z.next_out = out, z.avail_out = (uInt)raw + 1;
        rc = inflate(&z, Z_FINISH);
    }
    int ok = rc == Z_STREAM_END && z.total_out == raw && z.avail_in == 0;
    if (!ok)
        snprintf(why, why_size, "zlib: %s, %lu of %zu bytes, %u left over",
                 rc == Z_STREAM_END ? "stream end"
                 : z.msg            ? z.msg
                                    : "error",
                 z.total_out, raw, z.avail_in);
    inflateEnd(&z);
    free(out);
    return ok;
}

static struct gfx_kernels tables[GFX_ISA_COUNT];
static int table_ok[GFX_ISA_COUNT];

/* Encodes with every ISA, decodes the scalar file, compares the others. */
static void check_frame(const char *what, const uint8_t *px, ptrdiff_t stride, int width,
                        int height, int channels)
{
    size_t bound = gfx_png_encode_bound(width, height, channels);
    uint8_t *ref = malloc(bound), *got = malloc(bound);
    size_t ref_size = gfx_png_encode(&tables[0], ref, bound, px, stride, width, height, channels);
    char why[160];
    const char *format = channels == 4 ? "RGBA" : "RGB";
    if (!ref_size)
        FAIL("%s %s %dx%d: scalar encoder wrote nothing", what, format, width, height);
    else if (!structure_ok(ref, ref_size, width, height, channels, why, sizeof why) ||
             decodes_to(ref, ref_size, px, stride, width, height, channels, why, sizeof why))
        FAIL("%s %s %dx%d (stride %td): %s", what, format, width, height, stride, why);
    for (int isa = 1; isa < GFX_ISA_COUNT && ref_size; isa++) {
        if (!table_ok[isa])
            continue;
        size_t size = gfx_png_encode(&tables[isa], got, bound, px, stride, width, height, channels);
        if (size != ref_size || memcmp(ref, got, size) != 0)
            FAIL("%s %s %dx%d (stride %td): %s writes %zu bytes unlike scalar's %zu", what, format,
                 width, height, stride, gfx_isa_name((enum gfx_isa)isa), size, ref_size);
    }
    free(ref);
    free(got);
}

enum kind { RANDOM, BLACK, NOISY, RENDERED, KINDS };
static const char *const kind_names[KINDS] = {"random", "black", "noisy", "rendered"};

/* channels 4: the fourth byte is random, 0 or, for a rendered frame, the
 * alpha of rgba_unpremultiply (the brightest channel). */
static void fill(uint8_t *px, ptrdiff_t stride, int width, int height, int channels, enum kind kind,
                 const gfx_image *rendered)
{
    if (kind == RENDERED && !rendered)
        return;
    int ox = rendered ? (int)(rnd() % (unsigned)(rendered->width - width + 1)) : 0;
    int oy = rendered ? (int)(rnd() % (unsigned)(rendered->height - height + 1)) : 0;
    for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
            for (int c = 0; c < channels; c++) {
                uint8_t *p = px + y * stride + channels * x + c;
                switch (kind) {
                case RANDOM: *p = (uint8_t)rnd(); break;
                case BLACK: *p = 0; break;
                case NOISY: {
                    int v = (x * 3 + y * 2 + c * 40) % 200;
                    v += (int)(gfx_hash32((uint32_t)((y / 2) << 16 | (x / 2))) % 17) - 8;
                    *p = gfx_sat_u8(v);
                    break;
                }
                case RENDERED: {
                    const uint8_t *q = rendered->px + (oy + y) * rendered->stride + 3 * (ox + x);
                    *p = c < 3         ? q[c]
                         : q[0] > q[1] ? (q[0] > q[2] ? q[0] : q[2])
                                       : (q[1] > q[2] ? q[1] : q[2]);
                    break;
                }
                default: break;
                }
            }
}

static gfx_renderer *render(int width, int height, const gfx_image **img)
{
    static const int chain[] = {GFX_SHADER_BLOOM, GFX_SHADER_VIGNETTE, GFX_SHADER_CRT,
                                GFX_SHADER_SCANLINES, GFX_SHADER_GRAIN};
    gfx_shader_step steps[5];
    for (int i = 0; i < 5; i++)
        steps[i] = gfx_shader_step_default(chain[i]);
    gfx_render_config cfg = {width, height, 24.0, 1.0f, GFX_SHADERS_FULL,
                             1200,  NULL,   NULL, NULL, 0.0};
    char err[256];
    gfx_renderer *r = gfx_renderer_create(&cfg, err, sizeof err);
    gfx_feature_track track;
    gfx_scene scene;
    if (!r || gfx_synth_features(&track, 32, 24.0, 120.0f, 1) ||
        gfx_scene_single(&scene, gfx_effect_find("plasma"), GFX_GRID_MD, -1,
                         gfx_colours_find("neon"), GFX_HUE_ANGLE, steps, 5) ||
        gfx_renderer_prepare(r, &scene, err, sizeof err) ||
        !(*img = gfx_render_frame(r, &scene, &track, 17, 1))) {
        fprintf(stderr, "test_png_encode: cannot render a %dx%d frame: %s\n", width, height, err);
        exit(1);
    }
    gfx_scene_free(&scene);
    gfx_feature_track_release(&track);
    return r;
}

static void check_checksums(void)
{
    uint8_t buf[4099];
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (uint8_t)rnd();
    for (size_t n = 0; n <= sizeof buf; n += 1 + n / 7) {
        size_t at = rnd() % 3;
        n = n + at > sizeof buf ? sizeof buf - at : n;
        if (tables[0].crc32(7, buf + at, n) != (uint32_t)crc32(7, buf + at, (uInt)n))
            FAIL("scalar crc32 differs from zlib's over %zu bytes", n);
        if (tables[0].adler32(7, buf + at, n) != (uint32_t)adler32(7, buf + at, (uInt)n))
            FAIL("scalar adler32 differs from zlib's over %zu bytes", n);
        if (n == sizeof buf)
            break;
    }
}

int main(void)
{
    unsigned avail = gfx_isa_available();
    for (int isa = 0; isa < GFX_ISA_COUNT; isa++)
        if (avail & (1u << isa))
            table_ok[isa] = gfx_kernels_init(&tables[isa], (enum gfx_isa)isa) == (enum gfx_isa)isa;
    check_checksums();

    const gfx_image *rendered;
    gfx_renderer *r = render(320, 180, &rendered);
    const int max_w = 130, max_h = 20;
    uint8_t *buf = malloc((size_t)(4 * max_w + 40) * max_h + 64);
    for (int width = 1; width <= max_w; width++)
        for (int height = 1; height <= max_h; height++)
            for (int kind = 0; kind < KINDS; kind++) {
                if (kind != RANDOM && (width * 7 + height * 3 + kind) % 4)
                    continue; /* a quarter of the sizes for the other kinds */
                int channels = 3 + (width + height + kind) % 2;
                ptrdiff_t stride = channels * width + (ptrdiff_t)(rnd() % 40);
                uint8_t *px = buf + 1 + rnd() % 31; /* unaligned */
                fill(px, stride, width, height, channels, (enum kind)kind,
                     kind == RENDERED ? rendered : NULL);
                check_frame(kind_names[kind], px, stride, width, height, channels);
            }
    free(buf);
    gfx_renderer_free(r);

    r = render(1920, 1080, &rendered);
    check_frame("rendered 1080p", rendered->px, rendered->stride, 1920, 1080, 3);
    uint8_t *rgba = malloc((size_t)4 * 1920 * 1080);
    tables[0].rgba_unpremultiply(rgba, 4 * 1920, rendered->px, rendered->stride, 1920, 1080);
    check_frame("rendered 1080p", rgba, 4 * 1920, 1920, 1080, 4);
    free(rgba);
    gfx_renderer_free(r);

    if (gfx_png_encode_bound(0, 5, 3) || gfx_png_encode_bound(5, 1 << 24, 3) ||
        gfx_png_encode_bound(30000, 30000, 3) || !gfx_png_encode_bound(7680, 4320, 3) ||
        !gfx_png_encode_bound(7680, 4320, 4) || gfx_png_encode_bound(5, 5, 2) ||
        gfx_png_encode_bound(5, 5, 5))
        FAIL("the bound takes a size it should refuse");
    printf("test_png_encode: %s\n", failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
