/* The cell stats' scalar reference against values worked by hand from the
 * header's definitions (gfx_kernels.h): the BT.601 luma weights, half-up
 * means, the half-difference edge and its direction thresholds, and motion
 * as a mean of absolute per-pixel differences (not a difference of means).
 * checkasm holds every SIMD variant to this reference; this pins the
 * reference itself. */
#include <stdio.h>
#include <string.h>

#include "gfx_kernels.h"

static int failures;

enum { MAX_W = 16, MAX_H = 16 };

typedef struct image {
    int width, height;
    uint8_t px[MAX_H][MAX_W * 3];
} image;

static void set_px(image *im, int x, int y, int r, int g, int b)
{
    im->px[y][3 * x] = (uint8_t)r, im->px[y][3 * x + 1] = (uint8_t)g;
    im->px[y][3 * x + 2] = (uint8_t)b;
}

static void fill_grey(image *im, int width, int height, int (*value)(int x, int y))
{
    memset(im, 0, sizeof *im);
    im->width = width, im->height = height;
    for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
            set_px(im, x, y, value(x, y), value(x, y), value(x, y));
}

typedef struct stats {
    int r, g, b, luma, edge, dir, motion;
} stats;

/* The one cell of cell_w x cell_h at (ox, oy) of im. */
static stats one_cell(const struct gfx_kernels *k, const image *im, const image *prev, int cell_w,
                      int cell_h, int ox, int oy)
{
    uint8_t planes[7] = {0};
    uint16_t scratch[GFX_CELL_STATS_SCRATCH(MAX_W)];
    gfx_cell_stats_args a = {
        .frame = im->px[0],
        .stride = MAX_W * 3,
        .prev = prev ? prev->px[0] : NULL,
        .prev_stride = MAX_W * 3,
        .width = im->width,
        .height = im->height,
        .rows = 1,
        .cols = 1,
        .cell_w = cell_w,
        .cell_h = cell_h,
        .origin_x = ox,
        .origin_y = oy,
        .out = {&planes[0], &planes[1], &planes[2], &planes[3], &planes[4], &planes[5], &planes[6],
                1},
        .scratch = scratch,
    };
    k->cell_stats(&a);
    return (stats){planes[0], planes[1], planes[2], planes[3], planes[4], planes[5], planes[6]};
}

static void expect(const char *what, stats got, stats want)
{
    if (memcmp(&got, &want, sizeof got) == 0)
        return;
    printf("FAIL %s: got r %d g %d b %d luma %d edge %d dir %d motion %d, "
           "expected r %d g %d b %d luma %d edge %d dir %d motion %d\n",
           what, got.r, got.g, got.b, got.luma, got.edge, got.dir, got.motion, want.r, want.g,
           want.b, want.luma, want.edge, want.dir, want.motion);
    failures++;
}

static int black(int x, int y)
{
    return (void)x, (void)y, 0;
}
static int white(int x, int y)
{
    return (void)x, (void)y, 255;
}
static int right_white(int x, int y)
{
    return (void)y, x >= 2 ? 255 : 0;
}
static int bottom_white(int x, int y)
{
    return (void)x, y >= 2 ? 255 : 0;
}
static int bottom_right_white(int x, int y)
{
    return x + y >= 4 ? 255 : 0;
}
static int bottom_left_white(int x, int y)
{
    return y - x >= 1 ? 255 : 0;
}
static int ramp_0_100_200(int x, int y)
{
    return (void)y, 100 * x;
}
static int checker_10(int x, int y)
{
    return (x + y) % 2 ? 110 : 90;
}
static int checker_10_swapped(int x, int y)
{
    return (x + y) % 2 ? 90 : 110;
}
/* 2x2 cells whose gx, gy sit on the 53/128 threshold and just past it */
static int threshold_on(int x, int y)
{
    static const int v[2][2] = {{0, 25}, {100, 181}};
    return v[y][x];
}
static int threshold_past(int x, int y)
{
    static const int v[2][2] = {{0, 26}, {100, 181}};
    return v[y][x];
}

static void colours(const struct gfx_kernels *k)
{
    static const struct {
        int r, g, b, luma;
        const char *why;
    } cases[] = {
        {255, 0, 0, 77, "red: (77*255 + 128) >> 8"},
        {0, 255, 0, 149, "green: (150*255 + 128) >> 8 = 149.9, floored"},
        {0, 0, 255, 29, "blue: (29*255 + 128) >> 8"},
        {255, 255, 255, 255, "white: the weights sum to 256"},
        {128, 128, 128, 128, "grey is its own luma"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        image im;
        fill_grey(&im, 5, 3, black);
        for (int y = 0; y < 3; y++)
            for (int x = 0; x < 5; x++)
                set_px(&im, x, y, cases[i].r, cases[i].g, cases[i].b);
        expect(
            cases[i].why, one_cell(k, &im, NULL, 5, 3, 0, 0),
            (stats){cases[i].r, cases[i].g, cases[i].b, cases[i].luma, 0, GFX_EDGE_HORIZONTAL, 0});
    }
}

static void edges(const struct gfx_kernels *k)
{
    image im;
    fill_grey(&im, 4, 4, right_white);
    expect("right half white: gx 2040/8, mean 2040/16 = 127.5 up",
           one_cell(k, &im, NULL, 4, 4, 0, 0),
           (stats){128, 128, 128, 128, 255, GFX_EDGE_VERTICAL, 0});
    fill_grey(&im, 4, 4, bottom_white);
    expect("bottom half white", one_cell(k, &im, NULL, 4, 4, 0, 0),
           (stats){128, 128, 128, 128, 255, GFX_EDGE_HORIZONTAL, 0});
    /* left half holds 1 white pixel, right 5: gx = 4*255/8 = 127.5 -> 128, gy alike */
    fill_grey(&im, 4, 4, bottom_right_white);
    expect("bright bottom-right: a rising edge, 128 + 128 clipped",
           one_cell(k, &im, NULL, 4, 4, 0, 0), (stats){96, 96, 96, 96, 255, GFX_EDGE_RISING, 0});
    fill_grey(&im, 4, 4, bottom_left_white);
    expect("bright bottom-left: a falling edge", one_cell(k, &im, NULL, 4, 4, 0, 0),
           (stats){96, 96, 96, 96, 255, GFX_EDGE_FALLING, 0});
    /* 3x3: the middle column (100) is in neither half: gx = 3*200/3 */
    fill_grey(&im, 3, 3, ramp_0_100_200);
    expect("odd width: middle column left out of the halves", one_cell(k, &im, NULL, 3, 3, 0, 0),
           (stats){100, 100, 100, 100, 200, GFX_EDGE_VERTICAL, 0});
    /* the same ramp as a cell at (1, 1) of a bigger frame: columns 1..3 */
    fill_grey(&im, 6, 5, ramp_0_100_200);
    expect("origin (1, 1): values 100, 200, 300 wrap as bytes 100, 200, 44",
           one_cell(k, &im, NULL, 3, 3, 1, 1),
           (stats){115, 115, 115, 115, 56, GFX_EDGE_VERTICAL, 0});
    fill_grey(&im, 2, 2, threshold_on);
    expect("gx 53, gy 128: 128*53 <= 53*128 is horizontal", one_cell(k, &im, NULL, 2, 2, 0, 0),
           (stats){77, 77, 77, 77, 181, GFX_EDGE_HORIZONTAL, 0});
    fill_grey(&im, 2, 2, threshold_past);
    expect("gx 53.5 -> 54, gy 127.5 -> 128: rising", one_cell(k, &im, NULL, 2, 2, 0, 0),
           (stats){77, 77, 77, 77, 182, GFX_EDGE_RISING, 0});
    fill_grey(&im, 1, 1, white);
    expect("a 1x1 cell has no halves", one_cell(k, &im, NULL, 1, 1, 0, 0),
           (stats){255, 255, 255, 255, 0, GFX_EDGE_HORIZONTAL, 0});
}

static void motion(const struct gfx_kernels *k)
{
    image im, prev;
    fill_grey(&im, 4, 2, white);
    fill_grey(&prev, 4, 2, black);
    expect("white over black", one_cell(k, &im, &prev, 4, 2, 0, 0),
           (stats){255, 255, 255, 255, 0, GFX_EDGE_HORIZONTAL, 255});
    fill_grey(&im, 4, 2, checker_10);
    fill_grey(&prev, 4, 2, checker_10_swapped);
    /* every pixel moves by 20, the cell's mean not at all */
    expect("per-pixel differences, not a difference of means", one_cell(k, &im, &prev, 4, 2, 0, 0),
           (stats){100, 100, 100, 100, 0, GFX_EDGE_HORIZONTAL, 20});
    expect("no previous frame: motion 0", one_cell(k, &im, NULL, 4, 2, 0, 0),
           (stats){100, 100, 100, 100, 0, GFX_EDGE_HORIZONTAL, 0});
}

int main(void)
{
    struct gfx_kernels k;
    gfx_kernels_init(&k, GFX_ISA_SCALAR);
    colours(&k);
    edges(&k);
    motion(&k);
    if (failures)
        return 1;
    printf("spec_cell_stats: all cases as worked by hand\n");
    return 0;
}
