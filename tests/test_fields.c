/* The catalogue's value fields (sinefield ... sdf) and a layer's "combine":
 * every field in [0, 1] and finite, moving with time, neither constant nor
 * black, the same bytes twice, reading the grid's col/row (not its loop
 * indices), a few cells against the catalogue's formulas; every SDF shape,
 * op and renderer drawn; combine's ops against their formulas, and through
 * whole frames. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "effect_fixture.h"
#include "combine.h"
#include "effect.h"
#include "frame.h"
#include "scene.h"

static const char *const fields[] = {
    "sinefield",   "smooth_noise", "vortex",         "interference", "aurora",
    "ripple",      "diamond",      "noise_static",   "noise",        "fbm",
    "domain_warp", "voronoi",      "temporal_noise", "sdf"};
#define N_FIELDS (int)(sizeof fields / sizeof fields[0])

enum { ROWS = 56, COLS = 192, CELLS = ROWS * COLS };
#define ASPECT 1.9f
#define FPS 24.0

/* ---------------------------------------------------------------- fixtures */

/* The md grid at 1080p, as grid.c builds it; col shifted by `shift`
 * columns. */
static test_grid md_grid(float shift)
{
    return grid_make_shifted(ROWS, COLS, ASPECT, shift);
}

/* Steady mid-level features on every frame (no beats), so two frames
 * differ by their time alone. */
static gfx_features steady_features(void)
{
    gfx_features f;
    float *x = (float *)&f;
    for (size_t k = 0; k < sizeof f / sizeof(float); k++)
        x[k] = 0.5f;
    f.beat = f.beat_env = 0.0f;
    return f;
}

static gfx_effect_ctx ctx_make(const gfx_effect_desc *e, const gfx_grid *g,
                               const gfx_features *feat, int frame)
{
    return ctx_with_defaults(e, g, NULL, feat, frame, FPS, 1234);
}

static float value[CELLS], hue[CELLS], value2[CELLS], hue2[CELLS];

struct stats {
    float min, max, mean;
    int lit; /* cells above the fields' glyph threshold 0.03 */
    int bad; /* cells outside [0, 1] or not finite, hue outside [0, 1) */
};

static struct stats stats_of(const float *v, const float *h)
{
    struct stats s = {1e30f, -1e30f, 0.0f, 0, 0};
    double sum = 0.0;
    for (int i = 0; i < CELLS; i++) {
        if (!(isfinite(v[i]) && v[i] >= 0.0f && v[i] <= 1.0f && isfinite(h[i]) && h[i] >= 0.0f &&
              h[i] < 1.0f))
            s.bad++;
        s.min = v[i] < s.min ? v[i] : s.min;
        s.max = v[i] > s.max ? v[i] : s.max;
        s.lit += v[i] > 0.03f;
        sum += v[i];
    }
    s.mean = (float)(sum / CELLS);
    return s;
}

static float mean_abs_diff(const float *a, const float *b, int n)
{
    double d = 0.0;
    for (int i = 0; i < n; i++)
        d += fabsf(a[i] - b[i]);
    return (float)(d / n);
}

/* ------------------------------------------------------------------- tests */

static void test_registered(void)
{
    for (int k = 0; k < N_FIELDS; k++) {
        const gfx_effect_desc *e = gfx_effect_find(fields[k]);
        CHECK(e != NULL, "field %s is not registered", fields[k]);
        CHECK(!e || !e->sim, "%s carries state; a value field is stateless", fields[k]);
    }
}

/* In range, finite, lit, not flat, moving, repeatable: at the defaults and
 * at each parameter's ends. */
static void test_field_properties(void)
{
    test_grid tg = md_grid(0.0f);
    gfx_features feat = steady_features();
    for (int k = 0; k < N_FIELDS; k++) {
        const gfx_effect_desc *e = gfx_effect_find(fields[k]);
        if (!e)
            continue;
        gfx_effect_ctx a = ctx_make(e, &tg.grid, &feat, 120);
        e->render(&a, value, hue);
        struct stats s = stats_of(value, hue);
        CHECK(s.bad == 0, "%s: %d cells out of range or not finite", e->name, s.bad);
        CHECK(s.max - s.min > 0.1f, "%s: flat, values %.3f..%.3f", e->name, s.min, s.max);
        CHECK(s.lit > CELLS / 50, "%s: %d of %d cells lit", e->name, s.lit, CELLS);
        CHECK(s.mean > 0.01f, "%s: mean %.4f, black", e->name, s.mean);

        for (int i = 0; i < CELLS; i++)
            value2[i] = hue2[i] = NAN;
        e->render(&a, value2, hue2);
        CHECK(!memcmp(value, value2, sizeof value) && !memcmp(hue, hue2, sizeof hue),
              "%s: two renders of one frame differ", e->name);

        /* 1.5 s later, the same features: only time moved */
        gfx_effect_ctx b = ctx_make(e, &tg.grid, &feat, 120 + 36);
        e->render(&b, value2, hue2);
        float moved = mean_abs_diff(value, value2, CELLS);
        CHECK(moved > 0.005f, "%s: 1.5 s changed the mean cell by only %.5f", e->name, moved);

        /* every parameter at each end of its range */
        for (int p = 0; p < e->n_params; p++)
            for (int end = 0; end < 2; end++) {
                gfx_effect_ctx c = a;
                c.params[p] = end ? e->params[p].max : e->params[p].min;
                e->render(&c, value2, hue2);
                struct stats t = stats_of(value2, hue2);
                CHECK(t.bad == 0, "%s: %s = %g: %d cells out of range", e->name, e->params[p].name,
                      c.params[p], t.bad);
            }
    }
    grid_free(&tg);
}

/* A field reads grid->col/row: shifting every col by one column shows the
 * next column's value (the same float inputs, so the same bytes). */
static void test_reads_positions(void)
{
    test_grid plain = md_grid(0.0f), shifted = md_grid(1.0f);
    gfx_features feat = steady_features();
    /* sinefield, vortex and sdf also read dist_n or angle, which stay */
    static const char *const positional[] = {"smooth_noise", "interference",  "aurora",
                                             "diamond",      "noise",         "fbm",
                                             "domain_warp",  "temporal_noise"};
    for (size_t k = 0; k < sizeof positional / sizeof positional[0]; k++) {
        const gfx_effect_desc *e = gfx_effect_find(positional[k]);
        if (!e)
            continue;
        gfx_effect_ctx a = ctx_make(e, &plain.grid, &feat, 50),
                       b = ctx_make(e, &shifted.grid, &feat, 50);
        e->render(&a, value, hue);
        e->render(&b, value2, hue2);
        int same = 1;
        for (int r = 0; r < ROWS && same; r++)
            for (int c = 0; c + 1 < COLS && same; c++)
                same = value2[r * COLS + c] == value[r * COLS + c + 1];
        CHECK(same, "%s: col + 1 does not show the next column's value", e->name);
    }
    grid_free(&plain);
    grid_free(&shifted);
}

/* A few cells against the catalogue's formulas in double precision. */
static void test_formulas(void)
{
    gfx_features feat = steady_features();
    const int frame = 77;
    const double t = frame / FPS, rms = feat.rms_fast, bass = feat.bands_fast[GFX_BAND_BASS];
    static const int cells[] = {0, 1234, 5000, CELLS / 2 + COLS / 2, CELLS - 1};
    const gfx_effect_desc *diamond = gfx_effect_find("diamond"),
                          *sine = gfx_effect_find("sinefield"), *vortex = gfx_effect_find("vortex");
    if (!diamond || !sine || !vortex)
        return;
    test_grid tg = md_grid(0.0f);
    gfx_effect_ctx ctx = ctx_make(diamond, &tg.grid, &feat, frame);
    diamond->render(&ctx, value, hue);
    for (size_t k = 0; k < sizeof cells / sizeof cells[0]; k++) {
        int i = cells[k];
        double c = tg.col[i], r = tg.row[i], f = 0.15;
        double want =
            fabs(sin(f * c + 0.5 * t)) * fabs(sin(1.2 * f * r - 0.3 * t)) * (0.6 + 0.8 * rms);
        want = want > 1.0 ? 1.0 : want;
        CHECK(fabs(value[i] - want) < 1e-3, "diamond cell %d: %g, the formula %g", i, value[i],
              want);
    }
    ctx = ctx_make(sine, &tg.grid, &feat, frame);
    sine->render(&ctx, value, hue);
    for (size_t k = 0; k < sizeof cells / sizeof cells[0]; k++) {
        int i = cells[k];
        double c = tg.col[i], r = tg.row[i], dn = 0.5 * tg.dist_n[i];
        double v1 = 0.5 * sin(0.13 * c + 0.5 * t) * sin(0.17 * r + 0.4 * t) + 0.5;
        double v2 = 0.4 * sin(0.07 * c + 0.3 * t + 0.09 * r) + 0.5;
        double v3 = 0.3 * sin(5.0 * dn + 0.2 * t) + 0.4;
        double want = (0.35 * v1 + 0.35 * v2 + 0.3 * v3) * 0.5 * (0.6 + 0.6 * rms);
        CHECK(fabs(value[i] - want) < 1e-3, "sinefield cell %d: %g, the formula %g", i, value[i],
              want);
    }
    ctx = ctx_make(vortex, &tg.grid, &feat, frame);
    vortex->render(&ctx, value, hue);
    for (size_t k = 0; k < sizeof cells / sizeof cells[0]; k++) {
        int i = cells[k];
        double theta = tg.angle[i] + 3.0 * 0.5 * tg.dist_n[i] * sin(0.5 * t);
        double want = (0.5 * sin(4.0 * theta - 2.0 * t) + 0.5) * (0.5 + 0.8 * bass);
        want = want > 1.0 ? 1.0 : want;
        CHECK(fabs(value[i] - want) < 1e-3, "vortex cell %d: %g, the formula %g", i, value[i],
              want);
    }
    grid_free(&tg);
}

/* Every SDF shape, alone and under every op, filled and glowing, draws
 * something and leaves something dark; voronoi's three modes differ. */
static void test_sdf_and_voronoi_choices(void)
{
    test_grid tg = md_grid(0.0f);
    gfx_features feat = steady_features();
    const gfx_effect_desc *sdf = gfx_effect_find("sdf");
    if (sdf) {
        int p_shape = param_index(sdf, "shape"), p_op = param_index(sdf, "op"),
            p_glow = param_index(sdf, "glow"), p_shape2 = param_index(sdf, "shape2");
        for (int shape = 0; shape <= 6; shape++)
            for (int op = 0; op <= 6; op++)
                for (int glow = 0; glow < 2; glow++) {
                    gfx_effect_ctx ctx = ctx_make(sdf, &tg.grid, &feat, 40);
                    ctx.params[p_shape] = (float)shape;
                    ctx.params[p_shape2] = (float)((shape + 3) % 7);
                    ctx.params[p_op] = (float)op;
                    ctx.params[p_glow] = (float)glow;
                    sdf->render(&ctx, value, hue);
                    struct stats s = stats_of(value, hue);
                    int dark = 0;
                    for (int i = 0; i < CELLS; i++)
                        dark += value[i] < 0.5f * s.max;
                    /* intersect and subtract may leave nothing of two shapes that miss */
                    int may_vanish = op == 2 || op == 3 || op == 5;
                    CHECK(s.bad == 0, "sdf shape %d op %d glow %d: %d cells out of range", shape,
                          op, glow, s.bad);
                    CHECK(may_vanish || (s.lit > 10 && dark > 10),
                          "sdf shape %d op %d glow %d: %d cells lit, %d dark", shape, op, glow,
                          s.lit, dark);
                }
    }
    const gfx_effect_desc *vor = gfx_effect_find("voronoi");
    if (vor) {
        int p_mode = param_index(vor, "mode");
        static float modes[3][CELLS];
        for (int mode = 0; mode < 3; mode++) {
            gfx_effect_ctx ctx = ctx_make(vor, &tg.grid, &feat, 40);
            ctx.params[p_mode] = (float)mode;
            vor->render(&ctx, modes[mode], hue);
            struct stats s = stats_of(modes[mode], hue);
            CHECK(s.bad == 0 && s.max - s.min > 0.1f, "voronoi mode %d: %d bad, %.3f..%.3f", mode,
                  s.bad, s.min, s.max);
        }
        CHECK(memcmp(modes[0], modes[1], sizeof modes[0]) &&
                  memcmp(modes[1], modes[2], sizeof modes[0]),
              "voronoi: modes draw the same");
    }
    grid_free(&tg);
}

/* gfx_combine_apply against each op's formula. */
static void test_combine_ops(void)
{
    static const float as[] = {0.0f, 0.2f, 0.5f, 0.7f, 1.0f, 0.9f};
    static const float bs[] = {0.0f, 0.6f, 0.5f, 0.1f, 1.0f, 0.8f};
    enum { N = sizeof as / sizeof as[0] };
    const float amount = 0.25f;
    CHECK(gfx_combine_find("multiply") == GFX_COMBINE_MULTIPLY && gfx_combine_find("nope") < 0,
          "combine names");
    for (int op = 0; op < GFX_COMBINE_OPS; op++) {
        CHECK(gfx_combine_find(gfx_combine_name(op)) == op, "combine op %d's name", op);
        float a[N];
        memcpy(a, as, sizeof a);
        gfx_combine_apply(op, amount, a, bs, N);
        for (int i = 0; i < N; i++) {
            float x = as[i], y = bs[i], want;
            switch (op) {
            case GFX_COMBINE_ADD: want = fminf(x + y, 1.0f); break;
            case GFX_COMBINE_MULTIPLY: want = x * y; break;
            case GFX_COMBINE_DIFFERENCE: want = fabsf(x - y); break;
            case GFX_COMBINE_MODULATE: want = x * (0.3f + 0.7f * y); break;
            case GFX_COMBINE_MAX: want = fmaxf(x, y); break;
            case GFX_COMBINE_MIN: want = fminf(x, y); break;
            default: want = x + (y - x) * amount; break;
            }
            CHECK(fabsf(a[i] - want) < 1e-6f && a[i] >= 0.0f && a[i] <= 1.0f,
                  "combine %s(%g, %g) = %g, expected %g", gfx_combine_name(op), x, y, a[i], want);
        }
    }
}

/* ------------------------------------------------ combine through a scene */

enum { WIDTH = 320, HEIGHT = 180, FRAME = 30 };

/* Renders one frame of a one-layer section; 0, or -1 when the scene does
 * not parse (its message in err). */
static int render_layer(const char *layer, gfx_image *out, char *err, size_t err_size)
{
    char json[1024];
    snprintf(json, sizeof json,
             "{\"version\": 2, \"segments\": [{\"start\": 0, \"end\": 10, \"layers\": [%s]}]}",
             layer);
    gfx_scene scene;
    if (gfx_scene_parse(&scene, json, "fields.json", err, err_size))
        return -1;
    gfx_render_config cfg = {.width = WIDTH,
                             .height = HEIGHT,
                             .fps = FPS,
                             .grid_scale = 1.0f,
                             .shader_level = 2,
                             .particles_max = 1200};
    gfx_renderer *r = gfx_renderer_create(&cfg, err, err_size);
    gfx_feature_track track = {.n_frames = 100, .fps = FPS, .bpm = 120.0f};
    gfx_features frames[100];
    for (int f = 0; f < 100; f++)
        frames[f] = steady_features();
    track.frames = frames;
    const gfx_image *img = r && !gfx_renderer_prepare(r, &scene, err, err_size)
                               ? gfx_render_frame(r, &scene, &track, FRAME, 7)
                               : NULL;
    if (img)
        memcpy(out->px, img->px, gfx_image_bytes(out));
    else
        fprintf(stderr, "test_fields: %s\n", r ? gfx_renderer_error(r) : err);
    gfx_renderer_free(r);
    gfx_scene_free(&scene);
    return img ? 0 : -2;
}

static void test_combine_frames(void)
{
    char err[512];
    gfx_image alone = {0}, combined = {0};
    if (gfx_image_alloc(&alone, WIDTH, HEIGHT) || gfx_image_alloc(&combined, WIDTH, HEIGHT)) {
        CHECK(0, "out of memory");
        return;
    }
    const char *fbm = "{\"effect\": \"fbm\", \"hue\": \"effect\"";
    char layer[512];
    snprintf(layer, sizeof layer, "%s}", fbm);
    CHECK(render_layer(layer, &alone, err, sizeof err) == 0, "fbm alone: %s", err);
    double mean_alone = 0.0;
    int max_alone = 0;
    gfx_image_brightness(&alone, &mean_alone, &max_alone);
    CHECK(max_alone > 50, "fbm alone is black (max %d)", max_alone);

    /* min and max of a field with itself, and mix at 0, are the field */
    static const char *const identities[] = {"\"op\": \"min\"", "\"op\": \"max\"",
                                             "\"op\": \"mix\", \"amount\": 0"};
    for (size_t k = 0; k < sizeof identities / sizeof identities[0]; k++) {
        snprintf(layer, sizeof layer, "%s, \"combine\": {\"effect\": \"fbm\", %s}}", fbm,
                 identities[k]);
        CHECK(render_layer(layer, &combined, err, sizeof err) == 0, "%s: %s", layer, err);
        CHECK(!memcmp(alone.px, combined.px, gfx_image_bytes(&alone)),
              "fbm combined with itself by %s differs from fbm alone", identities[k]);
    }
    /* |a - a| and a x 0 are black */
    static const char *const blacks[] = {
        "{\"effect\": \"fbm\", \"op\": \"difference\"}",
        "{\"effect\": \"noise_static\", \"op\": \"multiply\", \"params\": {\"density\": 0}}"};
    for (size_t k = 0; k < sizeof blacks / sizeof blacks[0]; k++) {
        snprintf(layer, sizeof layer, "%s, \"combine\": %s}", fbm, blacks[k]);
        CHECK(render_layer(layer, &combined, err, sizeof err) == 0, "%s: %s", layer, err);
        double mean = 0.0;
        int max = 0;
        gfx_image_brightness(&combined, &mean, &max);
        CHECK(max == 0, "fbm combined by %s is not black (max %d)", blacks[k], max);
    }
    /* a real combination changes the picture */
    snprintf(layer, sizeof layer,
             "%s, \"combine\": {\"effect\": \"voronoi\", \"op\": \"modulate\", "
             "\"params\": {\"mode\": 1}}}",
             fbm);
    CHECK(render_layer(layer, &combined, err, sizeof err) == 0, "%s: %s", layer, err);
    CHECK(memcmp(alone.px, combined.px, gfx_image_bytes(&alone)) != 0,
          "fbm modulated by voronoi looks like fbm alone");

    /* mistakes: one line naming the path */
    static const struct {
        const char *layer, *says;
    } bad[] = {
        {"{\"effect\": \"fbm\", \"combine\": {\"effect\": \"fbm\", \"op\": \"xor\"}}",
         "layers[0].combine.op"},
        {"{\"effect\": \"fbm\", \"combine\": {\"effect\": \"fbm\", \"op\": \"add\", "
         "\"amount\": 0.5}}",
         "for op \"mix\" only"},
        {"{\"effect\": \"fbm\", \"combine\": {\"effect\": \"nope\", \"op\": \"add\"}}",
         "layers[0].combine.effect"},
        {"{\"effect\": \"fbm\", \"combine\": {\"effect\": \"fbm\", \"op\": \"add\", "
         "\"params\": {\"octaves\": 99}}}",
         "combine.params.octaves"},
        {"{\"effect\": \"fbm\", \"combine\": {\"effect\": \"fbm\", \"op\": \"mix\", "
         "\"amount\": 1.5}}",
         "combine.amount"},
        {"{\"effect\": \"fbm\", \"combine\": {\"effect\": \"fbm\", \"op\": \"add\", "
         "\"opacity\": 1}}",
         "opacity"},
        {"{\"text\": {\"kind\": \"stamp\", \"text\": \"HI\"}, \"combine\": {\"effect\": "
         "\"fbm\", \"op\": \"add\"}}",
         "combine"},
    };
    /* a simulation carries state a combined field has no room for */
    char sim_layer[256] = "";
    for (int i = 0; i < gfx_effect_count() && !sim_layer[0]; i++)
        if (gfx_effect_at(i)->sim)
            snprintf(sim_layer, sizeof sim_layer,
                     "{\"effect\": \"fbm\", \"combine\": {\"effect\": \"%s\", \"op\": \"add\"}}",
                     gfx_effect_at(i)->name);
    if (sim_layer[0]) {
        err[0] = 0;
        int rc = render_layer(sim_layer, &combined, err, sizeof err);
        CHECK(rc == -1 && strstr(err, "stateless"), "%s: rc %d, message \"%s\"", sim_layer, rc,
              err);
    }
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        err[0] = 0;
        int rc = render_layer(bad[k].layer, &combined, err, sizeof err);
        CHECK(rc == -1 && strstr(err, bad[k].says) && !strchr(err, '\n'),
              "%s: rc %d, message \"%s\", expected one naming %s", bad[k].layer, rc, err,
              bad[k].says);
    }
    gfx_image_free(&alone);
    gfx_image_free(&combined);
}

int main(void)
{
    test_registered();
    test_field_properties();
    test_reads_positions();
    test_formulas();
    test_sdf_and_voronoi_choices();
    test_combine_ops();
    test_combine_frames();
    if (!CHECK_EXIT_STATUS())
        printf("fields: %d fields, all checks passed\n", N_FIELDS);
    return CHECK_EXIT_STATUS();
}
