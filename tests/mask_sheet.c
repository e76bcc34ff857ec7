/* mask_sheet OUT.png: every mask kind (render/frame/masks.h) on one PNG, a
 * grey tile each (white = visible), six across in the registry's order, to
 * look at. Each tile is a 64x24 grid of 8x16-pixel cells, mixed white over
 * black by gfx_mask_apply_canvas, so the applier and the mask_mix kernel are
 * in the picture too. The animated kinds are shown at p = 0.5; the value
 * field is a ripple around the centre; the combining kinds take a circle as
 * a (and m) and a rectangle as b. Prints the kinds in tile order. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "masks.h"
#include "png_sink.h"

#define COLS 64
#define ROWS 24
#define CELL_W 8
#define CELL_H 16
#define TILE_W (COLS * CELL_W)
#define TILE_H (ROWS * CELL_H)
#define GAP 8
#define ACROSS 6

static void ripple(float *field)
{
    for (int r = 0; r < ROWS; r++)
        for (int c = 0; c < COLS; c++) {
            float dx = (float)c - 0.5f * COLS, dy = ((float)r - 0.5f * ROWS) * CELL_H / CELL_W;
            field[r * COLS + c] = 0.5f + 0.5f * sinf(sqrtf(dx * dx + dy * dy) * 0.25f);
        }
}

/* nodes[0] circle, [1] rect, [2] a horizontal ramp, [3] the kind itself,
 * reading them: a circle, b rect, and select's m the ramp. */
static int kind_nodes(const gfx_mask_kind *kind, gfx_mask_node nodes[4])
{
    gfx_mask_node_init(&nodes[0], gfx_mask_kind_find("mask_circle"));
    gfx_mask_node_init(&nodes[1], gfx_mask_kind_find("mask_rect"));
    gfx_mask_node_init(&nodes[2], gfx_mask_kind_find("mask_gradient_h"));
    gfx_mask_node_init(&nodes[3], kind);
    const int select = !strcmp(kind->name, "mask_select");
    nodes[3].operands[0] = select ? 2 : 0;
    nodes[3].operands[1] = select ? 0 : 1;
    nodes[3].operands[2] = 1;
    if (!strcmp(kind->name, "mask_text"))
        nodes[3].string = "glyphfx";
    if (!strcmp(kind->name, "mask_text_block"))
        nodes[3].string = "ASCII\nmusic\nvideo";
    return 4;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUT.png\n", argv[0]);
        return 2;
    }
    char err[512];
    gfx_font *font = gfx_font_open(NULL, err, sizeof err);
    if (!font) {
        fprintf(stderr, "mask_sheet: %s\n", err);
        return 1;
    }
    const int kinds = gfx_mask_kind_count(), down = (kinds + ACROSS - 1) / ACROSS;
    gfx_image sheet, white;
    if (gfx_image_alloc(&sheet, ACROSS * (TILE_W + GAP) + GAP, down * (TILE_H + GAP) + GAP) ||
        gfx_image_alloc(&white, TILE_W, TILE_H)) {
        fprintf(stderr, "mask_sheet: out of memory\n");
        return 1;
    }
    memset(sheet.px, 64, gfx_image_bytes(&sheet)); /* grey gaps between black tiles */
    memset(white.px, 255, gfx_image_bytes(&white));
    static float field[ROWS * COLS];
    static uint8_t cells[ROWS * COLS];
    ripple(field);
    const gfx_grid grid = {.rows = ROWS, .cols = COLS, .cell_w = CELL_W, .cell_h = CELL_H};
    const gfx_mask_input in = {.grid = &grid, .progress = 0.5f, .field = field, .font = font};
    int status = 0;
    for (int i = 0; i < kinds && !status; i++) {
        const gfx_mask_kind *kind = gfx_mask_kind_at(i);
        gfx_mask_node nodes[4];
        int count = kind_nodes(kind, nodes);
        uint8_t *tile = sheet.px + (ptrdiff_t)(GAP + (i / ACROSS) * (TILE_H + GAP)) * sheet.stride +
                        3 * (GAP + (i % ACROSS) * (TILE_W + GAP));
        for (int y = 0; y < TILE_H; y++)
            memset(tile + y * sheet.stride, 0, 3 * TILE_W);
        if (gfx_mask_eval(nodes, count, count - 1, &in, cells, err, sizeof err) ||
            gfx_mask_apply_canvas(gfx_kernels_get(), &grid, cells, tile, sheet.stride, white.px,
                                  white.stride, TILE_W, TILE_H, err, sizeof err)) {
            fprintf(stderr, "mask_sheet: %s: %s\n", kind->name, err);
            status = 1;
        }
        printf("%2d %s\n", i, kind->name);
    }
    if (!status && gfx_png_write(argv[1], &sheet, 1, err, sizeof err)) {
        fprintf(stderr, "mask_sheet: %s\n", err);
        status = 1;
    }
    gfx_image_free(&sheet), gfx_image_free(&white);
    gfx_font_close(font);
    return status;
}
