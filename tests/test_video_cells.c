/* Video to glyph cells (render/frame/video_cells.h): hand-worked cells for
 * the blank threshold, the edge glyphs, the ramp index and the shadow
 * dimming; then one frame of a generated clip all the way through (video
 * source, cell stats kernel, cells, blit) into a PNG, whose letterbox rows
 * must stay blank and whose picture must be drawn. The PNG is left in the
 * test's directory when GLYPHFX_KEEP_PNG is set, to look at. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ffmpeg_pipe.h"
#include "font.h"
#include "image.h"
#include "png_writer.h"
#include "video_cells.h"
#include "video_source.h"

static void hand_worked(void)
{
    gfx_ramp_glyphs ramp = {.n = 10};
    for (int i = 0; i < ramp.n; i++)
        ramp.glyph[i] = (uint16_t)(i ? 100 + i : 0);
    gfx_video_look look = {&ramp, {1, 2, 3, 4}, GFX_VIDEO_EDGE_THRESHOLD, 256};
    static const struct {
        uint8_t luma, edge, dir, r;
        unsigned brightness;
        int glyph, out_r;
        const char *why;
    } cases[] = {
        {0, 0, 0, 200, 256, 0, 60, "black: blank, colour at 77/256: (200*77 + 128) >> 8"},
        {255, 0, 0, 200, 256, 109, 200, "white: the ramp's last glyph, colour as is"},
        {100, 50, GFX_EDGE_VERTICAL, 200, 256, 3, 178,
         "edge 50 > 38: the vertical glyph; f = 38527/255 + 77 = 228"},
        {100, 38, GFX_EDGE_VERTICAL, 200, 256, 103, 178, "edge 38 is not over: 100*10/255 = 3"},
        {10, 0, 0, 200, 128, 0, 66, "bg_video at half: v = 5 is blank; f = 2047/255 + 77 = 85"},
        {12, 0, 0, 200, 128, 0, 67, "v = 6 is not, but 6*10/255 = 0 is the ramp's space; f = 86"},
        {60, 0, 0, 200, 256, 102, 130, "v = 60: 600/255 = 2; f = 23167/255 + 77 = 167"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint8_t r = cases[i].r, g = 0, b = 255, luma = cases[i].luma, edge = cases[i].edge,
                dir = cases[i].dir, motion = 0;
        gfx_cell_planes stats = {&r, &g, &b, &luma, &edge, &dir, &motion, 1};
        gfx_cell cell;
        look.brightness_q8 = cases[i].brightness;
        gfx_video_cells(&stats, 1, 1, &look, &cell, 1);
        CHECK(cell.glyph == cases[i].glyph && cell.r == cases[i].out_r && cell.g == 0,
              "%s: glyph %u r %u g %u, expected glyph %d r %d g 0", cases[i].why, cell.glyph,
              cell.r, cell.g, cases[i].glyph, cases[i].out_r);
    }
}

/* One frame of testsrc2 at 640x360, 1.6 s in, as a 16 px grid of cells. */
static void whole_frame(void)
{
    char err[512], cmd[1024];
    snprintf(cmd, sizeof cmd,
             "ffmpeg -v error -nostdin -y -f lavfi -i testsrc2=size=320x240:rate=25:duration=2 "
             "-c:v mpeg4 -q:v 3 %s",
             check_at("clip.mp4"));
    if (system(cmd) != 0) {
        CHECK(0, "cannot make the clip: %s", cmd);
        return;
    }
    const int W = 640, H = 360;
    gfx_font *font = gfx_font_open(NULL, err, sizeof err);
    CHECK(font, "font: %s", err);
    if (!font)
        return;
    gfx_ramp_glyphs ramp;
    gfx_ramp_resolve(&ramp, gfx_ramp_find("default"), font, NULL);
    gfx_video_look look = {&ramp,
                           {gfx_font_glyph(font, 0x2500), gfx_font_glyph(font, 0x2571),
                            gfx_font_glyph(font, 0x2502), gfx_font_glyph(font, 0x2572)},
                           GFX_VIDEO_EDGE_THRESHOLD,
                           256};
    int cw, ch;
    gfx_font_cell_size(font, 16, &cw, &ch);
    gfx_glyph_atlas *atlas = gfx_glyph_atlas_create(font, 16, err, sizeof err);
    const int cols = W / cw, rows = H / ch, ox = (W - cols * cw) / 2, oy = (H - rows * ch) / 2;
    gfx_image source, canvas;
    gfx_video_source *v = NULL;
    uint8_t *planes = malloc(7 * (size_t)rows * cols);
    uint16_t *scratch = malloc(sizeof(uint16_t) * GFX_CELL_STATS_SCRATCH(cols * cw));
    gfx_cell *cells = malloc(sizeof(gfx_cell) * (size_t)rows * cols);
    if (!atlas || gfx_image_alloc(&source, W, H) || gfx_image_alloc(&canvas, W, H) ||
        gfx_video_open(&v, check_at("clip.mp4"), 0, W, H, 25, 1, err, sizeof err) ||
        gfx_video_frame(v, 40, source.px, source.stride, err, sizeof err)) {
        CHECK(0, "setting up: %s", err);
        return;
    }
    const ptrdiff_t plane = (ptrdiff_t)rows * cols;
    gfx_cell_planes stats = {planes,
                             planes + plane,
                             planes + 2 * plane,
                             planes + 3 * plane,
                             planes + 4 * plane,
                             planes + 5 * plane,
                             planes + 6 * plane,
                             cols};
    gfx_kernels_get()->cell_stats(&(gfx_cell_stats_args){.frame = source.px,
                                                         .stride = source.stride,
                                                         .width = W,
                                                         .height = H,
                                                         .rows = rows,
                                                         .cols = cols,
                                                         .cell_w = cw,
                                                         .cell_h = ch,
                                                         .origin_x = ox,
                                                         .origin_y = oy,
                                                         .out = stats,
                                                         .scratch = scratch});
    gfx_video_cells(&stats, rows, cols, &look, cells, cols);
    memset(canvas.px, 0, gfx_image_bytes(&canvas));
    gfx_kernels_get()->blit(&(gfx_blit_args){canvas.px, canvas.stride, W, H, cells, cols, rows,
                                             cols, ox, oy, gfx_glyph_atlas_view(atlas)});
    /* 320x240 fitted into 640x360 is 480x360: 80 black columns each side */
    int drawn = 0, bar_drawn = 0;
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++) {
            int x = ox + c * cw;
            if (x + cw <= 80 || x >= W - 80)
                bar_drawn += cells[r * cols + c].glyph != 0;
            else
                drawn += cells[r * cols + c].glyph != 0;
        }
    CHECK(bar_drawn == 0, "%d cells of the black bars got a glyph", bar_drawn);
    CHECK(drawn > rows * cols / 3, "only %d of %d cells drew the picture", drawn, rows * cols);
    FILE *f = fopen(check_at("frame.png"), "wb");
    CHECK(f && gfx_png_write_glyphfx(f, &canvas, 3, err, sizeof err) == 0, "png: %s", err);
    if (f)
        fclose(f);
    if (getenv("GLYPHFX_KEEP_PNG"))
        printf("test_video_cells: %s\n", check_at("frame.png"));
    gfx_video_close(v);
    gfx_image_free(&source), gfx_image_free(&canvas);
    free(planes), free(scratch), free(cells);
    gfx_glyph_atlas_free(atlas);
    gfx_font_close(font);
}

int main(void)
{
    hand_worked();
    char found[4096];
    if (!gfx_find_program("ffmpeg", found, sizeof found)) {
        printf("test_video_cells: the whole-frame part skipped, needs ffmpeg\n");
        return check_failures ? 1 : 77;
    }
    if (check_temp_dir("glyphfx-video-cells"))
        return 1;
    whole_frame();
    if (!check_failures && !getenv("GLYPHFX_KEEP_PNG")) {
        char cmd[600];
        snprintf(cmd, sizeof cmd, "rm -rf %s", check_dir);
        if (system(cmd) != 0)
            return 1;
    }
    return CHECK_EXIT_STATUS();
}
