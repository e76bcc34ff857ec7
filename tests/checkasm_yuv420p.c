/* checkasm: every RGB24 to yuv420p variant against gfx_rgb_to_yuv420p_scalar. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checkasm.h"

/* Source contents: random bytes, random with 0 and 255 sprinkled in, or
 * every byte 0 or 255 (the saturated colours where Y, U and V reach their
 * extremes 16/235 and 16/240). */
enum rgb_kind { RGB_RANDOM, RGB_SPRINKLED, RGB_SATURATED, RGB_KINDS };
static const char *const rgb_kind_names[RGB_KINDS] = {"random", "sprinkled", "saturated"};

static void fill_rgb(uint8_t *p, size_t n, enum rgb_kind kind)
{
    ck_fill(p, n);
    for (size_t i = 0; i < n; i++) {
        uint32_t r = ck_rand() % 16;
        if (kind == RGB_SATURATED)
            p[i] = r & 1 ? 255 : 0;
        else if (kind == RGB_SPRINKLED && r < 2)
            p[i] = r ? 255 : 0;
    }
}

static void pick_size(int *width, int *height)
{
    uint32_t r = ck_rand() % 32;
    if (r == 0) { /* full-size rows */
        *width = ck_rand_range(1000, 1920);
        *height = ck_rand_range(1, 12);
    } else if (r == 1) { /* a full 1080p frame, rarely */
        *width = 1920;
        *height = 1080;
    } else { /* every tail of every vector width, odd and even */
        *width = ck_rand_range(1, 130);
        *height = ck_rand_range(1, 7);
    }
}

/* Half the cases end a plane right after its last sample. */
static size_t plane_size(ptrdiff_t stride, int row_bytes, int height)
{
    if (ck_rand() & 1)
        return (size_t)stride * (size_t)height;
    return (size_t)stride * (size_t)(height - 1) + (size_t)row_bytes;
}

/* One output plane: the original and the reference's and the variant's
 * copies of it. */
struct plane {
    ck_buf before, expect, got;
    ptrdiff_t stride;
    int width, height;
};

static struct plane plane_new(int width, int height, ptrdiff_t stride)
{
    struct plane p = {.stride = stride, .width = width, .height = height};
    p.before = ck_buf_new(plane_size(p.stride, width, height));
    p.expect = ck_buf_copy(&p.before);
    p.got = ck_buf_copy(&p.before);
    return p;
}

static void plane_check_and_free(struct plane *p, const char *what)
{
    ck_expect_image(p->expect.data, p->got.data, p->stride, p->width, p->height, what);
    ck_expect_row_slack_untouched(p->before.data, p->got.data, p->stride, p->width, p->height,
                                  p->before.size, what);
    ck_guards_ok(&p->got, what);
    ck_buf_free(&p->before), ck_buf_free(&p->expect), ck_buf_free(&p->got);
}

static void check_yuv420p(const struct gfx_kernels *ref, const struct gfx_kernels *isa,
                          enum gfx_isa level)
{
    (void)level;
    for (int i = 0; i < ck_iterations(); i++) {
        int width, height;
        pick_size(&width, &height);
        int chroma_w = (width + 1) / 2, chroma_h = (height + 1) / 2;
        ptrdiff_t stride = 3 * (ptrdiff_t)width + ck_rand_range(0, 70);
        size_t rgb_size = plane_size(stride, 3 * width, height);
        enum rgb_kind kind = (enum rgb_kind)(ck_rand() % RGB_KINDS);
        ptrdiff_t uv_stride = chroma_w + ck_rand_range(0, 40); /* U and V share it */
        struct plane y = plane_new(width, height, width + ck_rand_range(0, 40));
        struct plane u = plane_new(chroma_w, chroma_h, uv_stride);
        struct plane v = plane_new(chroma_w, chroma_h, uv_stride);
        ck_case("%dx%d stride %td, %s, y stride %td, uv stride %td", width, height, stride,
                rgb_kind_names[kind], y.stride, uv_stride);

        /* a plain allocation of exactly the image, so a sanitizer build sees
         * any read past its last pixel */
        uint8_t *rgb = malloc(rgb_size);
        if (!rgb) {
            fprintf(stderr, "checkasm_yuv420p: out of memory\n");
            exit(2);
        }
        fill_rgb(rgb, rgb_size, kind);

        ref->rgb_to_yuv420p(y.expect.data, y.stride, u.expect.data, v.expect.data, uv_stride, rgb,
                            stride, width, height);
        isa->rgb_to_yuv420p(y.got.data, y.stride, u.got.data, v.got.data, uv_stride, rgb, stride,
                            width, height);

        plane_check_and_free(&y, "Y");
        plane_check_and_free(&u, "U");
        plane_check_and_free(&v, "V");
        free(rgb);
    }
}

int main(int argc, char **argv)
{
    static const struct checkasm_test tests[] = {{"rgb_to_yuv420p", GFX_K_YUV420P, check_yuv420p}};
    return checkasm_main(argc, argv, tests, 1);
}
