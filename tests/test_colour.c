/* Colour (../shared/catalogue.md section 7): the sRGB transfer and OKLab
 * against the catalogue's formulas and Ottosson's matrices, OKLCH
 * interpolation along the shorter arc, the harmonies' hue offsets, the ten
 * discrete RGB palettes to the hex digit and their floor(v n) reading, the
 * hue fields' formulas through the colour stage, per-layer saturation, and
 * ramps and palettes written in a scene file: parsed, used in a frame,
 * and refused with one line naming the file, the value and what was
 * expected. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "font.h"
#include "frame.h"
#include "grid.h"
#include "palette.h"
#include "scene.h"
#include "synth_features.h"

static float turn_distance(float x, float y)
{
    float d = fabsf(x - y);
    d -= floorf(d);
    return fminf(d, 1.0f - d);
}

static void test_srgb(void)
{
    CHECK(fabsf(gfx_srgb_decode(0.04045f) - 0.04045f / 12.92f) < 1e-7f, "decode at the knee");
    CHECK(fabsf(gfx_srgb_decode(0.5f) - 0.2140411f) < 1e-6f, "decode(0.5) = %g",
          gfx_srgb_decode(0.5f));
    CHECK(fabsf(gfx_srgb_decode(1.0f) - 1.0f) < 1e-6f, "decode(1)");
    CHECK(fabsf(gfx_srgb_encode(0.0031308f) - 12.92f * 0.0031308f) < 1e-7f, "encode at the knee");
    CHECK(fabsf(gfx_srgb_encode(0.2140411f) - 0.5f) < 1e-5f, "encode(0.214)");
    for (int i = 0; i <= 255; i++) {
        float c = (float)i / 255.0f;
        CHECK(fabsf(gfx_srgb_encode(gfx_srgb_decode(c)) - c) < 1e-5f, "sRGB round trip at %d", i);
    }
}

static void test_oklab(void)
{
    /* the catalogue's first rows, to the digit */
    CHECK(gfx_oklab_lms_matrix[0][0] == 0.4122214708f &&
              gfx_oklab_lms_matrix[0][1] == 0.5363325363f &&
              gfx_oklab_lms_matrix[0][2] == 0.0514459929f,
          "first LMS row");
    CHECK(gfx_oklab_lab_matrix[0][0] == 0.2104542553f &&
              gfx_oklab_lab_matrix[0][1] == 0.7936177850f &&
              gfx_oklab_lab_matrix[0][2] == -0.0040720468f,
          "first Lab row");
    /* each LMS row sums to 1 (white stays white), Lab's first row too */
    for (int i = 0; i < 3; i++) {
        float sum =
            gfx_oklab_lms_matrix[i][0] + gfx_oklab_lms_matrix[i][1] + gfx_oklab_lms_matrix[i][2];
        CHECK(fabsf(sum - 1.0f) < 1e-6f, "LMS row %d sums to %g", i, sum);
    }
    static const uint8_t white[3] = {255, 255, 255}, red[3] = {255, 0, 0}, blue[3] = {0, 0, 255};
    gfx_oklab w = gfx_rgb8_to_oklab(white);
    CHECK(fabsf(w.l - 1.0f) < 1e-4f && fabsf(w.a) < 1e-4f && fabsf(w.b) < 1e-4f,
          "white is (1, 0, 0): (%g, %g, %g)", w.l, w.a, w.b);
    /* Ottosson's published values for sRGB red and blue */
    gfx_oklab r = gfx_rgb8_to_oklab(red), b = gfx_rgb8_to_oklab(blue);
    CHECK(fabsf(r.l - 0.62796f) < 1e-4f && fabsf(r.a - 0.22486f) < 1e-4f &&
              fabsf(r.b - 0.12585f) < 1e-4f,
          "red is (%g, %g, %g)", r.l, r.a, r.b);
    CHECK(fabsf(b.l - 0.45201f) < 1e-4f && fabsf(b.a + 0.03246f) < 1e-4f &&
              fabsf(b.b + 0.31153f) < 1e-4f,
          "blue is (%g, %g, %g)", b.l, b.a, b.b);
    /* every byte triple on a coarse lattice comes back exactly */
    int worst = 0;
    for (int i = 0; i < 256; i += 15)
        for (int j = 0; j < 256; j += 15)
            for (int k = 0; k < 256; k += 15) {
                uint8_t in[3] = {(uint8_t)i, (uint8_t)j, (uint8_t)k}, out[3];
                gfx_oklab_to_rgb8(gfx_rgb8_to_oklab(in), out);
                for (int ch = 0; ch < 3; ch++)
                    worst = abs(out[ch] - in[ch]) > worst ? abs(out[ch] - in[ch]) : worst;
            }
    CHECK(worst == 0, "OKLab round trip off by %d", worst);
    /* OKLCH: C = |ab|, h = atan2(b, a) / 2pi mod 1, and back */
    gfx_oklch lch = gfx_oklab_to_oklch(b);
    CHECK(fabsf(lch.c - hypotf(b.a, b.b)) < 1e-6f, "chroma");
    CHECK(lch.h >= 0.0f && lch.h < 1.0f &&
              fabsf(lch.h - (atan2f(b.b, b.a) / (float)(2.0 * M_PI) + 1.0f)) < 1e-6f,
          "hue in turns: %g", lch.h);
    gfx_oklab back = gfx_oklch_to_oklab(lch);
    CHECK(fabsf(back.a - b.a) < 1e-6f && fabsf(back.b - b.b) < 1e-6f, "OKLCH round trip");
    /* lerps: ends exact, OKLab straight, OKLCH the shorter arc across 0 */
    gfx_oklab mid = gfx_lerp_oklab(r, b, 0.5f);
    CHECK(fabsf(mid.a - 0.5f * (r.a + b.a)) < 1e-6f, "lerp_oklab midpoint");
    gfx_oklch x = {0.5f, 0.1f, 0.9f}, y = {0.7f, 0.2f, 0.1f};
    gfx_oklch m = gfx_lerp_oklch(x, y, 0.5f);
    CHECK(fabsf(m.h - 0.0f) < 1e-5f || fabsf(m.h - 1.0f) < 1e-5f, "shorter arc: h %g, not 0.5",
          m.h);
    CHECK(fabsf(m.l - 0.6f) < 1e-6f && fabsf(m.c - 0.15f) < 1e-6f, "L and C straight");
    gfx_oklch q = gfx_lerp_oklch(x, y, 0.25f);
    CHECK(turn_distance(q.h, 0.95f) < 1e-5f, "quarter way: %g", q.h);
}

static void test_palettes_built(void)
{
    /* an OKLab gradient between red and blue passes its midpoint in Lab */
    static const uint8_t stops[2][3] = {{255, 0, 0}, {0, 0, 255}};
    gfx_colour_lut lut;
    gfx_colours_build(&lut, stops, 2, GFX_INTERP_OKLAB, 0);
    CHECK(!memcmp(lut.rgb[0], stops[0], 3) && !memcmp(lut.rgb[255], stops[1], 3), "ends");
    gfx_oklab want =
        gfx_lerp_oklab(gfx_rgb8_to_oklab(stops[0]), gfx_rgb8_to_oklab(stops[1]), 128.0f / 255.0f);
    gfx_oklab got = gfx_rgb8_to_oklab(lut.rgb[128]);
    CHECK(fabsf(got.l - want.l) < 0.01f && fabsf(got.a - want.a) < 0.01f, "OKLab midpoint");
    /* the RGB one is the bytes' straight line (the built-ins' rule) */
    gfx_colours_build(&lut, stops, 2, GFX_INTERP_RGB, 0);
    CHECK(lut.rgb[51][0] == 204 && lut.rgb[51][2] == 51, "rgb at 51: %d %d", lut.rgb[51][0],
          lut.rgb[51][2]);
    /* HSV red -> blue goes the short way, through magenta (not green) */
    gfx_colours_build(&lut, stops, 2, GFX_INTERP_HSV, 0);
    CHECK(lut.rgb[128][1] == 0 && lut.rgb[128][0] > 200 && lut.rgb[128][2] > 200,
          "hsv midpoint %d %d %d", lut.rgb[128][0], lut.rgb[128][1], lut.rgb[128][2]);
    uint8_t rgb[3];
    CHECK(!gfx_colour_parse_hex("#ff8800", rgb) && rgb[0] == 255 && rgb[1] == 136 && rgb[2] == 0,
          "#ff8800");
    CHECK(!gfx_colour_parse_hex("#F80", rgb) && rgb[0] == 255 && rgb[1] == 136 && rgb[2] == 0,
          "#F80");
    CHECK(gfx_colour_parse_hex("ff8800", rgb) && gfx_colour_parse_hex("#ff88g0", rgb) &&
              gfx_colour_parse_hex("#ff880", rgb),
          "bad hex accepted");
}

static void test_harmonies(void)
{
    static const struct {
        const char *name;
        int n;
        float at[5];
    } want[] = {
        {"complementary", 2, {0.0f, 0.5f}},
        {"triadic", 3, {0.0f, 0.333f, 0.667f}},
        {"analogous", 5, {-0.16f, -0.08f, 0.0f, 0.08f, 0.16f}},
        {"split_complementary", 3, {0.0f, 0.42f, 0.58f}},
        {"tetradic", 4, {0.0f, 0.25f, 0.5f, 0.75f}},
    };
    /* a seed of low chroma, so every rotation stays inside sRGB */
    gfx_oklch seed_lch = {0.7f, 0.06f, 0.1f};
    uint8_t seed[3];
    gfx_oklab_to_rgb8(gfx_oklch_to_oklab(seed_lch), seed);
    gfx_oklch seen = gfx_oklab_to_oklch(gfx_rgb8_to_oklab(seed));
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        int h = gfx_harmony_find(want[i].name);
        CHECK(h >= 0, "harmony %s", want[i].name);
        if (h < 0)
            continue;
        float offsets[GFX_HARMONY_MAX];
        int n = gfx_harmony_offsets(h, offsets);
        CHECK(n == want[i].n, "%s: %d colours", want[i].name, n);
        uint8_t out[GFX_HARMONY_MAX][3];
        CHECK(gfx_harmony_colours(h, seed, out) == n, "%s count", want[i].name);
        for (int k = 0; k < n && k < want[i].n; k++) {
            CHECK(offsets[k] == want[i].at[k], "%s offset %d: %g", want[i].name, k, offsets[k]);
            gfx_oklch c = gfx_oklab_to_oklch(gfx_rgb8_to_oklab(out[k]));
            CHECK(turn_distance(c.h, seen.h + want[i].at[k]) < 0.01f &&
                      fabsf(c.l - seen.l) < 0.01f && fabsf(c.c - seen.c) < 0.01f,
                  "%s colour %d: L %g C %g h %g, want h %g", want[i].name, k, c.l, c.c, c.h,
                  seen.h + want[i].at[k]);
        }
    }
    /* monochrome: the seed's hue throughout, lightness rising */
    uint8_t out[GFX_HARMONY_MAX][3];
    int n = gfx_harmony_colours(GFX_HARMONY_MONOCHROME, seed, out);
    float last = -1.0f;
    for (int k = 0; k < n; k++) {
        gfx_oklch c = gfx_oklab_to_oklch(gfx_rgb8_to_oklab(out[k]));
        CHECK(c.l > last && turn_distance(c.h, seen.h) < 0.03f, "monochrome %d: L %g h %g", k, c.l,
              c.h);
        last = c.l;
    }
}

/* The catalogue's table, transcribed independently of palette.c. */
static const struct {
    const char *name;
    const char *hex[5];
} discrete[] = {
    {"colors_neon", {"#FF0066", "#00FF99", "#6600FF", "#FFFF00", "#00CCFF"}},
    {"colors_pastel", {"#FFB3BA", "#FFDFBA", "#FFFFBA", "#BAFFC9", "#BAE1FF"}},
    {"colors_mono_green", {"#002800", "#005000", "#008C00", "#00C800", "#00FF00"}},
    {"colors_mono_amber", {"#281400", "#503200", "#8C5A00", "#C88C00", "#FFBF00"}},
    {"colors_cyberpunk", {"#FF003C", "#00FFC8", "#B400FF", "#FFC800"}},
    {"colors_vaporwave", {"#FF71CE", "#01CDFE", "#B967FF", "#05FFA1"}},
    {"colors_earth", {"#563A1A", "#8B5A2B", "#BD9A5B", "#DEC188", "#F5E6C1"}},
    {"colors_ice", {"#C8E6FF", "#96C8F0", "#64AAE6", "#3C82D2", "#1E50B4"}},
    {"colors_blood", {"#500000", "#8C0A0A", "#C81414", "#FF321E", "#FF6450"}},
    {"colors_forest", {"#0A1E0A", "#143C0F", "#1E6414", "#32961E", "#50C832"}},
};

/* One row of cells with all their inputs, for the colour stage. */
#define COLS 96
#define ROWS 48
struct stage {
    gfx_grid_fields fields;
    float value[ROWS * COLS], hue[ROWS * COLS];
    gfx_ramp_glyphs ramp;
    gfx_cell cells[ROWS * COLS];
};

static void stage_init(struct stage *s)
{
    memset(s, 0, sizeof *s);
    if (gfx_grid_fields_build(&s->fields, COLS * 10, ROWS * 20, 10, 20)) {
        fprintf(stderr, "test_colour: out of memory\n");
        exit(1);
    }
    /* enough glyphs that every value in the tests draws one */
    s->ramp.n = GFX_RAMP_MAX;
    for (int k = 1; k < GFX_RAMP_MAX; k++)
        s->ramp.glyph[k] = (uint16_t)k;
}

/* Colours every cell at full brightness (floor 1, so the bytes are the
 * table's). */
static void stage_run(struct stage *s, const gfx_colour_lut *lut, int mapping, const float *params,
                      float centroid, double time, float saturation)
{
    gfx_colour_args a = {.grid = &s->fields.grid,
                         .value = s->value,
                         .hue = s->hue,
                         .ramp = &s->ramp,
                         .lut = lut,
                         .hue_mapping = mapping,
                         .centroid = centroid,
                         .time = time,
                         .brightness_floor = 1.0f,
                         .saturation = saturation,
                         .cells = s->cells};
    if (params)
        memcpy(a.hue_params, params, sizeof a.hue_params);
    gfx_colour_cells(&a);
}

static void test_discrete_palettes(void)
{
    struct stage s;
    stage_init(&s);
    for (size_t p = 0; p < sizeof discrete / sizeof discrete[0]; p++) {
        int id = gfx_colours_find(discrete[p].name);
        CHECK(id >= 0, "palette %s", discrete[p].name);
        if (id < 0)
            continue;
        gfx_colour_lut lut;
        gfx_colours_lut(&lut, id);
        int n = discrete[p].hex[4] ? 5 : 4;
        CHECK(lut.n_entries == n, "%s: %d entries", discrete[p].name, lut.n_entries);
        for (int e = 0; e < n; e++) {
            uint8_t rgb[3];
            gfx_colour_parse_hex(discrete[p].hex[e], rgb);
            CHECK(!memcmp(lut.rgb[e], rgb, 3), "%s entry %d", discrete[p].name, e);
        }
        /* rgb_palette_map: v picks entry floor(v n), the last at v = 1 */
        for (int i = 0; i < ROWS * COLS; i++)
            s.value[i] = (float)(i + 1) / (float)(ROWS * COLS);
        stage_run(&s, &lut, GFX_HUE_VALUE, NULL, 0.0f, 0.0, 1.0f);
        int bad = 0, drawn = 0;
        for (int i = 0; i < ROWS * COLS; i++) {
            int e = (int)(s.value[i] * (float)n);
            e = e < n ? e : n - 1;
            const gfx_cell *c = &s.cells[i];
            if (!c->glyph) /* below the ramp's first glyph */
                continue;
            drawn++;
            if (!(c->r == lut.rgb[e][0] && c->g == lut.rgb[e][1] && c->b == lut.rgb[e][2]) &&
                bad++ < 3)
                CHECK(0, "%s: v %g is not entry %d", discrete[p].name, s.value[i], e);
        }
        CHECK(bad == 0 && drawn > ROWS * COLS * 9 / 10, "%s: %d of %d drawn cells off",
              discrete[p].name, bad, drawn);
    }
    gfx_grid_fields_free(&s.fields);
}

/* A table whose red byte is its own index: the colour stage's red is then
 * the position the hue mapping chose. */
static void index_lut(gfx_colour_lut *lut)
{
    memset(lut, 0, sizeof *lut);
    for (int i = 0; i < 256; i++)
        lut->rgb[i][0] = (uint8_t)i;
    lut->cyclic = 1;
}

static float frac(float x)
{
    return x - floorf(x);
}

static void test_hue_fields(void)
{
    struct stage s;
    stage_init(&s);
    gfx_colour_lut lut;
    index_lut(&lut);
    for (int i = 0; i < ROWS * COLS; i++)
        s.value[i] = 1.0f;
    const gfx_grid *g = &s.fields.grid;
    const float t = 3.7f, cent = 0.6f;
    for (int m = GFX_HUE_HF_FIXED; m < GFX_HUE_HF_OKLCH_ANGLE; m++) {
        int n = 0;
        const gfx_param_desc *d = gfx_hue_params(m, &n);
        float p[GFX_HUE_MAX_PARAMS] = {0};
        for (int j = 0; j < n; j++)
            p[j] = d[j].def + 0.1f * (float)(j + 1); /* off the defaults */
        stage_run(&s, &lut, m, p, cent, t, 1.0f);
        int bad = 0;
        for (int i = 0; i < ROWS * COLS; i++) {
            float c = g->col[i], r = g->row[i], h = 0.0f;
            switch (m) {
            case GFX_HUE_HF_FIXED: h = p[0]; break;
            case GFX_HUE_HF_ANGLE: h = g->angle[i] / (float)(2.0 * M_PI) + p[0] + 0.05f * t; break;
            case GFX_HUE_HF_DISTANCE: h = p[0] + p[1] * g->dist[i] + 0.03f * t; break;
            case GFX_HUE_HF_TIME_CYCLE: h = p[0] * t; break;
            case GFX_HUE_HF_AUDIO_CENT: h = p[0] * cent; break;
            case GFX_HUE_HF_GRADIENT_H: h = p[0] + c / (float)g->cols * (p[1] - p[0]); break;
            case GFX_HUE_HF_GRADIENT_V: h = p[0] + r / (float)g->rows * (p[1] - p[0]); break;
            case GFX_HUE_HF_PLASMA:
                h = 0.5f * sinf(0.02f * c + p[0] * t) + 0.5f * sinf(0.015f * r + 0.7f * p[0] * t);
                break;
            }
            float got = (float)s.cells[i].r / 255.0f;
            float want = frac(h);
            /* the table has 256 steps; 1 and 0 are the same hue */
            if (turn_distance(got, want) > 1.0f / 255.0f + 1e-4f && bad++ < 3)
                CHECK(0, "%s cell %d: position %g, want %g", gfx_hue_name(m), i, got, want);
        }
        CHECK(bad == 0, "%s: %d cells off", gfx_hue_name(m), bad);
    }
    /* hf_oklch_angle draws OKLCH(lightness, chroma, hue) itself */
    float p[GFX_HUE_MAX_PARAMS] = {0.2f, 0.1f, 0.75f};
    stage_run(&s, &lut, GFX_HUE_HF_OKLCH_ANGLE, p, cent, t, 1.0f);
    for (int i = 0; i < ROWS * COLS; i += 7) {
        uint8_t rgb[3] = {s.cells[i].r, s.cells[i].g, s.cells[i].b};
        gfx_oklch c = gfx_oklab_to_oklch(gfx_rgb8_to_oklab(rgb));
        float want = frac(g->angle[i] / (float)(2.0 * M_PI) + p[0] + 0.05f * t);
        CHECK(fabsf(c.l - 0.75f) < 0.01f && fabsf(c.c - 0.1f) < 0.01f &&
                  turn_distance(c.h, want) < 0.01f,
              "hf_oklch_angle cell %d: L %g C %g h %g, want h %g", i, c.l, c.c, c.h, want);
    }
    gfx_grid_fields_free(&s.fields);
}

static void test_saturation(void)
{
    struct stage s;
    stage_init(&s);
    static const uint8_t orange[1][3] = {{200, 100, 50}};
    gfx_colour_lut lut;
    gfx_colours_build(&lut, orange, 1, GFX_INTERP_RGB, 0);
    for (int i = 0; i < ROWS * COLS; i++)
        s.value[i] = 1.0f;
    static const struct {
        float s;
        uint8_t r, g, b;
    } want[] = {
        {1.0f, 200, 100, 50}, {0.0f, 200, 200, 200}, {0.5f, 200, 150, 125}, {2.0f, 200, 0, 0}};
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        stage_run(&s, &lut, GFX_HUE_VALUE, NULL, 0.0f, 0.0, want[k].s);
        const gfx_cell *c = &s.cells[5];
        CHECK(c->r == want[k].r && c->g == want[k].g && c->b == want[k].b,
              "saturation %g: %d %d %d", want[k].s, c->r, c->g, c->b);
    }
    gfx_grid_fields_free(&s.fields);
}

/* Parses json expecting failure; the message must hold every needle. */
static void expect_refused(const char *json, const char *n1, const char *n2, const char *n3)
{
    gfx_scene scene;
    char err[512] = "";
    int rc = gfx_scene_parse(&scene, json, "mine.json", err, sizeof err);
    CHECK(rc != 0, "accepted: %s", json);
    if (rc == 0) {
        gfx_scene_free(&scene);
        return;
    }
    CHECK(!strncmp(err, "mine.json: ", 11) && !strchr(err, '\n'),
          "not one line naming the file: %s", err);
    const char *needles[3] = {n1, n2, n3};
    for (int i = 0; i < 3; i++)
        CHECK(!needles[i] || strstr(err, needles[i]), "\"%s\" lacks \"%s\"", err, needles[i]);
}

#define V2 "{\"version\": 2, "
#define ONE_LAYER(layer) "\"segments\": [{\"start\": 0, \"end\": 4, \"layers\": [" layer "]}]}"

/* Many inline palettes and ramps: each layer keeps its own. */
static void test_scene_many_inline(void)
{
    enum { N = 37 };
    static char json[N * 200 + 64];
    size_t used = (size_t)snprintf(json, sizeof json, "{\"version\": 2, \"segments\": [");
    for (int i = 0; i < N; i++)
        used +=
            (size_t)snprintf(json + used, sizeof json - used,
                             "%s{\"start\": %d, \"end\": %d, \"effect\": \"plasma\", "
                             "\"colours\": [\"#%02x0000\"], \"palette\": {\"glyphs\": \"%.*s\"}}",
                             i ? ", " : "", i, i + 1, i, 1 + i % 5, "abcde");
    snprintf(json + used, sizeof json - used, "]}");
    gfx_scene scene;
    char err[512];
    if (gfx_scene_parse(&scene, json, "mine.json", err, sizeof err)) {
        CHECK(0, "%s", err);
        return;
    }
    CHECK(scene.n_colours == N && scene.n_ramps == N, "%d palettes, %d ramps", scene.n_colours,
          scene.n_ramps);
    for (int i = 0; i < N && i < scene.n; i++) {
        const gfx_layer *l = &scene.segments[i].layers[0];
        int k = l->colours - gfx_colours_count(), j = l->ramp - gfx_ramp_count();
        CHECK(k == i && scene.colours[k].lut.rgb[77][0] == i, "segment %d's palette", i);
        CHECK(j == i && strlen(scene.ramps[j].chars) == (size_t)(1 + i % 5), "segment %d's ramp",
              i);
    }
    gfx_scene_free(&scene);
}

static void test_scene_parse(void)
{
    const char *json =
        V2 "\"ramps\": {\"mine\": \" .:oO@\", \"dotty\": {\"glyphs\": \"·•●\"}},"
           "\"colours\": {\"brand\": [\"#102030\", \"#ff8800\"],"
           "  \"lch\": {\"stops\": [\"#ff0000\", \"#0000ff\"], \"interpolate\": \"oklch\"},"
           "  \"tri\": {\"harmony\": \"triadic\", \"seed\": \"#ff0066\"}}," ONE_LAYER(
               "{\"effect\": \"plasma\", \"palette\": \"mine\", \"colours\": \"brand\","
               " \"hue\": {\"name\": \"hf_plasma\", \"params\": {\"speed\": 0.5}},"
               " \"saturation\": 0.8},"
               "{\"effect\": \"rings\", \"palette\": {\"glyphs\": \" -=#\"},"
               " \"colours\": [\"#ffffff\"], \"cycle\": {\"colours\": [\"tri\", \"neon\", "
               "\"lch\"], \"palette\": [\"dotty\", \"mine\"]}}");
    gfx_scene scene;
    char err[512];
    if (gfx_scene_parse(&scene, json, "mine.json", err, sizeof err)) {
        CHECK(0, "%s", err);
        return;
    }
    int nr = gfx_ramp_count(), nc = gfx_colours_count();
    CHECK(scene.n_ramps == 3 && scene.n_colours == 4, "%d ramps, %d palettes", scene.n_ramps,
          scene.n_colours);
    const gfx_layer *a = &scene.segments[0].layers[0], *b = &scene.segments[0].layers[1];
    CHECK(a->ramp == nr && !strcmp(scene.ramps[0].chars, " .:oO@"), "ramp by name");
    CHECK(a->colours == nc, "palette by name");
    CHECK(a->hue == GFX_HUE_HF_PLASMA && a->hue_params[0].base == 0.5f, "hue object");
    CHECK(a->saturation.base == 0.8f, "saturation");
    CHECK(b->ramp == nr + 2 && !strcmp(scene.ramps[2].chars, " -=#") && !scene.ramps[2].named,
          "inline ramp");
    CHECK(b->colours == nc + 3 && scene.colours[3].lut.rgb[0][0] == 255 &&
              scene.colours[3].lut.rgb[200][2] == 255,
          "inline flat palette");
    CHECK(b->cycle_colours[0] == nc + 2 && b->cycle_colours[1] == gfx_colours_find("neon") &&
              b->cycle_ramps[0] == nr + 1,
          "cycle names");
    const gfx_colour_lut *brand = &scene.colours[0].lut;
    CHECK(brand->rgb[0][0] == 0x10 && brand->rgb[255][0] == 0xff && brand->rgb[255][1] == 0x88,
          "brand's ends");
    const gfx_colour_lut *tri = &scene.colours[2].lut;
    CHECK(tri->n_entries == 3 && tri->rgb[0][0] > 250 && tri->rgb[0][2] > 90 &&
              tri->rgb[0][2] < 115,
          "triadic starts at its seed: %d %d %d", tri->rgb[0][0], tri->rgb[0][1], tri->rgb[0][2]);
    /* OKLCH red -> blue keeps its chroma up through the middle (no grey) */
    const gfx_colour_lut *lch = &scene.colours[1].lut;
    CHECK(gfx_oklab_to_oklch(gfx_rgb8_to_oklab(lch->rgb[128])).c > 0.2f, "oklch midpoint grey");
    gfx_scene_free(&scene);

    expect_refused(V2 "\"ramps\": {\"mine\": \"\\u0007ab\"}," ONE_LAYER("{\"effect\": \"plasma\"}"),
                   "ramps.mine", "control character", "expected 1..");
    expect_refused(V2 "\"ramps\": {\"mine\": \"   \"}," ONE_LAYER("{\"effect\": \"plasma\"}"),
                   "ramps.mine", "\"   \"", "expected 1..");
    expect_refused(V2 "\"ramps\": {\"default\": \" .:\"}," ONE_LAYER("{\"effect\": \"plasma\"}"),
                   "ramps.default", "built-in", "new name");
    expect_refused(V2 "\"ramps\": {\"My Ramp\": \" .:\"}," ONE_LAYER("{\"effect\": \"plasma\"}"),
                   "\"My Ramp\"", "lower-case", NULL);
    expect_refused(V2 "\"colours\": {\"brand\": [\"#102030\", \"orange\"]}," ONE_LAYER(
                       "{\"effect\": \"plasma\"}"),
                   "colours.brand[1]", "\"orange\" is not a colour", "\"#rrggbb\"");
    expect_refused(V2 "\"colours\": {\"b\": {\"stops\": [\"#102030\"], \"interpolate\": "
                      "\"lab\"}}," ONE_LAYER("{\"effect\": \"plasma\"}"),
                   "colours.b.interpolate", "\"lab\"", "rgb|hsv|oklab|oklch");
    expect_refused(
        V2 "\"colours\": {\"b\": {\"harmony\": \"square\", \"seed\": \"#ff0000\"}}," ONE_LAYER(
            "{\"effect\": \"plasma\"}"),
        "colours.b.harmony", "\"square\"", "complementary|triadic");
    expect_refused(V2 "\"colours\": {\"b\": {\"harmony\": \"triadic\"}}," ONE_LAYER(
                       "{\"effect\": \"plasma\"}"),
                   "colours.b.seed", "not a colour", NULL);
    expect_refused(V2 "\"colours\": {\"b\": []}," ONE_LAYER("{\"effect\": \"plasma\"}"),
                   "colours.b", "1 to 32 colours", NULL);
    expect_refused(V2 "\"ramps\": {\"mine\": \" .:\"}," ONE_LAYER(
                       "{\"effect\": \"plasma\", \"palette\": \"mien\"}"),
                   "segments[0].layers[0].palette", "\"mien\"", "|mine");
    expect_refused(V2 ONE_LAYER("{\"effect\": \"plasma\", \"colours\": \"brnad\"}"),
                   "segments[0].layers[0].colours", "\"brnad\"", "colors_neon");
    expect_refused(V2 ONE_LAYER("{\"effect\": \"plasma\", \"palette\": {\"glyphs\": 5}}"),
                   "segments[0].layers[0].palette.glyphs", "5 is not a string", NULL);
    expect_refused(
        V2 ONE_LAYER("{\"effect\": \"plasma\", \"hue\": {\"name\": \"hf_plasma\", \"params\": "
                     "{\"sped\": 1}}}"),
        "segments[0].layers[0].hue.params.sped", "not a parameter of hf_plasma", "speed");
    expect_refused(V2 ONE_LAYER("{\"effect\": \"plasma\", \"saturation\": 3}"),
                   "segments[0].layers[0].saturation", "3 is out of range", "0..2");
    expect_refused("{\"ramps\": {\"mine\": \" .:\"}, \"segments\": [{\"start\": 0, \"end\": 4, "
                   "\"effect\": \"plasma\"}]}",
                   "ramps", "new in scene version 2", NULL);
    expect_refused("{\"segments\": [{\"start\": 0, \"end\": 4, \"effect\": \"plasma\", "
                   "\"colours\": [\"#ff0000\"]}]}",
                   "segments[0].colours", "new in scene version 2", NULL);
}

#define FRAME_W 320
#define FRAME_H 180

/* Frame `frame` of a scene as packed RGB (malloc'ed), NULL when it cannot
 * render. */
static uint8_t *render_frame(const char *json, int frame)
{
    gfx_scene scene;
    char err[512];
    gfx_feature_track track;
    if (gfx_scene_parse(&scene, json, "mine.json", err, sizeof err)) {
        CHECK(0, "%s", err);
        return NULL;
    }
    if (gfx_synth_features(&track, 64, 12.0, 120.0f, 3u)) {
        gfx_scene_free(&scene);
        CHECK(0, "no features");
        return NULL;
    }
    gfx_render_config cfg = {.width = FRAME_W,
                             .height = FRAME_H,
                             .fps = 12.0,
                             .grid_scale = 1.0f,
                             .shader_level = 2,
                             .particles_max = 1200};
    gfx_renderer *r = gfx_renderer_create(&cfg, err, sizeof err);
    const gfx_image *img = r && !gfx_renderer_prepare(r, &scene, err, sizeof err)
                               ? gfx_render_frame(r, &scene, &track, frame, 1u)
                               : NULL;
    CHECK(img != NULL, "render: %s", r ? gfx_renderer_error(r) : err);
    uint8_t *copy = img ? malloc((size_t)FRAME_W * FRAME_H * 3) : NULL;
    if (copy)
        for (int y = 0; y < FRAME_H; y++)
            memcpy(copy + (size_t)y * FRAME_W * 3, img->px + (ptrdiff_t)y * img->stride,
                   (size_t)FRAME_W * 3);
    gfx_renderer_free(r);
    gfx_feature_track_release(&track);
    gfx_scene_free(&scene);
    return copy;
}

/* Frame 9's lit pixels, those with any green or blue, and those not grey;
 * -1 when it cannot render. */
static long render_counts(const char *json, long *not_red, long *not_grey)
{
    uint8_t *px = render_frame(json, 9);
    if (!px)
        return -1;
    long lit = *not_red = *not_grey = 0;
    for (int i = 0; i < FRAME_W * FRAME_H; i++) {
        const uint8_t *p = px + 3 * i;
        lit += p[0] > 0 || p[1] > 0 || p[2] > 0;
        *not_red += p[1] > 0 || p[2] > 0;
        *not_grey += p[0] != p[1] || p[1] != p[2];
    }
    free(px);
    return lit;
}

/* The colour of the brightest pixel, each channel over the largest. */
static void brightest_colour(const uint8_t *px, float out[3])
{
    int best = 0;
    for (int i = 1; i < FRAME_W * FRAME_H; i++)
        if (px[3 * i] + px[3 * i + 1] + px[3 * i + 2] >
            px[3 * best] + px[3 * best + 1] + px[3 * best + 2])
            best = i;
    const uint8_t *p = px + 3 * best;
    float m = fmaxf(1.0f, fmaxf(p[0], fmaxf(p[1], p[2])));
    for (int ch = 0; ch < 3; ch++)
        out[ch] = p[ch] / m;
}

/* The hue fields are pure functions of the frame (the same bytes from a
 * fresh renderer), and hf_audio_cent's one hue moves with the music's
 * spectral centroid. */
static void test_scene_audio(void)
{
    const char *json =
        V2 ONE_LAYER("{\"effect\": \"plasma\", \"colours\": \"rainbow\", \"hue\": {\"name\": "
                     "\"hf_audio_cent\", \"params\": {\"scale\": 2}}}");
    gfx_feature_track track;
    if (gfx_synth_features(&track, 64, 12.0, 120.0f, 3u)) {
        CHECK(0, "no features");
        return;
    }
    /* two frames whose hues 2 x centroid lie apart */
    int f1 = 4, f2 = -1;
    float c1 = gfx_features_at(&track, f1)->centroid;
    for (int f = 5; f < 64 && f2 < 0; f++)
        if (turn_distance(2.0f * gfx_features_at(&track, f)->centroid, 2.0f * c1) > 0.1f)
            f2 = f;
    gfx_feature_track_release(&track);
    CHECK(f2 > 0, "the synthetic centroid never moves");
    if (f2 < 0)
        return;
    uint8_t *a = render_frame(json, f1), *b = render_frame(json, f1), *c = render_frame(json, f2);
    if (a && b && c) {
        CHECK(!memcmp(a, b, (size_t)FRAME_W * FRAME_H * 3), "two renders of one frame differ");
        float ca[3], cc[3];
        brightest_colour(a, ca);
        brightest_colour(c, cc);
        float d = fabsf(ca[0] - cc[0]) + fabsf(ca[1] - cc[1]) + fabsf(ca[2] - cc[2]);
        CHECK(d > 0.2f, "frames %d and %d: the same hue (%g %g %g)", f1, f2, ca[0], ca[1], ca[2]);
    }
    free(a);
    free(b);
    free(c);
}

/* A frame drawn with a one-colour palette written in the file holds that
 * colour only, through the file's ramp; saturation 0 greys an effect
 * layer and a text layer alike. */
static void test_scene_render(void)
{
    long not_red, not_grey;
    long lit = render_counts(
        V2 "\"ramps\": {\"blocks2\": \" ▒█\"}, \"colours\": {\"red\": [\"#ff0000\"]}," ONE_LAYER(
            "{\"effect\": \"plasma\", \"palette\": \"blocks2\", \"colours\": \"red\"}"),
        &not_red, &not_grey);
    CHECK(lit > 320 * 180 / 10, "only %ld pixels lit", lit);
    CHECK(not_red == 0, "%ld pixels not pure red", not_red);
    lit = render_counts(
        V2 ONE_LAYER("{\"effect\": \"plasma\", \"colours\": \"fire\", \"saturation\": 0},"
                     "{\"text\": {\"kind\": \"stamp\", \"text\": \"GLYPHFX\", \"x\": 0.5, "
                     "\"y\": 0.5, \"g\": 80, \"b\": 0}, \"saturation\": 0}"),
        &not_red, &not_grey);
    CHECK(lit > 320 * 180 / 10 && not_grey == 0, "saturation 0: %ld of %ld lit pixels coloured",
          not_grey, lit);
    lit = render_counts(
        V2 ONE_LAYER("{\"text\": {\"kind\": \"stamp\", \"text\": \"GLYPHFX\", \"x\": 0.5, "
                     "\"y\": 0.5, \"g\": 80, \"b\": 0}}"),
        &not_red, &not_grey);
    CHECK(lit > 0 && not_grey > 0, "the stamp's own orange: %ld of %ld", not_grey, lit);
}

static void keep_line(void *user, const char *line)
{
    snprintf(user, 512, "%s", line);
}

/* Custom glyphs go through the font and its per-glyph fallback. */
static void test_custom_glyphs(void)
{
    char err[256];
    gfx_font *font = gfx_font_open(NULL, err, sizeof err);
    if (!font) {
        CHECK(0, "%s", err);
        return;
    }
    gfx_ramp_glyphs g;
    gfx_ramp_resolve_chars(&g, "mine", " .:oO@", font, NULL);
    CHECK(g.n == 6 && g.glyph[0] == 0, "ascii ramp: %d glyphs", g.n);
    for (int i = 1; i < g.n; i++)
        CHECK(g.glyph[i] != 0 && g.glyph[i] != g.glyph[i - 1], "glyph %d", i);
    gfx_ramp_resolve_chars(&g, "blocks", "░▒▓█", font, NULL); /* no leading space */
    CHECK(g.n == 5 && gfx_font_codepoint(font, g.glyph[4]) == 0x2588, "blocks: %d glyphs", g.n);
    /* a glyph no installed font has (a private-use code point) is dropped
     * with a note naming the ramp; with none left, "code" stands in */
    char note[512] = "";
    gfx_warn warn = {keep_line, note};
    gfx_ramp_resolve_chars(&g, "mine", " .\xf3\xbf\xbf\xbd:", font, &warn);
    CHECK(g.n == 3 && strstr(note, "\"mine\"") && strstr(note, "U+FFFFD"), "dropped: %d, %s", g.n,
          note);
    note[0] = 0;
    gfx_ramp_resolve_chars(&g, "lost", " \xf3\xbf\xbf\xbd", font, &warn);
    CHECK(g.n > 3 && strstr(note, "\"lost\"") && strstr(note, "\"code\""), "fallback: %d, %s", g.n,
          note);
    char why[160];
    CHECK(gfx_ramp_check_chars(" .:", why, sizeof why) == 0, "plain ramp refused");
    CHECK(gfx_ramp_check_chars(" \xff.", why, sizeof why) != 0, "bad UTF-8 accepted");
    CHECK(gfx_ramp_check_chars(" \xef\xbf\xbd", why, sizeof why) == 0, "U+FFFD itself refused");
    gfx_font_close(font);
}

int main(void)
{
    test_srgb();
    test_oklab();
    test_palettes_built();
    test_harmonies();
    test_discrete_palettes();
    test_hue_fields();
    test_saturation();
    test_scene_parse();
    test_scene_many_inline();
    test_scene_render();
    test_scene_audio();
    test_custom_glyphs();
    if (!CHECK_EXIT_STATUS())
        printf("ok: colour\n");
    return CHECK_EXIT_STATUS();
}
