/* checkasm: every rgba_unpremultiply variant against the scalar reference,
 * on random frames and once on every (channel, alpha) pair. */
#include <string.h>

#include "checkasm.h"

static void pick_size(int *width, int *height)
{
    if (ck_rand() % 64 == 0) { /* full-size rows */
        *width = ck_rand_range(1000, 1920);
        *height = ck_rand_range(1, 3);
    } else { /* every tail of every vector width */
        *width = ck_rand_range(1, 130);
        *height = ck_rand_range(1, 5);
    }
}

/* Glyph light as the canvas holds it: black runs, pure colours (one channel
 * the maximum), dim pixels (small alphas, the hardest divisions), noise. */
static void fill_light(uint8_t *p, size_t pixels)
{
    for (size_t i = 0; i < pixels;) {
        size_t run = 1 + ck_rand() % 40;
        uint32_t kind = ck_rand() % 4;
        for (; run && i < pixels; run--, i++) {
            uint8_t *q = p + 3 * i;
            uint32_t r = ck_rand();
            if (kind == 0)
                q[0] = q[1] = q[2] = 0;
            else if (kind == 1)
                q[0] = (uint8_t)r, q[1] = (uint8_t)(r >> 8), q[2] = 255;
            else if (kind == 2)
                q[0] = (uint8_t)(r % 6), q[1] = (uint8_t)((r >> 8) % 6),
                q[2] = (uint8_t)(r >> 16) % 6;
        }
    }
}

static void check_case(const struct gfx_kernels *ref, const struct gfx_kernels *isa,
                       const uint8_t *pixels, int width, int height, int random_content)
{
    ptrdiff_t src_stride = 3 * (ptrdiff_t)width + ck_rand_range(0, 40);
    ptrdiff_t dst_stride = 4 * (ptrdiff_t)width + ck_rand_range(0, 40);
    size_t src_size = (size_t)src_stride * (size_t)(height - 1) + 3 * (size_t)width;
    size_t dst_size = (size_t)dst_stride * (size_t)(height - 1) + 4 * (size_t)width;
    ck_case("%dx%d, src stride %td, dst stride %td%s", width, height, src_stride, dst_stride,
            random_content ? "" : ", every (channel, alpha) pair");
    ck_buf src = ck_buf_new(src_size), expect = ck_buf_new(dst_size);
    for (int y = 0; y < height; y++)
        if (random_content)
            fill_light(src.data + y * src_stride, (size_t)width);
        else
            memcpy(src.data + y * src_stride, pixels + 3 * (size_t)width * y, 3 * (size_t)width);
    if (random_content && ck_rand() % 4 == 0)
        ck_sprinkle_extremes(src.data, src_size);
    ck_buf got = ck_buf_copy(&expect), before = ck_buf_copy(&expect);
    ref->rgba_unpremultiply(expect.data, dst_stride, src.data, src_stride, width, height);
    isa->rgba_unpremultiply(got.data, dst_stride, src.data, src_stride, width, height);
    ck_expect_image(expect.data, got.data, dst_stride, 4 * width, height, "rgba");
    ck_expect_row_slack_untouched(before.data, got.data, dst_stride, 4 * width, height, dst_size,
                                  "rgba");
    ck_guards_ok(&got, "rgba");
    ck_guards_ok(&src, "input");
    ck_buf_free(&src), ck_buf_free(&expect), ck_buf_free(&got), ck_buf_free(&before);
}

/* Every pair c <= a, with c in each channel position and a random third
 * channel below a: 3 * 32896 pixels, as rows of 256. */
static void check_every_pair(const struct gfx_kernels *ref, const struct gfx_kernels *isa)
{
    enum { PAIRS = 256 * 257 / 2, WIDTH = 256, HEIGHT = (3 * PAIRS + WIDTH - 1) / WIDTH };
    static uint8_t px[3 * WIDTH * HEIGHT];
    memset(px, 0, sizeof px);
    size_t i = 0;
    for (int pos = 0; pos < 3; pos++)
        for (int a = 0; a < 256; a++)
            for (int c = 0; c <= a; c++, i++) {
                uint8_t *q = px + 3 * i;
                q[pos] = (uint8_t)c;
                q[(pos + 1) % 3] = (uint8_t)a;
                q[(pos + 2) % 3] = (uint8_t)(ck_rand() % (unsigned)(a + 1));
            }
    check_case(ref, isa, px, WIDTH, HEIGHT, 0);
}

static void check_rgba(const struct gfx_kernels *ref, const struct gfx_kernels *isa,
                       enum gfx_isa level)
{
    (void)level;
    check_every_pair(ref, isa);
    for (int i = 0; i < ck_iterations(); i++) {
        int width, height;
        pick_size(&width, &height);
        check_case(ref, isa, NULL, width, height, 1);
    }
}

int main(int argc, char **argv)
{
    static const struct checkasm_test tests[] = {
        {"rgba_unpremultiply", GFX_K_RGBA_UNPREMULTIPLY, check_rgba},
    };
    return checkasm_main(argc, argv, tests, 1);
}
