#include "shaders.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "colour_curves.h"
#include "gfx_kernels.h"
#include "shaders_geom.h"

static const gfx_param_desc bloom_params[] = {
    {"threshold", 70.0f, 0.0f, 255.0f, "channel value a pixel must exceed to glow"},
    {"strength", 0.8f, 0.0f, 1.0f, "how much of the glow is added back"},
};
static const gfx_param_desc vignette_params[] = {
    {"strength", 0.3f, 0.0f, 2.0f, "darkening per unit distance from the centre"},
};
static const gfx_param_desc crt_params[] = {
    {"curvature", 0.08f, 0.0f, 1.0f, "barrel distortion of the tube"},
};
static const gfx_param_desc scanline_params[] = {
    {"depth", 0.35f, 0.0f, 1.0f, "how much darker every odd row is"},
};
static const gfx_param_desc grain_params[] = {
    {"amount", 10.0f, 0.0f, 127.0f, "noise amplitude in channel levels"},
};
static const gfx_param_desc chromatic_params[] = {
    {"shift", 2.0f, 0.0f, 32.0f, "pixels red and blue are pulled apart"},
};
static const gfx_param_desc posterize_params[] = {
    {"levels", 6.0f, 2.0f, 64.0f, "levels per channel"},
};
static const gfx_param_desc invert_params[] = {
    {"mix", 1.0f, 0.0f, 1.0f, "0 untouched .. 1 fully inverted"},
};
static const gfx_param_desc hue_rotate_params[] = {
    {"degrees", 90.0f, -360.0f, 360.0f, "rotation of every colour around the grey axis"},
};
static const gfx_param_desc levels_params[] = {
    {"black", 0.0f, 0.0f, 255.0f, "input level that becomes black"},
    {"white", 255.0f, 0.0f, 255.0f, "input level that becomes white"},
    {"midtone", 1.0f, 0.1f, 10.0f, "above 1 lifts the midtones, below 1 darkens them"},
};
static const gfx_param_desc contrast_params[] = {
    {"factor", 1.3f, 0.0f, 4.0f, "spread around mid grey (below 1 flattens)"},
};
static const gfx_param_desc gamma_params[] = {
    {"gamma", 1.5f, 0.1f, 5.0f, "above 1 brightens the darks, below 1 deepens them"},
};
static const gfx_param_desc brightness_params[] = {
    {"factor", 1.5f, 0.0f, 4.0f, "multiplier of every channel"},
};
static const gfx_param_desc solarize_params[] = {
    {"threshold", 128.0f, 0.0f, 255.0f, "channels above it are inverted"},
};
static const gfx_param_desc threshold_params[] = {
    {"threshold", 128.0f, 0.0f, 255.0f, "mean RGB above it turns white, the rest black"},
};
static const gfx_param_desc saturation_params[] = {
    {"factor", 1.5f, 0.0f, 4.0f, "0 grey, 1 untouched, above 1 more colourful"},
};
static const gfx_param_desc color_grade_params[] = {
    {"red", 1.0f, 0.0f, 4.0f, "red multiplier"},
    {"green", 1.0f, 0.0f, 4.0f, "green multiplier"},
    {"blue", 1.0f, 0.0f, 4.0f, "blue multiplier"},
};
static const gfx_param_desc channel_swap_params[] = {
    {"red_from", 2.0f, 0.0f, 2.0f, "channel red is read from (0 red, 1 green, 2 blue)"},
    {"green_from", 1.0f, 0.0f, 2.0f, "channel green is read from"},
    {"blue_from", 0.0f, 0.0f, 2.0f, "channel blue is read from"},
};
static const gfx_param_desc color_wobble_params[] = {
    {"amount", 0.3f, 0.0f, 2.0f, "swing of each channel's gain, scaled by 0.5 + 0.8 rms"},
    {"speed", 5.0f, 0.0f, 50.0f, "radians a second of the swing"},
};
static const gfx_param_desc color_ramp_params[] = {
    {"low_r", 0.0f, 0.0f, 255.0f, "red of the colour black maps to"},
    {"low_g", 0.0f, 0.0f, 255.0f, "green of the colour black maps to"},
    {"low_b", 0.0f, 0.0f, 255.0f, "blue of the colour black maps to"},
    {"high_r", 255.0f, 0.0f, 255.0f, "red of the colour white maps to"},
    {"high_g", 255.0f, 0.0f, 255.0f, "green of the colour white maps to"},
    {"high_b", 255.0f, 0.0f, 255.0f, "blue of the colour white maps to"},
};
static const gfx_param_desc kaleidoscope_params[] = {
    {"folds", 6.0f, 2.0f, 32.0f, "mirrored wedges around the centre"},
};
static const gfx_param_desc mirror_h_params[] = {
    {"side", 0.0f, 0.0f, 1.0f, "0: left half reflected onto the right, 1: right onto left"},
};
static const gfx_param_desc mirror_v_params[] = {
    {"side", 0.0f, 0.0f, 1.0f, "0: top half reflected onto the bottom, 1: bottom onto top"},
};
static const gfx_param_desc mirror_quad_params[] = {
    {"quadrant", 0.0f, 0.0f, 3.0f,
     "the quadrant kept: 0 top-left, 1 top-right, 2 bottom-left, "
     "3 bottom-right"},
};
static const gfx_param_desc mirror_diag_params[] = {
    {"side", 0.0f, 0.0f, 1.0f, "0: right of the diagonal replaced by the left, 1: the reverse"},
};
static const gfx_param_desc pixelate_params[] = {
    {"block", 4.0f, 1.0f, 64.0f, "block size in pixels (each takes its top-left pixel)"},
};
static const gfx_param_desc displacement_params[] = {
    {"strength", 10.0f, 0.0f, 64.0f, "largest displacement in pixels"},
    {"scale", 48.0f, 4.0f, 512.0f, "feature size of the displacement field in pixels"},
};
static const gfx_param_desc wave_params[] = {
    {"freq", 0.02f, 0.0f, 1.0f, "radians per row (column)"},
    {"amp", 8.0f, 0.0f, 256.0f, "largest roll in pixels"},
    {"axis", 0.0f, 0.0f, 1.0f, "0: rows rolled sideways, 1: columns rolled vertically"},
};
static const gfx_param_desc channel_shift_params[] = {
    {"r_x", 5.0f, -256.0f, 256.0f, "red's shift right (wrapping)"},
    {"r_y", 0.0f, -256.0f, 256.0f, "red's shift down"},
    {"g_x", 0.0f, -256.0f, 256.0f, "green's shift right"},
    {"g_y", 0.0f, -256.0f, 256.0f, "green's shift down"},
    {"b_x", 0.0f, -256.0f, 256.0f, "blue's shift right"},
    {"b_y", 5.0f, -256.0f, 256.0f, "blue's shift down"},
};
static const gfx_param_desc rgb_split_params[] = {
    {"strength", 5.0f, 0.0f, 64.0f, "pixels red and blue part at the corners"},
};
static const gfx_param_desc edge_glow_params[] = {
    {"hue", 0.5f, 0.0f, 1.0f, "hue of the glow added along edges"},
};
static const gfx_param_desc soft_focus_params[] = {
    {"strength", 0.3f, 0.0f, 1.0f, "share of the blurred image"},
};
static const gfx_param_desc radial_blur_params[] = {
    {"strength", 0.03f, 0.0f, 0.25f, "reach of the two outer samples per unit of distance"},
};
static const gfx_param_desc reverse_vignette_params[] = {
    {"strength", 0.5f, 0.0f, 1.0f, "darkening of the centre"},
};
static const gfx_param_desc halftone_params[] = {
    {"dot_size", 6.0f, 2.0f, 64.0f, "cell of one dot in pixels"},
};
static const gfx_param_desc static_params[] = {
    {"density", 0.05f, 0.0f, 1.0f, "share of 2x2 blocks replaced by noise"},
    {"color", 1.0f, 0.0f, 1.0f, "1: coloured noise, 0: grey"},
};
static const gfx_param_desc glitch_bands_params[] = {
    {"shift", 60.0f, 0.0f, 1000.0f, "roll in pixels of a band at full beat"},
};
static const gfx_param_desc block_glitch_params[] = {
    {"n_blocks", 8.0f, 0.0f, 64.0f, "rectangles moved per frame"},
    {"max_size", 40.0f, 10.0f, 256.0f, "widest rectangle in pixels (half as tall)"},
};
static const gfx_param_desc pixel_sort_params[] = {
    {"threshold", 100.0f, 0.0f, 255.0f, "mean level a pixel must exceed to be sorted"},
    {"direction", 0.0f, 0.0f, 1.0f, "0: every third row, 1: every third column"},
};
static const gfx_param_desc data_bend_params[] = {
    {"chunk", 4000.0f, 1.0f, 1000000.0f, "bytes per displaced chunk"},
    {"count", 6.0f, 0.0f, 64.0f, "chunks per frame"},
};

#define SHADER(id, name, summary, params, level, constant)                                         \
    [id] = {name, summary, params, (int)(sizeof(params) / sizeof((params)[0])), level, constant}
static const gfx_shader_desc shaders[GFX_SHADERS] = {
    SHADER(GFX_SHADER_BLOOM, "bloom", "glow around bright glyphs", bloom_params,
           GFX_SHADERS_STANDARD, 0),
    SHADER(GFX_SHADER_VIGNETTE, "vignette", "darker edges", vignette_params, GFX_SHADERS_MINIMAL,
           1),
    SHADER(GFX_SHADER_CRT, "crt", "curved tube", crt_params, GFX_SHADERS_FULL, 1),
    SHADER(GFX_SHADER_SCANLINES, "scanlines", "dark odd rows", scanline_params,
           GFX_SHADERS_STANDARD, 0),
    SHADER(GFX_SHADER_GRAIN, "grain", "film grain in 2x2 blocks", grain_params, GFX_SHADERS_FULL,
           0),
    SHADER(GFX_SHADER_CHROMATIC, "chromatic", "red and blue pulled apart", chromatic_params,
           GFX_SHADERS_STANDARD, 0),
    SHADER(GFX_SHADER_POSTERIZE, "posterize", "fewer levels per channel", posterize_params,
           GFX_SHADERS_MINIMAL, 0),
    SHADER(GFX_SHADER_INVERT, "invert", "negative image", invert_params, GFX_SHADERS_MINIMAL, 0),
    SHADER(GFX_SHADER_HUE_ROTATE, "hue_rotate", "colours turned around the wheel",
           hue_rotate_params, GFX_SHADERS_MINIMAL, 0),
    SHADER(GFX_SHADER_LEVELS, "levels", "black and white points and a midtone curve", levels_params,
           GFX_SHADERS_MINIMAL, 0),
    SHADER(GFX_SHADER_CONTRAST, "contrast", "spread around mid grey", contrast_params,
           GFX_SHADERS_MINIMAL, 0),
    SHADER(GFX_SHADER_GAMMA, "gamma", "power curve on every channel", gamma_params,
           GFX_SHADERS_MINIMAL, 0),
    SHADER(GFX_SHADER_BRIGHTNESS, "brightness", "every channel multiplied", brightness_params,
           GFX_SHADERS_MINIMAL, 0),
    SHADER(GFX_SHADER_SOLARIZE, "solarize", "channels above a level inverted", solarize_params,
           GFX_SHADERS_MINIMAL, 0),
    SHADER(GFX_SHADER_THRESHOLD, "threshold", "black and white by mean brightness",
           threshold_params, GFX_SHADERS_MINIMAL, 0),
    SHADER(GFX_SHADER_SATURATION, "saturation", "more or less colour around the luma",
           saturation_params, GFX_SHADERS_MINIMAL, 0),
    SHADER(GFX_SHADER_COLOR_GRADE, "color_grade", "per-channel multipliers (a tint)",
           color_grade_params, GFX_SHADERS_MINIMAL, 0),
    SHADER(GFX_SHADER_CHANNEL_SWAP, "channel_swap", "channels read from one another",
           channel_swap_params, GFX_SHADERS_MINIMAL, 0),
    SHADER(GFX_SHADER_COLOR_WOBBLE, "color_wobble", "channel gains swinging out of phase",
           color_wobble_params, GFX_SHADERS_MINIMAL, 0),
    SHADER(GFX_SHADER_COLOR_RAMP, "color_ramp", "grey mapped onto a two-colour ramp",
           color_ramp_params, GFX_SHADERS_MINIMAL, 0),
    SHADER(GFX_SHADER_KALEIDOSCOPE, "kaleidoscope", "mirrored wedges around the centre",
           kaleidoscope_params, GFX_SHADERS_MINIMAL, 1),
    SHADER(GFX_SHADER_MIRROR_H, "mirror_h", "one half reflected onto the other", mirror_h_params,
           GFX_SHADERS_MINIMAL, 1),
    SHADER(GFX_SHADER_MIRROR_V, "mirror_v", "top and bottom mirrored", mirror_v_params,
           GFX_SHADERS_MINIMAL, 1),
    SHADER(GFX_SHADER_MIRROR_QUAD, "mirror_quad", "one quadrant flipped into all four",
           mirror_quad_params, GFX_SHADERS_MINIMAL, 1),
    SHADER(GFX_SHADER_MIRROR_DIAG, "mirror_diag", "mirrored across the diagonal",
           mirror_diag_params, GFX_SHADERS_MINIMAL, 1),
    SHADER(GFX_SHADER_PIXELATE, "pixelate", "big square pixels", pixelate_params,
           GFX_SHADERS_MINIMAL, 1),
    SHADER(GFX_SHADER_DISPLACEMENT_MAP, "displacement_map", "smooth noise warp",
           displacement_params, GFX_SHADERS_STANDARD, 3),
    SHADER(GFX_SHADER_WAVE_DISTORT, "wave_distort", "rows rolled by a moving sine", wave_params,
           GFX_SHADERS_STANDARD, 0),
    SHADER(GFX_SHADER_CHANNEL_SHIFT, "channel_shift", "red, green and blue moved apart",
           channel_shift_params, GFX_SHADERS_STANDARD, 0),
    SHADER(GFX_SHADER_RGB_SPLIT_RADIAL, "rgb_split_radial", "colour fringes growing outwards",
           rgb_split_params, GFX_SHADERS_STANDARD, 1),
    SHADER(GFX_SHADER_EDGE_GLOW, "edge_glow", "coloured light along edges", edge_glow_params,
           GFX_SHADERS_FULL, 0),
    SHADER(GFX_SHADER_SOFT_FOCUS, "soft_focus", "dreamy blur mixed in", soft_focus_params,
           GFX_SHADERS_FULL, 0),
    SHADER(GFX_SHADER_RADIAL_BLUR, "radial_blur", "zoom blur from the centre", radial_blur_params,
           GFX_SHADERS_FULL, 1),
    SHADER(GFX_SHADER_REVERSE_VIGNETTE, "reverse_vignette", "darker centre (room for text)",
           reverse_vignette_params, GFX_SHADERS_MINIMAL, 0),
    SHADER(GFX_SHADER_HALFTONE, "halftone", "printed dots sized by brightness", halftone_params,
           GFX_SHADERS_STANDARD, 0),
    SHADER(GFX_SHADER_STATIC, "static", "TV static in 2x2 blocks", static_params, GFX_SHADERS_FULL,
           0),
    SHADER(GFX_SHADER_GLITCH_BANDS, "glitch_bands", "bands torn sideways on the beat",
           glitch_bands_params, GFX_SHADERS_STANDARD, 0),
    SHADER(GFX_SHADER_BLOCK_GLITCH, "block_glitch", "rectangles copied out of place",
           block_glitch_params, GFX_SHADERS_STANDARD, 0),
    SHADER(GFX_SHADER_PIXEL_SORT, "pixel_sort", "bright runs sorted into streaks",
           pixel_sort_params, GFX_SHADERS_FULL, 0),
    SHADER(GFX_SHADER_DATA_BEND, "data_bend", "byte chunks copied off the pixel grid",
           data_bend_params, GFX_SHADERS_STANDARD, 0),
};

const gfx_shader_desc *gfx_shader_at(int id)
{
    return &shaders[id];
}

int gfx_shader_find(const char *name)
{
    for (int i = 0; i < GFX_SHADERS; i++)
        if (!strcmp(name, shaders[i].name))
            return i;
    return -1;
}

static const char *const level_names[] = {"minimal", "standard", "full"};
const char *gfx_shader_level_name(int level)
{
    return level_names[level];
}

gfx_shader_step gfx_shader_step_default(int shader)
{
    gfx_shader_step s = {.shader = shader};
    const gfx_shader_desc *d = &shaders[shader];
    for (int j = 0; j < d->n_params; j++)
        s.params[j] = gfx_param_constant(d->params[j].def);
    return s;
}

/* ----------------------------------------------------------------- caches */
#define CHROMA_MAX_SHIFT 32 /* the chromatic shift parameter's maximum */
/* Two entries per table: a crossfade alternates between two segments'
 * settings every frame, and must not rebuild a table each time. */
#define TABLE_SLOTS 2

struct keyed_table {
    float key; /* the parameter it was built for; NAN = empty */
    void *data;
    unsigned last_use;
};

struct gfx_shader_cache {
    int width, height;
    gfx_image spare;         /* out-of-place stages write here, then swap */
    gfx_image small, small2; /* bloom at quarter size */
    uint16_t *blur_scratch;
    uint8_t *row_gain;     /* scanlines for the CRT pass */
    uint8_t *scanline_row; /* one row of the scanline gain for the vignette kernel */
    uint8_t *row_copy;     /* one RGB row, for chromatic aberration */
    struct keyed_table vignette[TABLE_SLOTS], crt[TABLE_SLOTS];
    unsigned use_clock;
    size_t bytes;
    gfx_geom_cache *geom; /* the shaders of shaders_geom.h */
};

gfx_shader_cache *gfx_shader_cache_create(int width, int height)
{
    gfx_shader_cache *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->width = width, c->height = height;
    int sw = (width + 3) / 4, sh = (height + 3) / 4;
    c->blur_scratch = malloc(GFX_BOX_BLUR3_SCRATCH(sw) * sizeof *c->blur_scratch);
    c->row_gain = malloc((size_t)height);
    c->scanline_row = malloc((size_t)width);
    c->row_copy = malloc(((size_t)width + 2 * CHROMA_MAX_SHIFT) * 3);
    if (gfx_image_alloc(&c->spare, width, height) || gfx_image_alloc(&c->small, sw, sh) ||
        gfx_image_alloc(&c->small2, sw, sh) || !c->blur_scratch || !c->row_gain ||
        !c->scanline_row || !c->row_copy || !(c->geom = gfx_geom_cache_create(width, height))) {
        gfx_shader_cache_free(c);
        return NULL;
    }
    for (int i = 0; i < TABLE_SLOTS; i++)
        c->vignette[i].key = c->crt[i].key = NAN;
    c->bytes = sizeof *c + gfx_image_bytes(&c->spare) + 2 * gfx_image_bytes(&c->small) +
               GFX_BOX_BLUR3_SCRATCH(sw) * sizeof *c->blur_scratch + (size_t)height +
               (size_t)width + ((size_t)width + 2 * CHROMA_MAX_SHIFT) * 3;
    return c;
}

void gfx_shader_cache_free(gfx_shader_cache *c)
{
    if (!c)
        return;
    gfx_image_free(&c->spare);
    gfx_image_free(&c->small);
    gfx_image_free(&c->small2);
    free(c->blur_scratch);
    free(c->row_gain);
    free(c->scanline_row);
    free(c->row_copy);
    gfx_geom_cache_free(c->geom);
    for (int i = 0; i < TABLE_SLOTS; i++) {
        free(c->vignette[i].data);
        free(c->crt[i].data);
    }
    free(c);
}

size_t gfx_shader_cache_bytes(const gfx_shader_cache *c)
{
    return c->bytes + gfx_geom_cache_bytes(c->geom);
}

/* The slot holding `key`, or the least recently used one, rebuilt. */
static void *keyed_lookup(gfx_shader_cache *c, struct keyed_table *slots, float key, size_t bytes,
                          void (*build)(gfx_shader_cache *, void *, float))
{
    struct keyed_table *victim = &slots[0];
    for (int i = 0; i < TABLE_SLOTS; i++) {
        if (slots[i].key == key && slots[i].data) {
            slots[i].last_use = ++c->use_clock;
            return slots[i].data;
        }
        if (!slots[i].data || slots[i].last_use < victim->last_use)
            victim = &slots[i];
    }
    if (!victim->data) {
        victim->data = malloc(bytes);
        if (!victim->data)
            return NULL;
        c->bytes += bytes;
    }
    build(c, victim->data, key);
    victim->key = key;
    victim->last_use = ++c->use_clock;
    return victim->data;
}

static void build_vignette(gfx_shader_cache *c, void *mask, float strength)
{
    gfx_vignette_mask_build(mask, c->width, c->width, c->height, strength);
}

static void build_crt(gfx_shader_cache *c, void *table, float curvature)
{
    gfx_crt_table_build(table, c->width, c->height, c->spare.stride, curvature);
}

/* ---------------------------------------------------------------- stages */
static void swap_with_spare(gfx_shader_cache *c, gfx_image *canvas)
{
    gfx_image t = *canvas;
    *canvas = c->spare;
    c->spare = t;
}

static void run_bloom(gfx_shader_cache *c, gfx_image *img, float threshold, float strength)
{
    const struct gfx_kernels *k = gfx_kernels_get();
    gfx_image *a = &c->small, *b = &c->small2;
    k->bloom_downsample4_threshold(a->px, a->stride, img->px, img->stride, img->width, img->height,
                                   (uint8_t)lroundf(threshold));
    for (int pass = 0; pass < 3; pass++) {
        k->box_blur3(b->px, b->stride, a->px, a->stride, a->width, a->height, c->blur_scratch);
        gfx_image *t = a;
        a = b, b = t;
    }
    k->bloom_upsample4_add(img->px, img->stride, img->width, img->height, a->px, a->stride,
                           (unsigned)lroundf(strength * 256.0f));
}

static uint8_t scanline_gain(float depth)
{
    return (uint8_t)(255 - lroundf(depth * 255.0f));
}

/* Odd rows times the gain: the vignette kernel on one row at a time, with
 * a constant one-row mask. */
static void run_scanlines(gfx_shader_cache *c, gfx_image *img, float depth)
{
    memset(c->scanline_row, scanline_gain(depth), (size_t)img->width);
    const struct gfx_kernels *k = gfx_kernels_get();
    for (int y = 1; y < img->height; y += 2)
        k->vignette(img->px + y * img->stride, img->stride, img->width, 1, c->scanline_row,
                    img->width);
}

/* Red sampled `shift` pixels to the right, blue `shift` to the left, edges
 * clamped. The row is copied with `shift` replicated pixels on each side,
 * then every output byte picks its channel's source through byte masks in
 * blocks of 48 (a multiple of 3 and of the vector width), which the
 * compiler vectorizes: no stride-3 gathers. */
enum { CHROMA_BLOCK = 48 };
static void chroma_row(uint8_t *restrict out, const uint8_t *restrict mid, size_t n, size_t off,
                       const uint8_t *restrict mask_r, const uint8_t *restrict mask_g,
                       const uint8_t *restrict mask_b)
{
    size_t i = 0;
    for (; i + CHROMA_BLOCK <= n; i += CHROMA_BLOCK)
        for (int k = 0; k < CHROMA_BLOCK; k++)
            out[i + k] = (uint8_t)((mid[i + k + off] & mask_r[k]) | (mid[i + k] & mask_g[k]) |
                                   (mid[i + k - off] & mask_b[k]));
    for (; i < n; i++)
        out[i] = i % 3 == 0 ? mid[i + off] : i % 3 == 1 ? mid[i] : mid[i - off];
}

static void run_chromatic(gfx_shader_cache *c, gfx_image *img, int shift)
{
    int w = img->width;
    if (shift <= 0)
        return;
    if (shift > CHROMA_MAX_SHIFT)
        shift = CHROMA_MAX_SHIFT;
    uint8_t mask_r[CHROMA_BLOCK], mask_g[CHROMA_BLOCK], mask_b[CHROMA_BLOCK];
    for (int k = 0; k < CHROMA_BLOCK; k++) {
        mask_r[k] = k % 3 == 0 ? 0xff : 0;
        mask_g[k] = k % 3 == 1 ? 0xff : 0;
        mask_b[k] = k % 3 == 2 ? 0xff : 0;
    }
    size_t off = 3 * (size_t)shift, row_bytes = 3 * (size_t)w;
    uint8_t *mid = c->row_copy + off;
    for (int y = 0; y < img->height; y++) {
        uint8_t *p = img->px + y * img->stride;
        memcpy(mid, p, row_bytes);
        for (size_t k = 0; k < off; k += 3) {
            memcpy(c->row_copy + k, p, 3);
            memcpy(mid + row_bytes + k, p + row_bytes - 3, 3);
        }
        chroma_row(p, mid, row_bytes, off, mask_r, mask_g, mask_b);
    }
}

static void run_lut3(gfx_image *img, const gfx_lut3 *lut)
{
    gfx_kernels_get()->lut3(img->px, img->stride, img->px, img->stride, img->width, img->height,
                            lut);
}

static void run_matrix(gfx_image *img, const gfx_colour_matrix *cm)
{
    gfx_kernels_get()->colour_matrix(img->px, img->stride, img->px, img->stride, img->width,
                                     img->height, cm);
}

/* The catalogue's colour wobble: channel c's gain 1 + a sin(speed t + c 2pi/3)
 * (phases 0, 2.09, 4.19), a = amount (0.5 + 0.8 rms); t the section clock. */
static void color_wobble_matrix(gfx_colour_matrix *cm, float amount, float speed,
                                const gfx_param_inputs *in)
{
    double a = amount * (0.5 + 0.8 * (in->feat ? in->feat->rms : 0.0f)), gain[3];
    for (int c = 0; c < 3; c++)
        gain[c] = fmax(0.0, 1.0 + a * sin(speed * in->time + c * 2.0 * M_PI / 3.0));
    gfx_colour_matrix_grade(cm, gain[0], gain[1], gain[2]);
}

/* The mean grey (rounded up, exact) in all three channels. */
static void run_mean_grey(gfx_image *img)
{
    gfx_colour_matrix grey;
    gfx_colour_matrix_mean_grey(&grey);
    run_matrix(img, &grey);
}

/* White where the mean of the three channels is above the threshold,
 * black elsewhere: for a whole t, mean > t is ceil(mean) > t, so the
 * exact rounded-up grey and a table do it on the kernels. */
static void run_threshold(gfx_image *img, float threshold)
{
    run_mean_grey(img);
    gfx_lut3 lut;
    gfx_lut3_threshold(&lut, (int)lroundf(threshold));
    run_lut3(img, &lut);
}

static void run_color_ramp(gfx_image *img, const float *p)
{
    run_mean_grey(img);
    uint8_t stops[2][3];
    for (int i = 0; i < 6; i++)
        stops[i / 3][i % 3] = (uint8_t)lroundf(p[i]);
    gfx_lut3 lut;
    gfx_lut3_ramp(&lut, (const uint8_t(*)[3])stops, 2);
    run_lut3(img, &lut);
}

/* The table of a curve shader; 0 when `shader` is not one. */
static int curve_table(int shader, const float *p, gfx_lut3 *lut)
{
    switch (shader) {
    case GFX_SHADER_POSTERIZE: gfx_lut3_posterize(lut, (int)lroundf(p[0])); return 1;
    case GFX_SHADER_INVERT: gfx_lut3_invert(lut, p[0]); return 1;
    case GFX_SHADER_LEVELS: gfx_lut3_levels(lut, p[0], p[1], p[2]); return 1;
    case GFX_SHADER_CONTRAST: gfx_lut3_contrast(lut, p[0]); return 1;
    case GFX_SHADER_GAMMA: gfx_lut3_gamma(lut, p[0]); return 1;
    case GFX_SHADER_BRIGHTNESS: gfx_lut3_brightness(lut, p[0]); return 1;
    case GFX_SHADER_SOLARIZE: gfx_lut3_solarize(lut, p[0]); return 1;
    default: return 0;
    }
}

/* The matrix of a linear colour shader; 0 when `shader` is not one. */
static int linear_matrix(int shader, const float *p, const gfx_param_inputs *in,
                         gfx_colour_matrix *cm)
{
    switch (shader) {
    case GFX_SHADER_SATURATION: gfx_colour_matrix_saturation(cm, p[0]); return 1;
    case GFX_SHADER_COLOR_GRADE: gfx_colour_matrix_grade(cm, p[0], p[1], p[2]); return 1;
    case GFX_SHADER_CHANNEL_SWAP: {
        const int from[3] = {(int)lroundf(p[0]), (int)lroundf(p[1]), (int)lroundf(p[2])};
        gfx_colour_matrix_channels(cm, from);
        return 1;
    }
    case GFX_SHADER_COLOR_WOBBLE: color_wobble_matrix(cm, p[0], p[1], in); return 1;
    default: return 0;
    }
}

static void run_colour(gfx_image *img, int shader, const float *p, const gfx_param_inputs *in)
{
    gfx_lut3 lut;
    gfx_colour_matrix cm;
    if (curve_table(shader, p, &lut))
        run_lut3(img, &lut);
    else if (linear_matrix(shader, p, in, &cm))
        run_matrix(img, &cm);
    else if (shader == GFX_SHADER_THRESHOLD)
        run_threshold(img, p[0]);
    else if (shader == GFX_SHADER_COLOR_RAMP)
        run_color_ramp(img, p);
}

static inline int clamp_byte(int v)
{
    return v < 0 ? 0 : v > 255 ? 255 : v;
}

/* Rotation around the grey axis in luma-preserving form (gfx_hue_rotation,
 * the matrix of SVG's feColorMatrix hueRotate), in Q10. The bias keeps
 * every sum non-negative before the shift (the coefficients are above
 * -1024). */
void gfx_hue_rotate_cells(gfx_cell *cells, int n, float degrees)
{
    double m[3][3];
    gfx_hue_rotation(m, degrees * M_PI / 180.0);
    int q[9];
    for (int i = 0; i < 9; i++)
        q[i] = (int)lround(m[i / 3][i % 3] * 1024.0);
    const int bias = 512 + (3 << 18); /* 3 * 1024 * 256 > |most negative sum| */
    for (int i = 0; i < n; i++) {
        gfx_cell *c = &cells[i];
        int r = c->r, g = c->g, b = c->b;
        c->r = (uint8_t)clamp_byte(((q[0] * r + q[1] * g + q[2] * b + bias) >> 10) - (3 << 8));
        c->g = (uint8_t)clamp_byte(((q[3] * r + q[4] * g + q[5] * b + bias) >> 10) - (3 << 8));
        c->b = (uint8_t)clamp_byte(((q[6] * r + q[7] * g + q[8] * b + bias) >> 10) - (3 << 8));
    }
}

/* The step is in the chain this frame: its level and its beat window. */
static int step_runs(const gfx_shader_step *step, int max_level, const gfx_param_inputs *in)
{
    if (shaders[step->shader].level > max_level)
        return 0;
    return step->beats_every <= 0 ||
           (in->beats / step->beats_every) % step->beats_of == step->beats_at;
}

float gfx_shaders_hue_degrees(const gfx_shader_step *steps, int n, int max_level,
                              const gfx_param_inputs *in)
{
    float total = 0.0f;
    for (int i = 0; i < n; i++)
        if (steps[i].shader == GFX_SHADER_HUE_ROTATE && step_runs(&steps[i], max_level, in))
            total += gfx_param_eval(&steps[i].params[0], &hue_rotate_params[0], in);
    return total;
}

int gfx_shaders_apply(gfx_shader_cache *c, gfx_image *canvas, const gfx_shader_step *steps, int n,
                      int max_level, const gfx_param_inputs *in, uint32_t seed, int frame)
{
    const struct gfx_kernels *k = gfx_kernels_get();
    for (int i = 0; i < n; i++) {
        const gfx_shader_desc *d = &shaders[steps[i].shader];
        if (!step_runs(&steps[i], max_level, in))
            continue;
        float p[GFX_MAX_PARAMS] = {0};
        for (int j = 0; j < d->n_params; j++)
            p[j] = gfx_param_eval(&steps[i].params[j], &d->params[j], in);
        switch (steps[i].shader) {
        case GFX_SHADER_BLOOM: run_bloom(c, canvas, p[0], p[1]); break;
        case GFX_SHADER_VIGNETTE: {
            const uint8_t *mask = keyed_lookup(
                c, c->vignette, p[0], (size_t)c->width * (size_t)c->height, build_vignette);
            if (!mask)
                return -1;
            k->vignette(canvas->px, canvas->stride, c->width, c->height, mask, c->width);
            break;
        }
        case GFX_SHADER_CRT: {
            const uint32_t *table =
                keyed_lookup(c, c->crt, p[0], (size_t)c->width * (size_t)c->height * 4, build_crt);
            if (!table)
                return -1;
            int depth = 0;
            const gfx_shader_step *next = i + 1 < n ? &steps[i + 1] : NULL;
            if (next && next->shader == GFX_SHADER_SCANLINES && step_runs(next, max_level, in)) {
                depth =
                    255 - scanline_gain(gfx_param_eval(&next->params[0], &scanline_params[0], in));
                i++; /* fused into this pass */
            }
            gfx_scanline_gain_build(c->row_gain, c->height, depth);
            k->crt(c->spare.px, c->spare.stride, canvas->px, table, c->width, c->height,
                   c->row_gain);
            swap_with_spare(c, canvas);
            break;
        }
        case GFX_SHADER_SCANLINES: run_scanlines(c, canvas, p[0]); break;
        case GFX_SHADER_GRAIN:
            k->grain(canvas->px, canvas->stride, c->width, c->height,
                     gfx_noise_key(seed, (uint32_t)frame, 0x6a000000u + (uint32_t)i),
                     (int)lroundf(p[0]));
            break;
        case GFX_SHADER_CHROMATIC: run_chromatic(c, canvas, (int)lroundf(p[0])); break;
        case GFX_SHADER_HUE_ROTATE: break; /* done on the cells: gfx_hue_rotate_cells */
        default:
            if (!gfx_geom_shader_owns(steps[i].shader)) {
                run_colour(canvas, steps[i].shader, p, in);
            } else {
                const gfx_geom_step g = {
                    .shader = steps[i].shader,
                    .p = p,
                    .in = in,
                    .frame_key = gfx_noise_key(seed, (uint32_t)frame, 0x6b000000u + (uint32_t)i),
                    .seed_key = gfx_noise_key(seed, 0, 0x6c000000u + (uint32_t)i),
                };
                if (gfx_geom_shader_apply(c->geom, &g, canvas, &c->spare))
                    return -1;
            }
            break;
        }
    }
    return 0;
}
