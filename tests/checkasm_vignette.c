/* checkasm: every vignette variant against gfx_vignette_scalar. */
#include <string.h>

#include "checkasm.h"

/* Mask contents: random bytes with the extremes sprinkled in, the real
 * radial mask, or constant 0 / 255 (the multiplier's end points). */
enum mask_kind { MASK_RANDOM, MASK_RADIAL, MASK_ZERO, MASK_FULL, MASK_KINDS };
static const char *const mask_kind_names[MASK_KINDS] = {"random", "radial", "zero", "255"};

static void fill_mask(uint8_t *mask, ptrdiff_t mask_stride, int width, int height,
                      enum mask_kind kind, float strength)
{
    switch (kind) {
    case MASK_RANDOM: ck_sprinkle_extremes(mask, (size_t)mask_stride * (size_t)height); break;
    case MASK_RADIAL: gfx_vignette_mask_build(mask, mask_stride, width, height, strength); break;
    case MASK_ZERO: memset(mask, 0, (size_t)mask_stride * (size_t)height); break;
    case MASK_FULL: memset(mask, 255, (size_t)mask_stride * (size_t)height); break;
    default: break;
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
    } else { /* every tail of every vector width */
        *width = ck_rand_range(1, 130);
        *height = ck_rand_range(1, 6);
    }
}

static void check_vignette(const struct gfx_kernels *ref, const struct gfx_kernels *isa,
                           enum gfx_isa level)
{
    (void)level;
    for (int i = 0; i < ck_iterations(); i++) {
        int width, height;
        pick_size(&width, &height);
        ptrdiff_t stride = 3 * (ptrdiff_t)width + ck_rand_range(0, 70);
        ptrdiff_t mask_stride = width + ck_rand_range(0, 40);
        size_t size = ck_pick_image_bytes(stride, 3 * width, height);
        size_t mask_size = (size_t)mask_stride * (size_t)height;
        enum mask_kind kind = (enum mask_kind)(ck_rand() % MASK_KINDS);
        float strength = (float)ck_rand_range(0, 300) / 100.0f;
        ck_case("%dx%d stride %td, mask %s (strength %.2f) stride %td", width, height, stride,
                mask_kind_names[kind], (double)strength, mask_stride);

        ck_buf canvas = ck_buf_new(size), mask = ck_buf_new(mask_size);
        ck_sprinkle_extremes(canvas.data, size);
        fill_mask(mask.data, mask_stride, width, height, kind, strength);
        ck_buf expect = ck_buf_copy(&canvas), got = ck_buf_copy(&canvas);

        ref->vignette(expect.data, stride, width, height, mask.data, mask_stride);
        isa->vignette(got.data, stride, width, height, mask.data, mask_stride);

        ck_expect_image(expect.data, got.data, stride, 3 * width, height, "canvas");
        ck_expect_row_slack_untouched(canvas.data, got.data, stride, 3 * width, height, size,
                                      "output");
        ck_guards_ok(&got, "canvas");
        ck_guards_ok(&mask, "mask");
        ck_buf_free(&canvas), ck_buf_free(&mask), ck_buf_free(&expect), ck_buf_free(&got);
    }
}

int main(int argc, char **argv)
{
    static const struct checkasm_test tests[] = {{"vignette", GFX_K_VIGNETTE, check_vignette}};
    return checkasm_main(argc, argv, tests, 1);
}
