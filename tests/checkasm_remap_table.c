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

static void pick_size(int *width, int *height)
{
    uint32_t r = ck_rand() % 32;
    if (r == 0) { /* full-size rows */
        *width = ck_rand_range(1000, 1920);
        *height = ck_rand_range(1, 12);
    } else if (r == 1) { /* a larger frame, rarely */
        *width = ck_rand_range(600, 1920);
        *height = ck_rand_range(100, 360);
    } else { /* every tail of every vector width */
        *width = ck_rand_range(1, 130);
        *height = ck_rand_range(1, 6);
    }
}

static void *alloc_or_die(size_t size)
{
    void *p = malloc(size);
    if (!p) {
        fprintf(stderr, "checkasm_remap_table: out of memory\n");
        exit(2);
    }
    return p;
}

static void check_remap_table(const struct gfx_kernels *ref, const struct gfx_kernels *isa,
                              enum gfx_isa level)
{
    (void)level;
    for (int i = 0; i < ck_iterations(); i++) {
        int width, height;
        pick_size(&width, &height);
        ptrdiff_t stride = 3 * (ptrdiff_t)width + ck_rand_range(0, 70);
        ptrdiff_t src_stride = 3 * (ptrdiff_t)width + ck_rand_range(0, 70);
        /* half the cases end the output right after its last pixel */
        size_t size = (size_t)stride * (size_t)(height - 1) + 3 * (size_t)width;
        if (ck_rand() & 1)
            size = (size_t)stride * (size_t)height;
        size_t src_size = (size_t)src_stride * (size_t)(height - 1) + 3 * (size_t)width;
        enum table_kind tkind = (enum table_kind)(ck_rand() % TABLE_KINDS);
        ck_case("%dx%d stride %td, src stride %td, table %s", width, height, stride, src_stride,
                table_kind_names[tkind]);

        /* the source ends GFX_CANVAS_PAD bytes after its last pixel, so a
         * sanitizer build sees any read past the promised padding */
        uint8_t *src = alloc_or_die(src_size + GFX_CANVAS_PAD);
        ck_fill(src, src_size + GFX_CANVAS_PAD);
        ck_sprinkle_extremes(src, src_size);
        uint32_t *table = alloc_or_die(sizeof(uint32_t) * (size_t)width * (size_t)height);
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
