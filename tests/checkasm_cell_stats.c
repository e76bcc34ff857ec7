/* checkasm: every cell stats variant against gfx_cell_stats_scalar. Grids of
 * odd sizes at odd origins inside frames with odd strides, the cell sizes the
 * renderer uses (8x16, 10x20, 5x10) and random ones up to the contract's
 * 64x128, with and without a previous frame, and the sums at their largest
 * (white over black, 128 rows). */
#include <string.h>

#include "checkasm.h"

enum { PLANES = 7 };

typedef struct frame_case {
    int cell_w, cell_h, rows, cols, origin_x, origin_y, width, height;
    int with_prev, extremes; /* extremes: a white frame over a black one */
} frame_case;

static void pick_cell(frame_case *c)
{
    static const int named[][2] = {{8, 16}, {10, 20}, {5, 10}};
    uint32_t pick = ck_rand() % 6;
    if (pick < 3) {
        c->cell_w = named[pick][0], c->cell_h = named[pick][1];
    } else if (pick < 5) { /* small: every tail of every vector width */
        c->cell_w = ck_rand_range(1, 12), c->cell_h = ck_rand_range(1, 24);
    } else {
        c->cell_w = ck_rand_range(1, 64), c->cell_h = ck_rand_range(1, 128);
    }
}

static ck_buf make_frame(const frame_case *c, ptrdiff_t *stride)
{
    *stride = 3 * (ptrdiff_t)c->width + ck_rand_range(0, 40);
    size_t size = (size_t)*stride * (size_t)(c->height - 1) + 3 * (size_t)c->width;
    if (ck_rand() & 1)
        size = (size_t)*stride * (size_t)c->height;
    ck_buf b = ck_buf_new(size);
    ck_sprinkle_extremes(b.data, size);
    return b;
}

/* prev: unrelated pixels, or the frame with a few bytes moved (small
 * differences, where rounding of the per-pixel luma matters). */
static void fill_prev(ck_buf *prev, const ck_buf *frame, ptrdiff_t stride, ptrdiff_t prev_stride,
                      const frame_case *c)
{
    if (ck_rand() & 1)
        return;
    for (int y = 0; y < c->height; y++)
        for (int x = 0; x < 3 * c->width; x++) {
            int v = frame->data[y * stride + x] + (ck_rand() % 4 ? 0 : ck_rand_range(-3, 3));
            prev->data[y * prev_stride + x] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
        }
}

static void run_case(const struct gfx_kernels *ref, const struct gfx_kernels *isa,
                     const frame_case *c)
{
    ptrdiff_t stride, prev_stride;
    ck_buf frame = make_frame(c, &stride), prev = make_frame(c, &prev_stride);
    if (c->extremes) {
        memset(frame.data, 255, frame.size);
        memset(prev.data, 0, prev.size);
    } else {
        fill_prev(&prev, &frame, stride, prev_stride, c);
    }
    const ptrdiff_t out_stride = c->cols + ck_rand_range(0, 5);
    const size_t out_size = (size_t)out_stride * (size_t)c->rows;
    ck_case("cells %dx%d, grid %dx%d at (%d,%d) in %dx%d, stride %td, prev %s, out stride %td",
            c->cell_w, c->cell_h, c->cols, c->rows, c->origin_x, c->origin_y, c->width, c->height,
            stride, c->with_prev ? "yes" : "NULL", out_stride);

    ck_buf expect[PLANES], got[PLANES];
    for (int p = 0; p < PLANES; p++) {
        expect[p] = ck_buf_new(out_size);
        ck_fill(expect[p].data, out_size);
        got[p] = ck_buf_copy(&expect[p]);
    }
    /* one byte more, so the uint16_t scratch can start on an even address
     * inside the buffer ck_buf_new misaligns on purpose */
    const size_t scratch_bytes = 2 * GFX_CELL_STATS_SCRATCH(c->cols * c->cell_w) + 1;
    ck_buf scratch = ck_buf_new(scratch_bytes);
    uint16_t *scratch_u16 = (uint16_t *)(scratch.data + ((uintptr_t)scratch.data & 1));
    ck_buf frame_before = ck_buf_copy(&frame), prev_before = ck_buf_copy(&prev);

    gfx_cell_stats_args a = {
        .frame = frame.data,
        .stride = stride,
        .prev = c->with_prev ? prev.data : NULL,
        .prev_stride = prev_stride,
        .width = c->width,
        .height = c->height,
        .rows = c->rows,
        .cols = c->cols,
        .cell_w = c->cell_w,
        .cell_h = c->cell_h,
        .origin_x = c->origin_x,
        .origin_y = c->origin_y,
        .scratch = scratch_u16,
    };
    ck_buf *outs[2] = {expect, got};
    const struct gfx_kernels *tables[2] = {ref, isa};
    for (int run = 0; run < 2; run++) {
        ck_buf *o = outs[run];
        a.out = (gfx_cell_planes){o[0].data, o[1].data, o[2].data, o[3].data,
                                  o[4].data, o[5].data, o[6].data, out_stride};
        tables[run]->cell_stats(&a);
    }

    static const char *const names[PLANES] = {"r", "g", "b", "luma", "edge", "edge_dir", "motion"};
    for (int p = 0; p < PLANES; p++) {
        ck_expect_image(expect[p].data, got[p].data, out_stride, c->cols, c->rows, names[p]);
        ck_guards_ok(&got[p], names[p]);
    }
    ck_expect_image(frame_before.data, frame.data, stride, 3 * c->width, c->height,
                    "frame (read only)");
    ck_expect_image(prev_before.data, prev.data, prev_stride, 3 * c->width, c->height,
                    "prev (read only)");
    ck_guards_ok(&scratch, "scratch");
    ck_guards_ok(&frame, "frame");
    ck_guards_ok(&prev, "prev");
    for (int p = 0; p < PLANES; p++)
        ck_buf_free(&expect[p]), ck_buf_free(&got[p]);
    ck_buf_free(&scratch), ck_buf_free(&frame), ck_buf_free(&prev);
    ck_buf_free(&frame_before), ck_buf_free(&prev_before);
}

static frame_case random_case(void)
{
    frame_case c = {0};
    pick_cell(&c);
    int max_cols = c.cell_w > 16 ? 5 : 13, max_rows = c.cell_h > 32 ? 3 : 9;
    c.cols = ck_rand_range(1, max_cols) | 1; /* odd grid sizes */
    c.rows = ck_rand_range(1, max_rows) | 1;
    if (ck_rand() % 4 == 0) /* and any size */
        c.cols = ck_rand_range(1, max_cols), c.rows = ck_rand_range(1, max_rows);
    c.origin_x = ck_rand_range(0, 7), c.origin_y = ck_rand_range(0, 5);
    c.width = c.origin_x + c.cols * c.cell_w + ck_rand_range(0, 5);
    c.height = c.origin_y + c.rows * c.cell_h + ck_rand_range(0, 3);
    c.with_prev = ck_rand() % 4 != 0;
    return c;
}

static void check_cell_stats(const struct gfx_kernels *ref, const struct gfx_kernels *isa,
                             enum gfx_isa level)
{
    (void)level;
    for (int i = 0; i < ck_iterations(); i++) {
        frame_case c = random_case();
        run_case(ref, isa, &c);
    }
    /* the largest sums: 128 rows of white over black, 64 columns */
    frame_case big = {.cell_w = 64,
                      .cell_h = 128,
                      .rows = 1,
                      .cols = 3,
                      .origin_x = 1,
                      .origin_y = 0,
                      .width = 200,
                      .height = 129,
                      .with_prev = 1,
                      .extremes = 1};
    run_case(ref, isa, &big);
    /* a 1080p frame as the renderer grids it: 192x54 cells of 10x20, centred */
    frame_case hd = {.cell_w = 10,
                     .cell_h = 20,
                     .rows = 54,
                     .cols = 192,
                     .origin_x = 0,
                     .origin_y = 0,
                     .width = 1920,
                     .height = 1080,
                     .with_prev = 1};
    run_case(ref, isa, &hd);
}

int main(int argc, char **argv)
{
    static const struct checkasm_test tests[] = {
        {"cell_stats", GFX_K_CELL_STATS, check_cell_stats}};
    return checkasm_main(argc, argv, tests, 1);
}
