/* The colour shaders against the catalogue's formulas, on every byte value
 * and on random pixels (widths that leave tails for every vector size), and
 * the tints and moods against what they stand for, down to the scene file. */
#include <math.h>
#include <string.h>

#include "check.h"
#include "colour_curves.h"
#include "scene.h"
#include "shader_presets.h"
#include "shaders.h"

enum { W = 131, H = 3 }; /* 393 pixels: every byte value in every channel, and tails */

static gfx_image source;
static gfx_features feat;
static gfx_param_inputs inputs;

static void make_source(void)
{
    if (gfx_image_alloc(&source, W, H))
        exit(1);
    for (int y = 0; y < H; y++)
        for (int i = 0; i < 3 * W; i++)
            source.px[y * source.stride + i] =
                (uint8_t)(y == 0 ? (uint32_t)i % 256
                                 : (uint32_t)(y * 1000 + i) * 2654435761u >> 24);
}

/* The shader with params p (the rest at default) on a copy of the source. */
static gfx_image run(int shader, const float *p, int n)
{
    gfx_image img;
    gfx_shader_cache *c = gfx_shader_cache_create(W, H);
    if (!c || gfx_image_alloc(&img, W, H))
        exit(1);
    for (int y = 0; y < H; y++)
        memcpy(img.px + y * img.stride, source.px + y * source.stride, 3 * W);
    gfx_shader_step step = gfx_shader_step_default(shader);
    for (int j = 0; j < n; j++)
        step.params[j] = gfx_param_constant(p[j]);
    CHECK(gfx_shaders_apply(c, &img, &step, 1, GFX_SHADERS_FULL, &inputs, 7, 3) == 0, "apply");
    gfx_shader_cache_free(c);
    return img;
}

static double clamp255(double v)
{
    return v < 0 ? 0 : v > 255 ? 255 : v;
}

typedef double (*byte_formula)(double x, const float *p);

static double f_levels(double x, const float *p)
{
    double v = fmin(1, fmax(0, (x - p[0]) / fmax(1, p[1] - p[0])));
    return pow(v, 1.0 / p[2]) * 255;
}
static double f_contrast(double x, const float *p)
{
    return (x - 128) * p[0] + 128;
}
static double f_gamma(double x, const float *p)
{
    return 255 * pow(x / 255, 1.0 / p[0]);
}
static double f_brightness(double x, const float *p)
{
    return x * p[0];
}
static double f_solarize(double x, const float *p)
{
    return x > p[0] ? 255 - x : x;
}
static double f_invert(double x, const float *p)
{
    return x * (1 - p[0]) + (255 - x) * p[0];
}
/* L levels: floor(x L / 256) spread over 0..255 */
static double f_posterize(double x, const float *p)
{
    return floor(x * p[0] / 256) * 255 / (p[0] - 1);
}

/* Every byte against the formula, rounded and clamped, within tol. */
static void check_bytes(const char *name, int shader, const float *p, int n, byte_formula f,
                        double tol)
{
    gfx_image img = run(shader, p, n);
    int bad = 0;
    for (int y = 0; y < H; y++)
        for (int i = 0; i < 3 * W; i++) {
            double x = source.px[y * source.stride + i];
            double want = clamp255(f(x, p)), got = img.px[y * img.stride + i];
            if (fabs(got - want) > tol && bad++ < 5)
                CHECK(0, "%s: %g -> %g, formula %.2f", name, x, got, want);
        }
    gfx_image_free(&img);
}

static void test_curves(void)
{
    const float levels[] = {30, 200, 1.4f}, contrast[] = {1.6f}, flat[] = {0.5f}, gamma[] = {2.0f},
                deep[] = {0.6f}, bright[] = {1.5f}, dim[] = {0.4f}, solar[] = {100}, invert[] = {1},
                half[] = {0.5f}, post4[] = {4}, post7[] = {7};
    check_bytes("levels", GFX_SHADER_LEVELS, levels, 3, f_levels, 0.5);
    check_bytes("contrast 1.6", GFX_SHADER_CONTRAST, contrast, 1, f_contrast, 0.5);
    check_bytes("contrast 0.5", GFX_SHADER_CONTRAST, flat, 1, f_contrast, 0.5);
    check_bytes("gamma 2", GFX_SHADER_GAMMA, gamma, 1, f_gamma, 0.5);
    check_bytes("gamma 0.6", GFX_SHADER_GAMMA, deep, 1, f_gamma, 0.5);
    check_bytes("brightness 1.5", GFX_SHADER_BRIGHTNESS, bright, 1, f_brightness, 0.5);
    check_bytes("brightness 0.4", GFX_SHADER_BRIGHTNESS, dim, 1, f_brightness, 0.5);
    check_bytes("solarize", GFX_SHADER_SOLARIZE, solar, 1, f_solarize, 0);
    check_bytes("invert", GFX_SHADER_INVERT, invert, 1, f_invert, 0);
    check_bytes("invert half", GFX_SHADER_INVERT, half, 1, f_invert, 0.5);
    check_bytes("posterize 4", GFX_SHADER_POSTERIZE, post4, 1, f_posterize, 0.5);
    check_bytes("posterize 7", GFX_SHADER_POSTERIZE, post7, 1, f_posterize, 0.5);
}

/* Per pixel: a 3x3 affine map (or any function of the three) within tol. */
typedef void (*pixel_formula)(const double in[3], double out[3], const float *p);

static void check_pixels(const char *name, int shader, const float *p, int n, pixel_formula f,
                         double tol)
{
    gfx_image img = run(shader, p, n);
    int bad = 0;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            const uint8_t *s = source.px + y * source.stride + 3 * x;
            const uint8_t *o = img.px + y * img.stride + 3 * x;
            double in[3] = {s[0], s[1], s[2]}, want[3];
            f(in, want, p);
            for (int c = 0; c < 3; c++)
                if (fabs(o[c] - clamp255(want[c])) > tol && bad++ < 5)
                    CHECK(0, "%s: (%d,%d,%d) channel %d -> %d, formula %.2f", name, s[0], s[1],
                          s[2], c, o[c], clamp255(want[c]));
        }
    gfx_image_free(&img);
}

static void px_threshold(const double in[3], double out[3], const float *p)
{
    double v = (in[0] + in[1] + in[2]) / 3 > p[0] ? 255 : 0;
    out[0] = out[1] = out[2] = v;
}
/* HSV-free saturation: lerp between the luma grey and the colour */
static void px_saturation(const double in[3], double out[3], const float *p)
{
    double luma = 0.213 * in[0] + 0.715 * in[1] + 0.072 * in[2];
    for (int c = 0; c < 3; c++)
        out[c] = luma + (in[c] - luma) * p[0];
}
static void px_grade(const double in[3], double out[3], const float *p)
{
    for (int c = 0; c < 3; c++)
        out[c] = in[c] * p[c];
}
static void px_swap(const double in[3], double out[3], const float *p)
{
    for (int c = 0; c < 3; c++)
        out[c] = in[(int)p[c]];
}
static void px_wobble(const double in[3], double out[3], const float *p)
{
    double a = p[0] * (0.5 + 0.8 * feat.rms), t = inputs.time;
    const double phase[3] = {0, 2.09, 4.19}; /* the catalogue's, to 3 digits */
    for (int c = 0; c < 3; c++)
        out[c] = in[c] * (1 + a * sin(5 * t + phase[c]));
}
static void px_ramp(const double in[3], double out[3], const float *p)
{
    double g = (in[0] + in[1] + in[2]) / 3 / 255;
    for (int c = 0; c < 3; c++)
        out[c] = p[c] + (p[3 + c] - p[c]) * g;
}

static void test_pixels(void)
{
    const float thr[] = {100}, sat[] = {1.7f}, grey[] = {0}, same[] = {1},
                grade[] = {1.3f, 0.8f, 0.6f}, swap[] = {2, 0, 1}, wobble[] = {0.5f, 5},
                ramp[] = {20, 0, 60, 255, 200, 80};
    check_pixels("threshold", GFX_SHADER_THRESHOLD, thr, 1, px_threshold, 0);
    check_pixels("saturation 1.7", GFX_SHADER_SATURATION, sat, 1, px_saturation, 1);
    check_pixels("saturation 0", GFX_SHADER_SATURATION, grey, 1, px_saturation, 1);
    check_pixels("saturation 1", GFX_SHADER_SATURATION, same, 1, px_saturation, 0);
    check_pixels("color_grade", GFX_SHADER_COLOR_GRADE, grade, 3, px_grade, 1);
    check_pixels("channel_swap", GFX_SHADER_CHANNEL_SWAP, swap, 3, px_swap, 0);
    check_pixels("color_wobble", GFX_SHADER_COLOR_WOBBLE, wobble, 2, px_wobble, 1.5);
    check_pixels("color_ramp", GFX_SHADER_COLOR_RAMP, ramp, 6, px_ramp, 1.5);
    /* the default channel_swap is the catalogue's order (2, 1, 0) */
    gfx_image img = run(GFX_SHADER_CHANNEL_SWAP, NULL, 0);
    for (int x = 0; x < W; x++) {
        const uint8_t *s = source.px + source.stride + 3 * x, *o = img.px + img.stride + 3 * x;
        CHECK(o[0] == s[2] && o[1] == s[1] && o[2] == s[0], "channel_swap default at %d", x);
    }
    gfx_image_free(&img);
}

/* The mean grey under threshold and color_ramp: ceil((r + g + b) / 3) for
 * every sum, so "mean > t" is exact for every whole t. */
static void test_mean_grey(void)
{
    enum { SUMS = 766 };
    gfx_image img;
    if (gfx_image_alloc(&img, SUMS, 1))
        exit(1);
    for (int s = 0; s < SUMS; s++) {
        int r = s < 255 ? s : 255, g = s - r < 255 ? s - r : 255, b = s - r - g;
        img.px[3 * s] = (uint8_t)r, img.px[3 * s + 1] = (uint8_t)g, img.px[3 * s + 2] = (uint8_t)b;
    }
    gfx_colour_matrix cm;
    gfx_colour_matrix_mean_grey(&cm);
    gfx_kernels_get()->colour_matrix(img.px, img.stride, img.px, img.stride, SUMS, 1, &cm);
    for (int s = 0; s < SUMS; s++)
        for (int c = 0; c < 3; c++)
            CHECK(img.px[3 * s + c] == (s + 2) / 3, "mean grey of sum %d: %d, expected %d", s,
                  img.px[3 * s + c], (s + 2) / 3);
    gfx_image_free(&img);
    for (float t = 0; t <= 255; t += 17) {
        const float thr[] = {t};
        check_pixels("threshold sweep", GFX_SHADER_THRESHOLD, thr, 1, px_threshold, 0);
    }
}

static void test_wobble_moves(void)
{
    const float wobble[] = {0.5f, 5};
    gfx_image a = run(GFX_SHADER_COLOR_WOBBLE, wobble, 2);
    inputs.time += 0.3;
    gfx_image b = run(GFX_SHADER_COLOR_WOBBLE, wobble, 2);
    inputs.time -= 0.3;
    CHECK(memcmp(a.px, b.px, gfx_image_bytes(&a)) != 0, "color_wobble stands still in time");
    gfx_image_free(&a), gfx_image_free(&b);
}

static void test_tints(void)
{
    static const struct {
        const char *name;
        float rgb[3];
    } want[GFX_TINTS] = {
        {"warm", {1.15f, 1.0f, 0.85f}},   {"cool", {0.85f, 0.95f, 1.15f}},
        {"matrix", {0.7f, 1.2f, 0.7f}},   {"amber", {1.2f, 0.9f, 0.6f}},
        {"sepia", {1.2f, 1.05f, 0.8f}},   {"neon_pink", {1.3f, 0.7f, 1.1f}},
        {"ice", {0.8f, 1.0f, 1.3f}},      {"blood", {1.4f, 0.7f, 0.7f}},
        {"forest", {0.8f, 1.15f, 0.75f}}, {"void", {0.85f, 0.85f, 1.1f}},
        {"sunset", {1.3f, 0.85f, 0.7f}},
    };
    for (int i = 0; i < GFX_TINTS; i++) {
        int t = gfx_tint_find(want[i].name);
        CHECK(t >= 0, "tint %s missing", want[i].name);
        if (t < 0)
            continue;
        gfx_shader_step s = gfx_tint_step(t);
        CHECK(s.shader == GFX_SHADER_COLOR_GRADE, "tint %s is not a color_grade", want[i].name);
        for (int c = 0; c < 3; c++)
            CHECK(s.params[c].base == want[i].rgb[c] && s.params[c].feature < 0,
                  "tint %s channel %d: %g, expected %g", want[i].name, c, s.params[c].base,
                  want[i].rgb[c]);
    }
    CHECK(gfx_tint_find("neutral") < 0, "no such tint as neutral");
}

/* Every mood expands to shaders that exist, with parameters in range;
 * retro_terminal and psychedelic carry the catalogue's example numbers. */
static void test_moods(void)
{
    gfx_shader_step steps[GFX_MAX_SHADERS];
    for (int m = 0; m < GFX_MOODS; m++) {
        int n = gfx_mood_expand(m, steps, GFX_MAX_SHADERS);
        CHECK(n >= 2 && n <= GFX_MOOD_MAX_STEPS, "mood %s: %d steps", gfx_mood_name(m), n);
        CHECK(gfx_mood_find(gfx_mood_name(m)) == m, "mood %s not found", gfx_mood_name(m));
        CHECK(gfx_mood_expand(m, steps, n - 1) == -1, "mood %s overflows", gfx_mood_name(m));
        for (int i = 0; i < n; i++) {
            const gfx_shader_desc *d = gfx_shader_at(steps[i].shader);
            for (int j = 0; j < d->n_params; j++)
                CHECK(steps[i].params[j].base >= d->params[j].min &&
                          steps[i].params[j].base <= d->params[j].max,
                      "mood %s: %s.%s = %g out of range", gfx_mood_name(m), d->name,
                      d->params[j].name, steps[i].params[j].base);
        }
    }
    int n = gfx_mood_expand(gfx_mood_find("retro_terminal"), steps, GFX_MAX_SHADERS);
    static const int retro[] = {GFX_SHADER_BLOOM, GFX_SHADER_COLOR_GRADE, GFX_SHADER_CRT,
                                GFX_SHADER_SCANLINES, GFX_SHADER_GRAIN};
    CHECK(n == 5, "retro_terminal: %d steps", n);
    for (int i = 0; i < 5 && i < n; i++)
        CHECK(steps[i].shader == retro[i], "retro_terminal step %d is %s", i,
              gfx_shader_at(steps[i].shader)->name);
    CHECK(steps[0].params[0].base == 100 && steps[2].params[0].base == 0.05f &&
              steps[3].params[0].base == 0.12f && steps[1].params[0].base == 0.7f &&
              steps[1].params[1].base == 1.2f && steps[1].params[2].base == 0.7f,
          "retro_terminal: not the catalogue's matrix chain");
    n = gfx_mood_expand(gfx_mood_find("psychedelic"), steps, GFX_MAX_SHADERS);
    int seen = 0;
    for (int i = 0; i < n; i++) {
        float v = steps[i].params[0].base;
        seen |= (steps[i].shader == GFX_SHADER_BLOOM && v == 100) << 0;
        seen |= (steps[i].shader == GFX_SHADER_CHROMATIC && v == 5) << 1;
        seen |= (steps[i].shader == GFX_SHADER_COLOR_WOBBLE && v == 0.2f) << 2;
        seen |= (steps[i].shader == GFX_SHADER_VIGNETTE && v == 0.18f) << 3;
    }
    CHECK(seen == 15, "psychedelic: not the catalogue's cathedral numbers (%x)", seen);
}

/* The scene file: {"mood"} expands in place, {"tint"} is one step, and the
 * step limit counts expanded steps. */
static void test_scene(void)
{
    const char *json = "{\"version\": 2, \"segments\": [{\"start\": 0, \"end\": 4,"
                       " \"layers\": [{\"effect\": \"plasma\"}], \"shaders\": ["
                       "{\"name\": \"invert\"}, {\"mood\": \"cinematic\"}, {\"tint\": \"sepia\","
                       " \"beats\": {\"every\": 1, \"of\": 2, \"at\": 1}}]}]}";
    gfx_scene scene;
    char err[512];
    int rc = gfx_scene_parse(&scene, json, "mood.json", err, sizeof err);
    CHECK(rc == 0, "scene with a mood and a tint: %s", err);
    if (rc == 0) {
        const gfx_segment *s = &scene.segments[0];
        gfx_shader_step mood[GFX_MAX_SHADERS];
        int n = gfx_mood_expand(gfx_mood_find("cinematic"), mood, GFX_MAX_SHADERS);
        CHECK(s->n_shaders == 2 + n, "%d steps, expected %d", s->n_shaders, 2 + n);
        CHECK(s->shaders[0].shader == GFX_SHADER_INVERT, "first step");
        for (int i = 0; i < n && 1 + i < s->n_shaders; i++)
            CHECK(s->shaders[1 + i].shader == mood[i].shader &&
                      s->shaders[1 + i].params[0].base == mood[i].params[0].base,
                  "mood step %d", i);
        const gfx_shader_step *t = &s->shaders[s->n_shaders - 1];
        CHECK(t->shader == GFX_SHADER_COLOR_GRADE && t->params[0].base == 1.2f &&
                  t->params[1].base == 1.05f && t->params[2].base == 0.8f && t->beats_every == 1 &&
                  t->beats_at == 1,
              "the sepia tint step");
        gfx_scene_free(&scene);
    }
    static const struct {
        const char *shaders, *message;
    } bad[] = {
        {"{\"mood\": \"moody\"}", "is not a mood"},
        {"{\"tint\": \"teal\"}", "is not a tint"},
        {"{\"mood\": \"cinematic\", \"name\": \"bloom\"}", "name"},
        {"{\"mood\": \"psychedelic\"}, {\"mood\": \"psychedelic\"}, {\"mood\": \"cinematic\"}",
         "does not fit"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char doc[1024];
        snprintf(doc, sizeof doc,
                 "{\"version\": 2, \"segments\": [{\"start\": 0, \"end\": 4, \"layers\":"
                 " [{\"effect\": \"plasma\"}], \"shaders\": [%s]}]}",
                 bad[i].shaders);
        err[0] = 0;
        rc = gfx_scene_parse(&scene, doc, "bad.json", err, sizeof err);
        CHECK(rc != 0 && strstr(err, bad[i].message), "%s: rc %d, \"%s\"", bad[i].shaders, rc, err);
        if (rc == 0)
            gfx_scene_free(&scene);
    }
}

int main(void)
{
    make_source();
    feat.rms = 0.5f;
    inputs = gfx_param_inputs_of(&feat);
    inputs.time = 1.7;
    test_curves();
    test_pixels();
    test_mean_grey();
    test_wobble_moves();
    test_tints();
    test_moods();
    test_scene();
    gfx_image_free(&source);
    if (!check_failures)
        printf("test_shader_colour: ok\n");
    return CHECK_EXIT_STATUS();
}
