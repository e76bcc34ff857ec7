/* Coordinate transforms (render/frame/transforms.h): each formula on known
 * cells, chains, identities that must give the plain grid's bytes, the
 * effects that read moved positions, the renderer's per-frame grid, and
 * the scene file's "transform" key with its one-line errors. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "frame.h"
#include "grid.h"
#include "scene.h"
#include "synth_features.h"
#include "transforms.h"

#define PI_F 3.14159265358979f
#define FPS 24.0

/* 20 columns x 10 rows of 10x20 cells: aspect 2, centre (9.5, 4.5). */
static gfx_grid_fields plain_grid(void)
{
    gfx_grid_fields g;
    if (gfx_grid_fields_build(&g, 200, 200, 10, 20)) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    return g;
}

static gfx_transform_step step(int kind, float p0, float p1, float p2, float p3)
{
    return (gfx_transform_step){kind, {p0, p1, p2, p3}};
}

/* The plain grid seen through the steps. */
static gfx_grid_fields moved(const gfx_grid *plain, const gfx_transform_step *steps, int n)
{
    gfx_grid_fields m = {0};
    if (gfx_tgrid_build(&m, plain, steps, n)) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    return m;
}

static int near(float a, float b, float tol)
{
    return fabsf(a - b) <= tol;
}

/* Where cell (c, r) reads on grid m. */
#define AT(m, field, c, r) ((m).grid.field[(r) * (m).grid.cols + (c)])

static void test_rotate(const gfx_grid *plain)
{
    gfx_transform_step s = step(GFX_TRANSFORM_ROTATE, 0.5f * PI_F, 0, 0, 0);
    gfx_grid_fields m = moved(plain, &s, 1);
    /* centre (9.5, 4.5), aspect 2: cell (13, 6) is 3.5 right and 3 (1.5 rows) down;
     * a quarter turn reads 3 cell widths left, 3.5 down (1.75 rows) */
    CHECK(near(AT(m, col, 13, 6), 6.5f, 1e-4f) && near(AT(m, row, 13, 6), 6.25f, 1e-4f),
          "rotate pi/2: cell (13, 6) reads (%g, %g), expected (6.5, 6.25)", AT(m, col, 13, 6),
          AT(m, row, 13, 6));
    /* a rotation keeps every distance and turns every angle by pi/2 */
    int dist_kept = 1, angle_turned = 1;
    for (int i = 0; i < plain->rows * plain->cols; i++) {
        dist_kept &= near(m.grid.dist[i], plain->dist[i], 1e-4f);
        float turn = remainderf(m.grid.angle[i] - plain->angle[i] - 0.5f * PI_F, 2.0f * PI_F);
        angle_turned &= plain->dist[i] < 1e-3f || near(turn, 0.0f, 1e-4f);
    }
    CHECK(dist_kept, "rotate: a distance from the centre changed");
    CHECK(angle_turned, "rotate: an angle did not turn by pi/2");
    gfx_grid_fields_free(&m);
}

static void test_scale_skew(const gfx_grid *plain)
{
    gfx_transform_step s = step(GFX_TRANSFORM_SCALE, 2.0f, 4.0f, 0.5f, 0.5f);
    gfx_grid_fields m = moved(plain, &s, 1);
    CHECK(AT(m, col, 17, 8) == 9.5f + 7.5f / 2.0f && AT(m, row, 17, 8) == 4.5f + 3.5f / 4.0f,
          "scale 2x4: cell (17, 8) reads (%g, %g), expected (13.25, 5.375)", AT(m, col, 17, 8),
          AT(m, row, 17, 8));
    gfx_grid_fields_free(&m);
    s = step(GFX_TRANSFORM_SCALE, 2.0f, 2.0f, 0.0f, 0.0f); /* about the top-left cell */
    m = moved(plain, &s, 1);
    CHECK(AT(m, col, 8, 6) == 4.0f && AT(m, row, 8, 6) == 3.0f,
          "scale about (0, 0): cell (8, 6) reads (%g, %g), expected (4, 3)", AT(m, col, 8, 6),
          AT(m, row, 8, 6));
    gfx_grid_fields_free(&m);
    s = step(GFX_TRANSFORM_SKEW, 1.0f, -0.5f, 0, 0);
    m = moved(plain, &s, 1);
    /* c' = c + kx (r - cy) = 3 + 3.5, r' = r + ky (c - cx) = 8 + 3.25 */
    CHECK(AT(m, col, 3, 8) == 6.5f && AT(m, row, 3, 8) == 11.25f,
          "skew: cell (3, 8) reads (%g, %g), expected (6.5, 11.25)", AT(m, col, 3, 8),
          AT(m, row, 3, 8));
    gfx_grid_fields_free(&m);
}

static void test_tile(const gfx_grid *plain)
{
    int cols = plain->cols, rows = plain->rows;
    gfx_transform_step s = step(GFX_TRANSFORM_TILE, 2.0f, 2.0f, 0.0f, 0);
    gfx_grid_fields m = moved(plain, &s, 1);
    int periodic = 1, in_grid = 1;
    for (int r = 0; r < rows / 2; r++)
        for (int c = 0; c < cols / 2; c++) {
            periodic &= AT(m, col, c, r) == AT(m, col, c + cols / 2, r + rows / 2) &&
                        AT(m, row, c, r) == AT(m, row, c + cols / 2, r + rows / 2);
            in_grid &= AT(m, col, c, r) >= 0.0f && AT(m, col, c, r) <= (float)(cols - 1);
        }
    CHECK(periodic, "tile 2x2: the tiles differ");
    CHECK(in_grid, "tile 2x2: a cell reads outside the grid");
    CHECK(AT(m, col, 3, 0) == 6.5f, "tile 2x2: cell 3 reads column %g, expected 6.5",
          AT(m, col, 3, 0));
    gfx_grid_fields_free(&m);

    s = step(GFX_TRANSFORM_TILE, 2.0f, 2.0f, 1.0f, 0);
    m = moved(plain, &s, 1);
    int symmetric = 1;
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++) {
            int i = r * cols + c, across = r * cols + (cols - 1 - c),
                down = (rows - 1 - r) * cols + c;
            symmetric &= m.grid.col[i] == m.grid.col[across] && m.grid.row[i] == m.grid.row[down];
        }
    CHECK(symmetric, "tile with mirror: the picture is not symmetric about the middle");
    gfx_grid_fields_free(&m);
}

static void test_polar(const gfx_grid *plain)
{
    gfx_transform_step s = step(GFX_TRANSFORM_POLAR, 0, 0, 0, 0);
    gfx_grid_fields m = moved(plain, &s, 1);
    /* (11, 4) and (8, 5) lie at one distance on opposite sides of the
     * centre: one row, columns half the width apart */
    CHECK(AT(m, row, 11, 4) == AT(m, row, 8, 5), "polar: equal distances read rows %g and %g",
          AT(m, row, 11, 4), AT(m, row, 8, 5));
    CHECK(near(fabsf(AT(m, col, 11, 4) - AT(m, col, 8, 5)), 10.0f, 1e-4f),
          "polar: opposite angles read columns %g and %g, expected 10 apart", AT(m, col, 11, 4),
          AT(m, col, 8, 5));
    gfx_grid_fields_free(&m);

    gfx_transform_step there_and_back[2] = {step(GFX_TRANSFORM_POLAR, 0, 0, 0, 0),
                                            step(GFX_TRANSFORM_CARTESIAN_FROM_POLAR, 0, 0, 0, 0)};
    m = moved(plain, there_and_back, 2);
    float worst = 0.0f;
    for (int i = 0; i < plain->rows * plain->cols; i++)
        worst = fmaxf(worst, fmaxf(fabsf(m.grid.col[i] - plain->col[i]),
                                   fabsf(m.grid.row[i] - plain->row[i])));
    CHECK(worst < 1e-3f, "polar then cartesian_from_polar: a cell moved %g cells, expected none",
          worst);
    gfx_grid_fields_free(&m);
}

static void test_twist_fisheye_wave(const gfx_grid *plain)
{
    gfx_transform_step s = step(GFX_TRANSFORM_TWIST, 2.0f, 0, 0, 0);
    gfx_grid_fields m = moved(plain, &s, 1);
    int dist_kept = 1, turned = 1;
    for (int i = 0; i < plain->rows * plain->cols; i++) {
        dist_kept &= near(m.grid.dist[i], plain->dist[i], 1e-4f);
        float turn = m.grid.angle[i] - plain->angle[i] - 2.0f * plain->dist_n[i];
        turned &= near(remainderf(turn, 2.0f * PI_F), 0.0f, 1e-4f);
    }
    CHECK(dist_kept, "twist: a distance from the centre changed");
    CHECK(turned, "twist: an angle did not turn by amount * dist_n");
    gfx_grid_fields_free(&m);

    s = step(GFX_TRANSFORM_FISHEYE, 2.0f, 0, 0, 0);
    m = moved(plain, &s, 1);
    /* the corner (19, 9): q = (1, 1), rho = sqrt 2, q' = q sqrt 2 */
    float root2 = sqrtf(2.0f);
    CHECK(near(AT(m, col, 19, 9), 9.5f + 9.5f * root2, 1e-4f) &&
              near(AT(m, row, 19, 9), 4.5f + 4.5f * root2, 1e-4f),
          "fisheye 2: the corner reads (%g, %g), expected (%g, %g)", AT(m, col, 19, 9),
          AT(m, row, 19, 9), 9.5f + 9.5f * root2, 4.5f + 4.5f * root2);
    gfx_grid_fields_free(&m);

    s = step(GFX_TRANSFORM_WAVE, 0.5f, 3.0f, 0.0f, 0.25f);
    m = moved(plain, &s, 1);
    CHECK(near(AT(m, col, 4, 7), 4.0f + 3.0f * sinf(3.75f), 1e-4f) && AT(m, row, 4, 7) == 7.0f,
          "wave x: cell (4, 7) reads (%g, %g), expected (%g, 7)", AT(m, col, 4, 7),
          AT(m, row, 4, 7), 4.0f + 3.0f * sinf(3.75f));
    gfx_grid_fields_free(&m);
    s = step(GFX_TRANSFORM_WAVE, 0.5f, 3.0f, 1.0f, 0.25f);
    m = moved(plain, &s, 1);
    CHECK(AT(m, col, 4, 7) == 4.0f && near(AT(m, row, 4, 7), 7.0f + 3.0f * sinf(2.25f), 1e-4f),
          "wave y: cell (4, 7) reads (%g, %g), expected (4, %g)", AT(m, col, 4, 7),
          AT(m, row, 4, 7), 7.0f + 3.0f * sinf(2.25f));
    gfx_grid_fields_free(&m);
}

static float plain_max_dist(const gfx_grid *g)
{
    float d = 0.0f;
    for (int i = 0; i < g->rows * g->cols; i++)
        d = fmaxf(d, g->dist[i]);
    return d;
}

static void test_mobius(const gfx_grid *plain)
{
    gfx_transform_step s = step(GFX_TRANSFORM_MOBIUS, 1.0f, 0.0f, 0.0f, -1.0f); /* w = -z */
    gfx_grid_fields m = moved(plain, &s, 1);
    CHECK(near(AT(m, col, 3, 2), 16.0f, 1e-4f) && near(AT(m, row, 3, 2), 7.0f, 1e-4f),
          "mobius w = -z: cell (3, 2) reads (%g, %g), expected its reflection (16, 7)",
          AT(m, col, 3, 2), AT(m, row, 3, 2));
    gfx_grid_fields_free(&m);
    s = step(GFX_TRANSFORM_MOBIUS, 0.0f, 1.0f, 1.0f, 0.0f); /* w = 1 / z */
    m = moved(plain, &s, 1);
    float d = plain_max_dist(plain);
    int inverted = 1;
    for (int i = 0; i < plain->rows * plain->cols; i++)
        inverted &= near(m.grid.dist[i] * plain->dist[i] / (d * d), 1.0f, 1e-4f);
    CHECK(inverted, "mobius w = 1/z: distances are not inverted about the unit circle");
    gfx_grid_fields_free(&m);
}

static void test_chain(const gfx_grid *plain)
{
    gfx_transform_step quarters[2] = {step(GFX_TRANSFORM_ROTATE, 0.5f * PI_F, 0, 0, 0),
                                      step(GFX_TRANSFORM_ROTATE, 0.5f * PI_F, 0, 0, 0)};
    gfx_grid_fields m = moved(plain, quarters, 2);
    CHECK(near(AT(m, col, 3, 2), 16.0f, 1e-4f) && near(AT(m, row, 3, 2), 7.0f, 1e-4f),
          "two quarter turns: cell (3, 2) reads (%g, %g), expected a half turn's (16, 7)",
          AT(m, col, 3, 2), AT(m, row, 3, 2));
    gfx_grid_fields_free(&m);
    /* in order: skew moves (3, 8) to (6.5, 8), then scale halves its offset from 9.5 */
    gfx_transform_step ordered[2] = {step(GFX_TRANSFORM_SKEW, 1.0f, 0.0f, 0, 0),
                                     step(GFX_TRANSFORM_SCALE, 2.0f, 1.0f, 0.5f, 0.5f)};
    m = moved(plain, ordered, 2);
    CHECK(AT(m, col, 3, 8) == 8.0f && AT(m, row, 3, 8) == 8.0f,
          "skew then scale: cell (3, 8) reads (%g, %g), expected (8, 8)", AT(m, col, 3, 8),
          AT(m, row, 3, 8));
    gfx_grid_fields_free(&m);
}

/* Eight zooms out by 20 would put positions 2.56e10 cells away: they stay
 * finite and within the million cells the effects' arithmetic handles. */
static void test_far_chain(const gfx_grid *plain)
{
    gfx_transform_step far[GFX_MAX_TRANSFORMS];
    for (int k = 0; k < GFX_MAX_TRANSFORMS; k++)
        far[k] = step(GFX_TRANSFORM_SCALE, 0.05f, 0.05f, 0.0f, 1.0f);
    gfx_grid_fields m = moved(plain, far, GFX_MAX_TRANSFORMS);
    int bounded = 1;
    for (int i = 0; i < plain->rows * plain->cols; i++)
        bounded &= isfinite(m.grid.dist[i]) && fabsf(m.grid.col[i]) <= 1e6f &&
                   fabsf(m.grid.row[i]) <= 1e6f;
    CHECK(bounded,
          "eight zooms out: a position went past a million cells or a field is not finite");
    gfx_grid_fields_free(&m);
}

static void test_identities(const gfx_grid *plain)
{
    gfx_transform_step still[] = {
        step(GFX_TRANSFORM_ROTATE, 0.0f, 0, 0, 0),
        step(GFX_TRANSFORM_SCALE, 1.0f, 1.0f, 0.3f, 0.8f),
        step(GFX_TRANSFORM_SKEW, 0.0f, 0.0f, 0, 0),
        step(GFX_TRANSFORM_TILE, 1.0f, 1.0f, 0.0f, 0),
        step(GFX_TRANSFORM_TWIST, 0.0f, 0, 0, 0),
        step(GFX_TRANSFORM_FISHEYE, 1.0f, 0, 0, 0),
        step(GFX_TRANSFORM_WAVE, 0.3f, 0.0f, 0.0f, 1.0f),
        step(GFX_TRANSFORM_MOBIUS, 1.0f, 0.0f, 0.0f, 1.0f),
    };
    int n_still = (int)(sizeof still / sizeof still[0]);
    gfx_grid_fields m = moved(plain, still, n_still);
    size_t bytes = (size_t)plain->rows * (size_t)plain->cols * sizeof(float);
    CHECK(!memcmp(m.grid.col, plain->col, bytes) && !memcmp(m.grid.row, plain->row, bytes),
          "identity transforms moved a position");
    CHECK(!memcmp(m.grid.dist, plain->dist, bytes) && !memcmp(m.grid.angle, plain->angle, bytes) &&
              !memcmp(m.grid.dist_n, plain->dist_n, bytes),
          "make_tgrid of unmoved positions differs from the plain grid's fields");
    CHECK(gfx_transform_steps_equal(still, still, n_still), "a chain differs from itself");
    gfx_transform_step other = still[0];
    other.p[0] = 0.1f;
    CHECK(!gfx_transform_steps_equal(still, &other, 1), "two different steps compare equal");
    gfx_grid_fields_free(&m);
}

/* Row r of the flipped grid reads row rows-1-r: its cells must show that
 * row of the plain grid (bit for bit where the distances are identical). */
static void test_effects_read_positions(const gfx_grid *plain, const gfx_feature_track *track)
{
    gfx_grid_fields flip = moved(plain, NULL, 0);
    size_t n = (size_t)plain->rows * (size_t)plain->cols;
    float *row = flip.storage + 4 * n;
    for (size_t i = 0; i < n; i++)
        row[i] = (float)(plain->rows - 1) - plain->row[i];
    gfx_make_tgrid(&flip, plain);
    const char *names[] = {"plasma", "fire", "tunnel", "rings"};
    float *v0 = malloc(4 * n * sizeof *v0), *h0 = v0 + n, *v1 = h0 + n, *h1 = v1 + n;
    if (!v0) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    for (int e = 0; e < 4; e++) {
        const gfx_effect_desc *d = gfx_effect_find(names[e]);
        gfx_effect_ctx ctx = {.grid = plain,
                              .track = track,
                              .feat = gfx_features_at(track, 43),
                              .frame = 43,
                              .time = 43 / FPS,
                              .fps = FPS,
                              .seed = 7};
        for (int j = 0; j < d->n_params; j++)
            ctx.params[j] = d->params[j].def;
        d->render(&ctx, v0, h0);
        ctx.grid = &flip.grid;
        d->render(&ctx, v1, h1);
        float worst = 0.0f, lit = 0.0f;
        for (int r = 0; r < plain->rows; r++)
            for (int c = 0; c < plain->cols; c++) {
                size_t i = (size_t)r * plain->cols + c;
                size_t j = (size_t)(plain->rows - 1 - r) * plain->cols + c;
                worst = fmaxf(worst, fmaxf(fabsf(v1[i] - v0[j]), fabsf(h1[i] - h0[j])));
                lit = fmaxf(lit, v0[j]);
            }
        /* fire's moved rows sample its noise per cell, the plain ones a row
         * at a time: the same bilinear noise, rounded in another order */
        float tolerance = !strcmp(names[e], "fire") ? 1e-4f : 0.0f;
        CHECK(lit > 0.1f && worst <= tolerance,
              "%s on a flipped grid: a cell differs by %g from its mirror row (tolerance %g)",
              names[e], worst, tolerance);
    }
    free(v0);
    gfx_grid_fields_free(&flip);
}

/* Parses a scene whose one layer has `transform` (JSON) on plasma; returns
 * the parse status, the error line in err. */
static int parse_with(gfx_scene *scene, const char *transform, const char *effect, char *err,
                      size_t err_size)
{
    char json[2048];
    snprintf(json, sizeof json,
             "{\"version\": 2, \"segments\": [{\"start\": 0, \"end\": 10, \"layers\": "
             "[{%s, \"grid\": \"sm\", \"transform\": %s}]}]}",
             effect, transform);
    return gfx_scene_parse(scene, json, "t.json", err, err_size);
}

static void test_scene_key(void)
{
    gfx_scene scene;
    char err[512] = "";
    int rc = parse_with(&scene,
                        "[{\"type\": \"twist\", \"amount\": 3}, {\"type\": \"tile\", \"nx\": 4, "
                        "\"mirror\": true}, {\"type\": \"wave\", \"axis\": \"y\"}, "
                        "{\"type\": \"rotate\", \"angle\": {\"base\": 0, \"feature\": \"bass\", "
                        "\"amount\": 1}}]",
                        "\"effect\": \"plasma\"", err, sizeof err);
    CHECK(rc == 0, "a chain of four transforms: %s", err);
    if (rc == 0) {
        const gfx_layer *l = &scene.segments[0].layers[0];
        CHECK(l->n_transforms == 4, "%d transforms parsed, expected 4", l->n_transforms);
        CHECK(l->transforms[0].kind == GFX_TRANSFORM_TWIST &&
                  l->transforms[0].params[0].base == 3.0f,
              "twist 3 parsed as kind %d amount %g", l->transforms[0].kind,
              l->transforms[0].params[0].base);
        CHECK(l->transforms[1].params[0].base == 4.0f && l->transforms[1].params[1].base == 3.0f &&
                  l->transforms[1].params[2].base == 1.0f,
              "tile: nx %g ny %g mirror %g, expected 4, the default 3, true",
              l->transforms[1].params[0].base, l->transforms[1].params[1].base,
              l->transforms[1].params[2].base);
        CHECK(l->transforms[2].params[2].base == 1.0f, "wave axis y parsed as %g",
              l->transforms[2].params[2].base);
        CHECK(l->transforms[3].params[0].feature == GFX_FEAT_BASS,
              "rotate's angle does not follow the bass");
        gfx_scene_free(&scene);
    }

    static const struct {
        const char *transform, *effect, *expected;
    } bad[] = {
        {"[{\"type\": \"twirl\"}]", "\"effect\": \"plasma\"",
         "t.json: segments[0].layers[0].transform[0].type: \"twirl\" is not a transform; "
         "expected rotate|scale|skew|tile|polar|cartesian_from_polar|twist|fisheye|wave|mobius"},
        {"[{\"type\": \"rotate\"}, {\"type\": \"tile\", \"nx\": 0}]", "\"effect\": \"plasma\"",
         "t.json: segments[0].layers[0].transform[1].nx: 0 is out of range; expected 1..32"},
        {"[{\"type\": \"twist\", \"amont\": 2}]", "\"effect\": \"plasma\"",
         "t.json: segments[0].layers[0].transform[0].amont: \"amont\" is not a parameter of "
         "twist; expected amount"},
        {"[{\"type\": \"polar\", \"amount\": 2}]", "\"effect\": \"plasma\"",
         "transform[0].amount: \"amount\" is not a parameter of polar; expected none"},
        {"[{\"type\": \"tile\", \"mirror\": \"yes\"}]", "\"effect\": \"plasma\"",
         "transform[0].mirror: \"yes\" is not a value of mirror; expected false|true or 0..1"},
        {"[{\"type\": \"wave\", \"axis\": \"z\"}]", "\"effect\": \"plasma\"",
         "transform[0].axis: \"z\" is not a value of axis; expected x|y or 0..1"},
        {"[{\"amount\": 2}]", "\"effect\": \"plasma\"", "transform[0]: no \"type\"; expected"},
        {"{\"type\": \"twist\"}", "\"effect\": \"plasma\"",
         "transform: an object is not an array; expected"},
        {"[]", "\"effect\": \"plasma\"", "transform: 0 transforms; expected 1 to 8"},
        {"[{\"type\": \"twist\", \"amount\": 1, \"amount\": 2}]", "\"effect\": \"plasma\"",
         "duplicate key \"amount\""},
        {"[{\"type\": \"twist\"}]", "\"text\": {\"kind\": \"stamp\", \"text\": \"hi\"}",
         "cannot be transformed"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        err[0] = 0;
        rc = parse_with(&scene, bad[k].transform, bad[k].effect, err, sizeof err);
        if (rc == 0)
            gfx_scene_free(&scene);
        CHECK(rc != 0 && strstr(err, bad[k].expected) && !strchr(err, '\n'),
              "%s: got \"%s\", expected one line with \"%s\"", bad[k].transform, err,
              bad[k].expected);
    }
}

/* FNV-1a of a frame's pixels. */
static uint64_t frame_hash(const gfx_image *img)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (int y = 0; y < img->height; y++)
        for (int x = 0; x < img->width * 3; x++)
            h = (h ^ img->px[y * img->stride + x]) * 0x100000001b3ULL;
    return h;
}

/* Frames of a scene whose layer has `transform` ("" for none): the hash of
 * each of frames[0..n), rendered in order on one renderer. */
static int render_hashes(const char *transform, const gfx_feature_track *track, const int *frames,
                         int n, uint64_t *hashes)
{
    char json[1024], err[512];
    snprintf(json, sizeof json,
             "{\"version\": 2, \"segments\": [{\"start\": 0, \"end\": 8, \"layers\": "
             "[{\"effect\": \"plasma\", \"grid\": \"sm\"%s%s}, {\"effect\": \"tunnel\", "
             "\"grid\": \"sm\"%s%s}]}]}",
             *transform ? ", \"transform\": " : "", transform,
             *transform ? ", \"transform\": " : "", transform);
    gfx_scene scene;
    if (gfx_scene_parse(&scene, json, "t.json", err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    gfx_render_config cfg = {.width = 160,
                             .height = 90,
                             .fps = FPS,
                             .grid_scale = 1.0f,
                             .shader_level = GFX_SHADERS_FULL,
                             .particles_max = 1200};
    gfx_renderer *r = gfx_renderer_create(&cfg, err, sizeof err);
    if (!r) {
        fprintf(stderr, "%s\n", err);
        gfx_scene_free(&scene);
        return -1;
    }
    int rc = 0;
    for (int k = 0; k < n && rc == 0; k++) {
        const gfx_image *img = gfx_render_frame(r, &scene, track, frames[k], 7);
        if (img)
            hashes[k] = frame_hash(img);
        else
            rc = -1;
    }
    gfx_renderer_free(r);
    gfx_scene_free(&scene);
    return rc;
}

static void test_renderer(const gfx_feature_track *track)
{
    int frame = 40;
    uint64_t plain, still, twisted, again;
    int ok = !render_hashes("", track, &frame, 1, &plain) &&
             !render_hashes("[{\"type\": \"rotate\", \"angle\": 0}, {\"type\": \"scale\"}, "
                            "{\"type\": \"tile\", \"nx\": 1, \"ny\": 1}]",
                            track, &frame, 1, &still) &&
             !render_hashes("[{\"type\": \"twist\"}]", track, &frame, 1, &twisted) &&
             !render_hashes("[{\"type\": \"twist\"}]", track, &frame, 1, &again);
    CHECK(ok, "rendering failed");
    CHECK(still == plain, "identity transforms changed the frame");
    CHECK(twisted != plain, "a twist left the frame as it was");
    CHECK(twisted == again, "a twisted frame differs between two renders");

    /* An animated chain is rebuilt as it changes: frame 40 after 30..39 on
     * one renderer is frame 40 alone. */
    const char *spin = "[{\"type\": \"rotate\", \"speed\": 0.8}, {\"type\": \"tile\", \"nx\": 2, "
                       "\"ny\": 2, \"mirror\": true}]";
    int frames[11];
    uint64_t run[11], alone;
    for (int k = 0; k < 11; k++)
        frames[k] = 30 + k;
    ok = !render_hashes(spin, track, frames, 11, run) &&
         !render_hashes(spin, track, &frame, 1, &alone);
    CHECK(ok, "rendering the spinning scene failed");
    CHECK(run[10] == alone, "frame 40 after frames 30..39 differs from frame 40 alone");
    CHECK(run[9] != run[10], "a spinning transform gave frames 39 and 40 the same picture");
}

int main(void)
{
    gfx_grid_fields plain = plain_grid();
    test_rotate(&plain.grid);
    test_scale_skew(&plain.grid);
    test_tile(&plain.grid);
    test_polar(&plain.grid);
    test_twist_fisheye_wave(&plain.grid);
    test_mobius(&plain.grid);
    test_chain(&plain.grid);
    test_identities(&plain.grid);
    test_far_chain(&plain.grid);
    gfx_feature_track track;
    if (gfx_synth_features(&track, 200, FPS, 120.0f, 7)) {
        fprintf(stderr, "out of memory\n");
        return 1;
    }
    test_effects_read_positions(&plain.grid, &track);
    test_scene_key();
    test_renderer(&track);
    free(track.frames);
    gfx_grid_fields_free(&plain);
    return CHECK_EXIT_STATUS();
}
