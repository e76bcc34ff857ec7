/* checkasm: the PNG kernels (row filter, CRC-32, Adler-32) and the whole
 * encoder on each ISA's table, against the scalar ones, byte for byte. */
#include <string.h>

#include "checkasm.h"
#include "png_encode.h"

/* Pixel content that makes each filter win somewhere: noise (None), a
 * horizontal ramp (Sub), rows repeating the one above (Up), a 2-D ramp with
 * noise (Paeth), and the extremes sprinkled over noise. */
enum content { NOISE, RAMP_X, REPEAT_Y, RAMP_XY, EXTREMES, CONTENTS };
static const char *const content_names[CONTENTS] = {"noise", "ramp x", "repeat y", "ramp xy",
                                                    "extremes"};

static void fill_frame(uint8_t *px, ptrdiff_t stride, int width, int height, int bpp,
                       enum content kind)
{
    int step = ck_rand_range(1, 9);
    for (int y = 0; y < height; y++)
        for (int i = 0; i < bpp * width; i++) {
            uint8_t *p = px + y * stride + i;
            switch (kind) {
            case RAMP_X: *p = (uint8_t)(i * step + ck_rand() % 3); break;
            case REPEAT_Y: *p = y ? p[-stride] : (uint8_t)ck_rand(); break;
            case RAMP_XY: *p = (uint8_t)(i * step + y * 7 + ck_rand() % 5); break;
            case EXTREMES: *p = (uint8_t)ck_rand(); break;
            default: break;
            }
        }
    if (kind == EXTREMES)
        for (int y = 0; y < height; y++)
            ck_sprinkle_extremes(px + y * stride, (size_t)bpp * (size_t)width);
}

static int pick_width(void)
{
    uint32_t r = ck_rand() % 16;
    return r == 0 ? ck_rand_range(1000, 1920) : ck_rand_range(1, 130);
}

static void check_filter(const struct gfx_kernels *ref, const struct gfx_kernels *isa,
                         enum gfx_isa level)
{
    (void)level;
    int seen[5] = {0};
    for (int i = 0; i < ck_iterations(); i++) {
        int width = pick_width(), bpp = 3 + (int)(ck_rand() % 2);
        enum content kind = (enum content)(ck_rand() % CONTENTS);
        int first_row = (ck_rand() % 8) == 0;
        ck_case("width %d, %s, %s, %d bytes a pixel", width, content_names[kind],
                first_row ? "first row (zero above)" : "second row", bpp);
        const int n = bpp * width;
        ptrdiff_t stride = n + ck_rand_range(0, 40);
        ck_buf img = ck_buf_new((size_t)stride + (size_t)n);
        fill_frame(img.data, stride, width, 2, bpp, kind);
        if (first_row)
            memset(img.data, 0, (size_t)n);
        const uint8_t *prev = img.data, *row = img.data + stride;
        ck_buf expect = ck_buf_new((size_t)n + 1), got = ck_buf_copy(&expect);
        ref->png_filter(expect.data, row, prev, width, bpp);
        isa->png_filter(got.data, row, prev, width, bpp);
        if (got.data[0] != expect.data[0])
            ck_fail("filter type %u, expected %u", got.data[0], expect.data[0]);
        else
            ck_expect_image(expect.data, got.data, 0, n + 1, 1, "filtered row");
        ck_guards_ok(&got, "filtered row");
        ck_guards_ok(&img, "input");
        seen[expect.data[0] < 5 ? expect.data[0] : 3]++;
        ck_buf_free(&img), ck_buf_free(&expect), ck_buf_free(&got);
    }
    if (ck_iterations() >= 100 && (!seen[0] || !seen[1] || !seen[2] || !seen[4]))
        ck_fail("the cases chose None %d, Sub %d, Up %d, Paeth %d times: a filter went untested",
                seen[0], seen[1], seen[2], seen[4]);
}

static size_t pick_length(void)
{
    uint32_t r = ck_rand() % 16;
    return r == 0 ? (size_t)ck_rand_range(5000, 200000) : (size_t)ck_rand_range(0, 600);
}

static void check_checksum(const struct gfx_kernels *ref, const struct gfx_kernels *isa, int adler)
{
    for (int i = 0; i < ck_iterations(); i++) {
        size_t n = pick_length();
        int all_ff = ck_rand() % 8 == 0; /* the largest sums */
        uint32_t start = ck_rand() % 4 ? ck_rand() : adler ? 1u : 0u;
        if (adler)
            start = (start >> 16) % 65521u << 16 | (start & 0xffff) % 65521u;
        ck_case("%zu bytes%s, from %08x", n, all_ff ? " of 0xff" : "", start);
        ck_buf data = ck_buf_new(n);
        if (all_ff)
            memset(data.data, 0xff, n);
        uint32_t e = adler ? ref->adler32(start, data.data, n) : ref->crc32(start, data.data, n);
        uint32_t g = adler ? isa->adler32(start, data.data, n) : isa->crc32(start, data.data, n);
        if (e != g)
            ck_fail("%08x, expected %08x", g, e);
        ck_guards_ok(&data, "input");
        ck_buf_free(&data);
    }
}

static void check_crc32(const struct gfx_kernels *ref, const struct gfx_kernels *isa,
                        enum gfx_isa level)
{
    (void)level;
    check_checksum(ref, isa, 0);
}

static void check_adler32(const struct gfx_kernels *ref, const struct gfx_kernels *isa,
                          enum gfx_isa level)
{
    (void)level;
    check_checksum(ref, isa, 1);
}

static void check_encode(const struct gfx_kernels *ref, const struct gfx_kernels *isa,
                         enum gfx_isa level)
{
    (void)level;
    for (int i = 0; i < ck_iterations() / 4 + 1; i++) {
        int width = pick_width(), height = ck_rand_range(1, width > 200 ? 4 : 12);
        int channels = 3 + (int)(ck_rand() % 2);
        enum content kind = (enum content)(ck_rand() % CONTENTS);
        ptrdiff_t stride = channels * (ptrdiff_t)width + ck_rand_range(0, 40);
        ck_case("%dx%d stride %td, %s, %s", width, height, stride, content_names[kind],
                channels == 4 ? "RGBA" : "RGB");
        ck_buf img =
            ck_buf_new((size_t)stride * (size_t)(height - 1) + (size_t)channels * (size_t)width);
        fill_frame(img.data, stride, width, height, channels, kind);
        if (ck_rand() % 4 == 0) /* black runs, over rows */
            memset(img.data, 0, img.size / 2);
        size_t bound = gfx_png_encode_bound(width, height, channels);
        ck_buf expect = ck_buf_new(bound), got = ck_buf_copy(&expect);
        size_t e =
            gfx_png_encode(ref, expect.data, bound, img.data, stride, width, height, channels);
        size_t g = gfx_png_encode(isa, got.data, bound, img.data, stride, width, height, channels);
        if (!e || e != g)
            ck_fail("file of %zu bytes, expected %zu", g, e);
        else
            ck_expect_image(expect.data, got.data, 0, (int)e, 1, "PNG file");
        ck_guards_ok(&got, "output");
        ck_guards_ok(&img, "input");
        ck_buf_free(&img), ck_buf_free(&expect), ck_buf_free(&got);
    }
}

int main(int argc, char **argv)
{
    static const struct checkasm_test tests[] = {
        {"png_filter", GFX_K_PNG_FILTER, check_filter},
        {"crc32", GFX_K_CRC32, check_crc32},
        {"adler32", GFX_K_ADLER32, check_adler32},
        {"png_encode", GFX_K_PNG_FILTER, check_encode},
    };
    return checkasm_main(argc, argv, tests, 4);
}
