/* checkasm: every mask_mix variant against gfx_mask_mix_scalar: odd widths
 * (every tail of every block size), full rows, a shared mask row (stride 0),
 * masks of only 0 and 255 and of runs of them. */
#include "checkasm.h"

static void pick_size(int *width, int *height)
{
    if (ck_rand() % 64 == 0) {              /* full-size rows */
        *width = ck_rand_range(1000, 2600); /* past one 2048-pixel weight strip */
        *height = ck_rand_range(1, 4);
    } else {
        *width = ck_rand_range(1, 200);
        *height = ck_rand_range(1, 5);
    }
}

enum mask_content { MASK_RANDOM, MASK_EDGES, MASK_RUNS, MASK_CONTENTS };

/* MASK_EDGES: only 0 and 255 (dst and src exactly); MASK_RUNS: runs of 0,
 * 255 and random bytes, as a cell mask expanded to pixels has. */
static void fill_mask(uint8_t *p, size_t n, enum mask_content content)
{
    ck_fill(p, n);
    if (content == MASK_EDGES)
        for (size_t i = 0; i < n; i++)
            p[i] = (p[i] & 1) ? 255 : 0;
    if (content == MASK_RUNS)
        for (size_t i = 0; i < n;) {
            size_t run = 1 + ck_rand() % 40;
            uint32_t kind = ck_rand() % 3;
            for (; run && i < n; run--, i++)
                if (kind < 2)
                    p[i] = kind ? 255 : 0;
        }
    if (content == MASK_RANDOM)
        ck_sprinkle_extremes(p, n);
}

/* One case: dst, src and mask with their own strides, each buffer ending
 * right after its last pixel half the time; mask stride 0 a third of the
 * time. */
static void check_case(const struct gfx_kernels *ref, const struct gfx_kernels *isa, int width,
                       int height, enum mask_content content)
{
    ptrdiff_t dst_stride = 3 * (ptrdiff_t)width + ck_rand_range(0, 70);
    ptrdiff_t src_stride = 3 * (ptrdiff_t)width + ck_rand_range(0, 70);
    ptrdiff_t mask_stride = ck_rand() % 3 == 0 ? 0 : width + ck_rand_range(0, 40);
    size_t dst_size = (size_t)dst_stride * (size_t)(height - 1) + 3 * (size_t)width;
    size_t src_size = (size_t)src_stride * (size_t)(height - 1) + 3 * (size_t)width;
    size_t mask_size = (size_t)mask_stride * (size_t)(height - 1) + (size_t)width;
    if (ck_rand() & 1)
        dst_size = (size_t)dst_stride * (size_t)height;
    if (ck_rand() & 1)
        src_size = (size_t)src_stride * (size_t)height;
    ck_case("%dx%d mask %d, dst stride %td, src stride %td, mask stride %td", width, height,
            (int)content, dst_stride, src_stride, mask_stride);

    ck_buf dst = ck_buf_new(dst_size), src = ck_buf_new(src_size), mask = ck_buf_new(mask_size);
    ck_sprinkle_extremes(dst.data, dst_size);
    ck_sprinkle_extremes(src.data, src_size);
    fill_mask(mask.data, mask_size, content);
    ck_buf expect = ck_buf_copy(&dst), got = ck_buf_copy(&dst);
    ck_buf src_before = ck_buf_copy(&src), mask_before = ck_buf_copy(&mask);

    ref->mask_mix(expect.data, dst_stride, src.data, src_stride, mask.data, mask_stride, width,
                  height);
    isa->mask_mix(got.data, dst_stride, src.data, src_stride, mask.data, mask_stride, width,
                  height);

    ck_expect_image(expect.data, got.data, dst_stride, 3 * width, height, "dst");
    ck_expect_row_slack_untouched(dst.data, got.data, dst_stride, 3 * width, height, dst_size,
                                  "dst");
    ck_expect_image(src_before.data, src.data, src_stride, 3 * width, height, "src (read only)");
    ck_expect_image(mask_before.data, mask.data, (ptrdiff_t)mask_size, (int)mask_size, 1,
                    "mask (read only)");
    ck_guards_ok(&got, "dst");
    ck_guards_ok(&src, "src");
    ck_guards_ok(&mask, "mask");
    ck_buf_free(&dst), ck_buf_free(&src), ck_buf_free(&mask), ck_buf_free(&expect);
    ck_buf_free(&got), ck_buf_free(&src_before), ck_buf_free(&mask_before);
}

static void check_mask_mix(const struct gfx_kernels *ref, const struct gfx_kernels *isa,
                           enum gfx_isa level)
{
    (void)level;
    for (int c = 0; c < MASK_CONTENTS; c++)
        for (int i = 0; i < ck_iterations(); i++) {
            int width, height;
            pick_size(&width, &height);
            check_case(ref, isa, width, height, (enum mask_content)c);
        }
    check_case(ref, isa, 1920, 1080, MASK_RUNS); /* and one full 1080p frame */
}

int main(int argc, char **argv)
{
    static const struct checkasm_test tests[] = {{"mask_mix", GFX_K_MASK_MIX, check_mask_mix}};
    return checkasm_main(argc, argv, tests, 1);
}
