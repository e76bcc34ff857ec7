/* checkasm: every CRT variant against gfx_crt_scalar. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checkasm.h"

/* Remap tables: the real barrel table, random offsets anywhere in the source
 * (any byte, so words straddle pixels and rows) with black sprinkled in,
 * nothing but black, or only the first and the last valid offset. */
enum table_kind { TABLE_BARREL, TABLE_RANDOM, TABLE_BLACK, TABLE_ENDS, TABLE_KINDS };
static const char *const table_kind_names[TABLE_KINDS] = {"barrel", "random", "black", "ends"};

/* Row gains: random with 0 and 255 sprinkled in, real scanlines, or the
 * multiplier's end points everywhere. */
enum gain_kind { GAIN_RANDOM, GAIN_SCANLINES, GAIN_ZERO, GAIN_FULL, GAIN_KINDS };
static const char *const gain_kind_names[GAIN_KINDS] = {"random", "scanlines", "0", "255"};

static void fill_table(uint32_t *table, int width, int height, ptrdiff_t src_stride,
                       uint32_t last_offset, enum table_kind kind, float curvature)
{
    size_t n = (size_t)width * (size_t)height;
    if (kind == TABLE_BARREL) {
        gfx_crt_table_build(table, width, height, src_stride, curvature);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t r = ck_rand();
        switch (kind) {
        case TABLE_RANDOM:
            table[i] = r % 8 == 0 ? GFX_CRT_BLACK : (uint32_t)(r % ((uint64_t)last_offset + 1));
            break;
        case TABLE_BLACK: table[i] = GFX_CRT_BLACK; break;
        default: table[i] = r & 1 ? last_offset : 0; break;
        }
    }
}

static void fill_gain(uint8_t *gain, int height, enum gain_kind kind, int depth)
{
    switch (kind) {
    case GAIN_RANDOM:
        ck_fill(gain, (size_t)height);
        ck_sprinkle_extremes(gain, (size_t)height);
        break;
    case GAIN_SCANLINES: gfx_scanline_gain_build(gain, height, depth); break;
    case GAIN_ZERO: memset(gain, 0, (size_t)height); break;
    default: memset(gain, 255, (size_t)height); break;
    }
}

static void check_crt(const struct gfx_kernels *ref, const struct gfx_kernels *isa,
                      enum gfx_isa level)
{
    (void)level;
    for (int i = 0; i < ck_iterations(); i++) {
        int width, height;
        ck_pick_rgb_size(&width, &height);
        ptrdiff_t stride = 3 * (ptrdiff_t)width + ck_rand_range(0, 70);
        ptrdiff_t src_stride = 3 * (ptrdiff_t)width + ck_rand_range(0, 70);
        size_t size = ck_pick_image_bytes(stride, 3 * width, height);
        size_t src_size = ck_image_bytes(src_stride, 3 * width, height);
        enum table_kind tkind = (enum table_kind)(ck_rand() % TABLE_KINDS);
        enum gain_kind gkind = (enum gain_kind)(ck_rand() % GAIN_KINDS);
        float curvature = (float)ck_rand_range(0, 100) / 100.0f;
        int depth = ck_rand_range(0, 255);
        ck_case("%dx%d stride %td, src stride %td, table %s (curvature %.2f), gain %s (depth %d)",
                width, height, stride, src_stride, table_kind_names[tkind], (double)curvature,
                gain_kind_names[gkind], depth);

        /* the source is a plain allocation that ends GFX_CANVAS_PAD bytes
         * after its last pixel, so a sanitizer build sees any read past the
         * promised padding */
        uint8_t *src = ck_alloc(src_size + GFX_CANVAS_PAD);
        ck_fill(src, src_size + GFX_CANVAS_PAD);
        ck_sprinkle_extremes(src, src_size);
        uint32_t *table = ck_alloc(sizeof(uint32_t) * (size_t)width * (size_t)height);
        fill_table(table, width, height, src_stride, (uint32_t)(src_size - 3), tkind, curvature);
        uint8_t *gain = ck_alloc((size_t)height);
        fill_gain(gain, height, gkind, depth);
        ck_buf dst = ck_buf_new(size);
        ck_buf expect = ck_buf_copy(&dst), got = ck_buf_copy(&dst);

        ref->crt(expect.data, stride, src, table, width, height, gain);
        isa->crt(got.data, stride, src, table, width, height, gain);

        ck_expect_image(expect.data, got.data, stride, 3 * width, height, "dst");
        ck_expect_row_slack_untouched(dst.data, got.data, stride, 3 * width, height, size,
                                      "output");
        ck_guards_ok(&got, "dst");
        ck_buf_free(&dst), ck_buf_free(&expect), ck_buf_free(&got);
        free(src), free(table), free(gain);
    }
}

int main(int argc, char **argv)
{
    static const struct checkasm_test tests[] = {{"crt", GFX_K_CRT, check_crt}};
    return checkasm_main(argc, argv, tests, 1);
}
