/* The feedback buffer (render/frame/feedback.h) and the two kernels it runs
 * on, against what the catalogue says it does.
 *
 * GLYPHFX_FEEDBACK_STRIPS=DIR also writes DIR/PRESET.png for each preset:
 * a moving dot's frames side by side, to look at. */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "feedback.h"
#include "gfx_kernels.h"
#include "image.h"
#include "png_sink.h"

#define W 61 /* odd sizes: every kernel's tails */
#define H 37

static uint32_t rng = 12345;
static uint8_t next_byte(void)
{
    rng = gfx_hash32(rng + 0x9e3779b9u);
    return (uint8_t)(rng >> 24);
}

static void fill_random(gfx_image *img)
{
    for (size_t i = 0; i < gfx_image_bytes(img); i++)
        img->px[i] = next_byte();
}

static int same_image(const gfx_image *a, const gfx_image *b)
{
    return !memcmp(a->px, b->px, gfx_image_bytes(a));
}

static uint8_t *px_at(const gfx_image *img, int x, int y)
{
    return img->px + y * img->stride + 3 * x;
}

static gfx_feedback_params plain(float decay)
{
    gfx_feedback_params p = gfx_feedback_defaults();
    p.decay = decay;
    return p;
}

static void test_first_frame_passes_through(void)
{
    gfx_image canvas, copy;
    gfx_image_alloc(&canvas, W, H), gfx_image_alloc(&copy, W, H);
    fill_random(&canvas);
    memcpy(copy.px, canvas.px, gfx_image_bytes(&canvas));
    gfx_feedback_params p = plain(0.85f);
    gfx_feedback *fb = gfx_feedback_create(W, H, &p);
    gfx_feedback_step(fb, &canvas);
    CHECK(same_image(&canvas, &copy), "the first frame after create is not passed through");
    /* the second frame sees the first: screen over a random buffer changes it */
    gfx_feedback_step(fb, &canvas);
    CHECK(!same_image(&canvas, &copy), "the second frame ignores the buffer");
    gfx_feedback_reset(fb);
    fill_random(&canvas);
    memcpy(copy.px, canvas.px, gfx_image_bytes(&canvas));
    gfx_feedback_step(fb, &canvas);
    CHECK(same_image(&canvas, &copy), "the first frame after reset is not passed through");
    gfx_feedback_free(fb);
    gfx_image_free(&canvas), gfx_image_free(&copy);
}

/* decay 0 empties the buffer: each frame is the blend of the canvas with black */
static void test_decay_zero_is_blend_with_black(void)
{
    for (int mode = 0; mode < GFX_BLEND_COUNT; mode++) {
        gfx_image canvas, expect, black;
        gfx_image_alloc(&canvas, W, H), gfx_image_alloc(&expect, W, H);
        gfx_image_alloc(&black, W, H);
        gfx_feedback_params p = plain(0.0f);
        p.blend = (enum gfx_blend_mode)mode;
        p.hue_shift = 0.3f; /* turning black changes nothing */
        gfx_feedback *fb = gfx_feedback_create(W, H, &p);
        fill_random(&canvas);
        gfx_feedback_step(fb, &canvas);
        fill_random(&canvas);
        memcpy(expect.px, canvas.px, gfx_image_bytes(&canvas));
        gfx_kernels_get()->blend(expect.px, expect.stride, black.px, black.stride, W, H,
                                 (enum gfx_blend_mode)mode, 128);
        gfx_feedback_step(fb, &canvas);
        CHECK(same_image(&canvas, &expect), "decay 0, %s: not the blend with black",
              gfx_blend_mode_name((enum gfx_blend_mode)mode));
        gfx_feedback_free(fb);
        gfx_image_free(&canvas), gfx_image_free(&expect), gfx_image_free(&black);
    }
}

static void remap(gfx_image *dst, const gfx_image *src, enum gfx_feedback_transform t, float amt)
{
    gfx_affine_q16 map = gfx_feedback_transform_map(t, amt, src->width, src->height);
    gfx_kernels_get()->remap_affine(dst->px, dst->stride, dst->width, dst->height, src->px,
                                    src->stride, src->width, src->height, &map);
}

static void test_transforms(void)
{
    gfx_image src, once, twice;
    gfx_image_alloc(&src, W, H), gfx_image_alloc(&once, W, H), gfx_image_alloc(&twice, W, H);
    fill_random(&src);
    remap(&once, &src, GFX_FEEDBACK_MIRROR_H, 0.02f);
    remap(&twice, &once, GFX_FEEDBACK_MIRROR_H, 0.02f);
    CHECK(same_image(&twice, &src), "mirror_h twice is not the identity");
    CHECK(!memcmp(px_at(&once, 0, 5), px_at(&src, W - 1, 5), 3), "mirror_h: x=0 is not x=W-1");
    remap(&once, &src, GFX_FEEDBACK_NONE, 0.02f);
    CHECK(same_image(&once, &src), "transform none is not the identity");

    /* shift_up by max(1, floor(0.1 * 37)) = 3 rows, the bottom 3 black */
    remap(&once, &src, GFX_FEEDBACK_SHIFT_UP, 0.1f);
    CHECK(!memcmp(px_at(&once, 0, 0), px_at(&src, 0, 3), 3 * W), "shift_up: row 0 is not row 3");
    static const uint8_t zero[3 * W];
    CHECK(!memcmp(px_at(&once, 0, H - 3), zero, 3 * W) &&
              memcmp(px_at(&once, 0, H - 4), zero, 3 * W),
          "shift_up 0.1: not exactly 3 black rows at the bottom");
    remap(&once, &src, GFX_FEEDBACK_SHIFT_DOWN, 0.001f); /* below one row: still one */
    CHECK(!memcmp(px_at(&once, 0, 1), px_at(&src, 0, 0), 3 * W) &&
              !memcmp(px_at(&once, 0, 0), zero, 3 * W),
          "shift_down 0.001: not one row down with the top black");

    /* zoom 0.1 crops floor(6.1) = 6 columns and floor(3.7) = 3 rows per side:
     * the corners come from (6, 3) and (54, 33), nothing is black */
    remap(&once, &src, GFX_FEEDBACK_ZOOM, 0.1f);
    CHECK(!memcmp(px_at(&once, 0, 0), px_at(&src, 6, 3), 3), "zoom: corner is not (6, 3)");
    CHECK(!memcmp(px_at(&once, W - 1, H - 1), px_at(&src, W - 7, H - 4), 3),
          "zoom: far corner is not (W-7, H-4)");
    /* shrink 0.1: the picture in [6, 55) x [3, 34), black around it */
    gfx_image white;
    gfx_image_alloc(&white, W, H);
    memset(white.px, 255, gfx_image_bytes(&white));
    remap(&once, &white, GFX_FEEDBACK_SHRINK, 0.1f);
    int inside_ok = 1, outside_ok = 1;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            int inside = x >= 6 && x < W - 6 && y >= 3 && y < H - 3;
            uint8_t v = px_at(&once, x, y)[0];
            if (inside && v != 255)
                inside_ok = 0;
            if (!inside && v != 0)
                outside_ok = 0;
        }
    CHECK(inside_ok && outside_ok, "shrink 0.1: not the frame scaled into [6, 55) x [3, 34)");
    /* rotate_cw: a dot right of the centre moves down (y points down) */
    memset(white.px, 0, gfx_image_bytes(&white));
    for (int y = H / 2 - 1; y <= H / 2 + 1; y++) /* a 3x3 dot: nearest sampling finds it */
        memset(px_at(&white, W / 2 + 11, y), 255, 9);
    remap(&once, &white, GFX_FEEDBACK_ROTATE_CW, 0.0785398f); /* 10 amt = pi / 4 */
    int found_x = -1, found_y = -1;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            if (px_at(&once, x, y)[0])
                found_x = x, found_y = y;
    CHECK(found_x > W / 2 && found_y > H / 2,
          "rotate_cw: the dot went to (%d, %d), expected "
          "below right of the centre",
          found_x, found_y);
    remap(&twice, &white, GFX_FEEDBACK_ROTATE_CCW, 0.0785398f);
    found_x = found_y = -1;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            if (px_at(&twice, x, y)[0])
                found_x = x, found_y = y;
    CHECK(found_x > W / 2 && found_y >= 0 && found_y < H / 2,
          "rotate_ccw: the dot went to (%d, %d), expected above right", found_x, found_y);
    gfx_image_free(&white);
    gfx_image_free(&src), gfx_image_free(&once), gfx_image_free(&twice);
}

/* A dot moving right on black leaves a trail whose brightness falls with
 * age, down to black. */
static void test_trail_decays(void)
{
    gfx_feedback_params p = plain(0.85f);
    gfx_feedback *fb = gfx_feedback_create(W, H, &p);
    gfx_image canvas;
    gfx_image_alloc(&canvas, W, H);
    const int frames = 12, y = H / 2;
    for (int f = 0; f < frames; f++) {
        memset(canvas.px, 0, gfx_image_bytes(&canvas));
        memset(px_at(&canvas, 4 * f, y), 200, 3);
        gfx_feedback_step(fb, &canvas);
    }
    /* position of frame f is x = 4 f; the newest is as drawn */
    CHECK(px_at(&canvas, 4 * (frames - 1), y)[0] == 200, "the newest dot is %u, not 200",
          px_at(&canvas, 4 * (frames - 1), y)[0]);
    int prev = 200, reached_black = 0;
    for (int age = 1; age < frames; age++) {
        int v = px_at(&canvas, 4 * (frames - 1 - age), y)[0];
        if (v == 0) {
            reached_black = 1;
            continue;
        }
        CHECK(!reached_black, "age %d: %d after a black one", age, v);
        CHECK(v < prev, "age %d: brightness %d does not fall from %d", age, v, prev);
        /* screen over black at opacity 1/2 keeps about decay / 2 a frame */
        CHECK(v <= prev * 0.85 * 0.5 + 1, "age %d: %d falls too slowly from %d", age, v, prev);
        prev = v;
    }
    CHECK(px_at(&canvas, 4 * (frames - 2), y)[0] > 0, "the dot of one frame ago left no trail");
    CHECK(reached_black, "the trail never reaches black (a rounding fixed point?)");
    gfx_feedback_free(fb);
    gfx_image_free(&canvas);
}

static void test_params_and_presets(void)
{
    static const char *const catalogue_presets[] = {
        "infinite_zoom_tunnel", "rainbow_trails",   "ghostly_echo",     "kaleidoscopic_recursion",
        "color_evolution",      "multiplied_depth", "rising_heat_haze",
    };
    for (int i = 0; i < 7; i++) {
        gfx_feedback_params p;
        CHECK(gfx_feedback_preset(catalogue_presets[i], &p) == 0, "preset %s unknown",
              catalogue_presets[i]);
        CHECK(gfx_feedback_preset_name(i) &&
                  !strcmp(gfx_feedback_preset_name(i), catalogue_presets[i]),
              "preset %d is not %s", i, catalogue_presets[i]);
    }
    CHECK(gfx_feedback_preset_name(7) == NULL, "an eighth preset");
    gfx_feedback_params p = gfx_feedback_defaults();
    CHECK(gfx_feedback_preset("nope", &p) == -1, "an unknown preset was accepted");
    /* catalogue section 12's values for two of them */
    gfx_feedback_preset("rainbow_trails", &p);
    CHECK(p.decay == 0.7f && p.blend == GFX_BLEND_SCREEN && p.opacity == 0.3f &&
              p.transform == GFX_FEEDBACK_ZOOM && p.transform_amt == 0.01f && p.hue_shift == 0.02f,
          "rainbow_trails is not 0.7, screen, 0.3, zoom 0.01, hue 0.02");
    gfx_feedback_preset("ghostly_echo", &p);
    CHECK(p.decay == 0.9f && p.blend == GFX_BLEND_ADD && p.opacity == 0.15f &&
              p.transform == GFX_FEEDBACK_SHIFT_UP && p.transform_amt == 0.01f,
          "ghostly_echo is not 0.9, add, 0.15, shift_up 0.01");
    p = gfx_feedback_defaults();
    CHECK(p.decay == 0.85f && p.blend == GFX_BLEND_SCREEN && p.opacity == 0.5f &&
              p.transform == GFX_FEEDBACK_NONE && p.transform_amt == 0.02f && p.hue_shift == 0.0f,
          "defaults are not the catalogue's");

    /* the table names every parameter, and setting each by name works */
    const gfx_param_desc *t = gfx_feedback_param_table();
    char err[200];
    const char *values[GFX_FEEDBACK_PARAMS] = {"0.6",        "difference", "0.25",
                                               "rotate_ccw", "0.1",        "-0.05"};
    for (int i = 0; i < GFX_FEEDBACK_PARAMS; i++)
        CHECK(gfx_feedback_param_set(&p, t[i].name, values[i], err, sizeof err) == GFX_OK,
              "%s=%s: %s", t[i].name, values[i], err);
    CHECK(p.decay == 0.6f && p.blend == GFX_BLEND_DIFFERENCE && p.opacity == 0.25f &&
              p.transform == GFX_FEEDBACK_ROTATE_CCW && p.transform_amt == 0.1f &&
              p.hue_shift == -0.05f,
          "the parameters were not set");
    CHECK(gfx_feedback_param_set(&p, "decay", "1.5", err, sizeof err) == GFX_BAD_INPUT &&
              strstr(err, "decay=1.5") && strstr(err, "[0, 1]"),
          "decay=1.5 accepted or unclear: %s", err);
    CHECK(gfx_feedback_param_set(&p, "transform", "spin", err, sizeof err) == GFX_BAD_INPUT &&
              strstr(err, "mirror_h"),
          "transform=spin accepted or unclear: %s", err);
    CHECK(gfx_feedback_param_set(&p, "blend", "nope", err, sizeof err) == GFX_BAD_INPUT,
          "blend=nope accepted");
    CHECK(gfx_feedback_param_set(&p, "speed", "1", err, sizeof err) == GFX_BAD_INPUT,
          "an unknown parameter accepted");
    CHECK(gfx_feedback_param_set(&p, "opacity", "0.5x", err, sizeof err) == GFX_BAD_INPUT,
          "opacity=0.5x accepted");
    for (int i = 0; i < GFX_FEEDBACK_TRANSFORMS; i++)
        CHECK(gfx_feedback_transform_parse(
                  gfx_feedback_transform_name((enum gfx_feedback_transform)i)) == i,
              "transform %d does not parse back", i);
}

/* The scene used for the strips and the ISA comparison: a coloured dot
 * going round, a white bar sliding down. */
static void draw_scene(gfx_image *img, int f)
{
    memset(img->px, 0, gfx_image_bytes(img));
    const double a = f * 0.35;
    const int cx = img->width / 2 + (int)(img->width * 0.3 * cos(a));
    const int cy = img->height / 2 + (int)(img->height * 0.3 * sin(a));
    const int r = img->height / 12 + 1;
    for (int y = cy - r; y <= cy + r; y++)
        for (int x = cx - r; x <= cx + r; x++)
            if (x >= 0 && y >= 0 && x < img->width && y < img->height &&
                (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) {
                uint8_t *p = px_at(img, x, y);
                p[0] = 255, p[1] = 140, p[2] = 40;
            }
    int bar_y = (f * 3) % img->height;
    for (int x = img->width / 8; x < img->width / 4; x++)
        memset(px_at(img, x, bar_y), 230, 3);
}

static uint64_t run_preset(int preset, int width, int height, int frames, gfx_image *strip,
                           int every)
{
    gfx_feedback_params p;
    gfx_feedback_preset(gfx_feedback_preset_name(preset), &p);
    gfx_feedback *fb = gfx_feedback_create(width, height, &p);
    gfx_image canvas;
    gfx_image_alloc(&canvas, width, height);
    uint64_t h = 0xcbf29ce484222325ULL;
    for (int f = 0; f < frames; f++) {
        draw_scene(&canvas, f);
        gfx_feedback_step(fb, &canvas);
        for (size_t i = 0; i < gfx_image_bytes(&canvas); i++)
            h = (h ^ canvas.px[i]) * 0x100000001b3ULL;
        if (strip && f % every == every - 1)
            for (int y = 0; y < height; y++)
                memcpy(px_at(strip, (f / every) * (width + 2), y), px_at(&canvas, 0, y),
                       3 * (size_t)width);
    }
    gfx_feedback_free(fb);
    gfx_image_free(&canvas);
    return h;
}

/* Every ISA level gives the same bytes for every preset's sequence. */
static void test_same_bytes_on_every_isa(void)
{
    uint64_t ref[GFX_FEEDBACK_PRESETS];
    gfx_kernels_force(GFX_ISA_SCALAR);
    for (int i = 0; i < GFX_FEEDBACK_PRESETS; i++)
        ref[i] = run_preset(i, 97, 55, 10, NULL, 1);
    for (int isa = GFX_ISA_SSE41; isa < GFX_ISA_COUNT; isa++) {
        if (gfx_kernels_force((enum gfx_isa)isa) < 0)
            continue;
        for (int i = 0; i < GFX_FEEDBACK_PRESETS; i++)
            CHECK(run_preset(i, 97, 55, 10, NULL, 1) == ref[i], "%s on %s differs from scalar",
                  gfx_feedback_preset_name(i), gfx_isa_name((enum gfx_isa)isa));
    }
    gfx_kernels_force(gfx_isa_best());
}

static void write_strips(const char *dir)
{
    const int width = 192, height = 108, tiles = 8, every = 4;
    mkdir(dir, 0777);
    for (int i = 0; i < GFX_FEEDBACK_PRESETS; i++) {
        gfx_image strip;
        gfx_image_alloc(&strip, tiles * (width + 2), height);
        memset(strip.px, 60, gfx_image_bytes(&strip)); /* grey gaps between frames */
        run_preset(i, width, height, tiles * every, &strip, every);
        char path[512], err[256];
        snprintf(path, sizeof path, "%s/%s.png", dir, gfx_feedback_preset_name(i));
        CHECK(gfx_png_write(path, &strip, 1, err, sizeof err) == 0, "%s", err);
        gfx_image_free(&strip);
    }
    printf("strips in %s\n", dir);
}

int main(void)
{
    test_first_frame_passes_through();
    test_decay_zero_is_blend_with_black();
    test_transforms();
    test_trail_decays();
    test_params_and_presets();
    test_same_bytes_on_every_isa();
    const char *dir = getenv("GLYPHFX_FEEDBACK_STRIPS");
    if (dir && *dir)
        write_strips(dir);
    return CHECK_EXIT_STATUS();
}
