/* checkasm: every blend variant against gfx_blend_scalar, every mode. */
#include "checkasm.h"

static void pick_size(int *width, int *height)
{
    uint32_t r = ck_rand() % 64;
    if (r == 0) { /* full-size rows */
        *width = ck_rand_range(1000, 1920);
        *height = ck_rand_range(1, 4);
    } else { /* every tail of every vector width */
        *width = ck_rand_range(1, 130);
        *height = ck_rand_range(1, 5);
    }
}

/* Opacity: the end points and anything between. */
static unsigned pick_opacity(void)
{
    switch (ck_rand() % 4) {
    case 0: return 0;
    case 1: return 256;
    default: return (unsigned)ck_rand_range(0, 256);
    }
}

/* Runs of 0 and 255 between random stretches, as ASCII frames have (black
 * between glyphs): whole vectors where a division mode has nothing to
 * divide take a shortcut in the variants, mixed ones do not. */
static void fill_runs(uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t run = 1 + ck_rand() % 80;
        uint32_t kind = ck_rand() % 3;
        for (; run && i < n; run--, i++)
            if (kind < 2)
                p[i] = kind ? 255 : 0;
    }
}

/* One case: dst and src with their own odd strides, each buffer ending right
 * after its last pixel half the time. */
static void check_case(const struct gfx_kernels *ref, const struct gfx_kernels *isa,
                       enum gfx_blend_mode mode, int width, int height, unsigned opacity)
{
    ptrdiff_t dst_stride = 3 * (ptrdiff_t)width + ck_rand_range(0, 70);
    ptrdiff_t src_stride = 3 * (ptrdiff_t)width + ck_rand_range(0, 70);
    size_t dst_size = (size_t)dst_stride * (size_t)(height - 1) + 3 * (size_t)width;
    size_t src_size = (size_t)src_stride * (size_t)(height - 1) + 3 * (size_t)width;
    if (ck_rand() & 1)
        dst_size = (size_t)dst_stride * (size_t)height;
    if (ck_rand() & 1)
        src_size = (size_t)src_stride * (size_t)height;
    ck_case("%s %dx%d opacity %u, dst stride %td, src stride %td", gfx_blend_mode_name(mode), width,
            height, opacity, dst_stride, src_stride);

    ck_buf dst = ck_buf_new(dst_size), src = ck_buf_new(src_size);
    ck_sprinkle_extremes(dst.data, dst_size);
    ck_sprinkle_extremes(src.data, src_size);
    if (ck_rand() % 3 == 0) {
        fill_runs(dst.data, dst_size);
        fill_runs(src.data, src_size);
    }
    ck_buf expect = ck_buf_copy(&dst), got = ck_buf_copy(&dst), src_before = ck_buf_copy(&src);

    ref->blend(expect.data, dst_stride, src.data, src_stride, width, height, mode, opacity);
    isa->blend(got.data, dst_stride, src.data, src_stride, width, height, mode, opacity);

    ck_expect_image(expect.data, got.data, dst_stride, 3 * width, height, "dst");
    ck_expect_row_slack_untouched(dst.data, got.data, dst_stride, 3 * width, height, dst_size,
                                  "dst");
    ck_expect_image(src_before.data, src.data, src_stride, 3 * width, height, "src (read only)");
    ck_guards_ok(&got, "dst");
    ck_guards_ok(&src, "src");
    ck_buf_free(&dst), ck_buf_free(&src), ck_buf_free(&expect), ck_buf_free(&got);
    ck_buf_free(&src_before);
}

static void check_blend(const struct gfx_kernels *ref, const struct gfx_kernels *isa,
                        enum gfx_isa level)
{
    (void)level;
    /* every mode gets the run's iterations of small and row-sized cases */
    for (int m = 0; m < GFX_BLEND_COUNT; m++)
        for (int i = 0; i < ck_iterations(); i++) {
            int width, height;
            pick_size(&width, &height);
            check_case(ref, isa, (enum gfx_blend_mode)m, width, height, pick_opacity());
        }
    /* and one full 1080p frame per mode at a random opacity */
    for (int m = 0; m < GFX_BLEND_COUNT; m++)
        check_case(ref, isa, (enum gfx_blend_mode)m, 1920, 1080, pick_opacity());
}

int main(int argc, char **argv)
{
    static const struct checkasm_test tests[] = {{"blend", GFX_K_BLEND, check_blend}};
    return checkasm_main(argc, argv, tests, 1);
}
