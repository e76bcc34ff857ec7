/* The frame engine's pure parts, checked against properties stated in their
 * headers: synthesized beats, the profile choice, the tonemap, the scene
 * timeline and beat snapping, palettes, HSV, the font atlas layout and the
 * grid fields. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "font.h"
#include "grid.h"
#include "palette.h"
#include "profile.h"
#include "scene.h"
#include "shaders.h"
#include "synth_features.h"
#include "tonemap.h"

static void test_synth_beats(void)
{
    const double fps = 24.0;
    const float bpm = 120.0f; /* a beat every 0.5 s = 12 frames */
    gfx_feature_track a, b, c;
    CHECK(gfx_synth_features(&a, 240, fps, bpm, 5) == 0, "synth failed");
    CHECK(gfx_synth_features(&b, 240, fps, bpm, 5) == 0, "synth failed");
    CHECK(gfx_synth_features(&c, 240, fps, bpm, 6) == 0, "synth failed");
    gfx_feature_track_release(&c);
    CHECK(gfx_synth_features(&c, 0, fps, bpm, 6) == -1, "0 frames accepted");
    CHECK(gfx_synth_features(&c, 10, fps, 1000.0f, 6) == -1, "bpm 1000 accepted");
    gfx_synth_features(&c, 240, fps, bpm, 6);
    int last = -1, beats = 0;
    for (int f = 0; f < a.n_frames; f++) {
        const gfx_features *x = &a.frames[f];
        const float *fields = (const float *)x;
        for (size_t k = 0; k < sizeof *x / sizeof(float); k++)
            CHECK(fields[k] >= 0.0f && fields[k] <= 1.0f, "frame %d field %zu = %g", f, k,
                  fields[k]);
        if (x->beat > 0.5f) {
            if (last >= 0)
                CHECK(f - last == 12, "beats at frames %d and %d, expected 12 apart", last, f);
            last = f;
            beats++;
            CHECK(x->beat_env > 0.95f, "beat_env %g on a beat", x->beat_env);
        }
    }
    CHECK(beats == 20, "%d beats in 10 s at 120 BPM, expected 20", beats);
    CHECK(!memcmp(a.frames, b.frames, (size_t)a.n_frames * sizeof *a.frames), "same seed differs");
    CHECK(memcmp(a.frames, c.frames, (size_t)a.n_frames * sizeof *a.frames), "seed ignored");
    gfx_feature_track_release(&a);
    gfx_feature_track_release(&b);
    gfx_feature_track_release(&c);
}

static void test_profile_choice(void)
{
    char why[256];
    double fast[GFX_PROFILES] = {1.0, 2.0, 4.0, 16.0};
    CHECK(!strcmp(gfx_profile_choose(fast, 1, 60.0, 3600.0, why, sizeof why)->name, "production"),
          "fast machine: %s", why);
    /* production: 3 min * 24 fps * 1 s = 4320 s > budget; preview: 2700*1 s = 2700 s fits */
    double slow[GFX_PROFILES] = {500.0, 1000.0, 1000.0, 4000.0};
    CHECK(!strcmp(gfx_profile_choose(slow, 1, 180.0, 3600.0, why, sizeof why)->name, "preview"),
          "slow machine: %s", why);
    CHECK(!strcmp(gfx_profile_choose(slow, 2, 180.0, 3600.0, why, sizeof why)->name, "production"),
          "two workers halve the estimate: %s", why);
    double hopeless[GFX_PROFILES] = {1e6, 1e6, 1e6, 1e6};
    CHECK(!strcmp(gfx_profile_choose(hopeless, 1, 180.0, 3600.0, why, sizeof why)->name, "draft"),
          "nothing fits: %s", why);
    double none[GFX_PROFILES] = {0};
    CHECK(gfx_profile_choose(none, 1, 10.0, 3600.0, why, sizeof why) != NULL, "NULL choice");
    const gfx_profile *p = gfx_profile_find("max");
    CHECK(p && p->width == 3840 && p->height == 2160 && p->fps == 30.0 && p->crf == 15 &&
              p->grid_scale == 2.0f && p->particles_max == 3000,
          "max profile differs from the seed");
    CHECK(gfx_profile_find("auto") == NULL, "auto is not a profile");
}

static void test_tonemap(void)
{
    float v[1000];
    for (int i = 0; i < 1000; i++)
        v[i] = i % 2 ? 0.0f : 0.1f + 0.2f * (float)i / 1000.0f; /* 0.1 .. 0.3 */
    gfx_tonemap_range r = gfx_tonemap_measure(v, 1000);
    CHECK(r.lo > 0.09f && r.lo < 0.12f && r.hi > 0.28f && r.hi < 0.31f, "range %g..%g", r.lo, r.hi);
    gfx_tonemap_apply(v, 1000, r, 1.0f);
    float top = 0.0f;
    for (int i = 0; i < 1000; i++) {
        if (i % 2)
            CHECK(v[i] == 0.0f, "empty cell %d became %g", i, v[i]);
        top = v[i] > top ? v[i] : top;
    }
    CHECK(top > 0.98f, "the stretch reaches %g, expected about 1", top);

    float quiet[100];
    for (int i = 0; i < 100; i++)
        quiet[i] = 0.01f;
    r = gfx_tonemap_measure(quiet, 100);
    CHECK(r.hi >= 0.15f, "near-silence gets a gain above 1/0.15 (hi %g)", r.hi);
    float gamma_in[1] = {0.25f};
    gfx_tonemap_apply(gamma_in, 1, (gfx_tonemap_range){0.0f, 1.0f}, 0.5f);
    CHECK(fabsf(gamma_in[0] - 0.5f) < 0.002f, "0.25^0.5 = %g", gamma_in[0]);
}

static void test_scene_timeline(void)
{
    char err[512];
    gfx_scene s;
    const char *json = "{\"segments\": ["
                       "{\"start\": 0, \"end\": 4, \"effect\": \"plasma\"},"
                       "{\"start\": 4, \"end\": 8, \"effect\": \"rings\", \"transition\": "
                       "\"crossfade\", \"fade\": 1},"
                       "{\"start\": 9, \"end\": 12, \"effect\": \"tunnel\"}]}";
    CHECK(gfx_scene_parse(&s, json, "t.json", err, sizeof err) == 0, "%s", err);
    if (s.n != 3)
        return;
    int main_seg, out;
    float progress;
    gfx_scene_at(&s, 1.0, &main_seg, &out, &progress);
    CHECK(main_seg == 0 && out == -1, "t=1: %d %d", main_seg, out);
    gfx_scene_at(&s, 4.25, &main_seg, &out, &progress);
    CHECK(main_seg == 1 && out == 0 && fabsf(progress - 0.25f) < 1e-5f, "t=4.25: %d %d %g",
          main_seg, out, progress);
    gfx_scene_at(&s, 5.5, &main_seg, &out, &progress);
    CHECK(main_seg == 1 && out == -1, "t=5.5: %d %d", main_seg, out);
    gfx_scene_at(&s, 8.5, &main_seg, &out, &progress);
    CHECK(main_seg == 1, "a gap keeps the last segment playing: %d", main_seg);
    gfx_scene_at(&s, 100.0, &main_seg, &out, &progress);
    CHECK(main_seg == 2, "past the end: %d", main_seg);
    gfx_scene_free(&s);

    /* Cuts move to the nearest beat within half a beat period. */
    gfx_feature_track track;
    gfx_synth_features(&track, 24 * 20, 24.0, 100.0f, 1); /* beats every 0.6 s */
    CHECK(gfx_scene_default(&s, 20.0) == 0 && s.n >= 2, "default scene");
    for (int i = 1; i < s.n; i++)
        s.segments[i].transition = GFX_TRANSITION_CUT;
    gfx_scene_snap_cuts(&s, &track);
    for (int i = 1; i < s.n; i++) {
        double t = s.segments[i].start, beats = t / 0.6;
        CHECK(fabs(beats - round(beats)) * 0.6 <= 0.5 / 24.0 + 1e-9,
              "cut %d at %g s is not on a beat", i, t);
        CHECK(s.segments[i - 1].end == t, "segment %d end moved apart from the next start", i - 1);
    }
    gfx_scene_free(&s);
    gfx_feature_track_release(&track);
}

static void test_palettes_and_font(void)
{
    char err[512];
    gfx_font *font = gfx_font_open(NULL, err, sizeof err);
    CHECK(font != NULL, "default font: %s", err);
    if (!font)
        return;
    CHECK(gfx_ramp_count() >= 10, "%d ramps", gfx_ramp_count());
    for (int i = 0; i < gfx_ramp_count(); i++) {
        CHECK(gfx_ramp_chars(i)[0] == ' ', "ramp %s does not start empty", gfx_ramp_name(i));
        gfx_ramp_glyphs g;
        gfx_ramp_resolve(&g, i, font, NULL);
        CHECK(g.n >= 2 && g.glyph[0] == 0, "ramp %s resolves to %d glyphs", gfx_ramp_name(i), g.n);
        for (int k = 1; k < g.n; k++)
            CHECK(g.glyph[k] != 0, "ramp %s has a hole at %d", gfx_ramp_name(i), k);
    }
    CHECK(gfx_colours_count() >= 8, "%d colour palettes", gfx_colours_count());
    /* the first call may add '@' to the set; asking again must neither move nor re-add it */
    uint16_t at_sign = gfx_font_glyph(font, '@');
    int chars = gfx_font_char_count(font);
    CHECK(at_sign != 0 && gfx_font_glyph(font, '@') == at_sign &&
              gfx_font_char_count(font) == chars,
          "'@' is glyph %u, then %u; %d characters, then %d", at_sign, gfx_font_glyph(font, '@'),
          chars, gfx_font_char_count(font));
    CHECK(gfx_font_glyph(font, 'M') != at_sign, "'M' and '@' share glyph %u", at_sign);
    CHECK(gfx_font_glyph(font, ' ') == 0, "space is not glyph 0");

    gfx_glyph_atlas *atlas = gfx_glyph_atlas_create(font, 16, err, sizeof err);
    CHECK(atlas != NULL, "atlas: %s", err);
    uint16_t late = gfx_font_glyph(font, 0x263A); /* added after the atlas: rasterized lazily */
    const gfx_atlas *a = atlas ? gfx_glyph_atlas_view(atlas) : NULL;
    if (a) {
        CHECK(a->cell_w > 4 && a->cell_h > a->cell_w, "cell %dx%d", a->cell_w, a->cell_h);
        CHECK(a->row_bytes % 64 == 0 && a->row_bytes >= 3 * a->cell_w, "row_bytes %td",
              a->row_bytes);
        CHECK(a->glyph_count == gfx_font_char_count(font) + 1, "glyph count %d", a->glyph_count);
        int blank = 1, ink = 0, padding_clean = 1, rgb_equal = 1;
        for (ptrdiff_t i = 0; i < a->glyph_bytes; i++)
            blank &= a->rgb[i] == 0;
        uint16_t at = gfx_font_glyph(font, '@');
        for (int y = 0; y < a->cell_h; y++) {
            const uint8_t *row = a->rgb + at * a->glyph_bytes + y * a->row_bytes;
            for (int x = 0; x < a->cell_w; x++) {
                ink += row[3 * x];
                rgb_equal &= row[3 * x] == row[3 * x + 1] && row[3 * x] == row[3 * x + 2];
            }
            for (ptrdiff_t x = 3 * a->cell_w; x < a->row_bytes; x++)
                padding_clean &= row[x] == 0;
        }
        CHECK(blank, "glyph 0 is not blank");
        CHECK(ink > 255 * 10, "'@' has almost no ink (%d)", ink);
        CHECK(padding_clean && rgb_equal, "row padding or RGB expansion broken");
        if (late) {
            int late_ink = 0;
            for (ptrdiff_t i = 0; i < a->glyph_bytes; i++)
                late_ink += a->rgb[late * a->glyph_bytes + i];
            CHECK(late_ink > 0, "a character added late was not rasterized");
        }
    }
    gfx_glyph_atlas_free(atlas);
    gfx_font_close(font);

    const char *s = "a\xc3\xa9\xe2\x96\x91\xf0\x9f\x98\x80\xff";
    uint32_t want[] = {'a', 0xe9, 0x2591, 0x1f600, 0xfffd, 0};
    for (int i = 0; i < 6; i++) {
        uint32_t cp = gfx_utf8_next(&s);
        CHECK(cp == want[i], "utf8 %d: U+%04X, expected U+%04X", i, (unsigned)cp,
              (unsigned)want[i]);
    }
}

static void test_hsv_and_grid(void)
{
    float h[4] = {0.0f, 1.0f / 3.0f, 2.0f / 3.0f, 1.5f}, v[4] = {1.0f, 1.0f, 1.0f, 0.5f};
    uint8_t rgb[12];
    gfx_hsv_to_rgb(rgb, h, 1.0f, v, 4);
    static const uint8_t want[12] = {255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 128, 128};
    for (int i = 0; i < 12; i++)
        CHECK(rgb[i] == want[i], "hsv byte %d = %d, expected %d", i, rgb[i], want[i]);

    gfx_grid_fields g;
    CHECK(gfx_grid_fields_build(&g, 105, 50, 10, 20) == 0, "grid");
    CHECK(g.grid.cols == 10 && g.grid.rows == 2 && g.grid.origin_x == 2 && g.grid.origin_y == 5,
          "grid %dx%d at %d,%d", g.grid.cols, g.grid.rows, g.grid.origin_x, g.grid.origin_y);
    float max_n = 0.0f;
    for (int i = 0; i < 20; i++)
        max_n = g.grid.dist_n[i] > max_n ? g.grid.dist_n[i] : max_n;
    CHECK(fabsf(max_n - 1.0f) < 1e-6f, "dist_n max %g", max_n);
    /* Cell (0, 0): dx = -4.5 columns, dy = -0.5 rows * aspect 2 = -1. */
    CHECK(fabsf(g.grid.dist[0] - sqrtf(4.5f * 4.5f + 1.0f)) < 1e-5f, "dist[0] %g", g.grid.dist[0]);
    gfx_grid_fields_free(&g);
    CHECK(gfx_grid_fields_build(&g, 5, 50, 10, 20) == -1, "a frame narrower than a cell");
    CHECK(gfx_grid_pixel_height(GFX_GRID_XXL, 0.5f) == 20 &&
              gfx_grid_pixel_height(GFX_GRID_XS, 2.0f) == 16,
          "grid pixel heights");
}

/* The plain-C shaders against their definitions, on widths that leave
 * tails after the vector blocks. */
static void test_plain_shaders(void)
{
    gfx_features feat = {0};
    gfx_param_inputs in = gfx_param_inputs_of(&feat);
    for (int w = 1; w <= 67; w += 11) {
        gfx_image img, orig;
        gfx_shader_cache *c = gfx_shader_cache_create(w, 3);
        if (!c || gfx_image_alloc(&img, w, 3) || gfx_image_alloc(&orig, w, 3)) {
            CHECK(0, "out of memory");
            return;
        }
        for (size_t i = 0; i < gfx_image_bytes(&img); i++)
            orig.px[i] = (uint8_t)(gfx_hash32((uint32_t)i) >> 24);
        int shift = 5;
        gfx_shader_step step = gfx_shader_step_default(GFX_SHADER_CHROMATIC);
        step.params[0] = gfx_param_constant((float)shift);
        memcpy(img.px, orig.px, gfx_image_bytes(&img));
        gfx_shaders_apply(c, &img, &step, 1, GFX_SHADERS_FULL, &in, 1, 0);
        for (int y = 0; y < 3; y++)
            for (int x = 0; x < w; x++) {
                const uint8_t *o = orig.px + y * orig.stride, *p = img.px + y * img.stride;
                int xr = x + shift < w ? x + shift : w - 1, xb = x - shift > 0 ? x - shift : 0;
                CHECK(p[3 * x] == o[3 * xr] && p[3 * x + 1] == o[3 * x + 1] &&
                          p[3 * x + 2] == o[3 * xb + 2],
                      "chromatic w=%d x=%d y=%d", w, x, y);
            }

        step = gfx_shader_step_default(GFX_SHADER_INVERT);
        memcpy(img.px, orig.px, gfx_image_bytes(&img));
        gfx_shaders_apply(c, &img, &step, 1, GFX_SHADERS_FULL, &in, 1, 0);
        for (size_t i = 0; i < gfx_image_bytes(&img); i++)
            CHECK(img.px[i] == 255 - orig.px[i], "invert w=%d byte %zu", w, i);

        step = gfx_shader_step_default(GFX_SHADER_POSTERIZE);
        step.params[0] = gfx_param_constant(4.0f);
        memcpy(img.px, orig.px, gfx_image_bytes(&img));
        gfx_shaders_apply(c, &img, &step, 1, GFX_SHADERS_FULL, &in, 1, 0);
        for (size_t i = 0; i < gfx_image_bytes(&img); i++) {
            int v = img.px[i], want = (orig.px[i] * 4 >> 8) * 85;
            CHECK(v == want, "posterize 4 w=%d: %d -> %d, expected %d", w, orig.px[i], v, want);
        }
        gfx_image_free(&img);
        gfx_image_free(&orig);
        gfx_shader_cache_free(c);
    }
    gfx_cell cell = {1, 200, 40, 10, 0};
    gfx_hue_rotate_cells(&cell, 1, 360.0f);
    CHECK(abs(cell.r - 200) <= 1 && abs(cell.g - 40) <= 1 && abs(cell.b - 10) <= 1,
          "a full turn moves the colour to %d,%d,%d", cell.r, cell.g, cell.b);
    gfx_hue_rotate_cells(&cell, 1, 120.0f);
    CHECK(cell.g > cell.r && cell.g > cell.b, "120 degrees turns red-orange to green: %d,%d,%d",
          cell.r, cell.g, cell.b);
}

int main(void)
{
    test_synth_beats();
    test_profile_choice();
    test_tonemap();
    test_scene_timeline();
    test_palettes_and_font();
    test_hsv_and_grid();
    test_plain_shaders();
    printf("%s: %d failures\n", check_failures ? "FAIL" : "ok", check_failures);
    return check_failures ? 1 : 0;
}
