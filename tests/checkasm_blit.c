/* Exactness of every glyph blit variant against the scalar reference:
 * random canvases (1..130 pixels wide, odd strides, unaligned), random
 * atlases of every cell size the contract allows, grids placed so that edge
 * cells are clipped on all four sides, and a few near-full-size frames. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checkasm.h"

/* Bytes that are 0 or 255 a quarter of the time each: the extremes of the
 * coverage x colour product are where rounding goes wrong. */
static uint8_t extreme_biased_byte(void)
{
    switch (ck_rand() % 4) {
    case 0: return 0;
    case 1: return 255;
    default: return (uint8_t)ck_rand();
    }
}

static ptrdiff_t round_up_64(ptrdiff_t n)
{
    return (n + 63) / 64 * 64;
}

/* An atlas as the contract describes it: each pixel's coverage repeated in
 * R, G and B, zeros past 3*cell_w in each row, glyph 0 blank. Whatever lies
 * between the last row of a glyph and the next glyph is random, so a
 * variant that reads beyond a row's zero padding draws garbage. */
static ck_buf make_atlas(gfx_atlas *at, int cell_w, int cell_h, int glyph_count)
{
    at->cell_w = cell_w;
    at->cell_h = cell_h;
    at->glyph_count = glyph_count;
    at->row_bytes = round_up_64(3 * cell_w) + 64 * ck_rand_range(0, 1);
    at->glyph_bytes = at->row_bytes * cell_h + ck_rand_range(0, 100);
    ck_buf buf = ck_buf_new((size_t)at->glyph_bytes * glyph_count);
    for (int g = 0; g < glyph_count; g++)
        for (int y = 0; y < cell_h; y++) {
            uint8_t *row = buf.data + g * at->glyph_bytes + y * at->row_bytes;
            memset(row, 0, (size_t)at->row_bytes);
            for (int x = 0; x < cell_w && g != 0; x++)
                memset(row + 3 * x, extreme_biased_byte(), 3);
        }
    at->rgb = buf.data;
    return buf;
}

/* rows*cells_stride cells; the cells in the stride gap hold glyph indices
 * past the atlas, which trip the glyph check if a variant reads them. */
static gfx_cell *make_cells(int rows, int cols, ptrdiff_t cells_stride, int glyph_count)
{
    gfx_cell *cells = malloc(sizeof(gfx_cell) * (size_t)(rows * cells_stride + 1));
    if (!cells) {
        fprintf(stderr, "checkasm_blit: out of memory\n");
        exit(2);
    }
    for (int r = 0; r < rows; r++)
        for (ptrdiff_t c = 0; c < cells_stride; c++) {
            gfx_cell *cell = &cells[r * cells_stride + c];
            int blank = ck_rand() % 4 == 0;
            cell->glyph = c >= cols ? (uint16_t)(glyph_count + ck_rand() % 1000)
                          : blank   ? 0
                                    : (uint16_t)ck_rand_range(1, glyph_count - 1);
            cell->r = extreme_biased_byte();
            cell->g = extreme_biased_byte();
            cell->b = extreme_biased_byte();
            cell->reserved = (uint8_t)ck_rand();
        }
    return cells;
}

/* Places `count` cells of `size` pixels over [0, limit): the first and last
 * cells usually straddle the edges, sometimes whole cells lie outside. */
static void place_grid(int size, int limit, int *origin, int *count)
{
    *origin = ck_rand_range(-2 * size, size);
    int needed = (limit - *origin + size - 1) / size;
    *count = needed + ck_rand_range(-1, 1);
    if (*count < 0 || ck_rand() % 32 == 0)
        *count = 0;
}

struct blit_case {
    int width, height, cell_w, cell_h;
};

static struct blit_case small_case(void)
{
    struct blit_case k;
    k.width = ck_rand_range(1, 130);
    k.height = ck_rand_range(1, 40);
    k.cell_w = ck_rand_range(1, 64);
    /* mostly the renderer's heights; now and then the contract's tallest */
    k.cell_h = ck_rand() % 8 ? ck_rand_range(1, 24) : ck_rand_range(1, 128);
    return k;
}

/* A frame near the renderer's: 640x360-ish with its cell sizes. */
static struct blit_case large_case(void)
{
    struct blit_case k;
    k.width = ck_rand_range(600, 700);
    k.height = ck_rand_range(300, 400);
    k.cell_w = ck_rand_range(4, 40);
    k.cell_h = ck_rand_range(8, 80);
    return k;
}

static void check_one(const struct gfx_kernels *ref, const struct gfx_kernels *isa,
                      struct blit_case k)
{
    gfx_atlas atlas;
    ck_buf atlas_buf = make_atlas(&atlas, k.cell_w, k.cell_h, ck_rand_range(2, 12));
    int width_bytes = 3 * k.width;
    ptrdiff_t stride = width_bytes + (ck_rand() % 8 ? ck_rand_range(1, 40) : 0);
    ck_buf before = ck_buf_new((size_t)(stride * (k.height - 1) + width_bytes));
    ck_buf expect = ck_buf_copy(&before), got = ck_buf_copy(&before);

    gfx_blit_args args = {.stride = stride, .width = k.width, .height = k.height, .atlas = &atlas};
    place_grid(k.cell_w, k.width, &args.origin_x, &args.cols);
    place_grid(k.cell_h, k.height, &args.origin_y, &args.rows);
    args.cells_stride = args.cols + ck_rand_range(0, 3);
    gfx_cell *cells = make_cells(args.rows, args.cols, args.cells_stride, atlas.glyph_count);
    args.cells = cells;
    ck_case("%dx%d stride %td, %dx%d cells of %dx%d at (%d,%d), cells_stride %td", k.width,
            k.height, stride, args.cols, args.rows, k.cell_w, k.cell_h, args.origin_x,
            args.origin_y, args.cells_stride);

    args.canvas = expect.data;
    ref->blit(&args);
    args.canvas = got.data;
    isa->blit(&args);

    ck_expect_image(expect.data, got.data, stride, width_bytes, k.height, "canvas");
    ck_expect_row_slack_untouched(before.data, got.data, stride, width_bytes, k.height, before.size,
                                  "canvas");
    ck_guards_ok(&got, "canvas");

    free(cells);
    ck_buf_free(&atlas_buf);
    ck_buf_free(&before);
    ck_buf_free(&expect);
    ck_buf_free(&got);
}

static void check_blit(const struct gfx_kernels *ref, const struct gfx_kernels *isa,
                       enum gfx_isa level)
{
    (void)level;
    for (int i = 0; i < ck_iterations(); i++)
        check_one(ref, isa, i % 50 == 49 ? large_case() : small_case());
}

int main(int argc, char **argv)
{
    static const struct checkasm_test tests[] = {{"blit", GFX_K_BLIT, check_blit}};
    return checkasm_main(argc, argv, tests, 1);
}
