/* checkasm: every remap_table variant against gfx_remap_table_scalar. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checkasm.h"

/* Tables: random offsets anywhere in the source (any byte, so words
 * straddle pixels and rows) with black sprinkled in, a mirror (the shape
 * the shaders build: whole pixels, rows reversed), nothing but black, or
 * only the first and the last valid offset. */
enum table_kind { TABLE_RANDOM, TABLE_MIRROR, TABLE_BLACK, TABLE_ENDS, TABLE_KINDS };
static const char *const table_kind_names[TABLE_KINDS] = {"random", "mirror", "black", "ends"};

static void fill_table(uint32_t *table, int width, int height, ptrdiff_t src_stride,
                       uint32_t last_offset, enum table_kind kind)
{
    for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++) {
            uint32_t r = ck_rand(), *t = &table[(size_t)y * (size_t)width + (size_t)x];
            switch (kind) {
            case TABLE_RANDOM:
                *t = r % 8 == 0 ? GFX_REMAP_BLACK : (uint32_t)(r % ((uint64_t)last_offset + 1));
                break;
            case TABLE_MIRROR: *t = (uint32_t)(y * src_stride + 3 * (width - 1 - x)); break;
            case TABLE_BLACK: *t = GFX_REMAP_BLACK; break;
            default: *t = r & 1 ? last_offset : 0; break;
            }
        }
}

static void check_remap_table(const struct gfx_kernels *ref, const struct gfx_kernels *isa,
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
        ck_case("%dx%d stride %td, src stride %td, table %s", width, height, stride, src_stride,
                table_kind_names[tkind]);

        /* the source ends GFX_CANVAS_PAD bytes after its last pixel, so a
         * sanitizer build sees any read past the promised padding */
        uint8_t *src = ck_alloc(src_size + GFX_CANVAS_PAD);
        ck_fill(src, src_size + GFX_CANVAS_PAD);
        ck_sprinkle_extremes(src, src_size);
        uint32_t *table = ck_alloc(sizeof(uint32_t) * (size_t)width * (size_t)height);
        fill_table(table, width, height, src_stride, (uint32_t)(src_size - 3), tkind);
        ck_buf dst = ck_buf_new(size);
        ck_buf expect = ck_buf_copy(&dst), got = ck_buf_copy(&dst);

        ref->remap_table(expect.data, stride, src, table, width, height);
        isa->remap_table(got.data, stride, src, table, width, height);

        ck_expect_image(expect.data, got.data, stride, 3 * width, height, "dst");
        ck_expect_row_slack_untouched(dst.data, got.data, stride, 3 * width, height, size,
                                      "output");
        ck_guards_ok(&got, "dst");
        ck_buf_free(&dst), ck_buf_free(&expect), ck_buf_free(&got);
        free(src), free(table);
    }
}

int main(int argc, char **argv)
{
    static const struct checkasm_test tests[] = {
        {"remap_table", GFX_K_REMAP_TABLE, check_remap_table}};
    return checkasm_main(argc, argv, tests, 1);
}
