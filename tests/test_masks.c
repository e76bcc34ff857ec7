/* The mask functions (render/frame/masks.h) against values worked out by
 * hand from the header's formulas, and the canvas applier on a tiny frame.
 *
 * The grid is 20 columns by 5 rows of 10x20-pixel cells unless a test says
 * otherwise: cell centres x = (c + 0.5) / 20, y = (r + 0.5) / 5, row 2 is
 * y = 0.5 exactly, and y scales by 5*20 / (20*10) = 0.5 into grid widths. */
#include <math.h>
#include <string.h>

#include "check.h"
#include "masks.h"

#define COLS 20
#define ROWS 5
#define TOL 1e-4f

static const gfx_grid grid = {.rows = ROWS, .cols = COLS, .cell_w = 10, .cell_h = 20};

static float values[ROWS * COLS];

/* Evaluates nodes[count - 1] with progress p into `values`. */
static gfx_status eval(const gfx_mask_node *nodes, int count, float p, const float *field)
{
    gfx_mask_input in = {.grid = &grid, .progress = p, .field = field};
    char err[256] = "";
    gfx_status st = gfx_mask_eval_float(nodes, count, count - 1, &in, values, err, sizeof err);
    CHECK(st == GFX_OK, "eval of %s: %s", nodes[count - 1].kind->name, err);
    return st;
}

static gfx_mask_node node_of(const char *kind)
{
    gfx_mask_node n;
    const gfx_mask_kind *k = gfx_mask_kind_find(kind);
    CHECK(k != NULL, "kind %s is missing", kind);
    gfx_mask_node_init(&n, k);
    return n;
}

static void set_param(gfx_mask_node *n, const char *name, float v)
{
    int i = gfx_mask_param_index(n->kind, name);
    CHECK(i >= 0, "%s has no parameter %s", n->kind->name, name);
    if (i >= 0)
        n->params[i] = v;
}

#define EXPECT_AT(r, c, want)                                                                      \
    CHECK(fabsf(values[(r)*COLS + (c)] - (want)) < TOL, "%s at (%d, %d): %g, expected %g", what,   \
          r, c, (double)values[(r)*COLS + (c)], (double)(want))

static void test_registry(void)
{
    CHECK(gfx_mask_kind_count() == 18, "%d kinds, expected 18", gfx_mask_kind_count());
    for (int i = 0; i < gfx_mask_kind_count(); i++) {
        const gfx_mask_kind *k = gfx_mask_kind_at(i);
        CHECK(gfx_mask_kind_find(k->name) == k, "%s is not found by name", k->name);
        CHECK(!strncmp(k->name, "mask_", 5), "%s lacks the catalogue's prefix", k->name);
    }
    CHECK(gfx_mask_kind_find("mask_nothing") == NULL, "an unknown name was found");
    gfx_mask_node circle = node_of("mask_circle");
    CHECK(circle.params[gfx_mask_param_index(circle.kind, "radius")] == 0.3f, "radius default");
    CHECK(circle.params[gfx_mask_param_index(circle.kind, "feather")] == 0.05f, "feather default");
}

static void test_circle(void)
{
    const char *what = "circle";
    gfx_mask_node n = node_of("mask_circle");
    eval(&n, 1, 0, NULL);
    EXPECT_AT(2, 10, 1.0f); /* d = 0.025, inside */
    EXPECT_AT(2, 15, 1.0f); /* d = 0.275 */
    EXPECT_AT(2, 16, 0.5f); /* d = 0.325: half the feather out */
    EXPECT_AT(2, 17, 0.0f); /* d = 0.375 */
    /* (0, 10): dy = -0.4 * 0.5 = -0.2, d = 0.2016, inside only with the
     * aspect; (0, 16): d = sqrt(0.325^2 + 0.2^2) = 0.3816 */
    EXPECT_AT(0, 10, 1.0f);
    EXPECT_AT(0, 16, 0.0f);
    set_param(&n, "feather", 0);
    eval(&n, 1, 0, NULL);
    EXPECT_AT(2, 15, 1.0f);
    EXPECT_AT(2, 16, 0.0f);
}

static void test_rect_ring_gradients(void)
{
    const char *what = "rect";
    gfx_mask_node n = node_of("mask_rect");
    eval(&n, 1, 0, NULL);
    EXPECT_AT(0, 10, 0.0f);                 /* y = 0.1: 0.1 outside */
    EXPECT_AT(2, 3, 1.0f - 0.025f / 0.03f); /* x = 0.175: 0.025 outside */
    EXPECT_AT(2, 4, 1.0f);
    what = "ring";
    n = node_of("mask_ring");
    eval(&n, 1, 0, NULL);
    EXPECT_AT(2, 10, 0.0f);                  /* inside the inner circle */
    EXPECT_AT(2, 14, 1.0f);                  /* d = 0.225 */
    EXPECT_AT(2, 17, 1.0f - 0.025f / 0.03f); /* d = 0.375: outer feather */
    what = "gradient_h";
    n = node_of("mask_gradient_h");
    eval(&n, 1, 0, NULL);
    EXPECT_AT(2, 0, 0.025f);
    EXPECT_AT(2, 19, 0.975f);
    set_param(&n, "start", 1), set_param(&n, "end", 0);
    eval(&n, 1, 0, NULL);
    EXPECT_AT(0, 5, 0.725f);
    what = "gradient_v";
    n = node_of("mask_gradient_v");
    eval(&n, 1, 0, NULL);
    EXPECT_AT(2, 7, 0.5f);
    EXPECT_AT(4, 7, 0.9f);
    what = "gradient_radial";
    n = node_of("mask_gradient_radial");
    eval(&n, 1, 0, NULL);
    EXPECT_AT(2, 15, 1.0f - 0.275f / 0.5f);
    EXPECT_AT(2, 19, 1.0f - 0.475f / 0.5f);
}

static void test_fields_and_booleans(void)
{
    const char *what = "from_vf";
    float field[ROWS * COLS] = {0};
    field[0] = 0.55f, field[1] = 0.3f, field[2] = 0.7f, field[3] = 0.5f;
    gfx_mask_node n = node_of("mask_from_vf");
    eval(&n, 1, 0, field);
    EXPECT_AT(0, 0, 0.75f);
    EXPECT_AT(0, 1, 0.0f);
    EXPECT_AT(0, 2, 1.0f);
    EXPECT_AT(0, 3, 0.5f);

    /* a = x, b = y */
    gfx_mask_node nodes[4] = {node_of("mask_gradient_h"), node_of("mask_gradient_v")};
    static const struct {
        const char *kind;
        float want, want_left; /* at (2, 15): a = 0.775, b = 0.5; (2, 5): a = 0.275 */
    } booleans[] = {{"mask_union", 0.775f, 0.5f},
                    {"mask_intersect", 0.5f, 0.275f},
                    {"mask_subtract", 0.275f, 0.0f},
                    {"mask_invert", 0.225f, 0.725f}};
    for (size_t i = 0; i < sizeof booleans / sizeof booleans[0]; i++) {
        what = booleans[i].kind;
        nodes[2] = node_of(booleans[i].kind);
        nodes[2].operands[0] = 0, nodes[2].operands[1] = 1;
        eval(nodes, 3, 0, NULL);
        EXPECT_AT(2, 15, booleans[i].want);
        EXPECT_AT(2, 5, booleans[i].want_left);
    }
    what = "mask_subtract (clipped)";
    nodes[2] = node_of("mask_subtract");
    nodes[2].operands[0] = 1, nodes[2].operands[1] = 0; /* y - x at (2, 15) < 0 */
    eval(nodes, 3, 0, NULL);
    EXPECT_AT(2, 15, 0.0f);

    what = "select";
    /* m = x picks a = 1 (a flat gradient) over b = 0.2 */
    nodes[0] = node_of("mask_gradient_h");
    nodes[1] = node_of("mask_gradient_v");
    set_param(&nodes[1], "start", 1), set_param(&nodes[1], "end", 1);
    nodes[2] = node_of("mask_gradient_v");
    set_param(&nodes[2], "start", 0.2f), set_param(&nodes[2], "end", 0.2f);
    nodes[3] = node_of("mask_select");
    nodes[3].operands[0] = 0, nodes[3].operands[1] = 1, nodes[3].operands[2] = 2;
    eval(nodes, 4, 0, NULL);
    EXPECT_AT(2, 15, 0.775f + 0.2f * 0.225f);
}

static void test_animated(void)
{
    const char *what = "iris p=0";
    gfx_mask_node n = node_of("mask_iris");
    eval(&n, 1, 0.0f, NULL);
    EXPECT_AT(2, 10, 1.0f - 0.025f / 0.03f); /* radius 0: only the feather */
    EXPECT_AT(2, 12, 0.0f);
    EXPECT_AT(0, 0, 0.0f);
    what = "iris p=1";
    eval(&n, 1, 1.0f, NULL);
    for (int i = 0; i < ROWS * COLS; i++)
        CHECK(values[i] == 1.0f, "iris p=1: cell %d is %g", i, (double)values[i]);

    what = "iris p=0.25"; /* radius smoothstep(0.25) 0.7 = 0.109375 */
    eval(&n, 1, 0.25f, NULL);
    EXPECT_AT(2, 11, 1.0f);                     /* d = 0.075 */
    EXPECT_AT(2, 12, 1.0f - 0.015625f / 0.03f); /* d = 0.125 */
    EXPECT_AT(2, 13, 0.0f);                     /* d = 0.175 */

    what = "wipe_h p=0.5"; /* edge at 0.5 */
    n = node_of("mask_wipe_h");
    eval(&n, 1, 0.5f, NULL);
    EXPECT_AT(2, 0, 1.0f);
    EXPECT_AT(2, 9, 0.75f); /* x = 0.475 */
    EXPECT_AT(2, 10, 0.25f);
    EXPECT_AT(2, 19, 0.0f);
    n.string = "left";
    eval(&n, 1, 0.5f, NULL);
    EXPECT_AT(2, 0, 0.0f);
    EXPECT_AT(2, 10, 0.75f);
    what = "wipe_v p=0.5";
    n = node_of("mask_wipe_v");
    eval(&n, 1, 0.5f, NULL);
    EXPECT_AT(0, 3, 1.0f);
    EXPECT_AT(2, 3, 0.5f);
    EXPECT_AT(4, 3, 0.0f);
    n.string = "up";
    eval(&n, 1, 0.5f, NULL);
    EXPECT_AT(0, 3, 0.0f);
    EXPECT_AT(4, 3, 1.0f);
    what = "wipe_v p=0 and 1";
    eval(&n, 1, 0.0f, NULL);
    EXPECT_AT(4, 3, 0.0f);
    eval(&n, 1, 1.0f, NULL);
    EXPECT_AT(0, 3, 1.0f);

    CHECK(gfx_mask_progress(1.5, 1.0, 3.0) == 0.25f, "progress midway");
    CHECK(gfx_mask_progress(0.0, 1.0, 3.0) == 0.0f, "progress before");
    CHECK(gfx_mask_progress(9.0, 1.0, 3.0) == 1.0f, "progress after");
}

/* On a 100x100 grid: about a fraction p of the cells, the same ones every
 * call, growing with p, and another seed another pattern. */
static void test_dissolve(void)
{
    enum { N = 100 };
    static const gfx_grid big = {.rows = N, .cols = N, .cell_w = 8, .cell_h = 16};
    static uint8_t a[N * N], b[N * N], c[N * N];
    gfx_mask_node n = node_of("mask_dissolve");
    char err[256];
    gfx_mask_input in = {.grid = &big, .progress = 0.3f};
    CHECK(gfx_mask_eval(&n, 1, 0, &in, a, err, sizeof err) == GFX_OK, "%s", err);
    CHECK(gfx_mask_eval(&n, 1, 0, &in, b, err, sizeof err) == GFX_OK, "%s", err);
    CHECK(!memcmp(a, b, sizeof a), "dissolve differs between two calls");
    int shown = 0, kept = 1;
    for (int i = 0; i < N * N; i++)
        shown += a[i] == 255;
    CHECK(shown > 0.28 * N * N && shown < 0.32 * N * N, "dissolve p=0.3 shows %d of %d", shown,
          N * N);
    in.progress = 0.6f;
    gfx_mask_eval(&n, 1, 0, &in, c, err, sizeof err);
    for (int i = 0; i < N * N; i++)
        kept &= a[i] == 0 || c[i] == 255;
    CHECK(kept, "a cell shown at p=0.3 is hidden at p=0.6");
    in.progress = 0.3f;
    set_param(&n, "seed", 7);
    gfx_mask_eval(&n, 1, 0, &in, c, err, sizeof err);
    CHECK(memcmp(a, c, sizeof a), "seed 7 gives seed 42's pattern");
    in.progress = 0.0f;
    gfx_mask_eval(&n, 1, 0, &in, c, err, sizeof err);
    shown = 0;
    for (int i = 0; i < N * N; i++)
        shown += c[i] != 0;
    CHECK(shown == 0, "dissolve p=0 shows %d cells", shown);
}

/* "HI" on an 80x25 grid of 10x20 cells: ink in the middle row, none in the
 * corners; the text block's ink starts near row 0.3 and misses the bottom. */
static void test_text(void)
{
    enum { C = 80, R = 25 };
    static const gfx_grid g = {.rows = R, .cols = C, .cell_w = 10, .cell_h = 20};
    static float m[R * C];
    char err[256];
    gfx_font *font = gfx_font_open(NULL, err, sizeof err);
    if (!font) {
        printf("text masks not tested: %s\n", err);
        return;
    }
    gfx_mask_node n = node_of("mask_text");
    n.string = "HI";
    gfx_mask_input in = {.grid = &g, .font = font};
    CHECK(gfx_mask_eval_float(&n, 1, 0, &in, m, err, sizeof err) == GFX_OK, "text: %s", err);
    float middle = 0;
    for (int c = 0; c < C; c++)
        middle = fmaxf(middle, m[(R / 2) * C + c]);
    CHECK(middle > 0.5f, "text: the middle row's most ink is %g", (double)middle);
    const int corners[4] = {0, C - 1, (R - 1) * C, R * C - 1};
    for (int i = 0; i < 4; i++)
        CHECK(m[corners[i]] == 0.0f, "text: corner %d has ink %g", i, (double)m[corners[i]]);
    for (int i = 0; i < R * C; i++)
        CHECK(m[i] == 0.0f || (m[i] >= 0.1f && m[i] <= 1.0f), "text: cell %d is %g", i,
              (double)m[i]);

    n = node_of("mask_text_block");
    n.string = "AB\nCD";
    CHECK(gfx_mask_eval_float(&n, 1, 0, &in, m, err, sizeof err) == GFX_OK, "block: %s", err);
    float above = 0, first = 0, bottom = 0;
    for (int c = 0; c < C; c++) {
        above = fmaxf(above, m[5 * C + c]); /* row 5: above 0.3 * 25 = 7.5 less thicken */
        first = fmaxf(first, m[9 * C + c]); /* inside the first line (3 rows high) */
        bottom = fmaxf(bottom, m[22 * C + c]);
    }
    CHECK(above == 0.0f && first > 0.5f && bottom == 0.0f,
          "block: rows 5, 9, 22 have ink %g, %g, %g", (double)above, (double)first, (double)bottom);

    static const char *const blank[] = {"", "\n\n", "   "};
    for (int t = 0; t < 3; t++) {
        n.string = blank[t];
        CHECK(gfx_mask_eval_float(&n, 1, 0, &in, m, err, sizeof err) == GFX_OK, "blank: %s", err);
        float ink = 0;
        for (int i = 0; i < R * C; i++)
            ink = fmaxf(ink, m[i]);
        CHECK(ink == 0.0f, "blank text %d has ink %g", t, (double)ink);
    }

    in.font = NULL;
    CHECK(gfx_mask_eval_float(&n, 1, 0, &in, m, err, sizeof err) == GFX_BAD_INPUT,
          "text without a font is not refused");
    gfx_font_close(font);
}

static void test_check(void)
{
    char err[256];
    gfx_mask_node nodes[2] = {node_of("mask_circle"), node_of("mask_invert")};
    nodes[1].operands[0] = 1; /* itself */
    CHECK(gfx_mask_check(nodes, 2, 1, err, sizeof err) == GFX_BAD_INPUT, "a cycle passed");
    CHECK(strstr(err, "operand a") != NULL, "message: %s", err);
    nodes[1].operands[0] = 0;
    CHECK(gfx_mask_check(nodes, 2, 1, err, sizeof err) == GFX_OK, "%s", err);
    set_param(&nodes[0], "radius", 5);
    CHECK(gfx_mask_check(nodes, 2, 1, err, sizeof err) == GFX_BAD_INPUT, "radius 5 passed");
    CHECK(strstr(err, "radius = 5") != NULL, "message: %s", err);
    gfx_mask_node wipe = node_of("mask_wipe_h");
    wipe.string = "sideways";
    CHECK(gfx_mask_check(&wipe, 1, 0, err, sizeof err) == GFX_BAD_INPUT, "a bad direction passed");
    CHECK(gfx_mask_check(&wipe, 1, 3, err, sizeof err) == GFX_BAD_INPUT, "a bad root passed");
}

static void test_quantize(void)
{
    CHECK(gfx_mask_quantize(0) == 0 && gfx_mask_quantize(1) == 255, "ends");
    CHECK(gfx_mask_quantize(0.5f) == 128, "0.5 gives %d", gfx_mask_quantize(0.5f));
    CHECK(gfx_mask_quantize(-3) == 0 && gfx_mask_quantize(7) == 255, "clipping");
    CHECK(gfx_mask_quantize(0.1f) == 26, "0.1 gives %d", gfx_mask_quantize(0.1f)); /* 25.5 */
}

/* 2x2 cells of 3x2 pixels at (1, 1) in an 8x6 frame; black under white. */
static void test_apply_canvas(void)
{
    enum { W = 8, H = 6 };
    static const gfx_grid g = {
        .rows = 2, .cols = 2, .cell_w = 3, .cell_h = 2, .origin_x = 1, .origin_y = 1};
    const uint8_t cells[4] = {255, 0, 128, 255};
    uint8_t dst[H][3 * W], src[H][3 * W];
    memset(dst, 0, sizeof dst);
    memset(src, 255, sizeof src);
    char err[256];
    CHECK(gfx_mask_apply_canvas(gfx_kernels_get(), &g, cells, &dst[0][0], 3 * W, &src[0][0], 3 * W,
                                W, H, err, sizeof err) == GFX_OK,
          "%s", err);
    /* which cell each pixel takes: columns 0-3 -> 0, 4-7 -> 1; rows 0-2 -> 0, 3-5 -> 1 */
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            int m = cells[(y < 3 ? 0 : 2) + (x < 4 ? 0 : 1)];
            int want = m == 128 ? 128 : m; /* (255 * 129 + 128) >> 8 = 128 */
            for (int ch = 0; ch < 3; ch++)
                CHECK(dst[y][3 * x + ch] == want, "pixel (%d, %d): %d, expected %d", x, y,
                      dst[y][3 * x + ch], want);
        }
}

int main(void)
{
    test_registry();
    test_circle();
    test_rect_ring_gradients();
    test_fields_and_booleans();
    test_animated();
    test_dissolve();
    test_text();
    test_check();
    test_quantize();
    test_apply_canvas();
    return CHECK_EXIT_STATUS();
}
