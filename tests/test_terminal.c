/* The terminal encoder (render/output/terminal.h): colour mapping at known
 * values worked by hand, the exact text of full and delta frames (only the
 * changed cells, the shorter cursor move, a colour escape only on a change),
 * and the fitting and sampling of a grid to a terminal. */
#include <string.h>

#include "check.h"
#include "terminal.h"

static void check_colours(void)
{
    /* 16 + 36*(r/51) + 6*(g/51) + b/51 */
    CHECK(gfx_term_colour256(0, 0, 0) == 16, "black -> %d", gfx_term_colour256(0, 0, 0));
    CHECK(gfx_term_colour256(255, 255, 255) == 231, "white -> %d",
          gfx_term_colour256(255, 255, 255));
    CHECK(gfx_term_colour256(255, 0, 0) == 196, "red -> %d", gfx_term_colour256(255, 0, 0));
    CHECK(gfx_term_colour256(51, 102, 153) == 67, "(51,102,153) -> %d",
          gfx_term_colour256(51, 102, 153));
    CHECK(gfx_term_colour256(50, 101, 152) == 24, "(50,101,152) -> %d",
          gfx_term_colour256(50, 101, 152));
    /* nearest of xterm's 16 by squared distance */
    static const struct {
        uint8_t r, g, b;
        int want;
    } sixteen[] = {
        {200, 10, 10, 1},    /* red (205,0,0): 225 */
        {128, 128, 128, 8},  /* grey (127,127,127): 3 */
        {240, 240, 240, 7},  /* white (229,...): 363 < bright white 675 */
        {0, 0, 200, 4},      /* blue (0,0,238): 1444 */
        {100, 100, 255, 12}, /* bright blue (92,92,255): 128 */
        {10, 10, 10, 0},     /* black: 300 */
        {250, 250, 10, 11},  /* bright yellow (255,255,0): 150 */
    };
    for (size_t i = 0; i < sizeof sixteen / sizeof *sixteen; i++) {
        int got = gfx_term_colour16(sixteen[i].r, sixteen[i].g, sixteen[i].b);
        CHECK(got == sixteen[i].want, "(%d,%d,%d) -> %d; expected %d", sixteen[i].r, sixteen[i].g,
              sixteen[i].b, got, sixteen[i].want);
    }
    CHECK(gfx_term_depth_detect("truecolor", "xterm") == GFX_TERM_24BIT, "truecolor");
    CHECK(gfx_term_depth_detect("24bit", NULL) == GFX_TERM_24BIT, "24bit");
    CHECK(gfx_term_depth_detect(NULL, "xterm-256color") == GFX_TERM_256, "256color");
    CHECK(gfx_term_depth_detect("", "screen-256color") == GFX_TERM_256, "screen-256color");
    CHECK(gfx_term_depth_detect(NULL, "xterm") == GFX_TERM_16, "xterm");
    CHECK(gfx_term_depth_detect(NULL, NULL) == GFX_TERM_16, "nothing");
    CHECK(gfx_term_depth_parse("256") == GFX_TERM_256 && gfx_term_depth_parse("8") == -1, "parse");
}

/* Encodes cells and compares the text with want. */
static void expect(gfx_term_encoder *e, const gfx_term_cell *cells, const char *want,
                   const char *what)
{
    size_t len = 0;
    const char *got = gfx_term_encode(e, cells, &len);
    CHECK(got && len == strlen(want) && !memcmp(got, want, len), "%s: got \"%.*s\" (%zu bytes)",
          what, got ? (int)len : 0, got ? got : "", len);
}

static void check_delta(void)
{
    char err[256];
    gfx_term_encoder e;
    CHECK(!gfx_term_encoder_init(&e, 2, 3, 0, 0, GFX_TERM_24BIT, 8, err, sizeof err), "%s", err);
    gfx_term_cell cells[6];
    for (int i = 0; i < 6; i++)
        cells[i] = (gfx_term_cell){'a', 10, 20, 30};
    /* the first frame clears; the cursor is unknown after a row's last cell */
    expect(&e, cells, "\033[0m\033[2J\033[1;1H\033[38;2;10;20;30maaa\033[2;1Haaa", "full frame");
    expect(&e, cells, "", "no change");
    cells[4].codepoint = 'b';
    expect(&e, cells, "\033[2;2Hb", "one changed cell, same colour");
    /* cursor at (1,2) after b; (0,0) then (0,2): one cell forward is ESC[C */
    cells[0] = (gfx_term_cell){'c', 1, 2, 3};
    cells[2] = (gfx_term_cell){'d', 1, 2, 3};
    expect(&e, cells, "\033[1;1H\033[38;2;1;2;3mc\033[Cd", "two cells, forward move");
    /* a blank or black cell is a plain space, with no colour */
    cells[1] = (gfx_term_cell){' ', 200, 0, 0};
    cells[5] = (gfx_term_cell){'e', 0, 0, 0};
    expect(&e, cells, "\033[1;2H \033[2;3H ", "blank and black cells");
    cells[1] = (gfx_term_cell){0, 9, 9, 9};
    expect(&e, cells, "", "code point 0 is the same blank");
    /* only the colour changes */
    cells[3].b = 31;
    expect(&e, cells, "\033[2;1H\033[38;2;10;20;31ma", "colour change");
    /* UTF-8 */
    cells[4].codepoint = 0x2591; /* light shade */
    expect(&e, cells, "\033[38;2;10;20;30m\xe2\x96\x91", "U+2591 right after");
    gfx_term_encoder_free(&e);

    /* offset view, 256 and 16 colours */
    CHECK(!gfx_term_encoder_init(&e, 1, 2, 4, 9, GFX_TERM_256, 8, err, sizeof err), "%s", err);
    gfx_term_cell two[2] = {{'x', 255, 0, 0}, {'y', 51, 102, 153}};
    expect(&e, two, "\033[0m\033[2J\033[5;10H\033[38;5;196mx\033[38;5;67my", "256 colours");
    two[1] = (gfx_term_cell){'y', 60, 110, 160}; /* the same cube cell: nothing to send */
    expect(&e, two, "", "256: same index");
    gfx_term_encoder_free(&e);
    CHECK(!gfx_term_encoder_init(&e, 1, 2, 0, 0, GFX_TERM_16, 8, err, sizeof err), "%s", err);
    gfx_term_cell bright[2] = {{'x', 200, 10, 10}, {'y', 255, 255, 255}};
    expect(&e, bright, "\033[0m\033[2J\033[1;1H\033[31mx\033[97my", "16 colours");
    gfx_term_encoder_free(&e);

    /* 6 bits a channel: c & 0xfc | c >> 6; a change below them sends nothing */
    CHECK(!gfx_term_encoder_init(&e, 1, 2, 0, 0, GFX_TERM_24BIT, 6, err, sizeof err), "%s", err);
    gfx_term_cell six[2] = {{'p', 245, 72, 1}, {'q', 255, 3, 128}};
    expect(&e, six, "\033[0m\033[2J\033[1;1H\033[38;2;247;73;0mp\033[38;2;255;0;130mq", "6 bits");
    six[0] = (gfx_term_cell){'p', 246, 73, 2};
    expect(&e, six, "", "6 bits: same colour");
    gfx_term_encoder_free(&e);

    /* along a row ESC[nC is never longer than ESC[r;cH */
    CHECK(!gfx_term_encoder_init(&e, 1, 120, 0, 0, GFX_TERM_24BIT, 8, err, sizeof err), "%s", err);
    gfx_term_cell row[120];
    for (int i = 0; i < 120; i++)
        row[i] = (gfx_term_cell){' ', 0, 0, 0};
    row[0] = row[100] = (gfx_term_cell){'z', 255, 255, 255};
    expect(&e, row, "\033[0m\033[2J\033[1;1H\033[38;2;255;255;255mz\033[99Cz", "long forward");
    gfx_term_encoder_free(&e);
}

static void check_fit(void)
{
    gfx_term_fit f;
    gfx_term_fit_grid(54, 192, 60, 200, &f);
    CHECK(f.rows == 54 && f.cols == 192 && f.top == 3 && f.left == 4, "fits: %dx%d at %d,%d",
          f.cols, f.rows, f.left, f.top);
    gfx_term_fit_grid(120, 400, 60, 200, &f);
    CHECK(f.rows == 60 && f.cols == 200 && f.top == 0 && f.left == 0, "half: %dx%d at %d,%d",
          f.cols, f.rows, f.left, f.top);
    gfx_term_fit_grid(100, 100, 40, 120, &f);
    CHECK(f.rows == 40 && f.cols == 40 && f.top == 0 && f.left == 40, "square: %dx%d at %d,%d",
          f.cols, f.rows, f.left, f.top);
    gfx_term_fit_grid(10, 400, 40, 100, &f);
    CHECK(f.rows == 3 && f.cols == 100 && f.top == 18 && f.left == 0, "wide: %dx%d at %d,%d",
          f.cols, f.rows, f.left, f.top);

    gfx_term_cell grid[16], out[4];
    for (int i = 0; i < 16; i++)
        grid[i] = (gfx_term_cell){(uint32_t)('A' + i), 1, 1, 1};
    gfx_term_fit_grid(4, 4, 2, 2, &f);
    gfx_term_sample(&f, grid, out);
    /* centres of the 2x2 view fall in grid cells (1,1) (1,3) (3,1) (3,3) */
    CHECK(out[0].codepoint == 'F' && out[1].codepoint == 'H' && out[2].codepoint == 'N' &&
              out[3].codepoint == 'P',
          "sampled %c%c%c%c; expected FHNP", out[0].codepoint, out[1].codepoint, out[2].codepoint,
          out[3].codepoint);
}

int main(void)
{
    check_colours();
    check_delta();
    check_fit();
    return CHECK_EXIT_STATUS();
}
