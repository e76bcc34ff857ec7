/* The geometry, channel, blur, tone, noise, lines and glitch shaders
 * (shaders_geom.h) against their formulas on small canvases, through the
 * shader chain as a scene runs them: symmetries, block shapes, identities
 * at zero strength, determinism (same bytes twice, and a frame alone the
 * same as after others) and reaction to audio. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "shaders.h"

static uint64_t rng_state = 0x243f6a8885a308d3ULL;
static uint8_t rnd_byte(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint8_t)(rng_state >> 32);
}

static gfx_image new_image(int w, int h)
{
    gfx_image img;
    if (gfx_image_alloc(&img, w, h)) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    return img;
}

static gfx_image random_image(int w, int h)
{
    gfx_image img = new_image(w, h);
    for (size_t i = 0; i < gfx_image_bytes(&img); i++)
        img.px[i] = rnd_byte();
    return img;
}

static gfx_image uniform_image(int w, int h, uint8_t r, uint8_t g, uint8_t b)
{
    gfx_image img = new_image(w, h);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint8_t *p = img.px + y * img.stride + 3 * x;
            p[0] = r, p[1] = g, p[2] = b;
        }
    return img;
}

static inline const uint8_t *px_at(const gfx_image *img, int x, int y)
{
    return img->px + y * img->stride + 3 * x;
}

static int same_px(const gfx_image *a, int ax, int ay, const gfx_image *b, int bx, int by)
{
    return !memcmp(px_at(a, ax, ay), px_at(b, bx, by), 3);
}

static int same_image(const gfx_image *a, const gfx_image *b)
{
    for (int y = 0; y < a->height; y++)
        if (memcmp(a->px + y * a->stride, b->px + y * b->stride, 3 * (size_t)a->width))
            return 0;
    return 1;
}

static const int geom_shaders[] = {
    GFX_SHADER_KALEIDOSCOPE,     GFX_SHADER_MIRROR_H,         GFX_SHADER_MIRROR_V,
    GFX_SHADER_MIRROR_QUAD,      GFX_SHADER_MIRROR_DIAG,      GFX_SHADER_PIXELATE,
    GFX_SHADER_DISPLACEMENT_MAP, GFX_SHADER_WAVE_DISTORT,     GFX_SHADER_CHANNEL_SHIFT,
    GFX_SHADER_RGB_SPLIT_RADIAL, GFX_SHADER_EDGE_GLOW,        GFX_SHADER_SOFT_FOCUS,
    GFX_SHADER_RADIAL_BLUR,      GFX_SHADER_REVERSE_VIGNETTE, GFX_SHADER_HALFTONE,
    GFX_SHADER_STATIC,           GFX_SHADER_GLITCH_BANDS,     GFX_SHADER_BLOCK_GLITCH,
    GFX_SHADER_PIXEL_SORT,       GFX_SHADER_DATA_BEND,
};
#define N_GEOM (int)(sizeof geom_shaders / sizeof geom_shaders[0])

static gfx_features features; /* what the steps' audio reads */

/* The input through one step of `shader` (parameters: the defaults, then
 * the first n of `params`), in a cache of its own or the one given. */
static gfx_image run_on(gfx_shader_cache *cache, int shader, const float *params, int n,
                        const gfx_image *input, int frame)
{
    gfx_shader_step step = gfx_shader_step_default(shader);
    for (int i = 0; i < n; i++)
        step.params[i] = gfx_param_constant(params[i]);
    gfx_image canvas = new_image(input->width, input->height);
    memcpy(canvas.px, input->px, gfx_image_bytes(input));
    gfx_param_inputs in = {.feat = &features, .time = frame / 30.0, .progress = 0.0f, .beats = 0};
    gfx_shader_cache *own = cache ? NULL : gfx_shader_cache_create(input->width, input->height);
    int status = gfx_shaders_apply(cache ? cache : own, &canvas, &step, 1, GFX_SHADERS_FULL, &in,
                                   0x5eedu, frame);
    CHECK(status == 0, "%s: gfx_shaders_apply returned %d", gfx_shader_at(shader)->name, status);
    gfx_shader_cache_free(own);
    return canvas;
}

static gfx_image run(int shader, const float *params, int n, const gfx_image *input, int frame)
{
    return run_on(NULL, shader, params, n, input, frame);
}

static void test_mirrors(void)
{
    gfx_image in = random_image(37, 23);
    for (int side = 0; side < 2; side++) {
        float p = (float)side;
        gfx_image h = run(GFX_SHADER_MIRROR_H, &p, 1, &in, 0);
        gfx_image v = run(GFX_SHADER_MIRROR_V, &p, 1, &in, 0);
        int bad_h = 0, bad_v = 0;
        for (int y = 0; y < in.height; y++)
            for (int x = 0; x < in.width; x++) {
                int kept_x = side ? x >= in.width / 2 : x <= in.width / 2;
                int kept_y = side ? y >= in.height / 2 : y <= in.height / 2;
                bad_h += !same_px(&h, x, y, &h, in.width - 1 - x, y) ||
                         (kept_x && !same_px(&h, x, y, &in, x, y));
                bad_v += !same_px(&v, x, y, &v, x, in.height - 1 - y) ||
                         (kept_y && !same_px(&v, x, y, &in, x, y));
            }
        CHECK(bad_h == 0, "mirror_h side %d: %d pixels off the reflection", side, bad_h);
        CHECK(bad_v == 0, "mirror_v side %d: %d pixels off the reflection", side, bad_v);
        gfx_image_free(&h), gfx_image_free(&v);
    }
    for (int q = 0; q < 4; q++) {
        float p = (float)q;
        gfx_image out = run(GFX_SHADER_MIRROR_QUAD, &p, 1, &in, 0);
        int bad = 0, w = in.width, hh = in.height;
        for (int y = 0; y < hh; y++)
            for (int x = 0; x < w; x++) {
                bad += !same_px(&out, x, y, &out, w - 1 - x, y) ||
                       !same_px(&out, x, y, &out, x, hh - 1 - y);
                int in_x = (q & 1) ? x >= w / 2 : x <= w / 2,
                    in_y = (q >> 1) ? y >= hh / 2 : y <= hh / 2;
                bad += in_x && in_y && !same_px(&out, x, y, &in, x, y);
            }
        CHECK(bad == 0, "mirror_quad %d: %d pixels off", q, bad);
        gfx_image_free(&out);
    }
    float side0 = 0.0f;
    gfx_image d = run(GFX_SHADER_MIRROR_DIAG, &side0, 1, &in, 0);
    int bad = 0;
    for (int y = 0; y < in.height; y++) {
        int diag = in.width * y / in.height;
        for (int x = 0; x < in.width; x++) {
            if (x <= diag)
                bad += !same_px(&d, x, y, &in, x, y);
            else if (2 * diag - x >= 0)
                bad += !same_px(&d, x, y, &in, 2 * diag - x, y);
        }
    }
    CHECK(bad == 0, "mirror_diag: %d pixels off the reflection about x = W y / H", bad);
    gfx_image_free(&d), gfx_image_free(&in);
}

static void test_kaleidoscope(void)
{
    gfx_image in = random_image(64, 64);
    float folds = 4.0f;
    gfx_image out = run(GFX_SHADER_KALEIDOSCOPE, &folds, 1, &in, 0);
    int rotated = 0, reflected = 0, n = 64 * 64;
    for (int y = 0; y < 64; y++)
        for (int x = 0; x < 64; x++) {
            rotated += same_px(&out, x, y, &out, 63 - y, x);
            reflected += same_px(&out, x, y, &out, x, 63 - y);
        }
    /* exact up to where the float polar coordinates of two symmetric
     * points round to different source pixels */
    CHECK(rotated >= n * 97 / 100, "kaleidoscope 4: %d of %d pixels match a quarter turn", rotated,
          n);
    CHECK(reflected >= n * 97 / 100, "kaleidoscope 4: %d of %d pixels match the reflection",
          reflected, n);
    gfx_image flat = uniform_image(50, 30, 10, 200, 90);
    for (int f = 2; f <= 12; f += 5) {
        float p = (float)f;
        gfx_image k = run(GFX_SHADER_KALEIDOSCOPE, &p, 1, &flat, 0);
        CHECK(same_image(&k, &flat), "kaleidoscope %d: a flat frame changed", f);
        gfx_image_free(&k);
    }
    gfx_image_free(&flat), gfx_image_free(&out), gfx_image_free(&in);
}

static void test_pixelate(void)
{
    gfx_image in = random_image(41, 19);
    for (int b = 1; b <= 9; b += 4) {
        float p = (float)b;
        gfx_image out = run(GFX_SHADER_PIXELATE, &p, 1, &in, 0);
        int bad = 0;
        for (int y = 0; y < in.height; y++)
            for (int x = 0; x < in.width; x++)
                bad += !same_px(&out, x, y, &in, x - x % b, y - y % b);
        CHECK(bad == 0, "pixelate %d: %d pixels not their block's top-left", b, bad);
        gfx_image_free(&out);
    }
    gfx_image_free(&in);
}

/* Every output pixel is an input pixel at most `reach` away (clamped). */
static int within_reach(const gfx_image *out, const gfx_image *in, int x, int y, int reach)
{
    for (int dy = -reach; dy <= reach; dy++)
        for (int dx = -reach; dx <= reach; dx++) {
            int sx = x + dx, sy = y + dy;
            if (sx >= 0 && sy >= 0 && sx < in->width && sy < in->height &&
                same_px(out, x, y, in, sx, sy))
                return 1;
        }
    return 0;
}

static void test_displacement(void)
{
    gfx_image in = random_image(40, 30);
    float none[2] = {0.0f, 16.0f}, some[2] = {6.0f, 8.0f};
    gfx_image id = run(GFX_SHADER_DISPLACEMENT_MAP, none, 2, &in, 0);
    CHECK(same_image(&id, &in), "displacement_map: strength 0 moved pixels");
    gfx_image a = run(GFX_SHADER_DISPLACEMENT_MAP, some, 2, &in, 0);
    gfx_image b = run(GFX_SHADER_DISPLACEMENT_MAP, some, 2, &in, 7);
    CHECK(same_image(&a, &b), "displacement_map: the field moved between frames");
    CHECK(!same_image(&a, &in), "displacement_map: strength 6 moved nothing");
    int far = 0;
    for (int y = 0; y < in.height; y++)
        for (int x = 0; x < in.width; x++)
            far += !within_reach(&a, &in, x, y, 6);
    CHECK(far == 0, "displacement_map: %d pixels from further than the strength", far);
    gfx_image_free(&id), gfx_image_free(&a), gfx_image_free(&b), gfx_image_free(&in);
}

static int wrap(int v, int n)
{
    return ((v % n) + n) % n;
}

static void test_wave(void)
{
    gfx_image in = random_image(33, 21);
    const int frame = 13;
    double t = frame / 30.0;
    for (int axis = 0; axis < 2; axis++) {
        float p[3] = {0.3f, 5.0f, (float)axis};
        gfx_image out = run(GFX_SHADER_WAVE_DISTORT, p, 3, &in, frame);
        int bad = 0;
        for (int y = 0; y < in.height; y++)
            for (int x = 0; x < in.width; x++) {
                double freq = 0.3f; /* the parameter as the shader reads it */
                int s = (int)floor(5.0 * sin(freq * (axis ? x : y) + 3.0 * t));
                if (axis == 0)
                    bad += !same_px(&out, wrap(x + s, in.width), y, &in, x, y);
                else
                    bad += !same_px(&out, x, wrap(y + s, in.height), &in, x, y);
            }
        CHECK(bad == 0, "wave_distort axis %d: %d pixels off the rolled sine", axis, bad);
        gfx_image_free(&out);
    }
    gfx_image_free(&in);
}

static void test_channels(void)
{
    gfx_image in = random_image(29, 17);
    float shifts[6] = {3, -2, 0, 40, -7, 5};
    gfx_image out = run(GFX_SHADER_CHANNEL_SHIFT, shifts, 6, &in, 0);
    int bad = 0;
    for (int y = 0; y < in.height; y++)
        for (int x = 0; x < in.width; x++)
            for (int ch = 0; ch < 3; ch++) {
                int sx = wrap(x - (int)shifts[2 * ch], in.width);
                int sy = wrap(y - (int)shifts[2 * ch + 1], in.height);
                bad += px_at(&out, x, y)[ch] != px_at(&in, sx, sy)[ch];
            }
    CHECK(bad == 0, "channel_shift: %d channel bytes off their wrapped shift", bad);

    float zero = 0.0f, five = 5.0f;
    gfx_image id = run(GFX_SHADER_RGB_SPLIT_RADIAL, &zero, 1, &in, 0);
    CHECK(same_image(&id, &in), "rgb_split_radial: strength 0 changed the frame");
    gfx_image split = run(GFX_SHADER_RGB_SPLIT_RADIAL, &five, 1, &in, 0);
    int green = 0, red_moved = 0;
    for (int y = 0; y < in.height; y++)
        for (int x = 0; x < in.width; x++) {
            green += px_at(&split, x, y)[1] != px_at(&in, x, y)[1];
            red_moved += px_at(&split, x, y)[0] != px_at(&in, x, y)[0];
        }
    CHECK(green == 0, "rgb_split_radial: green moved at %d pixels", green);
    CHECK(red_moved > 0, "rgb_split_radial: red never moved");
    /* the corner's red comes from the corner (clamped outwards) */
    CHECK(px_at(&split, 0, 0)[0] == px_at(&in, 0, 0)[0], "rgb_split_radial: corner red moved in");
    gfx_image_free(&out), gfx_image_free(&id), gfx_image_free(&split), gfx_image_free(&in);
}

/* A shader that must leave a flat frame as it is, and, at strength 0,
 * any frame. */
static void expect_flat_kept(int shader, float strength)
{
    const char *name = gfx_shader_at(shader)->name;
    gfx_image flat = uniform_image(31, 22, 200, 40, 120), in = random_image(31, 22);
    gfx_image a = run(shader, &strength, 1, &flat, 0);
    CHECK(same_image(&a, &flat), "%s: a flat frame changed", name);
    float zero = 0.0f;
    gfx_image b = run(shader, &zero, 1, &in, 0);
    CHECK(same_image(&b, &in), "%s: strength 0 changed the frame", name);
    gfx_image c = run(shader, &strength, 1, &in, 0);
    CHECK(!same_image(&c, &in), "%s: strength %.2f changed nothing", name, (double)strength);
    gfx_image_free(&flat), gfx_image_free(&in), gfx_image_free(&a), gfx_image_free(&b);
    gfx_image_free(&c);
}

static int clamp_to(int v, int n)
{
    return v < 0 ? 0 : v >= n ? n - 1 : v;
}

/* radial_blur against its formula: (x + x at p + s d + x at p + 2 s d + 1)
 * / 3, d = p - centre, pixel centres, samples floored and clamped. */
static void test_radial_formula(void)
{
    gfx_image in = random_image(26, 18);
    float strength = 0.1f;
    gfx_image out = run(GFX_SHADER_RADIAL_BLUR, &strength, 1, &in, 0);
    double s = strength;
    int bad = 0;
    for (int y = 0; y < in.height; y++)
        for (int x = 0; x < in.width; x++) {
            double dx = x + 0.5 - in.width / 2.0, dy = y + 0.5 - in.height / 2.0;
            int x1 = clamp_to((int)floor(x + 0.5 + s * dx), in.width);
            int y1 = clamp_to((int)floor(y + 0.5 + s * dy), in.height);
            int x2 = clamp_to((int)floor(x + 0.5 + 2 * s * dx), in.width);
            int y2 = clamp_to((int)floor(y + 0.5 + 2 * s * dy), in.height);
            for (int ch = 0; ch < 3; ch++) {
                int want =
                    (px_at(&in, x, y)[ch] + px_at(&in, x1, y1)[ch] + px_at(&in, x2, y2)[ch] + 1) /
                    3;
                bad += px_at(&out, x, y)[ch] != want;
            }
        }
    CHECK(bad == 0, "radial_blur: %d bytes off the mean of three samples", bad);
    gfx_image_free(&in), gfx_image_free(&out);
}

/* soft_focus on a frame whose even pixels are flat: the half-size blur is
 * that flat level, so every byte is (x (256 - s) + level s + 128) >> 8. */
static void test_soft_focus_formula(void)
{
    gfx_image in = random_image(30, 20);
    for (int y = 0; y < 20; y += 2)
        for (int x = 0; x < 30; x += 2)
            memset(in.px + y * in.stride + 3 * x, 100, 3);
    float strength = 0.25f;
    gfx_image out = run(GFX_SHADER_SOFT_FOCUS, &strength, 1, &in, 0);
    int bad = 0;
    for (size_t i = 0; i < gfx_image_bytes(&in); i++)
        bad += out.px[i] != (uint8_t)((in.px[i] * 192 + 100 * 64 + 128) >> 8);
    CHECK(bad == 0, "soft_focus: %d bytes off the mix with the blur", bad);
    gfx_image_free(&in), gfx_image_free(&out);
}

static void test_blurs(void)
{
    expect_flat_kept(GFX_SHADER_SOFT_FOCUS, 0.6f);
    expect_flat_kept(GFX_SHADER_RADIAL_BLUR, 0.1f);
    test_radial_formula();
    test_soft_focus_formula();

    /* edge_glow: nothing on a flat frame, light added along a step */
    gfx_image flat = uniform_image(20, 12, 90, 90, 90);
    float hue = 0.3f;
    gfx_image a = run(GFX_SHADER_EDGE_GLOW, &hue, 1, &flat, 0);
    CHECK(same_image(&a, &flat), "edge_glow: a flat frame changed");
    gfx_image step = uniform_image(20, 12, 0, 0, 0);
    for (int y = 0; y < 12; y++)
        memset(step.px + y * step.stride + 30, 255, 30);
    gfx_image b = run(GFX_SHADER_EDGE_GLOW, &hue, 1, &step, 0);
    int darker = 0, lit = 0;
    for (int y = 0; y < 12; y++)
        for (int x = 0; x < 20; x++)
            for (int ch = 0; ch < 3; ch++) {
                darker += px_at(&b, x, y)[ch] < px_at(&step, x, y)[ch];
                lit += px_at(&b, x, y)[ch] > px_at(&step, x, y)[ch];
            }
    CHECK(darker == 0, "edge_glow: %d bytes got darker", darker);
    CHECK(lit > 0 && px_at(&b, 9, 5)[1] > 0, "edge_glow: no glow at the step's edge");
    CHECK(px_at(&b, 2, 5)[1] == 0, "edge_glow: glow far from any edge");
    gfx_image_free(&flat), gfx_image_free(&a), gfx_image_free(&step), gfx_image_free(&b);
}

static void test_tone(void)
{
    gfx_image white = uniform_image(41, 31, 255, 255, 255);
    float zero = 0.0f, full = 1.0f;
    gfx_image id = run(GFX_SHADER_REVERSE_VIGNETTE, &zero, 1, &white, 0);
    CHECK(same_image(&id, &white), "reverse_vignette: strength 0 darkened");
    gfx_image rv = run(GFX_SHADER_REVERSE_VIGNETTE, &full, 1, &white, 0);
    /* gain clamp(1 - (1 - 0.7 r), 0.2, 1): 0.2 at the centre, 0.7 sqrt 2
     * at the corners */
    int centre = px_at(&rv, 20, 15)[0], corner = px_at(&rv, 0, 0)[0];
    CHECK(centre == 51, "reverse_vignette 1: centre %d, expected 51", centre);
    CHECK(abs(corner - 252) <= 1, "reverse_vignette 1: corner %d, expected 252", corner);
    gfx_image_free(&id), gfx_image_free(&rv), gfx_image_free(&white);

    /* halftone: within a block every pixel is black or the block's one
     * ink, whose brightest channel is 255; a white block keeps a disc of
     * diameter dot_size, its corners black, and a dim one a smaller disc */
    gfx_image in = random_image(30, 24), bright = uniform_image(24, 24, 255, 255, 255);
    gfx_image dim = uniform_image(24, 24, 16, 64, 32);
    float dot = 8.0f;
    gfx_image h = run(GFX_SHADER_HALFTONE, &dot, 1, &in, 0);
    int bad = 0;
    for (int by = 0; by < in.height; by += 8)
        for (int bx = 0; bx < in.width; bx += 8) {
            const uint8_t *ink = NULL;
            for (int y = by; y < by + 8 && y < in.height; y++)
                for (int x = bx; x < bx + 8 && x < in.width; x++) {
                    const uint8_t *o = px_at(&h, x, y);
                    if (!(o[0] | o[1] | o[2]))
                        continue;
                    if (!ink)
                        ink = o;
                    bad += memcmp(o, ink, 3) != 0 || (o[0] != 255 && o[1] != 255 && o[2] != 255);
                }
            bad += !ink; /* a random block is bright enough for a dot */
        }
    CHECK(bad == 0, "halftone: %d pixels or blocks off one full-brightness ink", bad);
    gfx_image hb = run(GFX_SHADER_HALFTONE, &dot, 1, &bright, 0);
    CHECK(px_at(&hb, 0, 0)[0] == 0 && px_at(&hb, 4, 4)[0] == 255 && px_at(&hb, 3, 0)[0] == 255,
          "halftone: a white 8x8 block is not a disc of diameter 8");
    /* mean (16, 64, 32): ink (64, 255, 128), radius 4 sqrt(64 / 255) = 2 */
    gfx_image hd = run(GFX_SHADER_HALFTONE, &dot, 1, &dim, 0);
    const uint8_t *ink_px = px_at(&hd, 4, 4);
    CHECK(ink_px[0] == 64 && ink_px[1] == 255 && ink_px[2] == 128,
          "halftone: dim ink (%d, %d, %d), expected (64, 255, 128)", ink_px[0], ink_px[1],
          ink_px[2]);
    CHECK(px_at(&hd, 4, 6)[1] == 0 && px_at(&hd, 4, 5)[1] == 255,
          "halftone: a dim block's disc is not of radius 2");
    gfx_image_free(&dim), gfx_image_free(&hd);
    gfx_image_free(&in), gfx_image_free(&bright), gfx_image_free(&h), gfx_image_free(&hb);
}

static void test_static(void)
{
    gfx_image in = random_image(32, 20);
    float none[2] = {0.0f, 1.0f}, all_grey[2] = {1.0f, 0.0f}, some[2] = {0.3f, 1.0f};
    gfx_image id = run(GFX_SHADER_STATIC, none, 2, &in, 3);
    CHECK(same_image(&id, &in), "static: density 0 changed the frame");
    gfx_image grey = run(GFX_SHADER_STATIC, all_grey, 2, &in, 3);
    int not_grey = 0, not_block = 0;
    for (int y = 0; y < 20; y++)
        for (int x = 0; x < 32; x++) {
            const uint8_t *p = px_at(&grey, x, y);
            not_grey += p[0] != p[1] || p[1] != p[2];
            not_block += !same_px(&grey, x, y, &grey, x & ~1, y & ~1);
        }
    CHECK(not_grey == 0, "static: %d pixels of grey noise not grey", not_grey);
    CHECK(not_block == 0, "static: %d pixels differ from their 2x2 block", not_block);
    gfx_image a = run(GFX_SHADER_STATIC, some, 2, &in, 3),
              b = run(GFX_SHADER_STATIC, some, 2, &in, 3);
    gfx_image c = run(GFX_SHADER_STATIC, some, 2, &in, 4);
    CHECK(same_image(&a, &b), "static: the same frame twice differs");
    CHECK(!same_image(&a, &c), "static: two frames drew the same noise");
    gfx_image_free(&in), gfx_image_free(&id), gfx_image_free(&grey), gfx_image_free(&a);
    gfx_image_free(&b), gfx_image_free(&c);
}

/* Row y of out is row y of in rolled by some amount. */
static int is_rolled_row(const gfx_image *out, const gfx_image *in, int y)
{
    for (int s = 0; s < in->width; s++) {
        int x = 0;
        while (x < in->width && same_px(out, wrap(x + s, in->width), y, in, x, y))
            x++;
        if (x == in->width)
            return 1;
    }
    return 0;
}

static int brightness(const uint8_t *p)
{
    return p[0] + p[1] + p[2];
}

static void test_glitch(void)
{
    gfx_image in = random_image(48, 40);
    features = (gfx_features){0};
    gfx_image quiet = run(GFX_SHADER_GLITCH_BANDS, NULL, 0, &in, 5);
    CHECK(same_image(&quiet, &in), "glitch_bands: bands moved with no beat");
    features.beat_env = 1.0f, features.bands[GFX_BAND_SUB] = 1.0f;
    gfx_image loud = run(GFX_SHADER_GLITCH_BANDS, NULL, 0, &in, 5);
    gfx_image again = run(GFX_SHADER_GLITCH_BANDS, NULL, 0, &in, 5);
    CHECK(!same_image(&loud, &in), "glitch_bands: nothing moved on a full beat");
    CHECK(same_image(&loud, &again), "glitch_bands: the same frame twice differs");
    int not_rolled = 0;
    for (int y = 0; y < in.height; y++)
        not_rolled += !is_rolled_row(&loud, &in, y);
    CHECK(not_rolled == 0, "glitch_bands: %d rows are not rolled copies", not_rolled);
    features = (gfx_features){0};

    float none[2] = {0.0f, 40.0f};
    gfx_image id = run(GFX_SHADER_BLOCK_GLITCH, none, 2, &in, 5);
    CHECK(same_image(&id, &in), "block_glitch: 0 blocks changed the frame");
    gfx_image b1 = run(GFX_SHADER_BLOCK_GLITCH, NULL, 0, &in, 5);
    gfx_image b2 = run(GFX_SHADER_BLOCK_GLITCH, NULL, 0, &in, 5);
    gfx_image b3 = run(GFX_SHADER_BLOCK_GLITCH, NULL, 0, &in, 6);
    CHECK(!same_image(&b1, &in), "block_glitch: nothing moved");
    CHECK(same_image(&b1, &b2), "block_glitch: the same frame twice differs");
    CHECK(!same_image(&b1, &b3), "block_glitch: two frames glitched alike");

    float sort[2] = {100.0f, 0.0f};
    gfx_image s = run(GFX_SHADER_PIXEL_SORT, sort, 2, &in, 0);
    int bad = 0, sorted_rows = 0;
    for (int y = 0; y < in.height; y++) {
        int changed = memcmp(s.px + y * s.stride, in.px + y * in.stride, 3 * (size_t)in.width);
        if (y % 3) {
            bad += changed != 0;
            continue;
        }
        sorted_rows += changed != 0;
        /* the input's runs brighter than 3 x 100 and longer than 2 come out
         * sorted, darkest first, holding the same pixels; the rest stays */
        int x = 0;
        while (x < in.width) {
            int start = x;
            while (x < in.width && brightness(px_at(&in, x, y)) > 300)
                x++;
            int len = x - start;
            if (len > 2) {
                long sum_in = 0, sum_out = 0;
                for (int i = start; i < x; i++) {
                    sum_in += brightness(px_at(&in, i, y));
                    sum_out += brightness(px_at(&s, i, y));
                    bad +=
                        i > start && brightness(px_at(&s, i - 1, y)) > brightness(px_at(&s, i, y));
                }
                bad += sum_in != sum_out;
            } else
                for (int i = start; i < x; i++)
                    bad += !same_px(&s, i, y, &in, i, y);
            if (x < in.width)
                bad += !same_px(&s, x, y, &in, x, y);
            x++;
        }
    }
    CHECK(bad == 0, "pixel_sort: %d rows or pairs off the rule", bad);
    CHECK(sorted_rows > 0, "pixel_sort: no row sorted");
    float top = 255.0f;
    gfx_image s0 = run(GFX_SHADER_PIXEL_SORT, &top, 1, &in, 0);
    CHECK(same_image(&s0, &in), "pixel_sort: threshold 255 sorted something");

    float bend[2] = {500.0f, 3.0f}, no_bend[2] = {500.0f, 0.0f};
    gfx_image d0 = run(GFX_SHADER_DATA_BEND, no_bend, 2, &in, 2);
    gfx_image d1 = run(GFX_SHADER_DATA_BEND, bend, 2, &in, 2);
    gfx_image d2 = run(GFX_SHADER_DATA_BEND, bend, 2, &in, 2);
    CHECK(same_image(&d0, &in), "data_bend: 0 chunks changed the frame");
    CHECK(!same_image(&d1, &in), "data_bend: 3 chunks changed nothing");
    CHECK(same_image(&d1, &d2), "data_bend: the same frame twice differs");
    gfx_image_free(&quiet), gfx_image_free(&loud), gfx_image_free(&again), gfx_image_free(&id);
    gfx_image_free(&b1), gfx_image_free(&b2), gfx_image_free(&b3), gfx_image_free(&s);
    gfx_image_free(&s0), gfx_image_free(&d0), gfx_image_free(&d1), gfx_image_free(&d2);
    gfx_image_free(&in);
}

/* Every shader of the module: frame 9 rendered in a cache that already ran
 * frames 0..8 (tables built, reused, evicted by other shaders) is the same
 * as frame 9 alone, and a lit frame does not come out black. */
static void test_purity(void)
{
    gfx_image in = random_image(45, 27);
    gfx_shader_cache *shared = gfx_shader_cache_create(45, 27);
    for (int i = 0; i < N_GEOM; i++) {
        int s = geom_shaders[i];
        const char *name = gfx_shader_at(s)->name;
        for (int f = 0; f < 9; f++) {
            gfx_image warm = run_on(shared, geom_shaders[(i + f) % N_GEOM], NULL, 0, &in, f);
            gfx_image_free(&warm);
        }
        gfx_image after = run_on(shared, s, NULL, 0, &in, 9), alone = run(s, NULL, 0, &in, 9);
        CHECK(same_image(&after, &alone), "%s: frame 9 after others differs from frame 9 alone",
              name);
        int lit = 0;
        for (size_t b = 0; b < gfx_image_bytes(&alone); b++)
            lit += alone.px[b] != 0;
        CHECK(lit > 0, "%s: a random frame came out black", name);
        gfx_image_free(&after), gfx_image_free(&alone);
    }
    gfx_shader_cache_free(shared);
    gfx_image_free(&in);
}

/* Canvases down to one pixel: every shader runs (its blocks, rows, runs
 * and tables clipped to the frame) and gives the same bytes twice. */
static void test_tiny(void)
{
    static const int sizes[][2] = {{1, 1}, {1, 5}, {5, 1}, {2, 3}, {7, 2}};
    features.beat_env = 1.0f, features.bands[GFX_BAND_SUB] = 1.0f;
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        gfx_image in = random_image(sizes[k][0], sizes[k][1]);
        for (int i = 0; i < N_GEOM; i++) {
            gfx_image a = run(geom_shaders[i], NULL, 0, &in, 1);
            gfx_image b = run(geom_shaders[i], NULL, 0, &in, 1);
            CHECK(same_image(&a, &b), "%s at %dx%d: the same frame twice differs",
                  gfx_shader_at(geom_shaders[i])->name, in.width, in.height);
            gfx_image_free(&a), gfx_image_free(&b);
        }
        gfx_image_free(&in);
    }
    features = (gfx_features){0};
}

static void test_table(void)
{
    for (int i = 0; i < N_GEOM; i++) {
        int s = geom_shaders[i];
        const gfx_shader_desc *d = gfx_shader_at(s);
        CHECK(d->name && d->summary && d->n_params > 0, "shader %d: incomplete entry", s);
        CHECK(gfx_shader_find(d->name) == s, "%s: not found by name", d->name);
        for (int j = 0; j < d->n_params; j++)
            CHECK(d->params[j].min <= d->params[j].def && d->params[j].def <= d->params[j].max,
                  "%s.%s: default outside its range", d->name, d->params[j].name);
    }
}

int main(void)
{
    test_table();
    test_mirrors();
    test_kaleidoscope();
    test_pixelate();
    test_displacement();
    test_wave();
    test_channels();
    test_blurs();
    test_tone();
    test_static();
    test_glitch();
    test_purity();
    test_tiny();
    return CHECK_EXIT_STATUS();
}
