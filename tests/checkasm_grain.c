/* checkasm: every grain variant against gfx_grain_scalar. */
#include "checkasm.h"

static void pick_size(int *width, int *height)
{
    uint32_t r = ck_rand() % 32;
    if (r == 0) { /* full-size rows */
        *width = ck_rand_range(1000, 1920);
        *height = ck_rand_range(1, 12);
    } else if (r == 1) { /* a full 1080p frame, rarely */
        *width = 1920;
        *height = 1080;
    } else if (r == 2) { /* the widest rows: block indices up to 65535 */
        *width = ck_rand_range(131072 - 200, 131071);
        *height = ck_rand_range(1, 3);
    } else { /* every tail of every vector width, odd heights */
        *width = ck_rand_range(1, 130);
        *height = ck_rand_range(1, 7);
    }
}

/* amount over [0, 127], its ends often; keys with all bits clear or set
 * as well as random ones. */
static int pick_amount(void)
{
    switch (ck_rand() % 4) {
    case 0: return 0;
    case 1: return 127;
    default: return ck_rand_range(0, 127);
    }
}

static uint32_t pick_key(void)
{
    switch (ck_rand() % 8) {
    case 0: return 0;
    case 1: return 0xffffffffu;
    case 2: { /* one draw per statement: argument order is unspecified */
        uint32_t seed = ck_rand(), frame = ck_rand(), stream = ck_rand();
        return gfx_noise_key(seed, frame, stream);
    }
    default: return ck_rand();
    }
}

static void check_grain(const struct gfx_kernels *ref, const struct gfx_kernels *isa,
                        enum gfx_isa level)
{
    (void)level;
    for (int i = 0; i < ck_iterations(); i++) {
        int width, height;
        pick_size(&width, &height);
        ptrdiff_t stride = 3 * (ptrdiff_t)width + ck_rand_range(0, 70);
        size_t size = ck_pick_image_bytes(stride, 3 * width, height);
        int amount = pick_amount();
        uint32_t key = pick_key();
        ck_case("%dx%d stride %td, key 0x%08x, amount %d", width, height, stride, key, amount);

        ck_buf canvas = ck_buf_new(size);
        ck_sprinkle_extremes(canvas.data, size);
        ck_buf expect = ck_buf_copy(&canvas), got = ck_buf_copy(&canvas);

        ref->grain(expect.data, stride, width, height, key, amount);
        isa->grain(got.data, stride, width, height, key, amount);

        ck_expect_image(expect.data, got.data, stride, 3 * width, height, "canvas");
        ck_expect_row_slack_untouched(canvas.data, got.data, stride, 3 * width, height, size,
                                      "output");
        ck_guards_ok(&got, "canvas");
        ck_buf_free(&canvas), ck_buf_free(&expect), ck_buf_free(&got);
    }
}

int main(int argc, char **argv)
{
    static const struct checkasm_test tests[] = {{"grain", GFX_K_GRAIN, check_grain}};
    return checkasm_main(argc, argv, tests, 1);
}
